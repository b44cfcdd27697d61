//! What each campaign gives, as the cashier needs it: the offer ("A free coffee with any
//! pastry", from `coupon/list`) and whether the campaign still runs. Loaded when the kiosk
//! starts, refreshed now and then, and completed with `coupon/info` for a campaign it has not
//! seen.

use crate::api::coupons::Coupon;
use crate::api::lenient::date_utc;
use std::collections::{HashMap, HashSet};
use std::time::Duration;
use time::OffsetDateTime;

/// How often the coupon list is read again (offers and campaign states change rarely).
pub const REFRESH_EVERY: Duration = Duration::from_secs(15 * 60);

/// One campaign's offer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Offer {
    /// What to give: the coupon's title, else its name.
    pub text: String,
    /// The campaign's status as the server words it (e.g. "active", "inactive").
    pub status: Option<String>,
    /// When the campaign ends, if it has a fixed end.
    pub ends_utc: Option<OffsetDateTime>,
}

impl Offer {
    pub fn from_coupon(c: &Coupon) -> Option<Offer> {
        let text = [c.title.as_deref(), c.name.as_deref()]
            .into_iter()
            .flatten()
            .map(str::trim)
            .find(|t| !t.is_empty())?
            .to_string();
        Some(Offer {
            text,
            status: c.status.clone(),
            ends_utc: date_utc(c.extra.get("expiration_date")),
        })
    }

    /// What a cashier should be warned of before giving this offer: the campaign is not active,
    /// or it has ended. None when it runs. The screen words it in the kiosk's language.
    pub fn warning(&self, now: OffsetDateTime) -> Option<CampaignWarning> {
        if let Some(end) = self.ends_utc.filter(|end| *end <= now) {
            return Some(CampaignWarning::Ended(end.date()));
        }
        match self.status.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(s) if s.eq_ignore_ascii_case("active") => None,
            Some(s) => Some(CampaignWarning::NotActive(s.to_string())),
        }
    }
}

/// Why an offer should not be given without a second look.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CampaignWarning {
    /// The campaign ended on this (UTC) date.
    Ended(time::Date),
    /// The campaign's status is not `active`; the status as the server wrote it.
    NotActive(String),
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Catalogue {
    offers: HashMap<String, Offer>,
    /// Campaigns asked about with `coupon/info` (not asked twice while the answer is out, nor
    /// again when the server did not know them).
    asked: HashSet<String>,
    /// When the list was last asked for (monotonic).
    pub listed_at: Option<Duration>,
}

impl Catalogue {
    pub fn offer(&self, campaign: &str) -> Option<&Offer> {
        self.offers.get(campaign)
    }

    pub fn offer_text(&self, campaign: &str) -> Option<String> {
        self.offer(campaign).map(|o| o.text.clone())
    }

    /// A fresh list: replaces every offer it names, keeps the others (a filtered or partial
    /// list must not make the kiosk forget what it knew).
    pub fn load(&mut self, coupons: &[Coupon]) {
        for c in coupons {
            if let Some(o) = Offer::from_coupon(c) {
                self.offers.insert(c.id.clone(), o);
            }
        }
    }

    pub fn insert(&mut self, c: &Coupon) {
        self.load(std::slice::from_ref(c));
    }

    /// True the first time a campaign the catalogue does not know is met: ask the server.
    pub fn should_ask(&mut self, campaign: &str) -> bool {
        !campaign.is_empty() && !self.offers.contains_key(campaign) && self.asked.insert(campaign.to_string())
    }

    /// When the list is due to be read again.
    pub fn refresh_at(&self) -> Option<Duration> {
        self.listed_at.map(|t| t + REFRESH_EVERY)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    use time::macros::datetime;

    fn coupon(v: serde_json::Value) -> Coupon {
        Coupon::from_json(&v).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn an_offer_is_the_title_and_warns_when_the_campaign_does_not_run() {
        let now = datetime!(2026-11-20 14:00 UTC);
        let mut cat = Catalogue::default();
        cat.load(&[
            coupon(json!({"ID": "cam_a", "name": "Free coffee", "title": "A free coffee with any pastry", "status": "active"})),
            coupon(json!({"ID": "cam_b", "name": "Spring sale", "title": "", "status": "inactive"})),
            coupon(json!({"ID": "cam_c", "title": "Old", "status": "active", "expiration_date": "2026-01-01 00:00:00"})),
        ]);
        let a = cat.offer("cam_a").cloned().unwrap_or_else(|| panic!("cam_a"));
        assert_eq!(a.text, "A free coffee with any pastry");
        assert_eq!(a.warning(now), None);
        let b = cat.offer("cam_b").cloned().unwrap_or_else(|| panic!("cam_b"));
        assert_eq!(b.text, "Spring sale", "the name when the title is empty");
        assert_eq!(
            b.warning(now),
            Some(CampaignWarning::NotActive("inactive".into()))
        );
        let c = cat.offer("cam_c").cloned().unwrap_or_else(|| panic!("cam_c"));
        assert_eq!(
            c.warning(now),
            Some(CampaignWarning::Ended(time::macros::date!(2026 - 01 - 01)))
        );
        assert!(!cat.should_ask("cam_a"));
        assert!(cat.should_ask("cam_z"));
        assert!(!cat.should_ask("cam_z"), "asked once");
    }
}
