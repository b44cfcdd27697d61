//! The one way a test starts a sandbox: in the test's own runtime (`start`), or on a runtime of
//! its own (`Blocking`) so that it keeps serving while a synchronous test runs the binary.

use coupon_kiosk::api::Client;
use coupon_kiosk::sandbox::{spawn, SandboxConfig, SandboxHandle};

/// The demo sandbox on an ephemeral loopback port.
pub async fn start() -> SandboxHandle {
    start_with(SandboxConfig::default()).await
}

pub async fn start_with(config: SandboxConfig) -> SandboxHandle {
    spawn(config)
        .await
        .unwrap_or_else(|e| panic!("sandbox starts: {e}"))
}

/// The demo sandbox and a client for it.
pub async fn with_client() -> (SandboxHandle, Client) {
    with_client_for(SandboxConfig::default()).await
}

pub async fn with_client_for(config: SandboxConfig) -> (SandboxHandle, Client) {
    let sb = start_with(config).await;
    let client = super::client::for_sandbox(&sb);
    (sb, client)
}

/// A sandbox serving from a runtime of its own, for tests that are not async.
pub struct Blocking {
    pub sb: SandboxHandle,
    // Dropped after `sb`: the runtime keeps serving until the handle is gone.
    rt: tokio::runtime::Runtime,
}

impl Blocking {
    pub fn start() -> Blocking {
        Blocking::with(SandboxConfig::default())
    }

    pub fn with(config: SandboxConfig) -> Blocking {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .unwrap_or_else(|e| panic!("runtime: {e}"));
        let sb = rt.block_on(start_with(config));
        Blocking { sb, rt }
    }

    pub fn base_url(&self) -> String {
        self.sb.base_url()
    }

    pub fn block_on<F: std::future::Future>(&self, f: F) -> F::Output {
        self.rt.block_on(f)
    }
}

/// A `coupon-kiosk sandbox` process of its own (killed when dropped): what two tills' servers
/// would be if they shared one database file.
pub struct Process {
    child: std::process::Child,
    pub base_url: String,
}

impl Process {
    /// Starts `coupon-kiosk sandbox --db DB` on a free loopback port and waits until it accepts
    /// connections (at most 20 s).
    pub fn start(db: &std::path::Path) -> Process {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map(|a| a.port())
            .unwrap_or_else(|e| panic!("{e}"));
        let addr = format!("127.0.0.1:{port}");
        let home = db.parent().unwrap_or(std::path::Path::new("."));
        let child = std::process::Command::new(super::cli::BIN)
            .env_clear()
            .env("HOME", home)
            .args(["sandbox", "--addr", &addr, "--db"])
            .arg(db)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("the sandbox process starts: {e}"));
        let mut p = Process {
            child,
            base_url: format!("http://{addr}"),
        };
        let t0 = std::time::Instant::now();
        while std::net::TcpStream::connect(&addr).is_err() {
            if let Ok(Some(status)) = p.child.try_wait() {
                panic!("the sandbox process exited: {status}");
            }
            if t0.elapsed() > std::time::Duration::from_secs(20) {
                let _ = p.child.kill();
                panic!("the sandbox process never listened on {addr}");
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        p
    }
}

impl Drop for Process {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
