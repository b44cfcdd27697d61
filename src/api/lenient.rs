//! Lenient readers for single JSON values and lists (API-NOTES.md: "be lenient").
//!
//! Each reader states the wire assumption it relies on, and what it accepts besides. None of
//! them fails on an odd value: the server, not the client, is the judge of a session's state
//! when it matters. The sandbox's answer profiles (`sandbox --profile`) produce each of the
//! alternatives accepted here.

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

/// A flag. Assumed [confirmed]: the strings `"0"`/`"1"`. Also read: `0`/`1`, `true`/`false`,
/// `"true"`, `"yes"` (profile loose-types). Anything else, absent included, is not set.
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

/// A non-empty string (numbers are written out); `""`, `null` and absent are all `None`
/// (profile sparse leaves empty fields out instead of sending `""`).
pub fn text(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) => Some(s.trim().to_string()).filter(|s| !s.is_empty()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// An unsigned integer. Assumed [confirmed]: `sequenceid` is a string of digits, `sequence_id`
/// a number; either is read in either type (profile loose-types).
pub fn unsigned(v: Option<&Value>) -> Option<u64> {
    match v? {
        Value::Number(n) => n.as_u64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// Money. Assumed: a string in the seed's `0.000` form. Also read: a JSON number (profile
/// loose-types), from its text, never through a float; a decimal comma.
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

/// A UTC date. Assumed [confirmed]: `"yyyy-MM-dd HH:mm:ss"` in UTC, `""` when unset. Also read
/// (profile loose-types): RFC 3339 with or without fractions of a second, the wire form with
/// fractions or a `T`, `"yyyy-MM-dd HH:mm"`, `"yyyy-MM-dd"`, and epoch seconds as a number or a
/// string of digits (epoch milliseconds when too large for seconds). `""`, `null`,
/// `"0000-00-00 00:00:00"`, `0` and anything unreadable are `None`.
pub fn date_utc(v: Option<&Value>) -> Option<OffsetDateTime> {
    match v? {
        Value::String(s) => parse_date_utc(s),
        Value::Number(n) => epoch(n.as_i64()?),
        _ => None,
    }
}

/// Seconds since 1970 (milliseconds when the number is too large for a plausible date in seconds).
fn epoch(n: i64) -> Option<OffsetDateTime> {
    /// 5138-11-16 in seconds: anything larger is milliseconds.
    const MAX_SECONDS: i64 = 100_000_000_000;
    if n <= 0 {
        return None;
    }
    let seconds = if n >= MAX_SECONDS { n / 1000 } else { n };
    OffsetDateTime::from_unix_timestamp(seconds).ok()
}

/// See [`date_utc`].
pub fn parse_date_utc(s: &str) -> Option<OffsetDateTime> {
    let s = s.trim();
    if s.is_empty() || s.starts_with("0000-00-00") {
        return None;
    }
    if let Some(t) = wire_date_fast(s) {
        return Some(t);
    }
    if s.bytes().all(|b| b.is_ascii_digit()) {
        return epoch(s.parse().ok()?);
    }
    if let Ok(t) = OffsetDateTime::parse(s, &time::format_description::well_known::Rfc3339) {
        return Some(t.to_offset(time::UtcOffset::UTC));
    }
    // The wire form, also with a `T`, a trailing `Z` or fractions of a second.
    let plain = s.replacen('T', " ", 1);
    let plain = plain.trim_end_matches('Z');
    let plain = plain.split_once('.').map_or(plain, |(whole, _)| whole);
    for fmt in [WIRE_DATE_TIME, WIRE_DATE_TIME_NO_SECONDS] {
        if let Ok(t) = PrimitiveDateTime::parse(plain, fmt) {
            return Some(t.assume_utc());
        }
    }
    Date::parse(s, WIRE_DATE).ok().map(|d| d.midnight().assume_utc())
}

/// The documented form `yyyy-MM-dd HH:mm:ss`, read by hand: `time`'s parser costs about a
/// microsecond a call, and a session carries up to eight dates on every answer.
fn wire_date_fast(s: &str) -> Option<OffsetDateTime> {
    let b = s.as_bytes();
    let shaped =
        b.len() == 19 && b[4] == b'-' && b[7] == b'-' && b[10] == b' ' && b[13] == b':' && b[16] == b':';
    if !shaped {
        return None;
    }
    let n = |from: usize, to: usize| -> Option<u16> {
        b[from..to].iter().try_fold(0u16, |acc, d| {
            d.is_ascii_digit().then(|| acc * 10 + u16::from(d - b'0'))
        })
    };
    let month = time::Month::try_from(u8::try_from(n(5, 7)?).ok()?).ok()?;
    let date = Date::from_calendar_date(i32::from(n(0, 4)?), month, u8::try_from(n(8, 10)?).ok()?).ok()?;
    let t = time::Time::from_hms(
        u8::try_from(n(11, 13)?).ok()?,
        u8::try_from(n(14, 16)?).ok()?,
        u8::try_from(n(17, 19)?).ok()?,
    )
    .ok()?;
    Some(PrimitiveDateTime::new(date, t).assume_utc())
}

/// The items of a list. Assumed [confirmed for campaign lists]: a JSON array. Also read (profile
/// php-arrays): an object keyed `"0"`, `"1"`, … (PHP's `json_encode` of an array with gaps or
/// string keys), in key order. `None` for anything else, so the caller can decide whether an
/// object is one item or not a list at all.
pub fn list_items(v: &Value) -> Option<Vec<&Value>> {
    match v {
        Value::Array(items) => Some(items.iter().collect()),
        Value::Object(map) if !map.is_empty() && map.keys().all(|k| k.parse::<u64>().is_ok()) => {
            let mut keyed: Vec<(u64, &Value)> = map
                .iter()
                .filter_map(|(k, v)| Some((k.parse().ok()?, v)))
                .collect();
            keyed.sort_by_key(|(k, _)| *k);
            Some(keyed.into_iter().map(|(_, v)| v).collect())
        }
        _ => None,
    }
}

/// Like [`list_items`], and also an object whose every value is an object: a list keyed by
/// id (profile php-arrays answers `coupon/list` as `{"cam_1": {...}, "cam_2": {...}}`).
pub fn keyed_items(v: &Value) -> Option<Vec<&Value>> {
    list_items(v).or_else(|| match v {
        Value::Object(map) if !map.is_empty() && map.values().all(Value::is_object) => {
            Some(map.values().collect())
        }
        _ => None,
    })
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
        assert_eq!(parse_date_utc("2026-02-30 10:00:00"), None, "no such day");
        assert_eq!(parse_date_utc("2026-11-20 24:00:00"), None, "no such hour");
        assert!(parse_date_utc("2026-11-20").is_some());
    }

    #[test]
    fn dates_with_fractions_and_as_epoch_seconds() {
        let t = parse_date_utc("2026-11-20 14:03:00").unwrap();
        for same in [
            json!("2026-11-20T14:03:00Z"),
            json!("2026-11-20T14:03:00.250000Z"),
            json!("2026-11-20 14:03:00.5"),
            json!("2026-11-20T14:03:00"),
            json!(t.unix_timestamp()),
            json!(t.unix_timestamp().to_string()),
            json!(t.unix_timestamp() * 1000),
        ] {
            assert_eq!(
                date_utc(Some(&same)).map(|d| d.replace_millisecond(0).unwrap()),
                Some(t),
                "{same}"
            );
        }
        for unset in [json!(0), json!(-5), json!(null), json!(true), json!("")] {
            assert_eq!(date_utc(Some(&unset)), None, "{unset}");
        }
    }

    #[test]
    fn lists_as_arrays_or_objects_keyed_by_position_or_id() {
        let a = json!([{"x":1},{"x":2}]);
        let php = json!({"1":{"x":2},"0":{"x":1}});
        assert_eq!(list_items(&a), list_items(&php));
        assert_eq!(list_items(&php).unwrap()[0], &json!({"x":1}));
        let by_id = json!({"cam_1":{"ID":"cam_1"},"cam_2":{"ID":"cam_2"}});
        assert_eq!(list_items(&by_id), None);
        assert_eq!(keyed_items(&by_id).map(|i| i.len()), Some(2));
        // One object with some plain fields is not a list.
        assert_eq!(keyed_items(&json!({"ID":"cam_1","data":{}})), None);
        assert_eq!(list_items(&json!({})), None);
    }

    #[test]
    fn decimals_never_go_through_a_float() {
        assert_eq!(decimal(Some(&json!("12.500"))), Decimal::from_str("12.500").ok());
        assert_eq!(decimal(Some(&json!(0.1))), Decimal::from_str("0.1").ok());
        assert_eq!(decimal(Some(&json!(""))), None);
    }
}
