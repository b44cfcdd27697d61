//! How the CLI prints: short plain text, coloured only on a terminal; JSON on request; errors on
//! stderr; exit statuses 0 success, 1 refused by the server, 2 invalid input or settings,
//! 3 network failure or outcome unknown.

use crate::api::{ApiError, Session};
use std::io::{IsTerminal, Write};
use std::process::ExitCode;
use time::OffsetDateTime;

pub const EXIT_OK: u8 = 0;
pub const EXIT_REFUSED: u8 = 1;
pub const EXIT_INVALID: u8 = 2;
pub const EXIT_NETWORK: u8 = 3;

/// Colours for one stream: on only when it is a terminal and NO_COLOR is not set.
#[derive(Debug, Clone, Copy)]
pub struct Paint {
    color: bool,
}

impl Paint {
    pub fn stdout() -> Paint {
        Paint {
            color: std::io::stdout().is_terminal() && colour_allowed(),
        }
    }

    pub fn stderr() -> Paint {
        Paint {
            color: std::io::stderr().is_terminal() && colour_allowed(),
        }
    }

    fn wrap(self, code: &str, s: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }

    pub fn good(self, s: &str) -> String {
        self.wrap("1;32", s)
    }
    pub fn bad(self, s: &str) -> String {
        self.wrap("1;31", s)
    }
    pub fn warn(self, s: &str) -> String {
        self.wrap("1;33", s)
    }
    pub fn bold(self, s: &str) -> String {
        self.wrap("1", s)
    }
    pub fn dim(self, s: &str) -> String {
        self.wrap("2", s)
    }
}

fn colour_allowed() -> bool {
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        && std::env::var("TERM").map_or(true, |t| t != "dumb")
}

/// The exit status for a failure.
pub fn exit_status_of(e: &ApiError) -> u8 {
    match e {
        ApiError::InvalidInput(_) | ApiError::Config(_) => EXIT_INVALID,
        ApiError::Api { .. } => EXIT_REFUSED,
        ApiError::Uncertain(_) | ApiError::Unreachable(_) | ApiError::UnexpectedResponse { .. } => {
            EXIT_NETWORK
        }
    }
}

/// Prints the error on stderr, as one plain sentence, and returns its exit status.
pub fn fail(e: &ApiError) -> ExitCode {
    error_line(&super::explain::sentence(e));
    ExitCode::from(exit_status_of(e))
}

/// `error: <message>` on stderr. The message may quote the server: it is cleaned first.
pub fn error_line(message: &str) {
    let p = Paint::stderr();
    // A terminal that is gone (its window closed under the kiosk) cannot be told anything; that
    // is no reason to panic (`eprintln!` would).
    let _ = writeln!(std::io::stderr(), "{} {}", p.bad("error:"), clean(message));
}

/// A string from the server, safe to print on a terminal: control characters (escape
/// sequences, bells, carriage returns, C1 controls) and the marks that reorder text on screen
/// (bidirectional overrides) are dropped; line breaks and tabs become spaces.
pub fn clean(s: &str) -> String {
    s.chars()
        .filter_map(|c| match c {
            '\n' | '\r' | '\t' => Some(' '),
            c if c.is_control() => None,
            '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' => None,
            c => Some(c),
        })
        .collect()
}

/// [`clean`] without a copy when there is nothing to drop (long CSV exports).
pub fn clean_cow(s: &str) -> std::borrow::Cow<'_, str> {
    let dirty = s.chars().any(|c| {
        c.is_control()
            || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}')
    });
    if dirty {
        std::borrow::Cow::Owned(clean(s))
    } else {
        std::borrow::Cow::Borrowed(s)
    }
}

/// [`clean`] for an optional string.
pub fn clean_opt(s: &Option<String>) -> Option<String> {
    s.as_deref().map(clean)
}

/// Prints a value as JSON on stdout. Serializing our own types cannot fail in practice; if it
/// did, the error is reported rather than a half-written document.
pub fn print_json<T: serde::Serialize>(value: &T) -> Result<(), ApiError> {
    let text = serde_json::to_string_pretty(value)
        .map_err(|e| ApiError::InvalidInput(format!("cannot write JSON: {e}")))?;
    println!("{text}");
    Ok(())
}

/// `2026-11-20 14:03 UTC`
pub fn human_date(t: OffsetDateTime) -> String {
    let t = t.to_offset(time::UtcOffset::UTC);
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02} UTC",
        t.year(),
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute()
    )
}

/// RFC 3339 (`2026-11-20T14:03:00Z`) for JSON.
pub fn json_date(t: Option<OffsetDateTime>) -> Option<String> {
    t.and_then(|t| {
        t.to_offset(time::UtcOffset::UTC)
            .format(&time::format_description::well_known::Rfc3339)
            .ok()
    })
}

