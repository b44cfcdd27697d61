use crate::support::cli::BIN;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

/// A `coupon-kiosk sandbox` process on an ephemeral loopback port; killed when dropped.
pub struct SandboxProcess {
    child: Child,
    pub url: String,
}

impl SandboxProcess {
    /// Starts the sandbox on `db` with these extra flags and waits (at most 20 s) for its URL.
    pub fn start(db: &Path, flags: &[&str]) -> SandboxProcess {
        let mut all = vec!["--addr", "127.0.0.1:0"];
        all.extend_from_slice(flags);
        Self::start_with(db, &all)
    }

    fn start_with(db: &Path, flags: &[&str]) -> SandboxProcess {
        let mut child = Command::new(BIN)
            .args(["sandbox", "--db"])
            .arg(db)
            .args(flags)
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("sandbox process: {e}"));
        let stdout = child.stdout.take().unwrap_or_else(|| panic!("sandbox stdout"));
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            // Reads every line (so the pipe never fills); the first URL is the answer.
            let mut sent = false;
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if !sent {
                    if let Some(at) = line.find("http://127.0.0.1:") {
                        let url: String = line[at..].split_whitespace().next().unwrap_or("").to_string();
                        let _ = tx.send(url);
                        sent = true;
                    }
                }
            }
        });
        match rx.recv_timeout(Duration::from_secs(20)) {
            Ok(url) => SandboxProcess { child, url },
            Err(e) => {
                let _ = child.kill();
                let _ = child.wait();
                panic!("the sandbox did not start: {e}")
            }
        }
    }
}

impl Drop for SandboxProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl SandboxProcess {
    /// Starts the sandbox on `addr` (e.g. to start it again where a till expects it).
    pub fn start_at(db: &Path, addr: &str, flags: &[&str]) -> SandboxProcess {
        let mut all = vec!["--addr", addr];
        all.extend_from_slice(flags);
        Self::start_with(db, &all)
    }
}

/// The sandbox flags that make every `couponsession/update`, and nothing else, fail with one of
/// `kinds` (a `--fail-kinds` list).
pub fn every_update_fails(kinds: &str) -> [&str; 6] {
    [
        "--fail-rate",
        "1",
        "--fail-kinds",
        kinds,
        "--fail-only",
        "couponsession/update",
    ]
}

/// A loopback address nothing listens on right now.
pub fn free_addr() -> String {
    let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap_or_else(|e| panic!("{e}"));
    let addr = l.local_addr().unwrap_or_else(|e| panic!("{e}"));
    addr.to_string()
}
