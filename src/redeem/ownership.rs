//! Whose validation is this? After an answer was lost (or on a retry), the server shows a
//! session validated; only proof makes it this till's:
//!
//! - With a tag field, the validation tag (`terminal/cashier/attempt id`, see `crate::tag`) is
//!   written in the same update that validates. Our attempt id in the field proves the
//!   validation is ours; another attempt's id proves it is not.
//! - Without an id to compare, the server's clock can prove only the negative: a validation
//!   made before our request was sent is not ours. One made while our request was in flight
//!   may be ours or another till's (dates have one-second steps), so it stays undecided —
//!   never plain VALIDATED.
//!
//! Pure: no I/O, no clock of its own.

use super::OwnValidation;
use crate::api::Session;
use crate::journal::{self, Entry};
use crate::tag::{AttemptId, ValidationTag};
use time::{Duration, OffsetDateTime};

/// How far the server's own clocks (the one that stamps validations and the one in the `Date`
/// header) may disagree, on top of their one-second steps.
pub const SERVER_CLOCK_SLACK: Duration = Duration::seconds(2);

/// One of this till's attempts that may have validated the session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub attempt: AttemptId,
    /// The codes the attempt named (session code, short code, custom code): it can only have
    /// validated a session one of these names.
    pub codes: Vec<String>,
    /// Earliest time, on the server's clock, the attempt's update can have reached the server.
    pub sent_server: Option<OffsetDateTime>,
}

/// The answer: ours (which attempt), not ours, or not decidable.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Whose {
    Ours(AttemptId),
    NotOurs,
    Undecided,
}

/// Decides whose validation `session` shows. `tag_field` is the custom field (1..=7) this till
/// writes its tag into, if any.
pub fn judge(session: &Session, tag_field: Option<u8>, candidates: &[Candidate]) -> Whose {
    let candidates: Vec<&Candidate> = candidates.iter().filter(|c| names(c, session)).collect();
    if candidates.is_empty() {
        return Whose::NotOurs;
    }
    if let Some(tag) = tag_field.and_then(|f| tag_in(session, f)) {
        if let Some(id) = tag.attempt {
            return match candidates.iter().find(|c| c.attempt == id) {
                Some(c) => Whose::Ours(c.attempt.clone()),
                // The update that validated wrote another attempt's id.
                None => Whose::NotOurs,
            };
        }
    }
    if session.validation_date_utc.is_none() {
        return Whose::Undecided;
    }
    let all_too_late = candidates
        .iter()
        .all(|c| validated_before(session, c.sent_server));
    if all_too_late {
        Whose::NotOurs
    } else {
        Whose::Undecided
    }
}

/// What this till's own records say about one session, for taking a validation back outside
/// the undo window (the CLI's `update --operation unvalidate`, the kiosk's staff Unvalidate).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OwnRecord {
    /// Attempt ids of this till's validations of the session (from its journal).
    pub attempts: Vec<AttemptId>,
    /// The journal's last word on the session from this till is a validation that went
    /// through (not undone since).
    pub last_is_validated: bool,
    /// The validation date the server gave this till's last validation, when known. Without an
    /// attempt id in the tag field, a session showing another date was validated again since:
    /// not ours.
    pub validation_date_utc: Option<OffsetDateTime>,
}

impl OwnRecord {
    /// What the kiosk knows right after its own validation (F8 undo): the attempt id it wrote,
    /// and the date the server gave. Without that date the journal's word is not enough.
    pub fn of(own: &OwnValidation) -> OwnRecord {
        OwnRecord {
            attempts: vec![own.attempt.clone()],
            last_is_validated: own.validation_date_utc.is_some(),
            validation_date_utc: own.validation_date_utc,
        }
    }
}

/// True when `session` shows a validation this till made: the attempt id in the tag field is
/// one of this till's, or — when the field holds no id (no tag field, or another client
/// validated without one) — this till's records say it validated the session last, did not
/// take it back, and (when the date is known) the session still shows that validation's date.
/// The tag outranks the journal: another attempt's id in the field proves another till
/// validated after us.
pub fn made_here(session: &Session, tag_field: Option<u8>, own: &OwnRecord) -> bool {
    if !session.validated {
        return false;
    }
    match tag_field.and_then(|f| tag_in(session, f)).and_then(|t| t.attempt) {
        Some(id) => own.attempts.contains(&id),
        None => {
            own.last_is_validated
                && own
                    .validation_date_utc
                    .is_none_or(|ours| session.validation_date_utc == Some(ours))
        }
    }
}

