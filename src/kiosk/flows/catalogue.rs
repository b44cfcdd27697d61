//! The offers: the coupon list read at start and now and then, and `coupon/info` for a
//! campaign met on screen that the list did not name.

use crate::api::coupons::Coupon;
use crate::api::{ApiError, CampaignId};
use crate::kiosk::msg::Effect;
use crate::kiosk::state::{Screen, State};

impl State {
    pub(super) fn on_catalogue(&mut self, result: Result<Vec<Coupon>, ApiError>) {
        // Offers are a help, not a condition: without them the kiosk validates all the same, and
        // the next refresh tries again.
        if let Ok(coupons) = result {
            self.catalogue.load(&coupons);
        }
    }

    pub(super) fn on_coupon_info(&mut self, result: Result<Coupon, ApiError>) {
        if let Ok(c) = result {
            self.catalogue.insert(&c);
        }
    }

    /// Time to read the coupon list again.
    pub(super) fn refresh_catalogue(&mut self) -> Vec<Effect> {
        match self.catalogue.refresh_at() {
            Some(t) if self.clock.mono >= t => {
                self.catalogue.listed_at = Some(self.clock.mono);
                vec![Effect::LoadCatalogue]
            }
            _ => vec![],
        }
    }

    /// Asks about the campaign of the session on screen when the catalogue does not know it.
    pub(super) fn ask_unknown_campaign(&mut self) -> Vec<Effect> {
        let campaign = match &self.screen {
            Screen::Card(c) => Some(c.session.campaign.clone()),
            Screen::Verdict(v) => v.session.as_ref().map(|s| s.campaign.clone()),
            Screen::Working(w) => w.session.as_ref().map(|s| s.campaign.clone()),
            _ => None,
        };
        match campaign.and_then(|c| CampaignId::parse(&c).ok()) {
            Some(id) if self.catalogue.should_ask(id.as_str()) => vec![Effect::CouponInfo { campaign: id }],
            _ => vec![],
        }
    }
}
