//! Dates, times and durations: `/Date(ms±offset)/` (V2), ISO 8601 (V4), xs:duration.

use super::literal::{strip_typed, LiteralError};
use super::scalar::{self, invalid, Scalar};
use super::{Date, DateTime, DateTimeOffset, Duration, EdmValue, TimeOfDay};
use crate::Version;
use chrono::{FixedOffset, NaiveDateTime, Timelike};
use serde::{Deserializer, Serializer};
use std::fmt::Write as _;

/// Reads `/Date(<ms>)/` or `/Date(<ms>±<4-digit minutes>)/`.
fn parse_v2_date(text: &str) -> Option<(i64, Option<i32>)> {
    let inner = text.strip_prefix("/Date(")?.strip_suffix(")/")?;
    let split = inner.char_indices().skip(1).find(|(_, c)| matches!(c, '+' | '-')).map(|(i, _)| i);
    let (ms, offset) = match split {
        Some(i) => (&inner[..i], Some(&inner[i..])),
        None => (inner, None),
    };
    if ms.is_empty() || !ms.trim_start_matches('-').bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let ms: i64 = ms.parse().ok()?;
    let offset = match offset {
        Some(o) if o.len() == 5 && o[1..].bytes().all(|b| b.is_ascii_digit()) => {
            let minutes: i32 = o[1..].parse().ok()?;
            Some(if o.starts_with('-') { -minutes } else { minutes })
        }
        Some(_) => return None,
        None => None,
    };
    Some((ms, offset))
}

/// `.123` for 123 ms, nothing for whole seconds; at most `max_digits` digits.
fn write_fraction(nanos: u32, max_digits: usize, out: &mut String) {
    let nanos = nanos % 1_000_000_000;
    if nanos == 0 {
        return;
    }
    let digits = format!("{nanos:09}");
    let digits = digits[..max_digits.min(9)].trim_end_matches('0');
    if !digits.is_empty() {
        out.push('.');
        out.push_str(digits);
    }
}

fn write_naive_datetime(value: &NaiveDateTime, max_fraction: usize, out: &mut String) {
    let _ = write!(out, "{}", value.format("%Y-%m-%dT%H:%M:%S"));
    write_fraction(value.nanosecond(), max_fraction, out);
}

