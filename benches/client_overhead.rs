//! Where a client call's time goes: the same `couponsession/data` call made six ways against one
//! sandbox on loopback, step by step from a bare reqwest call to `Client::session_data`, and the
//! steps that need no network timed alone (see BENCHMARKS.md, "Client overhead per call").
//!
//! The six ways run interleaved: every round makes each call once, in a freshly shuffled order
//! (so no way always follows the same other way), and every call is timed alone. On a shared machine the neighbours' load then
//! falls on every row alike, and the medians compare like with like (each way keeps its own warm
//! keep-alive connection, HTTP/1.1, the same request body and the same answer).
//!
//! Run: `cargo bench --bench client_overhead` (`-- ROUNDS` to change the 4000 rounds).

/// The integration tests' one `ClientConfig` builder.
#[path = "../tests/support/client.rs"]
#[allow(dead_code)]
mod support_client;

use coupon_kiosk::api::envelope::interpret;
use coupon_kiosk::api::sessions::session_from_answer;
use coupon_kiosk::api::{Client, ClientConfig, SessionCode};
use coupon_kiosk::sandbox::{self, SandboxConfig, DEMO_CLIENT_ID, DEMO_CLIENT_SECRET};
use rand::seq::SliceRandom;
use rand::SeedableRng;
use std::hint::black_box;
use std::time::{Duration, Instant};

const CLAIMED: &str = "ac6s7u3g8a25ja7x9qg87";
const WARM_UP_ROUNDS: usize = 300;

/// The ways of making the call, each one step closer to the client's.
#[derive(Clone, Copy)]
enum Way {
    /// `reqwest::Client::new()`: headers, JSON body, `bytes()`, no decoding.
    Bare,
    /// reqwest built as the client builds it (rustls, connect and total timeouts, no redirects,
    /// user agent, pool idle timeout); otherwise as `Bare`.
    BareConfigured,
    /// `BareConfigured`, then the decoding any caller must do: the envelope and the session reader.
    BareConfiguredDecoded,
    /// `Client::post_bytes`: the client's request building and bounded body read, no decoding.
    ClientPostBytes,
    /// `Client::post`: `post_bytes` and the envelope.
    ClientPost,
    /// `Client::session_data`: everything a caller gets.
    ClientSessionData,
}

const WAYS: [(Way, &str); 6] = [
    (Way::Bare, "bare reqwest (default client)"),
    (Way::BareConfigured, "bare reqwest, configured as the client"),
    (Way::BareConfiguredDecoded, "  + envelope and session reader"),
    (Way::ClientPostBytes, "Client::post_bytes (no decoding)"),
    (Way::ClientPost, "Client::post (+ envelope)"),
    (Way::ClientSessionData, "Client::session_data (all)"),
];

struct Callers {
    bare: reqwest::Client,
    configured: reqwest::Client,
    client: Client,
    url: String,
    code: SessionCode,
}

impl Callers {
    async fn bare(http: &reqwest::Client, url: &str) -> impl std::ops::Deref<Target = [u8]> {
        http.post(url)
            .header("X-Client-Id", DEMO_CLIENT_ID)
            .header("X-Client-Secret", DEMO_CLIENT_SECRET)
            .json(&serde_json::json!({ "couponsession": CLAIMED }))
            .send()
            .await
            .expect("sent")
            .bytes()
            .await
            .expect("body")
    }

    async fn call(&self, way: Way) {
        match way {
            Way::Bare => {
                black_box(Self::bare(&self.bare, &self.url).await);
            }
            Way::BareConfigured => {
                black_box(Self::bare(&self.configured, &self.url).await);
            }
            Way::BareConfiguredDecoded => {
                let body = Self::bare(&self.configured, &self.url).await;
                let answer =
                    interpret(200, Some("application/json"), &body, &[DEMO_CLIENT_SECRET]).expect("ok");
                black_box(session_from_answer(&answer).expect("session"));
            }
            Way::ClientPostBytes => {
                let params = [("couponsession", self.code.as_str().to_string())];
                black_box(
                    self.client
                        .post_bytes("couponsession/data", &params)
                        .await
                        .expect("answer"),
                );
            }
            Way::ClientPost => {
                let params = [("couponsession", self.code.as_str().to_string())];
                black_box(
                    self.client
                        .post("couponsession/data", &params)
                        .await
                        .expect("answer"),
                );
            }
            Way::ClientSessionData => {
                black_box(self.client.session_data(&self.code).await.expect("session"));
            }
        }
    }
}

fn quantile(sorted: &[Duration], q: f64) -> Duration {
    sorted[((sorted.len() - 1) as f64 * q).round() as usize]
}

fn micros(d: Duration) -> f64 {
    d.as_secs_f64() * 1e6
}

