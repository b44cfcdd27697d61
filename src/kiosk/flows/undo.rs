//! F8: undo the last validation (unvalidate it) while the undo window is open — behind the
//! supervisor PIN when one is configured, as the lookup's Unvalidate is.

use crate::api::{ApiError, Session};
use crate::i18n::{Language, Said};
use crate::journal;
use crate::kiosk::field::TextField;
use crate::kiosk::input::Input;
use crate::kiosk::msg::{Attempt, Effect, Net, Req};
use crate::kiosk::notice::Notice;
use crate::kiosk::plain;
use crate::kiosk::record::Recorded;
use crate::kiosk::state::{AfterJournal, Screen, State, Task, UndoPin, Working};
use crate::kiosk::verdict::{may_have_happened, VerdictKind, VerdictView};
use crate::redeem::UndoError;

/// Why an undo is journaled.
const UNDO_REASON: &str = "undo at the counter";

impl State {
    /// F8 (enabled: a validation to undo, inside its window, nothing in flight).
    pub(super) fn undo(&mut self) -> Vec<Effect> {
        if self.config.kiosk.supervisor_pin.is_some() {
            self.undo_pin = Some(UndoPin {
                field: TextField::new(32),
                wrong: false,
            });
            return vec![];
        }
        self.send_undo()
    }

    /// Typing into the undo's PIN prompt: Enter checks it, Esc gives up.
    pub(super) fn on_undo_pin_input(&mut self, input: Input) -> Vec<Effect> {
        let expected = self.config.kiosk.supervisor_pin.clone();
        let Some(pin) = &mut self.undo_pin else {
            return vec![];
        };
        match input {
            Input::Char(c) => pin.field.push(c),
            Input::Paste(s) => pin.field.paste(&s),
            Input::Backspace => pin.field.backspace(),
            Input::Esc => self.undo_pin = None,
            Input::Enter if expected.as_deref() == Some(pin.field.as_str()) => {
                self.undo_pin = None;
                return self.send_undo();
            }
            Input::Enter => {
                pin.field.clear();
                pin.wrong = true;
                let Some(u) = self.undo.clone() else {
                    return vec![];
                };
                return self.journal_pin_refused(
                    &u.scanned,
                    journal::Operation::Unvalidate,
                    UNDO_REASON,
                    u.session.as_ref(),
                );
            }
            _ => {}
        }
        vec![]
    }

    fn send_undo(&mut self) -> Vec<Effect> {
        if !self.can_undo() {
            // The window closed while the PIN was typed.
            self.notice = Some(Notice::warn_said(Said::new("notice-too-late-to-undo")));
            return vec![];
        }
        let Some(u) = self.undo.take() else {
            return vec![];
        };
        let req = self.next_req();
        let attempt = self.attempt(&u.scanned, journal::Operation::Unvalidate, Some(UNDO_REASON));
        self.overlays.clear();
        self.screen = Screen::Working(Working {
            req,
            task: Task::Undoing,
            session: None,
            offer: None,
            scanned: u.scanned.clone(),
            started: self.clock.mono,
            retry: None,
            auto_retries: 0,
        });
        vec![Effect::Unvalidate {
            req,
            attempt,
            own: u.own,
            till: self.till(),
        }]
    }

    pub(super) fn on_undone(
        &mut self,
        req: Req,
        attempt: Attempt,
        result: Result<Session, UndoError>,
        net: Net,
    ) -> Vec<Effect> {
        let mut view = match &result {
            Ok(session) => {
                let id = VerdictKind::Undone.reason_id();
                let mut v = VerdictView::new(
                    VerdictKind::Undone,
                    &attempt.scanned,
                    id.map(|id| Language::En.text(id)).unwrap_or_default(),
                );
                v.reason_id = id;
                v.session = Some(session.clone());
                v
            }
            Err(e) => {
                let (reason, said) = undo_failed(e);
                let mut v = VerdictView::new(VerdictKind::UndoFailed, &attempt.scanned, reason);
                v.said = said;
                v.detail = Some(e.to_string());
                v
            }
        };
        if let Err(UndoError::Api(ApiError::Api { code, .. })) = &result {
            view.error_code = Some(*code);
        }
        let entry = self.entry(
            &attempt,
            Recorded {
                outcome: view.kind.journal_outcome(),
                session: result.as_ref().ok(),
                error_code: view.error_code,
                message: view.record_message(),
                round_trips: 1,
                rtt: Some(net.rtt),
            },
        );
        if !matches!(&self.screen, Screen::Working(w) if w.req == req) {
            return self.journal_only(entry);
        }
        self.journal_then(req, entry, AfterJournal::Verdict { view, undo: None })
    }
}

/// Why an undo failed, in English (the journal and the English screen, where a refusal keeps
/// the server's own sentence) and as a message for the other languages: the plain sentence for
/// the failure, then whether the validation may have been undone all the same or surely was not
/// ("Nothing was taken back"). No message for input refused before any request (the screen
/// then says UNDO FAILED's own reason).
fn undo_failed(e: &UndoError) -> (String, Option<Said>) {
    let e = match e {
        UndoError::NotOurs => {
            let said = Said::new("undo-failed-not-ours");
            return (said.in_language(Language::En), Some(said));
        }
        UndoError::Api(e) => e,
    };
    let id = if may_have_happened(e) {
        "undo-failed-maybe-undone"
    } else {
        "undo-failed-nothing-taken-back"
    };
    let english = Said::new(id)
        .text("plain", plain::of_error(e))
        .in_language(Language::En);
    let said = plain::said_of_error(e).map(|p| Said::new(id).said("plain", p));
    (english, said)
}
