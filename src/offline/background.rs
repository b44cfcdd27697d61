//! The kiosk's offline chores, in the background: sync the mirror at the interval, forward the
//! outbox as soon as the server answers (with a bounded backoff while it does not), and publish
//! what the status bar shows. The screen talks to it through [`Background`]: it says when a
//! request succeeded or an acceptance was queued, and watches [`BackgroundStatus`].

use super::complete::CompletionRate;
use super::desk::DeskStatus;
use super::forward::{Backoff, Forwarder};
use super::{Mirror, OfflineError, OfflineSettings, Outbox};
use crate::api::Client;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;
use time::OffsetDateTime;
use tokio::sync::Notify;
use tokio::sync::{mpsc, watch};
use tokio::time::Instant;

/// What the status bar shows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BackgroundStatus {
    /// None until the mirror and the outbox were first read.
    pub desk: Option<DeskStatus>,
    pub syncing: bool,
    /// Why the last sync failed, when it did (cleared by the next success).
    pub sync_error: Option<String>,
    pub last_sync_attempt: Option<OffsetDateTime>,
}

/// What the screen tells the background.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Nudge {
    /// A request to the server succeeded: forward what waits now.
    ServerAnswered,
    /// An offline acceptance was written to the outbox.
    Queued,
    /// Sync the mirror now (a manager asked).
    SyncNow,
    /// The screen's counts may be stale (e.g. a conflict was marked seen).
    Refresh,
}

/// Everything the background needs.
pub struct BackgroundConfig {
    pub client: Client,
    pub data_dir: PathBuf,
    pub settings: OfflineSettings,
    pub tag_field: Option<u8>,
    pub backoff: Backoff,
    /// How fast the mirror's missing customers are read (see [`super::complete`]).
    pub completion: CompletionRate,
}

/// The handle the screen keeps. Dropping it stops the background task.
pub struct Background {
    nudges: mpsc::Sender<Nudge>,
    status: watch::Receiver<BackgroundStatus>,
    _task: tokio::task::JoinHandle<()>,
}

impl Background {
    /// Starts the chores on the current tokio runtime; the first sync starts at once.
    pub fn spawn(config: BackgroundConfig) -> Result<Background, OfflineError> {
        let outbox = Outbox::open(&super::outbox_path(&config.data_dir))?;
        let forwarder = Forwarder::new(config.client.clone(), config.tag_field, outbox);
        let (nudges, rx) = mpsc::channel(16);
        let (tx, status) = watch::channel(BackgroundStatus::default());
        let go = Arc::new(Notify::new());
        let completing = tokio::spawn(complete_when_told(
            config.client.clone(),
            super::mirror_path(&config.data_dir),
            config.completion,
            Arc::clone(&go),
            nudges.clone(),
        ));
        let task = tokio::spawn(async move {
            run(config, forwarder, rx, tx, go).await;
            completing.abort();
        });
        Ok(Background {
            nudges,
            status,
            _task: task,
        })
    }

    /// Tells the background something happened; never blocks (a full queue already has work).
    pub fn nudge(&self, n: Nudge) {
        let _ = self.nudges.try_send(n);
    }

    /// The latest status, and a way to wait for the next.
    pub fn status(&self) -> watch::Receiver<BackgroundStatus> {
        self.status.clone()
    }
}

