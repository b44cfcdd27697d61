//! The symbols the kiosk draws, in two sets: full Unicode for terminal emulators, and the few
//! hundred glyphs of the Linux console's font for a till that boots to the console (`TERM=linux`),
//! where ✔ ✖ ⚠ ● ▸ would come out as blanks or boxes. Chosen once at start
//! ([`crate::settings::GlyphSet`]); every view takes its symbols from here.
//!
//! The console also has only 16 colours. [`to_console`] is the last step of drawing a frame
//! there: any character the console font lacks (text from a message file, a name from the
//! server) becomes a readable stand-in, and any colour beyond the 16 becomes the nearest of them.

use super::verdict::Tone;
#[cfg(test)]
use crate::settings::is_console_term;
use crate::settings::GlyphSet;
use ratatui::buffer::Buffer;
use ratatui::style::Color;
use ratatui::symbols::bar;

/// One set of symbols.
#[derive(Debug, Clone)]
pub struct Glyphs {
    pub set: GlyphSet,
    /// Verdict symbols by tone: good, bad, warn, info (undone), offline.
    pub good: &'static str,
    pub bad: &'static str,
    pub warn: &'static str,
    pub info: &'static str,
    pub offline: &'static str,
    /// The status bar's link: not connected yet / online.
    pub link_unknown: &'static str,
    pub link_online: &'static str,
    /// Before a field's text ("Scan ▸").
    pub prompt: &'static str,
    /// A masked character (PIN).
    pub mask: &'static str,
    /// The block cursor.
    pub cursor: &'static str,
    /// Scans waiting in the queue.
    pub waiting: &'static str,
    /// The mirror is being synchronised.
    pub syncing: &'static str,
    /// Around the offer on the verdict screen.
    pub offer_left: &'static str,
    pub offer_right: &'static str,
    /// Up and down keys, as the footer names them.
    pub up_down: &'static str,
    /// Between parts of a line ("ALREADY USED — at 10:02").
    pub dash: &'static str,
    /// Bars of the F3 chart.
    pub bars: bar::Set<'static>,
    /// Whether the big verdict type may use quadrant blocks (▖▗▘▝…).
    pub quadrants: bool,
}

impl Glyphs {
    pub const UNICODE: Glyphs = Glyphs {
        set: GlyphSet::Unicode,
        good: "✔",
        bad: "✖",
        warn: "⚠",
        info: "↺",
        offline: "◆",
        link_unknown: "○",
        link_online: "●",
        prompt: "▸",
        mask: "•",
        cursor: "█",
        waiting: "⏳",
        syncing: "⟳",
        offer_left: "▶",
        offer_right: "◀",
        up_down: "↑↓",
        dash: "—",
        bars: bar::NINE_LEVELS,
        quadrants: true,
    };

    /// Only glyphs of the Linux console's default font (see [`CONSOLE_FONT`]).
    pub const CONSOLE: Glyphs = Glyphs {
        set: GlyphSet::Console,
        good: "√",
        bad: "X",
        warn: "!",
        info: "«",
        offline: "♦",
        link_unknown: "○",
        link_online: "•",
        prompt: "►",
        mask: "*",
        cursor: "█",
        waiting: "»",
        syncing: "↕",
        offer_left: "►",
        offer_right: "◄",
        up_down: "↑↓",
        dash: "-",
        bars: bar::THREE_LEVELS,
        quadrants: false,
    };

    pub fn of(set: GlyphSet) -> &'static Glyphs {
        match set {
            GlyphSet::Unicode => &Glyphs::UNICODE,
            GlyphSet::Console => &Glyphs::CONSOLE,
        }
    }

    /// The symbol of a verdict's tone.
    pub fn tone(&self, t: Tone) -> &'static str {
        match t {
            Tone::Good => self.good,
            Tone::Bad => self.bad,
            Tone::Warn => self.warn,
            Tone::Info => self.info,
            Tone::Offline => self.offline,
        }
    }

    /// Every symbol of the set, for the check that the console's are all in its font.
    pub fn all(&self) -> Vec<&'static str> {
        let b = &self.bars;
        vec![
            self.good,
            self.bad,
            self.warn,
            self.info,
            self.offline,
            self.link_unknown,
            self.link_online,
            self.prompt,
            self.mask,
            self.cursor,
            self.waiting,
            self.syncing,
            self.offer_left,
            self.offer_right,
            self.up_down,
            self.dash,
            b.full,
            b.seven_eighths,
            b.three_quarters,
            b.five_eighths,
            b.half,
            b.three_eighths,
            b.one_quarter,
            b.one_eighth,
            b.empty,
        ]
    }
}

