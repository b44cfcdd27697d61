//! The response envelope: is this answer a success, a documented failure, or not the API at all?
//!
//! Success is `{"status":{"status":"OK"}, ...payload...}`. Failure comes in two published forms
//! (API-NOTES.md):
//! - `{"status":{"status":"failed","errors":{"error_code":1000,"error_message":"..."}}}`
//! - `{"status":{"status":"failed","errors":{"error_message":"HTTP/1.0 422 ...",
//!   "error_message_description":["Webhook not found."],"error_code":[509]}}}`
//!
//! The envelope decides, not the HTTP status: a 200 carrying a failure envelope is a failure, and
//! a non-2xx status without any envelope is an unexpected answer.

use super::error::ApiError;
use serde_json::Value;

/// Longest excerpt of an unexpected body quoted in an error message.
const EXCERPT_CHARS: usize = 60;

/// Decodes one HTTP answer into the JSON payload of a success envelope.
///
/// `redact` lists strings that must never appear in an error message (the client secret):
/// a misbehaving server might echo them back.
pub fn interpret(
    http_status: u16,
    content_type: Option<&str>,
    body: &[u8],
    redact: &[&str],
) -> Result<Value, ApiError> {
    interpret_for(http_status, content_type, body, redact, false)
}

/// [`interpret`], where `changing` says the call changes the account (update, batch, remove,
/// issue, send): for those only the OK envelope confirms, and a 2xx JSON without any envelope is
/// an unexpected answer (the change may or may not have been made).
pub fn interpret_for(
    http_status: u16,
    content_type: Option<&str>,
    body: &[u8],
    redact: &[&str],
    changing: bool,
) -> Result<Value, ApiError> {
    let value: Value = match serde_json::from_slice(body) {
        Ok(v) => v,
        // Also a gateway's error page (502/504 with HTML, profile http-errors): unexpected, and so
        // uncertain for a changing call (`ApiError::is_uncertain`).
        Err(_) => return Err(not_json(http_status, content_type, body, redact)),
    };
    judge(http_status, value, redact, changing)
}

/// The not-JSON error of [`interpret_for`], for a reader that parses the body its own way.
pub(crate) fn not_json(
    http_status: u16,
    content_type: Option<&str>,
    body: &[u8],
    redact: &[&str],
) -> ApiError {
    ApiError::UnexpectedResponse {
        http_status,
        detail: redact_all(&describe_non_json(content_type, body), redact),
    }
}

/// Judges an answer already parsed as JSON: its payload when the envelope says success (or, for
/// a call that changes nothing, when there is no envelope), else the error it is.
pub(crate) fn judge(
    http_status: u16,
    value: Value,
    redact: &[&str],
    changing: bool,
) -> Result<Value, ApiError> {
    let unexpected = |detail: String| ApiError::UnexpectedResponse {
        http_status,
        detail: redact_all(&detail, redact),
    };
    match envelope_status(&value) {
        Some(status) if status.eq_ignore_ascii_case("ok") || status.eq_ignore_ascii_case("success") => {
            Ok(value)
        }
        Some(status) if status.eq_ignore_ascii_case("failed") || status.eq_ignore_ascii_case("error") => {
            let (code, message) = failure_details(&value);
            if message.is_empty() && code == 0 {
                return Err(unexpected(
                    "a failure envelope without an error code or message".to_string(),
                ));
            }
            let message = redact_all(&message, redact);
            if http_status >= 500 {
                // A server error is not a documented refusal: the request may or may not have
                // been carried out before it failed.
                return Err(ApiError::Uncertain(format!(
                    "the server failed (HTTP {http_status}): {}",
                    excerpt(&message)
                )));
            }
            Err(ApiError::Api {
                code,
                message,
                http_status,
            })
        }
        Some(other) => Err(unexpected(format!(
            "JSON with an unknown status {:?}",
            excerpt(other)
        ))),
        // No envelope at all: acceptable only as a successful answer (some payloads, such as a
        // bare array of search results, come without one).
        None if (200..300).contains(&http_status) && !changing => Ok(value),
        None if changing => Err(unexpected(format!(
            "JSON without a status envelope from a call that changes the account: {}",
            shape_of(&value)
        ))),
        None => Err(unexpected(format!(
            "JSON without a status envelope: {}",
            shape_of(&value)
        ))),
    }
}

/// `status.status` (the published form), or a bare `status` string.
fn envelope_status(value: &Value) -> Option<&str> {
    match value.get("status")? {
        Value::Object(inner) => inner.get("status").and_then(Value::as_str),
        Value::String(s) => Some(s.as_str()),
        _ => None,
    }
}

/// The error code and the message a person should read, from either published failure form.
fn failure_details(value: &Value) -> (u32, String) {
    let errors = value
        .pointer("/status/errors")
        .or_else(|| value.get("errors"))
        .cloned()
        .unwrap_or(Value::Null);
    // `errors` may itself be a list of error objects; the first one speaks for the answer.
    let errors = match errors {
        Value::Array(items) => items.into_iter().next().unwrap_or(Value::Null),
        other => other,
    };
    let code = first_code(errors.get("error_code")).unwrap_or(0);
    let headline = errors
        .get("error_message")
        .map(strings_of)
        .unwrap_or_default()
        .join("; ");
    let description = errors
        .get("error_message_description")
        .map(strings_of)
        .unwrap_or_default()
        .join("; ");
    // The description (second form) says what happened; the headline is then only the HTTP line.
    let message = if description.is_empty() {
        strip_http_line(&headline)
    } else {
        description
    };
    (code, message)
}