async fn run(
    mut config: BackgroundConfig,
    forwarder: Forwarder,
    mut nudges: mpsc::Receiver<Nudge>,
    status: watch::Sender<BackgroundStatus>,
    complete: Arc<Notify>,
) {
    let far = || Instant::now() + Duration::from_secs(365 * 24 * 3600);
    let mut next_sync = Instant::now();
    // A failed sync is tried again within the backoff, not a whole interval later: a till must
    // not go without its copy for minutes because the network blinked when it started.
    let mut sync_backoff = config.backoff.clone();
    sync_backoff.reset();
    // Whatever waits from before a restart is tried at once.
    let mut next_forward = Instant::now();
    publish(&config, &status, |_| {}).await;
    loop {
        tokio::select! {
            _ = tokio::time::sleep_until(next_sync) => {
                publish(&config, &status, |s| s.syncing = true).await;
                let path = super::mirror_path(&config.data_dir);
                let result = super::sync(&config.client, &path, &config.settings.campaigns).await;
                let at = OffsetDateTime::now_utc();
                let interval = config.settings.sync_interval;
                match result {
                    Ok(_) => {
                        sync_backoff.reset();
                        next_sync = Instant::now() + interval;
                        // The server answers: forward now, and read the customers the lists lack.
                        next_forward = Instant::now();
                        complete.notify_one();
                        publish(&config, &status, |s| {
                            s.syncing = false;
                            s.sync_error = None;
                            s.last_sync_attempt = Some(at);
                        })
                        .await;
                    }
                    Err(e) => {
                        next_sync = Instant::now() + sync_backoff.failed().min(interval);
                        tracing::info!(error = %e, "mirror sync failed");
                        let message = e.to_string();
                        publish(&config, &status, |s| {
                            s.syncing = false;
                            s.sync_error = Some(message);
                            s.last_sync_attempt = Some(at);
                        })
                        .await;
                    }
                }
            }
            _ = tokio::time::sleep_until(next_forward) => {
                next_forward = match forwarder.pass().await {
                    Ok(pass) if pass.stopped.is_some() => Instant::now() + config.backoff.failed(),
                    Ok(pass) if pass.waiting > 0 => Instant::now(),
                    Ok(_) => {
                        config.backoff.reset();
                        far()
                    }
                    Err(e) => {
                        tracing::warn!(error = %e, "outbox forward failed");
                        Instant::now() + config.backoff.failed()
                    }
                };
                publish(&config, &status, |_| {}).await;
            }
            nudge = nudges.recv() => {
                match nudge {
                    None => break,
                    Some(Nudge::ServerAnswered) => {
                        complete.notify_one();
                        config.backoff.reset();
                        next_forward = next_forward.min(Instant::now());
                    }
                    Some(Nudge::Queued) => {
                        next_forward = next_forward.min(Instant::now() + config.backoff.min);
                    }
                    Some(Nudge::SyncNow) => next_sync = Instant::now(),
                    Some(Nudge::Refresh) => {}
                }
                publish(&config, &status, |_| {}).await;
            }
        }
    }
}

/// Reads the counts (off the runtime: SQLite blocks) and publishes them with `change`.
async fn publish(
    config: &BackgroundConfig,
    status: &watch::Sender<BackgroundStatus>,
    change: impl FnOnce(&mut BackgroundStatus),
) {
    let dir = config.data_dir.clone();
    let desk = tokio::task::spawn_blocking(move || -> Result<DeskStatus, OfflineError> {
        Ok(DeskStatus {
            mirror: Mirror::open(&super::mirror_path(&dir))?.status()?,
            outbox: {
                let outbox = Outbox::open(&super::outbox_path(&dir))?;
                // The counter's acceptances are checkpointed here, off the cashier's time.
                outbox.checkpoint()?;
                outbox.counts()?
            },
        })
    })
    .await;
    status.send_modify(|s| {
        change(s);
        match desk {
            Ok(Ok(d)) => s.desk = Some(d),
            Ok(Err(e)) => tracing::warn!(error = %e, "offline status unreadable"),
            Err(_) => {}
        }
    });
}

/// Completes the mirror's customers each time it is told (after a sync, when the server answers
/// again), until nothing is left or the server stops answering; then waits to be told again.
async fn complete_when_told(
    client: Client,
    mirror: PathBuf,
    rate: CompletionRate,
    go: Arc<Notify>,
    nudges: mpsc::Sender<Nudge>,
) {
    loop {
        go.notified().await;
        let refresh = |_: &super::CompletionPass| {
            let _ = nudges.try_send(Nudge::Refresh);
        };
        match super::complete(&client, &mirror, rate, u64::MAX, refresh).await {
            Ok(pass) if pass.stopped.is_some() => {
                tracing::info!(
                    learned = pass.learned,
                    "customer completion paused: the server does not answer"
                )
            }
            Ok(pass) => tracing::debug!(learned = pass.learned, "customer completion done"),
            Err(e) => tracing::info!(error = %e, "customer completion paused"),
        }
    }
}
