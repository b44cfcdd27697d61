//! The barcode as a real picture where the terminal speaks a graphics protocol (kitty, iTerm2,
//! sixel), laid over the block drawing, which stays underneath as the fallback.
//!
//! Why an own module rather than ratatui-image: the kiosk reads stdin through crossterm's event
//! reader from the first frame, so a terminal query (and its answer on stdin) would race
//! the cashier's scanner; a release candidate with its own image pipeline would also be a heavy
//! dependency for one black-and-white picture. Detection therefore goes by the environment only,
//! and every sequence sent asks the terminal not to answer (kitty `q=2`).
//!
//! What it draws: after each frame, the [`Placement`] the frame's drawing reported (where the
//! block-drawn code went and its modules; [`super::render::draw_symbol`] makes one). The overlay
//! sends the same modules as an image, each module an exact whole number of pixels, over exactly
//! those cells. So the image always shows what the fallback shows, wherever the layout puts it,
//! and disappears when the frame reports no code (another screen, a popup over it, a resize). It
//! never looks at the cells: restyling the blocks cannot lose the picture.
//!
//! Setting: `COUPON_KIOSK_GRAPHICS=auto|off|kitty|iterm2|sixel` (default auto).

use super::render::{Bitmap, Grid, Placement};
use base64::Engine as _;
use ratatui::backend::CrosstermBackend;
use ratatui::layout::Rect;
use ratatui::Terminal;
use std::io::{self, Write};

/// The environment variable that forces or disables the graphics overlay.
pub const ENV_VAR: &str = "COUPON_KIOSK_GRAPHICS";
/// Base64 bytes per kitty escape sequence (the protocol's limit).
pub const KITTY_CHUNK: usize = 4096;
/// The kitty image id the kiosk uses for its one barcode image.
pub const KITTY_IMAGE_ID: u32 = 0x00c0_de17;
/// Pixels per module when the terminal does not tell its cell size (it scales the image to the
/// cells it is placed on).
const DEFAULT_MODULE_PX: usize = 8;
/// Largest picture side drawn at the cells' own pixel size; larger ones are left to the terminal
/// to scale.
const MAX_SIDE: usize = 4096;

/// A terminal graphics protocol.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Protocol {
    /// kitty's graphics protocol (APC `ESC _ G`): kitty, Ghostty, and others.
    Kitty,
    /// iTerm2's inline images (OSC 1337 File): iTerm2, WezTerm.
    Iterm2,
    /// DEC sixel: foot, mlterm, xterm -ti vt340, and others.
    Sixel,
}

/// The value of [`ENV_VAR`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Setting {
    /// Decide from the environment (terminal name and program).
    Auto,
    /// Half blocks only.
    Off,
    /// This protocol, whatever the environment says.
    Force(Protocol),
}

impl Setting {
    /// Parses `auto`, `off`, `kitty`, `iterm2` or `sixel` (any case; empty is auto).
    pub fn parse(s: &str) -> Option<Setting> {
        match s.trim().to_ascii_lowercase().as_str() {
            "" | "auto" => Some(Setting::Auto),
            "off" | "none" | "no" | "0" => Some(Setting::Off),
            "kitty" => Some(Setting::Force(Protocol::Kitty)),
            "iterm2" | "iterm" => Some(Setting::Force(Protocol::Iterm2)),
            "sixel" => Some(Setting::Force(Protocol::Sixel)),
            _ => None,
        }
    }
}

/// The protocol to use, from the environment as `get` reads it: [`ENV_VAR`] first, then the
/// terminal's own variables. An unknown setting counts as auto (and is logged).
pub fn detect(get: impl Fn(&str) -> Option<String>) -> Option<Protocol> {
    let setting = match get(ENV_VAR) {
        None => Setting::Auto,
        Some(v) => Setting::parse(&v).unwrap_or_else(|| {
            tracing::warn!(value = %v, "{ENV_VAR}: expected auto, off, kitty, iterm2 or sixel; using auto");
            Setting::Auto
        }),
    };
    match setting {
        Setting::Off => None,
        Setting::Force(p) => Some(p),
        Setting::Auto => detect_auto(&get),
    }
}

