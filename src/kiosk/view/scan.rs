//! The scan screen at rest, and while a request is in flight (LOOKING UP, VALIDATING, CHECKING).

use super::{big, customer_name, strip, tone_colors};
use crate::kiosk::state::{State, Task, Working};
use crate::kiosk::verdict::Tone;
use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget, Wrap};

pub(super) fn idle(state: &State, area: Rect, buf: &mut Buffer) {
    let (area, strip_area) = strip::split(state, area);
    strip::render(state, strip_area, buf);
    let mut lines = vec![
        Line::from(""),
        Line::from(state.t("scan-ready")).style(Style::new().add_modifier(Modifier::BOLD)),
        Line::from(state.t("scan-ready-hint")),
    ];
    if let Some(u) = state.undo.as_ref().filter(|_| state.can_undo()) {
        let left = u.until.saturating_sub(state.clock.mono).as_secs();
        lines.push(Line::from(""));
        lines.push(
            Line::from(state.t_with(
                "scan-undo-hint",
                &[("code", u.scanned.as_str().into()), ("seconds", left.into())],
            ))
            .style(Style::new().fg(Color::Yellow)),
        );
    }
    Paragraph::new(lines)
        .alignment(Alignment::Center)
        .wrap(Wrap { trim: true })
        .render(area, buf);
}

pub(super) fn working(state: &State, w: &Working, area: Rect, buf: &mut Buffer) {
    let (area, strip_area) = strip::split(state, area);
    strip::render(state, strip_area, buf);
    let checking = state.is_checking(w);
    // Each a message: its value the words in large type, `.detail` the line under them.
    let (id, tone) = match (w.task, checking) {
        (Task::LookingUp, _) => ("working-looking-up", None),
        (Task::Validating, false) => ("working-validating", None),
        (Task::Undoing, false) => ("working-undoing", None),
        (_, true) => ("working-checking", Some(Tone::Warn)),
    };
    let (words, detail) = (state.t(id), state.t(&format!("{id}.detail")));
    let style = match tone {
        Some(t) => {
            let (bg, fg) = tone_colors(t);
            buf.set_style(area, Style::new().bg(bg).fg(fg));
            Style::new().bg(bg).fg(fg)
        }
        None => Style::new().fg(Color::Cyan),
    };
    let symbol = if checking {
        format!("{} {words} {} ", state.glyphs().warn, state.glyphs().dash)
    } else {
        "… ".to_string()
    };
    let mut lines = vec![Line::from(format!("{symbol}{detail}")).style(style.add_modifier(Modifier::BOLD))];
    // What was scanned and what it gives, at once, so the cashier can prepare it: marked as
    // still being checked (and in no verdict's colour), because the verdict has not come.
    if let Some(s) = &w.session {
        let offer = state
            .catalogue
            .offer_text(&s.campaign)
            .or_else(|| w.offer.clone());
        let what = match offer {
            Some(offer) => state.t_with("counter-preview-offer", &[("offer", offer.into())]),
            None => state.t_with(
                "counter-preview-campaign",
                &[("campaign", s.campaign.clone().into())],
            ),
        };
        lines.insert(0, Line::from(what).style(style.add_modifier(Modifier::BOLD)));
        lines.push(Line::from(format!("{} · {}", s.campaign, customer_name(s))));
    }
    lines.push(Line::from(state.t_with(
        "working-waiting",
        &[
            ("code", w.scanned.as_str().into()),
            (
                "seconds",
                state.clock.mono.saturating_sub(w.started).as_secs().into(),
            ),
        ],
    )));
    let rest_h = u16::try_from(lines.len()).unwrap_or(3) + 1;
    let [_, top, rest] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(rest_h),
    ])
    .areas(area);
    big::render(&words, style, state.glyphs(), top, buf);
    Paragraph::new(lines)
        .style(style)
        .alignment(Alignment::Center)
        .wrap(Wrap { trim: true })
        .render(rest, buf);
}
