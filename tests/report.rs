//! `coupon-kiosk report` through the real binary against the sandbox: validations made by two
//! tills (their tags written into customfield7), totalled per till, cashier, hour and coupon.

mod support;

use coupon_kiosk::api::{CampaignId, Client};
use rust_decimal::Decimal;
use serde_json::{json, Value};
use std::process::Output;
use support::cli::{stderr, stdout, Fixture};
use support::two_tills::{today, validate_by_two_tills};

/// The binary against a fresh demo sandbox, with what a till would do to it.
struct Tills(Fixture);

impl Tills {
    fn new() -> Tills {
        Tills(Fixture::new())
    }

    fn run(&self, args: &[&str], extra: &[(&str, &str)]) -> Output {
        self.0.run_env(args, extra)
    }

    fn ok(&self, args: &[&str]) -> String {
        let o = self.0.run(args);
        assert_eq!(
            o.status.code(),
            Some(0),
            "{args:?}\nstdout: {}\nstderr: {}",
            stdout(&o),
            stderr(&o)
        );
        stdout(&o)
    }

    fn json(&self, args: &[&str]) -> Value {
        let (status, v) = self.0.json(args);
        assert_eq!(status, 0, "{args:?}: {v}");
        v
    }

    /// Fresh single-use sessions of a coupon.
    fn issue(&self, campaign: &str, amount: u32) -> Vec<String> {
        let made = self.json(&["issue-many", campaign, "--amount", &amount.to_string(), "--json"]);
        made.as_array()
            .unwrap()
            .iter()
            .map(|s| s["single_use_code"].as_str().unwrap().to_string())
            .collect()
    }

    /// What a till does: validate and write its tag (and the amount, when asked) in one update.
    fn validate_as(&self, code: &str, tag: Option<&str>, money: Option<&str>) -> Value {
        let mut args = vec!["update", code, "--operation", "validate", "--json"];
        if let Some(tag) = tag {
            args.extend(["--customfield7", tag]);
        }
        if let Some(money) = money {
            args.extend(["--money-spent", money]);
        }
        self.json(&args)
    }

    fn client(&self) -> Client {
        support::client::build(coupon_kiosk::api::ClientConfig {
            request_timeout: std::time::Duration::from_secs(30),
            ..support::client::config(self.0.sandbox.base_url())
        })
    }

    fn home(&self) -> &std::path::Path {
        self.0.home.path()
    }
}

fn report(f: &Tills, extra: &[&str]) -> Value {
    let since = today();
    let mut args = vec!["report", "--since", since.as_str(), "--tag-field", "7", "--json"];
    args.extend_from_slice(extra);
    f.json(&args)
}

