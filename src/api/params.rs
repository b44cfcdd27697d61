//! Typed request parameters. Each constructor checks the seed's limits, so a request that
//! would be refused is never sent, and the message tells a cashier what to fix.

use super::error::ApiError;

/// Length of a full coupon session code (e.g. `ac6s7u3g8a25ja7x9qg87`).
pub const SESSION_CODE_LEN: usize = 21;
/// Length of the widget validation ("short") code printed on coupons: a session code's first 6
/// characters.
pub const SHORT_CODE_LEN: usize = 6;
/// The seed's minimum length for any search field (code, email, phone).
pub const MIN_SEARCH_LEN: usize = 5;

/// Strips the separators people type into phone numbers, keeping a leading `+`.
pub fn normalize_phone(s: &str) -> String {
    let plus = if s.trim_start().starts_with('+') { "+" } else { "" };
    let digits: String = s.chars().filter(char::is_ascii_digit).collect();
    format!("{plus}{digits}")
}

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
        if s.len() != SESSION_CODE_LEN && s.len() != SHORT_CODE_LEN {
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
            .find(|op| op.as_str().eq_ignore_ascii_case(s.trim()))
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

/// The wire names of the custom fields, customfield1..7: index `i` names field `i + 1`.
pub const CUSTOMFIELD_NAMES: [&str; 7] = [
    "customfield1",
    "customfield2",
    "customfield3",
    "customfield4",
    "customfield5",
    "customfield6",
    "customfield7",
];

/// The seed's limit for customfield1..7 and customid.
pub const MAX_FIELD_CHARS: usize = 50;
/// Longest search value we send (an email address may be 254 characters).
pub const MAX_SEARCH_CHARS: usize = 254;
/// Largest `money_spent` we send: a till never rings up a billion.
const MAX_MONEY_DIGITS_BEFORE_POINT: usize = 9;
const MONEY_DECIMALS: u32 = 3;

/// A custom field value (customfield1..7): at most 50 characters, no control characters.
pub fn check_customfield(index: u8, value: &str) -> Result<String, ApiError> {
    if !(1..=7).contains(&index) {
        return Err(ApiError::InvalidInput(format!(
            "There are custom fields 1 to 7, not {index}."
        )));
    }
    let name = format!("Custom field {index}");
    if value.chars().any(char::is_control) {
        return Err(ApiError::InvalidInput(format!(
            "{name} holds a control character; type plain text."
        )));
    }
    let n = value.chars().count();
    if n > MAX_FIELD_CHARS {
        return Err(ApiError::InvalidInput(format!(
            "{name} takes at most {MAX_FIELD_CHARS} characters; this has {n}."
        )));
    }
    Ok(value.to_string())
}

/// A custom id: letters A-Z/a-z and digits only, at most 50.
pub fn check_customid(value: &str) -> Result<String, ApiError> {
    let v = value.trim();
    if v.is_empty() {
        return Err(ApiError::InvalidInput("The custom id is empty.".into()));
    }
    if let Some(bad) = v.chars().find(|c| !c.is_ascii_alphanumeric()) {
        return Err(ApiError::InvalidInput(format!(
            "A custom id holds only letters A-Z and digits, not {bad:?}."
        )));
    }
    if v.len() > MAX_FIELD_CHARS {
        return Err(ApiError::InvalidInput(format!(
            "A custom id takes at most {MAX_FIELD_CHARS} characters; this has {}.",
            v.len()
        )));
    }
    Ok(v.to_string())
}

/// Reads an amount as a cashier types it: digits, one decimal point (or comma), at most three
/// decimals, no sign and no currency symbol ("12.50", "12,5", "3").
pub fn parse_money(s: &str) -> Result<rust_decimal::Decimal, ApiError> {
    let t = s.trim();
    let help = "Type the amount as digits with at most one decimal point and 3 decimals, \
                without a currency sign (for example 12.50).";
    if t.is_empty() {
        return Err(ApiError::InvalidInput(format!("The amount is empty. {help}")));
    }
    if is_ambiguous_amount(t) {
        return Err(ApiError::InvalidInput(format!(
            "{t:?} is ambiguous: thousands or decimals? Type the amount with a decimal point \
             and no thousands separator, e.g. 1500 or 1.500."
        )));
    }
    let normalized = t.replace(',', ".");
    let (whole, frac) = normalized.split_once('.').unwrap_or((&normalized, ""));
    let digits_ok = |p: &str| p.chars().all(|c| c.is_ascii_digit());
    if !digits_ok(whole) || !digits_ok(frac) || (whole.is_empty() && frac.is_empty()) {
        return Err(ApiError::InvalidInput(format!("{t:?} is not an amount. {help}")));
    }
    let value: rust_decimal::Decimal = normalized
        .parse()
        .map_err(|_| ApiError::InvalidInput(format!("{t:?} is not an amount. {help}")))?;
    check_money(value)
}

/// A comma followed by exactly three digits (`1,500`): a thousands separator or a decimal comma
/// with three decimals — the one form an amount is never read from.
pub fn is_ambiguous_amount(s: &str) -> bool {
    s.trim()
        .split_once(',')
        .is_some_and(|(_, after)| after.len() == 3 && after.bytes().all(|b| b.is_ascii_digit()))
}

/// Checks an amount against what the seed's `0.000` form can carry.
pub fn check_money(value: rust_decimal::Decimal) -> Result<rust_decimal::Decimal, ApiError> {
    if value.is_sign_negative() && !value.is_zero() {
        return Err(ApiError::InvalidInput(
            "The amount spent cannot be negative.".into(),
        ));
    }
    let normalized = value.normalize();
    if normalized.scale() > MONEY_DECIMALS {
        return Err(ApiError::InvalidInput(format!(
            "The amount {value} has more than {MONEY_DECIMALS} decimals."
        )));
    }
    if normalized.trunc().abs().to_string().len() > MAX_MONEY_DIGITS_BEFORE_POINT {
        return Err(ApiError::InvalidInput(format!(
            "The amount {value} is too large for a single sale."
        )));
    }
    Ok(value)
}

/// The seed's `0.000` form: "12.5" -> "12.500".
pub fn format_money(value: rust_decimal::Decimal) -> String {
    let mut v = value.round_dp(MONEY_DECIMALS);
    v.rescale(MONEY_DECIMALS);
    v.abs().to_string()
}

impl UpdateSession {
    /// An update that changes nothing yet.
    pub fn new(code: SessionCode) -> Self {
        Self {
            code,
            operation: None,
            customfields: Default::default(),
            customid: None,
            money_spent: None,
        }
    }

    pub fn operation(mut self, op: Operation) -> Self {
        self.operation = Some(op);
        self
    }

    /// Sets customfield `index` (1..=7).
    pub fn customfield(mut self, index: u8, value: &str) -> Result<Self, ApiError> {
        let v = check_customfield(index, value)?;
        self.customfields[usize::from(index - 1)] = Some(v);
        Ok(self)
    }

    pub fn customid(mut self, value: &str) -> Result<Self, ApiError> {
        self.customid = Some(check_customid(value)?);
        Ok(self)
    }

    pub fn money_spent(mut self, value: rust_decimal::Decimal) -> Result<Self, ApiError> {
        self.money_spent = Some(check_money(value)?);
        Ok(self)
    }

    /// Checks every field again (the fields are public) and that the update changes something.
    pub fn check(&self) -> Result<(), ApiError> {
        for (i, f) in self.customfields.iter().enumerate() {
            if let Some(v) = f {
                check_customfield((i + 1) as u8, v)?;
            }
        }
        if let Some(id) = &self.customid {
            check_customid(id)?;
        }
        if let Some(m) = self.money_spent {
            check_money(m)?;
        }
        let changes_something = self.operation.is_some()
            || self.customfields.iter().any(Option::is_some)
            || self.customid.is_some()
            || self.money_spent.is_some();
        if !changes_something {
            return Err(ApiError::InvalidInput(
                "Nothing to update: give an operation, a custom field, a custom id or an amount.".into(),
            ));
        }
        Ok(())
    }

    /// The request body fields, in the seed's names.
    pub fn to_params(&self) -> Vec<(&'static str, String)> {
        let mut p = vec![("couponsession", self.code.as_str().to_string())];
        if let Some(op) = self.operation {
            p.push(("operation", op.as_str().to_string()));
        }
        for (name, value) in CUSTOMFIELD_NAMES.iter().zip(&self.customfields) {
            if let Some(v) = value {
                p.push((name, v.clone()));
            }
        }
        if let Some(id) = &self.customid {
            p.push(("customid", id.clone()));
        }
        if let Some(m) = self.money_spent {
            p.push(("money_spent", format_money(m)));
        }
        p
    }
}

impl SearchQuery {
    pub fn by_email(email: &str) -> Result<Self, ApiError> {
        let q = Self {
            email: Some(email.trim().to_string()),
            ..Self::default()
        };
        q.check().map(|()| q)
    }

    /// Separators people type (spaces, dashes, brackets, dots) are removed; a leading `+` is kept.
    pub fn by_phone(phone: &str) -> Result<Self, ApiError> {
        let bad = phone
            .trim()
            .chars()
            .enumerate()
            .find(|(i, c)| !(c.is_ascii_digit() || " -().".contains(*c) || (*i == 0 && *c == '+')));
        if let Some((_, c)) = bad {
            return Err(ApiError::InvalidInput(format!(
                "A phone number holds digits (and an optional leading +), not {c:?}."
            )));
        }
        let q = Self {
            phone: Some(normalize_phone(phone)),
            ..Self::default()
        };
        q.check().map(|()| q)
    }

    /// A custom validation code.
    pub fn by_code(code: &str) -> Result<Self, ApiError> {
        let q = Self {
            code: Some(code.trim().to_string()),
            ..Self::default()
        };
        q.check().map(|()| q)
    }

    /// Restricts the search to one coupon (`campaignsession/search`).
    pub fn in_campaign(mut self, campaign: CampaignId) -> Self {
        self.campaign = Some(campaign);
        self
    }

    /// The seed's rules: at least one filter, each at least 5 characters.
    pub fn check(&self) -> Result<(), ApiError> {
        let filters = [
            ("code", &self.code),
            ("email", &self.email),
            ("phone", &self.phone),
        ];
        if filters.iter().all(|(_, v)| v.is_none()) {
            return Err(ApiError::InvalidInput(
                "Search by email, phone or custom validation code.".into(),
            ));
        }
        for (name, value) in filters {
            let Some(v) = value else { continue };
            let what = match name {
                "code" => "A validation code",
                "email" => "An email address",
                _ => "A phone number",
            };
            if v.chars().any(|c| c.is_control() || c.is_whitespace()) {
                return Err(ApiError::InvalidInput(format!(
                    "{what} to search for cannot hold spaces or control characters."
                )));
            }
            if !v.is_ascii() {
                return Err(ApiError::InvalidInput(format!(
                    "{what} to search for holds only plain ASCII characters."
                )));
            }
            let n = v.trim_start_matches('+').len();
            if n < MIN_SEARCH_LEN {
                return Err(ApiError::InvalidInput(format!(
                    "{what} to search for needs at least {} characters.",
                    MIN_SEARCH_LEN
                )));
            }
            if v.len() > MAX_SEARCH_CHARS {
                return Err(ApiError::InvalidInput(format!(
                    "{what} to search for is too long ({} characters).",
                    v.len()
                )));
            }
        }
        Ok(())
    }

    pub fn to_params(&self) -> Vec<(&'static str, String)> {
        let mut p = Vec::new();
        if let Some(c) = &self.campaign {
            p.push(("campaign", c.as_str().to_string()));
        }
        for (name, value) in [
            ("code", &self.code),
            ("email", &self.email),
            ("phone", &self.phone),
        ] {
            if let Some(v) = value {
                p.push((name, v.clone()));
            }
        }
        p
    }

    /// The endpoint: `campaignsession/search` within a coupon, `couponsession/search` otherwise.
    pub fn path(&self) -> &'static str {
        if self.campaign.is_some() {
            "campaignsession/search"
        } else {
            "couponsession/search"
        }
    }
}

