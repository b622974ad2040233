//! What the fuzz targets (`fuzz/`, cargo-fuzz) and the bounded property tests
//! (`tests/robustness.rs`, in CI) check, written once: any input gives a value or a
//! typed error, never a panic, and what is written reads back the same.
//!
//! Each function takes raw bytes, as a fuzzer hands them over, and panics on a
//! violated property.

use crate::{business_partner, business_partner_v4};
use bytes::Bytes;
use odata_runtime::__private as format;
use odata_runtime::__private::multipart::{self, HttpMessage};
use odata_runtime::edm::{self, EdmValue};
use odata_runtime::{write_key_segment, Version};

/// The EDMX parser and the generator: any text is a model that generates Rust that
/// parses, or errors that point inside the text.
pub fn edmx(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    match odata_edmx::parse(text) {
        Err(errors) => {
            assert!(!errors.as_slice().is_empty(), "an error result names at least one problem");
            let lines = text.split('\n').count() as u32;
            for e in errors.as_slice() {
                assert!(e.pos.line <= lines.max(1), "{e} points past the last line ({lines})");
            }
        }
        Ok(_) => {
            if let Err(odata_codegen::Error::Generate(message)) =
                odata_codegen::generate_source(text, "svc", &Default::default())
            {
                assert!(!message.contains("(a bug)"), "{message}");
            }
        }
    }
}

/// Payloads of `version` (collections, single entities, error bodies) decoded into the
/// generated business-partner types: a value or a typed error.
pub fn decode(version: Version, data: &[u8]) {
    match version {
        Version::V2 => {
            decode_as::<business_partner::BusinessPartner, business_partner::BusinessPartnerAddress>(version, data)
        }
        Version::V4 => decode_as::<business_partner_v4::BusinessPartner, business_partner_v4::BusinessPartnerAddress>(
            version, data,
        ),
    }
}

fn decode_as<P: serde::de::DeserializeOwned, A: serde::de::DeserializeOwned>(version: Version, data: &[u8]) {
    let json = odata_runtime::serde_json::from_slice::<odata_runtime::serde_json::Value>(data).ok();
    for result in [
        format::decode_collection::<P>(version, data).map(drop),
        format::decode_entity::<P>(version, data).map(drop),
        format::decode_entity::<A>(version, data).map(drop),
    ] {
        if let Err(e) = result {
            assert_names_a_place(json.as_ref(), &e);
        }
    }
    let _ = format::decode_error(data);
    let prefix = match version {
        Version::V2 => "d.results[",
        Version::V4 => "value[",
    };
    if let Ok(mut page) = format::split_collection(version, Bytes::copy_from_slice(data)) {
        while let Some((entity, path)) = page.next_entity() {
            assert!(path.starts_with(prefix), "{path}");
            let _ = format::decode_entity_json::<P>(&String::from_utf8_lossy(entity));
        }
    }
}

/// A decode error says where and what: in a JSON document its path leads into the
/// document (every step but the last exists: the last may be the field that is
/// missing); in a body that is not JSON, it is where the syntax broke.
fn assert_names_a_place(json: Option<&odata_runtime::serde_json::Value>, e: &format::DecodeError) {
    assert!(!e.message.is_empty(), "no message at {}", e.path);
    assert!(!e.path.is_empty(), "no path: {}", e.message);
    // A body that is not JSON fails where its syntax broke: the path read so far.
    let Some(mut here) = json else { return };
    if e.path == "." {
        return;
    }
    let mut steps: Vec<String> = Vec::new();
    for segment in e.path.split('.') {
        let (name, indices) = segment.split_once('[').map_or((segment, ""), |(n, rest)| (n, rest));
        if !name.is_empty() {
            steps.push(name.to_owned());
        }
        for index in indices.split('[').filter(|i| !i.is_empty()) {
            steps.push(format!("[{}", index.trim_end_matches(']')));
        }
    }
    let last = steps.len().saturating_sub(1);
    for (n, step) in steps.iter().enumerate() {
        let next = match step.strip_prefix('[') {
            Some(i) => i.parse::<usize>().ok().and_then(|i| here.get(i)),
            None => here.get(step),
        };
        match next {
            Some(value) => here = value,
            None if n == last => return,
            None => panic!("the path {} of {:?} leaves the document at {step}", e.path, e.message),
        }
    }
}

/// `$batch` answers: the first line is the boundary, the rest the body. Any bytes give
/// parts or an error naming the part; parts written back parse to as many parts.
pub fn multipart(data: &[u8]) {
    let split = data.iter().position(|&b| b == b'\n').unwrap_or(data.len());
    let Ok(boundary) = std::str::from_utf8(&data[..split]) else { return };
    let body = Bytes::copy_from_slice(&data[(split + 1).min(data.len())..]);
    let Ok(parts) = multipart::parse(&body, boundary) else { return };
    for (i, part) in parts.iter().enumerate() {
        if let Ok(message) = HttpMessage::parse(&part.body, i + 1) {
            let _ = message.status(i + 1);
            let _ = HttpMessage::parse(&message.to_bytes(), i + 1);
        }
    }
    if multipart::is_valid_boundary(boundary) {
        let mut written = Vec::new();
        if multipart::write(boundary, &parts, &mut written).is_ok() {
            let again = multipart::parse(&Bytes::from(written), boundary).expect("what we wrote parses");
            assert_eq!(again.len(), parts.len(), "the same number of parts");
        }
    }
}

#[derive(arbitrary::Arbitrary, Debug)]
/// A value of one of the Edm types with URL literals.
pub enum Value {
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

/// A literal case: a value, the version and a second key.
#[derive(arbitrary::Arbitrary, Debug)]
pub struct LiteralCase {
    /// V4 rather than V2.
    pub v4: bool,
    /// The value written as a literal.
    pub value: Value,
    /// A second key value beside it.
    pub other: String,
}

/// A value's literal reads back as the same value, and once percent-encoded in a key
/// segment beside another key it neither ends the predicate nor starts another pair.
pub fn literal(data: &[u8]) {
    let Ok(input) = arbitrary::Unstructured::new(data).arbitrary::<LiteralCase>() else { return };
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
            let Some(at) = chrono::DateTime::from_timestamp(in_years_1_to_9999(seconds), nanos % 1_000_000_000) else {
                return;
            };
            let Some(offset) = chrono::FixedOffset::east_opt(i32::from(offset_minutes % (24 * 60)) * 60) else {
                return;
            };
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
            let Some(date) = chrono::NaiveDate::from_num_days_from_ce_opt(days.rem_euclid(3_652_059) + 1) else {
                return;
            };
            round_trip(date, version)
        }
        Value::Date(_) => return,
        Value::TimeOfDay { seconds, nanos } => {
            let Some(t) =
                chrono::NaiveTime::from_num_seconds_from_midnight_opt(seconds % 86_400, nanos % 1_000_000_000)
            else {
                return;
            };
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
}

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
