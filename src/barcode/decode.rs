//! Image bytes -> the barcode they show: `image` (PNG, GIF, JPEG) -> grey levels -> rxing.
//!
//! Whatever the bytes are, this never panics and never allocates for a picture larger than
//! [`MAX_SIDE`] x [`MAX_SIDE`] / [`MAX_PIXELS`]: the header is read first and checked before any
//! pixel is decoded. [`decode_in_background`] runs the work on a thread of its own under a
//! deadline, so neither a slow image nor a panic inside a decoder can stall or take down the kiosk.

use crate::api::barcode::{sniff_image_type, BarcodeType};
use rxing::common::{GlobalHistogramBinarizer, HybridBinarizer};
use rxing::oned::Code39Reader;
use rxing::{
    BarcodeFormat, Binarizer, BinaryBitmap, DecodeHints, Luma8Source, LuminanceSource, MultiFormatReader,
    RXingResult, Reader,
};
use std::collections::HashSet;
use std::io::Cursor;
use std::time::Duration;

/// Longest side accepted, in pixels (a barcode image is a few hundred).
pub const MAX_SIDE: u32 = 8_000;
/// Most pixels accepted (about 24 MB of grey levels).
pub const MAX_PIXELS: u64 = 24_000_000;
/// Most image bytes accepted.
pub const MAX_BYTES: usize = 32 * 1024 * 1024;
/// How long [`decode_in_background`] waits before giving up.
pub const DECODE_TIMEOUT: Duration = Duration::from_secs(10);

/// Why an image gave no barcode. Each message says what a person can do about it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    #[error("the image is empty (0 bytes)")]
    Empty,
    #[error("not a PNG, GIF or JPEG image ({0})")]
    NotAnImage(String),
    #[error("the {format} image is cut short (truncated); fetch it again")]
    Truncated { format: &'static str },
    #[error("the {format} image is damaged: {detail}")]
    Damaged { format: &'static str, detail: String },
    #[error(
        "the image is too large to read: {width}x{height} pixels (at most {MAX_SIDE} a side, {MAX_PIXELS} in all)"
    )]
    TooLarge { width: u32, height: u32 },
    #[error("the image file is too large to read: {0} bytes (at most {MAX_BYTES})")]
    TooManyBytes(usize),
    #[error("no code39, code128b, pdf417, aztec or qrcode barcode found in the {width}x{height} image")]
    NoCode { width: u32, height: u32 },
    #[error("reading the barcode took longer than {} seconds", .0.as_secs())]
    TimedOut(Duration),
    #[error("the barcode reader failed on this image ({0})")]
    Internal(String),
}

/// What an image holds.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Decoded {
    pub format: BarcodeType,
    pub content: String,
}

/// A decoded picture in grey levels (0 = black), row-major.
#[derive(Clone, PartialEq, Eq)]
pub struct LumaImage {
    pub width: u32,
    pub height: u32,
    pub pixels: Vec<u8>,
}

impl std::fmt::Debug for LumaImage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "LumaImage({}x{})", self.width, self.height)
    }
}

impl LumaImage {
    /// A copy shrunk (area average) so its longest side is at most `max_side`; None if it already is.
    pub fn shrunk_to(&self, max_side: u32) -> Option<LumaImage> {
        let longest = self.width.max(self.height);
        let complete = self.pixels.len() as u64 >= u64::from(self.width) * u64::from(self.height);
        if longest <= max_side || max_side == 0 || !complete {
            return None;
        }
        let scale = f64::from(max_side) / f64::from(longest);
        let width = ((f64::from(self.width) * scale).round() as u32).max(1);
        let height = ((f64::from(self.height) * scale).round() as u32).max(1);
        let pixels = super::render::resample(
            &self.pixels,
            self.width as usize,
            self.height as usize,
            width as usize,
            height as usize,
        );
        Some(LumaImage {
            width,
            height,
            pixels,
        })
    }
}

