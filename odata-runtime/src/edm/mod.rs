//! Edm primitive values: their Rust types, JSON forms (V2 and V4) and URL literals.
//!
//! | Edm type | Rust type | V2 JSON | V4 JSON | V2 literal | V4 literal |
//! |---|---|---|---|---|---|
//! | String | `String` | `"a"` | `"a"` | `'O''Neil'` | `'O''Neil'` |
//! | Boolean | `bool` | `true` | `true` | `true` | `true` |
//! | Byte, SByte, Int16, Int32 | `u8`, `i8`, `i16`, `i32` | number | number | `42` | `42` |
//! | Int64 | `i64` | `"42"` | `42` | `42L` | `42` |
//! | Decimal | [`Decimal`] | `"12.50"` | `12.50` | `12.50M` | `12.50` |
//! | Single, Double | `f32`, `f64` | `"1.5"` | `1.5` | `1.5F`, `1.5D` | `1.5` |
//! | Guid | [`Guid`] | `"…"` | `"…"` | `guid'…'` | bare |
//! | Binary | [`Binary`] | base64 | base64url | `binary'0A1B'` | `binary'<base64url>'` |
//! | DateTime (V2) | [`DateTime`] | `"/Date(ms)/"` | – | `datetime'2024-01-31T13:45:00'` | – |
//! | DateTimeOffset | [`DateTimeOffset`] | `"/Date(ms+0000)/"` (reads any offset) | ISO 8601 | `datetimeoffset'…'` | bare |
//! | Time (V2), TimeOfDay (V4) | [`TimeOfDay`] | `"PT13H45M00S"` | `"13:45:00"` | `time'PT13H45M00S'` | `13:45:00` |
//! | Date (V4) | [`Date`] | – | `"2024-01-31"` | – | `2024-01-31` |
//! | Duration (V4) | [`Duration`] | – | `"P1DT2H"` | – | `duration'P1DT2H'` |
//! | Stream, Geography*, Geometry* | [`RawJson`] | kept as JSON | kept as JSON | – | – |
//!
//! Readers are tolerant (numbers quoted or not, `/Date(…)/` or ISO, `INF`/`NaN`), writers
//! emit one canonical form, so a canonical payload re-encodes byte for byte.
//!
//! Crates: dates and times are [`chrono`] (the most used date crate, nanosecond precision,
//! fixed offsets, no system time-zone database needed); decimals are [`bigdecimal`]
//! (arbitrary precision: a 34-digit `Edm.Decimal` and its scale survive unchanged, which
//! fixed 96-bit decimal crates cannot do); GUIDs are [`uuid`].

mod argument;
mod binary;
mod enums;
#[doc(hidden)]
pub mod json;
mod literal;
mod numbers;
mod scalar;
mod temporal;
mod text;

#[doc(hidden)]
pub use argument::{Argument, Parameters};
pub use binary::Binary;
pub use enums::*;
pub use literal::{percent_encode_literal, LiteralError};
pub use text::RawJson;

use crate::Version;
use serde::{Deserializer, Serializer};

/// `Edm.Decimal`: arbitrary precision, keeps its scale (`12.50` stays `12.50`).
pub type Decimal = bigdecimal::BigDecimal;
/// `Edm.Guid`. A new random one (for a key the client chooses) needs no second `uuid`
/// dependency:
///
/// ```
/// let id = odata_runtime::edm::Guid::new_v4();
/// assert_eq!(id.get_version_num(), 4);
/// ```
pub type Guid = uuid::Uuid;
/// V2 `Edm.DateTime`: a date and time without offset, read as UTC.
pub type DateTime = chrono::NaiveDateTime;
/// `Edm.DateTimeOffset`: an instant with its UTC offset.
pub type DateTimeOffset = chrono::DateTime<chrono::FixedOffset>;
/// V4 `Edm.Date`.
pub type Date = chrono::NaiveDate;
/// V4 `Edm.TimeOfDay` and V2 `Edm.Time` (SAP uses `Edm.Time` for times of day).
pub type TimeOfDay = chrono::NaiveTime;
/// V4 `Edm.Duration`.
pub type Duration = chrono::TimeDelta;

