//! How generated structs (entity types, complex types, create, `Patch` and parameter
//! structs) are read from and written to JSON objects, printed, compared and cloned.
//!
//! Generated code does not derive serde's `Serialize` and `Deserialize`: with a
//! `#[serde(with = …)]` adapter per field, the derives expand to a wrapper type and two
//! trait impls per field, and type-checking them dominated the compile time of a large
//! service. Nor does it derive `Debug`, `PartialEq` or (mostly) `Clone`, which cost a
//! trait call per field each. Instead a generated struct implements [`Object`], its
//! fields as a table (wire names, Rust names, field *i*), and [`ReadObject`] when it is
//! read; its impls of those traits call [`serialize`], [`deserialize`],
//! [`debug_object`], [`eq_objects`] and [`clone_object`] here, which do the rest once for
//! every type: key lookup without allocating, duplicate and missing fields, unknown keys,
//! the loop over the fields, and reading, writing, printing, comparing and cloning every
//! Edm value.
//!
//! A field of an Edm primitive type (or an `Option`, a collection of one) is named by a
//! variant of [`FieldMut`] or [`FieldRef`]: `0 => FieldMut::I32(&mut self.id)`. Building
//! an enum variant asks nothing of the compiler's trait solver, and the code that handles
//! the value is compiled here once, not once per field of every generated struct (a
//! large service has tens of thousands of fields; BENCHMARKS.md has what this saves in
//! `cargo check`). Other fields (enums, complex values, navigation, annotations) are
//! `Other`: the type reads and writes them in `read_other`/`write_other`, each arm one
//! call of a codec: [`EdmV2`]/[`EdmV4`] for Edm values (enums, type definitions),
//! [`Serde`] for values with their own serde impls (complex types, V4 navigation),
//! [`ListV2`] for V2 collections of complex values and [`NavOneV2`]/[`NavManyV2`] for V2
//! navigation properties (deferred or expanded); and hands them over as
//! [`dyn OtherField`](OtherField) to print, compare and clone.
//!
//! ```
//! use odata_runtime::__private::{self as object, FieldMut, FieldRef, Object, OtherField, ReadObject, Serde};
//! use odata_runtime::serde::{de::MapAccess, ser::SerializeMap};
//! use odata_runtime::Version;
//!
//! #[derive(Default)]
//! struct Book {
//!     id: i32,
//!     title: Option<String>,
//!     extra: Option<serde_json::Value>,
//! }
//!
//! impl Object for Book {
//!     const KEYS: &'static [&'static str] = &["ID", "title", "extra"];
//!     const OMIT_NONE: bool = true;
//!     const VERSION: Version = Version::V4;
//!     const STRUCT: &'static str = "Book";
//!     const NAMES: &'static [&'static str] = &["id", "title", "extra"];
//!     fn value(&self, field: usize) -> FieldRef<'_> {
//!         match field {
//!             0 => FieldRef::I32(&self.id),
//!             1 => FieldRef::OptString(&self.title),
//!             _ => FieldRef::Other,
//!         }
//!     }
//!     fn value_mut(&mut self, field: usize) -> FieldMut<'_> {
//!         match field {
//!             0 => FieldMut::I32(&mut self.id),
//!             1 => FieldMut::OptString(&mut self.title),
//!             _ => FieldMut::Other,
//!         }
//!     }
//!     fn write_other<M: SerializeMap>(&self, field: usize, key: &'static str, map: &mut M) -> Result<(), M::Error> {
//!         match field {
//!             2 => Serde::write_some(map, key, &self.extra),
//!             _ => Ok(()),
//!         }
//!     }
//!     fn other(&self, field: usize) -> &dyn OtherField {
//!         match field {
//!             2 => &self.extra,
//!             _ => &(),
//!         }
//!     }
//!     fn other_mut(&mut self, field: usize) -> Option<&mut dyn OtherField> {
//!         match field {
//!             2 => Some(&mut self.extra),
//!             _ => None,
//!         }
//!     }
//! }
//!
//! impl ReadObject for Book {
//!     const NAME: &'static str = "Shop.Book";
//!     const REQUIRED: &'static [usize] = &[0];
//!     fn read_other<'de, A: MapAccess<'de>>(&mut self, field: usize, map: &mut A) -> Result<(), A::Error> {
//!         match field {
//!             2 => Serde::read_into(map, &mut self.extra),
//!             _ => object::skip(map),
//!         }
//!     }
//! }
//!
//! impl std::fmt::Debug for Book {
//!     fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
//!         object::debug_object(self, f)
//!     }
//! }
//!
//! impl PartialEq for Book {
//!     fn eq(&self, other: &Self) -> bool {
//!         object::eq_objects(self, other)
//!     }
//! }
//!
//! impl Clone for Book {
//!     fn clone(&self) -> Self {
//!         object::clone_object(self)
//!     }
//! }
//!
//! let book: Book = object::deserialize(&mut serde_json::Deserializer::from_str(r#"{"title":"Emma","ID":7}"#))?;
//! assert_eq!(book, Book { id: 7, title: Some("Emma".into()), extra: None });
//! assert_eq!(format!("{:?}", book.clone()), r#"Book { id: 7, title: Some("Emma"), extra: None }"#);
//! let mut out = Vec::new();
//! object::serialize(&book, &mut serde_json::Serializer::new(&mut out))?;
//! assert_eq!(out, br#"{"ID":7,"title":"Emma"}"#);
//!
//! let missing = object::deserialize::<Book, _>(&mut serde_json::Deserializer::from_str(r#"{"title":"Emma"}"#));
//! assert!(missing.unwrap_err().to_string().contains("missing field `ID`"));
//! # Ok::<(), serde_json::Error>(())
//! ```

