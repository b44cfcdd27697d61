//! The real binary, as a person runs it: output, JSON shapes and exit statuses
//! (0 success, 1 refused, 2 invalid input or settings, 3 network failure or unknown).

use std::path::Path;
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_coupon-kiosk");

/// Runs the binary with a clean environment: no account, no config file from the home directory.
fn run_in(home: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(BIN);
    cmd.args(args)
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_DATA_HOME", home.join("data"));
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().expect("the binary runs")
}

fn run(args: &[&str], env: &[(&str, &str)]) -> Output {
    let home = tempfile::tempdir().unwrap();
    run_in(home.path(), args, env)
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).to_string()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).to_string()
}

/// A closed port on this machine: connecting is refused at once.
fn closed_port_url() -> String {
    let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = l.local_addr().unwrap();
    drop(l);
    format!("http://{addr}")
}

const ACCOUNT: [(&str, &str); 2] = [
    ("COUPONTOOLS_CLIENT_ID", "demo"),
    ("COUPONTOOLS_CLIENT_SECRET", "demo-secret"),
];

fn assert_clear_failure(o: &Output, status: i32, needle: &str) {
    let err = stderr(o);
    let out = stdout(o);
    assert_eq!(o.status.code(), Some(status), "stdout: {out}\nstderr: {err}");
    assert!(!err.contains("panicked"), "{err}");
    assert!(
        err.contains(needle) || out.contains(needle),
        "expected {needle:?} in\nstdout: {out}\nstderr: {err}"
    );
}

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
        assert_clear_failure(&o, 2, "line 4");
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
        "/nonexistent/kiosk.toml",
    );
}

