//! Payload shapes of each protocol version: collections, single entities, errors.
//!
//! Bodies are decoded straight from bytes (never through `serde_json::Value`, which
//! would turn large V4 decimals into `f64`). When decoding fails it is repeated once
//! with path tracking, so the error says where: `d.results[3].CreationDate`.

pub mod v2;

use crate::Version;
use serde::de::{self, DeserializeOwned, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use std::fmt;
use std::marker::PhantomData;

/// One page of a collection.
#[derive(Clone, Debug, PartialEq)]
pub struct Page<T> {
    /// The entities of this page.
    pub items: Vec<T>,
    /// The total count, when it was asked for (`$inlinecount`/`$count`).
    pub count: Option<u64>,
    /// The link to the next page (`__next` / `@odata.nextLink`), when the server pages.
    pub next_link: Option<String>,
    /// With [`lenient_decode`](crate::request::ListRequest::lenient_decode): each value
    /// that did not match its Edm type and was read as `None` instead, as
    /// `Type.Property: why` (empty otherwise: a strict decode fails instead).
    pub warnings: Vec<String>,
}

/// Where and why a body could not be decoded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DecodeError {
    /// The JSON path, e.g. `d.results[3].CreationDate` (`.` for the whole body).
    pub path: String,
    /// What was wrong.
    pub message: String,
}

/// Decodes JSON as `T`; on failure the error names the JSON path.
pub fn decode_json<'de, T: Deserialize<'de>>(body: &'de [u8]) -> Result<T, DecodeError> {
    serde_json::from_slice(body).map_err(|first| {
        // Decode again, this time tracking the path, to say where it failed.
        let mut de = serde_json::Deserializer::from_slice(body);
        match serde_path_to_error::deserialize::<_, T>(&mut de) {
            Err(e) => {
                // A path of one empty key (`{"": …}`) prints as nothing: say `.` instead.
                let path = e.path().to_string();
                let path = if path.is_empty() { ".".to_owned() } else { path };
                DecodeError { path, message: e.into_inner().to_string() }
            }
            Ok(_) => DecodeError { path: ".".into(), message: first.to_string() },
        }
    })
}

/// A page whose entities are still JSON text: the body, and where each entity lies in
/// it. Made by [`split_collection`], which checks the JSON but builds nothing, so a
/// page costs its body and 16 bytes per entity until each entity is decoded on its own
/// ([`ListRequest::stream`](crate::request::ListRequest::stream) pages this way).
#[derive(Clone, Debug)]
pub struct RawPage {
    body: bytes::Bytes,
    entities: std::collections::VecDeque<std::ops::Range<usize>>,
    next_index: usize,
    prefix: &'static str,
    /// The total count, when it was asked for.
    pub count: Option<u64>,
    /// The link to the next page, when the server pages.
    pub next_link: Option<String>,
}

impl RawPage {
    /// How many entities are left.
    pub fn len(&self) -> usize {
        self.entities.len()
    }

    /// Whether every entity was taken.
    pub fn is_empty(&self) -> bool {
        self.entities.is_empty()
    }

    /// The next entity's JSON text and its path in the body (`d.results[3]`).
    pub fn next_entity(&mut self) -> Option<(&[u8], String)> {
        let range = self.entities.pop_front()?;
        let path = format!("{}[{}]", self.prefix, self.next_index);
        self.next_index += 1;
        Some((&self.body[range], path))
    }
}

/// Finds the entities of a collection (V2 or V4, as [`decode_collection`] reads them)
/// without decoding them.
pub fn split_collection(version: Version, body: bytes::Bytes) -> Result<RawPage, DecodeError> {
    use serde_json::value::RawValue;
    let (items, count, next_link, prefix): (Vec<&RawValue>, _, _, _) = match version {
        Version::V2 => {
            let page = decode_json::<V2Collection<&RawValue>>(&body)?.d.0;
            (page.items, page.count, page.next_link, "d.results")
        }
        Version::V4 => {
            let c = decode_json::<V4Collection<&RawValue>>(&body)?;
            (c.value, c.count.map(|n| n.0), c.next_link, "value")
        }
    };
    let start = body.as_ptr() as usize;
    let entities = items
        .iter()
        .map(|raw| {
            let offset = raw.get().as_ptr() as usize - start;
            offset..offset + raw.get().len()
        })
        .collect();
    drop(items);
    Ok(RawPage { body, entities, next_index: 0, prefix, count, next_link })
}

/// Decodes a collection: V2 `{"d":{"results":[…],"__count":"…","__next":"…"}}` (or
/// `{"d":[…]}`), V4 `{"value":[…],"@odata.count":…,"@odata.nextLink":"…"}`.
pub fn decode_collection<T: DeserializeOwned>(version: Version, body: &[u8]) -> Result<Page<T>, DecodeError> {
    match version {
        Version::V2 => decode_json::<V2Collection<T>>(body).map(|c| c.d.0),
        Version::V4 => decode_json::<V4Collection<T>>(body).map(|c| Page {
            items: c.value,
            count: c.count.map(|n| n.0),
            next_link: c.next_link,
            warnings: Vec::new(),
        }),
    }
}