fn detect_auto(get: &impl Fn(&str) -> Option<String>) -> Option<Protocol> {
    let set = |name: &str| get(name).is_some_and(|v| !v.is_empty());
    // A multiplexer passes the outer terminal's variables on but not its graphics (without
    // passthrough wrapping, which is not done here): half blocks are the safe choice.
    if set("TMUX") || set("STY") || set("ZELLIJ") {
        return None;
    }
    let term = get("TERM").unwrap_or_default();
    let program = get("TERM_PROGRAM").unwrap_or_default();
    if term == "xterm-kitty" || set("KITTY_WINDOW_ID") {
        return Some(Protocol::Kitty);
    }
    if term == "xterm-ghostty" || program.eq_ignore_ascii_case("ghostty") {
        return Some(Protocol::Kitty);
    }
    // WezTerm's kitty graphics are off unless configured; its iTerm2 images always work.
    if program == "WezTerm" || program == "iTerm.app" || get("LC_TERMINAL").as_deref() == Some("iTerm2") {
        return Some(Protocol::Iterm2);
    }
    if term.starts_with("foot") || term.starts_with("mlterm") {
        return Some(Protocol::Sixel);
    }
    None
}

/// A terminal cell's size in pixels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CellPixels {
    pub width: u16,
    pub height: u16,
}

impl CellPixels {
    /// What the terminal reports (TIOCGWINSZ); None when it reports no pixel size.
    pub fn of_terminal() -> Option<CellPixels> {
        let size = crossterm::terminal::window_size().ok()?;
        if size.columns == 0 || size.rows == 0 {
            return None;
        }
        let cell = CellPixels {
            width: size.width / size.columns,
            height: size.height / size.rows,
        };
        (cell.width > 0 && cell.height > 0).then_some(cell)
    }
}

/// A grey-scale picture, row-major, 0 = black.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pixels {
    pub width: usize,
    pub height: usize,
    pub luma: Vec<u8>,
}

/// The picture of `bitmap` for `cols` x `rows` cells: black on white, every module the same whole
/// number of pixels, shaped as the cells show it (square on the half grid, twice as tall as wide on
/// the quadrant grid). With the cell size known the picture is exactly the cells' size (the
/// terminal shows it 1:1, no blur), the code centred in white; without, 8 pixels a module's width
/// and the terminal scales it to the cells.
pub fn pixels(bitmap: &Bitmap, cols: u16, rows: u16, cell: Option<CellPixels>) -> Pixels {
    let (bw, bh) = (bitmap.width(), bitmap.height());
    // A module's height in module widths: a cell is about twice as tall as wide.
    let tall = 2 * bitmap.grid().modules_per_column() / bitmap.grid().modules_per_row();
    // A huge window's cells would make a picture too big to encode quickly on the UI thread.
    let cell = cell.filter(|c| {
        cols as usize * c.width as usize <= MAX_SIDE && rows as usize * c.height as usize <= MAX_SIDE
    });
    let (sx, sy, width, height) = match cell {
        Some(c) => {
            let (w, h) = (
                cols as usize * c.width as usize,
                rows as usize * c.height as usize,
            );
            let (sx, sy) = match bitmap.grid() {
                // Square modules: the same size both ways.
                Grid::Halves => {
                    let s = (w / bw.max(1)).min(h / bh.max(1)).max(1);
                    (s, s)
                }
                // Bars and PDF417 rows read at any height: each way as large as the cells allow.
                Grid::Quadrants => ((w / bw.max(1)).max(1), (h / bh.max(1)).max(1)),
            };
            (sx, sy, w.max(bw * sx), h.max(bh * sy))
        }
        None => {
            let (sx, sy) = (DEFAULT_MODULE_PX, DEFAULT_MODULE_PX * tall);
            (sx, sy, bw * sx, bh * sy)
        }
    };
    let (left, top) = ((width - bw * sx) / 2, (height - bh * sy) / 2);
    let mut luma = vec![255u8; width * height];
    for my in 0..bh {
        for mx in 0..bw {
            if !bitmap.is_dark(mx, my) {
                continue;
            }
            for y in top + my * sy..top + (my + 1) * sy {
                let start = y * width + left + mx * sx;
                luma[start..start + sx].fill(0);
            }
        }
    }
    Pixels { width, height, luma }
}

