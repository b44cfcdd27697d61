//! The rest of the seed API on the sandbox over real HTTP: coupons, session lists,
//! batch updates, single-use issuing, delivery and push.

mod support;

use coupon_kiosk::sandbox::{Channel, SandboxConfig};
use serde_json::Value;
use std::collections::HashSet;
use support::codes::*;
use support::wire::*;

fn strings(v: &Value, field: &str) -> Vec<String> {
    v.as_array()
        .map(|a| {
            a.iter()
                .filter_map(|x| x[field].as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

#[tokio::test]
async fn coupon_list_and_its_filters() {
    let api = Api::start().await;
    let ids = |a: &Answer| strings(&a.ok()["coupon_info"], "ID");
    let all = api.post("coupon/list", &[]).await;
    assert_eq!(ids(&all), ["cam_demo01", "cam_demo02", "cam_demo03"]);
    let first = &all.ok()["coupon_info"][0];
    assert_eq!(
        (
            &first["title"],
            &first["status"],
            &first["folder"],
            &first["tags"],
            &first["category"]
        ),
        (
            &"A free coffee with any pastry".into(),
            &"active".into(),
            &"fol_food".into(),
            &"coffee,breakfast".into(),
            &"cat_food".into()
        )
    );
    assert!(first["url"]
        .as_str()
        .is_some_and(|u| u.ends_with("/c/cam_demo01")));
    let list = |params: &'static [(&'static str, &'static str)]| {
        let api = &api;
        async move { api.post("coupon/list", params).await }
    };
    assert_eq!(
        ids(&list(&[("only_active", "true")]).await),
        ["cam_demo01", "cam_demo03"]
    );
    assert_eq!(ids(&list(&[("only_active", "false")]).await).len(), 3);
    assert_eq!(
        ids(&list(&[("folder", "fol_food")]).await),
        ["cam_demo01", "cam_demo03"]
    );
    assert!(ids(&list(&[("folder", "fol_archive")]).await).is_empty());
    assert_eq!(ids(&list(&[("tags", "COFFEE, breakfast")]).await), ["cam_demo01"]);
    assert!(ids(&list(&[("tags", "coffee,retail")]).await).is_empty());
    assert_eq!(ids(&list(&[("category", "cat_retail")]).await), ["cam_demo02"]);
    assert_eq!(
        ids(&api.post_form("coupon/list", &[("category", "cat_loyalty")]).await),
        ["cam_demo03"]
    );
    list(&[("folder", "fol_nothere")])
        .await
        .refused(515, "Folder not found");
}

#[tokio::test]
async fn coupon_info_with_and_without_usage() {
    let api = Api::start().await;
    let info = api.post("coupon/info", &[("campaign", "cam_demo02")]).await;
    let c = &info.ok()["coupon_info"];
    assert_eq!(
        (&c["ID"], &c["status"]),
        (&"cam_demo02".into(), &"inactive".into())
    );
    assert!(c.get("custom_codes_total").is_none());
    let usage = api
        .post(
            "coupon/info",
            &[("campaign", "cam_demo02"), ("show_usage_stats", "true")],
        )
        .await;
    let c = &usage.ok()["coupon_info"];
    assert_eq!(
        (
            c["custom_codes_total"].as_u64(),
            c["custom_codes_claimed"].as_u64()
        ),
        (Some(1), Some(1))
    );
    let flexible = api.post("coupon/info", &[("campaign", "cam_demo03")]).await;
    assert_eq!(flexible.ok()["coupon_info"]["flexible_expiry_days"], "30");

    api.post("coupon/info", &[])
        .await
        .refused(200, "Missing parameter: campaign");
    api.post("coupon/info", &[("campaign", "cam-demo01")])
        .await
        .refused(301, "Invalid character in parameter: campaign");
    api.post("coupon/info", &[("campaign", "cam_nothere")])
        .await
        .refused(502, "Campaign ID not found");
}

/// Every record of a campaign list, page by page (bounded), checking the paging fields.
async fn all_pages(api: &Api, path: &str, extra: &[(&str, &str)]) -> Vec<Value> {
    let mut out = Vec::new();
    for page in 1..=10u64 {
        let page_text = page.to_string();
        let mut params = vec![("campaign", "cam_demo03"), ("page", page_text.as_str())];
        params.extend_from_slice(extra);
        let answer = api.post(path, &params).await;
        let body = answer.ok();
        let data = body["data"].as_array().cloned().unwrap_or_default();
        assert_eq!(body["amount_of_results"].as_u64(), Some(data.len() as u64));
        assert!(data.len() <= 5000);
        if data.is_empty() {
            assert_eq!(body["total_results"].as_u64(), Some(out.len() as u64));
            return out;
        }
        out.extend(data);
    }
    panic!("more than 10 pages");
}

#[tokio::test]
async fn campaign_data_pages_hold_every_session_exactly_once() {
    let api = Api::start().await;
    let first = api.post("campaign/data", &[("campaign", "cam_demo03")]).await;
    let first = first.ok();
    assert_eq!(
        (first["amount_of_results"].as_u64(), first["page"].as_u64()),
        (Some(5000), Some(1))
    );
    assert_eq!(
        (first["total_results"].as_u64(), first["total_pages"].as_u64()),
        (Some(12_001), Some(3))
    );
    let record = &first["data"][0];
    assert!(record["sequenceid"]
        .as_str()
        .is_some_and(|s| s.parse::<u64>().is_ok()));
    for key in [
        "open_date_utc",
        "claim_date_utc",
        "validation_date_utc",
        "voided_date_utc",
        "locked",
        "own_validation_code",
    ] {
        assert!(
            record["status"].get(key).is_some(),
            "record lacks {key}: {record}"
        );
    }

    let all = all_pages(&api, "campaign/data", &[]).await;
    assert_eq!(all.len(), 12_001);
    let codes: HashSet<String> = all
        .iter()
        .filter_map(|r| r["session"].as_str().map(str::to_string))
        .collect();
    assert_eq!(codes.len(), 12_001, "a session appears on two pages");
    assert!(codes.contains(FLEXIBLE));
    let seqs: Vec<u64> = all
        .iter()
        .filter_map(|r| r["sequenceid"].as_str()?.parse().ok())
        .collect();
    assert!(
        seqs.windows(2).all(|w| w[0] < w[1]),
        "pages are in sequence order"
    );

    // The narrower lists hold exactly the sessions with that date set.
    for (path, flag_name, date) in [
        ("campaign/opens", "opened", "open_date_utc"),
        ("campaign/claims", "claimed", "claim_date_utc"),
        ("campaign/validations", "validated", "validation_date_utc"),
    ] {
        let expected: HashSet<&str> = all
            .iter()
            .filter(|r| r["status"][flag_name] == "1")
            .filter_map(|r| r["session"].as_str())
            .collect();
        let listed = all_pages(&api, path, &[]).await;
        assert!(listed
            .iter()
            .all(|r| r["status"][date].as_str().is_some_and(|d| !d.is_empty())));
        let got: HashSet<&str> = listed.iter().filter_map(|r| r["session"].as_str()).collect();
        assert_eq!((got.len(), &got), (listed.len(), &expected), "{path}");
    }
}

#[tokio::test]
async fn date_filters_include_both_ends_in_both_formats() {
    let api = Api::start().await;
    let count = |extra: &'static [(&'static str, &'static str)], path: &'static str| {
        let api = &api;
        async move {
            let mut params = vec![("campaign", "cam_demo03")];
            params.extend_from_slice(extra);
            api.post(path, &params).await.ok()["total_results"].as_u64()
        }
    };
    // One generated session every 20 minutes from 2026-01-01 00:00 UTC.
    let day = &[("start_date", "2026-01-01"), ("end_date", "2026-01-01")];
    assert_eq!(count(day, "campaign/data").await, Some(72));
    let minutes = &[
        ("start_date", "2026-01-01 00:20"),
        ("end_date", "2026-01-01 01:00"),
    ];
    assert_eq!(
        count(minutes, "campaign/data").await,
        Some(3),
        "00:20, 00:40 and 01:00"
    );
    let dashed = &[
        ("start_date", "2026-01-01 00-20"),
        ("end_date", "2026-01-01 01-00"),
    ];
    assert_eq!(count(dashed, "campaign/data").await, Some(3));
    assert_eq!(
        count(&[("end_date", "2026-01-01 00:00")], "campaign/data").await,
        Some(1)
    );
    // Validations fall three days after creation, for 2 sessions in 10.
    let validated = &[("start_date", "2026-01-04"), ("end_date", "2026-01-04")];
    assert_eq!(count(validated, "campaign/validations").await, Some(16));
    assert_eq!(
        count(&[("start_date", "2099-01-01")], "campaign/claims").await,
        Some(0)
    );
}

#[tokio::test]
async fn campaign_list_errors() {
    let api = Api::start().await;
    for path in [
        "campaign/data",
        "campaign/opens",
        "campaign/claims",
        "campaign/validations",
    ] {
        let with = |extra: &[(&'static str, &'static str)]| {
            let mut p = vec![("campaign", "cam_demo03")];
            p.extend_from_slice(extra);
            p
        };
        api.post(path, &[])
            .await
            .refused(200, "Missing parameter: campaign");
        api.post(path, &[("campaign", "cam_demo03;")])
            .await
            .refused(301, "Invalid character in parameter: campaign");
        for page in ["abc", "0", "-1", "1.5"] {
            api.post(path, &with(&[("page", page)]))
                .await
                .refused(301, "Invalid character in parameter: page");
        }
        for (name, other) in [("start_date", "end_date"), ("end_date", "start_date")] {
            let _ = other;
            api.post(path, &with(&[(name, "01/02/2026")])).await.refused(
                303,
                &format!("Parameter {name} must be in the following format: yyyy-MM-dd hh:mm or yyyy-MM-dd"),
            );
            api.post(path, &with(&[(name, "2026-02-30")]))
                .await
                .refused(303, &format!("Parameter {name} is not a valid date"));
        }
        api.post(path, &[("campaign", "cam_nothere")])
            .await
            .refused(502, "Campaign ID not found");
    }
}

async fn seq_of(api: &Api, code: &str) -> String {
    api.session(code).await["sequenceid"]
        .as_str()
        .unwrap_or_default()
        .to_string()
}

/// Issues `n` fresh sessions of a campaign; returns their codes and sequence ids.
async fn issue(api: &Api, campaign: &str, n: u32) -> Vec<(String, u64)> {
    let amount = n.to_string();
    let answer = api
        .post(
            "multiplesingleuse/create",
            &[("campaign", campaign), ("amount", &amount)],
        )
        .await;
    answer.ok()["data"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|e| {
                    Some((
                        e["single_use_code"].as_str()?.to_string(),
                        e["sequence_id"].as_u64()?,
                    ))
                })
                .collect()
        })
        .unwrap_or_default()
}

#[tokio::test]
async fn batch_update_is_all_or_nothing() {
    let api = Api::start().await;
    let issued = issue(&api, "cam_demo01", 5).await;
    assert_eq!(issued.len(), 5);
    let (start, end) = (issued[0].1.to_string(), issued[4].1.to_string());
    fn range<'a>(
        start: &'a str,
        end: &'a str,
        extra: &[(&'static str, &'a str)],
    ) -> Vec<(&'static str, &'a str)> {
        let mut p = vec![
            ("campaign", "cam_demo01"),
            ("startsequence", start),
            ("endsequence", end),
        ];
        p.extend_from_slice(extra);
        p
    }
    let batch = |extra: &[(&'static str, &'static str)]| range(&start, &end, extra);
    let claimed = api.post("batch/update", &batch(&[("operation", "claim")])).await;
    assert_eq!(claimed.ok()["updated"].as_u64(), Some(5));
    for (code, _) in &issued {
        assert_eq!(flag(&api.session(code).await, "claimed"), "1");
    }
    // One session in the range voided: locking the range changes none.
    api.update(&issued[2].0, "void").await.ok();
    api.post("batch/update", &batch(&[("operation", "lock")]))
        .await
        .refused(355, "Some session(s) were already voided");
    for (code, _) in &issued {
        assert_eq!(
            flag(&api.session(code).await, "locked"),
            "0",
            "{code} changed in a refused batch"
        );
    }
    // Custom fields alone apply to all; with an operation they apply only when it does.
    let noted = api
        .post("batch/update", &batch(&[("customfield2", "promo")]))
        .await;
    assert_eq!(noted.ok()["updated"].as_u64(), Some(5));
    assert_eq!(
        api.session(&issued[2].0).await["data"]["user"]["customfield2"],
        "promo"
    );
    // Only a start: everything from it on in the campaign.
    let from_start = api
        .post(
            "batch/update",
            &[
                ("campaign", "cam_demo01"),
                ("startsequence", &issued[3].1.to_string()),
                ("operation", "lock"),
            ],
        )
        .await;
    assert_eq!(from_start.ok()["updated"].as_u64(), Some(2));
    assert_eq!(flag(&api.session(&issued[4].0).await, "locked"), "1");
    // Only an end: everything up to it (here: a range holding the demo sessions, which refuse).
    let to_end = api
        .post(
            "batch/update",
            &[
                ("campaign", "cam_demo01"),
                ("endsequence", &issued[1].1.to_string()),
                ("operation", "unvoid"),
            ],
        )
        .await;
    to_end.refused(357, "Some session(s) weren't voided");
}