/// Decodes JSON text as `T` (an entity or complex value already unwrapped).
pub fn decode_entity_json<T: DeserializeOwned>(text: &str) -> Result<T, DecodeError> {
    decode_json(text.as_bytes())
}

/// Decodes one entity: V2 `{"d":{…}}`, V4 the object itself.
pub fn decode_entity<T: DeserializeOwned>(version: Version, body: &[u8]) -> Result<T, DecodeError> {
    match version {
        Version::V2 => decode_json::<V2Single<T>>(body).map(|s| s.d),
        Version::V4 => decode_json(body),
    }
}

/// The code and message of an OData error body (V2: `message.value`, V4: `message`),
/// or a short excerpt of a body that is not one.
pub fn decode_error(body: &[u8]) -> (Option<String>, String) {
    #[derive(Deserialize)]
    struct Envelope {
        error: Body,
    }
    #[derive(Deserialize)]
    struct Body {
        code: Option<serde_json::Value>,
        message: Option<Message>,
    }
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Message {
        Text(String),
        Object { value: String },
    }
    match serde_json::from_slice::<Envelope>(body) {
        Ok(Envelope { error }) => {
            let code = error.code.map(|c| match c {
                serde_json::Value::String(s) => s,
                other => other.to_string(),
            });
            let message = match error.message {
                Some(Message::Text(t)) | Some(Message::Object { value: t }) => t,
                None => "(no message)".into(),
            };
            (code.map(|c| crate::redact::text(&c)), crate::redact::text(&message))
        }
        Err(_) => (None, excerpt(body, 200)),
    }
}

/// The first `max` characters of a body, for messages: control characters dropped,
/// `(empty body)` when nothing is left.
pub(crate) fn excerpt(body: &[u8], max: usize) -> String {
    let text = String::from_utf8_lossy(body);
    // Masked before it is cut, so that a cut cannot split a credential out of its mask.
    let masked = crate::redact::text(&text);
    let short: String = masked.chars().filter(|c| !c.is_control()).take(max).collect();
    if short.trim().is_empty() {
        "(empty body)".into()
    } else {
        short
    }
}

/// Reads a count sent as a number or a string (V2 `__count`, V4 with IEEE754Compatible).
struct Count(u64);

impl<'de> Deserialize<'de> for Count {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Count;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a count")
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Count, E> {
                Ok(Count(v))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Count, E> {
                v.parse().map(Count).map_err(|_| E::custom(format_args!("invalid count {v:?}")))
            }
        }
        d.deserialize_any(V)
    }
}

#[derive(Deserialize)]
struct V2Single<T> {
    d: T,
}

#[derive(Deserialize)]
#[serde(bound(deserialize = "T: Deserialize<'de>"))]
struct V2Collection<T> {
    d: V2Results<T>,
}

/// `{"results":[…],"__count":"…","__next":"…"}` or a bare array.
struct V2Results<T>(Page<T>);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for V2Results<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for V<T> {
            type Value = V2Results<T>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an object with \"results\" or an array")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element()? {
                    items.push(item);
                }
                Ok(V2Results(Page { items, count: None, next_link: None, warnings: Vec::new() }))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut page = Page { items: Vec::new(), count: None, next_link: None, warnings: Vec::new() };
                let mut found = false;
                while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
                    match key.as_ref() {
                        "results" => {
                            page.items = map.next_value()?;
                            found = true;
                        }
                        "__count" => page.count = Some(map.next_value::<Count>()?.0),
                        "__next" => page.next_link = map.next_value()?,
                        _ => {
                            map.next_value::<IgnoredAny>()?;
                        }
                    }
                }
                if !found {
                    return Err(de::Error::missing_field("results"));
                }
                Ok(V2Results(page))
            }
        }
        d.deserialize_any(V(PhantomData))
    }
}

#[derive(Deserialize)]
#[serde(bound(deserialize = "T: Deserialize<'de>"))]
struct V4Collection<T> {
    value: Vec<T>,
    #[serde(rename = "@odata.count", alias = "@count", default)]
    count: Option<Count>,
    #[serde(rename = "@odata.nextLink", alias = "@nextLink", default)]
    next_link: Option<String>,
}

/// One page of a delta response: its entries not yet read (entities, or entries for
/// removed entities), the next page's link and, on the last page, the delta link.
pub(crate) struct DeltaEntries {
    pub(crate) items: Vec<Box<serde_json::value::RawValue>>,
    pub(crate) next_link: Option<String>,
    pub(crate) delta_link: Option<String>,
}