#[test]
fn two_tills_are_totalled_per_till_cashier_hour_and_coupon() {
    let f = Tills::new();
    let first = f.issue("cam_demo01", 3);
    let third = f.issue("cam_demo03", 2);
    let made = [
        f.validate_as(&first[0], Some("till-1/Ann/k3f9x2ab7q"), Some("10.00")),
        f.validate_as(&first[1], Some("till-1/Ann/m8p2c4d6e7"), Some("2.5")),
        f.validate_as(&third[0], Some("till-2/Bob/n2b3c4d5e6"), Some("100")),
        // Accepted offline and forwarded later: still till-2's.
        f.validate_as(&third[1], Some("till-2/Bob/p9q8r7s6t5/offline"), None),
    ];
    // Validated by someone without a tag (another system, or before tags existed).
    f.ok(&["validate", &first[2]]);

    assert_eq!(
        report(&f, &[]),
        json!([
            {"group": "till-1", "count": 2, "money_spent": "12.500"},
            {"group": "till-2", "count": 2, "money_spent": "100.000"},
            {"group": "(untagged)", "count": 1, "money_spent": "0.000"},
        ])
    );
    assert_eq!(
        report(&f, &["--by", "cashier"]),
        json!([
            {"group": "Ann", "count": 2, "money_spent": "12.500"},
            {"group": "Bob", "count": 2, "money_spent": "100.000"},
            {"group": "(untagged)", "count": 1, "money_spent": "0.000"},
        ])
    );
    // The demo's own validation in cam_demo01 (2026-11-20) is outside today.
    assert_eq!(
        report(&f, &["--by", "campaign"]),
        json!([
            {"group": "cam_demo01", "count": 3, "money_spent": "12.500"},
            {"group": "cam_demo03", "count": 2, "money_spent": "100.000"},
        ])
    );
    assert_eq!(
        report(&f, &["--campaign", "cam_demo03"]),
        json!([{"group": "till-2", "count": 2, "money_spent": "100.000"}])
    );
    // A coupon named twice is counted once.
    assert_eq!(
        report(&f, &["--campaign", "cam_demo03", "--campaign", "cam_demo03"]),
        json!([{"group": "till-2", "count": 2, "money_spent": "100.000"}])
    );

    // Per hour, in the local time of the machine (here two hours ahead of UTC, as TZ says):
    // the hours the server wrote as validation times, all five counted.
    let since = today();
    let o = f.run(
        &[
            "report",
            "--since",
            &since,
            "--tag-field",
            "7",
            "--json",
            "--by",
            "hour",
        ],
        &[("TZ", "UTC-2")],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let hours: Value = serde_json::from_slice(&o.stdout).unwrap();
    let mut expected: Vec<String> = made
        .iter()
        .map(|s| {
            // `2026-11-30T07:01:02Z` or `2026-11-30 07:01:02`.
            let at = s["validation_date_utc"].as_str().unwrap().replacen('T', " ", 1);
            let utc = time::PrimitiveDateTime::parse(
                &at[..19],
                time::macros::format_description!("[year]-[month]-[day] [hour]:[minute]:[second]"),
            )
            .unwrap()
            .assume_utc();
            let local = utc.to_offset(time::macros::offset!(+2));
            format!(
                "{:04}-{:02}-{:02} {:02}:00",
                local.year(),
                u8::from(local.month()),
                local.day(),
                local.hour()
            )
        })
        .collect();
    expected.sort();
    expected.dedup();
    let groups: Vec<&str> = hours
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["group"].as_str().unwrap())
        .collect();
    for hour in &expected {
        assert!(groups.contains(&hour.as_str()), "{hour} in {hours}");
    }
    let counted: u64 = hours
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["count"].as_u64().unwrap())
        .sum();
    assert_eq!(counted, 5, "{hours}");

    // The same totals as CSV and as a table with a total line.
    let csv = f.ok(&["report", "--since", &since, "--tag-field", "7", "--csv"]);
    assert_eq!(
        csv,
        "group,count,money_spent\ntill-1,2,12.500\ntill-2,2,100.000\n(untagged),1,0.000\n"
    );
    let table = f.ok(&["report", "--since", &since, "--tag-field", "7"]);
    let lines: Vec<Vec<&str>> = table.lines().map(|l| l.split_whitespace().collect()).collect();
    assert!(lines.contains(&vec!["till-1", "2", "12.500"]), "{table}");
    assert!(lines.contains(&vec!["total", "5", "112.500"]), "{table}");

    // A period that ends yesterday holds none of them (and no error).
    let yesterday = time::OffsetDateTime::now_utc() - time::Duration::days(1);
    let y = format!(
        "{:04}-{:02}-{:02}",
        yesterday.year(),
        u8::from(yesterday.month()),
        yesterday.day()
    );
    let past = f.json(&[
        "report",
        "--since",
        &y,
        "--until",
        &y,
        "--tag-field",
        "7",
        "--json",
        "--by",
        "campaign",
    ]);
    assert_eq!(past, json!([]), "nothing of today before today");
}

#[test]
fn the_tag_field_comes_from_the_config_file_and_is_required() {
    let f = Tills::new();
    let code = &f.issue("cam_demo01", 1)[0];
    f.validate_as(code, Some("till-5/Eve/k3f9x2ab7q"), Some("1.5"));
    let since = today();

    let o = f.run(&["report", "--since", &since], &[]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("--tag-field") && err.contains("tag_customfield"),
        "{err}"
    );

    let config = f.home().join("kiosk.toml");
    std::fs::write(&config, "[kiosk]\ntag_customfield = 7\n").unwrap();
    let o = f.run(
        &["report", "--since", &since, "--json"],
        &[("COUPON_KIOSK_CONFIG", config.to_str().unwrap())],
    );
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(
        v,
        json!([{"group": "till-5", "count": 1, "money_spent": "1.500"}])
    );

    for (args, needle) in [
        (vec!["--since", "yesterday"], "not a date"),
        (vec!["--since", "2026-12-02", "--until", "2026-12-01"], "after"),
        (vec!["--since", "2026-12-01", "--campaign", "demo01"], "cam_"),
    ] {
        let mut all = vec!["report", "--tag-field", "7"];
        all.extend(args);
        let o = f.run(&all, &[]);
        assert_eq!(o.status.code(), Some(2), "{all:?}");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains(needle), "{all:?}: {err}");
    }
}

