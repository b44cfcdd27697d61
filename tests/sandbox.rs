//! The sandbox over real HTTP (reqwest straight at `sandbox::spawn`, never `crate::api`):
//! session endpoints, credentials, bodies, state rules, concurrency and injected failures.

mod support;

use coupon_kiosk::sandbox::{FailureKind, FaultPlan, SandboxConfig, DEMO_CLIENT_ID, DEMO_CLIENT_SECRET};
use serde_json::Value;
use support::codes::*;
use support::wire::*;
use time::macros::format_description;
use time::{OffsetDateTime, PrimitiveDateTime};

fn wire_date(s: &str) -> OffsetDateTime {
    PrimitiveDateTime::parse(
        s,
        format_description!("[year]-[month]-[day] [hour]:[minute]:[second]"),
    )
    .unwrap_or_else(|e| panic!("{s:?} is not a wire date: {e}"))
    .assume_utc()
}

#[tokio::test]
async fn session_data_is_the_published_object() {
    let api = Api::start().await;
    let s = api.session(CLAIMED).await;
    assert_eq!(s["action"], "retrieve_all_session_data");
    assert_eq!(s["campaign"], "cam_demo01");
    assert_eq!(s["session"], CLAIMED);
    assert!(
        s["sequenceid"].as_str().is_some_and(|q| q.parse::<u64>().is_ok()),
        "{s}"
    );
    assert!(
        s["session_url"]
            .as_str()
            .is_some_and(|u| u.ends_with("/p/ac6s7u/ac6s7u3g8a25ja7x9qg87")),
        "{s}"
    );
    let status = &s["data"]["status"];
    assert_eq!(status["claimed"], "1");
    assert_eq!(status["validated"], "0");
    assert_eq!(status["voided"], "0");
    assert_eq!(status["locked"], "0");
    assert_eq!(status["validation_date_utc"], "");
    assert_eq!(status["expiration_date"], "2099-12-31 23:59:59");
    wire_date(status["claim_date_utc"].as_str().unwrap_or_default());
    assert_eq!(status["utm_source"], Value::Null);
    let user = &s["data"]["user"];
    assert_eq!(
        (
            &user["firstname"],
            &user["lastname"],
            &user["email"],
            &user["phone"]
        ),
        (
            &"Jane".into(),
            &"Doe".into(),
            &"jane@example.com".into(),
            &"+447911123456".into()
        )
    );
    assert_eq!(user["customfield7"], "");

    let validated = api.session(VALIDATED).await;
    assert_eq!(flag(&validated, "validated"), "1");
    assert_eq!(
        validated["data"]["status"]["validation_date_utc"],
        "2026-11-20 14:03:00"
    );
    assert_eq!(validated["data"]["user"]["email"], "john@example.com");
    assert_eq!(
        api.session(CUSTOM_CODE).await["data"]["status"]["own_validation_code"],
        "WELCOME2026"
    );
    assert_eq!(flag(&api.session(UNCLAIMED).await, "claimed"), "0");
    assert_eq!(flag(&api.session(UNCLAIMED).await, "opened"), "1");
    assert_eq!(
        api.session(EXPIRED).await["data"]["status"]["expiration_date"],
        "2025-01-31 23:59:59"
    );
    assert_eq!(
        api.session(FLEXIBLE).await["data"]["status"]["expiration_date"],
        ""
    );
}

#[tokio::test]
async fn short_codes_and_any_case_name_the_same_session() {
    let api = Api::start().await;
    for code in ["ac6s7u", "AC6S7U", "AC6S7U3G8A25JA7X9QG87"] {
        assert_eq!(api.session(code).await["session"], CLAIMED, "{code}");
    }
    let updated = api.update("oneeoj", "validate").await;
    assert_eq!(updated.ok()["session"], CLAIMED_2);
    api.post(
        "couponsession/update",
        &[("couponsession", "1091aw"), ("customfield1", "till 3")],
    )
    .await
    .ok();
    assert_eq!(
        api.session(CUSTOM_CODE).await["data"]["user"]["customfield1"],
        "till 3"
    );
}

