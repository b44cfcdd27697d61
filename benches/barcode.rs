//! Barcode costs per type, side by side: fetching the image from the sandbox on loopback, reading
//! it (PNG -> grey -> rxing), and drawing the code for the terminal (re-encode -> half blocks).
//! Run: `cargo bench --bench barcode` (results in BENCHMARKS.md, "## Barcodes").

use coupon_kiosk::api::barcode::BarcodeType;
use coupon_kiosk::api::{Client, ClientConfig, SessionCode};
use coupon_kiosk::barcode::decode::decode;
use coupon_kiosk::barcode::encode::encode;
use coupon_kiosk::barcode::render::{layout, symbol_bitmap, BAR_ROWS};
use coupon_kiosk::barcode::{render_screen, screen_from_image};
use coupon_kiosk::sandbox::{self, SandboxConfig, DEMO_CLIENT_ID, DEMO_CLIENT_SECRET};
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
    let client = Client::new(ClientConfig {
        base_url: sb.base_url(),
        client_id: DEMO_CLIENT_ID.into(),
        client_secret: DEMO_CLIENT_SECRET.into(),
        connect_timeout: Duration::from_secs(2),
        request_timeout: Duration::from_secs(10),
        allow_insecure_http: false,
    })
    .unwrap_or_else(|e| panic!("client: {e}"));
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
                render_screen(&screen, area, &mut buf);
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

    rt.block_on(sb.shutdown());
}

criterion_group!(benches, barcodes);
criterion_main!(benches);
