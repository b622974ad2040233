//! Serde adapters for Edm values and V2 navigation (usable as `#[serde(with = "…")]`;
//! generated code reaches them through the codecs of the runtime's `object` module).
//!
//! [`v2`] and [`v4`] read and write any [`EdmValue`] in that version's JSON form.
//! [`v2_nav_one`] and [`v2_nav_many`] read V2 navigation properties, which arrive as
//! `{"__deferred":{…}}` when not expanded, as an entity or `{"results":[…]}` when expanded.
//! [`v2_list`] reads a V2 collection of complex values (`{"results":[…]}` or a bare array).

use super::EdmValue;
use crate::Version;
use serde::de::{self, DeserializeOwned, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::ser::{SerializeMap, SerializeSeq};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::marker::PhantomData;

macro_rules! version_module {
    ($name:ident, $version:expr, $doc:literal) => {
        #[doc = $doc]
        pub mod $name {
            use super::*;

            /// Writes `value` in this version's JSON form.
            pub fn serialize<T: EdmValue, S: Serializer>(value: &T, s: S) -> Result<S::Ok, S::Error> {
                value.serialize_json($version, s)
            }

            /// Reads a value in this version's JSON form.
            pub fn deserialize<'de, T: EdmValue, D: Deserializer<'de>>(d: D) -> Result<T, D::Error> {
                T::deserialize_json($version, d)
            }
        }
    };
}

version_module!(v2, Version::V2, "OData V2 (verbose JSON) forms of Edm values.");
version_module!(v4, Version::V4, "OData V4 JSON forms of Edm values.");

/// Serializes an [`EdmValue`] in a given version's form (an adapter for serde APIs).
pub struct Json<'a, T>(pub &'a T, pub Version);

impl<T: EdmValue> Serialize for Json<'_, T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.serialize_json(self.1, s)
    }
}

/// Deserializes an [`EdmValue`] in a given version's form (a serde seed).
pub struct Seed<T>(pub Version, PhantomData<T>);

impl<T> Seed<T> {
    /// A seed for `version`.
    pub fn new(version: Version) -> Self {
        Seed(version, PhantomData)
    }
}

impl<'de, T: EdmValue> DeserializeSeed<'de> for Seed<T> {
    type Value = T;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<T, D::Error> {
        T::deserialize_json(self.0, d)
    }
}

/// The JSON value of an Edm value in `version`'s form.
pub fn to_value<T: EdmValue>(value: &T, version: Version) -> serde_json::Value {
    serde_json::to_value(Json(value, version)).unwrap_or(serde_json::Value::Null)
}

/// Reads an Edm value from JSON text in `version`'s form.
pub fn from_json_text<T: EdmValue>(text: &str, version: Version) -> Result<T, serde_json::Error> {
    let mut de = serde_json::Deserializer::from_str(text);
    let value = Seed::<T>::new(version).deserialize(&mut de)?;
    de.end()?;
    Ok(value)
}

pub(super) struct OptionVisitor<T>(Version, PhantomData<T>);

impl<T> OptionVisitor<T> {
    pub(super) fn new(version: Version) -> Self {
        OptionVisitor(version, PhantomData)
    }
}

impl<'de, T: EdmValue> Visitor<'de> for OptionVisitor<T> {
    type Value = Option<T>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a value or null")
    }
    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        T::deserialize_json(self.0, d).map(Some)
    }
}

pub(super) fn serialize_collection<T: EdmValue, S: Serializer>(
    items: &[T],
    version: Version,
    s: S,
) -> Result<S::Ok, S::Error> {
    let seq = Items(items, version);
    match version {
        Version::V2 => {
            let mut map = s.serialize_map(Some(1))?;
            map.serialize_entry("results", &seq)?;
            map.end()
        }
        Version::V4 => seq.serialize(s),
    }
}

struct Items<'a, T>(&'a [T], Version);

impl<T: EdmValue> Serialize for Items<'_, T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(self.0.len()))?;
        for item in self.0 {
            seq.serialize_element(&Json(item, self.1))?;
        }
        seq.end()
    }
}

pub(super) fn deserialize_collection<'de, T: EdmValue, D: Deserializer<'de>>(
    version: Version,
    d: D,
) -> Result<Vec<T>, D::Error> {
    d.deserialize_any(ListVisitor { element: move || Seed::<T>::new(version), deferred_is_none: false })
        .and_then(|list| list.ok_or_else(|| de::Error::custom("expected a collection, found a deferred link")))
}

/// Reads `[…]`, `{"results":[…]}` and (when allowed) `{"__deferred":{…}}` as `None`.
struct ListVisitor<F> {
    element: F,
    deferred_is_none: bool,
}

