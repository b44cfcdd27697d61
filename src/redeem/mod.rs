//! The redemption flow shared by the CLI's `validate` and the kiosk: resolve what was scanned
//! to a session, validate it, and — when the answer to the update was lost — ask the server
//! again before answering.
//!
//! The promise: `Validated` only when the server confirmed that this till's own request
//! validated the session — an OK envelope for the session asked for that shows it validated,
//! or, after a lost answer, this attempt's id (or an earlier attempt's of this till) read
//! back from the tag field. A validation whose owner cannot be proven is
//! `ValidatedOwnerUnknown`, never `Validated`. See `ownership` for the rules.

pub mod attempt;
pub mod ownership;
mod recheck;
mod search;
mod settle;

pub use attempt::Till;
pub use search::{phone_searches, search_first};
pub use settle::{settle, Settled};

use crate::api::params::check_customfield;
use crate::api::sessions::names;
use crate::api::{ApiError, Client, Operation, Refusal, SearchQuery, Session, SessionCode, UpdateSession};
use crate::scan::Scanned;
use crate::tag::AttemptId;
use attempt::Attempt;
use rust_decimal::Decimal;
use time::OffsetDateTime;

/// What happened to one attempt, in a cashier's words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Validated,
    /// The server shows the session validated, and nothing proves whether this till did it
    /// (an answer was lost and there is no attempt id to read back). Not a success: no undo.
    ValidatedOwnerUnknown,
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
    /// The id this attempt wrote with its update (`None` when no update was sent).
    pub attempt: Option<AttemptId>,
    /// An earlier attempt of this till, journaled as unknown, that this attempt found went
    /// through: the journal's entry for it can be resolved.
    pub earlier_confirmed: Option<AttemptId>,
}

/// What goes along with a validation.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ValidateExtras {
    /// Sent as `money_spent` (`0.000` form).
    pub money_spent: Option<Decimal>,
    /// Who validates; with a tag field, the validation tag goes into it.
    pub till: Till,
    /// This till's earlier attempts whose outcome is still unknown (from the journal): a
    /// session found validated by one of them is this till's, not another's.
    pub earlier: Vec<EarlierAttempt>,
    /// The id this attempt sends in its tag. The kiosk makes it before the request leaves, so
    /// that its journal holds the id even if the till stops mid-request; a fresh one when none.
    pub attempt_id: Option<AttemptId>,
}

/// One of this till's earlier validation attempts whose outcome was never learned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EarlierAttempt {
    pub attempt: AttemptId,
    /// What it named: the code as scanned and the session code, when known.
    pub codes: Vec<String>,
    /// When it started, on this till's clock.
    pub started_utc: OffsetDateTime,
}

/// Finds the sessions a scan names: one for a session code or short code (`couponsession/data`);
/// any number for a custom code, email or phone (`couponsession/search`).
///
/// Six characters are tried both ways, as in [`redeem`]: six digits as a custom code first (then
/// a short code), six letters and digits as a short code first (then a custom code).
pub async fn resolve(client: &Client, scanned: &Scanned) -> Result<Vec<Session>, ApiError> {
    let by_short = |c: &str| {
        let code = SessionCode::parse(c);
        async move { Ok::<_, ApiError>(vec![client.session_data(&code?).await?]) }
    };
    let by_custom = |c: &str| {
        let query = SearchQuery::by_code(c);
        async move { client.search_sessions(&query?).await }
    };
    let not_found = |e: &ApiError| e.refusal() == Some(Refusal::NotFound);
    match scanned {
        Scanned::ShortCode(c) if c.bytes().all(|b| b.is_ascii_digit()) => {
            let found = by_custom(c).await?;
            if !found.is_empty() {
                return Ok(found);
            }
            match by_short(c).await {
                Err(e) if not_found(&e) => Ok(Vec::new()),
                other => other,
            }
        }
        Scanned::ShortCode(c) => match by_short(c).await {
            Err(e) if not_found(&e) => match by_custom(c).await? {
                found if found.is_empty() => Err(e),
                found => Ok(found),
            },
            other => other,
        },
        Scanned::SessionCode(c) => {
            let code = SessionCode::parse(c)?;
            Ok(vec![client.session_data(&code).await?])
        }
        Scanned::CustomCode(c) => client.search_sessions(&SearchQuery::by_code(c)?).await,
        Scanned::Email(e) => client.search_sessions(&SearchQuery::by_email(e)?).await,
        Scanned::Phone(p) => client.search_sessions(&SearchQuery::by_phone(p)?).await,
    }
}

