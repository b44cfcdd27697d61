//! `coupon-kiosk sandbox`: run the local Coupontools v3 emulator.
//! Owned by the sandbox work; main.rs only parses and calls this.

use std::process::ExitCode;

/// Flags of `coupon-kiosk sandbox`.
#[derive(clap::Args, Debug, Clone, Default)]
pub struct SandboxArgs {}

pub async fn run(_args: SandboxArgs) -> ExitCode {
    eprintln!("the sandbox is not built yet");
    ExitCode::from(2)
}
