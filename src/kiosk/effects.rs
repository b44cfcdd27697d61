//! Effects: what `update` asks the edge to do (API calls, journal writes, the bell), and the
//! runner that does them on tokio and sends the answers back as messages.

use super::state::{Extras, Req};
use crate::api::{CampaignId, Operation, SearchQuery, SessionCode};
use crate::journal::Entry;
use crate::scan::Scanned;
use time::OffsetDateTime;

/// The context of one attempt, carried through the request so its journal entry can be written
/// when the answer comes back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attempt {
    /// The text as scanned or typed.
    pub scanned: String,
    /// `validate`, `unvalidate`, `void`, ...
    pub operation: String,
    pub started_utc: OffsetDateTime,
    pub reason: Option<String>,
}

/// The actions of the staff detail view.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StaffAction {
    Update(Operation),
    /// `singleuse/remove`: the session is gone for good.
    Delete,
}

impl StaffAction {
    pub const ALL: [StaffAction; 9] = [
        StaffAction::Update(Operation::Validate),
        StaffAction::Update(Operation::Unvalidate),
        StaffAction::Update(Operation::Void),
        StaffAction::Update(Operation::Unvoid),
        StaffAction::Update(Operation::Lock),
        StaffAction::Update(Operation::Unlock),
        StaffAction::Update(Operation::Claim),
        StaffAction::Update(Operation::Activate),
        StaffAction::Delete,
    ];

    /// The operation name as journaled.
    pub fn name(self) -> &'static str {
        match self {
            StaffAction::Update(op) => op.as_str(),
            StaffAction::Delete => "delete",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            StaffAction::Update(Operation::Validate) => "Validate",
            StaffAction::Update(Operation::Unvalidate) => "Unvalidate",
            StaffAction::Update(Operation::Void) => "Void",
            StaffAction::Update(Operation::Unvoid) => "Unvoid",
            StaffAction::Update(Operation::Lock) => "Lock",
            StaffAction::Update(Operation::Unlock) => "Unlock",
            StaffAction::Update(Operation::Claim) => "Claim",
            StaffAction::Update(Operation::Activate) => "Activate",
            StaffAction::Delete => "Delete",
        }
    }

    pub fn past(self) -> &'static str {
        match self {
            StaffAction::Update(Operation::Validate) => "validated",
            StaffAction::Update(Operation::Unvalidate) => "unvalidated",
            StaffAction::Update(Operation::Void) => "voided",
            StaffAction::Update(Operation::Unvoid) => "unvoided",
            StaffAction::Update(Operation::Lock) => "locked",
            StaffAction::Update(Operation::Unlock) => "unlocked",
            StaffAction::Update(Operation::Claim) => "claimed",
            StaffAction::Update(Operation::Activate) => "activated",
            StaffAction::Delete => "deleted",
        }
    }

    /// Actions that take a coupon away from its customer (or its validation away from the
    /// merchant) need the supervisor PIN when one is configured.
    pub fn destructive(self) -> bool {
        matches!(
            self,
            StaffAction::Update(Operation::Void | Operation::Unvalidate) | StaffAction::Delete
        )
    }

    /// The journal outcome when the server carried it out.
    pub fn done_outcome(self) -> &'static str {
        match self {
            StaffAction::Update(Operation::Validate) => "validated",
            _ => "done",
        }
    }
}

/// Work for the edge. Each request carries the `Req` its answer must quote.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Find the session(s) a scan names; changes nothing on the server.
    Resolve {
        req: Req,
        scanned: String,
        what: Scanned,
    },
    /// Auto mode: resolve and validate (`redeem::redeem`).
    Redeem {
        req: Req,
        attempt: Attempt,
        scanned: Scanned,
        extras: Extras,
    },
    /// Validate one session (`redeem::validate`).
    Validate {
        req: Req,
        attempt: Attempt,
        code: SessionCode,
        extras: Extras,
    },
    /// Undo: unvalidate the last validation.
    Unvalidate {
        req: Req,
        attempt: Attempt,
        code: SessionCode,
    },
    Search {
        req: Req,
        query: SearchQuery,
    },
    /// A staff action from the detail view.
    Act {
        req: Req,
        attempt: Attempt,
        code: SessionCode,
        campaign: Option<CampaignId>,
        action: StaffAction,
    },
    /// Read one session again (detail view, F5).
    Reload {
        req: Req,
        code: SessionCode,
    },
    /// Write one attempt to the journal; answered by `Msg::Journaled`.
    Journal {
        req: Req,
        entry: Entry,
    },
    /// Count today's attempts (status bar, shift summary).
    LoadCounts {
        since_utc: OffsetDateTime,
    },
    FetchBarcode {
        req: Req,
        code: SessionCode,
        kind: crate::barcode::BarcodeType,
    },
    /// One ring for success, three for a refusal.
    Bell {
        rings: u8,
    },
}

pub use runner::Runner;

mod runner {
    //! Runs effects on tokio. Every answer comes back as one `Msg`; a panic inside an effect
    //! becomes a failure message too, so the screen never waits forever.