/// Why no picture could be made.
#[derive(Debug, thiserror::Error)]
pub enum GraphicsError {
    #[error("cannot encode the barcode as PNG: {0}")]
    Png(#[from] image::ImageError),
    #[error("the picture is too large ({0} x {1} pixels)")]
    TooLarge(usize, usize),
}

/// The picture as PNG (grey, fast compression: a two-tone picture compresses well anyway).
pub fn png(px: &Pixels) -> Result<Vec<u8>, GraphicsError> {
    use image::codecs::png::{CompressionType, FilterType, PngEncoder};
    use image::ImageEncoder as _;
    let too_large = || GraphicsError::TooLarge(px.width, px.height);
    let w = u32::try_from(px.width).map_err(|_| too_large())?;
    let h = u32::try_from(px.height).map_err(|_| too_large())?;
    let mut out = Vec::new();
    PngEncoder::new_with_quality(&mut out, CompressionType::Fast, FilterType::NoFilter).write_image(
        &px.luma,
        w,
        h,
        image::ExtendedColorType::L8,
    )?;
    Ok(out)
}

/// Moves the cursor to the top-left cell of `area` (CUP is 1-based).
fn cursor_to(area: Rect) -> String {
    format!("\x1b[{};{}H", area.y + 1, area.x + 1)
}

/// kitty: transmit the PNG and show it over `area` (`a=T`, `f=100`), scaled to its cells
/// (`c=`, `r=`), the cursor left where it was (`C=1`), no answers (`q=2`). The base64 payload is
/// sent in chunks of [`KITTY_CHUNK`] bytes, every one but the last marked `m=1`.
pub fn kitty_place(png: &[u8], area: Rect, id: u32) -> String {
    let payload = base64::engine::general_purpose::STANDARD.encode(png);
    let chunks: Vec<&[u8]> = payload.as_bytes().chunks(KITTY_CHUNK).collect();
    let mut out = cursor_to(area);
    for (i, chunk) in chunks.iter().enumerate() {
        let more = u8::from(i + 1 < chunks.len());
        // Base64 is ASCII, so the chunk is valid UTF-8.
        let data = std::str::from_utf8(chunk).unwrap_or_default();
        if i == 0 {
            out.push_str(&format!(
                "\x1b_Ga=T,f=100,t=d,i={id},q=2,C=1,c={},r={},m={more};{data}\x1b\\",
                area.width, area.height
            ));
        } else {
            out.push_str(&format!("\x1b_Gq=2,m={more};{data}\x1b\\"));
        }
    }
    if chunks.is_empty() {
        out.push_str(&format!(
            "\x1b_Ga=T,f=100,t=d,i={id},q=2,C=1,c={},r={};\x1b\\",
            area.width, area.height
        ));
    }
    out
}

/// kitty: delete the image and its data (`a=d,d=I`), no answer.
pub fn kitty_delete(id: u32) -> String {
    format!("\x1b_Ga=d,d=I,i={id},q=2\x1b\\")
}

/// iTerm2: the PNG inline over `area`, sized in cells.
pub fn iterm2_place(png: &[u8], area: Rect) -> String {
    let payload = base64::engine::general_purpose::STANDARD.encode(png);
    format!(
        "{}\x1b]1337;File=inline=1;size={};width={};height={};preserveAspectRatio=1:{payload}\x07",
        cursor_to(area),
        png.len(),
        area.width,
        area.height
    )
}

/// Sixel: the picture over `area` at its own pixel size (sixel has no cell sizing), two colours,
/// run-length encoded; unset pixels below the last row stay transparent (`P2=1`).
pub fn sixel_place(px: &Pixels, area: Rect) -> String {
    let mut out = cursor_to(area);
    out.push_str(&format!(
        "\x1bP0;1;0q\"1;1;{};{}#0;2;100;100;100#1;2;0;0;0",
        px.width, px.height
    ));
    let bands = px.height.div_ceil(6);
    for band in 0..bands {
        for (colour, dark) in [(0, false), (1, true)] {
            out.push_str(&format!("#{colour}"));
            let mut run: Option<(u8, usize)> = None;
            for x in 0..px.width {
                let mut bits = 0u8;
                for r in 0..6 {
                    let y = band * 6 + r;
                    if y < px.height && (px.luma[y * px.width + x] < 128) == dark {
                        bits |= 1 << r;
                    }
                }
                let ch = 63 + bits;
                run = match run {
                    Some((c, n)) if c == ch => Some((c, n + 1)),
                    Some((c, n)) => {
                        push_run(&mut out, c, n);
                        Some((ch, 1))
                    }
                    None => Some((ch, 1)),
                };
            }
            if let Some((c, n)) = run {
                push_run(&mut out, c, n);
            }
            out.push(if colour == 0 { '$' } else { '-' });
        }
    }
    out.push_str("\x1b\\");
    out
}

fn push_run(out: &mut String, ch: u8, n: usize) {
    let ch = char::from(ch);
    if n > 3 {
        out.push_str(&format!("!{n}{ch}"));
    } else {
        out.extend(std::iter::repeat_n(ch, n));
    }
}

/// What the overlay has on screen.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Shown {
    frame: Rect,
    placement: Placement,
}