#[tokio::test]
async fn batch_update_refusals_per_state() {
    let api = Api::start().await;
    // The last generated cam_demo03 session is scheduled for 2099.
    let page3 = api
        .post("campaign/data", &[("campaign", "cam_demo03"), ("page", "3")])
        .await;
    let scheduled = page3.ok()["data"]
        .as_array()
        .and_then(|a| a.last())
        .and_then(|r| r["sequenceid"].as_str())
        .unwrap_or_default()
        .to_string();
    for (op, code, campaign, err, message) in [
        (
            "lock",
            VALIDATED,
            "cam_demo01",
            358,
            "Some session(s) were already validated",
        ),
        (
            "lock",
            LOCKED,
            "cam_demo01",
            354,
            "Some session(s) were already locked",
        ),
        ("lock", EXPIRED, "cam_demo01", 351, "Some session(s) are expired"),
        (
            "lock",
            UNCLAIMED,
            "cam_demo02",
            359,
            "Some session(s) weren't claimed",
        ),
        (
            "unlock",
            CLAIMED,
            "cam_demo01",
            356,
            "Some session(s) weren't locked",
        ),
        (
            "void",
            VOIDED,
            "cam_demo01",
            355,
            "Some session(s) were already voided",
        ),
        (
            "unvoid",
            CLAIMED,
            "cam_demo01",
            357,
            "Some session(s) weren't voided",
        ),
        (
            "claim",
            CLAIMED,
            "cam_demo01",
            352,
            "Some session(s) were already claimed",
        ),
        (
            "claim",
            VOIDED,
            "cam_demo01",
            355,
            "Some session(s) could not be claimed because they're voided",
        ),
        (
            "activate",
            VALIDATED,
            "cam_demo01",
            358,
            "Some session(s) were already validated",
        ),
    ] {
        let seq = seq_of(&api, code).await;
        api.post(
            "batch/update",
            &[
                ("campaign", campaign),
                ("startsequence", &seq),
                ("endsequence", &seq),
                ("operation", op),
            ],
        )
        .await
        .refused(err, message);
    }
    api.post(
        "batch/update",
        &[
            ("campaign", "cam_demo03"),
            ("startsequence", &scheduled),
            ("operation", "claim"),
        ],
    )
    .await
    .refused(360, "Startdate not reached");
    // Activate on the flexible session: the window starts.
    let flex = seq_of(&api, FLEXIBLE).await;
    let activated = api
        .post(
            "batch/update",
            &[
                ("campaign", "cam_demo03"),
                ("startsequence", &flex),
                ("endsequence", &flex),
                ("operation", "activate"),
            ],
        )
        .await;
    assert_eq!(activated.ok()["updated"].as_u64(), Some(1));
    let s = api.session(FLEXIBLE).await;
    assert_eq!(flag(&s, "voided"), "0");
    assert!(!s["data"]["status"]["expiration_date"]
        .as_str()
        .unwrap_or_default()
        .is_empty());
}

