//! The kiosk's offline side: the desk (mirror and outbox) and the background chores (sync,
//! forward), held by the runner. When a scan's request cannot reach the server, the runner
//! asks [`OfflineSide::answer`] and the scan is answered from the mirror — no error screen first.
//! Any request that gets an answer tells the background, which forwards what waits at once.

use super::verdict::{VerdictKind, VerdictView};
use crate::api::ApiError;
use crate::api::Client;
use crate::offline::desk::Till;
use crate::offline::mirror::MirrorRecord;
use crate::offline::{Background, BackgroundConfig, Backoff, Desk, Nudge, OfflinePolicy, OfflineVerdict};
use crate::settings::Settings;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use time::OffsetDateTime;

#[derive(Clone)]
pub struct OfflineSide {
    desk: Arc<Mutex<Desk>>,
    policy: OfflinePolicy,
    background: Option<Arc<Background>>,
}

impl OfflineSide {
    /// Opens the mirror and outbox in the data directory and starts the background chores (on
    /// the current tokio runtime). None, with a log line, when the files cannot be opened: the
    /// kiosk then works online only, as before.
    pub fn open(settings: &Settings, client: &Client) -> Option<OfflineSide> {
        let till = Till {
            terminal: settings.kiosk.terminal_id.clone(),
            cashier: settings.kiosk.cashier.clone(),
        };
        let desk = match Desk::open(&settings.data_dir, settings.offline.clone(), till) {
            Ok(d) => d,
            Err(e) => {
                tracing::warn!(error = %e, "offline mirror unavailable; online only");
                return None;
            }
        };
        let background = Background::spawn(BackgroundConfig {
            client: client.clone(),
            data_dir: settings.data_dir.clone(),
            settings: settings.offline.clone(),
            tag_field: settings.kiosk.tag_customfield,
            backoff: Backoff::new(Duration::from_secs(1), Duration::from_secs(60)),
        })
        .map_err(|e| tracing::warn!(error = %e, "offline background not started"))
        .ok()
        .map(Arc::new);
        Some(OfflineSide {
            desk: Arc::new(Mutex::new(desk)),
            policy: settings.offline.policy,
            background,
        })
    }

    /// The offline verdict for a scan whose request could not reach the server. An acceptance
    /// is in the outbox (synced) when this returns. None when the scan is no code, or the
    /// mirror cannot be read (the caller then shows the network failure as before).
    pub async fn answer(&self, scanned: &str) -> Option<OfflineVerdict> {
        let what = crate::scan::classify(scanned).ok()?;
        let desk = Arc::clone(&self.desk);
        let text = scanned.to_string();
        let verdict = tokio::task::spawn_blocking(move || {
            let desk = desk.lock().ok()?;
            desk.scan(&what, &text, OffsetDateTime::now_utc())
                .map_err(|e| tracing::warn!(error = %e, "offline verdict failed"))
                .ok()
        })
        .await
        .ok()??;
        if matches!(verdict, OfflineVerdict::AcceptedOffline { .. }) {
            self.nudge(Nudge::Queued);
        }
        Some(verdict)
    }

    /// What the mirror holds for a scan whose validation is in flight: the one session its code
    /// names, to show (marked as still being checked) before the answer comes. None when the
    /// mirror holds none or several, or cannot be read. Runs beside the request, never before it.
    pub async fn preview(&self, scanned: &str) -> Option<MirrorRecord> {
        let what = crate::scan::classify(scanned).ok()?;
        let desk = Arc::clone(&self.desk);
        tokio::task::spawn_blocking(move || {
            let desk = desk.lock().ok()?;
            let mut found = desk.find(&what).ok()?;
            (found.len() == 1).then(|| found.remove(0))
        })
        .await
        .ok()?
    }

    /// The background's status, to watch (None when it did not start).
    pub fn status(&self) -> Option<tokio::sync::watch::Receiver<crate::offline::BackgroundStatus>> {
        self.background.as_ref().map(|b| b.status())
    }

    /// Whether a look-up that failed with `e` is answered from the mirror: always when the
    /// server could not be reached at all; when it did not answer in time, only where the till
    /// accepts offline (otherwise CHECK FAILED with its retry key says it better).
    pub fn takes_failed_lookup(&self, e: &ApiError) -> bool {
        match e {
            ApiError::Unreachable(_) => true,
            ApiError::Uncertain(_) | ApiError::UnexpectedResponse { .. } => {
                self.policy == OfflinePolicy::AcceptSynced
            }
            _ => false,
        }
    }

    /// Whether a validation whose outcome stayed unknown is answered from the mirror: only where
    /// the till accepts offline. Elsewhere UNKNOWN is the truth (the update may have gone
    /// through) and F5 asks again.
    pub fn takes_unknown_validation(&self) -> bool {
        self.policy == OfflinePolicy::AcceptSynced
    }

    /// A request got an answer: forward what waits now.
    pub fn server_answered(&self) {
        self.nudge(Nudge::ServerAnswered);
    }

    fn nudge(&self, n: Nudge) {
        if let Some(b) = &self.background {
            b.nudge(n);
        }
    }
}

/// The verdict screen for an offline verdict.
pub fn view_of(v: &OfflineVerdict, scanned: &str, now: OffsetDateTime) -> VerdictView {
    let kind = match v {
        OfflineVerdict::AcceptedOffline { .. } => VerdictKind::AcceptedOffline,
        OfflineVerdict::Refused { .. } => match v.outcome_word() {
            "already_validated" => VerdictKind::AlreadyValidated,
            "voided" => VerdictKind::Voided,
            "locked" => VerdictKind::Locked,
            "expired" => VerdictKind::Expired,
            _ => VerdictKind::NotClaimed,
        },
        OfflineVerdict::AlreadyUsedOffline { .. } => VerdictKind::AlreadyUsedOffline,
        OfflineVerdict::WrongCoupon { .. } => VerdictKind::WrongCoupon,
        OfflineVerdict::CannotCheck { .. } => VerdictKind::OfflineCannotCheck,
    };
    let mut view = VerdictView::new(kind, scanned, v.message(now));
    view.session = v.record().map(|r| r.session.clone());
    view
}
