//! The counter keeps serving when the network drops: real processes end to end.
//!
//! One sandbox on a database file serves the whole binary; each test puts its own loopback
//! proxy in front of it, which the test switches up, down, or "answers lost" (requests reach
//! the sandbox, answers never come back). The kiosk's side talks through the proxy; "another
//! till" talks to the sandbox directly. Sync, forward and the conflict inbox run as the real
//! binary; offline verdicts come from the library's `Desk` (what the kiosk screen calls).

mod support;

use coupon_kiosk::api::singleuse::NewSingleUse;
use coupon_kiosk::api::{CampaignId, Client, Operation, SessionCode, UpdateSession};
use coupon_kiosk::offline::desk::Till;
use coupon_kiosk::offline::{Desk, OfflinePolicy, OfflineSettings, OfflineVerdict, Outbox};
use coupon_kiosk::sandbox::{SandboxConfig, DEMO_CLIENT_ID, DEMO_CLIENT_SECRET};
use coupon_kiosk::scan;
use coupon_kiosk::tag::ValidationTag;
use serde_json::Value;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicU8, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};
use support::cli::BIN;
use support::sandbox::Blocking;
use time::OffsetDateTime;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
const TAG_FIELD: usize = 7;

// ---------------------------------------------------------------------------------------------
// One sandbox for the binary

struct Shared {
    sb: Blocking,
    _dir: tempfile::TempDir,
}

fn shared() -> &'static Shared {
    static SHARED: OnceLock<Shared> = OnceLock::new();
    SHARED.get_or_init(|| {
        let dir = tempfile::tempdir().expect("tempdir");
        let sb = Blocking::with(sandbox_config(&dir.path().join("sandbox.sqlite")));
        Shared { sb, _dir: dir }
    })
}

fn sandbox_config(db: &Path) -> SandboxConfig {
    SandboxConfig {
        addr: SocketAddr::from(([127, 0, 0, 1], 0)),
        db_path: Some(db.to_path_buf()),
        ..SandboxConfig::default()
    }
}

fn client(base_url: &str) -> Client {
    support::client::at(base_url)
}

/// A fresh session of `campaign`, claimed by `first` Doe.
async fn claimed_session(c: &Client, campaign: &str, first: &str) -> String {
    let mut req = NewSingleUse::new(CampaignId::parse(campaign).unwrap());
    req.firstname = Some(first.into());
    req.lastname = Some("Doe".into());
    req.email = Some(format!("{}@example.org", first.to_lowercase()));
    let s = c.create_single_use(&req).await.expect("issued");
    let code = SessionCode::parse(&s.single_use_code).unwrap();
    c.update_session(&UpdateSession::new(code).operation(Operation::Claim))
        .await
        .expect("claimed");
    s.single_use_code
}

/// "Another till" validates directly on the sandbox.
async fn validate_elsewhere(c: &Client, code: &str) {
    let update = UpdateSession::new(SessionCode::parse(code).unwrap())
        .operation(Operation::Validate)
        .customfield(7, "till-2/Bob")
        .unwrap();
    c.update_session(&update)
        .await
        .expect("validated by the other till");
}

// ---------------------------------------------------------------------------------------------
// The network between the kiosk and the server

const UP: u8 = 0;
const DOWN: u8 = 1;
/// Requests reach the server; its answers are thrown away.
const ANSWERS_LOST: u8 = 2;

struct Proxy {
    addr: SocketAddr,
    mode: Arc<AtomicU8>,
    upstream: Arc<Mutex<SocketAddr>>,
    /// `couponsession/update` requests that went through to the server.
    updates: Arc<AtomicUsize>,
    conns: Arc<Mutex<Vec<tokio::task::AbortHandle>>>,
}

