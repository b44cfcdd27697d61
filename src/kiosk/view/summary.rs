//! Shift summary (F3): today's attempts per outcome, from the journal.

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
    let header = Row::new(["Operation", "Outcome", "Count"])
        .style(Style::new().fg(Color::Gray).add_modifier(Modifier::BOLD));
    let mut rows: Vec<Row> = vec![
        Row::new([
            "validate".to_string(),
            "✔ validated".to_string(),
            t.validated().to_string(),
        ]),
        Row::new([
            "validate".to_string(),
            "✖ refused (all reasons)".to_string(),
            t.refused().to_string(),
        ]),
        Row::new([
            "validate".to_string(),
            "⚠ unknown / check failed".to_string(),
            t.unsure().to_string(),
        ]),
        Row::new(["", "", ""]),
    ];
    let mut detail = t.counts.clone();
    detail.sort_by(|a, b| (&a.operation, &a.outcome).cmp(&(&b.operation, &b.outcome)));
    rows.extend(
        detail
            .iter()
            .map(|c| Row::new([c.operation.clone(), c.outcome.clone(), c.count.to_string()])),
    );
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
