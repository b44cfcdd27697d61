//! The scanner flags, accepted wherever the settings flags are.

use crate::scanner::settings::ScannerOverrides;
use clap::Args;
use std::path::PathBuf;

/// `--scanner-device`, `--scanner-baud`, `--keyboard-layout`.
#[derive(Args, Debug, Clone, Default)]
pub struct ScannerFlags {
    /// A serial (USB-COM) scanner's device, read besides the keyboard, e.g. /dev/ttyACM0
    /// [env: COUPON_KIOSK_SCANNER_DEVICE]
    #[arg(long, value_name = "PATH")]
    pub scanner_device: Option<PathBuf>,
    /// The serial scanner's speed [env: COUPON_KIOSK_SCANNER_BAUD] [default: 9600]
    #[arg(long, value_name = "BAUD")]
    pub scanner_baud: Option<u32>,
    /// The layout a keyboard scanner's bursts are read back with: auto, us, azerty-fr,
    /// azerty-be, qwertz-de [env: COUPON_KIOSK_KEYBOARD_LAYOUT] [default: auto]
    #[arg(long, value_name = "LAYOUT")]
    pub keyboard_layout: Option<String>,
}

impl ScannerFlags {
    pub fn merged_with(&self, outer: &ScannerFlags) -> ScannerFlags {
        ScannerFlags {
            scanner_device: self
                .scanner_device
                .clone()
                .or_else(|| outer.scanner_device.clone()),
            scanner_baud: self.scanner_baud.or(outer.scanner_baud),
            keyboard_layout: self
                .keyboard_layout
                .clone()
                .or_else(|| outer.keyboard_layout.clone()),
        }
    }

    pub fn overrides(&self) -> ScannerOverrides {
        ScannerOverrides {
            device: self.scanner_device.clone(),
            baud: self.scanner_baud,
            keyboard_layout: self.keyboard_layout.clone(),
        }
    }
}
