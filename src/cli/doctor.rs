//! `coupon-kiosk doctor`: a read-only self-check of the configured account and this machine,
//! for the first day at a new shop and for support. Settings (and where each came from), TLS,
//! credentials, the server's clock against ours, latency, and the shapes the account really
//! answers with compared with the documented ones (`api::shapes`). It only ever reads:
//! `coupon/list`, and on request `couponsession/data` and `couponsession/search`.
//!
//! Exit status: 0 every check ok or a warning; 2 settings or credentials wrong; 3 the server
//! unreachable or not speaking the API.

use super::output::{self, Paint, EXIT_INVALID, EXIT_NETWORK, EXIT_OK};
use super::GlobalArgs;
use crate::api::{self, envelope, shapes, ApiError, Client, RawResponse, SearchQuery, SessionCode};
use crate::settings::{self, Settings};
use serde_json::{json, Value};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};
use time::OffsetDateTime;

/// Flags of `coupon-kiosk doctor`.
#[derive(clap::Args, Debug, Clone, Default)]
pub struct DoctorArgs {
    /// Also read this session (couponsession/data) and compare its shape
    #[arg(long, value_name = "CODE")]
    pub session: Option<String>,
    /// Also search by this email (couponsession/search) and compare the results' shape
    #[arg(long, value_name = "EMAIL", conflicts_with = "phone")]
    pub email: Option<String>,
    /// Also search by this phone number
    #[arg(long, value_name = "PHONE")]
    pub phone: Option<String>,
    /// Print {"checks":[{"name","status","detail"}]} as JSON
    #[arg(long)]
    pub json: bool,
    /// Write the raw answers to FILE, secrets and customer data redacted (for a bug report)
    #[arg(long, value_name = "FILE")]
    pub save: Option<PathBuf>,
}

/// How many reads the latency figures are taken from (the first `coupon/list` included).
const LATENCY_SAMPLES: usize = 6;
/// A clock this far from the server's is worth a warning (dates on screen, the re-check's window).
const CLOCK_WARN: Duration = Duration::from_secs(5);
/// A p95 slower than this makes the counter feel slow.
const LATENCY_WARN: Duration = Duration::from_secs(1);
/// Customer fields replaced by `<redacted>` in a saved answer.
const PERSONAL: [&str; 13] = [
    "firstname",
    "lastname",
    "email",
    "phone",
    "customfield1",
    "customfield2",
    "customfield3",
    "customfield4",
    "customfield5",
    "customfield6",
    "customfield7",
    "customid",
    "redeem_location_company_name",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Ok,
    Warn,
    Fail,
}

/// Which exit status a failed check stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Blame {
    /// Settings or credentials: exit 2.
    Settings,
    /// The server: unreachable or not speaking the API: exit 3.
    Server,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct Check {
    pub name: &'static str,
    pub status: Status,
    pub detail: String,
    #[serde(skip)]
    blame: Blame,
}

/// The checks so far and the raw answers kept for `--save`.
#[derive(Default)]
struct Report {
    checks: Vec<Check>,
    answers: Vec<Value>,
}

impl Report {
    fn ok(&mut self, name: &'static str, detail: impl Into<String>) {
        self.push(name, Status::Ok, detail, Blame::Server);
    }

    fn warn(&mut self, name: &'static str, detail: impl Into<String>) {
        self.push(name, Status::Warn, detail, Blame::Server);
    }

    fn fail(&mut self, name: &'static str, blame: Blame, detail: impl Into<String>) {
        self.push(name, Status::Fail, detail, blame);
    }

    fn push(&mut self, name: &'static str, status: Status, detail: impl Into<String>, blame: Blame) {
        let detail = envelope::printable(&detail.into());
        self.checks.push(Check {
            name,
            status,
            detail,
            blame,
        });
    }