#[tokio::test]
async fn batch_update_parameter_errors() {
    let api = Api::start().await;
    let a = seq_of(&api, CLAIMED).await;
    let b = seq_of(&api, CLAIMED_2).await;
    let other = seq_of(&api, UNCLAIMED).await;
    let other2 = seq_of(&api, CUSTOM_CODE).await;
    let b_ = |s: &str, e: &str, op: &str| {
        let mut p = vec![
            ("campaign", "cam_demo01".to_string()),
            ("operation", op.to_string()),
        ];
        if !s.is_empty() {
            p.push(("startsequence", s.to_string()));
        }
        if !e.is_empty() {
            p.push(("endsequence", e.to_string()));
        }
        p
    };
    let post = |p: Vec<(&'static str, String)>| {
        let api = &api;
        async move {
            let p: Vec<(&str, &str)> = p.iter().map(|(k, v)| (*k, v.as_str())).collect();
            api.post("batch/update", &p).await
        }
    };
    post(b_("", "", "claim"))
        .await
        .refused(200, "startsequence or endsequence not provided");
    post(b_("abc", &b, "claim"))
        .await
        .refused(301, "start/endsequence must be numeric");
    post(b_(&a, "-4", "claim"))
        .await
        .refused(301, "start/endsequence must be numeric");
    post(b_(&a, &b, "validate")).await.refused(
        302,
        "status invalid, valid statuses are: void, unvoid, lock, unlock, claim, activate",
    );
    post(vec![
        ("campaign", "cam_demo01".into()),
        ("startsequence", a.clone()),
    ])
    .await
    .refused(200, "no operation or data provided");
    post(b_("999999999", &b, "lock"))
        .await
        .refused(513, "Start ID not found");
    post(b_(&a, "999999999", "lock"))
        .await
        .refused(513, "End ID not found");
    post(b_(&a, &other, "lock"))
        .await
        .refused(502, "Provided start and end are not of the same campaign");
    post(b_(&other, &other2, "lock"))
        .await
        .refused(502, "Provided start and end are not of the provided campaign");
    post(b_(&b, &a, "lock"))
        .await
        .refused(513, "End ID comes before start ID");
    post(b_(&other, "", "lock"))
        .await
        .refused(513, "Start ID not found or not part of the campaign");
    post(b_("", &other, "lock"))
        .await
        .refused(513, "End ID not found or not part of the campaign");
    post(vec![("startsequence", a.clone()), ("operation", "lock".into())])
        .await
        .refused(200, "Missing parameter: campaign");
    post(vec![
        ("campaign", "cam_nothere".into()),
        ("startsequence", a.clone()),
        ("operation", "lock".into()),
    ])
    .await
    .refused(502, "Campaign ID not found");
}

