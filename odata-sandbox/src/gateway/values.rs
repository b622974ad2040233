//! Edm values as the Gateway server keeps them: in the JSON form of the service's
//! protocol version (V2: Int64, Decimal and dates as strings, `/Date(ms)/`; V4: numbers
//! and ISO dates), converted from whatever a client or a seed file sends, and compared
//! with URL literals in `$filter` and key predicates.

use odata_edmx::{Model, ODataVersion, Primitive, TypeRef};
use serde_json::{Map, Value};
use std::cmp::Ordering;

/// A value reduced to what `$filter` compares.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Cmp {
    Null,
    Bool(bool),
    /// Every number, and dates and times as milliseconds since 1970.
    Num(f64),
    /// Strings, GUIDs (lower case), `Edm.Date`, times of day, enum members.
    Text(String),
}

impl Cmp {
    /// Ordering of two values of the same kind; `None` across kinds or with null.
    pub(crate) fn compare(&self, other: &Cmp) -> Option<Ordering> {
        match (self, other) {
            (Cmp::Num(a), Cmp::Num(b)) => a.partial_cmp(b),
            (Cmp::Text(a), Cmp::Text(b)) => Some(a.cmp(b)),
            (Cmp::Bool(a), Cmp::Bool(b)) => Some(a.cmp(b)),
            (Cmp::Null, Cmp::Null) => Some(Ordering::Equal),
            _ => None,
        }
    }

    /// The value as plain JSON (dates as ISO text), for function handlers.
    pub(crate) fn to_json(&self) -> Value {
        match self {
            Cmp::Null => Value::Null,
            Cmp::Bool(b) => Value::Bool(*b),
            Cmp::Num(n) => number(*n),
            Cmp::Text(t) => Value::String(t.clone()),
        }
    }
}

fn number(n: f64) -> Value {
    if n.fract() == 0.0 && n.abs() < 9.0e15 {
        Value::from(n as i64)
    } else {
        serde_json::Number::from_f64(n).map_or(Value::Null, Value::Number)
    }
}

/// A stored value (in the service's wire form) of primitive type `p`, for comparing.
pub(crate) fn comparable(p: &Primitive, value: &Value) -> Cmp {
    match value {
        Value::Null => Cmp::Null,
        Value::Bool(b) => Cmp::Bool(*b),
        Value::Number(n) => Cmp::Num(n.as_f64().unwrap_or(f64::NAN)),
        Value::String(s) => match p {
            Primitive::Int64 | Primitive::Decimal | Primitive::Double | Primitive::Single => {
                s.parse().map_or(Cmp::Text(s.clone()), Cmp::Num)
            }
            Primitive::DateTime | Primitive::DateTimeOffset => {
                date_millis(s).map_or(Cmp::Text(s.clone()), |ms| Cmp::Num(ms as f64))
            }
            Primitive::Guid => Cmp::Text(s.to_ascii_lowercase()),
            _ => Cmp::Text(s.clone()),
        },
        other => Cmp::Text(other.to_string()),
    }
}

/// A URL literal (`'text'`, `42L`, `datetime'…'`, `guid'…'`, V4 bare dates and GUIDs…).
pub(crate) fn literal(text: &str) -> Result<Cmp, String> {
    let bad = || format!("invalid literal `{text}`");
    if text == "null" {
        return Ok(Cmp::Null);
    }
    if text == "true" || text == "false" {
        return Ok(Cmp::Bool(text == "true"));
    }
    if let Some(quoted) = text.find('\'') {
        let (prefix, rest) = text.split_at(quoted);
        let inner = rest.strip_prefix('\'').and_then(|r| r.strip_suffix('\'')).ok_or_else(bad)?;
        let inner = inner.replace("''", "'");
        return match prefix.to_ascii_lowercase().as_str() {
            "" | "time" | "duration" | "binary" | "x" => Ok(Cmp::Text(inner)),
            "guid" => Ok(Cmp::Text(inner.to_ascii_lowercase())),
            "datetime" | "datetimeoffset" => {
                date_millis(&inner).map(|ms| Cmp::Num(ms as f64)).ok_or_else(|| format!("invalid date `{inner}`"))
            }
            // `Namespace.EnumType'Member'`
            p if p.contains('.') => Ok(Cmp::Text(inner)),
            _ => Err(bad()),
        };
    }
    let digits = text.trim_end_matches(['L', 'l', 'M', 'm', 'D', 'd', 'F', 'f']);
    if let Ok(n) = digits.parse::<f64>() {
        if digits.starts_with(|c: char| c.is_ascii_digit() || c == '-' || c == '+' || c == '.') {
            return Ok(Cmp::Num(n));
        }
    }
    if is_guid(text) {
        return Ok(Cmp::Text(text.to_ascii_lowercase()));
    }
    if text.len() > 10 && text.as_bytes().get(10) == Some(&b'T') {
        return date_millis(text).map(|ms| Cmp::Num(ms as f64)).ok_or_else(bad);
    }
    if is_date(text) || is_time_of_day(text) {
        return Ok(Cmp::Text(text.to_owned()));
    }
    Err(bad())
}

