//! `coupon-kiosk` (no subcommand), `coupon-kiosk demo`, `coupon-kiosk journal`.
//! main.rs only parses and calls these.

use crate::api::{Client, ClientConfig};
use crate::cli::output::{clean, error_line, EXIT_INVALID, EXIT_NETWORK, EXIT_OK};
use crate::journal::{Entry, Journal, DEMO_JOURNAL_FILE, JOURNAL_FILE};
use crate::kiosk::clock::LocalZone;
use crate::kiosk::run::{run, KioskError, RunOptions};
use crate::sandbox::{self, SandboxConfig};
use crate::settings::{Settings, ValidationMode, ENV_CLIENT_ID, ENV_CLIENT_SECRET, ENV_CONFIG};
use std::path::Path;
use std::process::ExitCode;
use std::time::Duration;
use time::{OffsetDateTime, PrimitiveDateTime};

/// Flags of `coupon-kiosk demo`.
#[derive(clap::Args, Debug, Clone, Default)]
pub struct DemoArgs {
    /// Fraction of the sandbox's requests that fail (0 to 1), some after the change was made:
    /// shows what a broken network looks like at the counter
    #[arg(long, value_name = "P", default_value_t = 0.0, value_parser = parse_rate)]
    pub fail_rate: f64,
    /// Delay the sandbox adds to every request, in milliseconds
    #[arg(long, value_name = "MS", default_value_t = 0,
          value_parser = clap::value_parser!(u64).range(0..=sandbox::MAX_LATENCY_MS))]
    pub latency_ms: u64,
    /// Validation mode for this run: confirm (show the coupon, Enter validates) or auto
    /// (a scan validates at once) [default: the config file's, else confirm]
    #[arg(long, value_enum)]
    pub mode: Option<ModeArg>,
    /// Seed for the sandbox's failure dice, to replay a run
    #[arg(long, value_name = "N")]
    pub fault_seed: Option<u64>,
    /// Where the demo's sandbox listens, e.g. 127.0.0.1:8787 to try the CLI against the same
    /// data from another terminal [default: a free loopback port]
    #[arg(long, value_name = "ADDR")]
    pub sandbox_addr: Option<std::net::SocketAddr>,
    /// How the demo's sandbox shapes its answers (see `coupon-kiosk sandbox --help`)
    #[arg(long, value_name = "NAME", default_value_t = sandbox::ProfileName::Documented)]
    pub profile: sandbox::ProfileName,
}

#[derive(clap::ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum ModeArg {
    Confirm,
    Auto,
}

/// Flags of `coupon-kiosk journal`.
#[derive(clap::Args, Debug, Clone, Default)]
pub struct JournalArgs {
    /// Only attempts from this day on (YYYY-MM-DD, local time), or from this instant (RFC 3339),
    /// or "today"
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// Print CSV (times in UTC)
    #[arg(long, conflicts_with = "json")]
    pub csv: bool,
    /// Print a JSON array (times in UTC)
    #[arg(long)]
    pub json: bool,
    /// Read the demo's journal instead of the account's
    #[arg(long)]
    pub demo: bool,
}

fn parse_rate(s: &str) -> Result<f64, String> {
    let r: f64 = s
        .parse()
        .map_err(|_| format!("{s:?} is not a number between 0 and 1"))?;
    if (0.0..=1.0).contains(&r) {
        Ok(r)
    } else {
        Err(format!("{s} is not between 0 and 1"))
    }
}

/// Runs the kiosk against the configured account.
pub async fn run_kiosk(settings: Settings) -> ExitCode {
    if !settings.has_account() {
        eprintln!("{}", no_account_help());
        return ExitCode::from(EXIT_INVALID);
    }
    let client = match settings.client() {
        Ok(c) => c,
        Err(e) => {
            error_line(&e.to_string());
            return ExitCode::from(EXIT_INVALID);
        }
    };
    let journal = match Journal::open_in(&settings.data_dir, JOURNAL_FILE) {
        Ok(j) => j,
        Err(e) => {
            error_line(&super::explain::local_data_unusable(
                &e,
                "the kiosk did not start",
            ));
            return ExitCode::from(EXIT_INVALID);
        }
    };
    let _log = init_file_logging(&settings.data_dir);
    finish(run(&settings, client, journal, RunOptions { demo: false }).await)
}

