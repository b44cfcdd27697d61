//! Journal recording: every attempt becomes one journal entry, and what an attempt shows (a
//! verdict, a staff action's result) waits until that entry is on disk. `journal_then` is the
//! one way a flow shows a result (it shows in `flows`' `on_journaled`, once the write is
//! answered); `journal_only` records an attempt whose result is not shown (an answer nobody
//! waits for any more, a refused PIN, a mistyped code).

use super::msg::{Attempt, Effect, Req};
use super::state::{AfterJournal, Pending, State};
use super::verdict::VerdictView;
use crate::api::Session;
use crate::journal::{self, Entry};
use std::time::Duration;

/// How an attempt ended, for its journal entry.
pub(super) struct Recorded<'a> {
    pub outcome: journal::Outcome,
    pub session: Option<&'a Session>,
    pub error_code: Option<u32>,
    pub message: &'a str,
    pub round_trips: u32,
    pub rtt: Option<Duration>,
}

impl<'a> Recorded<'a> {
    /// What a verdict on screen says, for its entry.
    pub fn of_view(view: &'a VerdictView, round_trips: u32, rtt: Option<Duration>) -> Self {
        Recorded {
            outcome: view.kind.journal_outcome(),
            session: view.session.as_ref(),
            error_code: view.error_code,
            // The technical words when there are any: the screen's plain sentence is not enough
            // for whoever reads the journal later.
            message: view.record_message(),
            round_trips,
            rtt,
        }
    }
}

impl State {
    /// A new attempt of `operation` on what was scanned, starting now.
    pub(super) fn attempt(
        &self,
        scanned: &str,
        operation: journal::Operation,
        reason: Option<&str>,
    ) -> Attempt {
        Attempt {
            scanned: scanned.to_string(),
            operation,
            started_utc: self.clock.utc,
            reason: reason.map(str::to_string),
        }
    }

    /// The journal entry for one attempt.
    pub(super) fn entry(&self, attempt: &Attempt, r: Recorded<'_>) -> Entry {
        Entry {
            at_utc: attempt.started_utc,
            scanned: attempt.scanned.clone(),
            session: r.session.map(|s| s.session.clone()),
            campaign: r.session.map(|s| s.campaign.clone()),
            operation: attempt.operation,
            outcome: r.outcome,
            error_code: r.error_code,
            message: r.message.to_string(),
            round_trips: r.round_trips,
            rtt_ms: r.rtt.map(|d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX)),
            terminal: self.config.kiosk.terminal_id.clone(),
            cashier: self.config.kiosk.cashier.clone(),
            reason: attempt.reason.clone(),
            attempt_id: None,
        }
    }

    /// Holds `then` until the journal has `entry`, and asks for the write. The result shows in
    /// `on_journaled`, never before.
    pub(super) fn journal_then(&mut self, req: Req, entry: Entry, then: AfterJournal) -> Vec<Effect> {
        self.pending = Some(Pending { req, then });
        vec![Effect::Journal { req, entry }]
    }

    /// A wrong supervisor PIN is an attempt too: the merchant's record shows who tried what.
    /// Nothing was sent.
    pub(super) fn journal_pin_refused(
        &mut self,
        scanned: &str,
        operation: journal::Operation,
        reason: &str,
        session: Option<&Session>,
    ) -> Vec<Effect> {
        let attempt = self.attempt(scanned, operation, Some(reason));
        let entry = self.entry(
            &attempt,
            Recorded {
                outcome: journal::Outcome::PinRefused,
                session,
                error_code: None,
                message: "wrong supervisor PIN",
                round_trips: 0,
                rtt: None,
            },
        );
        self.journal_only(entry)
    }

    /// Records an attempt whose result nothing waits to show.
    pub(super) fn journal_only(&mut self, entry: Entry) -> Vec<Effect> {
        let req = self.next_req();
        vec![Effect::Journal { req, entry }]
    }

    /// Records how the request `req` ended when nothing waits to show it: under the request's
    /// own `req`, so that the attempt written while it was in flight is settled, not doubled.
    pub(super) fn journal_only_for(&mut self, req: Req, entry: Entry) -> Vec<Effect> {
        vec![Effect::Journal { req, entry }]
    }

    /// The attempt of a validation about to be sent, written while its request is in flight:
    /// as unknown until the answer settles it (if the kiosk stops first, that is the truth).
    pub(super) fn journal_in_flight(
        &self,
        attempt: &Attempt,
        session: Option<&Session>,
        id: Option<&crate::tag::AttemptId>,
    ) -> Box<Entry> {
        let mut entry = Box::new(self.entry(
            attempt,
            Recorded {
                outcome: journal::Outcome::Unknown,
                session,
                error_code: None,
                message: "sent; no answer yet",
                round_trips: 0,
                rtt: None,
            },
        ));
        // Settled in the background by this id if the till stops before the answer.
        entry.attempt_id = id.map(ToString::to_string);
        entry
    }
}
