//! Settings: flags, then the environment (`COUPONTOOLS_API_URL`, `COUPONTOOLS_CLIENT_ID`,
//! `COUPONTOOLS_CLIENT_SECRET`, `COUPON_KIOSK_CONFIG`), then the config file
//! (`config/kiosk.example.toml` documents every key), then defaults.
//! Secrets are never Debug-printed.

use crate::i18n::Language;
use crate::phone::Country;
use std::path::PathBuf;
use std::time::Duration;

/// Everything the CLI and the kiosk are configured by.
#[derive(Clone)]
pub struct Settings {
    pub api: ApiSettings,
    pub kiosk: KioskSettings,
    /// `[offline]`: the mirror, offline verdicts and the outbox (see crate::offline::settings).
    pub offline: crate::offline::settings::OfflineSettings,
    /// `[scanner]`: a serial scanner, and the keyboard layout scanner bursts are read back with.
    pub scanner: crate::scanner::ScannerSettings,
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
    /// A PEM file of certificate authorities trusted beside the built-in roots (a shop network
    /// that inspects HTTPS through its own CA): `[api] ca_file`, or `COUPONTOOLS_CA_FILE`.
    pub ca_file: Option<PathBuf>,
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
    /// The staff lookup goes back to the scan screen by itself after this long untouched.
    pub lookup_idle: Duration,
    /// Terminal bell: one for success, three for refusal.
    pub bell: bool,
    /// Destructive staff actions need this PIN when set.
    pub supervisor_pin: Option<String>,
    /// The same code scanned again within this window is not sent twice.
    pub duplicate_scan_window: Duration,
    /// Phone numbers typed without `+` (`07911 123456`) are read in this country's numbering.
    pub default_country: Option<Country>,
    /// The language of every word on the kiosk screen.
    pub language: Language,
    /// The symbols the screen is drawn with: `[kiosk] glyphs`, where `auto` is decided once at
    /// load from `TERM` (the Linux console gets its own font's glyphs).
    pub glyphs: GlyphSet,
}

/// The symbols a kiosk screen is drawn with (the table is `kiosk::glyphs`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum GlyphSet {
    /// A terminal emulator with a Unicode font: ✔ ✖ ⚠ ● ▸.
    #[default]
    Unicode,
    /// The Linux console: the few hundred glyphs of its font, 16 colours.
    Console,
}

/// Whether the `TERM` a kiosk starts under is a console with a small font and 16 colours:
/// the Linux console (`linux`, `linux-16color`, ...), and DEC VT100/VT220 names, which a serial
/// console or an emulator claiming only DEC's character sets uses. For those the narrow set is
/// the safe guess: a √ reads fine on a terminal that could draw ✔, a ✔ on one that cannot is a
/// blank where the verdict's symbol should be.
pub fn is_console_term(term: &str) -> bool {
    let term = term.trim();
    term == "linux"
        || term.starts_with("linux-")
        || ["vt100", "vt102", "vt220"]
            .iter()
            .any(|v| term == *v || term.starts_with(&format!("{v}-")))
}

/// `[kiosk] glyphs`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum GlyphChoice {
    /// From `TERM`: `linux`, `linux-*`, `vt100`, `vt102`, `vt220` are consoles.
    #[default]
    Auto,
    Unicode,
    Console,
}

impl GlyphChoice {
    /// The set for this choice on a terminal named `term`.
    pub fn resolve(self, term: Option<&str>) -> GlyphSet {
        match self {
            GlyphChoice::Unicode => GlyphSet::Unicode,
            GlyphChoice::Console => GlyphSet::Console,
            GlyphChoice::Auto if term.is_some_and(is_console_term) => GlyphSet::Console,
            GlyphChoice::Auto => GlyphSet::Unicode,
        }
    }
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
            lookup_idle: Duration::from_secs(120),
            bell: true,
            supervisor_pin: None,
            duplicate_scan_window: Duration::from_secs(3),
            default_country: None,
            language: Language::default(),
            glyphs: GlyphSet::default(),
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
            .field("ca_file", &self.ca_file)
            .finish()
    }
}

impl std::fmt::Debug for Settings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Settings")
            .field("api", &self.api)
            .field("kiosk", &KioskSettingsRedacted(&self.kiosk))
            .field("offline", &self.offline)
            .field("scanner", &self.scanner)
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

