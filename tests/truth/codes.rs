use crate::procs::every_update_fails;
use crate::support::sandbox::Blocking;
use crate::till::{Http, Till};

/// `autovalcode` makes six-digit custom validation codes: they are searched as custom codes
/// first (not sent as a short code and refused as NOT FOUND).
#[test]
fn six_digit_custom_codes_validate() {
    let sandbox = Blocking::start();
    let http = Http::new(&sandbox.base_url());
    let till = Till::new(&sandbox.base_url(), "");
    for _ in 0..3 {
        let (code, answer) = http.issue_one(&[("autovalcode", "6digits")]);
        let custom = answer["custom_validation_code"]
            .as_str()
            .unwrap_or_default()
            .to_string();
        assert_eq!(custom.len(), 6, "{answer}");
        // Looked up (the kiosk's confirm mode, `session`) the same way.
        let o = till.run(&["session", &custom]);
        assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
        assert!(String::from_utf8_lossy(&o.stdout).contains(&code));
        let (status, v) = till.validate(&custom);
        assert_eq!(
            (status, v["outcome"].as_str()),
            (0, Some("validated")),
            "{custom}: {v}"
        );
        assert_eq!(v["session"], code.as_str(), "{v}");
        assert_eq!(v["round_trips"], 2, "search, then validate: {v}");
    }
}

/// A six-character code that is no session's short code is then searched as a custom code.
#[test]
fn a_short_code_not_found_is_tried_as_a_custom_code() {
    let sandbox = Blocking::start();
    let http = Http::new(&sandbox.base_url());
    let till = Till::new(&sandbox.base_url(), "");
    let (code, _) = http.issue_one(&[("customvalcode", "zq7k2m")]);
    let o = till.run(&["session", "zq7k2m"]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(String::from_utf8_lossy(&o.stdout).contains(&code));
    let (status, v) = till.validate("zq7k2m");
    assert_eq!((status, v["outcome"].as_str()), (0, Some("validated")), "{v}");
    assert_eq!(v["session"], code.as_str(), "{v}");
    // A real short code still goes straight to the update, in one round trip.
    let other = http.issue(1).remove(0);
    let (status, v) = till.validate(&other[..6]);
    assert_eq!((status, v["round_trips"].as_u64()), (0, Some(1)), "{v}");
    // And neither: not found.
    let (status, v) = till.validate("zzzzzz");
    assert_eq!((status, v["outcome"].as_str()), (1, Some("not_found")), "{v}");
}

/// `--money-spent 1,500` is ambiguous (thousands or decimals?): refused before anything is
/// sent, and --help says which form is taken.
#[test]
fn an_ambiguous_amount_is_refused() {
    let sandbox = Blocking::start();
    let till = Till::new(&sandbox.base_url(), "");
    let o = till.run(&["validate", "ac6s7u3g8a25ja7x9qg87", "--money-spent", "1,500"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("ambiguous"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let v = Http::new(&sandbox.base_url()).session("ac6s7u3g8a25ja7x9qg87");
    assert_eq!(v["data"]["status"]["validated"], "0", "nothing was sent");
    let help = till.run(&["validate", "--help"]);
    assert!(
        String::from_utf8_lossy(&help.stdout).contains("1,500"),
        "{}",
        String::from_utf8_lossy(&help.stdout)
    );
    let (status, v) = till.validate_with("ac6s7u3g8a25ja7x9qg87", &["--money-spent", "1500"]);
    assert_eq!(status, 0, "{v}");
    let v = Http::new(&sandbox.base_url()).session("ac6s7u3g8a25ja7x9qg87");
    assert_eq!(v["data"]["status"]["money_spent"], "1500.000", "{v}");
}

/// Where `couponsession/data` takes only full session codes (`--profile strict`), a short
/// code's lost update answer cannot be re-checked: the answer is UNKNOWN, never NOT FOUND for a
/// code the update accepted (it may well have validated it).
#[test]
fn a_lost_answer_to_a_short_code_update_is_unknown_not_not_found() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let db = dir.path().join("db.sqlite");
    let clean = crate::procs::SandboxProcess::start(&db, &["--profile", "strict"]);
    let code = Http::new(&clean.url).issue(1).remove(0);
    let lossy = crate::procs::SandboxProcess::start(
        &db,
        &[&["--profile", "strict"][..], &every_update_fails("drop-after")].concat(),
    );
    let (status, v) = Till::new(&lossy.url, "").validate(&code[..6]);
    assert_eq!((status, v["outcome"].as_str()), (3, Some("unknown")), "{v}");
    // It did go through: the server holds the coupon validated.
    let session = Http::new(&clean.url).session(&code);
    assert_eq!(session["data"]["status"]["validated"], "1", "{session}");
}
