//! The kiosk's vocabulary: what can happen to it (`Msg`) and what it asks the edge to do
//! (`Effect`), with the small types both carry. Nothing here knows the state that uses them, so
//! `update`, the runner and the tests all depend on this file and it depends on none of them.

use super::barcode::BarcodeScreen;
use super::input::Input;
use crate::api::barcode::BarcodeType;
use crate::api::coupons::Coupon;
use crate::api::{ApiError, CampaignId, Operation, SearchQuery, Session, SessionCode};
use crate::journal::{self, Count, Entry};
use crate::redeem::Verdict;
use crate::scan::Scanned;
use std::time::Duration;
use time::OffsetDateTime;

/// Identifies one request, so that a late answer to an abandoned request is recognised.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Req(pub u64);

/// What a validation sends besides the code (money spent, the terminal/cashier tag).
pub type Extras = crate::redeem::ValidateExtras;

/// The link to the API, as the last request found it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Link {
    /// No request yet.
    Unknown,
    Online,
    /// The last request got no (or a garbled) answer.
    Unstable,
    /// The last request could not reach the server.
    Offline,
}

/// What one effect learned about the network.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Net {
    pub rtt: Duration,
    pub link: Link,
}

impl Net {
    /// No request was sent (or it never finished): nothing learned.
    pub const NONE: Net = Net {
        rtt: Duration::ZERO,
        link: Link::Unknown,
    };
}

/// The context of one attempt, carried through the request so its journal entry can be written
/// when the answer comes back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attempt {
    /// The text as scanned or typed.
    pub scanned: String,
    pub operation: journal::Operation,
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

    /// Whether the session's state allows this action (the detail view offers only those: no
    /// Unvoid on a session that is not voided, no Unvalidate on one that is not validated).
    pub fn allowed_for(self, s: &Session) -> bool {
        match self {
            StaffAction::Update(Operation::Validate) => !s.validated && !s.voided && !s.locked,
            StaffAction::Update(Operation::Unvalidate) => s.validated,
            StaffAction::Update(Operation::Void) => !s.voided,
            StaffAction::Update(Operation::Unvoid) => s.voided,
            StaffAction::Update(Operation::Lock) => !s.locked,
            StaffAction::Update(Operation::Unlock) => s.locked,
            StaffAction::Update(Operation::Claim) => !s.claimed,
            StaffAction::Update(_) | StaffAction::Delete => true,
        }
    }

    /// The operation as journaled.
    pub fn operation(self) -> journal::Operation {
        match self {
            StaffAction::Update(op) => op.into(),
            StaffAction::Delete => journal::Operation::Delete,
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
    pub fn done_outcome(self) -> journal::Outcome {
        match self {
            StaffAction::Update(Operation::Validate) => journal::Outcome::Validated,
            _ => journal::Outcome::Done,
        }
    }
}

/// Counts read from the journal. Versions grow in the order the journal was read, so a late
/// answer never replaces a newer one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CountsSnapshot {
    pub version: u64,
    pub since_utc: OffsetDateTime,
    pub counts: Vec<Count>,
}

/// What a background settlement did.
#[derive(Debug, Clone, PartialEq)]
pub struct Settlement {
    /// Attempts whose outcome is now known (and journaled).
    pub resolved: Vec<crate::tag::AttemptId>,
    /// Those still unknown, from the journal.
    pub unsure: Vec<crate::redeem::EarlierAttempt>,
    /// Today's counts after the journal was updated, when the day is known.
    pub counts: Option<CountsSnapshot>,
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
        /// The attempt's journal entry (as unknown), written while the request is in flight;
        /// see [`Effect::Validate`].
        in_flight: Box<Entry>,
    },
    /// Validate one session (`redeem::validate`). The attempt is written to the journal (as
    /// unknown) while the request is in flight, and the answer is held back until that write
    /// is on disk; the `Journal` effect with the same `req` then settles that row in place, so
    /// the verdict does not wait for a second synced write.
    Validate {
        req: Req,
        attempt: Attempt,
        code: SessionCode,
        extras: Extras,
        in_flight: Box<Entry>,
    },
    /// Undo: unvalidate the last validation, once the server still shows it as this till's.
    Unvalidate {
        req: Req,
        attempt: Attempt,
        own: crate::redeem::OwnValidation,
        till: crate::redeem::Till,
    },
    /// The staff look-up: the search endpoint (each query in order while nothing is found) or,
    /// for a session code, that session; and this till's mirror for `copy` (part of a name,
    /// email or phone; a code prefix). Answered by `Msg::Searched` with both.
    Search {
        req: Req,
        queries: Vec<SearchQuery>,
        resolve: Option<Scanned>,
        copy: Option<String>,
    },
    /// A staff action from the detail view.
    Act {
        req: Req,
        attempt: Attempt,
        code: SessionCode,
        campaign: Option<CampaignId>,
        action: StaffAction,
        /// Who this till is: Unvalidate takes back only this till's own validation.
        till: crate::redeem::Till,
    },
    /// Read one session again (detail view, F5).
    Reload { req: Req, code: SessionCode },
    /// Write one attempt to the journal; answered by `Msg::Journaled`. When the attempt was
    /// written in flight (`JournalInFlight` with the same `req`), its row is settled in place.
    Journal { req: Req, entry: Entry },
    /// Settle this till's journaled attempts of unknown outcome with the server (those in
    /// `confirmed` are already known to have gone through); answered by `Msg::Settled`.
    Settle {
        terminal: String,
        till: crate::redeem::Till,
        confirmed: Vec<crate::tag::AttemptId>,
    },
    /// Count today's attempts (status bar, shift summary).
    LoadCounts { since_utc: OffsetDateTime },
    FetchBarcode {
        req: Req,
        code: SessionCode,
        kind: BarcodeType,
    },
    /// Read the coupon list (the offers) again: `Msg::Catalogue`.
    LoadCatalogue,
    /// Ask `coupon/info` about a campaign the catalogue does not know: `Msg::CouponInfo`.
    CouponInfo { campaign: CampaignId },
    /// Read the conflict inbox (seen ones too): `Msg::Conflicts`.
    LoadConflicts { req: Req },
    /// Mark these conflicts seen by `by`, then read the inbox again: `Msg::Conflicts`.
    MarkConflictsSeen {
        req: Req,
        ids: Vec<i64>,
        by: Option<String>,
    },
    /// One ring for success, three for a refusal.
    Bell { rings: u8 },
    /// Today's validations by every till of the account, since `since_utc` (the local day's
    /// start), read from the server (`crate::report`): `Msg::Tills`.
    LoadTills {
        req: Req,
        since_utc: OffsetDateTime,
        tag_field: u8,
    },
}