/// Validates one session named by its code or short code.
pub async fn validate(client: &Client, code: &SessionCode, extras: ValidateExtras) -> Verdict {
    let mut attempt = start_attempt(client, &extras);
    validate_code(client, &mut attempt, code, &extras).await
}

/// A new attempt with the request timeout as its one deadline, under the id the caller chose.
fn start_attempt(client: &Client, extras: &ValidateExtras) -> Attempt {
    let mut attempt = Attempt::new(extras.till.clone(), client.request_timeout());
    if let Some(id) = &extras.attempt_id {
        attempt.id = id.clone();
    }
    attempt
}

/// Forwards a validation this till accepted offline: the update carries the acceptance's own
/// attempt id (so a session found validated under it is this very acceptance, sent before a
/// restart or a lost answer) and a tag marked offline.
pub async fn forward_offline(
    client: &Client,
    code: &SessionCode,
    extras: ValidateExtras,
    id: AttemptId,
) -> Verdict {
    let mut attempt = Attempt::new(extras.till.clone(), client.request_timeout());
    attempt.id = id;
    attempt.offline = true;
    validate_code(client, &mut attempt, code, &extras).await
}

/// Resolves what was scanned and validates it. Codes are tried in this order:
/// - six digits: a custom validation code (`autovalcode` makes them) first, then a short code;
/// - six letters and digits: a short code first, then (when not found) a custom code;
/// - a session code as it is; anything else of five characters or more: a custom code.
pub async fn redeem(client: &Client, scanned: &Scanned, extras: ValidateExtras) -> Verdict {
    let mut attempt = start_attempt(client, &extras);
    match scanned {
        Scanned::SessionCode(c) => match SessionCode::parse(c) {
            Ok(code) => validate_code(client, &mut attempt, &code, &extras).await,
            Err(e) => Verdict::from_error(&e, 0),
        },
        Scanned::ShortCode(c) if c.bytes().all(|b| b.is_ascii_digit()) => {
            match search_custom(client, &mut attempt, c, &extras).await {
                Found::Verdict(v) => *v,
                Found::Nothing => match SessionCode::parse(c) {
                    Ok(code) => validate_code(client, &mut attempt, &code, &extras).await,
                    Err(_) => not_found(&attempt),
                },
            }
        }
        Scanned::ShortCode(c) => {
            let code = match SessionCode::parse(c) {
                Ok(code) => code,
                Err(e) => return Verdict::from_error(&e, 0),
            };
            let verdict = validate_code(client, &mut attempt, &code, &extras).await;
            if verdict.outcome != Outcome::NotFound || verdict.session.is_some() {
                return verdict;
            }
            match search_custom(client, &mut attempt, c, &extras).await {
                Found::Verdict(v) => *v,
                Found::Nothing => verdict.with_trips(attempt.round_trips),
            }
        }
        Scanned::CustomCode(c) => match search_custom(client, &mut attempt, c, &extras).await {
            Found::Verdict(v) => *v,
            Found::Nothing => not_found(&attempt),
        },
        Scanned::Email(_) | Scanned::Phone(_) => Verdict::local(
            Outcome::InvalidInput,
            "That is an email address or phone number: look the customer up, then pick a coupon.",
        ),
    }
}

/// What this till knows about a validation it made: enough to prove, before taking it back,
/// that the session still shows that validation and not another till's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OwnValidation {
    pub code: SessionCode,
    /// The id the validating attempt wrote.
    pub attempt: AttemptId,
    /// The validation date the server gave for it.
    pub validation_date_utc: Option<OffsetDateTime>,
}

/// Takes back a validation this till made (the kiosk's undo), after one read proves the
/// session still shows it (`ownership::made_here`: our attempt id in the tag field, or —
/// without one — the same validation date). Another till's validation is never taken back.
pub async fn unvalidate(client: &Client, own: &OwnValidation, till: &Till) -> Result<Session, UndoError> {
    let session = client.session_data(&own.code).await?;
    if !ownership::made_here(&session, till.tag_field, &ownership::OwnRecord::of(own)) {
        return Err(UndoError::NotOurs);
    }
    // Once an answer names the full session code, later calls use it.
    let code = SessionCode::parse(&session.session).unwrap_or_else(|_| own.code.clone());
    Ok(client
        .update_session(&UpdateSession::new(code).operation(Operation::Unvalidate))
        .await?)
}

