//! `POST $batch` (multipart/mixed, V2 and V4): reads answered in order, changesets
//! applied all or nothing on a working copy of the data, `$<Content-ID>` references
//! resolved to what an earlier change of the same changeset created. A changeset that
//! fails is answered, as SAP Gateway does, with one error for the whole changeset.

use super::data::Data;
use super::serve::{Outcome, State};
use super::ServiceError;
use crate::http::{self, Request};
use bytes::Bytes;
use odata_runtime::batch::multipart::{self, HttpMessage, Part};
use std::collections::HashMap;

/// One answered operation: status, headers and body.
struct Answer {
    status: u16,
    headers: Vec<(String, String)>,
    body: Bytes,
}

impl State {
    pub(super) fn batch(&self, data: &mut Data, base: &str, request: &Request, user: Option<String>) -> Outcome {
        let content_type = request.header("content-type").unwrap_or("");
        let Some(boundary) = multipart::boundary(content_type) else {
            return Err(ServiceError::bad_request("a $batch request must be multipart/mixed with a boundary"));
        };
        let parts = multipart::parse(&request.body, &boundary)
            .map_err(|e| ServiceError::bad_request(format!("malformed batch: {e}")))?;
        let mut answers = Vec::with_capacity(parts.len());
        for (n, part) in parts.iter().enumerate() {
            let answer = match multipart::boundary(part.header("content-type").unwrap_or("")) {
                None => {
                    let answer = self.operation(data, base, &part.body, request, &user, &HashMap::new(), n + 1)?;
                    http_part(&answer, None)
                }
                Some(inner) => self.changeset(data, base, &part.body, &inner, request, &user, n + 1)?,
            };
            answers.push(answer);
        }
        let boundary = multipart::new_boundary("batchresponse");
        let mut body = Vec::new();
        multipart::write(&boundary, &answers, &mut body)
            .map_err(|e| ServiceError::new(500, "SANDBOX/500", e.to_string()))?;
        Ok(http::raw(202, &format!("multipart/mixed; boundary={boundary}"), body))
    }

    /// Applies a changeset on a copy of the data; the copy replaces the data only when
    /// every change succeeded.
    #[allow(clippy::too_many_arguments)]
    fn changeset(
        &self,
        data: &mut Data,
        base: &str,
        body: &Bytes,
        boundary: &str,
        request: &Request,
        user: &Option<String>,
        number: usize,
    ) -> Result<Part, ServiceError> {
        let changes = multipart::parse(body, boundary)
            .map_err(|e| ServiceError::bad_request(format!("malformed changeset in part {number}: {e}")))?;
        let mut working = data.clone();
        let mut created: HashMap<String, String> = HashMap::new();
        let mut answers = Vec::with_capacity(changes.len());
        for change in &changes {
            let answer = self.operation(&mut working, base, &change.body, request, user, &created, number)?;
            if answer.status >= 400 {
                // All or nothing: the working copy is dropped, one error answers for all.
                return Ok(http_part(&answer, None));
            }
            let content_id = change.header("content-id").map(str::to_owned);
            if let (Some(id), Some(location)) = (&content_id, multipart::header(&answer.headers, "location")) {
                created.insert(id.clone(), location.strip_prefix(base).unwrap_or(location).to_owned());
            }
            answers.push(http_part(&answer, content_id.as_deref()));
        }
        *data = working;
        let inner = multipart::new_boundary("changesetresponse");
        let mut out = Vec::new();
        multipart::write(&inner, &answers, &mut out)
            .map_err(|e| ServiceError::new(500, "SANDBOX/500", e.to_string()))?;
        Ok(Part::new(vec![("Content-Type".into(), format!("multipart/mixed; boundary={inner}"))], out.into()))
    }

    /// Runs the HTTP request in an `application/http` part.
    #[allow(clippy::too_many_arguments)]
    fn operation(
        &self,
        data: &mut Data,
        base: &str,
        raw: &Bytes,
        outer: &Request,
        user: &Option<String>,
        created: &HashMap<String, String>,
        number: usize,
    ) -> Result<Answer, ServiceError> {
        let message =
            HttpMessage::parse(raw, number).map_err(|e| ServiceError::bad_request(format!("malformed batch: {e}")))?;
        let mut words = message.start_line.split_whitespace();
        let (Some(method), Some(url)) = (words.next(), words.next()) else {
            return Err(ServiceError::bad_request(format!("part {number}: not a request line")));
        };
        let mut url = url.strip_prefix(base).or_else(|| url.strip_prefix(&self.service_path)).unwrap_or(url).to_owned();
        if let Some(reference) = url.strip_prefix('$') {
            let id_end = reference.find(['/', '?']).unwrap_or(reference.len());
            let resolved = created.get(&reference[..id_end]).ok_or_else(|| {
                ServiceError::bad_request(format!(
                    "${} names no earlier change of this changeset",
                    &reference[..id_end]
                ))
            })?;
            url = format!("{resolved}{}", &reference[id_end..]);
        }
        let mut headers = hyper::HeaderMap::new();
        for (name, value) in message.headers.iter() {
            if let (Ok(n), Ok(v)) = (hyper::header::HeaderName::from_bytes(name.as_bytes()), value.parse()) {
                headers.append(n, v);
            }
        }
        let inner = Request {
            method: method.parse().map_err(|_| ServiceError::bad_request(format!("bad method {method}")))?,
            target: format!("{}{url}", self.service_path),
            authority: None,
            scheme: None,
            peer: outer.peer,
            headers,
            body: message.body.clone(),
            client_certificate: None,
        };
        let below = inner.path().strip_prefix(&self.service_path).unwrap_or("").to_owned();
        if below.starts_with("$batch") {
            return Err(ServiceError::bad_request("a batch cannot contain a batch"));
        }
        let response = self
            .dispatch(data, method, &below, base, &inner, user.clone())
            .unwrap_or_else(|e| self.error(e.status, &e.code, &e.message));
        let (parts, body) = response.into_parts();
        let headers = parts
            .headers
            .iter()
            .filter_map(|(n, v)| Some((n.as_str().to_owned(), v.to_str().ok()?.to_owned())))
            .collect();
        Ok(Answer { status: parts.status.as_u16(), headers, body: body.into_bytes() })
    }
}

fn http_part(answer: &Answer, content_id: Option<&str>) -> Part {
    let reason = hyper::StatusCode::from_u16(answer.status).ok().and_then(|s| s.canonical_reason()).unwrap_or("");
    let message = HttpMessage {
        start_line: format!("HTTP/1.1 {} {reason}", answer.status),
        headers: answer.headers.iter().filter(|(n, _)| !n.eq_ignore_ascii_case("content-length")).cloned().collect(),
        body: answer.body.clone(),
    };
    let mut headers =
        vec![("Content-Type".into(), "application/http".into()), ("Content-Transfer-Encoding".into(), "binary".into())];
    if let Some(id) = content_id {
        headers.push(("Content-ID".into(), id.to_owned()));
    }
    Part::new(headers, message.to_bytes())
}
