//! Modules -> terminal cells, always dark on light (explicit colours in a ratatui buffer, whatever
//! the terminal's theme), with a quiet zone, so a scanner or phone camera reads the code off the
//! screen. A terminal cell is about twice as tall as wide, so how many modules share a cell
//! depends on the code:
//!
//! - QR and Aztec need square modules: one module wide and two tall per cell, the half blocks
//!   `▀ ▄ █` and space ([`Grid::Halves`]).
//! - 1D codes and PDF417 only need modules of one width, and tall ones are fine (a PDF417 row is
//!   several modules tall anyway): two modules wide and two tall per cell, the quadrant blocks
//!   `▘ ▝ ▖ ▗ ▀ ▄ ▌ ▐ ▚ ▞ ▛ ▜ ▙ ▟ █` and space ([`Grid::Quadrants`]). A session's Code 128 then
//!   takes 143 columns instead of 286.
//!
//! Every drawing is module-exact: each module is a whole quarter or half of a cell.

use super::encode::{encode_pdf417, Symbol};
use crate::api::barcode::BarcodeType;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Style};
use ratatui::widgets::Widget;

/// Quiet zone around 2D codes, in modules (QR needs 4; Aztec and PDF417 ask for less).
pub const QUIET_ZONE_2D: usize = 4;
/// Quiet zone left and right of 1D codes, in modules (Code 39 and Code 128 need 10).
pub const QUIET_ZONE_1D: usize = 10;
/// How many text rows tall 1D bars are drawn when there is room.
pub const BAR_ROWS: usize = 6;
/// Fewest text rows of bars that a scanner still reads comfortably.
pub const MIN_BAR_ROWS: usize = 2;

/// The 256-colour cube's black and white (16 and 231) rather than the 16 named colours, which themes
/// repaint (Solarized's "black" is dark teal): a scanner needs real contrast.
pub const DARK: Color = Color::Indexed(16);
pub const LIGHT: Color = Color::Indexed(231);
const ANSI_START: &str = "\x1b[38;5;16;48;5;231m";
const ANSI_END: &str = "\x1b[0m";

/// How modules share a text cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Grid {
    /// One module wide, two tall: square modules (QR, Aztec, pictures).
    Halves,
    /// Two modules wide, two tall: modules twice as tall as wide (1D codes, PDF417).
    Quadrants,
}

impl Grid {
    /// Modules across one cell.
    pub fn modules_per_column(self) -> usize {
        match self {
            Grid::Halves => 1,
            Grid::Quadrants => 2,
        }
    }
    /// Modules down one cell.
    pub fn modules_per_row(self) -> usize {
        2
    }
    /// The grid a symbol is drawn on.
    pub fn for_symbol(symbol: &Symbol) -> Grid {
        if symbol.is_linear() || symbol.kind == BarcodeType::Pdf417 {
            Grid::Quadrants
        } else {
            Grid::Halves
        }
    }
}

/// A grid of dark/light modules, quiet zone included, and how they sit in text cells.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bitmap {
    grid: Grid,
    width: usize,
    height: usize,
    dark: Vec<bool>,
}

impl Bitmap {
    /// All light, in half-cell modules (square: pictures, QR, Aztec).
    pub fn new_light(width: usize, height: usize) -> Bitmap {
        Bitmap::new_light_on(Grid::Halves, width, height)
    }
    pub fn new_light_on(grid: Grid, width: usize, height: usize) -> Bitmap {
        Bitmap {
            grid,
            width,
            height,
            dark: vec![false; width * height],
        }
    }
    pub fn grid(&self) -> Grid {
        self.grid
    }
    /// Width in modules.
    pub fn width(&self) -> usize {
        self.width
    }
    /// Height in modules.
    pub fn height(&self) -> usize {
        self.height
    }
    pub fn is_dark(&self, x: usize, y: usize) -> bool {
        x < self.width && y < self.height && self.dark[y * self.width + x]
    }
    pub fn set_dark(&mut self, x: usize, y: usize) {
        if x < self.width && y < self.height {
            self.dark[y * self.width + x] = true;
        }
    }
    /// Text columns the drawing takes.
    pub fn columns(&self) -> usize {
        self.width.div_ceil(self.grid.modules_per_column())
    }
    /// Text rows the drawing takes.
    pub fn rows(&self) -> usize {
        self.height.div_ceil(self.grid.modules_per_row())
    }

