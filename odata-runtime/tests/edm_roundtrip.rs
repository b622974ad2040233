//! Every Edm type in both versions: canonical JSON and literal forms round-trip exactly,
//! the tolerant forms real servers send are read, and invalid input is an error.

use odata_runtime::edm::json::{from_json_text, Json};
use odata_runtime::edm::*;
use odata_runtime::Version::{self, V2, V4};
use std::fmt::Debug;
use std::str::FromStr;

/// `value` writes exactly `json` in `version`, and `json` reads back as `value`.
fn json<T: EdmValue + PartialEq + Debug>(value: T, version: Version, json: &str) {
    let written = serde_json::to_string(&Json(&value, version)).unwrap();
    assert_eq!(written, json, "{value:?} in {version:?}");
    let read: T = from_json_text(json, version).unwrap_or_else(|e| panic!("{json} in {version:?}: {e}"));
    assert_eq!(read, value, "{json} in {version:?}");
}

/// `json` (a tolerated, non-canonical form) reads as `value`.
fn reads<T: EdmValue + PartialEq + Debug>(json: &str, version: Version, value: T) {
    let read: T = from_json_text(json, version).unwrap_or_else(|e| panic!("{json} in {version:?}: {e}"));
    assert_eq!(read, value, "{json} in {version:?}");
}

fn rejects<T: EdmValue + Debug>(json: &str, version: Version) {
    let read = from_json_text::<T>(json, version);
    assert!(read.is_err(), "{json} in {version:?} was read as {read:?}");
}

/// `value` writes exactly `literal` in `version`, and `literal` parses back as `value`.
fn literal<T: EdmValue + PartialEq + Debug>(value: T, version: Version, literal: &str) {
    assert_eq!(value.to_literal(version), literal, "{value:?} in {version:?}");
    let parsed = T::parse_literal(literal, version).unwrap_or_else(|e| panic!("{literal}: {e}"));
    assert_eq!(parsed, value, "{literal} in {version:?}");
}

fn dt(s: &str) -> DateTime {
    DateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S%.f").unwrap()
}

fn dto(s: &str) -> DateTimeOffset {
    DateTimeOffset::parse_from_rfc3339(s).unwrap()
}

