//! Tests of the pure kiosk: every cashier flow through `update`, every screen as a snapshot, and
//! every screen at random sizes. No terminal, no network.

mod console;
mod driver;
mod flows;
mod languages;
mod offline;
mod plain_words;
mod preview;
mod props;
mod snapshots;
mod status_bar;
mod tills;
mod today;
mod words;

use super::clock::{Clock, LocalZone};
use super::commands::Command;
use super::flows::update;
use super::input::Input;
use super::msg::{Effect, Link, Msg, Net, Req};
use super::state::{Config, State};
use crate::api::{Customer, Session};
use crate::settings::KioskSettings;
use std::time::Duration;
use time::macros::datetime;
use time::{OffsetDateTime, UtcOffset};

pub(super) const NOW: OffsetDateTime = datetime!(2026-11-20 14:00:00 UTC);

pub(super) fn config() -> Config {
    Config {
        kiosk: KioskSettings {
            cashier: Some("Ann".into()),
            ..KioskSettings::default()
        },
        checking_after: Duration::from_secs(10),
        zone: LocalZone::Fixed(UtcOffset::UTC),
        demo: true,
    }
}

pub(super) fn kiosk() -> State {
    kiosk_with(config())
}

pub(super) fn kiosk_with(config: Config) -> State {
    let mut s = State::new(config, Clock::new(NOW, Duration::from_secs(1000)));
    let _ = s.start();
    // The coupon list as the demo's sandbox answers it, read at start.
    let _ = update(
        &mut s,
        Msg::Catalogue {
            result: Ok(demo_coupons()),
            // Says nothing of the link: the screens below start "not connected yet".
            net: Net::NONE,
        },
    );
    s
}

/// The demo's two first campaigns: an active one and an inactive one.
pub(super) fn demo_coupons() -> Vec<crate::api::coupons::Coupon> {
    use crate::api::coupons::Coupon;
    let c = |v: serde_json::Value| Coupon::from_json(&v).unwrap_or_else(|e| panic!("{e}"));
    vec![
        c(serde_json::json!({"ID": "cam_demo01", "name": "Free coffee",
            "title": "A free coffee with any pastry", "status": "active"})),
        c(serde_json::json!({"ID": "cam_demo02", "name": "Spring sale",
            "title": "10% off everything in store", "status": "inactive"})),
    ]
}

/// Moves both clocks forward.
pub(super) fn advance(s: &mut State, d: Duration) {
    s.clock.mono += d;
    s.clock.utc += d;
}

pub(super) fn press(s: &mut State, i: Input) -> Vec<Effect> {
    update(s, Msg::Input(i))
}

/// Types `text` as a keyboard-wedge scanner does, then Enter.
pub(super) fn scan(s: &mut State, text: &str) -> Vec<Effect> {
    for c in text.chars() {
        assert!(
            press(s, Input::Char(c)).is_empty(),
            "typing must not cause effects"
        );
    }
    press(s, Input::Enter)
}

pub(super) fn net() -> Net {
    Net {
        rtt: Duration::from_millis(12),
        link: Link::Online,
    }
}

pub(super) fn session(code: &str) -> Session {
    Session {
        session: code.into(),
        campaign: "cam_demo01".into(),
        sequenceid: Some(1),
        session_url: None,
        customid: None,
        opened: true,
        claimed: true,
        claim_date_utc: Some(datetime!(2026-11-01 10:00 UTC)),
        validated: false,
        validation_date_utc: None,
        voided: false,
        voided_date_utc: None,
        locked: false,
        expiration_date_utc: Some(datetime!(2099-12-31 23:59:59 UTC)),
        created_date_utc: Some(datetime!(2026-11-01 09:00 UTC)),
        custom_validation_code: None,
        customer: Customer {
            firstname: Some("Jane".into()),
            lastname: Some("Doe".into()),
            email: Some("jane@example.com".into()),
            phone: Some("+447911123456".into()),
        },
        customfields: Default::default(),
        money_spent: None,
    }
}

pub(super) const JANE: &str = "ac6s7u3g8a25ja7x9qg87";
pub(super) const JANE2: &str = "oneeojyhy5j3x0m6ribqu";

/// The request id of the only effect that carries one.
pub(super) fn req_of(effects: &[Effect]) -> Req {
    effects
        .iter()
        .find_map(Effect::req)
        .expect("an effect with a request id")
}

/// Answers a journal write as the runner would.
pub(super) fn journaled(s: &mut State, effects: &[Effect], ok: bool) -> Vec<Effect> {
    let (req, entry) = effects
        .iter()
        .find_map(|e| match e {
            Effect::Journal { req, entry } => Some((*req, entry.clone())),
            _ => None,
        })
        .expect("a journal write");
    update(
        s,
        Msg::Journaled {
            req,
            operation: entry.operation,
            outcome: entry.outcome,
            result: if ok { Ok(()) } else { Err("disk full".into()) },
            counts: None,
        },
    )
}
