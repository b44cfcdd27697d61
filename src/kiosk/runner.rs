//! The edge: runs each `Effect` on tokio and sends its answer back as one `Msg`. Every effect
//! goes through [`Runner::report`]: the work runs timed, and if it panics the answer is the
//! effect's own failure message ([`failure`]), so the screen never waits forever and a panic is
//! never a success.

use super::barcode::{fetch_for_screen, BarcodeScreen};
use super::msg::{CountsSnapshot, Effect, Link, Msg, Net, Req, Settlement, StaffAction, StaffError};
use super::offline::OfflineSide;
use crate::api::{ApiError, Client, Operation, Session, SessionCode, UpdateSession};
use crate::journal;
use crate::journal::{Entry, Journal};
use crate::redeem::{self, ownership, EarlierAttempt, Outcome, Settled, Till, Verdict};
use crate::scan::Scanned;
use crate::tag::AttemptId;
use futures::future::{BoxFuture, Shared};
use futures::FutureExt;
use std::collections::HashMap;
use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use time::OffsetDateTime;
use tokio::sync::mpsc::UnboundedSender;

/// The edge: one API client, the journal, and the way back to the event loop.
#[derive(Clone)]
pub struct Runner {
    client: Client,
    /// What earlier reads of today across tills learned (F3's second tab refreshes cheaply).
    report_cache: Option<Arc<crate::report::ReportCache>>,
    book: Book,
    tx: UnboundedSender<Msg>,
    offline: Option<OfflineSide>,
}

/// The row of an attempt written while its request is in flight, once the write has finished
/// (None when it failed: the outcome is then written as a new row).
type InFlightRow = Shared<BoxFuture<'static, Option<i64>>>;

/// The journal, shared by effect tasks, with the day the status bar counts.
#[derive(Clone)]
struct Book {
    journal: Arc<Mutex<Journal>>,
    day: Arc<Mutex<Option<OffsetDateTime>>>,
    /// Bumped under the journal lock, so snapshot versions follow the journal's order.
    version: Arc<AtomicU64>,
    /// Attempts being written while their request is in flight, by request.
    in_flight: Arc<Mutex<HashMap<Req, InFlightRow>>>,
    /// Attempt ids of validations sent and not yet settled in the journal: their rows say
    /// unknown, but they are this run's own requests, not attempts for the background to settle.
    sending: Arc<Mutex<HashMap<Req, String>>>,
}

impl Book {
    /// `terminal`'s entries on the session `codes` name (oldest first), for ownership checks.
    fn entries_for(&self, terminal: &str, codes: &[&str]) -> Result<Vec<Entry>, String> {
        let j = self
            .journal
            .lock()
            .map_err(|_| "journal unavailable".to_string())?;
        j.entries_for(terminal, codes).map_err(|e| e.to_string())
    }

    fn set_day(&self, since: OffsetDateTime) {
        if let Ok(mut d) = self.day.lock() {
            *d = Some(since);
        }
    }

    /// Starts writing `entry` (synced) for the request `req` in flight; its answer waits for it.
    fn start_in_flight(&self, req: Req, entry: Entry) {
        if let (Some(id), Ok(mut sending)) = (entry.attempt_id.clone(), self.sending.lock()) {
            sending.insert(req, id);
        }
        let journal = Arc::clone(&self.journal);
        let write = tokio::task::spawn_blocking(move || {
            let j = journal.lock().ok()?;
            j.record(&entry)
                .map_err(|e| tracing::error!(error = %e, "journal write (in flight) failed"))
                .ok()
        })
        .map(|joined| joined.ok().flatten())
        .boxed()
        .shared();
        if let Ok(mut m) = self.in_flight.lock() {
            m.insert(req, write);
        }
    }

    /// The in-flight write for `req`, if there is one (taken out when `remove`).
    fn in_flight(&self, req: Req, remove: bool) -> Option<InFlightRow> {
        let mut m = self.in_flight.lock().ok()?;
        if remove {
            m.remove(&req)
        } else {
            m.get(&req).cloned()
        }
    }

