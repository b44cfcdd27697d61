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

use crate::api::params::check_customfield;
use crate::api::{
    ApiError, Client, Operation, Refusal, SearchQuery, SessionCode, SessionState, UpdateSession,
};
use crate::scan::Scanned;
use rust_decimal::Decimal;

/// How far the server's validation time may lie before our request was sent and still count as
/// ours, when a lost answer is re-checked (clocks of till and server are not in lock-step).
const OWN_VALIDATION_SLACK: time::Duration = time::Duration::minutes(2);

/// What goes along with a validation.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ValidateExtras {
    /// Sent as `money_spent` (`0.000` form).
    pub money_spent: Option<Decimal>,
    /// Written into customfield N (1..=7), e.g. "till-1/Ann". Cut to the seed's 50 characters:
    /// a long cashier name must not stop a validation.
    pub tag: Option<(u8, String)>,
}

/// Finds the sessions a scan names: one for a session code or short code (`couponsession/data`);
/// any number for a custom code, email or phone (`couponsession/search`).
pub async fn resolve(client: &Client, scanned: &Scanned) -> Result<Vec<Session>, ApiError> {
    match scanned {
        Scanned::SessionCode(c) | Scanned::ShortCode(c) => {
            let code = SessionCode::parse(c)?;
            Ok(vec![client.session_data(&code).await?])
        }
        Scanned::CustomCode(c) => client.search_sessions(&SearchQuery::by_code(c)?).await,
        Scanned::Email(e) => client.search_sessions(&SearchQuery::by_email(e)?).await,
        Scanned::Phone(p) => client.search_sessions(&SearchQuery::by_phone(p)?).await,
    }
}

/// Runs `queries` in order and answers the first that finds something (or the last one's
/// nothing): e.g. a phone number in international form, then as typed. Stops at the first error.
pub async fn search_first(client: &Client, queries: &[SearchQuery]) -> Result<Vec<Session>, ApiError> {
    let mut found = Vec::new();
    for query in queries {
        found = client.search_sessions(query).await?;
        if !found.is_empty() {
            break;
        }
    }
    Ok(found)
}

/// The searches for a phone number as typed: its forms (see [`crate::phone::search_forms`]), in
/// order, each within `campaign` when given.
pub fn phone_searches(
    typed: &str,
    country: Option<crate::phone::Country>,
    campaign: Option<&crate::api::CampaignId>,
) -> Result<Vec<SearchQuery>, ApiError> {
    crate::phone::search_forms(typed, country)
        .iter()
        .map(|form| {
            let q = SearchQuery::by_phone(form)?;
            Ok(match campaign {
                Some(c) => q.in_campaign(c.clone()),
                None => q,
            })
        })
        .collect()
}

/// Validates one session. Never answers `Validated` unless the server confirmed it: when the
/// answer to the update is lost, it asks `couponsession/data` and answers from that, and says
/// `Unknown` if that fails too.
pub async fn validate(client: &Client, code: &SessionCode, extras: ValidateExtras) -> Verdict {
    let update = match build_update(code, &extras) {
        Ok(u) => u,
        Err(e) => return Verdict::from_error(&e, 0),
    };
    let started = OffsetDateTime::now_utc();
    match client.update_session(&update).await {
        Ok(session) => Verdict::validated(session, "Validated.".into(), 1),
        Err(e) if e.refusal() == Some(Refusal::AlreadyValidated) => {
            // The refusal does not say when; one read does (the second and last round trip).
            match client.session_data(code).await {
                Ok(session) => Verdict::already_validated(session, &e, 2),
                Err(_) => Verdict::from_error(&e, 2),
            }
        }
        Err(e) if e.is_uncertain() => recheck_after_lost_answer(client, code, &e, started).await,
        Err(e) => Verdict::from_error(&e, 1),
    }
}