mod fields;
mod std_traits;

pub use fields::{FieldMut, FieldRef};
pub use std_traits::{clone_object, debug_object, eq_objects, OtherField};

use crate::edm::json;
use crate::edm::EdmValue;
use crate::Version;
use serde::de::{self, DeserializeOwned, DeserializeSeed, IgnoredAny, MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserializer, Serialize, Serializer};
use std::fmt;
use std::marker::PhantomData;

/// A generated struct (entity, complex, create, `Patch` or parameter struct) as a table
/// of fields, indexed in declaration order: their JSON names, and field *i* as a
/// [`FieldRef`]/[`FieldMut`] when it holds an Edm primitive (or an `Option`, a
/// collection of one), as a [`dyn OtherField`](OtherField) otherwise. [`serialize`]
/// writes each name in [`KEYS`](Self::KEYS) with the field's [`value`](Self::value), or
/// calls [`write_other`](Self::write_other) when it is [`FieldRef::Other`];
/// [`debug_object`], [`eq_objects`] and [`clone_object`] walk the same table.
pub trait Object {
    /// The JSON names of the fields, in declaration order (`__metadata` and instance
    /// annotations first, where servers send them).
    const KEYS: &'static [&'static str];
    /// Whether a `None` in an [`FieldRef`] is left out (create, patch and parameter
    /// structs) rather than written as `null` (entity and complex types).
    const OMIT_NONE: bool;
    /// The service's version: the JSON form of the Edm values.
    const VERSION: Version;
    /// The struct's Rust name, for `Debug` ([`debug_object`]).
    const STRUCT: &'static str;
    /// The fields' Rust names, in the order of [`KEYS`](Self::KEYS), for `Debug`.
    const NAMES: &'static [&'static str];
    /// Field `field` (an index into [`KEYS`](Self::KEYS)) to write, print and compare
    /// when it holds an Edm primitive written by the struct's [`OMIT_NONE`](Self::OMIT_NONE)
    /// rule; [`FieldRef::Other`] otherwise.
    fn value(&self, field: usize) -> FieldRef<'_> {
        let _ = field;
        FieldRef::Other
    }
    /// Field `field` to read into or clone into when it holds an Edm primitive;
    /// [`FieldMut::Other`] otherwise.
    fn value_mut(&mut self, field: usize) -> FieldMut<'_> {
        let _ = field;
        FieldMut::Other
    }
    /// Writes a field whose value is [`FieldRef::Other`] as the map entry `key`, or
    /// nothing when it is to be left out (a `None` that is not sent).
    fn write_other<M: SerializeMap>(&self, field: usize, key: &'static str, map: &mut M) -> Result<(), M::Error> {
        let _ = (field, key, map);
        Ok(())
    }
    /// A field whose [`value`](Self::value) is [`FieldRef::Other`], to print, compare
    /// and clone from.
    fn other(&self, field: usize) -> &dyn OtherField {
        let _ = field;
        &()
    }
    /// The same fields as [`other`](Self::other), to clone into; `None` for the rest.
    fn other_mut(&mut self, field: usize) -> Option<&mut dyn OtherField> {
        let _ = field;
        None
    }
}

