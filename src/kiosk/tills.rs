//! Today across every till of the account (F3's second tab): validations per local hour and per
//! till, from the account's own record (`crate::report`), fetched in the background when the tab
//! is opened and at most once a minute while it stays open. This till's own counts are `today`.

use super::msg::Req;
use crate::report::{totals, GroupBy, GroupTotal, Validation};
use std::time::Duration;
use time::{OffsetDateTime, UtcOffset};

/// The figures are asked for again at most this often while the tab is open.
pub const REFRESH_EVERY: Duration = Duration::from_secs(60);

/// Which of F3's tabs is shown.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum SummaryTab {
    /// This till's attempts, from its journal.
    #[default]
    ThisTill,
    /// Every till's validations today, from the server.
    AllTills,
}

impl SummaryTab {
    pub fn other(self) -> SummaryTab {
        match self {
            SummaryTab::ThisTill => SummaryTab::AllTills,
            SummaryTab::AllTills => SummaryTab::ThisTill,
        }
    }
}

/// The figures of one fetch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TillsToday {
    /// When they were read (UTC).
    pub as_of_utc: OffsetDateTime,
    /// Validations per hour of the local day, 0..=23.
    pub per_hour: [u64; 24],
    /// Count and money per till (untagged validations last).
    pub per_till: Vec<GroupTotal>,
}

impl TillsToday {
    /// Today's validations counted per local hour (`offset_at`: the offset in force then) and
    /// per till. Validations from another local day are left out.
    pub fn count(
        validations: &[Validation],
        as_of_utc: OffsetDateTime,
        offset_at: &dyn Fn(OffsetDateTime) -> UtcOffset,
    ) -> TillsToday {
        let today = as_of_utc.to_offset(offset_at(as_of_utc)).date();
        let mut per_hour = [0u64; 24];
        let mut kept = Vec::with_capacity(validations.len());
        for v in validations {
            if let Some(at) = v.validated_at {
                let local = at.to_offset(offset_at(at));
                if local.date() != today {
                    continue;
                }
                per_hour[usize::from(local.hour())] += 1;
            }
            kept.push(v);
        }
        TillsToday {
            as_of_utc,
            per_hour,
            per_till: totals(kept, GroupBy::Till),
        }
    }

    pub fn total(&self) -> u64 {
        self.per_till.iter().map(|t| t.count).sum()
    }
}

/// What the tab shows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum TillsStatus {
    /// Not asked for yet.
    #[default]
    NotLoaded,
    /// The till writes no tag, so tills cannot be told apart: nothing is fetched.
    NoTagField,
    Loaded(TillsToday),
    /// The last fetch failed; the figures before it, if any, are still shown with their time.
    Failed {
        reason: String,
        earlier: Option<TillsToday>,
    },
}

/// The tab's state: what it shows and the fetch in flight.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tills {
    pub status: TillsStatus,
    /// The fetch whose answer is awaited.
    pub loading: Option<Req>,
    /// When the last fetch was asked for (monotonic).
    pub asked_at: Option<Duration>,
}

impl Tills {
    /// Whether a fetch is due at `now`: none in flight, and none asked for in the last minute.
    pub fn due(&self, now: Duration) -> bool {
        self.loading.is_none() && self.asked_at.is_none_or(|at| now >= at + REFRESH_EVERY)
    }

    /// The figures on screen (the last good ones, after a failure).
    pub fn shown(&self) -> Option<&TillsToday> {
        match &self.status {
            TillsStatus::Loaded(t) => Some(t),
            TillsStatus::Failed { earlier, .. } => earlier.as_ref(),
            TillsStatus::NotLoaded | TillsStatus::NoTagField => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tag::ValidationTag;
    use time::macros::{datetime, offset};

    fn v(tag: &str, at: OffsetDateTime) -> Validation {
        Validation {
            campaign: "cam_demo01".into(),
            tag: ValidationTag::parse(tag),
            validated_at: Some(at),
            money_spent: Some("1.5".parse().unwrap_or_default()),
        }
    }

    #[test]
    fn counted_per_local_hour_and_per_till() {
        let list = [
            v("till-1/Ann/k3f9x2ab7q", datetime!(2026-11-30 08:10 UTC)),
            v("till-2/Bob/m8p2c4d6e7", datetime!(2026-11-30 08:50 UTC)),
            v("till-2/Bob/n2b3c4d5e6", datetime!(2026-11-30 10:05 UTC)),
            // 23:30 UTC the day before is 00:30 local: today.
            v("till-1/Ann/p9q8r7s6t5", datetime!(2026-11-29 23:30 UTC)),
            // 22:30 UTC the day before is yesterday locally.
            v("till-1/Ann/q9q8r7s6t5", datetime!(2026-11-29 22:30 UTC)),
        ];
        let t = TillsToday::count(&list, datetime!(2026-11-30 11:00 UTC), &|_| offset!(+1));
        assert_eq!(t.per_hour[9], 2);
        assert_eq!(t.per_hour[11], 1);
        assert_eq!(t.per_hour[0], 1);
        assert_eq!(t.per_hour.iter().sum::<u64>(), 4);
        let tills: Vec<(&str, u64)> = t.per_till.iter().map(|g| (g.group.as_str(), g.count)).collect();
        assert_eq!(tills, [("till-1", 2), ("till-2", 2)]);
        assert_eq!(t.total(), 4);
    }

    #[test]
    fn a_fetch_is_due_once_a_minute_and_never_twice_at_once() {
        let mut t = Tills::default();
        assert!(t.due(Duration::from_secs(5)));
        t.asked_at = Some(Duration::from_secs(5));
        t.loading = Some(Req(1));
        assert!(!t.due(Duration::from_secs(500)));
        t.loading = None;
        assert!(!t.due(Duration::from_secs(64)));
        assert!(t.due(Duration::from_secs(65)));
    }
}
