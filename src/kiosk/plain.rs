//! What a cashier is told when something fails: one plain sentence. Error codes, HTTP statuses
//! and the server's developer words go to the journal, the log and F1 (`State::last_problem`),
//! never to the verdict or notice line.

use crate::api::{ApiError, Refusal};

/// One plain sentence for a failed request.
pub fn of_error(e: &ApiError) -> String {
    match e {
        ApiError::Api {
            code,
            message,
            http_status,
        } if *http_status < 500 => of_refusal(*code, message),
        ApiError::Api { .. } => "The server failed.".into(),
        ApiError::Unreachable(_) => "The server cannot be reached.".into(),
        ApiError::Uncertain(_) => "No answer from the server.".into(),
        ApiError::UnexpectedResponse { .. } => "The server's answer could not be read.".into(),
        ApiError::Config(_) => "The kiosk's account settings are incomplete.".into(),
        // Refused here, before any request: already in a person's words.
        ApiError::InvalidInput(m) => m.clone(),
    }
}

/// One plain sentence for a documented refusal (`code`, the server's `message`).
pub fn of_refusal(code: u32, message: &str) -> String {
    let refusal = crate::api::error::classify_refusal(code, message);
    match refusal {
        Refusal::AlreadyValidated => "This coupon was already used.".into(),
        Refusal::Expired => "This coupon has expired.".into(),
        Refusal::Voided => "This coupon is voided.".into(),
        Refusal::Locked => "This coupon is locked.".into(),
        Refusal::NotFound => "No coupon has this code.".into(),
        Refusal::NotClaimed => "No customer has claimed this coupon yet.".into(),
        // The session-state refusals (35x) are the server's plain sentences ("Session was
        // already unlocked"); anything else (parameters, campaigns, HTTP) is not for the till.
        Refusal::Other if (350..400).contains(&code) && !message.trim().is_empty() => {
            let m = message.trim().trim_end_matches('.');
            format!("{m}.")
        }
        Refusal::Other => "The server refused this request.".into(),
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
