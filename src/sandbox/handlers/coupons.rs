//! `coupon/list` and `coupon/info`.

use super::{campaign_or, campaign_param};
use crate::sandbox::request::{ApiFailure, Params};
use crate::sandbox::state::AppState;
use crate::sandbox::store::campaigns::{self, CampaignRow};
use crate::sandbox::store::sessions;
use crate::sandbox::wire;
use axum::extract::State;
use axum::response::Response;
use rusqlite::Connection;
use serde_json::{json, Value};

fn coupon_json(conn: &Connection, c: &CampaignRow, base_url: &str) -> Result<Value, ApiFailure> {
    let folder = match &c.folder {
        Some(id) => campaigns::folder_name(conn, id)?,
        None => None,
    };
    let category = match &c.category {
        Some(id) => campaigns::category_name(conn, id)?,
        None => None,
    };
    Ok(wire::coupon(c, folder.as_deref(), category.as_deref(), base_url))
}

/// Filters: `only_active`, `folder` (515 when unknown), `tags` (comma separated; a coupon
/// must carry every tag given, any case), `category`.
pub async fn list(State(st): State<AppState>, params: Params) -> Result<Response, ApiFailure> {
    let only_active = params.flag("only_active");
    let folder = params.get("folder").map(str::to_string);
    let tags: Vec<String> = params
        .get("tags")
        .map(|t| {
            t.split(',')
                .map(|s| s.trim().to_ascii_lowercase())
                .filter(|s| !s.is_empty())
                .collect()
        })
        .unwrap_or_default();
    let category = params.get("category").map(str::to_string);
    let base_url = st.base_url.clone();
    let coupons = st
        .db(move |conn| {
            if let Some(f) = &folder {
                if campaigns::folder_name(conn, f)?.is_none() {
                    return Err(ApiFailure::documented(515, "Folder not found"));
                }
            }
            let mut out = Vec::new();
            for c in campaigns::all(conn)? {
                let keep = (!only_active || c.is_active())
                    && folder.as_ref().is_none_or(|f| c.folder.as_ref() == Some(f))
                    && category.as_ref().is_none_or(|k| c.category.as_ref() == Some(k))
                    && tags
                        .iter()
                        .all(|t| c.tags.iter().any(|ct| ct.eq_ignore_ascii_case(t)));
                if keep {
                    out.push(coupon_json(conn, &c, &base_url)?);
                }
            }
            Ok(out)
        })
        .await?;
    if st.profile.lists_as_objects {
        // PHP's associative array: the list keyed by coupon id.
        let keyed: serde_json::Map<String, Value> = coupons
            .into_iter()
            .map(|c| (c["ID"].as_str().unwrap_or_default().to_string(), c))
            .collect();
        return Ok(wire::ok(json!({ "coupon_info": keyed })));
    }
    Ok(wire::ok(json!({ "coupon_info": coupons })))
}

/// `show_usage_stats=true` adds the number of custom validation codes and of claimed ones.
pub async fn info(State(st): State<AppState>, params: Params) -> Result<Response, ApiFailure> {
    let id = campaign_param(&params)?;
    let stats = params.flag("show_usage_stats");
    let base_url = st.base_url.clone();
    let coupon = st
        .db(move |conn| {
            let c = campaign_or(conn, &id, 502)?;
            let mut value = coupon_json(conn, &c, &base_url)?;
            if stats {
                let (total, claimed) = sessions::custom_code_usage(conn, &c.id)?;
                if let Value::Object(map) = &mut value {
                    map.insert("custom_codes_total".into(), json!(total));
                    map.insert("custom_codes_claimed".into(), json!(claimed));
                }
            }
            Ok(value)
        })
        .await?;
    Ok(wire::ok(json!({ "coupon_info": coupon })))
}