    fn exit_status(&self) -> u8 {
        let fails = || self.checks.iter().filter(|c| c.status == Status::Fail);
        if fails().any(|c| c.blame == Blame::Settings) {
            EXIT_INVALID
        } else if fails().next().is_some() {
            EXIT_NETWORK
        } else {
            EXIT_OK
        }
    }
}

pub async fn run(settings: &Settings, globals: &GlobalArgs, args: DoctorArgs) -> ExitCode {
    let mut report = Report::default();
    let client = check_settings(&mut report, settings, globals);
    if let Some(client) = client {
        check_account(&mut report, settings, &client, &args).await;
    }
    finish(&report, settings, &args)
}

/// Where each setting came from, and a client when there is an account to check.
fn check_settings(report: &mut Report, settings: &Settings, globals: &GlobalArgs) -> Option<Client> {
    let env_set = |name: &str| std::env::var(name).is_ok_and(|v| !v.trim().is_empty());
    let config_file = globals
        .config
        .clone()
        .or_else(|| std::env::var_os(settings::ENV_CONFIG).map(PathBuf::from))
        .or_else(settings::default_config_path)
        .filter(|p| p.is_file());
    let from = |flag: bool, env: &str, present: bool| -> String {
        if flag {
            "flag".into()
        } else if env_set(env) {
            format!("environment {env}")
        } else if let (true, Some(file)) = (present, &config_file) {
            format!("config file {}", file.display())
        } else {
            "default".into()
        }
    };
    let api = &settings.api;
    let url_from = from(globals.api_url.is_some(), settings::ENV_API_URL, true);
    let id_from = from(
        globals.client_id.is_some(),
        settings::ENV_CLIENT_ID,
        api.client_id.is_some(),
    );
    let secret_from = from(
        globals.client_secret.is_some(),
        settings::ENV_CLIENT_SECRET,
        api.client_secret.is_some(),
    );
    let ca = match &api.ca_file {
        Some(file) => format!(
            "; extra CA {} ({})",
            file.display(),
            from(false, settings::ENV_CA_FILE, true)
        ),
        None => String::new(),
    };
    let detail = format!(
        "API {} ({url_from}); client id {} ({id_from}); secret {} ({secret_from}); timeouts {} ms connect, {} ms request{ca}; data in {}",
        api.base_url,
        api.client_id.as_deref().map_or("missing".to_string(), envelope::excerpt),
        if api.client_secret.is_some() { "set" } else { "missing" },
        api.connect_timeout.as_millis(),
        api.request_timeout.as_millis(),
        settings.data_dir.display(),
    );
    match settings.client() {
        Ok(client) => {
            report.ok("settings", detail);
            Some(client)
        }
        Err(e) => {
            report.fail("settings", Blame::Settings, format!("{e} — {detail}"));
            None
        }
    }
}

/// The checks that talk to the server, in the order a problem would show itself.
async fn check_account(report: &mut Report, settings: &Settings, client: &Client, args: &DoctorArgs) {
    let secrets = secrets_of(settings);
    let https = check_plain_http(report, client.base_url());
    let sent = OffsetDateTime::now_utc();
    let started = Instant::now();
    let first = client.post_bytes("coupon/list", &[]).await;
    let first_took = started.elapsed();
    let received = OffsetDateTime::now_utc();
    let raw = match first {
        Ok(raw) => raw,
        Err(e) if e.is_untrusted_certificate() => {
            report.fail("tls", Blame::Server, untrusted_certificate(&e, settings));
            return;
        }
        Err(e) => {
            report.fail("connection", Blame::Server, super::explain::sentence(&e));
            return;
        }
    };
    if let Some(host) = https {
        let ca = match &settings.api.ca_file {
            Some(file) => format!(" (built-in roots and the extra CA {})", file.display()),
            None => String::new(),
        };
        report.ok("tls", format!("HTTPS to {host}, certificate verified{ca}"));
    }
    report.answers.push(saved("coupon/list", &[], &raw, &secrets));
    let answer = match envelope::interpret(raw.http_status, raw.content_type.as_deref(), &raw.body, &[]) {
        Ok(answer) => answer,
        Err(e) => {
            blame_first_answer(report, &e);
            return;
        }
    };
    report.ok("credentials", "accepted (coupon/list answered)");
    check_clock(report, raw.server_date, sent, received);
    check_latency(report, client, first_took).await;
    check_shape(
        report,
        "coupon/list",
        shapes::coupon_list(&answer),
        api::coupons::coupons_from_list(&answer).map(|c| format!("{} coupons", c.len())),
    );
    if let Some(code) = &args.session {
        check_session(report, client, code, &secrets).await;
    }
    let search = match (&args.email, &args.phone) {
        (Some(e), _) => Some(SearchQuery::by_email(e)),
        (None, Some(p)) => Some(SearchQuery::by_phone(p)),
        (None, None) => None,
    };
    if let Some(query) = search {
        check_search(report, client, query, &secrets).await;
    }
}

