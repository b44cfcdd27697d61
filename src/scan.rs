//! What a scanned or typed string is.
//!
//! A keyboard-wedge scanner types whatever the printed code holds: a bare session code,
//! the 6-character widget short code, the whole coupon URL, or a merchant's own custom
//! validation code. Staff may also type an email address or a phone number to look a
//! customer up. This module decides which, without any I/O, so that a malformed scan
//! never costs a round trip.

/// The API's own limits, which a scan is read by.
pub use crate::api::params::{normalize_phone, MIN_SEARCH_LEN, SESSION_CODE_LEN, SHORT_CODE_LEN};

/// Longest input we accept at all; anything longer is not a coupon.
pub const MAX_SCAN_LEN: usize = 512;

/// The meaning of one scan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scanned {
    /// A full 21-character session code (lower-case letters and digits).
    SessionCode(String),
    /// The 6-character widget validation code; the API accepts it wherever a session code goes.
    ShortCode(String),
    /// A custom validation code, found through `couponsession/search` by `code`.
    CustomCode(String),
    /// An email address: a lookup, not a validation.
    Email(String),
    /// A phone number, digits with an optional leading `+`: a lookup, not a validation.
    Phone(String),
}

/// Why a scan was refused before any request.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ScanError {
    #[error("Nothing was scanned.")]
    Empty,
    #[error("That is too long to be a coupon code ({0} characters).")]
    TooLong(usize),
    #[error("The scan holds a control character; scan again.")]
    ControlCharacter,
    #[error("The scan holds characters no coupon code has ({0:?}); scan again or type the code.")]
    InvalidCharacter(char),
    #[error("Too short: a code needs at least {MIN_SEARCH_LEN} characters (or the 6-character short code).")]
    TooShort,
    #[error("That link does not end in a coupon session code.")]
    UrlWithoutSession,
}

/// Classifies one scan. Surrounding white space (scanners often append CR/LF/Tab) is ignored.
pub fn classify(raw: &str) -> Result<Scanned, ScanError> {
    let input = raw.trim_matches(|c: char| c.is_whitespace());
    if input.is_empty() {
        return Err(ScanError::Empty);
    }
    let chars = input.chars().count();
    if chars > MAX_SCAN_LEN {
        return Err(ScanError::TooLong(chars));
    }
    if input.chars().any(char::is_control) {
        return Err(ScanError::ControlCharacter);
    }
    if looks_like_url(input) {
        return session_from_url(input);
    }
    if input.contains('@') {
        return email(input);
    }
    if looks_like_phone(input) {
        let phone = normalize_phone(input);
        if phone.trim_start_matches('+').len() < MIN_SEARCH_LEN {
            return Err(ScanError::TooShort);
        }
        return Ok(Scanned::Phone(phone));
    }
    if let Some(bad) = input
        .chars()
        .find(|c| !c.is_ascii_alphanumeric() && !"-_".contains(*c))
    {
        return Err(ScanError::InvalidCharacter(bad));
    }
    if is_session_code(input) {
        return Ok(Scanned::SessionCode(input.to_string()));
    }
    if is_session_code(&input.to_ascii_lowercase()) && input.len() == SESSION_CODE_LEN {
        // Code 39 carries upper case only: a session code read back from one is still ours.
        return Ok(Scanned::SessionCode(input.to_ascii_lowercase()));
    }
    if input.len() == SHORT_CODE_LEN
        && input
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
    {
        return Ok(Scanned::ShortCode(input.to_string()));
    }
    if input.len() < MIN_SEARCH_LEN {
        return Err(ScanError::TooShort);
    }
    Ok(Scanned::CustomCode(input.to_string()))
}

/// A full session code: 21 lower-case ASCII letters or digits.
pub fn is_session_code(s: &str) -> bool {
    s.len() == SESSION_CODE_LEN && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
}

