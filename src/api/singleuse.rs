//! Seed section "Single-use": singleuse/create and multiplesingleuse/create.
//! (`singleuse/remove` sits with the other session calls in `sessions.rs`.)

use super::client::Client;
use super::envelope::shape_of;
use super::error::ApiError;
use super::lenient::{text, unsigned};
use super::params::{
    check_customfield, check_customid, check_email, check_phone, check_text, CampaignId, CUSTOMFIELD_NAMES,
};
use serde_json::Value;
use time::format_description::BorrowedFormatItem;
use time::macros::format_description;
use time::PrimitiveDateTime;

/// `amount` of multiplesingleuse/create: at most 100,000 (API-NOTES.md).
pub const MAX_AMOUNT: u32 = 100_000;
/// Custom validation codes: `[A-Za-z0-9]`, at most 100.
pub const MAX_VALCODE: usize = 100;
/// Names and UTM tags: not limited by the seed; we refuse what no form would hold.
const MAX_NAME: usize = 100;
const EXPIRY: &[BorrowedFormatItem<'static>] =
    format_description!("[year]-[month]-[day] [hour]:[minute]:[second]");

/// `autovalcode`: a generated numeric validation code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AutoValCode {
    Digits6,
    Digits8,
    Digits10,
}

impl std::str::FromStr for AutoValCode {
    type Err = ApiError;
    fn from_str(s: &str) -> Result<Self, ApiError> {
        match s.trim() {
            "6digits" | "6" => Ok(AutoValCode::Digits6),
            "8digits" | "8" => Ok(AutoValCode::Digits8),
            "10digits" | "10" => Ok(AutoValCode::Digits10),
            other => Err(ApiError::InvalidInput(format!(
                "Generated codes are 6digits, 8digits or 10digits, not {other:?}."
            ))),
        }
    }
}

impl AutoValCode {
    pub fn as_str(self) -> &'static str {
        match self {
            AutoValCode::Digits6 => "6digits",
            AutoValCode::Digits8 => "8digits",
            AutoValCode::Digits10 => "10digits",
        }
    }
}

/// `duplicate_check`: return the existing session for the same email, phone or custom id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DuplicateCheck {
    Email,
    Phone,
    Customid,
}

impl std::str::FromStr for DuplicateCheck {
    type Err = ApiError;
    fn from_str(s: &str) -> Result<Self, ApiError> {
        match s.trim().to_ascii_lowercase().as_str() {
            "email" => Ok(DuplicateCheck::Email),
            "phone" => Ok(DuplicateCheck::Phone),
            "customid" => Ok(DuplicateCheck::Customid),
            other => Err(ApiError::InvalidInput(format!(
                "The duplicate check is by email, phone or customid, not {other:?}."
            ))),
        }
    }
}

impl DuplicateCheck {
    pub fn as_str(self) -> &'static str {
        match self {
            DuplicateCheck::Email => "email",
            DuplicateCheck::Phone => "phone",
            DuplicateCheck::Customid => "customid",
        }
    }
}

/// One `singleuse/create` request. Fields left `None` are not sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewSingleUse {
    pub campaign: CampaignId,
    pub firstname: Option<String>,
    pub lastname: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub customid: Option<String>,
    pub customfields: [Option<String>; 7],
    pub customvalcode: Option<String>,
    pub autovalcode: Option<AutoValCode>,
    pub duplicate_check: Option<DuplicateCheck>,
    /// utm_campaign, utm_source, utm_medium, utm_term, utm_content.
    pub utm: [Option<String>; 5],
    /// Overrides the coupon's expiry for this session (`yyyy-MM-dd HH:mm:ss`, the coupon's timezone).
    pub expiry_date: Option<PrimitiveDateTime>,
}

pub const UTM_FIELDS: [&str; 5] = [
    "utm_campaign",
    "utm_source",
    "utm_medium",
    "utm_term",
    "utm_content",
];

impl NewSingleUse {
    pub fn new(campaign: CampaignId) -> NewSingleUse {
        NewSingleUse {
            campaign,
            firstname: None,
            lastname: None,
            email: None,
            phone: None,
            customid: None,
            customfields: Default::default(),
            customvalcode: None,
            autovalcode: None,
            duplicate_check: None,
            utm: Default::default(),
            expiry_date: None,
        }
    }

