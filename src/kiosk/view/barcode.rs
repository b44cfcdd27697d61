//! F4: the session's barcode, Tab cycling the five types. The drawing itself is the barcode
//! module's (`barcode_glue`); this view frames it.

use crate::kiosk::barcode_glue::TYPES;
use crate::kiosk::state::{BarcodeView, State};
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

pub(super) fn render(_state: &State, b: &BarcodeView, area: Rect, buf: &mut Buffer) {
    let [tabs, body] = Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(area);
    let mut spans = vec![Span::raw(format!(" {} ", b.code.as_str()))];
    for (i, t) in TYPES.iter().enumerate() {
        let style = if i == b.type_index {
            Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
        } else {
            Style::new().fg(Color::Gray)
        };
        spans.push(Span::styled(format!(" {t} "), style));
    }
    Paragraph::new(Line::from(spans)).render(tabs, buf);
    match &b.shown {
        None => Paragraph::new(" Fetching the barcode…").render(body, buf),
        Some(shown) => crate::kiosk::barcode_glue::render(shown, body, buf),
    }
}
