//! Large type for verdicts: the biggest 8×8-font size that fits, falling back to plain bold
//! text on a very small screen (so the words are always there).

use crate::kiosk::glyphs::Glyphs;
use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget};
use tui_big_text::{BigText, PixelSize};

/// Sizes tried, largest first. Full blocks and half blocks draw crisply on every terminal;
/// quadrants nearly everywhere. Sextants and octants are left out: many fonts lack them.
/// Each with the terminal cells one 8×8 glyph takes (columns, rows).
const SIZES: [(PixelSize, u16, u16); 3] = [
    (PixelSize::Full, 8, 8),
    (PixelSize::HalfHeight, 8, 4),
    (PixelSize::Quadrant, 4, 4),
];

/// Height in rows the lines need at the largest size that fits `area`, and that size. Quadrant
/// blocks only where the terminal has them (not the Linux console).
pub(super) fn fit(lines: &[&str], area: Rect, glyphs: &Glyphs) -> (u16, Option<PixelSize>) {
    let longest = lines.iter().map(|l| l.chars().count()).max().unwrap_or(0);
    let n = lines.len();
    let sizes = SIZES
        .into_iter()
        .filter(|(size, _, _)| glyphs.quadrants || *size != PixelSize::Quadrant);
    for (size, cw, ch) in sizes {
        let need_w = longest.saturating_mul(usize::from(cw));
        let need_h = n.saturating_mul(usize::from(ch));
        if need_w <= usize::from(area.width) && need_h <= usize::from(area.height) {
            return (u16::try_from(need_h).unwrap_or(u16::MAX), Some(size));
        }
    }
    (u16::try_from(n).unwrap_or(u16::MAX).min(area.height), None)
}

/// Draws `lines` centred at the top of `area`; returns the rows used.
pub(super) fn render(lines: &[&str], style: Style, glyphs: &Glyphs, area: Rect, buf: &mut Buffer) -> u16 {
    if area.is_empty() {
        return 0;
    }
    let (h, size) = fit(lines, area, glyphs);
    let target = Rect::new(area.x, area.y, area.width, h.min(area.height));
    let text: Vec<Line<'static>> = lines.iter().map(|l| Line::from(l.to_string())).collect();
    match size {
        Some(size) => BigText::builder()
            .pixel_size(size)
            .style(style)
            .alignment(Alignment::Center)
            .lines(text)
            .build()
            .render(target, buf),
        None => Paragraph::new(text)
            .style(style.add_modifier(Modifier::BOLD))
            .alignment(Alignment::Center)
            .render(target, buf),
    }
    target.height
}
