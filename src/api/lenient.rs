//! Lenient readers for single JSON values (API-NOTES.md: "be lenient").
//!
//! Flags arrive as `"0"`/`"1"`, `0`/`1` or `true`/`false`; dates as `"yyyy-MM-dd HH:mm:ss"` UTC,
//! `""` or `null`; numbers as strings or numbers. None of these readers fails on an odd value:
//! the server, not the client, is the judge of a session's state when it matters.

use rust_decimal::Decimal;
use serde_json::Value;
use std::str::FromStr;
use time::format_description::BorrowedFormatItem;
use time::macros::format_description;
use time::{Date, OffsetDateTime, PrimitiveDateTime};

const WIRE_DATE_TIME: &[BorrowedFormatItem<'static>] =
    format_description!("[year]-[month]-[day] [hour]:[minute]:[second]");
const WIRE_DATE_TIME_NO_SECONDS: &[BorrowedFormatItem<'static>] =
    format_description!("[year]-[month]-[day] [hour]:[minute]");
const WIRE_DATE: &[BorrowedFormatItem<'static>] = format_description!("[year]-[month]-[day]");

/// A flag: `"1"`, `1`, `true`, `"true"`, `"yes"` are set; anything else (including absent) is not.
pub fn flag(v: Option<&Value>) -> bool {
    match v {
        Some(Value::Bool(b)) => *b,
        Some(Value::Number(n)) => n.as_f64().is_some_and(|f| f != 0.0),
        Some(Value::String(s)) => {
            let s = s.trim();
            s == "1" || s.eq_ignore_ascii_case("true") || s.eq_ignore_ascii_case("yes")
        }
        _ => false,
    }
}

/// A non-empty string (numbers are written out); `""` and `null` are `None`.
pub fn text(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) => Some(s.trim().to_string()).filter(|s| !s.is_empty()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// An unsigned integer given as a number or a string of digits.
pub fn unsigned(v: Option<&Value>) -> Option<u64> {
    match v? {
        Value::Number(n) => n.as_u64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// A decimal given as a string or a JSON number, read from its text: never through a float.
pub fn decimal(v: Option<&Value>) -> Option<Decimal> {
    let raw = match v? {
        Value::String(s) => s.trim().replace(',', "."),
        Value::Number(n) => n.to_string(),
        _ => return None,
    };
    if raw.is_empty() {
        return None;
    }
    Decimal::from_str(&raw)
        .or_else(|_| Decimal::from_scientific(&raw))
        .ok()
}

/// A UTC date: `"yyyy-MM-dd HH:mm:ss"` (the wire form), `"yyyy-MM-dd HH:mm"`, `"yyyy-MM-dd"`,
/// or RFC 3339. `""`, `null`, `"0000-00-00 00:00:00"` and anything unreadable are `None`.
pub fn date_utc(v: Option<&Value>) -> Option<OffsetDateTime> {
    let s = match v? {
        Value::String(s) => s.trim(),
        _ => return None,
    };
    parse_date_utc(s)
}

/// See [`date_utc`].
pub fn parse_date_utc(s: &str) -> Option<OffsetDateTime> {
    let s = s.trim();
    if s.is_empty() || s.starts_with("0000-00-00") {
        return None;
    }
    if let Ok(t) = OffsetDateTime::parse(s, &time::format_description::well_known::Rfc3339) {
        return Some(t.to_offset(time::UtcOffset::UTC));
    }
    for fmt in [WIRE_DATE_TIME, WIRE_DATE_TIME_NO_SECONDS] {
        if let Ok(t) = PrimitiveDateTime::parse(s, fmt) {
            return Some(t.assume_utc());
        }
    }
    Date::parse(s, WIRE_DATE).ok().map(|d| d.midnight().assume_utc())
}

/// The wire form `yyyy-MM-dd HH:mm:ss` of a UTC time.
pub fn format_wire_date(t: OffsetDateTime) -> String {
    t.to_offset(time::UtcOffset::UTC)
        .format(WIRE_DATE_TIME)
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn flags_in_every_published_spelling() {
        for set in [json!("1"), json!(1), json!(true), json!("true")] {
            assert!(flag(Some(&set)), "{set}");
        }
        for unset in [json!("0"), json!(0), json!(false), json!(""), json!(null)] {
            assert!(!flag(Some(&unset)), "{unset}");
        }
        assert!(!flag(None));
    }

    #[test]
    fn dates_in_wire_and_rfc3339_forms() {
        let t = parse_date_utc("2026-11-20 14:03:00").unwrap();
        assert_eq!(format_wire_date(t), "2026-11-20 14:03:00");
        assert_eq!(parse_date_utc("2026-11-20T15:03:00+01:00"), Some(t));
        assert_eq!(parse_date_utc(""), None);
        assert_eq!(parse_date_utc("0000-00-00 00:00:00"), None);
        assert_eq!(parse_date_utc("soon"), None);
        assert!(parse_date_utc("2026-11-20").is_some());
    }

    #[test]
    fn decimals_never_go_through_a_float() {
        assert_eq!(decimal(Some(&json!("12.500"))), Decimal::from_str("12.500").ok());
        assert_eq!(decimal(Some(&json!(0.1))), Decimal::from_str("0.1").ok());
        assert_eq!(decimal(Some(&json!(""))), None);
    }
}
