//! Shift summary (F3): today's attempts per outcome, from the journal.

use crate::journal::{Operation, Outcome};
use crate::kiosk::state::State;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Paragraph, Row, Table, Widget};

pub(super) fn render(state: &State, area: Rect, buf: &mut Buffer) {
    let t = &state.today;
    let since = t
        .since_utc
        .map(|d| super::local_datetime(state, d))
        .unwrap_or_else(|| "today".into());
    let block = Block::new()
        .borders(Borders::ALL)
        .title(format!(
            " Shift summary — since {since} ({}) ",
            state.config.kiosk.terminal_id
        ))
        .border_style(Style::new().fg(Color::Cyan));
    let inner = block.inner(area);
    block.render(area, buf);
    if t.counts.is_empty() {
        Paragraph::new(Line::from("No attempts today yet.")).render(inner, buf);
        return;
    }
    // One row per operation and outcome, each count once; the symbol says which of the status
    // bar's totals (✔ ✖ ⚠) it is part of.
    let header = Row::new(["Operation", "Outcome", "Count"])
        .style(Style::new().fg(Color::Gray).add_modifier(Modifier::BOLD));
    let mut rows = t.counts.clone();
    rows.sort_by_key(|c| (c.operation, c.outcome));
    let rows = rows.iter().map(|c| {
        let g = state.glyphs();
        let symbol = match (c.operation, c.outcome) {
            (Operation::Validate, Outcome::Validated) => format!("{} ", g.good),
            (Operation::Validate, o) if o.is_refusal() => format!("{} ", g.bad),
            (Operation::Validate, o) if o.is_unsure() => format!("{} ", g.warn),
            _ => "  ".into(),
        };
        // Words, not the journal's identifiers ("already validated", not already_validated).
        Row::new([
            c.operation.as_str().replace('_', " "),
            format!("{symbol}{}", c.outcome.as_str().replace('_', " ")),
            c.count.to_string(),
        ])
    });
    Table::new(
        rows,
        [
            Constraint::Length(12),
            Constraint::Length(28),
            Constraint::Length(7),
        ],
    )
    .header(header)
    .render(inner, buf);
}