    /// Parses `yyyy-MM-dd HH:mm:ss`.
    pub fn parse_expiry(s: &str) -> Result<PrimitiveDateTime, ApiError> {
        PrimitiveDateTime::parse(s.trim(), EXPIRY).map_err(|_| {
            ApiError::InvalidInput(format!(
                "{:?} is not an expiry date: use yyyy-MM-dd HH:mm:ss, e.g. 2026-12-31 23:59:59.",
                super::envelope::excerpt(s)
            ))
        })
    }

    /// Checks every seed limit; returns the request with email and phone normalized.
    pub fn checked(mut self) -> Result<NewSingleUse, ApiError> {
        for (what, v) in [
            ("The first name", &self.firstname),
            ("The last name", &self.lastname),
        ] {
            if let Some(v) = v {
                check_text(what, v, MAX_NAME)?;
            }
        }
        self.email = self.email.as_deref().map(check_email).transpose()?;
        self.phone = self.phone.as_deref().map(check_phone).transpose()?;
        self.customid = self.customid.as_deref().map(check_customid).transpose()?;
        for (i, f) in self.customfields.iter().enumerate() {
            if let Some(v) = f {
                check_customfield((i + 1) as u8, v)?;
            }
        }
        if let Some(code) = &self.customvalcode {
            if code.is_empty() || code.len() > MAX_VALCODE || !code.chars().all(|c| c.is_ascii_alphanumeric())
            {
                return Err(ApiError::InvalidInput(format!(
                    "A custom validation code holds 1 to {MAX_VALCODE} letters A-Z and digits."
                )));
            }
        }
        if self.customvalcode.is_some() && self.autovalcode.is_some() {
            return Err(ApiError::InvalidInput(
                "Give either a custom validation code or a generated one (autovalcode), not both.".into(),
            ));
        }
        if let Some(check) = self.duplicate_check {
            let present = match check {
                DuplicateCheck::Email => self.email.is_some(),
                DuplicateCheck::Phone => self.phone.is_some(),
                DuplicateCheck::Customid => self.customid.is_some(),
            };
            if !present {
                return Err(ApiError::InvalidInput(format!(
                    "A duplicate check by {0} needs the {0}: give it too, or check by another field.",
                    check.as_str()
                )));
            }
        }
        for (name, v) in UTM_FIELDS.iter().zip(&self.utm) {
            if let Some(v) = v {
                check_text(name, v, MAX_NAME)?;
            }
        }
        Ok(self)
    }

    pub fn to_params(&self) -> Vec<(&'static str, String)> {
        let mut p = vec![("campaign", self.campaign.as_str().to_string())];
        let mut push = |name: &'static str, v: &Option<String>| {
            if let Some(v) = v {
                p.push((name, v.clone()));
            }
        };
        push("firstname", &self.firstname);
        push("lastname", &self.lastname);
        push("email", &self.email);
        push("phone", &self.phone);
        push("customid", &self.customid);
        for (name, v) in CUSTOMFIELD_NAMES.iter().zip(&self.customfields) {
            push(name, v);
        }
        push("customvalcode", &self.customvalcode);
        push("autovalcode", &self.autovalcode.map(|a| a.as_str().to_string()));
        push(
            "duplicate_check",
            &self.duplicate_check.map(|d| d.as_str().to_string()),
        );
        for (name, v) in UTM_FIELDS.iter().zip(&self.utm) {
            push(name, v);
        }
        push(
            "expiry_date",
            &self.expiry_date.and_then(|d| d.format(EXPIRY).ok()),
        );
        p
    }
}

/// A single-use session as issued, under the API's field names.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct SingleUse {
    pub campaign: String,
    pub single_use_code: String,
    pub sequence_id: Option<u64>,
    pub single_use_url: Option<String>,
    pub widget_validation_code: Option<String>,
    pub custom_validation_code: Option<String>,
    pub customid: Option<String>,
}