/// Reads a page of a read with change tracking: V4 `value` with `@odata.deltaLink`
/// (`@deltaLink`), V2 `d.results` with SAP's `__delta`.
pub(crate) fn decode_delta(version: Version, body: &[u8]) -> Result<DeltaEntries, DecodeError> {
    type Raw = Box<serde_json::value::RawValue>;
    #[derive(Deserialize)]
    struct V4 {
        value: Vec<Raw>,
        #[serde(rename = "@odata.nextLink", alias = "@nextLink", default)]
        next_link: Option<String>,
        #[serde(rename = "@odata.deltaLink", alias = "@deltaLink", default)]
        delta_link: Option<String>,
    }
    #[derive(Deserialize)]
    struct V2 {
        d: V2Results,
    }
    #[derive(Deserialize)]
    struct V2Results {
        results: Vec<Raw>,
        #[serde(rename = "__next", default)]
        next_link: Option<String>,
        #[serde(rename = "__delta", default)]
        delta_link: Option<String>,
    }
    Ok(match version {
        Version::V4 => {
            let page: V4 = decode_json(body)?;
            DeltaEntries { items: page.value, next_link: page.next_link, delta_link: page.delta_link }
        }
        Version::V2 => {
            let page: V2 = decode_json(body)?;
            DeltaEntries { items: page.d.results, next_link: page.d.next_link, delta_link: page.d.delta_link }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize, PartialEq)]
    struct Item {
        #[serde(rename = "ID")]
        id: i32,
    }

    #[test]
    fn collections_in_both_versions() {
        let v2 = br#"{"d":{"results":[{"ID":1},{"ID":2}],"__count":"7","__next":"Set?$skiptoken=2"}}"#;
        let page: Page<Item> = decode_collection(Version::V2, v2).unwrap();
        assert_eq!(page.items, [Item { id: 1 }, Item { id: 2 }]);
        assert_eq!((page.count, page.next_link.as_deref()), (Some(7), Some("Set?$skiptoken=2")));
        let bare: Page<Item> = decode_collection(Version::V2, br#"{"d":[{"ID":3}]}"#).unwrap();
        assert_eq!(bare.items, [Item { id: 3 }]);
        let v4 = br#"{"@odata.context":"$metadata#Set","@odata.count":"9","value":[{"ID":1}],"@odata.nextLink":"Set?$skiptoken=1"}"#;
        let page: Page<Item> = decode_collection(Version::V4, v4).unwrap();
        assert_eq!((page.count, page.next_link.as_deref()), (Some(9), Some("Set?$skiptoken=1")));
        let short: Page<Item> = decode_collection(Version::V4, br#"{"@count":2,"value":[]}"#).unwrap();
        assert_eq!(short.count, Some(2));
    }

    #[test]
    fn split_pages_hold_each_entity_as_text() {
        let v2 = br#"{"d":{"results":[{"ID":1}, {"ID":"x"} ],"__count":"7","__next":"Set?$skiptoken=2"}}"#;
        let mut page = split_collection(Version::V2, bytes::Bytes::from_static(v2)).unwrap();
        assert_eq!((page.len(), page.count, page.next_link.as_deref()), (2, Some(7), Some("Set?$skiptoken=2")));
        assert_eq!(
            page.next_entity().map(|(e, p)| (e.to_vec(), p)),
            Some((br#"{"ID":1}"#.to_vec(), "d.results[0]".into()))
        );
        assert_eq!(
            page.next_entity().map(|(e, p)| (e.to_vec(), p)),
            Some((br#"{"ID":"x"}"#.to_vec(), "d.results[1]".into()))
        );
        assert!(page.next_entity().is_none() && page.is_empty());
        let v4 = br#"{"@odata.count":9,"value":[{"ID":1}],"@odata.nextLink":"Set?$skiptoken=1"}"#;
        let mut page = split_collection(Version::V4, bytes::Bytes::from_static(v4)).unwrap();
        assert_eq!((page.count, page.next_link.as_deref()), (Some(9), Some("Set?$skiptoken=1")));
        assert_eq!(page.next_entity().unwrap().1, "value[0]");
        let broken = split_collection(Version::V2, bytes::Bytes::from_static(br#"{"d":{"results":[{"ID":1}"#));
        assert!(broken.is_err());
    }

    #[test]
    fn decode_errors_name_the_json_path() {
        let body = br#"{"d":{"results":[{"ID":1},{"ID":"x"}]}}"#;
        let e = decode_collection::<Item>(Version::V2, body).unwrap_err();
        assert_eq!(e.path, "d.results[1].ID");
        assert!(e.message.contains("invalid type"), "{}", e.message);
        let e = decode_entity::<Item>(Version::V4, b"{}").unwrap_err();
        assert!(e.message.contains("missing field `ID`"), "{e:?}");
    }

    #[test]
    fn error_bodies_in_both_versions() {
        let v2 =
            br#"{"error":{"code":"SY/530","message":{"lang":"en","value":"Partner 42 is locked"},"innererror":{}}}"#;
        assert_eq!(decode_error(v2), (Some("SY/530".into()), "Partner 42 is locked".into()));
        let v4 = br#"{"error":{"code":"412","message":"Entity has changed","target":"x"}}"#;
        assert_eq!(decode_error(v4), (Some("412".into()), "Entity has changed".into()));
        let html = b"<html><body>Logon\n</body></html>";
        assert_eq!(decode_error(html), (None, "<html><body>Logon</body></html>".into()));
    }
}
