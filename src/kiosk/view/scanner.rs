//! The status bar's serial scanner part: connected or not, in front of today's counts (the
//! right side, which is never cut), long where there is room and short where there is not.

use crate::kiosk::state::State;
use crate::kiosk::verdict::Tone;
use ratatui::style::Color;
use ratatui::text::{Line, Span};

/// `right` (the status bar's right side) with the serial scanner's state in front, when one is
/// configured. The long form is used when it fits beside the `left_width` columns of the left
/// side in a bar `width` wide.
pub(super) fn with_status<'a>(state: &State, right: Line<'a>, left_width: usize, width: u16) -> Line<'a> {
    let Some(connected) = state.scanners.serial else {
        return right;
    };
    let (long, short) = if connected {
        ("scanner-connected", "scanner-connected-short")
    } else {
        ("scanner-not-connected", "scanner-not-connected-short")
    };
    let long = state.t(long);
    // " word │" before the right side's own leading spaces.
    let room = usize::from(width).saturating_sub(left_width + right.width());
    let word = if long.chars().count() + 3 <= room {
        long
    } else {
        state.t(short)
    };
    let tone = if connected { Tone::Good } else { Tone::Warn };
    let mut spans = vec![
        Span::raw(" "),
        Span::styled(word, super::tone_fg(tone).bg(Color::DarkGray)),
        Span::raw(" │"),
    ];
    spans.extend(right.spans);
    Line::from(spans)
}
