//! `Edm.String`, and values kept as raw JSON (`Edm.Stream`, geography and geometry).

use super::literal::{read_quoted, write_quoted, LiteralError};
use super::scalar::{self, invalid, Scalar};
use super::EdmValue;
use crate::Version;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

impl EdmValue for String {
    fn serialize_json<S: Serializer>(&self, _: Version, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self)
    }
    fn deserialize_json<'de, D: Deserializer<'de>>(_: Version, d: D) -> Result<Self, D::Error> {
        match scalar::read(d)? {
            Scalar::Str(s) => Ok(s.into_owned()),
            other => Err(invalid("Edm.String", &other)),
        }
    }
    fn write_literal(&self, _: Version, out: &mut String) {
        write_quoted(self, out);
    }
    fn parse_literal(text: &str, _: Version) -> Result<Self, LiteralError> {
        read_quoted(text).map_err(|e| LiteralError::new("Edm.String", text, e))
    }
}

/// A value kept as the JSON the server sent: `Edm.Stream` properties and the
/// `Edm.Geography*`/`Edm.Geometry*` types (GeoJSON in V4).
///
/// ```
/// use odata_runtime::edm::RawJson;
/// let point: RawJson = serde_json::from_str(r#"{"type":"Point","coordinates":[8.6,49.3]}"#).unwrap();
/// assert_eq!(point.0["type"], "Point");
/// ```
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct RawJson(pub serde_json::Value);

impl EdmValue for RawJson {
    fn serialize_json<S: Serializer>(&self, _: Version, s: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(s)
    }
    fn deserialize_json<'de, D: Deserializer<'de>>(_: Version, d: D) -> Result<Self, D::Error> {
        serde_json::Value::deserialize(d).map(RawJson)
    }
    /// Writes the compact JSON text (raw values have no literal form of their own).
    fn write_literal(&self, _: Version, out: &mut String) {
        out.push_str(&self.0.to_string());
    }
    fn parse_literal(text: &str, _: Version) -> Result<Self, LiteralError> {
        serde_json::from_str(text).map(RawJson).map_err(|e| LiteralError::new("raw JSON", text, e))
    }
}
