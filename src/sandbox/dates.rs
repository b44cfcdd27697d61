//! Dates as the API writes them: `yyyy-MM-dd HH:mm:ss`, always UTC, `""` when unset.
//! The same text is what the store keeps, so that SQL can compare dates as strings.

use time::{Date, OffsetDateTime, PrimitiveDateTime, Time};

/// `2026-11-20 14:03:00`. Written by hand: `time`'s formatter costs microseconds per call
/// and the store writes and reads tens of thousands of dates when seeding and paging.
pub fn format(t: OffsetDateTime) -> String {
    let utc = t.to_offset(time::UtcOffset::UTC);
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02}:{:02}",
        utc.year(),
        u8::from(utc.month()),
        utc.day(),
        utc.hour(),
        utc.minute(),
        utc.second()
    )
}

/// `format` for an optional date: `""` when unset.
pub fn format_opt(t: Option<OffsetDateTime>) -> String {
    t.map(format).unwrap_or_default()
}

/// Reads a wire date (`yyyy-MM-dd HH:mm:ss`) as UTC; `None` for `""` or anything else.
pub fn parse(s: &str) -> Option<OffsetDateTime> {
    let b = s.trim().as_bytes();
    let shaped = b.len() == 19
        && [4, 7].iter().all(|&i| b[i] == b'-')
        && b[10] == b' '
        && [13, 16].iter().all(|&i| b[i] == b':')
        && [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18]
            .iter()
            .all(|&i| b[i].is_ascii_digit());
    if !shaped {
        return None;
    }
    let n = |r: std::ops::Range<usize>| b[r].iter().fold(0u32, |acc, d| acc * 10 + u32::from(d - b'0'));
    let month = time::Month::try_from(u8::try_from(n(5..7)).ok()?).ok()?;
    let date =
        Date::from_calendar_date(i32::try_from(n(0..4)).ok()?, month, u8::try_from(n(8..10)).ok()?).ok()?;
    let time = Time::from_hms(
        u8::try_from(n(11..13)).ok()?,
        u8::try_from(n(14..16)).ok()?,
        u8::try_from(n(17..19)).ok()?,
    )
    .ok()?;
    Some(PrimitiveDateTime::new(date, time).assume_utc())
}

/// Why a list filter date was refused (the two 303 messages).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FilterDateError {
    /// Not `yyyy-MM-dd hh:mm` nor `yyyy-MM-dd`.
    Format,
    /// The right shape, but no such day or time (e.g. `2026-02-30`).
    Invalid,
}

/// Which end of a range a filter date closes: both ends are inclusive, so an end date
/// covers its whole day (date only) or its whole minute (date and time).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RangeEnd {
    Start,
    End,
}

/// Reads a `start_date`/`end_date` filter: `yyyy-MM-dd`, `yyyy-MM-dd hh:mm` (and the seed's
/// literal `yyyy-MM-dd hh-mm`), UTC.
pub fn parse_filter(s: &str, end: RangeEnd) -> Result<OffsetDateTime, FilterDateError> {
    let s = s.trim();
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    let date_shape =
        b.len() >= 10 && digits(0..4) && b[4] == b'-' && digits(5..7) && b[7] == b'-' && digits(8..10);
    let time_shape = b.len() == 16
        && b[10] == b' '
        && digits(11..13)
        && (b[13] == b':' || b[13] == b'-')
        && digits(14..16);
    if !(date_shape && (b.len() == 10 || time_shape)) {
        return Err(FilterDateError::Format);
    }
    let num = |r: std::ops::Range<usize>| s[r].parse::<u32>().map_err(|_| FilterDateError::Format);
    let year = i32::try_from(num(0..4)?).map_err(|_| FilterDateError::Format)?;
    let month = u8::try_from(num(5..7)?)
        .ok()
        .and_then(|m| time::Month::try_from(m).ok())
        .ok_or(FilterDateError::Invalid)?;
    let day = u8::try_from(num(8..10)?).map_err(|_| FilterDateError::Invalid)?;
    let date = Date::from_calendar_date(year, month, day).map_err(|_| FilterDateError::Invalid)?;
    let time = if b.len() == 16 {
        let hour = u8::try_from(num(11..13)?).map_err(|_| FilterDateError::Invalid)?;
        let minute = u8::try_from(num(14..16)?).map_err(|_| FilterDateError::Invalid)?;
        let second = if end == RangeEnd::End { 59 } else { 0 };
        Time::from_hms(hour, minute, second).map_err(|_| FilterDateError::Invalid)?
    } else if end == RangeEnd::End {
        Time::from_hms(23, 59, 59).map_err(|_| FilterDateError::Invalid)?
    } else {
        Time::MIDNIGHT
    };
    Ok(PrimitiveDateTime::new(date, time).assume_utc())
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn wire_dates_round_trip_in_utc() {
        let t = datetime!(2026-11-20 14:03:00 UTC);
        assert_eq!(format(t), "2026-11-20 14:03:00");
        assert_eq!(parse("2026-11-20 14:03:00"), Some(t));
        assert_eq!(format(datetime!(2026-11-20 15:03:00 +1)), "2026-11-20 14:03:00");
        assert_eq!(format_opt(None), "");
        assert_eq!(parse(""), None);
        assert_eq!(parse("2026-02-30 00:00:00"), None);
        assert_eq!(parse("2026-11-20 14:03"), None);
        assert_eq!(parse("2026-11-20T14:03:00"), None);
        assert_eq!(format(datetime!(0999-01-02 03:04:05 UTC)), "0999-01-02 03:04:05");
    }

    #[test]
    fn filter_dates_are_inclusive_at_both_ends() {
        use RangeEnd::*;
        assert_eq!(
            parse_filter("2026-01-31", Start),
            Ok(datetime!(2026-01-31 00:00:00 UTC))
        );
        assert_eq!(
            parse_filter("2026-01-31", End),
            Ok(datetime!(2026-01-31 23:59:59 UTC))
        );
        assert_eq!(
            parse_filter("2026-01-31 10:30", Start),
            Ok(datetime!(2026-01-31 10:30:00 UTC))
        );
        assert_eq!(
            parse_filter("2026-01-31 10-30", End),
            Ok(datetime!(2026-01-31 10:30:59 UTC))
        );
    }

    #[test]
    fn filter_dates_tell_shape_from_validity() {
        use RangeEnd::Start;
        for bad in [
            "",
            "2026/01/31",
            "31-01-2026",
            "2026-01-31 10:30:00",
            "2026-1-31",
            "tomorrow",
        ] {
            assert_eq!(parse_filter(bad, Start), Err(FilterDateError::Format), "{bad}");
        }
        for bad in ["2026-02-30", "2026-13-01", "2026-01-31 24:00", "2026-01-31 10:61"] {
            assert_eq!(parse_filter(bad, Start), Err(FilterDateError::Invalid), "{bad}");
        }
    }
}
