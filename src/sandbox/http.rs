//! The router: every endpoint under `/v3/`, fault injection around all of them.

use super::faults;
use super::handlers::{barcode, sessions};
use super::request::ApiFailure;
use super::state::AppState;
use axum::routing::post;
use axum::Router;

pub fn router(state: AppState) -> Router {
    let v3 = Router::new()
        .route("/couponsession/data", post(sessions::data))
        .route("/couponsession/update", post(sessions::update))
        .route("/couponsession/search", post(sessions::search_all))
        .route("/campaignsession/search", post(sessions::search_campaign))
        .route("/singleuse/remove", post(sessions::remove))
        .route("/couponsession/barcode", post(barcode::barcode));
    Router::new()
        .nest("/v3", v3)
        .fallback(|| async { ApiFailure::not_found() })
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            faults::inject,
        ))
        .with_state(state)
}