/// An [`Object`] read from JSON (entity and complex types). [`deserialize`] starts from
/// `Default` and, for each key found in [`Object::KEYS`], reads the value into the
/// field's [`value_mut`](Object::value_mut), or through
/// [`read_other`](Self::read_other) when that is [`FieldMut::Other`].
pub trait ReadObject: Object + Default {
    /// The qualified OData type name, for error messages.
    const NAME: &'static str;
    /// Indices into [`Object::KEYS`] of the fields that must be present.
    const REQUIRED: &'static [usize];
    /// Reads the value of a field whose `value_mut` is [`FieldMut::Other`] (enums,
    /// complex values, navigation, annotations) with `map.next_value…`; it must consume
    /// exactly that one value.
    fn read_other<'de, A: MapAccess<'de>>(&mut self, field: usize, map: &mut A) -> Result<(), A::Error> {
        let _ = field;
        skip(map)
    }
}

/// Writes `value` as a JSON object (what a generated `Serialize` impl calls).
pub fn serialize<T: Object + ?Sized, S: Serializer>(value: &T, s: S) -> Result<S::Ok, S::Error> {
    let mut map = s.serialize_map(None)?;
    for (field, &key) in T::KEYS.iter().enumerate() {
        match value.value(field) {
            FieldRef::Other => value.write_other(field, key, &mut map)?,
            known => known.write(key, T::OMIT_NONE, T::VERSION, &mut map)?,
        }
    }
    map.end()
}

/// Reads field `field` of `value`: through its `value_mut`, or the type's `read_other`.
fn read_field<'de, T: ReadObject, A: MapAccess<'de>>(value: &mut T, field: usize, map: &mut A) -> Result<(), A::Error> {
    match value.value_mut(field) {
        FieldMut::Other => value.read_other(field, map),
        slot => slot.read(T::VERSION, map),
    }
}

/// Reads a `T` from a JSON object (what a generated `Deserialize` impl calls): unknown
/// keys are skipped, a repeated key or a missing required field is an error.
pub fn deserialize<'de, T: ReadObject, D: Deserializer<'de>>(d: D) -> Result<T, D::Error> {
    d.deserialize_map(ObjectVisitor(PhantomData))
}

/// Skips the next value of `map` (for a field index a [`ReadObject`] does not know).
pub fn skip<'de, A: MapAccess<'de>>(map: &mut A) -> Result<(), A::Error> {
    map.next_value::<IgnoredAny>().map(drop)
}

struct ObjectVisitor<T>(PhantomData<T>);

impl<'de, T: ReadObject> Visitor<'de> for ObjectVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "an object of type `{}`", T::NAME)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
        let mut value = T::default();
        let mut seen = Seen::new(T::KEYS.len());
        let mut next = 0;
        let lenient = lenient::active();
        while let Some(found) = map.next_key_seed(Lookup { fields: T::KEYS, next })? {
            match found {
                Some(i) => {
                    if !seen.insert(i) {
                        return Err(de::Error::duplicate_field(T::KEYS[i]));
                    }
                    if lenient && !T::REQUIRED.contains(&i) {
                        // Read the value's JSON first: if it does not decode, the field
                        // stays `None` and the page says why.
                        let raw: Box<serde_json::value::RawValue> = map.next_value()?;
                        if let Err(e) = read_field(&mut value, i, &mut lenient::OneValue(Some(raw.get()))) {
                            lenient::record(format!("{}.{}: {e}", T::NAME, T::KEYS[i]));
                        }
                    } else {
                        read_field(&mut value, i, &mut map)?;
                    }
                    next = i + 1;
                }
                None => skip(&mut map)?,
            }
        }
        match T::REQUIRED.iter().find(|&&i| !seen.contains(i)) {
            Some(&i) => Err(de::Error::missing_field(T::KEYS.get(i).copied().unwrap_or("?"))),
            None => Ok(value),
        }
    }
}

/// Which fields were read: a bit per field, on the stack for up to 128 fields.
enum Seen {
    Small(u128),
    Large(Vec<bool>),
}

impl Seen {
    fn new(fields: usize) -> Self {
        if fields <= 128 {
            Seen::Small(0)
        } else {
            Seen::Large(vec![false; fields])
        }
    }

