//! Every command-line failure as one plain sentence: what happened, then what to do, with the
//! server's code (or HTTP status) in brackets at the end. The server's own words appear (in
//! brackets) only where no sentence here says what they mean; the whole error goes to the log
//! (`-v`).
//!
//! The kiosk screen says its failures in the cashier's language (kiosk::plain, Fluent); both read
//! a refusal's meaning from the one classification in `api::error` (code AND message: the seed
//! reuses numbers).

use crate::api::error::{classify_refusal, Refusal};
use crate::api::ApiError;

/// Where a person finds the settings that name the server and the account.
const URL_SETTING: &str = "--api-url or COUPONTOOLS_API_URL";
pub(super) const ACCOUNT_SETTINGS: &str =
    "COUPONTOOLS_CLIENT_ID and COUPONTOOLS_CLIENT_SECRET (or [api] in the config file)";

/// A code no session has, when no request said so with a code of its own.
pub const NOT_FOUND: &str =
    "No coupon session has this code: check the code, or find the session with coupon-kiosk lookup.";

/// One plain sentence for a failure, ending in the code or HTTP status when there is one.
pub fn sentence(e: &ApiError) -> String {
    tracing::debug!(error = %e, "command failed");
    match e {
        // Refused here before any request, or settings that cannot work: these are written as
        // plain sentences where they are made.
        ApiError::InvalidInput(m) | ApiError::Config(m) => m.clone(),
        ApiError::Api {
            code,
            message,
            http_status,
        } => with_code(&refusal(*code, message, *http_status), &format!("error {code}")),
        ApiError::Unreachable(detail) if e.is_untrusted_certificate() => format!(
            "The server's certificate is not trusted ({}), so nothing was sent: check {URL_SETTING}; \
             on a network that inspects HTTPS, point api.ca_file (COUPONTOOLS_CA_FILE) at its \
             certificate authority's PEM file.",
            short(detail)
        ),
        ApiError::Unreachable(detail) => format!(
            "Cannot reach the server ({}), so nothing was sent: check the network and {URL_SETTING}, \
             then try again.",
            short(detail)
        ),
        ApiError::Uncertain(detail) => {
            let what = match e.server_failure_status() {
                Some(_) => "The server failed while answering".to_string(),
                None => format!("No complete answer from the server ({})", short(detail)),
            };
            let s = format!(
                "{what}: a change may or may not have been made, so check before running a command \
                 that changes something again (coupon-kiosk session CODE shows a session); a command \
                 that only reads can be run again in a minute"
            );
            match e.server_failure_status() {
                Some(status) => with_code(&s, &format!("HTTP {status}")),
                None => format!("{s}."),
            }
        }
        ApiError::UnexpectedResponse { http_status, detail } => {
            with_code(&unreadable(*http_status, detail), &format!("HTTP {http_status}"))
        }
    }
}

/// Settings that cannot be used: which file, where, and what to do.
pub fn settings(e: &crate::settings::SettingsError) -> String {
    use crate::settings::SettingsError;
    match e {
        SettingsError::Read { path, reason } => format!(
            "Cannot read the config file {} ({}): check that --config or COUPON_KIOSK_CONFIG names \
             a file this user may read.",
            path.display(),
            short(reason)
        ),
        SettingsError::Parse {
            path,
            line,
            column,
            message,
        } => format!(
            "The config file {} has a mistake at line {line}, column {column} ({}): correct it \
             (config/kiosk.example.toml shows every setting).",
            path.display(),
            short(message)
        ),
        // Written as plain sentences where they are made (name, value, what it may be).
        SettingsError::Invalid(m) => m.clone(),
    }
}

/// This till's journal (or mirror) cannot be opened or read, so `what` did not happen.
pub fn local_data_unusable(e: &dyn std::fmt::Display, what: &str) -> String {
    format!(
        "This till's data cannot be used ({}), so {what}: check that --data-dir (or data_dir in the \
         config file) names a directory this user may write; if it does, run again with -v and \
         report the output.",
        short(&lower_first(&e.to_string()))
    )
}

