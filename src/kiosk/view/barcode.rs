//! F4: the session's barcode, Tab cycling the five types. The drawing is the barcode module's
//! (`kiosk::barcode::render_screen`); this view adds the row of types.

use crate::api::barcode::BarcodeType;
use crate::barcode::render::Placement;
use crate::kiosk::barcode::render_screen;
use crate::kiosk::state::{BarcodeView, State};
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

pub(super) fn render(state: &State, b: &BarcodeView, area: Rect, buf: &mut Buffer) -> Option<Placement> {
    let [tabs, body] = Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(area);
    let mut spans = vec![Span::raw(format!(" {} ", b.code.as_str()))];
    for t in BarcodeType::ALL {
        let style = if t == b.kind {
            Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
        } else {
            Style::new().fg(Color::Gray)
        };
        spans.push(Span::styled(format!(" {} ", t.label()), style));
    }
    Paragraph::new(Line::from(spans)).render(tabs, buf);
    match &b.shown {
        None => {
            let fetching = state.t_with("barcode-fetching", &[("kind", b.kind.label().into())]);
            Paragraph::new(format!(" {fetching}")).render(body, buf);
            None
        }
        Some(screen) => {
            let title = format!(
                "{} · {}",
                screen.kind.label(),
                state.t(screen.source.message_id())
            );
            render_screen(screen, &title, state.config.kiosk.language, body, buf)
        }
    }
}
