//! `singleuse/create` and `multiplesingleuse/create`: issuing new sessions.
//!
//! Errors the seed does not list but the parameters' limits imply (our choice, in README):
//! customid 300 as in `couponsession/update`; customvalcode 300 for characters, 302 when taken
//! or combined with autovalcode; other bad values 302 "Invalid value in parameter: X";
//! expiry_date 303 as the list filters word it; email 305 as `send/email` words it.

use super::{campaign_or, campaign_param, custom_fields, customid_param};
use crate::sandbox::codes::{self, CodeType};
use crate::sandbox::dates;
use crate::sandbox::request::{ApiFailure, Params};
use crate::sandbox::rules::Expiry;
use crate::sandbox::state::AppState;
use crate::sandbox::store::campaigns::CampaignRow;
use crate::sandbox::store::sessions::{self, Customer, SessionRow};
use crate::sandbox::wire;
use axum::extract::State;
use axum::response::Response;
use rusqlite::{Connection, TransactionBehavior};
use serde_json::json;
use std::collections::HashSet;
use time::OffsetDateTime;

/// Largest `amount` of `multiplesingleuse/create`.
pub const MAX_AMOUNT: u64 = 100_000;

/// How a newly issued session starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IssueStatus {
    /// Fresh; on a flexible-expiry coupon its window starts when it is activated.
    Normal,
    /// Voided until activated.
    Voided,
    /// Started now: on a flexible-expiry coupon the window runs from now.
    Activated,
}

/// A new session of `coupon` at `now`, with the campaign's expiry (or `expiry` override).
pub fn new_session(
    coupon: &CampaignRow,
    status: IssueStatus,
    expiry: Option<OffsetDateTime>,
    now: OffsetDateTime,
) -> SessionRow {
    let mut row = SessionRow::new(String::new(), &coupon.id, now);
    row.life.expiration = coupon.expiration;
    match status {
        IssueStatus::Normal => {}
        IssueStatus::Voided => {
            row.life.voided = true;
            row.life.voided_date = Some(now);
        }
        IssueStatus::Activated => {
            row.life.activated_date = Some(now);
            if let Expiry::Flexible(window) = coupon.expiry() {
                row.life.expiration = Some(now + window);
            }
        }
    }
    if expiry.is_some() {
        row.life.expiration = expiry;
    }
    row
}

/// A plausible email address: one `@`, something before it, a dotted domain after it.
pub fn is_email(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    s.len() <= 254
        && !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && s.chars().all(|c| c.is_ascii_graphic())
}

/// Draws a custom validation code not used in the campaign (nor in `taken`).
fn fresh_validation_code(
    conn: &Connection,
    campaign: &str,
    prefix: &str,
    kind: CodeType,
    len: usize,
    taken: &mut HashSet<String>,
) -> Result<String, ApiFailure> {
    let mut rng = rand::rng();
    // The 601 check keeps the space at least half free, so a few draws find a code.
    for _ in 0..1000 {
        let code = codes::validation_code(&mut rng, prefix, kind, len);
        if !taken.contains(&code) && !sessions::validation_code_taken(conn, campaign, &code)? {
            taken.insert(code.clone());
            return Ok(code);
        }
    }
    Err(ApiFailure::documented(
        601,
        "low on unique generated validation codes",
    ))
}

fn invalid(name: &str) -> ApiFailure {
    ApiFailure::documented(302, format!("Invalid value in parameter: {name}"))
}

pub async fn create(State(st): State<AppState>, params: Params) -> Result<Response, ApiFailure> {
    let campaign = campaign_param(&params)?;
    let customid = customid_param(&params)?;
    let fields = custom_fields(&params)?;
    let customvalcode = match params.get("customvalcode") {
        None => None,
        Some(v) if codes::is_plain_alnum(v) && v.len() <= 100 => Some(v.to_string()),
        Some(_) => {
            return Err(ApiFailure::documented(
                300,
                "Invalid character in parameter: customvalcode",
            ))
        }
    };
    let autovalcode = match params.get("autovalcode") {
        None => None,
        Some("6digits") => Some(6),
        Some("8digits") => Some(8),
        Some("10digits") => Some(10),
        Some(_) => return Err(invalid("autovalcode")),
    };
    if customvalcode.is_some() && autovalcode.is_some() {
        return Err(ApiFailure::documented(
            302,
            "Parameters customvalcode and autovalcode cannot be combined",
        ));
    }
    let customer = Customer {
        firstname: params.get("firstname").unwrap_or_default().to_string(),
        lastname: params.get("lastname").unwrap_or_default().to_string(),
        email: params.get("email").unwrap_or_default().to_string(),
        phone: params.get("phone").unwrap_or_default().to_string(),
    };
    if !customer.email.is_empty() && !is_email(&customer.email) {
        return Err(ApiFailure::documented(305, "Email address is not valid"));
    }
    let duplicate_check = match params.get("duplicate_check") {
        None | Some("false") => None,
        Some(field @ ("email" | "phone" | "customid")) => {
            let value = match field {
                "email" => customer.email.clone(),
                "phone" => customer.phone.clone(),
                _ => customid.clone().unwrap_or_default(),
            };
            if value.is_empty() {
                return Err(ApiFailure::missing(field));
            }
            Some((field.to_string(), value))
        }
        Some(_) => return Err(invalid("duplicate_check")),
    };
    let expiry = match params.get("expiry_date") {
        None => None,
        Some(raw) => Some(dates::parse(raw).ok_or_else(|| {
            ApiFailure::documented(
                303,
                "Parameter expiry_date must be in the following format: yyyy-MM-dd HH:mm:ss",
            )
        })?),
    };
    let utm = [
        "utm_campaign",
        "utm_source",
        "utm_medium",
        "utm_term",
        "utm_content",
    ]
    .map(|name| params.get(name).map(str::to_string));

    let (row, duplicate) = st
        .db(move |conn| {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let coupon = campaign_or(&tx, &campaign, 502)?;
            if let Some((field, value)) = &duplicate_check {
                if let Some(existing) = sessions::find_duplicate(&tx, &campaign, field, value)? {
                    return Ok((existing, true));
                }
            }
            let now = OffsetDateTime::now_utc();
            let mut row = new_session(&coupon, IssueStatus::Normal, expiry, now);
            row.customer = customer;
            row.customid = customid.unwrap_or_default();
            row.utm = utm;
            for (slot, value) in row.customfields.iter_mut().zip(fields) {
                *slot = value.unwrap_or_default();
            }
            if let Some(code) = customvalcode {
                if sessions::validation_code_taken(&tx, &campaign, &code)? {
                    return Err(ApiFailure::documented(
                        302,
                        "Custom validation code already in use",
                    ));
                }
                row.own_validation_code = code;
            } else if let Some(len) = autovalcode {
                row.own_validation_code =
                    fresh_validation_code(&tx, &campaign, "", CodeType::Numeric, len, &mut HashSet::new())?;
            }
            sessions::insert_fresh(&tx, &mut row, &mut rand::rng())?;
            tx.commit()?;
            Ok((row, false))
        })
        .await?;
    let action = if duplicate {
        "singleuse_duplicate"
    } else {
        "singleuse_created"
    };
    Ok(wire::ok(wire::single_use(&row, &st.base_url, action)))
}

