//! Settling an attempt whose outcome was unknown: once the server answers again, read the
//! session it named and decide what the attempt turned out to be. The kiosk runs this in the
//! background for its journal's unknown entries, so the shift counts move from ⚠ to ✔ or ✖.

use super::ownership::{self, Candidate, Whose};
use super::{resolve, EarlierAttempt, Till};
use crate::api::{ApiError, Client, Session};
use crate::scan::{self, Scanned};

/// What an unknown attempt turned out to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Settled {
    /// Its update went through: this till validated the session.
    Validated,
    /// Another till (or client) validated the session; this attempt did not.
    ValidatedElsewhere,
    /// The session is not validated: the attempt did not go through.
    NotValidated,
}

impl Settled {
    /// The journal's outcome word for it.
    pub fn as_str(self) -> &'static str {
        match self {
            Settled::Validated => super::Outcome::Validated.as_str(),
            Settled::ValidatedElsewhere => super::Outcome::AlreadyValidated.as_str(),
            Settled::NotValidated => "not_validated",
        }
    }
}

/// Reads the session `earlier` named and settles it; `Ok(None)` when it still cannot be told
/// (no id to read back and the time does not rule it out, or the code names no single session).
pub async fn settle(
    client: &Client,
    earlier: &EarlierAttempt,
    till: &Till,
) -> Result<Option<Settled>, ApiError> {
    let Some(scanned) = earlier.codes.iter().rev().find_map(|c| scan::classify(c).ok()) else {
        return Ok(None);
    };
    if matches!(scanned, Scanned::Email(_) | Scanned::Phone(_)) {
        return Ok(None);
    }
    let mut found = resolve(client, &scanned).await?;
    if found.len() != 1 {
        return Ok(None);
    }
    let session: Session = found.remove(0);
    if !session.validated {
        return Ok(Some(Settled::NotValidated));
    }
    let candidate = Candidate {
        attempt: earlier.attempt.clone(),
        codes: earlier.codes.clone(),
        // The till's clock stands in for the server's here: the slack covers a till that keeps
        // time, and a validation is only ever ruled out by it, never proven ours.
        sent_server: Some(earlier.started_utc),
    };
    Ok(match ownership::judge(&session, till.tag_field, &[candidate]) {
        Whose::Ours(_) => Some(Settled::Validated),
        Whose::NotOurs => Some(Settled::ValidatedElsewhere),
        Whose::Undecided => None,
    })
}