/// What the first answer's failure says about the settings or the server.
fn blame_first_answer(report: &mut Report, e: &ApiError) {
    match e {
        ApiError::Api {
            code,
            http_status,
            message,
        } if *code == 1000 || matches!(http_status, 401 | 403) => {
            report.fail(
                "credentials",
                Blame::Settings,
                format!(
                    "refused, \"{}\" (error {code}): check {}",
                    message.trim_end_matches('.'),
                    super::explain::ACCOUNT_SETTINGS
                ),
            );
        }
        ApiError::Api { .. } => report.warn("credentials", format!("coupon/list was refused: {e}")),
        ApiError::UnexpectedResponse { http_status, .. } if *http_status >= 500 => report.fail(
            "connection",
            Blame::Server,
            format!("the server (or a gateway in front of it) is in trouble: {e}"),
        ),
        ApiError::UnexpectedResponse { .. } => report.fail(
            "api",
            Blame::Server,
            format!("the server does not speak the Coupontools API: {e}"),
        ),
        other => report.fail("connection", Blame::Server, super::explain::sentence(other)),
    }
}

/// Plain HTTP is a warning before anything is sent (credentials travel in every request);
/// `Some(host)` when the URL is HTTPS, whose certificate the first request then proves.
fn check_plain_http(report: &mut Report, base_url: &str) -> Option<String> {
    let url = url::Url::parse(base_url).ok();
    let host = url
        .as_ref()
        .and_then(|u| u.host_str().map(str::to_string))
        .unwrap_or_default();
    let loopback = match url.as_ref().and_then(url::Url::host) {
        Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    };
    if url.as_ref().is_some_and(|u| u.scheme() == "https") {
        return Some(host);
    }
    if loopback {
        report.warn(
            "tls",
            format!("plain HTTP to this machine ({host}): fine for the sandbox only"),
        );
    } else {
        report.warn(
            "tls",
            format!(
                "plain HTTP to {host}: the client secret and customer data travel unencrypted \
                 (allowed by allow_insecure_http); use https://"
            ),
        );
    }
    None
}

/// What a refused certificate means, in words a shop can act on.
fn untrusted_certificate(e: &ApiError, settings: &Settings) -> String {
    let ca = match &settings.api.ca_file {
        Some(file) => format!(
            "neither by the built-in roots nor by the extra CA {}",
            file.display()
        ),
        None => "by the built-in roots".to_string(),
    };
    format!(
        "{e}: it is not signed {ca}, is self-signed, expired, or made for another name. \
         Nothing was sent. Check the API URL; if this network inspects HTTPS through its own \
         certificate authority, set ca_file under [api] ({}) to that CA's PEM file.",
        settings::ENV_CA_FILE
    )
}