    /// Writes one entry (synced; or, when its attempt was written in flight as `row`, settles
    /// that row), then reads today's counts under the same lock.
    fn record(&self, entry: &Entry, row: Option<i64>) -> (Result<(), String>, Option<CountsSnapshot>) {
        let Ok(j) = self.journal.lock() else {
            return (Err("journal unavailable".into()), None);
        };
        let written = match row {
            Some(row) => j.settle(row, entry),
            None => j.record(entry).map(|_| ()),
        };
        if let Err(e) = written {
            return (Err(e.to_string()), None);
        }
        let day = self.day.lock().ok().and_then(|d| *d);
        let counts = day.and_then(|since_utc| {
            let version = self.version.fetch_add(1, Ordering::SeqCst) + 1;
            j.counts_since(since_utc).ok().map(|counts| CountsSnapshot {
                version,
                since_utc,
                counts,
            })
        });
        (Ok(()), counts)
    }

    /// This terminal's validations of unknown outcome from the last week (at most 50).
    fn unresolved(&self, terminal: &str) -> Result<Vec<EarlierAttempt>, String> {
        let j = self
            .journal
            .lock()
            .map_err(|_| "journal unavailable".to_string())?;
        let since = OffsetDateTime::now_utc() - time::Duration::days(7);
        let open = j
            .unresolved(
                terminal,
                &[journal::Outcome::Unknown, journal::Outcome::ValidatedOwnerUnknown],
                since,
                50,
            )
            .map_err(|e| e.to_string())?;
        let sending: Vec<String> = self
            .sending
            .lock()
            .map(|m| m.values().cloned().collect())
            .unwrap_or_default();
        Ok(open
            .into_iter()
            .filter(|u| !sending.contains(&u.attempt_id))
            .filter_map(|u| {
                Some(EarlierAttempt {
                    attempt: AttemptId::parse(&u.attempt_id)?,
                    codes: [Some(u.scanned), u.session].into_iter().flatten().collect(),
                    started_utc: u.at_utc,
                })
            })
            .collect())
    }

    fn resolve(&self, attempt: &AttemptId, outcome: journal::Outcome) -> Result<(), String> {
        let j = self
            .journal
            .lock()
            .map_err(|_| "journal unavailable".to_string())?;
        j.resolve(attempt.as_str(), outcome, OffsetDateTime::now_utc())
            .map(|_| ())
            .map_err(|e| e.to_string())
    }

    /// Today's counts, when the day is known.
    fn counts_today(&self) -> Option<CountsSnapshot> {
        let since = self.day.lock().ok().and_then(|d| *d)?;
        self.counts(since).ok()
    }

    fn counts(&self, since_utc: OffsetDateTime) -> Result<CountsSnapshot, String> {
        let j = self
            .journal
            .lock()
            .map_err(|_| "journal unavailable".to_string())?;
        let version = self.version.fetch_add(1, Ordering::SeqCst) + 1;
        let counts = j.counts_since(since_utc).map_err(|e| e.to_string())?;
        Ok(CountsSnapshot {
            version,
            since_utc,
            counts,
        })
    }
}

impl Book {
    /// Waits until the attempt of request `req`, written while it was in flight, is on disk.
    async fn attempt_on_disk(&self, req: Req) {
        if let Some(write) = self.in_flight(req, false) {
            write.await;
        }
    }
}

impl Runner {
    pub fn new(client: Client, journal: Journal, tx: UnboundedSender<Msg>) -> Self {
        Self {
            client,
            report_cache: None,
            book: Book {
                journal: Arc::new(Mutex::new(journal)),
                day: Arc::new(Mutex::new(None)),
                version: Arc::new(AtomicU64::new(0)),
                in_flight: Arc::new(Mutex::new(HashMap::new())),
                sending: Arc::new(Mutex::new(HashMap::new())),
            },
            tx,
            offline: None,
        }
    }

    /// Keeps what F3's all-tills tab read of each validation in `cache`.
    pub fn with_report_cache(mut self, cache: Option<crate::report::ReportCache>) -> Self {
        self.report_cache = cache.map(Arc::new);
        self
    }

    /// Answers scans from the mirror when the server cannot be reached.
    pub fn with_offline(mut self, offline: Option<OfflineSide>) -> Self {
        if let Some(mut status) = offline.as_ref().and_then(OfflineSide::status) {
            let tx = self.tx.clone();
            tokio::spawn(async move {
                // Ends when the background stops or the event loop is gone.
                while status.changed().await.is_ok() {
                    let now = status.borrow_and_update().clone();
                    if tx.send(Msg::OfflineStatus(now)).is_err() {
                        break;
                    }
                }
            });
        }
        self.offline = offline;
        self
    }