    /// The block character for text cell (col, row).
    pub fn cell(&self, col: usize, row: usize) -> char {
        let (x, y) = (col * self.grid.modules_per_column(), 2 * row);
        // On the half grid a module fills the cell's width: its right quarter is its left one.
        let right = x + self.grid.modules_per_column() - 1;
        block(
            self.is_dark(x, y),
            self.is_dark(right, y),
            self.is_dark(x, y + 1),
            self.is_dark(right, y + 1),
        )
    }

    /// Plain lines of blocks (no colour codes), for a file, a pipe or a test.
    pub fn lines(&self) -> Vec<String> {
        (0..self.rows())
            .map(|row| (0..self.columns()).map(|col| self.cell(col, row)).collect())
            .collect()
    }

    /// Lines wrapped in ANSI colour codes: dark on light whatever the terminal's theme.
    pub fn ansi_lines(&self) -> Vec<String> {
        self.lines()
            .into_iter()
            .map(|l| format!("{ANSI_START}{l}{ANSI_END}"))
            .collect()
    }

    /// Draws the bitmap centred in `area` with explicit colours, and says where (None, drawing
    /// nothing, when it does not fit: a clipped barcode cannot be scanned, so it is never drawn in
    /// part).
    pub fn draw(&self, area: Rect, buf: &mut Buffer) -> Option<Placement> {
        let (cols, rows) = (self.columns(), self.rows());
        if cols > area.width as usize || rows > area.height as usize {
            return None;
        }
        let left = area.x + (area.width - cols as u16) / 2;
        let top = area.y + (area.height - rows as u16) / 2;
        let style = Style::default().fg(DARK).bg(LIGHT);
        for row in 0..rows {
            for col in 0..cols {
                let pos = (left + col as u16, top + row as u16);
                if let Some(cell) = buf.cell_mut(pos) {
                    cell.set_char(self.cell(col, row)).set_style(style);
                }
            }
        }
        // Whole cells: a last module row or column that fills only part of a cell is drawn
        // light, so the placement's bitmap has it too.
        let mut bitmap = Bitmap::new_light_on(
            self.grid,
            cols * self.grid.modules_per_column(),
            rows * self.grid.modules_per_row(),
        );
        for y in 0..self.height {
            for x in 0..self.width {
                if self.is_dark(x, y) {
                    bitmap.set_dark(x, y);
                }
            }
        }
        Some(Placement {
            area: Rect::new(left, top, cols as u16, rows as u16),
            bitmap,
        })
    }
}

/// Where a code was drawn on a frame and the modules it shows there: the contract between the
/// drawing and `graphics`, which lays a picture of exactly these modules over exactly these
/// cells. Whoever draws a code passes its placement on; nothing reads it back from the cells.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placement {
    pub area: Rect,
    pub bitmap: Bitmap,
}

/// The block showing these quarters of a cell dark: top left, top right, bottom left, bottom right.
fn block(tl: bool, tr: bool, bl: bool, br: bool) -> char {
    BLOCKS[usize::from(tl) << 3 | usize::from(tr) << 2 | usize::from(bl) << 1 | usize::from(br)]
}

/// Indexed by the four quarters as bits: top left 8, top right 4, bottom left 2, bottom right 1.
const BLOCKS: [char; 16] = [
    ' ', '▗', '▖', '▄', '▝', '▐', '▞', '▟', '▘', '▚', '▌', '▙', '▀', '▜', '▛', '█',
];

/// The quarters a block character shows dark (anything else is light), as [`block`] takes them.
fn quarters(ch: char) -> [bool; 4] {
    let i = BLOCKS.iter().position(|&b| b == ch).unwrap_or(0);
    [i & 8 != 0, i & 4 != 0, i & 2 != 0, i & 1 != 0]
}