/// Reads PNG, GIF (first frame) or JPEG bytes into grey levels, refusing oversized images before
/// allocating their pixels.
pub fn load_luma(bytes: &[u8]) -> Result<LumaImage, DecodeError> {
    if bytes.is_empty() {
        return Err(DecodeError::Empty);
    }
    if bytes.len() > MAX_BYTES {
        return Err(DecodeError::TooManyBytes(bytes.len()));
    }
    let Some(mime) = sniff_image_type(bytes) else {
        return Err(DecodeError::NotAnImage(format!(
            "{} bytes starting \"{}\"",
            bytes.len(),
            crate::api::barcode::sanitize(bytes, 16)
        )));
    };
    let format_name = match mime {
        "image/png" => "PNG",
        "image/gif" => "GIF",
        _ => "JPEG",
    };
    let reader = |limited: bool| -> Result<image::ImageReader<Cursor<&[u8]>>, DecodeError> {
        let mut r = image::ImageReader::new(Cursor::new(bytes))
            .with_guessed_format()
            .map_err(|e| DecodeError::NotAnImage(e.to_string()))?;
        if !limited {
            // Reading the header allocates nothing for pixels; our own check below names the size.
            r.no_limits();
            return Ok(r);
        }
        let mut limits = image::Limits::default();
        limits.max_image_width = Some(MAX_SIDE);
        limits.max_image_height = Some(MAX_SIDE);
        // RGBA at 4 bytes a pixel plus the decoder's own buffers.
        limits.max_alloc = Some(MAX_PIXELS * 4 + 16 * 1024 * 1024);
        r.limits(limits);
        Ok(r)
    };
    // The header alone first: a 20000x20000 claim is refused here, before any pixel buffer exists.
    let (width, height) = reader(false)?
        .into_dimensions()
        .map_err(|e| image_error(e, format_name, None))?;
    if width > MAX_SIDE || height > MAX_SIDE || u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err(DecodeError::TooLarge { width, height });
    }
    if width == 0 || height == 0 {
        return Err(DecodeError::Damaged {
            format: format_name,
            detail: format!("it claims {width}x{height} pixels"),
        });
    }
    let image = reader(true)?
        .decode()
        .map_err(|e| image_error(e, format_name, Some((width, height))))?;
    let luma = image.into_luma8();
    Ok(LumaImage {
        width: luma.width(),
        height: luma.height(),
        pixels: luma.into_raw(),
    })
}

fn image_error(e: image::ImageError, format: &'static str, dims: Option<(u32, u32)>) -> DecodeError {
    use image::ImageError;
    let text = e.to_string();
    let lower = text.to_ascii_lowercase();
    match e {
        ImageError::Limits(_) => {
            let (width, height) = dims.unwrap_or((0, 0));
            DecodeError::TooLarge { width, height }
        }
        ImageError::IoError(io) if io.kind() == std::io::ErrorKind::UnexpectedEof => {
            DecodeError::Truncated { format }
        }
        _ if lower.contains("eof") || lower.contains("end of") || lower.contains("unexpected end") => {
            DecodeError::Truncated { format }
        }
        ImageError::Unsupported(_) => DecodeError::NotAnImage(text),
        _ => DecodeError::Damaged {
            format,
            detail: text.chars().take(120).collect(),
        },
    }
}

/// rxing's format back to the seed's type; None for formats the kiosk does not read.
pub fn barcode_type_of(format: &BarcodeFormat) -> Option<BarcodeType> {
    match format {
        BarcodeFormat::CODE_39 => Some(BarcodeType::Code39),
        BarcodeFormat::CODE_128 => Some(BarcodeType::Code128b),
        BarcodeFormat::PDF_417 => Some(BarcodeType::Pdf417),
        BarcodeFormat::AZTEC => Some(BarcodeType::Aztec),
        BarcodeFormat::QR_CODE => Some(BarcodeType::Qrcode),
        _ => None,
    }
}

fn hints() -> DecodeHints {
    DecodeHints {
        TryHarder: Some(true),
        // A screenshot of a dark-themed terminal is light on dark.
        AlsoInverted: Some(true),
        // Only the seed's five: fewer readers is faster, and no stray EAN/ITF "found" in a photo.
        PossibleFormats: Some(HashSet::from(BarcodeType::ALL.map(super::encode::rxing_format))),
        ..DecodeHints::default()
    }
}

/// Longest side decoded at full resolution; larger pictures (photos) are shrunk to this first, so
/// the worst case (a large picture without any code) stays well under a second.
pub const DECODE_SIDE: u32 = 2048;

/// Finds the barcode in a grey-level picture: with the hybrid binarizer, then the global one (better
/// for blurred or heavily compressed images). Try-harder makes rxing look at every rotation itself
/// (a 90°, 180° or 270° turned image decodes in the first pass), so two passes bound the time.
pub fn decode_luma(image: &LumaImage) -> Result<Decoded, DecodeError> {
    if image.width == 0
        || image.height == 0
        || (image.pixels.len() as u64) < u64::from(image.width) * u64::from(image.height)
    {
        return Err(DecodeError::NoCode {
            width: image.width,
            height: image.height,
        });
    }
    let shrunk = image.shrunk_to(DECODE_SIDE);
    let work = shrunk.as_ref().unwrap_or(image);
    let hints = hints();
    for global in [false, true] {
        if let Some(found) = read_once(work, global, &hints)? {
            return Ok(found);
        }
    }
    Err(DecodeError::NoCode {
        width: image.width,
        height: image.height,
    })
}