    /// Starts one effect; its answer arrives later on the channel. `Bell` is the event loop's
    /// (it owns the terminal) and is ignored here.
    pub fn run(&self, effect: Effect) {
        if let Effect::Validate { req, in_flight, .. } | Effect::Redeem { req, in_flight, .. } = &effect {
            // Started before the request, so that the answer finds the write.
            self.book.start_in_flight(*req, (**in_flight).clone());
        }
        if let (Effect::Redeem { req, attempt, .. }, Some(offline)) = (&effect, &self.offline) {
            self.preview(offline.clone(), *req, attempt.scanned.clone());
        }
        let Some(fallback) = failure(&effect) else {
            return;
        };
        if let Effect::LoadCounts { since_utc } = &effect {
            // Known at once, so that every later journal write counts the same day.
            self.book.set_day(*since_utc);
        }
        if let Effect::LoadTills {
            req,
            since_utc,
            tag_field,
        } = effect
        {
            let (client, cache) = (self.client.clone(), self.report_cache.clone());
            let work = async move {
                let result = tills_today(&client, cache.as_deref(), since_utc, tag_field).await;
                Msg::Tills { req, result }
            };
            self.report(fallback, work);
            return;
        }
        let work = work(
            self.client.clone(),
            self.book.clone(),
            self.offline.clone(),
            effect,
        );
        self.report(fallback, work);
    }

    /// Looks the scan up in the offline mirror beside its validation (never before it): what it
    /// finds is shown while the answer is awaited.
    fn preview(&self, offline: OfflineSide, req: super::msg::Req, scanned: String) {
        let tx = self.tx.clone();
        tokio::spawn(async move {
            if let Some(record) = offline.preview(&scanned).await {
                let _ = tx.send(Msg::Preview {
                    req,
                    session: record.session,
                    offer: record.offer,
                });
            }
        });
    }

    /// Runs `work` on tokio and sends its message; if it panics, sends `fallback` instead.
    pub(crate) fn report(&self, fallback: Msg, work: impl Future<Output = Msg> + Send + 'static) {
        let tx = self.tx.clone();
        tokio::spawn(async move {
            let msg = match AssertUnwindSafe(work).catch_unwind().await {
                Ok(msg) => msg,
                Err(_) => {
                    tracing::error!("an effect panicked; answering with a failure");
                    fallback
                }
            };
            // The loop is gone only when the kiosk is quitting: nothing left to tell.
            let _ = tx.send(msg);
        });
    }
}

/// The answer an effect gives when its work failed inside the kiosk (it panicked): never a
/// success, always quoting the effect's request. None for the bell, which has no answer.
pub fn failure(effect: &Effect) -> Option<Msg> {
    Some(match effect {
        Effect::Resolve { req, scanned, .. } => Msg::Resolved {
            req: *req,
            scanned: scanned.clone(),
            result: Err(internal()),
            net: Net::NONE,
        },
        Effect::Redeem { req, attempt, .. } | Effect::Validate { req, attempt, .. } => Msg::Verdict {
            req: *req,
            attempt: attempt.clone(),
            verdict: Verdict::from_error(&internal(), 0),
            net: Net::NONE,
        },
        Effect::Unvalidate { req, attempt, .. } => Msg::Undone {
            req: *req,
            attempt: attempt.clone(),
            result: Err(internal().into()),
            net: Net::NONE,
        },
        Effect::Search { req, .. } => Msg::Searched {
            req: *req,
            result: Err(internal()),
            net: Net::NONE,
            copy: None,
        },
        Effect::Act {
            req, attempt, action, ..
        } => Msg::Acted {
            req: *req,
            attempt: attempt.clone(),
            action: *action,
            result: Err(internal().into()),
            net: Net::NONE,
        },
        Effect::Reload { req, .. } => Msg::Reloaded {
            req: *req,
            result: Err(internal()),
            net: Net::NONE,
        },
        Effect::Journal { req, entry } => Msg::Journaled {
            req: *req,
            operation: entry.operation,
            outcome: entry.outcome,
            result: Err("internal error".into()),
            counts: None,
        },
        Effect::Settle { .. } => Msg::Settled {
            result: Err("internal error".into()),
        },
        Effect::LoadCounts { .. } => Msg::Counts {
            result: Err("internal error".into()),
        },
        Effect::FetchBarcode { req, code, kind } => Msg::Barcode {
            req: *req,
            screen: BarcodeScreen::local(code, *kind, crate::i18n::Said::new("barcode-internal-error")),
        },
        Effect::LoadCatalogue => Msg::Catalogue {
            result: Err(internal()),
            net: Net::NONE,
        },
        Effect::CouponInfo { campaign } => Msg::CouponInfo {
            campaign: campaign.as_str().to_string(),
            result: Err(internal()),
        },
        Effect::LoadConflicts { req } | Effect::MarkConflictsSeen { req, .. } => Msg::Conflicts {
            req: *req,
            result: Err("internal error".into()),
        },
        Effect::LoadTills { req, .. } => Msg::Tills {
            req: *req,
            result: Err("internal error".into()),
        },
        Effect::Bell { .. } => return None,
    })
}

