//! Content + barcode type -> the symbol's modules (rxing's writers), one module per cell, no margin:
//! the renderer adds the quiet zone itself so every drawing gets the same, known one.

use crate::api::barcode::BarcodeType;
use rxing::common::BitMatrix;
use rxing::{BarcodeFormat, EncodeHints, MultiFormatWriter, Writer};

/// Why a symbol could not be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EncodeError {
    #[error("nothing to encode")]
    Empty,
    #[error("{kind} cannot hold {content:?}: {reason}")]
    Unencodable {
        kind: &'static str,
        content: String,
        reason: String,
    },
}

/// A barcode's modules: `true` is a dark module. For 1D codes `height` is 1 (bars are one row that the
/// renderer stretches); PDF417 rows are [`PDF417_ROW_HEIGHT`] modules tall.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Symbol {
    pub kind: BarcodeType,
    /// The text encoded (Code 39: upper-cased), kept so a PDF417 can be laid out again to fit.
    pub content: String,
    width: usize,
    height: usize,
    dark: Vec<bool>,
}

impl Symbol {
    /// Width in modules, without quiet zone.
    pub fn width(&self) -> usize {
        self.width
    }
    /// Height in modules, without quiet zone (1 for 1D codes).
    pub fn height(&self) -> usize {
        self.height
    }
    /// Bars only: drawn one module per column, several rows tall.
    pub fn is_linear(&self) -> bool {
        self.kind.is_linear()
    }
    /// Whether module (x, y) is dark; outside the symbol is light (quiet zone).
    pub fn is_dark(&self, x: usize, y: usize) -> bool {
        x < self.width && y < self.height && self.dark[y * self.width + x]
    }

    /// Copies rxing's matrix into a plain grid. For 1D codes only the first row is kept.
    pub fn from_bit_matrix(kind: BarcodeType, content: &str, matrix: &BitMatrix) -> Symbol {
        let width = matrix.getWidth() as usize;
        let height = if kind.is_linear() {
            (matrix.getHeight() as usize).min(1)
        } else {
            matrix.getHeight() as usize
        };
        let mut dark = Vec::with_capacity(width * height);
        for y in 0..height {
            for x in 0..width {
                dark.push(matrix.get(x as u32, y as u32));
            }
        }
        Symbol {
            kind,
            content: content.to_string(),
            width,
            height,
            dark,
        }
    }
}

/// Module rows per PDF417 row. The renderer draws PDF417 modules twice as tall as wide (two by two
/// in a cell that is twice as tall as wide), so two of them make a row 4X tall: above the
/// specification's recommended minimum of 3X.
pub const PDF417_ROW_HEIGHT: usize = 2;
/// Data columns of the default PDF417 layout: for a session code 64 text columns wide and 9 rows
/// tall with its quiet zone (the renderer tries other widths when that does not fit).
pub const PDF417_DATA_COLUMNS: u32 = 3;
/// PDF417 error correction level (rxing's default): 8 correction codewords.
const PDF417_EC_LEVEL: u32 = 2;

/// rxing's format for a seed type.
pub fn rxing_format(kind: BarcodeType) -> BarcodeFormat {
    match kind {
        BarcodeType::Code39 => BarcodeFormat::CODE_39,
        BarcodeType::Code128b => BarcodeFormat::CODE_128,
        BarcodeType::Pdf417 => BarcodeFormat::PDF_417,
        BarcodeType::Aztec => BarcodeFormat::AZTEC,
        BarcodeType::Qrcode => BarcodeFormat::QR_CODE,
    }
}

/// What actually goes into a symbol of `kind` for `content`.
///
/// Code 39 has no lower-case letters: its full-ASCII ("extended") form spells each one as two
/// characters (`+A` for `a`), nearly doubling an already wide code, and a reader not set to extended
/// mode shows the pairs. Session codes are case-insensitive, so Code 39 encodes them upper-cased
/// (as the sandbox does); the decoder reads extended mode as well, and the screen compares
/// Code 39 content without regard to case.
pub fn content_for(kind: BarcodeType, content: &str) -> String {
    match kind {
        BarcodeType::Code39 => content.to_ascii_uppercase(),
        _ => content.to_string(),
    }
}

/// The symbol for `content` as `kind`, ready for the renderer: one module per cell, no margin.
pub fn encode(content: &str, kind: BarcodeType) -> Result<Symbol, EncodeError> {
    if kind == BarcodeType::Pdf417 {
        return encode_pdf417(content, PDF417_DATA_COLUMNS, false);
    }
    let matrix = encode_matrix(content, kind)?;
    Ok(Symbol::from_bit_matrix(
        kind,
        &content_for(kind, content),
        &matrix,
    ))
}

/// rxing's matrix for `content` as `kind`: one pixel per module, no margin, 1D codes one row tall.
/// (PDF417 through this path is rxing's own layout, turned a quarter when wider than tall; the
/// screen uses [`encode_pdf417`].)
pub fn encode_matrix(content: &str, kind: BarcodeType) -> Result<BitMatrix, EncodeError> {
    if content.is_empty() {
        return Err(EncodeError::Empty);
    }
    let text = content_for(kind, content);
    let hints = EncodeHints {
        Margin: Some("0".into()),
        // code128b: the seed's type names code set B; rxing would otherwise switch to C for digit runs.
        ForceCodeSet: (kind == BarcodeType::Code128b).then(|| "B".to_string()),
        ..EncodeHints::default()
    };
    // rxing reports bad input as an error, but keep a panic inside it from reaching the caller too.
    let result = std::panic::catch_unwind(|| {
        MultiFormatWriter.encode_with_hints(&text, &rxing_format(kind), 0, 1, &hints)
    });
    match result {
        Ok(Ok(matrix)) => Ok(matrix),
        Ok(Err(e)) => Err(unencodable(kind, content, e.to_string())),
        Err(_) => Err(unencodable(kind, content, "the encoder failed".into())),
    }
}

