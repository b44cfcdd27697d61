//! What the verdict screen says, decided without any I/O: the kind (words, symbol, tone) and
//! where it comes from — a `redeem::Verdict`, a session record read before validating, or a
//! failed request.

use super::glyphs::Glyphs;
use super::msg::Extras;
use crate::api::{ApiError, Session, SessionCode, SessionState};
use crate::journal::Outcome as Recorded;
use crate::redeem::{Outcome, Verdict};
use std::time::Duration;
use time::OffsetDateTime;

/// The headline of a verdict. Each has its own words AND symbol AND colour (tone), so that it
/// reads at a glance and for colour-blind staff.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum VerdictKind {
    Validated,
    /// The server shows it validated, and nothing proves this till did it (an answer was lost
    /// and there is no attempt id to read back): not a success, no undo.
    ValidatedOwnerUnknown,
    AlreadyValidated,
    Expired,
    Voided,
    Locked,
    NotFound,
    NotClaimed,
    /// Any other refusal by the server; the reason line says what.
    Refused,
    /// Refused locally: not a code the kiosk can send.
    Invalid,
    /// A look-up failed on the network: nothing was changed; try again.
    CheckFailed,
    /// A validation's answer was lost and the server could not be asked: do not accept yet.
    Unknown,
    /// The last validation was undone (unvalidated) at the counter.
    Undone,
    /// Undo was asked for and did not happen (or may not have).
    UndoFailed,
    /// The server could not be reached; accepted from the till's mirror, forwarded later.
    /// Never VALIDATED's words, symbol or colour: the server has not confirmed it yet.
    AcceptedOffline,
    /// Offline, and this till already accepted this coupon offline.
    AlreadyUsedOffline,
    /// A coupon of a campaign this till does not accept.
    WrongCoupon,
    /// The server could not be reached and the mirror cannot (or may not) decide.
    OfflineCannotCheck,
}

/// Colour family of a verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    /// Green: give the customer the discount.
    Good,
    /// Red: refuse.
    Bad,
    /// Amber: do not accept yet; look again.
    Warn,
    /// Blue: something was taken back as asked (an undo); nothing to refuse, nothing unsure.
    Info,
    /// Cyan: accepted by this till alone, offline; the server has not confirmed it yet.
    Offline,
}

impl VerdictKind {
    pub const ALL: [VerdictKind; 18] = [
        VerdictKind::Validated,
        VerdictKind::ValidatedOwnerUnknown,
        VerdictKind::AlreadyValidated,
        VerdictKind::Expired,
        VerdictKind::Voided,
        VerdictKind::Locked,
        VerdictKind::NotFound,
        VerdictKind::NotClaimed,
        VerdictKind::Refused,
        VerdictKind::Invalid,
        VerdictKind::CheckFailed,
        VerdictKind::Unknown,
        VerdictKind::Undone,
        VerdictKind::UndoFailed,
        VerdictKind::AcceptedOffline,
        VerdictKind::AlreadyUsedOffline,
        VerdictKind::WrongCoupon,
        VerdictKind::OfflineCannotCheck,
    ];