/// Takes back a validation only when this till made it (the attempt id in the tag field, or this
/// till's journal): the staff action must never undo another till's redemption. A supervisor
/// who must do so uses `coupon-kiosk update CODE --operation unvalidate --any-till`.
async fn unvalidate_own(
    client: &Client,
    book: &Book,
    till: &Till,
    code: SessionCode,
) -> Result<Session, StaffError> {
    let session = client.session_data(&code).await?;
    let full = SessionCode::parse(&session.session).unwrap_or(code);
    let codes = [full.as_str().to_string(), session.session.clone()];
    let entries = {
        let (b, terminal, codes) = (book.clone(), till.terminal.clone(), codes.clone());
        tokio::task::spawn_blocking(move || b.entries_for(&terminal, &[codes[0].as_str(), codes[1].as_str()]))
            .await
            .map_err(|_| StaffError::JournalUnreadable("the journal could not be read".into()))?
            .map_err(|e| StaffError::JournalUnreadable(e.to_string()))?
    };
    let own = ownership::own_record(&entries, &till.terminal, &[&codes[0], &codes[1]]);
    if !ownership::made_here(&session, till.tag_field, &own) {
        return Err(StaffError::NotOurs);
    }
    Ok(client
        .update_session(&UpdateSession::new(full).operation(Operation::Unvalidate))
        .await?)
}

