//! Seed section "Distribution": send/email and send/sms.

use super::client::Client;
use super::error::ApiError;
use super::lenient::text;
use super::params::{check_e164, check_email, check_text, CampaignId, SessionCode};

/// Subject and names: not limited by the seed; we refuse what no email would hold.
const MAX_SUBJECT: usize = 200;
const MAX_NAME: usize = 100;
/// A text message body (the coupon URL is appended by the API).
const MAX_SMS_BODY: usize = 1000;

/// One `send/email` request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SendEmail {
    pub campaign: CampaignId,
    pub email: String,
    /// An existing session to send; a new one is made when `None`.
    pub couponsession: Option<SessionCode>,
    pub subject: Option<String>,
    pub firstname: Option<String>,
    pub lastname: Option<String>,
    /// Do not send when this address already received the coupon.
    pub check_unique: bool,
}

impl SendEmail {
    pub fn new(campaign: CampaignId, email: &str) -> SendEmail {
        SendEmail {
            campaign,
            email: email.to_string(),
            couponsession: None,
            subject: None,
            firstname: None,
            lastname: None,
            check_unique: false,
        }
    }

    pub fn to_params(&self) -> Result<Vec<(&'static str, String)>, ApiError> {
        let mut p = vec![
            ("campaign", self.campaign.as_str().to_string()),
            ("email", check_email(&self.email)?),
        ];
        if let Some(c) = &self.couponsession {
            p.push(("couponsession", c.as_str().to_string()));
        }
        if let Some(s) = &self.subject {
            p.push(("subject", check_text("The subject", s, MAX_SUBJECT)?));
        }
        if let Some(n) = &self.firstname {
            p.push(("firstname", check_text("The first name", n, MAX_NAME)?));
        }
        if let Some(n) = &self.lastname {
            p.push(("lastname", check_text("The last name", n, MAX_NAME)?));
        }
        if self.check_unique {
            p.push(("check_unique", "true".into()));
        }
        Ok(p)
    }
}

/// One `send/sms` request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SendSms {
    pub campaign: CampaignId,
    /// E.164 (`+447911123456`); checked before sending.
    pub phone: String,
    pub couponsession: Option<SessionCode>,
    pub body: Option<String>,
}

impl SendSms {
    pub fn to_params(&self) -> Result<Vec<(&'static str, String)>, ApiError> {
        let mut p = vec![
            ("campaign", self.campaign.as_str().to_string()),
            ("phone", check_e164(&self.phone)?),
        ];
        if let Some(c) = &self.couponsession {
            p.push(("couponsession", c.as_str().to_string()));
        }
        if let Some(b) = &self.body {
            // A message may have line breaks; other control characters are refused.
            let flat: String = b.chars().map(|c| if c == '\n' { ' ' } else { c }).collect();
            check_text("The message", &flat, MAX_SMS_BODY)?;
            p.push(("body", b.clone()));
        }
        Ok(p)
    }
}

/// What a delivery answers.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Sent {
    /// `email_sent` / `sms_sent`.
    pub action: Option<String>,
    pub campaign: Option<String>,
    /// The session that was sent (new or given).
    pub couponsession: Option<String>,
    pub session_url: Option<String>,
}

impl Client {
    /// `send/email`.
    pub async fn send_email(&self, request: &SendEmail) -> Result<Sent, ApiError> {
        let answer = self.post("send/email", &request.to_params()?).await?;
        Ok(sent_from(&answer))
    }

    /// `send/sms`. The number must be in E.164 form; it is checked before sending.
    pub async fn send_sms(&self, request: &SendSms) -> Result<Sent, ApiError> {
        let answer = self.post("send/sms", &request.to_params()?).await?;
        Ok(sent_from(&answer))
    }
}

fn sent_from(answer: &serde_json::Value) -> Sent {
    Sent {
        action: text(answer.get("action")),
        campaign: text(answer.get("campaign")),
        couponsession: text(answer.get("couponsession").or_else(|| answer.get("session"))),
        session_url: text(answer.get("session_url")),
    }
}
