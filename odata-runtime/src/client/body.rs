//! Reading bodies within a limit: a `Content-Length` above it fails before anything is
//! read, a body sent in chunks fails as soon as it passes it. Nothing a server sends can
//! grow the process beyond the limit (plus one chunk).

/// Data and `$batch` bodies: 64 MiB unless the client or the call says otherwise.
pub const DEFAULT_MAX_BODY: u64 = 64 << 20;
/// Error bodies, token answers and destination answers: 1 MiB.
pub const DEFAULT_MAX_SMALL_BODY: u64 = 1 << 20;

/// Why a body was not read whole.
pub(crate) enum ReadError {
    /// The connection failed or was cut.
    Transport(reqwest::Error),
    /// The body is (or was announced as) larger than the limit.
    TooLarge,
}

impl ReadError {
    /// The error a caller sees: [`Error::TooLarge`](crate::Error::TooLarge) naming the
    /// body, its limit and the setting that raises it, or what `transport` makes of a
    /// failed connection.
    pub(crate) fn into_error(
        self,
        url: &str,
        what: &'static str,
        limit: u64,
        raise: &'static str,
        transport: impl FnOnce(reqwest::Error) -> crate::Error,
    ) -> crate::Error {
        match self {
            ReadError::Transport(e) => transport(e),
            ReadError::TooLarge => crate::Error::TooLarge { url: url.to_owned(), what, limit, raise },
        }
    }
}

/// Reads a whole body of at most `limit` bytes into one buffer of the announced length,
/// chunk by chunk as it arrives: one copy, and never the chunks and the joined body at
/// once.
pub(crate) async fn read(mut response: reqwest::Response, limit: u64) -> Result<bytes::Bytes, ReadError> {
    let announced = response.content_length().unwrap_or(0);
    if announced > limit {
        return Err(ReadError::TooLarge);
    }
    let mut body = bytes::BytesMut::with_capacity(announced as usize);
    while let Some(chunk) = response.chunk().await.map_err(ReadError::Transport)? {
        if (body.len() + chunk.len()) as u64 > limit {
            return Err(ReadError::TooLarge);
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body.freeze())
}

/// A caller's stream as a request body (streamed media uploads). The mutex only makes
/// the body `Sync`, as reqwest asks; it is never contended.
pub(crate) struct StreamBody(std::sync::Mutex<crate::plan::UploadStream>);

impl StreamBody {
    pub(crate) fn new(stream: crate::plan::UploadStream) -> Self {
        StreamBody(std::sync::Mutex::new(stream))
    }
}

impl http_body::Body for StreamBody {
    type Data = bytes::Bytes;
    type Error = std::io::Error;

    fn poll_frame(
        self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Result<http_body::Frame<bytes::Bytes>, std::io::Error>>> {
        let stream = self.get_mut().0.get_mut().unwrap_or_else(std::sync::PoisonError::into_inner);
        stream.as_mut().poll_next(cx).map(|chunk| chunk.map(|r| r.map(http_body::Frame::data)))
    }
}
