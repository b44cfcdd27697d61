//! Today's journaled attempts, per operation and outcome: the status bar's counts and the shift
//! summary. Counted here as each write is answered, and replaced by the journal's own count
//! whenever one comes back.

use super::msg::CountsSnapshot;
use crate::journal::{Count, Operation, Outcome};
use time::OffsetDateTime;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Today {
    /// Start of the local day, UTC.
    pub since_utc: Option<OffsetDateTime>,
    pub counts: Vec<Count>,
    /// Version of the journal snapshot the counts come from (0: counted here).
    pub version: u64,
}

impl Today {
    /// A new day: nothing counted yet.
    pub fn starting(since_utc: OffsetDateTime) -> Self {
        Self {
            since_utc: Some(since_utc),
            counts: vec![],
            version: 0,
        }
    }

    pub fn add(&mut self, operation: Operation, outcome: Outcome) {
        match self
            .counts
            .iter_mut()
            .find(|c| c.operation == operation && c.outcome == outcome)
        {
            Some(c) => c.count += 1,
            None => self.counts.push(Count {
                operation,
                outcome,
                count: 1,
            }),
        }
    }

    /// One attempt of unknown outcome found to have validated (until the journal's own count
    /// comes back): it leaves the ⚠ count for the ✔ count.
    pub fn settle_one(&mut self, operation: Operation, unsure: impl Fn(Outcome) -> bool) {
        let Some(c) = self
            .counts
            .iter_mut()
            .find(|c| c.operation == operation && unsure(c.outcome) && c.count > 0)
        else {
            return;
        };
        c.count -= 1;
        self.add(operation, Outcome::Validated);
    }

    /// Takes a journal snapshot of today's counts unless a newer one is already counted.
    pub fn apply(&mut self, snap: CountsSnapshot) {
        if self.since_utc == Some(snap.since_utc) && snap.version > self.version {
            self.counts = snap.counts;
            self.version = snap.version;
        }
    }

    /// Attempts of `operation` whose outcome passes `which`.
    pub fn count(&self, operation: Operation, which: impl Fn(Outcome) -> bool) -> u64 {
        self.counts
            .iter()
            .filter(|c| c.operation == operation && which(c.outcome))
            .map(|c| c.count)
            .sum()
    }

    /// Validations that stand: those undone at the counter (F8) are taken off again.
    pub fn validated(&self) -> u64 {
        self.count(Operation::Validate, |o| o == Outcome::Validated)
            .saturating_sub(self.undone())
    }
    pub fn refused(&self) -> u64 {
        self.count(Operation::Validate, Outcome::is_refusal)
    }
    pub fn unsure(&self) -> u64 {
        self.count(Operation::Validate, Outcome::is_unsure)
    }
    pub fn undone(&self) -> u64 {
        self.count(Operation::Unvalidate, |o| o == Outcome::Undone)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_undone_validation_leaves_the_validated_count() {
        let mut t = Today::default();
        t.add(Operation::Validate, Outcome::Validated);
        t.add(Operation::Validate, Outcome::Validated);
        assert_eq!(t.validated(), 2);
        t.add(Operation::Unvalidate, Outcome::Undone);
        assert_eq!((t.validated(), t.undone()), (1, 1));
    }
}
