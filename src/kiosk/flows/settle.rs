//! This till's validations of unknown outcome, settled in the background: when the kiosk
//! starts, when the server answers again after one, and now and then while any are left. What
//! they turned out to be goes into the journal, so the shift counts move from ⚠ to ✔ or ✖.

use crate::kiosk::msg::{Effect, Settlement};
use crate::kiosk::state::State;
use crate::tag::AttemptId;
use std::time::Duration;

/// How often the kiosk asks again while attempts of unknown outcome are left.
pub const SETTLE_EVERY: Duration = Duration::from_secs(30);

impl State {
    /// Asks the edge to settle this till's unknown attempts (`confirmed` already went through).
    /// One at a time; an ask while one runs is dropped unless it carries a confirmation.
    pub(crate) fn settle(&mut self, confirmed: Vec<AttemptId>) -> Vec<Effect> {
        if self.settling && confirmed.is_empty() {
            return vec![];
        }
        self.settling = true;
        self.settled_at = Some(self.clock.mono);
        vec![Effect::Settle {
            terminal: self.config.kiosk.terminal_id.clone(),
            till: self.till(),
            confirmed,
        }]
    }

    pub(super) fn on_settled(&mut self, result: Result<Settlement, String>) -> Vec<Effect> {
        self.settling = false;
        match result {
            Ok(s) => {
                self.unsure.retain(|e| !s.resolved.contains(&e.attempt));
                for e in s.unsure {
                    if !self.unsure.iter().any(|u| u.attempt == e.attempt) {
                        self.unsure.push(e);
                    }
                }
                if let Some(counts) = s.counts {
                    self.today.apply(counts);
                }
            }
            Err(e) => tracing::debug!(error = %e, "settling unknown attempts failed"),
        }
        vec![]
    }

    /// The periodic ask, from the tick.
    pub(super) fn settle_due(&mut self) -> Vec<Effect> {
        let due = self
            .settled_at
            .is_none_or(|at| self.clock.mono >= at + SETTLE_EVERY);
        if self.unsure.is_empty() || self.settling || !due || self.validation_in_flight() {
            return vec![];
        }
        self.settle(Vec::new())
    }
}
