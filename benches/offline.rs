//! Offline benchmarks (see BENCHMARKS.md, "## Offline").
//!
//! - `offline/sync/cam_demo03`: `campaign/data` pages of cam_demo03 (12,001 sessions) from the
//!   sandbox on loopback into a mirror on disk, with `coupon/list`, in one transaction.
//! - `offline/sync/generated_100k`: the same for a campaign of 100,000 sessions issued with
//!   `multiplesingleuse/create`.
//! - `offline/verdict/*`: a scan answered from a mirror of 100,000 sessions: an acceptance
//!   (which writes and syncs the outbox entry before returning) and a refusal.
//! - `offline/from_enter/*`: the headless kiosk (state, runner, journal, frame) with the
//!   server's port closed, from the scan's Enter to ACCEPTED OFFLINE drawn, in each mode.
//! - `offline/lookup/name_part`: the staff look-up by part of a name over 100,000 sessions.
//!
//! Run: `cargo bench --bench offline` (add `-- --quick` for a short run).

/// The integration tests' one `ClientConfig` builder.
#[path = "../tests/support/client.rs"]
#[allow(dead_code)]
mod support_client;

use coupon_kiosk::api::singleuse::NewSingleUses;
use coupon_kiosk::api::{CampaignId, Client, ClientConfig, Customer, Session};
use coupon_kiosk::journal::Journal;
use coupon_kiosk::kiosk::clock::LocalZone;
use coupon_kiosk::kiosk::driver::Headless;
use coupon_kiosk::kiosk::input::Input;
use coupon_kiosk::kiosk::offline::OfflineSide;
use coupon_kiosk::kiosk::state::{Config, Screen};
use coupon_kiosk::offline::desk::Till;
use coupon_kiosk::offline::{self, Desk, Mirror, OfflinePolicy, OfflineSettings};
use coupon_kiosk::sandbox::{self, SandboxConfig, SandboxHandle};
use coupon_kiosk::scan::Scanned;
use coupon_kiosk::settings::{KioskSettings, ValidationMode};
use criterion::{criterion_group, criterion_main, Criterion};
use std::time::Duration;
use time::OffsetDateTime;

const BIG: usize = 100_000;

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("a tokio runtime")
}

fn client_for(sb: &SandboxHandle) -> Client {
    // 100,000 sessions are issued in one request.
    support_client::build(ClientConfig {
        request_timeout: Duration::from_secs(120),
        ..support_client::config(sb.base_url())
    })
}

fn campaign(id: &str) -> CampaignId {
    CampaignId::parse(id).expect("a campaign id")
}

fn sync(c: &mut Criterion) {
    let rt = runtime();
    let sb = rt
        .block_on(sandbox::spawn(SandboxConfig::default()))
        .expect("sandbox");
    let client = client_for(&sb);
    rt.block_on(client.create_single_uses(&NewSingleUses {
        campaign: campaign("cam_demo02"),
        amount: BIG as u32,
        status: None,
        automated: None,
    }))
    .expect("100,000 sessions issued");
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join(offline::MIRROR_FILE);

    let mut group = c.benchmark_group("offline/sync");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(10));
    group.bench_function("cam_demo03", |b| {
        b.iter(|| {
            let r = rt
                .block_on(offline::sync(&client, &path, &[campaign("cam_demo03")]))
                .expect("synced");
            assert_eq!(r.fetched, 12_001);
        })
    });
    group.measurement_time(Duration::from_secs(30));
    group.bench_function("generated_100k", |b| {
        b.iter(|| {
            let r = rt
                .block_on(offline::sync(&client, &path, &[campaign("cam_demo02")]))
                .expect("synced");
            assert!(r.fetched > BIG as u64);
        })
    });
    group.finish();
    rt.block_on(sb.shutdown());
}

/// 100,000 claimed sessions with names, emails and phones.
fn generated(n: usize) -> Vec<Session> {
    const FIRST: [&str; 8] = [
        "Jane", "John", "Alma", "Bruno", "Carla", "Dario", "Elena", "Fabio",
    ];
    (0..n)
        .map(|i| Session {
            session: format!("{i:0>21}").replace('0', "a"),
            campaign: "cam_bench".into(),
            sequenceid: Some(i as u64),
            session_url: None,
            customid: None,
            opened: true,
            claimed: true,
            claim_date_utc: None,
            validated: i % 5 == 0,
            validation_date_utc: None,
            voided: false,
            voided_date_utc: None,
            locked: false,
            expiration_date_utc: Some(time::macros::datetime!(2099-12-31 23:59:59 UTC)),
            created_date_utc: None,
            custom_validation_code: None,
            customer: Customer {
                firstname: Some(FIRST[i % FIRST.len()].into()),
                lastname: Some(format!("Guest{i:06}")),
                email: Some(format!("guest{i:06}@example.net")),
                phone: Some(format!("+44 7700 {i:06}")),
            },
            customfields: Default::default(),
            money_spent: None,
        })
        .collect()
}

