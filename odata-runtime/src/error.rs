//! The runtime's one error type.

use std::fmt;

/// What went wrong with a request. Messages never contain tokens, passwords or cookies.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub enum Error {
    /// The request could not be built: a bad service URL, header or argument.
    InvalidInput(String),
    /// No usable response: connection refused or reset, TLS failure, timeout.
    Transport {
        /// The URL (without credentials).
        url: String,
        /// Whether the request timed out.
        timeout: bool,
        /// What the HTTP stack reported, with its causes.
        message: String,
        /// The HTTP stack's error (reqwest, and under it hyper's or the OS's), also
        /// reached through [`std::error::Error::source`]; without the URL.
        source: Option<std::sync::Arc<dyn std::error::Error + Send + Sync>>,
    },
    /// The server answered with an error status; the OData error body is decoded.
    Http(HttpError),
    /// The body is not what the service's metadata promises.
    Decode {
        /// The URL (without credentials).
        url: String,
        /// Where in the JSON it went wrong, e.g. `d.results[3].CreationDate`.
        path: String,
        /// What was wrong there.
        message: String,
    },
    /// A success status with a body that is not OData JSON, such as the HTML login page
    /// SAP systems send when a session has expired.
    UnexpectedContent {
        /// The URL (without credentials).
        url: String,
        /// The HTTP status.
        status: u16,
        /// The `Content-Type` the server sent.
        content_type: String,
    },
    /// An OAuth token could not be had from the token endpoint (XSUAA).
    Token {
        /// The token endpoint (without credentials).
        endpoint: String,
        /// The HTTP status, when there was an answer.
        status: Option<u16>,
        /// Why: the endpoint's `error_description`, a transport failure, a bad body.
        message: String,
    },
    /// The call goes to an on-premise system in the user's name (principal
    /// propagation) and has no user: refused before anything was sent.
    UserTokenRequired,
    /// A destination could not be had from the destination service.
    Destination {
        /// The destination's name.
        name: String,
        /// The HTTP status, when there was an answer.
        status: Option<u16>,
        /// Why (the service's `ErrorMessage`, a token error, a transport failure).
        message: String,
    },
    /// A `$batch` answer that cannot be read: not multipart (or JSON) as announced,
    /// fewer answers than requests, a part that is not an HTTP response.
    Batch {
        /// The batch URL (without credentials).
        url: String,
        /// Which part was wrong (`part 2`, `part 2.1` inside a changeset,
        /// `responses[3]` in JSON).
        part: String,
        /// What was wrong there.
        message: String,
    },
    /// A list's next links cannot be followed: one repeats an earlier one, there are
    /// more pages than the limit, or a link leaves the service root.
    Paging {
        /// The URL (without credentials) of the page that carried the link.
        url: String,
        /// What was wrong with the link.
        message: String,
    },
    /// A body the server sent (or announced) is larger than the limit the client reads:
    /// nothing past the limit was read.
    TooLarge {
        /// The URL (without credentials) or the endpoint.
        url: String,
        /// Which body: `response body`, `token answer`, `destination answer`.
        what: &'static str,
        /// The limit, in bytes.
        limit: u64,
        /// The setting that raises it.
        raise: &'static str,
    },
    /// An incoming token was not accepted (see [`Refusal`]): answer `401` (or `503`
    /// when [`Refusal::is_unavailable`]).
    Unauthenticated(Refusal),
    /// A service binding (`VCAP_SERVICES`, mounted files) is missing or incomplete.
    Binding {
        /// The service (`xsuaa`, `connectivity`, `destination`) or instance name.
        service: String,
        /// What is missing or wrong (`credentials.clientid`, …).
        message: String,
    },
}

/// An error status with what the server said about it (V2 and V4 error bodies).
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct HttpError {
    /// The HTTP status.
    pub status: u16,
    /// The URL (without credentials).
    pub url: String,
    /// The OData error code (`SY/530`, `412`, …) when the body had one.
    pub code: Option<String>,
    /// The OData error message, or a short excerpt of a body that was not OData JSON.
    pub message: String,
    /// How long the server asked to wait before trying again (`Retry-After` on a `429`
    /// or `503`).
    pub retry_after: Option<std::time::Duration>,
}

impl HttpError {
    /// The HTTP status.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// The URL (without credentials).
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The OData error code (`SY/530`, `412`, …) when the body had one.
    pub fn code(&self) -> Option<&str> {
        self.code.as_deref()
    }

    /// The OData error message, or a short excerpt of a body that was not OData JSON.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// How long the server asked to wait before trying again (`Retry-After`).
    pub fn retry_after(&self) -> Option<std::time::Duration> {
        self.retry_after
    }

    /// The error of `status` at `url`, with the code and message the body's OData
    /// error carries (V2 or V4), or an excerpt of a body that is not one.
    pub(crate) fn from_body(status: u16, url: String, body: &[u8]) -> Self {
        let (code, message) = crate::format::decode_error(body);
        HttpError { status, url, code, message, retry_after: None }
    }
}

