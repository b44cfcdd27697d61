use crate::support::cli::*;
use coupon_kiosk::sandbox::{self, SandboxConfig};

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
        stdout(&o).contains("This session was already validated: do not accept it again (error 358)."),
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
    assert_clear_failure(
        &o,
        1,
        "No coupon session has this code: check the code, or find the session with coupon-kiosk \
         lookup (error 513).",
    );
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
    assert_clear_failure(&o, 1, "The account has no coupon with this id");

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
    assert_clear_failure(
        &o,
        1,
        "This session was already locked: nothing was changed (error 354).",
    );
    let o = f.run(&["update", "ac6s7u", "--operation", "unlock"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("unlock done"), "{}", stdout(&o));

    let o = f.run(&["remove", "cam_demo01", "oneeojyhy5j3x0m6ribqu"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("removed oneeojyhy5j3x0m6ribqu from cam_demo01"));
    assert_clear_failure(
        &f.run(&["remove", "cam_demo01", "oneeojyhy5j3x0m6ribqu"]),
        1,
        "No coupon session has this code",
    );
    assert_clear_failure(
        &f.run(&["remove", "cam_nothere", "ac6s7u"]),
        1,
        "The account has no coupon with this id",
    );
}

#[test]
fn a_dropped_answer_is_checked_before_answering() {
    use coupon_kiosk::sandbox::{FailureKind, FaultPlan};
    let f = Fixture::new();
    f.sandbox.sb.set_fault_plan(FaultPlan {
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
    f.sandbox.sb.set_fault_plan(FaultPlan {
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
    f.sandbox.sb.set_fault_plan(FaultPlan {
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
    f.sandbox.sb.set_fault_plan(FaultPlan {
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
    assert_clear_failure(
        &o,
        1,
        "The server refused the account's client id or secret: check COUPONTOOLS_CLIENT_ID and \
         COUPONTOOLS_CLIENT_SECRET (or [api] in the config file); coupon-kiosk doctor checks them \
         (error 1000).",
    );
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
    assert_clear_failure(
        &run(&["session", "ac6s7u"], &env),
        3,
        "The server answered with a web page, not the Coupontools API: check --api-url or \
         COUPONTOOLS_API_URL (the API's base address, such as https://api.coupontools.com, without \
         /v3) (HTTP 200).",
    );
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