    pub fn words(self) -> &'static str {
        match self {
            VerdictKind::Validated => "VALIDATED",
            VerdictKind::ValidatedOwnerUnknown => "VALIDATED — POSSIBLY NOT BY THIS TILL",
            // Never the word of success: a colour-blind cashier reads the big word.
            VerdictKind::AlreadyValidated => "ALREADY USED",
            VerdictKind::Expired => "EXPIRED",
            VerdictKind::Voided => "VOIDED",
            VerdictKind::Locked => "LOCKED",
            VerdictKind::NotFound => "NOT FOUND",
            VerdictKind::NotClaimed => "NOT CLAIMED",
            VerdictKind::Refused => "REFUSED",
            VerdictKind::Invalid => "NOT A COUPON CODE",
            VerdictKind::CheckFailed => "CHECK FAILED",
            VerdictKind::Unknown => "UNKNOWN",
            VerdictKind::Undone => "UNDONE",
            VerdictKind::UndoFailed => "UNDO FAILED",
            VerdictKind::AcceptedOffline => "ACCEPTED OFFLINE",
            VerdictKind::AlreadyUsedOffline => "ALREADY USED (offline)",
            VerdictKind::WrongCoupon => "WRONG COUPON",
            VerdictKind::OfflineCannotCheck => "OFFLINE — CANNOT CHECK",
        }
    }

    /// The kind's message in `assets/locales/*/verdict.ftl`: its value is the words on the
    /// symbol line, `.headline` the large type (one line of large type per line of text), and
    /// `.tagline` the extra words where [`VerdictKind::tagline`] has some. `words`, `headline` and
    /// `tagline` stay English for the journal, the command line and the logs.
    pub fn message_id(self) -> &'static str {
        match self {
            VerdictKind::Validated => "verdict-validated",
            VerdictKind::ValidatedOwnerUnknown => "verdict-validated-owner-unknown",
            VerdictKind::AlreadyValidated => "verdict-already-used",
            VerdictKind::Expired => "verdict-expired",
            VerdictKind::Voided => "verdict-voided",
            VerdictKind::Locked => "verdict-locked",
            VerdictKind::NotFound => "verdict-not-found",
            VerdictKind::NotClaimed => "verdict-not-claimed",
            VerdictKind::Refused => "verdict-refused",
            VerdictKind::Invalid => "verdict-invalid",
            VerdictKind::CheckFailed => "verdict-check-failed",
            VerdictKind::Unknown => "verdict-unknown",
            VerdictKind::Undone => "verdict-undone",
            VerdictKind::UndoFailed => "verdict-undo-failed",
            VerdictKind::AcceptedOffline => "verdict-accepted-offline",
            VerdictKind::AlreadyUsedOffline => "verdict-already-used-offline",
            VerdictKind::WrongCoupon => "verdict-wrong-coupon",
            VerdictKind::OfflineCannotCheck => "verdict-offline-cannot-check",
        }
    }

    /// The kind's own plain reason (`<message>.reason`): what the screen says in a language
    /// other than English when the reason is English text from the server or the redeem layer.
    /// Refused has none: the server's words are all there is to say why.
    pub fn reason_id(self) -> Option<&'static str> {
        Some(match self {
            VerdictKind::Validated => "verdict-validated.reason",
            VerdictKind::ValidatedOwnerUnknown => "verdict-validated-owner-unknown.reason",
            VerdictKind::AlreadyValidated => "verdict-already-used.reason",
            VerdictKind::Expired => "verdict-expired.reason",
            VerdictKind::Voided => "verdict-voided.reason",
            VerdictKind::Locked => "verdict-locked.reason",
            VerdictKind::NotFound => "verdict-not-found.reason",
            VerdictKind::NotClaimed => "verdict-not-claimed.reason",
            VerdictKind::Refused => return None,
            VerdictKind::Invalid => "verdict-invalid.reason",
            VerdictKind::CheckFailed => "verdict-check-failed.reason",
            VerdictKind::Unknown => "verdict-unknown.reason",
            VerdictKind::Undone => "verdict-undone.reason",
            VerdictKind::UndoFailed => "verdict-undo-failed.reason",
            VerdictKind::AcceptedOffline => "verdict-accepted-offline.reason",
            VerdictKind::AlreadyUsedOffline => "verdict-already-used-offline.reason",
            VerdictKind::WrongCoupon => "verdict-wrong-coupon.reason",
            VerdictKind::OfflineCannotCheck => "verdict-offline-cannot-check.reason",
        })
    }

    pub fn tone(self) -> Tone {
        match self {
            VerdictKind::Validated => Tone::Good,
            VerdictKind::Undone => Tone::Info,
            VerdictKind::CheckFailed
            | VerdictKind::Unknown
            | VerdictKind::ValidatedOwnerUnknown
            | VerdictKind::UndoFailed
            | VerdictKind::OfflineCannotCheck => Tone::Warn,
            VerdictKind::AcceptedOffline => Tone::Offline,
            _ => Tone::Bad,
        }
    }

    /// The symbol of the verdict's tone, in the glyphs this terminal can draw.
    pub fn symbol(self, glyphs: &Glyphs) -> &'static str {
        glyphs.tone(self.tone())
    }

    /// The extra words after the headline, when the kind alone would mislead.
    pub fn tagline(self) -> Option<&'static str> {
        match self {
            VerdictKind::Unknown => Some("do not accept yet"),
            VerdictKind::ValidatedOwnerUnknown => Some("check before accepting"),
            VerdictKind::CheckFailed => Some("nothing was changed"),
            VerdictKind::Validated => Some("give the discount"),
            VerdictKind::Undone => Some("the coupon can be used again"),
            VerdictKind::AcceptedOffline => Some("give the discount; sent when the server answers"),
            VerdictKind::AlreadyUsedOffline => Some("accepted here offline before"),
            VerdictKind::WrongCoupon => Some("not valid here"),
            VerdictKind::OfflineCannotCheck => Some("do not accept yet"),
            _ => None,
        }
    }

    /// The outcome as the journal records it.
    pub fn journal_outcome(self) -> Recorded {
        match self {
            VerdictKind::Validated => Recorded::Validated,
            VerdictKind::ValidatedOwnerUnknown => Recorded::ValidatedOwnerUnknown,
            VerdictKind::AlreadyValidated => Recorded::AlreadyValidated,
            VerdictKind::Expired => Recorded::Expired,
            VerdictKind::Voided => Recorded::Voided,
            VerdictKind::Locked => Recorded::Locked,
            VerdictKind::NotFound => Recorded::NotFound,
            VerdictKind::NotClaimed => Recorded::NotClaimed,
            VerdictKind::Refused => Recorded::Refused,
            VerdictKind::Invalid => Recorded::InvalidInput,
            VerdictKind::CheckFailed => Recorded::CheckFailed,
            VerdictKind::Unknown => Recorded::Unknown,
            VerdictKind::Undone => Recorded::Undone,
            VerdictKind::UndoFailed => Recorded::UndoFailed,
            VerdictKind::AcceptedOffline => Recorded::AcceptedOffline,
            VerdictKind::AlreadyUsedOffline => Recorded::AlreadyUsedOffline,
            VerdictKind::WrongCoupon => Recorded::WrongCoupon,
            VerdictKind::OfflineCannotCheck => Recorded::OfflineCannotCheck,
        }
    }

    /// Kinds a cashier may retry with F5 (the network was the problem).
    pub fn retryable(self) -> bool {
        matches!(
            self,
            VerdictKind::Unknown | VerdictKind::CheckFailed | VerdictKind::OfflineCannotCheck
        )
    }
}

