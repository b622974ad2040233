//! `Edm.Binary` and `Edm.Guid`.

use super::literal::{strip_typed, LiteralError};
use super::scalar::{self, invalid, Scalar};
use super::{EdmValue, Guid};
use crate::Version;
use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig};
use base64::engine::DecodePaddingMode;
use base64::{alphabet, Engine};
use serde::{Deserializer, Serializer};
use std::fmt;

const LENIENT: GeneralPurposeConfig =
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent);
const STANDARD: GeneralPurpose = GeneralPurpose::new(&alphabet::STANDARD, LENIENT);
const URL_SAFE: GeneralPurpose = GeneralPurpose::new(&alphabet::URL_SAFE, LENIENT);

/// `Edm.Binary`: bytes, base64 in V2 JSON and base64url in V4 JSON.
///
/// ```
/// use odata_runtime::{edm::{Binary, EdmValue}, Version};
/// let b = Binary(vec![0x0A, 0x1B]);
/// assert_eq!(b.to_literal(Version::V2), "binary'0A1B'");
/// assert_eq!(b.to_literal(Version::V4), "binary'Chs='");
/// ```
#[derive(Clone, Default, PartialEq, Eq, Hash)]
pub struct Binary(pub Vec<u8>);

impl fmt::Debug for Binary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Binary({} bytes)", self.0.len())
    }
}

impl From<Vec<u8>> for Binary {
    fn from(bytes: Vec<u8>) -> Self {
        Binary(bytes)
    }
}

impl EdmValue for Binary {
    fn serialize_json<S: Serializer>(&self, v: Version, s: S) -> Result<S::Ok, S::Error> {
        let engine = if v == Version::V2 { &STANDARD } else { &URL_SAFE };
        s.serialize_str(&engine.encode(&self.0))
    }
    /// Reads base64 or base64url, with or without padding, in both versions.
    fn deserialize_json<'de, D: Deserializer<'de>>(_: Version, d: D) -> Result<Self, D::Error> {
        match scalar::read(d)? {
            Scalar::Str(s) => decode_base64(&s).ok_or_else(|| invalid("Edm.Binary", &Scalar::Str(s))),
            other => Err(invalid("Edm.Binary", &other)),
        }
    }
    fn write_literal(&self, v: Version, out: &mut String) {
        out.push_str("binary'");
        match v {
            Version::V2 => {
                for b in &self.0 {
                    out.push_str(&format!("{b:02X}"));
                }
            }
            Version::V4 => out.push_str(&URL_SAFE.encode(&self.0)),
        }
        out.push('\'');
    }
    fn parse_literal(text: &str, v: Version) -> Result<Self, LiteralError> {
        let err = |why: &str| LiteralError::new("Edm.Binary", text, why);
        let body = text
            .strip_prefix("X'")
            .and_then(|t| t.strip_suffix('\''))
            .or_else(|| strip_typed(text, "binary"))
            .ok_or_else(|| err("expected binary'…' or X'…'"))?;
        if v == Version::V2 || text.starts_with("X'") {
            decode_hex(body).map(Binary).ok_or_else(|| err("expected pairs of hex digits"))
        } else {
            decode_base64(body).ok_or_else(|| err("expected base64url"))
        }
    }
}

fn decode_base64(text: &str) -> Option<Binary> {
    let engine = if text.contains(['-', '_']) { &URL_SAFE } else { &STANDARD };
    engine.decode(text).ok().map(Binary)
}

fn decode_hex(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) {
        return None;
    }
    (0..text.len()).step_by(2).map(|i| text.get(i..i + 2).and_then(|pair| u8::from_str_radix(pair, 16).ok())).collect()
}

impl EdmValue for Guid {
    fn serialize_json<S: Serializer>(&self, _: Version, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.hyphenated().encode_lower(&mut Guid::encode_buffer()))
    }
    fn deserialize_json<'de, D: Deserializer<'de>>(_: Version, d: D) -> Result<Self, D::Error> {
        let found = scalar::read(d)?;
        match &found {
            Scalar::Str(s) => Guid::try_parse(s).ok(),
            _ => None,
        }
        .ok_or_else(|| invalid("Edm.Guid", &found))
    }
    fn write_literal(&self, v: Version, out: &mut String) {
        let text = self.hyphenated().to_string();
        match v {
            Version::V2 => {
                out.push_str("guid'");
                out.push_str(&text);
                out.push('\'');
            }
            Version::V4 => out.push_str(&text),
        }
    }
    fn parse_literal(text: &str, _: Version) -> Result<Self, LiteralError> {
        let body = strip_typed(text, "guid").unwrap_or(text);
        if body.len() != 36 {
            return Err(LiteralError::new("Edm.Guid", text, "expected 8-4-4-4-12 hex digits"));
        }
        Guid::try_parse(body).map_err(|e| LiteralError::new("Edm.Guid", text, e))
    }
}
