//! The session state machine: which operation is allowed from which state, with which
//! documented error, and what an allowed operation changes. Pure functions, no I/O.
//!
//! The seed lists the errors per endpoint but not the order in which conditions are checked;
//! we check in the display precedence the client uses (voided, validated, locked, expired,
//! claimed), so a session refuses with the reason a cashier would see on its card.
//!
//! Decisions the seed leaves open (documented here and in README):
//! - `validate` on an unclaimed session succeeds and claims it too (`claimtype` "validation"):
//!   the seed lists no "not claimed" error for `couponsession/update`, and a freshly issued
//!   single-use code must be redeemable at the counter.
//! - `unvalidate` only needs the session to be validated (353 otherwise); it is the cashier's undo.
//! - `activate` unvoids and starts the session. On a coupon with a flexible expiry the first
//!   activation sets the expiry to now + the window; activating an already running session
//!   changes nothing. It refuses a validated session (358) and an expired one (351) unless it
//!   is the first start of a flexible window.
//! - `claim`/`validate` before the session's start date answer 360 "Startdate not reached"
//!   (the batch endpoint's text; the single-session list has no entry for it).

use time::{Duration, OffsetDateTime};

/// `couponsession/update` and `batch/update` operations.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Operation {
    Void,
    Unvoid,
    Lock,
    Unlock,
    Claim,
    Validate,
    Unvalidate,
    Activate,
}

impl Operation {
    pub const ALL: [Operation; 8] = [
        Operation::Void,
        Operation::Unvoid,
        Operation::Lock,
        Operation::Unlock,
        Operation::Claim,
        Operation::Validate,
        Operation::Unvalidate,
        Operation::Activate,
    ];

    /// The operations `batch/update` accepts (no validate/unvalidate).
    pub const BATCH: [Operation; 6] = [
        Operation::Void,
        Operation::Unvoid,
        Operation::Lock,
        Operation::Unlock,
        Operation::Claim,
        Operation::Activate,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Operation::Void => "void",
            Operation::Unvoid => "unvoid",
            Operation::Lock => "lock",
            Operation::Unlock => "unlock",
            Operation::Claim => "claim",
            Operation::Validate => "validate",
            Operation::Unvalidate => "unvalidate",
            Operation::Activate => "activate",
        }
    }

    pub fn parse(s: &str) -> Option<Operation> {
        Operation::ALL.into_iter().find(|op| op.as_str() == s)
    }
}

/// A documented refusal: the seed's code and exact message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Refusal {
    pub code: u16,
    pub message: &'static str,
}

const fn refuse(code: u16, message: &'static str) -> Refusal {
    Refusal { code, message }
}

/// Everything about a session's lifecycle that the rules read or change.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Lifecycle {
    pub opened: bool,
    pub open_date: Option<OffsetDateTime>,
    pub claimed: bool,
    pub claim_date: Option<OffsetDateTime>,
    pub claimtype: String,
    pub validated: bool,
    pub validation_date: Option<OffsetDateTime>,
    pub voided: bool,
    pub voided_date: Option<OffsetDateTime>,
    pub unvoided_date: Option<OffsetDateTime>,
    pub locked: bool,
    pub unlocked_date: Option<OffsetDateTime>,
    pub expiration: Option<OffsetDateTime>,
    /// Before this moment the session cannot be claimed or validated.
    pub start_date: Option<OffsetDateTime>,
    /// When a flexible expiry window started (`None`: not started yet).
    pub activated_date: Option<OffsetDateTime>,
}

impl Lifecycle {
    pub fn is_expired(&self, now: OffsetDateTime) -> bool {
        self.expiration.is_some_and(|exp| exp < now)
    }

    pub fn has_started(&self, now: OffsetDateTime) -> bool {
        self.start_date.is_none_or(|start| start <= now)
    }
}

/// The coupon's expiry policy that `activate` needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expiry {
    /// Sessions keep the expiration date they were given.
    Fixed,
    /// Sessions expire this long after they are activated.
    Flexible(Duration),
}

/// True when `activate` would (re)start a flexible window, so expiry does not refuse it.
fn starts_window(life: &Lifecycle, expiry: Expiry) -> bool {
    matches!(expiry, Expiry::Flexible(_)) && life.activated_date.is_none()
}

