//! F1: every key of the kiosk.

use crate::kiosk::state::State;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Row, Table, Widget, Wrap};

/// What is not a command: typing, the keys every screen shares, and the colours.
const BEFORE: [(&str, &str); 3] = [
    (
        "letters, digits",
        "always go into the scan field (scanners type them)",
    ),
    (
        "Enter / Ctrl-J / Tab",
        "end a scan; with an empty field, Enter confirms",
    ),
    ("Esc", "clear the scan field, dismiss a verdict, or go back"),
];
const AFTER: [(&str, &str); 6] = [
    ("↑ ↓", "choose in lists and actions"),
    ("", ""),
    ("✔ green", "VALIDATED: give the discount"),
    ("✖ red", "refused: already validated, expired, voided, locked…"),
    ("⚠ amber", "CHECK FAILED / UNKNOWN: do not accept yet; F5"),
    ("paste", "treated as typing; it never submits by itself"),
];

pub(super) fn render(state: &State, area: Rect, buf: &mut Buffer) {
    let inner = super::framed(area, " Keys — Esc or F1 to go back ", Color::Cyan, buf);
    // The last trouble in technical words, for whoever is asked to look into it (the verdict
    // itself only says one plain sentence).
    let inner = match &state.last_problem {
        Some((at, detail)) if inner.height > 4 => {
            let [keys, problem] = Layout::vertical([Constraint::Min(1), Constraint::Length(2)]).areas(inner);
            Paragraph::new(vec![
                Line::from(format!(
                    "Last problem, at {}:",
                    super::local_time_secs(state, *at)
                ))
                .style(Style::new().fg(Color::Yellow)),
                Line::from(detail.clone()),
            ])
            .wrap(Wrap { trim: true })
            .render(problem, buf);
            keys
        }
        _ => inner,
    };
    let keys: Vec<(&str, &str)> = BEFORE
        .into_iter()
        .chain(super::chrome::command_help())
        .chain(AFTER)
        .collect();
    let rows = keys.iter().map(|(k, v)| {
        Row::new([k.to_string(), v.to_string()])
            .style(Style::new())
            .height(1)
    });
    Table::new(rows, [Constraint::Length(21), Constraint::Min(10)])
        .style(Style::new())
        .row_highlight_style(Style::new().add_modifier(Modifier::BOLD))
        .render(inner, buf);
}
