//! `coupon-kiosk` (no subcommand), `coupon-kiosk demo`, `coupon-kiosk journal`.
//! Owned by the kiosk work; main.rs only parses and calls these.

use crate::settings::Settings;
use std::process::ExitCode;

/// Flags of `coupon-kiosk demo`.
#[derive(clap::Args, Debug, Clone, Default)]
pub struct DemoArgs {}

/// Flags of `coupon-kiosk journal`.
#[derive(clap::Args, Debug, Clone, Default)]
pub struct JournalArgs {}

/// Runs the kiosk against the configured account.
pub async fn run_kiosk(_settings: Settings) -> ExitCode {
    eprintln!("the kiosk screen is not built yet");
    ExitCode::from(2)
}

/// Starts the sandbox in-process with the demo data and runs the kiosk against it.
pub async fn run_demo(_settings: Settings, _args: DemoArgs) -> ExitCode {
    eprintln!("the kiosk screen is not built yet");
    ExitCode::from(2)
}

/// Prints the local journal.
pub async fn run_journal(_settings: Settings, _args: JournalArgs) -> ExitCode {
    eprintln!("the journal is not built yet");
    ExitCode::from(2)
}