/// Resolves what was scanned and validates it, in at most two round trips.
pub async fn redeem(client: &Client, scanned: &Scanned, extras: ValidateExtras) -> Verdict {
    match scanned {
        Scanned::SessionCode(c) | Scanned::ShortCode(c) => match SessionCode::parse(c) {
            Ok(code) => validate(client, &code, extras).await,
            Err(e) => Verdict::from_error(&e, 0),
        },
        Scanned::CustomCode(c) => {
            let found = match SearchQuery::by_code(c) {
                Ok(q) => client.search_sessions(&q).await,
                Err(e) => return Verdict::from_error(&e, 0),
            };
            match found {
                Ok(sessions) => redeem_found(client, sessions, extras).await,
                Err(e) => Verdict::from_error(&e, 1),
            }
        }
        Scanned::Email(_) | Scanned::Phone(_) => Verdict {
            outcome: Outcome::InvalidInput,
            session: None,
            error_code: None,
            message: "That is an email address or phone number: look the customer up, then pick a coupon."
                .into(),
            validation_date_utc: None,
            round_trips: 0,
        },
    }
}

/// Takes a validation back (`unvalidate`), e.g. the kiosk's undo.
pub async fn unvalidate(client: &Client, code: &SessionCode) -> Result<Session, ApiError> {
    client
        .update_session(&UpdateSession::new(code.clone()).operation(Operation::Unvalidate))
        .await
}

/// After a search by custom code (one round trip): answer "already validated" from the search
/// itself (it carries the date), otherwise validate (the second).
async fn redeem_found(client: &Client, sessions: Vec<Session>, extras: ValidateExtras) -> Verdict {
    let session = match pick_one(sessions) {
        Ok(s) => s,
        Err(verdict) => return *verdict,
    };
    if session.validated {
        return Verdict {
            outcome: Outcome::AlreadyValidated,
            error_code: None,
            message: "This coupon was already validated.".into(),
            validation_date_utc: session.validation_date_utc,
            session: Some(session),
            round_trips: 1,
        };
    }
    let code = match SessionCode::parse(&session.session) {
        Ok(c) => c,
        Err(_) => {
            return Verdict {
                outcome: Outcome::Refused,
                error_code: None,
                message: "The server named a session code this kiosk cannot use.".into(),
                validation_date_utc: None,
                session: Some(session),
                round_trips: 1,
            }
        }
    };
    let mut verdict = validate(client, &code, extras).await;
    // validate() counted its own trips; the search came first. A lost-answer re-check may add one.
    verdict.round_trips += 1;
    if verdict.session.is_none() {
        verdict.session = Some(session);
    }
    verdict
}

/// One session from a search: none is "not found"; several are narrowed to those that can still
/// be validated, and if more than one remains the cashier must pick (by session code).
fn pick_one(sessions: Vec<Session>) -> Result<Session, Box<Verdict>> {
    let refuse = |outcome, message: String| {
        Box::new(Verdict {
            outcome,
            session: None,
            error_code: None,
            message,
            validation_date_utc: None,
            round_trips: 1,
        })
    };
    match sessions.len() {
        0 => Err(refuse(Outcome::NotFound, "No coupon has this code.".into())),
        1 => Ok(sessions
            .into_iter()
            .next()
            .ok_or_else(|| refuse(Outcome::NotFound, String::new()))?),
        n => {
            let mut open: Vec<Session> = sessions
                .into_iter()
                .filter(|s| s.state() == SessionState::Claimed)
                .collect();
            if open.len() == 1 {
                Ok(open.remove(0))
            } else {
                Err(refuse(
                    Outcome::Refused,
                    format!("This code matches {n} coupons; look it up and validate by session code."),
                ))
            }
        }
    }
}

fn build_update(code: &SessionCode, extras: &ValidateExtras) -> Result<UpdateSession, ApiError> {
    let mut update = UpdateSession::new(code.clone()).operation(Operation::Validate);
    if let Some(m) = extras.money_spent {
        update = update.money_spent(m)?;
    }
    if let Some((index, tag)) = &extras.tag {
        let cut: String = tag
            .chars()
            .filter(|c| !c.is_control())
            .take(crate::api::params::MAX_FIELD_CHARS)
            .collect();
        check_customfield(*index, &cut)?;
        update = update.customfield(*index, &cut)?;
    }
    Ok(update)
}