    /// Marks field `i`; false when it was already marked.
    fn insert(&mut self, i: usize) -> bool {
        match self {
            Seen::Small(bits) => {
                let bit = 1u128 << i;
                let fresh = *bits & bit == 0;
                *bits |= bit;
                fresh
            }
            Seen::Large(flags) => !std::mem::replace(&mut flags[i], true),
        }
    }

    /// Whether field `i` was marked (false for an index past the fields, so a
    /// `REQUIRED` entry out of range reads as missing rather than panicking).
    fn contains(&self, i: usize) -> bool {
        match self {
            Seen::Small(bits) => i < 128 && bits & (1u128 << i) != 0,
            Seen::Large(flags) => flags.get(i).copied().unwrap_or(false),
        }
    }
}

/// Finds a key among the field names without allocating. Servers send the fields in
/// metadata order, so the search starts at the field after the previous one found:
/// one comparison per key in the usual case; names of another length cost a length
/// check each.
struct Lookup {
    fields: &'static [&'static str],
    next: usize,
}

impl Lookup {
    fn find(&self, key: &[u8]) -> Option<usize> {
        let start = self.next.min(self.fields.len());
        let (before, after) = self.fields.split_at(start);
        if let Some(i) = after.iter().position(|f| same(f.as_bytes(), key)) {
            return Some(start + i);
        }
        before.iter().position(|f| same(f.as_bytes(), key))
    }
}

impl<'de> DeserializeSeed<'de> for Lookup {
    type Value = Option<usize>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_identifier(self)
    }
}

impl<'de> Visitor<'de> for Lookup {
    type Value = Option<usize>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a field name")
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<Self::Value, E> {
        Ok(self.find(key.as_bytes()))
    }

    fn visit_bytes<E: de::Error>(self, key: &[u8]) -> Result<Self::Value, E> {
        Ok(self.find(key))
    }
}

/// `a == b`, without a `memcmp` call for names up to 32 bytes: two overlapping loads
/// from each end compare every byte (what a `match` on string constants compiles to).
#[inline]
fn same(a: &[u8], b: &[u8]) -> bool {
    let n = a.len();
    if n != b.len() {
        return false;
    }
    fn word<const N: usize>(s: &[u8], at: usize) -> [u8; N] {
        s[at..at + N].try_into().unwrap_or([0; N])
    }
    match n {
        0 => true,
        1..=3 => a[0] == b[0] && a[n / 2] == b[n / 2] && a[n - 1] == b[n - 1],
        4..=7 => word::<4>(a, 0) == word::<4>(b, 0) && word::<4>(a, n - 4) == word::<4>(b, n - 4),
        8..=16 => word::<8>(a, 0) == word::<8>(b, 0) && word::<8>(a, n - 8) == word::<8>(b, n - 8),
        17..=32 => word::<16>(a, 0) == word::<16>(b, 0) && word::<16>(a, n - 16) == word::<16>(b, n - 16),
        _ => a == b,
    }
}

/// How one field's value is written in JSON. The generator picks a codec per field;
/// generated code calls the codec's `write` and `write_some`.
pub trait Encode<T: ?Sized> {
    /// Writes `value`.
    fn to_json<S: Serializer>(value: &T, s: S) -> Result<S::Ok, S::Error>;
}

/// How one field's value is read from JSON (the codec's `read`). Separate from
/// [`Encode`]: the create types are written only.
pub trait Decode<T> {
    /// Reads a value.
    fn from_json<'de, D: Deserializer<'de>>(d: D) -> Result<T, D::Error>;
}

/// An Edm value (primitive, enum, type definition, or a collection or `Option` of them)
/// in OData V2's JSON form.
pub enum EdmV2 {}

/// An Edm value (primitive, enum, type definition, or a collection or `Option` of them)
/// in OData V4's JSON form.
pub enum EdmV4 {}

/// A value with its own serde impls (complex types, V4 navigation properties, metadata).
pub enum Serde {}

/// A V2 collection of complex values: `{"results":[…]}` or `[…]`.
pub enum ListV2 {}

/// A V2 to-one navigation property: `None` when deferred or `null`, the entity when expanded.
pub enum NavOneV2 {}

/// A V2 to-many navigation property: `None` when deferred, the entities when expanded.
pub enum NavManyV2 {}

impl<T: EdmValue> Encode<T> for EdmV2 {
    fn to_json<S: Serializer>(value: &T, s: S) -> Result<S::Ok, S::Error> {
        value.serialize_json(Version::V2, s)
    }
}

