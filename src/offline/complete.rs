//! Completion: the session lists a sync copies carry no customer (the list shape is confirmed
//! without one), so a name typed in the staff look-up would find nothing. The mirror learns
//! customers from every full record the till meets (scans, look-ups) and, in the background,
//! reads the full record (`couponsession/data`) of each session it holds without one.
//!
//! Gently: at most [`CompletionRate::per_second`] requests a second and
//! [`CompletionRate::in_flight`] at once, oldest synced campaign first. A pass stops at the
//! first request that gets no answer (the till is offline; it resumes when the server answers
//! again) and when nothing is left.

use super::{Mirror, OfflineError};
use crate::api::{ApiError, Client, Refusal, Session, SessionCode};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use time::OffsetDateTime;
use tokio::task::JoinSet;

/// How fast the completion asks the server.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CompletionRate {
    pub per_second: u32,
    pub in_flight: usize,
}

impl CompletionRate {
    /// Four reads a second, two at once: the counter's own validations never queue behind the
    /// completion (a till's HTTP client keeps a few connections), and the account's API quota is
    /// shared with every till and the shop's other systems. cam_demo03's 12,001 sessions are
    /// complete in under an hour; a shop's own sessions arrive faster through its scans.
    pub const GENTLE: CompletionRate = CompletionRate {
        per_second: 4,
        in_flight: 2,
    };
}

/// What one pass did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CompletionPass {
    /// Full records read and learned.
    pub learned: u64,
    /// Sessions the server no longer knows (not asked again until a sync brings them back).
    pub unavailable: u64,
    /// Why the pass stopped early: the server did not answer.
    pub stopped: Option<String>,
}

/// Sessions read from the mirror per round (the queue is re-read, so a sync in between counts).
const BATCH: usize = 64;

/// Reads full records until every session has been read once, the server stops answering, or
/// `budget` reads were made. `progress` is called after each round (the status bar's count).
pub async fn complete(
    client: &Client,
    mirror_path: &Path,
    rate: CompletionRate,
    budget: u64,
    mut progress: impl FnMut(&CompletionPass),
) -> Result<CompletionPass, OfflineError> {
    let mirror = {
        let path = mirror_path.to_path_buf();
        let opened = tokio::task::spawn_blocking(move || Mirror::open(&path))
            .await
            .map_err(|_| OfflineError::Writer)??;
        Arc::new(Mutex::new(opened))
    };
    let per_second = rate.per_second.max(1);
    let mut ticks = tokio::time::interval(Duration::from_secs(1) / per_second);
    ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let in_flight = rate.in_flight.max(1);
    let mut pass = CompletionPass::default();
    let mut asked = 0u64;
    while asked < budget {
        let queue = {
            let m = Arc::clone(&mirror);
            tokio::task::spawn_blocking(move || {
                m.lock().map_err(|_| OfflineError::Writer)?.lacking_details(BATCH)
            })
            .await
            .map_err(|_| OfflineError::Writer)??
        };
        if queue.is_empty() {
            break;
        }
        let mut reads: JoinSet<(String, Result<Session, ApiError>)> = JoinSet::new();
        for code in queue {
            if asked >= budget || pass.stopped.is_some() {
                break;
            }
            while reads.len() >= in_flight {
                if let Some(done) = reads.join_next().await {
                    settle(&mirror, done, &mut pass).await?;
                }
            }
            if pass.stopped.is_some() {
                break;
            }
            ticks.tick().await;
            asked += 1;
            let client = client.clone();
            reads.spawn(async move {
                let result = match SessionCode::parse(&code) {
                    Ok(c) => client.session_data(&c).await,
                    Err(e) => Err(ApiError::InvalidInput(e.to_string())),
                };
                (code, result)
            });
        }
        while let Some(done) = reads.join_next().await {
            settle(&mirror, done, &mut pass).await?;
        }
        progress(&pass);
        if pass.stopped.is_some() {
            break;
        }
    }
    Ok(pass)
}

/// Learns one answer; a network failure stops the pass.
async fn settle(
    mirror: &Arc<Mutex<Mirror>>,
    done: Result<(String, Result<Session, ApiError>), tokio::task::JoinError>,
    pass: &mut CompletionPass,
) -> Result<(), OfflineError> {
    let Ok((code, result)) = done else {
        return Ok(());
    };
    let now = OffsetDateTime::now_utc();
    let learned = match result {
        Ok(full) => Some(full),
        Err(e) if e.refusal().is_some() || matches!(e, ApiError::InvalidInput(_)) => {
            if e.refusal() != Some(Refusal::NotFound) && !matches!(e, ApiError::InvalidInput(_)) {
                tracing::debug!(error = %e, "completion: a session's record was refused");
            }
            None
        }
        Err(e) => {
            pass.stopped.get_or_insert_with(|| e.to_string());
            return Ok(());
        }
    };
    let m = Arc::clone(mirror);
    let is_learned = learned.is_some();
    tokio::task::spawn_blocking(move || {
        let m = m.lock().map_err(|_| OfflineError::Writer)?;
        match learned {
            // A record that names another session (the server's own spelling) must still
            // take this one off the queue, or it would be asked for again and again.
            Some(full) if m.learn(&full, now)? => Ok(()),
            _ => m.details_unavailable(&code, now),
        }
    })
    .await
    .map_err(|_| OfflineError::Writer)??;
    if is_learned {
        pass.learned += 1;
    } else {
        pass.unavailable += 1;
    }
    Ok(())
}
