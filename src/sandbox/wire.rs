//! The sandbox's JSON, written by hand here (it shares no types with the client, so a
//! client-against-sandbox test checks two independent readings of API-NOTES.md).
//! Flags are the strings "0"/"1"; dates `yyyy-MM-dd HH:mm:ss` UTC or "".

use super::dates::format_opt;
use super::store::campaigns::CampaignRow;
use super::store::sessions::SessionRow;
use axum::response::{IntoResponse, Response};
use serde_json::{json, Map, Value};

fn flag(b: bool) -> &'static str {
    if b {
        "1"
    } else {
        "0"
    }
}

/// `{"status":{"status":"OK"}, ...payload}` with HTTP 200, written by `render.rs` in the
/// shape of the sandbox's profile.
pub fn ok(payload: Value) -> Response {
    let mut object = match payload {
        Value::Object(map) => map,
        other => {
            let mut map = Map::new();
            map.insert("data".into(), other);
            map
        }
    };
    object.insert("status".into(), json!({ "status": "OK" }));
    super::render::WireAnswer(Value::Object(object)).into_response()
}

/// The session's public URL: `{base}/p/{short}/{code}`.
pub fn session_url(base_url: &str, row: &SessionRow) -> String {
    format!("{base_url}/p/{}/{}", row.short_code(), row.code)
}

/// A session object as `couponsession/data` shows it, without envelope or `action`.
pub fn session_object(row: &SessionRow, base_url: &str) -> Value {
    let l = &row.life;
    let [c1, c2, c3, c4, c5, c6, c7] = &row.customfields;
    let [utm_campaign, utm_source, utm_medium, utm_term, utm_content] = &row.utm;
    json!({
        "campaign": row.campaign,
        "session": row.code,
        "session_url": session_url(base_url, row),
        "sequenceid": row.seq.to_string(),
        "customid": row.customid,
        "data": {
            "status": {
                "created_date_utc": super::dates::format(row.created),
                "opened": flag(l.opened),
                "open_date_utc": format_opt(l.open_date),
                "played": flag(row.played),
                "played_date_utc": format_opt(row.played_date),
                "claimed": flag(l.claimed),
                "claim_date_utc": format_opt(l.claim_date),
                "claimtype": l.claimtype,
                "saved_to_passbook": flag(row.saved_to_passbook),
                "saved_to_androidpay": flag(row.saved_to_androidpay),
                "validated": flag(l.validated),
                "validation_date_utc": format_opt(l.validation_date),
                "own_validation_code": row.own_validation_code,
                "validation_value": row.validation_value,
                "redeem_location_ID": "",
                "voided": flag(l.voided),
                "voided_date_utc": format_opt(l.voided_date),
                "unvoided_date_utc": format_opt(l.unvoided_date),
                "locked": flag(l.locked),
                "unlocked_date_utc": format_opt(l.unlocked_date),
                "value": row.value,
                "customid": row.customid,
                "expiration_date": format_opt(l.expiration),
                "money_spent": row.money_spent,
                "utm_campaign": utm_campaign,
                "utm_source": utm_source,
                "utm_medium": utm_medium,
                "utm_term": utm_term,
                "utm_content": utm_content,
                "redeem_location_company_name": "",
                "redeem_location_city": "",
            },
            "user": {
                "firstname": row.customer.firstname,
                "lastname": row.customer.lastname,
                "email": row.customer.email,
                "phone": row.customer.phone,
                "customfield1": c1,
                "customfield2": c2,
                "customfield3": c3,
                "customfield4": c4,
                "customfield5": c5,
                "customfield6": c6,
                "customfield7": c7,
            }
        }
    })
}

/// A session object with the customer's fields moved from `data.user` to its top level.
pub fn customer_at_top(mut session: Value) -> Value {
    let user = session
        .pointer_mut("/data")
        .and_then(Value::as_object_mut)
        .and_then(|data| data.remove("user"));
    if let (Some(Value::Object(user)), Value::Object(top)) = (user, &mut session) {
        top.extend(user);
    }
    session
}

/// A session object with an `action`, as `couponsession/data` and `couponsession/update` answer.
pub fn session_with_action(row: &SessionRow, base_url: &str, action: &str) -> Value {
    let mut value = session_object(row, base_url);
    if let Value::Object(map) = &mut value {
        map.insert("action".into(), Value::String(action.to_string()));
    }
    value
}

/// One record of `campaign/data|opens|claims|validations`. The published record has the
/// dates and `locked`; the flags and creation/expiry dates are added so a reader can tell
/// the state without a second call.
pub fn list_record(row: &SessionRow) -> Value {
    let l = &row.life;
    json!({
        "sequenceid": row.seq.to_string(),
        "session": row.code,
        "status": {
            "created_date_utc": super::dates::format(row.created),
            "open_date_utc": format_opt(l.open_date),
            "played_date_utc": format_opt(row.played_date),
            "claim_date_utc": format_opt(l.claim_date),
            "claimtype": l.claimtype,
            "validation_date_utc": format_opt(l.validation_date),
            "validation_value": row.validation_value,
            "voided_date_utc": format_opt(l.voided_date),
            "locked": flag(l.locked),
            "value": row.value,
            "own_validation_code": row.own_validation_code,
            "opened": flag(l.opened),
            "claimed": flag(l.claimed),
            "validated": flag(l.validated),
            "voided": flag(l.voided),
            "expiration_date": format_opt(l.expiration),
        }
    })
}

/// A coupon as `coupon/list` and `coupon/info` show it.
pub fn coupon(
    c: &CampaignRow,
    folder_name: Option<&str>,
    category_name: Option<&str>,
    base_url: &str,
) -> Value {
    json!({
        "ID": c.id,
        "name": c.name,
        "title": c.title,
        "code": c.code,
        "status": c.status,
        "url": format!("{base_url}/c/{}", c.id),
        "folder": c.folder.clone().unwrap_or_default(),
        "folder_name": folder_name.unwrap_or_default(),
        "tags": c.tags.join(","),
        "category": c.category.clone().unwrap_or_default(),
        "category_name": category_name.unwrap_or_default(),
        "created_date_utc": super::dates::format(c.created),
        "expiration_date": format_opt(c.expiration),
        "flexible_expiry_days": c.flexible_days.map(|d| d.to_string()).unwrap_or_default(),
    })
}

/// What `singleuse/create` answers for one session.
pub fn single_use(row: &SessionRow, base_url: &str, action: &str) -> Value {
    json!({
        "campaign": row.campaign,
        "action": action,
        "single_use_code": row.code,
        "single_use_url": session_url(base_url, row),
        "widget_validation_code": row.short_code(),
        "custom_validation_code": row.own_validation_code,
        "customid": row.customid,
        "sequence_id": row.seq,
    })
}

/// One entry of `multiplesingleuse/create`'s `data`.
pub fn single_use_entry(row: &SessionRow, base_url: &str) -> Value {
    json!({
        "single_use_code": row.code,
        "sequence_id": row.seq,
        "single_use_url": session_url(base_url, row),
        "widget_validation_code": row.short_code(),
        "custom_validation_code": row.own_validation_code,
    })
}
