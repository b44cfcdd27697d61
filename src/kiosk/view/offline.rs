//! The status bar's offline part: how much the mirror holds and how old it is, what waits in
//! the outbox, and the conflicts no manager has seen yet.

use super::chrome::{Keep, Part};
use crate::kiosk::state::State;
use crate::offline::decide::duration_words;
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
                format!(" │ mirror {}", desk.mirror.sessions),
            ));
            let age = duration_words((state.clock.utc - at).max(time::Duration::ZERO));
            parts.push(Part::raw(Keep::MirrorAge, format!(" · {age}")));
        }
        None => parts.push(Part::raw(Keep::Mirror, " │ mirror empty".to_string())),
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
                    format!("outbox {}", desk.outbox.waiting),
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
                    format!("conflicts {}", desk.outbox.conflicts_unseen),
                    Style::new().fg(Color::White).bg(Color::Red),
                ),
            ],
        ));
    }
    parts
}
