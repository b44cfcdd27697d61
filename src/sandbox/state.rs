//! What every handler shares: the database, the account's settings, the fault plan.

use super::failure::ApiFailure;
use super::faults::FaultDice;
use super::profile::Profile;
use super::store::Store;
use rusqlite::Connection;
use std::sync::Arc;

/// The account the sandbox plays, and its database.
pub struct Inner {
    pub store: Arc<Store>,
    pub client_id: String,
    pub client_secret: String,
    /// `http://127.0.0.1:PORT`: coupon and session URLs point back at the sandbox.
    pub base_url: String,
    pub email_integration: bool,
    pub sms_integration: bool,
    pub faults: FaultDice,
    /// How answers are shaped where the seed leaves the wire format open.
    pub profile: Profile,
    /// How long a request's body may take to arrive once its head has.
    pub body_read_timeout: std::time::Duration,
}

#[derive(Clone)]
pub struct AppState(pub Arc<Inner>);

impl std::ops::Deref for AppState {
    type Target = Inner;
    fn deref(&self) -> &Inner {
        &self.0
    }
}

impl AppState {
    /// Runs database work off the async threads (SQLite calls block).
    pub async fn db<T, F>(&self, f: F) -> Result<T, ApiFailure>
    where
        T: Send + 'static,
        F: FnOnce(&mut Connection) -> Result<T, ApiFailure> + Send + 'static,
    {
        let store = Arc::clone(&self.store);
        tokio::task::spawn_blocking(move || store.with(f))
            .await
            .unwrap_or_else(|join_error| {
                tracing::error!(%join_error, "sandbox database task failed");
                Err(ApiFailure::internal())
            })
    }
}
