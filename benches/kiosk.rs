//! Kiosk benchmarks (see BENCHMARKS.md, "## Kiosk").
//!
//! - `kiosk/scan_to_verdict/{auto,confirm}`: a scanner burst + Enter (and, in confirm mode, the
//!   Enter on the card) until the verdict is drawn, through the real `update`, effects runner,
//!   journal (on disk, synced) and view, against the sandbox on loopback. Headless: the frame is
//!   drawn into a buffer, as the terminal backend would receive it.
//! - `kiosk/own_share/*`: the same flows with the server's answers given at once (no network):
//!   what the kiosk itself costs per scan — state, journal write, drawing.
//! - `kiosk/draw/*`: one frame of the verdict screen at 80×24 and 300×100.
//! - A report after the criterion runs: round trips per scan in each mode, the share of the
//!   scan-to-verdict time spent waiting on HTTP, and — driving the real binary in a pseudo-
//!   terminal — time to first frame, idle CPU and wake-ups, resident memory.
//!
//! Run: `cargo bench --bench kiosk` (add `-- --quick` for a short run).
//!
//! First frame only, against another build of the binary in the same run (runs alternate, so
//! both see the same machine load): `KIOSK_BENCH_FIRST_FRAME=1 KIOSK_BENCH_BASELINE=/path/to/
//! other/coupon-kiosk cargo bench --bench kiosk` (without the baseline, this build alone).

/// The integration tests' one `ClientConfig` builder.
#[path = "../tests/support/client.rs"]
#[allow(dead_code)]
mod support_client;

use coupon_kiosk::api::{Client, ClientConfig, Operation, Session, SessionCode, UpdateSession};
use coupon_kiosk::journal::Journal;
use coupon_kiosk::kiosk::clock::{Clock, LocalZone};
use coupon_kiosk::kiosk::driver::Headless;
use coupon_kiosk::kiosk::input::Input;
use coupon_kiosk::kiosk::msg::{Effect, Link, Msg, Net};
use coupon_kiosk::kiosk::state::{Config, Screen, State};
use coupon_kiosk::kiosk::update;
use coupon_kiosk::kiosk::view::render;
use coupon_kiosk::redeem::{Outcome, Verdict};
use coupon_kiosk::sandbox::{self, SandboxConfig, SandboxHandle, DEMO_CLIENT_ID, DEMO_CLIENT_SECRET};
use coupon_kiosk::settings::{KioskSettings, ValidationMode};
use criterion::Criterion;
use portable_pty::{native_pty_system, CommandBuilder, PtySize};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use time::OffsetDateTime;

const JANE: &str = "ac6s7u3g8a25ja7x9qg87";
const BIN: &str = env!("CARGO_BIN_EXE_coupon-kiosk");

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("a tokio runtime")
}

fn client_for(sb: &SandboxHandle) -> Client {
    support_client::build(ClientConfig {
        connect_timeout: Duration::from_secs(5),
        request_timeout: Duration::from_secs(30),
        ..support_client::config(sb.base_url())
    })
}

/// `session` as the server shows it once validated, now.
fn validated_now(session: &Session) -> Session {
    let mut s = session.clone();
    s.validated = true;
    s.validation_date_utc = Some(OffsetDateTime::now_utc());
    s
}

/// The server's word that `s` (validated) is validated: what the runner hands the kiosk.
fn validated_verdict(s: Session) -> Verdict {
    Verdict {
        outcome: Outcome::Validated,
        validation_date_utc: s.validation_date_utc,
        session: Some(s),
        error_code: None,
        message: "Validated.".into(),
        round_trips: 1,
        attempt: None,
        earlier_confirmed: None,
    }
}

fn config(mode: ValidationMode) -> Config {
    Config {
        kiosk: KioskSettings {
            mode,
            bell: false,
            duplicate_scan_window: Duration::ZERO,
            ..KioskSettings::default()
        },
        checking_after: Duration::from_secs(30),
        zone: LocalZone::Fixed(time::UtcOffset::UTC),
        demo: true,
    }
}

