//! The scan side: typing into the scan field, submitting a scan, looking it up (confirm mode) or
//! redeeming it at once (auto mode), the card and the choice between several sessions.

use super::step;
use crate::api::{ApiError, Session, SessionCode};
use crate::i18n::Said;
use crate::journal;
use crate::kiosk::input::Input;
use crate::kiosk::msg::{Effect, Extras, Net, Req};
use crate::kiosk::notice::Notice;
use crate::kiosk::record::Recorded;
use crate::kiosk::state::{AfterJournal, Card, Choose, MoneyThen, Screen, State, Task, Working};
use crate::kiosk::verdict::{Retry, VerdictKind, VerdictView};
use crate::scan::{self, Scanned};
use crate::settings::ValidationMode;
use std::time::Duration;

impl State {
    /// Keys on the scan-side screens. Printable characters only ever go into the scan field.
    pub(super) fn on_scan_input(&mut self, input: Input) -> Vec<Effect> {
        match input {
            Input::Char(c) => {
                self.burst.key(self.clock.mono, self.scan.len());
                self.scan.push(c);
                vec![]
            }
            Input::Paste(s) => {
                self.burst.reset();
                self.scan.paste(&s);
                vec![]
            }
            Input::Backspace => {
                self.burst.reset();
                self.scan.backspace();
                vec![]
            }
            Input::ClearLine => {
                self.burst.reset();
                self.scan.clear();
                vec![]
            }
            Input::Enter | Input::Tab if !self.scan.is_empty() => self.submit_scan(),
            Input::Enter => self.on_enter(),
            Input::Esc => self.on_esc(),
            Input::Up | Input::Down => {
                if let Screen::Choose(c) = &mut self.screen {
                    c.selected = step(c.selected, c.sessions.len(), input == Input::Down);
                }
                vec![]
            }
            _ => vec![],
        }
    }

    /// Enter with an empty scan field: the current screen's confirm action.
    fn on_enter(&mut self) -> Vec<Effect> {
        match &self.screen {
            Screen::Card(card) => {
                let (scanned, session) = (card.scanned.clone(), card.session.clone());
                let described = (!card.undescribed).then(|| session.clone());
                match SessionCode::parse(&session.session) {
                    Ok(code) => self.validate_or_ask_money(scanned, code, described),
                    Err(e) => {
                        tracing::warn!(error = %e, "the server's session code is unusable");
                        self.notice = Some(Notice::bad_said(Said::new("plain-unusable-session-code")));
                        vec![]
                    }
                }
            }
            Screen::Choose(c) => match c.sessions.get(c.selected).cloned() {
                Some(s) => {
                    let scanned = c.scanned.clone();
                    self.show_session(scanned, s)
                }
                None => vec![],
            },
            _ => vec![],
        }
    }

    fn on_esc(&mut self) -> Vec<Effect> {
        if !self.scan.is_empty() {
            self.burst.reset();
            self.scan.clear();
            return vec![];
        }
        match &self.screen {
            Screen::Scan => self.notice = None,
            Screen::Verdict(_) | Screen::Card(_) | Screen::Choose(_) => self.screen = Screen::Scan,
            // A look-up changes nothing: it may be abandoned (its answer will be ignored).
            Screen::Working(w) if w.task == Task::LookingUp => self.screen = Screen::Scan,
            Screen::Working(_) => {
                self.notice = Some(Notice::warn_said(Said::new("notice-validation-in-flight")));
            }
            Screen::Lookup(_) | Screen::Money(_) | Screen::Conflicts(_) => {}
        }
        vec![]
    }