/// A free-text parameter: no control characters, at most `max` characters.
pub fn check_text(what: &str, value: &str, max: usize) -> Result<String, ApiError> {
    if value.chars().any(char::is_control) {
        return Err(ApiError::InvalidInput(format!(
            "{what} holds a control character; type plain text."
        )));
    }
    let n = value.chars().count();
    if n > max {
        return Err(ApiError::InvalidInput(format!(
            "{what} takes at most {max} characters; this has {n}."
        )));
    }
    Ok(value.to_string())
}

/// An email address as the API takes it: `name@domain.tld`, plain ASCII, no spaces, ≤ 254.
pub fn check_email(value: &str) -> Result<String, ApiError> {
    let v = value.trim();
    let bad = || {
        ApiError::InvalidInput(format!(
            "{:?} is not an email address (like name@example.com).",
            crate::api::envelope::excerpt(v)
        ))
    };
    if v.len() > MAX_SEARCH_CHARS || !v.is_ascii() || v.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(bad());
    }
    let (local, domain) = v.split_once('@').ok_or_else(bad)?;
    let domain_ok = domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains('@')
        && !domain.contains("..");
    if local.is_empty() || !domain_ok {
        return Err(bad());
    }
    Ok(v.to_string())
}

/// A phone number as a person types it -> digits with an optional leading `+`.
pub fn check_phone(value: &str) -> Result<String, ApiError> {
    let v = value.trim();
    if let Some((_, c)) = v
        .chars()
        .enumerate()
        .find(|(i, c)| !(c.is_ascii_digit() || " -().".contains(*c) || (*i == 0 && *c == '+')))
    {
        return Err(ApiError::InvalidInput(format!(
            "A phone number holds digits (and an optional leading +), not {c:?}."
        )));
    }
    let normalized = normalize_phone(v);
    let digits = normalized.trim_start_matches('+').len();
    if !(MIN_SEARCH_LEN..=15).contains(&digits) {
        return Err(ApiError::InvalidInput(format!(
            "A phone number has 5 to 15 digits; this one has {digits}."
        )));
    }
    Ok(normalized)
}