#[test]
fn every_page_of_validations_is_counted() {
    // More validations than one page (5000) of campaign/validations holds.
    const MANY: u32 = 5_200;
    let f = Tills::new();
    let client = f.client();
    f.0.sandbox.block_on(validate_by_two_tills(
        &client,
        &CampaignId::parse("cam_demo01").unwrap(),
        MANY,
        Decimal::new(10, 3),
        16,
    ));
    assert_eq!(
        report(&f, &["--campaign", "cam_demo01"]),
        json!([
            {"group": "till-1", "count": MANY / 2, "money_spent": "26.000"},
            {"group": "till-2", "count": MANY / 2, "money_spent": "26.000"},
        ])
    );
}

/// A server whose list records carry the customer fields and the money spent (the sandbox's do
/// not, as published): the report reads the list alone and asks for no session one by one.
#[test]
fn list_records_that_carry_the_tag_are_read_in_one_pass() {
    use axum::routing::post;
    use coupon_kiosk::report::{collect, totals, GroupBy, Period};
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Arc;

    let at = format!("{} 09:30:00", today());
    let record = |code: &str, tag: &str, money: &str| {
        json!({"sequenceid": "1", "session": code,
               "status": {"validation_date_utc": at, "validated": "1", "money_spent": money},
               "user": {"customfield7": tag}})
    };
    let page = json!({"status": {"status": "OK"}, "amount_of_results": 3, "page": 1,
    "total_pages": 1, "total_results": 3, "data": [
        record("aaaaaaaaaaaaaaaaaaaa1", "till-1/Ann/k3f9x2ab7q", "1.000"),
        record("aaaaaaaaaaaaaaaaaaaa2", "till-2/Bob/m8p2c4d6e7", "2.500"),
        record("aaaaaaaaaaaaaaaaaaaa3", "", ""),
    ]});
    let detail_calls = Arc::new(AtomicUsize::new(0));
    let calls = detail_calls.clone();
    let app = axum::Router::new()
        .route(
            "/v3/campaign/validations",
            post(move || {
                let page = page.clone();
                async move { axum::Json(page) }
            }),
        )
        .route(
            "/v3/couponsession/data",
            post(move || {
                calls.fetch_add(1, Ordering::SeqCst);
                async { axum::Json(json!({"status": {"status": "failed", "errors": {"error_code": 512, "error_message": "no"}}})) }
            }),
        );
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap();
    let rows = rt.block_on(async {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        tokio::spawn(async move { axum::serve(listener, app).await });
        let client = support::client::at(url);
        let period = Period::parse(&today(), None).unwrap();
        let campaign = CampaignId::parse("cam_demo01").unwrap();
        let found = collect(&client, &[campaign], &period, 7).await.unwrap();
        totals(&found, GroupBy::Till)
    });
    assert_eq!(
        detail_calls.load(Ordering::SeqCst),
        0,
        "no session read one by one"
    );
    assert_eq!(
        serde_json::to_value(rows).unwrap(),
        json!([
            {"group": "till-1", "count": 1, "money_spent": "1.000"},
            {"group": "till-2", "count": 1, "money_spent": "2.500"},
            {"group": "(untagged)", "count": 1, "money_spent": "0.000"},
        ])
    );
}