fn dec(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

#[test]
fn string() {
    for v in [V2, V4] {
        json(String::from("O'Neil \"quoted\" ünïcødé / \\"), v, r#""O'Neil \"quoted\" ünïcødé / \\""#);
        literal(String::from("O'Neil"), v, "'O''Neil'");
        literal(String::from("''"), v, "''''''");
        literal(String::new(), v, "''");
        literal(String::from("a) or (1 eq 1"), v, "'a) or (1 eq 1'");
        rejects::<String>("12", v);
    }
    assert!(String::parse_literal("'O'Neil'", V2).is_err(), "a lone quote inside must be doubled");
    assert!(String::parse_literal("O''Neil", V2).is_err(), "quotes are required");
    assert!(String::parse_literal("'", V2).is_err());
}

#[test]
fn boolean_and_small_integers() {
    for v in [V2, V4] {
        json(true, v, "true");
        literal(false, v, "false");
        json(255u8, v, "255");
        json(-128i8, v, "-128");
        json(i16::MIN, v, "-32768");
        json(i32::MAX, v, "2147483647");
        literal(255u8, v, "255");
        literal(-128i8, v, "-128");
        literal(i16::MAX, v, "32767");
        literal(i32::MIN, v, "-2147483648");
        reads("\"42\"", v, 42i32);
        rejects::<u8>("256", v);
        rejects::<i8>("-129", v);
        rejects::<i32>("1.5", v);
        rejects::<bool>("1", v);
    }
    assert!(u8::parse_literal("256", V4).is_err());
}

#[test]
fn int64_is_a_string_in_v2_and_a_number_in_v4() {
    json(i64::MAX, V2, "\"9223372036854775807\"");
    json(i64::MIN, V4, "-9223372036854775808");
    reads("9007199254740993", V2, 9_007_199_254_740_993i64);
    reads("\"9007199254740993\"", V4, 9_007_199_254_740_993i64); // IEEE754Compatible=true
    literal(42i64, V2, "42L");
    literal(42i64, V4, "42");
    assert_eq!(i64::parse_literal("42l", V2).unwrap(), 42);
    rejects::<i64>("\"9223372036854775808\"", V2);
}

#[test]
fn decimal_is_lossless() {
    let big = "1234567890123456789012345678901.234"; // 34 digits
    json(dec(big), V2, &format!("\"{big}\""));
    json(dec(big), V4, big);
    json(dec("-0.000000000000000000000000000000001"), V4, "-0.000000000000000000000000000000001");
    json(dec("12.50"), V2, "\"12.50\""); // the scale is kept
    json(dec("12.50"), V4, "12.50");
    reads(&format!("\"{big}\""), V4, dec(big)); // IEEE754Compatible=true
    reads("1E+3", V4, dec("1000"));
    literal(dec("12.50"), V2, "12.50M");
    literal(dec(big), V4, big);
    assert_eq!(Decimal::parse_literal("1.5m", V2).unwrap(), dec("1.5"));
    rejects::<Decimal>("\"12,5\"", V2);
    rejects::<Decimal>("\"NaN\"", V2);
    rejects::<Decimal>("true", V4);
}

#[test]
fn floating_point() {
    json(1.5f64, V2, "\"1.5\"");
    json(1.5f64, V4, "1.5");
    json(1e300f64, V4, "1e+300"); // serde_json's form; any JSON number reads
    json(0.1f32, V4, "0.1");
    reads("\"1.0E+01\"", V2, 10.0f64);
    reads("10", V2, 10.0f64);
    reads("\"1.5\"", V4, 1.5f32);
    for v in [V2, V4] {
        json(f64::INFINITY, v, "\"INF\"");
        json(f64::NEG_INFINITY, v, "\"-INF\"");
        json(f32::INFINITY, v, "\"INF\"");
        let nan: f64 = from_json_text("\"NaN\"", v).unwrap();
        assert!(nan.is_nan());
        assert_eq!(serde_json::to_string(&Json(&f64::NAN, v)).unwrap(), "\"NaN\"");
        rejects::<f64>("\"infinity\"", v);
        rejects::<f64>("\"abc\"", v);
    }
    literal(1.5f64, V2, "1.5D");
    literal(1e300f64, V2, "1E300D");
    literal(1.5f32, V2, "1.5F");
    literal(1.5f64, V4, "1.5");
    literal(f64::NEG_INFINITY, V4, "-INF");
    literal(f64::INFINITY, V2, "INF");
}

#[test]
fn guid() {
    let g = Guid::parse_str("005056a2-0bb5-1ed9-b5c1-5cdbdf1f2d27").unwrap();
    for v in [V2, V4] {
        json(g, v, "\"005056a2-0bb5-1ed9-b5c1-5cdbdf1f2d27\"");
        reads("\"005056A2-0BB5-1ED9-B5C1-5CDBDF1F2D27\"", v, g);
        rejects::<Guid>("\"not-a-guid\"", v);
    }
    literal(g, V2, "guid'005056a2-0bb5-1ed9-b5c1-5cdbdf1f2d27'");
    literal(g, V4, "005056a2-0bb5-1ed9-b5c1-5cdbdf1f2d27");
    assert!(Guid::parse_literal("005056a20bb51ed9b5c15cdbdf1f2d27", V4).is_err(), "hyphens are required");
}

#[test]
fn binary() {
    let b = Binary(vec![0xfb, 0xff, 0x00, 0x0a]);
    json(b.clone(), V2, "\"+/8ACg==\"");
    json(b.clone(), V4, "\"-_8ACg==\"");
    reads("\"-_8ACg\"", V4, b.clone()); // unpadded base64url
    reads("\"+/8ACg==\"", V4, b.clone());
    literal(b.clone(), V2, "binary'FBFF000A'");
    literal(b.clone(), V4, "binary'-_8ACg=='");
    assert_eq!(Binary::parse_literal("X'FBFF000A'", V2).unwrap(), b);
    assert!(Binary::parse_literal("X'FBF'", V2).is_err());
    rejects::<Binary>("\"%%%\"", V2);
    assert_eq!(format!("{b:?}"), "Binary(4 bytes)");
}

#[test]
fn v2_datetime() {
    json(dt("2024-01-31T00:00:00"), V2, "\"/Date(1706659200000)/\"");
    json(dt("1969-12-31T23:59:59.999"), V2, "\"/Date(-1)/\"");
    reads("\"\\/Date(1706659200000)\\/\"", V2, dt("2024-01-31T00:00:00")); // escaped slashes
    reads("\"/Date(1706659200000+0060)/\"", V2, dt("2024-01-31T00:00:00")); // ms are UTC
    reads("\"2024-01-31T13:45:00\"", V2, dt("2024-01-31T13:45:00"));
    rejects::<DateTime>("\"/Date(abc)/\"", V2);
    rejects::<DateTime>("\"/Date(1+60)/\"", V2);
    rejects::<DateTime>("1706659200000", V2);
    literal(dt("2024-01-31T13:45:00"), V2, "datetime'2024-01-31T13:45:00'");
    literal(dt("2024-01-31T13:45:00.1234567"), V2, "datetime'2024-01-31T13:45:00.1234567'");
    assert_eq!(DateTime::parse_literal("DateTime'2024-01-31T13:45'", V2).unwrap(), dt("2024-01-31T13:45:00"));
}

#[test]
fn datetime_offset() {
    json(dto("2020-08-04T10:36:25Z"), V2, "\"/Date(1596537385000+0000)/\"");
    // Written as the instant in UTC: servers disagree on what an offset means here.
    json(dto("2020-08-04T11:36:25+01:00"), V2, "\"/Date(1596537385000+0000)/\"");
    json(dto("2020-08-04T09:06:25-01:30"), V2, "\"/Date(1596537385000+0000)/\"");
    // Servers' offset forms still read as the instant (the milliseconds are UTC).
    reads("\"/Date(1596537385000+0060)/\"", V2, dto("2020-08-04T11:36:25+01:00"));
    reads("\"/Date(1596537385000-0090)/\"", V2, dto("2020-08-04T09:06:25-01:30"));
    reads("\"/Date(1596537385000)/\"", V2, dto("2020-08-04T10:36:25Z"));
    reads("\"2020-08-04T10:36:25Z\"", V2, dto("2020-08-04T10:36:25Z"));
    json(dto("2024-01-31T13:45:00Z"), V4, "\"2024-01-31T13:45:00Z\"");
    json(dto("2024-01-31T13:45:00.1234567+05:30"), V4, "\"2024-01-31T13:45:00.1234567+05:30\"");
    reads("\"2024-01-31T13:45:00.000+00:00\"", V4, dto("2024-01-31T13:45:00Z"));
    rejects::<DateTimeOffset>("\"2024-01-31\"", V4);
    literal(dto("2024-01-31T13:45:00Z"), V2, "datetimeoffset'2024-01-31T13:45:00Z'");
    literal(dto("2024-01-31T13:45:00+01:00"), V4, "2024-01-31T13:45:00+01:00");
    // `+` must not survive in a URL unencoded: it would read as a space.
    assert_eq!(percent_encode_literal("2024-01-31T13:45:00+01:00"), "2024-01-31T13:45:00%2B01:00");
}

#[test]
fn time_date_duration() {
    let t = TimeOfDay::from_hms_opt(13, 20, 5).unwrap();
    json(t, V2, "\"PT13H20M05S\"");
    json(t, V4, "\"13:20:05\"");
    json(TimeOfDay::from_hms_milli_opt(13, 20, 5, 250).unwrap(), V4, "\"13:20:05.25\"");
    reads("\"PT1H\"", V2, TimeOfDay::from_hms_opt(1, 0, 0).unwrap());
    reads("\"13:20:05.000\"", V4, t);
    reads("\"PT13H20M5.5S\"", V2, TimeOfDay::from_hms_milli_opt(13, 20, 5, 500).unwrap());
    rejects::<TimeOfDay>("\"PT25H\"", V2);
    rejects::<TimeOfDay>("\"25:00:00\"", V4);
    literal(t, V2, "time'PT13H20M05S'");
    literal(t, V4, "13:20:05");

    let d = Date::from_ymd_opt(2024, 2, 29).unwrap();
    json(d, V4, "\"2024-02-29\"");
    literal(d, V4, "2024-02-29");
    reads("\"/Date(1709164800000)/\"", V2, d);
    rejects::<Date>("\"2023-02-29\"", V4);

    json(Duration::days(1) + Duration::hours(2), V4, "\"P1DT2H\"");
    json(Duration::zero(), V4, "\"PT0S\"");
    json(-Duration::milliseconds(500), V4, "\"-PT0.5S\"");
    json(Duration::seconds(90061), V4, "\"P1DT1H1M1S\"");
    reads("\"PT36H\"", V4, Duration::hours(36));
    reads("\"P2D\"", V4, Duration::days(2));
    rejects::<Duration>("\"P1Y\"", V4); // a year has no fixed length
    rejects::<Duration>("\"P\"", V4);
    rejects::<Duration>("\"PT\"", V4);
    rejects::<Duration>("\"PT1S2M\"", V4);
    literal(Duration::days(1) + Duration::hours(2), V4, "duration'P1DT2H'");
    assert_eq!(Duration::parse_literal("P1DT2H", V4).unwrap(), Duration::hours(26), "4.01: the prefix is optional");
}

#[test]
fn raw_json_for_stream_and_geo() {
    let point = RawJson(serde_json::json!({"type": "Point", "coordinates": [8.64, 49.29], "crs": {"type": "name"}}));
    let text = r#"{"type":"Point","coordinates":[8.64,49.29],"crs":{"type":"name"}}"#;
    for v in [V2, V4] {
        // Key order depends on serde_json's `preserve_order` feature, so compare values.
        let written = serde_json::to_string(&Json(&point, v)).unwrap();
        assert_eq!(serde_json::from_str::<serde_json::Value>(&written).unwrap(), point.0, "{v:?}");
        assert_eq!(from_json_text::<RawJson>(text, v).unwrap(), point, "{v:?}");
    }
}

#[test]
fn option_and_collections() {
    for v in [V2, V4] {
        json(None::<i32>, v, "null");
        json(Some(String::from("x")), v, "\"x\"");
        literal(None::<i64>, v, "null");
    }
    literal(Some(5i64), V2, "5L");
    json(vec![String::from("a"), String::from("b")], V4, r#"["a","b"]"#);
    json(vec![1i64, 2], V2, r#"{"results":["1","2"]}"#);
    reads(r#"{"__metadata":{"type":"Collection(Edm.Int64)"},"results":["1"]}"#, V2, vec![1i64]);
    reads(r#"["1"]"#, V2, vec![1i64]);
    rejects::<Vec<i32>>(r#"{"__deferred":{"uri":"x"}}"#, V2);
    literal(vec![String::from("a'b")], V4, r#"["a'b"]"#);
}

#[test]
fn errors_name_the_type_and_value() {
    let e = from_json_text::<i32>("\"abc\"", V4).unwrap_err().to_string();
    assert!(e.contains("Edm.Int32") && e.contains("abc"), "{e}");
    let e = DateTime::parse_literal("datetime'yesterday'", V2).unwrap_err().to_string();
    assert!(e.contains("Edm.DateTime") && e.contains("yesterday"), "{e}");
}

#[test]
fn percent_encoding_keeps_literal_syntax_and_escapes_the_rest() {
    assert_eq!(percent_encode_literal("'a b'"), "'a%20b'");
    assert_eq!(percent_encode_literal("'x' or 1 eq 1 or 'a'"), "'x'%20or%201%20eq%201%20or%20'a'");
    assert_eq!(percent_encode_literal("'%2F?#&=+()'"), "'%252F%3F%23%26%3D%2B%28%29'");
    assert_eq!(
        percent_encode_literal("guid'005056a2-0bb5-1ed9-b5c1-5cdbdf1f2d27'"),
        "guid'005056a2-0bb5-1ed9-b5c1-5cdbdf1f2d27'"
    );
}
