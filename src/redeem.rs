//! The redemption flow shared by the CLI's `validate` and the kiosk: resolve what was scanned
//! to a session, validate it, and — when the answer to the update was lost — ask the server
//! again before answering. Never reports `Validated` unless the server confirmed it.

use crate::api::Session;
use time::OffsetDateTime;

/// What happened to one attempt, in a cashier's words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Validated,
    AlreadyValidated,
    Expired,
    Voided,
    Locked,
    NotFound,
    NotClaimed,
    /// Any other documented refusal.
    Refused,
    /// Refused locally; no request was sent.
    InvalidInput,
    /// The network failed and the server could not be asked: do not accept the coupon yet.
    Unknown,
}

/// The answer to one validation attempt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verdict {
    pub outcome: Outcome,
    /// The session as the server last described it, when known.
    pub session: Option<Session>,
    pub error_code: Option<u32>,
    /// The server's message (or ours, for local refusals and network failures).
    pub message: String,
    /// When the session was validated (for `Validated` and `AlreadyValidated`).
    pub validation_date_utc: Option<OffsetDateTime>,
    /// HTTP round trips this attempt took.
    pub round_trips: u32,
}
