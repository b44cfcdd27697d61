//! What changes the state: `update(&mut State, Msg) -> Vec<Effect>`, the one entry point, and the
//! cashier flows as `impl State` blocks by subject. Pure: no I/O, no terminal, no clock reads —
//! the event loop stamps `state.clock` before each message, effects come back as messages, and
//! tests drive it all directly.

mod catalogue;
mod lookup;
mod money;
mod offline;
mod overlays;
mod queue;
mod scan;
mod scanner;
mod settle;
mod tills;
mod undo;
mod verdict;

pub use money::parse_money;
pub use verdict::MAX_AUTO_RETRIES;

use super::commands::Command;
use super::input::Input;
use super::msg::{Effect, Msg, Req};
use super::notice::Notice;
use super::state::{AfterJournal, Screen, State, Undo};
use super::strip::StripEntry;
use super::today::Today;
use super::verdict::VerdictKind;
use crate::i18n::Said;

/// The one entry point: applies `msg` and returns what must be done at the edge. Afterwards the
/// next waiting scan starts if the screen is free for it, and a campaign met on screen that the
/// catalogue does not know is asked about.
pub fn update(state: &mut State, msg: Msg) -> Vec<Effect> {
    let mut effects = apply(state, msg);
    effects.extend(state.next_in_queue());
    effects.extend(state.ask_unknown_campaign());
    state.show_layout_hint();
    effects
}

fn apply(state: &mut State, msg: Msg) -> Vec<Effect> {
    match msg {
        Msg::Input(input) => state.on_input(input),
        Msg::Tick => state.on_tick(),
        Msg::Preview { req, session, offer } => {
            state.on_preview(req, session, offer);
            vec![]
        }
        Msg::OfflineStatus(status) => {
            state.offline = Some(status);
            vec![]
        }
        Msg::Offline {
            req,
            attempt,
            scanned,
            verdict,
            net,
        } => {
            state.note_net(net);
            state.on_offline(req, attempt, scanned, verdict, net)
        }
        Msg::Resolved {
            req,
            scanned,
            result,
            net,
        } => {
            state.note_net(net);
            state.on_resolved(req, scanned, result, net)
        }
        Msg::Verdict {
            req,
            attempt,
            verdict,
            net,
        } => {
            state.note_net(net);
            state.on_verdict(req, attempt, verdict, net)
        }
        Msg::Undone {
            req,
            attempt,
            result,
            net,
        } => {
            state.note_net(net);
            state.on_undone(req, attempt, result, net)
        }
        Msg::Journaled {
            req,
            operation,
            outcome,
            result,
            counts,
        } => {
            match counts {
                Some(snapshot) => state.today.apply(snapshot),
                None => state.today.add(operation, outcome),
            }
            state.on_journaled(req, result)
        }
        Msg::Searched {
            req,
            result,
            net,
            copy,
        } => {
            state.note_net(net);
            state.on_searched(req, result, copy)
        }
        Msg::Acted {
            req,
            attempt,
            action,
            result,
            net,
        } => {
            state.note_net(net);
            state.on_acted(req, attempt, action, result, net)
        }
        Msg::Reloaded { req, result, net } => {
            state.note_net(net);
            state.on_reloaded(req, result)
        }
        Msg::Counts { result } => {
            match result {
                Ok(snapshot) => state.today.apply(snapshot),
                Err(e) => state.journal_error = Some(e),
            }
            vec![]
        }
        Msg::Settled { result } => state.on_settled(result),
        Msg::Scanner(event) => state.on_scanner(event),
        Msg::Barcode { req, screen } => {
            state.on_barcode(req, screen);
            vec![]
        }
        Msg::Catalogue { result, net } => {
            state.note_net(net);
            state.on_catalogue(result);
            vec![]
        }
        Msg::Conflicts { req, result } => state.on_conflicts(req, result),
        Msg::CouponInfo { result, .. } => {
            state.on_coupon_info(result);
            vec![]
        }
        Msg::Tills { req, result } => {
            state.on_tills(req, result);
            vec![]
        }
    }
}

impl State {
    fn on_input(&mut self, input: Input) -> Vec<Effect> {
        if self.quit_prompt {
            match input {
                // The prompt is what Enter answers, whatever the scan field holds (a scan's own
                // characters close the prompt before its Enter arrives).
                Input::Enter => {
                    self.quit = true;
                    return vec![];
                }
                Input::Esc | Input::Command(Command::Quit) => {
                    self.quit_prompt = false;
                    return vec![];
                }
                // A scan arriving while the prompt is up is a scan, not an answer.
                Input::Char(_) | Input::Paste(_) => self.quit_prompt = false,
                _ => return vec![],
            }
        }
        match input {
            Input::Command(command) => return self.on_command(command),
            Input::Resize => return vec![],
            _ => {}
        }
        if self.undo_pin.is_some() {
            return self.on_undo_pin_input(input);
        }
        if !self.overlays.is_empty() {
            return self.on_overlay_input(input);
        }
        match &self.screen {
            Screen::Lookup(_) => self.on_lookup_input(input),
            Screen::Conflicts(_) => self.on_conflicts_input(input),
            Screen::Money(_) => self.on_money_input(input),
            _ => self.on_scan_input(input),
        }
    }

