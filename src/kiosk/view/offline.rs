//! The status bar's offline part: how much the mirror holds and how old it is, what waits in
//! the outbox, and the conflicts no manager has seen yet.

use crate::kiosk::state::State;
use crate::offline::decide::duration_words;
use ratatui::style::{Color, Style};
use ratatui::text::Span;

pub(super) fn status_spans(state: &State) -> Vec<Span<'static>> {
    let Some(status) = &state.offline else {
        return vec![];
    };
    let Some(desk) = &status.desk else {
        return vec![];
    };
    let mut spans = vec![];
    let held = match desk.mirror.last_sync {
        Some(at) => format!(
            " │ mirror {} · {}",
            desk.mirror.sessions,
            duration_words((state.clock.utc - at).max(time::Duration::ZERO))
        ),
        None => " │ mirror empty".to_string(),
    };
    spans.push(Span::raw(held));
    if status.syncing {
        spans.push(Span::raw(" ⟳"));
    }
    if desk.outbox.waiting > 0 {
        spans.push(Span::raw(" │ "));
        spans.push(Span::styled(
            format!("outbox {}", desk.outbox.waiting),
            Style::new().fg(Color::Black).bg(Color::Cyan),
        ));
    }
    if desk.outbox.conflicts_unseen > 0 {
        spans.push(Span::raw(" │ "));
        spans.push(Span::styled(
            format!("conflicts {}", desk.outbox.conflicts_unseen),
            Style::new().fg(Color::White).bg(Color::Red),
        ));
    }
    spans
}
