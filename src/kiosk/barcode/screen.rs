//! What the kiosk's barcode screen shows, and how it is drawn: a title (type, where the code came
//! from, any warning), the code itself in block characters, or why it is not drawn.

use crate::api::barcode::BarcodeType;
use crate::api::SessionCode;
use crate::barcode::decode::Decoded;
use crate::barcode::encode::{encode, Symbol};
use crate::barcode::render::{draw_symbol, DoesNotFit, Placement, Thumbnail};
use crate::i18n::{Language, Said};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};

/// Where the drawn code came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// The endpoint's image, read and redrawn module for module from its content.
    Endpoint,
    /// Drawn here from the session code, because the endpoint's image could not be had or read.
    RenderedLocally { reason: Said },
    /// The endpoint's image holds no readable code: it is shown as sent, scaled.
    ImageOnly { reason: Said },
    /// The server refused (e.g. it does not know the session): nothing to draw.
    Refused { message: String },
}

impl Source {
    /// The short label in the screen's title.
    pub fn label(&self) -> &'static str {
        match self {
            Source::Endpoint => "from the server",
            Source::RenderedLocally { .. } => "rendered locally",
            Source::ImageOnly { .. } => "the server's image as sent — no readable code",
            Source::Refused { .. } => "refused by the server",
        }
    }
    /// The label as a message id (`assets/locales`), for the kiosk's screen.
    pub fn message_id(&self) -> &'static str {
        match self {
            Source::Endpoint => "barcode-from-server",
            Source::RenderedLocally { .. } => "barcode-rendered-locally",
            Source::ImageOnly { .. } => "barcode-image-only",
            Source::Refused { .. } => "barcode-refused",
        }
    }

    /// Why, when the label alone does not say. A refusal's own words are the server's: they
    /// go to the log (and the command line), the drawing area says what it means.
    pub fn reason(&self) -> Option<&Said> {
        match self {
            Source::Endpoint | Source::Refused { .. } => None,
            Source::RenderedLocally { reason } | Source::ImageOnly { reason } => Some(reason),
        }
    }
}

/// What is drawn in the code area.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Drawing {
    /// Modules, drawn exactly in half or quadrant blocks.
    Symbol(Symbol),
    /// The endpoint's image, scaled and thresholded (it holds no code we could read).
    Picture(Thumbnail),
    /// Nothing to draw; the message says why.
    Nothing(Said),
}

/// Everything the barcode screen shows for one session and type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BarcodeScreen {
    pub code: SessionCode,
    pub kind: BarcodeType,
    pub source: Source,
    /// What the endpoint's image holds, when it could be read.
    pub decoded: Option<Decoded>,
    /// Set when the code shown is not this session's (or not the type asked for).
    pub warning: Option<Said>,
    pub drawing: Drawing,
}

impl BarcodeScreen {
    /// The code drawn here from the session code, without asking the server (e.g. while the
    /// endpoint's image is on its way, or when it cannot be had). Code 39 is upper-cased.
    pub fn local(code: &SessionCode, kind: BarcodeType, reason: Said) -> BarcodeScreen {
        let drawing = match encode(code.as_str(), kind) {
            Ok(symbol) => Drawing::Symbol(symbol),
            Err(e) => {
                tracing::warn!(kind = kind.as_str(), error = %e, "the code cannot be drawn here");
                Drawing::Nothing(Said::new("barcode-cannot-encode").text("kind", kind.label()))
            }
        };
        BarcodeScreen {
            code: code.clone(),
            kind,
            source: Source::RenderedLocally { reason },
            decoded: None,
            warning: None,
            drawing,
        }
    }

    /// The title line: type and source.
    pub fn title(&self) -> String {
        format!("{} · {}", self.kind.label(), self.source.label())
    }

    /// The content the drawn code holds, as a cashier would read it under the code.
    pub fn content(&self) -> Option<String> {
        match (&self.decoded, &self.source) {
            (Some(d), _) => Some(printable(&d.content, 120)),
            (None, Source::RenderedLocally { .. }) => {
                Some(crate::barcode::encode::content_for(self.kind, self.code.as_str()))
            }
            _ => None,
        }
    }
}

