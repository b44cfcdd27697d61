//! Staff lookup: the search form, the results table, and a session's detail with its actions.

use super::card::{session_lines, session_table};
use super::chrome::{field_line, key_name};
use super::{centered, tone_fg};
use crate::kiosk::lookup::{Focus, Lookup, LookupView, Step};
use crate::kiosk::msg::StaffAction;
use crate::kiosk::state::State;
use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget, Wrap};

pub(super) fn render(state: &State, l: &Lookup, area: Rect, buf: &mut Buffer) {
    let said = l
        .message
        .as_ref()
        .map(|m| Line::from(format!(" {}", m.text_in(state.config.kiosk.language))).style(tone_fg(m.tone)));
    // A sentence that says what was (not) done is never cut: it wraps, up to three rows.
    let rows = said.as_ref().map_or(1, |line| {
        super::verdict::wrapped_height(std::slice::from_ref(line), area.width).clamp(1, 3)
    });
    let [form, message, rest] = Layout::vertical([
        Constraint::Length(4),
        Constraint::Length(rows),
        Constraint::Min(0),
    ])
    .areas(area);
    render_form(state, l, form, buf);
    if let Some(line) = said {
        Paragraph::new(line)
            .wrap(Wrap { trim: false })
            .render(message, buf);
    } else if l.busy.is_some() {
        Paragraph::new(format!(" {}", state.t("lookup-searching"))).render(message, buf);
    }
    match l.view {
        LookupView::Form => {
            let mut lines = vec![
                Line::from(state.t("lookup-form-hint")),
                Line::from(state.t("lookup-form-hint-campaign")),
            ];
            lines.extend(super::offline::copy_holds(state));
            Paragraph::new(lines)
                .style(Style::new().fg(Color::Gray))
                .wrap(Wrap { trim: true })
                .render(rest, buf);
        }
        LookupView::Results => {
            let count = ("count", l.results.len().into());
            let title = match &l.searched_for {
                Some(q) => {
                    let query = q.in_language(state.config.kiosk.language);
                    state.t_with("lookup-results-for", &[count, ("query", query.as_str().into())])
                }
                None => state.t_with("lookup-results", &[count]),
            };
            let title = format!(" {title} ");
            let block = Block::new().borders(Borders::TOP).title(title);
            let inner = block.inner(rest);
            block.render(rest, buf);
            if l.copies.is_empty() {
                session_table(state, &l.results, l.selected, inner, buf);
            } else {
                let [table, source] =
                    Layout::horizontal([Constraint::Min(20), Constraint::Length(24)]).areas(inner);
                session_table(state, &l.results, l.selected, table, buf);
                super::offline::copy_marks(state, l, source, buf);
            }
        }
        LookupView::Detail => render_detail(state, l, rest, buf),
    }
}

fn render_form(state: &State, l: &Lookup, area: Rect, buf: &mut Buffer) {
    let inner = super::framed(
        area,
        format!(" {} ", state.t("lookup-title")),
        Color::Magenta,
        buf,
    );
    let [q, c] = Layout::vertical([Constraint::Length(1), Constraint::Length(1)]).areas(inner);
    let editing = l.view == LookupView::Form;
    let (search, campaign) = (state.t("lookup-search"), state.t("lookup-campaign"));
    // Both prompts as wide as the longer, so the two fields start in one column.
    let wide = search.chars().count().max(campaign.chars().count());
    for (field, focus, prompt, rect) in [
        (&l.query, Focus::Query, search, q),
        (&l.campaign, Focus::Campaign, campaign, c),
    ] {
        let prompt = format!("{prompt:<wide$} ▸ ");
        if editing && l.focus == focus {
            field_line(&prompt, field.as_str(), false, rect, buf);
        } else {
            Paragraph::new(Line::from(vec![
                Span::styled(prompt, Style::new().fg(Color::Gray)),
                Span::raw(field.as_str().to_string()),
            ]))
            .render(rect, buf);
        }
    }
}