/// May `op` be applied to one session through `couponsession/update`?
pub fn check_single(
    op: Operation,
    life: &Lifecycle,
    expiry: Expiry,
    now: OffsetDateTime,
) -> Result<(), Refusal> {
    let expired = life.is_expired(now);
    let started = life.has_started(now);
    match op {
        Operation::Void if life.voided => Err(refuse(355, "Session was already voided")),
        Operation::Void => Ok(()),
        Operation::Unvoid if !life.voided => Err(refuse(357, "Session wasn't voided")),
        Operation::Unvoid => Ok(()),
        Operation::Lock => {
            if life.voided {
                Err(refuse(355, "Session could not be locked because it is voided"))
            } else if life.validated {
                Err(refuse(
                    358,
                    "Session could not be locked because it is already validated",
                ))
            } else if life.locked {
                Err(refuse(354, "Session already was locked before"))
            } else if expired {
                Err(refuse(351, "Session or coupon has expired"))
            } else if !life.claimed {
                Err(refuse(
                    352,
                    "Session could not be locked because it is not claimed",
                ))
            } else {
                Ok(())
            }
        }
        Operation::Unlock => {
            if life.voided {
                Err(refuse(355, "Session could not be unlocked because it is voided"))
            } else if !life.locked {
                Err(refuse(356, "Session was already unlocked"))
            } else {
                Ok(())
            }
        }
        Operation::Claim => {
            if life.voided {
                Err(refuse(355, "This coupon is voided"))
            } else if life.claimed {
                Err(refuse(352, "Session already was claimed before"))
            } else if expired {
                Err(refuse(351, "Session or coupon has expired"))
            } else if !started {
                Err(refuse(360, "Startdate not reached"))
            } else {
                Ok(())
            }
        }
        Operation::Validate => {
            if life.voided {
                Err(refuse(355, "This coupon is voided"))
            } else if life.validated {
                Err(refuse(358, "This session was already validated"))
            } else if life.locked {
                Err(refuse(354, "This coupon is locked"))
            } else if expired {
                Err(refuse(351, "Session or coupon has expired"))
            } else if !started {
                Err(refuse(360, "Startdate not reached"))
            } else {
                Ok(())
            }
        }
        Operation::Unvalidate if !life.validated => Err(refuse(353, "Session was already unvalidated")),
        Operation::Unvalidate => Ok(()),
        Operation::Activate => {
            if life.validated {
                Err(refuse(358, "This session was already validated"))
            } else if expired && !starts_window(life, expiry) {
                Err(refuse(351, "Session or coupon has expired"))
            } else {
                Ok(())
            }
        }
    }
}

/// May `op` be applied to every session of a `batch/update` range? The batch endpoint has its
/// own wording ("Some session(s) ..."); `None` for operations it does not take.
pub fn check_batch(
    op: Operation,
    life: &Lifecycle,
    expiry: Expiry,
    now: OffsetDateTime,
) -> Result<(), Refusal> {
    const ALREADY_VOIDED: Refusal = refuse(355, "Some session(s) were already voided");
    const VALIDATED: Refusal = refuse(358, "Some session(s) were already validated");
    const EXPIRED: Refusal = refuse(351, "Some session(s) are expired");
    let expired = life.is_expired(now);
    match op {
        Operation::Void if life.voided => Err(ALREADY_VOIDED),
        Operation::Unvoid if !life.voided => Err(refuse(357, "Some session(s) weren't voided")),
        Operation::Lock => {
            if life.voided {
                Err(ALREADY_VOIDED)
            } else if life.validated {
                Err(VALIDATED)
            } else if life.locked {
                Err(refuse(354, "Some session(s) were already locked"))
            } else if expired {
                Err(EXPIRED)
            } else if !life.claimed {
                Err(refuse(359, "Some session(s) weren't claimed"))
            } else {
                Ok(())
            }
        }
        Operation::Unlock => {
            if life.voided {
                Err(ALREADY_VOIDED)
            } else if !life.locked {
                Err(refuse(356, "Some session(s) weren't locked"))
            } else {
                Ok(())
            }
        }
        Operation::Claim => {
            if life.voided {
                Err(refuse(
                    355,
                    "Some session(s) could not be claimed because they're voided",
                ))
            } else if life.claimed {
                Err(refuse(352, "Some session(s) were already claimed"))
            } else if expired {
                Err(EXPIRED)
            } else if !life.has_started(now) {
                Err(refuse(360, "Startdate not reached"))
            } else {
                Ok(())
            }
        }
        Operation::Activate => {
            if life.validated {
                Err(VALIDATED)
            } else if expired && !starts_window(life, expiry) {
                Err(EXPIRED)
            } else {
                Ok(())
            }
        }
        Operation::Validate | Operation::Unvalidate => Err(invalid_batch_operation()),
        Operation::Void | Operation::Unvoid => Ok(()),
    }
}