/// The work of one effect, answered by its message.
async fn work(client: Client, book: Book, offline: Option<OfflineSide>, effect: Effect) -> Msg {
    match effect {
        Effect::Resolve { req, scanned, what } => {
            let read = || redeem::resolve(&client, &what);
            let (result, net) = if offline
                .as_ref()
                .is_some_and(OfflineSide::answers_failed_reads_at_once)
            {
                call(read()).await
            } else {
                call(read_with_retries(read)).await
            };
            if let Err(e) = &result {
                tracing::warn!(error = %e, "look-up failed");
            }
            if let Some(offline) = &offline {
                match &result {
                    Err(e) if offline.takes_failed_lookup(e) => {
                        if let Some(verdict) = offline.answer(&scanned).await {
                            return Msg::Offline {
                                req,
                                attempt: None,
                                scanned,
                                verdict,
                                net: working_offline(net.rtt),
                            };
                        }
                    }
                    Err(e) if unreached(e) => {}
                    Err(_) => offline.server_answered(),
                    Ok(rows) => {
                        offline.server_answered();
                        offline.learn(rows);
                        // Confirm mode: a coupon of a campaign this till does not accept is
                        // refused at once, never shown as a card to validate.
                        if let Some(verdict) = offline.wrong_among(rows) {
                            return Msg::Offline {
                                req,
                                attempt: None,
                                scanned,
                                verdict,
                                net,
                            };
                        }
                    }
                }
            }
            tracing::info!(
                kind = kind_of(&what),
                found = result.as_ref().map(Vec::len).ok(),
                rtt_ms = ms(net.rtt),
                "resolved"
            );
            Msg::Resolved {
                req,
                scanned,
                result,
                net,
            }
        }
        Effect::Redeem {
            req,
            attempt,
            scanned,
            extras,
            ..
        } => {
            if let Some(o) = &offline {
                // Before any validation is sent: the mirror, else the server's record.
                if let (Some(verdict), net) = o.wrong_coupon(&attempt.scanned, Some(&client)).await {
                    return wrong_coupon(&book, req, attempt, verdict, net).await;
                }
            }
            let (verdict, rtt) = timed(redeem::redeem(&client, &scanned, extras)).await;
            book.attempt_on_disk(req).await;
            offline_or_verdict(offline.as_ref(), req, attempt, verdict, rtt).await
        }
        Effect::Validate {
            req,
            attempt,
            code,
            extras,
            ..
        } => {
            if let Some(o) = &offline {
                // A card's session was checked when it was read; the mirror is asked again
                // (no request) for a session picked among several.
                if let (Some(verdict), net) = o.wrong_coupon(code.as_str(), None).await {
                    return wrong_coupon(&book, req, attempt, verdict, net).await;
                }
            }
            let (verdict, rtt) = timed(redeem::validate(&client, &code, extras)).await;
            book.attempt_on_disk(req).await;
            offline_or_verdict(offline.as_ref(), req, attempt, verdict, rtt).await
        }
        Effect::Unvalidate {
            req,
            attempt,
            own,
            till,
        } => {
            let (result, rtt) = timed(redeem::unvalidate(&client, &own, &till)).await;
            let net = net_of(rtt, result.as_ref().err().and_then(redeem::UndoError::api));
            tracing::info!(ok = result.is_ok(), rtt_ms = ms(net.rtt), "undo");
            Msg::Undone {
                req,
                attempt,
                result,
                net,
            }
        }
        Effect::Search {
            req,
            queries,
            resolve,
            copy,
        } => {
            let asks_server = resolve.is_some() || !queries.is_empty();
            let server = async {
                match &resolve {
                    Some(what) => call(read_with_retries(|| redeem::resolve(&client, what))).await,
                    None if queries.is_empty() => (Ok(vec![]), Net::NONE),
                    None => call(read_with_retries(|| redeem::search_first(&client, &queries))).await,
                }
            };
            let mirror = async {
                match (&offline, copy) {
                    (Some(o), Some(text)) => Some(o.lookup(text).await),
                    _ => None,
                }
            };
            let ((result, net), copy) = tokio::join!(server, mirror);
            if let (Some(o), true) = (&offline, asks_server) {
                match &result {
                    Err(e) if unreached(e) => {}
                    Err(_) => o.server_answered(),
                    Ok(rows) => {
                        o.server_answered();
                        o.learn(rows);
                    }
                }
            }
            tracing::info!(
                found = result.as_ref().map(Vec::len).ok(),
                from_copy = copy.as_ref().and_then(|c| c.as_ref().ok()).map(Vec::len),
                rtt_ms = ms(net.rtt),
                "search"
            );
            Msg::Searched {
                req,
                result,
                net,
                copy,
            }
        }
        Effect::Act {
            req,
            attempt,
            code,
            campaign,
            action,
            till,
        } => {
            let (result, rtt) = timed(async {
                match (action, campaign) {
                    (StaffAction::Update(Operation::Unvalidate), _) => {
                        unvalidate_own(&client, &book, &till, code).await.map(Some)
                    }
                    (StaffAction::Update(op), _) => Ok(client
                        .update_session(&UpdateSession::new(code).operation(op))
                        .await
                        .map(Some)?),
                    (StaffAction::Delete, Some(campaign)) => {
                        Ok(client.remove_session(&campaign, &code).await.map(|()| None)?)
                    }
                    (StaffAction::Delete, None) => Err(StaffError::NoCampaign),
                }
            })
            .await;
            let net = match &result {
                // Refused before any request: nothing learnt about the link.
                Err(StaffError::NoCampaign) => Net {
                    rtt,
                    link: Link::Unknown,
                },
                _ => net_of(rtt, result.as_ref().err().and_then(StaffError::api)),
            };
            tracing::info!(
                action = action.operation().as_str(),
                ok = result.is_ok(),
                rtt_ms = ms(net.rtt),
                "staff action"
            );
            Msg::Acted {
                req,
                attempt,
                action,
                result,
                net,
            }
        }
        Effect::Reload { req, code } => {
            let (result, net) = call(read_with_retries(|| client.session_data(&code))).await;
            if let (Some(o), Ok(s)) = (&offline, &result) {
                o.learn(std::slice::from_ref(s));
            }
            Msg::Reloaded { req, result, net }
        }
        Effect::Journal { req, entry } => {
            let (operation, outcome) = (entry.operation, entry.outcome);
            let row = match book.in_flight(req, true) {
                Some(write) => write.await,
                None => None,
            };
            let written = book.clone();
            let (result, counts) = tokio::task::spawn_blocking(move || written.record(&entry, row))
                .await
                .unwrap_or_else(|_| (Err("journal write did not finish".into()), None));
            if let Ok(mut sending) = book.sending.lock() {
                sending.remove(&req);
            }
            if let Err(e) = &result {
                tracing::error!(error = %e, "journal write failed");
            }
            Msg::Journaled {
                req,
                operation,
                outcome,
                result,
                counts,
            }
        }
        Effect::Settle {
            terminal,
            till,
            confirmed,
        } => Msg::Settled {
            result: settle(&client, book, terminal, till, confirmed).await,
        },
        Effect::LoadCounts { since_utc } => {
            let result = tokio::task::spawn_blocking(move || book.counts(since_utc))
                .await
                .unwrap_or_else(|_| Err("journal read did not finish".into()));
            Msg::Counts { result }
        }
        Effect::FetchBarcode { req, code, kind } => {
            let screen = fetch_for_screen(&client, &code, kind).await;
            Msg::Barcode { req, screen }
        }
        Effect::LoadCatalogue => {
            let filter = crate::api::coupons::CouponFilter::default();
            let (result, rtt) = timed(read_with_retries(|| client.coupon_list(&filter))).await;
            if let Err(e) = &result {
                tracing::warn!(error = %e, "coupon list not loaded");
            }
            let net = net_of(rtt, result.as_ref().err());
            Msg::Catalogue { result, net }
        }
        Effect::CouponInfo { campaign } => {
            let result = read_with_retries(|| client.coupon_info(&campaign, false)).await;
            Msg::CouponInfo {
                campaign: campaign.as_str().to_string(),
                result,
            }
        }
        Effect::LoadConflicts { req } => Msg::Conflicts {
            req,
            result: match &offline {
                Some(o) => o.conflicts(vec![], None).await,
                None => Err(NO_INBOX.into()),
            },
        },
        Effect::MarkConflictsSeen { req, ids, by } => Msg::Conflicts {
            req,
            result: match &offline {
                Some(o) => o.conflicts(ids, by).await,
                None => Err(NO_INBOX.into()),
            },
        },
        // Started by `Runner::run` itself, with the report cache.
        Effect::LoadTills { req, .. } => Msg::Tills {
            req,
            result: Err("internal error".into()),
        },
        // Never started here: `run` has no failure answer for them.
        Effect::Bell { .. } => Msg::Tick,
    }
}

