//! `send/email`, `send/sms` and `coupon/pushnotification/list`. Nothing leaves the machine:
//! a "sent" message lands in the outbox table (`SandboxHandle::outbox`).
//!
//! Our choices where the seed is silent: 604 when `check_unique` finds the address already
//! received the coupon; 602 when an SMS would exceed 10 parts (1530 characters); 507 "Error
//! sending push notification" for a message over 512 characters; an unknown `couponsession`
//! is 513 "Statcode not found" for email as for SMS.

use super::singleuse::{is_email, new_session, IssueStatus};
use super::{campaign_or, campaign_param};
use crate::sandbox::request::{ApiFailure, Params};
use crate::sandbox::state::AppState;
use crate::sandbox::store::campaigns::CampaignRow;
use crate::sandbox::store::outbox::{self, Channel, OutboxMessage};
use crate::sandbox::store::sessions::{self, Customer, SessionRow};
use crate::sandbox::wire;
use axum::extract::State;
use axum::response::Response;
use rusqlite::{Connection, TransactionBehavior};
use serde_json::json;
use time::OffsetDateTime;

/// Longest SMS (body and coupon URL): 10 concatenated parts of 153 characters.
const MAX_SMS_CHARS: usize = 1530;
/// Longest push notification message.
const MAX_PUSH_CHARS: usize = 512;

/// `+` and 7 to 15 digits, the first not 0 (E.164, no spaces or punctuation).
pub fn is_e164(s: &str) -> bool {
    s.strip_prefix('+').is_some_and(|d| {
        (7..=15).contains(&d.len()) && d.bytes().all(|b| b.is_ascii_digit()) && !d.starts_with('0')
    })
}

/// The session named by `couponsession` (513 "Statcode not found" unless it is this
/// campaign's), or a new one for `customer`.
fn session_for(
    conn: &Connection,
    coupon: &CampaignRow,
    code: Option<&str>,
    customer: Customer,
    now: OffsetDateTime,
) -> Result<SessionRow, ApiFailure> {
    match code {
        Some(code) => sessions::find(conn, code)?
            .filter(|r| r.campaign == coupon.id && crate::sandbox::codes::is_code_charset(code))
            .ok_or_else(|| ApiFailure::documented(513, "Statcode not found")),
        None => {
            let mut row = new_session(coupon, IssueStatus::Normal, None, now);
            row.customer = customer;
            sessions::insert_fresh(conn, &mut row, &mut rand::rng())?;
            Ok(row)
        }
    }
}

pub async fn email(State(st): State<AppState>, params: Params) -> Result<Response, ApiFailure> {
    let campaign = campaign_param(&params)?;
    if !st.email_integration {
        return Err(ApiFailure::documented(
            104,
            "No Email integration has been setup in your Coupontools account. Go to 'integrations' and 'Email marketing' to setup an Email provider",
        ));
    }
    let email = params.require("email")?.to_string();
    if !is_email(&email) {
        return Err(ApiFailure::documented(305, "Email address is not valid"));
    }
    let code = params.get("couponsession").map(str::to_string);
    let firstname = params.get("firstname").unwrap_or_default().to_string();
    let lastname = params.get("lastname").unwrap_or_default().to_string();
    let subject = params.get("subject").map(str::to_string);
    let check_unique = params.flag("check_unique");
    let base_url = st.base_url.clone();
    let row = st
        .db(move |conn| {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let coupon = campaign_or(&tx, &campaign, 502)?;
            if check_unique && outbox::email_already_sent(&tx, &campaign, &email)? {
                return Err(ApiFailure::documented(
                    604,
                    format!("Email not sent to '{email}'. Reason: This email address already received this coupon"),
                ));
            }
            let now = OffsetDateTime::now_utc();
            let customer = Customer {
                firstname: firstname.clone(),
                lastname: lastname.clone(),
                email: email.clone(),
                phone: String::new(),
            };
            let row = session_for(&tx, &coupon, code.as_deref(), customer, now)?;
            let body = format!(
                "Hello [FIRSTNAME] [LASTNAME], here is your coupon \"{}\": {}",
                coupon.title,
                wire::session_url(&base_url, &row)
            )
            .replace("[FIRSTNAME]", &firstname)
            .replace("[LASTNAME]", &lastname);
            outbox::push(
                &tx,
                &OutboxMessage {
                    channel: Channel::Email,
                    campaign: campaign.clone(),
                    recipient: email,
                    session: row.code.clone(),
                    subject: subject.unwrap_or_else(|| coupon.title.clone()),
                    body,
                    sent_at: now,
                },
            )?;
            tx.commit()?;
            Ok(row)
        })
        .await?;
    Ok(wire::ok(json!({
        "action": "email_sent",
        "campaign": row.campaign,
        "couponsession": row.code,
        "session_url": wire::session_url(&st.base_url, &row),
    })))
}

