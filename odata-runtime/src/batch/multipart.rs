//! `multipart/mixed` (RFC 2046) as OData batches use it: parts with MIME headers, and
//! `application/http` parts whose body is one HTTP request or response.
//!
//! The parser reads a body that is already in memory and copies nothing: every part's
//! body is a slice of the same [`Bytes`]. It accepts CRLF and bare LF line ends,
//! transport padding after a delimiter, a preamble and an epilogue.
//!
//! ```
//! use odata_runtime::batch::multipart::{self, Part};
//! use odata_runtime::bytes::Bytes;
//!
//! let parts = vec![
//!     Part::new(vec![("Content-Type".into(), "text/plain".into())], Bytes::from_static(b"one")),
//!     Part::new(vec![], Bytes::from_static(b"two\r\nlines")),
//! ];
//! let mut body = Vec::new();
//! multipart::write("b_1", &parts, &mut body).unwrap();
//! let read = multipart::parse(&Bytes::from(body), "b_1").unwrap();
//! assert_eq!(read, parts);
//! ```

use bytes::Bytes;
use std::fmt;

/// One part: its MIME headers and its body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Part {
    /// The part's headers.
    pub headers: Headers,
    /// The body (a slice of the parsed message).
    pub body: Bytes,
}

impl Part {
    /// A part with these headers and body.
    pub fn new(headers: impl Into<Headers>, body: Bytes) -> Self {
        Part { headers: headers.into(), body }
    }

    /// The first header called `name` (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name)
    }
}

/// MIME or HTTP headers, kept as their `Name: value` lines in one block of text (a
/// slice of the parsed body, or written once from pairs) and read when asked: a parsed
/// answer of many small parts costs no allocation per header.
///
/// ```
/// use odata_runtime::batch::multipart::Headers;
///
/// let headers = Headers::from(vec![("Content-Type".to_owned(), "application/http".to_owned())]);
/// assert_eq!(headers.get("content-type"), Some("application/http"));
/// assert_eq!(headers.iter().count(), 1);
/// ```
#[derive(Clone, Default)]
pub struct Headers {
    /// UTF-8 lines, each with a `:` (checked when made).
    raw: Bytes,
}

impl Headers {
    /// The first header called `name` (case-insensitive), its value trimmed.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v)
    }

    /// Every header in order: names as sent, values trimmed.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        std::str::from_utf8(&self.raw)
            .unwrap_or("")
            .split('\n')
            .filter_map(|line| line.split_once(':'))
            .map(|(n, v)| (n.trim(), v.trim()))
    }

    /// Checks a block of header lines read from a body (it is kept as it is).
    fn parsed(raw: Bytes, part: usize) -> Result<Headers, MultipartError> {
        let text = std::str::from_utf8(&raw).map_err(|_| error(part, "a header is not UTF-8"))?;
        for line in text.split('\n') {
            let line = line.strip_suffix('\r').unwrap_or(line);
            if !line.is_empty() && !line.contains(':') {
                return Err(error(part, format!("not a header line: {:?}", excerpt(line))));
            }
        }
        Ok(Headers { raw })
    }
}

impl<N: AsRef<str>, V: AsRef<str>> FromIterator<(N, V)> for Headers {
    fn from_iter<I: IntoIterator<Item = (N, V)>>(pairs: I) -> Self {
        let mut raw = Vec::new();
        for (name, value) in pairs {
            write_header(&mut raw, name.as_ref(), value.as_ref());
        }
        Headers { raw: raw.into() }
    }
}

impl From<Vec<(String, String)>> for Headers {
    fn from(pairs: Vec<(String, String)>) -> Self {
        pairs.into_iter().collect()
    }
}

impl PartialEq for Headers {
    fn eq(&self, other: &Self) -> bool {
        self.iter().eq(other.iter())
    }
}

impl Eq for Headers {}

impl fmt::Debug for Headers {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

/// What was wrong with a multipart body or an HTTP message in it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MultipartError {
    /// Which part (1-based; `0` for the body as a whole).
    pub part: usize,
    /// What was wrong.
    pub message: String,
}

impl fmt::Display for MultipartError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.part == 0 {
            f.write_str(&self.message)
        } else {
            write!(f, "part {}: {}", self.part, self.message)
        }
    }
}