/// The characters the Linux console shows with its built-in font: every Unicode code point in
/// the kernel's default map for the IBM code page 437 font, `drivers/tty/vt/cp437.uni` in the
/// Linux source (the 256 CP437 glyphs plus the stand-ins it lists, e.g. `◆` drawn as `♦`,
/// `À` as `A`). U+0000, U+00A0 (no-break space) and U+FFFD are left out: nothing should draw them.
pub const CONSOLE_FONT: &str = concat!(
    // 0x01-0x1f: the IBM dingbats (and their stand-ins)
    "☺☻♥♦◆♣♠•◘○◙♂♀♪♫☼¤▶►◀◄↕‼¶§▬↨↑↓→←∟↔▲▼",
    // 0x20-0x7e: ASCII, and what the kernel draws with those letters
    " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~",
    "¨´¸\u{ad}ÀÁÂÃ©ÐÈÊËÌÍÎÏ\u{212a}ÒÓÔÕ®ÙÚÛÝ⎽ãõ×ý¦",
    // 0x7f-0xaf: ⌂ and the Latin letters of the code page
    "⌂ÇüéâäàåçêëèïîìÄÅ\u{212b}ÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»",
    // 0xb0-0xdf: shades, box lines and blocks
    "░▒▓│┤╡╢╖╕╣║╗╝╜╛┐└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀",
    // 0xe0-0xfe: Greek letters and mathematical symbols
    "αβßΓπΣσµμτΦØΘΩ\u{2126}δð∞φøε∈∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■",
);

/// Whether the console font has `c`.
pub fn console_has(c: char) -> bool {
    CONSOLE_FONT.contains(c)
}

/// What a character the console lacks is drawn as: the nearest symbol it has, or `?`.
fn console_stand_in(c: char) -> char {
    match c {
        '—' | '–' | '‒' | '―' | '‐' | '‑' | '−' => '-',
        '…' => '.',
        '“' | '”' | '„' => '"',
        '‘' | '’' | '‚' => '\'',
        '✔' | '✓' => '√',
        '✖' | '✗' | '✘' => 'X',
        '⚠' => '!',
        '●' | '⏺' => '•',
        '▸' | '▹' | '▷' => '►',
        '◂' | '◃' | '◁' => '◄',
        '↺' | '↻' | '⟲' | '⟳' => '«',
        '⏳' => '»',
        '│' | '┃' => '│',
        '╭' => '┌',
        '╮' => '┐',
        '╰' => '└',
        '╯' => '┘',
        '\u{a0}' | '\u{202f}' | '\u{2009}' | '\u{2007}' => ' ',
        // Quadrant blocks (and sextants, octants) have no console glyph: a full block reads
        // as "something dark here", better than a box.
        '\u{2596}'..='\u{259f}' => '█',
        _ if console_has(c) => c,
        _ => '?',
    }
}

