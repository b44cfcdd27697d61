//! `coupon-kiosk barcode CODE --type T (--out FILE | --print)` and `coupon-kiosk barcode decode FILE`.
//! Owned by the barcode work; main.rs only parses and calls this.

use crate::settings::Settings;
use std::process::ExitCode;

/// Flags of `coupon-kiosk barcode`.
#[derive(clap::Args, Debug, Clone, Default)]
pub struct BarcodeArgs {}

pub async fn run(_settings: &Settings, _args: BarcodeArgs) -> ExitCode {
    eprintln!("barcodes are not built yet");
    ExitCode::from(2)
}