impl<T: EdmValue> Decode<T> for EdmV2 {
    fn from_json<'de, D: Deserializer<'de>>(d: D) -> Result<T, D::Error> {
        T::deserialize_json(Version::V2, d)
    }
}

impl<T: EdmValue> Encode<T> for EdmV4 {
    fn to_json<S: Serializer>(value: &T, s: S) -> Result<S::Ok, S::Error> {
        value.serialize_json(Version::V4, s)
    }
}

impl<T: EdmValue> Decode<T> for EdmV4 {
    fn from_json<'de, D: Deserializer<'de>>(d: D) -> Result<T, D::Error> {
        T::deserialize_json(Version::V4, d)
    }
}

impl<T: Serialize> Encode<T> for Serde {
    fn to_json<S: Serializer>(value: &T, s: S) -> Result<S::Ok, S::Error> {
        value.serialize(s)
    }
}

impl<T: DeserializeOwned> Decode<T> for Serde {
    fn from_json<'de, D: Deserializer<'de>>(d: D) -> Result<T, D::Error> {
        T::deserialize(d)
    }
}

impl<T: Serialize> Encode<Vec<T>> for ListV2 {
    fn to_json<S: Serializer>(value: &Vec<T>, s: S) -> Result<S::Ok, S::Error> {
        json::v2_list::serialize(value, s)
    }
}

impl<T: DeserializeOwned> Decode<Vec<T>> for ListV2 {
    fn from_json<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<T>, D::Error> {
        json::v2_list::deserialize(d)
    }
}

impl<T: Serialize> Encode<Option<Box<T>>> for NavOneV2 {
    fn to_json<S: Serializer>(value: &Option<Box<T>>, s: S) -> Result<S::Ok, S::Error> {
        json::v2_nav_one::serialize(value, s)
    }
}

impl<T: DeserializeOwned> Decode<Option<Box<T>>> for NavOneV2 {
    fn from_json<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Box<T>>, D::Error> {
        json::v2_nav_one::deserialize(d)
    }
}

impl<T: Serialize> Encode<Option<Vec<T>>> for NavManyV2 {
    fn to_json<S: Serializer>(value: &Option<Vec<T>>, s: S) -> Result<S::Ok, S::Error> {
        json::v2_nav_many::serialize(value, s)
    }
}

impl<T: DeserializeOwned> Decode<Option<Vec<T>>> for NavManyV2 {
    fn from_json<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Vec<T>>, D::Error> {
        json::v2_nav_many::deserialize(d)
    }
}

/// `value` written through codec `C` (a `Serialize` adapter).
struct Out<'a, C, T>(&'a T, PhantomData<C>);

impl<C: Encode<T>, T> Serialize for Out<'_, C, T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        C::to_json(self.0, s)
    }
}

/// A value read through codec `C` (a serde seed).
struct In<C, T>(PhantomData<(C, T)>);

impl<'de, C: Decode<T>, T> DeserializeSeed<'de> for In<C, T> {
    type Value = T;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<T, D::Error> {
        C::from_json(d)
    }
}