impl std::error::Error for MultipartError {}

fn error(part: usize, message: impl Into<String>) -> MultipartError {
    MultipartError { part, message: message.into() }
}

/// The first header called `name` (case-insensitive) in `headers`.
pub fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
}

/// The `boundary` parameter of a `multipart/…` content type (quoted or not).
///
/// ```
/// use odata_runtime::batch::multipart::boundary;
/// assert_eq!(boundary("multipart/mixed; boundary=batch_1").as_deref(), Some("batch_1"));
/// assert_eq!(boundary("multipart/mixed;Boundary=\"a b\"").as_deref(), Some("a b"));
/// assert_eq!(boundary("application/json"), None);
/// ```
pub fn boundary(content_type: &str) -> Option<String> {
    let (kind, params) = content_type.split_once(';')?;
    if !kind.trim().to_ascii_lowercase().starts_with("multipart/") {
        return None;
    }
    params.split(';').find_map(|p| {
        let (name, value) = p.split_once('=')?;
        name.trim().eq_ignore_ascii_case("boundary").then(|| value.trim().trim_matches('"').to_owned())
    })
}

/// A fresh boundary: `prefix` and a random suffix.
pub fn new_boundary(prefix: &str) -> String {
    use std::hash::{BuildHasher, Hasher};
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher
        .write_u128(std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default().as_nanos());
    let a = hasher.finish();
    hasher.write_u64(a);
    format!("{prefix}_{a:016x}{:016x}", hasher.finish())
}

/// Whether `boundary` is one RFC 2046 allows: 1 to 70 characters from its set, not
/// ending in a space.
pub fn is_valid_boundary(boundary: &str) -> bool {
    (1..=70).contains(&boundary.len())
        && !boundary.ends_with(' ')
        && boundary.bytes().all(|b| b.is_ascii_alphanumeric() || b"'()+_,-./:=? ".contains(&b))
}

/// Writes `parts` as a multipart body with `boundary`. Fails when the boundary is not
/// valid or a part's body contains it as a delimiter (the body would be cut there).
pub fn write(boundary: &str, parts: &[Part], out: &mut Vec<u8>) -> Result<(), MultipartError> {
    if !is_valid_boundary(boundary) {
        return Err(error(0, format!("{boundary:?} is not a valid multipart boundary")));
    }
    let delimiter = format!("--{boundary}");
    let delimiter_line = format!("\n{delimiter}");
    for (i, part) in parts.iter().enumerate() {
        if part.body.starts_with(delimiter.as_bytes()) || find(&part.body, delimiter_line.as_bytes(), 0).is_some() {
            return Err(error(i + 1, "the body contains the boundary"));
        }
        out.extend_from_slice(delimiter.as_bytes());
        out.extend_from_slice(b"\r\n");
        for (name, value) in part.headers.iter() {
            write_header(out, name, value);
        }
        out.extend_from_slice(b"\r\n");
        out.extend_from_slice(&part.body);
        out.extend_from_slice(b"\r\n");
    }
    out.extend_from_slice(delimiter.as_bytes());
    out.extend_from_slice(b"--\r\n");
    Ok(())
}

fn write_header(out: &mut Vec<u8>, name: &str, value: &str) {
    // A name with a line break or a colon would make a header of its own.
    out.extend(name.bytes().map(|b| if matches!(b, b'\r' | b'\n' | b':') { b'-' } else { b }));
    out.extend_from_slice(b": ");
    // A line break in a value would start a header of its own.
    out.extend(value.bytes().map(|b| if b == b'\r' || b == b'\n' { b' ' } else { b }));
    out.extend_from_slice(b"\r\n");
}

/// Splits a multipart body into its parts (bodies are slices of `body`).
pub fn parse(body: &Bytes, boundary: &str) -> Result<Vec<Part>, MultipartError> {
    parse_at_most(body, boundary, usize::MAX)
}

