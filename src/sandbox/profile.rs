//! Answer profiles: how the sandbox answers where the seed and API-NOTES.md leave the wire
//! format open. A profile is one value of switches that the handlers (and the renderer in
//! `render.rs`) consult; `documented` is the sandbox's own reading of API-NOTES.md, and every
//! other profile questions a few of those assumptions, so that a client test failing against it
//! names the assumption the client leans on.

use std::fmt;
use std::ops::RangeInclusive;

/// The named profiles (`--profile NAME`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum ProfileName {
    /// API-NOTES.md as written: today's behaviour.
    #[default]
    Documented,
    /// Only what the seed states: short codes only on `couponsession/update`, codes and search
    /// matched exactly as given, one spelling of `activated`, `code_length` 10–25, errors with
    /// the HTTP status their text names.
    Strict,
    /// Less in every answer: `couponsession/update` answers the OK envelope alone, empty optional
    /// fields are left out, list pages carry no `total_pages`.
    Sparse,
    /// Other JSON types: flags as numbers or booleans, ids and error codes as numbers or strings,
    /// dates in RFC 3339 (with or without fractions) or as epoch seconds, money as numbers.
    LooseTypes,
    /// PHP's idea of a list: objects keyed "0", "1", … (a coupon list keyed by coupon id), and the
    /// customer at the top level of search results instead of under `data.user`.
    PhpArrays,
    /// Refusals with the 4xx status that fits them; server trouble as 502/504 with HTML bodies.
    HttpErrors,
}

impl ProfileName {
    pub const ALL: [ProfileName; 6] = [
        ProfileName::Documented,
        ProfileName::Strict,
        ProfileName::Sparse,
        ProfileName::LooseTypes,
        ProfileName::PhpArrays,
        ProfileName::HttpErrors,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ProfileName::Documented => "documented",
            ProfileName::Strict => "strict",
            ProfileName::Sparse => "sparse",
            ProfileName::LooseTypes => "loose-types",
            ProfileName::PhpArrays => "php-arrays",
            ProfileName::HttpErrors => "http-errors",
        }
    }

    pub fn parse(s: &str) -> Option<ProfileName> {
        ProfileName::ALL.into_iter().find(|p| p.as_str() == s.trim())
    }

    /// The switches this profile stands for.
    pub fn profile(self) -> Profile {
        let documented = Profile {
            name: self,
            short_codes_everywhere: true,
            codes_any_case: true,
            search_normalised: true,
            activated_spellings: &["activated", "active"],
            code_length: 3..=30,
            errors: ErrorStatus::Documented,
            update_answers_session: true,
            empty_fields_sent: true,
            total_pages: true,
            loose_types: false,
            lists_as_objects: false,
            customer_at_top_in_search: false,
        };
        match self {
            ProfileName::Documented => documented,
            ProfileName::Strict => Profile {
                short_codes_everywhere: false,
                codes_any_case: false,
                search_normalised: false,
                // The parameter list names `activated`; only the error text says `active`.
                activated_spellings: &["activated"],
                code_length: 10..=25,
                errors: ErrorStatus::NamedInText,
                ..documented
            },
            ProfileName::Sparse => Profile {
                update_answers_session: false,
                empty_fields_sent: false,
                total_pages: false,
                ..documented
            },
            ProfileName::LooseTypes => Profile {
                loose_types: true,
                ..documented
            },
            ProfileName::PhpArrays => Profile {
                lists_as_objects: true,
                customer_at_top_in_search: true,
                ..documented
            },
            ProfileName::HttpErrors => Profile {
                errors: ErrorStatus::Fitting4xx,
                ..documented
            },
        }
    }
}

impl fmt::Display for ProfileName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for ProfileName {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        ProfileName::parse(s).ok_or_else(|| {
            let names: Vec<&str> = ProfileName::ALL.iter().map(|p| p.as_str()).collect();
            format!("{s:?} is not a profile; one of {}", names.join(", "))
        })
    }
}

/// Which HTTP status a failure envelope travels with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorStatus {
    /// 422 for every documented error, 401 for credentials, 400/404/500/503 for the rest; the
    /// message is the seed's text alone.
    Documented,
    /// The message starts with the HTTP status line (`HTTP/1.0 422 Unprocessable entity. …`),
    /// as the published failure envelope does, and the answer carries that very status.
    NamedInText,
    /// A status that fits the refusal (404 not found, 409 state conflict, 400 bad parameter,
    /// 401 credentials); server trouble (500/503) as 502/504 with an HTML page, as a proxy
    /// in front of the API would answer.
    Fitting4xx,
}

/// The switches. Every field is one assumption of API-NOTES.md (or the seed) made explicit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Profile {
    pub name: ProfileName,
    /// A 6-character widget short code names a session on every endpoint (else only on
    /// `couponsession/update`, the one place the seed confirms it).
    pub short_codes_everywhere: bool,
    /// Session codes are matched in any case (else exactly as stored: lower case).
    pub codes_any_case: bool,
    /// Search folds case and reads phone numbers by their digits (else matches exactly as given).
    pub search_normalised: bool,
    /// The spellings `multiplesingleuse/create` accepts for the started status.
    pub activated_spellings: &'static [&'static str],
    /// `code_length` of generated validation codes (seed: 10–25 in the parameter text, 3–30 in
    /// the error text).
    pub code_length: RangeInclusive<usize>,
    pub errors: ErrorStatus,
    /// `couponsession/update` answers the updated session (else the OK envelope and `action`).
    pub update_answers_session: bool,
    /// Optional fields are sent as `""` (else left out).
    pub empty_fields_sent: bool,
    /// List pages say how many pages there are.
    pub total_pages: bool,
    /// Flags, numbers, dates and money in other JSON types than the documented strings.
    pub loose_types: bool,
    /// Lists as objects keyed "0", "1", … (the coupon list keyed by coupon id).
    pub lists_as_objects: bool,
    /// Search results carry the customer's fields at their top level, not under `data.user`.
    pub customer_at_top_in_search: bool,
}

impl Default for Profile {
    fn default() -> Self {
        ProfileName::Documented.profile()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_unknown_names_are_refused() {
        for p in ProfileName::ALL {
            assert_eq!(p.as_str().parse::<ProfileName>(), Ok(p));
            assert_eq!(p.profile().name, p);
        }
        assert!("lenient".parse::<ProfileName>().is_err());
        assert_eq!(Profile::default().name, ProfileName::Documented);
    }

    #[test]
    fn each_profile_questions_something_the_documented_one_assumes() {
        let documented = Profile::default();
        for p in ProfileName::ALL.into_iter().skip(1) {
            let mut other = p.profile();
            other.name = ProfileName::Documented;
            assert_ne!(other, documented, "{p} changes nothing");
        }
    }
}