/// Mean time of `f` over `n` runs, in nanoseconds.
fn alone<T>(n: u32, mut f: impl FnMut() -> T) -> f64 {
    for _ in 0..n / 10 {
        black_box(f());
    }
    let start = Instant::now();
    for _ in 0..n {
        black_box(f());
    }
    start.elapsed().as_secs_f64() * 1e9 / f64::from(n)
}

fn main() {
    let rounds: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(4000);
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("a tokio runtime");
    let sb = rt
        .block_on(sandbox::spawn(SandboxConfig::default()))
        .expect("sandbox");
    let config = ClientConfig {
        connect_timeout: Duration::from_secs(5),
        request_timeout: Duration::from_secs(60),
        ..support_client::config(sb.base_url())
    };
    let configured = reqwest::Client::builder()
        .use_rustls_tls()
        .connect_timeout(config.connect_timeout)
        .timeout(config.request_timeout)
        .redirect(reqwest::redirect::Policy::none())
        .pool_idle_timeout(Duration::from_secs(60))
        .user_agent("coupon-kiosk/bench")
        .build()
        .expect("reqwest");
    let callers = Callers {
        bare: reqwest::Client::new(),
        configured,
        client: support_client::build(config),
        url: format!("{}/v3/couponsession/data", sb.base_url()),
        code: SessionCode::parse(CLAIMED).expect("code"),
    };

    let mut times: Vec<Vec<Duration>> = vec![Vec::with_capacity(rounds); WAYS.len()];
    let mut rng = rand::rngs::StdRng::seed_from_u64(9);
    let mut order: Vec<usize> = (0..WAYS.len()).collect();
    rt.block_on(async {
        for round in 0..WARM_UP_ROUNDS + rounds {
            order.shuffle(&mut rng);
            for &at in &order {
                let start = Instant::now();
                callers.call(WAYS[at].0).await;
                let took = start.elapsed();
                if round >= WARM_UP_ROUNDS {
                    times[at].push(took);
                }
            }
        }
    });
    println!("couponsession/data on loopback, {rounds} interleaved rounds (per call):");
    println!(
        "{:<42} {:>10} {:>18} {:>8}",
        "way", "median µs", "p25–p75 µs", "× bare"
    );
    let mut medians = Vec::new();
    for (i, (_, name)) in WAYS.iter().enumerate() {
        let sorted = {
            let mut t = times[i].clone();
            t.sort();
            t
        };
        let median = quantile(&sorted, 0.5);
        medians.push(median);
        println!(
            "{name:<42} {:>10.1} {:>8.1}–{:<9.1} {:>8.3}",
            micros(median),
            micros(quantile(&sorted, 0.25)),
            micros(quantile(&sorted, 0.75)),
            micros(median) / micros(medians[0]),
        );
    }
    println!(
        "Client::session_data / bare reqwest configured the same and decoding the same: {:.3}",
        micros(medians[5]) / micros(medians[2])
    );

    // The steps that need no network, each alone.
    let body = rt.block_on(Callers::bare(&callers.bare, &callers.url));
    let answer = interpret(200, Some("application/json"), &body, &[DEMO_CLIENT_SECRET]).expect("ok");
    let base = url::Url::parse(&format!("{}/", sb.base_url())).expect("url");
    println!("\nSteps alone (mean ns per run):");
    let steps: [(&str, f64); 6] = [
        (
            "JSON parse of the answer (serde_json::Value)",
            alone(20_000, || {
                serde_json::from_slice::<serde_json::Value>(&body).expect("json")
            }),
        ),
        (
            "envelope (parse + status)",
            alone(20_000, || {
                interpret(200, Some("application/json"), &body, &[DEMO_CLIENT_SECRET]).expect("ok")
            }),
        ),
        (
            "session reader (Session::from_json)",
            alone(20_000, || session_from_answer(&answer).expect("session")),
        ),
        (
            "URL join v3/<path>",
            alone(100_000, || base.join("v3/couponsession/data").expect("url")),
        ),
        (
            "JSON request body (map + serialize)",
            alone(100_000, || {
                let map: serde_json::Map<String, serde_json::Value> = [(
                    "couponsession".to_string(),
                    serde_json::Value::String(CLAIMED.to_string()),
                )]
                .into_iter()
                .collect();
                serde_json::to_vec(&map).expect("json")
            }),
        ),
        (
            "Date header parse (httpdate)",
            alone(100_000, || httpdate_parse("Mon, 30 Nov 2026 06:53:22 GMT")),
        ),
    ];
    for (name, ns) in steps {
        println!("{name:<48} {ns:>10.0}");
    }
    println!("answer body: {} bytes", body.len());
    rt.block_on(sb.shutdown());
}

fn httpdate_parse(s: &str) -> Option<std::time::SystemTime> {
    httpdate::parse_http_date(s).ok()
}