/// The symbol with its quiet zone, on its [`Grid`]. 2D: one module each. 1D: bars `bar_rows` text
/// rows tall, with one light text row above and below.
pub fn symbol_bitmap(symbol: &Symbol, bar_rows: usize) -> Bitmap {
    let grid = Grid::for_symbol(symbol);
    if symbol.is_linear() {
        let per_row = grid.modules_per_row();
        let bar_height = per_row * bar_rows.max(1);
        let mut bmp =
            Bitmap::new_light_on(grid, symbol.width() + 2 * QUIET_ZONE_1D, bar_height + 2 * per_row);
        for x in 0..symbol.width() {
            if symbol.is_dark(x, 0) {
                for y in per_row..per_row + bar_height {
                    bmp.set_dark(QUIET_ZONE_1D + x, y);
                }
            }
        }
        bmp
    } else {
        let q = QUIET_ZONE_2D;
        let mut bmp = Bitmap::new_light_on(grid, symbol.width() + 2 * q, symbol.height() + 2 * q);
        for y in 0..symbol.height() {
            for x in 0..symbol.width() {
                if symbol.is_dark(x, y) {
                    bmp.set_dark(q + x, q + y);
                }
            }
        }
        bmp
    }
}

/// Text columns the symbol needs, quiet zone included.
pub fn columns_needed(symbol: &Symbol) -> usize {
    symbol_bitmap(symbol, MIN_BAR_ROWS).columns()
}

/// The `--print` drawing: plain block lines, or with colour codes when `ansi`.
pub fn symbol_lines(symbol: &Symbol, ansi: bool) -> Vec<String> {
    let bmp = symbol_bitmap(symbol, BAR_ROWS);
    if ansi {
        bmp.ansi_lines()
    } else {
        bmp.lines()
    }
}

/// Why a drawing was not made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DoesNotFit {
    Columns { needed: usize, available: usize },
    Rows { needed: usize, available: usize },
}

impl std::fmt::Display for DoesNotFit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DoesNotFit::Columns { needed, available } => write!(
                f,
                "needs {needed} columns — widen the window (it has {available})"
            ),
            DoesNotFit::Rows { needed, available } => write!(
                f,
                "needs {needed} rows — make the window taller (it has {available})"
            ),
        }
    }
}

/// The drawing of `symbol` that fits `max_cols` x `max_rows` text cells: 1D bars as tall as fit
/// (up to [`BAR_ROWS`]); a PDF417 laid out again with more or fewer data columns (then truncated)
/// if that fits where the default does not. Otherwise what the nearest layout needs.
pub fn layout(symbol: &Symbol, max_cols: usize, max_rows: usize) -> Result<Bitmap, DoesNotFit> {
    let bar_rows = max_rows.saturating_sub(2).clamp(MIN_BAR_ROWS, BAR_ROWS);
    let fits = |bmp: &Bitmap| bmp.columns() <= max_cols && bmp.rows() <= max_rows;
    let first = symbol_bitmap(symbol, bar_rows);
    if fits(&first) {
        return Ok(first);
    }
    let mut nearest = first;
    if symbol.kind == BarcodeType::Pdf417 {
        // Nearest the default first: narrower-and-taller or wider-and-shorter, then truncated.
        let candidates = [
            (2, false),
            (4, false),
            (1, false),
            (5, false),
            (6, false),
            (2, true),
            (3, true),
            (1, true),
            (4, true),
        ];
        let overflow =
            |bmp: &Bitmap| bmp.columns().saturating_sub(max_cols) + bmp.rows().saturating_sub(max_rows);
        for (cols, compact) in candidates {
            let Ok(other) = encode_pdf417(&symbol.content, cols, compact) else {
                continue;
            };
            let bmp = symbol_bitmap(&other, bar_rows);
            if fits(&bmp) {
                return Ok(bmp);
            }
            if overflow(&bmp) < overflow(&nearest) {
                nearest = bmp;
            }
        }
    }
    if nearest.columns() > max_cols {
        Err(DoesNotFit::Columns {
            needed: nearest.columns(),
            available: max_cols,
        })
    } else {
        Err(DoesNotFit::Rows {
            needed: nearest.rows(),
            available: max_rows,
        })
    }
}

/// Draws `symbol` centred in `area` (see [`layout`]) and says where; when it cannot fit, draws
/// nothing and says what it needs.
pub fn draw_symbol(symbol: &Symbol, area: Rect, buf: &mut Buffer) -> Result<Placement, DoesNotFit> {
    let bmp = layout(symbol, area.width as usize, area.height as usize)?;
    // `layout` made it fit; should it not, say what it needs rather than draw part of it.
    let needed = bmp.rows();
    bmp.draw(area, buf).ok_or(DoesNotFit::Rows {
        needed,
        available: area.height as usize,
    })
}