fn read_once(
    image: &LumaImage,
    global_binarizer: bool,
    hints: &DecodeHints,
) -> Result<Option<Decoded>, DecodeError> {
    let source = Luma8Source::new_with_slice(&image.pixels, image.width, image.height)
        .map_err(|e| DecodeError::Internal(e.to_string()))?;
    if global_binarizer {
        read_bitmap(BinaryBitmap::new(GlobalHistogramBinarizer::new(source)), hints)
    } else {
        read_bitmap(BinaryBitmap::new(HybridBinarizer::new(source)), hints)
    }
}

fn read_bitmap<B: Binarizer>(
    mut bitmap: BinaryBitmap<B>,
    hints: &DecodeHints,
) -> Result<Option<Decoded>, DecodeError>
where
    B::Source: LuminanceSource,
{
    let Ok(result) = MultiFormatReader::default().decode_with_hints(&mut bitmap, hints) else {
        return Ok(None);
    };
    Ok(to_decoded(&result, &mut bitmap, hints))
}

fn to_decoded<B: Binarizer>(
    result: &RXingResult,
    bitmap: &mut BinaryBitmap<B>,
    hints: &DecodeHints,
) -> Option<Decoded> {
    let format = barcode_type_of(result.getBarcodeFormat())?;
    let mut content = result.getText().to_string();
    // Full-ASCII Code 39 spells lower case as "+A" and so on; read it again in extended mode so
    // such a code comes back as written. A plain upper-case code reads the same either way.
    if format == BarcodeType::Code39 && content.contains(['+', '$', '%', '/']) {
        let extended = Code39Reader::with_all_config(false, true).decode_with_hints(bitmap, hints);
        if let Ok(ext) = extended {
            content = ext.getText().to_string();
        }
    }
    Some(Decoded { format, content })
}

/// Reads the barcode in image bytes. A panic inside a decoder becomes [`DecodeError::Internal`].
pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    guarded(|| load_luma(bytes).and_then(|img| decode_luma(&img)))
}

/// Runs `f`, turning a panic into an error rather than unwinding into the caller.
pub(crate) fn guarded<T>(f: impl FnOnce() -> Result<T, DecodeError>) -> Result<T, DecodeError> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f))
        .unwrap_or_else(|_| Err(DecodeError::Internal("it panicked".into())))
}

/// [`decode`] off the async runtime under [`DECODE_TIMEOUT`]: never blocks the caller's runtime.
pub async fn decode_in_background(bytes: Vec<u8>) -> Result<Decoded, DecodeError> {
    run_in_background(move || decode(&bytes)).await
}

/// Runs CPU work on a thread of its own with a deadline; a panic or a lost thread becomes an error.
///
/// A plain thread rather than tokio's blocking pool: work abandoned at the deadline then cannot hold
/// up the end of the program (dropping a tokio runtime waits for its blocking tasks), and the
/// kiosk's runtime keeps its blocking pool for the journal. One decode at a time is the kiosk's use.
pub(crate) async fn run_in_background<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, DecodeError> + Send + 'static,
) -> Result<T, DecodeError> {
    let (tx, rx) = tokio::sync::oneshot::channel();
    std::thread::Builder::new()
        .name("barcode-decode".into())
        .spawn(move || {
            // The receiver may have given up (deadline): then the result is simply dropped.
            let _ = tx.send(guarded(f));
        })
        .map_err(|e| DecodeError::Internal(format!("cannot start a thread: {e}")))?;
    match tokio::time::timeout(DECODE_TIMEOUT, rx).await {
        Ok(Ok(result)) => result,
        Ok(Err(_)) => Err(DecodeError::Internal("the decoding thread stopped".into())),
        Err(_) => Err(DecodeError::TimedOut(DECODE_TIMEOUT)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn large_pictures_are_shrunk_before_decoding_small_ones_not() {
        let big = LumaImage {
            width: 4096,
            height: 1024,
            pixels: vec![200; 4096 * 1024],
        };
        let small = big
            .shrunk_to(DECODE_SIDE)
            .map(|s| (s.width, s.height, s.pixels.len()));
        assert_eq!(small, Some((2048, 512, 2048 * 512)));
        let fits = LumaImage {
            width: 300,
            height: 200,
            pixels: vec![0; 60_000],
        };
        assert!(fits.shrunk_to(DECODE_SIDE).is_none());
    }

    #[tokio::test]
    async fn a_panic_while_decoding_becomes_an_error() {
        let r: Result<(), DecodeError> = run_in_background(|| panic!("decoder bug")).await;
        assert_eq!(r, Err(DecodeError::Internal("it panicked".into())));
    }

    #[test]
    fn a_blank_picture_has_no_code() {
        let img = LumaImage {
            width: 50,
            height: 40,
            pixels: vec![255; 2000],
        };
        assert_eq!(
            decode_luma(&img),
            Err(DecodeError::NoCode {
                width: 50,
                height: 40
            })
        );
    }
}