impl<'de, F, S> Visitor<'de> for ListVisitor<F>
where
    F: Fn() -> S,
    S: DeserializeSeed<'de>,
{
    type Value = Option<Vec<S::Value>>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an array or an object with \"results\"")
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        collect_seq(seq, &self.element).map(Some)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut found = None;
        let mut deferred = false;
        while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
            match key.as_ref() {
                "results" => {
                    let seed = SeqSeed(&self.element);
                    found = Some(map.next_value_seed(seed)?);
                }
                "__deferred" => {
                    map.next_value::<IgnoredAny>()?;
                    deferred = true;
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        match found {
            Some(items) => Ok(Some(items)),
            None if deferred && self.deferred_is_none => Ok(None),
            None => Err(de::Error::missing_field("results")),
        }
    }
}

/// Reads every element of `seq` with a fresh seed from `element`. The first allocation
/// is capped, so a hostile size hint cannot reserve much memory.
fn collect_seq<'de, A, F, S>(mut seq: A, element: &F) -> Result<Vec<S::Value>, A::Error>
where
    A: SeqAccess<'de>,
    F: Fn() -> S,
    S: DeserializeSeed<'de>,
{
    let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
    while let Some(item) = seq.next_element_seed(element())? {
        items.push(item);
    }
    Ok(items)
}

struct SeqSeed<'a, F>(&'a F);

impl<'de, F, S> DeserializeSeed<'de> for SeqSeed<'_, F>
where
    F: Fn() -> S,
    S: DeserializeSeed<'de>,
{
    type Value = Vec<S::Value>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        struct SeqOnly<'a, F>(&'a F);
        impl<'de, F, S> Visitor<'de> for SeqOnly<'_, F>
        where
            F: Fn() -> S,
            S: DeserializeSeed<'de>,
        {
            type Value = Vec<S::Value>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an array")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
                collect_seq(seq, self.0)
            }
        }
        d.deserialize_seq(SeqOnly(self.0))
    }
}

struct PlainSeed<T>(PhantomData<T>);

impl<'de, T: Deserialize<'de>> DeserializeSeed<'de> for PlainSeed<T> {
    type Value = T;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<T, D::Error> {
        T::deserialize(d)
    }
}

fn plain<T>() -> PlainSeed<T> {
    PlainSeed(PhantomData)
}

/// A V2 to-many navigation property: `None` when deferred, the entities when expanded.
pub mod v2_nav_many {
    use super::*;

    /// Writes expanded entities as `{"results":[…]}` (what V2 deep inserts accept).
    pub fn serialize<T: Serialize, S: Serializer>(value: &Option<Vec<T>>, s: S) -> Result<S::Ok, S::Error> {
        match value {
            Some(items) => {
                let mut map = s.serialize_map(Some(1))?;
                map.serialize_entry("results", items)?;
                map.end()
            }
            None => s.serialize_none(),
        }
    }

    /// Reads `{"__deferred":…}`, `null`, `{"results":[…]}` or `[…]`.
    pub fn deserialize<'de, T: Deserialize<'de>, D: Deserializer<'de>>(d: D) -> Result<Option<Vec<T>>, D::Error> {
        d.deserialize_any(ListVisitor { element: plain::<T>, deferred_is_none: true })
    }
}

/// A V2 collection of complex values: `{"results":[…]}` or `[…]`.
pub mod v2_list {
    use super::*;

    /// Writes `{"results":[…]}`.
    pub fn serialize<T: Serialize, S: Serializer>(value: &[T], s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(1))?;
        map.serialize_entry("results", value)?;
        map.end()
    }

    /// Reads `{"results":[…]}` or `[…]`.
    pub fn deserialize<'de, T: Deserialize<'de>, D: Deserializer<'de>>(d: D) -> Result<Vec<T>, D::Error> {
        d.deserialize_any(ListVisitor { element: plain::<T>, deferred_is_none: false })?
            .ok_or_else(|| de::Error::custom("expected a collection, found null"))
    }
}

/// A V2 to-one navigation property: `None` when deferred, the entity when expanded.
pub mod v2_nav_one {
    use super::*;
    use serde_json::value::RawValue;

    /// Writes the expanded entity.
    pub fn serialize<T: Serialize, S: Serializer>(value: &Option<Box<T>>, s: S) -> Result<S::Ok, S::Error> {
        match value {
            Some(entity) => entity.serialize(s),
            None => s.serialize_none(),
        }
    }

    /// Reads `{"__deferred":…}` and `null` as `None`, an entity as `Some`.
    pub fn deserialize<'de, T: DeserializeOwned, D: Deserializer<'de>>(d: D) -> Result<Option<Box<T>>, D::Error> {
        #[derive(Deserialize)]
        struct Probe {
            #[serde(rename = "__deferred")]
            deferred: Option<IgnoredAny>,
        }
        let Some(raw) = Option::<Box<RawValue>>::deserialize(d)? else {
            return Ok(None);
        };
        if raw.get() == "null" {
            return Ok(None);
        }
        let probe: Probe = serde_json::from_str(raw.get()).map_err(de::Error::custom)?;
        if probe.deferred.is_some() {
            return Ok(None);
        }
        serde_json::from_str(raw.get()).map(|e| Some(Box::new(e))).map_err(de::Error::custom)
    }
}