/// What one scan cost.
#[derive(Debug, Default, Clone, Copy)]
struct ScanCost {
    total: Duration,
    /// Time the runner measured around HTTP calls (server + loopback + client decoding).
    http: Duration,
    round_trips: u32,
}

/// The library's headless kiosk, with what each scan cost.
struct Bench(Headless);

impl Bench {
    fn new(client: Client, journal: Journal, mode: ValidationMode) -> Self {
        Bench(Headless::new(client, journal, config(mode)))
    }

    fn apply(&mut self, msg: Msg, cost: &mut ScanCost) {
        let started = self.0.apply(msg);
        cost.round_trips += started
            .iter()
            .filter(|e| matches!(e, Effect::Resolve { .. }))
            .count() as u32;
    }

    /// Burst + Enter (+ Enter on the card), until a verdict is on screen.
    async fn scan(&mut self, code: &str) -> ScanCost {
        let mut cost = ScanCost::default();
        let t0 = Instant::now();
        for c in code.chars() {
            self.0.input(Input::Char(c));
        }
        self.apply(Msg::Input(Input::Enter), &mut cost);
        while !matches!(self.0.state.screen, Screen::Verdict(_)) {
            let Some(msg) = self.0.next_msg(Duration::from_secs(60)).await else {
                break;
            };
            match &msg {
                Msg::Resolved { net, .. } => cost.http += net.rtt,
                Msg::Verdict { net, verdict, .. } => {
                    cost.http += net.rtt;
                    cost.round_trips += verdict.round_trips;
                }
                _ => {}
            }
            self.apply(msg, &mut cost);
            if matches!(self.0.state.screen, Screen::Card(_)) {
                self.apply(Msg::Input(Input::Enter), &mut cost);
            }
        }
        cost.total = t0.elapsed();
        // Back to the scan screen for the next one.
        self.0.input(Input::Esc);
        cost
    }
}

async fn unvalidate(client: &Client) {
    let code = SessionCode::parse(JANE).expect("code");
    let _ = client
        .update_session(&UpdateSession::new(code).operation(Operation::Unvalidate))
        .await;
}

fn scan_to_verdict(c: &mut Criterion, report: &mut Vec<String>) {
    let rt = runtime();
    let sb = rt
        .block_on(sandbox::spawn(SandboxConfig::default()))
        .expect("sandbox");
    let client = client_for(&sb);
    let dir = tempfile::tempdir().expect("tempdir");
    let mut g = c.benchmark_group("kiosk/scan_to_verdict");
    for (name, mode) in [
        ("auto", ValidationMode::Auto),
        ("confirm", ValidationMode::Confirm),
    ] {
        let journal = Journal::open(&dir.path().join(format!("{name}.sqlite"))).expect("journal");
        let mut k = rt.block_on(async { Bench::new(client.clone(), journal, mode) });
        let totals = Arc::new(Mutex::new(Vec::<ScanCost>::new()));
        let sink = Arc::clone(&totals);
        g.bench_function(name, |b| {
            b.iter_custom(|iters| {
                let mut measured = Duration::ZERO;
                for _ in 0..iters {
                    rt.block_on(unvalidate(&client));
                    let cost = rt.block_on(k.scan(JANE));
                    assert!(
                        matches!(&k.0.state.screen, Screen::Scan),
                        "the verdict was dismissed"
                    );
                    measured += cost.total;
                    if let Ok(mut t) = sink.lock() {
                        t.push(cost);
                    }
                }
                measured
            })
        });
        let costs = totals.lock().map(|t| t.clone()).unwrap_or_default();
        if !costs.is_empty() {
            let n = costs.len() as u32;
            let total: Duration = costs.iter().map(|c| c.total).sum::<Duration>() / n;
            let http: Duration = costs.iter().map(|c| c.http).sum::<Duration>() / n;
            let trips = costs.iter().map(|c| c.round_trips).max().unwrap_or(0);
            report.push(format!(
                "scan_to_verdict/{name}: mean {:.3} ms, of which HTTP {:.3} ms, kiosk {:.3} ms ({:.0}%); round trips per scan: {trips}",
                ms(total),
                ms(http),
                ms(total.saturating_sub(http)),
                100.0 * (total.saturating_sub(http)).as_secs_f64() / total.as_secs_f64().max(1e-9)
            ));
        }
    }
    g.finish();
    // Round trips for a custom validation code (a search, then the update) in each mode.
    for (name, mode) in [
        ("auto", ValidationMode::Auto),
        ("confirm", ValidationMode::Confirm),
    ] {
        let journal = Journal::open(&dir.path().join(format!("custom-{name}.sqlite"))).expect("journal");
        let mut k = rt.block_on(async { Bench::new(client.clone(), journal, mode) });
        rt.block_on(async {
            let code = SessionCode::parse("1091awquchndpf61udi5i").expect("code");
            let _ = client
                .update_session(&UpdateSession::new(code).operation(Operation::Unvalidate))
                .await;
        });
        let cost = rt.block_on(k.scan("WELCOME2026"));
        report.push(format!(
            "custom code WELCOME2026/{name}: round trips per scan: {}",
            cost.round_trips
        ));
    }
    rt.block_on(sb.shutdown());
}

