//! Asking the server again: after a lost (or self-contradicting) answer to the update, after
//! an OK that carried no session, and after an "already validated" refusal. Each ends in a
//! verdict from what the server shows now and what proves whose validation it is.

use super::attempt::Attempt;
use super::ownership::{self, Candidate, Whose};
use super::{Outcome, ValidateExtras, Verdict};
use crate::api::{ApiError, Client, Session, SessionCode};
use std::time::Instant;
use time::OffsetDateTime;

/// The update's answer was lost (or contradicted itself): the server may or may not have
/// validated. Ask, and answer from what it says now.
pub(super) async fn after_lost_answer(
    client: &Client,
    a: &mut Attempt,
    code: &SessionCode,
    sent: Instant,
    extras: &ValidateExtras,
) -> Verdict {
    tracing::info!("answer to a validation lost; asking the server");
    let (session, server_date) = match a.call(client.session_data_dated(code)).await {
        Ok(found) => found,
        Err(again) => {
            let mut v = Verdict::from_error(&again, a.round_trips);
            // A session code not found means the update had nothing to validate. A short code
            // not found proves nothing: only couponsession/update is known to take short codes.
            let short = code.as_str().len() == crate::api::params::SHORT_CODE_LEN;
            if v.outcome != Outcome::NotFound || short {
                v.outcome = Outcome::Unknown;
                v.error_code = None;
                v.message = super::no_answer(&again);
            }
            return v;
        }
    };
    let (outcome, message) = if session.voided {
        (Outcome::Voided, "This coupon is voided.")
    } else if session.validated {
        return judge_validated(a, session, server_date, extras, Some((code, sent)));
    } else if session.locked {
        (Outcome::Locked, "This coupon is locked.")
    } else {
        (
            Outcome::Unknown,
            "The answer was lost and the server shows the coupon is NOT validated. Try again.",
        )
    };
    let mut v = Verdict::local(outcome, message);
    v.session = Some(session);
    v.round_trips = a.round_trips;
    v
}

/// An OK envelope without the session: the OK is for our request, so a re-read that shows the
/// session validated confirms it, and so does a re-read that fails (nothing contradicts the
/// OK); a re-read that shows it not validated contradicts the OK.
pub(super) async fn after_bare_ok(client: &Client, a: &mut Attempt, code: &SessionCode) -> Verdict {
    match a.call(client.session_data_dated(code)).await {
        Ok((session, _)) if session.validated && !session.voided => {
            Verdict::validated(session, "Validated.", a.round_trips)
        }
        Ok((session, _)) => {
            let mut v = Verdict::local(
                Outcome::Unknown,
                "The server said OK, but shows the coupon NOT validated. Do not accept it yet; try again.",
            );
            v.session = Some(session);
            v.round_trips = a.round_trips;
            v
        }
        Err(e) => {
            tracing::info!(error = %e, "validated; the read for details failed");
            let mut v = Verdict::local(Outcome::Validated, "Validated.");
            v.round_trips = a.round_trips;
            v
        }
    }
}

/// "Already validated": one read says when, and whether one of this till's own earlier
/// attempts (whose answers were lost) did it.
pub(super) async fn after_refusal(
    client: &Client,
    a: &mut Attempt,
    code: &SessionCode,
    refusal: &ApiError,
    extras: &ValidateExtras,
) -> Verdict {
    match a.call(client.session_data_dated(code)).await {
        Ok((session, server_date)) => {
            let mut v = judge_validated(a, session, server_date, extras, None);
            if v.outcome == Outcome::AlreadyValidated {
                if let ApiError::Api { code, message, .. } = refusal {
                    v.error_code = Some(*code);
                    // Our words when the tag names the till that did it; the server's otherwise.
                    if !v.message.contains(" by ") {
                        v.message = message.clone();
                    }
                }
            }
            v
        }
        Err(_) if earlier_named(extras, code.as_str()) => {
            let mut v = Verdict::local(
                Outcome::Unknown,
                "Already validated, perhaps by this till's earlier attempt whose answer was lost; \
                 the server did not answer the check. Check again.",
            );
            v.round_trips = a.round_trips;
            v
        }
        Err(_) => Verdict::from_error(refusal, a.round_trips),
    }
}

/// The server shows `session` validated: ours (this attempt, when `this` says it may have
/// been carried out, or an earlier one of this till), not ours, or undecided.
pub(super) fn judge_validated(
    a: &Attempt,
    session: Session,
    server_date: Option<OffsetDateTime>,
    extras: &ValidateExtras,
    this: Option<(&SessionCode, Instant)>,
) -> Verdict {
    let till_now = OffsetDateTime::now_utc();
    let mut candidates = Vec::new();
    if let Some((code, sent)) = this {
        candidates.push(Candidate {
            attempt: a.id.clone(),
            codes: vec![code.as_str().to_string()],
            sent_server: server_date.map(|d| ownership::sent_on_server_clock(d, sent.elapsed())),
        });
    }
    for earlier in &extras.earlier {
        candidates.push(Candidate {
            attempt: earlier.attempt.clone(),
            codes: earlier.codes.clone(),
            // The till's clock may be off: carry its times over by the offset seen now.
            sent_server: server_date.map(|d| earlier.started_utc + (d - till_now)),
        });
    }
    let whose = ownership::judge(&session, a.till.tag_field, &candidates);
    let round_trips = a.round_trips;
    match whose {
        Whose::Ours(id) if id == a.id => Verdict::validated(
            session,
            "Validated (confirmed by the server after the connection dropped).",
            round_trips,
        ),
        Whose::Ours(id) => {
            let mut v = Verdict::validated(
                session,
                "Validated: this till's earlier attempt went through (confirmed by the server).",
                round_trips,
            );
            v.earlier_confirmed = Some(id);
            v
        }
        Whose::NotOurs => {
            let by = a
                .till
                .tag_field
                .and_then(|f| ownership::tag_in(&session, f))
                .map(|t| match t.cashier {
                    Some(c) => format!(" by {} ({c})", t.terminal),
                    None => format!(" by {}", t.terminal),
                })
                .unwrap_or_default();
            Verdict {
                outcome: Outcome::AlreadyValidated,
                error_code: None,
                message: format!("This coupon was already validated{by}."),
                validation_date_utc: session.validation_date_utc,
                session: Some(session),
                round_trips,
                attempt: None,
                earlier_confirmed: None,
            }
        }
        Whose::Undecided => Verdict {
            outcome: Outcome::ValidatedOwnerUnknown,
            error_code: None,
            message: "Validated — possibly not by this till: the answer was lost and nothing shows \
                      which till validated it. Do not count it as this sale's until a supervisor checks."
                .into(),
            validation_date_utc: session.validation_date_utc,
            session: Some(session),
            round_trips,
            attempt: None,
            earlier_confirmed: None,
        },
    }
}

fn earlier_named(extras: &ValidateExtras, code: &str) -> bool {
    extras
        .earlier
        .iter()
        .any(|e| e.codes.iter().any(|c| c.eq_ignore_ascii_case(code)))
}
