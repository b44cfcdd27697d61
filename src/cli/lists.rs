//! `sessions CAMPAIGN [--opens|--claims|--validations] [--from D] [--to D] [--page N | --all]
//! [--csv|--json]`: campaign/data and friends, streamed page by page.

use super::output::{error_line, exit_status_of, json_date, Paint, EXIT_OK};
use super::GlobalArgs;
use crate::api::session_lists::{FilterDate, ListQuery, SessionList, SessionPage};
use crate::api::{ApiError, CampaignId, Client, Session};
use crate::settings::Settings;
use clap::Args;
use std::io::{IsTerminal, Write};
use std::process::ExitCode;

#[derive(Args, Debug)]
#[command(group(clap::ArgGroup::new("list").args(["opens", "claims", "validations"])))]
#[command(group(clap::ArgGroup::new("format").args(["csv", "json"])))]
pub struct SessionsArgs {
    /// Coupon id (cam_...)
    pub campaign: String,
    /// Only sessions that were opened
    #[arg(long)]
    pub opens: bool,
    /// Only sessions that were claimed
    #[arg(long)]
    pub claims: bool,
    /// Only sessions that were validated
    #[arg(long)]
    pub validations: bool,
    /// From this date, inclusive (UTC): yyyy-MM-dd or "yyyy-MM-dd HH:mm"
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,
    /// To this date, inclusive (UTC): yyyy-MM-dd or "yyyy-MM-dd HH:mm"
    #[arg(long, value_name = "DATE")]
    pub to: Option<String>,
    /// This page only (5000 sessions a page, from 1)
    #[arg(long, value_name = "N", conflicts_with = "all", value_parser = clap::value_parser!(u32).range(1..))]
    pub page: Option<u32>,
    /// Every page, streamed as it arrives
    #[arg(long)]
    pub all: bool,
    /// CSV with a header row
    #[arg(long)]
    pub csv: bool,
    /// One JSON array
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub global: GlobalArgs,
}

/// Output formats of `sessions`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Plain,
    Csv,
    Json,
}

/// One row of `sessions --json` / `--csv`.
#[derive(Debug, serde::Serialize)]
pub struct SessionRow<'a> {
    pub session: std::borrow::Cow<'a, str>,
    pub sequenceid: Option<u64>,
    pub state: &'static str,
    pub opened: bool,
    pub claimed: bool,
    pub validated: bool,
    pub voided: bool,
    pub locked: bool,
    pub created_date_utc: Option<String>,
    pub claim_date_utc: Option<String>,
    pub validation_date_utc: Option<String>,
    pub expiration_date_utc: Option<String>,
    pub custom_validation_code: Option<std::borrow::Cow<'a, str>>,
}

impl<'a> SessionRow<'a> {
    pub fn of(s: &'a Session) -> Self {
        SessionRow {
            // CSV goes to a terminal too: nothing the server sends may command it.
            session: super::output::clean_cow(&s.session),
            sequenceid: s.sequenceid,
            state: s.state().as_str(),
            opened: s.opened,
            claimed: s.claimed,
            validated: s.validated,
            voided: s.voided,
            locked: s.locked,
            created_date_utc: json_date(s.created_date_utc),
            claim_date_utc: json_date(s.claim_date_utc),
            validation_date_utc: json_date(s.validation_date_utc),
            expiration_date_utc: json_date(s.expiration_date_utc),
            custom_validation_code: s.custom_validation_code.as_deref().map(super::output::clean_cow),
        }
    }
}

fn query_of(args: &SessionsArgs) -> Result<ListQuery, ApiError> {
    let list = if args.opens {
        SessionList::Opens
    } else if args.claims {
        SessionList::Claims
    } else if args.validations {
        SessionList::Validations
    } else {
        SessionList::All
    };
    let mut q = ListQuery::new(CampaignId::parse(&args.campaign)?, list);
    q.page = args.page.unwrap_or(1);
    q.start_date = args.from.as_deref().map(FilterDate::parse).transpose()?;
    q.end_date = args.to.as_deref().map(FilterDate::parse).transpose()?;
    q.check()?;
    Ok(q)
}