/// Why an undo did not take a validation back.
#[derive(Debug, thiserror::Error)]
pub enum UndoError {
    /// The session no longer shows this till's validation (undone since, or another till's):
    /// nothing was sent.
    #[error("The server no longer shows this till's validation of this coupon; nothing was taken back.")]
    NotOurs,
    /// The read or the update failed.
    #[error(transparent)]
    Api(#[from] ApiError),
}

impl UndoError {
    /// The request's failure, when one failed.
    pub fn api(&self) -> Option<&ApiError> {
        match self {
            UndoError::NotOurs => None,
            UndoError::Api(e) => Some(e),
        }
    }
}

enum Found {
    Verdict(Box<Verdict>),
    Nothing,
}

/// Searches `code` as a custom validation code; validates what it finds.
async fn search_custom(client: &Client, a: &mut Attempt, code: &str, extras: &ValidateExtras) -> Found {
    let query = match SearchQuery::by_code(code) {
        Ok(q) => q,
        Err(_) => return Found::Nothing,
    };
    let (sessions, server_date) = match a.call(client.search_sessions_dated(&query)).await {
        Ok(found) => found,
        Err(e) => return Found::Verdict(Box::new(Verdict::from_error(&e, a.round_trips))),
    };
    if sessions.is_empty() {
        return Found::Nothing;
    }
    let session = match pick_one(sessions, a.round_trips) {
        Ok(s) => s,
        Err(verdict) => return Found::Verdict(verdict),
    };
    if session.validated {
        // The search carries the date: no update is sent for a session already validated.
        let verdict = recheck::judge_validated(a, session, server_date, extras, None);
        return Found::Verdict(Box::new(verdict));
    }
    let full = match SessionCode::parse(&session.session) {
        Ok(c) => c,
        Err(_) => {
            let mut v = Verdict::local(
                Outcome::Refused,
                "The server named a session code this kiosk cannot use.",
            );
            v.session = Some(session);
            v.round_trips = a.round_trips;
            return Found::Verdict(Box::new(v));
        }
    };
    let mut verdict = validate_code(client, a, &full, extras).await;
    if verdict.session.is_none() && verdict.outcome != Outcome::Validated {
        verdict.session = Some(session);
    }
    Found::Verdict(Box::new(verdict))
}

/// Sends the validation for `code` and judges the answer.
async fn validate_code(
    client: &Client,
    a: &mut Attempt,
    code: &SessionCode,
    extras: &ValidateExtras,
) -> Verdict {
    let update = match build_update(code, a, extras) {
        Ok(u) => u,
        Err(e) => return Verdict::from_error(&e, a.round_trips),
    };
    let sent = std::time::Instant::now();
    let answer = a.call_update(client.update_answer(&update)).await;
    let mut verdict = match answer {
        Ok(answer) => match answer.session {
            Some(s) if names(code, &s.session) && s.validated && !s.voided => {
                let sent_server = answer
                    .server_date
                    .map(|d| ownership::sent_on_server_clock(d, sent.elapsed()));
                if ownership::validated_before(&s, sent_server) {
                    // An OK for a session validated before this request left: a server that
                    // answers a repeated validation with OK. Not this till's.
                    recheck::judge_validated(a, s, answer.server_date, extras, None)
                } else {
                    Verdict::validated(s, "Validated.", a.round_trips)
                }
            }
            // An OK that names another session, or shows it not validated, contradicts
            // itself: ask again, as for a lost answer.
            Some(_) => recheck::after_lost_answer(client, a, code, sent, extras).await,
            None => recheck::after_bare_ok(client, a, code).await,
        },
        Err(e) if e.refusal() == Some(Refusal::AlreadyValidated) => {
            recheck::after_refusal(client, a, code, &e, extras).await
        }
        Err(e) if e.is_uncertain() => recheck::after_lost_answer(client, a, code, sent, extras).await,
        Err(e) if matches!(e.refusal(), Some(Refusal::Voided | Refusal::Expired)) => {
            refusal_with_record(client, a, code, &e).await
        }
        Err(e) => Verdict::from_error(&e, a.round_trips),
    };
    verdict.attempt = Some(a.id.clone());
    verdict
}

/// A VOIDED or EXPIRED refusal says when: the session is read once (within the attempt's time)
/// for its dates. The refusal stands whatever the read gives; only the record is added.
async fn refusal_with_record(client: &Client, a: &mut Attempt, code: &SessionCode, e: &ApiError) -> Verdict {
    let record = a.call(client.session_data(code)).await;
    let mut verdict = Verdict::from_error(e, a.round_trips);
    if let Ok(session) = record.map_err(|err| tracing::debug!(error = %err, "refusal's record not read")) {
        if names(code, &session.session) {
            verdict.session = Some(session);
        }
    }
    verdict
}

/// One session from a search: several are narrowed to those that can still be validated (the
/// server's flags only: expiry is the server's to judge), and if more than one remains the
/// cashier must pick (by session code).
fn pick_one(sessions: Vec<Session>, round_trips: u32) -> Result<Session, Box<Verdict>> {
    let n = sessions.len();
    let mut sessions = sessions;
    if n == 1 {
        return Ok(sessions.remove(0));
    }
    sessions.retain(|s| s.claimed && !s.validated && !s.voided && !s.locked);
    if sessions.len() == 1 {
        return Ok(sessions.remove(0));
    }
    let mut v = Verdict::local(
        Outcome::Refused,
        &format!("This code matches {n} coupons; look it up and validate by session code."),
    );
    v.round_trips = round_trips;
    Err(Box::new(v))
}

fn not_found(a: &Attempt) -> Verdict {
    let mut v = Verdict::local(Outcome::NotFound, "No coupon has this code.");
    v.round_trips = a.round_trips;
    v
}

fn build_update(code: &SessionCode, a: &Attempt, extras: &ValidateExtras) -> Result<UpdateSession, ApiError> {
    let mut update = UpdateSession::new(code.clone()).operation(Operation::Validate);
    if let Some(m) = extras.money_spent {
        update = update.money_spent(m)?;
    }
    if let Some(field) = a.till.tag_field {
        let tag = a.tag().to_field();
        check_customfield(field, &tag)?;
        update = update.customfield(field, &tag)?;
    }
    Ok(update)
}

impl Verdict {
    fn validated(session: Session, message: &str, round_trips: u32) -> Verdict {
        Verdict {
            outcome: Outcome::Validated,
            validation_date_utc: session.validation_date_utc,
            session: Some(session),
            error_code: None,
            message: message.into(),
            round_trips,
            attempt: None,
            earlier_confirmed: None,
        }
    }

