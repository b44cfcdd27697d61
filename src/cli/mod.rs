//! Command implementations behind `main.rs`. One file per command group.
//!
//! The settings flags (`--api-url`, `--client-id`, ...) are accepted before the subcommand and
//! after it (for the commands that talk to the API). They are not clap "global" arguments: the
//! sandbox has `--client-id`/`--client-secret` flags of its own (the credentials it accepts), and
//! a global argument would collide with them.

pub mod barcode;
pub mod batch;
pub mod catalog;
pub mod completions;
pub mod conflicts;
pub mod doctor;
pub mod explain;
pub mod issue;
pub mod kiosk;
pub mod lists;
pub mod man;
pub mod outbox;
pub mod output;
pub mod report;
pub mod sandbox;
pub mod scanner;
pub mod send;
pub mod sessions;
pub mod sync;
pub mod validate;

pub use sync::OfflineFlags;

use crate::settings::SettingsOverrides;
use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

/// The whole command line.
#[derive(Parser, Debug)]
#[command(
    name = "coupon-kiosk",
    version,
    about = "Point-of-sale coupon validation for the Coupontools API v3, with a built-in sandbox.",
    long_about = "Point-of-sale coupon validation for the Coupontools API v3, with a built-in sandbox.\n\n\
        Without a subcommand the kiosk screen starts. Try it without an account: coupon-kiosk demo. \
        Every command's --help shows examples (coupon-kiosk validate --help).\n\n\
        Exit status: 0 success; 1 refused by the server; 2 invalid input, usage or settings; \
        3 network failure or outcome unknown; 4 (validate) validated, possibly not by this till."
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Option<Command>,
}

