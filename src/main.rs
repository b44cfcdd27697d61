//! coupon-kiosk: parse the command line, start logging, load settings, hand off.

use clap::Parser;
use coupon_kiosk::cli::{self, output, Cli, Command};
use coupon_kiosk::settings::Settings;
use std::io::IsTerminal;
use std::process::ExitCode;

fn main() -> ExitCode {
    one_malloc_arena();
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(runtime) => runtime,
        Err(e) => {
            output::error_line(&format!("cannot start: {e}"));
            return ExitCode::FAILURE;
        }
    };
    runtime.block_on(run())
}

/// One malloc arena for the whole process (glibc). By default each of the kiosk's threads takes
/// an arena of its own and each arena keeps its own high-water mark: a till syncing 100,000
/// sessions peaked at 41 MB resident with the default and at 33 MB with one arena, at no cost
/// to a counter's few threads (BENCHMARKS.md, "Offline"). `MALLOC_ARENA_MAX` in the
/// environment still decides when it is set.
fn one_malloc_arena() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    if std::env::var_os("MALLOC_ARENA_MAX").is_none() {
        // SAFETY: mallopt only sets an allocator parameter, and no other thread exists yet.
        unsafe {
            libc::mallopt(libc::M_ARENA_MAX, 1);
        }
    }
}

async fn run() -> ExitCode {
    let cli = Cli::parse();
    let globals = cli.effective_globals();
    if !cli.is_full_screen() {
        init_stderr_logging(globals.verbose);
    }
    // The sandbox is its own server with its own flags; completions and the manual page are
    // generated from the flags alone: none of them needs account settings.
    let command = match cli.command {
        Some(Command::Sandbox(args)) => return cli::sandbox::run(args).await,
        Some(Command::Completions(args)) => return cli::completions::run(&args),
        Some(Command::Man(args)) => return cli::man::run(&args),
        other => other,
    };
    let settings = match Settings::load(&globals.overrides()) {
        Ok(s) => s,
        Err(e) => {
            output::error_line(&cli::explain::settings(&e));
            return ExitCode::from(output::EXIT_INVALID);
        }
    };
    tracing::debug!(?settings, "settings loaded");
    match command {
        None => cli::kiosk::run_kiosk(settings).await,
        Some(Command::Demo(c)) => cli::kiosk::run_demo(settings, c.args).await,
        Some(Command::Journal(c)) => cli::kiosk::run_journal(settings, c.args).await,
        Some(Command::Doctor(c)) => cli::doctor::run(&settings, &globals, c.args).await,
        Some(Command::Barcode(c)) => cli::barcode::run(&settings, c.args).await,
        Some(Command::Validate(a)) => cli::validate::run_validate(&settings, a).await,
        Some(Command::Session(a)) => cli::sessions::run_session(&settings, a).await,
        Some(Command::Lookup(a)) => cli::sessions::run_lookup(&settings, a).await,
        Some(Command::Update(a)) => cli::sessions::run_update(&settings, a).await,
        Some(Command::Remove(a)) => cli::sessions::run_remove(&settings, a).await,
        Some(Command::Coupons(a)) => cli::catalog::run_coupons(&settings, a).await,
        Some(Command::Coupon(a)) => cli::catalog::run_coupon(&settings, a).await,
        Some(Command::Sessions(a)) => cli::lists::run_sessions(&settings, a).await,
        Some(Command::Issue(a)) => cli::issue::run_issue(&settings, a).await,
        Some(Command::IssueMany(a)) => cli::issue::run_issue_many(&settings, a).await,
        Some(Command::Batch(a)) => cli::batch::run_batch(&settings, a).await,
        Some(Command::SendEmail(a)) => cli::send::run_send_email(&settings, a).await,
        Some(Command::SendSms(a)) => cli::send::run_send_sms(&settings, a).await,
        Some(Command::Push(a)) => cli::send::run_push(&settings, a).await,
        Some(Command::Report(a)) => cli::report::run(&settings, a).await,
        Some(Command::Sync(c)) => cli::sync::run(&settings, c.args).await,
        Some(Command::Outbox(c)) => cli::outbox::run(&settings, c.args).await,
        Some(Command::Conflicts(c)) => cli::conflicts::run(&settings, c.args).await,
        Some(Command::Sandbox(args)) => cli::sandbox::run(args).await,
        Some(Command::Completions(args)) => cli::completions::run(&args),
        Some(Command::Man(args)) => cli::man::run(&args),
    }
}

/// CLI commands log to stderr: nothing by default, `-v` debug, `-vv` trace; RUST_LOG overrides.
/// (The kiosk screen logs to a file in the data directory instead: see cli::kiosk.)
fn init_stderr_logging(verbose: u8) {
    use tracing_subscriber::EnvFilter;
    let filter = match std::env::var("RUST_LOG") {
        Ok(v) if !v.trim().is_empty() => EnvFilter::new(v),
        _ => match verbose {
            0 => return,
            1 => EnvFilter::new("warn,coupon_kiosk=debug"),
            _ => EnvFilter::new("trace"),
        },
    };
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .try_init();
}
