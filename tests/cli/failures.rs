//! Every failure on the command line is one plain sentence: what happened, then what to do, the
//! server's code (or HTTP status) in brackets at the end; never the server's bare words.

use crate::support::cli::*;
use coupon_kiosk::sandbox::{ProfileName, SandboxConfig};
use std::process::Output;

/// The one `error:` line on stderr, after checking it is one plain sentence that says what to do.
#[track_caller]
fn plain_error(o: &Output, status: i32) -> String {
    let err = stderr(o);
    assert_eq!(
        o.status.code(),
        Some(status),
        "stdout: {}\nstderr: {err}",
        stdout(o)
    );
    let lines: Vec<&str> = err.lines().filter(|l| !l.trim().is_empty()).collect();
    assert_eq!(lines.len(), 1, "one line: {err}");
    let sentence = lines[0]
        .strip_prefix("error: ")
        .unwrap_or_else(|| panic!("starts with error: {err}"));
    assert_plain(sentence);
    sentence.to_string()
}

/// One sentence, starting with a capital and ending with a full stop, saying what to do after a
/// colon or semicolon; a code only in brackets at the end.
#[track_caller]
fn assert_plain(sentence: &str) {
    assert!(sentence.starts_with(char::is_uppercase), "{sentence}");
    assert!(sentence.ends_with('.'), "{sentence}");
    assert!(!sentence.contains(". "), "one sentence: {sentence}");
    assert!(
        sentence.contains(": ") || sentence.contains("; "),
        "what to do: {sentence}"
    );
    if let Some(at) = sentence.find("(error ").or_else(|| sentence.find("(HTTP ")) {
        assert!(sentence[at..].ends_with(").") && at > 20, "code last: {sentence}");
    }
}

