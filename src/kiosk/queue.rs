//! Scans that arrived while another one was being validated: they wait here, in the order they
//! came, and each is sent on its own once the screen is free. Nothing is dropped silently and
//! nothing is glued to the next scan.

use std::collections::VecDeque;

/// The most scans held at once. A pile of coupons handed over at once is a few dozen; past this
/// the scanner is misfiring and the cashier is told, rather than the kiosk holding without end.
pub const MAX_QUEUED: usize = 64;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ScanQueue {
    waiting: VecDeque<String>,
}

impl ScanQueue {
    /// Adds a scan at the back. False (and nothing added) when the queue is full.
    pub fn push(&mut self, scanned: String) -> bool {
        if self.waiting.len() >= MAX_QUEUED {
            return false;
        }
        self.waiting.push_back(scanned);
        true
    }

    /// The scan to send next.
    pub fn pop(&mut self) -> Option<String> {
        self.waiting.pop_front()
    }

    pub fn len(&self) -> usize {
        self.waiting.len()
    }

    pub fn is_empty(&self) -> bool {
        self.waiting.is_empty()
    }

    /// The waiting scans, next first.
    pub fn iter(&self) -> impl Iterator<Item = &str> {
        self.waiting.iter().map(String::as_str)
    }

    /// "next: A, B (+3 more)" with at most `shown` codes, or None when nothing waits.
    pub fn describe(&self, shown: usize) -> Option<String> {
        if self.waiting.is_empty() {
            return None;
        }
        let names: Vec<&str> = self.iter().take(shown.max(1)).collect();
        let more = self.len().saturating_sub(names.len());
        let mut s = format!("next: {}", names.join(", "));
        if more > 0 {
            s.push_str(&format!(" (+{more} more)"));
        }
        Some(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_order_and_refuses_past_its_bound() {
        let mut q = ScanQueue::default();
        assert_eq!(q.describe(2), None);
        for i in 0..MAX_QUEUED {
            assert!(q.push(format!("code{i}")));
        }
        assert!(!q.push("one too many".into()));
        assert_eq!(q.len(), MAX_QUEUED);
        assert_eq!(
            q.describe(2).as_deref(),
            Some(format!("next: code0, code1 (+{} more)", MAX_QUEUED - 2).as_str())
        );
        assert_eq!(q.pop().as_deref(), Some("code0"));
        assert_eq!(q.pop().as_deref(), Some("code1"));
    }
}
