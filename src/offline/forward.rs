//! The forwarder: sends what waits in the outbox, oldest first, as `couponsession/update
//! operation=validate` through the shared redeem flow (which re-checks a lost answer), with the
//! entry's attempt id in a tag marked offline. A refusal turns the entry into a conflict; no
//! answer leaves it waiting for the next pass, after a bounded backoff.

use super::outbox::{Outbox, OutboxEntry, ServerRefusal};
use super::OfflineError;
use crate::api::{Client, SessionCode};
use crate::redeem::{self, Outcome, ValidateExtras, Verdict};
use crate::tag::{AttemptId, ValidationTag};
use std::sync::Mutex;
use std::time::Duration;
use time::OffsetDateTime;

/// How far the server's and the till's clocks may differ when a validation's date is set against
/// the till's own moments (the acceptance, the entry's first send).
const OWN_VALIDATION_SLACK: time::Duration = time::Duration::minutes(2);
/// The documented "bad credentials" code: no entry is judged while the account is refused.
const BAD_CREDENTIALS: u32 = 1000;

/// Waits between passes that could not reach the server: doubling from `min` up to `max`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Backoff {
    pub min: Duration,
    pub max: Duration,
    next: Duration,
}

impl Backoff {
    pub fn new(min: Duration, max: Duration) -> Backoff {
        Backoff {
            min,
            max: max.max(min),
            next: min,
        }
    }

    /// The wait after a failed pass; each failure doubles the next, up to `max`.
    pub fn failed(&mut self) -> Duration {
        let wait = self.next;
        self.next = (self.next * 2).min(self.max);
        wait
    }

    /// The server answered: the next failure waits `min` again.
    pub fn reset(&mut self) {
        self.next = self.min;
    }
}

impl Default for Backoff {
    fn default() -> Self {
        Backoff::new(Duration::from_secs(1), Duration::from_secs(60))
    }
}

/// What one pass over the outbox did.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct ForwardPass {
    pub forwarded: u32,
    pub conflicts: u32,
    /// Entries still waiting after the pass.
    pub waiting: u32,
    /// Why the pass stopped early (the server could not be reached), if it did.
    pub stopped: Option<String>,
}

impl ForwardPass {
    fn add(&mut self, other: &ForwardPass) {
        self.forwarded += other.forwarded;
        self.conflicts += other.conflicts;
        self.waiting = other.waiting;
        self.stopped.clone_from(&other.stopped);
    }
}

pub struct Forwarder {
    client: Client,
    /// The custom field (1..=7) the tag is written into; see [`ValidationTag`].
    tag_field: Option<u8>,
    outbox: Mutex<Outbox>,
}

/// How one entry ended in this pass.
enum Sent {
    Forwarded(Option<OffsetDateTime>),
    Conflict(ServerRefusal),
    NoAnswer(String),
}

impl Forwarder {
    pub fn new(client: Client, tag_field: Option<u8>, outbox: Outbox) -> Forwarder {
        Forwarder {
            client,
            tag_field,
            outbox: Mutex::new(outbox),
        }
    }

    fn with_outbox<T>(&self, f: impl FnOnce(&Outbox) -> Result<T, OfflineError>) -> Result<T, OfflineError> {
        // A panic elsewhere while holding the lock leaves the outbox itself intact (SQLite).
        let guard = self
            .outbox
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        f(&guard)
    }

    /// Sends every waiting entry, oldest first; stops at the first that gets no answer.
    pub async fn pass(&self) -> Result<ForwardPass, OfflineError> {
        let waiting = self.with_outbox(Outbox::waiting)?;
        let mut pass = ForwardPass::default();
        for entry in &waiting {
            match self.send(entry).await? {
                Sent::Forwarded(at) => {
                    self.with_outbox(|o| o.mark_forwarded(entry.id, OffsetDateTime::now_utc(), at))?;
                    pass.forwarded += 1;
                }
                Sent::Conflict(refusal) => {
                    self.with_outbox(|o| o.mark_conflict(entry.id, OffsetDateTime::now_utc(), &refusal))?;
                    pass.conflicts += 1;
                }
                Sent::NoAnswer(why) => {
                    self.with_outbox(|o| o.note_failure(entry.id, &why))?;
                    pass.stopped = Some(why);
                    break;
                }
            }
        }
        pass.waiting = u32::try_from(self.with_outbox(|o| o.counts())?.waiting).unwrap_or(u32::MAX);
        Ok(pass)
    }

    /// Passes until nothing waits or `deadline` passes, waiting `backoff` between failed passes.
    pub async fn until_empty(
        &self,
        backoff: &mut Backoff,
        deadline: tokio::time::Instant,
    ) -> Result<ForwardPass, OfflineError> {
        let mut total = ForwardPass::default();
        loop {
            let pass = self.pass().await?;
            total.add(&pass);
            if pass.waiting == 0 {
                return Ok(total);
            }
            if pass.stopped.is_none() {
                backoff.reset();
            }
            let wait = backoff.failed();
            if tokio::time::Instant::now() + wait > deadline {
                return Ok(total);
            }
            tokio::time::sleep(wait).await;
        }
    }