/// The kiosk's own work per scan: the same flow with the server's answers handed over at once.
fn own_share(c: &mut Criterion) {
    let rt = runtime();
    let dir = tempfile::tempdir().expect("tempdir");
    let journal = Arc::new(Mutex::new(
        Journal::open(&dir.path().join("own.sqlite")).expect("journal"),
    ));
    let session = rt.block_on(async {
        let sb = sandbox::spawn(SandboxConfig::default()).await.expect("sandbox");
        let s = client_for(&sb)
            .session_data(&SessionCode::parse(JANE).expect("code"))
            .await
            .expect("session");
        sb.shutdown().await;
        s
    });
    let mut g = c.benchmark_group("kiosk/own_share");
    for (name, mode) in [
        ("auto", ValidationMode::Auto),
        ("confirm", ValidationMode::Confirm),
    ] {
        g.bench_function(name, |b| {
            let mut state = State::new(
                config(mode),
                Clock::new(OffsetDateTime::now_utc(), Duration::ZERO),
            );
            let mut buf = Buffer::empty(Rect::new(0, 0, 80, 24));
            let net = Net {
                rtt: Duration::ZERO,
                link: Link::Online,
            };
            b.iter(|| {
                let mut effects = vec![];
                for ch in JANE.chars() {
                    effects.extend(update(&mut state, Msg::Input(Input::Char(ch))));
                }
                effects.extend(update(&mut state, Msg::Input(Input::Enter)));
                render(&state, buf.area, &mut buf);
                // Answer every request at once, as if the server took no time.
                while let Some(e) = effects.pop() {
                    let msg = match e {
                        Effect::Resolve { req, scanned, .. } => Some(Msg::Resolved {
                            req,
                            scanned,
                            result: Ok(vec![session.clone()]),
                            net,
                        }),
                        Effect::Validate { req, attempt, .. } | Effect::Redeem { req, attempt, .. } => {
                            let s = validated_now(&session);
                            Some(Msg::Verdict {
                                req,
                                attempt,
                                verdict: validated_verdict(s),
                                net,
                            })
                        }
                        Effect::Journal { req, entry } => {
                            let result = journal
                                .lock()
                                .map_err(|_| "lock".to_string())
                                .and_then(|j| j.record(&entry).map(|_| ()).map_err(|e| e.to_string()));
                            Some(Msg::Journaled {
                                req,
                                operation: entry.operation,
                                outcome: entry.outcome,
                                result,
                                counts: None,
                            })
                        }
                        _ => None,
                    };
                    if let Some(msg) = msg {
                        effects.extend(update(&mut state, msg));
                        render(&state, buf.area, &mut buf);
                    }
                    if matches!(state.screen, Screen::Card(_)) {
                        effects.extend(update(&mut state, Msg::Input(Input::Enter)));
                    }
                }
                assert!(matches!(state.screen, Screen::Verdict(_)));
                let _ = update(&mut state, Msg::Input(Input::Esc));
            })
        });
    }
    g.finish();

    let mut g = c.benchmark_group("kiosk/draw");
    let mut state = State::new(
        config(ValidationMode::Auto),
        Clock::new(OffsetDateTime::now_utc(), Duration::ZERO),
    );
    let mut v = coupon_kiosk::kiosk::verdict::VerdictView::new(
        coupon_kiosk::kiosk::verdict::VerdictKind::AlreadyValidated,
        JANE,
        "This session was already validated",
    );
    v.session = Some(session);
    v.validated_at_utc = Some(OffsetDateTime::now_utc());
    state.screen = Screen::Verdict(v);
    for (name, w, h) in [("verdict_80x24", 80, 24), ("verdict_300x100", 300, 100)] {
        let mut buf = Buffer::empty(Rect::new(0, 0, w, h));
        g.bench_function(name, |b| b.iter(|| render(&state, buf.area, &mut buf)));
    }
    // The journal write each attempt waits for before its verdict shows (SQLite, WAL,
    // synchronous=FULL: one fsync per attempt).
    g.bench_function("journal_record_synced", |b| {
        let dir = tempfile::tempdir().expect("tempdir");
        let j = Journal::open(&dir.path().join("j.sqlite")).expect("journal");
        let entry = coupon_kiosk::journal::Entry {
            at_utc: OffsetDateTime::now_utc(),
            scanned: JANE.into(),
            session: Some(JANE.into()),
            campaign: Some("cam_demo01".into()),
            operation: coupon_kiosk::journal::Operation::Validate,
            outcome: coupon_kiosk::journal::Outcome::Validated,
            error_code: None,
            message: "Validated.".into(),
            round_trips: 1,
            rtt_ms: Some(1),
            terminal: "till-1".into(),
            cashier: None,
            reason: None,
            attempt_id: None,
        };
        b.iter(|| j.record(&entry).expect("record"))
    });
    g.bench_function("keystroke", |b| {
        let mut state = State::new(
            config(ValidationMode::Auto),
            Clock::new(OffsetDateTime::now_utc(), Duration::ZERO),
        );
        b.iter(|| {
            let _ = update(&mut state, Msg::Input(Input::Char('a')));
            let _ = update(&mut state, Msg::Input(Input::Backspace));
        })
    });
    g.finish();
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// CPU time of every thread of `pid`, from /proc (nanoseconds, from schedstat).
fn cpu_ns(pid: u32) -> u64 {
    let Ok(tasks) = std::fs::read_dir(format!("/proc/{pid}/task")) else {
        return 0;
    };
    tasks
        .flatten()
        .filter_map(|t| std::fs::read_to_string(t.path().join("schedstat")).ok())
        .filter_map(|s| s.split_whitespace().next()?.parse::<u64>().ok())
        .sum()
}

/// Voluntary + involuntary context switches of every thread: how often the process woke.
fn wakeups(pid: u32) -> u64 {
    let Ok(tasks) = std::fs::read_dir(format!("/proc/{pid}/task")) else {
        return 0;
    };
    tasks
        .flatten()
        .filter_map(|t| std::fs::read_to_string(t.path().join("status")).ok())
        .map(|s| {
            s.lines()
                .filter(|l| {
                    l.starts_with("voluntary_ctxt_switches") || l.starts_with("nonvoluntary_ctxt_switches")
                })
                .filter_map(|l| l.split_whitespace().nth(1)?.parse::<u64>().ok())
                .sum::<u64>()
        })
        .sum()
}

fn status_kb(pid: u32, key: &str) -> Option<u64> {
    let s = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    s.lines()
        .find(|l| l.starts_with(key))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()
}

/// Starts the binary in a pty; returns (time to first frame showing "Ready", idle CPU %, idle
/// wake-ups per second, RSS kB, peak RSS kB).
fn drive_binary(args: &[String], idle: Duration) -> Option<(Duration, f64, f64, u64, u64)> {
    drive(BIN, args, Some(idle))
}

/// [`drive_binary`] for any build of the binary; without `idle`, it quits at the first frame
/// (idle figures 0).
fn drive(bin: &str, args: &[String], idle: Option<Duration>) -> Option<(Duration, f64, f64, u64, u64)> {
    let dir = tempfile::tempdir().ok()?;
    let pty = native_pty_system();
    let pair = pty
        .openpty(PtySize {
            rows: 30,
            cols: 100,
            pixel_width: 0,
            pixel_height: 0,
        })
        .ok()?;
    let mut cmd = CommandBuilder::new(bin);
    cmd.env_clear();
    cmd.env("TERM", "xterm-256color");
    cmd.env("HOME", dir.path());
    cmd.arg("--data-dir");
    cmd.arg(dir.path());
    for a in args {
        cmd.arg(a);
    }
    let t0 = Instant::now();
    let mut child = pair.slave.spawn_command(cmd).ok()?;
    drop(pair.slave);
    let pid = child.process_id()?;
    let mut reader = pair.master.try_clone_reader().ok()?;
    let parser = Arc::new(Mutex::new(vt100::Parser::new(30, 100, 0)));
    let first = Arc::new(Mutex::new(None::<Duration>));
    {
        let (parser, first) = (Arc::clone(&parser), Arc::clone(&first));
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                if let (Ok(mut p), Ok(mut f)) = (parser.lock(), first.lock()) {
                    p.process(&buf[..n]);
                    if f.is_none() && p.screen().contents().contains("Ready") {
                        *f = Some(t0.elapsed());
                    }
                }
            }
        });
    }
    let deadline = Instant::now() + Duration::from_secs(30);
    let ttff = loop {
        if let Some(d) = first.lock().ok().and_then(|f| *f) {
            break d;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            return None;
        }
        std::thread::sleep(Duration::from_millis(1));
    };
    let Some(idle) = idle else {
        let _ = child.kill();
        let _ = child.wait();
        return Some((ttff, 0.0, 0.0, 0, 0));
    };
    // Let start-up work settle, then measure a quiet stretch.
    std::thread::sleep(Duration::from_secs(1));
    let (cpu0, wake0) = (cpu_ns(pid), wakeups(pid));
    std::thread::sleep(idle);
    let (cpu1, wake1) = (cpu_ns(pid), wakeups(pid));
    let rss = status_kb(pid, "VmRSS:").unwrap_or(0);
    let hwm = status_kb(pid, "VmHWM:").unwrap_or(0);
    let mut writer = pair.master.take_writer().ok()?;
    let _ = writer.write_all(b"\x11");
    std::thread::sleep(Duration::from_millis(100));
    let _ = writer.write_all(b"\r");
    let _ = child.wait();
    let cpu_pct = 100.0 * (cpu1.saturating_sub(cpu0)) as f64 / idle.as_nanos() as f64;
    let wake_rate = (wake1.saturating_sub(wake0)) as f64 / idle.as_secs_f64();
    Some((ttff, cpu_pct, wake_rate, rss, hwm))
}

