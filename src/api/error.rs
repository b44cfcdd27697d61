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