// Parsed once per run: the size of the largest variant does not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Subcommand, Debug)]
pub enum Command {
    /// Start the sandbox with demo data and the kiosk screen against it.
    #[command(
        after_help = "Examples:\n  coupon-kiosk demo\n  coupon-kiosk demo --lang nl --mode auto\n  coupon-kiosk demo --fail-rate 0.3 --latency-ms 800   # a bad network at the counter"
    )]
    Demo(WithGlobals<kiosk::DemoArgs>),
    /// Check the settings, the account and the server, read-only (for the first day and for support).
    #[command(
        after_help = "Examples:\n  coupon-kiosk doctor\n  coupon-kiosk doctor --session ac6s7u3g8a25ja7x9qg87 --save doctor.json   # for a bug report"
    )]
    Doctor(WithGlobals<doctor::DoctorArgs>),
    /// Print the local journal of validation attempts.
    #[command(
        after_help = "Examples:\n  coupon-kiosk journal --since today\n  coupon-kiosk journal --since 2026-11-01 --csv > journal.csv"
    )]
    Journal(WithGlobals<kiosk::JournalArgs>),
    /// Run the local Coupontools v3 emulator.
    #[command(
        after_help = "Examples:\n  coupon-kiosk sandbox --profile strict --db sandbox.sqlite\n  coupon-kiosk sandbox --fail-rate 0.2 --fail-kinds drop-after --latency-ms 500\n\nThen, in another terminal (the demo account):\n  export COUPONTOOLS_API_URL=http://127.0.0.1:8787\n  export COUPONTOOLS_CLIENT_ID=demo COUPONTOOLS_CLIENT_SECRET=demo-secret\n  coupon-kiosk session ac6s7u"
    )]
    Sandbox(sandbox::SandboxArgs),
    /// Fetch, print or decode a session's barcode.
    #[command(
        after_help = "Examples:\n  coupon-kiosk barcode ac6s7u3g8a25ja7x9qg87\n  coupon-kiosk barcode ac6s7u3g8a25ja7x9qg87 --type pdf417 --out coupon.png\n  coupon-kiosk barcode decode coupon.png"
    )]
    Barcode(WithGlobals<barcode::BarcodeArgs>),
    /// Validate a coupon (session code, short code, coupon URL or custom validation code).
    Validate(validate::ValidateArgs),
    /// Show one coupon session.
    #[command(
        after_help = "Examples:\n  coupon-kiosk session ac6s7u3g8a25ja7x9qg87\n  coupon-kiosk session WELCOME2026 --json"
    )]
    Session(sessions::SessionArgs),
    /// Find sessions by email, phone or custom validation code.
    #[command(
        after_help = "Examples:\n  coupon-kiosk lookup --email jane@example.com\n  coupon-kiosk lookup --phone \"07911 123456\" --default-country GB\n  coupon-kiosk lookup --code WELCOME2026 --campaign cam_demo02"
    )]
    Lookup(sessions::LookupArgs),
    /// Change a session: void, unvoid, lock, unlock, claim, validate, unvalidate, activate, fields.
    #[command(
        after_help = "Examples:\n  coupon-kiosk update ac6s7u --operation lock\n  coupon-kiosk update ac6s7u3g8a25ja7x9qg87 --customfield2 \"gift wrap\" --money-spent 12.50\n  coupon-kiosk update ac6s7u --operation unvalidate   # only this till's own validation"
    )]
    Update(sessions::UpdateArgs),
    /// Delete a session (singleuse/remove).
    #[command(after_help = "Examples:\n  coupon-kiosk remove cam_demo01 oneeojyhy5j3x0m6ribqu")]
    Remove(sessions::RemoveArgs),
    /// List coupons (coupon/list).
    #[command(
        after_help = "Examples:\n  coupon-kiosk coupons --only-active\n  coupon-kiosk coupons --tags coffee --json"
    )]
    Coupons(catalog::CouponsArgs),
    /// Show one coupon (coupon/info).
    #[command(after_help = "Examples:\n  coupon-kiosk coupon cam_demo01 --usage")]
    Coupon(catalog::CouponArgs),
    /// List a coupon's sessions, page by page or all (campaign/data|opens|claims|validations).
    #[command(
        after_help = "Examples:\n  coupon-kiosk sessions cam_demo01\n  coupon-kiosk sessions cam_demo01 --validations --from 2026-11-01 --to \"2026-11-30 23:59\"\n  coupon-kiosk sessions cam_demo01 --all --csv > sessions.csv"
    )]
    Sessions(lists::SessionsArgs),
    /// Issue one single-use coupon session (singleuse/create).
    #[command(
        after_help = "Examples:\n  coupon-kiosk issue cam_demo01 --firstname Jane --email jane@example.com\n  coupon-kiosk issue cam_demo01 --autovalcode 6digits --expiry-date \"2026-12-31 23:59:59\" --json"
    )]
    Issue(issue::IssueArgs),
    /// Issue many single-use coupon sessions (multiplesingleuse/create).
    #[command(
        after_help = "Examples:\n  coupon-kiosk issue-many cam_demo01 --amount 100 --csv > codes.csv\n  coupon-kiosk issue-many cam_demo01 --amount 500 --code-prefix XMAS --code-length 6 --code-type numeric"
    )]
    IssueMany(issue::IssueManyArgs),
    /// Change a range of sessions by sequence id (batch/update).
    #[command(
        after_help = "Examples:\n  coupon-kiosk batch cam_demo01 --from-seq 1 --to-seq 100 --operation void\n  coupon-kiosk batch cam_demo01 --from-seq 250 --customfield3 \"spring mailing\"   # 250 to the last"
    )]
    Batch(batch::BatchArgs),
    /// Send a coupon by email (send/email).
    #[command(
        after_help = "Examples:\n  coupon-kiosk send-email cam_demo01 --email jane@example.com --firstname Jane --subject \"Your coupon\""
    )]
    SendEmail(send::SendEmailArgs),
    /// Send a coupon by text message (send/sms).
    #[command(
        after_help = "Examples:\n  coupon-kiosk send-sms cam_demo01 --phone +447911123456 --body \"Your coffee coupon:\""
    )]
    SendSms(send::SendSmsArgs),
    /// Send a push notification to every wallet holding the coupon.
    #[command(after_help = "Examples:\n  coupon-kiosk push cam_demo01 --message \"Coffee is on us today\"")]
    Push(send::PushArgs),
    /// Validations of a period across every till, totalled per till, cashier, hour or coupon.
    #[command(
        after_help = "Examples:\n  coupon-kiosk report --since 2026-11-01\n  coupon-kiosk report --since \"2026-11-30 00:00\" --by hour\n  coupon-kiosk report --since 2026-11-01 --until 2026-11-30 --by cashier --csv"
    )]
    Report(report::ReportArgs),
    /// Print a shell completion script (bash, zsh or fish).
    Completions(completions::CompletionsArgs),
    /// Print the manual page (roff).
    Man(man::ManArgs),
    /// Copy the sessions this till accepts into the local mirror, and print what it holds.
    #[command(
        after_help = "Examples:\n  coupon-kiosk sync\n  coupon-kiosk sync --offline-campaigns cam_demo01 --customers 500 --json"
    )]
    Sync(WithGlobals<sync::SyncArgs>),
    /// List the validations accepted offline that wait to be sent (and send them: --forward).
    #[command(after_help = "Examples:\n  coupon-kiosk outbox\n  coupon-kiosk outbox --forward --wait-s 60")]
    Outbox(WithGlobals<outbox::OutboxArgs>),
    /// List the conflicts: offline acceptances the server refused (and mark them seen).
    #[command(
        after_help = "Examples:\n  coupon-kiosk conflicts --unseen\n  coupon-kiosk conflicts --mark-seen 3,4 --by \"Sam (manager)\""
    )]
    Conflicts(WithGlobals<conflicts::ConflictsArgs>),
}

