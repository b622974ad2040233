//! URL literals (filters, keys, function arguments): every value is written in a form
//! that reads back as the same value, and once percent-encoded it cannot end its
//! key segment or query option early, whatever characters it holds.
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use odata_runtime::edm::{self, EdmValue};
use odata_runtime::{write_key_segment, Version};

#[derive(Arbitrary, Debug)]
enum Value {
    String(String),
    Bool(bool),
    Int32(i32),
    Int64(i64),
    Double(f64),
    Decimal(String),
    Guid([u8; 16]),
    Binary(Vec<u8>),
    DateTimeOffset { seconds: i64, nanos: u32, offset_minutes: i16 },
    DateTime { seconds: i64, nanos: u32 },
    Date(i32),
    TimeOfDay { seconds: u32, nanos: u32 },
    Duration { seconds: i64, nanos: u32 },
}

#[derive(Arbitrary, Debug)]
struct Input {
    v4: bool,
    value: Value,
    other: String,
}

fuzz_target!(|input: Input| {
    let version = if input.v4 { Version::V4 } else { Version::V2 };
    let literal = match input.value {
        Value::String(s) => round_trip(s, version),
        Value::Bool(b) => round_trip(b, version),
        Value::Int32(n) => round_trip(n, version),
        Value::Int64(n) => round_trip(n, version),
        Value::Double(f) if f.is_finite() => round_trip(f, version),
        Value::Double(_) => return,
        Value::Decimal(text) => match text.parse::<edm::Decimal>() {
            // Far exponents are a bigdecimal concern, not a literal one.
            Ok(d) if d.fractional_digit_count().abs() < 1000 && d.digits() < 1000 => round_trip(d, version),
            _ => return,
        },
        Value::Guid(bytes) => round_trip(edm::Guid::from_bytes(bytes), version),
        Value::Binary(bytes) => round_trip(edm::Binary::from(bytes), version),
        Value::DateTimeOffset { seconds, nanos, offset_minutes } => {
            let Some(at) = chrono::DateTime::from_timestamp(in_years_1_to_9999(seconds), nanos % 1_000_000_000) else { return };
            let Some(offset) = chrono::FixedOffset::east_opt(i32::from(offset_minutes % (24 * 60)) * 60) else { return };
            round_trip(at.with_timezone(&offset), version)
        }
        Value::DateTime { seconds, nanos } if !input.v4 => {
            // V2 `datetime'…'` carries 7 fractional digits (100 ns), as SAP Gateway does.
            let nanos = nanos % 1_000_000_000 / 100 * 100;
            let Some(at) = chrono::DateTime::from_timestamp(in_years_1_to_9999(seconds), nanos) else { return };
            round_trip(at.naive_utc(), version)
        }
        Value::DateTime { .. } => return,
        Value::Date(days) if input.v4 => {
            let Some(date) = chrono::NaiveDate::from_num_days_from_ce_opt(days.rem_euclid(3_652_059) + 1) else { return };
            round_trip(date, version)
        }
        Value::Date(_) => return,
        Value::TimeOfDay { seconds, nanos } => {
            let Some(t) = chrono::NaiveTime::from_num_seconds_from_midnight_opt(seconds % 86_400, nanos % 1_000_000_000) else { return };
            round_trip(t, version)
        }
        Value::Duration { seconds, nanos } if input.v4 => {
            let Some(d) = chrono::TimeDelta::new(seconds % 1_000_000_000_000, nanos % 1_000_000_000) else { return };
            round_trip(d, version)
        }
        Value::Duration { .. } => return,
    };

    // In a key segment with a second key, the encoded literal neither ends the
    // predicate nor starts another pair: splitting on `,` and `)` finds both again.
    let other = input.other.to_literal(version);
    let segment = write_key_segment(&[("A", literal.clone()), ("B", other.clone())]);
    let inner = segment.strip_prefix('(').and_then(|s| s.strip_suffix(')')).expect("parenthesised");
    assert!(!inner.contains(['(', ')', '&', '#', '?', '/', ' ', '+']), "{segment}");
    let pairs: Vec<&str> = inner.split(',').collect();
    assert_eq!(pairs.len(), 2, "{segment}");
    assert_eq!(percent_decode(pairs[0].strip_prefix("A=").expect("A first")), literal);
    assert_eq!(percent_decode(pairs[1].strip_prefix("B=").expect("B second")), other);
});

/// Seconds since 1970 within years 1 to 9999 (a day inside, so that any UTC offset
/// stays inside too), the range SAP systems and the literal readers use; OData V4's
/// negative and five-digit years are not supported.
fn in_years_1_to_9999(seconds: i64) -> i64 {
    const YEAR_1: i64 = -62_135_596_800 + 86_400;
    const YEAR_10000: i64 = 253_402_300_800 - 86_400;
    seconds.rem_euclid(YEAR_10000 - YEAR_1) + YEAR_1
}

/// Writes `value`'s literal, reads it back, and returns the literal.
fn round_trip<T: EdmValue + PartialEq + std::fmt::Debug>(value: T, version: Version) -> String {
    let literal = value.to_literal(version);
    match T::parse_literal(&literal, version) {
        Ok(read) => assert_eq!(read, value, "{literal}"),
        Err(e) => panic!("{value:?} written as {literal} does not read back: {e}"),
    }
    literal
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).expect("ascii");
            out.push(u8::from_str_radix(hex, 16).expect("two hex digits"));
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).expect("UTF-8 in, UTF-8 out")
}