/// Runs the binary with `args` five times and reports, under `label`, its time to first frame
/// (median, min, max) and, from the last run, its idle CPU, wake-ups and memory over `idle`.
fn first_frames(report: &mut Vec<String>, label: &str, args: &[String], idle: Duration) {
    let mut firsts = vec![];
    let mut last = None;
    for _ in 0..5 {
        if let Some(r) = drive_binary(args, idle) {
            firsts.push(r.0);
            last = Some(r);
        }
    }
    firsts.sort();
    if let Some((_, cpu, wake, rss, hwm)) = last {
        report.push(format!(
            "{label}: time to first frame median {:.1} ms (min {:.1}, max {:.1}, 5 runs); idle {cpu:.3}% CPU, {wake:.2} wake-ups/s over {}s; RSS {rss} kB (peak {hwm} kB)",
            ms(firsts[firsts.len() / 2]),
            ms(firsts[0]),
            ms(firsts[firsts.len() - 1]),
            idle.as_secs()
        ));
    }
}

fn process_report(report: &mut Vec<String>) {
    let idle = Duration::from_secs(10);
    // The demo: kiosk and its sandbox in one process.
    first_frames(report, "demo (kiosk + sandbox)", &["demo".into()], idle);
    // The kiosk alone against a sandbox in this process (what a till runs).
    let rt = runtime();
    let Ok(sb) = rt.block_on(sandbox::spawn(SandboxConfig::default())) else {
        return;
    };
    let kiosk: Vec<String> = vec![
        "--api-url".into(),
        sb.base_url(),
        "--client-id".into(),
        DEMO_CLIENT_ID.into(),
        "--client-secret".into(),
        DEMO_CLIENT_SECRET.into(),
    ];
    first_frames(report, "kiosk alone", &kiosk, idle);
    rt.block_on(sb.shutdown());
}

