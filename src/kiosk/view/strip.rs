//! The bottom of the scan screen: what waits ("next: …") and the last few results (time, code,
//! offer, verdict word), newest first, each with its symbol so the word reads without colour.

use super::{local_time_secs, tone_fg};
use crate::kiosk::state::State;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

/// Rows the strip would like: the queue line, a rule, and one row per result.
pub(super) fn wanted_rows(state: &State) -> u16 {
    let queue = u16::from(!state.queue.is_empty());
    let strip = state.strip.iter().count();
    let strip = if strip == 0 { 0 } else { strip + 1 };
    queue + u16::try_from(strip).unwrap_or(u16::MAX)
}

/// Splits `area` into the screen's own part and the strip's rows under it. The screen keeps at
/// least half (its verdict words come first).
pub(super) fn split(state: &State, area: Rect) -> (Rect, Rect) {
    let rows = wanted_rows(state).min(area.height / 2);
    let [top, bottom] = Layout::vertical([Constraint::Min(0), Constraint::Length(rows)]).areas(area);
    (top, bottom)
}

pub(super) fn render(state: &State, area: Rect, buf: &mut Buffer) {
    if area.is_empty() {
        return;
    }
    let mut lines = vec![];
    if !state.queue.is_empty() {
        let shown: Vec<&str> = state.queue.iter().take(3).collect();
        let more = state.queue.len().saturating_sub(shown.len());
        let next = state.t_with(
            "strip-next",
            &[("codes", shown.join(", ").into()), ("more", more.into())],
        );
        lines.push(
            Line::from(format!(
                " {} {} {} {next}",
                state.glyphs().waiting,
                state.t_with("scan-queue-waiting", &[("count", state.queue.len().into())]),
                state.glyphs().dash,
            ))
            .style(Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD)),
        );
    }
    if !state.strip.is_empty() {
        lines.push(
            Line::from(format!(" {}", state.t("strip-last-results"))).style(Style::new().fg(Color::Gray)),
        );
    }
    for e in state.strip.iter() {
        let mut spans = vec![
            Span::raw(format!(" {} ", local_time_secs(state, e.at_utc))),
            // Word before symbol: the verdict screen's own "✔ VALIDATED" stays unique on screen.
            Span::styled(
                format!("{:<17} {}", state.t(e.message), state.glyphs().tone(e.tone)),
                tone_fg(e.tone).add_modifier(Modifier::BOLD),
            ),
            Span::raw(format!(" {}", e.scanned)),
        ];
        if let Some(offer) = &e.offer {
            spans.push(Span::styled(format!(" · {offer}"), Style::new().fg(Color::Gray)));
        }
        lines.push(Line::from(spans));
    }
    Paragraph::new(lines).render(area, buf);
}