impl From<Outcome> for VerdictKind {
    fn from(o: Outcome) -> Self {
        match o {
            Outcome::Validated => VerdictKind::Validated,
            Outcome::AlreadyValidated => VerdictKind::AlreadyValidated,
            Outcome::Expired => VerdictKind::Expired,
            Outcome::Voided => VerdictKind::Voided,
            Outcome::Locked => VerdictKind::Locked,
            Outcome::NotFound => VerdictKind::NotFound,
            Outcome::NotClaimed => VerdictKind::NotClaimed,
            Outcome::Refused => VerdictKind::Refused,
            Outcome::InvalidInput => VerdictKind::Invalid,
            Outcome::Unknown => VerdictKind::Unknown,
            Outcome::ValidatedOwnerUnknown => VerdictKind::ValidatedOwnerUnknown,
        }
    }
}

/// What F5 does on a verdict the network spoiled.
#[derive(Debug, Clone, PartialEq)]
#[allow(clippy::large_enum_variant)] // one per verdict on screen
pub enum Retry {
    /// Look the scan up again (nothing was sent that could change anything).
    Resolve { scanned: String },
    /// Send the validation again. If the lost one got through, the server now answers
    /// ALREADY VALIDATED with its time — never a second validation.
    Validate {
        scanned: String,
        code: SessionCode,
        session: Option<Session>,
        extras: Extras,
    },
    /// Auto mode: resolve and validate again.
    Redeem { scanned: String, extras: Extras },
}

