//! A small HTTP/1.1 server on a loopback port: every stand-in is one of these, with a
//! handler that turns a buffered request into a response.

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;

/// A request as the handlers see it, its body read.
#[derive(Clone, Debug)]
pub struct Request {
    pub method: hyper::Method,
    /// Path and query.
    pub target: String,
    /// `host:port` of an absolute-form request line (what a forward proxy receives).
    pub authority: Option<String>,
    /// The scheme of an absolute-form request line.
    pub scheme: Option<String>,
    /// The client's address (one per connection).
    pub peer: SocketAddr,
    pub headers: hyper::HeaderMap,
    pub body: Bytes,
    /// The DER of the certificate the client presented (on a mutual-TLS endpoint).
    pub client_certificate: Option<Bytes>,
}

impl Request {
    pub fn path(&self) -> &str {
        self.target.split('?').next().unwrap_or("")
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
}

pub type Response = hyper::Response<Body>;

/// A response body: whole, or cut short (the connection then closes before the
/// announced `Content-Length` is reached, as when a server dies mid-answer).
#[derive(Debug, Default)]
pub struct Body {
    data: Option<Bytes>,
    then_fail: bool,
}

impl Body {
    /// The whole body.
    pub fn full(data: impl Into<Bytes>) -> Body {
        Body { data: Some(data.into()), then_fail: false }
    }

    /// The data of a whole body (what a batch answer embeds).
    pub(crate) fn into_bytes(self) -> Bytes {
        self.data.unwrap_or_default()
    }

    /// `data`, then a broken connection.
    pub fn cut_short(data: impl Into<Bytes>) -> Body {
        Body { data: Some(data.into()), then_fail: true }
    }
}

impl hyper::body::Body for Body {
    type Data = Bytes;
    type Error = std::io::Error;