    /// A command key: run it when it is enabled now, otherwise say why not where that helps.
    fn on_command(&mut self, command: Command) -> Vec<Effect> {
        if command == Command::Quit {
            self.quit_prompt = true;
            return vec![];
        }
        if self.undo_pin.is_some() {
            // The PIN prompt is answered or cancelled first.
            return vec![];
        }
        if !self.enabled(command) {
            self.explain_disabled(command);
            return vec![];
        }
        match command {
            Command::Help => self.toggle_help(),
            Command::Lookup => self.open_lookup(None),
            Command::Summary => self.open_summary(),
            Command::Barcode => self.open_barcode(),
            Command::Retry => match &self.screen {
                Screen::Lookup(_) => self.reload_selected(),
                _ => self.retry(),
            },
            Command::Undo => self.undo(),
            Command::Conflicts => self.open_conflicts(),
            Command::Quit => vec![],
        }
    }

    /// The notice for a command that does not work right now, where the cashier needs one.
    fn explain_disabled(&mut self, command: Command) {
        if self.owns_keyboard() {
            return;
        }
        let notice = match command {
            Command::Lookup if self.validation_in_flight() => {
                Notice::warn_said(Said::new("notice-wait-for-verdict-lookup"))
            }
            Command::Barcode if !self.validation_in_flight() && self.barcode_target().is_none() => {
                Notice::warn_said(Said::new("notice-barcode-needs-session"))
            }
            Command::Undo if !self.validation_in_flight() => match &self.undo {
                None => Notice::warn_said(Said::new("notice-nothing-to-undo")),
                Some(_) => Notice::warn_said(Said::new("notice-too-late-to-undo")),
            },
            _ => return,
        };
        self.notice = Some(notice);
    }

    /// The journal answered: count the attempt, and show what waited for it.
    fn on_journaled(&mut self, req: Req, result: Result<(), String>) -> Vec<Effect> {
        match &result {
            Ok(()) => self.journal_error = None,
            Err(e) => {
                // The screen says a plain sentence; the database's words go to the log and F1.
                tracing::error!(error = %e, "journal not written");
                self.last_problem = Some((self.clock.utc, format!("journal not written: {e}")));
                self.journal_error = Some(e.clone());
            }
        }
        let Some(pending) = self.pending.take_if(|p| p.req == req) else {
            return vec![];
        };
        match pending.then {
            AfterJournal::Verdict { mut view, undo } => {
                if let Some(detail) = &view.detail {
                    self.last_problem = Some((self.clock.utc, detail.clone()));
                }
                if let Err(e) = &result {
                    self.last_problem = Some((self.clock.utc, format!("journal not written: {e}")));
                }
                view.journal_error = result.err();
                let mut effects = vec![];
                if self.config.kiosk.bell {
                    let good = matches!(view.kind, VerdictKind::Validated | VerdictKind::AcceptedOffline);
                    let rings = if good { 1 } else { 3 };
                    effects.push(Effect::Bell { rings });
                }
                if matches!(view.kind, VerdictKind::Validated | VerdictKind::AcceptedOffline) {
                    view.dismiss_at = Some(self.clock.mono + self.config.kiosk.success_display);
                }
                let offer = self.offer_of(view.session.as_ref());
                self.strip.push(StripEntry::verdict(
                    self.clock.utc,
                    &view.scanned,
                    offer,
                    view.kind,
                ));
                if let Some((scanned, own, session)) = undo {
                    self.undo = Some(Undo {
                        scanned,
                        own,
                        session,
                        until: self.clock.mono + self.config.kiosk.undo_window,
                    });
                }
                self.screen = Screen::Verdict(view);
                effects
            }
            AfterJournal::Staff {
                action,
                session,
                deleted,
                message,
            } => {
                self.apply_staff_result(action, session, deleted, message);
                vec![]
            }
        }
    }

    fn on_tick(&mut self) -> Vec<Effect> {
        if let (Screen::Verdict(v), true) = (&self.screen, self.overlays.is_empty()) {
            if v.dismiss_at.is_some_and(|t| self.clock.mono >= t) {
                self.screen = Screen::Scan;
            }
        }
        if self.undo.as_ref().is_some_and(|u| self.clock.mono >= u.until) {
            self.undo = None;
            self.undo_pin = None;
        }
        self.lookup_idle_return();
        let mut effects = self.refresh_catalogue();
        let day = self.config.zone.start_of_day(self.clock.utc);
        if self.today.since_utc != Some(day) {
            self.today = Today::starting(day);
            effects.push(Effect::LoadCounts { since_utc: day });
        }
        effects.extend(self.settle_due());
        effects.extend(self.tills_due());
        effects
    }
}

/// Next or previous index in a list of `len`, staying inside it.
fn step(i: usize, len: usize, down: bool) -> usize {
    if len == 0 {
        0
    } else if down {
        (i + 1).min(len - 1)
    } else {
        i.saturating_sub(1)
    }
}
