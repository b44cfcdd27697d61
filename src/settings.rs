//! Settings: flags, then the environment (`COUPONTOOLS_API_URL`, `COUPONTOOLS_CLIENT_ID`,
//! `COUPONTOOLS_CLIENT_SECRET`, `COUPON_KIOSK_CONFIG`), then the config file
//! (`config/kiosk.example.toml` documents every key), then defaults.
//! Secrets are never Debug-printed.

use std::path::PathBuf;
use std::time::Duration;

/// Everything the CLI and the kiosk are configured by.
#[derive(Clone)]
pub struct Settings {
    pub api: ApiSettings,
    pub kiosk: KioskSettings,
    /// Where the journal and the TUI's log file live.
    pub data_dir: PathBuf,
}

#[derive(Clone)]
pub struct ApiSettings {
    /// Base URL without `/v3` (default `https://api.coupontools.com`).
    pub base_url: String,
    /// None until configured: the kiosk then explains how to configure an account or try `demo`.
    pub client_id: Option<String>,
    pub client_secret: Option<String>,
    pub connect_timeout: Duration,
    pub request_timeout: Duration,
    pub allow_insecure_http: bool,
}

/// How the counter behaves.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KioskSettings {
    /// Confirm (default): show the session card, Enter validates. Auto: a scan validates at once.
    pub mode: ValidationMode,
    /// Ask for the amount spent before validating and send it as `money_spent`.
    pub ask_money_spent: bool,
    /// Terminal id shown in the status bar and journaled.
    pub terminal_id: String,
    /// Cashier name shown in the status bar and journaled.
    pub cashier: Option<String>,
    /// Write "terminal/cashier" into this custom field (1..=7) on validation, if set.
    pub tag_customfield: Option<u8>,
    /// How long a success verdict stays before the scan field returns.
    pub success_display: Duration,
    /// How long after a validation the undo key works.
    pub undo_window: Duration,
    /// Terminal bell: one for success, three for refusal.
    pub bell: bool,
    /// Destructive staff actions need this PIN when set.
    pub supervisor_pin: Option<String>,
    /// The same code scanned again within this window is not sent twice.
    pub duplicate_scan_window: Duration,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ValidationMode {
    Confirm,
    Auto,
}

impl Default for KioskSettings {
    fn default() -> Self {
        Self {
            mode: ValidationMode::Confirm,
            ask_money_spent: false,
            terminal_id: "till-1".into(),
            cashier: None,
            tag_customfield: None,
            success_display: Duration::from_secs(3),
            undo_window: Duration::from_secs(30),
            bell: true,
            supervisor_pin: None,
            duplicate_scan_window: Duration::from_secs(3),
        }
    }
}

impl std::fmt::Debug for ApiSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ApiSettings")
            .field("base_url", &self.base_url)
            .field("client_id", &self.client_id)
            .field(
                "client_secret",
                &self.client_secret.as_ref().map(|_| "<redacted>"),
            )
            .field("connect_timeout", &self.connect_timeout)
            .field("request_timeout", &self.request_timeout)
            .field("allow_insecure_http", &self.allow_insecure_http)
            .finish()
    }
}

impl std::fmt::Debug for Settings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Settings")
            .field("api", &self.api)
            .field("kiosk", &KioskSettingsRedacted(&self.kiosk))
            .field("data_dir", &self.data_dir)
            .finish()
    }
}

/// Debug view of the kiosk settings without the supervisor PIN.
struct KioskSettingsRedacted<'a>(&'a KioskSettings);

impl std::fmt::Debug for KioskSettingsRedacted<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let k = self.0;
        f.debug_struct("KioskSettings")
            .field("mode", &k.mode)
            .field("terminal_id", &k.terminal_id)
            .field("supervisor_pin", &k.supervisor_pin.as_ref().map(|_| "<redacted>"))
            .finish_non_exhaustive()
    }
}
