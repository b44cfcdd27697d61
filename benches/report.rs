//! `coupon-kiosk report` over 12,000 validations made by two tills, against the sandbox on
//! loopback (see BENCHMARKS.md, "## Report").
//!
//! - `report/in_process_12000`: `coupon_kiosk::report::collect` + `totals` (every page of
//!   campaign/validations, each record completed with couponsession/data, totals per till).
//! - `report/in_process_12000_warm_cache`: the same with the report cache (`collect_with`) filled
//!   by an earlier report: the pages only, no session read one by one.
//! - `report/binary_12000`: the release binary as a manager runs it, process start included:
//!   `coupon-kiosk report --since TODAY --tag-field 7 --campaign cam_demo01 --json --no-cache`.
//! - `report/binary_12000_warm_cache`: the same without `--no-cache`, its data directory's cache
//!   filled by an earlier run.
//!
//! Run: `cargo bench --bench report`

use coupon_kiosk::api::{CampaignId, ClientConfig};
use coupon_kiosk::report::{collect, collect_with, totals, GroupBy, Period, ReportCache};
use coupon_kiosk::sandbox::{self, SandboxConfig, DEMO_CLIENT_ID, DEMO_CLIENT_SECRET};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use rust_decimal::Decimal;
use std::time::Duration;

/// The integration tests' one `ClientConfig` builder.
#[path = "../tests/support/client.rs"]
#[allow(dead_code)]
mod support_client;
/// The report tests' validations by two tills.
#[path = "../tests/support/two_tills.rs"]
mod two_tills;
use two_tills::{today, validate_by_two_tills};

const VALIDATIONS: u32 = 12_000;

fn report(c: &mut Criterion) {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("a tokio runtime");
    let sb = rt
        .block_on(sandbox::spawn(SandboxConfig::default()))
        .expect("the sandbox starts");
    let client = support_client::build(ClientConfig {
        connect_timeout: Duration::from_secs(5),
        request_timeout: Duration::from_secs(60),
        ..support_client::config(sb.base_url())
    });
    let campaign = CampaignId::parse("cam_demo01").expect("campaign");

    // 12,000 fresh sessions validated today, half by till-1/Ann and half by till-2/Bob, each
    // with an amount: outside the timing.
    rt.block_on(validate_by_two_tills(
        &client,
        &campaign,
        VALIDATIONS,
        Decimal::new(1250, 2),
        32,
    ));

    let since = today();
    let period = Period::parse(&since, None).expect("period");
    let mut group = c.benchmark_group("report");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(20));
    group.throughput(Throughput::Elements(u64::from(VALIDATIONS)));
    group.bench_function("in_process_12000", |b| {
        b.to_async(&rt).iter(|| async {
            let found = collect(&client, std::slice::from_ref(&campaign), &period, 7)
                .await
                .expect("collected");
            let rows = totals(&found, GroupBy::Till);
            // The demo's own validation of cam_demo01 is on 2026-11-20, outside today.
            assert_eq!(rows.iter().map(|r| r.count).sum::<u64>(), u64::from(VALIDATIONS));
            rows
        })
    });
    let cache = ReportCache::in_memory().expect("a cache");
    rt.block_on(collect_with(
        &client,
        std::slice::from_ref(&campaign),
        &period,
        7,
        Some(&cache),
    ))
    .expect("the cache filled");
    group.bench_function("in_process_12000_warm_cache", |b| {
        b.to_async(&rt).iter(|| async {
            let found = collect_with(&client, std::slice::from_ref(&campaign), &period, 7, Some(&cache))
                .await
                .expect("collected");
            let rows = totals(&found, GroupBy::Till);
            assert_eq!(rows.iter().map(|r| r.count).sum::<u64>(), u64::from(VALIDATIONS));
            rows
        })
    });
    let url = sb.base_url();
    let data = tempfile::tempdir().expect("a data directory");
    let data_dir = data.path().to_string_lossy().to_string();
    // An empty config file of its own (the binary refuses /dev/null: not a regular file).
    let config = data.path().join("kiosk.toml");
    std::fs::write(&config, "").expect("a config file");
    let run = |extra: &[&str]| {
        let o = std::process::Command::new(env!("CARGO_BIN_EXE_coupon-kiosk"))
            .args(["report", "--since", &since, "--tag-field", "7"])
            .args(["--campaign", "cam_demo01", "--json", "--data-dir", &data_dir])
            .args(extra)
            .env("COUPONTOOLS_API_URL", &url)
            .env("COUPONTOOLS_CLIENT_ID", DEMO_CLIENT_ID)
            .env("COUPONTOOLS_CLIENT_SECRET", DEMO_CLIENT_SECRET)
            .env("COUPON_KIOSK_CONFIG", &config)
            .output()
            .expect("the binary runs");
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        o.stdout.len()
    };
    group.bench_function("binary_12000", |b| b.iter(|| run(&["--no-cache"])));
    run(&[]);
    group.bench_function("binary_12000_warm_cache", |b| b.iter(|| run(&[])));
    group.finish();
}

criterion_group!(benches, report);
criterion_main!(benches);