/// Production API.
pub const DEFAULT_API_URL: &str = "https://api.coupontools.com";
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
pub const DEFAULT_REQUEST_TIMEOUT: Duration = Duration::from_secs(15);
/// Environment variables read by [`Settings::load`].
pub const ENV_API_URL: &str = "COUPONTOOLS_API_URL";
pub const ENV_CLIENT_ID: &str = "COUPONTOOLS_CLIENT_ID";
pub const ENV_CLIENT_SECRET: &str = "COUPONTOOLS_CLIENT_SECRET";
pub const ENV_CONFIG: &str = "COUPON_KIOSK_CONFIG";
pub const ENV_DEFAULT_COUNTRY: &str = "COUPON_KIOSK_DEFAULT_COUNTRY";
pub const ENV_CA_FILE: &str = "COUPONTOOLS_CA_FILE";
/// A CA file larger than this is not a handful of certificates.
const MAX_CA_FILE_BYTES: u64 = 1024 * 1024;
/// Name of the config file in the platform's config directory.
pub const CONFIG_FILE_NAME: &str = "kiosk.toml";
/// Largest config file read (a commented example is a few KiB).
pub const MAX_CONFIG_BYTES: u64 = 1024 * 1024;
/// Longest client id or secret accepted: real ones are a few dozen characters, and a huge one
/// would only come back as an HTTP error after being sent.
pub const MAX_CREDENTIAL_CHARS: usize = 512;
/// The one range for the request timeout, from the flag or the file (milliseconds).
pub const TIMEOUT_MS_RANGE: std::ops::RangeInclusive<u64> = 1..=3_600_000;
/// The one range for the connect timeout (milliseconds).
pub const CONNECT_TIMEOUT_MS_RANGE: std::ops::RangeInclusive<u64> = 1..=600_000;

/// What the command line says, above everything else. `None` means "not given".
#[derive(Clone, Default)]
pub struct SettingsOverrides {
    pub api_url: Option<String>,
    pub client_id: Option<String>,
    pub client_secret: Option<String>,
    pub config: Option<PathBuf>,
    pub data_dir: Option<PathBuf>,
    pub connect_timeout_ms: Option<u64>,
    pub timeout_ms: Option<u64>,
    /// `--allow-insecure-http` (a flag can only switch it on).
    pub allow_insecure_http: bool,
    /// `--default-country`, e.g. "GB".
    pub default_country: Option<String>,
    /// `--lang`, e.g. "nl".
    pub language: Option<String>,
    /// `--offline-policy`, `--offline-campaigns`, `--sync-interval-s`.
    pub offline: crate::offline::settings::OfflineOverrides,
    /// `--scanner-device`, `--scanner-baud`, `--keyboard-layout`.
    pub scanner: crate::scanner::settings::ScannerOverrides,
}

impl std::fmt::Debug for SettingsOverrides {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SettingsOverrides")
            .field("api_url", &self.api_url)
            .field("client_id", &self.client_id)
            .field(
                "client_secret",
                &self.client_secret.as_ref().map(|_| "<redacted>"),
            )
            .field("config", &self.config)
            .field("data_dir", &self.data_dir)
            .field("connect_timeout_ms", &self.connect_timeout_ms)
            .field("timeout_ms", &self.timeout_ms)
            .field("allow_insecure_http", &self.allow_insecure_http)
            .field("default_country", &self.default_country)
            .field("language", &self.language)
            .field("offline", &self.offline)
            .field("scanner", &self.scanner)
            .finish()
    }
}

/// Settings that cannot be used. Messages name the file and line; they never quote a secret.
#[derive(Debug, thiserror::Error)]
pub enum SettingsError {
    #[error("cannot read the config file {path}: {reason}")]
    Read { path: PathBuf, reason: String },
    #[error("config file {path}, line {line}, column {column}: {message}")]
    Parse {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("{0}")]
    Invalid(String),
}

/// The config file as written (every key optional; unknown keys are an error, so typos show).
#[derive(Debug, Default, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct FileSettings {
    data_dir: Option<PathBuf>,
    #[serde(default)]
    api: FileApi,
    #[serde(default)]
    kiosk: FileKiosk,
    #[serde(default)]
    offline: crate::offline::settings::FileOffline,
    #[serde(default)]
    scanner: crate::scanner::settings::FileScanner,
}

