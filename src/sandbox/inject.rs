//! The fault-injection middleware: the plan's latency, then maybe a failure before or after the
//! handler runs (the dice and the killable connections are `faults`').

use super::config::FailureKind;
use super::failure::ApiFailure;
use super::faults::ConnSwitch;
use super::state::AppState;
use axum::extract::{ConnectInfo, Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// Middleware: latency, then maybe a failure before or after the handler runs.
pub async fn inject(
    State(state): State<AppState>,
    ConnectInfo(conn): ConnectInfo<ConnSwitch>,
    req: Request,
    next: Next,
) -> Response {
    let latency = state.faults.latency();
    if !latency.is_zero() {
        tokio::time::sleep(latency).await;
    }
    let path = req.uri().path().trim_start_matches('/');
    let path = path.strip_prefix("v3/").unwrap_or(path).to_string();
    let Some(kind) = state.faults.draw(&path) else {
        return next.run(req).await;
    };
    tracing::info!(?kind, %path, "sandbox: injected failure");
    match kind {
        FailureKind::UnavailableBefore => ApiFailure::unavailable().into_response(),
        FailureKind::DropBefore => {
            conn.kill();
            ApiFailure::unavailable().into_response()
        }
        FailureKind::UnavailableAfterCommit => {
            let _committed = next.run(req).await;
            ApiFailure::unavailable().into_response()
        }
        FailureKind::DropAfterCommit => {
            let answer = next.run(req).await;
            conn.kill();
            answer
        }
    }
}
