//! Seed section "Generate session barcode": `couponsession/barcode`.
//!
//! The seed never published an example answer, so this module takes whatever the real endpoint may
//! plausibly send (API-NOTES.md): PNG, GIF or JPEG bytes (recognised by their magic bytes, whatever the
//! Content-Type says), or JSON carrying base64 image data or a `data:` URI, or the failure envelope.
//! Anything else becomes an error that names what came back, so a support call can start from it.

use super::error::ApiError;
use super::params::SessionCode;
use super::Client;
use base64::Engine as _;

/// The barcode types of the seed (`type` parameter of `couponsession/barcode`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BarcodeType {
    Code39,
    Code128b,
    Pdf417,
    Aztec,
    Qrcode,
}

impl BarcodeType {
    /// Every type, in the order Tab cycles through them on the barcode screen.
    pub const ALL: [BarcodeType; 5] = [
        BarcodeType::Qrcode,
        BarcodeType::Aztec,
        BarcodeType::Pdf417,
        BarcodeType::Code128b,
        BarcodeType::Code39,
    ];

    /// The seed's name, as sent in the `type` parameter.
    pub fn as_str(self) -> &'static str {
        match self {
            BarcodeType::Code39 => "code39",
            BarcodeType::Code128b => "code128b",
            BarcodeType::Pdf417 => "pdf417",
            BarcodeType::Aztec => "aztec",
            BarcodeType::Qrcode => "qrcode",
        }
    }

    /// The name a person knows the symbology by, for titles.
    pub fn label(self) -> &'static str {
        match self {
            BarcodeType::Code39 => "Code 39",
            BarcodeType::Code128b => "Code 128",
            BarcodeType::Pdf417 => "PDF417",
            BarcodeType::Aztec => "Aztec",
            BarcodeType::Qrcode => "QR code",
        }
    }

    /// One-dimensional (bars only): drawn two modules per column, a few rows tall.
    pub fn is_linear(self) -> bool {
        matches!(self, BarcodeType::Code39 | BarcodeType::Code128b)
    }

    /// The type after this one in [`BarcodeType::ALL`], wrapping around (Tab).
    pub fn next(self) -> BarcodeType {
        let i = Self::ALL.iter().position(|t| *t == self).unwrap_or(0);
        Self::ALL[(i + 1) % Self::ALL.len()]
    }

    /// The type before this one in [`BarcodeType::ALL`], wrapping around (Shift+Tab).
    pub fn previous(self) -> BarcodeType {
        let i = Self::ALL.iter().position(|t| *t == self).unwrap_or(0);
        Self::ALL[(i + Self::ALL.len() - 1) % Self::ALL.len()]
    }
}

/// QR code: the most widely read type, and the one phones read.
impl Default for BarcodeType {
    fn default() -> Self {
        BarcodeType::Qrcode
    }
}

impl std::fmt::Display for BarcodeType {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for BarcodeType {
    type Err = ApiError;
    fn from_str(s: &str) -> Result<Self, ApiError> {
        let wanted = s.trim().to_ascii_lowercase();
        BarcodeType::ALL
            .into_iter()
            .find(|t| t.as_str() == wanted)
            .ok_or_else(|| {
                ApiError::InvalidInput(format!(
                    "Unknown barcode type {s:?}: use code39, code128b, pdf417, aztec or qrcode."
                ))
            })
    }
}

/// An image as the barcode endpoint sent it: the bytes unchanged, and what they are.
#[derive(Clone, PartialEq, Eq)]
pub struct BarcodeImage {
    /// `image/png`, `image/gif` or `image/jpeg`, from the bytes themselves (not the header).
    pub content_type: String,
    pub bytes: Vec<u8>,
}

impl std::fmt::Debug for BarcodeImage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BarcodeImage")
            .field("content_type", &self.content_type)
            .field("bytes", &format_args!("<{} bytes>", self.bytes.len()))
            .finish()
    }
}

/// Which image format the bytes are, by their magic numbers.
pub fn sniff_image_type(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("image/png")
    } else if bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a") {
        Some("image/gif")
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else {
        None
    }
}