/// A verdict on screen.
#[derive(Debug, Clone, PartialEq)]
pub struct VerdictView {
    pub kind: VerdictKind,
    /// The reason line: the server's message, or ours, in English (the journal keeps it).
    pub reason: String,
    /// The reason in the kiosk's own words, as a message id (`assets/locales`), when the
    /// kiosk wrote `reason` itself: the screen says it in the cashier's language.
    pub reason_id: Option<&'static str>,
    /// The reason as the kiosk words it with arguments (ages, dates, the plain sentence for a
    /// failure), said in languages other than English; English shows `reason` (which may hold
    /// the server's own words), unless `said_in_english`.
    pub said: Option<crate::i18n::Said>,
    /// `reason` is `said` in English with dates in UTC: the screen says `said` in every
    /// language, English too, so that its dates are in the till's local time.
    pub said_in_english: bool,
    pub session: Option<Session>,
    /// When the session was validated (VALIDATED and ALREADY VALIDATED).
    pub validated_at_utc: Option<OffsetDateTime>,
    pub error_code: Option<u32>,
    /// The text as scanned.
    pub scanned: String,
    pub retry: Option<Retry>,
    /// When a success verdict gives the screen back to the scan field (monotonic).
    pub dismiss_at: Option<Duration>,
    /// Set when the journal could not be written: the verdict stands, the record does not.
    pub journal_error: Option<String>,
    /// What went wrong in technical words (the error as the client reported it), for the journal,
    /// the log and F1: the cashier's screen says `reason`, one plain sentence.
    pub detail: Option<String>,
}

impl VerdictView {
    pub fn new(kind: VerdictKind, scanned: &str, reason: impl Into<String>) -> Self {
        Self {
            kind,
            reason: reason.into(),
            reason_id: None,
            said: None,
            said_in_english: false,
            session: None,
            validated_at_utc: None,
            error_code: None,
            scanned: scanned.to_string(),
            retry: None,
            dismiss_at: None,
            journal_error: None,
            detail: None,
        }
    }

    /// A verdict whose reason the kiosk words itself (`said`): the screen says it in the
    /// cashier's language and local time, the journal keeps its English with dates in UTC.
    pub fn worded(kind: VerdictKind, scanned: &str, said: crate::i18n::Said) -> Self {
        let mut v = Self::new(kind, scanned, said.in_language(crate::i18n::Language::En));
        v.said = Some(said);
        v.said_in_english = true;
        v
    }

    /// UNKNOWN because an answer was lost, though the server, asked afterwards, showed the
    /// coupon not validated: sending the validation again is what the cashier would do.
    pub fn server_says_not_validated(&self) -> bool {
        self.kind == VerdictKind::Unknown
            && self
                .session
                .as_ref()
                .is_some_and(|s| matches!(s.state(), SessionState::Claimed | SessionState::Open))
    }

    /// The message the journal keeps: the technical detail when there is one.
    pub fn record_message(&self) -> &str {
        self.detail.as_deref().unwrap_or(&self.reason)
    }