fn counter(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("tempdir");
    let sessions = generated(BIG);
    {
        let mut m = Mirror::open(&offline::mirror_path(dir.path())).expect("mirror");
        m.replace_campaign(
            "cam_bench",
            Some("Bench offer"),
            &sessions,
            OffsetDateTime::now_utc(),
        )
        .expect("filled");
    }
    let settings = OfflineSettings {
        policy: OfflinePolicy::AcceptSynced,
        ..OfflineSettings::default()
    };
    let till = Till {
        terminal: "till-1".into(),
        cashier: None,
    };
    let desk = Desk::open(dir.path(), settings, till).expect("desk");

    let mut group = c.benchmark_group("offline/verdict");
    group.sample_size(50);
    let mut next = 1usize;
    group.bench_function("accepted_with_outbox_write", |b| {
        b.iter(|| {
            // Each acceptance a fresh claimed session.
            let code = fresh(&sessions, &mut next);
            let v = desk
                .scan(
                    &Scanned::SessionCode(code.clone()),
                    &code,
                    OffsetDateTime::now_utc(),
                )
                .expect("verdict");
            assert_eq!(v.outcome_word(), "accepted_offline");
        })
    });
    let used = sessions[0].session.clone();
    group.bench_function("refused_from_mirror", |b| {
        b.iter(|| {
            let v = desk
                .scan(
                    &Scanned::SessionCode(used.clone()),
                    &used,
                    OffsetDateTime::now_utc(),
                )
                .expect("verdict");
            assert_eq!(v.outcome_word(), "already_validated");
        })
    });
    group.finish();

    let mut group = c.benchmark_group("offline/lookup");
    group.sample_size(50);
    group.bench_function("name_part", |b| {
        b.iter(|| {
            let found = desk.lookup("guest04711").expect("lookup");
            assert!(!found.is_empty());
        })
    });
    group.bench_function("short_code_prefix", |b| {
        b.iter(|| {
            let found = desk.lookup(&sessions[4711].session[..6]).expect("lookup");
            assert!(!found.is_empty());
        })
    });
    group.finish();
    drop(desk);
    from_enter(c, dir.path(), &sessions, &mut next);
}

/// From the scan's Enter to ACCEPTED OFFLINE in the frame: the kiosk's own work around an
/// offline verdict, with the request refused at once (the server's port is closed).
fn from_enter(c: &mut Criterion, dir: &std::path::Path, sessions: &[Session], next: &mut usize) {
    let rt = runtime();
    // The kiosk starts its effects on the current runtime, also between the awaited answers.
    let _in_runtime = rt.enter();
    let client = support_client::at(support_client::closed_port_url());
    let settings = OfflineSettings {
        policy: OfflinePolicy::AcceptSynced,
        ..OfflineSettings::default()
    };
    let mut group = c.benchmark_group("offline/from_enter");
    group.sample_size(30);
    for (name, mode) in [
        ("auto", ValidationMode::Auto),
        ("confirm", ValidationMode::Confirm),
    ] {
        let journal = Journal::open(&dir.join(format!("journal-{name}.sqlite"))).expect("journal");
        let till = Till {
            terminal: "till-1".into(),
            cashier: None,
        };
        let mut k = rt.block_on(async {
            let offline = OfflineSide::open_in(dir, &settings, till, None, &client);
            assert!(offline.is_some(), "the mirror opens");
            let config = Config {
                kiosk: KioskSettings {
                    mode,
                    bell: false,
                    duplicate_scan_window: Duration::ZERO,
                    ..KioskSettings::default()
                },
                checking_after: Duration::from_secs(30),
                zone: LocalZone::Fixed(time::UtcOffset::UTC),
                demo: false,
            };
            Headless::with_offline(client.clone(), journal, config, offline)
        });
        group.bench_function(name, |b| {
            b.iter_custom(|iters| {
                let mut spent = Duration::ZERO;
                for _ in 0..iters {
                    let code = fresh(sessions, next);
                    for ch in code.chars() {
                        k.input(Input::Char(ch));
                    }
                    let t0 = std::time::Instant::now();
                    k.input(Input::Enter);
                    let shown = rt.block_on(
                        k.until(Duration::from_secs(5), |s| matches!(s.screen, Screen::Verdict(_))),
                    );
                    spent += t0.elapsed();
                    assert!(shown && k.text().contains("ACCEPTED OFFLINE"), "{}", k.text());
                    k.input(Input::Esc);
                }
                spent
            })
        });
    }
    group.finish();
}

/// The next claimed, not validated session (every fifth is validated).
fn fresh(sessions: &[Session], next: &mut usize) -> String {
    if *next % 5 == 0 {
        *next += 1;
    }
    let code = sessions[*next].session.clone();
    *next += 1;
    code
}

criterion_group!(benches, sync, counter);
criterion_main!(benches);
