//! F1: every key of the kiosk.

use crate::kiosk::state::State;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::widgets::{Block, Borders, Row, Table, Widget};

const KEYS: [(&str, &str); 16] = [
    (
        "letters, digits",
        "always go into the scan field (scanners type them)",
    ),
    (
        "Enter / Ctrl-J / Tab",
        "end a scan; with an empty field, Enter confirms",
    ),
    ("Esc", "clear the scan field, dismiss a verdict, or go back"),
    ("F1", "this help"),
    ("F2", "staff lookup by email, phone or code"),
    ("F3", "shift summary: today's counts per outcome"),
    ("F4", "barcode of the session on screen (Tab: next type)"),
    ("F5", "retry after CHECK FAILED or UNKNOWN; reload in lookup"),
    ("F8", "undo the last validation (for a short while)"),
    ("↑ ↓", "choose in lists and actions"),
    ("Ctrl-Q", "quit (asks first)"),
    ("", ""),
    ("✔ green", "VALIDATED: give the discount"),
    ("✖ red", "refused: already validated, expired, voided, locked…"),
    ("⚠ amber", "CHECK FAILED / UNKNOWN: do not accept yet; F5"),
    ("paste", "treated as typing; it never submits by itself"),
];

pub(super) fn render(_state: &State, area: Rect, buf: &mut Buffer) {
    let block = Block::new()
        .borders(Borders::ALL)
        .title(" Keys — Esc or F1 to go back ")
        .border_style(Style::new().fg(Color::Cyan));
    let inner = block.inner(area);
    block.render(area, buf);
    let rows = KEYS.iter().map(|(k, v)| {
        Row::new([k.to_string(), v.to_string()])
            .style(Style::new())
            .height(1)
    });
    Table::new(rows, [Constraint::Length(21), Constraint::Min(10)])
        .style(Style::new())
        .row_highlight_style(Style::new().add_modifier(Modifier::BOLD))
        .render(inner, buf);
}