#[tokio::test]
async fn singleuse_create_issues_a_session_that_validates() {
    let api = Api::start().await;
    let created = api.post("singleuse/create", &[("campaign", "cam_demo01")]).await;
    let c = created.ok();
    let code = c["single_use_code"].as_str().unwrap_or_default().to_string();
    assert_eq!(code.len(), 21);
    assert_eq!(c["widget_validation_code"], &code[..6]);
    assert!(c["single_use_url"]
        .as_str()
        .is_some_and(|u| u.ends_with(&format!("/p/{}/{code}", &code[..6]))));
    assert_eq!(
        (&c["campaign"], &c["custom_validation_code"], &c["customid"]),
        (&"cam_demo01".into(), &"".into(), &"".into())
    );
    let validated = api.update(&code, "validate").await;
    assert_eq!(flag(validated.ok(), "validated"), "1");

    let full = api
        .post(
            "singleuse/create",
            &[
                ("campaign", "cam_demo01"),
                ("firstname", "Ada"),
                ("lastname", "Lovelace"),
                ("email", "ada@example.org"),
                ("phone", "+447700900001"),
                ("customid", "Crm123"),
                ("customfield1", "one"),
                ("customfield7", "seven"),
                ("customvalcode", "SUMMER2026"),
                ("utm_source", "newsletter"),
                ("expiry_date", "2030-01-01 00:00:00"),
            ],
        )
        .await;
    let full_code = full.ok()["single_use_code"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    assert_eq!(full.ok()["custom_validation_code"], "SUMMER2026");
    let s = api.session(&full_code).await;
    assert_eq!(s["data"]["user"]["firstname"], "Ada");
    assert_eq!(s["data"]["user"]["email"], "ada@example.org");
    assert_eq!(s["data"]["user"]["customfield7"], "seven");
    assert_eq!(s["customid"], "Crm123");
    assert_eq!(s["data"]["status"]["utm_source"], "newsletter");
    assert_eq!(s["data"]["status"]["expiration_date"], "2030-01-01 00:00:00");
    assert_eq!(s["data"]["status"]["own_validation_code"], "SUMMER2026");
    // Findable by its custom code.
    let found = api.post("couponsession/search", &[("code", "SUMMER2026")]).await;
    assert_eq!(found.ok()["results"][0]["session"], full_code.as_str());

    // duplicate_check returns the existing session.
    let again = api
        .post(
            "singleuse/create",
            &[
                ("campaign", "cam_demo01"),
                ("email", "ADA@example.org"),
                ("duplicate_check", "email"),
            ],
        )
        .await;
    assert_eq!(
        (&again.ok()["single_use_code"], &again.ok()["action"]),
        (&full_code.clone().into(), &"singleuse_duplicate".into())
    );
    let by_phone = api
        .post(
            "singleuse/create",
            &[
                ("campaign", "cam_demo01"),
                ("phone", "+447700900001"),
                ("duplicate_check", "phone"),
            ],
        )
        .await;
    assert_eq!(by_phone.ok()["single_use_code"], full_code.as_str());
    let fresh = api
        .post(
            "singleuse/create",
            &[
                ("campaign", "cam_demo02"),
                ("email", "ada@example.org"),
                ("duplicate_check", "email"),
            ],
        )
        .await;
    assert_ne!(
        fresh.ok()["single_use_code"],
        full_code.as_str(),
        "the check is per coupon"
    );

    let auto = api
        .post(
            "singleuse/create",
            &[("campaign", "cam_demo01"), ("autovalcode", "8digits")],
        )
        .await;
    let auto_code = auto.ok()["custom_validation_code"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    assert!(
        auto_code.len() == 8 && auto_code.bytes().all(|b| b.is_ascii_digit()),
        "{auto_code}"
    );
}

#[tokio::test]
async fn singleuse_create_errors() {
    let api = Api::start().await;
    let c = |extra: &'static [(&'static str, &'static str)]| {
        let api = &api;
        async move {
            let mut p = vec![("campaign", "cam_demo01")];
            p.extend_from_slice(extra);
            api.post("singleuse/create", &p).await
        }
    };
    api.post("singleuse/create", &[])
        .await
        .refused(200, "Missing parameter: campaign");
    api.post("singleuse/create", &[("campaign", "cam demo")])
        .await
        .refused(301, "Invalid character in parameter: campaign");
    api.post("singleuse/create", &[("campaign", "cam_nothere")])
        .await
        .refused(502, "Campaign ID not found");
    c(&[("customvalcode", "ABC12345"), ("autovalcode", "6digits")])
        .await
        .refused(302, "Parameters customvalcode and autovalcode cannot be combined");
    c(&[("autovalcode", "7digits")])
        .await
        .refused(302, "Invalid value in parameter: autovalcode");
    c(&[("customvalcode", "bad-code")])
        .await
        .refused(300, "Invalid character in parameter: customvalcode");
    c(&[("customid", "a b")])
        .await
        .refused(300, "Invalid character in parameter: customid");
    c(&[("expiry_date", "2030-01-01")]).await.refused(
        303,
        "Parameter expiry_date must be in the following format: yyyy-MM-dd HH:mm:ss",
    );
    c(&[("duplicate_check", "name")])
        .await
        .refused(302, "Invalid value in parameter: duplicate_check");
    c(&[("duplicate_check", "email")])
        .await
        .refused(200, "Missing parameter: email");
    c(&[("email", "not-an-email")])
        .await
        .refused(305, "Email address is not valid");
    api.post(
        "singleuse/create",
        &[("campaign", "cam_demo02"), ("customvalcode", "welcome2026")],
    )
    .await
    .refused(302, "Custom validation code already in use");
}

#[tokio::test]
async fn multiple_single_use_codes_are_distinct() {
    let api = Api::start().await;
    let issued = issue(&api, "cam_demo01", 1000).await;
    assert_eq!(issued.len(), 1000);
    let codes: HashSet<&str> = issued.iter().map(|(c, _)| c.as_str()).collect();
    let shorts: HashSet<&str> = issued.iter().map(|(c, _)| &c[..6]).collect();
    assert_eq!((codes.len(), shorts.len()), (1000, 1000));
    assert!(issued.windows(2).all(|w| w[0].1 < w[1].1), "sequence ids ascend");
    assert_eq!(issue(&api, "cam_demo01", 10).await.len(), 10);
    let default = api
        .post("multiplesingleuse/create", &[("campaign", "cam_demo02")])
        .await;
    assert_eq!(
        default.ok()["data"].as_array().map(Vec::len),
        Some(10),
        "amount defaults to 10"
    );
    assert_eq!(default.ok()["action"], "multiplesingleuse_created");

    let automated = api
        .post(
            "multiplesingleuse/create",
            &[
                ("campaign", "cam_demo02"),
                ("amount", "200"),
                ("automated_codes", "true"),
                ("code_prefix", "SUM"),
                ("code_length", "10"),
                ("code_type", "alphanumeric"),
                ("status", "voided"),
            ],
        )
        .await;
    let data = &automated.ok()["data"];
    let vals = strings(data, "custom_validation_code");
    assert_eq!(vals.iter().collect::<HashSet<_>>().len(), 200);
    assert!(vals.iter().all(|v| v.len() == 13 && v.starts_with("SUM")));
    let one = data[0]["single_use_code"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    assert_eq!(flag(&api.session(&one).await, "voided"), "1");

    let active = api
        .post(
            "multiplesingleuse/create",
            &[("campaign", "cam_demo03"), ("amount", "1"), ("status", "active")],
        )
        .await;
    let code = active.ok()["data"][0]["single_use_code"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    assert!(!api.session(&code).await["data"]["status"]["expiration_date"]
        .as_str()
        .unwrap_or_default()
        .is_empty());
}

#[tokio::test]
async fn multiple_single_use_errors_and_the_code_space() {
    let api = Api::start().await;
    let m = |extra: &'static [(&'static str, &'static str)]| {
        let api = &api;
        async move {
            let mut p = vec![("campaign", "cam_demo01")];
            p.extend_from_slice(extra);
            api.post("multiplesingleuse/create", &p).await
        }
    };
    api.post("multiplesingleuse/create", &[])
        .await
        .refused(200, "Missing parameter: campaign");
    api.post("multiplesingleuse/create", &[("campaign", "cam_demo01!")])
        .await
        .refused(301, "Invalid character in parameter: campaign");
    api.post("multiplesingleuse/create", &[("campaign", "cam_nothere")])
        .await
        .refused(502, "Campaign ID not found");
    for amount in ["abc", "0", "-5", "100001"] {
        let p = [("campaign", "cam_demo01"), ("amount", amount)];
        api.post("multiplesingleuse/create", &p)
            .await
            .refused(301, "Invalid character in parameter: amount");
    }
    m(&[("status", "paused")]).await.refused(
        302,
        r#"Parameter "status" has invalid value. Possible values are "normal", "voided" and "active""#,
    );
    m(&[
        ("automated_codes", "true"),
        ("code_length", "2"),
        ("code_type", "numeric"),
    ])
    .await
    .refused(301, "code length must be between 3 and 30 inclusive");
    m(&[
        ("automated_codes", "true"),
        ("code_length", "10"),
        ("code_type", "hex"),
    ])
    .await
    .refused(302, r#"code_type must be "numeric" or "alphanumeric""#);
    // 3 numeric digits: 1000 codes; more than half of them used is "low".
    let three = [
        ("automated_codes", "true"),
        ("code_length", "3"),
        ("code_type", "numeric"),
        ("code_prefix", "T"),
    ];
    let mut first = vec![("campaign", "cam_demo01"), ("amount", "400")];
    first.extend_from_slice(&three);
    assert_eq!(
        api.post("multiplesingleuse/create", &first).await.ok()["data"]
            .as_array()
            .map(Vec::len),
        Some(400)
    );
    let mut second = vec![("campaign", "cam_demo01"), ("amount", "101")];
    second.extend_from_slice(&three);
    api.post("multiplesingleuse/create", &second)
        .await
        .refused(601, "low on unique generated validation codes");
}

fn with_integrations() -> SandboxConfig {
    SandboxConfig {
        email_integration: true,
        sms_integration: true,
        ..SandboxConfig::default()
    }
}

#[tokio::test]
async fn send_email_lands_in_the_outbox() {
    let off = Api::start().await;
    off.post("send/email", &[("campaign", "cam_demo01"), ("email", "jane@example.com")])
        .await
        .refused(
            104,
            "No Email integration has been setup in your Coupontools account. Go to 'integrations' and 'Email marketing' to setup an Email provider",
        );
    assert!(off.sandbox.outbox().await.expect("outbox").is_empty());

    let api = Api::with(with_integrations()).await;
    let sent = api
        .post(
            "send/email",
            &[
                ("campaign", "cam_demo01"),
                ("email", "ada@example.org"),
                ("firstname", "Ada"),
            ],
        )
        .await;
    let sent = sent.ok();
    assert_eq!(sent["action"], "email_sent");
    let code = sent["couponsession"].as_str().unwrap_or_default().to_string();
    assert_eq!(
        api.session(&code).await["data"]["user"]["email"],
        "ada@example.org"
    );
    let existing = api
        .post(
            "send/email",
            &[
                ("campaign", "cam_demo01"),
                ("email", "jane@example.com"),
                ("couponsession", CLAIMED),
                ("subject", "Your coffee"),
            ],
        )
        .await;
    assert_eq!(existing.ok()["couponsession"], CLAIMED);
    let outbox = api.sandbox.outbox().await.expect("outbox");
    assert_eq!(outbox.len(), 2);
    assert_eq!(
        (
            outbox[0].channel,
            outbox[0].recipient.as_str(),
            outbox[0].session.as_str()
        ),
        (Channel::Email, "ada@example.org", code.as_str())
    );
    assert_eq!(outbox[0].subject, "A free coffee with any pastry");
    assert!(
        outbox[0].body.contains("Hello Ada") && outbox[0].body.contains(&code),
        "{}",
        outbox[0].body
    );
    assert_eq!(
        (outbox[1].subject.as_str(), outbox[1].session.as_str()),
        ("Your coffee", CLAIMED)
    );

    let e = |extra: &'static [(&'static str, &'static str)]| {
        let api = &api;
        async move { api.post("send/email", extra).await }
    };
    e(&[("email", "a@example.com")])
        .await
        .refused(200, "Missing parameter: campaign");
    e(&[("campaign", "cam/1"), ("email", "a@example.com")])
        .await
        .refused(301, "Invalid character in parameter: campaign");
    e(&[("campaign", "cam_nothere"), ("email", "a@example.com")])
        .await
        .refused(502, "Campaign ID not found");
    e(&[("campaign", "cam_demo01")])
        .await
        .refused(200, "Missing parameter: email");
    e(&[("campaign", "cam_demo01"), ("email", "john@doe")])
        .await
        .refused(305, "Email address is not valid");
    e(&[
        ("campaign", "cam_demo01"),
        ("email", "a@example.com"),
        ("couponsession", UNCLAIMED),
    ])
    .await
    .refused(513, "Statcode not found");
    e(&[
        ("campaign", "cam_demo01"),
        ("email", "ada@example.org"),
        ("check_unique", "true"),
    ])
    .await
    .refused(
        604,
        "Email not sent to 'ada@example.org'. Reason: This email address already received this coupon",
    );
    assert_eq!(
        api.sandbox.outbox().await.expect("outbox").len(),
        2,
        "refused emails are not sent"
    );
}

#[tokio::test]
async fn send_sms_checks_numbers_and_the_opt_out_list() {
    let off = Api::start().await;
    off.post("send/sms", &[("campaign", "cam_demo01"), ("phone", "+447911123456")])
        .await
        .refused(
            103,
            "No SMS integration has been setup in your Coupontools account. Go to 'integrations' and 'SMS marketing' to setup an SMS provider",
        );

    let api = Api::with(with_integrations()).await;
    let sent = api
        .post(
            "send/sms",
            &[
                ("campaign", "cam_demo01"),
                ("phone", "+447911123456"),
                ("body", "Your coffee is waiting"),
            ],
        )
        .await;
    assert_eq!(sent.ok()["action"], "sms_sent");
    let code = sent.ok()["couponsession"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    let outbox = api.sandbox.outbox().await.expect("outbox");
    assert_eq!(outbox.len(), 1);
    assert_eq!(
        (outbox[0].channel, outbox[0].recipient.as_str()),
        (Channel::Sms, "+447911123456")
    );
    assert!(outbox[0].body.starts_with("Your coffee is waiting\n") && outbox[0].body.ends_with(&code));

    let s = |extra: &'static [(&'static str, &'static str)]| {
        let api = &api;
        async move { api.post("send/sms", extra).await }
    };
    s(&[("phone", "+447911123456")])
        .await
        .refused(200, "Missing parameter: campaign");
    s(&[("campaign", "cam.1"), ("phone", "+447911123456")])
        .await
        .refused(301, "Invalid character in parameter: campaign");
    s(&[("campaign", "cam_nothere"), ("phone", "+447911123456")])
        .await
        .refused(502, "Campaign ID not found");
    for bad in [
        "07911 123456",
        "447911123456",
        "+44 7911 123456",
        "+44(0)7911123456",
    ] {
        let p = [("campaign", "cam_demo01"), ("phone", bad)];
        api.post("send/sms", &p)
            .await
            .refused(301, "Phone number not valid");
    }
    s(&[
        ("campaign", "cam_demo01"),
        ("phone", "+447911123456"),
        ("couponsession", "zzzzzzzzzzzzzzzzzzzzz"),
    ])
    .await
    .refused(513, "Statcode not found");
    let opted_out_phone = coupon_kiosk::sandbox::seed::demo()
        .unwrap()
        .opted_out_phone
        .as_str();
    let opted_out = [("campaign", "cam_demo01"), ("phone", opted_out_phone)];
    api.post("send/sms", &opted_out).await.refused(
        605,
        &format!(
            "SMS not sent to '{opted_out_phone}'. Reason: This number is on the blacklist or opt-out list."
        ),
    );
    let long = "x".repeat(1600);
    api.post(
        "send/sms",
        &[
            ("campaign", "cam_demo01"),
            ("phone", "+14155550123"),
            ("body", &long),
        ],
    )
    .await
    .refused(
        602,
        "SMS not sent to '+14155550123'. Reason: Message is longer than 10 text messages",
    );
    assert_eq!(
        api.sandbox.outbox().await.expect("outbox").len(),
        1,
        "refused messages are not sent"
    );
}

#[tokio::test]
async fn push_notifications_reach_wallet_holders() {
    let api = Api::start().await;
    let pushed = api
        .post(
            "coupon/pushnotification/list",
            &[("campaign", "cam_demo01"), ("message", "Coffee is on us today")],
        )
        .await;
    assert_eq!(
        (&pushed.ok()["action"], pushed.ok()["count"].as_u64()),
        (&"push_sent".into(), Some(1))
    );
    let outbox = api.sandbox.outbox().await.expect("outbox");
    assert_eq!(
        (outbox.len(), outbox[0].channel, outbox[0].session.as_str()),
        (1, Channel::Push, CLAIMED)
    );
    assert_eq!(outbox[0].body, "Coffee is on us today");

    let p = |extra: &'static [(&'static str, &'static str)]| {
        let api = &api;
        async move { api.post("coupon/pushnotification/list", extra).await }
    };
    p(&[("campaign", "cam_demo02"), ("message", "hi")])
        .await
        .refused(507, "0 users have saved the campaign");
    p(&[("message", "hi")])
        .await
        .refused(200, "Missing parameter: campaign");
    p(&[("campaign", "cam_demo01")])
        .await
        .refused(200, "Missing parameter: message");
    p(&[("campaign", "cam demo"), ("message", "hi")])
        .await
        .refused(301, "Invalid character in parameter: campaign");
    p(&[("campaign", "cam_nothere"), ("message", "hi")])
        .await
        .refused(505, "Campaign ID not found");
    let long = "x".repeat(600);
    api.post(
        "coupon/pushnotification/list",
        &[("campaign", "cam_demo01"), ("message", &long)],
    )
    .await
    .refused(507, "Error sending push notification");
}