/// `1000`, `"1000"`, `[509]` or `["509"]` -> the first code.
fn first_code(v: Option<&Value>) -> Option<u32> {
    match v? {
        Value::Number(n) => n.as_u64().and_then(|n| u32::try_from(n).ok()),
        Value::String(s) => s.trim().parse().ok(),
        Value::Array(items) => items.iter().find_map(|i| first_code(Some(i))),
        _ => None,
    }
}

fn strings_of(v: &Value) -> Vec<String> {
    match v {
        Value::String(s) => vec![s.trim().to_string()],
        Value::Array(items) => items.iter().flat_map(strings_of).collect(),
        Value::Number(n) => vec![n.to_string()],
        _ => Vec::new(),
    }
    .into_iter()
    .filter(|s| !s.is_empty())
    .collect()
}

/// "HTTP/1.0 401 Unauthorized. Client ID or Secret not correct." -> "Client ID or Secret not correct."
/// A message that is only the HTTP line is kept as it is.
fn strip_http_line(message: &str) -> String {
    let m = message.trim();
    if !m.starts_with("HTTP/") {
        return m.to_string();
    }
    match m.split_once(". ") {
        Some((_, rest)) if !rest.trim().is_empty() => rest.trim().to_string(),
        _ => m.to_string(),
    }
}

/// Names what came back instead of JSON, without dumping it.
fn describe_non_json(content_type: Option<&str>, body: &[u8]) -> String {
    let ct = content_type.map(|c| format!(" ({c})")).unwrap_or_default();
    if body.is_empty() {
        return format!("an empty body{ct}");
    }
    let text = String::from_utf8_lossy(&body[..body.len().min(512)]);
    let lower = text.trim_start().to_ascii_lowercase();
    let kind = if lower.starts_with("<!doctype html") || lower.starts_with("<html") {
        "an HTML page"
    } else if lower.starts_with('<') {
        "XML or HTML"
    } else if std::str::from_utf8(body).is_err() {
        "binary data"
    } else {
        "text that is not JSON"
    };
    format!("{kind}{ct}, {} bytes, starting {:?}", body.len(), excerpt(&text))
}

/// A short, printable excerpt: control characters dropped, at most `EXCERPT_CHARS`.
pub(crate) fn excerpt(s: &str) -> String {
    let cleaned: String = s.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
    let squeezed = cleaned.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out: String = squeezed.chars().take(EXCERPT_CHARS).collect();
    if squeezed.chars().count() > EXCERPT_CHARS {
        out.push('…');
    }
    out
}

/// The text with control characters (a server's escape sequences) replaced by spaces.
pub(crate) fn printable(s: &str) -> String {
    s.chars().map(|c| if c.is_control() { ' ' } else { c }).collect()
}

/// "an object with keys a, b, c" / "an array of 3" / "a string", for error messages.
pub(crate) fn shape_of(v: &Value) -> String {
    match v {
        Value::Object(map) => {
            let keys: Vec<&str> = map.keys().take(8).map(String::as_str).collect();
            if keys.is_empty() {
                "an empty object".into()
            } else {
                format!("an object with keys {}", keys.join(", "))
            }
        }
        Value::Array(items) => format!("an array of {}", items.len()),
        Value::String(_) => "a string".into(),
        Value::Number(_) => "a number".into(),
        Value::Bool(_) => "a boolean".into(),
        Value::Null => "null".into(),
    }
}

pub(crate) fn redact_all(text: &str, secrets: &[&str]) -> String {
    secrets
        .iter()
        .filter(|s| s.len() >= 3)
        .fold(text.to_string(), |acc, s| acc.replace(s, "<redacted>"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn http_line_is_stripped_only_when_more_follows() {
        assert_eq!(
            strip_http_line("HTTP/1.0 401 Unauthorized. Client ID or Secret not correct."),
            "Client ID or Secret not correct."
        );
        assert_eq!(
            strip_http_line("HTTP/1.0 422 Unprocessable entity."),
            "HTTP/1.0 422 Unprocessable entity."
        );
        assert_eq!(
            strip_http_line("Coupon session not found"),
            "Coupon session not found"
        );
    }

    #[test]
    fn excerpts_are_short_and_printable() {
        let e = excerpt(&format!("a\u{1b}[31mb\n{}", "x".repeat(100)));
        assert!(!e.contains('\u{1b}'));
        assert!(e.chars().count() <= EXCERPT_CHARS + 1);
    }

    #[test]
    fn a_changing_call_needs_the_envelope() {
        assert!(interpret_for(200, None, b"{}", &[], false).is_ok());
        let e = interpret_for(200, None, b"{}", &[], true).unwrap_err();
        assert!(matches!(e, ApiError::UnexpectedResponse { .. }), "{e}");
        assert!(e.to_string().contains("an empty object"), "{e}");
        let ok = br#"{"status":{"status":"OK"},"updated":1}"#;
        assert!(interpret_for(200, None, ok, &[], true).is_ok());
    }

    #[test]
    fn secrets_echoed_by_a_server_are_redacted() {
        let err = interpret(
            500,
            Some("text/plain"),
            b"bad secret s3cr3t-value",
            &["s3cr3t-value"],
        )
        .unwrap_err()
        .to_string();
        assert!(!err.contains("s3cr3t-value"), "{err}");
        assert!(err.contains("<redacted>"), "{err}");
    }
}