    fn poll_frame(
        mut self: std::pin::Pin<&mut Self>,
        _: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Result<hyper::body::Frame<Bytes>, std::io::Error>>> {
        if let Some(data) = self.data.take().filter(|d| !d.is_empty()) {
            return std::task::Poll::Ready(Some(Ok(hyper::body::Frame::data(data))));
        }
        if std::mem::take(&mut self.then_fail) {
            return std::task::Poll::Ready(Some(Err(std::io::Error::other("the sandbox cut the body short"))));
        }
        std::task::Poll::Ready(None)
    }

    fn is_end_stream(&self) -> bool {
        self.data.as_ref().is_none_or(Bytes::is_empty) && !self.then_fail
    }

    fn size_hint(&self) -> hyper::body::SizeHint {
        match (&self.data, self.then_fail) {
            (_, true) => hyper::body::SizeHint::default(),
            (Some(d), false) => hyper::body::SizeHint::with_exact(d.len() as u64),
            (None, false) => hyper::body::SizeHint::with_exact(0),
        }
    }
}

/// Marks a response whose connection is to be dropped without an answer.
#[derive(Clone, Copy, Debug)]
pub struct DropConnection;

/// A response with a JSON body.
pub fn json(status: u16, body: &serde_json::Value) -> Response {
    hyper::Response::builder()
        .status(status)
        .header("Content-Type", "application/json")
        .body(Body::full(body.to_string()))
        .unwrap_or_else(|_| hyper::Response::new(Body::default()))
}

/// A response with a body of the given content type.
pub fn raw(status: u16, content_type: &str, body: impl Into<Bytes>) -> Response {
    hyper::Response::builder()
        .status(status)
        .header("Content-Type", content_type)
        .body(Body::full(body))
        .unwrap_or_else(|_| hyper::Response::new(Body::default()))
}

/// Serves `handler` with state made once the port is known (stand-ins name their own
/// URL in it); answers 503 in the moment before.
pub(crate) async fn serve_with<S, H, F>(make: impl FnOnce(SocketAddr) -> S, handler: H) -> std::io::Result<Arc<S>>
where
    S: Send + Sync + 'static,
    H: Fn(Arc<S>, Request) -> F + Send + Sync + 'static,
    F: Future<Output = Response> + Send + 'static,
{
    let slot: Arc<std::sync::OnceLock<Arc<S>>> = Arc::new(std::sync::OnceLock::new());
    let handler_slot = slot.clone();
    let addr = serve(move |request| {
        let pending = handler_slot.get().cloned().map(|state| handler(state, request));
        async move {
            match pending {
                Some(response) => response.await,
                None => json(503, &serde_json::json!({"error": "starting"})),
            }
        }
    })
    .await?;
    let state = Arc::new(make(addr));
    let _ = slot.set(state.clone());
    Ok(state)
}

/// Locks, whatever a panicking holder left behind.
pub(crate) fn lock<T>(m: &std::sync::Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

/// Binds a loopback port and serves `handler` on the current tokio runtime until the
/// runtime stops.
pub async fn serve<H, F>(handler: H) -> std::io::Result<SocketAddr>
where
    H: Fn(Request) -> F + Send + Sync + 'static,
    F: Future<Output = Response> + Send + 'static,
{
    serve_on(None, handler).await
}

/// Like [`serve`], over TLS with `config` (which may ask for client certificates; the
/// one presented reaches the handler as [`Request::client_certificate`]).
pub(crate) async fn serve_tls<H, F>(config: Arc<rustls::ServerConfig>, handler: H) -> std::io::Result<SocketAddr>
where
    H: Fn(Request) -> F + Send + Sync + 'static,
    F: Future<Output = Response> + Send + 'static,
{
    serve_on(Some(tokio_rustls::TlsAcceptor::from(config)), handler).await
}

async fn serve_on<H, F>(tls: Option<tokio_rustls::TlsAcceptor>, handler: H) -> std::io::Result<SocketAddr>
where
    H: Fn(Request) -> F + Send + Sync + 'static,
    F: Future<Output = Response> + Send + 'static,
{
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", 0)).await?;
    let addr = listener.local_addr()?;
    let handler = Arc::new(handler);
    tokio::spawn(async move {
        loop {
            let Ok((stream, peer)) = listener.accept().await else { continue };
            let handler = handler.clone();
            let tls = tls.clone();
            tokio::spawn(async move {
                match tls {
                    None => serve_connection(stream, peer, None, handler).await,
                    Some(acceptor) => {
                        // A failed handshake (say, a certificate the CA did not issue)
                        // ends the connection; the client sees a TLS error.
                        let Ok(stream) = acceptor.accept(stream).await else { return };
                        let certificate = stream
                            .get_ref()
                            .1
                            .peer_certificates()
                            .and_then(|chain| chain.first())
                            .map(|c| Bytes::copy_from_slice(c.as_ref()));
                        serve_connection(stream, peer, certificate, handler).await
                    }
                }
            });
        }
    });
    Ok(addr)
}

/// The largest request body the stand-ins read (64 MiB); a larger one is answered `413`.
pub const MAX_REQUEST_BODY: usize = 64 << 20;

/// Serves HTTP/1.1 requests on one accepted connection.
async fn serve_connection<IO, H, F>(io: IO, peer: SocketAddr, client_certificate: Option<Bytes>, handler: Arc<H>)
where
    IO: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin + Send + 'static,
    H: Fn(Request) -> F + Send + Sync + 'static,
    F: Future<Output = Response> + Send + 'static,
{
    let service = service_fn(move |request: hyper::Request<Incoming>| {
        let handler = handler.clone();
        let client_certificate = client_certificate.clone();
        async move {
            let (parts, body) = request.into_parts();
            // Read whole, up to a limit: a larger body is 413, a broken one 400 (never
            // handled as if it were empty).
            let body = match http_body_util::Limited::new(body, MAX_REQUEST_BODY).collect().await {
                Ok(collected) => collected.to_bytes(),
                Err(e) if e.is::<http_body_util::LengthLimitError>() => {
                    return Ok(raw(
                        413,
                        "text/plain",
                        format!("request bodies are limited to {MAX_REQUEST_BODY} bytes"),
                    ));
                }
                Err(_) => return Ok(raw(400, "text/plain", "the request body could not be read")),
            };
            let target = parts.uri.path_and_query().map(|p| p.as_str().to_owned()).unwrap_or_default();
            let authority = parts.uri.authority().map(|a| a.as_str().to_owned());
            let scheme = parts.uri.scheme_str().map(str::to_owned);
            let request = Request {
                method: parts.method,
                target,
                authority,
                scheme,
                peer,
                headers: parts.headers,
                body,
                client_certificate,
            };
            let response = handler(request).await;
            if response.extensions().get::<DropConnection>().is_some() {
                return Err(std::io::Error::other("the sandbox drops this connection"));
            }
            Ok(response)
        }
    });
    let _ = hyper::server::conn::http1::Builder::new().serve_connection(TokioIo::new(io), service).await;
}

/// Sends `request` (its path, headers and body) to `target` on a new connection, with
/// `headers` replacing the request's own: what a proxy or tunnel does.
pub async fn forward(target: SocketAddr, request: &Request, headers: hyper::HeaderMap) -> Result<Response, String> {
    let stream = tokio::net::TcpStream::connect(target).await.map_err(|e| e.to_string())?;
    let (mut sender, connection) =
        hyper::client::conn::http1::handshake(TokioIo::new(stream)).await.map_err(|e| e.to_string())?;
    tokio::spawn(connection);
    let mut outgoing = hyper::Request::builder()
        .method(request.method.clone())
        .uri(&request.target)
        .body(Full::new(request.body.clone()))
        .map_err(|e| e.to_string())?;
    *outgoing.headers_mut() = headers;
    let response = sender.send_request(outgoing).await.map_err(|e| e.to_string())?;
    let (parts, body) = response.into_parts();
    let body = body.collect().await.map_err(|e| e.to_string())?.to_bytes();
    Ok(hyper::Response::from_parts(parts, Body::full(body)))
}

/// Decodes `application/x-www-form-urlencoded`.
pub fn form(body: &[u8]) -> Vec<(String, String)> {
    String::from_utf8_lossy(body)
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            (percent_decode(k, true), percent_decode(v, true))
        })
        .collect()
}

/// `%XX`-escapes every byte but ASCII letters, digits and those in `keep`.
pub(crate) fn percent_encode(text: &str, keep: &[u8]) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || keep.contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Decodes `%XX` escapes (and, in forms, `+` as a space).
pub(crate) fn percent_decode(text: &str, plus_is_space: bool) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' if plus_is_space => out.push(b' '),
            b'%' if i + 2 < bytes.len() => {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap_or("");
                match u8::from_str_radix(hex, 16) {
                    Ok(b) => {
                        out.push(b);
                        i += 2;
                    }
                    Err(_) => out.push(b'%'),
                }
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    /// Sends `length` bytes of body to a server that answers with the length it read,
    /// and returns the status line it answers with.
    async fn put(addr: SocketAddr, length: usize) -> String {
        let stream = tokio::net::TcpStream::connect(addr).await.unwrap();
        let (mut read, mut write) = stream.into_split();
        let writer = tokio::spawn(async move {
            let head = format!("PUT /x HTTP/1.1\r\nHost: x\r\nContent-Length: {length}\r\n\r\n");
            write.write_all(head.as_bytes()).await?;
            let chunk = vec![b'a'; 1 << 20];
            let mut left = length;
            while left > 0 {
                let n = left.min(chunk.len());
                write.write_all(&chunk[..n]).await?;
                left -= n;
            }
            // Kept open: a client that shuts its side down is gone, for hyper.
            std::future::pending::<()>().await;
            std::io::Result::Ok(())
        });
        let mut answer = Vec::new();
        let mut buf = [0u8; 1024];
        while !answer.windows(2).any(|w| w == b"\r\n") {
            match read.read(&mut buf).await.unwrap() {
                0 => break,
                n => answer.extend_from_slice(&buf[..n]),
            }
        }
        writer.abort(); // the server may stop reading once it has answered
        String::from_utf8_lossy(&answer).lines().next().unwrap_or_default().to_owned()
    }

    #[tokio::test]
    async fn a_body_over_the_limit_is_413_and_one_at_the_limit_is_read() {
        let addr = serve(|request: Request| async move { raw(200, "text/plain", request.body.len().to_string()) })
            .await
            .unwrap();
        assert_eq!(put(addr, 10).await, "HTTP/1.1 200 OK");
        assert_eq!(put(addr, MAX_REQUEST_BODY).await, "HTTP/1.1 200 OK");
        assert_eq!(put(addr, MAX_REQUEST_BODY + 1).await, "HTTP/1.1 413 Payload Too Large");
    }
}
