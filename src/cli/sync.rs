//! `coupon-kiosk sync`: copy the sessions this till accepts into the local mirror and print
//! what it holds. Also the `[offline]` settings flags, shared by every command.

use super::output::{self, print_json, Paint, EXIT_INVALID, EXIT_OK};
use crate::offline::settings::OfflineOverrides;
use crate::offline::{self, CompletionRate, Mirror, MirrorStatus, OfflineError, Outbox, OutboxCounts};
use crate::settings::Settings;
use clap::Args;
use std::process::ExitCode;

/// `--offline-policy`, `--offline-campaigns`, `--sync-interval-s`.
#[derive(Args, Debug, Clone, Default)]
pub struct OfflineFlags {
    /// When the server cannot be reached: refuse, or accept-synced [env: COUPON_KIOSK_OFFLINE_POLICY] [default: refuse]
    #[arg(long, value_name = "POLICY")]
    pub offline_policy: Option<String>,
    /// Campaigns this till accepts and mirrors, comma separated [env: COUPON_KIOSK_OFFLINE_CAMPAIGNS] [default: all]
    #[arg(long, value_name = "CAMPAIGNS")]
    pub offline_campaigns: Option<String>,
    /// Seconds between background syncs of the mirror [env: COUPON_KIOSK_SYNC_INTERVAL_S] [default: 300]
    #[arg(long, value_name = "S")]
    pub sync_interval_s: Option<u64>,
}

impl OfflineFlags {
    pub fn merged_with(&self, outer: &OfflineFlags) -> OfflineFlags {
        OfflineFlags {
            offline_policy: self
                .offline_policy
                .clone()
                .or_else(|| outer.offline_policy.clone()),
            offline_campaigns: self
                .offline_campaigns
                .clone()
                .or_else(|| outer.offline_campaigns.clone()),
            sync_interval_s: self.sync_interval_s.or(outer.sync_interval_s),
        }
    }

    pub fn overrides(&self) -> OfflineOverrides {
        OfflineOverrides {
            policy: self.offline_policy.clone(),
            campaigns: self.offline_campaigns.clone(),
            sync_interval_s: self.sync_interval_s,
        }
    }
}

#[derive(Args, Debug)]
pub struct SyncArgs {
    /// Print one JSON object
    #[arg(long)]
    pub json: bool,
    /// Then read the customers the session lists lack (`couponsession/data`), at most N
    /// sessions, so that the look-up finds them by name (the kiosk does this in the background)
    #[arg(long, value_name = "N")]
    pub customers: Option<u64>,
    /// Requests per second for --customers
    #[arg(long, value_name = "N", default_value_t = CompletionRate::GENTLE.per_second)]
    pub rate: u32,
}

/// `sync --json`.
#[derive(serde::Serialize)]
struct SyncJson<'a> {
    fetched: u64,
    took_ms: u64,
    mirror: &'a MirrorStatus,
    outbox: OutboxCounts,
    /// With --customers: how many customer records were read.
    #[serde(skip_serializing_if = "Option::is_none")]
    customers_read: Option<u64>,
}

pub async fn run(settings: &Settings, args: SyncArgs) -> ExitCode {
    let client = match settings.client() {
        Ok(c) => c,
        Err(e) => return output::fail(&e),
    };
    let path = offline::mirror_path(&settings.data_dir);
    let mut report = match offline::sync(&client, &path, &settings.offline.campaigns).await {
        Ok(r) => r,
        Err(e) => return fail(&e),
    };
    let mut learned = None;
    if let Some(budget) = args.customers {
        let rate = CompletionRate {
            per_second: args.rate.max(1),
            ..CompletionRate::GENTLE
        };
        match offline::complete(&client, &path, rate, budget, |_| {}).await {
            Ok(pass) => {
                if let Some(why) = &pass.stopped {
                    output::error_line(&format!("customer details stopped: {why}"));
                }
                learned = Some(pass.learned);
            }
            Err(e) => return fail(&e),
        }
        report.mirror = match mirror_status(settings) {
            Ok(m) => m,
            Err(e) => return fail(&e),
        };
    }
    let outbox = match Outbox::open(&offline::outbox_path(&settings.data_dir)).and_then(|o| o.counts()) {
        Ok(c) => c,
        Err(e) => return fail(&e),
    };
    if args.json {
        let json = SyncJson {
            fetched: report.fetched,
            took_ms: u64::try_from(report.took.as_millis()).unwrap_or(u64::MAX),
            mirror: &report.mirror,
            outbox,
            customers_read: learned,
        };
        if let Err(e) = print_json(&json) {
            return output::fail(&e);
        }
        return ExitCode::from(EXIT_OK);
    }
    let p = Paint::stdout();
    println!(
        "{} copied {} sessions in {:.2} s",
        p.good("✔"),
        report.fetched,
        report.took.as_secs_f64()
    );
    if let Some(n) = learned {
        println!("{} read {n} customers", p.good("✔"));
    }
    print_status(p, &report.mirror, &outbox);
    ExitCode::from(EXIT_OK)
}

/// What the mirror and the outbox hold, a few lines.
pub fn print_status(p: Paint, mirror: &MirrorStatus, outbox: &OutboxCounts) {
    for c in &mirror.campaigns {
        println!(
            "  {:<14} {:>8} sessions  synced {}  {}",
            c.campaign,
            c.sessions,
            output::human_date(c.synced_at),
            p.dim(c.offer.as_deref().unwrap_or(""))
        );
    }
    println!(
        "mirror: {} sessions of {} campaigns, {} with customer details ({} not read yet); \
         outbox: {} waiting, {} conflicts ({} unseen)",
        mirror.sessions,
        mirror.campaigns.len(),
        mirror.with_customer,
        mirror.details_pending,
        outbox.waiting,
        outbox.conflicts,
        outbox.conflicts_unseen
    );
}

/// Prints an offline failure on stderr with its exit status (API failures keep theirs).
pub fn fail(e: &OfflineError) -> ExitCode {
    match e {
        OfflineError::Api(api) => output::fail(api),
        OfflineError::InvalidInput(m) => {
            output::error_line(m);
            ExitCode::from(EXIT_INVALID)
        }
        other => {
            output::error_line(&super::explain::local_data_unusable(
                other,
                "the mirror and the outbox were not changed",
            ));
            ExitCode::from(EXIT_INVALID)
        }
    }
}

/// The mirror's status without a sync (used by `outbox`).
pub fn mirror_status(settings: &Settings) -> Result<MirrorStatus, OfflineError> {
    Mirror::open(&offline::mirror_path(&settings.data_dir))?.status()
}