/// [`parse`], refusing a body with more than `max` parts as soon as it finds one more:
/// an answer can have no more parts than requests were sent, and a body of tiny parts
/// would otherwise cost many times its size in parsed parts.
pub fn parse_at_most(body: &Bytes, boundary: &str, max: usize) -> Result<Vec<Part>, MultipartError> {
    let delimiter = format!("--{boundary}");
    let mut next =
        next_delimiter(body, delimiter.as_bytes(), 0).ok_or_else(|| error(0, "no multipart boundary in the body"))?;
    let mut parts = Vec::new();
    loop {
        let Delimiter { close, content, .. } = next;
        if close {
            return Ok(parts); // what follows is the epilogue
        }
        let number = parts.len() + 1;
        if parts.len() == max {
            return Err(error(number, format!("more parts than the {max} that were sent")));
        }
        let following = next_delimiter(body, delimiter.as_bytes(), content.saturating_sub(1))
            .filter(|d| d.line >= content.saturating_sub(1))
            .ok_or_else(|| error(number, "the body ends inside this part"))?;
        // The line end before a delimiter belongs to the delimiter.
        let end = if following.line > content && body[following.line - 1] == b'\r' {
            following.line - 1
        } else {
            following.line
        };
        parts.push(split_headers(body.slice(content..end.max(content)), number)?);
        next = following;
    }
}

/// A delimiter line: where the line end before it starts, whether it closes, and where
/// the content after it starts.
struct Delimiter {
    line: usize,
    close: bool,
    content: usize,
}

/// The next delimiter at the start of a line, at or after `from`: `--boundary`, then
/// `--` (the close delimiter) or optional padding and a line end.
fn next_delimiter(body: &[u8], delimiter: &[u8], from: usize) -> Option<Delimiter> {
    let mut search = from;
    loop {
        let at = if search == 0 && body.starts_with(delimiter) {
            0
        } else {
            find(body, &[b"\n", delimiter].concat(), search)? + 1
        };
        let after = at + delimiter.len();
        let line = at.saturating_sub(1);
        if body[after..].starts_with(b"--") {
            return Some(Delimiter { line, close: true, content: body.len() });
        }
        let padding = body[after..].iter().take_while(|b| matches!(b, b' ' | b'\t' | b'\r')).count();
        if body.get(after + padding) == Some(&b'\n') {
            return Some(Delimiter { line, close: false, content: after + padding + 1 });
        }
        if after + padding == body.len() {
            return None;
        }
        search = at + 1; // `--boundaryX`: text that only starts like a delimiter
    }
}

/// Splits MIME (or HTTP) headers from the body after the first empty line.
fn split_headers(raw: Bytes, part: usize) -> Result<Part, MultipartError> {
    let mut at = 0;
    loop {
        let Some(end) = find(&raw, b"\n", at) else {
            // Headers without a body (and without the empty line).
            return Ok(Part { headers: Headers::parsed(raw.clone(), part)?, body: Bytes::new() });
        };
        let line = &raw[at..end];
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        if line.is_empty() {
            return Ok(Part { headers: Headers::parsed(raw.slice(..at), part)?, body: raw.slice(end + 1..) });
        }
        at = end + 1;
    }
}

fn excerpt(text: &str) -> String {
    text.chars().take(60).collect()
}

/// The first occurrence of `needle` in `haystack` at or after `from`.
fn find(haystack: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    if needle.is_empty() || from > haystack.len() {
        return None;
    }
    let first = needle[0];
    let mut i = from;
    while i + needle.len() <= haystack.len() {
        match haystack[i..].iter().position(|&b| b == first) {
            Some(offset) => {
                i += offset;
                if haystack[i..].starts_with(needle) {
                    return Some(i);
                }
                i += 1;
            }
            None => return None,
        }
    }
    None
}

/// One HTTP request or response inside an `application/http` part.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HttpMessage {
    /// `GET Products HTTP/1.1`, or `HTTP/1.1 200 OK`.
    pub start_line: String,
    /// The message's headers.
    pub headers: Headers,
    /// The body (cut to `Content-Length` when the message has one).
    pub body: Bytes,
}

