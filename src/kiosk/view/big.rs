//! Large type for verdicts: the biggest 8×8-font size that fits, the message's own lines first
//! and then one word per line, falling back to plain bold text on a very small screen (so the
//! words are always there, never cut: a long word in another language takes a smaller font).

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
const SIZES: [(PixelSize, u16, u16); 4] = [
    (PixelSize::Full, 8, 8),
    (PixelSize::HalfHeight, 8, 4),
    (PixelSize::HalfWidth, 4, 8),
    (PixelSize::Quadrant, 4, 4),
];

/// How a headline is laid out in an area.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Fit {
    /// Rows the large type takes.
    pub height: u16,
    /// None: plain bold text (nothing larger fits).
    size: Option<PixelSize>,
    lines: Vec<String>,
}

/// The largest size at which `text` fits `area`: its own lines (one per line of `text`) first,
/// then, where a line is too wide, every word on a line of its own. Quadrant blocks only where
/// the terminal has them (not the Linux console).
pub(super) fn fit(text: &str, area: Rect, glyphs: &Glyphs) -> Fit {
    let given: Vec<String> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(String::from)
        .collect();
    let words: Vec<String> = given
        .iter()
        .flat_map(|l| l.split_whitespace())
        .map(String::from)
        .collect();
    let longest = |lines: &[String]| lines.iter().map(|l| l.chars().count()).max().unwrap_or(0);
    let sizes = SIZES
        .into_iter()
        .filter(|(size, _, _)| glyphs.quadrants || *size != PixelSize::Quadrant);
    for (size, cw, ch) in sizes {
        for lines in [&given, &words] {
            let need_w = longest(lines).saturating_mul(usize::from(cw));
            let need_h = lines.len().saturating_mul(usize::from(ch));
            if need_w <= usize::from(area.width) && need_h <= usize::from(area.height) {
                return Fit {
                    height: u16::try_from(need_h).unwrap_or(u16::MAX),
                    size: Some(size),
                    lines: lines.clone(),
                };
            }
        }
    }
    let lines = if longest(&given) <= usize::from(area.width) {
        given
    } else {
        words
    };
    Fit {
        height: u16::try_from(lines.len()).unwrap_or(u16::MAX).min(area.height),
        size: None,
        lines,
    }
}

/// Draws `text` centred at the top of `area`; returns the rows used.
pub(super) fn render(text: &str, style: Style, glyphs: &Glyphs, area: Rect, buf: &mut Buffer) -> u16 {
    if area.is_empty() {
        return 0;
    }
    let fit = fit(text, area, glyphs);
    let target = Rect::new(area.x, area.y, area.width, fit.height.min(area.height));
    let lines: Vec<Line<'static>> = fit.lines.into_iter().map(Line::from).collect();
    match fit.size {
        Some(size) => BigText::builder()
            .pixel_size(size)
            .style(style)
            .alignment(Alignment::Center)
            .lines(lines)
            .build()
            .render(target, buf),
        None => Paragraph::new(lines)
            .style(style.add_modifier(Modifier::BOLD))
            .alignment(Alignment::Center)
            .render(target, buf),
    }
    target.height
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_too_wide_for_large_type_splits_at_its_spaces_before_the_font_shrinks() {
        // 12 columns of 8: one line of 17 letters would need 136.
        let f = fit("BEREITS EINGELÖST", Rect::new(0, 0, 80, 12), &Glyphs::UNICODE);
        assert_eq!(f.lines, ["BEREITS", "EINGELÖST"]);
        assert_eq!(f.size, Some(PixelSize::HalfHeight));
    }

    #[test]
    fn a_word_too_wide_for_the_half_height_font_takes_a_narrower_one_never_cut() {
        let f = fit("FEHLGESCHLAGEN", Rect::new(0, 0, 80, 12), &Glyphs::UNICODE);
        assert_eq!(f.lines, ["FEHLGESCHLAGEN"]);
        assert_eq!(f.size, Some(PixelSize::HalfWidth));
        let f = fit(
            "PRÜFUNG\nFEHLGESCHLAGEN",
            Rect::new(0, 0, 80, 12),
            &Glyphs::UNICODE,
        );
        assert_eq!(f.size, Some(PixelSize::Quadrant));
        // Nothing large fits: plain words, one per line when a line is too wide.
        let f = fit("PRÜFUNG FEHLGESCHLAGEN", Rect::new(0, 0, 16, 3), &Glyphs::UNICODE);
        assert_eq!((f.size, f.lines.len()), (None, 2));
    }
}
