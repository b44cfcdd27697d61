//! Barcode costs per type, side by side: fetching the image from the sandbox on loopback, reading
//! it (PNG -> grey -> rxing), and drawing the code for the terminal (re-encode -> half blocks).
//! Run: `cargo bench --bench barcode` (results in BENCHMARKS.md, "## Barcodes").

/// The integration tests' one `ClientConfig` builder.
#[path = "../tests/support/client.rs"]
#[allow(dead_code)]
mod support_client;

use coupon_kiosk::api::barcode::BarcodeType;
use coupon_kiosk::api::{ClientConfig, SessionCode};
use coupon_kiosk::barcode::decode::decode;
use coupon_kiosk::barcode::encode::encode;
use coupon_kiosk::barcode::render::{layout, symbol_bitmap, BAR_ROWS};
use coupon_kiosk::kiosk::barcode::{render_screen, screen_from_image};
use coupon_kiosk::sandbox::{self, SandboxConfig};
use criterion::{criterion_group, criterion_main, Criterion};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use std::hint::black_box;
use std::time::Duration;

const CODE: &str = "ac6s7u3g8a25ja7x9qg87";

fn barcodes(c: &mut Criterion) {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap_or_else(|e| panic!("runtime: {e}"));
    let sb = rt
        .block_on(sandbox::spawn(SandboxConfig::default()))
        .unwrap_or_else(|e| panic!("sandbox: {e}"));
    let client = support_client::build(ClientConfig {
        request_timeout: Duration::from_secs(10),
        ..support_client::config(sb.base_url())
    });
    let code = SessionCode::parse(CODE).unwrap_or_else(|e| panic!("{e}"));

    for kind in BarcodeType::ALL {
        let image = rt
            .block_on(client.barcode(&code, kind))
            .unwrap_or_else(|e| panic!("{kind}: {e}"));
        let mut group = c.benchmark_group(format!("barcode/{kind}"));
        group.sample_size(30);
        group.bench_function("fetch (sandbox, loopback)", |b| {
            b.to_async(&rt).iter(|| async {
                black_box(
                    client
                        .barcode(&code, kind)
                        .await
                        .unwrap_or_else(|e| panic!("{e}")),
                )
            })
        });
        group.bench_function("decode (png -> content)", |b| {
            b.iter(|| black_box(decode(black_box(&image.bytes)).unwrap_or_else(|e| panic!("{e}"))))
        });
        group.bench_function("render (content -> half blocks)", |b| {
            b.iter(|| {
                let symbol = encode(black_box(CODE), kind).unwrap_or_else(|e| panic!("{e}"));
                black_box(symbol_bitmap(&symbol, BAR_ROWS).lines())
            })
        });
        group.bench_function("screen (decode + check + draw 300x60)", |b| {
            let area = Rect::new(0, 0, 300, 60);
            b.to_async(&rt).iter(|| async {
                let screen = screen_from_image(&code, kind, image.bytes.clone()).await;
                let mut buf = Buffer::empty(area);
                render_screen(
                    &screen,
                    &screen.title(),
                    coupon_kiosk::i18n::Language::En,
                    area,
                    &mut buf,
                );
                black_box(buf)
            })
        });
        group.finish();
    }

    // Laying a PDF417 out again to fit a narrow window costs a re-encode per layout tried.
    let pdf = encode(CODE, BarcodeType::Pdf417).unwrap_or_else(|e| panic!("{e}"));
    c.bench_function("barcode/pdf417/layout to fit 100 columns", |b| {
        b.iter(|| black_box(layout(&pdf, 100, 60).map(|bmp| bmp.columns())))
    });

    // The slow path: an image with no code, read by every pass (two binarizers, turned a quarter).
    let photo = no_code_png(1600, 1200);
    c.benchmark_group("barcode/no code")
        .sample_size(10)
        .bench_function("decode 1600x1200 picture without a code", |b| {
            b.iter(|| black_box(decode(black_box(&photo)).is_err()))
        });
    // The largest image accepted (MAX_SIDE, MAX_PIXELS), timed once: how long a hostile image costs.
    let largest = no_code_png(6000, 4000);
    let started = std::time::Instant::now();
    let refused = decode(&largest).is_err();
    eprintln!(
        "barcode/no code/decode 6000x4000 (24 MP, the limit) once: {:.2?} (no code: {refused})",
        started.elapsed()
    );

    rt.block_on(sb.shutdown());
}

/// A grey picture with soft shapes and some noise, but no barcode, as PNG.
fn no_code_png(width: u32, height: u32) -> Vec<u8> {
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    let img = image::GrayImage::from_fn(width, height, |x, y| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let (cx, cy) = (x as i64 - width as i64 / 2, y as i64 - height as i64 / 3);
        let disc = if cx * cx + cy * cy < (height as i64 / 4).pow(2) {
            60
        } else {
            0
        };
        let shade = 90 + (x * 100 / width) as i64 + (y * 40 / height) as i64 - disc;
        image::Luma([(shade + (seed % 24) as i64).clamp(0, 255) as u8])
    });
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png)
        .unwrap_or_else(|e| panic!("{e}"));
    out.into_inner()
}

criterion_group!(benches, barcodes);
criterion_main!(benches);