/// Whether decoded content is this session's code. Session codes are case-insensitive (Code 39
/// can only hold upper case); a coupon link ending in the code counts too, and a 6-character
/// short code matches the full code it starts.
pub fn content_matches(code: &SessionCode, content: &str) -> bool {
    let code = code.as_str();
    let content = content.trim();
    let last_segment = content
        .trim_end_matches('/')
        .rsplit('/')
        .next()
        .unwrap_or(content);
    [content, last_segment].iter().any(|c| {
        c.eq_ignore_ascii_case(code)
            || (code.len() == crate::scan::SHORT_CODE_LEN
                && c.len() == crate::scan::SESSION_CODE_LEN
                && c.get(..code.len()).is_some_and(|p| p.eq_ignore_ascii_case(code)))
    })
}

/// What to warn about when the endpoint's code is not what was asked for.
pub fn content_warning(code: &SessionCode, kind: BarcodeType, decoded: &Decoded) -> Option<Said> {
    if !content_matches(code, &decoded.content) {
        return Some(
            Said::new("barcode-holds-other")
                .text("content", printable(&decoded.content, 40))
                .text("session", code.as_str()),
        );
    }
    if decoded.format != kind {
        return Some(
            Said::new("barcode-other-type")
                .text("kind-asked", kind.label())
                .text("kind-sent", decoded.format.label()),
        );
    }
    None
}

/// Why a code does not fit, as a message.
fn does_not_fit(e: &DoesNotFit) -> Said {
    let (id, needed, available) = match *e {
        DoesNotFit::Columns { needed, available } => ("barcode-needs-columns", needed, available),
        DoesNotFit::Rows { needed, available } => ("barcode-needs-rows", needed, available),
    };
    let n = |v: usize| u64::try_from(v).unwrap_or(u64::MAX);
    Said::new(id)
        .number("needed", n(needed))
        .number("available", n(available))
}

/// Text from a barcode made safe to draw: control characters shown as `?`, long text cut.
fn printable(s: &str, max: usize) -> String {
    let mut out: String = s
        .chars()
        .take(max)
        .map(|c| if c.is_control() { '?' } else { c })
        .collect();
    if s.chars().count() > max {
        out.push('…');
    }
    out
}

/// Draws the barcode screen into `area`: `title` (the screen's [`BarcodeScreen::title`] in the
/// kiosk's language), reason, warning, the code (or what it needs), and the content under it.
/// Only the code is forced dark on light; text keeps the theme. Returns where the code was
/// drawn, for the graphics overlay.
pub fn render_screen(
    screen: &BarcodeScreen,
    title: &str,
    language: Language,
    area: Rect,
    buf: &mut Buffer,
) -> Option<Placement> {
    if area.width == 0 || area.height == 0 {
        return None;
    }
    let mut top = area.y;
    let bottom = area.y + area.height;
    // One centred line at `top`, moving `top` down; lines past the bottom are dropped.
    let line = |text: &str, style: Style, buf: &mut Buffer, top: &mut u16| {
        if *top < bottom {
            line_at(text, style, buf, area, top);
            *top += 1;
        }
    };
    let title_style = Style::default().add_modifier(Modifier::BOLD);
    line(title, title_style, buf, &mut top);
    if let Some(reason) = screen.source.reason() {
        line(
            &printable(&reason.in_language(language), 200),
            Style::default().fg(Color::Gray),
            buf,
            &mut top,
        );
    }
    if let Some(warning) = &screen.warning {
        let style = Style::default().fg(Color::Yellow).add_modifier(Modifier::BOLD);
        let warning = warning.in_language(language);
        line(&format!("⚠ {warning}"), style, buf, &mut top);
    }
    let content = screen.content();
    let footer_rows = u16::from(content.is_some());
    let code_area = Rect::new(
        area.x,
        top,
        area.width,
        bottom.saturating_sub(top).saturating_sub(footer_rows),
    );
    let placed = match &screen.drawing {
        Drawing::Symbol(symbol) => match draw_symbol(symbol, code_area, buf) {
            Ok(placed) => Some(placed),
            Err(e) => {
                let mut y = code_area.y + code_area.height / 2;
                let why = does_not_fit(&e).in_language(language);
                line_at(&why, Style::default(), buf, code_area, &mut y);
                None
            }
        },
        Drawing::Picture(thumb) => {
            let bmp = thumb.bitmap(code_area.width as usize, code_area.height as usize);
            bmp.draw(code_area, buf)
        }
        Drawing::Nothing(why) => {
            let mut y = code_area.y + code_area.height / 2;
            let why = why.in_language(language);
            line_at(&printable(&why, 200), Style::default(), buf, code_area, &mut y);
            None
        }
    };
    if let Some(content) = content {
        let mut y = bottom - 1;
        if y >= top {
            line_at(&content, Style::default(), buf, area, &mut y);
        }
    }
    placed
}