/// An error's own words inside our sentence: "No such file..." -> "no such file...".
pub fn lower_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A short code the server found no session for. Some servers read short codes only when
/// validating (`couponsession/update`), never when describing a session: the full code works
/// everywhere.
pub fn short_code_not_found(short: &str, e: &ApiError) -> String {
    let s = format!(
        "No session was found for the short code {}: check it; if it is right, this server may look \
         sessions up only by their full 21-character code, so use that (on the coupon, or from \
         coupon-kiosk lookup by email or phone)",
        super::output::clean(short)
    );
    match e {
        ApiError::Api { code, .. } => with_code(&s, &format!("error {code}")),
        _ => format!("{s}."),
    }
}

/// A documented refusal's sentence, for a verdict that carries only the code and the message.
pub fn of_refusal(code: u32, message: &str) -> String {
    with_code(&refusal(code, message, 0), &format!("error {code}"))
}

/// `sentence (code)`: the code goes before the sentence's full stop.
fn with_code(sentence: &str, code: &str) -> String {
    let s = sentence.trim_end_matches('.');
    format!("{s} ({code}).")
}

/// The first words of a technical detail, without a trailing stop.
fn short(detail: &str) -> String {
    // A server's own sentences inside the brackets must not end ours.
    let d = super::output::clean(detail).replace(". ", ", ");
    let d = d.trim().trim_end_matches('.');
    let mut out: String = d.chars().take(120).collect();
    if d.chars().count() > 120 {
        out.push('…');
    }
    out
}

/// An answer that is not the API's: a web page, an empty body, other JSON.
fn unreadable(http_status: u16, detail: &str) -> String {
    let d = detail.to_ascii_lowercase();
    if d.starts_with("an html page") || d.starts_with("xml or html") {
        if http_status >= 500 {
            format!(
                "The server (or a gateway in front of it) answered with an error page instead of the \
                 API: try again in a minute; if it persists, check {URL_SETTING}"
            )
        } else {
            format!(
                "The server answered with a web page, not the Coupontools API: check {URL_SETTING} \
                 (the API's base address, such as https://api.coupontools.com, without /v3)"
            )
        }
    } else if d.starts_with("an empty body") {
        format!(
            "The server sent an empty answer, not the Coupontools API's: check {URL_SETTING}, or try \
             again in a minute"
        )
    } else {
        format!(
            "The server's answer could not be read ({}): check {URL_SETTING}; if it is right, run \
             the command again with -v and report the output",
            short(detail)
        )
    }
}

/// A documented refusal: the server understood and said no.
fn refusal(code: u32, message: &str, http_status: u16) -> String {
    let m = message.to_ascii_lowercase();
    let says = |s: &str| m.contains(s);
    let theirs = short(message);
    if code == 1000 || http_status == 401 || says("client id or secret") {
        return format!(
            "The server refused the account's client id or secret: check {ACCOUNT_SETTINGS}; \
             coupon-kiosk doctor checks them"
        );
    }
    match code {
        103 => "No SMS integration is set up in the Coupontools account: set one up under \
                Integrations, SMS marketing, then send again"
            .into(),
        104 => "No email integration is set up in the Coupontools account: set one up under \
                Integrations, Email marketing, then send again"
            .into(),
        200 | 400 if says("missing parameter") || says("not provided") || says("no ") => format!(
            "The server says something it needs was missing ({theirs}): add it and try again; \
             see --help for the command"
        ),
        300 if says("at least 5") => {
            format!("The server needs at least 5 characters to search ({theirs}): give more of it")
        }
        301 if says("phone") => {
            "The server did not accept the phone number: check it (digits, with + and the country \
             code) and try again"
                .into()
        }
        300 | 301 => format!(
            "The server refused a value with a character it does not allow ({theirs}): correct it \
             and try again"
        ),
        302 => format!("The server refused a value ({theirs}): see --help for the values allowed"),
        303 => {
            format!("The server did not accept a date ({theirs}): use yyyy-MM-dd or yyyy-MM-dd HH:mm, in UTC")
        }
        305 => "The server did not accept the email address: check it and try again".into(),
        502 | 505 if says("start and end") => format!(
            "The sequence ids are not of this coupon ({theirs}): check them with coupon-kiosk \
             sessions CAMPAIGN"
        ),
        502 | 505 if says("campaign") => {
            "The account has no coupon with this id: list the coupons and their ids with \
             coupon-kiosk coupons"
                .into()
        }
        513 if says("start id") || says("end id") || says("statcode") => format!(
            "The server did not find what the range names ({theirs}): check the sequence ids with \
             coupon-kiosk sessions CAMPAIGN"
        ),
        512 if says("no results") => {
            "Nothing matched the search: check what you searched for, or search by another field".into()
        }
        507 if says("0 users") => {
            "No wallet holds this coupon yet, so no push notification was sent: send it once \
             customers have saved the coupon"
                .into()
        }
        507 => format!("The push notification was not sent ({theirs}): try again later"),
        515 => "The account has no folder with this id: check the folder id in Coupontools".into(),
        601 => "The account is low on unique validation codes: ask Coupontools for more, or \
                issue fewer at a time"
            .into(),
        605 => "The SMS was not sent: this number is on the blacklist or opt-out list, so send the \
                coupon another way"
            .into(),
        602 | 604 => {
            format!("The message was not sent ({theirs}): check the address or number and try again")
        }
        _ => session_refusal(code, message)
            .unwrap_or_else(|| format!("The server refused the request ({theirs}): nothing was changed")),
    }
}

