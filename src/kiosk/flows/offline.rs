//! A scan answered from the mirror because its request could not reach the server: the verdict
//! is journaled like any other, then shown in place of the network failure. And the conflict
//! inbox's keys.

use super::step;
use crate::i18n::Said;
use crate::journal;
use crate::kiosk::conflicts::{ConflictInbox, MarkTarget};
use crate::kiosk::input::Input;
use crate::kiosk::msg::{Attempt, Effect, Net, Req};
use crate::kiosk::notice::Notice;
use crate::kiosk::record::Recorded;
use crate::kiosk::state::{AfterJournal, Screen, State};
use crate::offline::OfflineVerdict;

impl State {
    pub(super) fn on_offline(
        &mut self,
        req: Req,
        attempt: Option<Attempt>,
        scanned: String,
        verdict: OfflineVerdict,
        net: Net,
    ) -> Vec<Effect> {
        let retry = match &self.screen {
            Screen::Working(w) if w.req == req => w.retry.clone(),
            _ => None,
        };
        let attempt = attempt.unwrap_or_else(|| self.attempt(&scanned, journal::Operation::Validate, None));
        let mut view = crate::kiosk::offline::view_of(&verdict, &scanned, self.clock.utc);
        if view.kind.retryable() {
            view.retry = retry;
        }
        let entry = self.entry(
            &attempt,
            Recorded {
                outcome: view.kind.journal_outcome(),
                session: view.session.as_ref(),
                error_code: None,
                message: &view.reason,
                round_trips: 0,
                rtt: Some(net.rtt),
            },
        );
        if !matches!(&self.screen, Screen::Working(w) if w.req == req) {
            return self.journal_only(entry);
        }
        self.journal_then(req, entry, AfterJournal::Verdict { view, undo: None })
    }
}

/// The conflict inbox (F9): offline acceptances the server refused. A manager marks them seen
/// with Ctrl-Y — a chord a scanner never sends — one or (Tab) all unseen; nothing is deleted.
impl State {
    pub(super) fn open_conflicts(&mut self) -> Vec<Effect> {
        if matches!(self.screen, Screen::Conflicts(_)) {
            self.screen = Screen::Scan;
            return vec![];
        }
        self.overlays.clear();
        let req = self.next_req();
        self.screen = Screen::Conflicts(Box::new(ConflictInbox {
            busy: Some(req),
            ..ConflictInbox::default()
        }));
        vec![Effect::LoadConflicts { req }]
    }

    pub(super) fn on_conflicts_input(&mut self, input: Input) -> Vec<Effect> {
        let by = self.config.kiosk.cashier.clone();
        let nothing = self.t("conflicts-nothing-to-mark");
        let req = (input == Input::Yes).then(|| self.next_req());
        let Screen::Conflicts(c) = &mut self.screen else {
            return vec![];
        };
        match input {
            Input::Up | Input::Down => {
                c.selected = step(c.selected, c.entries().len(), input == Input::Down);
                c.message = None;
            }
            Input::Tab | Input::BackTab => {
                c.target = match c.target {
                    MarkTarget::Selected => MarkTarget::AllUnseen,
                    MarkTarget::AllUnseen => MarkTarget::Selected,
                };
            }
            Input::Yes if c.busy.is_none() => {
                let (Some(req), ids) = (req, c.to_mark()) else {
                    return vec![];
                };
                if ids.is_empty() {
                    c.message = Some(Notice::warn(nothing));
                    return vec![];
                }
                c.busy = Some(req);
                return vec![Effect::MarkConflictsSeen { req, ids, by }];
            }
            Input::Esc => self.screen = Screen::Scan,
            // A scan (or typing) belongs to the counter: back to the scan screen with it.
            Input::Char(_) | Input::Paste(_) => {
                self.screen = Screen::Scan;
                return self.on_scan_input(input);
            }
            _ => {}
        }
        vec![]
    }

    pub(super) fn on_conflicts(
        &mut self,
        req: Req,
        result: Result<Vec<crate::offline::OutboxEntry>, String>,
    ) -> Vec<Effect> {
        let Screen::Conflicts(c) = &mut self.screen else {
            return vec![];
        };
        if c.busy != Some(req) {
            return vec![];
        }
        c.busy = None;
        match result {
            Ok(entries) => {
                c.selected = c.selected.min(entries.len().saturating_sub(1));
                c.entries = Some(entries);
                c.message = None;
            }
            Err(e) => {
                tracing::warn!(error = %e, "conflicts not read");
                c.message = Some(Notice::bad_said(Said::new("conflicts-unreadable")));
                self.last_problem = Some((self.clock.utc, format!("conflicts not read: {e}")));
            }
        }
        vec![]
    }

    /// Conflicts no manager has seen yet, as the background last counted them.
    pub fn unseen_conflicts(&self) -> u64 {
        self.offline
            .as_ref()
            .and_then(|s| s.desk.as_ref())
            .map_or(0, |d| d.outbox.conflicts_unseen)
    }
}
