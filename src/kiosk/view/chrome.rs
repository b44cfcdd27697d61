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

/// How much a part of the status bar matters when the bar is too narrow: the least is dropped
/// first. The marks a cashier must never miss (DEMO, OFFLINE, the till, a journal not written)
/// are never dropped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Keep {
    /// The serial scanner's state in words ("scanner: connected"); the short form stays.
    ScannerLong,
    /// The last round trip in ms.
    Rtt,
    /// How old the mirror is, and the sync running.
    MirrorAge,
    /// The word "today" before the counts.
    TodayWord,
    /// "online" / "unstable" / "not connected yet" next to its symbol.
    LinkWords,
    /// How many sessions the mirror holds.
    Mirror,
    Cashier,
    Clock,
    /// Today's counts.
    Counts,
    /// Scans waiting in the outbox, conflicts no manager has seen.
    Outbox,
    /// The serial scanner's state, short ("scan off").
    ScannerShort,
    Always,
}

/// One part of the status bar, with its leading separator.
pub(super) struct Part {
    pub keep: Keep,
    pub spans: Vec<Span<'static>>,
}

impl Part {
    pub fn new(keep: Keep, spans: Vec<Span<'static>>) -> Part {
        Part { keep, spans }
    }

    pub fn raw(keep: Keep, text: String) -> Part {
        Part::new(keep, vec![Span::raw(text)])
    }

    fn width(&self) -> usize {
        self.spans.iter().map(Span::width).sum()
    }
}

/// Connection and last round trip, terminal, cashier, the mirror, today's counts, local clock —
/// as many as fit, the least important giving way first.
pub(super) fn status_bar(state: &State, area: Rect, buf: &mut Buffer) {
    let bar = Style::new().bg(Color::DarkGray).fg(Color::White);
    buf.set_style(area, bar);
    let (mut left, mut right) = status_parts(state);
    let width = |parts: &[Part]| parts.iter().map(Part::width).sum::<usize>();
    while width(&left) + width(&right) > usize::from(area.width) {
        // The least important part; of equals, the one furthest right.
        let lightest = left
            .iter()
            .map(|p| (true, p))
            .enumerate()
            .chain(right.iter().map(|p| (false, p)).enumerate())
            .filter(|(_, (_, p))| p.keep != Keep::Always)
            .min_by_key(|(i, (is_left, p))| (p.keep, !is_left, std::cmp::Reverse(*i)))
            .map(|(i, (is_left, _))| (i, is_left));
        match lightest {
            Some((i, true)) => {
                left.remove(i);
            }
            Some((i, false)) => {
                right.remove(i);
            }
            None => break,
        }
    }
    super::scanner::one_form(&mut left);
    let line = |parts: Vec<Part>| Line::from(parts.into_iter().flat_map(|p| p.spans).collect::<Vec<_>>());
    let right_w = u16::try_from(width(&right)).unwrap_or(u16::MAX).min(area.width);
    let [l, r] = Layout::horizontal([Constraint::Min(0), Constraint::Length(right_w)]).areas(area);
    Paragraph::new(line(left)).render(l, buf);
    Paragraph::new(line(right)).render(r, buf);
}