#[derive(Default, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct FileApi {
    url: Option<String>,
    client_id: Option<String>,
    client_secret: Option<String>,
    connect_timeout_ms: Option<u64>,
    timeout_ms: Option<u64>,
    allow_insecure_http: Option<bool>,
    ca_file: Option<PathBuf>,
}

impl std::fmt::Debug for FileApi {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FileApi")
            .field("url", &self.url)
            .field(
                "client_secret",
                &self.client_secret.as_ref().map(|_| "<redacted>"),
            )
            .finish_non_exhaustive()
    }
}

#[derive(Default, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct FileKiosk {
    mode: Option<ValidationMode>,
    ask_money_spent: Option<bool>,
    terminal_id: Option<String>,
    cashier: Option<String>,
    tag_customfield: Option<u8>,
    success_display_ms: Option<u64>,
    undo_window_ms: Option<u64>,
    lookup_idle_ms: Option<u64>,
    bell: Option<bool>,
    supervisor_pin: Option<String>,
    duplicate_scan_window_ms: Option<u64>,
    default_country: Option<String>,
    language: Option<String>,
    glyphs: Option<GlyphChoice>,
}

impl std::fmt::Debug for FileKiosk {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FileKiosk").finish_non_exhaustive()
    }
}

impl Settings {
    /// Flags, then the environment, then the config file, then defaults.
    pub fn load(overrides: &SettingsOverrides) -> Result<Settings, SettingsError> {
        Self::load_with_env(overrides, |name| std::env::var(name).ok())
    }

    /// [`Settings::load`] with the environment given (tests pass their own).
    pub fn load_with_env(
        overrides: &SettingsOverrides,
        env: impl Fn(&str) -> Option<String>,
    ) -> Result<Settings, SettingsError> {
        let env = |name: &str| env(name).filter(|v| !v.trim().is_empty());
        let file = match config_path(overrides, &env) {
            Some((path, required)) => read_config(&path, required)?,
            None => FileSettings::default(),
        };
        let base_url = overrides
            .api_url
            .clone()
            .or_else(|| env(ENV_API_URL))
            .or(file.api.url)
            .unwrap_or_else(|| DEFAULT_API_URL.to_string());
        let client_id = overrides
            .client_id
            .clone()
            .or_else(|| env(ENV_CLIENT_ID))
            .or(file.api.client_id)
            .filter(|v| !v.trim().is_empty());
        let client_secret = overrides
            .client_secret
            .clone()
            .or_else(|| env(ENV_CLIENT_SECRET))
            // A systemd credential (assets/systemd/) keeps the secret out of the config file.
            .map_or_else(crate::credentials::client_secret, |s| Ok(Some(s)))
            .map_err(SettingsError::Invalid)?
            .or(file.api.client_secret)
            .filter(|v| !v.is_empty());
        let millis = |flag: Option<u64>,
                      file: Option<u64>,
                      default: Duration,
                      what: &str,
                      range: std::ops::RangeInclusive<u64>| match flag.or(file) {
            None => Ok(default),
            Some(ms) if range.contains(&ms) => Ok(Duration::from_millis(ms)),
            Some(ms) => Err(SettingsError::Invalid(format!(
                "The {what} must be {} to {} ms, not {ms}.",
                range.start(),
                range.end()
            ))),
        };
        for (what, value) in [("client id", &client_id), ("client secret", &client_secret)] {
            if value
                .as_ref()
                .is_some_and(|v| v.chars().count() > MAX_CREDENTIAL_CHARS)
            {
                return Err(SettingsError::Invalid(format!(
                    "The {what} is longer than {MAX_CREDENTIAL_CHARS} characters: that is not a Coupontools credential."
                )));
            }
        }
        let api = ApiSettings {
            base_url,
            client_id,
            client_secret,
            connect_timeout: millis(
                overrides.connect_timeout_ms,
                file.api.connect_timeout_ms,
                DEFAULT_CONNECT_TIMEOUT,
                "connect timeout",
                CONNECT_TIMEOUT_MS_RANGE,
            )?,
            request_timeout: millis(
                overrides.timeout_ms,
                file.api.timeout_ms,
                DEFAULT_REQUEST_TIMEOUT,
                "request timeout",
                TIMEOUT_MS_RANGE,
            )?,
            allow_insecure_http: overrides.allow_insecure_http
                || file.api.allow_insecure_http.unwrap_or(false),
            ca_file: env(ENV_CA_FILE).map(PathBuf::from).or(file.api.ca_file),
        };
        let country = overrides
            .default_country
            .clone()
            .or_else(|| env(ENV_DEFAULT_COUNTRY))
            .or_else(|| file.kiosk.default_country.clone());
        let glyphs = file.kiosk.glyphs.unwrap_or_default();
        // The flag, then the file, then the locale the till runs in; English when none names
        // a language the kiosk speaks. A named language the kiosk does not speak is a mistake
        // to report, not to hide behind English.
        let language = match (overrides.language.as_deref(), file.kiosk.language.as_deref()) {
            (Some(name), _) => Some(
                name.parse::<Language>()
                    .map_err(|e| SettingsError::Invalid(format!("--lang: {e}")))?,
            ),
            (None, Some(name)) => Some(
                name.parse::<Language>()
                    .map_err(|e| SettingsError::Invalid(format!("kiosk.language: {e}")))?,
            ),
            (None, None) => Language::from_vars(env),
        };
        let mut kiosk = kiosk_settings(file.kiosk)?;
        kiosk.language = language.unwrap_or_default();
        kiosk.glyphs = glyphs.resolve(env("TERM").as_deref());
        kiosk.default_country = country
            .map(|c| {
                Country::parse(&c).map_err(|e| SettingsError::Invalid(format!("kiosk.default_country: {e}")))
            })
            .transpose()?;
        let offline = crate::offline::settings::resolve(&overrides.offline, env, file.offline)
            .map_err(SettingsError::Invalid)?;
        let scanner = crate::scanner::settings::resolve(&overrides.scanner, env, file.scanner)
            .map_err(SettingsError::Invalid)?;
        let data_dir = overrides
            .data_dir
            .clone()
            .or(file.data_dir)
            .unwrap_or_else(default_data_dir);
        Ok(Settings {
            api,
            kiosk,
            offline,
            scanner,
            data_dir,
        })
    }