    /// A verdict reached without the server (or before asking it).
    fn local(outcome: Outcome, message: &str) -> Verdict {
        Verdict {
            outcome,
            session: None,
            error_code: None,
            message: message.into(),
            validation_date_utc: None,
            round_trips: 0,
            attempt: None,
            earlier_confirmed: None,
        }
    }

    fn with_trips(mut self, round_trips: u32) -> Verdict {
        self.round_trips = round_trips;
        self
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
                format!(
                    "Cannot reach the server ({}), so the coupon was not validated: check the \
                     connection and try again.",
                    e.cause()
                ),
            ),
            ApiError::Uncertain(_) | ApiError::UnexpectedResponse { .. } => (None, no_answer(e)),
            other => (None, other.to_string()),
        };
        Verdict {
            outcome,
            session: None,
            error_code,
            message,
            validation_date_utc: None,
            round_trips,
            attempt: None,
            earlier_confirmed: None,
        }
    }
}

/// The sentence for an attempt whose answer never came (or could not be read).
pub(crate) fn no_answer(e: &ApiError) -> String {
    let advice = "so the coupon may or may not be validated: do not accept it yet; check again";
    match e {
        ApiError::UnexpectedResponse { http_status, .. } => {
            format!(
                "The server answered unexpectedly ({}), {advice} (HTTP {http_status}).",
                e.cause()
            )
        }
        _ => format!("No answer from the server ({}), {advice}.", e.cause()),
    }
}

impl Outcome {
    /// The snake_case name used in `--json` output and the journal.
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Validated => "validated",
            Outcome::ValidatedOwnerUnknown => "validated_owner_unknown",
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

    /// Exit status of the CLI: 0 validated by this till; 1 refused by the server; 2 invalid
    /// input; 3 unknown; 4 validated, possibly not by this till.
    pub fn exit_status(self) -> u8 {
        match self {
            Outcome::Validated => 0,
            Outcome::InvalidInput => 2,
            Outcome::Unknown => 3,
            Outcome::ValidatedOwnerUnknown => 4,
            _ => 1,
        }
    }
}
