//! The kiosk's notion of "now": UTC for records, a monotonic offset for timers, and the local
//! zone for what is drawn. Kept in the state so that `update` and the views stay pure and tests
//! control time.

use std::time::Duration;
use time::{OffsetDateTime, UtcOffset};

/// Now, as the event loop saw it just before handing a message to `update`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Clock {
    pub utc: OffsetDateTime,
    /// Time since the kiosk started (monotonic; timers are measured on it).
    pub mono: Duration,
}

impl Clock {
    pub fn new(utc: OffsetDateTime, mono: Duration) -> Self {
        Self { utc, mono }
    }

    /// Monotonic time of the next minute boundary (for the status-bar clock).
    pub fn next_minute(&self) -> Duration {
        let into_minute = Duration::new(u64::from(self.utc.second()), self.utc.nanosecond());
        self.mono + Duration::from_secs(60).saturating_sub(into_minute)
    }
}

/// How UTC instants are shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LocalZone {
    /// A fixed offset (tests, and hosts whose zone cannot be read).
    Fixed(UtcOffset),
    /// The host's zone, including daylight-saving changes.
    System,
}

impl LocalZone {
    /// The offset in force at `utc`. `time` refuses to read the local offset once a process has
    /// threads (it cannot do so soundly on Unix); chrono reads the zone database itself.
    pub fn offset_at(&self, utc: OffsetDateTime) -> UtcOffset {
        match self {
            LocalZone::Fixed(o) => *o,
            LocalZone::System => {
                use chrono::TimeZone;
                chrono::Local
                    .timestamp_opt(utc.unix_timestamp(), 0)
                    .single()
                    .and_then(|dt| UtcOffset::from_whole_seconds(dt.offset().local_minus_utc()).ok())
                    .unwrap_or(UtcOffset::UTC)
            }
        }
    }

    pub fn local(&self, utc: OffsetDateTime) -> OffsetDateTime {
        utc.to_offset(self.offset_at(utc))
    }

    /// The UTC instant of the local midnight that starts the day holding `utc`.
    pub fn start_of_day(&self, utc: OffsetDateTime) -> OffsetDateTime {
        let local = self.local(utc);
        local.replace_time(time::Time::MIDNIGHT).to_offset(UtcOffset::UTC)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::{datetime, offset};

    #[test]
    fn next_minute_is_the_boundary() {
        let c = Clock::new(datetime!(2026-11-20 14:03:45.5 UTC), Duration::from_secs(100));
        assert_eq!(c.next_minute(), Duration::from_millis(114_500));
    }

    #[test]
    fn start_of_local_day() {
        let z = LocalZone::Fixed(offset!(+2));
        assert_eq!(
            z.start_of_day(datetime!(2026-11-20 23:30 UTC)),
            datetime!(2026-11-20 22:00 UTC)
        );
    }
}