impl Proxy {
    fn start(upstream: SocketAddr) -> Proxy {
        let sb = &shared().sb;
        let listener = sb
            .block_on(TcpListener::bind("127.0.0.1:0"))
            .expect("proxy listens");
        let proxy = Proxy {
            addr: listener.local_addr().expect("address"),
            mode: Arc::new(AtomicU8::new(UP)),
            upstream: Arc::new(Mutex::new(upstream)),
            updates: Arc::new(AtomicUsize::new(0)),
            conns: Arc::new(Mutex::new(Vec::new())),
        };
        let (mode, upstream, updates, conns) = (
            proxy.mode.clone(),
            proxy.upstream.clone(),
            proxy.updates.clone(),
            proxy.conns.clone(),
        );
        let serve = async move {
            while let Ok((client, _)) = listener.accept().await {
                if mode.load(Ordering::SeqCst) == DOWN {
                    drop(client);
                    continue;
                }
                let to = *upstream.lock().unwrap();
                let task = tokio::spawn(pipe(client, to, mode.clone(), updates.clone()));
                conns.lock().unwrap().push(task.abort_handle());
            }
        };
        sb.block_on(async move {
            tokio::spawn(serve);
        });
        proxy
    }

    fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    fn set(&self, mode: u8) {
        self.mode.store(mode, Ordering::SeqCst);
        if mode == DOWN {
            // Kept-alive connections die with the network too.
            for c in self.conns.lock().unwrap().drain(..) {
                c.abort();
            }
        }
    }

    fn updates(&self) -> usize {
        self.updates.load(Ordering::SeqCst)
    }
}

async fn pipe(client: TcpStream, to: SocketAddr, mode: Arc<AtomicU8>, updates: Arc<AtomicUsize>) {
    let Ok(server) = TcpStream::connect(to).await else {
        return;
    };
    let (mut cr, mut cw) = client.into_split();
    let (mut sr, mut sw) = server.into_split();
    let up = async move {
        let mut buf = vec![0u8; 16 * 1024];
        while let Ok(n @ 1..) = cr.read(&mut buf).await {
            let chunk = &buf[..n];
            let hits = chunk
                .windows(b"couponsession/update".len())
                .filter(|w| *w == b"couponsession/update")
                .count();
            if sw.write_all(chunk).await.is_err() {
                break;
            }
            updates.fetch_add(hits, Ordering::SeqCst);
        }
    };
    let down = async move {
        let mut buf = vec![0u8; 16 * 1024];
        while let Ok(n @ 1..) = sr.read(&mut buf).await {
            if mode.load(Ordering::SeqCst) == ANSWERS_LOST {
                continue;
            }
            if cw.write_all(&buf[..n]).await.is_err() {
                break;
            }
        }
    };
    tokio::join!(up, down);
}

// ---------------------------------------------------------------------------------------------
// The till: a data directory, a config file, the binary

struct Till9 {
    dir: tempfile::TempDir,
    api_url: String,
}

impl Till9 {
    fn new(api_url: String) -> Till9 {
        Till9::with_tag_line(api_url, &format!("tag_customfield = {TAG_FIELD}\n"))
    }

    /// A till with the default settings' lack of a tag field: nothing proves a validation its own.
    fn without_tag(api_url: String) -> Till9 {
        Till9::with_tag_line(api_url, "")
    }

    fn with_tag_line(api_url: String, tag_line: &str) -> Till9 {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("kiosk.toml"),
            format!(
                "[kiosk]\nterminal_id = \"till-9\"\ncashier = \"Ann\"\n{tag_line}\
                 [offline]\npolicy = \"accept-synced\"\ncampaigns = [\"cam_demo01\"]\n"
            ),
        )
        .unwrap();
        Till9 { dir, api_url }
    }

    fn data(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    fn command(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(BIN);
        let config = self.dir.path().join("kiosk.toml");
        let data = self.data();
        cmd.args([
            "--config",
            config.to_str().unwrap(),
            "--data-dir",
            data.to_str().unwrap(),
        ])
        .args([
            "--api-url",
            &self.api_url,
            "--timeout-ms",
            "1500",
            "--connect-timeout-ms",
            "1000",
        ])
        .args(args)
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", self.dir.path())
        .env("COUPONTOOLS_CLIENT_ID", DEMO_CLIENT_ID)
        .env("COUPONTOOLS_CLIENT_SECRET", DEMO_CLIENT_SECRET);
        cmd
    }

    fn run(&self, args: &[&str]) -> Output {
        self.command(args).output().expect("the binary runs")
    }

    fn json(&self, args: &[&str]) -> Value {
        let o = self.run(args);
        assert!(o.status.success(), "{args:?}: {}", text(&o));
        serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("{args:?}: {e}: {}", text(&o)))
    }

    fn desk(&self, policy: OfflinePolicy, campaigns: &[&str]) -> Desk {
        let settings = OfflineSettings {
            policy,
            campaigns: campaigns.iter().map(|c| CampaignId::parse(c).unwrap()).collect(),
            ..OfflineSettings::default()
        };
        let till = Till {
            terminal: "till-9".into(),
            cashier: Some("Ann".into()),
        };
        Desk::open(&self.data(), settings, till).expect("desk opens")
    }

    fn outbox(&self) -> Outbox {
        Outbox::open(&coupon_kiosk::offline::outbox_path(&self.data())).unwrap()
    }
}

