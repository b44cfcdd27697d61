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
        Line::from("Ready").style(Style::new().add_modifier(Modifier::BOLD)),
        Line::from("Scan a coupon, or type its code, URL, email or phone and press Enter."),
    ];
    if let Some(u) = state.undo.as_ref().filter(|_| state.can_undo()) {
        let left = u.until.saturating_sub(state.clock.mono).as_secs();
        lines.push(Line::from(""));
        lines.push(
            Line::from(format!(
                "F8 undoes the last validation ({}) for {left} more seconds.",
                u.scanned
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
    let (words, detail, tone): (&[&str], String, Option<Tone>) = match (w.task, checking) {
        (Task::LookingUp, _) => (&["LOOKING UP"], "Finding the coupon session…".into(), None),
        (Task::Validating, false) => (&["VALIDATING"], "Asking the server to validate…".into(), None),
        (Task::Undoing, false) => (&["UNDOING"], "Asking the server to unvalidate…".into(), None),
        (_, true) => (
            &["CHECKING"],
            "No answer in time: asking the server what happened. Do not accept yet.".into(),
            Some(Tone::Warn),
        ),
    };
    let style = match tone {
        Some(t) => {
            let (bg, fg) = tone_colors(t);
            buf.set_style(area, Style::new().bg(bg).fg(fg));
            Style::new().bg(bg).fg(fg)
        }
        None => Style::new().fg(Color::Cyan),
    };
    let symbol = if checking { "⚠ CHECKING — " } else { "… " };
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
    lines.push(Line::from(format!(
        "{} · waiting {} s",
        w.scanned,
        state.clock.mono.saturating_sub(w.started).as_secs()
    )));
    let rest_h = u16::try_from(lines.len()).unwrap_or(3) + 1;
    let [_, top, rest] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(rest_h),
    ])
    .areas(area);
    big::render(words, style, top, buf);
    Paragraph::new(lines)
        .style(style)
        .alignment(Alignment::Center)
        .wrap(Wrap { trim: true })
        .render(rest, buf);
}