    /// A client for the configured account. `ApiError::Config` explains what is missing.
    pub fn client(&self) -> Result<crate::api::Client, crate::api::ApiError> {
        let missing = |what: &str, env: &str, key: &str| {
            crate::api::ApiError::Config(format!(
                "No Coupontools {what} configured: set {env}, or {key} under [api] in the config file \
                 (see config/kiosk.example.toml). To try the kiosk without an account: coupon-kiosk demo."
            ))
        };
        let client_id = self
            .api
            .client_id
            .clone()
            .ok_or_else(|| missing("client id", ENV_CLIENT_ID, "client_id"))?;
        let client_secret = self
            .api
            .client_secret
            .clone()
            .ok_or_else(|| missing("client secret", ENV_CLIENT_SECRET, "client_secret"))?;
        let extra_ca = match &self.api.ca_file {
            Some(path) => Some(
                read_regular_file(path, MAX_CA_FILE_BYTES, "CA file").map_err(|e| {
                    crate::api::ApiError::Config(format!("Cannot read the CA file {}: {e}", path.display()))
                })?,
            ),
            None => None,
        };
        let config = crate::api::ClientConfig {
            base_url: self.api.base_url.clone(),
            client_id,
            client_secret,
            connect_timeout: self.api.connect_timeout,
            request_timeout: self.api.request_timeout,
            allow_insecure_http: self.api.allow_insecure_http,
        };
        crate::api::Client::trusting(config, extra_ca.as_deref())
    }

    /// True when both credentials are set.
    pub fn has_account(&self) -> bool {
        self.api.client_id.is_some() && self.api.client_secret.is_some()
    }
}

/// The platform's data directory (e.g. `~/.local/share/coupon-kiosk`), or `./coupon-kiosk-data`
/// where there is no home directory.
pub fn default_data_dir() -> PathBuf {
    directories::ProjectDirs::from("com", "coupontools", "coupon-kiosk")
        .map(|d| d.data_dir().to_path_buf())
        .unwrap_or_else(|| PathBuf::from("coupon-kiosk-data"))
}

/// The platform's config file path (e.g. `~/.config/coupon-kiosk/kiosk.toml`).
pub fn default_config_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("com", "coupontools", "coupon-kiosk")
        .map(|d| d.config_dir().join(CONFIG_FILE_NAME))
}

