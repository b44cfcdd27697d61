//! What surrounds every screen: the status bar, the scan field and the footer of keys.

use super::{local_clock, tone_fg};
use crate::kiosk::lookup::{LookupView, Step};
use crate::kiosk::state::{Link, Screen, State, Task};
use crate::kiosk::verdict::Tone;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Widget};

/// Connection and last round trip, terminal, cashier, today's counts, local clock.
pub(super) fn status_bar(state: &State, area: Rect, buf: &mut Buffer) {
    let bar = Style::new().bg(Color::DarkGray).fg(Color::White);
    buf.set_style(area, bar);
    let (dot, words, style) = match state.conn.link {
        Link::Unknown => ("○", "not connected yet", Style::new()),
        Link::Online => ("●", "online", tone_fg(Tone::Good)),
        Link::Unstable => ("⚠", "unstable", tone_fg(Tone::Warn)),
        Link::Offline => ("✖", "OFFLINE", tone_fg(Tone::Bad)),
    };
    let mut left = vec![Span::styled(format!(" {dot} {words}"), style.bg(Color::DarkGray))];
    if let Some(rtt) = state.conn.last_rtt {
        left.push(Span::raw(format!(" {} ms", rtt.as_millis())));
    }
    left.push(Span::raw(format!(" │ {}", state.config.kiosk.terminal_id)));
    if let Some(c) = &state.config.kiosk.cashier {
        left.push(Span::raw(format!(" │ {c}")));
    }
    if state.config.demo {
        left.push(Span::raw(" │ "));
        left.push(Span::styled(
            "DEMO",
            Style::new().fg(Color::Black).bg(Color::Cyan),
        ));
    }
    if state.journal_error.is_some() {
        left.push(Span::raw(" │ "));
        left.push(Span::styled(
            "JOURNAL NOT WRITTEN",
            Style::new().fg(Color::White).bg(Color::Red),
        ));
    }
    let t = &state.today;
    let right = Line::from(vec![
        Span::raw("  today "),
        Span::styled(format!("✔ {}", t.validated()), Style::new().fg(Color::LightGreen)),
        Span::raw(" "),
        Span::styled(format!("✖ {}", t.refused()), Style::new().fg(Color::LightRed)),
        Span::raw(" "),
        Span::styled(format!("⚠ {}", t.unsure()), Style::new().fg(Color::LightYellow)),
        Span::raw(format!(" │ {} ", local_clock(state, state.clock.utc))),
    ]);
    let right_w = u16::try_from(right.width()).unwrap_or(u16::MAX).min(area.width);
    let [l, r] = Layout::horizontal([Constraint::Min(0), Constraint::Length(right_w)]).areas(area);
    Paragraph::new(Line::from(left)).render(l, buf);
    Paragraph::new(right).render(r, buf);
}

/// The scan field (always focused on the scan-side screens) and the notice under it.
pub(super) fn scan_field(state: &State, area: Rect, buf: &mut Buffer) {
    let [boxed, notice] = Layout::vertical([Constraint::Length(3), Constraint::Length(1)]).areas(area);
    let block = Block::new()
        .borders(Borders::ALL)
        .title(" Scan or type a code, then Enter ")
        .border_style(Style::new().fg(Color::Cyan));
    let inner = block.inner(boxed);
    block.render(boxed, buf);
    field_line("▸ ", state.scan.as_str(), false, inner, buf);
    if let Some(n) = &state.notice {
        Paragraph::new(Line::from(format!(" {}", n.text)).style(tone_fg(n.tone))).render(notice, buf);
    }
}

/// Where the scan field would be, on screens that take typing for their own fields.
pub(super) fn field_hint(state: &State, area: Rect, buf: &mut Buffer) {
    let text = match &state.screen {
        Screen::Money(_) => " Type the amount, Enter to validate. Esc goes back.",
        _ => " Staff lookup: typing goes into the search. F2 returns to the scan screen.",
    };
    let [_, line] = Layout::vertical([Constraint::Length(2), Constraint::Length(1)]).areas(area);
    Paragraph::new(Line::from(text).style(Style::new().fg(Color::Gray))).render(line, buf);
}