    /// The verdict `redeem` gave. VALIDATED appears only when the redeem verdict says so.
    pub fn from_redeem(v: &Verdict, scanned: &str) -> Self {
        let mut kind = VerdictKind::from(v.outcome);
        // A server failure (HTTP 5xx) is not a refusal: the server may have validated before it
        // failed. Never show red for it — the truth is not known.
        if kind == VerdictKind::Refused && is_server_failure(v.error_code, &v.message) {
            kind = VerdictKind::Unknown;
        }
        let validated_at_utc = v
            .validation_date_utc
            .or_else(|| v.session.as_ref().and_then(|s| s.validation_date_utc));
        let server_says_not_validated = kind == VerdictKind::Unknown
            && v.session
                .as_ref()
                .is_some_and(|s| matches!(s.state(), SessionState::Claimed | SessionState::Open));
        let (reason, reason_id, detail) = match kind {
            VerdictKind::Unknown if server_says_not_validated => (
                "The answer was lost, and the server shows this coupon is not validated yet.".to_string(),
                Some("reason-answer-lost-not-validated"),
                Some(v.message.clone()),
            ),
            VerdictKind::Unknown if v.outcome != Outcome::Unknown => (
                "The server failed: the coupon may or may not be validated.".to_string(),
                Some("reason-server-failed-maybe-validated"),
                Some(v.message.clone()),
            ),
            VerdictKind::Unknown => (
                "No answer from the server: the coupon may or may not be validated.".to_string(),
                Some("reason-no-answer-maybe-validated"),
                Some(v.message.clone()),
            ),
            // The server's words and code go to the journal and F1; the till's own words about
            // who validated it stand.
            _ => match v.error_code {
                Some(code) if !(kind == VerdictKind::AlreadyValidated && v.message.contains(" by ")) => (
                    super::plain::of_refusal(code, &v.message),
                    None,
                    Some(super::plain::technical(Some(code), &v.message)),
                ),
                _ => (v.message.clone(), None, None),
            },
        };
        let said = match v.error_code {
            Some(code) if reason_id.is_none() && detail.is_some() => {
                Some(super::plain::said_of_refusal(code, &v.message))
            }
            _ => None,
        };
        Self {
            kind,
            reason,
            reason_id,
            said,
            said_in_english: false,
            detail,
            session: v.session.clone(),
            validated_at_utc: match kind {
                VerdictKind::Validated | VerdictKind::AlreadyValidated => validated_at_utc,
                _ => None,
            },
            error_code: v.error_code,
            scanned: scanned.to_string(),
            retry: None,
            dismiss_at: None,
            journal_error: None,
        }
    }

    /// A look-up (no update sent) that failed.
    pub fn from_lookup_error(e: &ApiError, scanned: &str) -> Self {
        let kind = match e {
            ApiError::InvalidInput(_) => VerdictKind::Invalid,
            ApiError::Api { http_status, .. } if *http_status >= 500 => VerdictKind::CheckFailed,
            ApiError::Api { .. } => match e.refusal() {
                Some(crate::api::Refusal::NotFound) => VerdictKind::NotFound,
                _ => VerdictKind::Refused,
            },
            ApiError::Config(_) => VerdictKind::CheckFailed,
            ApiError::Uncertain(_) | ApiError::Unreachable(_) | ApiError::UnexpectedResponse { .. } => {
                VerdictKind::CheckFailed
            }
        };
        let (plain, reason_id) = match e {
            ApiError::Unreachable(_) => (
                "The server cannot be reached: nothing was changed.".to_string(),
                Some("reason-unreachable-nothing-changed"),
            ),
            ApiError::Uncertain(_) | ApiError::UnexpectedResponse { .. } => (
                "No clear answer from the server: nothing was changed.".to_string(),
                Some("reason-unclear-nothing-changed"),
            ),
            ApiError::Api { http_status, .. } if *http_status >= 500 => (
                "The server failed: nothing was changed.".to_string(),
                Some("reason-server-failed-nothing-changed"),
            ),
            ApiError::Config(_) => (
                "The kiosk's account settings are incomplete.".to_string(),
                Some("reason-settings-incomplete"),
            ),
            // One plain sentence; the server's words and code go to the journal and F1 (the
            // screen says the kind's own reason in other languages).
            ApiError::Api { .. } | ApiError::InvalidInput(_) => (super::plain::of_error(e), None),
        };
        let mut v = Self::new(kind, scanned, plain);
        v.reason_id = reason_id;
        if reason_id.is_none() {
            v.said = super::plain::said_of_error(e);
        }
        if kind == VerdictKind::CheckFailed || matches!(e, ApiError::Api { .. }) {
            v.detail = Some(e.to_string());
        }
        if let ApiError::Api { code, .. } = e {
            v.error_code = Some(*code);
        }
        if kind == VerdictKind::CheckFailed {
            v.retry = Some(Retry::Resolve {
                scanned: scanned.to_string(),
            });
        }
        v
    }

