//! A validation's answer: the verdict it shows (after its journal entry), what undo may take
//! back, what F5 retries, and the word about this till's own earlier lost attempt.

use crate::kiosk::msg::{Attempt, Effect, Net, Req};
use crate::kiosk::record::Recorded;
use crate::kiosk::state::{AfterJournal, Screen, State};
use crate::kiosk::verdict::{Retry, VerdictKind, VerdictView};
use crate::redeem::Verdict;
use crate::scan;

impl State {
    pub(super) fn on_verdict(
        &mut self,
        req: Req,
        attempt: Attempt,
        verdict: Verdict,
        net: Net,
    ) -> Vec<Effect> {
        let retry = match &self.screen {
            Screen::Working(w) if w.req == req => w.retry.clone(),
            _ => None,
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
            return self.journal_only(entry);
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