/// True when the server's clock proves `session` was validated before a request that reached
/// the server no earlier than `sent_server` (the validation stamp is cut to the second, and the
/// server's clocks get some slack).
pub fn validated_before(session: &Session, sent_server: Option<OffsetDateTime>) -> bool {
    match (session.validation_date_utc, sent_server) {
        (Some(at), Some(sent)) => at + Duration::seconds(1) + SERVER_CLOCK_SLACK < sent,
        _ => false,
    }
}

/// The validation tag in custom field `field` (1..=7), if the field holds one.
pub fn tag_in(session: &Session, field: u8) -> Option<ValidationTag> {
    let index = usize::from(field).checked_sub(1)?;
    session
        .customfields
        .get(index)?
        .as_deref()
        .and_then(ValidationTag::parse)
}

/// Earliest server-clock time a request sent `elapsed` before an answer dated `server_date`
/// can have reached the server (the `Date` header is cut to the second: the answer was made
/// at or after it).
pub fn sent_on_server_clock(server_date: OffsetDateTime, elapsed: std::time::Duration) -> OffsetDateTime {
    server_date - elapsed
}

fn names(c: &Candidate, s: &Session) -> bool {
    c.codes.iter().any(|code| {
        let code = code.trim();
        !code.is_empty()
            && (code.eq_ignore_ascii_case(&s.session)
                || (code.len() == crate::scan::SHORT_CODE_LEN && s.session.starts_with(code))
                || s.custom_validation_code
                    .as_deref()
                    .is_some_and(|own| own.eq_ignore_ascii_case(code)))
    })
}