fn parse_naive_datetime(text: &str) -> Option<NaiveDateTime> {
    NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S%.f")
        .or_else(|_| NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M"))
        .ok()
}

fn write_offset_datetime(value: &DateTimeOffset, out: &mut String) {
    write_naive_datetime(&value.naive_local(), 9, out);
    let seconds = value.offset().local_minus_utc();
    if seconds == 0 {
        out.push('Z');
    } else {
        let sign = if seconds < 0 { '-' } else { '+' };
        let minutes = seconds.abs() / 60;
        let _ = write!(out, "{sign}{:02}:{:02}", minutes / 60, minutes % 60);
    }
}

fn parse_offset_datetime(text: &str) -> Option<DateTimeOffset> {
    chrono::DateTime::parse_from_rfc3339(text)
        .ok()
        .or_else(|| chrono::DateTime::parse_from_str(text, "%Y-%m-%dT%H:%M%:z").ok())
        .or_else(|| text.strip_suffix('Z').and_then(parse_naive_datetime).map(|n| n.and_utc().fixed_offset()))
}

fn string_of<'a>(found: &'a Scalar<'_>) -> Option<&'a str> {
    match found {
        Scalar::Str(s) => Some(s),
        _ => None,
    }
}

impl EdmValue for DateTime {
    /// V2 writes `/Date(ms)/` (UTC); V4 has no `Edm.DateTime` and gets ISO text.
    fn serialize_json<S: Serializer>(&self, v: Version, s: S) -> Result<S::Ok, S::Error> {
        match v {
            Version::V2 => s.serialize_str(&format!("/Date({})/", self.and_utc().timestamp_millis())),
            Version::V4 => s.serialize_str(&self.to_literal(Version::V4)),
        }
    }
    /// Reads `/Date(ms)/` and `/Date(ms±offset)/` (milliseconds are UTC) and ISO text.
    fn deserialize_json<'de, D: Deserializer<'de>>(_: Version, d: D) -> Result<Self, D::Error> {
        let found = scalar::read(d)?;
        let text = string_of(&found);
        let parsed = match text.and_then(parse_v2_date) {
            Some((ms, _)) => chrono::DateTime::from_timestamp_millis(ms).map(|t| t.naive_utc()),
            None => {
                text.and_then(|t| parse_naive_datetime(t).or_else(|| parse_offset_datetime(t).map(|o| o.naive_utc())))
            }
        };
        parsed.ok_or_else(|| invalid("Edm.DateTime", &found))
    }
    fn write_literal(&self, v: Version, out: &mut String) {
        match v {
            Version::V2 => {
                out.push_str("datetime'");
                write_naive_datetime(self, 7, out);
                out.push('\'');
            }
            Version::V4 => write_naive_datetime(self, 9, out),
        }
    }
    fn parse_literal(text: &str, _: Version) -> Result<Self, LiteralError> {
        let body = strip_typed(text, "datetime").unwrap_or(text);
        parse_naive_datetime(body)
            .ok_or_else(|| LiteralError::new("Edm.DateTime", text, "expected yyyy-mm-ddThh:mm[:ss[.fffffff]]"))
    }
}

impl EdmValue for DateTimeOffset {
    /// V2 writes `/Date(ms+0000)/`: the instant in UTC milliseconds, offset zero. The
    /// form with the value's own offset (`/Date(ms+0120)/`) is read differently by
    /// different servers (SAP CAP's V2 adapter stores it two hours off), so it is never
    /// written; V4 writes ISO 8601 (`Z` for UTC).
    fn serialize_json<S: Serializer>(&self, v: Version, s: S) -> Result<S::Ok, S::Error> {
        match v {
            Version::V2 => s.serialize_str(&format!("/Date({}+0000)/", self.timestamp_millis())),
            Version::V4 => s.serialize_str(&self.to_literal(Version::V4)),
        }
    }
    /// Reads `/Date(ms)/`, `/Date(ms±mmmm)/` and ISO 8601.
    fn deserialize_json<'de, D: Deserializer<'de>>(_: Version, d: D) -> Result<Self, D::Error> {
        let found = scalar::read(d)?;
        let text = string_of(&found);
        let parsed = match text.and_then(parse_v2_date) {
            Some((ms, offset)) => FixedOffset::east_opt(offset.unwrap_or(0) * 60)
                .and_then(|tz| chrono::DateTime::from_timestamp_millis(ms).map(|t| t.with_timezone(&tz))),
            None => text.and_then(parse_offset_datetime),
        };
        parsed.ok_or_else(|| invalid("Edm.DateTimeOffset", &found))
    }
    fn write_literal(&self, v: Version, out: &mut String) {
        match v {
            Version::V2 => {
                out.push_str("datetimeoffset'");
                write_offset_datetime(self, out);
                out.push('\'');
            }
            Version::V4 => write_offset_datetime(self, out),
        }
    }
    fn parse_literal(text: &str, _: Version) -> Result<Self, LiteralError> {
        let body = strip_typed(text, "datetimeoffset").unwrap_or(text);
        parse_offset_datetime(body).ok_or_else(|| {
            LiteralError::new("Edm.DateTimeOffset", text, "expected an ISO 8601 date and time with offset")
        })
    }
}

impl EdmValue for Date {
    fn serialize_json<S: Serializer>(&self, _: Version, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.format("%Y-%m-%d").to_string())
    }
    /// Reads `yyyy-mm-dd`, and `/Date(ms)/` (its UTC date) as some V2 servers send.
    fn deserialize_json<'de, D: Deserializer<'de>>(_: Version, d: D) -> Result<Self, D::Error> {
        let found = scalar::read(d)?;
        let text = string_of(&found);
        let parsed = match text.and_then(parse_v2_date) {
            Some((ms, _)) => chrono::DateTime::from_timestamp_millis(ms).map(|t| t.date_naive()),
            None => text.and_then(|t| Date::parse_from_str(t, "%Y-%m-%d").ok()),
        };
        parsed.ok_or_else(|| invalid("Edm.Date", &found))
    }
    fn write_literal(&self, _: Version, out: &mut String) {
        let _ = write!(out, "{}", self.format("%Y-%m-%d"));
    }
    fn parse_literal(text: &str, _: Version) -> Result<Self, LiteralError> {
        Date::parse_from_str(text, "%Y-%m-%d").map_err(|e| LiteralError::new("Edm.Date", text, e))
    }
}

