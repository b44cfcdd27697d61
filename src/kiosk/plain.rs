//! What a cashier is told when something fails: one plain sentence. Error codes, HTTP statuses
//! and the server's developer words go to the journal, the log and F1 (`State::last_problem`),
//! never to the verdict or notice line.

use super::msg::StaffError;
use crate::api::{ApiError, Refusal};
use crate::i18n::{Language, Said};

/// One plain sentence for a failed request, in English (the journal and the English screen).
pub fn of_error(e: &ApiError) -> String {
    match e {
        ApiError::Api {
            code,
            message,
            http_status,
        } if *http_status < 500 => of_refusal(*code, message),
        // Refused here, before any request: already in a person's words.
        ApiError::InvalidInput(m) => m.clone(),
        _ => said_of_error(e)
            .map(|s| s.in_language(Language::En))
            .unwrap_or_default(),
    }
}

/// The plain sentence for a failed request as a message, to say in the cashier's language.
/// None for input refused before any request (its own English words; the screen says the
/// verdict's own reason instead).
pub fn said_of_error(e: &ApiError) -> Option<Said> {
    let id = match e {
        ApiError::Api {
            code,
            message,
            http_status,
        } if *http_status < 500 => return Some(said_of_refusal(*code, message)),
        ApiError::Api { .. } => "plain-server-failed",
        ApiError::Unreachable(_) => "plain-unreachable",
        ApiError::Uncertain(_) => "plain-no-answer",
        ApiError::UnexpectedResponse { .. } => "plain-unreadable-answer",
        ApiError::Config(_) => "plain-settings-incomplete",
        ApiError::InvalidInput(_) => return None,
    };
    Some(Said::new(id))
}

/// A failed staff action as a message, to say in the cashier's language. None, as for
/// `said_of_error`, for input the API's own checks refused before any request.
pub fn said_of_staff_error(e: &StaffError) -> Option<Said> {
    match e {
        StaffError::NotOurs => Some(Said::new("staff-not-ours")),
        StaffError::NoCampaign => Some(Said::new("staff-no-campaign")),
        StaffError::JournalUnreadable(_) => Some(Said::new("staff-journal-unreadable")),
        StaffError::Api(e) => said_of_error(e),
    }
}

/// One plain sentence for a documented refusal (`code`, the server's `message`), in English.
/// The session-state refusals (35x) are the server's own plain sentences ("Session was already
/// unlocked"): English says them as they are; other languages say `said_of_refusal`.
pub fn of_refusal(code: u32, message: &str) -> String {
    let refusal = crate::api::error::classify_refusal(code, message);
    match refusal {
        Refusal::Other if (350..400).contains(&code) && !message.trim().is_empty() => {
            let m = message.trim().trim_end_matches('.');
            format!("{m}.")
        }
        _ => said_of_refusal(code, message).in_language(Language::En),
    }
}

/// A documented refusal as a message. Parameters, campaigns and HTTP refusals are not for the
/// till: one sentence says the server refused; its own words go to the journal and F1.
pub fn said_of_refusal(code: u32, message: &str) -> Said {
    let id = match crate::api::error::classify_refusal(code, message) {
        Refusal::AlreadyValidated => "plain-already-used",
        Refusal::Expired => "plain-expired",
        Refusal::Voided => "plain-voided",
        Refusal::Locked => "plain-locked",
        Refusal::NotFound => "plain-not-found",
        Refusal::NotClaimed => "plain-not-claimed",
        Refusal::Other if (350..400).contains(&code) => "plain-session-state-refused",
        Refusal::Other => "plain-refused",
    };
    Said::new(id)
}

/// A scan refused before any request, as a message.
pub fn said_of_scan_error(e: &crate::scan::ScanError) -> Said {
    use crate::scan::ScanError;
    match e {
        ScanError::Empty => Said::new("scan-error-empty"),
        ScanError::TooLong(n) => {
            Said::new("scan-error-too-long").number("count", u64::try_from(*n).unwrap_or(u64::MAX))
        }
        ScanError::ControlCharacter => Said::new("scan-error-control-character"),
        ScanError::InvalidCharacter(c) => {
            Said::new("scan-error-invalid-character").text("char", format!("{c:?}"))
        }
        ScanError::TooShort => {
            Said::new("scan-error-too-short").number("min", crate::scan::MIN_SEARCH_LEN as u64)
        }
        ScanError::UrlWithoutSession => Said::new("scan-error-url-without-session"),
    }
}

/// The same failure in technical words, for the journal, the log and F1.
pub fn technical(code: Option<u32>, message: &str) -> String {
    match code {
        Some(c) => format!("{message} (error {c})"),
        None => message.to_string(),
    }
}

/// True when `text` shows a bare error code or HTTP status: what a cashier's line must never hold.
pub fn has_code(text: &str) -> bool {
    let t = text.to_ascii_lowercase();
    t.contains("(error ")
        || t.contains("error 5")
        || t.contains("error 3")
        || t.contains("http/")
        || t.contains("http ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn api(code: u32, message: &str, http_status: u16) -> ApiError {
        ApiError::Api {
            code,
            message: message.into(),
            http_status,
        }
    }

    #[test]
    fn no_sentence_holds_a_code_or_an_http_status() {
        let errors = [
            api(513, "Coupon session not found", 404),
            api(302, "Invalid value in parameter: operation", 400),
            api(300, "Search field 'email' must be at least 5 characters", 400),
            api(353, "Session was already unvalidated", 400),
            api(503, "HTTP/1.0 503 Service Unavailable", 503),
            api(0, "HTTP/1.1 502 Bad Gateway", 502),
            ApiError::Uncertain("timed out after 5 s".into()),
            ApiError::Unreachable("connection refused (os error 111)".into()),
            ApiError::UnexpectedResponse {
                http_status: 200,
                detail: "not JSON".into(),
            },
        ];
        for e in &errors {
            let s = of_error(e);
            assert!(
                !has_code(&s) && !s.contains("parameter") && !s.contains("os error"),
                "{e}: {s}"
            );
            assert!(
                has_code(&e.to_string()) || !matches!(e, ApiError::Api { .. }),
                "{e}"
            );
        }
        assert_eq!(of_error(&errors[0]), "No coupon has this code.");
        assert_eq!(of_error(&errors[1]), "The server refused this request.");
        assert_eq!(of_error(&errors[3]), "Session was already unvalidated.");
    }
}