/// What to tell someone who started the kiosk without an account.
pub fn no_account_help() -> String {
    format!(
        "No Coupontools account is configured, so the kiosk cannot start.\n\
         \n\
         Configure one with the environment:\n\
         \x20   export {ENV_CLIENT_ID}=<your client id>\n\
         \x20   export {ENV_CLIENT_SECRET}=<your client secret>\n\
         or in a config file (copy config/kiosk.example.toml; every key is explained there):\n\
         \x20   [api]\n\
         \x20   client_id = \"...\"\n\
         \x20   client_secret = \"...\"\n\
         given with --config FILE or {ENV_CONFIG}=FILE{default}.\n\
         \n\
         To try the kiosk without an account, with a built-in sandbox and demo coupons:\n\
         \x20   coupon-kiosk demo",
        default = crate::settings::default_config_path()
            .map(|p| format!(", or placed at {}", p.display()))
            .unwrap_or_default()
    )
}

/// Starts the sandbox in-process with the demo data and runs the kiosk against it.
pub async fn run_demo(mut settings: Settings, args: DemoArgs) -> ExitCode {
    if let Some(mode) = args.mode {
        settings.kiosk.mode = match mode {
            ModeArg::Confirm => ValidationMode::Confirm,
            ModeArg::Auto => ValidationMode::Auto,
        };
    }
    // The demo keeps its own journal: demo attempts never mix with the merchant's record.
    // Creating it waits on the disk (synced writes): that runs while the log and the sandbox
    // start.
    let data_dir = settings.data_dir.clone();
    let journal = tokio::task::spawn_blocking(move || Journal::open_in(&data_dir, DEMO_JOURNAL_FILE));
    let _log = init_file_logging(&settings.data_dir);
    let defaults = SandboxConfig::default();
    // The screen first: the demo data loads behind it (the status bar says "not connected yet"
    // until the sandbox first answers).
    let sandbox = match sandbox::spawn_loading_behind(SandboxConfig {
        addr: args.sandbox_addr.unwrap_or(defaults.addr),
        latency: Duration::from_millis(args.latency_ms),
        fail_rate: args.fail_rate,
        fault_seed: args.fault_seed,
        profile: args.profile,
        ..defaults
    })
    .await
    {
        Ok(s) => s,
        Err(e) => {
            error_line(&super::sandbox::start_failure(&e, "--sandbox-addr"));
            return ExitCode::from(EXIT_NETWORK);
        }
    };
    let client = Client::new(ClientConfig {
        base_url: sandbox.base_url(),
        client_id: sandbox::DEMO_CLIENT_ID.into(),
        client_secret: sandbox::DEMO_CLIENT_SECRET.into(),
        connect_timeout: settings.api.connect_timeout,
        request_timeout: settings.api.request_timeout,
        allow_insecure_http: false,
    });
    let client = match client {
        Ok(c) => c,
        Err(e) => {
            error_line(&e.to_string());
            return ExitCode::from(EXIT_INVALID);
        }
    };
    let journal = match journal.await {
        Ok(Ok(j)) => j,
        Ok(Err(e)) => {
            error_line(&super::explain::local_data_unusable(&e, "the demo did not start"));
            return ExitCode::from(EXIT_INVALID);
        }
        Err(_) => {
            error_line(
                "The demo could not open its journal (its task stopped): run coupon-kiosk demo again.",
            );
            return ExitCode::from(EXIT_INVALID);
        }
    };
    let result = run(&settings, client, journal, RunOptions { demo: true }).await;
    sandbox.shutdown().await;
    finish(result)
}