/// Turns whatever `couponsession/barcode` answered into image bytes or an error that says what came back.
/// Pure: no I/O, so every wire shape is testable without a server.
pub fn interpret_barcode_response(
    http_status: u16,
    content_type: Option<&str>,
    body: &[u8],
) -> Result<BarcodeImage, ApiError> {
    if let Some(kind) = sniff_image_type(body) {
        if (200..300).contains(&http_status) {
            return Ok(BarcodeImage {
                content_type: kind.to_string(),
                bytes: body.to_vec(),
            });
        }
        return Err(unexpected(
            http_status,
            content_type,
            body,
            "an image with an error status",
        ));
    }
    let text = std::str::from_utf8(body).unwrap_or("").trim_start();
    let says_json = content_type.is_some_and(|ct| ct.to_ascii_lowercase().contains("json"));
    if says_json || text.starts_with('{') || text.starts_with('[') {
        return match serde_json::from_str::<serde_json::Value>(text) {
            Ok(json) => from_json(http_status, content_type, body, &json),
            Err(_) => Err(unexpected(
                http_status,
                content_type,
                body,
                "JSON that does not parse",
            )),
        };
    }
    if let Some(image) = image_from_text(text) {
        // A bare data: URI (or bare base64) as the whole body.
        if (200..300).contains(&http_status) {
            return Ok(image);
        }
    }
    Err(unexpected(
        http_status,
        content_type,
        body,
        "neither a PNG, GIF or JPEG image nor JSON",
    ))
}

/// JSON answers: the failure envelope, or image data in one of the plausible fields.
fn from_json(
    http_status: u16,
    content_type: Option<&str>,
    body: &[u8],
    json: &serde_json::Value,
) -> Result<BarcodeImage, ApiError> {
    // The client's envelope reader decides what a failure is, so barcode and every other call agree.
    if let Err(e @ ApiError::Api { .. }) = super::envelope::interpret(http_status, content_type, body, &[]) {
        return Err(e);
    }
    if let Some(image) = find_image_in_json(json, 0) {
        return Ok(image);
    }
    let fields = match json {
        serde_json::Value::Object(map) => {
            let names: Vec<&str> = map.keys().map(String::as_str).take(12).collect();
            format!("JSON without image data (fields: {})", names.join(", "))
        }
        _ => "JSON without image data".to_string(),
    };
    Err(unexpected(http_status, content_type, body, &fields))
}

/// Fields a barcode image plausibly sits in, looked at before any other.
const IMAGE_FIELDS: [&str; 10] = [
    "barcode", "image", "data", "base64", "img", "png", "file", "content", "result", "src",
];
/// Deep enough for `{"data":{"barcode":{"image":"..."}}}`, shallow enough to stay cheap.
const MAX_JSON_DEPTH: usize = 4;

fn find_image_in_json(value: &serde_json::Value, depth: usize) -> Option<BarcodeImage> {
    if depth > MAX_JSON_DEPTH {
        return None;
    }
    match value {
        serde_json::Value::String(s) => image_from_text(s),
        serde_json::Value::Object(map) => {
            let named = IMAGE_FIELDS.iter().filter_map(|name| {
                map.iter()
                    .find(|(k, _)| k.eq_ignore_ascii_case(name))
                    .map(|(_, v)| v)
            });
            let others = map
                .iter()
                .filter_map(|(k, v)| (!IMAGE_FIELDS.iter().any(|n| k.eq_ignore_ascii_case(n))).then_some(v));
            named.chain(others).find_map(|v| find_image_in_json(v, depth + 1))
        }
        serde_json::Value::Array(items) => items
            .iter()
            .take(8)
            .find_map(|v| find_image_in_json(v, depth + 1)),
        _ => None,
    }
}