/// A validation attempt's answer, timed and logged.
fn verdict_msg(req: super::msg::Req, attempt: super::msg::Attempt, verdict: Verdict, rtt: Duration) -> Msg {
    let net = net_of_verdict(rtt, &verdict);
    log_verdict(&verdict, net);
    Msg::Verdict {
        req,
        attempt,
        verdict,
        net,
    }
}

/// Why the conflict inbox cannot be read: the offline files did not open at start.
const NO_INBOX: &str = "the outbox could not be opened (see the log): no conflicts to show";

/// Pauses before the second and third try of a read. Reads change nothing on the server, so
/// trying again is always safe; three tries within about a second ride out a dropped
/// connection or a brief server failure before the cashier sees CHECK FAILED.
pub const READ_BACKOFF: [Duration; 2] = [Duration::from_millis(150), Duration::from_millis(600)];

/// Runs a read, trying again after [`READ_BACKOFF`] while it fails on the network or the
/// server fails (5xx). A refusal (not found, bad input) is an answer and is not retried.
pub async fn read_with_retries<T, F, Fut>(mut read: F) -> Result<T, ApiError>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T, ApiError>>,
{
    let mut result = read().await;
    for pause in READ_BACKOFF {
        match &result {
            Err(e) if worth_retrying(e) => {
                tracing::info!(error = %e, pause_ms = ms(pause), "read failed; trying again");
                tokio::time::sleep(pause).await;
                result = read().await;
            }
            _ => break,
        }
    }
    result
}