fn finish(result: Result<(), KioskError>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::from(EXIT_OK),
        Err(e) => {
            let cause = super::explain::lower_first(&match &e {
                KioskError::Terminal(io)
                | KioskError::Input(io)
                | KioskError::Draw(io)
                | KioskError::Signals(io) => io.to_string(),
            });
            error_line(&match e {
                KioskError::Terminal(_) => format!(
                    "The kiosk needs an interactive terminal ({cause}): run it in a terminal window \
                     or on the till's console; scripts use the commands (coupon-kiosk --help)."
                ),
                KioskError::Input(_) | KioskError::Draw(_) => format!(
                    "The terminal stopped working under the kiosk ({cause}): start it again; if this \
                     repeats, check the terminal or the remote connection."
                ),
                KioskError::Signals(_) => format!(
                    "The kiosk cannot listen for signals ({cause}): start it again; if this repeats, \
                     run it with -v and report the output."
                ),
            });
            ExitCode::from(match e {
                KioskError::Terminal(_) | KioskError::Signals(_) => EXIT_INVALID,
                KioskError::Input(_) | KioskError::Draw(_) => EXIT_NETWORK,
            })
        }
    }
}

/// The full-screen kiosk logs to `kiosk.log.YYYY-MM-DD` in the data directory (never to the
/// terminal it draws on). `RUST_LOG` chooses the detail; info by default.
fn init_file_logging(data_dir: &Path) -> Option<tracing_appender::non_blocking::WorkerGuard> {
    use tracing_subscriber::EnvFilter;
    std::fs::create_dir_all(data_dir).ok()?;
    let appender = tracing_appender::rolling::Builder::new()
        .rotation(tracing_appender::rolling::Rotation::DAILY)
        .filename_prefix("kiosk.log")
        .max_log_files(14)
        .build(data_dir)
        .ok()?;
    let (writer, guard) = tracing_appender::non_blocking(appender);
    let filter = match std::env::var("RUST_LOG") {
        Ok(v) if !v.trim().is_empty() => EnvFilter::new(v),
        _ => EnvFilter::new("info"),
    };
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(writer)
        .with_ansi(false)
        .try_init()
        .ok()?;
    Some(guard)
}

/// Prints the local journal.
pub async fn run_journal(settings: Settings, args: JournalArgs) -> ExitCode {
    let zone = LocalZone::System;
    let since = match args.since.as_deref().map(|s| parse_since(s, zone)) {
        None => None,
        Some(Ok(t)) => Some(t),
        Some(Err(e)) => {
            error_line(&e);
            return ExitCode::from(EXIT_INVALID);
        }
    };
    let file = if args.demo {
        DEMO_JOURNAL_FILE
    } else {
        JOURNAL_FILE
    };
    let path = settings.data_dir.join(file);
    if !path.exists() {
        eprintln!("No journal yet at {}.", path.display());
        if args.json {
            println!("[]");
        }
        return ExitCode::from(EXIT_OK);
    }
    let entries = match Journal::open(&path).and_then(|j| j.entries_since(since)) {
        Ok(e) => e,
        Err(e) => {
            error_line(&super::explain::local_data_unusable(
                &e,
                "the journal cannot be shown",
            ));
            return ExitCode::from(EXIT_INVALID);
        }
    };
    let out = if args.json {
        serde_json::to_string_pretty(&entries)
            .map(|s| s + "\n")
            .unwrap_or_default()
    } else if args.csv {
        to_csv(&entries)
    } else {
        to_text(&entries, zone)
    };
    print!("{out}");
    ExitCode::from(EXIT_OK)
}

/// `YYYY-MM-DD` (local midnight), an RFC 3339 instant, or `today`.
pub fn parse_since(s: &str, zone: LocalZone) -> Result<OffsetDateTime, String> {
    let s = s.trim();
    if s.eq_ignore_ascii_case("today") {
        return Ok(zone.start_of_day(OffsetDateTime::now_utc()));
    }
    if let Ok(t) = OffsetDateTime::parse(s, &time::format_description::well_known::Rfc3339) {
        return Ok(t);
    }
    let date = time::Date::parse(s, time::macros::format_description!("[year]-[month]-[day]"))
        .map_err(|_| format!("--since {s:?}: give a date as YYYY-MM-DD, an RFC 3339 time, or \"today\""))?;
    let midnight = PrimitiveDateTime::new(date, time::Time::MIDNIGHT);
    let offset = zone.offset_at(midnight.assume_utc());
    Ok(midnight.assume_offset(offset))
}

const CSV_HEADER: &str = "at_utc,scanned,session,campaign,operation,outcome,error_code,message,round_trips,rtt_ms,terminal,cashier,reason";

