//! A validation's answer: the verdict it shows (after its journal entry), what undo may take
//! back, what F5 retries, and the word about this till's own earlier lost attempt.

use crate::kiosk::msg::{Attempt, Effect, Net, Req};
use crate::kiosk::record::Recorded;
use crate::kiosk::state::{AfterJournal, Screen, State};
use crate::kiosk::verdict::{Retry, VerdictKind, VerdictView};
use crate::redeem::{EarlierAttempt, Outcome, OwnValidation, Verdict};
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
        // Undo takes back only this till's own validation: the attempt that made it is known
        // (this one, or an earlier one of this till now confirmed).
        let own_attempt = verdict
            .earlier_confirmed
            .clone()
            .or_else(|| verdict.attempt.clone());
        let undo = match (view.kind, own_attempt) {
            (VerdictKind::Validated, Some(own)) => {
                let code = view.session_code().or_else(|| match &retry {
                    Some(Retry::Validate { code, .. }) => Some(code.clone()),
                    _ => None,
                });
                code.map(|code| {
                    let own = OwnValidation {
                        code,
                        attempt: own,
                        validation_date_utc: verdict.validation_date_utc,
                    };
                    (attempt.scanned.clone(), own, view.session.clone())
                })
            }
            _ => None,
        };
        let mut entry = self.entry(
            &attempt,
            Recorded::of_view(&view, verdict.round_trips, Some(net.rtt)),
        );
        entry.attempt_id = verdict.attempt.as_ref().map(|a| a.to_string());
        if verdict.earlier_confirmed.is_some() && view.kind == VerdictKind::Validated {
            // The earlier attempt made the validation and is settled as such: counted once.
            entry.outcome = crate::journal::Outcome::ConfirmedEarlier;
            self.today.settle_one(crate::journal::Operation::Validate, |o| {
                o == crate::journal::Outcome::Unknown
            });
        }
        let mut effects = self.note_unsure(&verdict, &attempt);
        // Even an answer to a request the screen no longer waits for is journaled.
        if !matches!(&self.screen, Screen::Working(w) if w.req == req) {
            effects.extend(self.journal_only_for(req, entry));
            return effects;
        }
        // The answer was lost and the server then showed the coupon NOT validated: the kiosk
        // sends the validation again itself (a few times) before asking the cashier. Safe: if
        // the lost one went through after all, the server answers "already validated" with its
        // time, and this till's own earlier attempt is named.
        let validation = matches!(retry, Some(Retry::Validate { .. } | Retry::Redeem { .. }));
        if view.server_says_not_validated() && validation && auto_retries < MAX_AUTO_RETRIES {
            if let Some(again) = retry {
                effects.extend(self.journal_only_for(req, entry));
                effects.extend(self.resend(again));
                if let Screen::Working(w) = &mut self.screen {
                    w.auto_retries = auto_retries + 1;
                }
                return effects;
            }
        }
        effects.extend(self.journal_then(req, entry, AfterJournal::Verdict { view, undo }));
        effects
    }

    /// Keeps the list of this till's attempts of unknown outcome (they go with every later
    /// validation, so that one of them found to have gone through is never refused), and asks
    /// for a background settlement when the server is answering again.
    fn note_unsure(&mut self, verdict: &Verdict, attempt: &Attempt) -> Vec<Effect> {
        let unsure = matches!(verdict.outcome, Outcome::Unknown | Outcome::ValidatedOwnerUnknown);
        if let (true, Some(id)) = (unsure, &verdict.attempt) {
            let mut codes = vec![attempt.scanned.clone()];
            codes.extend(verdict.session.as_ref().map(|s| s.session.clone()));
            self.unsure.push(EarlierAttempt {
                attempt: id.clone(),
                codes,
                started_utc: attempt.started_utc,
            });
        }
        let confirmed: Vec<_> = verdict.earlier_confirmed.iter().cloned().collect();
        self.unsure.retain(|e| !confirmed.contains(&e.attempt));
        let answered = verdict.round_trips > 0 && verdict.outcome != Outcome::Unknown;
        if !confirmed.is_empty() || (answered && !self.unsure.is_empty()) {
            self.settle(confirmed)
        } else {
            vec![]
        }
    }

    /// A failed request in one plain sentence for the screen; its technical words (code, HTTP
    /// status, the server's text) are kept for F1 and logged.
    pub(super) fn plain_problem(&mut self, e: &crate::api::ApiError) -> String {
        tracing::info!(error = %e, "request failed");
        self.last_problem = Some((self.clock.utc, e.to_string()));
        let language = self.config.kiosk.language;
        match crate::kiosk::plain::said_of_error(e) {
            Some(said) => said.in_language(language),
            // Refused by a check before any request: its own words are English, so English
            // says them and other languages say that nothing was sent (F1 has the words).
            None if language == crate::i18n::Language::En => crate::kiosk::plain::of_error(e),
            None => self.t("staff-not-sent"),
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
            // A retry carries the unknown attempts known now, the one it retries among them.
            Retry::Validate {
                scanned,
                code,
                session,
                mut extras,
            } => {
                extras.earlier = self.unsure.clone();
                self.start_validate(scanned, code, session, extras)
            }
            Retry::Redeem { scanned, mut extras } => match scan::classify(&scanned) {
                Ok(what) => {
                    extras.earlier = self.unsure.clone();
                    self.start_redeem(scanned, what, extras)
                }
                Err(_) => vec![],
            },
        }
    }
}