/// The server's `Date` header (from the first answer) against this machine's clock.
fn check_clock(
    report: &mut Report,
    server: Option<OffsetDateTime>,
    sent: OffsetDateTime,
    received: OffsetDateTime,
) {
    let Some(server) = server else {
        report.warn(
            "clock",
            "the server sent no Date header: its clock cannot be compared",
        );
        return;
    };
    // The header is whole seconds, stamped somewhere between sending and receiving.
    let ours = sent + (received - sent) / 2_i32;
    let skew: time::Duration = ours - server;
    let seconds = skew.as_seconds_f64();
    let detail = if seconds.abs() < 1.5 {
        "this machine's clock agrees with the server's (within a second)".to_string()
    } else if seconds > 0.0 {
        format!("this machine's clock is {seconds:.0} s ahead of the server's")
    } else {
        format!("this machine's clock is {:.0} s behind the server's", -seconds)
    };
    if skew.unsigned_abs() > CLOCK_WARN {
        report.warn("clock", format!("{detail}: set the time (NTP)"));
    } else {
        report.ok("clock", detail);
    }
}

async fn check_latency(report: &mut Report, client: &Client, first: Duration) {
    let mut samples = vec![first];
    for _ in 1..LATENCY_SAMPLES {
        let started = Instant::now();
        if client.post_bytes("coupon/list", &[]).await.is_err() {
            report.warn("latency", "a read failed while measuring");
            return;
        }
        samples.push(started.elapsed());
    }
    samples.sort();
    let at = |q: f64| samples[((samples.len() - 1) as f64 * q).round() as usize];
    let (p50, p95) = (at(0.5), at(0.95));
    let detail = format!(
        "p50 {}, p95 {} over {} reads of coupon/list",
        millis(p50),
        millis(p95),
        samples.len()
    );
    if p95 > LATENCY_WARN {
        report.warn("latency", format!("{detail}: the counter will feel slow"));
    } else {
        report.ok("latency", detail);
    }
}

/// `0.4 ms` below ten milliseconds (a local server), `85 ms` above.
fn millis(d: Duration) -> String {
    let ms = d.as_secs_f64() * 1000.0;
    if ms < 10.0 {
        format!("{ms:.1} ms")
    } else {
        format!("{ms:.0} ms")
    }
}

/// One shape check: differences from the documented form are warnings (the client reads every
/// alternative it knows); an answer the client cannot read at all fails.
fn check_shape(
    report: &mut Report,
    endpoint: &str,
    differences: Vec<String>,
    read: Result<String, ApiError>,
) {
    let name = shape_name(endpoint);
    match (read, differences.is_empty()) {
        (Err(e), _) => report.fail(
            name,
            Blame::Server,
            format!(
                "{endpoint}: the client cannot read this answer: {e}; {}",
                differences.join("; ")
            ),
        ),
        (Ok(what), true) => report.ok(name, format!("{endpoint}: as documented ({what})")),
        (Ok(what), false) => report.warn(
            name,
            format!(
                "{endpoint}: read ({what}), but {} difference(s) from the documented shape: {}",
                differences.len(),
                differences.join("; ")
            ),
        ),
    }
}

fn shape_name(endpoint: &str) -> &'static str {
    match endpoint {
        "coupon/list" => "shape coupon/list",
        "couponsession/data" => "shape couponsession/data",
        _ => "shape search",
    }
}

async fn check_session(report: &mut Report, client: &Client, code: &str, secrets: &[String]) {
    let code = match SessionCode::parse(code) {
        Ok(c) => c,
        Err(e) => {
            report.fail("shape couponsession/data", Blame::Settings, e.to_string());
            return;
        }
    };
    let params = [("couponsession", code.as_str().to_string())];
    // Some servers (profile strict) take short codes only when validating: worth saying so, as
    // the kiosk then validates a scanned short code without showing its card first.
    let not_found = (code.as_str().len() == api::params::SHORT_CODE_LEN).then_some(
        "this account does not look short codes up with couponsession/data (the kiosk then \
         validates them without showing the coupon first); give the full code to compare the shape",
    );
    let Some(answer) = read(report, client, "couponsession/data", &params, secrets, not_found).await else {
        return;
    };
    check_shape(
        report,
        "couponsession/data",
        shapes::session_data(&answer),
        api::sessions::session_from_answer(&answer).map(|s| format!("session {}", s.state().as_str())),
    );
}