/// 302 for an operation `batch/update` does not take.
pub fn invalid_batch_operation() -> Refusal {
    refuse(
        302,
        "status invalid, valid statuses are: void, unvoid, lock, unlock, claim, activate",
    )
}

/// Applies an allowed operation. Call only after `check_single`/`check_batch` said yes.
pub fn apply(op: Operation, life: &mut Lifecycle, expiry: Expiry, now: OffsetDateTime) {
    match op {
        Operation::Void => {
            life.voided = true;
            life.voided_date = Some(now);
        }
        Operation::Unvoid => {
            life.voided = false;
            life.unvoided_date = Some(now);
        }
        Operation::Lock => life.locked = true,
        Operation::Unlock => {
            life.locked = false;
            life.unlocked_date = Some(now);
        }
        Operation::Claim => claim(life, "api", now),
        Operation::Validate => {
            if !life.claimed {
                claim(life, "validation", now);
            }
            life.validated = true;
            life.validation_date = Some(now);
        }
        Operation::Unvalidate => {
            life.validated = false;
            life.validation_date = None;
        }
        Operation::Activate => {
            if life.voided {
                life.voided = false;
                life.unvoided_date = Some(now);
            }
            if life.activated_date.is_none() {
                life.activated_date = Some(now);
                if let Expiry::Flexible(window) = expiry {
                    life.expiration = Some(now + window);
                }
            }
        }
    }
}

