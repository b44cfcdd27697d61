//! `couponsession/barcode`: a PNG of the session code, or HTTP 400 with the seed's texts.

use crate::sandbox::barcode::{self, Symbology};
use crate::sandbox::codes;
use crate::sandbox::request::{ApiFailure, Params};
use crate::sandbox::state::AppState;
use crate::sandbox::store::sessions;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};

pub async fn barcode(State(st): State<AppState>, params: Params) -> Result<Response, ApiFailure> {
    let given = params
        .get("couponsession")
        .ok_or_else(|| ApiFailure::bad_request("Missing parameter: couponsession"))?
        .to_string();
    let does_not_exist = ApiFailure::bad_request(format!("Couponsession {given} does not exist"));
    if !codes::is_code_charset(&given) || !super::profile_knows(&st.profile, &given, false) {
        return Err(does_not_exist);
    }
    let lookup = given.clone();
    let row = st.db(move |c| Ok(sessions::find(c, &lookup)?)).await?;
    let Some(row) = row else {
        return Err(does_not_exist);
    };
    let kind = params
        .get("type")
        .ok_or_else(|| ApiFailure::bad_request("Missing parameter: type"))?;
    let symbology =
        Symbology::parse(kind).ok_or_else(|| ApiFailure::bad_request(format!("Unsupported type: {kind}")))?;
    let content = symbology.content(&row.code);
    // Drawing is CPU work: keep it off the async threads.
    let png = tokio::task::spawn_blocking(move || barcode::png(symbology, &content))
        .await
        .map_err(|_| ApiFailure::internal())?
        .map_err(|error| {
            tracing::error!(%error, "sandbox: barcode drawing failed");
            ApiFailure::internal()
        })?;
    Ok(([(header::CONTENT_TYPE, "image/png")], png).into_response())
}