fn write_time_of_day(value: &TimeOfDay, out: &mut String) {
    let _ = write!(out, "{}", value.format("%H:%M:%S"));
    write_fraction(value.nanosecond(), 9, out);
}

fn write_v2_time(value: &TimeOfDay, out: &mut String) {
    let _ = write!(out, "PT{:02}H{:02}M{:02}", value.hour(), value.minute(), value.second());
    write_fraction(value.nanosecond(), 9, out);
    out.push('S');
}

fn parse_time_of_day(text: &str) -> Option<TimeOfDay> {
    if text.starts_with('P') {
        let d = parse_duration(text)?;
        if d < Duration::zero() || d >= Duration::days(1) {
            return None;
        }
        return TimeOfDay::from_num_seconds_from_midnight_opt(d.num_seconds() as u32, d.subsec_nanos() as u32);
    }
    TimeOfDay::parse_from_str(text, "%H:%M:%S%.f").or_else(|_| TimeOfDay::parse_from_str(text, "%H:%M")).ok()
}

impl EdmValue for TimeOfDay {
    /// V2 (`Edm.Time`) writes `PT13H45M00S`; V4 (`Edm.TimeOfDay`) writes `13:45:00`.
    fn serialize_json<S: Serializer>(&self, v: Version, s: S) -> Result<S::Ok, S::Error> {
        let mut out = String::with_capacity(16);
        match v {
            Version::V2 => write_v2_time(self, &mut out),
            Version::V4 => write_time_of_day(self, &mut out),
        }
        s.serialize_str(&out)
    }
    /// Reads both forms in both versions.
    fn deserialize_json<'de, D: Deserializer<'de>>(_: Version, d: D) -> Result<Self, D::Error> {
        let found = scalar::read(d)?;
        string_of(&found).and_then(parse_time_of_day).ok_or_else(|| invalid("Edm.TimeOfDay", &found))
    }
    fn write_literal(&self, v: Version, out: &mut String) {
        match v {
            Version::V2 => {
                out.push_str("time'");
                write_v2_time(self, out);
                out.push('\'');
            }
            Version::V4 => write_time_of_day(self, out),
        }
    }
    fn parse_literal(text: &str, _: Version) -> Result<Self, LiteralError> {
        let body = strip_typed(text, "time").unwrap_or(text);
        parse_time_of_day(body)
            .ok_or_else(|| LiteralError::new("Edm.TimeOfDay", text, "expected hh:mm:ss or PThhHmmMssS"))
    }
}

