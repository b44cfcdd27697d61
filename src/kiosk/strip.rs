//! The last few results, kept in sight on the scan screen after their verdict has gone (as
//! supermarket tills and pretixSCAN do): when, which code, what to give, and the verdict word.

use super::verdict::{Tone, VerdictKind};
use std::collections::VecDeque;
use time::OffsetDateTime;

/// How many results the strip keeps (the screen shows as many as fit, newest first).
pub const STRIP_LEN: usize = 5;

/// One line of the strip.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StripEntry {
    pub at_utc: OffsetDateTime,
    /// The text as scanned.
    pub scanned: String,
    /// What the coupon gives, when the catalogue knows.
    pub offer: Option<String>,
    /// The verdict's words, e.g. "VALIDATED", or "NOT VALIDATED" for a card left unconfirmed.
    pub words: String,
    /// The same words as a message id (`assets/locales`), for the screen.
    pub message: &'static str,
    /// Its symbol is the tone's, in the glyphs the terminal can draw.
    pub tone: Tone,
}

impl StripEntry {
    pub fn verdict(at_utc: OffsetDateTime, scanned: &str, offer: Option<String>, kind: VerdictKind) -> Self {
        Self {
            at_utc,
            scanned: scanned.to_string(),
            offer,
            words: kind.words().to_string(),
            message: kind.message_id(),
            tone: kind.tone(),
        }
    }

    /// A coupon shown on a card and left for the next scan: nothing was sent for it.
    pub fn not_validated(at_utc: OffsetDateTime, scanned: &str, offer: Option<String>) -> Self {
        Self {
            at_utc,
            scanned: scanned.to_string(),
            offer,
            words: "NOT VALIDATED".into(),
            message: "strip-not-validated",
            tone: Tone::Warn,
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Strip {
    entries: VecDeque<StripEntry>,
}

impl Strip {
    pub fn push(&mut self, e: StripEntry) {
        if self.entries.len() >= STRIP_LEN {
            self.entries.pop_back();
        }
        self.entries.push_front(e);
    }

    /// Newest first.
    pub fn iter(&self) -> impl Iterator<Item = &StripEntry> {
        self.entries.iter()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn keeps_the_newest_few_newest_first() {
        let mut s = Strip::default();
        let at = datetime!(2026-11-20 14:00 UTC);
        for i in 0..STRIP_LEN + 2 {
            s.push(StripEntry::verdict(
                at,
                &format!("c{i}"),
                None,
                VerdictKind::Validated,
            ));
        }
        let codes: Vec<_> = s.iter().map(|e| e.scanned.as_str()).collect();
        assert_eq!(codes, ["c6", "c5", "c4", "c3", "c2"]);
    }
}
