//! `couponsession/data`, `couponsession/update`, `couponsession/search`,
//! `campaignsession/search`, `singleuse/remove`.

use super::{campaign_or, campaign_param, custom_fields, customid_param, session_code_param};
use crate::sandbox::request::{ApiFailure, Params};
use crate::sandbox::rules::{self, Operation};
use crate::sandbox::state::AppState;
use crate::sandbox::store::sessions::{self, SearchFilter};
use crate::sandbox::wire;
use axum::extract::State;
use axum::response::Response;
use rusqlite::TransactionBehavior;
use rust_decimal::Decimal;
use serde_json::json;
use std::str::FromStr;
use time::OffsetDateTime;

pub async fn data(State(st): State<AppState>, params: Params) -> Result<Response, ApiFailure> {
    let not_found = || ApiFailure::documented(513, "Coupon session not found");
    let code = session_code_param(&params, &st.profile, false)?.ok_or_else(not_found)?;
    let row = st
        .db(move |c| sessions::find(c, &code)?.ok_or_else(not_found))
        .await?;
    Ok(wire::ok(wire::session_with_action(
        &row,
        &st.base_url,
        "retrieve_all_session_data",
    )))
}

/// `money_spent` in the seed's `0.000` form: digits, optionally a point and up to three
/// decimals; kept as text with three decimals. (The seed lists no error for it; we answer
/// 300 like the other character checks.)
fn money_spent_param(params: &Params) -> Result<Option<String>, ApiFailure> {
    let Some(raw) = params.get("money_spent") else {
        return Ok(None);
    };
    let (int, frac) = raw.split_once('.').unwrap_or((raw, ""));
    let shaped = !int.is_empty()
        && int.len() <= 12
        && int.bytes().all(|b| b.is_ascii_digit())
        && frac.len() <= 3
        && frac.bytes().all(|b| b.is_ascii_digit())
        && !(raw.contains('.') && frac.is_empty());
    let value = shaped.then(|| Decimal::from_str(raw).ok()).flatten();
    match value {
        Some(d) => Ok(Some(format!("{:.3}", d.round_dp(3)))),
        None => Err(ApiFailure::documented(
            300,
            "Invalid character in parameter: money_spent",
        )),
    }
}

pub async fn update(State(st): State<AppState>, params: Params) -> Result<Response, ApiFailure> {
    let code = session_code_param(&params, &st.profile, true)?;
    let customid = customid_param(&params)?;
    let operation = match params.get("operation") {
        None => None,
        Some(op) => Some(
            Operation::parse(&op.to_ascii_lowercase())
                .ok_or_else(|| ApiFailure::documented(302, "Invalid value in parameter: operation"))?,
        ),
    };
    let fields = custom_fields(&params)?;
    let money_spent = money_spent_param(&params)?;
    let row = st
        .db(move |conn| {
            // IMMEDIATE: the read and the write below are one step for every other writer.
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let not_found = || ApiFailure::documented(512, "Coupon session not found");
            let code = code.ok_or_else(not_found)?;
            let mut row = sessions::find(&tx, &code)?.ok_or_else(not_found)?;
            let validated_before = row.life.validated;
            if let Some(op) = operation {
                let campaign = campaign_or(&tx, &row.campaign, 502)?;
                let now = OffsetDateTime::now_utc();
                rules::check_single(op, &row.life, campaign.expiry(), now)?;
                rules::apply(op, &mut row.life, campaign.expiry(), now);
            }
            for (slot, value) in row.customfields.iter_mut().zip(fields) {
                if let Some(v) = value {
                    *slot = v;
                }
            }
            if let Some(id) = customid {
                row.customid = id;
            }
            if let Some(m) = money_spent {
                row.money_spent = m;
            }
            if !sessions::save(&tx, &row, validated_before)? {
                // Someone else changed `validated` between our read and write.
                return Err(ApiFailure::documented(358, "This session was already validated"));
            }
            tx.commit()?;
            Ok(row)
        })
        .await?;
    if operation == Some(Operation::Validate) {
        tracing::info!(seq = row.seq, "sandbox: session validated");
    }
    if !st.profile.update_answers_session {
        return Ok(wire::ok(json!({ "action": "session_updated" })));
    }
    Ok(wire::ok(wire::session_with_action(
        &row,
        &st.base_url,
        "session_updated",
    )))
}

