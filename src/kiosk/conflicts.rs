//! The conflict inbox's model: offline acceptances the server refused when they were forwarded
//! (another till or the web validated the coupon first, it was voided, locked, expired). A
//! manager reads them and marks them seen; nothing is ever deleted. What it does is in
//! `flows::offline`, how it looks in `view::conflicts`.

use super::msg::Req;
use super::notice::Notice;
use crate::offline::OutboxEntry;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct ConflictInbox {
    /// Every conflict, seen ones too, oldest first (None until the first answer).
    pub entries: Option<Vec<OutboxEntry>>,
    pub selected: usize,
    /// The read or the marking this screen waits for.
    pub busy: Option<Req>,
    /// What Ctrl-Y marks: the selected conflict, or every unseen one.
    pub target: MarkTarget,
    pub message: Option<Notice>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum MarkTarget {
    #[default]
    Selected,
    AllUnseen,
}

impl ConflictInbox {
    pub fn entries(&self) -> &[OutboxEntry] {
        self.entries.as_deref().unwrap_or_default()
    }

    pub fn selected_entry(&self) -> Option<&OutboxEntry> {
        self.entries().get(self.selected)
    }

    pub fn unseen(&self) -> usize {
        self.entries().iter().filter(|e| e.seen_at.is_none()).count()
    }

    /// The ids Ctrl-Y marks seen now (none when they are all seen already).
    pub fn to_mark(&self) -> Vec<i64> {
        match self.target {
            MarkTarget::Selected => self
                .selected_entry()
                .filter(|e| e.seen_at.is_none())
                .map(|e| vec![e.id])
                .unwrap_or_default(),
            MarkTarget::AllUnseen => self
                .entries()
                .iter()
                .filter(|e| e.seen_at.is_none())
                .map(|e| e.id)
                .collect(),
        }
    }
}