/// A Rust value that stands for an Edm value: its JSON and URL literal forms per version.
///
/// Implemented for every Rust type in the table of this module, for `Option<T>` (JSON
/// `null`, literal `null`) and for `Vec<T>` (collections). Generated enum types implement
/// it too.
///
/// ```
/// use odata_runtime::{edm::EdmValue, Version};
///
/// let mut v2 = String::new();
/// String::from("O'Neil").write_literal(Version::V2, &mut v2);
/// assert_eq!(v2, "'O''Neil'");
/// assert_eq!(String::parse_literal("'O''Neil'", Version::V4).unwrap(), "O'Neil");
/// ```
pub trait EdmValue: Sized {
    /// Writes the JSON form of `self` for `version`.
    fn serialize_json<S: Serializer>(&self, version: Version, serializer: S) -> Result<S::Ok, S::Error>;

    /// Reads the JSON form for `version`; accepts every form real servers send.
    fn deserialize_json<'de, D: Deserializer<'de>>(version: Version, deserializer: D) -> Result<Self, D::Error>;

    /// Appends the URL literal form (not yet percent-encoded) to `out`.
    fn write_literal(&self, version: Version, out: &mut String);

    /// Parses a URL literal (already percent-decoded).
    fn parse_literal(text: &str, version: Version) -> Result<Self, LiteralError>;

    /// The value as a function parameter in a URL: its literal (collections override
    /// this to give each item's literal and the JSON of the whole).
    fn to_argument(&self, version: Version) -> Argument {
        Argument::Literal(self.to_literal(version))
    }

    /// The literal as a new string.
    fn to_literal(&self, version: Version) -> String {
        let mut out = String::new();
        self.write_literal(version, &mut out);
        out
    }
}

impl<T: EdmValue> EdmValue for Option<T> {
    fn serialize_json<S: Serializer>(&self, v: Version, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Some(value) => value.serialize_json(v, s),
            None => s.serialize_none(),
        }
    }

    fn deserialize_json<'de, D: Deserializer<'de>>(v: Version, d: D) -> Result<Self, D::Error> {
        d.deserialize_option(json::OptionVisitor::<T>::new(v))
    }

    fn write_literal(&self, v: Version, out: &mut String) {
        match self {
            Some(value) => value.write_literal(v, out),
            None => out.push_str("null"),
        }
    }

    fn parse_literal(text: &str, v: Version) -> Result<Self, LiteralError> {
        if text == "null" {
            Ok(None)
        } else {
            T::parse_literal(text, v).map(Some)
        }
    }
}

impl<T: EdmValue> EdmValue for Vec<T> {
    fn serialize_json<S: Serializer>(&self, v: Version, s: S) -> Result<S::Ok, S::Error> {
        json::serialize_collection(self, v, s)
    }

    fn deserialize_json<'de, D: Deserializer<'de>>(v: Version, d: D) -> Result<Self, D::Error> {
        json::deserialize_collection(v, d)
    }

    /// Collections are written as JSON arrays of the items' JSON forms (V4 collection
    /// parameters use this form).
    fn write_literal(&self, v: Version, out: &mut String) {
        let value = json::to_value(self, v);
        out.push_str(&value.to_string());
    }

    fn parse_literal(text: &str, v: Version) -> Result<Self, LiteralError> {
        json::from_json_text(text, v).map_err(|e| LiteralError::new("collection", text, e))
    }

    fn to_argument(&self, v: Version) -> Argument {
        Argument::Collection {
            literals: self.iter().map(|item| item.to_literal(v)).collect(),
            json: json::to_value(self, v).to_string(),
        }
    }
}