/// The normalized session as `session --json` and `lookup --json` print it.
#[derive(Debug, serde::Serialize)]
pub struct SessionJson<'a> {
    pub session: &'a str,
    pub campaign: &'a str,
    pub sequenceid: Option<u64>,
    pub state: &'static str,
    pub opened: bool,
    pub claimed: bool,
    pub validated: bool,
    pub voided: bool,
    pub locked: bool,
    pub created_date_utc: Option<String>,
    pub claim_date_utc: Option<String>,
    pub expiration_date_utc: Option<String>,
    pub validation_date_utc: Option<String>,
    pub customer: &'a crate::api::Customer,
    pub custom_validation_code: Option<&'a str>,
    pub customid: Option<&'a str>,
    pub session_url: Option<&'a str>,
    pub customfields: std::collections::BTreeMap<String, &'a str>,
    /// `0.000` form, as a string: never a float.
    pub money_spent: Option<String>,
}

impl<'a> SessionJson<'a> {
    pub fn of(s: &'a Session) -> Self {
        SessionJson {
            session: &s.session,
            campaign: &s.campaign,
            sequenceid: s.sequenceid,
            state: s.state().as_str(),
            opened: s.opened,
            claimed: s.claimed,
            validated: s.validated,
            voided: s.voided,
            locked: s.locked,
            created_date_utc: json_date(s.created_date_utc),
            claim_date_utc: json_date(s.claim_date_utc),
            expiration_date_utc: json_date(s.expiration_date_utc),
            validation_date_utc: json_date(s.validation_date_utc),
            customer: &s.customer,
            custom_validation_code: s.custom_validation_code.as_deref(),
            customid: s.customid.as_deref(),
            session_url: s.session_url.as_deref(),
            customfields: s
                .customfields
                .iter()
                .enumerate()
                .filter_map(|(i, v)| v.as_deref().map(|v| (format!("customfield{}", i + 1), v)))
                .collect(),
            money_spent: s.money_spent.map(crate::api::params::format_money),
        }
    }
}

/// The state word, coloured: green for claimed (can be validated), red for what cannot.
pub fn state_word(p: Paint, s: &Session) -> String {
    state_word_padded(p, s, 0)
}

/// [`state_word`] padded to `width` before colouring, so that columns line up on a terminal.
pub fn state_word_padded(p: Paint, s: &Session, width: usize) -> String {
    use crate::api::SessionState::*;
    let state = s.state();
    let word = format!("{:<width$}", state.as_str().to_uppercase());
    match state {
        Claimed => p.good(&word),
        Open => p.warn(&word),
        Validated | Voided | Locked | Expired => p.bad(&word),
    }
}

/// A few lines describing one session.
pub fn session_lines(p: Paint, s: &Session) -> Vec<String> {
    let mut lines = vec![format!(
        "{}  {}  {}",
        p.bold(&clean(&s.session)),
        clean(&s.campaign),
        state_word(p, s)
    )];
    let mut row = |label: &str, value: String| {
        lines.push(format!("  {}{}", p.dim(&format!("{label:<13}")), clean(&value)))
    };
    let who: Vec<String> = [
        s.customer.full_name(),
        s.customer.email.clone(),
        s.customer.phone.clone(),
    ]
    .into_iter()
    .flatten()
    .collect();
    if !who.is_empty() {
        row("customer", who.join("  "));
    }
    if let Some(t) = s.expiration_date_utc {
        row("expires", human_date(t));
    }
    if let Some(t) = s.validation_date_utc {
        row("validated", human_date(t));
    }
    if let Some(c) = &s.custom_validation_code {
        row("custom code", c.clone());
    }
    if let Some(c) = &s.customid {
        row("custom id", c.clone());
    }
    if let Some(m) = s.money_spent {
        row("money spent", crate::api::params::format_money(m));
    }
    for (i, f) in s.customfields.iter().enumerate() {
        if let Some(v) = f {
            row(&format!("customfield{}", i + 1), v.clone());
        }
    }
    lines
}

/// One line per session for lists.
pub fn session_row(p: Paint, s: &Session) -> String {
    let who = clean(&s.customer.full_name().unwrap_or_default());
    let expires = s.expiration_date_utc.map(human_date).unwrap_or_default();
    format!(
        "{}  {:<12}  {}  {:<20}  {}",
        clean(&s.session),
        clean(&s.campaign),
        state_word_padded(p, s, 9),
        who,
        p.dim(&expires)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn server_strings_lose_what_a_terminal_would_run() {
        assert_eq!(clean("Jane\u{1b}]0;owned\u{7} Doe"), "Jane]0;owned Doe");
        assert_eq!(clean("\u{1b}[2Jx\u{9b}31m"), "[2Jx31m");
        assert_eq!(clean("a\nb\tc"), "a b c");
        assert_eq!(clean("abc\u{202e}fed"), "abcfed");
        assert_eq!(clean("Zoë 12,50 €"), "Zoë 12,50 €");
        assert!(matches!(clean_cow("ac6s7u"), std::borrow::Cow::Borrowed(_)));
        assert_eq!(clean_cow("ac\u{1b}6s7u"), "ac6s7u");
    }
}