    async fn send(&self, entry: &OutboxEntry) -> Result<Sent, OfflineError> {
        let code = match SessionCode::parse(&entry.session) {
            Ok(c) => c,
            Err(e) => {
                return Ok(Sent::Conflict(ServerRefusal {
                    outcome: "invalid_input".into(),
                    message: e.to_string(),
                    error_code: None,
                    since: None,
                    customer: None,
                }))
            }
        };
        let now = OffsetDateTime::now_utc();
        // On disk before the request leaves: after a kill, the entry is known to maybe be sent.
        self.with_outbox(|o| o.mark_sending(entry.id, now))?;
        let first_sent = entry.first_sent_at.unwrap_or(now);
        let Some(attempt) = AttemptId::parse(&entry.attempt) else {
            // Only this room writes entries, always with a readable id; a damaged one is shown
            // to a manager rather than sent under an id that could not prove it ours.
            return Ok(Sent::Conflict(ServerRefusal {
                outcome: "invalid_input".into(),
                message: format!(
                    "the outbox entry's attempt id {:?} is unreadable; not sent",
                    entry.attempt
                ),
                error_code: None,
                since: None,
                customer: None,
            }));
        };
        let extras = ValidateExtras {
            money_spent: None,
            till: crate::redeem::Till {
                terminal: entry.terminal.clone(),
                cashier: entry.cashier.clone(),
                tag_field: self.tag_field,
            },
            earlier: Vec::new(),
            attempt_id: None,
        };
        let verdict = redeem::forward_offline(&self.client, &code, extras, attempt.clone()).await;
        Ok(self.judge(&verdict, entry, Some(&attempt), first_sent))
    }

    fn judge(
        &self,
        v: &Verdict,
        entry: &OutboxEntry,
        attempt: Option<&AttemptId>,
        first_sent: OffsetDateTime,
    ) -> Sent {
        let conflict = |outcome: Outcome, message: String| {
            Sent::Conflict(ServerRefusal {
                outcome: outcome.as_str().to_string(),
                message,
                error_code: v.error_code,
                since: v.validation_date_utc,
                customer: v.session.as_ref().and_then(|s| s.customer.full_name()),
            })
        };
        match v.outcome {
            Outcome::Validated => Sent::Forwarded(v.validation_date_utc),
            Outcome::AlreadyValidated | Outcome::ValidatedOwnerUnknown => {
                match self.owner(v, entry, attempt, first_sent) {
                    Owner::Ours => Sent::Forwarded(v.validation_date_utc),
                    Owner::NotOurs => conflict(Outcome::AlreadyValidated, v.message.clone()),
                    Owner::Unknown => conflict(
                        Outcome::ValidatedOwnerUnknown,
                        "Perhaps by this till's own send, perhaps by another till: no tag field \
                         shows which. Check it."
                            .into(),
                    ),
                }
            }
            Outcome::Unknown => Sent::NoAnswer(v.message.clone()),
            Outcome::Refused if v.error_code == Some(BAD_CREDENTIALS) => Sent::NoAnswer(v.message.clone()),
            other => conflict(other, v.message.clone()),
        }
    }

    /// Whose is a validation the server already shows: this very entry's earlier send (its
    /// answer was lost, or the till was killed before recording it)?
    /// - With a tag field, the tag proves it: this entry's attempt id; or this till's own online
    ///   attempt whose answer was lost just before the offline acceptance (same terminal,
    ///   validated around the moment of acceptance).
    /// - Without one, nothing can prove it; time can only disprove it. A validation this till
    ///   may have made is unknown — a conflict a manager checks, never "forwarded" — and any
    ///   other is another's.
    fn owner(
        &self,
        v: &Verdict,
        entry: &OutboxEntry,
        attempt: Option<&AttemptId>,
        first_sent: OffsetDateTime,
    ) -> Owner {
        let session = v.session.as_ref();
        match self.tag_field {
            Some(f) => {
                let tag = session
                    .and_then(|s| s.customfields.get(usize::from(f).saturating_sub(1)))
                    .and_then(|v| v.as_deref())
                    .and_then(ValidationTag::parse);
                let ours = tag.is_some_and(|t| {
                    let same_attempt = t.attempt.is_some() && t.attempt.as_ref() == attempt;
                    let own_online = !t.offline
                        && t.terminal == entry.terminal
                        && session.and_then(|s| s.validation_date_utc).is_some_and(|at| {
                            at >= entry.accepted_at - OWN_VALIDATION_SLACK && at <= entry.accepted_at
                        });
                    same_attempt || own_online
                });
                if ours {
                    Owner::Ours
                } else {
                    Owner::NotOurs
                }
            }
            None => {
                let at = session.and_then(|s| s.validation_date_utc);
                // This entry's own update may have made it: its answer was lost in this send,
                // or an earlier send of it may have reached the server.
                let this_entry_may_have = v.outcome == Outcome::ValidatedOwnerUnknown
                    || (entry.first_sent_at.is_some()
                        && at.is_none_or(|at| at >= first_sent - OWN_VALIDATION_SLACK));
                // Or this till's own online attempt just before the acceptance, whose answer was
                // lost (the kiosk then answers the scan from the mirror).
                let own_online_may_have =
                    at.is_some_and(|at| (at - entry.accepted_at).abs() <= OWN_VALIDATION_SLACK);
                if this_entry_may_have || own_online_may_have {
                    Owner::Unknown
                } else {
                    Owner::NotOurs
                }
            }
        }
    }
}

/// Whose a validation found on the server is, as far as this till can tell.
enum Owner {
    Ours,
    NotOurs,
    Unknown,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_up_to_its_bound_and_resets() {
        let mut b = Backoff::new(Duration::from_millis(100), Duration::from_millis(350));
        let waits: Vec<u128> = (0..4).map(|_| b.failed().as_millis()).collect();
        assert_eq!(waits, [100, 200, 350, 350]);
        b.reset();
        assert_eq!(b.failed(), Duration::from_millis(100));
    }
}