async fn check_search(
    report: &mut Report,
    client: &Client,
    query: Result<SearchQuery, ApiError>,
    secrets: &[String],
) {
    let query = match query {
        Ok(q) => q,
        Err(e) => {
            report.fail("shape search", Blame::Settings, e.to_string());
            return;
        }
    };
    let params = query.to_params();
    let Some(answer) = read(report, client, query.path(), &params, secrets, None).await else {
        return;
    };
    check_shape(
        report,
        query.path(),
        shapes::search(&answer),
        api::sessions::sessions_from_search(&answer, None).map(|s| format!("{} sessions", s.len())),
    );
}

/// One optional read; its failure is reported under the shape's name. `None` when there is no
/// answer to compare (refused, e.g. "not found", or failed). `not_found` explains a "not found".
async fn read(
    report: &mut Report,
    client: &Client,
    endpoint: &'static str,
    params: &[(&str, String)],
    secrets: &[String],
    not_found: Option<&str>,
) -> Option<Value> {
    let name = shape_name(endpoint);
    let raw = match client.post_bytes(endpoint, params).await {
        Ok(raw) => raw,
        Err(e) => {
            report.fail(name, Blame::Server, format!("{endpoint}: {e}"));
            return None;
        }
    };
    report.answers.push(saved(endpoint, params, &raw, secrets));
    match envelope::interpret(raw.http_status, raw.content_type.as_deref(), &raw.body, &[]) {
        Ok(answer) => Some(answer),
        Err(e @ ApiError::Api { .. }) => {
            let why = match not_found {
                Some(why) if e.refusal() == Some(api::Refusal::NotFound) => format!(": {why}"),
                _ => String::new(),
            };
            report.warn(
                name,
                format!("{endpoint} was refused, nothing to compare: {e}{why}"),
            );
            None
        }
        Err(e) => {
            report.fail(name, Blame::Server, format!("{endpoint}: {e}"));
            None
        }
    }
}

/// What must never be written to a saved file (the client id is not a secret: it stays).
fn secrets_of(settings: &Settings) -> Vec<String> {
    [&settings.api.client_secret]
        .into_iter()
        .flatten()
        .map(|s| s.trim().to_string())
        .filter(|s| s.len() >= 3)
        .collect()
}

/// One raw answer as `--save` writes it: customer fields and secrets replaced, shape kept.
fn saved(endpoint: &str, params: &[(&str, String)], raw: &RawResponse, secrets: &[String]) -> Value {
    let secrets: Vec<&str> = secrets.iter().map(String::as_str).collect();
    let body = match serde_json::from_slice::<Value>(&raw.body) {
        Ok(mut v) => {
            redact(&mut v, &secrets);
            v
        }
        Err(_) => {
            let text = String::from_utf8_lossy(&raw.body[..raw.body.len().min(4096)]).to_string();
            json!({ "not_json": envelope::redact_all(&text, &secrets) })
        }
    };
    let names: Vec<&str> = params.iter().map(|(k, _)| *k).collect();
    json!({
        "endpoint": endpoint,
        "parameters": names,
        "http_status": raw.http_status,
        "content_type": raw.content_type,
        "body": body,
    })
}

