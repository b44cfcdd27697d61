//! Phone numbers as people type them at a counter. A customer says "07911 123456", the way the
//! number is written at home; the coupon was issued to "+447911123456". With the kiosk's default
//! country the national form is read as the international one (libphonenumber's rules, through
//! the `phonenumber` crate), and the raw input is still searched when that finds nothing (a
//! session may have been issued with the number as typed).

use phonenumber::country;
use std::str::FromStr;

/// A country whose national numbering a phone number without `+` is read in (`GB`, `US`, ...).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Country(country::Id);

impl Country {
    /// A two-letter region code, any case (`GB`, `us`).
    pub fn parse(code: &str) -> Result<Country, String> {
        let upper = code.trim().to_ascii_uppercase();
        country::Id::from_str(&upper)
            .map(Country)
            .map_err(|_| format!("{code:?} is not a two-letter country code such as \"GB\" or \"US\"."))
    }

    /// The region code, e.g. "GB".
    pub fn code(self) -> String {
        self.0.as_ref().to_string()
    }
}

/// The international form (`+447911123456`) of `input` read in `country`, when it is a valid
/// number there (or anywhere, when it starts with `+`).
pub fn international(input: &str, country: Option<Country>) -> Option<String> {
    let number = phonenumber::parse(country.map(|c| c.0), input.trim()).ok()?;
    number
        .is_valid()
        .then(|| number.format().mode(phonenumber::Mode::E164).to_string())
}

/// The forms of a typed phone number to search for, in order: the international form read with
/// the default country, then the digits as typed (separators removed). Never empty for
/// non-empty input; no form twice.
pub fn search_forms(input: &str, country: Option<Country>) -> Vec<String> {
    let typed = crate::api::params::normalize_phone(input);
    let mut forms: Vec<String> = international(input, country).into_iter().collect();
    if !typed.trim_start_matches('+').is_empty() && !forms.contains(&typed) {
        forms.push(typed);
    }
    forms
}

/// A plain run of digits that is a valid phone number in `country` (e.g. `07911123456` in GB).
/// Such input is ambiguous (a numeric custom code looks the same), so it is searched as a phone
/// number first and as a code after.
pub fn is_national_number(input: &str, country: Option<Country>) -> bool {
    let s = input.trim();
    country.is_some()
        && !s.is_empty()
        && s.chars().all(|c| c.is_ascii_digit())
        && international(s, country).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gb() -> Option<Country> {
        Country::parse("gb").ok()
    }

    #[test]
    fn country_codes_parse_in_any_case_and_nonsense_is_refused() {
        assert_eq!(Country::parse(" GB ").map(Country::code).as_deref(), Ok("GB"));
        assert_eq!(Country::parse("us").map(Country::code).as_deref(), Ok("US"));
        let err = Country::parse("Britain").err().unwrap_or_default();
        assert!(err.contains("two-letter country code"), "{err}");
    }

    #[test]
    fn a_national_number_is_searched_in_international_form_then_as_typed() {
        assert_eq!(
            search_forms("07911 123456", gb()),
            vec!["+447911123456".to_string(), "07911123456".to_string()]
        );
        // Without a country the national form cannot be read: only the digits as typed.
        assert_eq!(
            search_forms("07911 123456", None),
            vec!["07911123456".to_string()]
        );
        // Already international: one form, whatever the default country.
        assert_eq!(
            search_forms("+44 7911 123456", Country::parse("US").ok()),
            vec!["+447911123456".to_string()]
        );
        // Not a valid number in the country: as typed.
        assert_eq!(search_forms("12345", gb()), vec!["12345".to_string()]);
    }

    #[test]
    fn only_valid_digit_runs_count_as_national_numbers() {
        assert!(is_national_number("07911123456", gb()));
        assert!(!is_national_number("07911123456", None));
        assert!(!is_national_number("12345678", gb()));
        assert!(
            !is_national_number("07911 123456", gb()),
            "not a plain run of digits"
        );
    }
}
