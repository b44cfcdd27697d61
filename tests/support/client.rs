//! The one place a test builds a `ClientConfig`: demo credentials and timeouts that only a hang
//! reaches; change a field with struct update syntax (`ClientConfig { request_timeout, ..config(url) }`).

use coupon_kiosk::api::{ApiError, Client, ClientConfig, SessionCode};
use coupon_kiosk::sandbox::{SandboxHandle, DEMO_CLIENT_ID, DEMO_CLIENT_SECRET};
use std::time::Duration;

/// Demo credentials at `base_url`, 2 s to connect, 5 s for an answer.
pub fn config(base_url: impl Into<String>) -> ClientConfig {
    ClientConfig {
        base_url: base_url.into(),
        client_id: DEMO_CLIENT_ID.into(),
        client_secret: DEMO_CLIENT_SECRET.into(),
        connect_timeout: Duration::from_secs(2),
        request_timeout: Duration::from_secs(5),
        allow_insecure_http: false,
    }
}

/// A client for this configuration (loopback URLs only, so it always builds).
pub fn build(config: ClientConfig) -> Client {
    Client::new(config).unwrap_or_else(|e| panic!("client: {e}"))
}

/// A client with the demo credentials at `base_url`.
pub fn at(base_url: impl Into<String>) -> Client {
    build(config(base_url))
}

/// A client with the demo credentials for this sandbox.
pub fn for_sandbox(sb: &SandboxHandle) -> Client {
    at(sb.base_url())
}

/// A base URL where nothing listens (a port bound, then released): connecting is refused at once.
pub fn closed_port_url() -> String {
    let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap_or_else(|e| panic!("{e}"));
    let addr = l.local_addr().unwrap_or_else(|e| panic!("{e}"));
    drop(l);
    format!("http://{addr}")
}

/// A session code the test knows is well formed.
pub fn code(c: &str) -> SessionCode {
    SessionCode::parse(c).unwrap_or_else(|e| panic!("{c}: {e}"))
}

/// The documented refusal's (code, message); anything else fails the test.
#[track_caller]
pub fn refusal(e: ApiError) -> (u32, String) {
    match e {
        ApiError::Api { code, message, .. } => (code, message),
        other => panic!("expected a documented refusal, got {other:?}"),
    }
}
