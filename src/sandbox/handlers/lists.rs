//! `campaign/data`, `campaign/opens`, `campaign/claims`, `campaign/validations`: pages of
//! 5000 sessions (page 1 first), filtered by an inclusive UTC date range.
//!
//! The answer carries `amount_of_results` (records on this page) and `data`, as published,
//! plus `page`, `total_pages` and `total_results` so that a reader knows when to stop.

use super::{campaign_or, campaign_param};
use crate::sandbox::dates::{self, FilterDateError, RangeEnd};
use crate::sandbox::request::{ApiFailure, Params};
use crate::sandbox::state::AppState;
use crate::sandbox::store::sessions::{self, ListKind};
use crate::sandbox::wire;
use axum::extract::State;
use axum::response::Response;
use serde_json::json;
use time::OffsetDateTime;

/// Records per page.
pub const PAGE_SIZE: u64 = 5000;

fn filter_date(params: &Params, name: &str, end: RangeEnd) -> Result<Option<OffsetDateTime>, ApiFailure> {
    let Some(raw) = params.get(name) else {
        return Ok(None);
    };
    dates::parse_filter(raw, end).map(Some).map_err(|e| match e {
        FilterDateError::Format => ApiFailure::documented(
            303,
            format!("Parameter {name} must be in the following format: yyyy-MM-dd hh:mm or yyyy-MM-dd"),
        ),
        FilterDateError::Invalid => {
            ApiFailure::documented(303, format!("Parameter {name} is not a valid date"))
        }
    })
}

async fn list(st: AppState, params: Params, kind: ListKind) -> Result<Response, ApiFailure> {
    let campaign = campaign_param(&params)?;
    let page = match params.get("page") {
        None => 1,
        // Digits only (no sign, no decimals), and pages count from 1.
        Some(p) => Some(p)
            .filter(|p| p.bytes().all(|b| b.is_ascii_digit()))
            .and_then(|p| p.parse::<u64>().ok())
            .filter(|p| *p >= 1)
            .ok_or_else(|| ApiFailure::documented(301, "Invalid character in parameter: page"))?,
    };
    let from = filter_date(&params, "start_date", RangeEnd::Start)?;
    let to = filter_date(&params, "end_date", RangeEnd::End)?;
    let (total, rows) = st
        .db(move |conn| {
            campaign_or(conn, &campaign, 502)?;
            Ok(sessions::list_page(
                conn, &campaign, kind, from, to, page, PAGE_SIZE,
            )?)
        })
        .await?;
    let data: Vec<_> = rows.iter().map(wire::list_record).collect();
    let mut answer = json!({
        "amount_of_results": data.len(),
        "page": page,
        "total_pages": total.div_ceil(PAGE_SIZE),
        "total_results": total,
        "data": data,
    });
    if !st.profile.total_pages {
        if let Some(map) = answer.as_object_mut() {
            map.remove("total_pages");
            map.remove("total_results");
        }
    }
    Ok(wire::ok(answer))
}

pub async fn data(State(st): State<AppState>, params: Params) -> Result<Response, ApiFailure> {
    list(st, params, ListKind::All).await
}

pub async fn opens(State(st): State<AppState>, params: Params) -> Result<Response, ApiFailure> {
    list(st, params, ListKind::Opens).await
}

pub async fn claims(State(st): State<AppState>, params: Params) -> Result<Response, ApiFailure> {
    list(st, params, ListKind::Claims).await
}

pub async fn validations(State(st): State<AppState>, params: Params) -> Result<Response, ApiFailure> {
    list(st, params, ListKind::Validations).await
}