fn line_at(text: &str, style: Style, buf: &mut Buffer, area: Rect, y: &mut u16) {
    if area.width == 0 || *y < area.y || *y >= area.y + area.height.max(1) {
        return;
    }
    let w = text.chars().count().min(area.width as usize) as u16;
    let x = area.x + (area.width - w) / 2;
    buf.set_stringn(x, *y, text, area.width as usize, style);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code() -> SessionCode {
        SessionCode::parse("ac6s7u3g8a25ja7x9qg87").unwrap_or_else(|e| panic!("{e}"))
    }

    fn text_of(buf: &Buffer) -> String {
        let area = buf.area;
        (area.y..area.y + area.height)
            .map(|y| {
                (area.x..area.x + area.width)
                    .map(|x| buf[(x, y)].symbol().to_string())
                    .collect::<String>()
                    + "\n"
            })
            .collect()
    }

    #[test]
    fn content_matching_ignores_case_and_accepts_links_and_short_codes() {
        let c = code();
        assert!(content_matches(&c, "AC6S7U3G8A25JA7X9QG87"));
        assert!(content_matches(
            &c,
            "https://x.example/p/ab12/ac6s7u3g8a25ja7x9qg87"
        ));
        assert!(!content_matches(&c, "ac6s7u3g8a25ja7x9qg88"));
        assert!(!content_matches(&c, ""));
        let short = SessionCode::parse("ac6s7u").unwrap_or_else(|e| panic!("{e}"));
        assert!(content_matches(&short, "ac6s7u3g8a25ja7x9qg87"));
        assert!(!content_matches(&short, "ac6s7x3g8a25ja7x9qg87"));
    }

    #[test]
    fn a_different_content_or_type_is_warned_about() {
        let other = Decoded {
            format: BarcodeType::Qrcode,
            content: "ZZZ\u{7}".into(),
        };
        let said = |w: Option<Said>| w.map(|w| w.in_language(Language::En)).unwrap_or_default();
        let w = said(content_warning(&code(), BarcodeType::Qrcode, &other));
        assert!(
            w.contains("\"ZZZ?\"") && w.contains("not session ac6s7u3g8a25ja7x9qg87"),
            "{w}"
        );
        let same = Decoded {
            format: BarcodeType::Aztec,
            content: "ac6s7u3g8a25ja7x9qg87".into(),
        };
        assert_eq!(content_warning(&code(), BarcodeType::Aztec, &same), None);
        let w = said(content_warning(&code(), BarcodeType::Qrcode, &same));
        assert!(w.contains("Asked for QR code, the server sent Aztec"), "{w}");
    }

    #[test]
    fn a_locally_rendered_code_is_labelled_so_with_its_reason() {
        let screen = BarcodeScreen::local(&code(), BarcodeType::Qrcode, Said::new("plain-unreachable"));
        let area = Rect::new(0, 0, 60, 24);
        let mut buf = Buffer::empty(area);
        render_screen(&screen, &screen.title(), Language::En, area, &mut buf);
        let text = text_of(&buf);
        assert!(text.contains("QR code · rendered locally"), "{text}");
        assert!(text.contains("The server cannot be reached."), "{text}");
        assert!(text.contains("ac6s7u3g8a25ja7x9qg87"), "{text}");
        assert!(text.contains('█'));
    }

    #[test]
    fn a_narrow_window_is_told_how_many_columns_the_code_needs() {
        let screen = BarcodeScreen::local(&code(), BarcodeType::Code39, Said::new("plain-unreachable"));
        let area = Rect::new(0, 0, 100, 14);
        let mut buf = Buffer::empty(area);
        render_screen(&screen, &screen.title(), Language::En, area, &mut buf);
        let text = text_of(&buf);
        assert!(text.contains("Code 39 · rendered locally"), "{text}");
        assert!(text.contains("columns — widen the window"), "{text}");
        assert!(text.contains("AC6S7U3G8A25JA7X9QG87"), "{text}");
        assert!(!text.contains('█'));
    }

    #[test]
    fn tiny_areas_do_not_panic() {
        let screen = BarcodeScreen::local(&code(), BarcodeType::Pdf417, Said::new("plain-unreachable"));
        for (w, h) in [(0, 0), (1, 1), (5, 2), (200, 1), (1, 50)] {
            let area = Rect::new(3, 2, w, h);
            let mut buf = Buffer::empty(Rect::new(0, 0, w + 6, h + 4));
            render_screen(&screen, &screen.title(), Language::En, area, &mut buf);
        }
    }
}
