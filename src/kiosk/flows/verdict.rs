//! A validation's answer: the verdict it shows (after its journal entry), what undo may take
//! back, what F5 retries, and the word about this till's own earlier lost attempt.

use crate::kiosk::msg::{Attempt, Effect, Net, Req};
use crate::kiosk::record::Recorded;
use crate::kiosk::state::{AfterJournal, Screen, State};
use crate::kiosk::verdict::{Retry, VerdictKind, VerdictView};
use crate::redeem::Verdict;
use crate::scan;

/// How many times the kiosk sends a validation again by itself after the server showed the
/// coupon not validated following a lost answer (each try is one round trip or two, so the
/// whole stays within seconds), before the cashier is asked.
pub const MAX_AUTO_RETRIES: u8 = 3;

impl State {
    pub(super) fn on_verdict(
        &mut self,
        req: Req,
        attempt: Attempt,
        verdict: Verdict,
        net: Net,
    ) -> Vec<Effect> {
        let (retry, auto_retries) = match &self.screen {
            Screen::Working(w) if w.req == req => (w.retry.clone(), w.auto_retries),
            _ => (None, 0),
        };
        let mut view = VerdictView::from_redeem(&verdict, &attempt.scanned);
        if view.kind.retryable() {
            view.retry = retry.clone();
        }
        self.explain_own_lost_validation(&mut view, &attempt);
        let undo = if view.kind == VerdictKind::Validated {
            let code = view.session_code().or_else(|| match &retry {
                Some(Retry::Validate { code, .. }) => Some(code.clone()),
                _ => None,
            });
            code.map(|c| (attempt.scanned.clone(), c, view.session.clone()))
        } else {
            None
        };
        let entry = self.entry(
            &attempt,
            Recorded {
                outcome: view.kind.journal_outcome(),
                session: view.session.as_ref(),
                error_code: view.error_code,
                message: view.record_message(),
                round_trips: verdict.round_trips,
                rtt: Some(net.rtt),
            },
        );
        // Even an answer to a request the screen no longer waits for is journaled.
        if !matches!(&self.screen, Screen::Working(w) if w.req == req) {
            return self.journal_only_for(req, entry);
        }
        // The answer was lost and the server then showed the coupon NOT validated: the kiosk
        // sends the validation again itself (a few times) before asking the cashier. Safe: if
        // the lost one went through after all, the server answers "already validated" with its
        // time, and this till's own earlier attempt is named.
        let validation = matches!(retry, Some(Retry::Validate { .. } | Retry::Redeem { .. }));
        if view.server_says_not_validated() && validation && auto_retries < MAX_AUTO_RETRIES {
            if let Some(again) = retry {
                let mut effects = self.journal_only_for(req, entry);
                effects.extend(self.resend(again));
                if let Screen::Working(w) = &mut self.screen {
                    w.auto_retries = auto_retries + 1;
                }
                return effects;
            }
        }
        self.journal_then(req, entry, AfterJournal::Verdict { view, undo })
    }

    /// ALREADY VALIDATED right after this till's own validation lost its answer: most likely
    /// that attempt went through. The verdict stays what the server says (never VALIDATED
    /// without its word); the reason line tells the cashier to check before refusing.
    fn explain_own_lost_validation(&mut self, view: &mut VerdictView, attempt: &Attempt) {
        match view.kind {
            VerdictKind::Unknown => {
                if !matches!(&self.unsure_attempt, Some((s, _)) if *s == attempt.scanned) {
                    self.unsure_attempt = Some((attempt.scanned.clone(), attempt.started_utc));
                }
            }
            VerdictKind::AlreadyValidated => {
                if let (Some((scanned, sent)), Some(at)) = (&self.unsure_attempt, view.validated_at_utc) {
                    // A few seconds of slack for the server's clock.
                    if *scanned == attempt.scanned && at >= *sent - time::Duration::seconds(5) {
                        view.reason = "It was validated after this till's earlier attempt, whose answer was \
                                       lost: most likely that attempt went through. Check the journal \
                                       before refusing the customer."
                            .into();
                    }
                }
                self.unsure_attempt = None;
            }
            _ => self.unsure_attempt = None,
        }
    }

    /// F5 on a verdict the network spoiled: the same request again.
    pub(super) fn retry(&mut self) -> Vec<Effect> {
        let Screen::Verdict(v) = &self.screen else {
            return vec![];
        };
        let Some(retry) = v.retry.clone() else {
            return vec![];
        };
        self.resend(retry)
    }

    /// Sends a request again, as it was first sent.
    fn resend(&mut self, retry: Retry) -> Vec<Effect> {
        match retry {
            Retry::Resolve { scanned } => match scan::classify(&scanned) {
                Ok(what) => self.start_resolve(scanned, what),
                Err(_) => vec![],
            },
            Retry::Validate {
                scanned,
                code,
                session,
                extras,
            } => self.start_validate(scanned, code, session, extras),
            Retry::Redeem { scanned, extras } => match scan::classify(&scanned) {
                Ok(what) => self.start_redeem(scanned, what, extras),
                Err(_) => vec![],
            },
        }
    }
}
