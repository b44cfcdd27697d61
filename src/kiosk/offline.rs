//! The kiosk's offline side: the desk (mirror and outbox) and the background chores (sync,
//! forward), held by the runner. When a scan's request cannot reach the server, the runner
//! asks [`OfflineSide::answer`] and the scan is answered from the mirror — no error screen first.
//! Any request that gets an answer tells the background, which forwards what waits at once.

use super::msg::Net;
use super::verdict::{VerdictKind, VerdictView};
use crate::api::ApiError;
use crate::api::{Client, Session};
use crate::offline::desk::wrong_of;
use crate::offline::desk::Till;
use crate::offline::{
    Background, BackgroundConfig, Backoff, CompletionRate, Desk, Mirror, MirrorRecord, Nudge, OfflinePolicy,
    OfflineSettings, OfflineVerdict,
};
use crate::settings::Settings;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use time::OffsetDateTime;

#[derive(Clone)]
pub struct OfflineSide {
    desk: Arc<Mutex<Desk>>,
    /// A connection of its own for learning customers: a write may wait for a sync's
    /// transaction, and an offline verdict must never wait behind it.
    learner: Option<Arc<Mutex<Mirror>>>,
    policy: OfflinePolicy,
    /// The campaigns this till accepts (empty: all).
    campaigns: Vec<crate::api::CampaignId>,
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
        OfflineSide::open_in(
            &settings.data_dir,
            &settings.offline,
            till,
            settings.kiosk.tag_customfield,
            client,
        )
    }

    /// [`OfflineSide::open`] from the parts of the settings it needs.
    pub fn open_in(
        data_dir: &Path,
        offline: &OfflineSettings,
        till: Till,
        tag_field: Option<u8>,
        client: &Client,
    ) -> Option<OfflineSide> {
        let desk = match Desk::open(data_dir, offline.clone(), till) {
            Ok(d) => d,
            Err(e) => {
                tracing::warn!(error = %e, "offline mirror unavailable; online only");
                return None;
            }
        };
        let background = Background::spawn(BackgroundConfig {
            client: client.clone(),
            data_dir: data_dir.to_path_buf(),
            settings: offline.clone(),
            tag_field,
            backoff: Backoff::new(Duration::from_secs(1), Duration::from_secs(60)),
            completion: CompletionRate::GENTLE,
        })
        .map_err(|e| tracing::warn!(error = %e, "offline background not started"))
        .ok()
        .map(Arc::new);
        let learner = Mirror::open(&crate::offline::mirror_path(data_dir))
            .map_err(|e| tracing::warn!(error = %e, "the mirror will not learn customers"))
            .ok()
            .map(|m| Arc::new(Mutex::new(m)));
        Some(OfflineSide {
            desk: Arc::new(Mutex::new(desk)),
            learner,
            policy: offline.policy,
            campaigns: offline.campaigns.clone(),
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

    /// WRONG COUPON — not valid here, before any validation is sent: the till accepts only
    /// some campaigns and the scan names sessions of others only. The campaign comes from the
    /// mirror when it holds the code; otherwise, when `server` is given, from the server's
    /// record (`couponsession/data`, or the search for a custom code). None: go on as usual
    /// (also when the server cannot say: the validation then answers for itself).
    pub async fn wrong_coupon(
        &self,
        scanned: &str,
        server: Option<&Client>,
    ) -> (Option<OfflineVerdict>, Net) {
        if self.campaigns.is_empty() {
            return (None, Net::NONE);
        }
        let Ok(what) = crate::scan::classify(scanned) else {
            return (None, Net::NONE);
        };
        let desk = Arc::clone(&self.desk);
        let asked = what.clone();
        let held = tokio::task::spawn_blocking(move || {
            let desk = desk.lock().ok()?;
            desk.wrong_campaign(&asked)
                .map_err(|e| tracing::warn!(error = %e, "mirror unreadable for the campaign check"))
                .ok()
        })
        .await
        .ok()
        .flatten();
        let in_mirror = self.holds(&what).await;
        if let Some(record) = held.flatten() {
            return (Some(OfflineVerdict::WrongCoupon { record }), Net::NONE);
        }
        let Some(client) = server.filter(|_| !in_mirror) else {
            return (None, Net::NONE);
        };
        let started = std::time::Instant::now();
        let found = crate::redeem::resolve(client, &what).await;
        let link = match &found {
            Ok(_) | Err(ApiError::Api { .. }) => super::msg::Link::Online,
            Err(ApiError::Unreachable(_)) => super::msg::Link::Offline,
            Err(_) => super::msg::Link::Unstable,
        };
        let net = Net {
            rtt: started.elapsed(),
            link,
        };
        let Ok(sessions) = found else {
            return (None, net);
        };
        self.server_answered();
        self.learn(&sessions);
        (self.wrong_among(&sessions), net)
    }

    /// WRONG COUPON when the till accepts only some campaigns and none of `found` (the
    /// server's records) is of one of them.
    pub fn wrong_among(&self, found: &[Session]) -> Option<OfflineVerdict> {
        if self.campaigns.is_empty() {
            return None;
        }
        let now = OffsetDateTime::now_utc();
        let records = found
            .iter()
            .map(|session| MirrorRecord {
                session: session.clone(),
                offer: None,
                synced_at: now,
            })
            .collect();
        let settings = crate::offline::OfflineSettings {
            campaigns: self.campaigns.clone(),
            ..Default::default()
        };
        wrong_of(&settings, records).map(|record| OfflineVerdict::WrongCoupon { record })
    }

    /// Whether the mirror holds any session `what` names.
    async fn holds(&self, what: &crate::scan::Scanned) -> bool {
        let desk = Arc::clone(&self.desk);
        let what = what.clone();
        tokio::task::spawn_blocking(move || {
            desk.lock()
                .ok()
                .and_then(|d| d.holds(&what).ok())
                .unwrap_or(false)
        })
        .await
        .unwrap_or(false)
    }

    /// Marks `ids` seen by `by` (none: just reads), then every conflict, seen ones too. The
    /// status bar's count follows.
    pub async fn conflicts(
        &self,
        ids: Vec<i64>,
        by: Option<String>,
    ) -> Result<Vec<crate::offline::OutboxEntry>, String> {
        let desk = Arc::clone(&self.desk);
        let marked = !ids.is_empty();
        let result = tokio::task::spawn_blocking(move || {
            let desk = desk.lock().map_err(|_| "the outbox is unavailable".to_string())?;
            if marked {
                desk.mark_seen(&ids, by.as_deref()).map_err(|e| e.to_string())?;
            }
            desk.conflicts(true).map_err(|e| e.to_string())
        })
        .await
        .unwrap_or_else(|_| Err("the outbox read did not finish".into()));
        if marked {
            self.nudge(Nudge::Refresh);
        }
        result
    }

    /// The staff look-up in the mirror (off the async threads).
    pub async fn lookup(&self, text: String) -> Result<Vec<MirrorRecord>, String> {
        let desk = Arc::clone(&self.desk);
        tokio::task::spawn_blocking(move || {
            let desk = desk.lock().map_err(|_| "the mirror is unavailable".to_string())?;
            desk.lookup(&text).map_err(|e| e.to_string())
        })
        .await
        .unwrap_or_else(|_| Err("the mirror search did not finish".into()))
    }

    /// Full records the server gave (scans, look-ups): the mirror learns their customers, in
    /// the background; nobody waits for it.
    pub fn learn(&self, sessions: &[Session]) {
        let Some(learner) = &self.learner else {
            return;
        };
        if sessions.is_empty() {
            return;
        }
        let learner = Arc::clone(learner);
        let sessions = sessions.to_vec();
        tokio::task::spawn_blocking(move || {
            let Ok(mirror) = learner.lock() else {
                return;
            };
            let now = OffsetDateTime::now_utc();
            for s in &sessions {
                if let Err(e) = mirror.learn(s, now) {
                    tracing::debug!(error = %e, "the mirror did not learn a customer");
                    return;
                }
            }
        });
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

    /// Whether a look-up that fails goes to the mirror at once, without the reads' retries
    /// first: where the till accepts offline, the mirror's answer is the one the cashier gets,
    /// and the retries' pauses (150 + 600 ms) would only keep the customer waiting.
    pub fn answers_failed_reads_at_once(&self) -> bool {
        self.policy == OfflinePolicy::AcceptSynced
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

/// The verdict screen for an offline verdict: its reason is the offline room's message, said
/// in the cashier's language on the screen and kept in English (dates in UTC) in the journal.
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
    let mut view = VerdictView::worded(kind, scanned, v.said(now));
    view.session = v.record().map(|r| r.session.clone());
    view
}