/// The status bar's parts: (left, right).
fn status_parts(state: &State) -> (Vec<Part>, Vec<Part>) {
    let on_bar = |s: Style| s.bg(Color::DarkGray);
    let g = state.glyphs();
    let (dot, words, style) = match state.conn.link {
        Link::Unknown => (g.link_unknown, "status-not-connected", Style::new()),
        Link::Online => (g.link_online, "status-online", tone_fg(Tone::Good)),
        Link::Unstable => (g.warn, "status-unstable", tone_fg(Tone::Warn)),
        Link::Offline => (g.bad, "status-offline", tone_fg(Tone::Bad)),
    };
    let words_keep = if state.conn.link == Link::Offline {
        Keep::Always
    } else {
        Keep::LinkWords
    };
    let mut left = vec![
        Part::new(Keep::Always, vec![Span::styled(format!(" {dot}"), on_bar(style))]),
        Part::new(
            words_keep,
            vec![Span::styled(format!(" {}", state.t(words)), on_bar(style))],
        ),
    ];
    if let Some(rtt) = state.conn.last_rtt {
        left.push(Part::raw(Keep::Rtt, format!(" {} ms", rtt.as_millis())));
    }
    left.push(Part::raw(
        Keep::Always,
        format!(" │ {}", state.config.kiosk.terminal_id),
    ));
    if let Some(c) = &state.config.kiosk.cashier {
        left.push(Part::raw(Keep::Cashier, format!(" │ {c}")));
    }
    left.extend(super::offline::status_parts(state));
    left.extend(super::scanner::status_parts(state));
    if state.config.demo {
        left.push(Part::new(
            Keep::Always,
            vec![
                Span::raw(" │ "),
                Span::styled(
                    state.t("status-demo"),
                    Style::new().fg(Color::Black).bg(Color::Cyan),
                ),
            ],
        ));
    }
    if state.journal_error.is_some() {
        left.push(Part::new(
            Keep::Always,
            vec![
                Span::raw(" │ "),
                Span::styled(
                    state.t("status-journal-not-written"),
                    Style::new().fg(Color::White).bg(Color::Red),
                ),
            ],
        ));
    }
    let t = &state.today;
    let count = |text: String, colour: Color| {
        Part::new(
            Keep::Counts,
            vec![Span::raw(" "), Span::styled(text, Style::new().fg(colour))],
        )
    };
    let right = vec![
        Part::raw(Keep::TodayWord, format!("  {}", state.t("status-today"))),
        count(format!("{} {}", g.good, t.validated()), Color::LightGreen),
        count(format!("{} {}", g.bad, t.refused()), Color::LightRed),
        count(format!("{} {}", g.warn, t.unsure()), Color::LightYellow),
        Part::raw(
            Keep::Clock,
            format!(" │ {} ", local_clock(state, state.clock.utc)),
        ),
    ];
    (left, right)
}

/// The scan field (always focused on the scan-side screens) and the notice under it.
pub(super) fn scan_field(state: &State, area: Rect, buf: &mut Buffer) {
    let [boxed, notice] = Layout::vertical([Constraint::Length(3), Constraint::Length(1)]).areas(area);
    let title = format!(" {} ", state.t("scan-field-title"));
    let inner = super::framed(boxed, title, Color::Cyan, buf);
    field_line(
        &format!("{} ", state.glyphs().prompt),
        state.scan.as_str(),
        false,
        inner,
        buf,
    );
    if let Some(n) = &state.notice {
        Paragraph::new(
            Line::from(format!(" {}", n.text_in(state.config.kiosk.language))).style(tone_fg(n.tone)),
        )
        .render(notice, buf);
    }
}