#[test]
fn an_unreachable_server_is_exit_3() {
    let url = closed_port_url();
    let env = [ACCOUNT[0], ACCOUNT[1], ("COUPONTOOLS_API_URL", url.as_str())];
    let o = run(&["validate", "ac6s7u3g8a25ja7x9qg87"], &env);
    assert_clear_failure(&o, 3, "cannot reach the server");
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
        assert_clear_failure(&run(&args, &env), 3, "cannot reach the server");
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

// ---------------------------------------------------------------------------------------------
// Against a sandbox spawned in this process (its own runtime keeps serving while the binary runs).

mod against_sandbox {
    use super::*;
    use coupon_kiosk::sandbox::{self, SandboxConfig, SandboxHandle};

    struct Fixture {
        _rt: tokio::runtime::Runtime,
        sb: SandboxHandle,
        home: tempfile::TempDir,
    }

    impl Fixture {
        fn new() -> Fixture {
            let rt = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(1)
                .enable_all()
                .build()
                .unwrap();
            let sb = rt.block_on(sandbox::spawn(SandboxConfig::default())).unwrap();
            Fixture {
                _rt: rt,
                sb,
                home: tempfile::tempdir().unwrap(),
            }
        }

        fn run(&self, args: &[&str]) -> Output {
            self.run_env(args, &[])
        }

        fn run_env(&self, args: &[&str], extra: &[(&str, &str)]) -> Output {
            let url = self.sb.base_url();
            let mut env = vec![
                ("COUPONTOOLS_API_URL", url.as_str()),
                ("COUPONTOOLS_CLIENT_ID", sandbox::DEMO_CLIENT_ID),
                ("COUPONTOOLS_CLIENT_SECRET", sandbox::DEMO_CLIENT_SECRET),
            ];
            env.extend_from_slice(extra);
            run_in(self.home.path(), args, &env)
        }

        fn json(&self, args: &[&str]) -> (i32, serde_json::Value) {
            let o = self.run(args);
            let v = serde_json::from_slice(&o.stdout)
                .unwrap_or_else(|e| panic!("{args:?}: {e}\nstdout: {}\nstderr: {}", stdout(&o), stderr(&o)));
            (o.status.code().unwrap_or(-1), v)
        }
    }

    #[test]
    fn validate_each_outcome_with_exit_statuses() {
        let f = Fixture::new();
        let (status, v) = f.json(&[
            "validate",
            "ac6s7u3g8a25ja7x9qg87",
            "--money-spent",
            "12.50",
            "--json",
        ]);
        assert_eq!(status, 0, "{v}");
        assert_eq!(v["outcome"], "validated");
        assert_eq!(v["session"], "ac6s7u3g8a25ja7x9qg87");
        assert_eq!(v["campaign"], "cam_demo01");
        assert_eq!(v["error_code"], serde_json::Value::Null);
        assert!(
            v["validation_date_utc"]
                .as_str()
                .is_some_and(|d| d.ends_with('Z')),
            "{v}"
        );
        assert_eq!(v["round_trips"], 1);
        let keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
        for k in [
            "outcome",
            "session",
            "campaign",
            "error_code",
            "message",
            "validation_date_utc",
        ] {
            assert!(keys.contains(&k), "{k} missing from {v}");
        }

        let (status, v) = f.json(&["validate", "ac6s7u3g8a25ja7x9qg87", "--json"]);
        assert_eq!(
            (status, &v["outcome"], &v["error_code"]),
            (1, &"already_validated".into(), &358.into())
        );
        let (status, v) = f.json(&["validate", "i9yxd6igssghayshqarq2", "--json"]);
        assert_eq!(status, 1);
        assert_eq!(v["validation_date_utc"], "2026-11-20T14:03:00Z");
        assert!(v["round_trips"].as_u64().unwrap() <= 2);

        for (code, outcome, error_code) in [
            ("oyh0bo45o8qidpbrqwrpn", "voided", 355),
            ("rjclb2450as8jbiohnj5c", "locked", 354),
            ("qthxn15t104xu9rtv3d4o", "expired", 351),
            ("zzzzzzzzzzzzzzzzzzzzz", "not_found", 512),
        ] {
            let (status, v) = f.json(&["validate", code, "--json"]);
            assert_eq!((status, v["outcome"].as_str()), (1, Some(outcome)), "{v}");
            assert_eq!(v["error_code"], error_code, "{v}");
        }

        // A custom validation code and a coupon URL, in at most two round trips.
        let (status, v) = f.json(&["validate", "WELCOME2026", "--json"]);
        assert_eq!((status, v["outcome"].as_str()), (0, Some("validated")), "{v}");
        assert_eq!(v["round_trips"], 2);
        let (status, v) = f.json(&[
            "validate",
            "https://coupons.example.com/p/oneeoj/oneeojyhy5j3x0m6ribqu",
            "--json",
        ]);
        assert_eq!((status, v["outcome"].as_str()), (0, Some("validated")), "{v}");
    }

    #[test]
    fn validate_plain_output_is_short_and_uncoloured_when_piped() {
        let f = Fixture::new();
        let o = f.run(&["validate", "ac6s7u"]);
        assert_eq!(o.status.code(), Some(0));
        let out = stdout(&o);
        assert!(out.starts_with("✔ VALIDATED  ac6s7u3g8a25ja7x9qg87"), "{out}");
        assert!(!out.contains('\u{1b}'), "no colour codes in a pipe: {out:?}");
        assert!(out.lines().count() <= 2, "{out}");
        let o = f.run(&["validate", "i9yxd6igssghayshqarq2"]);
        assert_eq!(o.status.code(), Some(1));
        assert!(
            stdout(&o).contains("ALREADY VALIDATED on 2026-11-20 14:03 UTC"),
            "{}",
            stdout(&o)
        );
        assert!(
            stdout(&o).contains("This session was already validated (error 358)"),
            "{}",
            stdout(&o)
        );
    }

    #[test]
    fn session_prints_the_normalized_session() {
        let f = Fixture::new();
        let (status, v) = f.json(&["session", "ac6s7u3g8a25ja7x9qg87", "--json"]);
        assert_eq!(status, 0);
        for k in [
            "session",
            "campaign",
            "sequenceid",
            "state",
            "claimed",
            "validated",
            "voided",
            "locked",
            "expiration_date_utc",
            "validation_date_utc",
            "customer",
            "custom_validation_code",
            "customid",
        ] {
            assert!(v.get(k).is_some(), "{k} missing from {v}");
        }
        assert_eq!(v["state"], "claimed");
        assert_eq!(v["claimed"], true);
        assert_eq!(v["expiration_date_utc"], "2099-12-31T23:59:59Z");
        assert_eq!(
            v["customer"],
            serde_json::json!({"firstname":"Jane","lastname":"Doe","email":"jane@example.com","phone":"+447911123456"})
        );
        let (_, v) = f.json(&["session", "WELCOME2026", "--json"]);
        assert_eq!(v["session"], "1091awquchndpf61udi5i");
        assert_eq!(v["custom_validation_code"], "WELCOME2026");

        let o = f.run(&["session", "i9yxd6"]);
        assert_eq!(o.status.code(), Some(0));
        let out = stdout(&o);
        assert!(
            out.contains("i9yxd6igssghayshqarq2  cam_demo01  VALIDATED"),
            "{out}"
        );
        assert!(out.contains("John Smith"), "{out}");

        let o = f.run(&["session", "zzzzzzzzzzzzzzzzzzzzz"]);
        assert_clear_failure(&o, 1, "Coupon session not found");
    }

    #[test]
    fn lookup_by_email_phone_and_code() {
        let f = Fixture::new();
        let (status, v) = f.json(&["lookup", "--email", "jane@example.com", "--json"]);
        assert_eq!(status, 0);
        let mut codes: Vec<&str> = v
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["session"].as_str().unwrap())
            .collect();
        codes.sort();
        assert_eq!(codes, ["ac6s7u3g8a25ja7x9qg87", "oneeojyhy5j3x0m6ribqu"]);
        assert!(v[0].get("state").is_some() && v[0].get("customer").is_some());

        let (status, v) = f.json(&["lookup", "--phone", "+1 (415) 555-0123", "--json"]);
        assert_eq!(
            (status, v[0]["session"].as_str()),
            (0, Some("i9yxd6igssghayshqarq2"))
        );
        let (status, v) = f.json(&[
            "lookup",
            "--code",
            "WELCOME2026",
            "--campaign",
            "cam_demo02",
            "--json",
        ]);
        assert_eq!((status, v.as_array().map(Vec::len)), (0, Some(1)));

        let (status, v) = f.json(&["lookup", "--email", "nobody@example.com", "--json"]);
        assert_eq!((status, v), (1, serde_json::json!([])));
        let o = f.run(&["lookup", "--code", "WELCOME2026", "--campaign", "cam_nothere"]);
        assert_clear_failure(&o, 1, "campaign not found");

        let o = f.run(&["lookup", "--email", "jane@example.com"]);
        assert_eq!(stdout(&o).lines().count(), 2, "{}", stdout(&o));
    }

    #[test]
    fn update_and_remove() {
        let f = Fixture::new();
        let (status, v) = f.json(&[
            "update",
            "ac6s7u3g8a25ja7x9qg87",
            "--operation",
            "lock",
            "--customfield2",
            "note",
            "--customid",
            "Till7",
            "--money-spent",
            "3",
            "--json",
        ]);
        assert_eq!(status, 0, "{v}");
        assert_eq!(
            (v["state"].as_str(), v["locked"].as_bool()),
            (Some("locked"), Some(true))
        );
        assert_eq!(v["customid"], "Till7");
        assert_eq!(v["money_spent"], "3.000");
        assert_eq!(v["customfields"]["customfield2"], "note");

        let o = f.run(&["update", "ac6s7u3g8a25ja7x9qg87", "--operation", "lock"]);
        assert_clear_failure(&o, 1, "Session already was locked before (error 354)");
        let o = f.run(&["update", "ac6s7u", "--operation", "unlock"]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        assert!(stdout(&o).contains("unlock done"), "{}", stdout(&o));

        let o = f.run(&["remove", "cam_demo01", "oneeojyhy5j3x0m6ribqu"]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        assert!(stdout(&o).contains("removed oneeojyhy5j3x0m6ribqu from cam_demo01"));
        assert_clear_failure(
            &f.run(&["remove", "cam_demo01", "oneeojyhy5j3x0m6ribqu"]),
            1,
            "not found",
        );
        assert_clear_failure(
            &f.run(&["remove", "cam_nothere", "ac6s7u"]),
            1,
            "Campaign ID not found",
        );
    }

    #[test]
    fn a_dropped_answer_is_checked_before_answering() {
        use coupon_kiosk::sandbox::{FailureKind, FaultPlan};
        let f = Fixture::new();
        f.sb.set_fault_plan(FaultPlan {
            fail_rate: 1.0,
            kinds: vec![FailureKind::DropAfterCommit],
            only_paths: vec!["couponsession/update".into()],
            ..FaultPlan::default()
        });
        // Without a tag field nothing proves the validation is this till's own.
        let (status, v) = f.json(&["validate", "ac6s7u3g8a25ja7x9qg87", "--json"]);
        assert_eq!(
            (status, v["outcome"].as_str()),
            (4, Some("validated_owner_unknown")),
            "{v}"
        );
        f.sb.set_fault_plan(FaultPlan {
            fail_rate: 1.0,
            kinds: vec![FailureKind::DropBefore],
            ..FaultPlan::default()
        });
        let (status, v) = f.json(&["validate", "oneeojyhy5j3x0m6ribqu", "--json"]);
        assert_eq!((status, v["outcome"].as_str()), (3, Some("unknown")), "{v}");
        // With one, the attempt id read back proves it.
        let config = f.home.path().join("config/coupon-kiosk");
        std::fs::create_dir_all(&config).unwrap();
        std::fs::write(config.join("kiosk.toml"), "[kiosk]\ntag_customfield = 5\n").unwrap();
        f.sb.set_fault_plan(FaultPlan {
            fail_rate: 1.0,
            kinds: vec![FailureKind::DropAfterCommit],
            only_paths: vec!["couponsession/update".into()],
            ..FaultPlan::default()
        });
        let (status, v) = f.json(&["validate", "oneeojyhy5j3x0m6ribqu", "--json"]);
        assert_eq!((status, v["outcome"].as_str()), (0, Some("validated")), "{v}");
        assert!(v["message"].as_str().unwrap().contains("confirmed"), "{v}");
    }

    #[test]
    fn a_slow_server_times_out_with_exit_3() {
        use coupon_kiosk::sandbox::FaultPlan;
        let f = Fixture::new();
        f.sb.set_fault_plan(FaultPlan {
            latency: std::time::Duration::from_secs(3),
            ..FaultPlan::default()
        });
        let o = f.run(&["session", "ac6s7u", "--timeout-ms", "200"]);
        assert_clear_failure(&o, 3, "timed out");
    }

    #[test]
    fn bad_credentials_are_refused() {
        let f = Fixture::new();
        let o = f.run_env(
            &["session", "ac6s7u"],
            &[("COUPONTOOLS_CLIENT_SECRET", "not-the-secret")],
        );
        assert_clear_failure(&o, 1, "Client ID or Secret not correct");
        assert!(!stderr(&o).contains("not-the-secret"));
    }

    #[test]
    fn a_server_answering_html_is_exit_3() {
        let rt = tokio::runtime::Runtime::new().unwrap();
        let listener = rt.block_on(tokio::net::TcpListener::bind("127.0.0.1:0")).unwrap();
        let addr = listener.local_addr().unwrap();
        rt.spawn(async move {
            use tokio::io::{AsyncReadExt, AsyncWriteExt};
            while let Ok((mut s, _)) = listener.accept().await {
                let mut buf = [0u8; 4096];
                let _ = s.read(&mut buf).await;
                let body = "<html><body>Maintenance</body></html>";
                let head = format!(
                    "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                    body.len()
                );
                let _ = s.write_all(format!("{head}{body}").as_bytes()).await;
            }
        });
        let url = format!("http://{addr}");
        let env = [ACCOUNT[0], ACCOUNT[1], ("COUPONTOOLS_API_URL", url.as_str())];
        assert_clear_failure(&run(&["session", "ac6s7u"], &env), 3, "an HTML page (text/html)");
        let o = run(&["validate", "ac6s7u", "--json"], &env);
        assert_eq!(o.status.code(), Some(3));
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        assert_eq!(v["outcome"], "unknown");
    }

    #[test]
    fn trace_logging_never_shows_the_secret() {
        let secret = "Tr4ce-Secret-Value-0042";
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .unwrap();
        let config = SandboxConfig {
            client_secret: secret.into(),
            ..SandboxConfig::default()
        };
        let sb = rt.block_on(sandbox::spawn(config)).unwrap();
        let home = tempfile::tempdir().unwrap();
        let url = sb.base_url();
        let env = [
            ("COUPONTOOLS_API_URL", url.as_str()),
            ("COUPONTOOLS_CLIENT_ID", "demo"),
            ("COUPONTOOLS_CLIENT_SECRET", secret),
            ("RUST_LOG", "trace"),
        ];
        let runs = [
            run_in(
                home.path(),
                &["validate", "ac6s7u3g8a25ja7x9qg87", "--json"],
                &env,
            ),
            run_in(
                home.path(),
                &["-vv", "session", "ac6s7u", "--client-secret", secret],
                &env,
            ),
            run_in(home.path(), &["lookup", "--email", "jane@example.com"], &env),
            run_in(
                home.path(),
                &["update", "oneeoj", "--operation", "lock", "-vv"],
                &env,
            ),
            run_in(
                home.path(),
                &[
                    "validate",
                    "ac6s7u3g8a25ja7x9qg87",
                    "--client-secret",
                    "wrong-one-1",
                ],
                &env,
            ),
        ];
        for o in &runs[..4] {
            assert_eq!(o.status.code(), Some(0), "{}", stderr(o));
        }
        assert_eq!(runs[4].status.code(), Some(1), "a wrong secret is refused");
        let mut logged = 0;
        for o in &runs {
            let all = format!("{}{}", stdout(o), stderr(o));
            assert!(!all.contains(secret), "the secret leaked:\n{all}");
            assert!(!all.contains("wrong-one-1"), "a wrong secret leaked:\n{all}");
            logged += stderr(o).lines().count();
        }
        assert!(logged > 20, "trace logging was on ({logged} lines)");
    }
}

// ---------------------------------------------------------------------------------------------
// The rest of the seed (issue 5) through the command line.

mod catalog_against_sandbox {
    use super::*;
    use coupon_kiosk::sandbox::{self, SandboxConfig, SandboxHandle};
    use std::collections::HashSet;

    struct Fixture {
        _rt: tokio::runtime::Runtime,
        sb: SandboxHandle,
        home: tempfile::TempDir,
    }

    impl Fixture {
        fn with(config: SandboxConfig) -> Fixture {
            let rt = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(1)
                .enable_all()
                .build()
                .unwrap();
            let sb = rt.block_on(sandbox::spawn(config)).unwrap();
            Fixture {
                _rt: rt,
                sb,
                home: tempfile::tempdir().unwrap(),
            }
        }

        fn new() -> Fixture {
            Fixture::with(SandboxConfig::default())
        }

        fn run(&self, args: &[&str]) -> Output {
            let url = self.sb.base_url();
            let env = [
                ("COUPONTOOLS_API_URL", url.as_str()),
                ("COUPONTOOLS_CLIENT_ID", sandbox::DEMO_CLIENT_ID),
                ("COUPONTOOLS_CLIENT_SECRET", sandbox::DEMO_CLIENT_SECRET),
            ];
            run_in(self.home.path(), args, &env)
        }

        fn json(&self, args: &[&str]) -> (i32, serde_json::Value) {
            let o = self.run(args);
            let v = serde_json::from_slice(&o.stdout)
                .unwrap_or_else(|e| panic!("{args:?}: {e}\nstdout: {}\nstderr: {}", stdout(&o), stderr(&o)));
            (o.status.code().unwrap_or(-1), v)
        }
    }

    #[test]
    fn sessions_all_returns_every_session_once() {
        let f = Fixture::new();
        let (status, v) = f.json(&["sessions", "cam_demo03", "--all", "--json"]);
        assert_eq!(status, 0);
        let rows = v.as_array().unwrap();
        assert_eq!(rows.len(), 12_001);
        let codes: HashSet<&str> = rows.iter().map(|r| r["session"].as_str().unwrap()).collect();
        assert_eq!(codes.len(), 12_001, "a session appears twice");
        for k in [
            "session",
            "sequenceid",
            "state",
            "claim_date_utc",
            "validation_date_utc",
            "expiration_date_utc",
        ] {
            assert!(rows[0].get(k).is_some(), "{k} missing from {}", rows[0]);
        }

        let o = f.run(&["sessions", "cam_demo03", "--all", "--csv"]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let out = stdout(&o);
        let mut lines = out.lines();
        let header = lines.next().unwrap();
        assert!(header.starts_with("session,sequenceid,state,"), "{header}");
        assert_eq!(lines.count(), 12_001);
        assert!(
            stderr(&o).is_empty(),
            "no progress bar when stderr is not a terminal: {}",
            stderr(&o)
        );
    }

    #[test]
    fn sessions_one_page_and_date_filters() {
        let f = Fixture::new();
        let o = f.run(&["sessions", "cam_demo03", "--csv"]);
        assert_eq!(stdout(&o).lines().count(), 5001, "page 1: header and 5000 rows");
        assert!(stderr(&o).contains("--page N or --all"), "{}", stderr(&o));
        let (_, v) = f.json(&["sessions", "cam_demo03", "--page", "3", "--json"]);
        assert_eq!(v.as_array().unwrap().len(), 2001);

        let (status, v) = f.json(&[
            "sessions",
            "cam_demo03",
            "--from",
            "2026-01-01",
            "--to",
            "2026-01-01",
            "--json",
        ]);
        assert_eq!((status, v.as_array().unwrap().len()), (0, 72));
        let (_, v) = f.json(&[
            "sessions",
            "cam_demo03",
            "--from",
            "2026-01-01 00:20",
            "--to",
            "2026-01-01 01:00",
            "--json",
        ]);
        assert_eq!(v.as_array().unwrap().len(), 3, "both ends included");
        let (_, v) = f.json(&[
            "sessions",
            "cam_demo03",
            "--validations",
            "--from",
            "2026-01-04",
            "--to",
            "2026-01-04",
            "--json",
        ]);
        assert_eq!(v.as_array().unwrap().len(), 16);

        assert_clear_failure(
            &f.run(&["sessions", "cam_demo03", "--from", "2026-02-30"]),
            2,
            "not a date",
        );
        assert_clear_failure(
            &f.run(&[
                "sessions",
                "cam_demo03",
                "--from",
                "2026-02-02",
                "--to",
                "2026-02-01",
            ]),
            2,
            "after the end date",
        );
        assert_clear_failure(&f.run(&["sessions", "cam_demo03", "--page", "0"]), 2, "--page");
        assert_clear_failure(
            &f.run(&["sessions", "cam_demo03", "--page", "2", "--all"]),
            2,
            "--all",
        );
        assert_clear_failure(
            &f.run(&["sessions", "cam_demo03", "--opens", "--claims"]),
            2,
            "--claims",
        );
        assert_clear_failure(&f.run(&["sessions", "cam_nothere"]), 1, "Campaign ID not found");
    }

    #[test]
    fn issue_then_validate() {
        let f = Fixture::new();
        let (status, v) = f.json(&[
            "issue",
            "cam_demo01",
            "--email",
            "ada@example.org",
            "--firstname",
            "Ada",
            "--customvalcode",
            "ADA2026",
            "--customfield7",
            "vip",
            "--json",
        ]);
        assert_eq!(status, 0, "{v}");
        for k in [
            "single_use_code",
            "sequence_id",
            "single_use_url",
            "widget_validation_code",
        ] {
            assert!(v.get(k).is_some_and(|x| !x.is_null()), "{k} missing from {v}");
        }
        let code = v["single_use_code"].as_str().unwrap().to_string();
        let (status, v) = f.json(&["validate", &code, "--json"]);
        assert_eq!((status, v["outcome"].as_str()), (0, Some("validated")), "{v}");
        let (status, v) = f.json(&["validate", "ADA2026", "--json"]);
        assert_eq!(
            (status, v["outcome"].as_str()),
            (1, Some("already_validated")),
            "{v}"
        );

        assert_clear_failure(
            &f.run(&[
                "issue",
                "cam_demo01",
                "--customvalcode",
                "A1",
                "--autovalcode",
                "6digits",
            ]),
            2,
            "--autovalcode",
        );
        assert_clear_failure(
            &f.run(&["issue", "cam_demo01", "--email", "not-an-email"]),
            2,
            "not an email address",
        );
        assert_clear_failure(
            &f.run(&["issue", "cam_demo01", "--expiry-date", "tomorrow"]),
            2,
            "yyyy-MM-dd HH:mm:ss",
        );
        assert_clear_failure(&f.run(&["issue", "cam_nothere"]), 1, "Campaign ID not found");
    }

    #[test]
    fn issue_many_yields_distinct_codes() {
        let f = Fixture::new();
        let o = f.run(&["issue-many", "cam_demo02", "--amount", "1000", "--csv"]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let out = stdout(&o);
        let mut lines = out.lines();
        let header = lines.next().unwrap();
        assert!(
            header.starts_with("campaign,single_use_code,sequence_id,single_use_url,widget_validation_code"),
            "{header}"
        );
        let codes: HashSet<&str> = lines.map(|l| l.split(',').nth(1).unwrap()).collect();
        assert_eq!(codes.len(), 1000);

        let (status, v) = f.json(&[
            "issue-many",
            "cam_demo02",
            "--amount",
            "5",
            "--code-prefix",
            "XMAS",
            "--code-length",
            "6",
            "--code-type",
            "numeric",
            "--json",
        ]);
        assert_eq!(status, 0, "{v}");
        assert!(v.as_array().unwrap().iter().all(|s| {
            s["custom_validation_code"]
                .as_str()
                .is_some_and(|c| c.starts_with("XMAS") && c.len() == 10)
        }));
        assert_clear_failure(
            &f.run(&["issue-many", "cam_demo02", "--amount", "0"]),
            2,
            "between 1 and 100000",
        );
        assert_clear_failure(
            &f.run(&["issue-many", "cam_demo02", "--amount", "5", "--code-length", "6"]),
            2,
            "--code-type",
        );
    }

    #[test]
    fn batch_refuses_all_when_one_session_refuses() {
        let f = Fixture::new();
        let (_, issued) = f.json(&["issue-many", "cam_demo01", "--amount", "4", "--json"]);
        let seqs: Vec<u64> = issued
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["sequence_id"].as_u64().unwrap())
            .collect();
        let codes: Vec<&str> = issued
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["single_use_code"].as_str().unwrap())
            .collect();
        let (from, to) = (seqs[0].to_string(), seqs[3].to_string());
        let (status, v) = f.json(&[
            "batch",
            "cam_demo01",
            "--from-seq",
            &from,
            "--to-seq",
            &to,
            "--operation",
            "claim",
            "--json",
        ]);
        assert_eq!((status, v["updated"].as_u64()), (0, Some(4)), "{v}");
        let o = f.run(&["update", codes[1], "--operation", "void"]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let o = f.run(&[
            "batch",
            "cam_demo01",
            "--from-seq",
            &from,
            "--to-seq",
            &to,
            "--operation",
            "lock",
        ]);
        assert_clear_failure(&o, 1, "355");
        for c in &codes {
            let (_, s) = f.json(&["session", c, "--json"]);
            assert_eq!(s["locked"], false, "{c} changed although the batch was refused");
        }
        let o = f.run(&[
            "batch",
            "cam_demo01",
            "--from-seq",
            &from,
            "--to-seq",
            &to,
            "--customfield1",
            "batch",
        ]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        assert!(stdout(&o).contains("4 sessions updated"), "{}", stdout(&o));
        assert_clear_failure(
            &f.run(&["batch", "cam_demo01", "--operation", "lock"]),
            2,
            "--from-seq",
        );
        assert_clear_failure(
            &f.run(&[
                "batch",
                "cam_demo01",
                "--from-seq",
                "1",
                "--operation",
                "validate",
            ]),
            2,
            "one coupon at a time",
        );
    }

    #[test]
    fn coupons_and_coupon() {
        let f = Fixture::new();
        let (status, v) = f.json(&["coupons", "--json"]);
        assert_eq!(status, 0);
        let ids: Vec<&str> = v
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["id"].as_str().unwrap())
            .collect();
        assert_eq!(ids, ["cam_demo01", "cam_demo02", "cam_demo03"]);
        let (_, v) = f.json(&["coupons", "--tags", "coffee", "--json"]);
        assert_eq!(v.as_array().unwrap().len(), 1);
        assert_clear_failure(
            &f.run(&["coupons", "--folder", "fol_nothere"]),
            1,
            "Folder not found",
        );
        assert_clear_failure(&f.run(&["coupons", "--category", "retail"]), 2, "cat_XXX");
        let (status, v) = f.json(&["coupon", "cam_demo02", "--usage", "--json"]);
        assert_eq!(status, 0);
        assert!(v["custom_codes_total"].as_u64().is_some(), "{v}");
        let o = f.run(&["coupons"]);
        assert_eq!(stdout(&o).lines().count(), 3, "{}", stdout(&o));
    }

    #[test]
    fn delivery_and_push() {
        let f = Fixture::new();
        assert_clear_failure(
            &f.run(&["send-email", "cam_demo01", "--email", "jane@example.com"]),
            1,
            "No Email integration",
        );
        assert_clear_failure(
            &f.run(&["send-sms", "cam_demo01", "--phone", "07911 123456"]),
            2,
            "+447911123456",
        );
        let o = f.run(&["push", "cam_demo01", "--message", "Coffee is on us today"]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        assert!(stdout(&o).contains("to 1 wallets"), "{}", stdout(&o));
        assert_clear_failure(
            &f.run(&["push", "cam_demo02", "--message", "hi"]),
            1,
            "0 users have saved the campaign",
        );

        let f = Fixture::with(SandboxConfig {
            email_integration: true,
            sms_integration: true,
            ..SandboxConfig::default()
        });
        let (status, v) = f.json(&[
            "send-email",
            "cam_demo01",
            "--email",
            "jane@example.com",
            "--subject",
            "Hi",
            "--json",
        ]);
        assert_eq!((status, v["action"].as_str()), (0, Some("email_sent")), "{v}");
        let (status, v) = f.json(&["send-sms", "cam_demo01", "--phone", "+44 7911 123456", "--json"]);
        assert_eq!((status, v["action"].as_str()), (0, Some("sms_sent")), "{v}");
        assert_clear_failure(
            &f.run(&["send-sms", "cam_demo01", "--phone", "+447700900123"]),
            1,
            "opt-out",
        );
    }
}