/// Keeps the terminal's picture in step with the block drawing, frame after frame.
pub struct Overlay {
    protocol: Option<Protocol>,
    cell: fn() -> Option<CellPixels>,
    shown: Option<Shown>,
}

impl Overlay {
    /// The protocol from the environment ([`detect`]), the cell size from the terminal.
    pub fn from_env() -> Overlay {
        let protocol = detect(|name| std::env::var(name).ok());
        tracing::info!(graphics = ?protocol, "barcode graphics");
        Overlay::new(protocol, CellPixels::of_terminal)
    }

    pub fn new(protocol: Option<Protocol>, cell: fn() -> Option<CellPixels>) -> Overlay {
        Overlay {
            protocol,
            cell,
            shown: None,
        }
    }

    pub fn protocol(&self) -> Option<Protocol> {
        self.protocol
    }

    /// Call after every frame is drawn and flushed, with the frame's area and the code it drew
    /// (None: no code, or something covers it). Writes the picture (or its removal) to `out`. Returns true when the terminal must be cleared and the
    /// frame drawn again: a picture painted into the cells (iTerm2, sixel) is only removed by
    /// drawing every cell anew; the picture for the next frame is then sent after that redraw.
    pub fn after_draw(
        &mut self,
        frame: Rect,
        drawn: Option<&Placement>,
        out: &mut impl Write,
    ) -> io::Result<bool> {
        let Some(protocol) = self.protocol else {
            return Ok(false);
        };
        let want = drawn.map(|placement| Shown {
            frame,
            placement: placement.clone(),
        });
        if want == self.shown {
            return Ok(false);
        }
        if protocol != Protocol::Kitty && self.shown.take().is_some() {
            return Ok(true);
        }
        let mut seq = String::new();
        if self.shown.take().is_some() {
            seq.push_str(&kitty_delete(KITTY_IMAGE_ID));
        }
        if let Some(want) = want {
            match self.sequence(protocol, &want.placement) {
                Ok(Some(s)) => {
                    seq.push_str(&s);
                    self.shown = Some(want);
                }
                Ok(None) => {}
                Err(e) => tracing::warn!(error = %e, "barcode picture not shown; blocks only"),
            }
        }
        if !seq.is_empty() {
            out.write_all(seq.as_bytes())?;
            out.flush()?;
        }
        Ok(false)
    }

    /// The sequence that shows `p`; None when this protocol cannot show it here (sixel without
    /// the cell size: the picture's size would be a guess).
    fn sequence(&self, protocol: Protocol, p: &Placement) -> Result<Option<String>, GraphicsError> {
        let cell = (self.cell)();
        let px = pixels(&p.bitmap, p.area.width, p.area.height, cell);
        Ok(Some(match protocol {
            Protocol::Kitty => kitty_place(&png(&px)?, p.area, KITTY_IMAGE_ID),
            Protocol::Iterm2 => iterm2_place(&png(&px)?, p.area),
            Protocol::Sixel if cell.is_some() => sixel_place(&px, p.area),
            Protocol::Sixel => return Ok(None),
        }))
    }

