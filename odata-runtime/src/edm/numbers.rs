//! Boolean and numeric Edm types.

use super::literal::{strip_suffix_letter, LiteralError};
use super::scalar::{self, invalid, Scalar};
use super::{Decimal, EdmValue};
use crate::Version;
use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::value::RawValue;
use std::str::FromStr;

impl EdmValue for bool {
    fn serialize_json<S: Serializer>(&self, _: Version, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_bool(*self)
    }
    fn deserialize_json<'de, D: Deserializer<'de>>(_: Version, d: D) -> Result<Self, D::Error> {
        match scalar::read(d)? {
            Scalar::Bool(b) => Ok(b),
            Scalar::Str(s) if s == "true" => Ok(true),
            Scalar::Str(s) if s == "false" => Ok(false),
            other => Err(invalid("Edm.Boolean", &other)),
        }
    }
    fn write_literal(&self, _: Version, out: &mut String) {
        out.push_str(if *self { "true" } else { "false" });
    }
    fn parse_literal(text: &str, _: Version) -> Result<Self, LiteralError> {
        match text {
            "true" => Ok(true),
            "false" => Ok(false),
            _ => Err(LiteralError::new("Edm.Boolean", text, "expected true or false")),
        }
    }
}

/// Integers that are JSON numbers in both versions (Byte, SByte, Int16, Int32).
macro_rules! small_int {
    ($t:ty, $edm:literal) => {
        impl EdmValue for $t {
            fn serialize_json<S: Serializer>(&self, _: Version, s: S) -> Result<S::Ok, S::Error> {
                self.serialize(s)
            }
            fn deserialize_json<'de, D: Deserializer<'de>>(_: Version, d: D) -> Result<Self, D::Error> {
                let found = scalar::read(d)?;
                let parsed = match &found {
                    Scalar::I64(n) => <$t>::try_from(*n).ok(),
                    Scalar::U64(n) => <$t>::try_from(*n).ok(),
                    Scalar::Str(s) => s.parse().ok(),
                    _ => None,
                };
                parsed.ok_or_else(|| invalid($edm, &found))
            }
            fn write_literal(&self, _: Version, out: &mut String) {
                out.push_str(itoa::Buffer::new().format(*self));
            }
            fn parse_literal(text: &str, _: Version) -> Result<Self, LiteralError> {
                text.parse().map_err(|e| LiteralError::new($edm, text, e))
            }
        }
    };
}

small_int!(u8, "Edm.Byte");
small_int!(i8, "Edm.SByte");
small_int!(i16, "Edm.Int16");
small_int!(i32, "Edm.Int32");

impl EdmValue for i64 {
    /// V2 sends Int64 as a string; V4 as a number.
    fn serialize_json<S: Serializer>(&self, v: Version, s: S) -> Result<S::Ok, S::Error> {
        match v {
            Version::V2 => s.serialize_str(itoa::Buffer::new().format(*self)),
            Version::V4 => s.serialize_i64(*self),
        }
    }
    fn deserialize_json<'de, D: Deserializer<'de>>(_: Version, d: D) -> Result<Self, D::Error> {
        let found = scalar::read(d)?;
        let parsed = match &found {
            Scalar::I64(n) => Some(*n),
            Scalar::U64(n) => i64::try_from(*n).ok(),
            Scalar::Str(s) => s.parse().ok(),
            _ => None,
        };
        parsed.ok_or_else(|| invalid("Edm.Int64", &found))
    }
    fn write_literal(&self, v: Version, out: &mut String) {
        out.push_str(itoa::Buffer::new().format(*self));
        if v == Version::V2 {
            out.push('L');
        }
    }
    fn parse_literal(text: &str, _: Version) -> Result<Self, LiteralError> {
        strip_suffix_letter(text, 'L').parse().map_err(|e| LiteralError::new("Edm.Int64", text, e))
    }
}