#[tokio::test]
async fn session_data_errors() {
    let api = Api::start().await;
    let api = &api;
    let data =
        |code: &'static str| async move { api.post("couponsession/data", &[("couponsession", code)]).await };
    api.post("couponsession/data", &[])
        .await
        .refused(200, "Missing parameter: couponsession");
    data("  ").await.refused(200, "Missing parameter: couponsession");
    data("ac6s7u3g8a25ja7x9qg8!")
        .await
        .refused(300, "Invalid character in parameter: couponsession");
    data("ac6s7u 3g8")
        .await
        .refused(300, "Invalid character in parameter: couponsession");
    data("zzzzzzzzzzzzzzzzzzzzz")
        .await
        .refused(513, "Coupon session not found");
    data("zzzzzz").await.refused(513, "Coupon session not found");
    data("ac6s7u3g").await.refused(513, "Coupon session not found");
}

#[tokio::test]
async fn credentials_in_headers_or_body_json_or_form() {
    let api = Api::start().await;
    // Headers + JSON (the helper's default).
    api.post("couponsession/data", &[("couponsession", CLAIMED)])
        .await
        .ok();
    // Body + form.
    let form = api
        .post_form("couponsession/data", &[("couponsession", CLAIMED)])
        .await;
    assert_eq!(form.ok()["session"], CLAIMED);
    // Body + JSON.
    let json_body = serde_json::json!({
        "client_id": DEMO_CLIENT_ID, "client_secret": DEMO_CLIENT_SECRET, "couponsession": CLAIMED
    });
    api.send(api.http.post(api.url("couponsession/data")).json(&json_body))
        .await
        .ok();
    // Headers + form.
    let req = api
        .http
        .post(api.url("couponsession/data"))
        .header("X-Client-Id", DEMO_CLIENT_ID)
        .header("X-Client-Secret", DEMO_CLIENT_SECRET)
        .form(&[("couponsession", CLAIMED)]);
    api.send(req).await.ok();

    const BAD: &str = "HTTP/1.0 401 Unauthorized. Client ID or Secret not correct.";
    let url = api.url("couponsession/data");
    let no_credentials = api
        .http
        .post(&url)
        .json(&serde_json::json!({"couponsession": CLAIMED}));
    api.send(no_credentials).await.fails(401, 1000, BAD);
    let wrong_secret = api
        .http
        .post(&url)
        .header("X-Client-Id", DEMO_CLIENT_ID)
        .header("X-Client-Secret", "guess")
        .json(&serde_json::json!({"couponsession": CLAIMED}));
    api.send(wrong_secret).await.fails(401, 1000, BAD);
    let wrong_body = api.http.post(&url).form(&[
        ("client_id", "demo"),
        ("client_secret", "nope"),
        ("couponsession", CLAIMED),
    ]);
    api.send(wrong_body).await.fails(401, 1000, BAD);
    // Credentials are checked before anything else: a bad request without them is still 401.
    let missing_everything = api.http.post(api.url("singleuse/remove")).form(&[("x", "y")]);
    api.send(missing_everything).await.fails(401, 1000, BAD);

    // Other credentials when the sandbox was given others.
    let custom = Api::with(SandboxConfig {
        client_id: "till7".into(),
        client_secret: "s3cret".into(),
        ..SandboxConfig::default()
    })
    .await;
    custom
        .post("couponsession/data", &[("couponsession", CLAIMED)])
        .await
        .fails(401, 1000, BAD);
    let req = custom
        .http
        .post(custom.url("couponsession/data"))
        .header("X-Client-Id", "till7")
        .header("X-Client-Secret", "s3cret")
        .json(&serde_json::json!({"couponsession": CLAIMED}));
    custom.send(req).await.ok();
}

#[tokio::test]
async fn unreadable_bodies_and_unknown_endpoints() {
    let api = Api::start().await;
    let garbage = api
        .http
        .post(api.url("couponsession/data"))
        .header("X-Client-Id", DEMO_CLIENT_ID)
        .header("X-Client-Secret", DEMO_CLIENT_SECRET)
        .header("Content-Type", "application/json")
        .body("{not json");
    let answer = api.send(garbage).await;
    assert_eq!(
        (answer.http, &answer.json["status"]["errors"]["error_code"]),
        (400, &Value::from(400))
    );
    let unknown = api.post("couponsession/explode", &[]).await;
    assert_eq!(
        (unknown.http, &unknown.json["status"]["status"]),
        (404, &Value::from("failed"))
    );
}

