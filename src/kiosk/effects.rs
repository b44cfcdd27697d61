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
            StaffAction::Update(Operation::Void | Operation::Unvalidate | Operation::Lock)
                | StaffAction::Delete
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
        type_index: usize,
    },
    /// One ring for success, three for a refusal.
    Bell {
        rings: u8,
    },
}
