//! A scan answered from the mirror because its request could not reach the server: the verdict
//! is journaled like any other, then shown in place of the network failure.

use crate::journal;
use crate::kiosk::msg::{Attempt, Effect, Net, Req};
use crate::kiosk::record::Recorded;
use crate::kiosk::state::{AfterJournal, Screen, State};
use crate::offline::OfflineVerdict;

impl State {
    pub(super) fn on_offline(
        &mut self,
        req: Req,
        attempt: Option<Attempt>,
        scanned: String,
        verdict: OfflineVerdict,
        net: Net,
    ) -> Vec<Effect> {
        let retry = match &self.screen {
            Screen::Working(w) if w.req == req => w.retry.clone(),
            _ => None,
        };
        let attempt = attempt.unwrap_or_else(|| self.attempt(&scanned, journal::Operation::Validate, None));
        let mut view = crate::kiosk::offline::view_of(&verdict, &scanned, self.clock.utc);
        if view.kind.retryable() {
            view.retry = retry;
        }
        let entry = self.entry(
            &attempt,
            Recorded {
                outcome: view.kind.journal_outcome(),
                session: view.session.as_ref(),
                error_code: None,
                message: &view.reason,
                round_trips: 0,
                rtt: Some(net.rtt),
            },
        );
        if !matches!(&self.screen, Screen::Working(w) if w.req == req) {
            return self.journal_only(entry);
        }
        self.journal_then(req, entry, AfterJournal::Verdict { view, undo: None })
    }
}
