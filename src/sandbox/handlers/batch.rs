//! `batch/update`: one operation and/or custom fields on every session of a campaign between
//! a start and an end sequence id (either may be left out). All or nothing: when one session
//! in the range refuses, none changes and the answer names the first refusal.
//!
//! Which 502/513 text when (the seed lists them without saying):
//! - both ends given: "Start ID not found" / "End ID not found" when no such session exists,
//!   502 "... not of the same campaign" when they belong to different coupons, 502 "... not
//!   of the provided campaign" when both belong to another coupon, 513 "End ID comes before
//!   start ID" when reversed;
//! - one end given: 513 "Start/End ID not found or not part of the campaign".

use super::{campaign_or, campaign_param, custom_fields};
use crate::sandbox::request::{ApiFailure, Params};
use crate::sandbox::rules::{self, Operation};
use crate::sandbox::state::AppState;
use crate::sandbox::store::sessions;
use crate::sandbox::wire;
use axum::extract::State;
use axum::response::Response;
use rusqlite::{Connection, TransactionBehavior};
use serde_json::json;
use time::OffsetDateTime;

fn sequence(params: &Params, name: &str) -> Result<Option<i64>, ApiFailure> {
    match params.get(name) {
        None => Ok(None),
        Some(v) if v.bytes().all(|b| b.is_ascii_digit()) => v
            .parse::<i64>()
            .map(Some)
            .map_err(|_| ApiFailure::documented(301, "start/endsequence must be numeric")),
        Some(_) => Err(ApiFailure::documented(301, "start/endsequence must be numeric")),
    }
}

/// The inclusive sequence range the request names, checked against the campaign.
fn resolve_range(
    conn: &Connection,
    campaign: &str,
    start: Option<i64>,
    end: Option<i64>,
) -> Result<(Option<i64>, Option<i64>), ApiFailure> {
    let owner = |seq: i64| -> Result<Option<String>, ApiFailure> {
        Ok(sessions::find_by_seq(conn, seq)?.map(|r| r.campaign))
    };
    let refuse = ApiFailure::documented;
    match (start, end) {
        (Some(s), Some(e)) => {
            let s_owner = owner(s)?.ok_or_else(|| refuse(513, "Start ID not found"))?;
            let e_owner = owner(e)?.ok_or_else(|| refuse(513, "End ID not found"))?;
            if s_owner != e_owner {
                return Err(refuse(502, "Provided start and end are not of the same campaign"));
            }
            if s_owner != campaign {
                return Err(refuse(
                    502,
                    "Provided start and end are not of the provided campaign",
                ));
            }
            if e < s {
                return Err(refuse(513, "End ID comes before start ID"));
            }
        }
        (Some(s), None) => {
            if owner(s)?.as_deref() != Some(campaign) {
                return Err(refuse(513, "Start ID not found or not part of the campaign"));
            }
        }
        (None, Some(e)) => {
            if owner(e)?.as_deref() != Some(campaign) {
                return Err(refuse(513, "End ID not found or not part of the campaign"));
            }
        }
        (None, None) => return Err(refuse(200, "startsequence or endsequence not provided")),
    }
    Ok((start, end))
}

pub async fn update(State(st): State<AppState>, params: Params) -> Result<Response, ApiFailure> {
    let campaign = campaign_param(&params)?;
    let start = sequence(&params, "startsequence")?;
    let end = sequence(&params, "endsequence")?;
    if start.is_none() && end.is_none() {
        return Err(ApiFailure::documented(
            200,
            "startsequence or endsequence not provided",
        ));
    }
    let operation = match params.get("operation") {
        None => None,
        Some(op) => Some(
            Operation::parse(&op.to_ascii_lowercase())
                .filter(|op| Operation::BATCH.contains(op))
                .ok_or_else(|| ApiFailure::from(rules::invalid_batch_operation()))?,
        ),
    };
    let fields = custom_fields(&params)?;
    if operation.is_none() && fields.iter().all(Option::is_none) {
        return Err(ApiFailure::documented(200, "no operation or data provided"));
    }
    let (updated, first, last) = st
        .db(move |conn| {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let coupon = campaign_or(&tx, &campaign, 502)?;
            let (from, to) = resolve_range(&tx, &campaign, start, end)?;
            let mut rows = sessions::range(&tx, &campaign, from, to)?;
            let now = OffsetDateTime::now_utc();
            if let Some(op) = operation {
                // Check every session before changing any.
                for row in &rows {
                    rules::check_batch(op, &row.life, coupon.expiry(), now)?;
                }
            }
            for row in &mut rows {
                let validated_before = row.life.validated;
                if let Some(op) = operation {
                    rules::apply(op, &mut row.life, coupon.expiry(), now);
                }
                for (slot, value) in row.customfields.iter_mut().zip(&fields) {
                    if let Some(v) = value {
                        slot.clone_from(v);
                    }
                }
                sessions::save(&tx, row, validated_before)?;
            }
            tx.commit()?;
            let first = rows.first().map(|r| r.seq);
            let last = rows.last().map(|r| r.seq);
            Ok((rows.len(), first, last))
        })
        .await?;
    Ok(wire::ok(json!({
        "action": "batch_updated",
        "updated": updated,
        "startsequence": first,
        "endsequence": last,
    })))
}
