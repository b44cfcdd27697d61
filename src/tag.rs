//! The validation tag: what a till writes into the configured custom field of every session it
//! validates, so that the account itself records which till, which cashier and which attempt
//! made each validation.
//!
//! Form: `<terminal>/<cashier>/<attempt id>[/offline]`, e.g. `till-1/Ann/k3f9x2ab7q`, never
//! more than the seed's 50 characters. The attempt id is what lets a till tell its own
//! validation from another till's after an answer was lost: it is random per attempt and never
//! cut. Terminal and cashier are cut to fit and lose any `/` (it separates the parts).
//! Tags written before attempt ids existed (`till-1/Ann`) still parse, without an id.

use std::fmt;

/// The seed's limit on a custom field's value.
const FIELD_LIMIT: usize = 50;
/// Characters of an attempt id: lower-case letters and digits, easy to read out over the phone.
const ATTEMPT_ID_ALPHABET: &[u8] = b"abcdefghijkmnpqrstuvwxyz23456789";
/// Ten characters of a 32-letter alphabet: 50 random bits per attempt.
const ATTEMPT_ID_LEN: usize = 10;
/// The last part of a tag written for a validation accepted offline and forwarded later.
const OFFLINE_MARK: &str = "offline";

/// One validation attempt's own random id.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct AttemptId(String);

impl AttemptId {
    /// A fresh id, unique per attempt.
    pub fn random() -> Self {
        use rand::Rng;
        let mut rng = rand::rng();
        let id = (0..ATTEMPT_ID_LEN)
            .map(|_| ATTEMPT_ID_ALPHABET[rng.random_range(0..ATTEMPT_ID_ALPHABET.len())] as char)
            .collect();
        AttemptId(id)
    }

    /// Reads an id written by [`AttemptId::random`] (e.g. from the journal or a tag).
    pub fn parse(s: &str) -> Option<Self> {
        let ok = s.len() == ATTEMPT_ID_LEN && s.bytes().all(|b| ATTEMPT_ID_ALPHABET.contains(&b));
        ok.then(|| AttemptId(s.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for AttemptId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Who validated a session, as written into (and read back from) the tag custom field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidationTag {
    pub terminal: String,
    pub cashier: Option<String>,
    /// `None` only for tags written before attempt ids existed.
    pub attempt: Option<AttemptId>,
    /// Accepted offline by the till and forwarded when the server answered again.
    pub offline: bool,
}

impl ValidationTag {
    pub fn new(terminal: &str, cashier: Option<&str>, attempt: AttemptId) -> Self {
        ValidationTag {
            terminal: terminal.to_string(),
            cashier: cashier.map(str::to_string),
            attempt: Some(attempt),
            offline: false,
        }
    }

    /// The field's value: never over 50 characters; the attempt id and offline mark are never
    /// cut, the terminal and cashier share what is left.
    pub fn to_field(&self) -> String {
        let mut tail = String::new();
        if let Some(id) = &self.attempt {
            tail.push('/');
            tail.push_str(id.as_str());
        }
        if self.offline {
            tail.push('/');
            tail.push_str(OFFLINE_MARK);
        }
        // Two parts before the tail, one separator between them.
        let room = FIELD_LIMIT.saturating_sub(tail.chars().count() + 1);
        let cashier = clean_part(self.cashier.as_deref().unwrap_or(""));
        let terminal = clean_part(&self.terminal);
        // The terminal keeps at least half of the room; the cashier takes what it leaves.
        let terminal_keep = terminal
            .chars()
            .count()
            .min((room / 2).max(room.saturating_sub(cashier.chars().count())));
        let terminal: String = terminal.chars().take(terminal_keep).collect();
        let cashier: String = cashier.chars().take(room - terminal_keep).collect();
        format!("{terminal}/{cashier}{tail}")
    }

    /// Reads a field's value; `None` when it is not a tag (empty, or a merchant's own data).
    pub fn parse(field: &str) -> Option<Self> {
        let mut parts: Vec<&str> = field.trim().split('/').collect();
        if parts.len() < 2 || parts.len() > 4 || parts[0].is_empty() {
            return None;
        }
        let offline = parts.len() == 4 && parts[3] == OFFLINE_MARK;
        if parts.len() == 4 && !offline {
            return None;
        }
        parts.truncate(3);
        let attempt = match parts.get(2) {
            Some(id) => Some(AttemptId::parse(id)?),
            None => None,
        };
        if offline && attempt.is_none() {
            return None;
        }
        Some(ValidationTag {
            terminal: parts[0].to_string(),
            cashier: Some(parts[1].to_string()).filter(|c| !c.is_empty()),
            attempt,
            offline,
        })
    }
}

/// A part of the tag: printable, without the separator.
fn clean_part(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_control())
        .map(|c| if c == '/' { '-' } else { c })
        .collect::<String>()
        .trim()
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_through_the_field() {
        let id = AttemptId::random();
        let tag = ValidationTag::new("till-1", Some("Ann"), id.clone());
        let field = tag.to_field();
        assert_eq!(field, format!("till-1/Ann/{id}"));
        assert_eq!(ValidationTag::parse(&field), Some(tag));
    }

    #[test]
    fn attempt_ids_differ_and_parse() {
        let a = AttemptId::random();
        let b = AttemptId::random();
        assert_ne!(a, b);
        assert_eq!(AttemptId::parse(a.as_str()), Some(a));
        assert_eq!(AttemptId::parse("short"), None);
        assert_eq!(AttemptId::parse("ABCDEFGHJK"), None);
    }

    #[test]
    fn long_names_are_cut_but_the_id_and_offline_mark_never_are() {
        let id = AttemptId::random();
        let mut tag = ValidationTag::new(&"t".repeat(60), Some(&"c".repeat(60)), id.clone());
        tag.offline = true;
        let field = tag.to_field();
        assert!(field.chars().count() <= FIELD_LIMIT, "{field}");
        assert!(field.ends_with(&format!("/{id}/offline")), "{field}");
        let back = ValidationTag::parse(&field).expect("parses");
        assert_eq!(back.attempt, Some(id));
        assert!(back.offline);
        assert!(!back.terminal.is_empty() && back.cashier.is_some());
    }

    #[test]
    fn slashes_in_names_do_not_break_the_form() {
        let id = AttemptId::random();
        let field = ValidationTag::new("front/desk", Some("A/B"), id.clone()).to_field();
        let back = ValidationTag::parse(&field).expect("parses");
        assert_eq!(back.terminal, "front-desk");
        assert_eq!(back.cashier.as_deref(), Some("A-B"));
        assert_eq!(back.attempt, Some(id));
    }

    #[test]
    fn old_tags_and_foreign_values() {
        let old = ValidationTag::parse("till-1/Ann").expect("old tag");
        assert_eq!(old.attempt, None);
        assert_eq!(old.cashier.as_deref(), Some("Ann"));
        let no_cashier = ValidationTag::new("till-2", None, AttemptId::random()).to_field();
        assert_eq!(ValidationTag::parse(&no_cashier).and_then(|t| t.cashier), None);
        for foreign in ["", "VIP customer", "a/b/not an id", "/x/y", "a/b/c/d/e"] {
            assert_eq!(ValidationTag::parse(foreign), None, "{foreign}");
        }
    }
}
