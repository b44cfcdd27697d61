//! The kiosk on the Linux console (`TERM=linux`, `[kiosk] glyphs = "console"`): every screen
//! keeps to the console font's glyphs and its 16 colours, and verdicts still read by word,
//! symbol and colour.

use super::snapshots::{all_screens, text_of, verdict_view};
use super::*;
use crate::kiosk::glyphs::console_has;
use crate::kiosk::state::Screen;
use crate::kiosk::verdict::VerdictKind;
use crate::kiosk::view::render;
use crate::settings::GlyphSet;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Color;

fn on_console(mut s: State) -> State {
    s.config.kiosk.glyphs = GlyphSet::Console;
    s
}

fn frame(s: &State, w: u16, h: u16) -> Buffer {
    let area = Rect::new(0, 0, w, h);
    let mut buf = Buffer::empty(area);
    render(s, area, &mut buf);
    buf
}

fn basic(c: Color) -> bool {
    !matches!(c, Color::Rgb(..)) && !matches!(c, Color::Indexed(i) if i > 15)
}

/// Characters of the frame the console font lacks, and cells with a colour beyond the 16.
fn outside_console(buf: &Buffer) -> (String, usize) {
    let glyphs: String = buf
        .content
        .iter()
        .flat_map(|c| c.symbol().chars())
        .filter(|c| !console_has(*c))
        .collect();
    let colours = buf
        .content
        .iter()
        .filter(|c| !basic(c.fg) || !basic(c.bg))
        .count();
    (glyphs, colours)
}

#[test]
fn every_screen_on_the_console_keeps_to_its_font_and_16_colours() {
    let mut unicode_outside = 0;
    for (name, s) in all_screens() {
        for (w, h) in [(80, 24), (40, 12), (132, 43)] {
            unicode_outside += outside_console(&frame(&s, w, h)).0.chars().count();
            let (glyphs, colours) = outside_console(&frame(&on_console(s.clone()), w, h));
            assert_eq!(glyphs, "", "{name} at {w}x{h}");
            assert_eq!(colours, 0, "{name} at {w}x{h}");
        }
    }
    // The same screens drawn for a Unicode terminal do use glyphs the console lacks.
    assert!(unicode_outside > 0);
}

#[test]
fn console_verdicts_read_by_word_symbol_and_colour() {
    for (kind, symbol, word) in [
        (VerdictKind::Validated, "√", "VALIDATED"),
        (VerdictKind::AlreadyValidated, "X", "ALREADY USED"),
        (VerdictKind::Unknown, "!", "UNKNOWN"),
    ] {
        let s = on_console(with_screen(Screen::Verdict(verdict_view(kind))));
        let text = text_of(&frame(&s, 80, 24));
        assert!(text.contains(&format!("{symbol} {word}")), "{text}");
    }
}

fn with_screen(screen: Screen) -> State {
    let mut s = kiosk();
    s.screen = screen;
    s
}

#[test]
fn console_validated_and_already_used_screens() {
    for (name, kind) in [
        ("console_validated", VerdictKind::Validated),
        ("console_already_used", VerdictKind::AlreadyValidated),
    ] {
        let s = on_console(with_screen(Screen::Verdict(verdict_view(kind))));
        insta::assert_snapshot!(name, text_of(&frame(&s, 80, 24)));
    }
}

/// Every barcode the kiosk draws on the console still decodes: PDF417 and the 1D codes sit on
/// whole cells (half blocks ▌ ▐ █), QR and Aztec on half blocks (▀ ▄ █), so none needs a
/// quadrant block the console lacks.
#[test]
fn console_barcodes_decode() {
    use crate::api::barcode::BarcodeType;
    use crate::api::SessionCode;
    use crate::barcode::decode::{decode_luma, LumaImage};
    use crate::barcode::render::rasterize;
    use crate::kiosk::barcode::BarcodeScreen;
    use crate::kiosk::msg::Req;
    use crate::kiosk::state::{BarcodeView, Overlay};
    let code = SessionCode::parse(JANE).unwrap_or_else(|e| panic!("{e}"));
    for kind in BarcodeType::ALL {
        let mut s = on_console(kiosk());
        s.overlays.push(Overlay::Barcode(BarcodeView {
            code: code.clone(),
            kind,
            req: Req(1),
            shown: Some(BarcodeScreen::local(
                &code,
                kind,
                crate::i18n::Said::new("plain-unreachable"),
            )),
        }));
        // Wide enough for Code 39 (159 columns), tall enough for QR.
        let buf = frame(&s, 170, 40);
        let (glyphs, colours) = outside_console(&buf);
        assert_eq!((glyphs.as_str(), colours), ("", 0), "{kind:?}");
        let lines: Vec<String> = text_of(&buf).lines().map(str::to_string).collect();
        let (pixels, width, height) = rasterize(&lines, 2);
        let read = decode_luma(&LumaImage {
            width,
            height,
            pixels,
        });
        let read = read.unwrap_or_else(|e| panic!("{kind:?}: {e}\n{}", lines.join("\n")));
        assert!(
            read.content.eq_ignore_ascii_case(JANE),
            "{kind:?}: {}",
            read.content
        );
    }
}