/// Reads an xs:duration with days, hours, minutes and (fractional) seconds: `-P1DT2H3M4.5S`.
/// Years and months are refused: their length in seconds is not fixed.
pub(crate) fn parse_duration(text: &str) -> Option<Duration> {
    let (negative, rest) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let rest = rest.strip_prefix('P')?;
    let (date_part, time_part) = match rest.split_once('T') {
        Some((d, t)) => {
            if t.is_empty() {
                return None;
            }
            (d, Some(t))
        }
        None => (rest, None),
    };
    if date_part.is_empty() && time_part.is_none() {
        return None;
    }
    let mut total = Duration::zero();
    if !date_part.is_empty() {
        let days = date_part.strip_suffix('D')?;
        if days.is_empty() || !days.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        total = total.checked_add(&Duration::try_days(days.parse().ok()?)?)?;
    }
    if let Some(mut t) = time_part {
        let mut last_unit = 0;
        while !t.is_empty() {
            let end = t.find(|c: char| !(c.is_ascii_digit() || c == '.'))?;
            let (number, unit) = (&t[..end], t.as_bytes()[end]);
            if number.is_empty() {
                return None;
            }
            let rank = match unit {
                b'H' => 1,
                b'M' => 2,
                b'S' => 3,
                _ => return None,
            };
            if rank <= last_unit || (unit != b'S' && number.contains('.')) {
                return None;
            }
            last_unit = rank;
            let part = match unit {
                b'H' => Duration::try_hours(number.parse().ok()?)?,
                b'M' => Duration::try_minutes(number.parse().ok()?)?,
                _ => {
                    let (whole, frac) = number.split_once('.').unwrap_or((number, ""));
                    if whole.is_empty() || frac.len() > 9 || !frac.bytes().all(|b| b.is_ascii_digit()) {
                        return None;
                    }
                    let nanos: i64 = if frac.is_empty() { 0 } else { format!("{frac:0<9}").parse().ok()? };
                    Duration::try_seconds(whole.parse().ok()?)?.checked_add(&Duration::nanoseconds(nanos))?
                }
            };
            total = total.checked_add(&part)?;
            t = &t[end + 1..];
        }
    }
    Some(if negative { -total } else { total })
}

/// Writes the shortest xs:duration: `P1DT2H`, `PT0.5S`, `PT0S`.
pub(crate) fn write_duration(value: &Duration, out: &mut String) {
    if *value < Duration::zero() {
        out.push('-');
    }
    let abs = value.abs();
    let total = abs.num_seconds();
    let nanos = abs.subsec_nanos() as u32;
    let (days, hours, minutes, seconds) = (total / 86_400, total / 3600 % 24, total / 60 % 60, total % 60);
    out.push('P');
    if days > 0 {
        let _ = write!(out, "{days}D");
    }
    if hours > 0 || minutes > 0 || seconds > 0 || nanos > 0 || days == 0 {
        out.push('T');
        if hours > 0 {
            let _ = write!(out, "{hours}H");
        }
        if minutes > 0 {
            let _ = write!(out, "{minutes}M");
        }
        if seconds > 0 || nanos > 0 || (hours == 0 && minutes == 0) {
            let _ = write!(out, "{seconds}");
            write_fraction(nanos, 9, out);
            out.push('S');
        }
    }
}

impl EdmValue for Duration {
    fn serialize_json<S: Serializer>(&self, _: Version, s: S) -> Result<S::Ok, S::Error> {
        let mut out = String::with_capacity(16);
        write_duration(self, &mut out);
        s.serialize_str(&out)
    }
    fn deserialize_json<'de, D: Deserializer<'de>>(_: Version, d: D) -> Result<Self, D::Error> {
        let found = scalar::read(d)?;
        string_of(&found).and_then(parse_duration).ok_or_else(|| invalid("Edm.Duration", &found))
    }
    fn write_literal(&self, v: Version, out: &mut String) {
        out.push_str(if v == Version::V2 { "time'" } else { "duration'" });
        write_duration(self, out);
        out.push('\'');
    }
    fn parse_literal(text: &str, _: Version) -> Result<Self, LiteralError> {
        let body = strip_typed(text, "duration").or_else(|| strip_typed(text, "time")).unwrap_or(text);
        parse_duration(body)
            .ok_or_else(|| LiteralError::new("Edm.Duration", text, "expected an ISO 8601 duration such as P1DT2H"))
    }
}
