//! The conflict inbox (F9): each offline acceptance the server refused — code, customer, offer,
//! when this till accepted it and by whom, what the server says and since when — and whether a
//! manager has seen it.

use super::{local_datetime, tone_fg};
use crate::kiosk::conflicts::{ConflictInbox, MarkTarget};
use crate::kiosk::state::State;
use crate::offline::OutboxEntry;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Row, Table, Widget, Wrap};

pub(super) fn render(state: &State, c: &ConflictInbox, area: Rect, buf: &mut Buffer) {
    let Some(entries) = &c.entries else {
        let text = match &c.message {
            Some(m) => Line::from(format!(" {}", m.text)).style(tone_fg(m.tone)),
            None => Line::from(format!(" {}", state.t("conflicts-loading"))),
        };
        Paragraph::new(text).render(area, buf);
        return;
    };
    let title = state.t_with(
        "conflicts-title",
        &[("unseen", c.unseen().into()), ("total", entries.len().into())],
    );
    let inner = super::framed(area, Line::from(format!(" {title} ")), Color::Red, buf);
    if entries.is_empty() {
        Paragraph::new(Line::from(state.t("conflicts-none")))
            .style(Style::new().fg(Color::Gray))
            .render(inner, buf);
        return;
    }
    let detail_lines = c
        .selected_entry()
        .map(|e| detail_lines(state, e))
        .unwrap_or_default();
    // The detail takes the rows its words need (a server's message can be long), leaving the
    // table three rows and the hint its two.
    let needed = super::verdict::wrapped_height(&detail_lines, inner.width) + 1;
    let detail_rows = needed.clamp(5, inner.height.saturating_sub(5).max(5));
    let [table, detail, hint] = Layout::vertical([
        Constraint::Min(3),
        Constraint::Length(detail_rows),
        Constraint::Length(2),
    ])
    .areas(inner);
    render_table(state, c, entries, table, buf);
    let block = Block::new().borders(Borders::TOP);
    let detail_inner = block.inner(detail);
    block.render(detail, buf);
    Paragraph::new(detail_lines)
        .wrap(Wrap { trim: true })
        .render(detail_inner, buf);
    let mut lines = vec![];
    if let Some(m) = &c.message {
        lines.push(Line::from(m.text.clone()).style(tone_fg(m.tone)));
    }
    let what = match c.target {
        MarkTarget::Selected => state.t("conflicts-mark-this"),
        MarkTarget::AllUnseen => state.t_with("conflicts-mark-all", &[("n", c.unseen().into())]),
    };
    lines.push(Line::from(vec![
        Span::styled(" Ctrl-Y ", Style::new().fg(Color::Black).bg(Color::Gray)),
        Span::raw(format!(" {what}   ")),
        Span::styled(" Tab ", Style::new().fg(Color::Black).bg(Color::Gray)),
        Span::raw(format!(" {}", state.t("conflicts-switch"))),
    ]));
    Paragraph::new(lines).render(hint, buf);
}

fn render_table(state: &State, c: &ConflictInbox, entries: &[OutboxEntry], area: Rect, buf: &mut Buffer) {
    let header = Row::new([
        state.t("conflicts-col-code"),
        state.t("conflicts-col-customer"),
        state.t("conflicts-col-accepted"),
        state.t("conflicts-col-server"),
        state.t("conflicts-col-seen"),
    ])
    .style(Style::new().fg(Color::Gray).add_modifier(Modifier::BOLD));
    let visible = usize::from(area.height.saturating_sub(1)).max(1);
    let first = c.selected.saturating_sub(visible - 1);
    let rows = entries
        .iter()
        .enumerate()
        .skip(first)
        .take(visible)
        .map(|(i, e)| {
            let seen = match e.seen_at {
                Some(_) => Span::raw(state.t("conflicts-seen")),
                None => Span::styled(state.t("conflicts-unseen"), Style::new().fg(Color::Red)),
            };
            let row = Row::new(vec![
                Span::raw(e.session.clone()),
                Span::raw(e.customer.clone().unwrap_or_else(|| "—".into())),
                Span::raw(local_datetime(state, e.accepted_at)),
                Span::raw(server_word(state, e)),
                seen,
            ]);
            if i == c.selected {
                row.style(Style::new().add_modifier(Modifier::REVERSED))
            } else {
                row
            }
        });
    Table::new(
        rows,
        [
            Constraint::Length(21),
            Constraint::Min(10),
            // A date and time in the longest of the four languages' forms: "20. Nov. 2026 12:00".
            Constraint::Length(19),
            Constraint::Min(12),
            Constraint::Length(8),
        ],
    )
    .header(header)
    .render(area, buf);
}

/// What the server says, in the cashier's words: the outcome (`already_validated` in the
/// outbox and `conflicts --json`) as the journal's summary words it.
fn server_word(state: &State, e: &OutboxEntry) -> String {
    let Some(word) = e.server_outcome.as_deref() else {
        return "—".into();
    };
    let id = format!("outcome-{}", word.replace('_', "-"));
    match state.t(&id) {
        // An outcome no message names (an outbox written by a newer kiosk): its own word.
        said if said == id => word.replace('_', " "),
        said => said,
    }
}

/// The selected conflict in words: offer and customer, who accepted it when, what the server
/// says and since when, and whether a manager has seen it.
fn detail_lines(state: &State, e: &OutboxEntry) -> Vec<Line<'static>> {
    let who = match &e.cashier {
        Some(c) => format!("{c} @ {}", e.terminal),
        None => e.terminal.clone(),
    };
    let mut lines = vec![
        Line::from(state.t_with(
            "conflicts-offer",
            &[
                (
                    "offer",
                    e.offer.clone().unwrap_or_else(|| e.campaign.clone()).into(),
                ),
                (
                    "customer",
                    e.customer.clone().unwrap_or_else(|| "—".into()).into(),
                ),
            ],
        ))
        .style(Style::new().add_modifier(Modifier::BOLD)),
        Line::from(state.t_with(
            "conflicts-accepted",
            &[
                ("at", local_datetime(state, e.accepted_at).into()),
                ("who", who.into()),
            ],
        )),
    ];
    let says = e.server_message.clone().unwrap_or_else(|| server_word(state, e));
    lines.push(match e.server_since {
        Some(since) => Line::from(state.t_with(
            "conflicts-server-since",
            &[
                ("says", says.into()),
                ("since", local_datetime(state, since).into()),
            ],
        )),
        None => Line::from(state.t_with("conflicts-server", &[("says", says.into())])),
    });
    lines.push(match (e.seen_at, &e.seen_by) {
        (Some(at), by) => Line::from(state.t_with(
            "conflicts-seen-by",
            &[
                ("at", local_datetime(state, at).into()),
                ("by", by.clone().unwrap_or_else(|| "—".into()).into()),
            ],
        )),
        (None, _) => Line::from(state.t("conflicts-not-seen")).style(Style::new().fg(Color::Red)),
    });
    lines
}