impl HttpMessage {
    /// Reads the message in a part's body.
    pub fn parse(raw: &Bytes, part: usize) -> Result<HttpMessage, MultipartError> {
        let line_end = find(raw, b"\n", 0).unwrap_or(raw.len());
        let line = &raw[..line_end];
        let start_line = std::str::from_utf8(line.strip_suffix(b"\r").unwrap_or(line))
            .map_err(|_| error(part, "the start line is not UTF-8"))?
            .trim()
            .to_owned();
        if start_line.is_empty() {
            return Err(error(part, "no HTTP message in an application/http part"));
        }
        let rest = raw.slice((line_end + 1).min(raw.len())..);
        let Part { headers, mut body } = split_headers(rest, part)?;
        if let Some(length) = headers.get("content-length").and_then(|l| l.parse::<usize>().ok()) {
            if length > body.len() {
                return Err(error(part, format!("Content-Length {length} but {} bytes follow", body.len())));
            }
            body.truncate(length);
        }
        Ok(HttpMessage { start_line, headers, body })
    }

    /// The status of a response (`HTTP/1.1 404 Not Found` → 404).
    pub fn status(&self, part: usize) -> Result<u16, MultipartError> {
        let mut words = self.start_line.split_whitespace();
        match (words.next(), words.next().and_then(|s| s.parse::<u16>().ok())) {
            (Some(http), Some(status)) if http.starts_with("HTTP/") && (100..600).contains(&status) => Ok(status),
            _ => Err(error(part, format!("not an HTTP status line: {:?}", excerpt(&self.start_line)))),
        }
    }

    /// The first header called `name` (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name)
    }

    /// The message as bytes (headers as given, then `Content-Length` when there is a
    /// body and no such header).
    pub fn to_bytes(&self) -> Bytes {
        let mut out = Vec::with_capacity(self.start_line.len() + 64 + self.body.len());
        out.extend_from_slice(self.start_line.as_bytes());
        out.extend_from_slice(b"\r\n");
        for (name, value) in self.headers.iter() {
            write_header(&mut out, name, value);
        }
        if !self.body.is_empty() && self.header("content-length").is_none() {
            write_header(&mut out, "Content-Length", &self.body.len().to_string());
        }
        out.extend_from_slice(b"\r\n");
        out.extend_from_slice(&self.body);
        out.into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_what_servers_write() {
        // Bare LF line ends, padding after a delimiter, a preamble, an epilogue, and an
        // application/http part whose body is longer than its Content-Length.
        let body = Bytes::from_static(
            b"preamble\n--b \t\nContent-Type: application/http\n\nHTTP/1.1 200 OK\nContent-Length: 2\n\n42\n\n--b\r\nX: y\r\n\r\n\r\n--b--\r\nepilogue",
        );
        let parts = parse(&body, "b").unwrap();
        assert_eq!(parts.len(), 2);
        let message = HttpMessage::parse(&parts[0].body, 1).unwrap();
        assert_eq!((message.status(1).unwrap(), &message.body[..]), (200, &b"42"[..]));
        assert_eq!(parts[1].header("x"), Some("y"));
        assert!(parts[1].body.is_empty());
    }

    #[test]
    fn errors_name_the_part() {
        let cut = Bytes::from_static(b"--b\r\nA: 1\r\n\r\nbody without an end");
        assert_eq!(parse(&cut, "b").unwrap_err().to_string(), "part 1: the body ends inside this part");
        let bad = Bytes::from_static(b"--b\r\nA: 1\r\n\r\nx\r\n--b\r\nno colon\r\n\r\n\r\n--b--");
        assert_eq!(parse(&bad, "b").unwrap_err().to_string(), "part 2: not a header line: \"no colon\"");
        assert_eq!(
            parse(&Bytes::from_static(b"{}"), "b").unwrap_err().to_string(),
            "no multipart boundary in the body"
        );
        let message = HttpMessage::parse(&Bytes::from_static(b"HTTP/1.1 OK\r\n\r\n"), 3).unwrap();
        assert_eq!(message.status(3).unwrap_err().to_string(), "part 3: not an HTTP status line: \"HTTP/1.1 OK\"");
    }

    #[test]
    fn the_writer_refuses_a_body_holding_the_boundary() {
        let part = Part::new(vec![], Bytes::from_static(b"a\r\n--b\r\nb"));
        assert_eq!(
            write("b", &[part], &mut Vec::new()).unwrap_err().to_string(),
            "part 1: the body contains the boundary"
        );
        assert!(write("bad\r\nboundary", &[], &mut Vec::new()).is_err());
    }
}
