//! F3's tabs: this till's counts and today across every till. The second is fetched in the
//! background when it is shown and again at most once a minute while it stays shown; a failure
//! is said on that tab only, and nothing here ever holds up the counter.

use crate::kiosk::msg::{Effect, Req};
use crate::kiosk::state::{Overlay, State};
use crate::kiosk::tills::{SummaryTab, TillsStatus, TillsToday};
use crate::report::Validation;

impl State {
    /// Tab, ←/→ on F3: the other tab (its figures fetched if due).
    pub(super) fn switch_summary_tab(&mut self) -> Vec<Effect> {
        self.summary_tab = self.summary_tab.other();
        self.tills_due()
    }

    /// Whether F3's all-tills tab is what the cashier sees.
    pub fn tills_tab_shown(&self) -> bool {
        self.overlay() == Some(&Overlay::Summary) && self.summary_tab == SummaryTab::AllTills
    }

    /// The fetch of today across tills, when the tab is shown and one is due.
    pub(super) fn tills_due(&mut self) -> Vec<Effect> {
        if !self.tills_tab_shown() || !self.tills.due(self.clock.mono) {
            return vec![];
        }
        let Some(tag_field) = self.config.kiosk.tag_customfield else {
            self.tills.status = TillsStatus::NoTagField;
            return vec![];
        };
        let req = self.next_req();
        self.tills.loading = Some(req);
        self.tills.asked_at = Some(self.clock.mono);
        vec![Effect::LoadTills {
            req,
            since_utc: self.config.zone.start_of_day(self.clock.utc),
            tag_field,
        }]
    }

    pub(super) fn on_tills(&mut self, req: Req, result: Result<Vec<Validation>, String>) {
        if self.tills.loading != Some(req) {
            return;
        }
        self.tills.loading = None;
        self.tills.status = match result {
            Ok(list) => {
                let zone = self.config.zone;
                TillsStatus::Loaded(TillsToday::count(&list, self.clock.utc, &|t| zone.offset_at(t)))
            }
            Err(reason) => {
                self.last_problem = Some((self.clock.utc, format!("other tills not loaded: {reason}")));
                TillsStatus::Failed {
                    reason,
                    earlier: self.tills.shown().cloned(),
                }
            }
        };
    }
}