fn worth_retrying(e: &ApiError) -> bool {
    match e {
        ApiError::Unreachable(_) | ApiError::Uncertain(_) | ApiError::UnexpectedResponse { .. } => true,
        ApiError::Api { http_status, .. } => *http_status >= 500,
        ApiError::InvalidInput(_) | ApiError::Config(_) => false,
    }
}

/// Runs one API call; says what it answered and what that says about the link.
async fn call<T>(fut: impl Future<Output = Result<T, ApiError>>) -> (Result<T, ApiError>, Net) {
    let (result, rtt) = timed(fut).await;
    let net = net_of(rtt, result.as_ref().err());
    (result, net)
}

/// The server could not be asked (no answer, or not reachable): the mirror may answer instead.
fn unreached(e: &ApiError) -> bool {
    matches!(
        e,
        ApiError::Unreachable(_) | ApiError::Uncertain(_) | ApiError::UnexpectedResponse { .. }
    )
}

/// A validation whose outcome stayed unknown because the server could not be asked again is
/// answered from the mirror; any other verdict is the server's, and tells the background the
/// server answers.
async fn offline_or_verdict(
    offline: Option<&OfflineSide>,
    req: super::msg::Req,
    attempt: super::msg::Attempt,
    verdict: Verdict,
    rtt: Duration,
) -> Msg {
    let Some(offline) = offline else {
        return verdict_msg(req, attempt, verdict, rtt);
    };
    if verdict.outcome == Outcome::Unknown && verdict.session.is_none() {
        if !offline.takes_unknown_validation() {
            return verdict_msg(req, attempt, verdict, rtt);
        }
        if let Some(v) = offline.answer(&attempt.scanned).await {
            return Msg::Offline {
                req,
                net: working_offline(rtt),
                scanned: attempt.scanned.clone(),
                attempt: Some(attempt),
                verdict: v,
            };
        }
    } else if verdict.round_trips > 0 {
        offline.server_answered();
        if let Some(s) = &verdict.session {
            offline.learn(std::slice::from_ref(s));
        }
    }
    verdict_msg(req, attempt, verdict, rtt)
}

/// WRONG COUPON, refused before any validation was sent: the attempt's in-flight row is on disk
/// first, as for every answer to a validation.
async fn wrong_coupon(
    book: &Book,
    req: Req,
    attempt: super::msg::Attempt,
    verdict: crate::offline::OfflineVerdict,
    net: Net,
) -> Msg {
    book.attempt_on_disk(req).await;
    Msg::Offline {
        req,
        scanned: attempt.scanned.clone(),
        attempt: Some(attempt),
        verdict,
        net,
    }
}

/// The link when a scan was answered from the mirror: the till is working offline, whether
/// the request was refused at once or got no answer in time.
fn working_offline(rtt: Duration) -> Net {
    Net {
        rtt,
        link: Link::Offline,
    }
}

/// Runs `fut` and says how long it took.
async fn timed<T>(fut: impl Future<Output = T>) -> (T, Duration) {
    let t0 = Instant::now();
    let out = fut.await;
    (out, t0.elapsed())
}

fn internal() -> ApiError {
    ApiError::Uncertain("internal error in the kiosk; see the log".into())
}

fn ms(d: Duration) -> u64 {
    u64::try_from(d.as_millis()).unwrap_or(u64::MAX)
}

/// What a request's result says about the link. No request (invalid input) says nothing.
fn net_of(rtt: Duration, err: Option<&ApiError>) -> Net {
    let link = match err {
        None | Some(ApiError::Api { .. }) => Link::Online,
        Some(ApiError::Unreachable(_)) => Link::Offline,
        Some(ApiError::Uncertain(_) | ApiError::UnexpectedResponse { .. }) => Link::Unstable,
        Some(ApiError::InvalidInput(_) | ApiError::Config(_)) => Link::Unknown,
    };
    Net { rtt, link }
}