pub async fn run_sessions(settings: &Settings, args: SessionsArgs) -> ExitCode {
    let format = if args.csv {
        Format::Csv
    } else if args.json {
        Format::Json
    } else {
        Format::Plain
    };
    let setup = query_of(&args).and_then(|q| Ok((q, settings.client()?)));
    let (query, client) = match setup {
        Ok(x) => x,
        Err(e) => return super::output::fail(&e),
    };
    let progress = args.all && std::io::stderr().is_terminal();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match write_sessions(&client, query, args.all, format, progress, &mut out).await {
        Ok(Written { sessions, more_pages }) => {
            let _ = out.flush();
            if more_pages && !args.all {
                eprintln!("More sessions on the next pages: add --page N or --all.");
            }
            if sessions == 0 && format == Format::Plain {
                eprintln!("No sessions.");
            }
            ExitCode::from(EXIT_OK)
        }
        Err(e) => {
            let _ = out.flush();
            error_line(&super::explain::sentence(&e));
            ExitCode::from(exit_status_of(&e))
        }
    }
}

/// What [`write_sessions`] wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Written {
    pub sessions: usize,
    /// Pages after the last one written exist.
    pub more_pages: bool,
}

/// Fetches one page, or every page with `all`, and writes each as it arrives. A JSON array is
/// closed even when a later page fails, so what was written stays readable.
pub async fn write_sessions(
    client: &Client,
    query: ListQuery,
    all: bool,
    format: Format,
    progress: bool,
    out: &mut impl Write,
) -> Result<Written, ApiError> {
    let io = |e: std::io::Error| ApiError::InvalidInput(format!("cannot write the output: {e}"));
    let mut pager = client.session_pages(query);
    let mut written = 0usize;
    let mut more_pages = false;
    let bar = progress.then(|| {
        let bar = indicatif::ProgressBar::new(0);
        bar.set_style(
            indicatif::ProgressStyle::with_template("{spinner} page {pos}/{len} · {msg} sessions")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        bar.set_message("0");
        bar
    });
    if format == Format::Json {
        out.write_all(b"[").map_err(io)?;
    }
    let result: Result<(), ApiError> = async {
        while let Some(page) = pager.next_page().await {
            let page: SessionPage = page?;
            let p = Paint::stdout();
            // CSV: one writer per page, the header row only before the first record.
            let mut csv = (format == Format::Csv).then(|| {
                csv::WriterBuilder::new()
                    .has_headers(written == 0)
                    .from_writer(Vec::new())
            });
            for s in &page.sessions {
                match format {
                    Format::Plain => writeln!(out, "{}", super::output::session_row(p, s)).map_err(io)?,
                    Format::Json => {
                        let sep = if written == 0 { "\n" } else { ",\n" };
                        let row = serde_json::to_string(&SessionRow::of(s))
                            .map_err(|e| ApiError::InvalidInput(format!("cannot write JSON: {e}")))?;
                        write!(out, "{sep}  {row}").map_err(io)?;
                    }
                    Format::Csv => {
                        if let Some(w) = csv.as_mut() {
                            w.serialize(SessionRow::of(s))
                                .map_err(|e| ApiError::InvalidInput(format!("cannot write CSV: {e}")))?;
                        }
                    }
                }
                written += 1;
            }
            // Hand each page to the reader as soon as it is complete.
            if let Some(w) = csv {
                let bytes = w
                    .into_inner()
                    .map_err(|e| ApiError::InvalidInput(format!("cannot write CSV: {e}")))?;
                out.write_all(&bytes).map_err(io)?;
            }
            out.flush().map_err(io)?;
            if let Some(bar) = &bar {
                if let Some(total) = page.total_pages {
                    bar.set_length(u64::from(total));
                }
                bar.set_position(u64::from(page.page));
                bar.set_message(written.to_string());
            }
            if !all {
                more_pages = !page.is_last();
                break;
            }
        }
        Ok(())
    }
    .await;
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    if format == Format::Json {
        let end: &[u8] = if written == 0 { b"]\n" } else { b"\n]\n" };
        out.write_all(end).map_err(io)?;
    }
    result.map(|()| Written {
        sessions: written,
        more_pages,
    })
}
