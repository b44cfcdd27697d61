//! The real binary run as a person runs it, with a clean environment: no account and no config
//! file from the home directory unless the test gives them.

use super::sandbox::Blocking;
use coupon_kiosk::sandbox::{SandboxConfig, DEMO_CLIENT_ID, DEMO_CLIENT_SECRET};
use std::path::Path;
use std::process::{Command, Output};

pub const BIN: &str = env!("CARGO_BIN_EXE_coupon-kiosk");

/// The demo account, as the environment gives it.
pub const ACCOUNT: [(&str, &str); 2] = [
    ("COUPONTOOLS_CLIENT_ID", DEMO_CLIENT_ID),
    ("COUPONTOOLS_CLIENT_SECRET", DEMO_CLIENT_SECRET),
];

/// Runs the binary with `home` as its home, config and data directory, and only `env` set.
pub fn run_in(home: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(BIN);
    cmd.args(args)
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_DATA_HOME", home.join("data"));
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().unwrap_or_else(|e| panic!("the binary runs: {e}"))
}

/// Runs the binary in a fresh, empty home.
pub fn run(args: &[&str], env: &[(&str, &str)]) -> Output {
    let home = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    run_in(home.path(), args, env)
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).to_string()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).to_string()
}

/// The exit status is `status`, nothing panicked, and `needle` is on stdout or stderr.
#[track_caller]
pub fn assert_clear_failure(o: &Output, status: i32, needle: &str) {
    let err = stderr(o);
    let out = stdout(o);
    assert_eq!(o.status.code(), Some(status), "stdout: {out}\nstderr: {err}");
    assert!(!err.contains("panicked"), "{err}");
    assert!(
        err.contains(needle) || out.contains(needle),
        "expected {needle:?} in\nstdout: {out}\nstderr: {err}"
    );
}

/// A sandbox (serving from its own runtime) and a home, for running the binary against it.
pub struct Fixture {
    pub sandbox: Blocking,
    pub home: tempfile::TempDir,
}

impl Fixture {
    pub fn new() -> Fixture {
        Fixture::with(SandboxConfig::default())
    }

    pub fn with(config: SandboxConfig) -> Fixture {
        Fixture {
            sandbox: Blocking::with(config),
            home: tempfile::tempdir().unwrap_or_else(|e| panic!("{e}")),
        }
    }

    /// Runs the binary with the sandbox's URL and the demo account.
    pub fn run(&self, args: &[&str]) -> Output {
        self.run_env(args, &[])
    }

    pub fn run_env(&self, args: &[&str], extra: &[(&str, &str)]) -> Output {
        let url = self.sandbox.base_url();
        let mut env = vec![("COUPONTOOLS_API_URL", url.as_str()), ACCOUNT[0], ACCOUNT[1]];
        env.extend_from_slice(extra);
        run_in(self.home.path(), args, &env)
    }

    /// Runs the binary and reads its stdout as JSON; returns (exit status, JSON).
    pub fn json(&self, args: &[&str]) -> (i32, serde_json::Value) {
        let o = self.run(args);
        let v = serde_json::from_slice(&o.stdout)
            .unwrap_or_else(|e| panic!("{args:?}: {e}\nstdout: {}\nstderr: {}", stdout(&o), stderr(&o)));
        (o.status.code().unwrap_or(-1), v)
    }
}