/// `--customfield1` .. `--customfield7`, shared by update, issue and batch.
#[derive(Args, Debug, Clone, Default)]
pub struct CustomFieldArgs {
    /// Custom field 1 (at most 50 characters)
    #[arg(long, value_name = "TEXT")]
    pub customfield1: Option<String>,
    /// Custom field 2
    #[arg(long, value_name = "TEXT")]
    pub customfield2: Option<String>,
    /// Custom field 3
    #[arg(long, value_name = "TEXT")]
    pub customfield3: Option<String>,
    /// Custom field 4
    #[arg(long, value_name = "TEXT")]
    pub customfield4: Option<String>,
    /// Custom field 5
    #[arg(long, value_name = "TEXT")]
    pub customfield5: Option<String>,
    /// Custom field 6
    #[arg(long, value_name = "TEXT")]
    pub customfield6: Option<String>,
    /// Custom field 7 (at most 50 characters)
    #[arg(long, value_name = "TEXT")]
    pub customfield7: Option<String>,
}

impl CustomFieldArgs {
    /// customfield1..7 in order.
    pub fn values(&self) -> [&Option<String>; 7] {
        [
            &self.customfield1,
            &self.customfield2,
            &self.customfield3,
            &self.customfield4,
            &self.customfield5,
            &self.customfield6,
            &self.customfield7,
        ]
    }

    /// Checked values, ready for a request.
    pub fn checked(&self) -> Result<[Option<String>; 7], crate::api::ApiError> {
        let mut out: [Option<String>; 7] = Default::default();
        for ((i, v), slot) in (1u8..).zip(self.values()).zip(out.iter_mut()) {
            if let Some(v) = v {
                *slot = Some(crate::api::params::check_customfield(i, v)?);
            }
        }
        Ok(out)
    }
}

/// Another part's flags with the settings flags accepted beside them.
#[derive(Args, Debug)]
pub struct WithGlobals<T: Args> {
    #[command(flatten)]
    pub args: T,
    #[command(flatten)]
    pub global: GlobalArgs,
}

/// Settings flags. The environment variables are read by the settings loader, not by clap, so
/// that a flag given before the subcommand still beats the environment (and no value is ever
/// shown in --help). Under their own heading in --help, after the command's own options.
#[derive(Args, Debug, Clone, Default)]
#[command(next_help_heading = "Settings (also accepted before the subcommand)")]
pub struct GlobalArgs {
    /// API base URL without /v3 [env: COUPONTOOLS_API_URL] [default: https://api.coupontools.com]
    #[arg(long, value_name = "URL")]
    pub api_url: Option<String>,
    /// API client id [env: COUPONTOOLS_CLIENT_ID]
    #[arg(long, value_name = "ID")]
    pub client_id: Option<String>,
    /// API client secret; prefer the environment or the config file [env: COUPONTOOLS_CLIENT_SECRET]
    #[arg(long, value_name = "SECRET", hide_default_value = true)]
    pub client_secret: Option<String>,
    /// Config file (TOML; see config/kiosk.example.toml) [env: COUPON_KIOSK_CONFIG]
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Where the journal and logs live [default: the platform data directory]
    #[arg(long, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// Connect timeout in milliseconds [default: 5000]
    #[arg(long, value_name = "MS", value_parser = clap::value_parser!(u64).range(crate::settings::CONNECT_TIMEOUT_MS_RANGE))]
    pub connect_timeout_ms: Option<u64>,
    /// Whole-request timeout in milliseconds [default: 15000]
    #[arg(long, value_name = "MS", value_parser = clap::value_parser!(u64).range(crate::settings::TIMEOUT_MS_RANGE))]
    pub timeout_ms: Option<u64>,
    /// Allow plain http:// to a host other than this machine (credentials travel unencrypted)
    #[arg(long)]
    pub allow_insecure_http: bool,
    /// Read phone numbers typed without + in this country's numbering, e.g. GB
    /// [env: COUPON_KIOSK_DEFAULT_COUNTRY]
    #[arg(long, value_name = "CC")]
    pub default_country: Option<String>,
    /// The kiosk screen's language: en, nl, fr or de [default: [kiosk] language, then LC_ALL /
    /// LC_MESSAGES / LANG, then en]. The command line stays English.
    #[arg(long, value_name = "LANG")]
    pub lang: Option<String>,
    /// More logging on stderr (-v debug, -vv trace); RUST_LOG overrides
    #[arg(short, long, action = clap::ArgAction::Count)]
    pub verbose: u8,
    #[command(flatten, next_help_heading = "Offline settings")]
    pub offline: OfflineFlags,
    #[command(flatten, next_help_heading = "Scanner settings")]
    pub scanner: scanner::ScannerFlags,
}