/// The command line's `validate` writes the same tag as the kiosk (terminal id and cashier from
/// the till's settings), so its validations are counted per till too.
#[test]
fn validations_made_with_validate_are_counted_per_till() {
    let f = Tills::new();
    let codes = f.issue("cam_demo01", 3);
    let till = |name: &str, terminal: &str, cashier: &str| {
        let path = f.home().join(format!("{name}.toml"));
        std::fs::write(
            &path,
            format!("[kiosk]\nterminal_id = \"{terminal}\"\ncashier = \"{cashier}\"\ntag_customfield = 7\n"),
        )
        .unwrap();
        path.to_string_lossy().to_string()
    };
    let one = till("one", "till-1", "Ann");
    let two = till("two", "till-2", "Bob");
    for (code, config, money) in [
        (&codes[0], &one, "4.00"),
        (&codes[1], &two, "1.25"),
        (&codes[2], &two, "0.75"),
    ] {
        let o = f.run(
            &["validate", code, "--money-spent", money],
            &[("COUPON_KIOSK_CONFIG", config.as_str())],
        );
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    }
    let since = today();
    let o = f.run(
        &["report", "--since", &since, "--json", "--campaign", "cam_demo01"],
        &[("COUPON_KIOSK_CONFIG", one.as_str())],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(
        v,
        json!([
            {"group": "till-1", "count": 1, "money_spent": "4.000"},
            {"group": "till-2", "count": 2, "money_spent": "2.000"},
        ])
    );
}

/// The report cache: a second report reads no session one by one; a session validated again
/// (another validation date) is read again; the totals are the same either way.
#[test]
fn a_repeated_report_reads_only_new_validations() {
    use axum::routing::post;
    use coupon_kiosk::report::{collect_with, totals, GroupBy, Period, ReportCache};
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::{Arc, Mutex};

    let day = today();
    // (code, tag, validation time): what the server holds now.
    let sessions = Arc::new(Mutex::new(vec![
        (
            "aaaaaaaaaaaaaaaaaaaa1",
            "till-1/Ann/k3f9x2ab7q",
            format!("{day} 09:30:00"),
        ),
        (
            "aaaaaaaaaaaaaaaaaaaa2",
            "till-2/Bob/m8p2c4d6e7",
            format!("{day} 09:31:00"),
        ),
        (
            "aaaaaaaaaaaaaaaaaaaa3",
            "till-2/Bob/n2b3c4d5e6",
            format!("{day} 09:32:00"),
        ),
    ]));
    let reads = Arc::new(AtomicUsize::new(0));
    let (list, detail, counted) = (sessions.clone(), sessions.clone(), reads.clone());
    let app = axum::Router::new()
        .route(
            "/v3/campaign/validations",
            post(move || {
                let s = list.lock().unwrap().clone();
                async move {
                    let data: Vec<Value> = s
                        .iter()
                        .map(|(code, _, at)| {
                            json!({"sequenceid": "1", "session": code,
                                   "status": {"validation_date_utc": at}})
                        })
                        .collect();
                    axum::Json(
                        json!({"status": {"status": "OK"}, "amount_of_results": data.len(),
                        "page": 1, "total_pages": 1, "total_results": data.len(), "data": data}),
                    )
                }
            }),
        )
        .route(
            "/v3/couponsession/data",
            post(move |body: String| {
                counted.fetch_add(1, Ordering::SeqCst);
                let s = detail.lock().unwrap().clone();
                async move {
                    let found = s.iter().find(|(code, _, _)| body.contains(code));
                    let Some((code, tag, at)) = found else {
                        return axum::Json(json!({"status": {"status": "failed",
                            "errors": {"error_code": 512, "error_message": "not found"}}}));
                    };
                    axum::Json(json!({"status": {"status": "OK"}, "campaign": "cam_demo01",
                        "session": code, "data": {"status": {"validated": "1",
                        "validation_date_utc": at, "money_spent": "2.000"},
                        "user": {"customfield7": tag}}}))
                }
            }),
        );
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let cache = ReportCache::open(&dir.path().join("report-cache.sqlite")).unwrap();
    let tills = rt.block_on(async {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        tokio::spawn(async move { axum::serve(listener, app).await });
        let client = support::client::at(url);
        let period = Period::parse(&today(), None).unwrap();
        let campaign = [CampaignId::parse("cam_demo01").unwrap()];
        let mut out = vec![];
        for round in 0..3 {
            if round == 2 {
                // Unvalidated and validated again by till-1: a new validation date.
                sessions.lock().unwrap()[2] = (
                    "aaaaaaaaaaaaaaaaaaaa3",
                    "till-1/Ann/p9q8r7s6t5",
                    format!("{day} 10:45:00"),
                );
            }
            let before = reads.load(Ordering::SeqCst);
            let found = collect_with(&client, &campaign, &period, 7, Some(&cache))
                .await
                .unwrap();
            let rows = serde_json::to_value(totals(&found, GroupBy::Till)).unwrap();
            out.push((reads.load(Ordering::SeqCst) - before, rows));
        }
        out
    });
    assert_eq!(tills[0].0, 3, "first report: every session read");
    assert_eq!(tills[1].0, 0, "second report: all from the cache");
    assert_eq!(tills[0].1, tills[1].1);
    assert_eq!(
        tills[1].1,
        json!([{"group": "till-1", "count": 1, "money_spent": "2.000"},
               {"group": "till-2", "count": 2, "money_spent": "4.000"}])
    );
    assert_eq!(tills[2].0, 1, "the session validated again is read again");
    assert_eq!(
        tills[2].1,
        json!([{"group": "till-1", "count": 2, "money_spent": "4.000"},
               {"group": "till-2", "count": 1, "money_spent": "2.000"}])
    );
}
