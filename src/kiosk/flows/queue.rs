//! Scans in order: a scan ends the scan field's text (or only its scanner burst), and is sent at
//! once when the kiosk is free, or waits in the queue for the one in flight. A card left
//! waiting by a new scan is not validated, and the strip says so.

use crate::i18n::Said;
use crate::kiosk::msg::Effect;
use crate::kiosk::notice::Notice;
use crate::kiosk::state::{Screen, State, Task};
use crate::kiosk::strip::StripEntry;

impl State {
    /// A scan ended (Enter, Ctrl-J or Tab after text).
    pub(super) fn submit_scan(&mut self) -> Vec<Effect> {
        let burst_from = self.burst.scan_start(self.clock.mono, self.scan.len());
        let from_scanner = self.burst.burst_from(self.clock.mono, self.scan.len()).is_some();
        self.burst.reset();
        let raw = self.scan.take();
        // A scanner's burst replaces what was typed before it: a stray key must not spoil a scan.
        let (dropped, scanned): (String, String) = match burst_from {
            Some(n) => (raw.chars().take(n).collect(), raw.chars().skip(n).collect()),
            None => (String::new(), raw),
        };
        let mut text = scanned.trim().to_string();
        if from_scanner {
            text = self.read_back_burst(&text);
        }
        if text.is_empty() {
            return vec![];
        }
        let window = self.config.kiosk.duplicate_scan_window;
        if let Some((last, at)) = &self.last_scan {
            if *last == text && self.clock.mono.saturating_sub(*at) < window {
                self.last_scan = Some((text, self.clock.mono));
                self.notice = Some(Notice::warn_said(
                    Said::new("notice-same-code-again").number("seconds", window.as_secs().max(1)),
                ));
                return vec![];
            }
        }
        if self.busy() {
            if !self.queue.push(text.clone()) {
                // Kept in the field: Enter sends it once the queue has room.
                self.scan.paste(&text);
                self.notice = Some(Notice::warn_said(Said::new("notice-too-many-waiting")));
                return vec![];
            }
            self.last_scan = Some((text, self.clock.mono));
            return vec![];
        }
        self.last_scan = Some((text.clone(), self.clock.mono));
        self.leave_card_unvalidated();
        let effects = self.start_scan(text);
        if !dropped.trim().is_empty() && self.notice.is_none() {
            self.notice = Some(Notice::warn_said(
                Said::new("notice-typed-before-scan-left-out").text("typed", dropped.trim()),
            ));
        }
        effects
    }

    /// A new scan while a card waits for Enter (or while its look-up runs): that coupon is not
    /// validated. The strip says so, so that the cashier sees which one was left (and can scan
    /// it again).
    fn leave_card_unvalidated(&mut self) {
        let left = match &self.screen {
            Screen::Card(card) => Some((card.scanned.clone(), self.offer_of(Some(&card.session)))),
            Screen::Choose(c) => Some((c.scanned.clone(), None)),
            Screen::Working(w) if w.task == Task::LookingUp => Some((w.scanned.clone(), None)),
            _ => None,
        };
        if let Some((scanned, offer)) = left {
            self.strip
                .push(StripEntry::not_validated(self.clock.utc, &scanned, offer));
        }
    }

    /// Sends the next waiting scan once the screen is free for it: nothing in flight, the scan
    /// screen or a verdict showing (a card, a choice or the amount prompt is answered first),
    /// nothing looked at over it.
    pub(super) fn next_in_queue(&mut self) -> Vec<Effect> {
        if self.queue.is_empty() || self.busy() || self.quit || self.quit_prompt || self.undo_pin.is_some() {
            return vec![];
        }
        if !self.overlays.is_empty() || !matches!(self.screen, Screen::Scan | Screen::Verdict(_)) {
            return vec![];
        }
        match self.queue.pop() {
            Some(text) => self.start_scan(text),
            None => vec![],
        }
    }
}
