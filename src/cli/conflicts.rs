//! `coupon-kiosk conflicts`: offline acceptances the server refused when they were forwarded
//! (validated by another till in the meantime, voided, locked, expired). Listed as text, JSON
//! or CSV; `--mark-seen` records that a manager has dealt with them. Nothing is ever deleted.

use super::output::{self, json_date, print_json, Paint, EXIT_INVALID, EXIT_OK};
use crate::api::session_lists::FilterDate;
use crate::offline::{self, Outbox, OutboxEntry};
use crate::settings::Settings;
use clap::Args;
use std::process::ExitCode;
use time::OffsetDateTime;

#[derive(Args, Debug)]
pub struct ConflictsArgs {
    /// Print a JSON array
    #[arg(long, conflicts_with = "csv")]
    pub json: bool,
    /// Print CSV with a header line
    #[arg(long)]
    pub csv: bool,
    /// Only conflicts accepted at or after this UTC date (yyyy-MM-dd or yyyy-MM-dd HH:mm)
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// Only conflicts not yet marked seen
    #[arg(long)]
    pub unseen: bool,
    /// Mark these conflicts seen: entry numbers (comma separated), or "all"
    #[arg(long, value_name = "IDS", value_delimiter = ',')]
    pub mark_seen: Vec<String>,
    /// Who marks them seen [default: the configured cashier]
    #[arg(long, value_name = "NAME", requires = "mark_seen")]
    pub by: Option<String>,
}

pub async fn run(settings: &Settings, args: ConflictsArgs) -> ExitCode {
    let outbox = match Outbox::open(&offline::outbox_path(&settings.data_dir)) {
        Ok(o) => o,
        Err(e) => return super::sync::fail(&e),
    };
    if !args.mark_seen.is_empty() {
        return mark_seen(settings, &outbox, &args);
    }
    let since = match args.since.as_deref().map(FilterDate::parse).transpose() {
        Ok(d) => d.map(|d| d.at()),
        Err(e) => return output::fail(&e),
    };
    let conflicts = match outbox.conflicts(since, !args.unseen) {
        Ok(c) => c,
        Err(e) => return super::sync::fail(&e),
    };
    if args.json {
        let rows: Vec<ConflictRow<'_>> = conflicts.iter().map(ConflictRow::of).collect();
        if let Err(e) = print_json(&rows) {
            return output::fail(&e);
        }
    } else if args.csv {
        if let Err(e) = print_csv(&conflicts) {
            output::error_line(&format!("cannot write CSV: {e}"));
            return ExitCode::from(EXIT_INVALID);
        }
    } else {
        if conflicts.is_empty() {
            println!("No conflicts.");
        }
        let p = Paint::stdout();
        for c in &conflicts {
            for line in conflict_lines(p, c) {
                println!("{line}");
            }
        }
    }
    ExitCode::from(EXIT_OK)
}

fn mark_seen(settings: &Settings, outbox: &Outbox, args: &ConflictsArgs) -> ExitCode {
    let all = args
        .mark_seen
        .iter()
        .any(|s| s.trim().eq_ignore_ascii_case("all"));
    let mut ids = Vec::new();
    if !all {
        for s in &args.mark_seen {
            match s.trim().trim_start_matches('#').parse::<i64>() {
                Ok(id) => ids.push(id),
                Err(_) => {
                    output::error_line(&format!(
                        "{s:?} is not a conflict number: give the numbers `coupon-kiosk conflicts` shows, or all."
                    ));
                    return ExitCode::from(EXIT_INVALID);
                }
            }
        }
    }
    let by = args.by.clone().or_else(|| settings.kiosk.cashier.clone());
    match outbox.mark_seen(&ids, by.as_deref(), OffsetDateTime::now_utc()) {
        Ok(n) => {
            println!("{} marked {n} conflicts seen", Paint::stdout().good("✔"));
            if n < ids.len() {
                eprintln!(
                    "Note: {} of the numbers given named no unseen conflict (already seen, or no \
                     such conflict): coupon-kiosk conflicts --unseen lists the ones left.",
                    ids.len() - n
                );
            }
            ExitCode::from(EXIT_OK)
        }
        Err(e) => super::sync::fail(&e),
    }
}