fn text(o: &Output) -> String {
    format!(
        "status {:?}\nstdout: {}\nstderr: {}",
        o.status.code(),
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

fn offline_scan(desk: &Desk, code: &str) -> OfflineVerdict {
    let scanned = scan::classify(code).expect("a code");
    desk.scan(&scanned, code, OffsetDateTime::now_utc())
        .expect("offline verdict")
}

async fn server_session(code: &str) -> coupon_kiosk::api::Session {
    client(&shared().sb.sb.base_url())
        .session_data(&SessionCode::parse(code).unwrap())
        .await
        .expect("session")
}

fn tag_of(s: &coupon_kiosk::api::Session) -> Option<ValidationTag> {
    s.customfields[TAG_FIELD - 1]
        .as_deref()
        .and_then(ValidationTag::parse)
}

// ---------------------------------------------------------------------------------------------

/// Two claimed sessions of customers named `names`; the till (made by `till_at` for the proxy's
/// URL) syncs through the network, the network drops, and the till accepts the first offline
/// and the second too — after another till validated it online, which this till cannot know.
/// The network stays down. Returns the till, the proxy and the two codes.
fn one_good_and_one_double_use(
    till_at: fn(String) -> Till9,
    names: [&str; 2],
) -> (Till9, Proxy, String, String) {
    let sh = shared();
    let direct = client(&sh.sb.sb.base_url());
    let (first, second) = sh.sb.block_on(async {
        (
            claimed_session(&direct, "cam_demo01", names[0]).await,
            claimed_session(&direct, "cam_demo01", names[1]).await,
        )
    });
    let proxy = Proxy::start(sh.sb.sb.addr);
    let till = till_at(proxy.url());

    // Sync through the network, and say what the mirror holds.
    let o = till.run(&["sync"]);
    assert!(o.status.success(), "{}", text(&o));
    assert!(
        String::from_utf8_lossy(&o.stdout).contains("cam_demo01"),
        "{}",
        text(&o)
    );
    let held = till.json(&["sync", "--json"]);
    assert!(held["mirror"]["sessions"].as_u64().unwrap() >= 2, "{held}");
    assert_eq!(held["mirror"]["campaigns"].as_array().unwrap().len(), 1, "{held}");

    // The network drops. The first code is accepted offline, once.
    proxy.set(DOWN);
    let desk = till.desk(OfflinePolicy::AcceptSynced, &["cam_demo01"]);
    let v = offline_scan(&desk, &first);
    assert_eq!(v.outcome_word(), "accepted_offline", "{v:?}");
    assert_eq!(offline_scan(&desk, &first).outcome_word(), "already_used_offline");
    // Meanwhile another till validates the second code online; this till cannot know.
    sh.sb.block_on(validate_elsewhere(&direct, &second));
    assert_eq!(offline_scan(&desk, &second).outcome_word(), "accepted_offline");
    (till, proxy, first, second)
}

#[test]
fn offline_acceptances_are_forwarded_and_a_double_use_becomes_a_conflict() {
    let sh = shared();
    let (till, proxy, first, second) = one_good_and_one_double_use(Till9::new, ["Alma", "Bruno"]);

    let waiting = till.json(&["outbox", "--json"]);
    let sessions: Vec<&str> = waiting
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["session"].as_str().unwrap())
        .collect();
    assert_eq!(sessions, [first.as_str(), second.as_str()], "oldest first");

    // Still down: nothing is sent, nothing is lost.
    let o = till.run(&["outbox", "--forward"]);
    assert_eq!(o.status.code(), Some(3), "{}", text(&o));
    assert_eq!(till.outbox().counts().unwrap().waiting, 2);

    // Back up: within the backoff the first is validated on the server, the second a conflict.
    proxy.set(UP);
    let o = till.run(&["outbox", "--forward", "--wait-s", "20"]);
    assert!(o.status.success(), "{}", text(&o));
    let s = sh.sb.block_on(server_session(&first));
    assert!(s.validated, "{s:?}");
    let tag = tag_of(&s).expect("the till's tag");
    assert!(tag.offline && tag.terminal == "till-9", "{tag:?}");
    let entry = &till.outbox().all().unwrap()[0];
    assert_eq!(
        tag.attempt.as_ref().map(|a| a.as_str()),
        Some(entry.attempt.as_str())
    );

    let conflicts = till.json(&["conflicts", "--json"]);
    let c = conflicts.as_array().unwrap();
    assert_eq!(c.len(), 1, "{conflicts}");
    assert_eq!(c[0]["session"], second.as_str());
    assert_eq!(c[0]["server_outcome"], "already_validated");
    assert_eq!(c[0]["customer"], "Bruno Doe", "{conflicts}");
    assert_eq!(c[0]["terminal"], "till-9");
    assert_eq!(c[0]["cashier"], "Ann");
    assert!(c[0]["server_since"].is_string(), "since when: {conflicts}");
    assert!(c[0]["accepted_at"].is_string());

    let csv = till.run(&["conflicts", "--csv"]);
    let csv = String::from_utf8_lossy(&csv.stdout).to_string();
    assert_eq!(csv.lines().count(), 2, "{csv}");
    assert!(csv.lines().nth(1).unwrap().contains(&second), "{csv}");

    // A manager marks it seen; it stays in the inbox.
    let o = till.run(&["conflicts", "--mark-seen", "all", "--by", "Maria"]);
    assert!(o.status.success(), "{}", text(&o));
    assert_eq!(
        till.json(&["conflicts", "--json", "--unseen"]),
        Value::Array(vec![])
    );
    let all = till.json(&["conflicts", "--json"]);
    assert_eq!(all[0]["seen_by"], "Maria", "{all}");
    assert_eq!(
        till.json(&["conflicts", "--json", "--since", "2999-01-01"]),
        Value::Array(vec![])
    );
}

/// Without a tag field nothing proves a validation found on the server to be this till's: one
/// made by another till moments before this till accepted the coupon offline is a conflict,
/// never "forwarded" (it was once taken for this till's own by its time alone).
#[test]
fn without_a_tag_field_a_double_use_is_still_a_conflict() {
    let sh = shared();
    let (till, proxy, mine, theirs) = one_good_and_one_double_use(Till9::without_tag, ["Cleo", "Dana"]);
    proxy.set(UP);
    let o = till.run(&["outbox", "--forward", "--wait-s", "20"]);
    assert!(o.status.success(), "{}", text(&o));
    assert!(sh.sb.block_on(server_session(&mine)).validated);
    let conflicts = till.json(&["conflicts", "--json"]);
    let c = conflicts.as_array().unwrap();
    assert_eq!(c.len(), 1, "{conflicts}");
    assert_eq!(c[0]["session"], theirs.as_str());
    assert_eq!(c[0]["server_outcome"], "validated_owner_unknown", "{conflicts}");
    assert!(
        c[0]["server_message"].as_str().unwrap().contains("no tag field"),
        "{conflicts}"
    );
}

#[test]
fn kill_dash_nine_mid_forward_loses_nothing_and_sends_nothing_twice() {
    let sh = shared();
    let direct = client(&sh.sb.sb.base_url());
    let (first, second) = sh.sb.block_on(async {
        (
            claimed_session(&direct, "cam_demo01", "Carla").await,
            claimed_session(&direct, "cam_demo01", "Dario").await,
        )
    });
    let proxy = Proxy::start(sh.sb.sb.addr);
    let till = Till9::new(proxy.url());
    assert!(till.run(&["sync"]).status.success());
    proxy.set(DOWN);
    let desk = till.desk(OfflinePolicy::AcceptSynced, &["cam_demo01"]);
    assert_eq!(offline_scan(&desk, &first).outcome_word(), "accepted_offline");
    assert_eq!(offline_scan(&desk, &second).outcome_word(), "accepted_offline");

    // The first forward reaches the server; its answer never comes back; the till is killed.
    proxy.set(ANSWERS_LOST);
    let mut child = till
        .command(&["outbox", "--forward", "--wait-s", "60"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let until = Instant::now() + Duration::from_secs(20);
    while proxy.updates() == 0 && Instant::now() < until {
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(proxy.updates() >= 1, "the forward reached the server");
    std::thread::sleep(Duration::from_millis(200));
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    assert!(
        sh.sb.block_on(server_session(&first)).validated,
        "validated, answer lost"
    );
    assert_eq!(till.outbox().counts().unwrap().waiting, 2, "nothing lost");

    // Restarted: the first is recognised as this till's own validation (not a conflict),
    // the second is sent.
    proxy.set(UP);
    let o = till.run(&["outbox", "--forward", "--wait-s", "20"]);
    assert!(o.status.success(), "{}", text(&o));
    let counts = till.outbox().counts().unwrap();
    assert_eq!(
        (counts.forwarded, counts.conflicts, counts.waiting),
        (2, 0, 0),
        "{counts:?}"
    );
    for code in [&first, &second] {
        let s = sh.sb.block_on(server_session(code));
        assert!(s.validated && tag_of(&s).is_some_and(|t| t.offline), "{s:?}");
    }
}

#[test]
fn the_outbox_waits_for_a_sandbox_restarted_on_the_same_database() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("own.sqlite");
    let own = Blocking::with(sandbox_config(&db));
    let code = own.block_on(claimed_session(&client(&own.base_url()), "cam_demo01", "Elena"));
    let proxy = Proxy::start(own.sb.addr);
    let till = Till9::new(proxy.url());
    assert!(till.run(&["sync"]).status.success());

    // The server goes away (the network stays up).
    drop(own);
    let desk = till.desk(OfflinePolicy::AcceptSynced, &["cam_demo01"]);
    assert_eq!(offline_scan(&desk, &code).outcome_word(), "accepted_offline");
    let o = till.run(&["outbox", "--forward"]);
    assert_eq!(o.status.code(), Some(3), "{}", text(&o));

    // It comes back on the same database, elsewhere.
    let again = Blocking::with(sandbox_config(&db));
    *proxy.upstream.lock().unwrap() = again.sb.addr;
    let o = till.run(&["outbox", "--forward", "--wait-s", "20"]);
    assert!(o.status.success(), "{}", text(&o));
    let s = again
        .block_on(client(&again.base_url()).session_data(&SessionCode::parse(&code).unwrap()))
        .unwrap();
    assert!(s.validated && tag_of(&s).is_some_and(|t| t.offline), "{s:?}");
}

#[test]
fn policy_refuse_cannot_check_and_writes_nothing() {
    let sh = shared();
    let code = sh.sb.block_on(claimed_session(
        &client(&sh.sb.sb.base_url()),
        "cam_demo01",
        "Fabio",
    ));
    let proxy = Proxy::start(sh.sb.sb.addr);
    let till = Till9::new(proxy.url());
    assert!(till.run(&["sync"]).status.success());
    proxy.set(DOWN);
    let desk = till.desk(OfflinePolicy::Refuse, &["cam_demo01"]);
    let v = offline_scan(&desk, &code);
    assert_eq!(v.outcome_word(), "offline_cannot_check", "{v:?}");
    assert_eq!(till.outbox().counts().unwrap().waiting, 0);
    // The mirror still serves look-ups (here by the short code; by part of a name only where
    // the session lists carry customers, which the sandbox's do not yet).
    assert!(desk
        .lookup(&code[..6])
        .unwrap()
        .iter()
        .any(|r| r.session.session == code));
}

#[test]
fn a_campaign_outside_the_till_s_campaigns_is_the_wrong_coupon() {
    let sh = shared();
    let code = sh.sb.block_on(claimed_session(
        &client(&sh.sb.sb.base_url()),
        "cam_demo02",
        "Gina",
    ));
    let proxy = Proxy::start(sh.sb.sb.addr);
    let till = Till9::new(proxy.url());
    // Synced when the till accepted both campaigns; since then it accepts cam_demo01 only.
    let o = till.run(&["sync", "--offline-campaigns", "cam_demo01,cam_demo02"]);
    assert!(o.status.success(), "{}", text(&o));
    proxy.set(DOWN);
    let desk = till.desk(OfflinePolicy::AcceptSynced, &["cam_demo01"]);
    let v = offline_scan(&desk, &code);
    assert_eq!(v.outcome_word(), "wrong_coupon", "{v:?}");
    assert_eq!(till.outbox().counts().unwrap().waiting, 0);
    // The next sync keeps only the campaigns this till accepts.
    proxy.set(UP);
    let held = till.json(&["sync", "--json"]);
    assert_eq!(held["mirror"]["campaigns"].as_array().unwrap().len(), 1, "{held}");
}

#[test]
fn the_background_syncs_then_forwards_as_soon_as_the_server_answers() {
    use coupon_kiosk::offline::{Background, BackgroundConfig, Backoff, CompletionRate, Nudge};
    let sh = shared();
    let direct = client(&sh.sb.sb.base_url());
    let code = sh.sb.block_on(claimed_session(&direct, "cam_demo01", "Hugo"));
    let proxy = Proxy::start(sh.sb.sb.addr);
    let till = Till9::new(proxy.url());
    let settings = OfflineSettings {
        policy: OfflinePolicy::AcceptSynced,
        campaigns: vec![CampaignId::parse("cam_demo01").unwrap()],
        ..OfflineSettings::default()
    };
    let bg = sh
        .sb
        .block_on(async {
            Background::spawn(BackgroundConfig {
                client: client(&proxy.url()),
                data_dir: till.data(),
                settings,
                tag_field: Some(TAG_FIELD as u8),
                backoff: Backoff::new(Duration::from_millis(100), Duration::from_millis(400)),
                completion: CompletionRate {
                    per_second: 200,
                    in_flight: 4,
                },
            })
        })
        .expect("background");
    let wait_for = |what: &str, ok: &dyn Fn(&coupon_kiosk::offline::BackgroundStatus) -> bool| {
        let mut rx = bg.status();
        let found = sh.sb.block_on(async {
            tokio::time::timeout(Duration::from_secs(20), rx.wait_for(|s| ok(s)))
                .await
                .map(|r| r.map(|s| s.clone()))
        });
        match found {
            Ok(Ok(s)) => s,
            _ => panic!("{what}: {:?}", *bg.status().borrow()),
        }
    };
    // The first sync starts at once.
    let synced = wait_for("synced", &|s| {
        s.desk.as_ref().is_some_and(|d| d.mirror.sessions > 0) && !s.syncing
    });
    assert!(synced.server_answered_at.is_some(), "{synced:?}");
    // The lists carry no customer; the completion reads the full records, and then a name
    // finds the demo customer (her two coupons among them).
    wait_for("customers completed", &|s| {
        s.desk
            .as_ref()
            .is_some_and(|d| d.mirror.details_pending == 0 && d.mirror.with_customer > 0)
    });
    let found = till
        .desk(OfflinePolicy::AcceptSynced, &["cam_demo01"])
        .lookup("Jane Do")
        .unwrap();
    assert!(
        found.iter().any(|r| r.session.session == "ac6s7u3g8a25ja7x9qg87"),
        "{found:?}"
    );

    proxy.set(DOWN);
    let desk = till.desk(OfflinePolicy::AcceptSynced, &["cam_demo01"]);
    assert_eq!(offline_scan(&desk, &code).outcome_word(), "accepted_offline");
    bg.nudge(Nudge::Queued);
    wait_for("counted", &|s| {
        s.desk.as_ref().is_some_and(|d| d.outbox.waiting == 1)
    });
    // Still down: it keeps waiting (and retrying within the backoff's bound).
    std::thread::sleep(Duration::from_millis(600));
    assert_eq!(till.outbox().counts().unwrap().waiting, 1);

    let answered_before = wait_for("still down", &|_| true).server_answered_at;
    proxy.set(UP);
    bg.nudge(Nudge::ServerAnswered);
    let s = wait_for("forwarded", &|s| {
        s.desk.as_ref().is_some_and(|d| d.outbox.forwarded == 1)
    });
    assert!(
        s.server_answered_at > answered_before,
        "the forward was answered: {s:?}"
    );
    assert_eq!(s.desk.unwrap().outbox.waiting, 0);
    assert!(sh.sb.block_on(server_session(&code)).validated);
}

#[test]
fn a_failed_sync_is_tried_again_within_the_backoff_not_an_interval_later() {
    use coupon_kiosk::offline::{Background, BackgroundConfig, Backoff, CompletionRate};
    let sh = shared();
    let proxy = Proxy::start(sh.sb.sb.addr);
    proxy.set(DOWN);
    let till = Till9::new(proxy.url());
    let settings = OfflineSettings {
        policy: OfflinePolicy::AcceptSynced,
        campaigns: vec![CampaignId::parse("cam_demo01").unwrap()],
        sync_interval: Duration::from_secs(3600),
    };
    let bg = sh
        .sb
        .block_on(async {
            Background::spawn(BackgroundConfig {
                client: client(&proxy.url()),
                data_dir: till.data(),
                settings,
                tag_field: Some(TAG_FIELD as u8),
                backoff: Backoff::new(Duration::from_millis(100), Duration::from_millis(400)),
                completion: CompletionRate::GENTLE,
            })
        })
        .expect("background");
    let wait_for = |what: &str, ok: &dyn Fn(&coupon_kiosk::offline::BackgroundStatus) -> bool| {
        let mut rx = bg.status();
        let found = sh.sb.block_on(async {
            tokio::time::timeout(Duration::from_secs(20), rx.wait_for(|s| ok(s)))
                .await
                .map(|r| r.is_ok())
        });
        assert!(found.unwrap_or(false), "{what}: {:?}", *bg.status().borrow());
    };
    wait_for("the first sync failed", &|s| s.sync_error.is_some());
    proxy.set(UP);
    wait_for("synced once the network is back", &|s| {
        s.sync_error.is_none() && s.desk.as_ref().is_some_and(|d| d.mirror.sessions > 0)
    });
}

/// The real kiosk in a pseudo-terminal, its settings the `[kiosk]` lines given plus a till
/// that accepts cam_demo01 offline, talking to the server through `proxy`; returned once its
/// first sync has put `code` in the mirror.
fn kiosk_behind(proxy: &Proxy, kiosk_lines: &str, code: &str) -> anyhow::Result<support::pty::Kiosk> {
    use support::pty::{wait, Kiosk, Launch};
    let url = proxy.url();
    let config = format!(
        "[kiosk]\nterminal_id = \"till-9\"\nbell = false\n{kiosk_lines}\
         [offline]\npolicy = \"accept-synced\"\ncampaigns = [\"cam_demo01\"]\n"
    );
    let k = Kiosk::launch(Launch {
        config: &config,
        subcommand: &[],
        args: &[
            "--api-url",
            &url,
            "--timeout-ms",
            "1500",
            "--connect-timeout-ms",
            "1000",
        ],
        env: &support::cli::ACCOUNT,
        ..Launch::default()
    })?;
    let mirror = coupon_kiosk::offline::mirror_path(&k.data_dir());
    wait(|| {
        coupon_kiosk::offline::Mirror::open(&mirror)
            .ok()?
            .by_session(code)
            .ok()?
    })?;
    Ok(k)
}

/// Confirm mode (the default): a look-up that fails goes to the mirror at once where the till
/// accepts offline, without the reads' retries and their pauses first.
#[test]
fn a_failed_look_up_is_answered_from_the_mirror_without_retrying_first() -> anyhow::Result<()> {
    use anyhow::ensure;
    let sh = shared();
    let direct = client(&sh.sb.sb.base_url());
    let code = sh.sb.block_on(claimed_session(&direct, "cam_demo01", "Juno"));
    let proxy = Proxy::start(sh.sb.sb.addr);
    let mut k = kiosk_behind(&proxy, "mode = \"confirm\"\n", &code)?;
    proxy.set(DOWN);
    k.scan(&code)?;
    k.wait_for("ACCEPTED OFFLINE")?;
    let log = k.log();
    ensure!(log.contains("look-up failed"), "{log}");
    ensure!(!log.contains("trying again"), "no retries first: {log}");
    ensure!(k.quit()? == 0);
    k.assert_restored()
}

/// The real kiosk in a pseudo-terminal behind the proxy: accepted offline, validated meanwhile
/// by another till, forwarded when the network is back — a conflict on the kiosk's own screen
/// (F9), where a manager marks it seen; `conflicts --json` then shows it seen, and by whom.
#[test]
fn the_kiosk_shows_the_conflict_and_a_manager_marks_it_seen() -> anyhow::Result<()> {
    use anyhow::ensure;
    use support::pty::F9;
    let sh = shared();
    let direct = client(&sh.sb.sb.base_url());
    let code = sh.sb.block_on(claimed_session(&direct, "cam_demo01", "Ivo"));
    let proxy = Proxy::start(sh.sb.sb.addr);
    let kiosk_lines = format!(
        "cashier = \"Maria\"\nmode = \"auto\"\ntag_customfield = {TAG_FIELD}\n\
         success_display_ms = 600000\n"
    );
    // The first sync starts at once; the kiosk is handed over once the mirror holds the coupon.
    let mut k = kiosk_behind(&proxy, &kiosk_lines, &code)?;

    proxy.set(DOWN);
    k.scan(&code)?;
    let screen = k.wait_for("ACCEPTED OFFLINE")?;
    ensure!(screen.contains("✖ OFFLINE"), "the status bar says so: {screen}");
    sh.sb.block_on(validate_elsewhere(&direct, &code));
    proxy.set(UP);
    // Forwarded within the backoff: refused, a conflict, counted in the status bar.
    k.wait_for("1 conflict")?;
    k.esc()?;
    k.send(F9)?;
    let screen = k.wait_for("1 unseen of 1")?;
    ensure!(screen.contains(&code) && screen.contains("Ivo Doe"), "{screen}");
    ensure!(screen.contains("by Maria @ till-9"), "who accepted it: {screen}");
    ensure!(
        screen.contains("already validated"),
        "what the server says: {screen}"
    );
    // Enter (what ends every scan) marks nothing; Ctrl-Y does.
    k.send("\r")?;
    std::thread::sleep(Duration::from_millis(300));
    ensure!(k.screen().contains("1 unseen of 1"), "{}", k.screen());
    k.send("\x19")?;
    let screen = k.wait_for("0 unseen of 1")?;
    ensure!(
        screen.contains("Seen on") && !screen.contains("Not seen"),
        "seen: {screen}"
    );

    let o = support::cli::run_in(
        k.home(),
        &[
            "--data-dir",
            k.data_dir().to_str().unwrap_or_default(),
            "conflicts",
            "--json",
        ],
        &[],
    );
    ensure!(o.status.success(), "{}", text(&o));
    let all: Value = serde_json::from_slice(&o.stdout)?;
    ensure!(all[0]["session"] == code.as_str(), "{all}");
    ensure!(
        all[0]["seen_by"] == "Maria" && all[0]["seen_at"].is_string(),
        "{all}"
    );
    ensure!(k.quit()? == 0);
    k.assert_restored()
}