/// A PDF417 with exactly `data_columns` data columns (1..=30), rows [`PDF417_ROW_HEIGHT`] modules
/// tall: the terminal decides the width, so the layout is chosen here rather than by rxing's
/// paper-oriented aspect ratio. `compact`: truncated PDF417 (no right row indicator, one-module
/// stop), 34 modules narrower; most readers take it, so it is only a last resort for small windows.
pub fn encode_pdf417(content: &str, data_columns: u32, compact: bool) -> Result<Symbol, EncodeError> {
    let kind = BarcodeType::Pdf417;
    if content.is_empty() {
        return Err(EncodeError::Empty);
    }
    let cols = data_columns.clamp(1, 30);
    let result = std::panic::catch_unwind(|| -> Result<Vec<Vec<u8>>, String> {
        let mut encoder = rxing::pdf417::encoder::PDF417::with_compact_hint(compact);
        // Arguments: max cols, min cols, max rows, min rows (the specification's 3..=90 rows).
        encoder.setDimensions(cols, cols, 90, 3);
        encoder
            .generateBarcodeLogic(content, PDF417_EC_LEVEL)
            .map_err(|e| e.to_string())?;
        let matrix = encoder
            .getBarcodeMatrix()
            .as_ref()
            .ok_or_else(|| "no matrix".to_string())?;
        Ok(matrix.getScaledMatrix(1, PDF417_ROW_HEIGHT))
    });
    let rows = match result {
        Ok(Ok(rows)) => rows,
        Ok(Err(e)) => return Err(unencodable(kind, content, e)),
        Err(_) => return Err(unencodable(kind, content, "the encoder failed".into())),
    };
    let width = rows.first().map_or(0, Vec::len);
    let height = rows.len();
    let mut dark = Vec::with_capacity(width * height);
    // rxing keeps PDF417 rows bottom-up (its writer flips them back); 1 is a dark module.
    for row in rows.iter().rev() {
        dark.extend((0..width).map(|x| row.get(x) == Some(&1)));
    }
    Ok(Symbol {
        kind,
        content: content.to_string(),
        width,
        height,
        dark,
    })
}

fn unencodable(kind: BarcodeType, content: &str, reason: String) -> EncodeError {
    EncodeError::Unencodable {
        kind: kind.label(),
        content: content.chars().take(64).collect(),
        reason,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CODE: &str = "ac6s7u3g8a25ja7x9qg87";

    #[test]
    fn every_type_encodes_a_session_code_without_margin() {
        for kind in BarcodeType::ALL {
            let s = encode(CODE, kind);
            assert!(s.is_ok(), "{kind}: {s:?}");
            let Ok(s) = s else { continue };
            // No margin: the symbol's edge columns hold dark modules.
            let left = (0..s.height()).any(|y| s.is_dark(0, y));
            let right = (0..s.height()).any(|y| s.is_dark(s.width() - 1, y));
            assert!(left && right, "{kind} starts or ends with a light column");
            if kind.is_linear() {
                assert_eq!(s.height(), 1, "{kind}");
            } else {
                assert!(s.height() > 1, "{kind}");
            }
        }
    }

    #[test]
    fn qr_code_for_a_session_code_is_version_2() {
        let s = encode(CODE, BarcodeType::Qrcode).ok();
        assert_eq!(s.map(|s| (s.width(), s.height())), Some((25, 25)));
    }

    #[test]
    fn code128b_is_all_code_set_b() {
        // Start B (11) + 21 symbols (11 each) + checksum (11) + stop (13) = 266 modules.
        let s = encode(CODE, BarcodeType::Code128b).ok();
        assert_eq!(s.map(|s| s.width()), Some(266));
    }

    #[test]
    fn code39_is_upper_cased_not_extended() {
        let lower = encode(CODE, BarcodeType::Code39).ok();
        let upper = encode(&CODE.to_ascii_uppercase(), BarcodeType::Code39).ok();
        assert!(lower.is_some());
        assert_eq!(lower, upper);
    }

    #[test]
    fn pdf417_has_the_data_columns_asked_for_and_rows_two_modules_tall() {
        // Start (17) + left indicator (17) + 3 x 17 data + right indicator (17) + stop (18) = 120.
        let s = encode(CODE, BarcodeType::Pdf417).ok();
        assert_eq!(s.as_ref().map(Symbol::width), Some(120));
        assert_eq!(s.map(|s| s.height() % PDF417_ROW_HEIGHT), Some(0));
        let wide = encode_pdf417(CODE, 5, false).ok();
        assert_eq!(wide.map(|s| s.width()), Some(120 + 2 * 17));
        let compact = encode_pdf417(CODE, 3, true).ok();
        // No right row indicator (17) and a one-module stop instead of 18.
        assert_eq!(compact.map(|s| s.width()), Some(120 - 17 - 18 + 1));
    }

    #[test]
    fn empty_content_is_refused() {
        assert_eq!(encode("", BarcodeType::Qrcode), Err(EncodeError::Empty));
    }
}