/// A ratatui widget for a symbol; when it does not fit it writes what it needs instead.
pub struct SymbolWidget<'a>(pub &'a Symbol);

impl Widget for SymbolWidget<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if let Err(e) = draw_symbol(self.0, area, buf) {
            let text = e.to_string();
            let y = area.y + area.height / 2;
            let x = area.x + area.width.saturating_sub(text.chars().count() as u16) / 2;
            if area.height > 0 {
                buf.set_stringn(x, y, &text, area.width as usize, Style::default());
            }
        }
    }
}

/// A small grey-scale copy of an image, kept to draw it when it holds no readable code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Thumbnail {
    pub width: usize,
    pub height: usize,
    /// Row-major luma, 0 = black.
    pub luma: Vec<u8>,
}

impl Thumbnail {
    /// Box-filters `luma` down so neither side exceeds `max_side` (never scales up).
    pub fn from_luma(luma: &[u8], width: usize, height: usize, max_side: usize) -> Thumbnail {
        if width == 0 || height == 0 || luma.len() < width * height {
            return Thumbnail {
                width: 0,
                height: 0,
                luma: vec![],
            };
        }
        let scale = (width.max(height) as f64 / max_side.max(1) as f64).max(1.0);
        let tw = ((width as f64 / scale).round() as usize).clamp(1, width);
        let th = ((height as f64 / scale).round() as usize).clamp(1, height);
        Thumbnail {
            width: tw,
            height: th,
            luma: resample(luma, width, height, tw, th),
        }
    }

    /// The image scaled to fit `cols` x `rows` text cells (square pixels: a half block is about
    /// square), thresholded halfway between its darkest and lightest grey.
    pub fn bitmap(&self, cols: usize, rows: usize) -> Bitmap {
        if self.width == 0 || self.height == 0 || cols == 0 || rows == 0 {
            return Bitmap::new_light(0, 0);
        }
        let scale = (cols as f64 / self.width as f64).min((2 * rows) as f64 / self.height as f64);
        let w = ((self.width as f64 * scale).floor() as usize).clamp(1, cols);
        let h = ((self.height as f64 * scale).floor() as usize).clamp(1, 2 * rows);
        let small = resample(&self.luma, self.width, self.height, w, h);
        let (lo, hi) = small
            .iter()
            .fold((u8::MAX, u8::MIN), |(lo, hi), &v| (lo.min(v), hi.max(v)));
        let threshold = (u16::from(lo) + u16::from(hi)).div_ceil(2);
        let mut bmp = Bitmap::new_light(w, h);
        for y in 0..h {
            for x in 0..w {
                if u16::from(small[y * w + x]) < threshold {
                    bmp.set_dark(x, y);
                }
            }
        }
        bmp
    }
}

/// Area-average resampling (each target pixel is the mean of the source pixels it covers).
pub(crate) fn resample(src: &[u8], sw: usize, sh: usize, tw: usize, th: usize) -> Vec<u8> {
    let mut out = Vec::with_capacity(tw * th);
    for ty in 0..th {
        let y0 = ty * sh / th;
        let y1 = ((ty + 1) * sh / th).max(y0 + 1).min(sh);
        for tx in 0..tw {
            let x0 = tx * sw / tw;
            let x1 = ((tx + 1) * sw / tw).max(x0 + 1).min(sw);
            let mut sum = 0u64;
            for y in y0..y1 {
                for x in x0..x1 {
                    sum += u64::from(src[y * sw + x]);
                }
            }
            let n = ((y1 - y0) * (x1 - x0)) as u64;
            out.push((sum / n.max(1)) as u8);
        }
    }
    out
}

