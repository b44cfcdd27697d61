//! `coupon-kiosk sandbox`: run the local Coupontools v3 emulator until Ctrl-C.
//! Owned by the sandbox work; main.rs only parses and calls this.

use crate::sandbox::{
    self, FailureKind, ProfileName, SandboxConfig, DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, MAX_LATENCY_MS,
};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

/// Flags of `coupon-kiosk sandbox`.
#[derive(clap::Args, Debug, Clone)]
pub struct SandboxArgs {
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:8787")]
    pub addr: SocketAddr,
    /// SQLite database file (created when missing); in memory when omitted.
    #[arg(long, value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// Client id the sandbox accepts.
    #[arg(long, default_value = DEMO_CLIENT_ID)]
    pub client_id: String,
    /// Client secret the sandbox accepts [default: the demo secret, see README].
    #[arg(long, hide_default_value = true, default_value = DEMO_CLIENT_SECRET)]
    pub client_secret: String,
    /// Delay added to every request, in milliseconds (at most 10000).
    #[arg(long, value_name = "N", default_value_t = 0,
          value_parser = clap::value_parser!(u64).range(0..=MAX_LATENCY_MS))]
    pub latency_ms: u64,
    /// Fraction (0..1) of requests that fail: 503 or a dropped connection, before or after the change.
    #[arg(long, value_name = "P", default_value_t = 0.0, value_parser = parse_rate)]
    pub fail_rate: f64,
    /// Only these failure kinds (comma separated); all when omitted.
    #[arg(long, value_enum, value_delimiter = ',')]
    pub fail_kinds: Vec<FailKindArg>,
    /// Only these endpoints fail (comma separated, e.g. couponsession/update); all when omitted.
    #[arg(long, value_delimiter = ',', value_name = "PATHS")]
    pub fail_only: Vec<String>,
    /// Seed for the failure dice, to replay a run.
    #[arg(long, value_name = "N")]
    pub fault_seed: Option<u64>,
    /// Start with an empty account instead of the demo coupons and sessions.
    #[arg(long)]
    pub no_demo_data: bool,
    /// Act as if an email marketing integration is set up (send/email works).
    #[arg(long)]
    pub email_integration: bool,
    /// Act as if an SMS integration is set up (send/sms works).
    #[arg(long)]
    pub sms_integration: bool,
    /// How answers are shaped where the API's documentation leaves it open: documented (API-NOTES.md
    /// as written), strict, sparse, loose-types, php-arrays, http-errors (README: "Answer profiles").
    #[arg(long, value_name = "NAME", default_value_t = ProfileName::Documented)]
    pub profile: ProfileName,
}

/// `--fail-kinds` values.
#[derive(clap::ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum FailKindArg {
    /// HTTP 503 before anything changed.
    UnavailableBefore,
    /// Connection dropped before anything changed.
    DropBefore,
    /// Change committed, then HTTP 503.
    UnavailableAfter,
    /// Change committed, then the connection dropped.
    DropAfter,
}

impl From<FailKindArg> for FailureKind {
    fn from(k: FailKindArg) -> Self {
        match k {
            FailKindArg::UnavailableBefore => FailureKind::UnavailableBefore,
            FailKindArg::DropBefore => FailureKind::DropBefore,
            FailKindArg::UnavailableAfter => FailureKind::UnavailableAfterCommit,
            FailKindArg::DropAfter => FailureKind::DropAfterCommit,
        }
    }
}

fn parse_rate(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(p) if (0.0..=1.0).contains(&p) => Ok(p),
        _ => Err(format!("{s:?} is not a fraction between 0 and 1")),
    }
}

impl Default for SandboxArgs {
    /// The same values as the flags' defaults.
    fn default() -> Self {
        Self {
            addr: SocketAddr::from(([127, 0, 0, 1], 8787)),
            db: None,
            client_id: DEMO_CLIENT_ID.to_string(),
            client_secret: DEMO_CLIENT_SECRET.to_string(),
            latency_ms: 0,
            fail_rate: 0.0,
            fail_kinds: Vec::new(),
            fail_only: Vec::new(),
            fault_seed: None,
            no_demo_data: false,
            email_integration: false,
            sms_integration: false,
            profile: ProfileName::Documented,
        }
    }
}

impl SandboxArgs {
    /// The sandbox configuration these flags describe.
    pub fn config(&self) -> SandboxConfig {
        SandboxConfig {
            addr: self.addr,
            db_path: self.db.clone(),
            client_id: self.client_id.clone(),
            client_secret: self.client_secret.clone(),
            latency: Duration::from_millis(self.latency_ms),
            fail_rate: self.fail_rate,
            failure_kinds: self.fail_kinds.iter().copied().map(FailureKind::from).collect(),
            fail_only_paths: self.fail_only.clone(),
            fault_seed: self.fault_seed,
            demo_data: !self.no_demo_data,
            email_integration: self.email_integration,
            sms_integration: self.sms_integration,
            profile: self.profile,
            ..SandboxConfig::default()
        }
    }
}

