//! `report --since DATE [--until DATE] [--by till|cashier|hour|campaign] [--json|--csv]`:
//! every validation of the period across the account (all tills), counted and summed per group
//! (the counting is `crate::report`; this file is the flags and the output).

use super::output::{error_line, exit_status_of, EXIT_OK};
use super::GlobalArgs;
use crate::api::session_lists::FilterDate;
use crate::api::ApiError;
use crate::report::{
    campaigns_of, collect_with, grand_total, totals_in, GroupBy, GroupTotal, Period, ReportCache,
};
use crate::settings::Settings;
use clap::{Args, ValueEnum};
use std::io::Write;
use std::process::ExitCode;

#[derive(Args, Debug)]
#[command(group(clap::ArgGroup::new("format").args(["csv", "json"])))]
pub struct ReportArgs {
    /// From this date, inclusive (UTC): yyyy-MM-dd or "yyyy-MM-dd HH:mm"
    #[arg(long, value_name = "DATE")]
    pub since: String,
    /// To this date, inclusive (UTC): yyyy-MM-dd or "yyyy-MM-dd HH:mm" [default: no end]
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,
    /// What to total by (hour: in this machine's local time, as TZ sets it)
    #[arg(long, value_enum, default_value_t = By::Till)]
    pub by: By,
    /// Only this coupon (repeat for more) [default: every coupon of the account]
    #[arg(long = "campaign", value_name = "CAMPAIGN")]
    pub campaigns: Vec<String>,
    /// The custom field (1-7) holding the validation tag [default: [kiosk] tag_customfield]
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u8).range(1..=7))]
    pub tag_field: Option<u8>,
    /// CSV with a header row: group,count,money_spent
    #[arg(long)]
    pub csv: bool,
    /// A JSON list of {"group", "count", "money_spent"}
    #[arg(long)]
    pub json: bool,
    /// Read every validated session from the server, ignoring (and not writing) the report
    /// cache in the data directory
    #[arg(long)]
    pub no_cache: bool,
    #[command(flatten)]
    pub global: GlobalArgs,
}

/// What the totals are grouped by.
/// `--by`: what the totals are grouped by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum By {
    /// The terminal id in the tag
    Till,
    /// The cashier in the tag
    Cashier,
    /// The hour of the validation, in this machine's local time (TZ)
    Hour,
    /// The coupon
    Campaign,
}

impl From<By> for GroupBy {
    fn from(by: By) -> GroupBy {
        match by {
            By::Till => GroupBy::Till,
            By::Cashier => GroupBy::Cashier,
            By::Hour => GroupBy::Hour,
            By::Campaign => GroupBy::Campaign,
        }
    }
}

pub async fn run(settings: &Settings, args: ReportArgs) -> ExitCode {
    let setup = (|| {
        let period = Period::parse(&args.since, args.until.as_deref())?;
        let tag_field = args.tag_field.or(settings.kiosk.tag_customfield).ok_or_else(|| {
            ApiError::InvalidInput(
                "Which custom field holds the validation tag? Give --tag-field N (1-7) or set \
                 [kiosk] tag_customfield in the config file."
                    .into(),
            )
        })?;
        Ok::<_, ApiError>((period, tag_field, settings.client()?))
    })();
    let (period, tag_field, client) = match setup {
        Ok(x) => x,
        Err(e) => return super::output::fail(&e),
    };
    // What earlier reports read of each validated session: only new validations are read again.
    let cache = (!args.no_cache)
        .then(|| ReportCache::open(&settings.data_dir.join(crate::report::cache::FILE_NAME)))
        .and_then(|opened| {
            opened
                .map_err(|e| tracing::warn!(error = %e, "going without the report cache"))
                .ok()
        });
    let result = async {
        let campaigns = campaigns_of(&client, &args.campaigns).await?;
        collect_with(&client, &campaigns, &period, tag_field, cache.as_ref()).await
    }
    .await;
    let validations = match result {
        Ok(v) => v,
        Err(e) => {
            error_line(&super::explain::sentence(&e));
            return ExitCode::from(exit_status_of(&e));
        }
    };
    let by = GroupBy::from(args.by);
    let zone = crate::kiosk::clock::LocalZone::System;
    let rows = totals_in(&validations, by, &|t| zone.offset_at(t));
    let written = if args.json {
        serde_json::to_vec_pretty(&rows)
            .map(|mut v| {
                v.push(b'\n');
                v
            })
            .map_err(|e| e.to_string())
    } else if args.csv {
        csv_text(&rows)
    } else {
        Ok(plain_text(&rows, &grand_total(&validations), &period, by).into_bytes())
    };
    match written {
        Ok(bytes) => {
            let mut out = std::io::stdout().lock();
            let _ = out.write_all(&bytes).and_then(|()| out.flush());
            ExitCode::from(EXIT_OK)
        }
        Err(e) => {
            error_line(&format!("cannot write the report: {e}"));
            ExitCode::from(super::output::EXIT_INVALID)
        }
    }
}

fn csv_text(rows: &[GroupTotal]) -> Result<Vec<u8>, String> {
    let mut w = csv::Writer::from_writer(Vec::new());
    if rows.is_empty() {
        w.write_record(["group", "count", "money_spent"])
            .map_err(|e| e.to_string())?;
    }
    for row in rows {
        w.serialize(row).map_err(|e| e.to_string())?;
    }
    w.into_inner().map_err(|e| e.to_string())
}

/// A table with a total line.
fn plain_text(rows: &[GroupTotal], total: &GroupTotal, period: &Period, by: GroupBy) -> String {
    let by_name = match by {
        GroupBy::Till => "till",
        GroupBy::Cashier => "cashier",
        GroupBy::Hour => "hour (local time)",
        GroupBy::Campaign => "coupon",
    };
    let until = period
        .until
        .as_ref()
        .map_or_else(|| "now".to_string(), FilterDate::wire);
    let mut text = format!(
        "Validations from {} to {} (UTC), by {by_name}\n",
        period.since.wire(),
        until
    );
    let width = rows
        .iter()
        .chain([total])
        .map(|r| r.group.chars().count())
        .max()
        .unwrap_or(0)
        .max(by_name.len());
    text.push_str(&format!(
        "{by_name:<width$}  {:>8}  {:>14}\n",
        "count", "money spent"
    ));
    for r in rows.iter().chain([total]) {
        text.push_str(&format!(
            "{:<width$}  {:>8}  {:>14}\n",
            r.group, r.count, r.money_spent
        ));
    }
    text
}