/// How the journal entry of an answered validation is written in [`rush_hour`].
#[derive(Clone, Copy)]
enum AfterAnswer {
    /// The attempt was written (synced) while the request was in flight; the answer settles that
    /// row without waiting for the disk. What the kiosk does.
    SettleInFlightRow,
    /// The whole entry is written and synced after the answer (the kiosk before the in-flight
    /// write), for the side-by-side figure.
    SyncedInsert,
}

/// The kiosk's own share of scan-to-verdict at rush hour, per scan, with p50/p99/max: auto mode,
/// the offers loaded, the strip of last results full, one scan always waiting in the queue
/// ("next: …") while one is in flight. Per scan it times what the kiosk does on the cashier's
/// path: the scanner burst and Enter (queued), then — once the server's answer is in — the
/// verdict, its journal entry, the next queued scan starting, and one 80×24 frame after each
/// message. The in-flight journal write runs while the request is out (untimed: the network
/// takes longer than the disk), as the runner does it.
fn rush_hour(report: &mut Vec<String>) {
    let rt = runtime();
    let session = rt.block_on(async {
        let sb = sandbox::spawn(SandboxConfig::default()).await.expect("sandbox");
        let s = client_for(&sb)
            .session_data(&SessionCode::parse(JANE).expect("code"))
            .await
            .expect("session");
        sb.shutdown().await;
        s
    });
    let coupons = vec![coupon_kiosk::api::coupons::Coupon::from_json(&serde_json::json!({
        "ID": "cam_demo01", "name": "Free coffee", "title": "A free coffee with any pastry", "status": "active"
    }))
    .expect("coupon")];
    let dir = tempfile::tempdir().expect("tempdir");
    const SCANS: usize = 400;
    for (name, after) in [
        (
            "in-flight write, settled after the answer",
            AfterAnswer::SettleInFlightRow,
        ),
        ("synced write after the answer", AfterAnswer::SyncedInsert),
    ] {
        let journal =
            Journal::open(&dir.path().join(format!("rush-{}.sqlite", name.len()))).expect("journal");
        let mut state = State::new(
            config(ValidationMode::Auto),
            Clock::new(OffsetDateTime::now_utc(), Duration::ZERO),
        );
        let _ = update(
            &mut state,
            Msg::Catalogue {
                result: Ok(coupons.clone()),
                net: Net::NONE,
            },
        );
        let mut buf = Buffer::empty(Rect::new(0, 0, 80, 24));
        let net = Net {
            rtt: Duration::ZERO,
            link: Link::Online,
        };
        let burst = |state: &mut State, buf: &mut Buffer| {
            let mut fx = vec![];
            for ch in JANE.chars() {
                fx.extend(update(state, Msg::Input(Input::Char(ch))));
            }
            fx.extend(update(state, Msg::Input(Input::Enter)));
            render(state, buf.area, buf);
            fx
        };
        // One in flight; its in-flight row on disk.
        let mut in_flight = burst(&mut state, &mut buf);
        let mut own = Vec::with_capacity(SCANS);
        for _ in 0..SCANS + 20 {
            let Some(Effect::Redeem {
                req,
                attempt,
                in_flight: entry,
                ..
            }) = in_flight
                .iter()
                .find(|e| matches!(e, Effect::Redeem { .. }))
                .cloned()
            else {
                panic!("no validation in flight: {in_flight:?}")
            };
            // While the request is out: the attempt's row (synced), untimed.
            let row = match after {
                AfterAnswer::SettleInFlightRow => Some(journal.record(&entry).expect("in-flight write")),
                AfterAnswer::SyncedInsert => None,
            };
            // The next coupon of the pile, scanned meanwhile: it waits in the queue.
            let t0 = Instant::now();
            let queued = burst(&mut state, &mut buf);
            let mut took = t0.elapsed();
            assert!(queued.is_empty() && !state.queue.is_empty(), "the scan waits");
            // The answer is in.
            let s = validated_now(&session);
            let t1 = Instant::now();
            let fx = update(
                &mut state,
                Msg::Verdict {
                    req,
                    attempt,
                    verdict: validated_verdict(s),
                    net,
                },
            );
            render(&state, buf.area, &mut buf);
            let Some(Effect::Journal { req, entry }) =
                fx.into_iter().find(|e| matches!(e, Effect::Journal { .. }))
            else {
                panic!("no journal write")
            };
            let result = match row {
                Some(row) => journal.settle(row, &entry),
                None => journal.record(&entry).map(|_| ()),
            }
            .map_err(|e| e.to_string());
            in_flight = update(
                &mut state,
                Msg::Journaled {
                    req,
                    operation: entry.operation,
                    outcome: entry.outcome,
                    result,
                    counts: None,
                },
            );
            render(&state, buf.area, &mut buf);
            took += t1.elapsed();
            assert!(!state.strip.is_empty(), "the strip shows the verdict");
            own.push(took);
        }
        // The first scans warm the caches.
        let mut own: Vec<Duration> = own.split_off(20);
        own.sort();
        let pct = |p: f64| own[((own.len() as f64 * p) as usize).min(own.len() - 1)];
        report.push(format!(
            "rush_hour/{name}: own share per scan p50 {:.3} ms, p99 {:.3} ms, max {:.3} ms ({} scans)",
            ms(pct(0.50)),
            ms(pct(0.99)),
            ms(own[own.len() - 1]),
            own.len()
        ));
    }
}