/// Each operation from each demo state: `None` = OK, else the documented code and message.
fn expected(op: &str, code: &str) -> Option<(u64, &'static str)> {
    let voided = [VOIDED, FLEXIBLE].contains(&code);
    match op {
        "void" if voided => Some((355, "Session was already voided")),
        "void" => None,
        "unvoid" if voided => None,
        "unvoid" => Some((357, "Session wasn't voided")),
        "lock" => match code {
            VALIDATED => Some((358, "Session could not be locked because it is already validated")),
            VOIDED | FLEXIBLE => Some((355, "Session could not be locked because it is voided")),
            LOCKED => Some((354, "Session already was locked before")),
            EXPIRED => Some((351, "Session or coupon has expired")),
            UNCLAIMED => Some((352, "Session could not be locked because it is not claimed")),
            _ => None,
        },
        "unlock" => match code {
            VOIDED | FLEXIBLE => Some((355, "Session could not be unlocked because it is voided")),
            LOCKED => None,
            _ => Some((356, "Session was already unlocked")),
        },
        "claim" => match code {
            VOIDED | FLEXIBLE => Some((355, "This coupon is voided")),
            UNCLAIMED => None,
            _ => Some((352, "Session already was claimed before")),
        },
        "validate" => match code {
            VOIDED | FLEXIBLE => Some((355, "This coupon is voided")),
            VALIDATED => Some((358, "This session was already validated")),
            LOCKED => Some((354, "This coupon is locked")),
            EXPIRED => Some((351, "Session or coupon has expired")),
            _ => None,
        },
        "unvalidate" if code == VALIDATED => None,
        "unvalidate" => Some((353, "Session was already unvalidated")),
        "activate" => match code {
            VALIDATED => Some((358, "This session was already validated")),
            EXPIRED => Some((351, "Session or coupon has expired")),
            _ => None,
        },
        _ => unreachable!("unknown operation {op}"),
    }
}

const ALL_DEMO: [&str; 9] = [
    CLAIMED,
    CLAIMED_2,
    VALIDATED,
    VOIDED,
    LOCKED,
    EXPIRED,
    UNCLAIMED,
    CUSTOM_CODE,
    FLEXIBLE,
];

#[tokio::test]
async fn every_operation_from_every_demo_state() {
    for op in [
        "void",
        "unvoid",
        "lock",
        "unlock",
        "claim",
        "validate",
        "unvalidate",
        "activate",
    ] {
        // A fresh account per operation; within it each session sees only this operation.
        let api = Api::start().await;
        for code in ALL_DEMO {
            let before = api.session(code).await;
            let answer = api.update(code, op).await;
            match expected(op, code) {
                Some((err, message)) => {
                    answer.refused(err, message);
                    assert_eq!(
                        api.session(code).await,
                        before,
                        "{op} on {code} was refused but changed the session"
                    );
                }
                None => {
                    let s = answer.ok();
                    assert_eq!(
                        (s["action"].as_str(), s["session"].as_str()),
                        (Some("session_updated"), Some(code))
                    );
                    let (name, value) = match op {
                        "void" => ("voided", "1"),
                        "unvoid" | "activate" => ("voided", "0"),
                        "lock" => ("locked", "1"),
                        "unlock" => ("locked", "0"),
                        "claim" => ("claimed", "1"),
                        "validate" => ("validated", "1"),
                        _ => ("validated", "0"),
                    };
                    assert_eq!(flag(s, name), value, "{op} on {code}: {s}");
                    assert_eq!(
                        flag(&api.session(code).await, name),
                        value,
                        "{op} on {code} not stored"
                    );
                }
            }
        }
    }
}

#[tokio::test]
async fn validate_stamps_the_date_and_claims_an_unclaimed_session() {
    let api = Api::start().await;
    let before = OffsetDateTime::now_utc()
        .replace_nanosecond(0)
        .unwrap_or(OffsetDateTime::UNIX_EPOCH);
    let s = api.update(UNCLAIMED, "validate").await;
    let s = s.ok();
    assert_eq!((flag(s, "validated"), flag(s, "claimed")), ("1", "1"));
    assert_eq!(s["data"]["status"]["claimtype"], "validation");
    let stamped = wire_date(
        s["data"]["status"]["validation_date_utc"]
            .as_str()
            .unwrap_or_default(),
    );
    assert!(
        stamped >= before,
        "validation date {stamped} before the request {before}"
    );
    // Unvalidate clears it; validating again works once more.
    let undone = api.update(UNCLAIMED, "unvalidate").await;
    assert_eq!(undone.ok()["data"]["status"]["validation_date_utc"], "");
    api.update(UNCLAIMED, "validate").await.ok();
    api.update(UNCLAIMED, "validate")
        .await
        .refused(358, "This session was already validated");
}