impl Error {
    /// The HTTP status, for [`Error::Http`] and [`Error::UnexpectedContent`].
    pub fn status(&self) -> Option<u16> {
        match self {
            Error::Http(e) => Some(e.status),
            Error::UnexpectedContent { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// Whether the entity changed since it was read (`412 Precondition Failed` on an
    /// `If-Match` ETag).
    pub fn is_etag_conflict(&self) -> bool {
        self.status() == Some(412)
    }

    /// Whether the entity or set does not exist (`404`).
    pub fn is_not_found(&self) -> bool {
        self.status() == Some(404)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::InvalidInput(m) => write!(f, "invalid request: {m}"),
            Error::Transport { url, timeout: true, message, .. } => write!(f, "{url}: no answer in time: {message}"),
            Error::Transport { url, message, .. } => write!(f, "{url}: request failed: {message}"),
            Error::Http(e) => {
                write!(f, "{}: the server answered {}", e.url, e.status)?;
                // A code that only repeats the status (`404`) is not said twice.
                if let Some(code) = e.code.as_deref().filter(|c| c.trim() != e.status.to_string()) {
                    write!(f, " ({code})")?;
                }
                write!(f, ": {}", e.message)
            }
            Error::Decode { url, path, message } => {
                write!(f, "{url}: unexpected response at `{path}`: {message}")
            }
            Error::UnexpectedContent { url, status, content_type } if content_type.contains("html") => write!(
                f,
                "{url}: the server answered with an HTML page (status {status}): the session or credentials are probably invalid"
            ),
            Error::UnexpectedContent { url, status, content_type } => {
                write!(f, "{url}: expected OData JSON, got `{content_type}` (status {status})")
            }
            Error::Token { endpoint, status: Some(status), message } => {
                write!(f, "token request to {endpoint} failed with status {status}: {message}")
            }
            Error::Token { endpoint, status: None, message } => {
                write!(f, "token request to {endpoint} failed: {message}")
            }
            Error::UserTokenRequired => f.write_str(
                "this call reaches an on-premise system in the user's name (principal propagation) and needs the \
                 XSUAA token of an authenticated user: add .as_user(&token); nothing was sent",
            ),
            Error::Destination { name, status: Some(status), message } => {
                write!(f, "destination {name}: the destination service answered {status}: {message}")
            }
            Error::Destination { name, status: None, message } => write!(f, "destination {name}: {message}"),
            Error::Binding { service, message } => write!(f, "service binding `{service}`: {message}"),
            Error::Paging { url, message } => write!(f, "{url}: paging stopped: {message}"),
            Error::TooLarge { url, what, limit, raise } => write!(
                f,
                "{url}: the {what} is larger than the limit of {limit} bytes; nothing past it was read ({raise} raises the limit)"
            ),
            Error::Batch { url, part, message } => write!(f, "{url}: the batch answer is malformed at {part}: {message}"),
            Error::Unauthenticated(refusal) => write!(f, "token refused: {refusal}"),
        }
    }
}

impl std::error::Error for Error {
    /// The HTTP stack's error behind [`Error::Transport`].
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Transport { source: Some(source), .. } => Some(source.as_ref()),
            _ => None,
        }
    }
}

/// Why an incoming token was not accepted. Says what was wrong, never the token.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Refusal {
    /// No `Authorization: Bearer <token>` header, or not exactly one.
    Missing(&'static str),
    /// Not a JWT on its face (too long, not base64url, not JSON): refused before any
    /// key was looked up.
    Malformed(&'static str),
    /// Signed with another algorithm than RS256 (`none`, `HS256`, …).
    Algorithm(String),
    /// The header's `jku` (where its key would be fetched) is not on the binding's UAA
    /// domain, or the token's issuer is not the binding's identity service.
    UntrustedIssuer(String),
    /// No key of the issuer has the token's `kid`.
    UnknownKey,
    /// The signature does not match the token.
    BadSignature,
    /// `exp` is past (beyond the leeway).
    Expired,
    /// `nbf` is in the future (beyond the leeway).
    NotYetValid,
    /// Issued for another client (`aud`, or scopes of another `xsappname`).
    WrongAudience,
    /// Issued in a tenant this application does not serve.
    WrongTenant,
    /// The issuer's keys could not be had (the token may be fine): `url` and why.
    KeysUnavailable {
        /// The JWKS or discovery URL.
        url: String,
        /// What failed.
        message: String,
    },
}

impl Refusal {
    /// Whether the fault is on this side (the keys could not be fetched), not the
    /// token's: answer `503`, not `401`.
    pub fn is_unavailable(&self) -> bool {
        matches!(self, Refusal::KeysUnavailable { .. })
    }
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Refusal::Missing(why) => write!(f, "no bearer token: {why}"),
            Refusal::Malformed(why) => write!(f, "not a JWT: {why}"),
            Refusal::Algorithm(alg) => write!(f, "signed with {alg:?}; only RS256 is accepted"),
            Refusal::UntrustedIssuer(why) => write!(f, "untrusted issuer: {why}"),
            Refusal::UnknownKey => f.write_str("no key of the issuer has the token's kid"),
            Refusal::BadSignature => f.write_str("the signature does not match"),
            Refusal::Expired => f.write_str("expired"),
            Refusal::NotYetValid => f.write_str("not valid yet (nbf)"),
            Refusal::WrongAudience => f.write_str("issued for another client (audience)"),
            Refusal::WrongTenant => f.write_str("issued in a tenant this application does not serve"),
            Refusal::KeysUnavailable { url, message } => {
                write!(f, "the signing keys at {url} are unavailable: {message}")
            }
        }
    }
}

/// An error's message followed by those of its sources (`a: b: c`).
pub(crate) fn with_sources(e: &dyn std::error::Error) -> String {
    let mut message = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        message.push_str(": ");
        message.push_str(&s.to_string());
        source = s.source();
    }
    message
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_that_repeats_the_status_is_said_once() {
        let error = |code: &str| {
            Error::Http(HttpError {
                status: 404,
                url: "https://h/s/A('1')".into(),
                code: Some(code.into()),
                message: "Not Found".into(),
                retry_after: None,
            })
            .to_string()
        };
        assert_eq!(error("404"), "https://h/s/A('1'): the server answered 404: Not Found");
        assert_eq!(error("SY/530"), "https://h/s/A('1'): the server answered 404 (SY/530): Not Found");
    }
}