fn is_guid(text: &str) -> bool {
    let parts: Vec<&str> = text.split('-').collect();
    parts.iter().map(|p| p.len()).eq([8, 4, 4, 4, 12]) && parts.iter().all(|p| p.chars().all(|c| c.is_ascii_hexdigit()))
}

fn is_date(text: &str) -> bool {
    let b = text.as_bytes();
    b.len() == 10 && b[4] == b'-' && b[7] == b'-' && text.replace('-', "").chars().all(|c| c.is_ascii_digit())
}

fn is_time_of_day(text: &str) -> bool {
    let b = text.as_bytes();
    b.len() >= 8 && b[2] == b':' && b[5] == b':' && b[..2].iter().all(u8::is_ascii_digit)
}

/// `value` converted to the wire form of `version` for type `ty`: what the server stores
/// and sends. Errors say what was wrong.
pub(crate) fn normalise(model: &Model, ty: &TypeRef, value: &Value) -> Result<Value, String> {
    if value.is_null() {
        return Ok(Value::Null);
    }
    match ty {
        TypeRef::Primitive(p) => primitive(p, model.version, value),
        TypeRef::Definition(id) => primitive(&model.type_definitions[id.0].underlying, model.version, value),
        TypeRef::Enum(id) => {
            let e = &model.enum_types[id.0];
            match value {
                Value::String(s) if s.split(',').all(|m| e.members.iter().any(|x| x.name == m.trim())) => {
                    Ok(value.clone())
                }
                Value::Number(n) => e
                    .members
                    .iter()
                    .find(|m| Some(m.value) == n.as_i64())
                    .map(|m| Value::String(m.name.clone()))
                    .ok_or_else(|| format!("{n} is no member of {}", e.name)),
                other => Err(format!("{other} is no member of {}", e.name)),
            }
        }
        TypeRef::Complex(id) => {
            let Value::Object(fields) = value else { return Err(format!("expected an object, got {value}")) };
            let mut out = Map::new();
            for p in model.complex_properties(*id) {
                if let Some(v) = fields.get(&p.name) {
                    out.insert(p.name.clone(), normalise(model, &p.ty, v).map_err(|e| format!("{}: {e}", p.name))?);
                }
            }
            Ok(Value::Object(out))
        }
        TypeRef::Collection(item) => match value {
            Value::Array(items) => {
                items.iter().map(|v| normalise(model, item, v)).collect::<Result<_, _>>().map(Value::Array)
            }
            // V2 collections may come wrapped in `results`.
            Value::Object(o) if o.contains_key("results") => normalise(model, ty, &o["results"]),
            other => Err(format!("expected an array, got {other}")),
        },
        TypeRef::Entity(id) => {
            let Value::Object(fields) = value else { return Err(format!("expected an object, got {value}")) };
            let mut out = Map::new();
            for p in model.entity_properties(*id) {
                if let Some(v) = fields.get(&p.name) {
                    out.insert(p.name.clone(), normalise(model, &p.ty, v).map_err(|e| format!("{}: {e}", p.name))?);
                }
            }
            Ok(Value::Object(out))
        }
    }
}

fn primitive(p: &Primitive, version: ODataVersion, value: &Value) -> Result<Value, String> {
    let v2 = version == ODataVersion::V2;
    let wrong = || format!("{value} is not an {}", p.edm_name());
    let as_number = || -> Result<f64, String> {
        match value {
            Value::Number(n) => n.as_f64().ok_or_else(wrong),
            Value::String(s) => s.parse().map_err(|_| wrong()),
            _ => Err(wrong()),
        }
    };
    match p {
        Primitive::Boolean => value.as_bool().map(Value::Bool).ok_or_else(wrong),
        Primitive::Byte | Primitive::SByte | Primitive::Int16 | Primitive::Int32 => {
            let n = as_number()?;
            if n.fract() != 0.0 {
                return Err(wrong());
            }
            Ok(Value::from(n as i64))
        }
        Primitive::Int64 => {
            let n: i64 = match value {
                Value::Number(n) => n.as_i64().ok_or_else(wrong)?,
                Value::String(s) => s.parse().map_err(|_| wrong())?,
                _ => return Err(wrong()),
            };
            Ok(if v2 { Value::String(n.to_string()) } else { Value::from(n) })
        }
        Primitive::Decimal | Primitive::Double | Primitive::Single => {
            let text = match value {
                Value::Number(n) => n.to_string(),
                Value::String(s) => s.clone(),
                _ => return Err(wrong()),
            };
            let n: f64 = text.parse().map_err(|_| wrong())?;
            Ok(if v2 { Value::String(text) } else { number(n) })
        }
        Primitive::DateTime | Primitive::DateTimeOffset => {
            let ms = match value {
                Value::String(s) => date_millis(s).ok_or_else(wrong)?,
                Value::Number(n) => n.as_i64().ok_or_else(wrong)?,
                _ => return Err(wrong()),
            };
            Ok(Value::String(if v2 {
                format!("/Date({ms}{})/", if *p == Primitive::DateTimeOffset { "+0000" } else { "" })
            } else {
                iso(ms)
            }))
        }
        Primitive::Guid => match value {
            Value::String(s) if is_guid(s) => Ok(Value::String(s.to_ascii_lowercase())),
            _ => Err(wrong()),
        },
        _ => match value {
            Value::String(_) => Ok(value.clone()),
            _ => Err(wrong()),
        },
    }
}

