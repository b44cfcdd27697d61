//! A faithful local Coupontools v3 server (axum + SQLite): the demo, the test server and the
//! developer's playground. It shares no types with `crate::api` — it writes the wire format
//! its own way, so that client-against-sandbox tests really test something.
//!
//! ```no_run
//! # async fn demo() -> Result<(), coupon_kiosk::sandbox::SandboxError> {
//! use coupon_kiosk::sandbox::{spawn, SandboxConfig};
//! let sandbox = spawn(SandboxConfig::default()).await?;
//! println!("try {}/v3/couponsession/data", sandbox.base_url());
//! sandbox.shutdown().await;
//! # Ok(()) }
//! ```

mod barcode;
mod codes;
mod config;
mod dates;
mod failure;
mod faults;
mod handlers;
mod http;
mod inject;
mod profile;
mod render;
mod request;
pub mod rules;
pub mod seed;
mod serve;
mod state;
pub mod store;
mod wire;

pub use config::{FailureKind, FaultPlan, SandboxConfig, DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, MAX_LATENCY_MS};
pub use profile::{ErrorStatus, Profile, ProfileName};
pub use seed::{demo_sessions, DemoSession};
pub use store::outbox::{Channel, OutboxMessage};

use faults::{FaultDice, KillableListener};
use state::{AppState, Inner};
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;
use store::Store;
use tokio::sync::watch;
use tokio::task::JoinHandle;

/// Why a sandbox could not start (or a query on it failed).
#[derive(Debug, thiserror::Error)]
pub enum SandboxError {
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        addr: SocketAddr,
        #[source]
        source: std::io::Error,
    },
    #[error(transparent)]
    Store(#[from] store::StoreError),
    #[error("the sandbox database task failed")]
    Task,
}

impl From<rusqlite::Error> for SandboxError {
    fn from(e: rusqlite::Error) -> Self {
        SandboxError::Store(store::StoreError::from(e))
    }
}

/// A running sandbox. Dropping it stops the server too (without waiting).
pub struct SandboxHandle {
    pub addr: SocketAddr,
    state: AppState,
    stop: watch::Sender<bool>,
    task: Option<JoinHandle<()>>,
}

impl std::fmt::Debug for SandboxHandle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SandboxHandle")
            .field("addr", &self.addr)
            .finish_non_exhaustive()
    }
}

/// Opens the database, loads the demo data when asked, binds `config.addr` and serves in a
/// tokio task. Returns as soon as the socket listens.
pub async fn spawn(config: SandboxConfig) -> Result<SandboxHandle, SandboxError> {
    let db_path = config.db_path.clone();
    let demo = config.demo_data;
    let store = tokio::task::spawn_blocking(move || -> Result<Store, SandboxError> {
        let store = Store::open(db_path.as_deref())?;
        if demo {
            store.with(seed::load_if_empty)?;
        }
        Ok(store)
    })
    .await
    .map_err(|_| SandboxError::Task)??;
    start(config, Arc::new(store), None).await
}

/// Like [`spawn`], but listens before the demo data is in: it loads behind, and the server
/// accepts its first connection only once it is (a client meanwhile waits in the listen queue,
/// so its first answer is late, never from a half-loaded database). For the demo, whose screen
/// should not wait for data it does not draw. Should loading fail, the server never answers
/// and the failure is logged.
pub async fn spawn_loading_behind(config: SandboxConfig) -> Result<SandboxHandle, SandboxError> {
    let db_path = config.db_path.clone();
    // The schema only: a few milliseconds.
    let store = tokio::task::spawn_blocking(move || Store::open(db_path.as_deref()))
        .await
        .map_err(|_| SandboxError::Task)??;
    let store = Arc::new(store);
    let loading = config.demo_data.then(|| {
        let store = Arc::clone(&store);
        tokio::task::spawn_blocking(move || store.with(seed::load_if_empty))
    });
    start(config, store, loading).await
}

/// Binds `config.addr` and serves `store` in a tokio task, after `loading` (if any) is done.
async fn start(
    config: SandboxConfig,
    store: Arc<Store>,
    loading: Option<JoinHandle<rusqlite::Result<bool>>>,
) -> Result<SandboxHandle, SandboxError> {
    let listener = tokio::net::TcpListener::bind(config.addr)
        .await
        .map_err(|source| SandboxError::Bind {
            addr: config.addr,
            source,
        })?;
    let addr = listener.local_addr().map_err(|source| SandboxError::Bind {
        addr: config.addr,
        source,
    })?;

    let state = AppState(Arc::new(Inner {
        store,
        client_id: config.client_id.clone(),
        client_secret: config.client_secret.clone(),
        base_url: format!("http://{addr}"),
        email_integration: config.email_integration,
        sms_integration: config.sms_integration,
        faults: FaultDice::new(config.fault_plan(), config.fault_seed),
        profile: config.profile.profile(),
        body_read_timeout: config.body_read_timeout,
    }));
    let app = http::router(state.clone());
    let (stop, stopped) = watch::channel(false);
    let header_read_timeout = config.header_read_timeout;
    let task = tokio::spawn(async move {
        if let Some(loading) = loading {
            match loading.await {
                Ok(Ok(_)) => tracing::info!("sandbox: demo data loaded"),
                Ok(Err(error)) => {
                    tracing::error!(%error, "sandbox: the demo data could not be loaded");
                    return;
                }
                Err(_) => {
                    tracing::error!("sandbox: loading the demo data failed");
                    return;
                }
            }
        }
        serve::serve(KillableListener(listener), app, header_read_timeout, stopped).await;
    });
    tracing::info!(%addr, "sandbox listening");
    Ok(SandboxHandle {
        addr,
        state,
        stop,
        task: Some(task),
    })
}

impl SandboxHandle {
    /// `http://127.0.0.1:PORT` — the client appends `/v3/...`.
    pub fn base_url(&self) -> String {
        self.state.base_url.clone()
    }

    /// Stops accepting, lets requests in flight finish (at most a few seconds), and returns.
    pub async fn shutdown(mut self) {
        let _ = self.stop.send(true);
        if let Some(task) = self.task.take() {
            let abort = task.abort_handle();
            if tokio::time::timeout(Duration::from_secs(5), task).await.is_err() {
                abort.abort();
            }
        }
    }

    /// Changes latency and failure injection on the running server.
    pub fn set_fault_plan(&self, plan: FaultPlan) {
        self.state.faults.set_plan(plan);
    }

    /// Every message the sandbox "sent" (email, SMS, push), oldest first.
    pub async fn outbox(&self) -> Result<Vec<OutboxMessage>, SandboxError> {
        let store = Arc::clone(&self.state.store);
        tokio::task::spawn_blocking(move || store.with(|c| store::outbox::all(c)))
            .await
            .map_err(|_| SandboxError::Task)?
            .map_err(SandboxError::from)
    }
}

impl Drop for SandboxHandle {
    fn drop(&mut self) {
        let _ = self.stop.send(true);
    }
}