/// `couponsession/search` (campaign optional) and `campaignsession/search` (campaign required).
async fn search(st: AppState, params: Params, campaign_required: bool) -> Result<Response, ApiFailure> {
    let campaign = params.get("campaign").map(str::to_string);
    if campaign_required && campaign.is_none() {
        return Err(ApiFailure::documented(200, "No parameter campaign"));
    }
    let filter = SearchFilter {
        campaign: campaign.clone(),
        code: params.get("code").map(str::to_string),
        email: params.get("email").map(str::to_string),
        phone: params.get("phone").map(str::to_string),
        exact: !st.profile.search_normalised,
    };
    if filter.code.is_none() && filter.email.is_none() && filter.phone.is_none() {
        return Err(ApiFailure::documented(200, "No filter defined"));
    }
    for (name, value) in [
        ("code", &filter.code),
        ("email", &filter.email),
        ("phone", &filter.phone),
    ] {
        if value.as_ref().is_some_and(|v| v.chars().count() < 5) {
            return Err(ApiFailure::documented(
                300,
                format!("Search field '{name}' must be at least 5 characters"),
            ));
        }
    }
    let rows = st
        .db(move |conn| {
            if let Some(id) = &campaign {
                if crate::sandbox::store::campaigns::find(conn, id)?.is_none() {
                    return Err(ApiFailure::documented(502, "campaign not found"));
                }
            }
            let rows = sessions::search(conn, &filter)?;
            if rows.is_empty() {
                return Err(ApiFailure::documented(512, "No results found"));
            }
            Ok(rows)
        })
        .await?;
    let results: Vec<_> = rows
        .iter()
        .map(|r| {
            let object = wire::session_object(r, &st.base_url);
            if st.profile.customer_at_top_in_search {
                wire::customer_at_top(object)
            } else {
                object
            }
        })
        .collect();
    Ok(wire::ok(json!({ "action": "search", "results": results })))
}

pub async fn search_all(State(st): State<AppState>, params: Params) -> Result<Response, ApiFailure> {
    search(st, params, false).await
}

pub async fn search_campaign(State(st): State<AppState>, params: Params) -> Result<Response, ApiFailure> {
    search(st, params, true).await
}

pub async fn remove(State(st): State<AppState>, params: Params) -> Result<Response, ApiFailure> {
    let campaign = campaign_param(&params)?;
    let given = params.require("couponsession")?;
    let known = super::profile_knows(&st.profile, given, false);
    let code = given.to_ascii_lowercase();
    let removed = st
        .db(move |conn| {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            campaign_or(&tx, &campaign, 502)?;
            let not_found = || ApiFailure::documented(513, "Coupon session not found");
            if !known || !crate::sandbox::codes::is_code_charset(&code) {
                return Err(not_found());
            }
            let row = sessions::find(&tx, &code)?
                .filter(|r| r.campaign == campaign)
                .ok_or_else(not_found)?;
            sessions::delete(&tx, row.seq)?;
            tx.commit()?;
            Ok(row)
        })
        .await?;
    Ok(wire::ok(json!({
        "action": "session_removed",
        "campaign": removed.campaign,
        "session": removed.code,
    })))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_spent_takes_the_documented_form_only() {
        let m = |v: &str| money_spent_param(&Params::from_pairs(&[("money_spent", v)]));
        assert_eq!(m("12.5"), Ok(Some("12.500".into())));
        assert_eq!(m("0.125"), Ok(Some("0.125".into())));
        assert_eq!(m("7"), Ok(Some("7.000".into())));
        for bad in ["12,50", "-1", "1.2345", "€5", "1e3", "12.", ".5", "NaN"] {
            assert_eq!(m(bad).map_err(|e| e.code), Err(300), "{bad}");
        }
    }
}
