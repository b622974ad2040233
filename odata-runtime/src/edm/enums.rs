//! Enum types (V4 `EnumType`): what generated enums and flag sets delegate to.

use super::literal::LiteralError;
use super::scalar::{self, invalid, Scalar};
use crate::Version;
use serde::{Deserializer, Serializer};

/// A generated (non-flags) enum type.
pub trait EdmEnum: Sized + Copy + 'static {
    /// `Namespace.Name` of the enum type.
    const QUALIFIED_NAME: &'static str;
    /// Every member with its OData name and value.
    const MEMBERS: &'static [(Self, &'static str, i64)];

    /// The OData name of the member.
    fn member_name(self) -> &'static str;
}

/// A generated flags enum type (`IsFlags="true"`): a set of bits.
pub trait EdmFlags: Sized + Copy + 'static {
    /// `Namespace.Name` of the enum type.
    const QUALIFIED_NAME: &'static str;
    /// Every member with its OData name and value.
    const MEMBERS: &'static [(&'static str, i64)];
    /// The bits.
    fn bits(self) -> i64;
    /// A value from bits.
    fn from_bits(bits: i64) -> Self;
}

fn member_by_name<T: EdmEnum>(name: &str) -> Option<T> {
    T::MEMBERS.iter().find(|(_, n, _)| *n == name).map(|(m, _, _)| *m)
}

fn member_by_value<T: EdmEnum>(value: i64) -> Option<T> {
    T::MEMBERS.iter().find(|(_, _, v)| *v == value).map(|(m, _, _)| *m)
}

/// Strips `Namespace.Name'…'` or `'…'` from an enum literal.
fn literal_body<'a>(text: &'a str, qualified: &str) -> &'a str {
    let unprefixed = text.strip_prefix(qualified).unwrap_or(text);
    unprefixed.strip_prefix('\'').and_then(|t| t.strip_suffix('\'')).unwrap_or(unprefixed)
}

/// Writes the member name (`"Open"`).
#[doc(hidden)]
pub fn serialize_enum<T: EdmEnum, S: Serializer>(value: T, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(value.member_name())
}

/// Reads a member name, or its value as a number or numeric string.
#[doc(hidden)]
pub fn deserialize_enum<'de, T: EdmEnum, D: Deserializer<'de>>(d: D) -> Result<T, D::Error> {
    let found = scalar::read(d)?;
    match &found {
        Scalar::Str(s) => member_by_name(s).or_else(|| s.parse().ok().and_then(member_by_value)),
        Scalar::I64(n) => member_by_value(*n),
        Scalar::U64(n) => i64::try_from(*n).ok().and_then(member_by_value),
        _ => None,
    }
    .ok_or_else(|| invalid(T::QUALIFIED_NAME, &found))
}

/// Writes `Namespace.Name'Member'`.
#[doc(hidden)]
pub fn write_enum_literal<T: EdmEnum>(value: T, _: Version, out: &mut String) {
    out.push_str(T::QUALIFIED_NAME);
    out.push('\'');
    out.push_str(value.member_name());
    out.push('\'');
}

/// Reads `Namespace.Name'Member'`, `'Member'` or the member's value.
#[doc(hidden)]
pub fn parse_enum_literal<T: EdmEnum>(text: &str, _: Version) -> Result<T, LiteralError> {
    let body = literal_body(text, T::QUALIFIED_NAME);
    member_by_name(body)
        .or_else(|| body.parse().ok().and_then(member_by_value))
        .ok_or_else(|| LiteralError::new("enum", text, format_args!("not a member of {}", T::QUALIFIED_NAME)))
}

/// The member names of a flags value, joined by `,` (the zero member, or `0`, for none).
#[doc(hidden)]
pub fn flags_text<T: EdmFlags>(value: T) -> String {
    let bits = value.bits();
    if bits == 0 {
        return T::MEMBERS.iter().find(|(_, v)| *v == 0).map_or_else(|| "0".to_owned(), |(n, _)| (*n).to_owned());
    }
    let mut names = Vec::new();
    let mut covered = 0i64;
    for (name, v) in T::MEMBERS {
        if *v != 0 && bits & v == *v {
            names.push(*name);
            covered |= v;
        }
    }
    if covered != bits {
        return bits.to_string(); // bits without a member name: keep the number
    }
    names.join(",")
}

fn parse_flags<T: EdmFlags>(text: &str) -> Option<T> {
    if let Ok(bits) = text.parse::<i64>() {
        return Some(T::from_bits(bits));
    }
    let mut bits = 0;
    for part in text.split(',') {
        let part = part.trim();
        bits |= T::MEMBERS.iter().find(|(n, _)| *n == part)?.1;
    }
    Some(T::from_bits(bits))
}

/// Writes `"Web,Phone"`.
#[doc(hidden)]
pub fn serialize_flags<T: EdmFlags, S: Serializer>(value: T, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&flags_text(value))
}

/// Reads `"Web,Phone"`, a number or a numeric string.
#[doc(hidden)]
pub fn deserialize_flags<'de, T: EdmFlags, D: Deserializer<'de>>(d: D) -> Result<T, D::Error> {
    let found = scalar::read(d)?;
    match &found {
        Scalar::Str(s) => parse_flags(s),
        Scalar::I64(n) => Some(T::from_bits(*n)),
        Scalar::U64(n) => i64::try_from(*n).ok().map(T::from_bits),
        _ => None,
    }
    .ok_or_else(|| invalid(T::QUALIFIED_NAME, &found))
}

/// Writes `Namespace.Name'Web,Phone'`.
#[doc(hidden)]
pub fn write_flags_literal<T: EdmFlags>(value: T, _: Version, out: &mut String) {
    out.push_str(T::QUALIFIED_NAME);
    out.push('\'');
    out.push_str(&flags_text(value));
    out.push('\'');
}

/// Reads `Namespace.Name'Web,Phone'`, `'Web,Phone'` or a number.
#[doc(hidden)]
pub fn parse_flags_literal<T: EdmFlags>(text: &str, _: Version) -> Result<T, LiteralError> {
    parse_flags(literal_body(text, T::QUALIFIED_NAME)).ok_or_else(|| {
        LiteralError::new("flags", text, format_args!("not a combination of {} members", T::QUALIFIED_NAME))
    })
}
