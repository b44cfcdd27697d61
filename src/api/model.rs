//! Decoded API objects. Decoding is lenient (API-NOTES.md): flags may be "0"/"1", 0/1 or
//! true/false; dates may be "" or null; unknown fields are ignored.

use rust_decimal::Decimal;
use time::OffsetDateTime;

/// One coupon session, normalized.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Session {
    pub session: String,
    pub campaign: String,
    pub sequenceid: Option<u64>,
    pub session_url: Option<String>,
    pub customid: Option<String>,
    pub opened: bool,
    pub claimed: bool,
    #[serde(with = "time::serde::rfc3339::option")]
    pub claim_date_utc: Option<OffsetDateTime>,
    pub validated: bool,
    #[serde(with = "time::serde::rfc3339::option")]
    pub validation_date_utc: Option<OffsetDateTime>,
    pub voided: bool,
    pub locked: bool,
    #[serde(with = "time::serde::rfc3339::option")]
    pub expiration_date_utc: Option<OffsetDateTime>,
    #[serde(with = "time::serde::rfc3339::option")]
    pub created_date_utc: Option<OffsetDateTime>,
    /// `own_validation_code` on the wire: the merchant's custom validation code, if any.
    pub custom_validation_code: Option<String>,
    pub customer: Customer,
    /// customfield1..customfield7 (index 0 is customfield1).
    pub customfields: [Option<String>; 7],
    pub money_spent: Option<Decimal>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Customer {
    pub firstname: Option<String>,
    pub lastname: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
}

/// A session's state for display, by precedence: voided, validated, locked, expired, claimed, open.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SessionState {
    Voided,
    Validated,
    Locked,
    Expired,
    Claimed,
    Open,
}

impl Session {
    /// The state at `now` (expiry is judged against the given clock so that tests control time).
    pub fn state_at(&self, now: OffsetDateTime) -> SessionState {
        if self.voided {
            SessionState::Voided
        } else if self.validated {
            SessionState::Validated
        } else if self.locked {
            SessionState::Locked
        } else if self.expiration_date_utc.is_some_and(|exp| exp < now) {
            SessionState::Expired
        } else if self.claimed {
            SessionState::Claimed
        } else {
            SessionState::Open
        }
    }

    pub fn state(&self) -> SessionState {
        self.state_at(OffsetDateTime::now_utc())
    }
}

impl SessionState {
    pub fn as_str(self) -> &'static str {
        match self {
            SessionState::Voided => "voided",
            SessionState::Validated => "validated",
            SessionState::Locked => "locked",
            SessionState::Expired => "expired",
            SessionState::Claimed => "claimed",
            SessionState::Open => "open",
        }
    }
}