fn render_detail(state: &State, l: &Lookup, area: Rect, buf: &mut Buffer) {
    let Some(s) = l.selected_session() else {
        return;
    };
    let [left, right] = Layout::horizontal([Constraint::Min(20), Constraint::Length(20)]).areas(area);
    let block = Block::new()
        .borders(Borders::TOP)
        .title(format!(" {} ", state.t("lookup-session")));
    let inner = block.inner(left);
    block.render(left, buf);
    let mut lines = session_lines(state, s);
    let c = &s.customer;
    if let Some(e) = &c.email {
        lines.push(Line::from(format!("{:<11} {e}", state.t("lookup-email"))));
    }
    if let Some(p) = &c.phone {
        lines.push(Line::from(format!("{:<11} {p}", state.t("lookup-phone"))));
    }
    if let Some(line) = super::offline::copy_line(state, l, s) {
        lines.push(line);
    }
    Paragraph::new(lines).render(inner, buf);

    let block = Block::new()
        .borders(Borders::TOP | Borders::LEFT)
        .title(format!(" {} ", state.t("lookup-actions")));
    let inner = block.inner(right);
    block.render(right, buf);
    // Only what the session's state allows is offered.
    let actions: Vec<Line> = StaffAction::ALL
        .iter()
        .enumerate()
        .filter(|(_, a)| a.allowed_for(s))
        .map(|(i, a)| {
            let mark = if a.destructive() && state.config.kiosk.supervisor_pin.is_some() {
                " (PIN)"
            } else {
                ""
            };
            let line = Line::from(format!(" {}{mark}", state.t(action_message(*a))));
            if i == l.action {
                line.style(Style::new().add_modifier(Modifier::REVERSED))
            } else {
                line
            }
        })
        .collect();
    Paragraph::new(actions).render(inner, buf);

    let action = l.selected_action();
    let label = state.t(action_message(action));
    let prompt: Option<Vec<Line>> = match &l.step {
        Step::Confirm => Some(vec![
            Line::from(state.t_with(
                "lookup-confirm",
                &[("action", label.into()), ("code", s.session.as_str().into())],
            ))
            .style(Style::new().add_modifier(Modifier::BOLD)),
            Line::from(state.t_with(
                "lookup-confirm-keys",
                &[
                    (
                        "yes",
                        key_name(state, if action.destructive() { "Ctrl-Y" } else { "Enter" }).into(),
                    ),
                    ("no", key_name(state, "Esc").into()),
                ],
            )),
        ]),
        Step::Pin { field, wrong } => {
            let mut v = vec![Line::from(state.t_with(
                "lookup-needs-pin",
                &[("action", label.into()), ("pin", "•".repeat(field.len()).into())],
            ))];
            if *wrong {
                v.push(
                    Line::from(state.t("lookup-wrong-pin")).style(tone_fg(crate::kiosk::verdict::Tone::Bad)),
                );
            }
            Some(v)
        }
        _ => None,
    };
    if let Some(lines) = prompt {
        let popup = centered(area, 56, 4);
        Clear.render(popup, buf);
        Paragraph::new(lines)
            .alignment(Alignment::Center)
            .wrap(Wrap { trim: true })
            .block(
                Block::new()
                    .borders(Borders::ALL)
                    .border_style(Style::new().fg(Color::Yellow)),
            )
            .render(popup, buf);
    }
}

/// A staff action's name, as a message id.
fn action_message(a: StaffAction) -> &'static str {
    use crate::api::Operation;
    match a {
        StaffAction::Update(Operation::Validate) => "action-validate",
        StaffAction::Update(Operation::Unvalidate) => "action-unvalidate",
        StaffAction::Update(Operation::Void) => "action-void",
        StaffAction::Update(Operation::Unvoid) => "action-unvoid",
        StaffAction::Update(Operation::Lock) => "action-lock",
        StaffAction::Update(Operation::Unlock) => "action-unlock",
        StaffAction::Update(Operation::Claim) => "action-claim",
        StaffAction::Update(Operation::Activate) => "action-activate",
        StaffAction::Delete => "action-delete",
    }
}