macro_rules! field_methods {
    ($($codec:ident),*) => {$(
        impl $codec {
            /// Reads the next map value through this codec into `slot`.
            #[inline]
            pub fn read_into<'de, T, A: MapAccess<'de>>(map: &mut A, slot: &mut T) -> Result<(), A::Error>
            where
                Self: Decode<T>,
            {
                *slot = map.next_value_seed(In::<Self, T>(PhantomData))?;
                Ok(())
            }

            /// Writes `key` and `value` through this codec.
            pub fn write<T, M: SerializeMap>(map: &mut M, key: &'static str, value: &T) -> Result<(), M::Error>
            where
                Self: Encode<T>,
            {
                map.serialize_entry(key, &Out::<Self, T>(value, PhantomData))
            }

            /// Writes `key` and `value` through this codec unless `value` is `None`.
            pub fn write_some<T, M: SerializeMap>(
                map: &mut M,
                key: &'static str,
                value: &Option<T>,
            ) -> Result<(), M::Error>
            where
                Self: Encode<Option<T>>,
            {
                match value {
                    Some(_) => Self::write(map, key, value),
                    None => Ok(()),
                }
            }
        }
    )*};
}

field_methods!(EdmV2, EdmV4, Serde, ListV2, NavOneV2, NavManyV2);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edm;

    #[derive(Default)]
    struct Row {
        id: i32,
        name: Option<String>,
        tags: Vec<String>,
        extra: Option<serde_json::Value>,
    }

    impl ReadObject for Row {
        const NAME: &'static str = "T.Row";
        const REQUIRED: &'static [usize] = &[0];
        fn read_other<'de, A: MapAccess<'de>>(&mut self, field: usize, map: &mut A) -> Result<(), A::Error> {
            match field {
                3 => Serde::read_into(map, &mut self.extra),
                _ => skip(map),
            }
        }
    }

    impl fmt::Debug for Row {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            debug_object(self, f)
        }
    }

    impl PartialEq for Row {
        fn eq(&self, other: &Self) -> bool {
            eq_objects(self, other)
        }
    }

    impl Clone for Row {
        fn clone(&self) -> Self {
            clone_object(self)
        }
    }

    impl Object for Row {
        const KEYS: &'static [&'static str] = &["ID", "Name", "Tags", "Extra"];
        const OMIT_NONE: bool = true;
        const VERSION: Version = Version::V4;
        const STRUCT: &'static str = "Row";
        const NAMES: &'static [&'static str] = &["id", "name", "tags", "extra"];
        fn value(&self, field: usize) -> FieldRef<'_> {
            match field {
                0 => FieldRef::I32(&self.id),
                1 => FieldRef::OptString(&self.name),
                2 => FieldRef::VecString(&self.tags),
                _ => FieldRef::Other,
            }
        }
        fn value_mut(&mut self, field: usize) -> FieldMut<'_> {
            match field {
                0 => FieldMut::I32(&mut self.id),
                1 => FieldMut::OptString(&mut self.name),
                2 => FieldMut::VecString(&mut self.tags),
                _ => FieldMut::Other,
            }
        }
        fn other_mut(&mut self, field: usize) -> Option<&mut dyn OtherField> {
            match field {
                3 => Some(&mut self.extra),
                _ => None,
            }
        }
        fn write_other<M: SerializeMap>(&self, field: usize, key: &'static str, map: &mut M) -> Result<(), M::Error> {
            match field {
                3 => Serde::write_some(map, key, &self.extra),
                _ => Ok(()),
            }
        }
        fn other(&self, field: usize) -> &dyn OtherField {
            match field {
                3 => &self.extra,
                _ => &(),
            }
        }
    }

    /// What `#[derive(Debug, PartialEq, Clone)]` would give, field by field.
    #[derive(Debug, PartialEq, Clone)]
    struct Derived {
        id: i32,
        name: Option<String>,
        tags: Vec<String>,
        extra: Option<serde_json::Value>,
    }

    #[test]
    fn debug_eq_and_clone_through_the_tables_match_the_derives() {
        let rows = [
            Row { id: 1, name: None, tags: vec![], extra: None },
            Row { id: 1, name: Some("n \"q\"".into()), tags: vec!["a".into(), "b".into()], extra: None },
            Row { id: 1, name: None, tags: vec![], extra: Some(serde_json::json!({"a": [1, null]})) },
            Row { id: -7, name: Some(String::new()), tags: vec![String::new()], extra: Some(serde_json::json!(1)) },
        ];
        let derived =
            |r: &Row| Derived { id: r.id, name: r.name.clone(), tags: r.tags.clone(), extra: r.extra.clone() };
        for a in &rows {
            assert_eq!(format!("{a:?}").replace("Row", "Derived"), format!("{:?}", derived(a)));
            assert_eq!(format!("{a:#?}").replace("Row", "Derived"), format!("{:#?}", derived(a)));
            let copy = a.clone();
            assert_eq!(derived(&copy), derived(a), "a clone has every field");
            for b in &rows {
                assert_eq!(a == b, derived(a) == derived(b), "{a:?} == {b:?}");
            }
        }
        // A clone owns its values.
        let a = &rows[1];
        let mut copy = a.clone();
        copy.tags.push("c".into());
        assert_eq!(a.tags.len(), 2);
        assert_ne!(&copy, a);
    }

    fn read(text: &str) -> Result<Row, serde_json::Error> {
        deserialize(&mut serde_json::Deserializer::from_str(text))
    }

    #[test]
    fn reads_fields_in_any_order_skipping_unknown_keys() {
        let row = read(r#"{"@odata.etag":"W/\"1\"","Tags":["a"],"x":{"y":[1]},"Name":null,"ID":4}"#).unwrap();
        assert_eq!(row, Row { id: 4, name: None, tags: vec!["a".into()], extra: None });
        // An escaped key is still found (serde_json hands it over unborrowed).
        let row = read(r#"{"\u0049D":5,"Name":"n"}"#).unwrap();
        assert_eq!(row, Row { id: 5, name: Some("n".into()), tags: vec![], extra: None });
        // A field the type reads itself.
        let row = read(r#"{"ID":6,"Extra":{"a":[1]}}"#).unwrap();
        assert_eq!(row.extra, Some(serde_json::json!({"a": [1]})));
        // From a `serde_json::Value`, keys arrive as owned strings.
        let value = serde_json::json!({"ID": 6, "Name": "v"});
        let row: Row = deserialize(value).unwrap();
        assert_eq!(row.name.as_deref(), Some("v"));
    }

    #[test]
    fn a_repeated_key_a_missing_field_or_a_wrong_shape_is_an_error() {
        let e = read(r#"{"ID":1,"ID":2}"#).unwrap_err();
        assert!(e.to_string().contains("duplicate field `ID`"), "{e}");
        let e = read(r#"{"Name":"n"}"#).unwrap_err();
        assert!(e.to_string().contains("missing field `ID`"), "{e}");
        let e = read(r#"[1,"n"]"#).unwrap_err();
        assert!(e.to_string().contains("an object of type `T.Row`"), "{e}");
        let e = read(r#"{"ID":true}"#).unwrap_err();
        assert!(e.to_string().contains("invalid Edm.Int32 value"), "{e}");
    }

    #[test]
    fn writes_fields_leaving_out_none() {
        let row = Row { id: 1, name: None, tags: vec!["t".into()], extra: None };
        let mut out = Vec::new();
        serialize(&row, &mut serde_json::Serializer::new(&mut out)).unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), r#"{"ID":1,"Tags":["t"]}"#);
        let row = Row { id: 2, name: Some("n".into()), tags: vec![], extra: Some(serde_json::json!(true)) };
        let mut out = Vec::new();
        serialize(&row, &mut serde_json::Serializer::new(&mut out)).unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), r#"{"ID":2,"Name":"n","Tags":[],"Extra":true}"#);
    }

    #[test]
    fn none_is_null_or_left_out_as_the_type_says_and_patches_send_null_for_some_none() {
        struct Patch(Option<Option<String>>, Option<Option<i64>>, Option<Vec<bool>>, Option<edm::Date>);
        impl Object for Patch {
            const KEYS: &'static [&'static str] = &["A", "B", "C", "D"];
            const OMIT_NONE: bool = true;
            const VERSION: Version = Version::V2;
            const STRUCT: &'static str = "Patch";
            const NAMES: &'static [&'static str] = &["0", "1", "2", "3"];
            fn value(&self, field: usize) -> FieldRef<'_> {
                match field {
                    0 => FieldRef::OptOptString(&self.0),
                    1 => FieldRef::OptOptI64(&self.1),
                    2 => FieldRef::OptVecBool(&self.2),
                    3 => FieldRef::OptDate(&self.3),
                    _ => FieldRef::Other,
                }
            }
        }
        struct Entity(Option<i64>);
        impl Object for Entity {
            const KEYS: &'static [&'static str] = &["B"];
            const OMIT_NONE: bool = false;
            const VERSION: Version = Version::V4;
            const STRUCT: &'static str = "Entity";
            const NAMES: &'static [&'static str] = &["0"];
            fn value(&self, field: usize) -> FieldRef<'_> {
                match field {
                    0 => FieldRef::OptI64(&self.0),
                    _ => FieldRef::Other,
                }
            }
        }
        fn text<T: Object>(value: &T) -> String {
            let mut out = Vec::new();
            serialize(value, &mut serde_json::Serializer::new(&mut out)).unwrap();
            String::from_utf8(out).unwrap()
        }
        assert_eq!(text(&Patch(None, None, None, None)), "{}");
        // V2: Int64 as a string, collections in `results`; `Some(None)` is null.
        assert_eq!(
            text(&Patch(Some(None), Some(Some(7)), Some(vec![true]), None)),
            r#"{"A":null,"B":"7","C":{"results":[true]}}"#
        );
        assert_eq!(text(&Entity(None)), r#"{"B":null}"#);
        assert_eq!(text(&Entity(Some(7))), r#"{"B":7}"#);
    }

    #[test]
    fn lookup_finds_keys_after_any_field_and_misses_unknown_ones() {
        let fields: &'static [&'static str] = &["c", "bb", "a", "aaa"];
        for next in 0..6 {
            let l = Lookup { fields, next };
            assert_eq!(l.find(b"a"), Some(2));
            assert_eq!(l.find(b"bb"), Some(1));
            assert_eq!(l.find(b"c"), Some(0));
            assert_eq!(l.find(b"aaa"), Some(3));
            assert_eq!(l.find(b"aa"), None);
            assert_eq!(l.find(b"b"), None);
            assert_eq!(l.find(b""), None);
        }
    }

    #[test]
    fn same_compares_every_byte_of_short_and_long_names() {
        let names: Vec<Vec<u8>> = (0..40).map(|n| (0..n).map(|i| b'a' + (i % 26) as u8).collect()).collect();
        for a in &names {
            assert!(same(a, a));
            for i in 0..a.len() {
                let mut b = a.clone();
                b[i] ^= 0x20;
                assert!(!same(a, &b), "{a:?} differs at {i}");
            }
            for b in &names {
                assert_eq!(same(a, b), a == b);
            }
        }
    }

    #[test]
    fn seen_tracks_more_than_128_fields() {
        for n in [1, 128, 129, 300] {
            let mut seen = Seen::new(n);
            for i in (0..n).step_by(7) {
                assert!(seen.insert(i));
                assert!(!seen.insert(i));
            }
            for i in 0..n {
                assert_eq!(seen.contains(i), i % 7 == 0, "{n} fields, field {i}");
            }
            assert!(!seen.contains(n + 200), "an index past the fields reads as not seen");
        }
    }

    #[test]
    fn a_required_index_past_the_fields_is_a_missing_field_not_a_panic() {
        #[derive(Default)]
        struct Broken;
        impl Object for Broken {
            const KEYS: &'static [&'static str] = &["A"];
            const OMIT_NONE: bool = false;
            const VERSION: Version = Version::V4;
            const STRUCT: &'static str = "Broken";
            const NAMES: &'static [&'static str] = &["a"];
        }
        impl ReadObject for Broken {
            const NAME: &'static str = "T.Broken";
            const REQUIRED: &'static [usize] = &[300];
        }
        let e = deserialize::<Broken, _>(&mut serde_json::Deserializer::from_str(r#"{"A":1}"#)).err().unwrap();
        assert!(e.to_string().contains("missing field `?`"), "{e}");
    }
}