    /// A session read before validating that cannot be validated: the refusal its record shows,
    /// without sending the update. None when the session may be validated. A past expiry date
    /// is not refused here: `expiration_date` is in the campaign's timezone, which the till
    /// cannot know, so the server decides (351); the card only warns.
    pub fn from_session_record(s: &Session, scanned: &str, now: OffsetDateTime) -> Option<Self> {
        let (kind, reason) = match s.state_at(now) {
            SessionState::Validated => (
                VerdictKind::AlreadyValidated,
                "This session was already validated",
            ),
            SessionState::Voided => (VerdictKind::Voided, "This coupon is voided"),
            SessionState::Locked => (VerdictKind::Locked, "This coupon is locked"),
            SessionState::Expired | SessionState::Claimed | SessionState::Open => return None,
        };
        let mut v = Self::new(kind, scanned, format!("{reason}."));
        v.reason_id = kind.reason_id();
        v.session = Some(s.clone());
        if kind == VerdictKind::AlreadyValidated {
            v.validated_at_utc = s.validation_date_utc;
        }
        Some(v)
    }

    pub fn session_code(&self) -> Option<SessionCode> {
        self.session
            .as_ref()
            .and_then(|s| SessionCode::parse(&s.session).ok())
    }
}

/// True when a failed request may still have been carried out: the answer was lost or garbled,
/// or the server failed (5xx) — possibly after committing.
pub fn may_have_happened(e: &ApiError) -> bool {
    e.is_uncertain() || matches!(e, ApiError::Api { http_status, .. } if *http_status >= 500)
}

/// An answer that is the server failing (HTTP 5xx in the failure envelope), not a documented
/// refusal. Codes 502/512/513/515 are documented refusals ("not found"), so the message decides
/// where the number is ambiguous.
pub fn is_server_failure(code: Option<u32>, message: &str) -> bool {
    let m = message.trim_start();
    let http_5xx = ["HTTP/1.0 5", "HTTP/1.1 5", "HTTP/2 5"]
        .iter()
        .any(|p| m.starts_with(p));
    http_5xx || matches!(code, Some(500 | 503 | 504))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_distinct_words_and_a_symbol() {
        let all = VerdictKind::ALL;
        let words: std::collections::HashSet<_> = all.iter().map(|k| k.words()).collect();
        assert_eq!(words.len(), all.len());
        assert!(all.iter().all(|k| !k.symbol(&Glyphs::UNICODE).is_empty()));
        // Only one kind is green.
        assert_eq!(all.iter().filter(|k| k.tone() == Tone::Good).count(), 1);
    }

    #[test]
    fn a_server_failure_is_never_shown_as_a_refusal() {
        let v = Verdict {
            outcome: Outcome::Refused,
            session: None,
            error_code: Some(503),
            message: "HTTP/1.0 503 Service Unavailable.".into(),
            validation_date_utc: None,
            round_trips: 1,
            attempt: None,
            earlier_confirmed: None,
        };
        assert_eq!(VerdictView::from_redeem(&v, "x").kind, VerdictKind::Unknown);
        assert!(!is_server_failure(Some(502), "Campaign ID not found"));
        assert!(is_server_failure(Some(0), "HTTP/1.1 502 Bad Gateway"));
        let e = ApiError::Api {
            code: 503,
            message: "HTTP/1.0 503 Service Unavailable.".into(),
            http_status: 503,
        };
        assert_eq!(
            VerdictView::from_lookup_error(&e, "x").kind,
            VerdictKind::CheckFailed
        );
    }

    #[test]
    fn a_network_failure_on_lookup_is_check_failed_and_retryable() {
        let v = VerdictView::from_lookup_error(&ApiError::Unreachable("refused".into()), "abcdefg");
        assert_eq!(v.kind, VerdictKind::CheckFailed);
        assert!(v.retry.is_some());
    }
}
