//! Offline benchmarks (see BENCHMARKS.md, "## Offline").
//!
//! - `offline/sync/cam_demo03`: `campaign/data` pages of cam_demo03 (12,001 sessions) from the
//!   sandbox on loopback into a mirror on disk, with `coupon/list`, in one transaction.
//! - `offline/sync/generated_100k`: the same for a campaign of 100,000 sessions issued with
//!   `multiplesingleuse/create`.
//! - `offline/verdict/*`: a scan answered from a mirror of 100,000 sessions: an acceptance
//!   (which writes and syncs the outbox entry before returning) and a refusal.
//! - `offline/lookup/name_part`: the staff look-up by part of a name over 100,000 sessions.
//!
//! Run: `cargo bench --bench offline` (add `-- --quick` for a short run).

use coupon_kiosk::api::singleuse::NewSingleUses;
use coupon_kiosk::api::{CampaignId, Client, ClientConfig, Customer, Session};
use coupon_kiosk::offline::desk::Till;
use coupon_kiosk::offline::{self, Desk, Mirror, OfflinePolicy, OfflineSettings};
use coupon_kiosk::sandbox::{self, SandboxConfig, SandboxHandle, DEMO_CLIENT_ID, DEMO_CLIENT_SECRET};
use coupon_kiosk::scan::Scanned;
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
    Client::new(ClientConfig {
        base_url: sb.base_url(),
        client_id: DEMO_CLIENT_ID.into(),
        client_secret: DEMO_CLIENT_SECRET.into(),
        connect_timeout: Duration::from_secs(5),
        request_timeout: Duration::from_secs(120),
        allow_insecure_http: false,
    })
    .expect("a client")
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
            // Each acceptance a fresh claimed session (every fifth is validated: skip those).
            if next % 5 == 0 {
                next += 1;
            }
            let code = sessions[next].session.clone();
            next += 1;
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
}

criterion_group!(benches, sync, counter);
criterion_main!(benches);