pub async fn create_many(State(st): State<AppState>, params: Params) -> Result<Response, ApiFailure> {
    let campaign = campaign_param(&params)?;
    let amount = match params.get("amount") {
        None => 10,
        Some(a) => Some(a)
            .filter(|a| a.bytes().all(|b| b.is_ascii_digit()))
            .and_then(|a| a.parse::<u64>().ok())
            .filter(|a| (1..=MAX_AMOUNT).contains(a))
            .ok_or_else(|| ApiFailure::documented(301, "Invalid character in parameter: amount"))?,
    };
    let activated = |s: &str| st.profile.activated_spellings.contains(&s);
    let status = match params.get("status").map(str::to_ascii_lowercase).as_deref() {
        None | Some("normal") => IssueStatus::Normal,
        Some("voided") => IssueStatus::Voided,
        Some(s) if activated(s) => IssueStatus::Activated,
        Some(_) => {
            return Err(ApiFailure::documented(
                302,
                r#"Parameter "status" has invalid value. Possible values are "normal", "voided" and "active""#,
            ))
        }
    };
    let automated = if params.flag("automated_codes") {
        let len = params
            .get("code_length")
            .and_then(|l| l.parse::<usize>().ok())
            .filter(|l| st.profile.code_length.contains(l))
            .ok_or_else(|| {
                let (min, max) = st.profile.code_length.clone().into_inner();
                ApiFailure::documented(
                    301,
                    format!("code length must be between {min} and {max} inclusive"),
                )
            })?;
        let kind = match params.get("code_type") {
            Some("numeric") => CodeType::Numeric,
            Some("alphanumeric") => CodeType::Alphanumeric,
            _ => {
                return Err(ApiFailure::documented(
                    302,
                    r#"code_type must be "numeric" or "alphanumeric""#,
                ))
            }
        };
        let prefix = params.get("code_prefix").unwrap_or_default().to_string();
        let prefix_ok = prefix.is_empty() || (codes::is_plain_alnum(&prefix) && prefix.len() <= 50);
        if !prefix_ok {
            return Err(ApiFailure::documented(
                301,
                "Invalid character in parameter: code_prefix",
            ));
        }
        Some((prefix, kind, len))
    } else {
        None
    };
    let rows = st
        .db(move |conn| {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let coupon = campaign_or(&tx, &campaign, 502)?;
            if let Some((prefix, kind, len)) = &automated {
                // "Low" = this request would use more than half of the codes the prefix,
                // type and length allow: beyond that, random draws collide too often.
                let used = sessions::count_codes_with_prefix(&tx, &campaign, prefix)?;
                if used.saturating_add(amount) > kind.space(*len) / 2 {
                    return Err(ApiFailure::documented(
                        601,
                        "low on unique generated validation codes",
                    ));
                }
            }
            let now = OffsetDateTime::now_utc();
            let mut rng = rand::rng();
            let mut taken = HashSet::new();
            let mut rows = Vec::with_capacity(usize::try_from(amount).unwrap_or(0));
            for _ in 0..amount {
                let mut row = new_session(&coupon, status, None, now);
                if let Some((prefix, kind, len)) = &automated {
                    row.own_validation_code =
                        fresh_validation_code(&tx, &campaign, prefix, *kind, *len, &mut taken)?;
                }
                sessions::insert_fresh(&tx, &mut row, &mut rng)?;
                rows.push(row);
            }
            tx.commit()?;
            Ok(rows)
        })
        .await?;
    let data: Vec<_> = rows
        .iter()
        .map(|r| wire::single_use_entry(r, &st.base_url))
        .collect();
    Ok(wire::ok(json!({
        "campaign": rows.first().map(|r| r.campaign.clone()).unwrap_or_default(),
        "action": "multiplesingleuse_created",
        "data": data,
    })))
}
