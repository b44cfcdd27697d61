//! API client benchmarks against the sandbox on loopback (see BENCHMARKS.md, "## API client").
//!
//! - `validations/32_clients`: sandbox validations per second, 32 concurrent clients, each
//!   validating its own fresh single-use sessions.
//! - `per_call/*`: one `couponsession/data` call through `Client::session_data`, the same call
//!   as a bare reqwest request (headers, JSON body, body read; no decoding), each timed while
//!   its twin runs untimed beside it, and the client's decoding alone (envelope + lenient
//!   session reader, no network) — side by side.
//! - `bulk/*`: every page of cam_demo03 (12,001 sessions) through the pager, the same written
//!   as CSV the way `sessions --all --csv` does, and issuing 10,000 single-use codes with one
//!   multiplesingleuse/create call.
//!
//! Run: `cargo bench --bench api`

/// The integration tests' one `ClientConfig` builder.
#[path = "../tests/support/client.rs"]
#[allow(dead_code)]
mod support_client;

use coupon_kiosk::api::envelope::interpret;
use coupon_kiosk::api::session_lists::{ListQuery, SessionList};
use coupon_kiosk::api::sessions::session_from_answer;
use coupon_kiosk::api::singleuse::NewSingleUses;
use coupon_kiosk::api::{CampaignId, Client, ClientConfig, Operation, SessionCode, UpdateSession};
use coupon_kiosk::cli::lists::{write_sessions, Format};
use coupon_kiosk::sandbox::{self, SandboxConfig, SandboxHandle, DEMO_CLIENT_ID, DEMO_CLIENT_SECRET};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const CLIENTS: usize = 32;
const CLAIMED: &str = "ac6s7u3g8a25ja7x9qg87";

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("a tokio runtime")
}

fn client_for(sb: &SandboxHandle) -> Client {
    support_client::build(ClientConfig {
        connect_timeout: Duration::from_secs(5),
        request_timeout: Duration::from_secs(60),
        ..support_client::config(sb.base_url())
    })
}

/// Fresh, never-validated session codes of cam_demo01, made in bulk outside the timing.
struct Pool {
    client: Client,
    codes: Mutex<Vec<String>>,
}

impl Pool {
    async fn take(&self, n: usize) -> Vec<String> {
        loop {
            {
                let mut codes = self.codes.lock().expect("pool lock");
                if codes.len() >= n {
                    let at = codes.len() - n;
                    return codes.split_off(at);
                }
            }
            let made = self
                .client
                .create_single_uses(&NewSingleUses {
                    campaign: CampaignId::parse("cam_demo01").expect("campaign"),
                    amount: 20_000,
                    status: None,
                    automated: None,
                })
                .await
                .expect("issuing sessions for the benchmark");
            self.codes
                .lock()
                .expect("pool lock")
                .extend(made.into_iter().map(|s| s.single_use_code));
        }
    }
}

fn validations(c: &mut Criterion) {
    let rt = runtime();
    let sb = rt
        .block_on(sandbox::spawn(SandboxConfig::default()))
        .expect("sandbox");
    let clients: Vec<Client> = (0..CLIENTS).map(|_| client_for(&sb)).collect();
    let pool = Arc::new(Pool {
        client: client_for(&sb),
        codes: Mutex::new(Vec::new()),
    });
    let mut group = c.benchmark_group("validations");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(8));
    group.throughput(Throughput::Elements(CLIENTS as u64));
    group.bench_function("32_clients", |b| {
        b.to_async(&rt).iter_custom(|iters| {
            let clients = clients.clone();
            let pool = Arc::clone(&pool);
            async move {
                // Each client validates `iters` sessions of its own, one after another.
                let mut work = Vec::with_capacity(CLIENTS);
                for client in clients {
                    let codes = pool.take(iters as usize).await;
                    work.push((client, codes));
                }
                let start = Instant::now();
                let tasks: Vec<_> = work
                    .into_iter()
                    .map(|(client, codes)| {
                        tokio::spawn(async move {
                            for code in codes {
                                let code = SessionCode::parse(&code).expect("code");
                                let update = UpdateSession::new(code).operation(Operation::Validate);
                                let s = client.update_session(&update).await.expect("validated");
                                assert!(s.validated);
                            }
                        })
                    })
                    .collect();
                for t in tasks {
                    t.await.expect("a client task");
                }
                start.elapsed()
            }
        });
    });
    group.finish();
    rt.block_on(sb.shutdown());
}