    /// Starts what a scan asks for: a local refusal, the lookup, a validation or a look-up.
    pub(super) fn start_scan(&mut self, text: String) -> Vec<Effect> {
        self.notice = None;
        // A new scan leaves whatever was only being looked at.
        self.overlays.clear();
        match scan::classify(&text) {
            Err(e) => {
                // No request: say what is wrong, and keep a record of the attempt.
                self.screen = Screen::Scan;
                self.notice = Some(Notice::bad_said(crate::kiosk::plain::said_of_scan_error(&e)));
                let attempt = self.attempt(&text, journal::Operation::Validate, None);
                let entry = self.entry(
                    &attempt,
                    Recorded {
                        outcome: VerdictKind::Invalid.journal_outcome(),
                        session: None,
                        error_code: None,
                        message: &e.to_string(),
                        round_trips: 0,
                        rtt: None,
                    },
                );
                self.journal_only(entry)
            }
            Ok(Scanned::Email(_) | Scanned::Phone(_)) => self.open_lookup(Some(text)),
            Ok(scanned) => match self.config.kiosk.mode {
                // The amount is asked only of a coupon that can be validated: the session is read
                // first, so an expired or used one is refused before anyone types an amount.
                ValidationMode::Auto if self.config.kiosk.ask_money_spent => {
                    self.start_resolve(text, scanned)
                }
                ValidationMode::Auto => self.start_redeem(text, scanned, self.extras(None)),
                ValidationMode::Confirm => self.start_resolve(text, scanned),
            },
        }
    }

    /// Puts the Working screen up for a new request.
    fn start_working(&mut self, task: Task, scanned: &str, session: Option<Session>, retry: Retry) -> Req {
        let req = self.next_req();
        self.screen = Screen::Working(Working {
            req,
            task,
            scanned: scanned.to_string(),
            session,
            offer: None,
            started: self.clock.mono,
            retry: Some(retry),
            auto_retries: 0,
        });
        req
    }

    /// What the mirror holds for the scan being validated: shown at once, marked as still being
    /// checked. Only for the request on screen, and never over a session the flow already knows.
    pub(super) fn on_preview(&mut self, req: Req, session: Session, offer: Option<String>) {
        if let Screen::Working(w) = &mut self.screen {
            if w.req == req && w.session.is_none() && w.task == Task::Validating {
                w.session = Some(session);
                w.offer = offer;
            }
        }
    }

    pub(super) fn start_resolve(&mut self, text: String, scanned: Scanned) -> Vec<Effect> {
        let retry = Retry::Resolve {
            scanned: text.clone(),
        };
        let req = self.start_working(Task::LookingUp, &text, None, retry);
        vec![Effect::Resolve {
            req,
            scanned: text,
            what: scanned,
        }]
    }

    pub(super) fn start_redeem(&mut self, text: String, scanned: Scanned, extras: Extras) -> Vec<Effect> {
        let extras = with_fresh_attempt_id(extras);
        let attempt = self.attempt(&text, journal::Operation::Validate, None);
        let retry = Retry::Redeem {
            scanned: text.clone(),
            extras: extras.clone(),
        };
        let in_flight = self.journal_in_flight(&attempt, None, extras.attempt_id.as_ref());
        let req = self.start_working(Task::Validating, &text, None, retry);
        vec![Effect::Redeem {
            req,
            attempt,
            scanned,
            extras,
            in_flight,
        }]
    }

    pub(super) fn start_validate(
        &mut self,
        scanned: String,
        code: SessionCode,
        session: Option<Session>,
        extras: Extras,
    ) -> Vec<Effect> {
        let extras = with_fresh_attempt_id(extras);
        let attempt = self.attempt(&scanned, journal::Operation::Validate, None);
        let retry = Retry::Validate {
            scanned: scanned.clone(),
            code: code.clone(),
            session: session.clone(),
            extras: extras.clone(),
        };
        let in_flight = self.journal_in_flight(&attempt, session.as_ref(), extras.attempt_id.as_ref());
        let req = self.start_working(Task::Validating, &scanned, session, retry);
        vec![Effect::Validate {
            req,
            attempt,
            code,
            extras,
            in_flight,
        }]
    }

    fn validate_or_ask_money(
        &mut self,
        scanned: String,
        code: SessionCode,
        session: Option<Session>,
    ) -> Vec<Effect> {
        if self.config.kiosk.ask_money_spent {
            self.ask_money(MoneyThen::Validate {
                scanned,
                code,
                session,
            })
        } else {
            let extras = self.extras(None);
            self.start_validate(scanned, code, session, extras)
        }
    }