fn to_csv(entries: &[Entry]) -> String {
    let mut out = String::from(CSV_HEADER);
    out.push('\n');
    for e in entries {
        let at = e
            .at_utc
            .format(&time::format_description::well_known::Rfc3339)
            .unwrap_or_default();
        let fields = [
            at,
            clean(&e.scanned),
            clean(e.session.as_deref().unwrap_or_default()),
            clean(e.campaign.as_deref().unwrap_or_default()),
            e.operation.to_string(),
            e.outcome.to_string(),
            e.error_code.map(|c| c.to_string()).unwrap_or_default(),
            clean(&e.message),
            e.round_trips.to_string(),
            e.rtt_ms.map(|m| m.to_string()).unwrap_or_default(),
            clean(&e.terminal),
            clean(e.cashier.as_deref().unwrap_or_default()),
            clean(e.reason.as_deref().unwrap_or_default()),
        ];
        let line: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
        out.push_str(&line.join(","));
        out.push('\n');
    }
    out
}

/// RFC 4180 quoting (of a string already cleaned of control characters: the journal holds
/// what the server and the scanner sent, and an export is often read on a terminal); a leading = + - @ is prefixed with ' so a spreadsheet never runs a scanned
/// string as a formula.
fn csv_field(s: &str) -> String {
    let s = if s.starts_with(['=', '+', '-', '@']) {
        format!("'{s}")
    } else {
        s.to_string()
    };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

fn to_text(entries: &[Entry], zone: LocalZone) -> String {
    let mut out = String::new();
    for e in entries {
        let at = zone
            .local(e.at_utc)
            .format(time::macros::format_description!(
                "[year]-[month]-[day] [hour]:[minute]:[second]"
            ))
            .unwrap_or_default();
        let rtt = e.rtt_ms.map(|m| format!("{m} ms")).unwrap_or_default();
        out.push_str(&format!(
            "{at}  {:<8} {:<11} {:<18} {:<22} {:>7}  {}\n",
            clean(&e.terminal),
            e.operation,
            e.outcome,
            clean(e.session.as_deref().unwrap_or(&e.scanned)),
            rtt,
            clean(&e.message)
        ));
    }
    if entries.is_empty() {
        out.push_str("No attempts in the journal for that period.\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::{datetime, offset};

    #[test]
    fn since_accepts_dates_instants_and_today() {
        let z = LocalZone::Fixed(offset!(+2));
        assert_eq!(parse_since("2026-11-20", z), Ok(datetime!(2026-11-19 22:00 UTC)));
        assert_eq!(
            parse_since("2026-11-20T10:00:00Z", z),
            Ok(datetime!(2026-11-20 10:00 UTC))
        );
        assert!(parse_since("today", z).is_ok());
        assert!(parse_since("20/11/2026", z).is_err());
    }

    #[test]
    fn csv_quotes_and_defuses_formulas() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("=HYPERLINK()"), "'=HYPERLINK()");
    }

    #[test]
    fn stored_server_messages_are_printed_without_control_characters() {
        let entry = Entry {
            at_utc: datetime!(2026-11-20 10:00 UTC),
            scanned: "ac6s7u\u{1b}[2J".into(),
            session: None,
            campaign: None,
            operation: crate::journal::Operation::Validate,
            outcome: crate::journal::Outcome::Refused,
            error_code: Some(351),
            message: "Expired\u{1b}]0;pwned\u{7}\u{1b}[2J\u{202e}".into(),
            round_trips: 1,
            rtt_ms: None,
            terminal: "till-1\u{1b}[31m".into(),
            cashier: Some("Ann\u{9b}".into()),
            reason: Some("why\u{7}".into()),
            attempt_id: None,
        };
        let z = LocalZone::Fixed(offset!(+0));
        for out in [to_text(std::slice::from_ref(&entry), z), to_csv(&[entry])] {
            assert!(out.contains("Expired]0;pwned[2J"), "{out}");
            assert!(
                !out.chars()
                    .any(|c| (c.is_control() && c != '\n') || c == '\u{202e}'),
                "{out:?}"
            );
        }
    }
}