/// `--config`, then `COUPON_KIOSK_CONFIG` (both must exist), then the platform default (optional).
fn config_path(
    overrides: &SettingsOverrides,
    env: &impl Fn(&str) -> Option<String>,
) -> Option<(PathBuf, bool)> {
    overrides
        .config
        .clone()
        .or_else(|| env(ENV_CONFIG).map(PathBuf::from))
        .map(|p| (p, true))
        .or_else(|| default_config_path().map(|p| (p, false)))
}

/// Reads a regular file of at most `limit` bytes. Devices, pipes and directories are refused
/// before any read (`/dev/zero` never ends); `what` names the file in the error.
pub fn read_regular_file(path: &std::path::Path, limit: u64, what: &str) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let not_regular = || {
        std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            format!("not a regular file, so not {what}"),
        )
    };
    // Checked before opening too: opening a named pipe would wait for a writer.
    if !std::fs::metadata(path)?.is_file() {
        return Err(not_regular());
    }
    let file = std::fs::File::open(path)?;
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(not_regular());
    }
    let too_large = || {
        std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            format!("larger than {limit} bytes, too large for {what}"),
        )
    };
    if meta.len() > limit {
        return Err(too_large());
    }
    let mut bytes = Vec::new();
    // The file may grow between the check and the read: never read past the limit.
    file.take(limit + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(too_large());
    }
    Ok(bytes)
}

fn read_config(path: &std::path::Path, required: bool) -> Result<FileSettings, SettingsError> {
    let text = match read_regular_file(path, MAX_CONFIG_BYTES, "a config file")
        .and_then(|b| String::from_utf8(b).map_err(|_| std::io::ErrorKind::InvalidData.into()))
    {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && !required => return Ok(FileSettings::default()),
        Err(e) => {
            let reason = match e.kind() {
                std::io::ErrorKind::NotFound => "no such file".to_string(),
                std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
                std::io::ErrorKind::InvalidData => "it is not UTF-8 text".to_string(),
                std::io::ErrorKind::InvalidInput => e.to_string(),
                _ => e.to_string(),
            };
            return Err(SettingsError::Read {
                path: path.to_path_buf(),
                reason,
            });
        }
    };
    toml::from_str(&text).map_err(|e| {
        let (line, column) = e
            .span()
            .map(|span| line_and_column(&text, span.start))
            .unwrap_or((1, 1));
        SettingsError::Parse {
            path: path.to_path_buf(),
            line,
            column,
            message: redact_secrets_of(&text, e.message().trim()),
        }
    })
}

