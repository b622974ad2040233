//! Shared by the trybuild pass cases: decode a payload into generated types and check
//! that encoding gives the same JSON back.
//!
//! Entities are decoded from their JSON text, as the runtime does, never through a
//! `serde_json::Value`: a `Value` holds numbers as `f64` and would lose the digits of a
//! V4 `Edm.Decimal` before the generated type sees them.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use serde_json::Value;
use std::fmt::Debug;

/// Removes what the generated types deliberately do not keep: V2 `__deferred` links of
/// navigation properties that were not expanded, and V4 control information other than
/// `@odata.etag` (context, ids, links).
pub fn strip_links(value: &mut Value) {
    match value {
        Value::Object(map) => {
            map.retain(|k, v| {
                let deferred = v.as_object().is_some_and(|o| o.len() == 1 && o.contains_key("__deferred"));
                let control = (k.starts_with("@odata.") || k.contains("@odata.")) && k != "@odata.etag";
                !deferred && !control
            });
            map.values_mut().for_each(strip_links);
        }
        Value::Array(items) => items.iter_mut().for_each(strip_links),
        _ => {}
    }
}

/// Decodes `text` (the JSON of one entity) as `T`, re-encodes it, and checks that the
/// result equals the input (without deferred links) and survives a second round trip.
pub fn entity<T: Serialize + DeserializeOwned + Debug>(text: &str) -> T {
    let decoded: T = serde_json::from_str(text).unwrap_or_else(|e| panic!("decoding failed: {e}\n{text}"));
    let encoded_text = serde_json::to_string(&decoded).unwrap();
    let encoded: Value = serde_json::from_str(&encoded_text).unwrap();
    let mut expected: Value = serde_json::from_str(text).unwrap();
    strip_links(&mut expected);
    assert_eq!(encoded, expected, "re-encoded JSON differs");
    // Compared as JSON, not with `PartialEq`: `NaN` is a valid Edm.Double and never equal.
    let again: T = serde_json::from_str(&encoded_text).unwrap();
    assert_eq!(serde_json::to_string(&again).unwrap(), encoded_text, "a second round trip changes the value");
    decoded
}

#[derive(Deserialize)]
struct V2Single {
    d: Box<RawValue>,
}

#[derive(Deserialize)]
struct V2Collection {
    d: V2Results,
}

#[derive(Deserialize)]
struct V2Results {
    results: Vec<Box<RawValue>>,
}

#[derive(Deserialize)]
struct V4Collection {
    value: Vec<Box<RawValue>>,
}

/// Decodes every entity of a V2 collection payload `{"d":{"results":[…]}}`.
pub fn v2_collection<T: Serialize + DeserializeOwned + Debug>(payload: &str) -> Vec<T> {
    let page: V2Collection = serde_json::from_str(payload).unwrap();
    page.d.results.iter().map(|e| entity::<T>(e.get())).collect()
}

/// Decodes the entity of a V2 single-entity payload `{"d":{…}}`.
pub fn v2_single<T: Serialize + DeserializeOwned + Debug>(payload: &str) -> T {
    let single: V2Single = serde_json::from_str(payload).unwrap();
    entity(single.d.get())
}

/// Decodes every entity of a V4 collection payload `{"value":[…]}`.
pub fn v4_collection<T: Serialize + DeserializeOwned + Debug>(payload: &str) -> Vec<T> {
    let page: V4Collection = serde_json::from_str(payload).unwrap();
    page.value.iter().map(|e| entity::<T>(e.get())).collect()
}