/// `coupon-kiosk demo`'s time to first frame, this build and (when given) a baseline build,
/// runs alternating.
fn first_frame_report(report: &mut Vec<String>) {
    const RUNS: usize = 9;
    let baseline = std::env::var("KIOSK_BENCH_BASELINE").ok();
    let mut builds = vec![("this build".to_string(), BIN.to_string())];
    if let Some(b) = baseline {
        builds.push((format!("baseline {b}"), b));
    }
    let demo: Vec<String> = vec!["demo".into()];
    let mut firsts: Vec<Vec<Duration>> = vec![vec![]; builds.len()];
    for _ in 0..RUNS {
        for (i, (_, bin)) in builds.iter().enumerate() {
            if let Some(r) = drive(bin, &demo, None) {
                firsts[i].push(r.0);
            }
        }
    }
    for ((name, _), mut f) in builds.into_iter().zip(firsts) {
        f.sort();
        if f.is_empty() {
            report.push(format!("demo first frame, {name}: no frame"));
            continue;
        }
        report.push(format!(
            "demo first frame, {name}: median {:.1} ms (min {:.1}, max {:.1}, {} runs)",
            ms(f[f.len() / 2]),
            ms(f[0]),
            ms(f[f.len() - 1]),
            f.len()
        ));
    }
}