/// Turns block text back into pixels as a camera would see the screen, each cell `2·scale` pixels
/// wide and `4·scale` tall (a terminal cell's shape), dark = 0, light = 255: the check that a
/// drawing really is the code. Other characters count as light.
pub fn rasterize(lines: &[String], scale: usize) -> (Vec<u8>, u32, u32) {
    let s = scale.max(1);
    let (cell_w, cell_h) = (2 * s, 4 * s);
    let cols = lines.iter().map(|l| l.chars().count()).max().unwrap_or(0);
    let (w, h) = (cols * cell_w, lines.len() * cell_h);
    let mut px = vec![255u8; w * h];
    for (row, line) in lines.iter().enumerate() {
        for (col, ch) in line.chars().enumerate() {
            let [tl, tr, bl, br] = quarters(ch);
            for (qx, qy, dark) in [(0, 0, tl), (1, 0, tr), (0, 1, bl), (1, 1, br)] {
                if !dark {
                    continue;
                }
                let (x0, y0) = (col * cell_w + qx * s, row * cell_h + qy * 2 * s);
                for y in y0..y0 + 2 * s {
                    px[y * w + x0..y * w + x0 + s].fill(0);
                }
            }
        }
    }
    (px, w as u32, h as u32)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::barcode::encode::encode;

    const CODE: &str = "ac6s7u3g8a25ja7x9qg87";

    fn qr() -> Symbol {
        encode(CODE, BarcodeType::Qrcode).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn two_module_rows_per_text_row_with_a_four_module_quiet_zone() {
        let lines = symbol_lines(&qr(), false);
        // 25 modules + 2 x 4 quiet = 33 columns, 33 pixel rows -> 17 text rows.
        assert_eq!(lines.len(), 17);
        assert!(lines.iter().all(|l| l.chars().count() == 33));
        // Quiet zone: first two text rows (4 modules) and the first four columns are blank.
        assert!(lines[..2].iter().all(|l| l.trim().is_empty()));
        assert!(lines.iter().all(|l| l.chars().take(4).all(|c| c == ' ')));
        // Finder pattern top-left: module row 4 is the first dark row -> text row 2, top half.
        assert_eq!(lines[2].chars().nth(4), Some('█'));
        assert!(lines.iter().flat_map(|l| l.chars()).all(|c| " ▀▄█".contains(c)));
    }

    #[test]
    fn ansi_lines_are_dark_on_light_and_plain_lines_have_no_escape() {
        let symbol = qr();
        assert!(symbol_lines(&symbol, false).iter().all(|l| !l.contains('\x1b')));
        let ansi = symbol_lines(&symbol, true);
        assert!(ansi
            .iter()
            .all(|l| l.starts_with(ANSI_START) && l.ends_with(ANSI_END)));
    }

    #[test]
    fn linear_codes_take_two_modules_per_column_plus_ten_modules_each_side() {
        let symbol = encode(CODE, BarcodeType::Code128b).unwrap_or_else(|e| panic!("{e}"));
        let lines = symbol_lines(&symbol, false);
        // 266 modules + 2 x 10 quiet = 286 modules, two to a column.
        assert_eq!(columns_needed(&symbol), 143);
        assert_eq!(lines.len(), BAR_ROWS + 2);
        assert!(lines[0].trim().is_empty() && lines[lines.len() - 1].trim().is_empty());
        // Bars are left, right or whole columns, the same on every row between the light rows.
        for l in &lines[1..lines.len() - 1] {
            assert!(l.chars().all(|c| " ▌▐█".contains(c)), "{l}");
            assert_eq!(l, &lines[1]);
        }
        // Quiet zone: five blank columns, then Code 128's start B, 11 01 00 10 0…: █▐ ▌
        assert_eq!(lines[1].chars().take(9).collect::<String>(), "     █▐ ▌");
        // Module-exact: the drawing's columns hold the symbol's modules two by two.
        let row: Vec<char> = lines[1].chars().collect();
        for x in 0..symbol.width() {
            let (col, right) = ((QUIET_ZONE_1D + x) / 2, (QUIET_ZONE_1D + x) % 2 == 1);
            let [tl, tr, _, _] = quarters(row[col]);
            assert_eq!(if right { tr } else { tl }, symbol.is_dark(x, 0), "module {x}");
        }
    }

    #[test]
    fn every_block_character_reads_back_as_the_quarters_it_was_made_from() {
        for i in 0..16usize {
            let q = [i & 8 != 0, i & 4 != 0, i & 2 != 0, i & 1 != 0];
            assert_eq!(quarters(block(q[0], q[1], q[2], q[3])), q, "{i:04b}");
        }
        assert_eq!(block(true, false, true, false), '▌');
        assert_eq!(block(false, true, true, false), '▞');
        assert_eq!(quarters('x'), [false; 4]);
    }

    #[test]
    fn a_code_too_wide_is_not_drawn_and_says_how_many_columns_it_needs() {
        let symbol = encode(CODE, BarcodeType::Code128b).unwrap_or_else(|e| panic!("{e}"));
        let area = Rect::new(0, 0, 80, 12);
        let mut buf = Buffer::empty(area);
        SymbolWidget(&symbol).render(area, &mut buf);
        let text: String = buf.content().iter().map(|c| c.symbol()).collect();
        assert!(text.contains("needs 143 columns — widen the window"), "{text}");
        assert!(!text.contains('█'));
    }

    #[test]
    fn drawn_into_a_buffer_with_explicit_colours_centred() {
        let area = Rect::new(0, 0, 41, 19);
        let mut buf = Buffer::empty(area);
        SymbolWidget(&qr()).render(area, &mut buf);
        // 33 x 17 centred in 41 x 19: starts at (4, 1).
        let corner = &buf[(4, 1)];
        assert_eq!((corner.fg, corner.bg), (DARK, LIGHT));
        assert_eq!(buf[(3, 1)].bg, Color::Reset);
        assert_eq!(buf[(4 + 4, 1 + 2)].symbol(), "█");
    }

    fn decodes(bitmap: &Bitmap) -> Result<String, crate::barcode::DecodeError> {
        let (pixels, width, height) = rasterize(&bitmap.lines(), 2);
        crate::barcode::decode::decode_luma(&crate::barcode::decode::LumaImage {
            width,
            height,
            pixels,
        })
        .map(|d| d.content)
    }

    #[test]
    fn a_pdf417_is_two_by_two_modules_a_cell_and_laid_out_again_to_fit() {
        let symbol = encode(CODE, BarcodeType::Pdf417).unwrap_or_else(|e| panic!("{e}"));
        // Three data columns: 120 modules + 2 x 4 quiet = 64 columns; 10 rows of 2 modules + 8
        // quiet = 14 text rows. That fits the barcode screen of an 80 x 24 kiosk.
        let default = layout(&symbol, 80, 18).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!((default.columns(), default.rows()), (64, 14));
        assert_eq!(default.grid(), Grid::Quadrants);
        assert_eq!(decodes(&default).as_deref(), Ok(CODE));
        // Narrower: fewer data columns, more rows.
        let narrow = layout(&symbol, 50, 40).unwrap_or_else(|e| panic!("{e}"));
        assert!(narrow.columns() <= 50 && narrow.rows() <= 40);
        assert_eq!(decodes(&narrow).as_deref(), Ok(CODE));
        // Narrow and short: only the truncated form fits.
        let small = layout(&symbol, 50, 16).unwrap_or_else(|e| panic!("{e}"));
        assert!(small.columns() <= 50 && small.rows() <= 16);
        assert_eq!(decodes(&small).as_deref(), Ok(CODE));
        // Narrower than any layout: says the narrowest it could be (truncated, one data column:
        // 17 x 3 + 1 modules + 8 quiet, two to a column).
        assert_eq!(
            layout(&symbol, 20, 60).err(),
            Some(DoesNotFit::Columns {
                needed: 30,
                available: 20
            })
        );
    }

    #[test]
    fn rasterize_sees_cells_twice_as_tall_as_wide() {
        // Scale 1: a cell is 2 x 4 pixels, a quarter 1 x 2, a half block 2 x 2.
        let (px, w, h) = rasterize(&["▀▗".into()], 1);
        assert_eq!((w, h), (4, 4));
        #[rustfmt::skip]
        let expected = vec![
            0, 0, 255, 255,
            0, 0, 255, 255,
            255, 255, 255, 0,
            255, 255, 255, 0,
        ];
        assert_eq!(px, expected);
    }

    #[test]
    fn thumbnail_threshold_keeps_shapes() {
        // 4x2 image: left half black, right half white.
        let luma = [0, 0, 255, 255, 0, 0, 255, 255];
        let t = Thumbnail::from_luma(&luma, 4, 2, 100);
        let bmp = t.bitmap(4, 1);
        assert_eq!(bmp.lines(), vec!["██  ".to_string()]);
    }
}