fn claim(life: &mut Lifecycle, claimtype: &str, now: OffsetDateTime) {
    life.claimed = true;
    life.claim_date = Some(now);
    life.claimtype = claimtype.to_string();
    if !life.opened {
        life.opened = true;
        life.open_date = Some(now);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    const NOW: OffsetDateTime = datetime!(2026-11-26 12:00:00 UTC);

    fn claimed() -> Lifecycle {
        Lifecycle {
            opened: true,
            claimed: true,
            activated_date: Some(datetime!(2026-01-01 0:00 UTC)),
            expiration: Some(datetime!(2099-12-31 23:59:59 UTC)),
            ..Lifecycle::default()
        }
    }

    fn code(r: Result<(), Refusal>) -> Option<(u16, &'static str)> {
        r.err().map(|r| (r.code, r.message))
    }

    #[test]
    fn validate_refusals_follow_display_precedence() {
        let v = |l: &Lifecycle| code(check_single(Operation::Validate, l, Expiry::Fixed, NOW));
        assert_eq!(v(&claimed()), None);
        let voided_and_validated = Lifecycle {
            voided: true,
            validated: true,
            ..claimed()
        };
        assert_eq!(v(&voided_and_validated), Some((355, "This coupon is voided")));
        let validated = Lifecycle {
            validated: true,
            locked: true,
            ..claimed()
        };
        assert_eq!(v(&validated), Some((358, "This session was already validated")));
        let locked = Lifecycle {
            locked: true,
            ..claimed()
        };
        assert_eq!(v(&locked), Some((354, "This coupon is locked")));
        let expired = Lifecycle {
            expiration: Some(datetime!(2025-01-31 23:59:59 UTC)),
            ..claimed()
        };
        assert_eq!(v(&expired), Some((351, "Session or coupon has expired")));
        let scheduled = Lifecycle {
            start_date: Some(datetime!(2099-01-01 0:00 UTC)),
            ..claimed()
        };
        assert_eq!(v(&scheduled), Some((360, "Startdate not reached")));
    }

    #[test]
    fn validating_an_unclaimed_session_claims_it() {
        let mut life = Lifecycle {
            opened: true,
            ..Lifecycle::default()
        };
        assert_eq!(
            check_single(Operation::Validate, &life, Expiry::Fixed, NOW),
            Ok(())
        );
        apply(Operation::Validate, &mut life, Expiry::Fixed, NOW);
        assert!(life.claimed && life.validated);
        assert_eq!(life.claimtype, "validation");
        assert_eq!(life.validation_date, Some(NOW));
    }

    #[test]
    fn lock_needs_a_live_claimed_session() {
        let l = |life: &Lifecycle| code(check_single(Operation::Lock, life, Expiry::Fixed, NOW));
        assert_eq!(l(&claimed()), None);
        assert_eq!(
            l(&Lifecycle {
                claimed: false,
                ..claimed()
            }),
            Some((352, "Session could not be locked because it is not claimed"))
        );
        assert_eq!(
            l(&Lifecycle {
                voided: true,
                ..claimed()
            }),
            Some((355, "Session could not be locked because it is voided"))
        );
        assert_eq!(
            l(&Lifecycle {
                validated: true,
                ..claimed()
            }),
            Some((358, "Session could not be locked because it is already validated"))
        );
        assert_eq!(
            l(&Lifecycle {
                locked: true,
                ..claimed()
            }),
            Some((354, "Session already was locked before"))
        );
    }

    #[test]
    fn undo_operations_need_the_state_they_undo() {
        let s = |op, life: &Lifecycle| code(check_single(op, life, Expiry::Fixed, NOW));
        assert_eq!(
            s(Operation::Unvoid, &claimed()),
            Some((357, "Session wasn't voided"))
        );
        assert_eq!(
            s(Operation::Unlock, &claimed()),
            Some((356, "Session was already unlocked"))
        );
        assert_eq!(
            s(Operation::Unvalidate, &claimed()),
            Some((353, "Session was already unvalidated"))
        );
        assert_eq!(
            s(
                Operation::Unlock,
                &Lifecycle {
                    voided: true,
                    locked: true,
                    ..claimed()
                }
            ),
            Some((355, "Session could not be unlocked because it is voided"))
        );
        assert_eq!(
            s(
                Operation::Void,
                &Lifecycle {
                    voided: true,
                    ..claimed()
                }
            ),
            Some((355, "Session was already voided"))
        );
        assert_eq!(
            s(Operation::Claim, &claimed()),
            Some((352, "Session already was claimed before"))
        );
    }

    #[test]
    fn activate_starts_a_flexible_window_once() {
        let window = Expiry::Flexible(Duration::days(30));
        let mut life = Lifecycle {
            voided: true,
            claimed: true,
            ..Lifecycle::default()
        };
        assert_eq!(check_single(Operation::Activate, &life, window, NOW), Ok(()));
        apply(Operation::Activate, &mut life, window, NOW);
        assert!(!life.voided);
        assert_eq!(life.expiration, Some(NOW + Duration::days(30)));
        // A second activation a day later keeps the window it started.
        apply(Operation::Activate, &mut life, window, NOW + Duration::days(1));
        assert_eq!(life.expiration, Some(NOW + Duration::days(30)));
        let later = NOW + Duration::days(31);
        assert_eq!(
            code(check_single(Operation::Activate, &life, window, later)),
            Some((351, "Session or coupon has expired"))
        );
    }

    #[test]
    fn batch_wording_differs_from_single_wording() {
        let b = |op, life: &Lifecycle| code(check_batch(op, life, Expiry::Fixed, NOW));
        assert_eq!(
            b(
                Operation::Lock,
                &Lifecycle {
                    claimed: false,
                    ..claimed()
                }
            ),
            Some((359, "Some session(s) weren't claimed"))
        );
        assert_eq!(
            b(
                Operation::Claim,
                &Lifecycle {
                    voided: true,
                    claimed: false,
                    ..claimed()
                }
            ),
            Some((355, "Some session(s) could not be claimed because they're voided"))
        );
        assert_eq!(b(Operation::Validate, &claimed()).map(|r| r.0), Some(302));
    }
}