/// 1-based line and column of a byte offset.
fn line_and_column(text: &str, offset: usize) -> (usize, usize) {
    let mut end = offset.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let before = &text[..end];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

/// A parse error may quote a value: scrub whatever the file gives as a secret or PIN.
fn redact_secrets_of(file_text: &str, message: &str) -> String {
    let secrets: Vec<String> = file_text
        .lines()
        .filter_map(|l| l.split_once('='))
        .filter(|(k, _)| {
            let k = k.trim().trim_matches('"');
            k == "client_secret" || k == "supervisor_pin"
        })
        .map(|(_, v)| {
            v.split('#')
                .next()
                .unwrap_or(v)
                .trim()
                .trim_matches(['"', '\''])
                .to_string()
        })
        .filter(|v| v.len() >= 2)
        .collect();
    secrets
        .iter()
        .fold(message.to_string(), |m, s| m.replace(s.as_str(), "<redacted>"))
}

fn kiosk_settings(file: FileKiosk) -> Result<KioskSettings, SettingsError> {
    let d = KioskSettings::default();
    if let Some(n) = file.tag_customfield {
        if !(1..=7).contains(&n) {
            return Err(SettingsError::Invalid(format!(
                "kiosk.tag_customfield must be 1 to 7 (there are seven custom fields), not {n}."
            )));
        }
    }
    let ms = |v: Option<u64>, default: Duration| v.map(Duration::from_millis).unwrap_or(default);
    let terminal_id = file.terminal_id.unwrap_or(d.terminal_id);
    if terminal_id.trim().is_empty() || terminal_id.chars().any(char::is_control) {
        return Err(SettingsError::Invalid(
            "kiosk.terminal_id must be a short printable name such as \"till-1\".".into(),
        ));
    }
    Ok(KioskSettings {
        mode: file.mode.unwrap_or(d.mode),
        ask_money_spent: file.ask_money_spent.unwrap_or(d.ask_money_spent),
        terminal_id,
        cashier: file.cashier.filter(|c| !c.trim().is_empty()),
        tag_customfield: file.tag_customfield,
        success_display: ms(file.success_display_ms, d.success_display),
        undo_window: ms(file.undo_window_ms, d.undo_window),
        lookup_idle: ms(file.lookup_idle_ms, d.lookup_idle),
        bell: file.bell.unwrap_or(d.bell),
        supervisor_pin: file.supervisor_pin.filter(|p| !p.is_empty()),
        duplicate_scan_window: ms(file.duplicate_scan_window_ms, d.duplicate_scan_window),
        // Flags and the environment come first: `Settings::load_with_env` sets it.
        default_country: None,
        language: d.language,
        // Decided with the environment's TERM: `Settings::load_with_env` sets it.
        glyphs: d.glyphs,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn write(text: &str) -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("kiosk.toml");
        std::fs::write(&path, text).unwrap();
        (dir, path)
    }

    fn env_of(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let map: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        move |k| map.get(k).cloned()
    }

    #[test]
    fn flags_beat_env_beat_file_beat_defaults() {
        let (_d, path) = write(
            "[api]\nurl = \"https://file.example\"\nclient_id = \"file-id\"\nclient_secret = \"file-secret\"\ntimeout_ms = 700\n",
        );
        let o = SettingsOverrides {
            config: Some(path.clone()),
            ..Default::default()
        };
        let s = Settings::load_with_env(&o, env_of(&[])).unwrap();
        assert_eq!(s.api.base_url, "https://file.example");
        assert_eq!(s.api.client_id.as_deref(), Some("file-id"));
        assert_eq!(s.api.request_timeout, Duration::from_millis(700));
        assert_eq!(s.api.connect_timeout, DEFAULT_CONNECT_TIMEOUT);

        let env = env_of(&[(ENV_API_URL, "https://env.example"), (ENV_CLIENT_ID, "env-id")]);
        let s = Settings::load_with_env(&o, env).unwrap();
        assert_eq!(s.api.base_url, "https://env.example");
        assert_eq!(s.api.client_id.as_deref(), Some("env-id"));
        assert_eq!(s.api.client_secret.as_deref(), Some("file-secret"));

        let o = SettingsOverrides {
            api_url: Some("https://flag.example".into()),
            timeout_ms: Some(50),
            ..o
        };
        let env = env_of(&[(ENV_API_URL, "https://env.example")]);
        let s = Settings::load_with_env(&o, env).unwrap();
        assert_eq!(s.api.base_url, "https://flag.example");
        assert_eq!(s.api.request_timeout, Duration::from_millis(50));
    }

    #[test]
    fn config_file_named_by_the_environment() {
        let (_d, path) =
            write("data_dir = \"/tmp/kiosk-data\"\n[kiosk]\nmode = \"auto\"\ntag_customfield = 7\n");
        let env = env_of(&[(ENV_CONFIG, path.to_str().unwrap())]);
        let s = Settings::load_with_env(&SettingsOverrides::default(), env).unwrap();
        assert_eq!(s.data_dir, PathBuf::from("/tmp/kiosk-data"));
        assert_eq!(s.kiosk.mode, ValidationMode::Auto);
        assert_eq!(s.kiosk.tag_customfield, Some(7));
        assert_eq!(s.api.base_url, DEFAULT_API_URL);
    }

    #[test]
    fn glyphs_follow_term_unless_the_file_says() {
        let o = SettingsOverrides::default();
        let load = |file: Option<&str>, term: &str| {
            let (_d, path) = write(file.unwrap_or(""));
            let env = env_of(&[(ENV_CONFIG, path.to_str().unwrap()), ("TERM", term)]);
            Settings::load_with_env(&o, env).unwrap().kiosk.glyphs
        };
        assert_eq!(load(None, "linux"), GlyphSet::Console);
        assert_eq!(load(None, "xterm-256color"), GlyphSet::Unicode);
        assert_eq!(
            load(Some("[kiosk]\nglyphs = \"auto\"\n"), "linux-16color"),
            GlyphSet::Console
        );
        assert_eq!(
            load(Some("[kiosk]\nglyphs = \"unicode\"\n"), "linux"),
            GlyphSet::Unicode
        );
        assert_eq!(
            load(Some("[kiosk]\nglyphs = \"console\"\n"), "xterm"),
            GlyphSet::Console
        );
    }

    #[test]
    fn a_malformed_file_names_file_and_line_and_no_secret() {
        let (_d, path) = write("[api]\nclient_secret = \"hunter22\"\ntimeout_ms = \"hunter22\"\n");
        let o = SettingsOverrides {
            config: Some(path.clone()),
            ..Default::default()
        };
        let e = Settings::load_with_env(&o, env_of(&[])).unwrap_err();
        let text = e.to_string();
        assert!(matches!(e, SettingsError::Parse { line: 3, .. }), "{text}");
        assert!(text.contains(path.to_str().unwrap()), "{text}");
        assert!(!text.contains("hunter22"), "{text}");

        let (_d, path) = write("[api]\nurl = \"https://x\n");
        let o = SettingsOverrides {
            config: Some(path),
            ..Default::default()
        };
        let e = Settings::load_with_env(&o, env_of(&[])).unwrap_err();
        assert!(matches!(e, SettingsError::Parse { line: 2, .. }), "{e}");

        let (_d, path) = write("[api]\nclinet_id = \"x\"\n");
        let o = SettingsOverrides {
            config: Some(path),
            ..Default::default()
        };
        let e = Settings::load_with_env(&o, env_of(&[])).unwrap_err();
        assert!(e.to_string().contains("clinet_id"), "{e}");
    }

    #[test]
    fn config_files_are_bounded_and_regular() {
        let o = |path: &str| SettingsOverrides {
            config: Some(path.into()),
            ..Default::default()
        };
        let e = Settings::load_with_env(&o("/dev/zero"), env_of(&[])).unwrap_err();
        assert!(e.to_string().contains("not a regular file"), "{e}");
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("fifo");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if made.is_ok_and(|s| s.success()) {
            let e = Settings::load_with_env(&o(fifo.to_str().unwrap()), env_of(&[])).unwrap_err();
            assert!(e.to_string().contains("not a regular file"), "{e}");
        }
        let e = Settings::load_with_env(&o(dir.path().to_str().unwrap()), env_of(&[])).unwrap_err();
        assert!(matches!(e, SettingsError::Read { .. }), "{e}");
        let big = dir.path().join("big.toml");
        std::fs::write(&big, format!("# {}\n", "x".repeat(MAX_CONFIG_BYTES as usize))).unwrap();
        let e = Settings::load_with_env(&o(big.to_str().unwrap()), env_of(&[])).unwrap_err();
        assert!(e.to_string().contains("larger than"), "{e}");
    }

    #[test]
    fn one_timeout_range_for_flag_and_file_and_no_absurd_credentials() {
        let (_d, path) = write("[api]\ntimeout_ms = 18446744073709551615\n");
        let o = SettingsOverrides {
            config: Some(path.clone()),
            ..Default::default()
        };
        let e = Settings::load_with_env(&o, env_of(&[])).unwrap_err();
        assert!(e.to_string().contains("1 to 3600000 ms"), "{e}");
        let o = SettingsOverrides {
            client_id: Some("x".repeat(MAX_CREDENTIAL_CHARS + 1)),
            ..Default::default()
        };
        let e = Settings::load_with_env(&o, env_of(&[])).unwrap_err();
        assert!(e.to_string().contains("client id"), "{e}");
    }

    #[test]
    fn a_named_config_file_must_exist() {
        let o = SettingsOverrides {
            config: Some("/nonexistent/kiosk.toml".into()),
            ..Default::default()
        };
        let e = Settings::load_with_env(&o, env_of(&[])).unwrap_err();
        assert!(e.to_string().contains("/nonexistent/kiosk.toml"), "{e}");
    }

    #[test]
    fn client_needs_an_account_and_never_shows_the_secret() {
        let s = Settings::load_with_env(&SettingsOverrides::default(), env_of(&[])).unwrap();
        let e = s.client().unwrap_err();
        assert!(e.to_string().contains(ENV_CLIENT_ID), "{e}");
        let o = SettingsOverrides {
            client_id: Some("id".into()),
            client_secret: Some("sekrit-value".into()),
            ..Default::default()
        };
        let s = Settings::load_with_env(&o, env_of(&[])).unwrap();
        assert!(s.client().is_ok());
        assert!(!format!("{s:?}{o:?}").contains("sekrit-value"));
    }

    #[test]
    fn the_example_config_file_parses_and_documents_every_key() {
        let text = include_str!("../config/kiosk.example.toml");
        let file: FileSettings = toml::from_str(text).unwrap();
        assert!(file.data_dir.is_some());
        let api = &file.api;
        assert!(api.url.is_some() && api.client_id.is_some() && api.client_secret.is_some());
        assert!(
            api.connect_timeout_ms.is_some() && api.timeout_ms.is_some() && api.allow_insecure_http.is_some()
        );
        // Documented but left commented out: a CA file that is not there would stop the client.
        assert!(api.ca_file.is_none() && text.contains("\n# ca_file = "));
        let k = &file.kiosk;
        assert!(k.mode.is_some() && k.ask_money_spent.is_some() && k.terminal_id.is_some());
        assert!(k.cashier.is_some() && k.tag_customfield.is_some() && k.success_display_ms.is_some());
        assert!(k.undo_window_ms.is_some() && k.bell.is_some() && k.supervisor_pin.is_some());
        assert!(k.duplicate_scan_window_ms.is_some() && k.default_country.is_some());
        let sc = &file.scanner;
        assert!(sc.baud.is_some() && sc.keyboard_layout.is_some());
        // Left commented out: a till with keyboard scanners only names no device.
        assert!(text.contains("# device = \"/dev/ttyACM0\""));
        assert!(k.language.is_some());
    }

    #[test]
    fn the_language_comes_from_the_flag_the_file_or_the_locale() {
        let (_d, path) = write("[kiosk]\nlanguage = \"nl\"\n");
        let file = SettingsOverrides {
            config: Some(path),
            ..Default::default()
        };
        let language = |o: &SettingsOverrides, env: &[(&str, &str)]| {
            Settings::load_with_env(o, env_of(env))
                .map(|s| s.kiosk.language)
                .map_err(|e| e.to_string())
        };
        let french_locale = [("LANG", "fr_BE.UTF-8")];
        assert_eq!(language(&SettingsOverrides::default(), &[]), Ok(Language::En));
        assert_eq!(
            language(&SettingsOverrides::default(), &french_locale),
            Ok(Language::Fr)
        );
        // A locale the kiosk does not speak leaves it English.
        assert_eq!(
            language(&SettingsOverrides::default(), &[("LANG", "es_ES.UTF-8")]),
            Ok(Language::En)
        );
        assert_eq!(language(&file, &french_locale), Ok(Language::Nl));
        let flag = SettingsOverrides {
            language: Some("de".into()),
            ..file.clone()
        };
        assert_eq!(language(&flag, &french_locale), Ok(Language::De));
        let bad_flag = SettingsOverrides {
            language: Some("klingon".into()),
            ..file
        };
        let err = language(&bad_flag, &[]).err().unwrap_or_default();
        assert!(err.contains("--lang") && err.contains("klingon"), "{err}");
        let (_d, path) = write("[kiosk]\nlanguage = \"es\"\n");
        let bad_file = SettingsOverrides {
            config: Some(path),
            ..Default::default()
        };
        let err = language(&bad_file, &french_locale).err().unwrap_or_default();
        assert!(err.contains("kiosk.language") && err.contains("\"es\""), "{err}");
    }

    #[test]
    fn the_default_country_comes_from_the_flag_the_environment_or_the_file() {
        let (_d, path) = write("[kiosk]\ndefault_country = \"gb\"\n");
        let o = SettingsOverrides {
            config: Some(path),
            ..Default::default()
        };
        let country = |o: &SettingsOverrides, env: &[(&str, &str)]| {
            Settings::load_with_env(o, env_of(env))
                .map(|s| s.kiosk.default_country.map(Country::code))
                .map_err(|e| e.to_string())
        };
        let some = |c: &str| Ok(Some(c.to_string()));
        assert_eq!(country(&o, &[]), some("GB"));
        assert_eq!(country(&o, &[(ENV_DEFAULT_COUNTRY, "US")]), some("US"));
        let flag = SettingsOverrides {
            default_country: Some("IE".into()),
            ..o.clone()
        };
        assert_eq!(country(&flag, &[(ENV_DEFAULT_COUNTRY, "US")]), some("IE"));
        assert_eq!(country(&SettingsOverrides::default(), &[]).ok(), Some(None));
        let bad = SettingsOverrides {
            default_country: Some("Britain".into()),
            ..o
        };
        let err = country(&bad, &[]).err().unwrap_or_default();
        assert!(
            err.contains("kiosk.default_country") && err.contains("two-letter"),
            "{err}"
        );
    }
}
