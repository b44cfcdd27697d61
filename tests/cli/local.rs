//! Without a server to answer: usage errors, settings, and a server that cannot be reached.

use crate::support::cli::*;
use crate::support::client::closed_port_url;

#[test]
fn bad_codes_are_refused_locally_with_exit_2() {
    let url = closed_port_url();
    let env = [ACCOUNT[0], ACCOUNT[1], ("COUPONTOOLS_API_URL", url.as_str())];
    let long = "x".repeat(600);
    for (code, needle) in [
        ("", "Nothing was scanned"),
        ("   ", "Nothing was scanned"),
        (long.as_str(), "too long"),
        ("ab\u{7}cdefg", "control character"),
        ("caf\u{e9}12345", "characters no coupon code has"),
        ("abc", "Too short"),
        ("jane@example.com", "look the customer up"),
    ] {
        let o = run(&["validate", code], &env);
        assert_clear_failure(&o, 2, needle);
        let o = run(&["validate", code, "--json"], &env);
        assert_eq!(o.status.code(), Some(2), "{code:?}");
        let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        assert_eq!(json["outcome"], "invalid_input", "{code:?}");
        assert_eq!(json["round_trips"], 0, "{code:?}");
    }
}

#[test]
fn bad_flags_and_values_are_usage_errors() {
    let env = [ACCOUNT[0], ACCOUNT[1]];
    assert_clear_failure(&run(&["validate", "ac6s7u", "--bogus"], &env), 2, "--bogus");
    assert_clear_failure(&run(&["validate"], &env), 2, "<CODE>");
    assert_clear_failure(&run(&["lookup"], &env), 2, "--email");
    assert_clear_failure(
        &run(&["lookup", "--email", "a@b"], &env),
        2,
        "at least 5 characters",
    );
    assert_clear_failure(&run(&["lookup", "--phone", "+44 79x1"], &env), 2, "phone number");
    assert_clear_failure(
        &run(&["lookup", "--code", "WELCOME2026", "--campaign", "demo01"], &env),
        2,
        "cam_XXXXXX",
    );
    assert_clear_failure(
        &run(&["validate", "ac6s7u", "--money-spent", "12.50 EUR"], &env),
        2,
        "not an amount",
    );
    assert_clear_failure(
        &run(&["update", "ac6s7u", "--operation", "explode"], &env),
        2,
        "Unknown operation",
    );
    let long = "y".repeat(51);
    assert_clear_failure(
        &run(&["update", "ac6s7u", "--customfield3", &long], &env),
        2,
        "Custom field 3 takes at most 50 characters",
    );
    assert_clear_failure(
        &run(&["update", "ac6s7u", "--customid", "a-b"], &env),
        2,
        "custom id",
    );
    assert_clear_failure(&run(&["update", "ac6s7u"], &env), 2, "Nothing to update");
    assert_clear_failure(
        &run(&["update", "WELCOME2026", "--operation", "void"], &env),
        2,
        "lookup --code",
    );
    assert_clear_failure(&run(&["remove", "demo01", "ac6s7u"], &env), 2, "cam_XXXXXX");
    assert_clear_failure(
        &run(&["validate", "ac6s7u", "--timeout-ms", "0"], &env),
        2,
        "--timeout-ms",
    );
}

#[test]
fn no_account_explains_how_to_configure_one() {
    let o = run(&["session", "ac6s7u3g8a25ja7x9qg87"], &[]);
    assert_clear_failure(&o, 2, "COUPONTOOLS_CLIENT_ID");
    assert!(stderr(&o).contains("coupon-kiosk demo"), "{}", stderr(&o));
}

#[test]
fn plain_http_to_a_remote_host_is_refused() {
    let env = [
        ACCOUNT[0],
        ACCOUNT[1],
        ("COUPONTOOLS_API_URL", "http://api.example.com"),
    ];
    assert_clear_failure(&run(&["session", "ac6s7u"], &env), 2, "--allow-insecure-http");
}

#[test]
fn a_malformed_config_file_names_file_and_line() {
    let home = tempfile::tempdir().unwrap();
    let path = home.path().join("kiosk.toml");
    std::fs::write(
        &path,
        "[api]\nclient_id = \"x\"\nclient_secret = \"cfg-secret-42\"\ntimeout_ms = ten\n",
    )
    .unwrap();
    let p = path.to_str().unwrap();
    for o in [
        run_in(home.path(), &["--config", p, "session", "ac6s7u"], &[]),
        run_in(home.path(), &["session", "ac6s7u"], &[("COUPON_KIOSK_CONFIG", p)]),
    ] {
        assert_clear_failure(&o, 2, "has a mistake at line 4, column");
        assert!(stderr(&o).contains("correct it (config/kiosk.example.toml shows every setting)."));
        assert!(stderr(&o).contains(p), "{}", stderr(&o));
        assert!(!stderr(&o).contains("cfg-secret-42"));
    }
    assert_clear_failure(
        &run_in(
            home.path(),
            &["session", "ac6s7u", "--config", "/nonexistent/kiosk.toml"],
            &[],
        ),
        2,
        "Cannot read the config file /nonexistent/kiosk.toml (no such file): check that --config or \
         COUPON_KIOSK_CONFIG names a file this user may read.",
    );
}

#[test]
fn an_unreachable_server_is_exit_3() {
    let url = closed_port_url();
    let env = [ACCOUNT[0], ACCOUNT[1], ("COUPONTOOLS_API_URL", url.as_str())];
    let o = run(&["validate", "ac6s7u3g8a25ja7x9qg87"], &env);
    assert_clear_failure(
        &o,
        3,
        "Cannot reach the server (connection refused), so the coupon was not validated: check the \
         connection and try again.",
    );
    assert!(stdout(&o).contains("UNKNOWN"), "{}", stdout(&o));
    let o = run(&["validate", "ac6s7u3g8a25ja7x9qg87", "--json"], &env);
    assert_eq!(o.status.code(), Some(3));
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(json["outcome"], "unknown");
    for args in [
        vec!["session", "ac6s7u"],
        vec!["lookup", "--email", "jane@example.com"],
        vec!["update", "ac6s7u", "--operation", "lock"],
        vec!["remove", "cam_demo01", "ac6s7u"],
    ] {
        assert_clear_failure(
            &run(&args, &env),
            3,
            "Cannot reach the server (connection refused), so nothing was sent: check the network \
             and --api-url or COUPONTOOLS_API_URL, then try again.",
        );
    }
}

#[test]
fn help_names_the_environment_but_shows_no_value() {
    let o = run(&["--help"], &[("COUPONTOOLS_CLIENT_SECRET", "env-secret-99")]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains("COUPONTOOLS_CLIENT_SECRET"));
    assert!(!stdout(&o).contains("env-secret-99"));
    let o = run(
        &["validate", "--help"],
        &[("COUPONTOOLS_CLIENT_SECRET", "env-secret-99")],
    );
    assert!(!stdout(&o).contains("env-secret-99"));
}