    pub(super) fn on_resolved(
        &mut self,
        req: Req,
        scanned: String,
        result: Result<Vec<Session>, ApiError>,
        net: Net,
    ) -> Vec<Effect> {
        if self.lookup().is_some_and(|l| l.busy == Some(req)) {
            return self.on_searched(req, result, None);
        }
        let current = matches!(&self.screen, Screen::Working(w) if w.req == req);
        if !current {
            return vec![]; // abandoned look-up: nothing changed on the server
        }
        match result {
            Ok(mut sessions) if sessions.len() == 1 => {
                let session = sessions.remove(0);
                self.show_session_after(scanned, session, Some(net))
            }
            Ok(sessions) if sessions.is_empty() => {
                let view = VerdictView::new(
                    VerdictKind::NotFound,
                    &scanned,
                    "No coupon session matches this code.",
                );
                self.refusal_verdict(req, view, 1, Some(net.rtt))
            }
            Ok(sessions) => {
                self.screen = Screen::Choose(Choose {
                    scanned,
                    sessions,
                    selected: 0,
                });
                vec![]
            }
            Err(e) if self.only_update_may_know(&e, &scanned) => {
                let session = Session::from_json(&serde_json::json!({ "session": scanned }), None);
                match session {
                    Ok(session) => {
                        self.screen = Screen::Card(Card {
                            scanned,
                            session,
                            undescribed: true,
                        });
                        vec![]
                    }
                    Err(_) => {
                        let view = VerdictView::from_lookup_error(&e, &scanned);
                        self.refusal_verdict(req, view, 1, Some(net.rtt))
                    }
                }
            }
            Err(e) => {
                let view = VerdictView::from_lookup_error(&e, &scanned);
                self.refusal_verdict(req, view, 1, Some(net.rtt))
            }
        }
    }

    /// A short code of letters and digits that the server would not describe: only
    /// `couponsession/update` is known to take short codes, so it is the update's to refuse.
    fn only_update_may_know(&self, e: &ApiError, scanned: &str) -> bool {
        e.refusal() == Some(crate::api::Refusal::NotFound)
            && self.config.kiosk.mode == ValidationMode::Confirm
            && matches!(scan::classify(scanned), Ok(Scanned::ShortCode(c)) if !c.bytes().all(|b| b.is_ascii_digit()))
    }

    /// A resolved session: its card, or — when its record already says it cannot be validated —
    /// that refusal, without sending the update.
    fn show_session(&mut self, scanned: String, session: Session) -> Vec<Effect> {
        self.show_session_after(scanned, session, None)
    }

    fn show_session_after(&mut self, scanned: String, session: Session, net: Option<Net>) -> Vec<Effect> {
        if let Some(view) = VerdictView::from_session_record(&session, &scanned, self.clock.utc) {
            let req = self.next_req();
            return self.refusal_verdict(req, view, 1, net.map(|n| n.rtt));
        }
        if self.config.kiosk.mode == ValidationMode::Auto {
            // Auto mode reads the session first only to ask the amount spent.
            return match SessionCode::parse(&session.session) {
                Ok(code) => self.validate_or_ask_money(scanned, code, Some(session)),
                Err(e) => {
                    tracing::warn!(error = %e, "the server's session code is unusable");
                    self.screen = Screen::Scan;
                    self.notice = Some(Notice::bad_said(Said::new("plain-unusable-session-code")));
                    vec![]
                }
            };
        }
        self.screen = Screen::Card(Card {
            scanned,
            session,
            undescribed: false,
        });
        vec![]
    }

    /// Journals a verdict reached without an update, then shows it.
    fn refusal_verdict(
        &mut self,
        req: Req,
        view: VerdictView,
        round_trips: u32,
        rtt: Option<Duration>,
    ) -> Vec<Effect> {
        let attempt = self.attempt(&view.scanned, journal::Operation::Validate, None);
        let entry = self.entry(&attempt, Recorded::of_view(&view, round_trips, rtt));
        // Keep the Working screen up (answering to this request) while the entry is written.
        if let Screen::Working(w) = &mut self.screen {
            w.req = req;
        }
        self.journal_then(req, entry, AfterJournal::Verdict { view, undo: None })
    }
}

/// Every validation sent is an attempt of its own (a retry too), with its own id: made here so
/// that the in-flight journal row holds it before the request leaves.
fn with_fresh_attempt_id(mut extras: Extras) -> Extras {
    extras.attempt_id = Some(crate::tag::AttemptId::random());
    extras
}