impl GlobalArgs {
    /// These flags, with `outer` (given before the subcommand) filling what these leave out.
    pub fn merged_with(&self, outer: &GlobalArgs) -> GlobalArgs {
        GlobalArgs {
            api_url: self.api_url.clone().or_else(|| outer.api_url.clone()),
            client_id: self.client_id.clone().or_else(|| outer.client_id.clone()),
            client_secret: self.client_secret.clone().or_else(|| outer.client_secret.clone()),
            config: self.config.clone().or_else(|| outer.config.clone()),
            data_dir: self.data_dir.clone().or_else(|| outer.data_dir.clone()),
            connect_timeout_ms: self.connect_timeout_ms.or(outer.connect_timeout_ms),
            timeout_ms: self.timeout_ms.or(outer.timeout_ms),
            allow_insecure_http: self.allow_insecure_http || outer.allow_insecure_http,
            default_country: self
                .default_country
                .clone()
                .or_else(|| outer.default_country.clone()),
            lang: self.lang.clone().or_else(|| outer.lang.clone()),
            offline: self.offline.merged_with(&outer.offline),
            scanner: self.scanner.merged_with(&outer.scanner),
            verbose: self.verbose.saturating_add(outer.verbose),
        }
    }

    pub fn overrides(&self) -> SettingsOverrides {
        SettingsOverrides {
            api_url: self.api_url.clone(),
            client_id: self.client_id.clone(),
            client_secret: self.client_secret.clone(),
            config: self.config.clone(),
            data_dir: self.data_dir.clone(),
            connect_timeout_ms: self.connect_timeout_ms,
            timeout_ms: self.timeout_ms,
            allow_insecure_http: self.allow_insecure_http,
            default_country: self.default_country.clone(),
            language: self.lang.clone(),
            offline: self.offline.overrides(),
            scanner: self.scanner.overrides(),
        }
    }
}

impl Cli {
    /// The settings flags in force: those after the subcommand beat those before it.
    pub fn effective_globals(&self) -> GlobalArgs {
        let inner = match &self.command {
            Some(Command::Demo(c)) => Some(&c.global),
            Some(Command::Journal(c)) => Some(&c.global),
            Some(Command::Doctor(c)) => Some(&c.global),
            Some(Command::Barcode(c)) => Some(&c.global),
            Some(Command::Validate(c)) => Some(&c.global),
            Some(Command::Session(c)) => Some(&c.global),
            Some(Command::Lookup(c)) => Some(&c.global),
            Some(Command::Update(c)) => Some(&c.global),
            Some(Command::Remove(c)) => Some(&c.global),
            Some(Command::Coupons(c)) => Some(&c.global),
            Some(Command::Coupon(c)) => Some(&c.global),
            Some(Command::Sessions(c)) => Some(&c.global),
            Some(Command::Issue(c)) => Some(&c.global),
            Some(Command::IssueMany(c)) => Some(&c.global),
            Some(Command::Batch(c)) => Some(&c.global),
            Some(Command::SendEmail(c)) => Some(&c.global),
            Some(Command::SendSms(c)) => Some(&c.global),
            Some(Command::Push(c)) => Some(&c.global),
            Some(Command::Report(c)) => Some(&c.global),
            Some(Command::Sync(c)) => Some(&c.global),
            Some(Command::Outbox(c)) => Some(&c.global),
            Some(Command::Conflicts(c)) => Some(&c.global),
            Some(Command::Sandbox(_) | Command::Completions(_) | Command::Man(_)) | None => None,
        };
        inner.map_or_else(|| self.global.clone(), |g| g.merged_with(&self.global))
    }