/// Auto mode's preview: the offline mirror's look-up of a scanned session code (what runs beside
/// the validation request to show the offer at once), on a mirror of 12,000 sessions (the demo's
/// size). It never delays the request; this says how soon the offer can show.
fn preview_report(report: &mut Vec<String>) {
    use coupon_kiosk::api::{Customer, Session};
    use coupon_kiosk::offline::desk::Till;
    use coupon_kiosk::offline::{self, Desk, Mirror, OfflineSettings};
    use coupon_kiosk::scan::Scanned;
    const N: usize = 12_000;
    let dir = tempfile::tempdir().expect("tempdir");
    let sessions: Vec<Session> = (0..N)
        .map(|i| Session {
            session: format!("{i:0>21}").replace('0', "b"),
            campaign: "cam_bench".into(),
            sequenceid: Some(i as u64),
            opened: true,
            claimed: true,
            customer: Customer {
                firstname: Some("Guest".into()),
                lastname: Some(format!("No{i:06}")),
                email: Some(format!("guest{i:06}@example.net")),
                phone: None,
            },
            ..Session::default()
        })
        .collect();
    Mirror::open(&offline::mirror_path(dir.path()))
        .expect("mirror")
        .replace_campaign(
            "cam_bench",
            Some("Bench offer"),
            &sessions,
            OffsetDateTime::now_utc(),
        )
        .expect("filled");
    let till = Till {
        terminal: "till-1".into(),
        cashier: None,
    };
    let desk = Desk::open(dir.path(), OfflineSettings::default(), till).expect("desk");
    let mut took = Vec::with_capacity(1000);
    for i in 0..1000 {
        let code = sessions[(i * 7919) % N].session.clone();
        let t = Instant::now();
        let found = desk.find(&Scanned::SessionCode(code)).expect("look-up");
        took.push(t.elapsed());
        assert_eq!(found.len(), 1);
    }
    took.sort();
    report.push(format!(
        "preview look-up (mirror of {N}, by session code): p50 {:.3} ms, p99 {:.3} ms, max {:.3} ms (1000 look-ups)",
        ms(took[took.len() / 2]),
        ms(took[took.len() * 99 / 100]),
        ms(took[took.len() - 1]),
    ));
}

fn main() {
    if std::env::var_os("KIOSK_BENCH_PREVIEW").is_some() {
        let mut report = vec![];
        preview_report(&mut report);
        for line in report {
            println!("{line}");
        }
        return;
    }
    if std::env::var_os("KIOSK_BENCH_FIRST_FRAME").is_some() {
        let mut report = vec![];
        first_frame_report(&mut report);
        println!("\n== kiosk first frame ==");
        for line in report {
            println!("{line}");
        }
        return;
    }
    let mut c = Criterion::default().configure_from_args();
    let mut report = vec![];
    rush_hour(&mut report);
    if std::env::var_os("KIOSK_BENCH_RUSH_ONLY").is_some() {
        for line in report {
            println!("{line}");
        }
        return;
    }
    scan_to_verdict(&mut c, &mut report);
    own_share(&mut c);
    c.final_summary();
    process_report(&mut report);
    println!("\n== kiosk report ==");
    for line in report {
        println!("{line}");
    }
}
