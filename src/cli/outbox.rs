//! `coupon-kiosk outbox`: what this till accepted offline and has not yet sent; `--forward`
//! sends it now (oldest first, exactly once), retrying with a bounded backoff for `--wait-s`.

use super::output::{self, print_json, Paint, EXIT_NETWORK, EXIT_OK};
use crate::offline::{self, Backoff, Forwarder, Outbox, OutboxEntry};
use crate::settings::Settings;
use clap::Args;
use std::process::ExitCode;
use std::time::Duration;

#[derive(Args, Debug)]
pub struct OutboxArgs {
    /// Print a JSON array
    #[arg(long)]
    pub json: bool,
    /// Every entry, also those already forwarded or refused (conflicts)
    #[arg(long)]
    pub all: bool,
    /// Send what waits now
    #[arg(long)]
    pub forward: bool,
    /// With --forward: keep retrying (with backoff) for up to this many seconds
    #[arg(long, value_name = "S", default_value_t = 0, requires = "forward")]
    pub wait_s: u64,
}

pub async fn run(settings: &Settings, args: OutboxArgs) -> ExitCode {
    let path = offline::outbox_path(&settings.data_dir);
    if args.forward {
        return forward(settings, &path, &args).await;
    }
    let entries = match Outbox::open(&path).and_then(|o| if args.all { o.all() } else { o.waiting() }) {
        Ok(e) => e,
        Err(e) => return super::sync::fail(&e),
    };
    if args.json {
        if let Err(e) = print_json(&entries) {
            return output::fail(&e);
        }
        return ExitCode::from(EXIT_OK);
    }
    if entries.is_empty() {
        println!("Nothing waits to be sent.");
    }
    let p = Paint::stdout();
    for e in &entries {
        println!("{}", entry_line(p, e));
    }
    ExitCode::from(EXIT_OK)
}

async fn forward(settings: &Settings, path: &std::path::Path, args: &OutboxArgs) -> ExitCode {
    let client = match settings.client() {
        Ok(c) => c,
        Err(e) => return output::fail(&e),
    };
    let outbox = match Outbox::open(path) {
        Ok(o) => o,
        Err(e) => return super::sync::fail(&e),
    };
    let forwarder = Forwarder::new(client, settings.kiosk.tag_customfield, outbox);
    let mut backoff = Backoff::new(Duration::from_millis(500), Duration::from_secs(30));
    let deadline = tokio::time::Instant::now() + Duration::from_secs(args.wait_s);
    let pass = match forwarder.until_empty(&mut backoff, deadline).await {
        Ok(p) => p,
        Err(e) => return super::sync::fail(&e),
    };
    if args.json {
        if let Err(e) = print_json(&pass) {
            return output::fail(&e);
        }
    } else {
        let p = Paint::stdout();
        println!(
            "{} forwarded {}, {} refused (see coupon-kiosk conflicts), {} still waiting",
            if pass.waiting == 0 {
                p.good("✔")
            } else {
                p.warn("⚠")
            },
            pass.forwarded,
            pass.conflicts,
            pass.waiting
        );
        if let Some(why) = &pass.stopped {
            println!("  {why}");
        }
    }
    ExitCode::from(if pass.waiting == 0 { EXIT_OK } else { EXIT_NETWORK })
}

fn entry_line(p: Paint, e: &OutboxEntry) -> String {
    let who = e.customer.as_deref().unwrap_or("");
    let by = match &e.cashier {
        Some(c) => format!("{}/{c}", e.terminal),
        None => e.terminal.clone(),
    };
    let tries = match (&e.last_error, e.tries) {
        (_, 0) => String::new(),
        (Some(err), n) => format!("  {n} tries: {err}"),
        (None, n) => format!("  {n} tries"),
    };
    format!(
        "#{:<4} {}  {}  {:<9}  {:<20}  {}  {}{}",
        e.id,
        output::human_date(e.accepted_at),
        e.session,
        e.state.as_str(),
        who,
        by,
        p.dim(e.offer.as_deref().unwrap_or("")),
        p.dim(&tries)
    )
}