/// The nearest of the 16 basic colours to a colour beyond them (the console has no others).
fn basic_colour(c: Color) -> Color {
    let rgb = match c {
        Color::Indexed(i) if i < 16 => return c,
        Color::Indexed(i) if i < 232 => {
            let level = |v: u8| if v == 0 { 0 } else { 55 + 40 * v };
            let i = i - 16;
            (level(i / 36), level((i / 6) % 6), level(i % 6))
        }
        Color::Indexed(i) => {
            let g = 8 + 10 * (i - 232);
            (g, g, g)
        }
        Color::Rgb(r, g, b) => (r, g, b),
        other => return other,
    };
    const BASIC: [(Color, (u8, u8, u8)); 16] = [
        (Color::Black, (0, 0, 0)),
        (Color::Red, (170, 0, 0)),
        (Color::Green, (0, 170, 0)),
        (Color::Yellow, (170, 85, 0)),
        (Color::Blue, (0, 0, 170)),
        (Color::Magenta, (170, 0, 170)),
        (Color::Cyan, (0, 170, 170)),
        (Color::Gray, (170, 170, 170)),
        (Color::DarkGray, (85, 85, 85)),
        (Color::LightRed, (255, 85, 85)),
        (Color::LightGreen, (85, 255, 85)),
        (Color::LightYellow, (255, 255, 85)),
        (Color::LightBlue, (85, 85, 255)),
        (Color::LightMagenta, (255, 85, 255)),
        (Color::LightCyan, (85, 255, 255)),
        (Color::White, (255, 255, 255)),
    ];
    let distance = |(r, g, b): (u8, u8, u8)| {
        let d = |x: u8, y: u8| (i32::from(x) - i32::from(y)).pow(2);
        d(r, rgb.0) + d(g, rgb.1) + d(b, rgb.2)
    };
    BASIC
        .iter()
        .min_by_key(|(_, v)| distance(*v))
        .map_or(Color::White, |(c, _)| *c)
}

/// The frame as the console can show it: characters its font lacks replaced by stand-ins,
/// colours beyond the 16 basic ones replaced by the nearest of them.
pub fn to_console(buf: &mut Buffer) {
    for cell in buf.content.iter_mut() {
        let symbol = cell.symbol();
        if !symbol.chars().all(console_has) {
            let fixed: String = symbol.chars().map(console_stand_in).collect();
            cell.set_symbol(&fixed);
        }
        cell.fg = basic_colour(cell.fg);
        cell.bg = basic_colour(cell.bg);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::layout::Rect;

    #[test]
    fn every_console_glyph_is_in_the_console_font() {
        for s in Glyphs::CONSOLE.all() {
            for c in s.chars() {
                assert!(console_has(c), "{c:?} ({s}) is not in the console font");
            }
        }
        // The Unicode set is different where the console lacks a glyph: the check above bites.
        assert!(Glyphs::UNICODE.all().iter().any(|s| !s.chars().all(console_has)));
        // The font list itself: the glyphs the task names as present, and those it names absent.
        for c in "▀▄█▌▐░▒▓│─┌┐└┘├┤┬┴┼√•►◄↑↓".chars() {
            assert!(console_has(c), "{c}");
        }
        for c in "✔✖⚠●▸↺▖▗▘▝▙▛▜▟—…".chars() {
            assert!(!console_has(c), "{c}");
        }
        // 256 code page positions less NUL, no-break space; with the stand-ins the kernel lists.
        assert!(
            CONSOLE_FONT.chars().count() > 280,
            "{}",
            CONSOLE_FONT.chars().count()
        );
    }

    #[test]
    fn the_console_term_names() {
        for t in ["linux", "linux-16color", "vt100", "vt220", "vt102"] {
            assert!(is_console_term(t), "{t}");
        }
        for t in [
            "xterm-256color",
            "screen",
            "tmux-256color",
            "alacritty",
            "",
            "dumb",
            "vt100x",
        ] {
            assert!(!is_console_term(t), "{t}");
        }
    }

    #[test]
    fn a_console_frame_has_only_console_glyphs_and_basic_colours() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 30, 2));
        buf.set_string(0, 0, "✔ VALIDATED — give…", ratatui::style::Style::new());
        buf.set_string(
            0,
            1,
            "Café ▖▟ ☃",
            ratatui::style::Style::new()
                .fg(Color::Indexed(16))
                .bg(Color::Indexed(231)),
        );
        to_console(&mut buf);
        let text: String = buf.content.iter().map(|c| c.symbol()).collect();
        assert!(text.starts_with("√ VALIDATED - give."), "{text}");
        assert!(text.contains("Café ██ ?"), "{text}");
        assert!(text.chars().all(console_has), "{text}");
        assert_eq!(buf[(0, 1)].fg, Color::Black);
        assert_eq!(buf[(0, 1)].bg, Color::White);
        assert_eq!(basic_colour(Color::Rgb(250, 80, 80)), Color::LightRed);
        assert_eq!(basic_colour(Color::Cyan), Color::Cyan);
    }
}
