//! The status bar's serial scanner part: connected or not, long ("scanner: connected") where
//! there is room and short ("scan on") where there is not.

use super::chrome::{Keep, Part};
use crate::kiosk::state::State;
use crate::kiosk::verdict::Tone;
use ratatui::style::Color;
use ratatui::text::Span;

/// Both forms, when a serial scanner is configured: the bar drops the long one first when it is
/// narrow, and [`one_form`] drops the short one when the long one stayed.
pub(super) fn status_parts(state: &State) -> Vec<Part> {
    let Some(connected) = state.scanners.serial else {
        return vec![];
    };
    let (long, short) = if connected {
        ("scanner-connected", "scanner-connected-short")
    } else {
        ("scanner-not-connected", "scanner-not-connected-short")
    };
    let tone = if connected { Tone::Good } else { Tone::Warn };
    let part = |keep: Keep, id: &str| {
        Part::new(
            keep,
            vec![
                Span::raw(" │ "),
                Span::styled(state.t(id), super::tone_fg(tone).bg(Color::DarkGray)),
            ],
        )
    };
    vec![part(Keep::ScannerLong, long), part(Keep::ScannerShort, short)]
}

/// Keeps one form of the scanner's state: the long one if it is still there.
pub(super) fn one_form(parts: &mut Vec<Part>) {
    if parts.iter().any(|p| p.keep == Keep::ScannerLong) {
        parts.retain(|p| p.keep != Keep::ScannerShort);
    }
}
