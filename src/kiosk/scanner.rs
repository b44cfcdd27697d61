//! The kiosk's side of its scanners: whether the serial scanner is connected (for the status
//! bar), and how a keyboard scanner's bursts are read back (`[scanner] keyboard_layout`), with
//! the one-time hint `auto` owes the cashier when it had to read one back.

use crate::keyboard_layout::{KeyboardLayout, LayoutSetting};

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scanners {
    /// The serial scanner: None when none is configured, else whether it is connected now.
    pub serial: Option<bool>,
    /// How a keyboard scanner's bursts are read back.
    pub layout: LayoutSetting,
    /// `auto` read a burst back under this layout and the screen has not said so yet.
    pub hint_due: Option<KeyboardLayout>,
    /// The hint has been shown: it is shown once a run, not on every scan.
    pub hint_shown: bool,
}

impl Scanners {
    /// A serial scanner configured or not (not connected until its reader says so), and the
    /// layout setting.
    pub fn new(serial_configured: bool, layout: LayoutSetting) -> Self {
        Scanners {
            serial: serial_configured.then_some(false),
            layout,
            ..Scanners::default()
        }
    }
}

/// The keyboard family a layout is known by, for the hint ("Scanner types as AZERTY").
pub fn family(layout: KeyboardLayout) -> &'static str {
    match layout {
        KeyboardLayout::Us => "QWERTY",
        KeyboardLayout::AzertyFr | KeyboardLayout::AzertyBe => "AZERTY",
        KeyboardLayout::QwertzDe => "QWERTZ",
    }
}