/// Lenient decoding (opt-in per list request): a nullable property whose value does not
/// match its Edm type is read as `None` and the reason recorded, instead of failing the
/// whole page. Active on this thread for the duration of [`lenient::decode`].
pub(crate) mod lenient {
    use serde::de::{self, DeserializeSeed, MapAccess};
    use std::cell::RefCell;

    thread_local! {
        static WARNINGS: RefCell<Option<Vec<String>>> = const { RefCell::new(None) };
    }

    /// Runs `decode` leniently; its result and the warnings recorded meanwhile.
    pub(crate) fn decode<T>(decode: impl FnOnce() -> T) -> (T, Vec<String>) {
        let outer = WARNINGS.with(|w| w.borrow_mut().replace(Vec::new()));
        let result = decode();
        let warnings = WARNINGS.with(|w| std::mem::replace(&mut *w.borrow_mut(), outer)).unwrap_or_default();
        (result, warnings)
    }

    pub(super) fn active() -> bool {
        WARNINGS.with(|w| w.borrow().is_some())
    }

    pub(super) fn record(warning: String) {
        WARNINGS.with(|w| {
            if let Some(list) = w.borrow_mut().as_mut() {
                list.push(warning);
            }
        });
    }

    /// One value's JSON text as a map holding just that value.
    pub(super) struct OneValue<'a>(pub(super) Option<&'a str>);

    impl<'de, 'a: 'de> MapAccess<'de> for OneValue<'a> {
        type Error = serde_json::Error;

        fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, _: K) -> Result<Option<K::Value>, Self::Error> {
            Ok(None)
        }

        fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Self::Error> {
            let text = self.0.take().ok_or_else(|| <serde_json::Error as de::Error>::custom("no value"))?;
            let mut de = serde_json::Deserializer::from_str(text);
            let value = seed.deserialize(&mut de)?;
            de.end()?;
            Ok(value)
        }
    }
}