/// What `terminal`'s journal says about the session named by `codes`.
pub fn own_record(entries: &[Entry], terminal: &str, codes: &[&str]) -> OwnRecord {
    let names = |e: &Entry| {
        codes.iter().any(|c| {
            e.scanned.eq_ignore_ascii_case(c)
                || e.session.as_deref().is_some_and(|s| s.eq_ignore_ascii_case(c))
        })
    };
    let mut own = OwnRecord::default();
    for e in entries.iter().filter(|e| e.terminal == terminal && names(e)) {
        match (e.operation, e.outcome) {
            (journal::Operation::Validate, journal::Outcome::Validated) => {
                own.attempts
                    .extend(e.attempt_id.as_deref().and_then(AttemptId::parse));
                own.last_is_validated = true;
            }
            (journal::Operation::Unvalidate, journal::Outcome::Undone | journal::Outcome::Done) => {
                own.last_is_validated = false;
            }
            _ => {}
        }
    }
    own
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    const CODE: &str = "ac6s7u3g8a25ja7x9qg87";

    fn validated(at: Option<OffsetDateTime>, field2: Option<String>) -> Session {
        let mut s = Session::from_json(&serde_json::json!({"session": CODE}), None).unwrap();
        s.validated = true;
        s.validation_date_utc = at;
        s.customfields[1] = field2;
        s
    }

    fn candidate(id: &AttemptId, sent: Option<OffsetDateTime>) -> Candidate {
        Candidate {
            attempt: id.clone(),
            codes: vec![CODE.into()],
            sent_server: sent,
        }
    }

    #[test]
    fn our_id_in_the_tag_is_proof_and_another_id_disproves() {
        let ours = AttemptId::random();
        let tag = ValidationTag::new("till-1", Some("Ann"), ours.clone()).to_field();
        let s = validated(Some(datetime!(2026-11-30 10:00 UTC)), Some(tag));
        let c = [candidate(&ours, None)];
        assert_eq!(judge(&s, Some(2), &c), Whose::Ours(ours.clone()));
        let other = ValidationTag::new("till-2", None, AttemptId::random()).to_field();
        let s = validated(Some(datetime!(2026-11-30 10:00 UTC)), Some(other));
        assert_eq!(judge(&s, Some(2), &c), Whose::NotOurs);
        // The tag is read only from the configured field.
        assert_eq!(judge(&s, Some(3), &c), Whose::Undecided);
    }

    #[test]
    fn without_an_id_time_can_only_disprove() {
        let id = AttemptId::random();
        let sent = datetime!(2026-11-30 10:00:10 UTC);
        let c = [candidate(&id, Some(sent))];
        // Validated well before our request was sent: another till's.
        let s = validated(Some(datetime!(2026-11-30 10:00:05 UTC)), None);
        assert_eq!(judge(&s, None, &c), Whose::NotOurs);
        // Within the slack, or after: cannot be told from another till's.
        for at in [
            datetime!(2026-11-30 10:00:08 UTC),
            datetime!(2026-11-30 10:00:10 UTC),
        ] {
            assert_eq!(judge(&validated(Some(at), None), None, &c), Whose::Undecided);
        }
        // No date, or no server clock: undecided.
        assert_eq!(judge(&validated(None, None), None, &c), Whose::Undecided);
        let c = [candidate(&id, None)];
        let s = validated(Some(datetime!(2026-11-30 09:00 UTC)), None);
        assert_eq!(judge(&s, None, &c), Whose::Undecided);
    }

    #[test]
    fn attempts_on_other_codes_never_count() {
        let id = AttemptId::random();
        let tag = ValidationTag::new("till-1", None, id.clone()).to_field();
        let s = validated(Some(datetime!(2026-11-30 10:00 UTC)), Some(tag));
        let mut c = candidate(&id, None);
        c.codes = vec!["oneeojyhy5j3x0m6ribqu".into()];
        assert_eq!(judge(&s, Some(2), &[c.clone()]), Whose::NotOurs);
        c.codes = vec!["ac6s7u".into()];
        assert_eq!(judge(&s, Some(2), &[c]), Whose::Ours(id));
        assert_eq!(judge(&s, Some(2), &[]), Whose::NotOurs);
    }

    #[test]
    fn only_this_tills_validation_is_made_here() {
        let ours = AttemptId::random();
        let own = OwnRecord {
            attempts: vec![ours.clone()],
            last_is_validated: true,
            validation_date_utc: None,
        };
        let tagged = |id: &AttemptId| ValidationTag::new("till-1", None, id.clone()).to_field();
        let at = Some(datetime!(2026-11-30 10:00 UTC));
        assert!(made_here(&validated(at, Some(tagged(&ours))), Some(2), &own));
        // Another attempt's id outranks our journal.
        let other = validated(at, Some(tagged(&AttemptId::random())));
        assert!(!made_here(&other, Some(2), &own));
        // No id in the field: the journal decides.
        assert!(made_here(&validated(at, None), Some(2), &own));
        assert!(made_here(&validated(at, None), None, &own));
        let undone = OwnRecord {
            attempts: vec![ours.clone()],
            last_is_validated: false,
            validation_date_utc: None,
        };
        assert!(!made_here(&validated(at, None), None, &undone));
        assert!(!made_here(&validated(at, None), None, &OwnRecord::default()));
        // Nothing to take back.
        let mut not_validated = validated(at, Some(tagged(&ours)));
        not_validated.validated = false;
        assert!(!made_here(&not_validated, Some(2), &own));
    }

    #[test]
    fn the_undo_takes_back_only_the_validation_it_saw() {
        let ours = AttemptId::random();
        let at = datetime!(2026-11-30 10:00 UTC);
        let own = OwnValidation {
            code: crate::api::SessionCode::parse("ac6s7u3g8a25ja7x9qg87").unwrap(),
            attempt: ours.clone(),
            validation_date_utc: Some(at),
        };
        let record = OwnRecord::of(&own);
        let tagged = ValidationTag::new("till-1", None, ours).to_field();
        assert!(made_here(&validated(Some(at), Some(tagged)), Some(2), &record));
        // No tag field: the same validation date, and only that, is ours.
        assert!(made_here(&validated(Some(at), None), None, &record));
        let again = validated(Some(at + Duration::seconds(40)), None);
        assert!(!made_here(&again, None, &record), "validated again since");
        // Without the date the server gave, nothing proves it.
        let dateless = OwnRecord::of(&OwnValidation {
            validation_date_utc: None,
            ..own
        });
        assert!(!made_here(&validated(Some(at), None), None, &dateless));
    }
}