pub async fn sms(State(st): State<AppState>, params: Params) -> Result<Response, ApiFailure> {
    let campaign = campaign_param(&params)?;
    if !st.sms_integration {
        return Err(ApiFailure::documented(
            103,
            "No SMS integration has been setup in your Coupontools account. Go to 'integrations' and 'SMS marketing' to setup an SMS provider",
        ));
    }
    let phone = params.require("phone")?.to_string();
    if !is_e164(&phone) {
        return Err(ApiFailure::documented(301, "Phone number not valid"));
    }
    let code = params.get("couponsession").map(str::to_string);
    let text = params.get("body").map(str::to_string);
    let base_url = st.base_url.clone();
    let row = st
        .db(move |conn| {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let coupon = campaign_or(&tx, &campaign, 502)?;
            if code.is_some() {
                // Refuse an unknown session before looking at the number.
                session_for(
                    &tx,
                    &coupon,
                    code.as_deref(),
                    Customer::default(),
                    OffsetDateTime::now_utc(),
                )?;
            }
            if outbox::is_opted_out(&tx, &phone)? {
                return Err(ApiFailure::documented(
                    605,
                    format!(
                        "SMS not sent to '{phone}'. Reason: This number is on the blacklist or opt-out list."
                    ),
                ));
            }
            let text = text.unwrap_or_else(|| coupon.title.clone());
            // The URL is one line of its own; its length is known before a session exists.
            let url_len = base_url.len() + "/p/xxxxxx/".len() + crate::sandbox::codes::SESSION_CODE_LEN;
            if text.chars().count() + 1 + url_len > MAX_SMS_CHARS {
                return Err(ApiFailure::documented(
                    602,
                    format!("SMS not sent to '{phone}'. Reason: Message is longer than 10 text messages"),
                ));
            }
            let now = OffsetDateTime::now_utc();
            let customer = Customer {
                phone: phone.clone(),
                ..Customer::default()
            };
            let row = session_for(&tx, &coupon, code.as_deref(), customer, now)?;
            let body = format!("{text}\n{}", wire::session_url(&base_url, &row));
            outbox::push(
                &tx,
                &OutboxMessage {
                    channel: Channel::Sms,
                    campaign: campaign.clone(),
                    recipient: phone,
                    session: row.code.clone(),
                    subject: String::new(),
                    body,
                    sent_at: now,
                },
            )?;
            tx.commit()?;
            Ok(row)
        })
        .await?;
    Ok(wire::ok(json!({
        "action": "sms_sent",
        "campaign": row.campaign,
        "couponsession": row.code,
        "session_url": wire::session_url(&st.base_url, &row),
    })))
}

pub async fn push(State(st): State<AppState>, params: Params) -> Result<Response, ApiFailure> {
    params.require("campaign")?;
    let message = params.require("message")?.to_string();
    let campaign = campaign_param(&params)?;
    let count = st
        .db(move |conn| {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            campaign_or(&tx, &campaign, 505)?;
            let holders = sessions::wallet_holders(&tx, &campaign)?;
            if holders.is_empty() {
                return Err(ApiFailure::documented(507, "0 users have saved the campaign"));
            }
            if message.chars().count() > MAX_PUSH_CHARS {
                return Err(ApiFailure::documented(507, "Error sending push notification"));
            }
            let now = OffsetDateTime::now_utc();
            for code in &holders {
                outbox::push(
                    &tx,
                    &OutboxMessage {
                        channel: Channel::Push,
                        campaign: campaign.clone(),
                        recipient: code.clone(),
                        session: code.clone(),
                        subject: String::new(),
                        body: message.clone(),
                        sent_at: now,
                    },
                )?;
            }
            tx.commit()?;
            Ok(holders.len())
        })
        .await?;
    Ok(wire::ok(json!({ "action": "push_sent", "count": count })))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn e164_numbers() {
        assert!(is_e164("+447911123456"));
        assert!(is_e164("+14155550123"));
        for bad in [
            "447911123456",
            "+44 7911 123456",
            "07911123456",
            "+0447911123456",
            "+12345",
            "+1234567890123456",
            "+44-7911",
        ] {
            assert!(!is_e164(bad), "{bad}");
        }
    }

    #[test]
    fn emails() {
        assert!(is_email("jane@example.com"));
        for bad in [
            "jane",
            "@example.com",
            "jane@example",
            "jane@@example.com",
            "ja ne@example.com",
            "jane@.com",
        ] {
            assert!(!is_email(bad), "{bad}");
        }
    }
}