impl Effect {
    /// The request whose answer this effect's message quotes, if it has one.
    pub fn req(&self) -> Option<Req> {
        match self {
            Effect::Resolve { req, .. }
            | Effect::Redeem { req, .. }
            | Effect::Validate { req, .. }
            | Effect::Unvalidate { req, .. }
            | Effect::Search { req, .. }
            | Effect::Act { req, .. }
            | Effect::Reload { req, .. }
            | Effect::Journal { req, .. }
            | Effect::FetchBarcode { req, .. }
            | Effect::LoadConflicts { req }
            | Effect::MarkConflictsSeen { req, .. }
            | Effect::LoadTills { req, .. } => Some(*req),
            Effect::LoadCounts { .. }
            | Effect::Settle { .. }
            | Effect::LoadCatalogue
            | Effect::CouponInfo { .. }
            | Effect::Bell { .. } => None,
        }
    }
}

/// Everything that can happen to the kiosk.
#[derive(Debug)]
pub enum Msg {
    Input(Input),
    /// The offline background's counts changed (mirror, outbox, conflicts).
    OfflineStatus(crate::offline::BackgroundStatus),
    /// A scan's request could not reach the server, and the mirror answered instead; or the
    /// scan is of a campaign this till does not accept (WRONG COUPON, online too, before any
    /// validation is sent). `attempt` is None when the request was a look-up (confirm mode).
    Offline {
        req: Req,
        attempt: Option<Attempt>,
        scanned: String,
        verdict: crate::offline::OfflineVerdict,
        net: Net,
    },
    /// What the offline mirror holds for the scan whose validation `req` is in flight (auto
    /// mode): shown at once, marked as still being checked, until the verdict comes.
    Preview {
        req: Req,
        session: Session,
        /// The offer as the mirror copied it from the coupon list.
        offer: Option<String>,
    },
    /// A timer the state asked for (`next_deadline`) is due.
    Tick,
    Resolved {
        req: Req,
        scanned: String,
        result: Result<Vec<Session>, ApiError>,
        net: Net,
    },
    Verdict {
        req: Req,
        attempt: Attempt,
        verdict: Verdict,
        net: Net,
    },
    Undone {
        req: Req,
        attempt: Attempt,
        result: Result<Session, crate::redeem::UndoError>,
        net: Net,
    },
    Journaled {
        req: Req,
        operation: journal::Operation,
        outcome: journal::Outcome,
        result: Result<(), String>,
        /// Today's counts read right after the write, when the runner knows the day.
        counts: Option<CountsSnapshot>,
    },
    Searched {
        req: Req,
        result: Result<Vec<Session>, ApiError>,
        net: Net,
        /// What this till's mirror found (None: not asked, or there is no mirror).
        copy: Option<Result<Vec<crate::offline::MirrorRecord>, String>>,
    },
    Acted {
        req: Req,
        attempt: Attempt,
        action: StaffAction,
        result: Result<Option<Session>, ApiError>,
        net: Net,
    },
    Reloaded {
        req: Req,
        result: Result<Session, ApiError>,
        net: Net,
    },
    Counts {
        result: Result<CountsSnapshot, String>,
    },
    /// A background settlement's result.
    Settled {
        result: Result<Settlement, String>,
    },
    Barcode {
        req: Req,
        screen: BarcodeScreen,
    },
    /// The coupon list, for the offers. Read at start, it is also the first word on the link.
    Catalogue {
        result: Result<Vec<Coupon>, ApiError>,
        net: Net,
    },
    CouponInfo {
        campaign: String,
        result: Result<Coupon, ApiError>,
    },
    /// The conflict inbox as read (after a marking, when one was asked).
    Conflicts {
        req: Req,
        result: Result<Vec<crate::offline::OutboxEntry>, String>,
    },
    /// Today's validations by every till (F3's second tab).
    Tills {
        req: Req,
        result: Result<Vec<crate::report::Validation>, String>,
    },
    /// The serial scanner: a code, or the device coming or going.
    Scanner(crate::scanner::ScannerEvent),
}
