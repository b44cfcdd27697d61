//! What surrounds every screen: the status bar, the scan field and the footer of keys.

use super::{local_clock, tone_fg};
use crate::kiosk::commands::{Command, COMMANDS};
use crate::kiosk::lookup::{LookupView, Step};
use crate::kiosk::msg::Link;
use crate::kiosk::state::{Overlay, Screen, State, Task};
use crate::kiosk::verdict::Tone;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

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
    left.extend(super::offline::status_spans(state));
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
    let inner = super::framed(boxed, " Scan or type a code, then Enter ", Color::Cyan, buf);
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

/// How much a footer key matters when not all fit: the least is dropped first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Weight {
    /// Another screen or view (lookup, shift, barcode).
    Elsewhere,
    /// The screen's own keys (Enter, Esc, arrows, Tab).
    Own,
    /// What the cashier must not miss now (retry a spoiled verdict, undo).
    Urgent,
    /// Help and quit: always shown.
    Always,
}

type Key = (&'static str, &'static str, Weight);

/// The keys of the current screen, as many as fit: the least important give way first (help and
/// quit never do), so a key is never cut in the middle.
pub(super) fn footer(state: &State, area: Rect, buf: &mut Buffer) {
    let mut keys = footer_keys(state);
    let width = |k: &[Key]| -> usize {
        k.iter()
            .map(|(key, what, _)| key.chars().count() + what.chars().count() + 4)
            .sum()
    };
    while width(&keys) > usize::from(area.width) {
        let lightest = keys
            .iter()
            .enumerate()
            .filter(|(_, k)| k.2 != Weight::Always)
            .min_by_key(|(i, k)| (k.2, std::cmp::Reverse(*i)))
            .map(|(i, _)| i);
        match lightest {
            Some(i) => {
                keys.remove(i);
            }
            None => break,
        }
    }
    let mut spans = vec![];
    for (key, what, _) in keys {
        spans.push(Span::styled(
            format!(" {key} "),
            Style::new().fg(Color::Black).bg(Color::Gray),
        ));
        spans.push(Span::raw(format!(" {what} ")));
    }
    Paragraph::new(Line::from(spans)).render(area, buf);
}

/// The screen's own keys (Enter, Esc, arrows, Tab, and the commands it offers), then undo when
/// it works, help and quit. Command words come from the command table.
fn footer_keys(state: &State) -> Vec<Key> {
    use Weight::{Always, Elsewhere, Own, Urgent};
    if state.quit_prompt {
        return vec![("Enter", "quit", Always), ("Esc", "stay", Always)];
    }
    if state.undo_pin.is_some() {
        return vec![("Enter", "undo", Always), ("Esc", "keep it", Always)];
    }
    let command = |c: Command, weight: Weight| {
        state.enabled(c).then(|| {
            let (key, label) = c.key_label();
            (key, label, weight)
        })
    };
    let own = |key, what| Some((key, what, Own));
    let mut keys: Vec<Option<Key>> = match (state.overlay(), &state.screen) {
        (Some(Overlay::Summary | Overlay::Help), _) => vec![own("Esc", "back")],
        (Some(Overlay::Barcode(_)), _) => vec![own("Tab", "next type"), own("Esc", "back")],
        (None, Screen::Scan) => vec![
            command(Command::Lookup, Elsewhere),
            command(Command::Summary, Elsewhere),
            // Offered where a manager should look: while unseen conflicts wait.
            command(Command::Conflicts, Elsewhere).filter(|_| state.unseen_conflicts() > 0),
            own("Esc", "clear"),
        ],
        (None, Screen::Working(w)) if w.task == Task::LookingUp => vec![own("Esc", "cancel")],
        (None, Screen::Working(_)) => vec![],
        (None, Screen::Card(_)) => vec![
            own("Enter", "validate"),
            command(Command::Barcode, Elsewhere),
            own("Esc", "cancel"),
        ],
        (None, Screen::Choose(_)) => vec![own("↑↓", "choose"), own("Enter", "open"), own("Esc", "cancel")],
        (None, Screen::Money(_)) => vec![own("Enter", "validate"), own("Esc", "back")],
        (None, Screen::Verdict(_)) => vec![
            own("Esc", "dismiss"),
            command(Command::Barcode, Elsewhere),
            command(Command::Retry, Urgent),
        ],
        (None, Screen::Lookup(l)) => match (l.view, &l.step) {
            (LookupView::Form, _) => vec![own("Enter", "search"), own("Tab", "field"), own("Esc", "back")],
            (LookupView::Results, _) => {
                vec![own("↑↓", "choose"), own("Enter", "details"), own("Esc", "back")]
            }
            (LookupView::Detail, Step::Choose) => vec![
                own("↑↓", "action"),
                own("Enter", "do"),
                command(Command::Retry, Own).map(|(k, _, w)| (k, "reload", w)),
                command(Command::Barcode, Elsewhere),
                own("Esc", "back"),
            ],
            (LookupView::Detail, Step::Confirm) if l.selected_action().destructive() => {
                vec![own("Ctrl-Y", "yes"), own("Esc", "no")]
            }
            (LookupView::Detail, Step::Confirm) => vec![own("Enter", "yes"), own("Esc", "no")],
            (LookupView::Detail, Step::Pin { .. }) => vec![own("Enter", "check PIN"), own("Esc", "cancel")],
            (LookupView::Detail, Step::Running) => vec![],
        },
        (None, Screen::Conflicts(_)) => vec![own("↑↓", "choose"), own("Esc", "back")],
    };
    keys.push(command(Command::Undo, Urgent));
    keys.push(command(Command::Help, Always));
    keys.push(command(Command::Quit, Always));
    keys.into_iter().flatten().collect()
}

/// Every command's key and help line, in the table's order (the help screen).
pub(super) fn command_help() -> impl Iterator<Item = (&'static str, &'static str)> {
    COMMANDS.iter().map(|b| (b.key, b.help))
}
