//! Reading a request (JSON or form body, credentials in headers or body) and answering a
//! failure in the published envelope.

pub use super::failure::ApiFailure;
use super::state::AppState;
use axum::extract::{FromRequest, Request};
use axum::http::{header, StatusCode};
use std::collections::HashMap;

/// Largest request body read (a `multiplesingleuse/create` request is a few hundred bytes).
const MAX_BODY: usize = 1024 * 1024;

/// The request's parameters (body and query string), after the credentials were checked.
#[derive(Debug, Clone, Default)]
pub struct Params(HashMap<String, String>);

impl Params {
    /// The trimmed value, `None` when absent or blank (blank counts as missing).
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0.get(name).map(|v| v.trim()).filter(|v| !v.is_empty())
    }

    /// The value or 200 "Missing parameter: NAME".
    pub fn require(&self, name: &str) -> Result<&str, ApiFailure> {
        self.get(name).ok_or_else(|| ApiFailure::missing(name))
    }

    /// `true` / `1` / `yes` (any case) are true; anything else, or absent, is false.
    pub fn flag(&self, name: &str) -> bool {
        self.get(name)
            .is_some_and(|v| matches!(v.to_ascii_lowercase().as_str(), "true" | "1" | "yes"))
    }

    #[cfg(test)]
    pub fn from_pairs(pairs: &[(&str, &str)]) -> Self {
        Self(
            pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        )
    }
}

/// Why a body could not be read.
#[derive(Debug)]
struct Unreadable;

fn parse_body(content_type: &str, body: &[u8]) -> Result<HashMap<String, String>, Unreadable> {
    let trimmed = body.trim_ascii();
    if trimmed.is_empty() {
        return Ok(HashMap::new());
    }
    let json = content_type.contains("json") || (!content_type.contains("form") && trimmed.starts_with(b"{"));
    if json {
        let value: serde_json::Value = serde_json::from_slice(trimmed).map_err(|_| Unreadable)?;
        let object = value.as_object().ok_or(Unreadable)?;
        Ok(object
            .iter()
            .filter_map(|(k, v)| {
                let text = match v {
                    serde_json::Value::String(s) => s.clone(),
                    serde_json::Value::Number(n) => n.to_string(),
                    serde_json::Value::Bool(b) => b.to_string(),
                    // Null, arrays and objects are no value the API takes.
                    _ => return None,
                };
                Some((k.clone(), text))
            })
            .collect())
    } else {
        serde_urlencoded::from_bytes::<Vec<(String, String)>>(trimmed)
            .map(|pairs| pairs.into_iter().collect())
            .map_err(|_| Unreadable)
    }
}

impl FromRequest<AppState> for Params {
    type Rejection = ApiFailure;

    async fn from_request(req: Request, state: &AppState) -> Result<Self, ApiFailure> {
        let (parts, body) = req.into_parts();
        let header = |name: &str| {
            parts
                .headers
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::trim)
        };
        let matches = |id: Option<&str>, secret: Option<&str>| {
            id == Some(state.client_id.as_str()) && secret == Some(state.client_secret.as_str())
        };
        let header_ok = matches(header("x-client-id"), header("x-client-secret"));
        let content_type = header(header::CONTENT_TYPE.as_str())
            .unwrap_or_default()
            .to_ascii_lowercase();
        let refuse_unreadable = |what: &str| {
            if header_ok {
                ApiFailure::bad_request(format!("HTTP/1.0 400 Bad Request. {what}"))
            } else {
                ApiFailure::unauthorized()
            }
        };
        let bytes = tokio::time::timeout(state.body_read_timeout, axum::body::to_bytes(body, MAX_BODY))
            .await
            .map_err(|_| ApiFailure {
                http: StatusCode::REQUEST_TIMEOUT,
                code: 408,
                message: "HTTP/1.0 408 Request Timeout. The request body did not arrive in time.".into(),
            })?
            .map_err(|_| refuse_unreadable("The request body is too large or could not be read."))?;
        let mut params: HashMap<String, String> = parts
            .uri
            .query()
            .and_then(|q| serde_urlencoded::from_str::<Vec<(String, String)>>(q).ok())
            .unwrap_or_default()
            .into_iter()
            .collect();
        let body_params = parse_body(&content_type, &bytes)
            .map_err(|Unreadable| refuse_unreadable("The body is neither a JSON object nor form data."))?;
        params.extend(body_params);
        let body_ok = matches(
            params.get("client_id").map(|s| s.trim()),
            params.get("client_secret").map(|s| s.trim()),
        );
        if !(header_ok || body_ok) {
            return Err(ApiFailure::unauthorized());
        }
        params.remove("client_secret");
        Ok(Params(params))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bodies_in_json_and_form_read_alike() {
        let json = parse_body(
            "application/json",
            br#"{"couponsession":"ac6s7u","page":2,"x":null,"on":true}"#,
        )
        .unwrap();
        assert_eq!(json.get("couponsession").map(String::as_str), Some("ac6s7u"));
        assert_eq!(json.get("page").map(String::as_str), Some("2"));
        assert_eq!(json.get("on").map(String::as_str), Some("true"));
        assert!(!json.contains_key("x"));
        let form = parse_body(
            "application/x-www-form-urlencoded",
            b"couponsession=ac6s7u&email=a%40b.c",
        )
        .unwrap();
        assert_eq!(form.get("email").map(String::as_str), Some("a@b.c"));
        // No content type: sniffed.
        assert!(parse_body("", br#"{"a":"b"}"#).unwrap().contains_key("a"));
        assert!(parse_body("", b"a=b").unwrap().contains_key("a"));
        assert!(parse_body("application/json", b"[1,2]").is_err());
        assert!(parse_body("application/json", b"{nope").is_err());
    }

    #[test]
    fn blank_parameters_count_as_missing() {
        let p = Params::from_pairs(&[("campaign", "  "), ("page", " 2 ")]);
        assert_eq!(p.get("campaign"), None);
        assert_eq!(p.get("page"), Some("2"));
        assert_eq!(p.require("campaign"), Err(ApiFailure::missing("campaign")));
    }
}