/// Where the scan field would be, on screens that take typing for their own fields.
pub(super) fn field_hint(state: &State, area: Rect, buf: &mut Buffer) {
    let text = match &state.screen {
        Screen::Money(_) => state.t("hint-money"),
        _ => state.t("hint-lookup"),
    };
    let text = format!(" {text}");
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

/// A key as the footer shows it: the key's name, what it does (a message id), and its weight.
type Key = (&'static str, &'static str, Weight);

/// The keys of the current screen, as many as fit: the least important give way first (help and
/// quit never do), so a key is never cut in the middle.
pub(super) fn footer(state: &State, area: Rect, buf: &mut Buffer) {
    let mut keys: Vec<(String, String, Weight)> = footer_keys(state)
        .into_iter()
        .map(|(key, what, weight)| (key_name(state, key), state.t(what), weight))
        .collect();
    let width = |k: &[(String, String, Weight)]| -> usize {
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
        return vec![("Enter", "key-quit", Always), ("Esc", "key-stay", Always)];
    }
    if state.undo_pin.is_some() {
        return vec![("Enter", "key-undo", Always), ("Esc", "key-keep-it", Always)];
    }
    let command = |c: Command, weight: Weight| {
        state
            .enabled(c)
            .then(|| (c.binding().key, command_message(c), weight))
    };
    let own = |key, what| Some((key, what, Own));
    let mut keys: Vec<Option<Key>> = match (state.overlay(), &state.screen) {
        (Some(Overlay::Summary | Overlay::Help), _) => vec![own("Esc", "key-back")],
        (Some(Overlay::Barcode(_)), _) => vec![own("Tab", "key-next-type"), own("Esc", "key-back")],
        (None, Screen::Scan) => vec![
            command(Command::Lookup, Elsewhere),
            command(Command::Summary, Elsewhere),
            // Offered where a manager should look: while unseen conflicts wait.
            command(Command::Conflicts, Elsewhere).filter(|_| state.unseen_conflicts() > 0),
            own("Esc", "key-clear"),
        ],
        (None, Screen::Working(w)) if w.task == Task::LookingUp => vec![own("Esc", "key-cancel")],
        (None, Screen::Working(_)) => vec![],
        (None, Screen::Card(_)) => vec![
            own("Enter", "key-validate"),
            command(Command::Barcode, Elsewhere),
            own("Esc", "key-cancel"),
        ],
        (None, Screen::Choose(_)) => vec![
            own("↑↓", "key-choose"),
            own("Enter", "key-open"),
            own("Esc", "key-cancel"),
        ],
        (None, Screen::Money(_)) => vec![own("Enter", "key-validate"), own("Esc", "key-back")],
        (None, Screen::Verdict(_)) => vec![
            own("Esc", "key-dismiss"),
            command(Command::Barcode, Elsewhere),
            command(Command::Retry, Urgent),
        ],
        (None, Screen::Lookup(l)) => match (l.view, &l.step) {
            (LookupView::Form, _) => vec![
                own("Enter", "key-search"),
                own("Tab", "key-field"),
                own("Esc", "key-back"),
            ],
            (LookupView::Results, _) => {
                vec![
                    own("↑↓", "key-choose"),
                    own("Enter", "key-details"),
                    own("Esc", "key-back"),
                ]
            }
            (LookupView::Detail, Step::Choose) => vec![
                own("↑↓", "key-action"),
                own("Enter", "key-do"),
                command(Command::Retry, Own).map(|(k, _, w)| (k, "key-reload", w)),
                command(Command::Barcode, Elsewhere),
                own("Esc", "key-back"),
            ],
            (LookupView::Detail, Step::Confirm) if l.selected_action().destructive() => {
                vec![own("Ctrl-Y", "key-yes"), own("Esc", "key-no")]
            }
            (LookupView::Detail, Step::Confirm) => vec![own("Enter", "key-yes"), own("Esc", "key-no")],
            (LookupView::Detail, Step::Pin { .. }) => {
                vec![own("Enter", "key-check-pin"), own("Esc", "key-cancel")]
            }
            (LookupView::Detail, Step::Running) => vec![],
        },
        (None, Screen::Conflicts(_)) => vec![own("↑↓", "key-choose"), own("Esc", "key-back")],
    };
    keys.push(command(Command::Undo, Urgent));
    keys.push(command(Command::Help, Always));
    keys.push(command(Command::Quit, Always));
    keys.into_iter().flatten().collect()
}

/// A command's footer word, as a message id; `<id>.help` is its line on the help screen.
pub(in crate::kiosk) fn command_message(c: Command) -> &'static str {
    match c {
        Command::Help => "command-help",
        Command::Lookup => "command-lookup",
        Command::Summary => "command-summary",
        Command::Barcode => "command-barcode",
        Command::Retry => "command-retry",
        Command::Undo => "command-undo",
        Command::Conflicts => "command-conflicts",
        Command::Quit => "command-quit",
    }
}

/// A key's name as the cashier's keyboard prints it ("Ctrl-Q" is "Strg-Q" in German).
pub(super) fn key_name(state: &State, key: &str) -> String {
    match key {
        "Enter" => state.t("keyname-enter"),
        "Esc" => state.t("keyname-esc"),
        _ => match key.strip_prefix("Ctrl-") {
            Some(rest) => format!("{}-{rest}", state.t("keyname-ctrl")),
            None => key.to_string(),
        },
    }
}

/// Every command's key and help line, in the table's order (the help screen).
pub(super) fn command_help(state: &State) -> impl Iterator<Item = (String, String)> + '_ {
    COMMANDS.iter().map(|b| {
        let help = format!("{}.help", command_message(b.command));
        (key_name(state, b.key), state.t(&help))
    })
}
