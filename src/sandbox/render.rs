//! The last step of every answer: handlers hand back a JSON value (`wire::ok`) or a failure
//! (`ApiFailure`), and this layer writes it to the wire in the shape the sandbox's profile
//! asks for (`profile.rs`). Answers that are not JSON (barcode images) pass through untouched.

use super::dates;
use super::profile::{ErrorStatus, Profile};
use super::request::ApiFailure;
use super::state::AppState;
use axum::extract::{Request, State};
use axum::http::{header, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde_json::{json, Map, Value};

/// A success payload (with its envelope) waiting to be written.
#[derive(Debug, Clone)]
pub struct WireAnswer(pub Value);

impl IntoResponse for WireAnswer {
    fn into_response(self) -> Response {
        let mut response = StatusCode::OK.into_response();
        response.extensions_mut().insert(self);
        response
    }
}

/// Middleware: writes `WireAnswer` and `ApiFailure` extensions as the profile says.
pub async fn render(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let mut response = next.run(req).await;
    if let Some(WireAnswer(value)) = response.extensions_mut().remove::<WireAnswer>() {
        return json_response(StatusCode::OK, &success(&state.profile, value));
    }
    if let Some(failure) = response.extensions_mut().remove::<ApiFailure>() {
        return failure_response(&state.profile, failure);
    }
    response
}

fn json_response(status: StatusCode, value: &Value) -> Response {
    let body = serde_json::to_vec(value).unwrap_or_default();
    (status, [(header::CONTENT_TYPE, "application/json")], body).into_response()
}

/// The success envelope's payload in the profile's shape.
pub fn success(profile: &Profile, mut value: Value) -> Value {
    if !profile.empty_fields_sent {
        drop_empty(&mut value);
    }
    if profile.loose_types {
        loosen(&mut value, None);
    }
    if profile.lists_as_objects {
        arrays_to_objects(&mut value);
    }
    value
}

fn failure_response(profile: &Profile, f: ApiFailure) -> Response {
    let server_trouble = f.http.is_server_error();
    let (status, message) = match profile.errors {
        ErrorStatus::Documented => (f.http, f.message),
        ErrorStatus::NamedInText => {
            let message = if f.message.starts_with("HTTP/") {
                f.message
            } else {
                format!("{}. {}", http_line(f.http), f.message)
            };
            (f.http, message)
        }
        ErrorStatus::Fitting4xx if server_trouble => {
            // A gateway in front of the API: no envelope at all, an HTML page.
            let status = if f.http == StatusCode::SERVICE_UNAVAILABLE {
                StatusCode::GATEWAY_TIMEOUT
            } else {
                StatusCode::BAD_GATEWAY
            };
            let page = format!(
                "<!DOCTYPE html>\n<html><head><title>{status}</title></head>\
                 <body><h1>{status}</h1><hr><center>nginx</center></body></html>\n"
            );
            return (status, [(header::CONTENT_TYPE, "text/html")], page).into_response();
        }
        ErrorStatus::Fitting4xx => (fitting_status(&f), f.message),
    };
    let code = if profile.loose_types {
        Value::String(f.code.to_string())
    } else {
        json!(f.code)
    };
    let body = json!({
        "status": {
            "status": "failed",
            "errors": { "error_code": code, "error_message": message }
        }
    });
    json_response(status, &body)
}

/// `HTTP/1.0 422 Unprocessable entity`, as the published failure envelope writes it.
fn http_line(status: StatusCode) -> String {
    let reason = match status.as_u16() {
        422 => "Unprocessable entity",
        _ => status.canonical_reason().unwrap_or("Error"),
    };
    format!("HTTP/1.0 {} {reason}", status.as_u16())
}

/// The 4xx a REST-minded server would pick for this refusal.
fn fitting_status(f: &ApiFailure) -> StatusCode {
    match f.code {
        1000 => StatusCode::UNAUTHORIZED,
        404 | 502 | 505 | 512 | 513 | 515 => StatusCode::NOT_FOUND,
        351..=360 => StatusCode::CONFLICT,
        200 | 300..=305 | 400 => StatusCode::BAD_REQUEST,
        _ => f.http,
    }
}

/// Removes `""` and `null` fields (the envelope's own `status` stays).
fn drop_empty(value: &mut Value) {
    match value {
        Value::Object(map) => {
            map.retain(|_, v| !(v.is_null() || v.as_str() == Some("")));
            map.values_mut().for_each(drop_empty);
        }
        Value::Array(items) => items.iter_mut().for_each(drop_empty),
        _ => {}
    }
}

/// Flags the documented form writes as "0"/"1", split between the two other spellings seen in
/// PHP APIs: numbers for these, booleans for the rest.
const NUMERIC_FLAGS: [&str; 4] = ["opened", "played", "saved_to_passbook", "saved_to_androidpay"];
const BOOLEAN_FLAGS: [&str; 4] = ["claimed", "validated", "voided", "locked"];

/// Rewrites values by their key: flags, ids, counts, dates and money in other JSON types.
fn loosen(value: &mut Value, key: Option<&str>) {
    match value {
        Value::Object(map) => {
            for (k, v) in map.iter_mut() {
                loosen(v, Some(k.as_str()));
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|v| loosen(v, None)),
        Value::String(s) => {
            let Some(key) = key else { return };
            if let Some(new) = loosened_text(key, s) {
                *value = new;
            }
        }
        Value::Number(n) => {
            // Counts and sequence ids written as numbers become strings.
            if matches!(
                key,
                Some("sequence_id" | "page" | "total_pages" | "total_results" | "updated")
            ) {
                *value = Value::String(n.to_string());
            }
        }
        _ => {}
    }
}

fn loosened_text(key: &str, s: &str) -> Option<Value> {
    if NUMERIC_FLAGS.contains(&key) {
        return Some(json!(u8::from(s == "1")));
    }
    if BOOLEAN_FLAGS.contains(&key) {
        return Some(Value::Bool(s == "1"));
    }
    if key == "sequenceid" {
        return s.parse::<u64>().ok().map(Value::from);
    }
    if key == "money_spent" {
        // A JSON number with the decimals the text had (the client must not read it as a float).
        return serde_json::from_str::<serde_json::Number>(s)
            .ok()
            .map(Value::Number);
    }
    if key.ends_with("_date_utc") || key == "expiration_date" {
        let t = dates::parse(s)?;
        let rfc = |fraction: &str| {
            format!(
                "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}{fraction}Z",
                t.year(),
                u8::from(t.month()),
                t.day(),
                t.hour(),
                t.minute(),
                t.second()
            )
        };
        return Some(match key {
            "validation_date_utc" => Value::String(rfc("")),
            "expiration_date" | "claim_date_utc" => Value::String(rfc(".000000")),
            _ => json!(t.unix_timestamp()),
        });
    }
    None
}

/// Every array becomes an object keyed "0", "1", … (PHP's `json_encode` of a non-list array).
fn arrays_to_objects(value: &mut Value) {
    match value {
        Value::Object(map) => map.values_mut().for_each(arrays_to_objects),
        Value::Array(items) => {
            let mut map = Map::new();
            for (i, mut item) in std::mem::take(items).into_iter().enumerate() {
                arrays_to_objects(&mut item);
                map.insert(i.to_string(), item);
            }
            *value = Value::Object(map);
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sandbox::profile::ProfileName;

    fn session() -> Value {
        json!({"status":{"status":"OK"},"session":"abc","sequenceid":"7","customid":"",
               "data":{"status":{"validated":"1","opened":"0","validation_date_utc":"2026-11-20 14:03:00",
                                 "created_date_utc":"2026-11-20 14:03:00","money_spent":"12.500",
                                 "expiration_date":""}}})
    }

    #[test]
    fn documented_answers_are_written_as_given() {
        assert_eq!(success(&Profile::default(), session()), session());
    }

    #[test]
    fn loose_types_change_types_not_meanings() {
        let v = success(&ProfileName::LooseTypes.profile(), session());
        let s = &v["data"]["status"];
        assert_eq!(v["sequenceid"], json!(7));
        assert_eq!(s["validated"], json!(true));
        assert_eq!(s["opened"], json!(0));
        assert_eq!(s["validation_date_utc"], "2026-11-20T14:03:00Z");
        assert_eq!(s["created_date_utc"], json!(1_795_183_380));
        assert_eq!(s["money_spent"].to_string(), "12.5");
        assert_eq!(s["expiration_date"], "", "an unset date stays unset");
    }

    #[test]
    fn sparse_leaves_empty_fields_out() {
        let v = success(&ProfileName::Sparse.profile(), session());
        assert!(v.get("customid").is_none() && v["data"]["status"].get("expiration_date").is_none());
        assert_eq!(v["status"]["status"], "OK");
    }

    #[test]
    fn php_arrays_key_lists_by_position() {
        let v = success(
            &ProfileName::PhpArrays.profile(),
            json!({"results":[{"a":[1]},{"b":2}]}),
        );
        assert_eq!(v, json!({"results":{"0":{"a":{"0":1}},"1":{"b":2}}}));
    }
}
