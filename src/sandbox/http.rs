//! The router: every endpoint under `/v3/`, fault injection around all of them, and the
//! profile's renderer around that.

use super::handlers::{barcode, batch, coupons, delivery, lists, sessions, singleuse};
use super::inject;
use super::render;
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
        .route("/couponsession/barcode", post(barcode::barcode))
        .route("/coupon/list", post(coupons::list))
        .route("/coupon/info", post(coupons::info))
        .route("/campaign/data", post(lists::data))
        .route("/campaign/opens", post(lists::opens))
        .route("/campaign/claims", post(lists::claims))
        .route("/campaign/validations", post(lists::validations))
        .route("/batch/update", post(batch::update))
        .route("/singleuse/create", post(singleuse::create))
        .route("/multiplesingleuse/create", post(singleuse::create_many))
        .route("/send/email", post(delivery::email))
        .route("/send/sms", post(delivery::sms))
        .route("/coupon/pushnotification/list", post(delivery::push));
    Router::new()
        .nest("/v3", v3)
        .fallback(|| async { ApiFailure::not_found() })
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            inject::inject,
        ))
        // Outermost: injected failures are shaped by the profile too.
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            render::render,
        ))
        .with_state(state)
}
