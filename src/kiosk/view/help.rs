//! F1: every key of the kiosk.

use crate::kiosk::state::State;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Row, Table, Widget, Wrap};

/// What is not a command: typing, the keys every screen shares, and the colours. Each a message
/// (`help.ftl`) whose value is the explanation and `.key` the key or colour it explains.
const BEFORE: [&str; 3] = ["help-typing", "help-enter", "help-esc"];
const AFTER: [&str; 5] = [
    "help-arrows",
    "help-green",
    "help-red",
    "help-amber",
    "help-paste",
];

pub(super) fn render(state: &State, area: Rect, buf: &mut Buffer) {
    let inner = super::framed(area, format!(" {} ", state.t("help-title")), Color::Cyan, buf);
    // The last trouble in technical words, for whoever is asked to look into it (the verdict
    // itself only says one plain sentence).
    let inner = match &state.last_problem {
        Some((at, detail)) if inner.height > 4 => {
            let [keys, problem] = Layout::vertical([Constraint::Min(1), Constraint::Length(2)]).areas(inner);
            Paragraph::new(vec![
                Line::from(state.t_with(
                    "help-last-problem",
                    &[("time", super::local_time_secs(state, *at).into())],
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
    let row = |id: &str| match id {
        "" => (String::new(), String::new()),
        id => (state.t(&format!("{id}.key")), state.t(id)),
    };
    let keys: Vec<(String, String)> = BEFORE
        .into_iter()
        .map(row)
        .chain(super::chrome::command_help(state))
        .chain(AFTER.into_iter().map(row))
        .collect();
    let rows = keys
        .iter()
        .map(|(k, v)| Row::new([k.clone(), v.clone()]).style(Style::new()).height(1));
    Table::new(rows, [Constraint::Length(21), Constraint::Min(10)])
        .style(Style::new())
        .row_highlight_style(Style::new().add_modifier(Modifier::BOLD))
        .render(inner, buf);
}