impl SingleUse {
    pub fn from_json(v: &Value, campaign: &str) -> Result<SingleUse, String> {
        let get = |k: &str| v.get(k).filter(|x| !x.is_null());
        let code = text(
            get("single_use_code")
                .or_else(|| get("couponsession"))
                .or_else(|| get("session")),
        )
        .ok_or_else(|| format!("{} without a single_use_code", shape_of(v)))?;
        Ok(SingleUse {
            campaign: text(get("campaign")).unwrap_or_else(|| campaign.to_string()),
            single_use_code: code,
            sequence_id: unsigned(get("sequence_id").or_else(|| get("sequenceid"))),
            single_use_url: text(get("single_use_url")),
            widget_validation_code: text(get("widget_validation_code")),
            custom_validation_code: text(get("custom_validation_code")),
            customid: text(get("customid")),
        })
    }
}

/// Status of sessions made by `multiplesingleuse/create`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IssueStatus {
    Normal,
    Voided,
    Activated,
}

impl std::str::FromStr for IssueStatus {
    type Err = ApiError;
    fn from_str(s: &str) -> Result<Self, ApiError> {
        match s.trim().to_ascii_lowercase().as_str() {
            "normal" => Ok(IssueStatus::Normal),
            "voided" => Ok(IssueStatus::Voided),
            "activated" | "active" => Ok(IssueStatus::Activated),
            other => Err(ApiError::InvalidInput(format!(
                "The status is normal, voided or activated, not {other:?}."
            ))),
        }
    }
}

impl IssueStatus {
    /// The seed's parameter values.
    pub fn as_str(self) -> &'static str {
        match self {
            IssueStatus::Normal => "normal",
            IssueStatus::Voided => "voided",
            IssueStatus::Activated => "activated",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodeType {
    Numeric,
    Alphanumeric,
}

impl std::str::FromStr for CodeType {
    type Err = ApiError;
    fn from_str(s: &str) -> Result<Self, ApiError> {
        match s.trim().to_ascii_lowercase().as_str() {
            "numeric" => Ok(CodeType::Numeric),
            "alphanumeric" => Ok(CodeType::Alphanumeric),
            other => Err(ApiError::InvalidInput(format!(
                "The code type is numeric or alphanumeric, not {other:?}."
            ))),
        }
    }
}

/// `automated_codes=true` with `code_prefix`, `code_length`, `code_type`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AutomatedCodes {
    pub prefix: String,
    /// Length excluding the prefix. The seed documents 10 to 25 for the parameter and
    /// "between 3 and 30" in its error message; the server's own limit (3..=30) is checked.
    pub length: u8,
    pub kind: CodeType,
}

pub const CODE_LENGTH: std::ops::RangeInclusive<u8> = 3..=30;

/// One `multiplesingleuse/create` request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewSingleUses {
    pub campaign: CampaignId,
    /// 1..=100,000 (the API's default is 10).
    pub amount: u32,
    pub status: Option<IssueStatus>,
    pub automated: Option<AutomatedCodes>,
}

impl NewSingleUses {
    pub fn check(&self) -> Result<(), ApiError> {
        if !(1..=MAX_AMOUNT).contains(&self.amount) {
            return Err(ApiError::InvalidInput(format!(
                "Issue between 1 and {MAX_AMOUNT} codes at once, not {}.",
                self.amount
            )));
        }
        if let Some(a) = &self.automated {
            if !CODE_LENGTH.contains(&a.length) {
                return Err(ApiError::InvalidInput(format!(
                    "The code length (without prefix) is {} to {}, not {}.",
                    CODE_LENGTH.start(),
                    CODE_LENGTH.end(),
                    a.length
                )));
            }
            if a.prefix.len() > 50 || !a.prefix.chars().all(|c| c.is_ascii_alphanumeric()) {
                return Err(ApiError::InvalidInput(
                    "A code prefix holds at most 50 letters A-Z and digits.".into(),
                ));
            }
            // A code space smaller than the amount asked for can never be filled.
            let base: u128 = match a.kind {
                CodeType::Numeric => 10,
                CodeType::Alphanumeric => 36,
            };
            // `None` is a space beyond u128: plenty.
            let space = base.checked_pow(u32::from(a.length));
            if space.is_some_and(|s| s < u128::from(self.amount)) {
                return Err(ApiError::InvalidInput(format!(
                    "{} codes do not fit in {} {} characters; make the codes longer.",
                    self.amount,
                    a.length,
                    if a.kind == CodeType::Numeric {
                        "numeric"
                    } else {
                        "alphanumeric"
                    }
                )));
            }
        }
        Ok(())
    }

