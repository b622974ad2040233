//! The field enums: what a generated struct's table hands the runtime for a field of an
//! Edm primitive type (or an `Option`, a collection of one), so that reading, writing,
//! printing, comparing and cloning the value is compiled once, here.

use super::skip;
#[cfg(doc)]
use super::{Object, ReadObject};
use crate::edm::{self, json, EdmValue};
use crate::Version;
use serde::de::MapAccess;
use serde::ser::SerializeMap;
use std::fmt;

/// Writes `key` and `value` in `version`'s JSON form.
#[inline]
fn entry<T: EdmValue, M: SerializeMap>(
    map: &mut M,
    key: &'static str,
    value: &T,
    version: Version,
) -> Result<(), M::Error> {
    map.serialize_entry(key, &json::Json(value, version))
}

/// Writes `key` and `value` unless `value` is `None` and `omit_none` says to leave it out.
#[inline]
fn optional_entry<T: EdmValue, M: SerializeMap>(
    map: &mut M,
    key: &'static str,
    value: &Option<T>,
    omit_none: bool,
    version: Version,
) -> Result<(), M::Error> {
    if omit_none && value.is_none() {
        Ok(())
    } else {
        entry(map, key, value, version)
    }
}

/// The field enums: a variant per Edm primitive type and shape, so that a generated
/// struct names a field's type with an enum variant (no trait to resolve per field) and
/// the reading and writing is compiled once, here.
macro_rules! field_enums {
    ($($t:ty => $one:ident, $opt:ident, $vec:ident, $opt_opt:ident, $opt_vec:ident;)*) => {
        /// A field of a generated struct to read or clone into: an Edm primitive `T`,
        /// `Option<T>`, `Vec<T>`, `Option<Option<T>>` or `Option<Vec<T>>` (patches, never
        /// read), or [`Other`](Self::Other), which the type reads itself.
        pub enum FieldMut<'a> {
            $(
                #[doc = concat!("`", stringify!($t), "`.")]
                $one(&'a mut $t),
                #[doc = concat!("`Option<", stringify!($t), ">`.")]
                $opt(&'a mut Option<$t>),
                #[doc = concat!("`Vec<", stringify!($t), ">`.")]
                $vec(&'a mut Vec<$t>),
                #[doc = concat!("`Option<Option<", stringify!($t), ">>`.")]
                $opt_opt(&'a mut Option<Option<$t>>),
                #[doc = concat!("`Option<Vec<", stringify!($t), ">>`.")]
                $opt_vec(&'a mut Option<Vec<$t>>),
            )*
            /// Read by [`ReadObject::read_other`] (also: no such field).
            Other,
        }

        impl FieldMut<'_> {
            /// Reads the next map value into the field.
            pub(super) fn read<'de, A: MapAccess<'de>>(self, v: Version, map: &mut A) -> Result<(), A::Error> {
                match self {
                    $(
                        FieldMut::$one(slot) => *slot = map.next_value_seed(json::Seed::new(v))?,
                        FieldMut::$opt(slot) => *slot = map.next_value_seed(json::Seed::new(v))?,
                        FieldMut::$vec(slot) => *slot = map.next_value_seed(json::Seed::new(v))?,
                        // What a patch would hold after reading it (nothing reads patches).
                        FieldMut::$opt_opt(slot) => *slot = Some(map.next_value_seed(json::Seed::new(v))?),
                        FieldMut::$opt_vec(slot) => *slot = Some(map.next_value_seed(json::Seed::new(v))?),
                    )*
                    FieldMut::Other => skip(map)?,
                }
                Ok(())
            }
        }

        /// A field of a generated struct to write: an Edm primitive `T`, `Option<T>`,
        /// `Vec<T>`, `Option<Option<T>>` or `Option<Vec<T>>` (patches), or
        /// [`Other`](Self::Other), which the type writes itself.
        pub enum FieldRef<'a> {
            $(
                #[doc = concat!("`", stringify!($t), "`.")]
                $one(&'a $t),
                #[doc = concat!("`Option<", stringify!($t), ">`.")]
                $opt(&'a Option<$t>),
                #[doc = concat!("`Vec<", stringify!($t), ">`.")]
                $vec(&'a Vec<$t>),
                #[doc = concat!("`Option<Option<", stringify!($t), ">>`.")]
                $opt_opt(&'a Option<Option<$t>>),
                #[doc = concat!("`Option<Vec<", stringify!($t), ">>`.")]
                $opt_vec(&'a Option<Vec<$t>>),
            )*
            /// Written by [`Object::write_other`] (also: no such field).
            Other,
        }

        impl FieldRef<'_> {
            /// Writes the field as the map entry `key`; a `None` is left out when `omit_none`.
            pub(super) fn write<M: SerializeMap>(self, key: &'static str, omit_none: bool, v: Version, map: &mut M) -> Result<(), M::Error> {
                match self {
                    $(
                        FieldRef::$one(value) => entry(map, key, value, v),
                        FieldRef::$opt(value) => optional_entry(map, key, value, omit_none, v),
                        FieldRef::$vec(value) => entry(map, key, value, v),
                        FieldRef::$opt_opt(value) => optional_entry(map, key, value, omit_none, v),
                        FieldRef::$opt_vec(value) => optional_entry(map, key, value, omit_none, v),
                    )*
                    FieldRef::Other => Ok(()),
                }
            }
        }

        /// The value as `#[derive(Debug)]` prints a field (`Other` prints as `Other`).
        impl fmt::Debug for FieldRef<'_> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                match self {
                    $(
                        FieldRef::$one(value) => fmt::Debug::fmt(value, f),
                        FieldRef::$opt(value) => fmt::Debug::fmt(value, f),
                        FieldRef::$vec(value) => fmt::Debug::fmt(value, f),
                        FieldRef::$opt_opt(value) => fmt::Debug::fmt(value, f),
                        FieldRef::$opt_vec(value) => fmt::Debug::fmt(value, f),
                    )*
                    FieldRef::Other => f.write_str("Other"),
                }
            }
        }

        /// Equal values of the same variant (as `#[derive(PartialEq)]` compares a field);
        /// `Other` equals nothing.
        impl PartialEq for FieldRef<'_> {
            fn eq(&self, other: &Self) -> bool {
                match (self, other) {
                    $(
                        (FieldRef::$one(a), FieldRef::$one(b)) => a == b,
                        (FieldRef::$opt(a), FieldRef::$opt(b)) => a == b,
                        (FieldRef::$vec(a), FieldRef::$vec(b)) => a == b,
                        (FieldRef::$opt_opt(a), FieldRef::$opt_opt(b)) => a == b,
                        (FieldRef::$opt_vec(a), FieldRef::$opt_vec(b)) => a == b,
                    )*
                    _ => false,
                }
            }
        }

        impl FieldMut<'_> {
            /// Makes the field a clone of `from`, the same field of another value of the
            /// type; false (and nothing changed) when `from` is another variant.
            pub(super) fn clone_from_ref(self, from: FieldRef<'_>) -> bool {
                match (self, from) {
                    $(
                        (FieldMut::$one(to), FieldRef::$one(from)) => to.clone_from(from),
                        (FieldMut::$opt(to), FieldRef::$opt(from)) => to.clone_from(from),
                        (FieldMut::$vec(to), FieldRef::$vec(from)) => to.clone_from(from),
                        (FieldMut::$opt_opt(to), FieldRef::$opt_opt(from)) => to.clone_from(from),
                        (FieldMut::$opt_vec(to), FieldRef::$opt_vec(from)) => to.clone_from(from),
                    )*
                    _ => return false,
                }
                true
            }
        }
    };
}

field_enums! {
    String => String, OptString, VecString, OptOptString, OptVecString;
    bool => Bool, OptBool, VecBool, OptOptBool, OptVecBool;
    u8 => U8, OptU8, VecU8, OptOptU8, OptVecU8;
    i8 => I8, OptI8, VecI8, OptOptI8, OptVecI8;
    i16 => I16, OptI16, VecI16, OptOptI16, OptVecI16;
    i32 => I32, OptI32, VecI32, OptOptI32, OptVecI32;
    i64 => I64, OptI64, VecI64, OptOptI64, OptVecI64;
    f32 => F32, OptF32, VecF32, OptOptF32, OptVecF32;
    f64 => F64, OptF64, VecF64, OptOptF64, OptVecF64;
    edm::Decimal => Decimal, OptDecimal, VecDecimal, OptOptDecimal, OptVecDecimal;
    edm::Guid => Guid, OptGuid, VecGuid, OptOptGuid, OptVecGuid;
    edm::Binary => Binary, OptBinary, VecBinary, OptOptBinary, OptVecBinary;
    edm::DateTime => DateTime, OptDateTime, VecDateTime, OptOptDateTime, OptVecDateTime;
    edm::DateTimeOffset => DateTimeOffset, OptDateTimeOffset, VecDateTimeOffset, OptOptDateTimeOffset, OptVecDateTimeOffset;
    edm::Date => Date, OptDate, VecDate, OptOptDate, OptVecDate;
    edm::TimeOfDay => TimeOfDay, OptTimeOfDay, VecTimeOfDay, OptOptTimeOfDay, OptVecTimeOfDay;
    edm::Duration => Duration, OptDuration, VecDuration, OptOptDuration, OptVecDuration;
    edm::RawJson => RawJson, OptRawJson, VecRawJson, OptOptRawJson, OptVecRawJson;
}