/// The international E.164 form `send/sms` needs: `+`, country code, number, at most 15 digits,
/// no leading 0 after the country code. Spaces, dashes, dots and brackets are removed.
pub fn check_e164(value: &str) -> Result<String, ApiError> {
    let normalized = check_phone(value)?;
    let help = "Use the international form, e.g. +447911123456 for the UK number 07911 123456 \
                (country code, then the number without its leading 0).";
    let Some(digits) = normalized.strip_prefix('+') else {
        return Err(ApiError::InvalidInput(format!(
            "A text message needs the number with its country code. {help}"
        )));
    };
    if digits.starts_with('0') || digits.len() < 8 {
        return Err(ApiError::InvalidInput(format!(
            "{value:?} is not an E.164 number. {help}"
        )));
    }
    Ok(normalized)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::Decimal;
    use std::str::FromStr;

    #[test]
    fn money_is_sent_in_the_seeds_form() {
        assert_eq!(format_money(parse_money("12.5").unwrap()), "12.500");
        assert_eq!(format_money(parse_money("12,50").unwrap()), "12.500");
        assert_eq!(format_money(parse_money("3").unwrap()), "3.000");
        assert_eq!(format_money(parse_money(".25").unwrap()), "0.250");
        assert_eq!(format_money(Decimal::from_str("0.001").unwrap()), "0.001");
    }

    #[test]
    fn money_a_till_cannot_mean_is_refused() {
        for bad in [
            "",
            "-1",
            "€12",
            "12.3456",
            "1e5",
            "12.5.1",
            "1 000",
            "1234567890",
            ".",
        ] {
            let err = parse_money(bad).unwrap_err();
            assert!(matches!(err, ApiError::InvalidInput(_)), "{bad}: {err}");
        }
    }

    #[test]
    fn update_limits_are_checked_before_sending() {
        let code = SessionCode::parse("ac6s7u3g8a25ja7x9qg87").unwrap();
        let u = UpdateSession::new(code.clone());
        assert!(u.clone().customfield(1, &"x".repeat(50)).is_ok());
        let e = u.clone().customfield(1, &"x".repeat(51)).unwrap_err();
        assert_eq!(
            e.to_string(),
            "Custom field 1 takes at most 50 characters; this has 51."
        );
        assert!(u.clone().customfield(8, "x").is_err());
        assert!(u.clone().customid("Till7").is_ok());
        assert!(u.clone().customid("till-7").is_err());
        assert!(u.clone().customid(&"a".repeat(51)).is_err());
        assert!(u.check().is_err(), "an update that changes nothing is refused");
    }

    #[test]
    fn update_params_use_the_seeds_names() {
        let code = SessionCode::parse("ac6s7u").unwrap();
        let u = UpdateSession::new(code)
            .operation(Operation::Validate)
            .customfield(7, "till-1/Ann")
            .unwrap()
            .money_spent(Decimal::from_str("12.5").unwrap())
            .unwrap();
        assert_eq!(
            u.to_params(),
            vec![
                ("couponsession", "ac6s7u".to_string()),
                ("operation", "validate".to_string()),
                ("customfield7", "till-1/Ann".to_string()),
                ("money_spent", "12.500".to_string()),
            ]
        );
    }

    #[test]
    fn emails_and_phone_numbers() {
        assert!(check_email("jane@example.com").is_ok());
        for bad in [
            "jane",
            "jane@",
            "@example.com",
            "jane@example",
            "ja ne@example.com",
            "j\u{e9}@example.com",
        ] {
            assert!(check_email(bad).is_err(), "{bad}");
        }
        assert_eq!(check_e164("+44 7911 123456").unwrap(), "+447911123456");
        assert_eq!(check_e164("+1 (415) 555-0123").unwrap(), "+14155550123");
        let e = check_e164("07911 123456").unwrap_err().to_string();
        assert!(e.contains("+447911123456"), "{e}");
        assert!(check_e164("+0447911123456").is_err());
        assert!(check_e164("+1234567890123456").is_err(), "more than 15 digits");
        assert!(check_e164("+44 7911 12345x").is_err());
    }

    #[test]
    fn search_fields_need_five_characters() {
        assert!(SearchQuery::by_email("a@b.c").is_ok());
        assert!(SearchQuery::by_email("a@b").is_err());
        assert_eq!(
            SearchQuery::by_phone("+44 7911 123456").unwrap().phone.as_deref(),
            Some("+447911123456")
        );
        assert!(SearchQuery::by_phone("+1234").is_err());
        assert!(SearchQuery::by_phone("12a45678").is_err());
        assert!(SearchQuery::by_code("WELC").is_err());
        assert!(SearchQuery::by_code("caf\u{e9}123").is_err());
        assert!(SearchQuery::default().check().is_err());
        let q = SearchQuery::by_code("WELCOME2026")
            .unwrap()
            .in_campaign(CampaignId::parse("cam_demo02").unwrap());
        assert_eq!(q.path(), "campaignsession/search");
    }
}
