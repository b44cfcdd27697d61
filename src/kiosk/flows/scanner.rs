//! Scanners' codes: a serial scanner's lines become scans, and a keyboard scanner's burst is
//! read back under the till's keyboard layout.

use crate::keyboard_layout::map_burst;
use crate::kiosk::msg::Effect;
use crate::kiosk::notice::Notice;
use crate::kiosk::scanner::family;
use crate::kiosk::state::{Screen, State};
use crate::scan::{self, Scanned};
use crate::scanner::ScannerEvent;

/// What `auto` counts as a code when it decides whether to read a burst back: what the kiosk
/// validates from a scan — a session code (bare or in a coupon URL), a short code, a custom
/// validation code. Email addresses and phone numbers are what people type, not what coupons
/// carry, so a burst that only reads back as one of those is left as it came.
fn is_scannable_code(text: &str) -> bool {
    matches!(
        scan::classify(text),
        Ok(Scanned::SessionCode(_) | Scanned::ShortCode(_) | Scanned::CustomCode(_))
    )
}

impl State {
    pub(super) fn on_scanner(&mut self, event: ScannerEvent) -> Vec<Effect> {
        match event {
            ScannerEvent::Connected => self.scanners.serial = Some(true),
            ScannerEvent::Disconnected => self.scanners.serial = Some(false),
            ScannerEvent::TooLong => self.notice = Some(Notice::warn(self.t("scanner-too-long"))),
            ScannerEvent::Code(code) => return self.on_serial_code(code),
        }
        vec![]
    }

    /// A serial scanner's code: a scan, as a keyboard scanner's burst would be, without
    /// touching what the cashier is typing in the scan field.
    fn on_serial_code(&mut self, code: String) -> Vec<Effect> {
        // A scan arriving while the quit prompt is up is a scan, not an answer.
        self.quit_prompt = false;
        if self.undo_pin.is_some() || matches!(self.screen, Screen::Money(_)) {
            // A prompt is being answered: the scan waits its turn in the queue.
            if !self.queue.push(code) {
                self.notice = Some(Notice::warn(self.t("scanner-queue-full")));
            }
            return vec![];
        }
        if matches!(self.screen, Screen::Lookup(_)) {
            // A coupon handed over at the counter, as when one is scanned into the lookup.
            self.screen = Screen::Scan;
        }
        // The scan goes the one way every scan goes (queue, duplicates, the counter's mode):
        // through the field, as the whole of it (no burst), and what was typed comes back.
        let typed = self.scan.take();
        self.burst.reset();
        self.scan.paste(&code);
        let effects = self.submit_scan();
        if self.scan.is_empty() {
            self.scan.paste(&typed);
        }
        effects
    }

    /// A keyboard scanner's burst, read back under `[scanner] keyboard_layout`. Only ever
    /// called for a burst: what a person types key by key is their own keyboard's text.
    pub(super) fn read_back_burst(&mut self, burst: &str) -> String {
        let mapped = map_burst(self.scanners.layout, burst, is_scannable_code);
        if mapped.hint && !self.scanners.hint_shown {
            self.scanners.hint_due = mapped.layout;
        }
        mapped.code
    }

    /// Says once, where notices show, which setting would make the till read its scanner right.
    /// Waits while another notice is showing.
    pub(super) fn show_layout_hint(&mut self) {
        if self.notice.is_some() {
            return;
        }
        if let Some(layout) = self.scanners.hint_due.take() {
            self.scanners.hint_shown = true;
            self.notice = Some(Notice::warn(self.t_with(
                "scanner-layout-hint",
                &[
                    ("keyboard", family(layout).into()),
                    ("layout", layout.name().into()),
                ],
            )));
        }
    }
}
