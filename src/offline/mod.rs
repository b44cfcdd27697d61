//! The counter keeps serving when the network drops.
//!
//! - [`mirror`]: a SQLite copy of the sessions this till may accept, refreshed by [`sync`];
//!   it answers look-ups the API cannot (part of a name, email or phone; a code prefix).
//! - [`decide`]: the offline verdict, a pure function of what the mirror holds and what this
//!   till already accepted.
//! - [`outbox`]: every offline acceptance, durable before its verdict shows; refused forwards
//!   stay in it as conflicts, marked seen by a manager, never deleted.
//! - [`forward`]: sends what waits, oldest first, through the shared redeem flow.
//! - [`complete`]: reads the full records (customers) the session lists lack, gently.
//! - [`desk`]: the counter's entry point: a scan in, an offline verdict out, the outbox written.
//!
//! Arrows: `kiosk -> offline -> redeem -> api`, `cli -> offline`. This room never imports the
//! kiosk, the CLI or `crate::settings` (its callers hand it what it needs).

pub mod background;
pub mod complete;
pub mod decide;
pub mod desk;
pub mod forward;
pub mod mirror;
pub mod outbox;
pub mod settings;
mod store;
pub mod sync;

pub use background::{Background, BackgroundConfig, BackgroundStatus, Nudge};
pub use complete::{complete, CompletionPass, CompletionRate};
pub use decide::{decide, CannotCheck, MirrorRefusal, OfflineVerdict};
pub use desk::{Desk, DeskStatus, Till};
pub use forward::{Backoff, ForwardPass, Forwarder};
pub use mirror::{Mirror, MirrorRecord, MirrorStatus};
pub use outbox::{EntryState, NewEntry, Outbox, OutboxCounts, OutboxEntry};
pub use settings::{OfflinePolicy, OfflineSettings};
pub use sync::{sync, SyncReport};

use std::path::{Path, PathBuf};

/// File name of the mirror inside the data directory (beside the journal). Rebuilt by a sync.
pub const MIRROR_FILE: &str = "mirror.sqlite";
/// File name of the outbox and conflict inbox: the till's own record, never rebuilt.
pub const OUTBOX_FILE: &str = "outbox.sqlite";

pub fn mirror_path(data_dir: &Path) -> PathBuf {
    data_dir.join(MIRROR_FILE)
}

pub fn outbox_path(data_dir: &Path) -> PathBuf {
    data_dir.join(OUTBOX_FILE)
}

#[derive(Debug, thiserror::Error)]
pub enum OfflineError {
    #[error("cannot create the data directory {path}: {source}")]
    CreateDir { path: PathBuf, source: std::io::Error },
    #[error("cannot open {path}: {source}")]
    Open { path: PathBuf, source: rusqlite::Error },
    #[error("offline database error: {0}")]
    Sql(#[from] rusqlite::Error),
    #[error(transparent)]
    Api(#[from] crate::api::ApiError),
    #[error("{0}")]
    InvalidInput(String),
    #[error("the mirror's writer stopped")]
    Writer,
}
