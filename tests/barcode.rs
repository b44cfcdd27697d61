//! Barcodes end to end: images made by another generator (zint) decode to the right content;
//! our own drawings, rasterized back to pixels as a camera would see them, decode to the session
//! code; bad images give a clear error and never a panic.

mod support;

use coupon_kiosk::api::barcode::BarcodeType;
use coupon_kiosk::barcode::decode::{decode, decode_in_background, decode_luma, DecodeError, LumaImage};
use coupon_kiosk::barcode::encode::{content_for, encode};
use coupon_kiosk::barcode::render::{rasterize, symbol_bitmap, symbol_lines, BAR_ROWS};
use proptest::prelude::*;
use std::path::Path;

const CODE: &str = "ac6s7u3g8a25ja7x9qg87";

fn fixture(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn png_of(pixels: Vec<u8>, width: u32, height: u32) -> Vec<u8> {
    let img = image::GrayImage::from_raw(width, height, pixels).unwrap_or_else(|| panic!("size"));
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png)
        .unwrap_or_else(|e| panic!("{e}"));
    out.into_inner()
}

#[test]
fn zint_fixtures_decode_to_the_session_code_and_their_type() {
    let cases = [
        ("qrcode.png", BarcodeType::Qrcode, CODE),
        ("qrcode.gif", BarcodeType::Qrcode, CODE),
        ("qrcode-scaled-4x.png", BarcodeType::Qrcode, CODE),
        ("aztec.png", BarcodeType::Aztec, CODE),
        ("aztec-quality-40.jpg", BarcodeType::Aztec, CODE),
        ("pdf417.png", BarcodeType::Pdf417, CODE),
        ("pdf417-quality-35.jpg", BarcodeType::Pdf417, CODE),
        ("code128b.png", BarcodeType::Code128b, CODE),
        ("code128b-rotated-90.png", BarcodeType::Code128b, CODE),
        ("code39.png", BarcodeType::Code39, "AC6S7U3G8A25JA7X9QG87"),
        // Full-ASCII Code 39 holds the lower case as "+A"-style pairs: read back as written.
        ("code39-extended.png", BarcodeType::Code39, CODE),
    ];
    let mut failures = vec![];
    for (name, kind, content) in cases {
        match decode(&fixture(name)) {
            Ok(d) if d.format == kind && d.content == content => {}
            other => failures.push(format!("{name}: {other:?}")),
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

#[test]
fn every_type_survives_encode_png_decode() {
    for kind in BarcodeType::ALL {
        let symbol = encode(CODE, kind).unwrap_or_else(|e| panic!("{e}"));
        let (px, w, h) = rasterize(&symbol_bitmap(&symbol, BAR_ROWS).lines(), 3);
        let decoded = decode(&png_of(px, w, h));
        assert_eq!(
            decoded.map(|d| (d.format, d.content)),
            Ok((kind, content_for(kind, CODE))),
            "{kind}"
        );
    }
}

fn decode_print_drawing(kind: BarcodeType, code: &str) -> Result<(BarcodeType, String), DecodeError> {
    let symbol = encode(code, kind).map_err(|e| DecodeError::Internal(e.to_string()))?;
    let lines = symbol_lines(&symbol, false);
    let (pixels, width, height) = rasterize(&lines, 2);
    decode_luma(&LumaImage {
        width,
        height,
        pixels,
    })
    .map(|d| (d.format, d.content))
}

#[test]
fn the_print_drawing_rasterized_decodes_to_the_session_code() {
    for kind in [
        BarcodeType::Qrcode,
        BarcodeType::Aztec,
        BarcodeType::Pdf417,
        BarcodeType::Code128b,
    ] {
        assert_eq!(
            decode_print_drawing(kind, CODE),
            Ok((kind, CODE.to_string())),
            "{kind}"
        );
    }
    // Code 39 comes back upper-cased (it cannot hold lower case).
    assert_eq!(
        decode_print_drawing(BarcodeType::Code39, CODE),
        Ok((BarcodeType::Code39, CODE.to_ascii_uppercase()))
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]
    #[test]
    fn random_session_codes_survive_encode_render_rasterize_decode(
        code in "[a-z0-9]{21}",
        which in 0usize..5,
    ) {
        let kind = BarcodeType::ALL[which];
        prop_assert_eq!(
            decode_print_drawing(kind, &code),
            Ok((kind, content_for(kind, &code)))
        );
    }
}

/// The start of a PNG claiming `width` x `height`: signature, IHDR, and a first IDAT chunk holding
/// a few compressed bytes (all with valid CRCs), as a hostile or broken server could send.
fn png_header_claiming(width: u32, height: u32) -> Vec<u8> {
    fn crc32(bytes: &[u8]) -> u32 {
        let mut crc = 0xFFFF_FFFFu32;
        for &b in bytes {
            crc ^= u32::from(b);
            for _ in 0..8 {
                crc = if crc & 1 == 1 {
                    (crc >> 1) ^ 0xEDB8_8320
                } else {
                    crc >> 1
                };
            }
        }
        !crc
    }
    fn chunk(png: &mut Vec<u8>, kind: &[u8], data: &[u8]) {
        png.extend_from_slice(&(data.len() as u32).to_be_bytes());
        let body = [kind, data].concat();
        png.extend_from_slice(&body);
        png.extend_from_slice(&crc32(&body).to_be_bytes());
    }
    let mut ihdr = width.to_be_bytes().to_vec();
    ihdr.extend_from_slice(&height.to_be_bytes());
    ihdr.extend_from_slice(&[8, 0, 0, 0, 0]); // 8-bit grey, no interlace
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    chunk(&mut png, b"IHDR", &ihdr);
    chunk(&mut png, b"IDAT", &[0x78, 0x9c, 0x63, 0x60, 0x00, 0x00]);
    png
}

fn pseudo_random_bytes(n: usize, seed: u64) -> Vec<u8> {
    let mut x = seed;
    (0..n)
        .map(|_| {
            x = x
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (x >> 33) as u8
        })
        .collect()
}

#[tokio::test]
async fn bad_images_give_a_clear_error_and_never_a_panic() {
    let good = fixture("qrcode-scaled-4x.png");
    let mut png_magic_then_noise = b"\x89PNG\r\n\x1a\n".to_vec();
    png_magic_then_noise.extend(pseudo_random_bytes(4000, 7));
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("empty", vec![], "the image is empty (0 bytes)"),
        (
            "truncated PNG",
            good[..good.len() / 2].to_vec(),
            "PNG image is cut short (truncated)",
        ),
        (
            "20000x20000 header",
            png_header_claiming(20_000, 20_000),
            "too large to read: 20000x20000 pixels",
        ),
        (
            "random bytes",
            pseudo_random_bytes(4000, 42),
            "not a PNG, GIF or JPEG image",
        ),
        ("PNG magic then noise", png_magic_then_noise, "PNG image"),
        (
            "HTML",
            b"<html>Service unavailable</html>".to_vec(),
            "starting \"<html>Servi",
        ),
        (
            "no code",
            fixture("no-code.png"),
            "no code39, code128b, pdf417, aztec or qrcode barcode found",
        ),
    ];
    for (what, bytes, expect) in cases {
        let err = decode_in_background(bytes).await.err().map(|e| e.to_string());
        let err = err.unwrap_or_else(|| panic!("{what}: decoded something"));
        assert!(err.contains(expect), "{what}: {err:?} should contain {expect:?}");
    }
}

#[test]
fn a_huge_header_is_refused_before_any_pixel_is_allocated() {
    // 60000 x 60000 would be 3.6 GB of grey levels: refused from the header alone.
    assert_eq!(
        decode(&png_header_claiming(60_000, 60_000)),
        Err(DecodeError::TooLarge {
            width: 60_000,
            height: 60_000
        })
    );
}

// ---- The client and the screen against a server on loopback ----
//
// The sandbox answers PNG; the other shapes a real endpoint may send (GIF, JPEG, JSON with base64
// or a data: URI, an HTML error page) come from this stub, which answers every request alike.

use base64::Engine as _;
use coupon_kiosk::api::{ApiError, Client, SessionCode};
use coupon_kiosk::kiosk::barcode::{fetch_for_screen, Drawing, Source};

struct Answer {
    status: u16,
    content_type: &'static str,
    body: Vec<u8>,
}

/// Serves `answer` to every POST on 127.0.0.1 (ephemeral port); returns the base URL.
async fn serve(answer: Answer) -> String {
    use axum::http::{header, StatusCode};
    let status = StatusCode::from_u16(answer.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let (ct, body) = (answer.content_type, answer.body);
    let app = axum::Router::new().fallback(move || {
        let body = body.clone();
        async move { (status, [(header::CONTENT_TYPE, ct)], body) }
    });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let addr = listener.local_addr().unwrap_or_else(|e| panic!("{e}"));
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    format!("http://{addr}")
}

fn client(base_url: String) -> Client {
    support::client::at(base_url)
}

fn session() -> SessionCode {
    SessionCode::parse(CODE).unwrap_or_else(|e| panic!("{e}"))
}

/// A base URL where nothing listens.
async fn closed_port() -> String {
    support::client::closed_port_url()
}

#[tokio::test]
async fn the_client_takes_png_gif_jpeg_and_json_wrapped_images() {
    let png = fixture("qrcode.png");
    let b64 = |b: &[u8]| base64::engine::general_purpose::STANDARD.encode(b);
    let answers = [
        (
            "PNG",
            Answer {
                status: 200,
                content_type: "image/png",
                body: png.clone(),
            },
            png.clone(),
        ),
        (
            "GIF mislabelled",
            Answer {
                status: 200,
                content_type: "application/octet-stream",
                body: fixture("qrcode.gif"),
            },
            fixture("qrcode.gif"),
        ),
        (
            "JPEG",
            Answer {
                status: 200,
                content_type: "image/jpeg",
                body: fixture("aztec-quality-40.jpg"),
            },
            fixture("aztec-quality-40.jpg"),
        ),
        (
            "JSON base64",
            Answer {
                status: 200,
                content_type: "application/json",
                body: format!(r#"{{"status":{{"status":"OK"}},"barcode":"{}"}}"#, b64(&png)).into_bytes(),
            },
            png.clone(),
        ),
        (
            "JSON data URI",
            Answer {
                status: 200,
                content_type: "application/json",
                body: format!(r#"{{"data":{{"image":"data:image/png;base64,{}"}}}}"#, b64(&png)).into_bytes(),
            },
            png.clone(),
        ),
    ];
    for (what, answer, expected) in answers {
        let c = client(serve(answer).await);
        let got = c.barcode(&session(), BarcodeType::Qrcode).await;
        assert_eq!(got.map(|i| i.bytes).ok(), Some(expected), "{what}");
    }
}

#[tokio::test]
async fn the_client_reports_refusals_and_anything_else_clearly() {
    let c = client(
        serve(Answer {
            status: 400,
            content_type: "application/json",
            body: br#"{"status":{"status":"failed","errors":{"error_code":400,"error_message":"Unsupported type: ean13"}}}"#
                .to_vec(),
        })
        .await,
    );
    match c.barcode(&session(), BarcodeType::Qrcode).await {
        Err(ApiError::Api {
            message, http_status, ..
        }) => {
            assert_eq!((message.as_str(), http_status), ("Unsupported type: ean13", 400))
        }
        other => panic!("{other:?}"),
    }
    let c = client(
        serve(Answer {
            status: 503,
            content_type: "text/html",
            body: b"<html>Down for maintenance</html>".to_vec(),
        })
        .await,
    );
    let err = c
        .barcode(&session(), BarcodeType::Qrcode)
        .await
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(
        err.contains("HTTP 503") && err.contains("text/html") && err.contains("<html>Down"),
        "{err}"
    );
}

#[tokio::test]
async fn the_screen_shows_the_endpoints_code_and_checks_it_is_this_sessions() {
    let c = client(
        serve(Answer {
            status: 200,
            content_type: "image/png",
            body: fixture("pdf417.png"),
        })
        .await,
    );
    let screen = fetch_for_screen(&c, &session(), BarcodeType::Pdf417).await;
    assert_eq!(screen.source, Source::Endpoint);
    assert_eq!(screen.warning, None);
    assert_eq!(screen.decoded.as_ref().map(|d| d.content.as_str()), Some(CODE));
    assert!(matches!(screen.drawing, Drawing::Symbol(_)));

    // The server's image holds another session's code: shown, with a warning.
    let other = SessionCode::parse("zzzzzz3g8a25ja7x9qg87").unwrap_or_else(|e| panic!("{e}"));
    let screen = fetch_for_screen(&c, &other, BarcodeType::Pdf417).await;
    let warning = screen
        .warning
        .map(|w| w.in_language(coupon_kiosk::i18n::Language::En))
        .unwrap_or_default();
    assert!(
        warning.contains(CODE) && warning.contains("not session zzzzzz3g8a25ja7x9qg87"),
        "{warning}"
    );
}

#[tokio::test]
async fn an_image_without_a_code_is_shown_as_sent_and_labelled() {
    let c = client(
        serve(Answer {
            status: 200,
            content_type: "image/png",
            body: fixture("no-code.png"),
        })
        .await,
    );
    let screen = fetch_for_screen(&c, &session(), BarcodeType::Qrcode).await;
    assert!(
        matches!(screen.source, Source::ImageOnly { .. }),
        "{:?}",
        screen.source
    );
    assert!(screen.title().contains("no readable code"));
    assert!(matches!(screen.drawing, Drawing::Picture(_)));
}

#[tokio::test]
async fn without_the_endpoint_the_code_is_rendered_locally_and_labelled() {
    for base in [
        closed_port().await,
        serve(Answer {
            status: 502,
            content_type: "text/html",
            body: b"<html>Bad gateway</html>".to_vec(),
        })
        .await,
    ] {
        let screen = fetch_for_screen(&client(base), &session(), BarcodeType::Aztec).await;
        assert!(
            matches!(screen.source, Source::RenderedLocally { .. }),
            "{:?}",
            screen.source
        );
        assert!(screen.title().contains("Aztec · rendered locally"));
        let Drawing::Symbol(symbol) = &screen.drawing else {
            panic!("{:?}", screen.drawing)
        };
        let (px, w, h) = rasterize(&symbol_bitmap(symbol, BAR_ROWS).lines(), 2);
        let decoded = decode_luma(&LumaImage {
            width: w,
            height: h,
            pixels: px,
        });
        assert_eq!(decoded.map(|d| d.content), Ok(CODE.to_string()));
    }
}

#[tokio::test]
async fn an_unknown_session_is_refused_not_drawn() {
    let c = client(
        serve(Answer {
            status: 400,
            content_type: "application/json",
            body: format!(
                r#"{{"status":{{"status":"failed","errors":{{"error_code":400,"error_message":"Couponsession {CODE} does not exist"}}}}}}"#
            )
            .into_bytes(),
        })
        .await,
    );
    let screen = fetch_for_screen(&c, &session(), BarcodeType::Qrcode).await;
    assert!(
        matches!(screen.source, Source::Refused { .. }),
        "{:?}",
        screen.source
    );
    assert!(matches!(screen.drawing, Drawing::Nothing(_)));
}

// ---- Against the real sandbox over HTTP on loopback ----

use coupon_kiosk::sandbox::SandboxHandle;

async fn sandbox() -> SandboxHandle {
    support::sandbox::start().await
}

#[tokio::test]
async fn sandbox_images_of_all_five_types_decode_to_the_session_code_and_type() {
    let sb = sandbox().await;
    let c = client(sb.base_url());
    for kind in BarcodeType::ALL {
        let image = c
            .barcode(&session(), kind)
            .await
            .unwrap_or_else(|e| panic!("{kind}: {e}"));
        assert_eq!(image.content_type, "image/png", "{kind}");
        let decoded = decode_in_background(image.bytes).await;
        assert_eq!(
            decoded.map(|d| (d.format, d.content)),
            Ok((kind, content_for(kind, CODE))),
            "{kind}"
        );
        let screen = fetch_for_screen(&c, &session(), kind).await;
        assert_eq!(
            (&screen.source, &screen.warning),
            (&Source::Endpoint, &None),
            "{kind}"
        );
        assert!(matches!(screen.drawing, Drawing::Symbol(_)), "{kind}");
    }
    sb.shutdown().await;
}

#[tokio::test]
async fn the_sandbox_refusing_an_unknown_session_is_shown_as_refused() {
    let sb = sandbox().await;
    let unknown = SessionCode::parse("zzzzzzzzzzzzzzzzzzzzz").unwrap_or_else(|e| panic!("{e}"));
    let screen = fetch_for_screen(&client(sb.base_url()), &unknown, BarcodeType::Qrcode).await;
    assert_eq!(
        screen.source,
        Source::Refused {
            message: "Couponsession zzzzzzzzzzzzzzzzzzzzz does not exist".into()
        }
    );
    sb.shutdown().await;
}

/// Runs the real binary with the sandbox's URL and demo credentials; returns (status, stdout, stderr).
async fn coupon_kiosk(base_url: &str, args: &[&str]) -> (Option<i32>, Vec<u8>, String) {
    let base_url = base_url.to_string();
    let args: Vec<String> = args.iter().map(|a| a.to_string()).collect();
    let out = tokio::task::spawn_blocking(move || {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let [id, secret] = support::cli::ACCOUNT;
        support::cli::run(&args, &[("COUPONTOOLS_API_URL", &base_url), id, secret])
    })
    .await
    .unwrap_or_else(|e| panic!("{e}"));
    (
        out.status.code(),
        out.stdout,
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[tokio::test]
async fn cli_out_writes_the_endpoints_bytes_unchanged() {
    let sb = sandbox().await;
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("code.png");
    let path_arg = path.to_string_lossy().into_owned();
    let (status, _, stderr) = coupon_kiosk(
        &sb.base_url(),
        &["barcode", CODE, "--type", "aztec", "--out", &path_arg],
    )
    .await;
    assert_eq!(status, Some(0), "{stderr}");
    let written = std::fs::read(&path).unwrap_or_else(|e| panic!("{e}"));
    let direct = client(sb.base_url())
        .barcode(&session(), BarcodeType::Aztec)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(written, direct.bytes);

    // And `barcode decode` reads it back.
    let (status, stdout, stderr) =
        coupon_kiosk(&sb.base_url(), &["barcode", "decode", &path_arg, "--json"]).await;
    assert_eq!(status, Some(0), "{stderr}");
    let json: serde_json::Value = serde_json::from_slice(&stdout).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(json, serde_json::json!({"format": "aztec", "content": CODE}));
    sb.shutdown().await;
}

#[tokio::test]
async fn cli_print_to_a_pipe_is_plain_half_blocks_that_decode_to_the_session_code() {
    let sb = sandbox().await;
    for kind in ["qrcode", "pdf417", "code128b"] {
        let (status, stdout, stderr) =
            coupon_kiosk(&sb.base_url(), &["barcode", CODE, "-t", kind, "--print"]).await;
        assert_eq!(status, Some(0), "{kind}: {stderr}");
        let text = String::from_utf8(stdout).unwrap_or_else(|e| panic!("{e}"));
        assert!(!text.contains('\x1b'), "{kind}: no colour codes into a pipe");
        assert!(stderr.contains("from the server"), "{kind}: {stderr}");
        let lines: Vec<String> = text.lines().map(str::to_string).collect();
        let (pixels, width, height) = rasterize(&lines, 2);
        let decoded = decode_luma(&LumaImage {
            width,
            height,
            pixels,
        })
        .map(|d| d.content);
        assert_eq!(decoded, Ok(CODE.to_string()), "{kind}");
    }
    sb.shutdown().await;
}

#[tokio::test]
async fn cli_exit_statuses_say_what_happened() {
    let sb = sandbox().await;
    let base = sb.base_url();
    let cases: [(&[&str], i32, &str); 4] = [
        (
            &["barcode", "zzzzzzzzzzzzzzzzzzzzz", "--print"],
            1,
            "does not know this session",
        ),
        (&["barcode", "not a code", "--print"], 2, "letters and digits"),
        (
            &["barcode", "decode", "tests/fixtures/no-code.png"],
            2,
            "no code39, code128b",
        ),
        (&["barcode", CODE, "--type", "ean13"], 2, "code128b"),
    ];
    for (args, expected, says) in cases {
        let (status, _, stderr) = coupon_kiosk(&base, args).await;
        assert_eq!(status, Some(expected), "{args:?}: {stderr}");
        assert!(stderr.contains(says), "{args:?}: {stderr}");
    }
    // The server unreachable: drawn locally, labelled, exit 3.
    let (status, stdout, stderr) = coupon_kiosk(&closed_port().await, &["barcode", CODE, "--print"]).await;
    assert_eq!(status, Some(3), "{stderr}");
    assert!(
        stderr.contains("rendered locally") && !stdout.is_empty(),
        "{stderr}"
    );
    sb.shutdown().await;
}
