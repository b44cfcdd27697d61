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
        .unwrap_or_else(|| state.t("summary-today"));
    let title = state.t_with(
        "summary-title",
        &[
            ("since", since.into()),
            ("till", state.config.kiosk.terminal_id.as_str().into()),
        ],
    );
    let block = Block::new()
        .borders(Borders::ALL)
        .title(format!(" {title} "))
        .border_style(Style::new().fg(Color::Cyan));
    let inner = block.inner(area);
    block.render(area, buf);
    if t.counts.is_empty() {
        Paragraph::new(Line::from(state.t("summary-none"))).render(inner, buf);
        return;
    }
    // One row per operation and outcome, each count once; the symbol says which of the status
    // bar's totals (✔ ✖ ⚠) it is part of.
    let header = Row::new(["summary-operation", "summary-outcome", "summary-count"].map(|id| state.t(id)))
        .style(Style::new().fg(Color::Gray).add_modifier(Modifier::BOLD));
    let mut rows = t.counts.clone();
    rows.sort_by_key(|c| (c.operation, c.outcome));
    let rows = rows.iter().map(|c| {
        let symbol = match (c.operation, c.outcome) {
            (Operation::Validate, Outcome::Validated) => "✔ ",
            (Operation::Validate, o) if o.is_refusal() => "✖ ",
            (Operation::Validate, o) if o.is_unsure() => "⚠ ",
            _ => "  ",
        };
        // Words, not the journal's identifiers ("already validated", not already_validated).
        Row::new([
            state.t(&operation_message(c.operation)),
            format!("{symbol}{}", state.t(&outcome_message(c.outcome))),
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

/// A journal operation in words: message `operation-<operation>`.
pub(in crate::kiosk) fn operation_message(o: Operation) -> String {
    format!("operation-{}", o.as_str().replace('_', "-"))
}

/// A journal outcome in words: message `outcome-<outcome>`.
pub(in crate::kiosk) fn outcome_message(o: Outcome) -> String {
    format!("outcome-{}", o.as_str().replace('_', "-"))
}
