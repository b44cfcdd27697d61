//! Typed request parameters. Each constructor checks the seed's limits, so a request that
//! would be refused is never sent, and the message tells a cashier what to fix.

use super::error::ApiError;

/// A session code as the API accepts it: the 21-character code or its 6-character widget short code.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct SessionCode(String);

impl SessionCode {
    pub fn parse(s: &str) -> Result<Self, ApiError> {
        let s = s.trim();
        if s.is_empty() {
            return Err(ApiError::InvalidInput("Enter a coupon session code.".into()));
        }
        if let Some(bad) = s.chars().find(|c| !c.is_ascii_alphanumeric()) {
            return Err(ApiError::InvalidInput(format!(
                "A session code holds only letters and digits, not {bad:?}."
            )));
        }
        if s.len() != crate::scan::SESSION_CODE_LEN && s.len() != crate::scan::SHORT_CODE_LEN {
            return Err(ApiError::InvalidInput(format!(
                "A session code has 21 characters (or 6 for the short code); this one has {}.",
                s.len()
            )));
        }
        Ok(Self(s.to_ascii_lowercase()))
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A coupon (campaign) id: `cam_` followed by letters and digits.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct CampaignId(String);

impl CampaignId {
    pub fn parse(s: &str) -> Result<Self, ApiError> {
        let s = s.trim();
        let ok = s.strip_prefix("cam_").is_some_and(|rest| {
            !rest.is_empty() && rest.len() <= 64 && rest.chars().all(|c| c.is_ascii_alphanumeric())
        });
        if ok {
            Ok(Self(s.to_string()))
        } else {
            Err(ApiError::InvalidInput(format!(
                "A coupon id looks like cam_XXXXXX (letters and digits after cam_), not {s:?}."
            )))
        }
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// `couponsession/update` operations.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Operation {
    Void,
    Unvoid,
    Lock,
    Unlock,
    Claim,
    Validate,
    Unvalidate,
    Activate,
}

impl Operation {
    pub const ALL: [Operation; 8] = [
        Operation::Void,
        Operation::Unvoid,
        Operation::Lock,
        Operation::Unlock,
        Operation::Claim,
        Operation::Validate,
        Operation::Unvalidate,
        Operation::Activate,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            Operation::Void => "void",
            Operation::Unvoid => "unvoid",
            Operation::Lock => "lock",
            Operation::Unlock => "unlock",
            Operation::Claim => "claim",
            Operation::Validate => "validate",
            Operation::Unvalidate => "unvalidate",
            Operation::Activate => "activate",
        }
    }
}

impl std::str::FromStr for Operation {
    type Err = ApiError;
    fn from_str(s: &str) -> Result<Self, ApiError> {
        Operation::ALL
            .into_iter()
            .find(|op| op.as_str() == s)
            .ok_or_else(|| ApiError::InvalidInput(format!(
                "Unknown operation {s:?}: use void, unvoid, lock, unlock, claim, validate, unvalidate or activate."
            )))
    }
}

/// One `couponsession/update` request. Build with `UpdateSession::new(code)` and the setters,
/// each of which checks its seed limit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UpdateSession {
    pub code: SessionCode,
    pub operation: Option<Operation>,
    /// customfield1..7 (index 0 is customfield1); each at most 50 characters.
    pub customfields: [Option<String>; 7],
    /// `[A-Za-z0-9]`, at most 50 characters.
    pub customid: Option<String>,
    /// Decimal in the seed's `0.000` form, never a float.
    pub money_spent: Option<rust_decimal::Decimal>,
}

/// One `couponsession/search` / `campaignsession/search` request (at least one filter, each ≥ 5 chars).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchQuery {
    pub campaign: Option<CampaignId>,
    pub code: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
}
