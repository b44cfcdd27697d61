use crate::support::cli::*;
use coupon_kiosk::sandbox::SandboxConfig;
use std::collections::HashSet;

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
    assert_clear_failure(&f.run(&["sessions", "cam_nothere"]), 1, "The account has no coupon with this id: list the coupons and their ids with coupon-kiosk coupons (error 502).");
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
    assert_clear_failure(&f.run(&["issue", "cam_nothere"]), 1, "The account has no coupon with this id: list the coupons and their ids with coupon-kiosk coupons (error 502).");
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
        "The account has no folder with this id: check the folder id in Coupontools (error 515).",
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
        "No email integration is set up in the Coupontools account: set one up under Integrations, \
         Email marketing, then send again (error 104).",
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
        "No wallet holds this coupon yet, so no push notification was sent: send it once customers \
         have saved the coupon (error 507).",
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