/// Replaces customer data (non-empty values under the personal keys) and any secret.
fn redact(v: &mut Value, secrets: &[&str]) {
    match v {
        Value::Object(map) => {
            for (k, item) in map.iter_mut() {
                let personal = PERSONAL.contains(&k.as_str());
                match item {
                    Value::String(s) if personal && !s.is_empty() => *item = json!("<redacted>"),
                    Value::Number(_) if personal => *item = json!("<redacted>"),
                    _ => redact(item, secrets),
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|i| redact(i, secrets)),
        Value::String(s) => *s = envelope::redact_all(s, secrets),
        _ => {}
    }
}

fn finish(report: &Report, settings: &Settings, args: &DoctorArgs) -> ExitCode {
    let mut status = report.exit_status();
    if let Some(path) = &args.save {
        let document = json!({
            "coupon_kiosk": env!("CARGO_PKG_VERSION"),
            "base_url": settings.api.base_url,
            "checks": report.checks,
            "answers": report.answers,
        });
        let text = serde_json::to_string_pretty(&document).unwrap_or_default();
        if let Err(e) = std::fs::write(path, text) {
            output::error_line(&format!("cannot write {}: {e}", path.display()));
            status = status.max(EXIT_INVALID);
        }
    }
    if args.json {
        if let Err(e) = output::print_json(&json!({ "checks": report.checks })) {
            output::error_line(&e.to_string());
        }
    } else {
        let p = Paint::stdout();
        for c in &report.checks {
            let mark = match c.status {
                Status::Ok => p.good("✔"),
                Status::Warn => p.warn("⚠"),
                Status::Fail => p.bad("✖"),
            };
            println!("{mark} {:<26} {}", c.name, c.detail);
        }
    }
    ExitCode::from(status)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_http_is_a_warning_and_https_is_left_to_the_handshake() {
        let mut report = Report::default();
        assert_eq!(
            check_plain_http(&mut report, "https://api.coupontools.com/"),
            Some("api.coupontools.com".into())
        );
        assert!(report.checks.is_empty(), "HTTPS is judged by the first request");
        assert_eq!(
            check_plain_http(&mut report, "http://shop-proxy.example:8080/"),
            None
        );
        assert_eq!(check_plain_http(&mut report, "http://127.0.0.1:8787/"), None);
        let [remote, local] = &report.checks[..] else {
            panic!("{:?}", report.checks)
        };
        assert_eq!((remote.name, remote.status), ("tls", Status::Warn));
        assert!(remote.detail.contains("travel unencrypted"), "{}", remote.detail);
        assert_eq!((local.name, local.status), ("tls", Status::Warn));
        assert!(local.detail.contains("sandbox only"), "{}", local.detail);
        assert_eq!(report.exit_status(), EXIT_OK);
    }

    #[test]
    fn a_clock_a_minute_off_is_a_warning_and_a_second_is_not() {
        let now = OffsetDateTime::now_utc();
        let mut report = Report::default();
        check_clock(&mut report, Some(now - time::Duration::seconds(60)), now, now);
        check_clock(&mut report, Some(now - time::Duration::seconds(1)), now, now);
        check_clock(&mut report, None, now, now);
        let got: Vec<_> = report
            .checks
            .iter()
            .map(|c| (c.status, c.detail.as_str()))
            .collect();
        assert_eq!(got[0].0, Status::Warn);
        assert!(got[0].1.contains("60 s ahead"), "{got:?}");
        assert_eq!(got[1].0, Status::Ok);
        assert_eq!(got[2].0, Status::Warn);
    }

    #[test]
    fn saved_answers_keep_the_shape_but_not_the_customer() {
        let mut v = json!({"session":"abc","data":{"user":{"firstname":"Jane","email":"",
                           "phone":"+447911123456"},"status":{"validated":"1","note":"s3cret-x"}}});
        redact(&mut v, &["s3cret-x"]);
        assert_eq!(v["data"]["user"]["firstname"], "<redacted>");
        assert_eq!(
            v["data"]["user"]["email"], "",
            "an empty field stays empty: that is shape"
        );
        assert_eq!(v["data"]["user"]["phone"], "<redacted>");
        assert_eq!(v["data"]["status"]["validated"], "1");
        assert_eq!(v["data"]["status"]["note"], "<redacted>");
        assert_eq!(v["session"], "abc");
    }
}