    /// Commands that draw a full-screen terminal UI: they must not log to stderr.
    pub fn is_full_screen(&self) -> bool {
        matches!(self.command, None | Some(Command::Demo(_)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn flags_after_the_subcommand_beat_flags_before_it() {
        let cli = Cli::try_parse_from([
            "coupon-kiosk",
            "--api-url",
            "http://127.0.0.1:1",
            "--timeout-ms",
            "5",
            "validate",
            "ac6s7u",
            "--api-url",
            "http://127.0.0.1:2",
        ])
        .unwrap();
        let g = cli.effective_globals();
        assert_eq!(g.api_url.as_deref(), Some("http://127.0.0.1:2"));
        assert_eq!(g.timeout_ms, Some(5));
    }

    #[test]
    fn demo_takes_a_profile_and_doctor_its_flags() {
        use crate::sandbox::ProfileName;
        let cli = Cli::try_parse_from(["coupon-kiosk", "demo", "--profile", "sparse"]).unwrap();
        let Some(Command::Demo(demo)) = cli.command else {
            panic!("not demo")
        };
        assert_eq!(demo.args.profile, ProfileName::Sparse);
        let cli = Cli::try_parse_from(["coupon-kiosk", "demo"]).unwrap();
        let Some(Command::Demo(demo)) = cli.command else {
            panic!("not demo")
        };
        assert_eq!(demo.args.profile, ProfileName::Documented);
        assert!(Cli::try_parse_from(["coupon-kiosk", "demo", "--profile", "nope"]).is_err());
        let cli = Cli::try_parse_from([
            "coupon-kiosk",
            "doctor",
            "--json",
            "--save",
            "a.json",
            "--session",
            "ac6s7u",
            "--timeout-ms",
            "500",
        ])
        .unwrap();
        assert_eq!(cli.effective_globals().timeout_ms, Some(500));
        let Some(Command::Doctor(doctor)) = cli.command else {
            panic!("not doctor")
        };
        assert!(doctor.args.json && doctor.args.save.is_some());
        assert!(
            Cli::try_parse_from(["coupon-kiosk", "doctor", "--email", "a@b.c", "--phone", "+1555"]).is_err()
        );
    }

    /// Words of one example line, as a shell would split it: double quotes group, a trailing
    /// `# comment` and a `> file` redirection are not part of the command.
    fn example_words(line: &str) -> Vec<String> {
        let line = line.split("  #").next().unwrap_or_default();
        let line = line.split(" > ").next().unwrap_or_default();
        let (mut words, mut word, mut quoted) = (Vec::new(), String::new(), false);
        for c in line.chars() {
            match c {
                '"' => quoted = !quoted,
                c if c.is_whitespace() && !quoted => {
                    if !word.is_empty() {
                        words.push(std::mem::take(&mut word));
                    }
                }
                c => word.push(c),
            }
        }
        if !word.is_empty() {
            words.push(word);
        }
        words
    }

    #[test]
    fn every_subcommand_explains_each_option_and_shows_examples_that_parse() {
        let cli = Cli::command();
        let mut examples = 0;
        for sub in cli.get_subcommands().filter(|s| s.get_name() != "help") {
            let name = sub.get_name();
            for arg in sub.get_arguments().filter(|a| !a.is_hide_set()) {
                let help = arg.get_help().map(|h| h.to_string()).unwrap_or_default();
                assert!(!help.trim().is_empty(), "{name} {}: no help", arg.get_id());
            }
            let after = sub.get_after_help().map(|h| h.to_string()).unwrap_or_default();
            assert!(
                after.contains("Examples:") || after.contains("for example:"),
                "{name} --help shows no example"
            );
            let mut own = 0;
            for line in after.lines().map(str::trim) {
                if !line.starts_with("coupon-kiosk ") {
                    continue;
                }
                let words = example_words(line);
                if let Err(e) = Cli::try_parse_from(&words) {
                    panic!("{name}: the example `{line}` does not parse: {e}");
                }
                own += usize::from(words.get(1).map(String::as_str) == Some(name));
            }
            assert!(own > 0, "{name} --help has no example of itself");
            examples += own;
        }
        assert!(examples >= 40, "{examples} examples");
    }

    #[test]
    fn help_shows_no_secret_from_the_environment() {
        // Values never come from clap's env support, so none can be displayed.
        let help = Cli::command().render_long_help().to_string();
        assert!(help.contains("COUPONTOOLS_CLIENT_SECRET"));
        assert!(!help.contains("[env: COUPONTOOLS_CLIENT_SECRET="));
    }
}
