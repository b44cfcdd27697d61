//! Barcode images for `couponsession/barcode`: rxing's writers give the modules, we draw
//! them into a grey image with a quiet zone and encode it as PNG.

use image::{GrayImage, ImageFormat, Luma};
use rxing::{BarcodeFormat, EncodeHintValue, EncodeHints, MultiFormatWriter, Writer};
use std::io::Cursor;

/// The seed's barcode types.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Symbology {
    Code39,
    Code128B,
    Pdf417,
    Aztec,
    QrCode,
}

impl Symbology {
    pub const ALL: [Symbology; 5] = [
        Symbology::Code39,
        Symbology::Code128B,
        Symbology::Pdf417,
        Symbology::Aztec,
        Symbology::QrCode,
    ];

    /// The seed's name (`code39`, `code128b`, `pdf417`, `aztec`, `qrcode`), any case.
    pub fn parse(name: &str) -> Option<Symbology> {
        Symbology::ALL
            .into_iter()
            .find(|s| s.name().eq_ignore_ascii_case(name))
    }

    pub fn name(self) -> &'static str {
        match self {
            Symbology::Code39 => "code39",
            Symbology::Code128B => "code128b",
            Symbology::Pdf417 => "pdf417",
            Symbology::Aztec => "aztec",
            Symbology::QrCode => "qrcode",
        }
    }

    fn format(self) -> BarcodeFormat {
        match self {
            Symbology::Code39 => BarcodeFormat::CODE_39,
            Symbology::Code128B => BarcodeFormat::CODE_128,
            Symbology::Pdf417 => BarcodeFormat::PDF_417,
            Symbology::Aztec => BarcodeFormat::AZTEC,
            Symbology::QrCode => BarcodeFormat::QR_CODE,
        }
    }

    /// What the symbol holds for a session code: Code 39 has no lower case, so upper-cased.
    pub fn content(self, session_code: &str) -> String {
        match self {
            Symbology::Code39 => session_code.to_ascii_uppercase(),
            _ => session_code.to_string(),
        }
    }

    /// Pixels per module (x, y) and quiet zone in modules (x, y).
    fn geometry(self) -> Geometry {
        match self {
            // Linear codes: 10 modules of quiet zone each side (the specs' minimum), bars 120 px.
            Symbology::Code39 | Symbology::Code128B => Geometry {
                module: (3, 120),
                quiet: (10, 0),
                pad_y: 12,
            },
            // rxing already draws PDF417 rows 4 modules tall (its aspect ratio).
            Symbology::Pdf417 => Geometry {
                module: (3, 3),
                quiet: (2, 2),
                pad_y: 0,
            },
            Symbology::Aztec => Geometry {
                module: (6, 6),
                quiet: (2, 2),
                pad_y: 0,
            },
            Symbology::QrCode => Geometry {
                module: (6, 6),
                quiet: (4, 4),
                pad_y: 0,
            },
        }
    }
}

struct Geometry {
    module: (u32, u32),
    quiet: (u32, u32),
    /// Extra white pixels above and below (linear codes).
    pad_y: u32,
}

#[derive(Debug, thiserror::Error)]
pub enum BarcodeError {
    #[error("cannot encode this content as {0}: {1}")]
    Encode(&'static str, String),
    #[error("cannot write the PNG: {0}")]
    Png(#[from] image::ImageError),
}

/// The PNG bytes of `content` drawn as `symbology`.
pub fn png(symbology: Symbology, content: &str) -> Result<Vec<u8>, BarcodeError> {
    // Margin 0: we draw the quiet zone ourselves, in modules rather than pixels.
    let mut hints = EncodeHints::default().with(EncodeHintValue::Margin("0".into()));
    if symbology == Symbology::Code128B {
        hints = hints.with(EncodeHintValue::ForceCodeSet("B".into()));
    }
    let matrix = MultiFormatWriter
        .encode_with_hints(content, &symbology.format(), 1, 1, &hints)
        .map_err(|e| BarcodeError::Encode(symbology.name(), e.to_string()))?;
    let g = symbology.geometry();
    let (mx, my) = g.module;
    let width = (matrix.width() + 2 * g.quiet.0) * mx;
    let height = (matrix.height() + 2 * g.quiet.1) * my + 2 * g.pad_y;
    let mut img = GrayImage::from_pixel(width, height, Luma([255]));
    for y in 0..matrix.height() {
        for x in 0..matrix.width() {
            if !matrix.get(x, y) {
                continue;
            }
            let left = (x + g.quiet.0) * mx;
            let top = (y + g.quiet.1) * my + g.pad_y;
            for py in top..top + my {
                for px in left..left + mx {
                    img.put_pixel(px, py, Luma([0]));
                }
            }
        }
    }
    let mut out = Cursor::new(Vec::new());
    img.write_to(&mut out, ImageFormat::Png)?;
    Ok(out.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_type_decodes_back_to_its_content() {
        for s in Symbology::ALL {
            let content = s.content("ac6s7u3g8a25ja7x9qg87");
            let bytes = png(s, &content).unwrap();
            let img = image::load_from_memory(&bytes).unwrap().to_luma8();
            let (w, h) = img.dimensions();
            let found = rxing::helpers::detect_in_luma(img.into_raw(), w, h, Some(s.format()))
                .unwrap_or_else(|e| panic!("{} does not decode: {e}", s.name()));
            assert_eq!(found.getText(), content, "{}", s.name());
        }
    }

    #[test]
    fn names_are_the_seed_s() {
        assert_eq!(Symbology::parse("QRCODE"), Some(Symbology::QrCode));
        assert_eq!(Symbology::parse("ean13"), None);
        assert_eq!(Symbology::Code39.content("ab12"), "AB12");
    }
}