    /// Removes a kitty picture (inline pictures go with the screen they are painted on).
    pub fn remove(&mut self, out: &mut impl Write) -> io::Result<()> {
        if self.shown.take().is_some() && self.protocol == Some(Protocol::Kitty) {
            out.write_all(kitty_delete(KITTY_IMAGE_ID).as_bytes())?;
            out.flush()?;
        }
        Ok(())
    }
}

/// Clears the screen and has the next frame draw every cell: how an inline picture (iTerm2,
/// sixel) is removed. Not ratatui's `Terminal::clear`: in ratatui 0.30 that first asks the
/// terminal where the cursor is (`ESC [ 6 n`), and the answer comes on stdin, which the kiosk's
/// event stream reads (a terminal that does not answer stalls it for two seconds, then fails).
pub fn clear_screen<W: Write>(terminal: &mut Terminal<CrosstermBackend<W>>) -> io::Result<()> {
    crossterm::execute!(
        terminal.backend_mut(),
        crossterm::terminal::Clear(crossterm::terminal::ClearType::All)
    )?;
    // An empty frame: ratatui's idea of the screen becomes the blank screen it now is.
    terminal.draw(|_| {})?;
    Ok(())
}

impl Drop for Overlay {
    fn drop(&mut self) {
        let _ = self.remove(&mut io::stdout());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::barcode::decode::decode;
    use crate::barcode::render::{draw_symbol, symbol_bitmap, BAR_ROWS};
    use crate::barcode::{encode::encode, BarcodeType};
    use ratatui::buffer::Buffer;
    use std::collections::HashMap;

    const CODE: &str = "ac6s7u3g8a25ja7x9qg87";
    const CELL: CellPixels = CellPixels { width: 9, height: 18 };

    fn env(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let map: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        move |name| map.get(name).cloned()
    }

    /// The session's code of `kind` drawn in the middle of a 100 x 30 frame: where it went.
    fn frame(kind: BarcodeType) -> Placement {
        let area = Rect::new(0, 0, 100, 30);
        let mut buf = Buffer::empty(area);
        let symbol = encode(CODE, kind).unwrap_or_else(|e| panic!("{e}"));
        draw_symbol(&symbol, area, &mut buf).unwrap_or_else(|e| panic!("{e}"))
    }

    /// The kitty sequences in `s`: (keys, payload) of each `ESC _ G keys ; payload ESC \`.
    fn kitty_commands(s: &str) -> Vec<(String, String)> {
        s.split("\x1b_G")
            .skip(1)
            .filter_map(|part| part.split_once("\x1b\\"))
            .map(|(cmd, _)| {
                let (keys, payload) = cmd.split_once(';').unwrap_or((cmd, ""));
                (keys.to_string(), payload.to_string())
            })
            .collect()
    }

    fn b64(s: &str) -> Vec<u8> {
        base64::engine::general_purpose::STANDARD
            .decode(s)
            .unwrap_or_else(|e| panic!("not base64: {e}"))
    }

    #[test]
    fn the_setting_forces_or_disables_and_auto_goes_by_the_terminal() {
        let d = |pairs: &[(&str, &str)]| detect(env(pairs));
        assert_eq!(d(&[]), None);
        assert_eq!(d(&[("TERM", "xterm-256color")]), None);
        assert_eq!(d(&[("TERM", "xterm-kitty")]), Some(Protocol::Kitty));
        assert_eq!(d(&[("KITTY_WINDOW_ID", "3")]), Some(Protocol::Kitty));
        assert_eq!(d(&[("TERM_PROGRAM", "ghostty")]), Some(Protocol::Kitty));
        assert_eq!(d(&[("TERM_PROGRAM", "WezTerm")]), Some(Protocol::Iterm2));
        assert_eq!(d(&[("TERM_PROGRAM", "iTerm.app")]), Some(Protocol::Iterm2));
        assert_eq!(d(&[("LC_TERMINAL", "iTerm2")]), Some(Protocol::Iterm2));
        assert_eq!(d(&[("TERM", "foot")]), Some(Protocol::Sixel));
        // Inside tmux the outer terminal's variables lie: half blocks.
        assert_eq!(d(&[("TERM", "xterm-kitty"), ("TMUX", "/tmp/t,1,0")]), None);
        // The setting wins over the environment, both ways.
        assert_eq!(d(&[("TERM", "xterm-kitty"), (ENV_VAR, "off")]), None);
        assert_eq!(d(&[(ENV_VAR, "KITTY")]), Some(Protocol::Kitty));
        assert_eq!(d(&[(ENV_VAR, "iterm2"), ("TMUX", "x")]), Some(Protocol::Iterm2));
        assert_eq!(d(&[(ENV_VAR, "sixel")]), Some(Protocol::Sixel));
        // An unknown value is auto, not an error.
        assert_eq!(
            d(&[(ENV_VAR, "yes please"), ("TERM", "xterm-kitty")]),
            Some(Protocol::Kitty)
        );
        assert_eq!(d(&[(ENV_VAR, "yes please")]), None);
    }

    #[test]
    fn the_drawing_reports_where_it_drew_and_the_modules_it_shows() {
        let area = Rect::new(0, 0, 100, 30);
        let mut buf = Buffer::empty(area);
        let symbol = encode(CODE, BarcodeType::Qrcode).unwrap_or_else(|e| panic!("{e}"));
        let found = draw_symbol(&symbol, area, &mut buf).unwrap_or_else(|e| panic!("{e}"));
        let expected = symbol_bitmap(&symbol, BAR_ROWS);
        // 33 modules wide, 33 tall -> 17 rows (the last half row light), centred.
        assert_eq!(found.area, Rect::new(33, 6, 33, 17));
        assert_eq!(found.bitmap.width(), expected.width());
        for y in 0..expected.height() {
            for x in 0..expected.width() {
                assert_eq!(found.bitmap.is_dark(x, y), expected.is_dark(x, y), "({x},{y})");
            }
        }
        assert!(!found.bitmap.is_dark(0, 33), "the padding half row is light");
        // The report is the cells: each one shows the modules the placement says.
        for row in 0..found.area.height {
            for col in 0..found.area.width {
                let cell = &buf[(found.area.x + col, found.area.y + row)];
                assert_eq!(
                    cell.symbol(),
                    found.bitmap.cell(col as usize, row as usize).to_string(),
                    "({col},{row})"
                );
            }
        }
    }

    #[test]
    fn modules_are_whole_pixels_and_the_picture_fills_the_cells_exactly() {
        let found = frame(BarcodeType::Qrcode);
        let (cols, rows) = (found.area.width, found.area.height);
        let px = pixels(&found.bitmap, cols, rows, Some(CELL));
        assert_eq!((px.width, px.height), (33 * 9, 17 * 18));
        // 9 pixels a module: the finder's corner module (4,4) covers pixels 36..45.
        assert_eq!(px.luma[36 * px.width + 36], 0);
        assert_eq!(px.luma[44 * px.width + 44], 0);
        assert_eq!(px.luma[35 * px.width + 36], 255);
        // Without the cell size: 8 pixels a module, the terminal scales.
        let px = pixels(&found.bitmap, cols, rows, None);
        assert_eq!((px.width, px.height), (33 * 8, 34 * 8));
        // Cells so large the picture would pass 4096 pixels: the terminal scales instead.
        let huge = CellPixels {
            width: 200,
            height: 400,
        };
        let px = pixels(&found.bitmap, cols, rows, Some(huge));
        assert_eq!((px.width, px.height), (33 * 8, 34 * 8));
    }

    #[test]
    fn the_kitty_payload_is_a_png_of_the_session_code() {
        let found = frame(BarcodeType::Qrcode);
        let px = pixels(&found.bitmap, found.area.width, found.area.height, Some(CELL));
        let bytes = png(&px).unwrap_or_else(|e| panic!("{e}"));
        let seq = kitty_place(&bytes, found.area, KITTY_IMAGE_ID);
        // The cursor goes to the drawing's top-left cell first.
        let cup = format!("\x1b[{};{}H\x1b_G", found.area.y + 1, found.area.x + 1);
        assert!(seq.starts_with(&cup), "{:?}", &seq[..20]);
        let cmds = kitty_commands(&seq);
        let keys = &cmds[0].0;
        for k in [
            "a=T",
            "f=100",
            "q=2",
            "C=1",
            "c=33",
            "r=17",
            &format!("i={KITTY_IMAGE_ID}"),
        ] {
            assert!(keys.split(',').any(|x| x == k), "{k} missing in {keys}");
        }
        let payload: String = cmds.iter().map(|(_, p)| p.as_str()).collect();
        let read = decode(&b64(&payload)).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(read.content, CODE);
        assert_eq!(read.format, BarcodeType::Qrcode);
    }

    #[test]
    fn quadrant_drawings_make_pictures_of_tall_modules_that_fill_the_cells() {
        for kind in [BarcodeType::Pdf417, BarcodeType::Code128b] {
            let area = Rect::new(0, 0, 160, 30);
            let mut buf = Buffer::empty(area);
            let symbol = encode(CODE, kind).unwrap_or_else(|e| panic!("{e}"));
            let found = draw_symbol(&symbol, area, &mut buf).unwrap_or_else(|e| panic!("{e}"));
            let (cols, rows) = (found.area.width, found.area.height);
            let px = pixels(&found.bitmap, cols, rows, Some(CELL));
            // Exactly the cells' size; a module 4 pixels wide (of a 9-pixel cell's half) and 9 tall.
            assert_eq!(
                (px.width, px.height),
                (cols as usize * 9, rows as usize * 18),
                "{kind}"
            );
            let dark_in_row = |y: usize| px.luma[y * px.width..(y + 1) * px.width].contains(&0);
            let first_dark = (0..px.height).find(|&y| dark_in_row(y));
            // The quiet zone is 2 (PDF417, 4 modules) or 1 (1D) text rows: 36 or 18 pixels.
            let quiet_rows = if kind.is_linear() { 1 } else { 2 };
            assert_eq!(first_dark, Some(quiet_rows * 18), "{kind}");
            let read = decode(&png(&px).unwrap_or_else(|e| panic!("{e}")));
            assert_eq!(read.map(|d| (d.format, d.content)), Ok((kind, CODE.to_string())));
            // Without the cell size: 8 pixels a module's width, 16 its height.
            let px = pixels(&found.bitmap, cols, rows, None);
            assert_eq!(
                (px.width, px.height),
                (found.bitmap.width() * 8, found.bitmap.height() * 16),
                "{kind}"
            );
        }
    }

    #[test]
    fn kitty_payloads_are_sent_in_chunks_of_4096() {
        let data = vec![7u8; 10_000]; // 13 336 base64 bytes: 4 chunks
        let cmds = kitty_commands(&kitty_place(&data, Rect::new(2, 3, 10, 5), 9));
        let sizes: Vec<usize> = cmds.iter().map(|(_, p)| p.len()).collect();
        assert_eq!(sizes, vec![4096, 4096, 4096, 1048]);
        let more: Vec<bool> = cmds.iter().map(|(k, _)| k.contains("m=1")).collect();
        assert_eq!(more, vec![true, true, true, false]);
        assert!(
            cmds[1..].iter().all(|(k, _)| !k.contains("a=T")),
            "keys only in the first"
        );
        assert!(cmds.iter().all(|(k, _)| k.contains("q=2")), "no answers on stdin");
        let joined: String = cmds.iter().map(|(_, p)| p.as_str()).collect();
        assert_eq!(b64(&joined), data);
        assert_eq!(kitty_delete(9), "\x1b_Ga=d,d=I,i=9,q=2\x1b\\");
    }

    #[test]
    fn iterm2_images_are_sized_in_cells() {
        let png = [1u8, 2, 3, 4, 5];
        let seq = iterm2_place(&png, Rect::new(4, 2, 33, 17));
        assert!(seq.starts_with("\x1b[3;5H\x1b]1337;File=inline=1;size=5;width=33;height=17;"));
        assert!(seq.contains("preserveAspectRatio=1:"));
        let payload = seq
            .split_once(':')
            .and_then(|(_, rest)| rest.strip_suffix('\x07'))
            .unwrap_or_else(|| panic!("{seq:?}"));
        assert_eq!(b64(payload), png);
    }

    #[test]
    fn sixel_has_two_colours_per_band_run_length_encoded() {
        // 8 x 7 pixels: the left half black. Two bands (6 + 1 rows).
        let mut luma = vec![255u8; 8 * 7];
        for y in 0..7 {
            luma[y * 8..y * 8 + 4].fill(0);
        }
        let px = Pixels {
            width: 8,
            height: 7,
            luma,
        };
        let seq = sixel_place(&px, Rect::new(0, 0, 1, 1));
        let body = seq
            .strip_prefix("\x1b[1;1H\x1bP0;1;0q\"1;1;8;7#0;2;100;100;100#1;2;0;0;0")
            .and_then(|s| s.strip_suffix("\x1b\\"))
            .unwrap_or_else(|| panic!("{seq:?}"));
        // Band 1: light '?'x4 then all six bits '~'x4; dark the other way round. Band 2: one row.
        assert_eq!(body, "#0!4?!4~$#1!4~!4?-#0!4?!4@$#1!4@!4?-");
    }

    fn run(overlay: &mut Overlay, drawn: Option<&Placement>) -> (bool, String) {
        let mut out = Vec::new();
        let again = overlay
            .after_draw(Rect::new(0, 0, 100, 30), drawn, &mut out)
            .unwrap_or_else(|e| panic!("{e}"));
        (again, String::from_utf8_lossy(&out).into_owned())
    }

    #[test]
    fn kitty_places_once_replaces_on_change_and_deletes_when_the_code_goes() {
        let mut o = Overlay::new(Some(Protocol::Kitty), || Some(CELL));
        let (again, out) = run(&mut o, Some(&frame(BarcodeType::Qrcode)));
        assert!(!again && out.contains("a=T") && !out.contains("a=d"));
        // The same frame again (a clock tick): nothing is sent.
        assert_eq!(
            run(&mut o, Some(&frame(BarcodeType::Qrcode))),
            (false, String::new())
        );
        // Tab to Aztec: the old picture is deleted, the new one placed.
        let (again, out) = run(&mut o, Some(&frame(BarcodeType::Aztec)));
        assert!(!again && out.find("a=d") < out.find("a=T"), "{out:?}");
        // Another screen: deleted.
        let (again, out) = run(&mut o, None);
        assert_eq!((again, out), (false, kitty_delete(KITTY_IMAGE_ID)));
        assert_eq!(run(&mut o, None), (false, String::new()));
    }

    #[test]
    fn inline_pictures_are_removed_by_a_full_redraw_then_painted_again() {
        let mut o = Overlay::new(Some(Protocol::Iterm2), || None);
        let (again, out) = run(&mut o, Some(&frame(BarcodeType::Qrcode)));
        assert!(!again && out.contains("\x1b]1337;File=inline=1"));
        // Tab: clear and draw again first, then the new picture.
        assert_eq!(
            run(&mut o, Some(&frame(BarcodeType::Aztec))),
            (true, String::new())
        );
        let (again, out) = run(&mut o, Some(&frame(BarcodeType::Aztec)));
        assert!(!again && out.contains("\x1b]1337;"));
        // Leaving: one more full redraw, after which nothing is left to do.
        assert_eq!(run(&mut o, None), (true, String::new()));
        assert_eq!(run(&mut o, None), (false, String::new()));
    }

    #[test]
    fn sixel_needs_the_cell_size_and_off_sends_nothing() {
        let mut o = Overlay::new(Some(Protocol::Sixel), || None);
        assert_eq!(
            run(&mut o, Some(&frame(BarcodeType::Qrcode))),
            (false, String::new())
        );
        let mut o = Overlay::new(Some(Protocol::Sixel), || Some(CELL));
        let (_, out) = run(&mut o, Some(&frame(BarcodeType::Qrcode)));
        assert!(out.contains("\x1bP0;1;0q\"1;1;297;306"), "{:?}", &out[..40]);
        let mut o = Overlay::new(None, || Some(CELL));
        assert_eq!(
            run(&mut o, Some(&frame(BarcodeType::Qrcode))),
            (false, String::new())
        );
    }
}