/// The update's answer was lost: the server may or may not have validated. Ask, and answer from
/// what it says now.
async fn recheck_after_lost_answer(
    client: &Client,
    code: &SessionCode,
    lost: &ApiError,
    started: OffsetDateTime,
) -> Verdict {
    tracing::info!(error = %lost, "answer to a validation lost; asking the server");
    let session = match client.session_data(code).await {
        Ok(s) => s,
        Err(again) => {
            return Verdict {
                outcome: Outcome::Unknown,
                session: None,
                error_code: None,
                message: format!(
                    "No answer from the server ({again}). The coupon may or may not be validated: \
                     do not accept it yet; check again."
                ),
                validation_date_utc: None,
                round_trips: 2,
            }
        }
    };
    let ours = session
        .validation_date_utc
        .is_some_and(|at| at >= started - OWN_VALIDATION_SLACK);
    let (outcome, message) = match session.state() {
        SessionState::Validated if ours => (
            Outcome::Validated,
            "Validated (confirmed by the server after the connection dropped).".to_string(),
        ),
        SessionState::Validated => (
            Outcome::AlreadyValidated,
            "This coupon was already validated.".to_string(),
        ),
        SessionState::Voided => (Outcome::Voided, "This coupon is voided.".into()),
        SessionState::Locked => (Outcome::Locked, "This coupon is locked.".into()),
        SessionState::Expired => (Outcome::Expired, "Session or coupon has expired.".into()),
        SessionState::Claimed | SessionState::Open => (
            Outcome::Unknown,
            "The answer was lost and the server shows the coupon is NOT validated. Try again.".into(),
        ),
    };
    Verdict {
        outcome,
        error_code: None,
        message,
        validation_date_utc: session.validation_date_utc,
        session: Some(session),
        round_trips: 2,
    }
}

impl Verdict {
    fn validated(session: Session, message: String, round_trips: u32) -> Verdict {
        Verdict {
            outcome: Outcome::Validated,
            validation_date_utc: session.validation_date_utc,
            session: Some(session),
            error_code: None,
            message,
            round_trips,
        }
    }

    fn already_validated(session: Session, refusal: &ApiError, round_trips: u32) -> Verdict {
        let (error_code, message) = match refusal {
            ApiError::Api { code, message, .. } => (Some(*code), message.clone()),
            other => (None, other.to_string()),
        };
        Verdict {
            outcome: Outcome::AlreadyValidated,
            validation_date_utc: session.validation_date_utc,
            session: Some(session),
            error_code,
            message,
            round_trips,
        }
    }

    /// A verdict for a failure with no session to show.
    pub fn from_error(e: &ApiError, round_trips: u32) -> Verdict {
        let outcome = match e {
            ApiError::InvalidInput(_) | ApiError::Config(_) => Outcome::InvalidInput,
            ApiError::Api { code, message, .. } => {
                match crate::api::error::classify_refusal(*code, message) {
                    Refusal::AlreadyValidated => Outcome::AlreadyValidated,
                    Refusal::Expired => Outcome::Expired,
                    Refusal::Voided => Outcome::Voided,
                    Refusal::Locked => Outcome::Locked,
                    Refusal::NotFound => Outcome::NotFound,
                    Refusal::NotClaimed => Outcome::NotClaimed,
                    Refusal::Other => Outcome::Refused,
                }
            }
            ApiError::Uncertain(_) | ApiError::Unreachable(_) | ApiError::UnexpectedResponse { .. } => {
                Outcome::Unknown
            }
        };
        let (error_code, message) = match e {
            ApiError::Api { code, message, .. } => (Some(*code), message.clone()),
            ApiError::Unreachable(_) => (
                None,
                format!("{e}. The coupon was not validated; check the connection and try again."),
            ),
            other => (None, other.to_string()),
        };
        Verdict {
            outcome,
            session: None,
            error_code,
            message,
            validation_date_utc: None,
            round_trips,
        }
    }
}

impl Outcome {
    /// The snake_case name used in `--json` output and the journal.
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Validated => "validated",
            Outcome::AlreadyValidated => "already_validated",
            Outcome::Expired => "expired",
            Outcome::Voided => "voided",
            Outcome::Locked => "locked",
            Outcome::NotFound => "not_found",
            Outcome::NotClaimed => "not_claimed",
            Outcome::Refused => "refused",
            Outcome::InvalidInput => "invalid_input",
            Outcome::Unknown => "unknown",
        }
    }

    /// Exit status of the CLI: 0 validated; 1 refused by the server; 2 invalid input; 3 unknown.
    pub fn exit_status(self) -> u8 {
        match self {
            Outcome::Validated => 0,
            Outcome::InvalidInput => 2,
            Outcome::Unknown => 3,
            _ => 1,
        }
    }
}
