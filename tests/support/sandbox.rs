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
