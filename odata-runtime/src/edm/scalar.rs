//! One JSON scalar as a reader found it, so each Edm type can accept every form servers
//! send (a number quoted or not) without buffering a `serde_json::Value`.

use serde::de::{self, Deserializer, Visitor};
use std::borrow::Cow;
use std::fmt;

pub(crate) enum Scalar<'de> {
    Str(Cow<'de, str>),
    I64(i64),
    U64(u64),
    F64(f64),
    Bool(bool),
    Null,
}

impl Scalar<'_> {
    pub(crate) fn describe(&self) -> String {
        match self {
            Scalar::Str(s) => format!("string {s:?}"),
            Scalar::I64(n) => format!("number {n}"),
            Scalar::U64(n) => format!("number {n}"),
            Scalar::F64(n) => format!("number {n}"),
            Scalar::Bool(b) => format!("boolean {b}"),
            Scalar::Null => "null".to_owned(),
        }
    }
}

pub(crate) fn read<'de, D: Deserializer<'de>>(d: D) -> Result<Scalar<'de>, D::Error> {
    d.deserialize_any(ScalarVisitor)
}

/// The error for a scalar that is not a valid `edm_type` value.
pub(crate) fn invalid<E: de::Error>(edm_type: &str, found: &Scalar<'_>) -> E {
    E::custom(format_args!("invalid {edm_type} value: {}", found.describe()))
}

struct ScalarVisitor;

impl<'de> Visitor<'de> for ScalarVisitor {
    type Value = Scalar<'de>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON string, number, boolean or null")
    }
    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(Scalar::Str(Cow::Borrowed(v)))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Scalar::Str(Cow::Owned(v.to_owned())))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
        Ok(Scalar::Str(Cow::Owned(v)))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        Ok(Scalar::I64(v))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        Ok(Scalar::U64(v))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        Ok(Scalar::F64(v))
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
        Ok(Scalar::Bool(v))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Scalar::Null)
    }
    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Scalar::Null)
    }
}
