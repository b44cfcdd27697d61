//! The screens only looked at — help (F1), the shift summary (F3), a session's barcode (F4) —
//! as a stack over the current screen: Esc takes the top one away, and the flow underneath keeps
//! receiving its answers meanwhile.

use crate::api::barcode::BarcodeType;
use crate::kiosk::barcode::BarcodeScreen;
use crate::kiosk::input::Input;
use crate::kiosk::msg::{Effect, Req};
use crate::kiosk::state::{BarcodeView, Overlay, Screen, State};

impl State {
    /// F1: help over whatever is on screen; F1 again takes it away.
    pub(super) fn toggle_help(&mut self) -> Vec<Effect> {
        if self.overlay() == Some(&Overlay::Help) {
            self.pop_overlay();
        } else {
            self.overlays.push(Overlay::Help);
        }
        vec![]
    }

    /// Takes the top overlay away. A success verdict whose time ran out while it was covered
    /// gets its full time again: the cashier has not seen it yet.
    fn pop_overlay(&mut self) {
        self.overlays.pop();
        if !self.overlays.is_empty() {
            return;
        }
        let (now, full) = (self.clock.mono, self.config.kiosk.success_display);
        if let Screen::Verdict(v) = &mut self.screen {
            if v.dismiss_at.is_some_and(|t| t <= now) {
                v.dismiss_at = Some(now + full);
            }
        }
    }

    /// F3: the shift summary, with today's counts read again from the journal.
    pub(super) fn open_summary(&mut self) -> Vec<Effect> {
        // From help, the summary takes its place.
        if self.overlay() == Some(&Overlay::Help) {
            self.overlays.pop();
        }
        if self.overlay() != Some(&Overlay::Summary) {
            self.overlays.push(Overlay::Summary);
        }
        let since = self.config.zone.start_of_day(self.clock.utc);
        self.today.since_utc = Some(since);
        let mut effects = vec![Effect::LoadCounts { since_utc: since }];
        effects.extend(self.tills_due());
        effects
    }

    /// F4: the barcode of the session on screen (enabled only when there is one).
    pub(super) fn open_barcode(&mut self) -> Vec<Effect> {
        let Some(code) = self.barcode_target() else {
            return vec![];
        };
        let req = self.next_req();
        self.overlays.push(Overlay::Barcode(BarcodeView {
            code,
            kind: BarcodeType::default(),
            req,
            shown: None,
        }));
        self.fetch_barcode()
    }

    fn fetch_barcode(&mut self) -> Vec<Effect> {
        let req = self.next_req();
        let Some(b) = self.barcode_mut() else {
            return vec![];
        };
        b.req = req;
        b.shown = None;
        vec![Effect::FetchBarcode {
            req,
            code: b.code.clone(),
            kind: b.kind,
        }]
    }

    pub(super) fn on_barcode(&mut self, req: Req, screen: BarcodeScreen) {
        if let Some(b) = self.barcode_mut().filter(|b| b.req == req) {
            b.shown = Some(screen);
        }
    }

    /// Keys while an overlay is up. Typing still goes into the scan field (a scan is never lost),
    /// and a scan submitted here leaves the overlays.
    pub(super) fn on_overlay_input(&mut self, input: Input) -> Vec<Effect> {
        match input {
            Input::Char(c) => self.scan.push(c),
            Input::Paste(s) => self.scan.paste(&s),
            Input::Backspace => self.scan.backspace(),
            Input::Enter | Input::Tab if !self.scan.is_empty() => return self.submit_scan(),
            Input::Esc if !self.scan.is_empty() => self.scan.clear(),
            Input::Esc => self.pop_overlay(),
            Input::Enter if matches!(self.overlay(), Some(Overlay::Help | Overlay::Summary)) => {
                self.pop_overlay();
            }
            Input::Tab | Input::BackTab | Input::Left | Input::Right
                if self.overlay() == Some(&Overlay::Summary) =>
            {
                return self.switch_summary_tab();
            }
            Input::Tab | Input::BackTab => {
                let forward = input == Input::Tab;
                if let Some(Overlay::Barcode(b)) = self.overlays.last_mut() {
                    b.kind = if forward { b.kind.next() } else { b.kind.previous() };
                    return self.fetch_barcode();
                }
            }
            _ => {}
        }
        vec![]
    }
}