    pub fn to_params(&self) -> Vec<(&'static str, String)> {
        let mut p = vec![
            ("campaign", self.campaign.as_str().to_string()),
            ("amount", self.amount.to_string()),
        ];
        if let Some(s) = self.status {
            p.push(("status", s.as_str().to_string()));
        }
        if let Some(a) = &self.automated {
            p.push(("automated_codes", "true".to_string()));
            if !a.prefix.is_empty() {
                p.push(("code_prefix", a.prefix.clone()));
            }
            p.push(("code_length", a.length.to_string()));
            p.push((
                "code_type",
                match a.kind {
                    CodeType::Numeric => "numeric",
                    CodeType::Alphanumeric => "alphanumeric",
                }
                .to_string(),
            ));
        }
        p
    }
}

impl Client {
    /// `singleuse/create`: one new session (or, with a duplicate check, the existing one).
    pub async fn create_single_use(&self, request: &NewSingleUse) -> Result<SingleUse, ApiError> {
        let request = request.clone().checked()?;
        let answer = self.post("singleuse/create", &request.to_params()).await?;
        SingleUse::from_json(&answer, request.campaign.as_str()).map_err(ApiError::unexpected_ok)
    }

    /// `multiplesingleuse/create`: `amount` new sessions.
    pub async fn create_single_uses(&self, request: &NewSingleUses) -> Result<Vec<SingleUse>, ApiError> {
        request.check()?;
        let answer = self
            .post("multiplesingleuse/create", &request.to_params())
            .await?;
        // Assumed [confirmed]: `data` is an array; also read as an object keyed "0", "1", …
        // (profile php-arrays).
        let items = match answer.get("data").or_else(|| answer.get("results")) {
            Some(list) => super::lenient::list_items(list)
                .ok_or_else(|| ApiError::unexpected_ok(format!("issued codes as {}", shape_of(list))))?,
            None => {
                return Err(ApiError::unexpected_ok(format!(
                    "an answer without issued codes: {}",
                    shape_of(&answer)
                )))
            }
        };
        let campaign = text(answer.get("campaign")).unwrap_or_else(|| request.campaign.as_str().to_string());
        items
            .iter()
            .map(|i| SingleUse::from_json(i, &campaign).map_err(ApiError::unexpected_ok))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cam() -> CampaignId {
        CampaignId::parse("cam_demo01").unwrap()
    }

    #[test]
    fn single_use_limits() {
        let mut r = NewSingleUse::new(cam());
        r.customvalcode = Some("ABC123".into());
        r.autovalcode = Some(AutoValCode::Digits6);
        assert!(r.clone().checked().unwrap_err().to_string().contains("not both"));
        r.autovalcode = None;
        r.duplicate_check = Some(DuplicateCheck::Email);
        assert!(r
            .clone()
            .checked()
            .unwrap_err()
            .to_string()
            .contains("needs the email"));
        r.email = Some(" jane@example.com ".into());
        r.phone = Some("+44 7911 123456".into());
        let ok = r.clone().checked().unwrap();
        assert_eq!(ok.email.as_deref(), Some("jane@example.com"));
        assert_eq!(ok.phone.as_deref(), Some("+447911123456"));
        r.customvalcode = Some("WITH SPACE".into());
        assert!(r.clone().checked().is_err());
        r.customvalcode = Some("x".repeat(101));
        assert!(r.checked().is_err());
        assert!(NewSingleUse::parse_expiry("2026-12-31 23:59:59").is_ok());
        assert!(NewSingleUse::parse_expiry("2026-12-31").is_err());
    }

    #[test]
    fn many_limits() {
        let mut r = NewSingleUses {
            campaign: cam(),
            amount: 0,
            status: None,
            automated: None,
        };
        assert!(r.check().is_err());
        r.amount = 100_001;
        assert!(r.check().is_err());
        r.amount = 1000;
        r.automated = Some(AutomatedCodes {
            prefix: "XMAS".into(),
            length: 2,
            kind: CodeType::Numeric,
        });
        assert!(r.check().is_err());
        r.automated = Some(AutomatedCodes {
            prefix: "XMAS".into(),
            length: 3,
            kind: CodeType::Numeric,
        });
        assert!(r.check().is_ok());
        r.amount = 1001;
        assert!(r.check().unwrap_err().to_string().contains("do not fit"));
    }
}