/// Why a sandbox did not start, as one plain sentence; `addr_flag` is the flag that moves it.
pub fn start_failure(e: &sandbox::SandboxError, addr_flag: &str) -> String {
    match e {
        sandbox::SandboxError::Bind { addr, source } if source.kind() == std::io::ErrorKind::AddrInUse => {
            format!(
                "Cannot listen on {addr}: the port is already in use (perhaps by another sandbox); \
                 stop that, or give another port with {addr_flag} 127.0.0.1:PORT."
            )
        }
        sandbox::SandboxError::Bind { addr, source } => format!(
            "Cannot listen on {addr} ({source}): give an address of this machine with {addr_flag}, \
             such as 127.0.0.1:8787."
        ),
        sandbox::SandboxError::Store(e) => format!(
            "The sandbox database cannot be used ({e}): give a new file with --db, or leave --db out \
             to keep everything in memory."
        ),
        sandbox::SandboxError::Task => "The sandbox's database task stopped: start it again; if that \
             happens again, run with -v and report the output."
            .to_string(),
    }
}

pub async fn run(args: SandboxArgs) -> ExitCode {
    let config = args.config();
    let handle = match sandbox::spawn(config).await {
        Ok(h) => h,
        Err(e) => {
            super::output::error_line(&start_failure(&e, "--addr"));
            let status = match e {
                sandbox::SandboxError::Bind { .. } => super::output::EXIT_NETWORK,
                _ => super::output::EXIT_INVALID,
            };
            return ExitCode::from(status);
        }
    };
    println!("Coupontools v3 sandbox listening on {}", handle.base_url());
    // The demo secret is public (README); a secret of the user's own is never printed.
    let secret = if args.client_secret == DEMO_CLIENT_SECRET {
        DEMO_CLIENT_SECRET
    } else {
        "<as given>"
    };
    println!("  client id: {}   client secret: {secret}", args.client_id);
    println!("  COUPONTOOLS_API_URL={}", handle.base_url());
    if args.profile != ProfileName::Documented {
        println!("  answer profile: {}", args.profile);
    }
    if args.latency_ms > 0 || args.fail_rate > 0.0 {
        println!("  latency {} ms, fail rate {}", args.latency_ms, args.fail_rate);
    }
    if !args.no_demo_data {
        println!();
        println!("Demo sessions:");
        for s in sandbox::seed::demo_sessions() {
            println!("  {}  {}  {}", s.code, s.campaign, s.state);
        }
        if let Ok(demo) = sandbox::seed::demo() {
            println!(
                "  custom validation code {}; SMS opt-out number {}",
                demo.custom_code().unwrap_or("(none)"),
                demo.opted_out_phone
            );
        }
    }
    println!();
    println!("Ctrl-C stops the sandbox.");
    if let Err(e) = tokio::signal::ctrl_c().await {
        eprintln!("error: cannot wait for Ctrl-C: {e}");
    }
    handle.shutdown().await;
    ExitCode::SUCCESS
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    #[derive(Parser, Debug)]
    struct Cli {
        #[command(flatten)]
        args: SandboxArgs,
    }

    #[test]
    fn defaults_are_the_documented_ones() {
        let cli = Cli::try_parse_from(["sandbox"]).unwrap();
        let config = cli.args.config();
        assert_eq!(config.addr.to_string(), "127.0.0.1:8787");
        assert_eq!(
            (config.client_id.as_str(), config.client_secret.as_str()),
            ("demo", "demo-secret")
        );
        assert!(config.db_path.is_none() && config.demo_data);
        assert!(!config.email_integration && !config.sms_integration);
        assert_eq!(config.fail_rate, 0.0);
        assert_eq!(cli.args.addr, SandboxArgs::default().addr);
    }

    #[test]
    fn fault_flags_reach_the_config() {
        let cli = Cli::try_parse_from([
            "sandbox",
            "--latency-ms",
            "250",
            "--fail-rate",
            "0.3",
            "--fail-kinds",
            "drop-after,unavailable-before",
            "--fail-only",
            "couponsession/update",
            "--db",
            "/tmp/x.sqlite",
            "--no-demo-data",
            "--sms-integration",
        ])
        .unwrap();
        let config = cli.args.config();
        assert_eq!(config.latency, Duration::from_millis(250));
        assert_eq!(config.fail_rate, 0.3);
        assert_eq!(
            config.failure_kinds,
            [FailureKind::DropAfterCommit, FailureKind::UnavailableBefore]
        );
        assert_eq!(config.fail_only_paths, ["couponsession/update"]);
        assert!(!config.demo_data && config.sms_integration && !config.email_integration);
    }

    #[test]
    fn profile_and_latency_cap() {
        let cli = Cli::try_parse_from(["sandbox", "--profile", "php-arrays"]).unwrap();
        assert_eq!(cli.args.config().profile, ProfileName::PhpArrays);
        assert_eq!(
            Cli::try_parse_from(["sandbox"]).unwrap().args.profile,
            ProfileName::Documented
        );
        assert!(Cli::try_parse_from(["sandbox", "--profile", "lenient"]).is_err());
        assert!(Cli::try_parse_from(["sandbox", "--latency-ms", "10000"]).is_ok());
        for too_long in ["10001", "18446744073709551615"] {
            assert!(
                Cli::try_parse_from(["sandbox", "--latency-ms", too_long]).is_err(),
                "{too_long}"
            );
        }
    }

    #[test]
    fn a_fail_rate_outside_0_to_1_is_refused() {
        for bad in ["1.5", "-0.1", "half"] {
            assert!(
                Cli::try_parse_from(["sandbox", "--fail-rate", bad]).is_err(),
                "{bad}"
            );
        }
    }

    #[test]
    fn the_secret_is_not_in_the_help() {
        use clap::CommandFactory;
        let help = Cli::command().render_long_help().to_string();
        assert!(help.contains("--client-secret"));
        assert!(!help.contains(DEMO_CLIENT_SECRET), "{help}");
    }
}
