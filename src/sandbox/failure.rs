//! A refused request, answered in the published failure envelope. Apart from reading requests
//! (`request`) so that the shared state (`state`) can speak of failures without depending on it.

use super::rules::Refusal;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

/// The seed's text for code 1000.
pub const BAD_CREDENTIALS: &str = "HTTP/1.0 401 Unauthorized. Client ID or Secret not correct.";

/// A refused request: HTTP status, error code and message, answered as
/// `{"status":{"status":"failed","errors":{"error_code":N,"error_message":"..."}}}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiFailure {
    pub http: StatusCode,
    pub code: u16,
    pub message: String,
}

impl ApiFailure {
    /// A documented error (HTTP 422).
    pub fn documented(code: u16, message: impl Into<String>) -> Self {
        Self {
            http: StatusCode::UNPROCESSABLE_ENTITY,
            code,
            message: message.into(),
        }
    }

    /// HTTP 400 with error code 400 (the barcode endpoint's errors, unreadable bodies).
    pub fn bad_request(message: impl Into<String>) -> Self {
        Self {
            http: StatusCode::BAD_REQUEST,
            code: 400,
            message: message.into(),
        }
    }

    pub fn unauthorized() -> Self {
        Self {
            http: StatusCode::UNAUTHORIZED,
            code: 1000,
            message: BAD_CREDENTIALS.to_string(),
        }
    }

    pub fn internal() -> Self {
        Self {
            http: StatusCode::INTERNAL_SERVER_ERROR,
            code: 500,
            message: "HTTP/1.0 500 Internal Server Error.".to_string(),
        }
    }

    pub fn unavailable() -> Self {
        Self {
            http: StatusCode::SERVICE_UNAVAILABLE,
            code: 503,
            message: "HTTP/1.0 503 Service Unavailable.".to_string(),
        }
    }

    pub fn not_found() -> Self {
        Self {
            http: StatusCode::NOT_FOUND,
            code: 404,
            message: "HTTP/1.0 404 Not Found. No such endpoint.".to_string(),
        }
    }

    /// 200 "Missing parameter: NAME".
    pub fn missing(name: &str) -> Self {
        Self::documented(200, format!("Missing parameter: {name}"))
    }
}

impl From<Refusal> for ApiFailure {
    fn from(r: Refusal) -> Self {
        Self::documented(r.code, r.message)
    }
}

impl From<rusqlite::Error> for ApiFailure {
    fn from(error: rusqlite::Error) -> Self {
        tracing::error!(%error, "sandbox database error");
        Self::internal()
    }
}

impl IntoResponse for ApiFailure {
    fn into_response(self) -> Response {
        let body = serde_json::json!({
            "status": {
                "status": "failed",
                "errors": { "error_code": self.code, "error_message": self.message }
            }
        });
        // The documented body; `render.rs` rewrites it when the sandbox plays another profile.
        let mut response = (self.http, axum::Json(body)).into_response();
        response.extensions_mut().insert(self);
        response
    }
}