/// Floating point types: V2 quotes them, V4 writes numbers; both use `NaN`, `INF`, `-INF`.
macro_rules! float {
    ($t:ty, $edm:literal, $suffix:literal) => {
        impl EdmValue for $t {
            fn serialize_json<S: Serializer>(&self, v: Version, s: S) -> Result<S::Ok, S::Error> {
                if !self.is_finite() || v == Version::V2 {
                    s.serialize_str(&format_float(*self as f64, stringify!($t)))
                } else {
                    self.serialize(s)
                }
            }
            fn deserialize_json<'de, D: Deserializer<'de>>(_: Version, d: D) -> Result<Self, D::Error> {
                let found = scalar::read(d)?;
                let parsed = match &found {
                    Scalar::F64(n) => Some(*n as $t),
                    Scalar::I64(n) => Some(*n as $t),
                    Scalar::U64(n) => Some(*n as $t),
                    Scalar::Str(s) => parse_float::<$t>(s),
                    _ => None,
                };
                parsed.ok_or_else(|| invalid($edm, &found))
            }
            fn write_literal(&self, v: Version, out: &mut String) {
                let text = format_float(*self as f64, stringify!($t));
                match v {
                    Version::V2 if self.is_finite() => {
                        out.push_str(&text.replace('e', "E"));
                        out.push($suffix);
                    }
                    _ => out.push_str(&text),
                }
            }
            fn parse_literal(text: &str, _: Version) -> Result<Self, LiteralError> {
                parse_float::<$t>(strip_suffix_letter(text, $suffix))
                    .ok_or_else(|| LiteralError::new($edm, text, "not a number"))
            }
        }
    };
}

float!(f64, "Edm.Double", 'D');
float!(f32, "Edm.Single", 'F');

/// Shortest text that reads back to the same value (`1.5`, `1e300`, `NaN`, `INF`, `-INF`).
fn format_float(value: f64, rust_type: &str) -> String {
    if value.is_nan() {
        return "NaN".into();
    }
    if value.is_infinite() {
        return if value > 0.0 { "INF".into() } else { "-INF".into() };
    }
    let mut buf = ryu::Buffer::new();
    if rust_type == "f32" {
        buf.format_finite(value as f32).to_owned()
    } else {
        buf.format_finite(value).to_owned()
    }
}

fn parse_float<T: FromStr>(text: &str) -> Option<T> {
    let normalised = match text {
        "INF" | "Infinity" => "inf",
        "-INF" | "-Infinity" => "-inf",
        "NaN" => "NaN",
        other => {
            // Rust also accepts "inf", "infinity" in any case; OData does not.
            if other.chars().any(|c| c.is_ascii_alphabetic() && !matches!(c, 'e' | 'E')) {
                return None;
            }
            other
        }
    };
    normalised.parse().ok()
}

impl EdmValue for Decimal {
    /// V2 sends decimals as strings; V4 writes a JSON number with every digit kept.
    fn serialize_json<S: Serializer>(&self, v: Version, s: S) -> Result<S::Ok, S::Error> {
        let text = self.to_plain_string();
        match v {
            Version::V2 => s.serialize_str(&text),
            Version::V4 => RawValue::from_string(text).map_err(serde::ser::Error::custom)?.serialize(s),
        }
    }

    /// Reads a string or a number, losslessly (the number's text is read, never an `f64`).
    fn deserialize_json<'de, D: Deserializer<'de>>(_: Version, d: D) -> Result<Self, D::Error> {
        let raw = Box::<RawValue>::deserialize(d)?;
        let text = raw.get();
        let number = if text.starts_with('"') {
            serde_json::from_str::<std::borrow::Cow<'_, str>>(text).map_err(D::Error::custom)?
        } else {
            std::borrow::Cow::Borrowed(text)
        };
        parse_decimal(&number).ok_or_else(|| D::Error::custom(format_args!("invalid Edm.Decimal value: {text}")))
    }

    fn write_literal(&self, v: Version, out: &mut String) {
        out.push_str(&self.to_plain_string());
        if v == Version::V2 {
            out.push('M');
        }
    }

    fn parse_literal(text: &str, _: Version) -> Result<Self, LiteralError> {
        parse_decimal(strip_suffix_letter(text, 'M'))
            .ok_or_else(|| LiteralError::new("Edm.Decimal", text, "not a decimal number"))
    }
}

fn parse_decimal(text: &str) -> Option<Decimal> {
    let ok =
        !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit() || matches!(b, b'-' | b'+' | b'.' | b'e' | b'E'));
    if ok {
        Decimal::from_str(text).ok()
    } else {
        None
    }
}