/// A refusal about a session's state, or a session the server does not know.
fn session_refusal(code: u32, message: &str) -> Option<String> {
    let m = message.to_ascii_lowercase();
    let says = |s: &str| m.contains(s);
    // A change the session already had ("Session already was locked before") changed nothing;
    // the classification below reads such a message as the state that refuses a validation.
    let already = match code {
        352 if !says("not claimed") => Some("This session was already claimed: nothing was changed"),
        354 if says("already") => Some("This session was already locked: nothing was changed"),
        355 if says("already") => Some("This session was already voided: nothing was changed"),
        _ => None,
    };
    if let Some(text) = already {
        return Some(text.to_string());
    }
    let text = match classify_refusal(code, message) {
        Refusal::NotFound => NOT_FOUND,
        Refusal::AlreadyValidated => "This session was already validated: do not accept it again",
        Refusal::Expired => "This session or its coupon has expired: it can no longer be used",
        Refusal::Voided => "This session is voided: it cannot be used unless it is unvoided",
        Refusal::Locked => {
            "This session is locked: it cannot be used until it is unlocked (coupon-kiosk update \
             CODE --operation unlock)"
        }
        Refusal::NotClaimed => {
            "This session is not claimed yet: claim it first (coupon-kiosk update CODE --operation \
             claim)"
        }
        Refusal::Other => match code {
            352 if says("not claimed") => {
                "This session is not claimed, so it cannot be locked: claim it first"
            }
            353 => "This session is not validated: there was nothing to unvalidate",
            355 => "This session is voided, so it cannot be changed: unvoid it first",
            356 => "This session is not locked: there was nothing to unlock",
            357 => "This session is not voided: there was nothing to unvoid",
            358 => "This session is already validated: it cannot be locked",
            360 => "This coupon's start date has not come yet: it can be used from that date",
            351..=359 => "The server refused this change to the session: nothing was changed",
            _ => return None,
        },
    };
    Some(text.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn api(code: u32, message: &str) -> ApiError {
        ApiError::Api {
            code,
            message: message.into(),
            http_status: 422,
        }
    }

    /// Every documented code of the seed, with its own message.
    const SEED: &[(u32, &str)] = &[
        (
            103,
            "No SMS integration has been setup in your Coupontools account.",
        ),
        (
            104,
            "No Email integration has been setup in your Coupontools account.",
        ),
        (200, "Missing parameter: couponsession"),
        (200, "No filter defined"),
        (300, "Invalid character in parameter: couponsession"),
        (300, "Search field 'email' must be at least 5 characters"),
        (301, "Phone number not valid"),
        (301, "code length must be between 3 and 30 inclusive"),
        (302, "Invalid value in parameter: operation"),
        (303, "Parameter end_date is not a valid date"),
        (305, "Email address is not valid"),
        (351, "Session or coupon has expired"),
        (352, "Session already was claimed before"),
        (352, "Session could not be locked because it is not claimed"),
        (353, "Session was already unvalidated"),
        (354, "Session already was locked before"),
        (354, "This coupon is locked"),
        (355, "Session could not be locked because it is voided"),
        (355, "Session was already voided"),
        (355, "This coupon is voided"),
        (356, "Session was already unlocked"),
        (357, "Session wasn't voided"),
        (358, "Session could not be locked because it is already validated"),
        (358, "This session was already validated"),
        (359, "Some session(s) weren't claimed"),
        (360, "Startdate not reached"),
        (400, "Couponsession abc does not exist"),
        (502, "Campaign ID not found"),
        (502, "Provided start and end are not of the provided campaign"),
        (505, "Campaign ID not found"),
        (507, "0 users have saved the campaign"),
        (507, "Error sending push notification"),
        (512, "Coupon session not found"),
        (512, "No results found"),
        (513, "Coupon session not found"),
        (513, "Start ID not found"),
        (515, "Folder not found"),
        (601, "low on unique generated validation codes"),
        (602, "SMS not sent to 'X'. Reason: Y"),
        (604, "Email not sent to 'john@doe.com'. Reason: X"),
        (
            605,
            "SMS not sent to 'X'. Reason: This number is on the blacklist or opt-out list.",
        ),
        (1000, "Client ID or Secret not correct."),
    ];

    #[test]
    fn every_seed_refusal_is_one_sentence_with_what_to_do_and_its_code_last() {
        for (code, message) in SEED {
            let s = sentence(&api(*code, message));
            assert!(s.ends_with(&format!(" (error {code}).")), "{code} {message}: {s}");
            assert!(s.starts_with(char::is_uppercase), "{s}");
            // What happened, then what to do (or what it means), after a colon or semicolon.
            assert!(s.contains(": ") || s.contains("; "), "{code} {message}: {s}");
            assert_eq!(s.matches(". ").count(), 0, "one sentence: {s}");
            assert_ne!(
                s.trim_end_matches(&format!(" (error {code}).")),
                message.trim_end_matches('.'),
                "not the bare server message"
            );
        }
    }

    #[test]
    fn the_same_number_says_different_things_by_its_message() {
        let a = sentence(&api(513, "Coupon session not found"));
        let b = sentence(&api(513, "Start ID not found"));
        assert!(a.contains("No coupon session has this code"), "{a}");
        assert!(b.contains("sequence ids"), "{b}");
        let c = sentence(&api(352, "Session could not be locked because it is not claimed"));
        assert!(c.contains("claim it first"), "{c}");
        assert!(sentence(&api(352, "Session already was claimed before")).contains("nothing was changed"));
        let locked = sentence(&api(354, "This coupon is locked"));
        let already = sentence(&api(354, "Session already was locked before"));
        assert!(locked.contains("until it is unlocked"), "{locked}");
        assert!(
            already.contains("already locked: nothing was changed"),
            "{already}"
        );
    }

    #[test]
    fn network_failures_say_nothing_was_sent_or_that_it_may_have_been() {
        let s = sentence(&ApiError::Unreachable("connection refused".into()));
        assert_eq!(
            s,
            "Cannot reach the server (connection refused), so nothing was sent: check the network \
             and --api-url or COUPONTOOLS_API_URL, then try again."
        );
        let s = sentence(&ApiError::Uncertain("timed out waiting for the answer".into()));
        assert!(
            s.contains("timed out") && s.contains("may or may not have been made"),
            "{s}"
        );
        let s = sentence(&ApiError::Uncertain(
            "the server failed (HTTP 503): HTTP/1.0 503 Service Unavailable".into(),
        ));
        assert!(
            s.starts_with("The server failed while answering: ") && s.ends_with(" (HTTP 503)."),
            "{s}"
        );
        let html = ApiError::UnexpectedResponse {
            http_status: 200,
            detail: "an HTML page (text/html), 37 bytes, starting \"<html>\"".into(),
        };
        let s = sentence(&html);
        assert!(
            s.contains("web page, not the Coupontools API") && s.ends_with("(HTTP 200)."),
            "{s}"
        );
        assert!(!s.contains("<html>"), "{s}");
    }
}
