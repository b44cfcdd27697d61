//! ApiError: what went wrong, and what it means for a cashier.

/// Why the server refused, read from the documented code AND message (the seed reuses numbers:
/// 358 is both "already validated" and "could not be locked because it is already validated").
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Refusal {
    AlreadyValidated,
    Expired,
    Voided,
    Locked,
    NotFound,
    NotClaimed,
    /// Any other documented refusal; the message says what.
    Other,
}

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// Refused locally before any request: the parameter breaks a limit in the seed.
    #[error("{0}")]
    InvalidInput(String),
    /// The server answered with a documented failure envelope.
    #[error("{message} (error {code})")]
    Api {
        code: u32,
        message: String,
        http_status: u16,
    },
    /// The request may or may not have reached the server (timeout, connection dropped mid-request).
    #[error("no answer from the server: {0}")]
    Uncertain(String),
    /// The request certainly did not reach the server (connection refused, DNS, TLS).
    #[error("cannot reach the server: {0}")]
    Unreachable(String),
    /// The server answered something that is not the API's wire format (HTML, garbage, wrong shape).
    #[error("unexpected answer from the server (HTTP {http_status}): {detail}")]
    UnexpectedResponse { http_status: u16, detail: String },
    /// Settings that cannot work (bad URL, plain http to a remote host, ...).
    #[error("{0}")]
    Config(String),
}

impl ApiError {
    /// A 2xx answer whose body is not what was asked for (`detail` says what it is instead).
    pub fn unexpected_ok(detail: String) -> ApiError {
        ApiError::UnexpectedResponse {
            http_status: 200,
            detail,
        }
    }

    /// What a documented failure means at the counter.
    pub fn refusal(&self) -> Option<Refusal> {
        match self {
            ApiError::Api { code, message, .. } => Some(classify_refusal(*code, message)),
            _ => None,
        }
    }

    /// The cause in a few words, without the kind's own prefix: to go in brackets inside a
    /// sentence that says what the failure means ("connection refused", "HTTP 502").
    pub fn cause(&self) -> String {
        match self {
            ApiError::Uncertain(_) if self.server_failure_status().is_some() => {
                format!(
                    "the server failed, HTTP {}",
                    self.server_failure_status().unwrap_or(0)
                )
            }
            ApiError::Unreachable(d) | ApiError::Uncertain(d) => d.clone(),
            // "an HTML page (text/html), 357 bytes, starting ..." -> "an HTML page".
            ApiError::UnexpectedResponse { detail, .. } => {
                let end = [detail.find(" ("), detail.find(", ")]
                    .into_iter()
                    .flatten()
                    .min()
                    .unwrap_or(detail.len());
                detail[..end].chars().take(100).collect()
            }
            ApiError::Api { code, message, .. } => {
                format!("{}, error {code}", message.trim().trim_end_matches('.'))
            }
            ApiError::InvalidInput(m) | ApiError::Config(m) => m.trim_end_matches('.').to_string(),
        }
    }

    /// The HTTP status of a server failure (5xx) that may have happened after the change.
    pub fn server_failure_status(&self) -> Option<u16> {
        match self {
            ApiError::Uncertain(d) => d
                .strip_prefix(SERVER_FAILED)?
                .split(|c: char| !c.is_ascii_digit())
                .next()?
                .parse()
                .ok(),
            _ => None,
        }
    }

    /// True when the server may have carried out the request: the caller must ask before answering.
    pub fn is_uncertain(&self) -> bool {
        matches!(self, ApiError::Uncertain(_) | ApiError::UnexpectedResponse { .. })
    }

    /// True when the connection failed because the server's certificate was refused (unknown
    /// issuer, self-signed, wrong name, expired): nothing was sent.
    pub fn is_untrusted_certificate(&self) -> bool {
        matches!(self, ApiError::Unreachable(m) if m.starts_with(super::client::UNTRUSTED_CERTIFICATE))
    }
}

/// How an `Uncertain` error made of a server failure (5xx) starts (envelope::interpret writes
/// it); the status follows.
const SERVER_FAILED: &str = "the server failed (HTTP ";

/// Maps a documented error to its meaning, message first where the seed reuses a number.
pub fn classify_refusal(code: u32, message: &str) -> Refusal {
    let m = message.to_ascii_lowercase();
    match code {
        358 if m.contains("already validated") && !m.contains("could not be locked") => {
            Refusal::AlreadyValidated
        }
        351 => Refusal::Expired,
        355 if m.contains("voided") => Refusal::Voided,
        354 if m.contains("locked") => Refusal::Locked,
        512 | 513 => Refusal::NotFound,
        359 => Refusal::NotClaimed,
        _ if m.contains("not claimed") || m.contains("weren't claimed") => Refusal::NotClaimed,
        _ => Refusal::Other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_server_failure_keeps_its_status_and_its_cause_is_short() {
        let body = br#"{"status":{"status":"failed","errors":{"error_code":0,"error_message":"HTTP/1.0 503 Service Unavailable."}}}"#;
        let e = super::super::envelope::interpret(503, Some("application/json"), body, &[])
            .expect_err("a failure");
        assert_eq!(e.server_failure_status(), Some(503), "{e}");
        assert_eq!(e.cause(), "the server failed, HTTP 503");
        let dropped = ApiError::Uncertain("the connection was reset".into());
        assert_eq!(dropped.server_failure_status(), None);
        assert_eq!(dropped.cause(), "the connection was reset");
        let page = ApiError::UnexpectedResponse {
            http_status: 200,
            detail: "an HTML page (text/html), 37 bytes, starting \"<html>\"".into(),
        };
        assert_eq!(page.cause(), "an HTML page");
    }
}
