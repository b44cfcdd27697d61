//! The status bar's offline part: how much the mirror holds and how old it is, what waits in
//! the outbox, and the conflicts no manager has seen yet. And in the look-up, which results come
//! from this till's copy and how old it is.

use super::chrome::{Keep, Part};
use crate::api::Session;
use crate::kiosk::lookup::Lookup;
use crate::kiosk::state::State;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};
use time::OffsetDateTime;

pub(super) fn status_parts(state: &State) -> Vec<Part> {
    let Some(status) = &state.offline else {
        return vec![];
    };
    let Some(desk) = &status.desk else {
        return vec![];
    };
    let mut parts = vec![];
    match desk.mirror.last_sync {
        Some(at) => {
            parts.push(Part::raw(
                Keep::Mirror,
                format!(
                    " │ {}",
                    state.t_with("status-mirror", &[("count", desk.mirror.sessions.into())])
                ),
            ));
            parts.push(Part::raw(Keep::MirrorAge, format!(" · {}", age_words(state, at))));
        }
        None => parts.push(Part::raw(
            Keep::Mirror,
            format!(" │ {}", state.t("status-mirror-empty")),
        )),
    }
    if status.syncing {
        parts.push(Part::raw(Keep::MirrorAge, " ⟳".to_string()));
    }
    if desk.outbox.waiting > 0 {
        parts.push(Part::new(
            Keep::Outbox,
            vec![
                Span::raw(" │ "),
                Span::styled(
                    state.t_with("status-outbox", &[("count", desk.outbox.waiting.into())]),
                    Style::new().fg(Color::Black).bg(Color::Cyan),
                ),
            ],
        ));
    }
    if desk.outbox.conflicts_unseen > 0 {
        parts.push(Part::new(
            Keep::Outbox,
            vec![
                Span::raw(" │ "),
                Span::styled(
                    state.t_with(
                        "status-conflicts",
                        &[("count", desk.outbox.conflicts_unseen.into())],
                    ),
                    Style::new().fg(Color::White).bg(Color::Red),
                ),
            ],
        ));
    }
    parts
}

/// How old a copy made at `since` is, in the kiosk's language ("45 s", "12 min", "3 Tage"):
/// the one age formatter, `Language::age`, as the offline verdicts' reasons use it.
pub(super) fn age_words(state: &State, since: OffsetDateTime) -> String {
    let seconds = u64::try_from((state.clock.utc - since).whole_seconds()).unwrap_or(0);
    state.config.kiosk.language.age(seconds)
}

/// The look-up results' last column: which rows come from this till's copy, and how old it is
/// (drawn beside the results table, row for row, scrolled as it is).
pub(super) fn copy_marks(state: &State, l: &Lookup, area: Rect, buf: &mut Buffer) {
    let visible = usize::from(area.height.saturating_sub(1)).max(1);
    let first = l.selected.saturating_sub(visible - 1);
    let mut lines = vec![Line::from(format!(" {}", state.t("lookup-source-header")))
        .style(Style::new().fg(Color::Gray).add_modifier(Modifier::BOLD))];
    for (i, s) in l.results.iter().enumerate().skip(first).take(visible) {
        let line = match l.copies.get(&s.session) {
            Some(at) => Line::from(Span::styled(
                format!(
                    " {}",
                    state.t_with("lookup-from-copy", &[("age", age_words(state, *at).into())])
                ),
                Style::new().fg(Color::Yellow),
            )),
            None => Line::from(format!(" {}", state.t("lookup-from-server"))),
        };
        lines.push(if i == l.selected {
            line.style(Style::new().add_modifier(Modifier::REVERSED))
        } else {
            line
        });
    }
    Paragraph::new(lines).render(area, buf);
}

/// On a session's detail: that it comes from this till's copy, and how old that is.
pub(super) fn copy_line(state: &State, l: &Lookup, s: &Session) -> Option<Line<'static>> {
    let at = l.copies.get(&s.session)?;
    Some(
        Line::from(state.t_with(
            "lookup-detail-from-copy",
            &[("age", age_words(state, *at).into())],
        ))
        .style(Style::new().fg(Color::Yellow)),
    )
}

/// The look-up form's note on this till's copy: how many sessions it holds and how many of
/// them with a customer (only those are found by name).
pub(super) fn copy_holds(state: &State) -> Option<Line<'static>> {
    let desk = state.offline.as_ref()?.desk.as_ref()?;
    desk.mirror.last_sync?;
    Some(Line::from(state.t_with(
        "lookup-copy-holds",
        &[
            ("sessions", desk.mirror.sessions.into()),
            ("customers", desk.mirror.with_customer.into()),
        ],
    )))
}
