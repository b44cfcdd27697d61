//! The status bar's offline part: how much the mirror holds and how old it is, what waits in
//! the outbox, and the conflicts no manager has seen yet.

use super::chrome::{Keep, Part};
use crate::kiosk::state::State;
use ratatui::style::{Color, Style};
use ratatui::text::Span;

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
            let age = age(state, (state.clock.utc - at).max(time::Duration::ZERO));
            parts.push(Part::raw(Keep::MirrorAge, format!(" · {age}")));
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

/// How old the mirror is, in the kiosk's language: "45 s", "12 min", "2 h 5 min", "3 days".
fn age(state: &State, d: time::Duration) -> String {
    let s = d.whole_seconds().max(0);
    match s {
        0..=59 => state.t_with("age-seconds", &[("s", s.into())]),
        60..=3599 => state.t_with("age-minutes", &[("min", (s / 60).into())]),
        3600..=86_399 => state.t_with(
            "age-hours",
            &[("h", (s / 3600).into()), ("min", ((s % 3600) / 60).into())],
        ),
        _ => state.t_with("age-days", &[("days", (s / 86_400).into())]),
    }
}