/// Milliseconds since 1970 of `/Date(ms±hhmm)/` or ISO `YYYY-MM-DDTHH:MM[:SS[.fff]][Z|±hh:mm]`.
pub(crate) fn date_millis(text: &str) -> Option<i64> {
    if let Some(inner) = text.strip_prefix("/Date(").and_then(|t| t.strip_suffix(")/")) {
        let cut = inner[1..].find(['+', '-']).map_or(inner.len(), |i| i + 1);
        let ms: i64 = inner[..cut].parse().ok()?;
        return Some(ms);
    }
    let (date, time) = text.split_once('T').unwrap_or((text, "00:00:00"));
    let mut d = date.splitn(3, '-');
    let (y, m, day): (i64, i64, i64) = (d.next()?.parse().ok()?, d.next()?.parse().ok()?, d.next()?.parse().ok()?);
    let (clock, offset_min) = match time.find(['Z', '+', '-']) {
        Some(i) if &time[i..] == "Z" => (&time[..i], 0),
        Some(i) => {
            let sign = if time.as_bytes()[i] == b'-' { -1 } else { 1 };
            let (h, mi) = time[i + 1..].split_once(':')?;
            (&time[..i], sign * (h.parse::<i64>().ok()? * 60 + mi.parse::<i64>().ok()?))
        }
        None => (time, 0),
    };
    let mut c = clock.splitn(3, ':');
    let h: i64 = c.next()?.parse().ok()?;
    let mi: i64 = c.next()?.parse().ok()?;
    let s: f64 = c.next().map_or(Some(0.0), |s| s.parse().ok())?;
    if !(1..=12).contains(&m) || !(1..=31).contains(&day) || h > 23 || mi > 59 {
        return None;
    }
    let days = days_from_civil(y, m, day);
    Some((days * 86_400 + h * 3600 + mi * 60 - offset_min * 60) * 1000 + (s * 1000.0).round() as i64)
}

/// `YYYY-MM-DDTHH:MM:SS[.fff]Z`.
pub(crate) fn iso(ms: i64) -> String {
    let days = ms.div_euclid(86_400_000);
    let rest = ms.rem_euclid(86_400_000);
    let (y, m, d) = civil_from_days(days);
    let (h, mi, s, frac) = (rest / 3_600_000, rest / 60_000 % 60, rest / 1000 % 60, rest % 1000);
    if frac == 0 {
        format!("{y:04}-{m:02}-{d:02}T{h:02}:{mi:02}:{s:02}Z")
    } else {
        format!("{y:04}-{m:02}-{d:02}T{h:02}:{mi:02}:{s:02}.{frac:03}Z")
    }
}

// Howard Hinnant's civil-calendar algorithms.
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

/// The current time in milliseconds since 1970.
pub(crate) fn now_millis() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_millis() as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_round_trip_through_iso_and_millis() {
        for ms in [0, 1_596_537_385_000, -86_400_000, 951_782_400_123] {
            assert_eq!(date_millis(&iso(ms)), Some(ms), "{}", iso(ms));
        }
        assert_eq!(date_millis("/Date(1596537385000+0060)/"), Some(1_596_537_385_000));
        assert_eq!(date_millis("2020-08-04T10:36:25+02:00"), date_millis("2020-08-04T08:36:25Z"));
        assert_eq!(date_millis("2024-13-01T00:00:00"), None);
    }

    #[test]
    fn literals_of_both_versions_compare_alike() {
        assert_eq!(literal("'O''Neil'"), Ok(Cmp::Text("O'Neil".into())));
        assert_eq!(literal("42L"), Ok(Cmp::Num(42.0)));
        assert_eq!(literal("12.5M"), literal("12.5"));
        assert_eq!(literal("datetime'2024-01-31T13:45:00'"), literal("2024-01-31T13:45:00Z"));
        assert_eq!(
            literal("guid'0123ABCD-0000-0000-0000-000000000000'"),
            literal("0123abcd-0000-0000-0000-000000000000")
        );
        assert_eq!(literal("2024-01-31"), Ok(Cmp::Text("2024-01-31".into())));
        assert!(literal("'unterminated").is_err());
        assert!(literal("Name").is_err());
    }
}