/// A `data:image/...;base64,` URI or bare base64 (any alphabet, padded or not, with line breaks)
/// whose decoded bytes are a PNG, GIF or JPEG.
fn image_from_text(s: &str) -> Option<BarcodeImage> {
    let s = s.trim();
    let payload = match s.strip_prefix("data:") {
        Some(rest) => {
            let (meta, data) = rest.split_once(',')?;
            if !meta.to_ascii_lowercase().ends_with(";base64") {
                return None;
            }
            data
        }
        None => s,
    };
    // Shortest plausible image is well over 40 base64 characters; skip ids, names and flags.
    if payload.len() < 40 {
        return None;
    }
    let cleaned: String = payload.chars().filter(|c| !c.is_whitespace()).collect();
    let unpadded = cleaned.trim_end_matches('=');
    let engines = [
        base64::engine::general_purpose::STANDARD_NO_PAD,
        base64::engine::general_purpose::URL_SAFE_NO_PAD,
    ];
    let bytes = engines.iter().find_map(|e| e.decode(unpadded).ok())?;
    let kind = sniff_image_type(&bytes)?;
    Some(BarcodeImage {
        content_type: kind.to_string(),
        bytes,
    })
}

fn unexpected(http_status: u16, content_type: Option<&str>, body: &[u8], what: &str) -> ApiError {
    let ct = content_type
        .map(|c| sanitize(c.as_bytes(), 60))
        .unwrap_or_else(|| "no content type".to_string());
    ApiError::UnexpectedResponse {
        http_status,
        detail: format!(
            "expected a barcode image, got {what} ({ct}, {} bytes, starting \"{}\")",
            body.len(),
            sanitize(body, 32)
        ),
    }
}

/// The first `max` bytes, printable ASCII kept and the rest escaped, so an error message can show
/// what came back without dumping binary or control characters into a terminal or log.
pub(crate) fn sanitize(bytes: &[u8], max: usize) -> String {
    let mut out = String::new();
    for &b in bytes.iter().take(max) {
        if (0x20..0x7f).contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("\\x{b:02x}"));
        }
    }
    if bytes.len() > max {
        out.push('…');
    }
    out
}