/// One conflict as `--json` prints it (and, flattened, `--csv`).
#[derive(Debug, serde::Serialize)]
struct ConflictRow<'a> {
    id: i64,
    session: &'a str,
    campaign: &'a str,
    customer: Option<&'a str>,
    offer: Option<&'a str>,
    accepted_at: Option<String>,
    terminal: &'a str,
    cashier: Option<&'a str>,
    attempt: &'a str,
    server_outcome: Option<&'a str>,
    server_message: Option<&'a str>,
    server_error_code: Option<u32>,
    server_since: Option<String>,
    refused_at: Option<String>,
    seen_at: Option<String>,
    seen_by: Option<&'a str>,
}

impl<'a> ConflictRow<'a> {
    fn of(e: &'a OutboxEntry) -> Self {
        ConflictRow {
            id: e.id,
            session: &e.session,
            campaign: &e.campaign,
            customer: e.customer.as_deref(),
            offer: e.offer.as_deref(),
            accepted_at: json_date(Some(e.accepted_at)),
            terminal: &e.terminal,
            cashier: e.cashier.as_deref(),
            attempt: &e.attempt,
            server_outcome: e.server_outcome.as_deref(),
            server_message: e.server_message.as_deref(),
            server_error_code: e.server_error_code,
            server_since: json_date(e.server_since),
            refused_at: json_date(e.resolved_at),
            seen_at: json_date(e.seen_at),
            seen_by: e.seen_by.as_deref(),
        }
    }
}

fn print_csv(conflicts: &[OutboxEntry]) -> Result<(), csv::Error> {
    let mut w = csv::Writer::from_writer(std::io::stdout().lock());
    if conflicts.is_empty() {
        // serde writes the header with the first row; an empty inbox still gets one.
        w.write_record([
            "id",
            "session",
            "campaign",
            "customer",
            "offer",
            "accepted_at",
            "terminal",
            "cashier",
            "attempt",
            "server_outcome",
            "server_message",
            "server_error_code",
            "server_since",
            "refused_at",
            "seen_at",
            "seen_by",
        ])?;
    }
    for c in conflicts {
        w.serialize(ConflictRow::of(c))?;
    }
    w.flush()?;
    Ok(())
}

fn conflict_lines(p: Paint, c: &OutboxEntry) -> Vec<String> {
    let by = match &c.cashier {
        Some(name) => format!("{} ({name})", c.terminal),
        None => c.terminal.clone(),
    };
    let says = match (&c.server_message, c.server_error_code) {
        (Some(m), Some(code)) => format!("{m} (error {code})"),
        (Some(m), None) => m.clone(),
        (None, _) => c.server_outcome.clone().unwrap_or_default(),
    };
    let since = c
        .server_since
        .map(|t| format!(" since {}", output::human_date(t)))
        .unwrap_or_default();
    let seen = match (c.seen_at, &c.seen_by) {
        (Some(at), Some(by)) => p.dim(&format!("  seen {} by {by}", output::human_date(at))),
        (Some(at), None) => p.dim(&format!("  seen {}", output::human_date(at))),
        (None, _) => p.warn("  NEW"),
    };
    vec![
        format!(
            "#{:<4} {}  {}  {}{seen}",
            c.id,
            p.bold(&c.session),
            c.customer.as_deref().unwrap_or("(no name)"),
            p.dim(c.offer.as_deref().unwrap_or(&c.campaign)),
        ),
        format!(
            "      accepted offline {} by {by}",
            output::human_date(c.accepted_at)
        ),
        format!("      server: {}{since}", p.bad(&says)),
    ]
}
