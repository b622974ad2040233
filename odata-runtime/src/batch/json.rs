//! The JSON batch format of OData V4.01: `{"requests": […]}` out, `{"responses": […]}`
//! back, matched by `id`; a changeset is an `atomicityGroup`.

use super::{answer, malformed, referenced_id, Answer, Entry, Pending};
use crate::Error;
use serde::Deserialize;
use serde_json::value::RawValue;
use serde_json::{json, Map, Value};

/// The request body. Every request's `id` is its position (1-based), which is also
/// the `Content-ID` a change is referenced by (`$1`).
pub(super) fn write(parts: &[Pending], entries: &[Entry]) -> Vec<u8> {
    let mut requests = Vec::with_capacity(parts.len());
    for (group, entry) in entries.iter().enumerate() {
        let atomic = matches!(entry, Entry::ChangeSet(_));
        for &i in entry.members() {
            let plan = &parts[i].plan;
            let mut request = Map::new();
            request.insert("id".into(), json!((i + 1).to_string()));
            request.insert("method".into(), json!(plan.method.as_str()));
            request.insert("url".into(), json!(plan.relative_url()));
            if atomic {
                request.insert("atomicityGroup".into(), json!(format!("g{}", group + 1)));
            }
            if let Some(id) = referenced_id(&plan.path) {
                request.insert("dependsOn".into(), json!([id]));
            }
            let headers: Map<String, Value> =
                plan.headers.iter().map(|(n, v)| (n.to_ascii_lowercase(), json!(v))).collect();
            request.insert("headers".into(), Value::Object(headers));
            if let Some(body) = &plan.body {
                let value = serde_json::from_slice::<Value>(body)
                    .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(body).into_owned()));
                request.insert("body".into(), value);
            }
            requests.push(Value::Object(request));
        }
    }
    json!({ "requests": requests }).to_string().into_bytes()
}

#[derive(Deserialize)]
struct Responses<'a> {
    #[serde(borrow)]
    responses: Vec<One<'a>>,
}

#[derive(Deserialize)]
struct One<'a> {
    id: Option<String>,
    status: u16,
    #[serde(default)]
    headers: Map<String, Value>,
    #[serde(borrow)]
    body: Option<&'a RawValue>,
}

/// Matches the answers to the requests by `id` (by position where a server leaves it
/// out).
pub(super) fn read(body: &[u8], parts: &[Pending], url: &str) -> Result<Vec<Answer>, Error> {
    let responses: Responses<'_> = serde_json::from_slice(body)
        .map_err(|e| malformed(url, "responses", format!("not a JSON batch answer: {e}")))?;
    let mut answers: Vec<Option<Answer>> = (0..parts.len()).map(|_| None).collect();
    for (position, one) in responses.responses.into_iter().enumerate() {
        let label = format!("responses[{position}]");
        let index = match &one.id {
            Some(id) => id.parse::<usize>().ok().filter(|i| (1..=parts.len()).contains(i)).map(|i| i - 1),
            None => Some(position).filter(|p| *p < parts.len()),
        }
        .ok_or_else(|| malformed(url, label.clone(), format!("id {:?} was not sent", one.id)))?;
        let mut headers: Vec<(String, String)> = one
            .headers
            .iter()
            .map(|(k, v)| (k.clone(), v.as_str().map_or_else(|| v.to_string(), str::to_owned)))
            .collect();
        let content_type = super::multipart::header(&headers, "content-type").unwrap_or("").to_owned();
        let bytes = match one.body {
            None => bytes::Bytes::new(),
            // Text (a `$count`, a raw value) comes as a JSON string.
            Some(raw) if !content_type.starts_with("application/json") && raw.get().starts_with('"') => {
                let text: String =
                    serde_json::from_str(raw.get()).map_err(|e| malformed(url, label.clone(), e.to_string()))?;
                bytes::Bytes::from(text)
            }
            Some(raw) => bytes::Bytes::copy_from_slice(raw.get().as_bytes()),
        };
        if content_type.is_empty() && bytes.first() == Some(&b'{') {
            headers.push(("content-type".into(), "application/json".into()));
        }
        answers[index] = Some(answer(
            one.status,
            headers.iter().map(|(n, v)| (n.as_str(), v.as_str())),
            bytes,
            format!("{url} ({label})"),
        ));
    }
    Ok(answers
        .into_iter()
        .enumerate()
        .map(|(i, a)| {
            // A member of a failed atomicity group the server did not answer failed with it;
            // the changeset pass in `send` gives it the group's error.
            a.unwrap_or_else(|| Answer::Failed(malformed(url, format!("request {}", i + 1), "no answer")))
        })
        .collect())
}
