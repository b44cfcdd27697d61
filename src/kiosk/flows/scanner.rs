//! Scanners' codes: a serial scanner's lines become scans, and a keyboard scanner's burst is
//! read back under the till's keyboard layout.

use crate::keyboard_layout::{map_burst, Mapped};
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
        let mapped = self.burst_reading(burst);
        if mapped.hint && !self.scanners.hint_shown {
            self.scanners.hint_due = mapped.layout;
        }
        mapped.code
    }

    /// How a keyboard scanner's burst reads under `[scanner] keyboard_layout` (the hint is not
    /// noted: see [`State::read_back_burst`]).
    pub(super) fn burst_reading(&self, burst: &str) -> Mapped {
        map_burst(self.scanners.layout, burst, is_scannable_code)
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

#[cfg(test)]
mod tests {
    use crate::keyboard_layout::{KeyboardLayout, LayoutSetting};
    use crate::kiosk::input::Input;
    use crate::kiosk::msg::{Effect, Msg};
    use crate::kiosk::scanner::Scanners;
    use crate::kiosk::state::{Screen, State};
    use crate::kiosk::tests::{advance, kiosk, press, scan, JANE};
    use crate::kiosk::update;
    use crate::scanner::ScannerEvent;
    use std::time::Duration;

    /// The card's example: JANE's code from a US scanner on a French AZERTY till.
    const JANE_ON_AZERTY: &str = "qc-sèu\"g_qé(jqèxçag_è";

    /// The codes the effects ask the server about.
    fn looked_up(effects: &[Effect]) -> Vec<String> {
        effects
            .iter()
            .filter_map(|e| match e {
                Effect::Resolve { scanned, .. } => Some(scanned.clone()),
                Effect::Redeem { attempt, .. } => Some(attempt.scanned.clone()),
                _ => None,
            })
            .collect()
    }

    fn hint(s: &State) -> Option<String> {
        s.notice
            .as_ref()
            .map(|n| n.text.clone())
            .filter(|t| t.contains("keyboard_layout"))
    }

    fn slowly(s: &mut State, text: &str) -> Vec<Effect> {
        for c in text.chars() {
            advance(s, Duration::from_millis(150));
            press(s, Input::Char(c));
        }
        advance(s, Duration::from_millis(150));
        press(s, Input::Enter)
    }

    #[test]
    fn auto_reads_an_azerty_burst_back_and_says_so_once() {
        let mut s = kiosk();
        assert_eq!(looked_up(&scan(&mut s, JANE_ON_AZERTY)), [JANE]);
        assert_eq!(
            hint(&s).as_deref(),
            Some("Scanner types as AZERTY: set [scanner] keyboard_layout = \"azerty-fr\"")
        );
        // Once a run: the next read-back scan shows no hint.
        press(&mut s, Input::Esc);
        s.screen = Screen::Scan;
        s.notice = None;
        advance(&mut s, Duration::from_secs(30));
        let code = "oneeojyhy5j3x0m6ribqu";
        let typed = KeyboardLayout::AzertyFr.typed_from_us(code).unwrap_or_default();
        assert_ne!(typed, code);
        assert_eq!(looked_up(&scan(&mut s, &typed)), [code]);
        assert_eq!(hint(&s), None);
    }

    #[test]
    fn what_a_person_types_is_never_read_back() {
        let mut s = kiosk();
        // Key by key, the AZERTY text is what the person meant: refused as typed, no request.
        let effects = slowly(&mut s, JANE_ON_AZERTY);
        assert!(looked_up(&effects).is_empty(), "{effects:?}");
        assert_eq!(hint(&s), None);
        // Even with the layout set: a person's keyboard is the till's own.
        let mut s = kiosk();
        s.scanners = Scanners::new(false, LayoutSetting::Fixed(KeyboardLayout::AzertyFr));
        assert!(looked_up(&slowly(&mut s, JANE_ON_AZERTY)).is_empty());
    }

    #[test]
    fn a_valid_burst_is_taken_as_it_came_under_auto_and_read_back_under_a_set_layout() {
        // `qzertyuiop` is a valid custom code as typed: auto prefers the reading as typed.
        let mut s = kiosk();
        assert_eq!(looked_up(&scan(&mut s, "qzertyuiop")), ["qzertyuiop"]);
        assert_eq!(hint(&s), None);
        // The setting reads every burst back, and needs no hint.
        let mut s = kiosk();
        s.scanners = Scanners::new(false, LayoutSetting::Fixed(KeyboardLayout::AzertyFr));
        assert_eq!(looked_up(&scan(&mut s, "qzertyuiop")), ["awertyuiop"]);
        advance(&mut s, Duration::from_secs(30));
        assert_eq!(looked_up(&scan(&mut s, JANE_ON_AZERTY)), [JANE]);
        assert_eq!(hint(&s), None);
        // `us` reads nothing back: the AZERTY burst is refused as it came.
        let mut s = kiosk();
        s.scanners = Scanners::new(false, LayoutSetting::Fixed(KeyboardLayout::Us));
        assert!(looked_up(&scan(&mut s, JANE_ON_AZERTY)).is_empty());
    }

    #[test]
    fn a_burst_that_reads_back_only_as_a_phone_number_is_left_alone_a_numeric_code_is_not() {
        // A phone number is what people type; coupons do not carry one.
        let typed = KeyboardLayout::AzertyFr
            .typed_from_us("+447911123456")
            .unwrap_or_default();
        assert_eq!(typed, "+''èç&&&é\"'(-");
        let mut s = kiosk();
        let effects = scan(&mut s, &typed);
        assert!(looked_up(&effects).is_empty(), "{effects:?}");
        assert_eq!(hint(&s), None);
        // A number that is a custom code (an EAN on the coupon) is one: read back.
        let mut s = kiosk();
        assert_eq!(looked_up(&scan(&mut s, "é&é&é&é&")), ["21212121"]);
        assert!(hint(&s).is_some());
    }

    #[test]
    fn a_serial_code_is_a_scan_and_leaves_what_the_cashier_typed() {
        let mut s = kiosk();
        s.scanners = Scanners::new(true, LayoutSetting::Fixed(KeyboardLayout::AzertyFr));
        assert_eq!(s.scanners.serial, Some(false));
        update(&mut s, Msg::Scanner(ScannerEvent::Connected));
        assert_eq!(s.scanners.serial, Some(true));
        advance(&mut s, Duration::from_secs(1));
        press(&mut s, Input::Char('x'));
        advance(&mut s, Duration::from_secs(1));
        // A serial scanner sends the code's own bytes: never read back under the layout.
        let effects = update(&mut s, Msg::Scanner(ScannerEvent::Code(JANE.into())));
        assert_eq!(looked_up(&effects), [JANE]);
        assert_eq!(s.scan.as_str(), "x", "the cashier's typing is left alone");
        update(&mut s, Msg::Scanner(ScannerEvent::Disconnected));
        assert_eq!(s.scanners.serial, Some(false));
        update(&mut s, Msg::Scanner(ScannerEvent::TooLong));
        let notice = s.notice.as_ref().map(|n| n.text.as_str()).unwrap_or_default();
        assert!(notice.contains("too long"), "{notice}");
    }

    #[test]
    fn a_serial_code_during_the_amount_prompt_waits_its_turn() {
        use crate::kiosk::tests::{config, kiosk_with, net, session, JANE2};
        let mut c = config();
        c.kiosk.ask_money_spent = true;
        let mut s = kiosk_with(c);
        let fx = scan(&mut s, JANE);
        let Some(Effect::Resolve { req, .. }) = fx.first().cloned() else {
            panic!("{fx:?}")
        };
        update(
            &mut s,
            Msg::Resolved {
                req,
                scanned: JANE.into(),
                result: Ok(vec![session(JANE)]),
                net: net(),
            },
        );
        press(&mut s, Input::Enter);
        assert!(matches!(s.screen, Screen::Money(_)), "{:?}", s.screen);
        let fx = update(&mut s, Msg::Scanner(ScannerEvent::Code(JANE2.into())));
        assert!(fx.is_empty(), "{fx:?}");
        assert!(
            matches!(s.screen, Screen::Money(_)),
            "the prompt is answered first"
        );
        assert_eq!(s.queue.iter().collect::<Vec<_>>(), [JANE2]);
    }

    #[test]
    fn an_azerty_burst_in_the_lookup_is_a_coupon_handed_over() {
        use crate::kiosk::commands::Command;
        let mut s = kiosk();
        press(&mut s, Input::Command(Command::Lookup));
        assert!(matches!(s.screen, Screen::Lookup(_)), "{:?}", s.screen);
        advance(&mut s, Duration::from_secs(1));
        assert_eq!(looked_up(&scan(&mut s, JANE_ON_AZERTY)), [JANE]);
        assert!(matches!(s.screen, Screen::Working(_)), "{:?}", s.screen);
    }
}