#[tokio::test]
async fn activate_starts_the_flexible_30_day_window_once() {
    let api = Api::start().await;
    let now = OffsetDateTime::now_utc();
    let answer = api.update(FLEXIBLE, "activate").await;
    let s = answer.ok();
    assert_eq!(flag(s, "voided"), "0");
    assert!(!s["data"]["status"]["unvoided_date_utc"]
        .as_str()
        .unwrap_or_default()
        .is_empty());
    let expiry = s["data"]["status"]["expiration_date"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    let window = wire_date(&expiry) - now;
    assert!(
        window > time::Duration::days(29) && window <= time::Duration::days(30),
        "window {window}"
    );
    // Activating again keeps the window; the session can now be validated.
    let again = api.update(FLEXIBLE, "activate").await;
    assert_eq!(again.ok()["data"]["status"]["expiration_date"], expiry.as_str());
    api.update(FLEXIBLE, "validate").await.ok();
    // A fixed-expiry coupon keeps its date.
    let fixed = api.update(VOIDED, "activate").await;
    assert_eq!(
        fixed.ok()["data"]["status"]["expiration_date"],
        "2099-12-31 23:59:59"
    );
}

#[tokio::test]
async fn update_fields_and_their_errors() {
    let api = Api::start().await;
    let mut params = vec![
        ("couponsession", CLAIMED),
        ("customid", "Till42"),
        ("money_spent", "12.5"),
    ];
    let names: Vec<String> = (1..=7).map(|i| format!("customfield{i}")).collect();
    let values: Vec<String> = (1..=7).map(|i| format!("note {i}")).collect();
    for (n, v) in names.iter().zip(&values) {
        params.push((n.as_str(), v.as_str()));
    }
    let answer = api.post("couponsession/update", &params).await;
    let s = answer.ok();
    assert_eq!(s["customid"], "Till42");
    assert_eq!(s["data"]["status"]["money_spent"], "12.500");
    for i in 1..=7 {
        assert_eq!(s["data"]["user"][format!("customfield{i}")], format!("note {i}"));
    }
    assert_eq!(flag(s, "validated"), "0", "no operation, no state change");
    // The same fields through a form body, credentials in the body.
    let form = api
        .post_form(
            "couponsession/update",
            &[
                ("couponsession", CLAIMED_2),
                ("money_spent", "3"),
                ("operation", "validate"),
            ],
        )
        .await;
    assert_eq!(
        (
            form.ok()["data"]["status"]["money_spent"].as_str(),
            flag(form.ok(), "validated")
        ),
        (Some("3.000"), "1")
    );

    let api = &api;
    let up = |extra: &[(&'static str, &'static str)]| {
        let mut p = vec![("couponsession", CLAIMED)];
        p.extend_from_slice(extra);
        async move { api.post("couponsession/update", &p).await }
    };
    up(&[("customid", "not-plain")])
        .await
        .refused(300, "Invalid character in parameter: customid");
    let long_id = "a".repeat(51);
    api.post(
        "couponsession/update",
        &[("couponsession", CLAIMED), ("customid", &long_id)],
    )
    .await
    .refused(300, "Invalid character in parameter: customid");
    let long_field = "x".repeat(51);
    api.post(
        "couponsession/update",
        &[("couponsession", CLAIMED), ("customfield3", &long_field)],
    )
    .await
    .refused(302, "Invalid value in parameter: customfield3");
    up(&[("operation", "explode")])
        .await
        .refused(302, "Invalid value in parameter: operation");
    up(&[("money_spent", "12,50")])
        .await
        .refused(300, "Invalid character in parameter: money_spent");
    api.post("couponsession/update", &[("operation", "validate")])
        .await
        .refused(200, "Missing parameter: couponsession");
    api.post(
        "couponsession/update",
        &[("couponsession", "ab#cd"), ("operation", "validate")],
    )
    .await
    .refused(300, "Invalid character in parameter: couponsession");
    api.update("zzzzzzzzzzzzzzzzzzzzz", "validate")
        .await
        .refused(512, "Coupon session not found");
    api.update("zzzzzz", "validate")
        .await
        .refused(512, "Coupon session not found");

    // A refused operation changes no field either.
    api.post(
        "couponsession/update",
        &[
            ("couponsession", VALIDATED),
            ("operation", "validate"),
            ("customfield1", "x"),
        ],
    )
    .await
    .refused(358, "This session was already validated");
    assert_eq!(api.session(VALIDATED).await["data"]["user"]["customfield1"], "");
}

#[tokio::test]
async fn search_by_code_email_and_phone() {
    let api = Api::start().await;
    let codes = |a: &Answer| -> Vec<String> {
        let ok = a.ok();
        assert_eq!(ok["action"], "search");
        ok["results"]
            .as_array()
            .map(|r| {
                r.iter()
                    .filter_map(|s| s["session"].as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default()
    };
    let jane = api
        .post("couponsession/search", &[("email", "JANE@example.com")])
        .await;
    assert_eq!(codes(&jane), [CLAIMED, CLAIMED_2]);
    assert_eq!(jane.ok()["results"][0]["data"]["user"]["firstname"], "Jane");
    for phone in ["+447911123456", "+44 7911 123456", "07911 123456"] {
        let found = api.post("couponsession/search", &[("phone", phone)]).await;
        assert_eq!(codes(&found), [CLAIMED, CLAIMED_2], "{phone}");
    }
    let by_code = api.post("couponsession/search", &[("code", "welcome2026")]).await;
    assert_eq!(codes(&by_code), [CUSTOM_CODE]);
    let both = api
        .post_form(
            "couponsession/search",
            &[("email", "john@example.com"), ("phone", "+14155550123")],
        )
        .await;
    assert_eq!(codes(&both), [VALIDATED]);

    api.post("couponsession/search", &[])
        .await
        .refused(200, "No filter defined");
    api.post("couponsession/search", &[("code", "WELC")])
        .await
        .refused(300, "Search field 'code' must be at least 5 characters");
    api.post("couponsession/search", &[("email", "a@b")])
        .await
        .refused(300, "Search field 'email' must be at least 5 characters");
    api.post("couponsession/search", &[("phone", "1234")])
        .await
        .refused(300, "Search field 'phone' must be at least 5 characters");
    api.post("couponsession/search", &[("email", "nobody@example.com")])
        .await
        .refused(512, "No results found");

    let in_campaign = api
        .post(
            "campaignsession/search",
            &[("campaign", "cam_demo01"), ("email", "jane@example.com")],
        )
        .await;
    assert_eq!(codes(&in_campaign), [CLAIMED, CLAIMED_2]);
    api.post(
        "campaignsession/search",
        &[("campaign", "cam_demo02"), ("email", "jane@example.com")],
    )
    .await
    .refused(512, "No results found");
    api.post("campaignsession/search", &[("email", "jane@example.com")])
        .await
        .refused(200, "No parameter campaign");
    api.post(
        "campaignsession/search",
        &[("campaign", "cam_nothere"), ("email", "jane@example.com")],
    )
    .await
    .refused(502, "campaign not found");
    api.post("campaignsession/search", &[("campaign", "cam_demo01")])
        .await
        .refused(200, "No filter defined");
}

#[tokio::test]
async fn remove_a_session_and_its_errors() {
    let api = Api::start().await;
    let api = &api;
    let remove = |campaign: &'static str, code: &'static str| async move {
        api.post(
            "singleuse/remove",
            &[("campaign", campaign), ("couponsession", code)],
        )
        .await
    };
    api.post("singleuse/remove", &[("couponsession", CLAIMED)])
        .await
        .refused(200, "Missing parameter: campaign");
    remove("cam demo01", CLAIMED)
        .await
        .refused(301, "Invalid character in parameter: campaign");
    remove("cam_nothere", CLAIMED)
        .await
        .refused(502, "Campaign ID not found");
    remove("cam_demo01", "zzzzzzzzzzzzzzzzzzzzz")
        .await
        .refused(513, "Coupon session not found");
    remove("cam_demo02", CLAIMED)
        .await
        .refused(513, "Coupon session not found");
    api.post("singleuse/remove", &[("campaign", "cam_demo01")])
        .await
        .refused(200, "Missing parameter: couponsession");

    let removed = remove("cam_demo01", "ac6s7u").await;
    assert_eq!(removed.ok()["session"], CLAIMED);
    api.post("couponsession/data", &[("couponsession", CLAIMED)])
        .await
        .refused(513, "Coupon session not found");
    remove("cam_demo01", CLAIMED)
        .await
        .refused(513, "Coupon session not found");
}

#[tokio::test]
async fn thirty_two_simultaneous_validations_one_wins() {
    let api = Api::start().await;
    let attempts = (0..32).map(|i| {
        // Half by full code, half by short code: both name the same session.
        let code = if i % 2 == 0 { CLAIMED } else { "ac6s7u" };
        api.update(code, "validate")
    });
    let answers = futures::future::join_all(attempts).await;
    let wins = answers.iter().filter(|a| a.http == 200).count();
    assert_eq!(wins, 1, "exactly one validation succeeds");
    for a in answers.iter().filter(|a| a.http != 200) {
        a.refused(358, "This session was already validated");
    }
    assert_eq!(flag(&api.session(CLAIMED).await, "validated"), "1");
}

/// Forces one failure kind on `couponsession/update` and validates `code` through it.
async fn validate_through(api: &Api, kind: FailureKind, code: &str) -> reqwest::Result<Answer> {
    api.sandbox.set_fault_plan(FaultPlan {
        fail_rate: 1.0,
        kinds: vec![kind],
        only_paths: vec!["couponsession/update".into()],
        ..FaultPlan::default()
    });
    let result = api
        .try_post(
            "couponsession/update",
            &[("couponsession", code), ("operation", "validate")],
        )
        .await;
    api.sandbox.set_fault_plan(FaultPlan::default());
    result
}

#[tokio::test]
async fn injected_failures_before_and_after_the_commit() {
    let api = Api::start().await;

    let before_503 = validate_through(&api, FailureKind::UnavailableBefore, CLAIMED)
        .await
        .expect("an answer");
    before_503.fails(503, 503, "HTTP/1.0 503 Service Unavailable.");
    assert_eq!(
        flag(&api.session(CLAIMED).await, "validated"),
        "0",
        "503 before: nothing happened"
    );

    let dropped = validate_through(&api, FailureKind::DropBefore, CLAIMED_2).await;
    assert!(
        dropped.is_err(),
        "the connection is dropped, not answered: {dropped:?}"
    );
    assert_eq!(
        flag(&api.session(CLAIMED_2).await, "validated"),
        "0",
        "dropped before: nothing happened"
    );

    let after_503 = validate_through(&api, FailureKind::UnavailableAfterCommit, CUSTOM_CODE)
        .await
        .expect("an answer");
    after_503.fails(503, 503, "HTTP/1.0 503 Service Unavailable.");
    assert_eq!(
        flag(&api.session(CUSTOM_CODE).await, "validated"),
        "1",
        "503 after: it happened"
    );

    let dropped_after = validate_through(&api, FailureKind::DropAfterCommit, UNCLAIMED).await;
    assert!(
        dropped_after.is_err(),
        "the connection is dropped, not answered: {dropped_after:?}"
    );
    assert_eq!(
        flag(&api.session(UNCLAIMED).await, "validated"),
        "1",
        "dropped after commit: it is validated"
    );
    // And a retry of that validation says so.
    api.update(UNCLAIMED, "validate")
        .await
        .refused(358, "This session was already validated");
}

#[tokio::test]
async fn a_fail_rate_from_the_config_hits_some_requests_only() {
    let api = Api::with(SandboxConfig {
        fail_rate: 0.5,
        failure_kinds: vec![FailureKind::UnavailableBefore],
        fault_seed: Some(7),
        latency: std::time::Duration::from_millis(1),
        ..SandboxConfig::default()
    })
    .await;
    let mut failed = 0;
    for _ in 0..40 {
        let a = api
            .post("couponsession/data", &[("couponsession", CLAIMED)])
            .await;
        if a.http == 503 {
            failed += 1;
        } else {
            a.ok();
        }
    }
    assert!((5..=35).contains(&failed), "{failed} of 40 failed at rate 0.5");
}

fn decode_png(bytes: &[u8], format: rxing::BarcodeFormat) -> String {
    let img = image::load_from_memory_with_format(bytes, image::ImageFormat::Png)
        .expect("a PNG")
        .to_luma8();
    let (w, h) = img.dimensions();
    rxing::helpers::detect_in_luma(img.into_raw(), w, h, Some(format))
        .unwrap_or_else(|e| panic!("no {format:?} in the image: {e}"))
        .getText()
        .to_string()
}

#[tokio::test]
async fn barcodes_of_every_type_decode_to_the_session_code() {
    use rxing::BarcodeFormat::*;
    let api = Api::start().await;
    for (kind, format, expected) in [
        ("code39", CODE_39, CLAIMED.to_ascii_uppercase()),
        ("code128b", CODE_128, CLAIMED.to_string()),
        ("pdf417", PDF_417, CLAIMED.to_string()),
        ("aztec", AZTEC, CLAIMED.to_string()),
        ("qrcode", QR_CODE, CLAIMED.to_string()),
    ] {
        // The short code names the session; the symbol holds the full code.
        let answer = api
            .post(
                "couponsession/barcode",
                &[("couponsession", "ac6s7u"), ("type", kind)],
            )
            .await;
        assert_eq!(
            (answer.http, answer.content_type.as_str()),
            (200, "image/png"),
            "{kind}"
        );
        assert!(
            answer.bytes.starts_with(b"\x89PNG\r\n\x1a\n"),
            "{kind} is not a PNG"
        );
        assert_eq!(decode_png(&answer.bytes, format), expected, "{kind}");
    }
    let form = api
        .post_form(
            "couponsession/barcode",
            &[("couponsession", VALIDATED), ("type", "qrcode")],
        )
        .await;
    assert_eq!(decode_png(&form.bytes, QR_CODE), VALIDATED);
}

#[tokio::test]
async fn barcode_errors_are_400_with_the_seed_texts() {
    let api = Api::start().await;
    let b = |params: &'static [(&'static str, &'static str)]| {
        let api = &api;
        async move { api.post("couponsession/barcode", params).await }
    };
    b(&[("type", "qrcode")])
        .await
        .fails(400, 400, "Missing parameter: couponsession");
    b(&[("couponsession", "zzzzzzzzzzzzzzzzzzzzz"), ("type", "qrcode")])
        .await
        .fails(400, 400, "Couponsession zzzzzzzzzzzzzzzzzzzzz does not exist");
    b(&[("couponsession", "no/such"), ("type", "qrcode")])
        .await
        .fails(400, 400, "Couponsession no/such does not exist");
    b(&[("couponsession", CLAIMED)])
        .await
        .fails(400, 400, "Missing parameter: type");
    b(&[("couponsession", CLAIMED), ("type", "ean13")])
        .await
        .fails(400, 400, "Unsupported type: ean13");
}

#[tokio::test]
async fn a_database_file_keeps_its_state_across_restarts() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("sandbox.sqlite");
    let config = || SandboxConfig {
        db_path: Some(path.clone()),
        ..SandboxConfig::default()
    };
    let first = Api::with(config()).await;
    first.update(CLAIMED, "validate").await.ok();
    first.sandbox.shutdown().await;

    let second = Api::with(config()).await;
    assert_eq!(flag(&second.session(CLAIMED).await, "validated"), "1");
    let listed = second.post("campaign/data", &[("campaign", "cam_demo03")]).await;
    assert_eq!(
        listed.ok()["total_results"].as_u64(),
        Some(12_001),
        "demo data loaded once"
    );
}

#[tokio::test]
async fn an_empty_account_without_demo_data() {
    let api = Api::with(SandboxConfig {
        demo_data: false,
        ..SandboxConfig::default()
    })
    .await;
    api.post("couponsession/data", &[("couponsession", CLAIMED)])
        .await
        .refused(513, "Coupon session not found");
    assert_eq!(
        api.post("coupon/list", &[]).await.ok()["coupon_info"],
        serde_json::json!([])
    );
}