#[test]
fn a_short_code_the_strict_server_will_not_describe_says_to_use_the_full_code() {
    let f = Fixture::with(SandboxConfig {
        profile: ProfileName::Strict,
        ..SandboxConfig::default()
    });
    let s = plain_error(&f.run(&["session", "ac6s7u"]), 1);
    assert_eq!(
        s,
        "No session was found for the short code ac6s7u: check it; if it is right, this server may \
         look sessions up only by their full 21-character code, so use that (on the coupon, or \
         from coupon-kiosk lookup by email or phone) (error 513)."
    );
    // The full code is found, and the short code still validates (the update takes it).
    let o = f.run(&["session", "ac6s7u3g8a25ja7x9qg87"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = f.run(&["validate", "ac6s7u"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
}

#[test]
fn every_refusal_from_the_server_says_what_to_do() {
    let f = Fixture::new();
    for (args, status, what) in [
        (
            &["session", "zzzzzzzzzzzzzzzzzzzzz"][..],
            1,
            "No coupon session has this code: check the code, or find the session with coupon-kiosk \
             lookup (error 513).",
        ),
        (
            &["update", "rjclb2450as8jbiohnj5c", "--operation", "lock"],
            1,
            "This session was already locked: nothing was changed (error 354).",
        ),
        (
            &["update", "ac6s7u3g8a25ja7x9qg87", "--operation", "unvalidate"],
            1,
            "This session is not validated: there was nothing to unvalidate (error 353).",
        ),
        (
            &["update", "oyh0bo45o8qidpbrqwrpn", "--operation", "lock"],
            1,
            "This session is voided: it cannot be used unless it is unvoided (error 355).",
        ),
        (
            &["coupon", "cam_nothere"],
            1,
            "The account has no coupon with this id: list the coupons and their ids with \
             coupon-kiosk coupons (error 502).",
        ),
        (
            &["lookup", "--email", "nobody@example.com"],
            1,
            "No coupon session matches: check what you searched for, or search by another field.",
        ),
        (
            &["send-sms", "cam_demo01", "--phone", "+447700900123"],
            1,
            "No SMS integration is set up in the Coupontools account: set one up under \
             Integrations, SMS marketing, then send again (error 103).",
        ),
    ] {
        assert_eq!(plain_error(&f.run(args), status), what, "{args:?}");
    }
    // A verdict's reason line says the same, under its headline.
    let o = f.run(&["validate", "zzzzzzzzzzzzzzzzzzzzz"]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    let reason = out.lines().nth(1).unwrap_or_default().trim();
    assert_plain(reason);
    assert!(reason.starts_with("No coupon session has this code"), "{out}");
    assert!(!out.contains("Coupon session not found"), "{out}");
    // A custom code no search finds says the same, without a code.
    let o = f.run(&["validate", "WELCOMEZZZ"]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert_eq!(
        out.lines().nth(1).map(str::trim),
        Some(
            "No coupon session has this code: check the code, or find the session with coupon-kiosk lookup."
        ),
        "{out}"
    );
}

#[test]
fn a_wrong_secret_a_closed_port_and_a_web_page_each_say_what_to_check() {
    let f = Fixture::new();
    let s = plain_error(
        &f.run_env(&["coupons"], &[("COUPONTOOLS_CLIENT_SECRET", "not-the-secret")]),
        1,
    );
    assert!(
        s.starts_with("The server refused the account's client id or secret"),
        "{s}"
    );
    assert!(s.ends_with("(error 1000)."), "{s}");

    let closed = crate::support::client::closed_port_url();
    let env = [ACCOUNT[0], ACCOUNT[1], ("COUPONTOOLS_API_URL", closed.as_str())];
    let s = plain_error(&run(&["coupons"], &env), 3);
    assert!(
        s.starts_with("Cannot reach the server (connection refused)"),
        "{s}"
    );

    let page = WebPage::serve();
    let env = [ACCOUNT[0], ACCOUNT[1], ("COUPONTOOLS_API_URL", page.url.as_str())];
    for args in [
        &["coupons"][..],
        &["sessions", "cam_demo01"],
        &["lookup", "--email", "jane@example.com"],
    ] {
        let s = plain_error(&run(args, &env), 3);
        assert!(
            s.starts_with("The server answered with a web page, not the Coupontools API: check --api-url"),
            "{s}"
        );
        assert!(s.ends_with("(HTTP 200)."), "{s}");
    }
    // A validation's unreadable answer may have been carried out: the reason says not to accept.
    let o = run(&["validate", "ac6s7u"], &env);
    assert_eq!(o.status.code(), Some(3));
    let out = stdout(&o);
    let reason = out.lines().nth(1).unwrap_or_default().trim();
    assert_plain(reason);
    assert_eq!(
        reason,
        "The server answered unexpectedly (an HTML page), so the coupon may or may not be \
         validated: do not accept it yet; check again (HTTP 200)."
    );
}

/// A loopback server that answers every request with a small HTML page, as a web server at a
/// wrong URL would; it serves until the test ends.
struct WebPage {
    url: String,
    _rt: tokio::runtime::Runtime,
}

impl WebPage {
    fn serve() -> WebPage {
        let rt = tokio::runtime::Runtime::new().unwrap_or_else(|e| panic!("{e}"));
        let listener = rt
            .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
            .unwrap_or_else(|e| panic!("{e}"));
        let addr = listener.local_addr().unwrap_or_else(|e| panic!("{e}"));
        rt.spawn(async move {
            use tokio::io::{AsyncReadExt, AsyncWriteExt};
            while let Ok((mut s, _)) = listener.accept().await {
                let mut buf = [0u8; 4096];
                let _ = s.read(&mut buf).await;
                let body = "<!DOCTYPE html><html><body>Welcome</body></html>";
                let head = format!(
                    "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                    body.len()
                );
                let _ = s.write_all(format!("{head}{body}").as_bytes()).await;
            }
        });
        WebPage {
            url: format!("http://{addr}"),
            _rt: rt,
        }
    }
}

/// The `error:` line of stderr (a command may print a title above it), checked as plain.
#[track_caller]
fn error_line_of(o: &Output, status: i32) -> String {
    let err = stderr(o);
    assert_eq!(
        o.status.code(),
        Some(status),
        "stdout: {}\nstderr: {err}",
        stdout(o)
    );
    let line = err
        .lines()
        .find_map(|l| l.strip_prefix("error: "))
        .unwrap_or_else(|| panic!("an error line: {err}"));
    assert_plain(line);
    line.to_string()
}

#[test]
fn files_ranges_and_barcodes_say_what_to_check() {
    let f = Fixture::new();
    let missing = f.home.path().join("no-such-dir").join("code.png");
    let missing = missing.to_string_lossy();
    let s = error_line_of(&f.run(&["barcode", "decode", &missing]), 2);
    assert!(
        s.starts_with("Cannot read ") && s.contains("check the path"),
        "{s}"
    );
    let s = error_line_of(
        &f.run(&["barcode", "ac6s7u3g8a25ja7x9qg87", "--out", &missing]),
        2,
    );
    assert!(
        s.starts_with("Cannot write ") && s.contains("check that its folder exists"),
        "{s}"
    );
    let o = f.run(&["barcode", "zzzzzzzzzzzzzzzzzzzzz"]);
    let s = error_line_of(&o, 1);
    assert!(s.contains("check the code"), "{s}");
    assert!(
        !stderr(&o).contains("does not exist"),
        "the server's words stay in the log: {}",
        stderr(&o)
    );
    let s = plain_error(
        &f.run(&[
            "batch",
            "cam_demo01",
            "--from-seq",
            "5",
            "--to-seq",
            "1",
            "--operation",
            "lock",
        ]),
        2,
    );
    assert_eq!(s, "The first sequence id 5 comes after the last 1: swap them.");
}

/// Runs the binary as `run` does, but kills it after 20 s: a sandbox that did start would
/// otherwise serve until Ctrl-C.
fn run_bounded(args: &[&str], home: &std::path::Path) -> Output {
    use std::process::{Command, Stdio};
    let mut child = Command::new(BIN)
        .args(args)
        .env_clear()
        .env("HOME", home)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("the binary runs: {e}"));
    let t0 = std::time::Instant::now();
    while child.try_wait().ok().flatten().is_none() {
        if t0.elapsed() > std::time::Duration::from_secs(20) {
            let _ = child.kill();
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    child
        .wait_with_output()
        .unwrap_or_else(|e| panic!("the binary's output: {e}"))
}

#[test]
fn a_sandbox_that_cannot_start_says_what_to_change() {
    let home = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap_or_else(|e| panic!("{e}"));
    let addr = taken.local_addr().unwrap_or_else(|e| panic!("{e}")).to_string();
    let s = plain_error(&run_bounded(&["sandbox", "--addr", &addr], home.path()), 3);
    assert_eq!(
        s,
        format!(
            "Cannot listen on {addr}: the port is already in use (perhaps by another sandbox); \
             stop that, or give another port with --addr 127.0.0.1:PORT."
        )
    );
    let junk = home.path().join("junk.db");
    std::fs::write(
        &junk,
        "not a database, but long enough to be read as one's header....",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let junk = junk.to_string_lossy();
    let o = run_bounded(&["sandbox", "--addr", "127.0.0.1:0", "--db", &junk], home.path());
    let s = plain_error(&o, 2);
    assert!(s.starts_with("The sandbox database cannot be used ("), "{s}");
    assert!(
        s.ends_with("give a new file with --db, or leave --db out to keep everything in memory."),
        "{s}"
    );
}

#[test]
fn marking_a_conflict_that_is_not_there_says_so() {
    let closed = crate::support::client::closed_port_url();
    let env = [ACCOUNT[0], ACCOUNT[1], ("COUPONTOOLS_API_URL", closed.as_str())];
    let o = run(&["conflicts", "--mark-seen", "99"], &env);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("marked 0 conflicts seen"), "{}", stdout(&o));
    assert!(
        stderr(&o).contains("1 of the numbers given named no unseen conflict"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn a_data_directory_that_cannot_be_used_says_nothing_was_sent_and_what_to_check() {
    let f = Fixture::new();
    let file = f.home.path().join("a-file");
    std::fs::write(&file, "not a directory").unwrap_or_else(|e| panic!("{e}"));
    let file = file.to_string_lossy();
    for (args, what) in [
        (
            vec!["validate", "ac6s7u", "--data-dir", &file],
            "so nothing was sent",
        ),
        (
            vec!["sync", "--data-dir", &file],
            "so the mirror and the outbox were not changed",
        ),
    ] {
        let s = plain_error(&f.run(&args), 2);
        assert!(s.starts_with("This till's data cannot be used ("), "{s}");
        assert!(s.contains(what) && s.contains("check that --data-dir"), "{s}");
    }
}

#[test]
fn a_change_the_server_may_have_made_says_to_check_before_running_it_again() {
    use coupon_kiosk::sandbox::{FailureKind, FaultPlan};
    let f = Fixture::new();
    for (kind, start) in [
        (
            FailureKind::UnavailableAfterCommit,
            "The server failed while answering: ",
        ),
        (
            FailureKind::DropAfterCommit,
            "No complete answer from the server (the connection closed before the answer was complete): ",
        ),
    ] {
        f.sandbox.sb.set_fault_plan(FaultPlan {
            fail_rate: 1.0,
            kinds: vec![kind],
            only_paths: vec!["couponsession/update".into()],
            ..FaultPlan::default()
        });
        let s = plain_error(&f.run(&["update", "ac6s7u", "--operation", "lock"]), 3);
        assert!(s.starts_with(start), "{kind:?}: {s}");
        assert!(
            s.contains("a change may or may not have been made, so check before"),
            "{s}"
        );
        // It was made: the sandbox committed before failing.
        let (_, v) = f.json(&["session", "ac6s7u3g8a25ja7x9qg87", "--json"]);
        assert_eq!(v["locked"], true, "{v}");
        f.sandbox.sb.set_fault_plan(FaultPlan::default());
        let o = f.run(&["update", "ac6s7u", "--operation", "unlock"]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    }
}