fn looks_like_url(s: &str) -> bool {
    let lower = s.to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

/// Coupon URLs end in the session code (`https://host/p/<short>/<session>`), maybe with a query or fragment.
fn session_from_url(s: &str) -> Result<Scanned, ScanError> {
    let path = s.split(['?', '#']).next().unwrap_or(s);
    path.rsplit('/')
        .find(|seg| !seg.is_empty())
        .filter(|seg| is_session_code(seg))
        .map(|seg| Scanned::SessionCode(seg.to_string()))
        .ok_or(ScanError::UrlWithoutSession)
}

fn email(s: &str) -> Result<Scanned, ScanError> {
    if s.chars().count() < MIN_SEARCH_LEN {
        return Err(ScanError::TooShort);
    }
    if let Some(bad) = s.chars().find(|c| c.is_whitespace() || !c.is_ascii()) {
        return Err(ScanError::InvalidCharacter(bad));
    }
    Ok(Scanned::Email(s.to_string()))
}

/// A phone number: an optional `+`, then digits with the usual spaces, dashes, dots and brackets.
fn looks_like_phone(s: &str) -> bool {
    let body = s.strip_prefix('+').unwrap_or(s);
    let has_separator_or_plus = s.starts_with('+') || body.contains([' ', '-', '(', ')', '.']);
    body.chars().any(|c| c.is_ascii_digit())
        && body.chars().all(|c| c.is_ascii_digit() || " -().".contains(c))
        && (has_separator_or_plus || body.len() != SHORT_CODE_LEN)
        && !is_all_digits_code(s)
}

/// Plain runs of digits are ambiguous: a numeric custom validation code or a phone number.
/// Only a leading `+` or typical phone punctuation makes it a phone number.
fn is_all_digits_code(s: &str) -> bool {
    s.chars().all(|c| c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn session_codes_short_codes_and_urls() {
        assert_eq!(
            classify("ac6s7u3g8a25ja7x9qg87\r\n"),
            Ok(Scanned::SessionCode("ac6s7u3g8a25ja7x9qg87".into()))
        );
        assert_eq!(
            classify("AC6S7U3G8A25JA7X9QG87"),
            Ok(Scanned::SessionCode("ac6s7u3g8a25ja7x9qg87".into()))
        );
        assert_eq!(classify("ac6s7u"), Ok(Scanned::ShortCode("ac6s7u".into())));
        assert_eq!(
            classify("https://coupons.example.com/p/ac6s7u/ac6s7u3g8a25ja7x9qg87?utm=x"),
            Ok(Scanned::SessionCode("ac6s7u3g8a25ja7x9qg87".into()))
        );
        assert_eq!(
            classify("https://coupons.example.com/p/"),
            Err(ScanError::UrlWithoutSession)
        );
    }

    #[test]
    fn custom_codes_emails_and_phones() {
        assert_eq!(
            classify("WELCOME2026"),
            Ok(Scanned::CustomCode("WELCOME2026".into()))
        );
        assert_eq!(classify("123456789"), Ok(Scanned::CustomCode("123456789".into())));
        assert_eq!(
            classify("jane@example.com"),
            Ok(Scanned::Email("jane@example.com".into()))
        );
        assert_eq!(
            classify("+44 7911 123456"),
            Ok(Scanned::Phone("+447911123456".into()))
        );
        assert_eq!(
            classify("(415) 555-0123"),
            Ok(Scanned::Phone("4155550123".into()))
        );
    }

    #[test]
    fn malformed_scans_are_refused_locally() {
        assert_eq!(classify("   "), Err(ScanError::Empty));
        assert_eq!(classify("abc"), Err(ScanError::TooShort));
        assert_eq!(classify("ab\u{7}cdefg"), Err(ScanError::ControlCharacter));
        assert_eq!(
            classify("caf\u{e9}12345"),
            Err(ScanError::InvalidCharacter('\u{e9}'))
        );
        assert_eq!(classify("a/b;c d"), Err(ScanError::InvalidCharacter('/')));
        assert!(matches!(classify(&"x".repeat(600)), Err(ScanError::TooLong(600))));
    }
}