fn per_call(c: &mut Criterion) {
    let rt = runtime();
    let sb = rt
        .block_on(sandbox::spawn(SandboxConfig::default()))
        .expect("sandbox");
    let client = client_for(&sb);
    let bare = reqwest::Client::builder().build().expect("reqwest");
    let url = format!("{}/v3/couponsession/data", sb.base_url());
    let code = SessionCode::parse(CLAIMED).expect("code");
    let body = rt
        .block_on(async {
            bare.post(&url)
                .header("X-Client-Id", DEMO_CLIENT_ID)
                .header("X-Client-Secret", DEMO_CLIENT_SECRET)
                .json(&serde_json::json!({ "couponsession": CLAIMED }))
                .send()
                .await?
                .bytes()
                .await
        })
        .expect("a sample answer");

    let mut group = c.benchmark_group("per_call");
    group.sample_size(30);
    group.measurement_time(Duration::from_secs(5));
    // Each iteration makes both calls, one timed and its twin untimed, alternating which goes
    // first: on a shared machine the load then falls on both rows alike, and the ratio of the
    // two rows is the client's overhead rather than the neighbours' builds.
    let bare_call = |bare: reqwest::Client, url: String| async move {
        bare.post(&url)
            .header("X-Client-Id", DEMO_CLIENT_ID)
            .header("X-Client-Secret", DEMO_CLIENT_SECRET)
            .json(&serde_json::json!({ "couponsession": CLAIMED }))
            .send()
            .await
            .expect("sent")
            .bytes()
            .await
            .expect("body")
    };
    group.bench_function("client_session_data", |b| {
        b.to_async(&rt).iter_custom(|iters| {
            let (client, bare, url, code) = (client.clone(), bare.clone(), url.clone(), code.clone());
            async move {
                let mut timed = Duration::ZERO;
                for i in 0..iters {
                    if i % 2 == 0 {
                        bare_call(bare.clone(), url.clone()).await;
                    }
                    let start = Instant::now();
                    client.session_data(&code).await.expect("session");
                    timed += start.elapsed();
                    if i % 2 == 1 {
                        bare_call(bare.clone(), url.clone()).await;
                    }
                }
                timed
            }
        })
    });
    group.bench_function("bare_reqwest", |b| {
        b.to_async(&rt).iter_custom(|iters| {
            let (client, bare, url, code) = (client.clone(), bare.clone(), url.clone(), code.clone());
            async move {
                let mut timed = Duration::ZERO;
                for i in 0..iters {
                    if i % 2 == 0 {
                        client.session_data(&code).await.expect("session");
                    }
                    let start = Instant::now();
                    bare_call(bare.clone(), url.clone()).await;
                    timed += start.elapsed();
                    if i % 2 == 1 {
                        client.session_data(&code).await.expect("session");
                    }
                }
                timed
            }
        })
    });
    // Where the difference goes: the client's `post` without the session reader, and a bare
    // reqwest client configured as the client's is (timeouts, no redirects, user agent).
    group.bench_function("client_post_without_session_reader", |b| {
        b.to_async(&rt).iter(|| async {
            client
                .post("couponsession/data", &[("couponsession", CLAIMED.to_string())])
                .await
                .expect("answer")
        })
    });
    let configured = reqwest::Client::builder()
        .use_rustls_tls()
        .connect_timeout(Duration::from_secs(5))
        .timeout(Duration::from_secs(60))
        .redirect(reqwest::redirect::Policy::none())
        .pool_idle_timeout(Duration::from_secs(60))
        .user_agent("coupon-kiosk/bench")
        .build()
        .expect("reqwest");
    group.bench_function("bare_reqwest_client_config", |b| {
        b.to_async(&rt)
            .iter(|| bare_call(configured.clone(), url.clone()))
    });
    group.bench_function("client_decoding_only", |b| {
        b.iter(|| {
            let answer = interpret(200, Some("application/json"), &body, &[DEMO_CLIENT_SECRET]).expect("ok");
            session_from_answer(&answer).expect("session")
        })
    });
    group.finish();
    rt.block_on(sb.shutdown());
}

fn bulk(c: &mut Criterion) {
    let rt = runtime();
    let sb = rt
        .block_on(sandbox::spawn(SandboxConfig::default()))
        .expect("sandbox");
    let client = client_for(&sb);
    let mut group = c.benchmark_group("bulk");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(20));
    group.bench_function("all_pages_cam_demo03", |b| {
        b.to_async(&rt).iter(|| async {
            let query = ListQuery::new(
                CampaignId::parse("cam_demo03").expect("campaign"),
                SessionList::All,
            );
            let mut pages = client.session_pages(query);
            let mut n = 0;
            while let Some(page) = pages.next_page().await {
                n += page.expect("a page").sessions.len();
            }
            assert!(n > 12_000, "{n}");
            n
        })
    });
    group.bench_function("sessions_all_csv_cam_demo03", |b| {
        // What `coupon-kiosk sessions cam_demo03 --all --csv` does, minus process start-up.
        b.to_async(&rt).iter(|| async {
            let query = ListQuery::new(
                CampaignId::parse("cam_demo03").expect("campaign"),
                SessionList::All,
            );
            let mut sink = std::io::sink();
            let written = write_sessions(&client, query, true, Format::Csv, false, &mut sink)
                .await
                .expect("written");
            assert_eq!(written.sessions, 12_001);
        })
    });
    group.bench_function("issue_10000_codes", |b| {
        b.to_async(&rt).iter(|| async {
            let made = client
                .create_single_uses(&NewSingleUses {
                    campaign: CampaignId::parse("cam_demo02").expect("campaign"),
                    amount: 10_000,
                    status: None,
                    automated: None,
                })
                .await
                .expect("issued");
            assert_eq!(made.len(), 10_000);
        })
    });
    group.finish();
    rt.block_on(sb.shutdown());
}

criterion_group!(benches, validations, per_call, bulk);
criterion_main!(benches);