/// One line of input with a block cursor; shows the end of the text when it is too long.
pub(super) fn field_line(prompt: &str, text: &str, masked: bool, area: Rect, buf: &mut Buffer) {
    if area.is_empty() {
        return;
    }
    let shown: String = if masked {
        "•".repeat(text.chars().count())
    } else {
        text.to_string()
    };
    let room = usize::from(area.width).saturating_sub(prompt.chars().count() + 1);
    let count = shown.chars().count();
    let tail: String = shown.chars().skip(count.saturating_sub(room)).collect();
    let line = Line::from(vec![
        Span::styled(prompt.to_string(), Style::new().fg(Color::Cyan)),
        Span::styled(tail, Style::new().add_modifier(Modifier::BOLD)),
        Span::styled("█", Style::new().fg(Color::Cyan)),
    ]);
    Paragraph::new(line).render(area, buf);
}

/// The keys of the current screen.
pub(super) fn footer(state: &State, area: Rect, buf: &mut Buffer) {
    let keys = footer_keys(state);
    let mut spans = vec![];
    for (key, what) in keys {
        spans.push(Span::styled(
            format!(" {key} "),
            Style::new().fg(Color::Black).bg(Color::Gray),
        ));
        spans.push(Span::raw(format!(" {what} ")));
    }
    Paragraph::new(Line::from(spans)).render(area, buf);
}

fn footer_keys(state: &State) -> Vec<(&'static str, &'static str)> {
    if state.quit_prompt {
        return vec![("Enter", "quit"), ("Esc", "stay")];
    }
    let mut keys = match &state.screen {
        Screen::Scan => vec![("F2", "lookup"), ("F3", "shift"), ("Esc", "clear")],
        Screen::Working(w) if w.task == Task::LookingUp => vec![("Esc", "cancel")],
        Screen::Working(_) => vec![],
        Screen::Card(_) => vec![("Enter", "validate"), ("F4", "barcode"), ("Esc", "cancel")],
        Screen::Choose(_) => vec![("↑↓", "choose"), ("Enter", "open"), ("Esc", "cancel")],
        Screen::Money(_) => vec![("Enter", "validate"), ("Esc", "back")],
        Screen::Verdict(v) => {
            let mut k = vec![("Esc", "dismiss")];
            if v.session.is_some() {
                k.push(("F4", "barcode"));
            }
            if v.retry.is_some() {
                k.push(("F5", "retry"));
            }
            k
        }
        Screen::Lookup(l) => match (l.view, &l.step) {
            (LookupView::Form, _) => vec![("Enter", "search"), ("Tab", "field"), ("Esc", "back")],
            (LookupView::Results, _) => vec![("↑↓", "choose"), ("Enter", "details"), ("Esc", "back")],
            (LookupView::Detail, Step::Choose) => vec![
                ("↑↓", "action"),
                ("Enter", "do"),
                ("F5", "reload"),
                ("F4", "barcode"),
                ("Esc", "back"),
            ],
            (LookupView::Detail, Step::Confirm) => vec![("Enter", "yes"), ("Esc", "no")],
            (LookupView::Detail, Step::Pin { .. }) => vec![("Enter", "check PIN"), ("Esc", "cancel")],
            (LookupView::Detail, Step::Running) => vec![],
        },
        Screen::Summary { .. } | Screen::Help { .. } => vec![("Esc", "back")],
        Screen::Barcode(_) => vec![("Tab", "next type"), ("Esc", "back")],
    };
    if state.can_undo() {
        keys.push(("F8", "undo"));
    }
    keys.push(("F1", "help"));
    keys.push(("Ctrl-Q", "quit"));
    keys
}