impl Client {
    /// `couponsession/barcode`: the endpoint's image of `code` as `kind`, bytes unchanged.
    pub async fn barcode(&self, code: &SessionCode, kind: BarcodeType) -> Result<BarcodeImage, ApiError> {
        let raw = self
            .post_bytes(
                "couponsession/barcode",
                &[
                    ("couponsession", code.as_str().to_string()),
                    ("type", kind.as_str().to_string()),
                ],
            )
            .await?;
        tracing::debug!(
            status = raw.http_status,
            bytes = raw.body.len(),
            kind = kind.as_str(),
            "barcode answer"
        );
        interpret_barcode_response(raw.http_status, raw.content_type.as_deref(), &raw.body)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR rest of a png";

    #[test]
    fn type_names_round_trip_and_tab_cycles_through_all_five() {
        for t in BarcodeType::ALL {
            assert_eq!(t.as_str().parse::<BarcodeType>().ok(), Some(t));
        }
        assert_eq!("QRCODE".parse::<BarcodeType>().ok(), Some(BarcodeType::Qrcode));
        let err = "ean13".parse::<BarcodeType>().err().map(|e| e.to_string());
        assert!(err.is_some_and(|e| e.contains("ean13") && e.contains("code128b")));
        let mut t = BarcodeType::Qrcode;
        let mut seen = vec![];
        for _ in 0..5 {
            seen.push(t);
            t = t.next();
        }
        assert_eq!(t, BarcodeType::Qrcode);
        assert_eq!(seen, BarcodeType::ALL.to_vec());
        assert_eq!(BarcodeType::Qrcode.previous(), BarcodeType::Code39);
    }

    #[test]
    fn image_bytes_are_taken_by_their_magic_whatever_the_header_says() {
        for ct in [
            Some("image/png"),
            Some("application/octet-stream"),
            Some("text/html"),
            None,
        ] {
            let img = interpret_barcode_response(200, ct, PNG).ok();
            assert_eq!(img.map(|i| i.content_type), Some("image/png".into()));
        }
        let gif = interpret_barcode_response(200, None, b"GIF89a....").ok();
        assert_eq!(gif.map(|i| i.content_type), Some("image/gif".into()));
        let jpg = interpret_barcode_response(200, Some("image/jpeg"), b"\xff\xd8\xff\xe0..").ok();
        assert_eq!(jpg.map(|i| i.content_type), Some("image/jpeg".into()));
    }

    #[test]
    fn bytes_are_handed_back_unchanged() {
        let img = interpret_barcode_response(200, Some("image/png"), PNG).ok();
        assert_eq!(img.map(|i| i.bytes), Some(PNG.to_vec()));
    }

    fn b64(bytes: &[u8]) -> String {
        base64::engine::general_purpose::STANDARD.encode(bytes)
    }

    #[test]
    fn json_with_base64_or_data_uri_in_plausible_fields_is_read() {
        let long_png = [PNG, &[0u8; 64][..]].concat();
        let bodies = [
            format!(r#"{{"status":{{"status":"OK"}},"barcode":"{}"}}"#, b64(&long_png)),
            format!(r#"{{"image":"data:image/png;base64,{}"}}"#, b64(&long_png)),
            format!(r#"{{"data":{{"base64":"{}"}}}}"#, b64(&long_png)),
            format!(r#"{{"session":"abc","whatever":"{}"}}"#, b64(&long_png)),
            // URL-safe alphabet, no padding, wrapped lines.
            {
                let s = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(&long_png);
                let (a, b) = s.split_at(20);
                format!(r#"{{"barcode":"{a}\n{b}"}}"#)
            },
        ];
        for body in bodies {
            let img = interpret_barcode_response(200, Some("application/json"), body.as_bytes());
            assert_eq!(img.ok().map(|i| i.bytes), Some(long_png.clone()), "body {body}");
        }
    }

    #[test]
    fn the_failure_envelope_becomes_the_servers_message() {
        let body = br#"{"status":{"status":"failed","errors":{"error_code":200,"error_message":"Missing parameter: type"}}}"#;
        match interpret_barcode_response(400, Some("application/json"), body) {
            Err(ApiError::Api {
                code,
                message,
                http_status,
            }) => {
                assert_eq!(
                    (code, message.as_str(), http_status),
                    (200, "Missing parameter: type", 400)
                );
            }
            other => panic!("expected Api error, got {other:?}"),
        }
        let body = br#"{"status":{"status":"failed","errors":{"error_message":"HTTP/1.0 422 Unprocessable entity.","error_message_description":["Unsupported type: ean13"],"error_code":[400]}}}"#;
        match interpret_barcode_response(422, None, body) {
            Err(ApiError::Api { code, message, .. }) => {
                assert_eq!((code, message.as_str()), (400, "Unsupported type: ean13"));
            }
            other => panic!("expected Api error, got {other:?}"),
        }
    }

    #[test]
    fn anything_else_is_an_error_naming_what_came_back() {
        let cases: [(u16, Option<&str>, &[u8], &str); 5] = [
            (
                200,
                Some("text/html"),
                b"<html><body>Maintenance</body></html>",
                "text/html",
            ),
            (502, None, b"Bad gateway\x1b[31m", "no content type"),
            (
                200,
                Some("application/json"),
                br#"{"status":{"status":"OK"},"session":"x"}"#,
                "JSON without image data (fields: session, status)",
            ),
            (200, Some("application/json"), b"{not json", "does not parse"),
            (200, Some("image/png"), b"", "0 bytes"),
        ];
        for (status, ct, body, expect) in cases {
            let err = interpret_barcode_response(status, ct, body)
                .err()
                .map(|e| e.to_string());
            let err = err.unwrap_or_default();
            assert!(err.contains(expect), "{err:?} should mention {expect:?}");
            assert!(err.contains(&format!("HTTP {status}")), "{err:?}");
            assert!(
                !err.contains('\x1b'),
                "control characters must be escaped: {err:?}"
            );
        }
    }

    #[test]
    fn an_image_with_an_error_status_is_not_taken_for_a_barcode() {
        let err = interpret_barcode_response(500, Some("image/png"), PNG)
            .err()
            .map(|e| e.to_string());
        assert!(err.is_some_and(|e| e.contains("HTTP 500") && e.contains("image/png")));
    }
}