    use super::Attempt;
    use super::{Effect, StaffAction};
    use crate::api::{ApiError, Client, UpdateSession};
    use crate::journal::Journal;
    use crate::kiosk::state::{CountsSnapshot, Link, Msg, Net, Req};
    use crate::redeem::{self, Outcome, Verdict};
    use futures::FutureExt;
    use std::future::Future;
    use std::panic::AssertUnwindSafe;
    use std::sync::atomic::{AtomicU64, Ordering};
    use std::sync::{Arc, Mutex};
    use std::time::{Duration, Instant};
    use tokio::sync::mpsc::UnboundedSender;

    /// The edge: one API client, the journal, and the way back to the event loop.
    #[derive(Clone)]
    pub struct Runner {
        client: Client,
        book: Book,
        tx: UnboundedSender<Msg>,
    }

    /// The journal, shared by effect tasks, with the day the status bar counts.
    #[derive(Clone)]
    struct Book {
        journal: Arc<Mutex<Journal>>,
        day: Arc<Mutex<Option<time::OffsetDateTime>>>,
        /// Bumped under the journal lock, so snapshot versions follow the journal's order.
        version: Arc<AtomicU64>,
    }

    impl Book {
        fn set_day(&self, since: time::OffsetDateTime) {
            if let Ok(mut d) = self.day.lock() {
                *d = Some(since);
            }
        }