fn net_of_verdict(rtt: Duration, v: &Verdict) -> Net {
    let link = match v.outcome {
        Outcome::Unknown => Link::Unstable,
        Outcome::InvalidInput if v.round_trips == 0 => Link::Unknown,
        _ => Link::Online,
    };
    Net { rtt, link }
}

/// Logs an outcome without the code or the customer (those belong in the journal only).
fn log_verdict(v: &Verdict, net: Net) {
    tracing::info!(
        outcome = v.outcome.as_str(),
        error_code = v.error_code,
        round_trips = v.round_trips,
        rtt_ms = ms(net.rtt),
        "validation"
    );
    if v.outcome == Outcome::Unknown {
        // The technical words the cashier's screen leaves out (they name no code or customer).
        tracing::warn!(detail = %v.message, "validation outcome unknown");
    }
}

fn kind_of(s: &Scanned) -> &'static str {
    match s {
        Scanned::SessionCode(_) => "session_code",
        Scanned::ShortCode(_) => "short_code",
        Scanned::CustomCode(_) => "custom_code",
        Scanned::Email(_) => "email",
        Scanned::Phone(_) => "phone",
    }
}

/// Attempts settled in one go at most: the rest wait for the next round.
const SETTLE_AT_ONCE: usize = 20;

/// Resolves `confirmed` in the journal, asks the server about the other unknown attempts (until
/// one request fails: the server is not answering yet), and reports what is left.
async fn settle(
    client: &Client,
    book: Book,
    terminal: String,
    till: redeem::Till,
    confirmed: Vec<AttemptId>,
) -> Result<Settlement, String> {
    let mut resolved = Vec::new();
    for id in confirmed {
        resolve_in(&book, id.clone(), journal::Outcome::Validated).await?;
        resolved.push(id);
    }
    let b = book.clone();
    let open = tokio::task::spawn_blocking(move || b.unresolved(&terminal))
        .await
        .unwrap_or_else(|_| Err("journal read did not finish".into()))?;
    for earlier in open.iter().take(SETTLE_AT_ONCE) {
        let outcome = match redeem::settle(client, earlier, &till).await {
            Ok(Some(Settled::Validated)) => journal::Outcome::Validated,
            Ok(Some(Settled::ValidatedElsewhere)) => journal::Outcome::AlreadyValidated,
            Ok(Some(Settled::NotValidated)) => journal::Outcome::NotValidated,
            Ok(None) => continue,
            Err(e) => {
                tracing::debug!(error = %e, "the server does not answer yet; settling later");
                break;
            }
        };
        resolve_in(&book, earlier.attempt.clone(), outcome).await?;
        tracing::info!(outcome = outcome.as_str(), "an unknown validation settled");
        resolved.push(earlier.attempt.clone());
    }
    let unsure = open
        .into_iter()
        .filter(|e| !resolved.contains(&e.attempt))
        .collect();
    let counts = tokio::task::spawn_blocking(move || book.counts_today())
        .await
        .unwrap_or(None);
    Ok(Settlement {
        resolved,
        unsure,
        counts,
    })
}

/// Journals what an unknown attempt turned out to be, off the async threads.
async fn resolve_in(book: &Book, id: AttemptId, outcome: journal::Outcome) -> Result<(), String> {
    let book = book.clone();
    tokio::task::spawn_blocking(move || book.resolve(&id, outcome))
        .await
        .unwrap_or_else(|_| Err("journal write did not finish".into()))
}

/// Today's validations by every till: every coupon of the account, from the local day's start.
async fn tills_today(
    client: &Client,
    cache: Option<&crate::report::ReportCache>,
    since_utc: OffsetDateTime,
    tag_field: u8,
) -> Result<Vec<crate::report::Validation>, String> {
    use crate::report::{campaigns_of, collect_with, Period};
    let since = since_utc.to_offset(time::UtcOffset::UTC);
    let since = format!(
        "{:04}-{:02}-{:02} {:02}:{:02}",
        since.year(),
        u8::from(since.month()),
        since.day(),
        since.hour(),
        since.minute()
    );
    let work = async {
        let period = Period::parse(&since, None)?;
        let campaigns = campaigns_of(client, &[]).await?;
        collect_with(client, &campaigns, &period, tag_field, cache).await
    };
    work.await.map_err(|e| {
        tracing::warn!(error = %e, "today's validations across tills not loaded");
        e.to_string()
    })
}
