//! The offline verdict: what a till may say about a scan from its mirror and its own outbox
//! alone. Pure: no I/O, no clock (the caller passes `now`).
//!
//! A session is accepted offline only when the mirror holds it as claimed, not validated, not
//! voided, not locked, surely not expired, of a campaign this till accepts, and this till has
//! not already accepted it offline since the mirror last saw it.

use super::mirror::MirrorRecord;
use super::outbox::{EntryState, OutboxEntry};
use super::settings::{OfflinePolicy, OfflineSettings};
use crate::i18n::{Language, Said};
use time::{Duration, OffsetDateTime};

/// Expiry dates may be in the campaign's time zone, which the till cannot know (API-NOTES):
/// read as UTC they may lie up to 14 hours late (UTC+14). Offline, with no server to decide,
/// a coupon that may already have expired is refused.
pub const EXPIRY_MARGIN: Duration = Duration::hours(14);

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OfflineVerdict {
    /// Accepted from the mirror; it waits in the outbox until the server answers again.
    AcceptedOffline { record: MirrorRecord },
    /// The mirror says this session cannot be accepted.
    Refused {
        record: MirrorRecord,
        reason: MirrorRefusal,
    },
    /// This till already accepted this session offline.
    AlreadyUsedOffline {
        record: MirrorRecord,
        accepted_at: OffsetDateTime,
    },
    /// A coupon of a campaign this till does not accept.
    WrongCoupon { record: MirrorRecord },
    /// Nothing the till may say: the customer waits for the server (or another till).
    CannotCheck { why: CannotCheck },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MirrorRefusal {
    Validated { at: Option<OffsetDateTime> },
    Voided,
    Locked,
    MayHaveExpired { expires: OffsetDateTime },
    NotClaimed,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CannotCheck {
    /// `policy = "refuse"`: this till never accepts offline.
    Policy,
    /// The mirror does not hold this code.
    NotInMirror,
    /// The code names several sessions the mirror holds; a cashier must pick one.
    SeveralMatch(usize),
}

/// One session out of what the mirror found for a scan: none, the only one, or the only one
/// still claimed and open among several.
pub fn pick(found: &[MirrorRecord], now: OffsetDateTime) -> Result<&MirrorRecord, CannotCheck> {
    match found {
        [] => Err(CannotCheck::NotInMirror),
        [one] => Ok(one),
        many => {
            let open: Vec<&MirrorRecord> = many.iter().filter(|r| refusal_of(r, now).is_none()).collect();
            match open.as_slice() {
                [one] => Ok(one),
                _ => Err(CannotCheck::SeveralMatch(many.len())),
            }
        }
    }
}

/// The verdict for one session the mirror holds (or `Err` from [`pick`]), given this till's
/// latest outbox entry for the same session.
pub fn decide(
    settings: &OfflineSettings,
    record: Result<&MirrorRecord, CannotCheck>,
    prior: Option<&OutboxEntry>,
    now: OffsetDateTime,
) -> OfflineVerdict {
    let record = match record {
        Ok(r) => r,
        Err(why) => {
            let why = match settings.policy {
                OfflinePolicy::Refuse => CannotCheck::Policy,
                OfflinePolicy::AcceptSynced => why,
            };
            return OfflineVerdict::CannotCheck { why };
        }
    };
    if !settings.accepts_campaign(&record.session.campaign) {
        return OfflineVerdict::WrongCoupon {
            record: record.clone(),
        };
    }
    // Accepted here after the mirror's copy was made (or not yet forwarded): the mirror cannot
    // know, the outbox does.
    if let Some(p) = prior.filter(|p| p.state == EntryState::Waiting || p.accepted_at >= record.synced_at) {
        return OfflineVerdict::AlreadyUsedOffline {
            record: record.clone(),
            accepted_at: p.accepted_at,
        };
    }
    if settings.policy == OfflinePolicy::Refuse {
        return OfflineVerdict::CannotCheck {
            why: CannotCheck::Policy,
        };
    }
    match refusal_of(record, now) {
        Some(reason) => OfflineVerdict::Refused {
            record: record.clone(),
            reason,
        },
        None => OfflineVerdict::AcceptedOffline {
            record: record.clone(),
        },
    }
}

fn refusal_of(r: &MirrorRecord, now: OffsetDateTime) -> Option<MirrorRefusal> {
    let s = &r.session;
    if s.voided {
        Some(MirrorRefusal::Voided)
    } else if s.validated {
        Some(MirrorRefusal::Validated {
            at: s.validation_date_utc,
        })
    } else if s.locked {
        Some(MirrorRefusal::Locked)
    } else if let Some(expires) = s.expiration_date_utc.filter(|e| *e - EXPIRY_MARGIN <= now) {
        Some(MirrorRefusal::MayHaveExpired { expires })
    } else if !s.claimed {
        Some(MirrorRefusal::NotClaimed)
    } else {
        None
    }
}

impl OfflineVerdict {
    /// The word for JSON, the journal and tests.
    pub fn outcome_word(&self) -> &'static str {
        match self {
            OfflineVerdict::AcceptedOffline { .. } => "accepted_offline",
            OfflineVerdict::Refused { reason, .. } => match reason {
                MirrorRefusal::Validated { .. } => "already_validated",
                MirrorRefusal::Voided => "voided",
                MirrorRefusal::Locked => "locked",
                MirrorRefusal::MayHaveExpired { .. } => "expired",
                MirrorRefusal::NotClaimed => "not_claimed",
            },
            OfflineVerdict::AlreadyUsedOffline { .. } => "already_used_offline",
            OfflineVerdict::WrongCoupon { .. } => "wrong_coupon",
            OfflineVerdict::CannotCheck { .. } => "offline_cannot_check",
        }
    }

    /// The verdict's big words.
    pub fn headline(&self) -> &'static str {
        match self {
            OfflineVerdict::AcceptedOffline { .. } => "ACCEPTED OFFLINE",
            OfflineVerdict::Refused { reason, .. } => match reason {
                MirrorRefusal::Validated { .. } => "ALREADY VALIDATED",
                MirrorRefusal::Voided => "VOIDED",
                MirrorRefusal::Locked => "LOCKED",
                MirrorRefusal::MayHaveExpired { .. } => "EXPIRED",
                MirrorRefusal::NotClaimed => "NOT CLAIMED",
            },
            OfflineVerdict::AlreadyUsedOffline { .. } => "ALREADY USED (offline)",
            OfflineVerdict::WrongCoupon { .. } => "WRONG COUPON — not valid here",
            OfflineVerdict::CannotCheck { .. } => "OFFLINE — CANNOT CHECK",
        }
    }

    /// The line under the headline, in English with dates in UTC: the journal keeps it, the
    /// command line prints it. The screen says [`Self::said`] in the cashier's language.
    pub fn message(&self, now: OffsetDateTime) -> String {
        self.said(now).in_language(Language::En)
    }

    /// The line under the headline as a message (`assets/locales/*/l10n2.ftl`): why, and how
    /// old the mirror's knowledge is. The facts are the offline room's; the words are the
    /// message files', the one source for every language and for the journal.
    pub fn said(&self, now: OffsetDateTime) -> Said {
        let age = |r: &MirrorRecord| u64::try_from(r.age(now).whole_seconds()).unwrap_or(0);
        match self {
            OfflineVerdict::AcceptedOffline { record } => {
                Said::new("offline-accepted").age("age", age(record))
            }
            OfflineVerdict::Refused { record, reason } => {
                let said = match reason {
                    MirrorRefusal::Validated { at: Some(at) } => {
                        Said::new("offline-refused-validated-on").when("at", *at)
                    }
                    MirrorRefusal::Validated { at: None } => Said::new("offline-refused-validated"),
                    MirrorRefusal::Voided => Said::new("offline-refused-voided"),
                    MirrorRefusal::Locked => Said::new("offline-refused-locked"),
                    MirrorRefusal::MayHaveExpired { expires } => {
                        Said::new("offline-refused-may-have-expired").when("at", *expires)
                    }
                    MirrorRefusal::NotClaimed => Said::new("offline-refused-not-claimed"),
                };
                said.age("age", age(record))
            }
            OfflineVerdict::AlreadyUsedOffline { accepted_at, .. } => {
                Said::new("offline-already-used").when("at", *accepted_at)
            }
            OfflineVerdict::WrongCoupon { record } => Said::new("offline-wrong-coupon").text(
                "offer",
                record.offer.as_deref().unwrap_or(&record.session.campaign),
            ),
            OfflineVerdict::CannotCheck { why } => match why {
                CannotCheck::Policy => Said::new("offline-cannot-check-policy"),
                CannotCheck::NotInMirror => Said::new("offline-cannot-check-not-in-copy"),
                CannotCheck::SeveralMatch(n) => Said::new("offline-cannot-check-several")
                    .number("count", u64::try_from(*n).unwrap_or(u64::MAX)),
            },
        }
    }

    pub fn record(&self) -> Option<&MirrorRecord> {
        match self {
            OfflineVerdict::AcceptedOffline { record }
            | OfflineVerdict::Refused { record, .. }
            | OfflineVerdict::AlreadyUsedOffline { record, .. }
            | OfflineVerdict::WrongCoupon { record } => Some(record),
            OfflineVerdict::CannotCheck { .. } => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::{CampaignId, Session};
    use time::macros::datetime;

    const NOW: OffsetDateTime = datetime!(2026-11-30 12:00 UTC);

    fn record(campaign: &str) -> MirrorRecord {
        MirrorRecord {
            session: Session {
                session: "ac6s7u3g8a25ja7x9qg87".into(),
                campaign: campaign.into(),
                sequenceid: Some(1),
                opened: true,
                claimed: true,
                expiration_date_utc: Some(datetime!(2099-12-31 23:59:59 UTC)),
                ..Session::default()
            },
            offer: Some("10% off".into()),
            synced_at: NOW - Duration::minutes(12),
        }
    }

    fn accepting(campaigns: &[&str]) -> OfflineSettings {
        OfflineSettings {
            policy: OfflinePolicy::AcceptSynced,
            campaigns: campaigns.iter().map(|c| CampaignId::parse(c).unwrap()).collect(),
            ..Default::default()
        }
    }

    fn prior(state: EntryState, accepted_at: OffsetDateTime) -> OutboxEntry {
        OutboxEntry::example(state, accepted_at)
    }

    #[test]
    fn a_claimed_open_session_is_accepted_offline_and_says_how_old_the_copy_is() {
        let r = record("cam_demo01");
        let v = decide(&accepting(&[]), Ok(&r), None, NOW);
        assert_eq!(v, OfflineVerdict::AcceptedOffline { record: r.clone() });
        assert_eq!(v.headline(), "ACCEPTED OFFLINE");
        assert!(v.message(NOW).contains("synced 12 min ago"), "{}", v.message(NOW));
    }

    #[test]
    fn what_the_mirror_holds_as_used_is_refused_with_its_reason() {
        type Change = fn(&mut Session);
        let cases: [(Change, &str); 5] = [
            (|s| s.voided = true, "voided"),
            (
                |s| {
                    s.validated = true;
                    s.validation_date_utc = Some(datetime!(2026-11-20 14:03 UTC));
                },
                "already_validated",
            ),
            (|s| s.locked = true, "locked"),
            (|s| s.claimed = false, "not_claimed"),
            // Expires in ten hours: in a UTC+14 campaign it has already expired.
            (
                |s| s.expiration_date_utc = Some(NOW + Duration::hours(10)),
                "expired",
            ),
        ];
        for (change, word) in cases {
            let mut r = record("cam_demo01");
            change(&mut r.session);
            let v = decide(&accepting(&[]), Ok(&r), None, NOW);
            assert_eq!(v.outcome_word(), word);
            assert!(v.message(NOW).contains("synced 12 min ago"), "{}", v.message(NOW));
        }
        let mut r = record("cam_demo01");
        r.session.validated = true;
        r.session.validation_date_utc = Some(datetime!(2026-11-20 14:03 UTC));
        let v = decide(&accepting(&[]), Ok(&r), None, NOW);
        assert!(
            v.message(NOW).contains("Validated on 20 Nov 2026 14:03 UTC"),
            "{}",
            v.message(NOW)
        );
    }

    #[test]
    fn accepted_once_is_already_used_the_second_time() {
        let r = record("cam_demo01");
        let waiting = prior(EntryState::Waiting, NOW - Duration::hours(2));
        let v = decide(&accepting(&[]), Ok(&r), Some(&waiting), NOW);
        assert_eq!(v.outcome_word(), "already_used_offline");
        assert_eq!(v.headline(), "ALREADY USED (offline)");
        // Forwarded after the copy was made: still used here.
        let forwarded = prior(EntryState::Forwarded, NOW - Duration::minutes(5));
        let v = decide(&accepting(&[]), Ok(&r), Some(&forwarded), NOW);
        assert_eq!(v.outcome_word(), "already_used_offline");
        // Forwarded before the mirror's copy: the mirror knows better (e.g. undone since).
        let old = prior(EntryState::Forwarded, NOW - Duration::hours(2));
        let v = decide(&accepting(&[]), Ok(&r), Some(&old), NOW);
        assert_eq!(v.outcome_word(), "accepted_offline");
    }

    #[test]
    fn a_campaign_outside_the_list_is_the_wrong_coupon_whatever_the_policy() {
        let r = record("cam_demo02");
        let v = decide(&accepting(&["cam_demo01"]), Ok(&r), None, NOW);
        assert_eq!(v.headline(), "WRONG COUPON — not valid here");
        let mut refuse = accepting(&["cam_demo01"]);
        refuse.policy = OfflinePolicy::Refuse;
        assert_eq!(decide(&refuse, Ok(&r), None, NOW).outcome_word(), "wrong_coupon");
    }

    #[test]
    fn policy_refuse_and_unknown_codes_cannot_be_checked() {
        let r = record("cam_demo01");
        let refuse = OfflineSettings::default();
        let v = decide(&refuse, Ok(&r), None, NOW);
        assert_eq!(
            v,
            OfflineVerdict::CannotCheck {
                why: CannotCheck::Policy
            }
        );
        assert_eq!(v.headline(), "OFFLINE — CANNOT CHECK");
        let v = decide(&accepting(&[]), Err(CannotCheck::NotInMirror), None, NOW);
        assert_eq!(
            v,
            OfflineVerdict::CannotCheck {
                why: CannotCheck::NotInMirror
            }
        );
    }

    #[test]
    fn several_matches_narrow_to_the_one_still_open() {
        let open = record("cam_demo01");
        let mut used = record("cam_demo01");
        used.session.session = "ac6s7uzzzzzzzzzzzzzzz".into();
        used.session.validated = true;
        let found = [used.clone(), open.clone()];
        assert_eq!(pick(&found, NOW), Ok(&open));
        let found = [open.clone(), open.clone()];
        assert_eq!(pick(&found, NOW), Err(CannotCheck::SeveralMatch(2)));
        assert_eq!(pick(&[], NOW), Err(CannotCheck::NotInMirror));
    }
}