        /// Writes one entry (synced), then reads today's counts under the same lock.
        fn record(&self, entry: &crate::journal::Entry) -> (Result<(), String>, Option<CountsSnapshot>) {
            let Ok(j) = self.journal.lock() else {
                return (Err("journal unavailable".into()), None);
            };
            if let Err(e) = j.record(entry) {
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

        fn counts(&self, since_utc: time::OffsetDateTime) -> Result<CountsSnapshot, String> {
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

    impl Runner {
        pub fn new(client: Client, journal: Journal, tx: UnboundedSender<Msg>) -> Self {
            Self {
                client,
                book: Book {
                    journal: Arc::new(Mutex::new(journal)),
                    day: Arc::new(Mutex::new(None)),
                    version: Arc::new(AtomicU64::new(0)),
                },
                tx,
            }
        }

        /// Starts one effect; its answer arrives later on the channel. `Bell` is the event
        /// loop's (it owns the terminal) and is ignored here.
        pub fn run(&self, effect: Effect) {
            let client = self.client.clone();
            match effect {
                Effect::Resolve { req, scanned, what } => {
                    let fallback = Msg::Resolved {
                        req,
                        scanned: scanned.clone(),
                        result: Err(internal()),
                        net: no_net(),
                    };
                    self.spawn(fallback, async move {
                        let t0 = Instant::now();
                        let result = redeem::resolve(&client, &what).await;
                        let net = net_of(t0, result.as_ref().err());
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
                    });
                }
                Effect::Redeem {
                    req,
                    attempt,
                    scanned,
                    extras,
                } => {
                    self.spawn_verdict(req, attempt, async move {
                        redeem::redeem(&client, &scanned, extras).await
                    });
                }
                Effect::Validate {
                    req,
                    attempt,
                    code,
                    extras,
                } => {
                    self.spawn_verdict(req, attempt, async move {
                        redeem::validate(&client, &code, extras).await
                    });
                }
                Effect::Unvalidate { req, attempt, code } => {
                    let fallback = Msg::Undone {
                        req,
                        attempt: attempt.clone(),
                        result: Err(internal()),
                        net: no_net(),
                    };
                    self.spawn(fallback, async move {
                        let t0 = Instant::now();
                        let result = redeem::unvalidate_unproven(&client, &code).await;
                        let net = net_of(t0, result.as_ref().err());
                        tracing::info!(ok = result.is_ok(), rtt_ms = ms(net.rtt), "undo");
                        Msg::Undone {
                            req,
                            attempt,
                            result,
                            net,
                        }
                    });
                }
                Effect::Search { req, query } => {
                    let fallback = Msg::Searched {
                        req,
                        result: Err(internal()),
                        net: no_net(),
                    };
                    self.spawn(fallback, async move {
                        let t0 = Instant::now();
                        let result = client.search_sessions(&query).await;
                        let net = net_of(t0, result.as_ref().err());
                        tracing::info!(
                            found = result.as_ref().map(Vec::len).ok(),
                            rtt_ms = ms(net.rtt),
                            "search"
                        );
                        Msg::Searched { req, result, net }
                    });
                }
                Effect::Act {
                    req,
                    attempt,
                    code,
                    campaign,
                    action,
                } => {
                    let fallback = Msg::Acted {
                        req,
                        attempt: attempt.clone(),
                        action,
                        result: Err(internal()),
                        net: no_net(),
                    };
                    self.spawn(fallback, async move {
                        let t0 = Instant::now();
                        let result = match (action, campaign) {
                            (StaffAction::Update(op), _) => client
                                .update_session(&UpdateSession::new(code).operation(op))
                                .await
                                .map(Some),
                            (StaffAction::Delete, Some(campaign)) => {
                                client.remove_session(&campaign, &code).await.map(|()| None)
                            }
                            (StaffAction::Delete, None) => Err(ApiError::InvalidInput(
                                "This session has no coupon id, so it cannot be deleted.".into(),
                            )),
                        };
                        let net = net_of(t0, result.as_ref().err());
                        tracing::info!(
                            action = action.name(),
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
                    });
                }
                Effect::Reload { req, code } => {
                    let fallback = Msg::Reloaded {
                        req,
                        result: Err(internal()),
                        net: no_net(),
                    };
                    self.spawn(fallback, async move {
                        let t0 = Instant::now();
                        let result = client.session_data(&code).await;
                        let net = net_of(t0, result.as_ref().err());
                        Msg::Reloaded { req, result, net }
                    });
                }
                Effect::Journal { req, entry } => {
                    let book = self.book.clone();
                    let (operation, outcome) = (entry.operation.clone(), entry.outcome.clone());
                    let fallback = Msg::Journaled {
                        req,
                        operation: operation.clone(),
                        outcome: outcome.clone(),
                        result: Err("internal error".into()),
                        counts: None,
                    };
                    self.spawn(fallback, async move {
                        let (result, counts) = tokio::task::spawn_blocking(move || book.record(&entry))
                            .await
                            .unwrap_or_else(|_| (Err("journal write did not finish".into()), None));
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
                    });
                }
                Effect::LoadCounts { since_utc } => {
                    // Known at once, so that every later journal write counts the same day.
                    self.book.set_day(since_utc);
                    let book = self.book.clone();
                    let fallback = Msg::Counts {
                        result: Err("internal error".into()),
                    };
                    self.spawn(fallback, async move {
                        let result = tokio::task::spawn_blocking(move || book.counts(since_utc))
                            .await
                            .unwrap_or_else(|_| Err("journal read did not finish".into()));
                        Msg::Counts { result }
                    });
                }
                Effect::FetchBarcode { req, code, kind } => {
                    let fallback = Msg::Barcode {
                        req,
                        screen: crate::barcode::BarcodeScreen::local(&code, kind, "internal error"),
                    };
                    self.spawn(fallback, async move {
                        let screen = crate::barcode::fetch_for_screen(&client, &code, kind).await;
                        Msg::Barcode { req, screen }
                    });
                }
                Effect::Bell { .. } => {}
            }
        }

        /// Runs one validation attempt and answers with its verdict, timed and logged; a panic
        /// answers with an "unknown" verdict, never a validated one.
        fn spawn_verdict(
            &self,
            req: Req,
            attempt: Attempt,
            verdict: impl Future<Output = Verdict> + Send + 'static,
        ) {
            let fallback = Msg::Verdict {
                req,
                attempt: attempt.clone(),
                verdict: Verdict::from_error(&internal(), 0),
                net: no_net(),
            };
            self.spawn(fallback, async move {
                let t0 = Instant::now();
                let verdict = verdict.await;
                let net = net_of_verdict(t0, &verdict);
                log_verdict(&verdict, net);
                Msg::Verdict {
                    req,
                    attempt,
                    verdict,
                    net,
                }
            });
        }

        fn spawn(&self, fallback: Msg, fut: impl Future<Output = Msg> + Send + 'static) {
            let tx = self.tx.clone();
            tokio::spawn(async move {
                let msg = match AssertUnwindSafe(fut).catch_unwind().await {
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

    fn internal() -> ApiError {
        ApiError::Uncertain("internal error in the kiosk; see the log".into())
    }

    fn no_net() -> Net {
        Net {
            rtt: Duration::ZERO,
            link: Link::Unknown,
        }
    }

    fn ms(d: Duration) -> u64 {
        u64::try_from(d.as_millis()).unwrap_or(u64::MAX)
    }

    /// What a request's result says about the link. No request (invalid input) says nothing.
    fn net_of(t0: Instant, err: Option<&ApiError>) -> Net {
        let link = match err {
            None | Some(ApiError::Api { .. }) => Link::Online,
            Some(ApiError::Unreachable(_)) => Link::Offline,
            Some(ApiError::Uncertain(_) | ApiError::UnexpectedResponse { .. }) => Link::Unstable,
            Some(ApiError::InvalidInput(_) | ApiError::Config(_)) => Link::Unknown,
        };
        Net {
            rtt: t0.elapsed(),
            link,
        }
    }

    fn net_of_verdict(t0: Instant, v: &Verdict) -> Net {
        let link = match v.outcome {
            Outcome::Unknown => Link::Unstable,
            Outcome::InvalidInput if v.round_trips == 0 => Link::Unknown,
            _ => Link::Online,
        };
        Net {
            rtt: t0.elapsed(),
            link,
        }
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
    }

    fn kind_of(s: &crate::scan::Scanned) -> &'static str {
        use crate::scan::Scanned;
        match s {
            Scanned::SessionCode(_) => "session_code",
            Scanned::ShortCode(_) => "short_code",
            Scanned::CustomCode(_) => "custom_code",
            Scanned::Email(_) => "email",
            Scanned::Phone(_) => "phone",
        }
    }
}
