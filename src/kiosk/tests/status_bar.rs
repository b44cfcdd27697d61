//! The status bar at the widths a till has: the less important parts (round trip, mirror age,
//! the word "today") give way first; DEMO, OFFLINE and the till are never cut.

use super::snapshots::draw;
use super::*;
use crate::journal::{Operation, Outcome};
use crate::offline::desk::DeskStatus;
use crate::offline::mirror::MirrorStatus;
use crate::offline::outbox::OutboxCounts;
use crate::offline::BackgroundStatus;

/// A demo till with everything the bar can say: online with a round trip, a cashier, a mirror
/// synced a minute ago and syncing again, scans waiting in the outbox, and counts.
fn busy_bar(link: Link) -> State {
    let mut s = kiosk();
    s.conn.link = link;
    s.conn.last_rtt = Some(Duration::from_millis(123));
    s.today.add(Operation::Validate, Outcome::Validated);
    s.today.add(Operation::Validate, Outcome::Expired);
    let desk = DeskStatus {
        mirror: MirrorStatus {
            sessions: 12009,
            with_customer: 0,
            details_pending: 12009,
            last_sync: Some(NOW - time::Duration::minutes(1)),
            campaigns: vec![],
        },
        outbox: OutboxCounts {
            waiting: 2,
            ..OutboxCounts::default()
        },
    };
    s.offline = Some(BackgroundStatus {
        desk: Some(desk),
        syncing: true,
        ..BackgroundStatus::default()
    });
    s
}

fn first_line(s: &State, w: u16, h: u16) -> String {
    draw(s, w, h).lines().next().unwrap_or_default().to_string()
}

#[test]
fn the_status_bar_drops_the_least_important_parts_first_and_never_demo_offline_or_the_till() {
    let wide = first_line(&busy_bar(Link::Online), 120, 40);
    assert!(
        wide.contains("123 ms") && wide.contains("1 min") && wide.contains("today"),
        "{wide}"
    );
    for (link, w, h) in [
        (Link::Online, 80, 24),
        (Link::Online, 40, 12),
        (Link::Offline, 80, 24),
        (Link::Offline, 40, 12),
    ] {
        let s = busy_bar(link);
        let bar = first_line(&s, w, h);
        let name = format!("status_bar_{link:?}_{w}x{h}").to_lowercase();
        insta::assert_snapshot!(name, bar);
        for must in [" DEMO", "│ till-1", "outbox 2"] {
            assert!(
                bar.contains(must),
                "{w} columns, {link:?}: {must:?} missing in {bar:?}"
            );
        }
        match link {
            Link::Offline => assert!(bar.contains("✖ OFFLINE"), "{bar:?}"),
            _ => assert!(bar.contains("✔ 1 ✖ 1"), "{bar:?}"),
        }
        // The round trip goes before anything else.
        assert!(!bar.contains("123 ms"), "{w} columns: {bar:?}");
    }
}

#[test]
fn the_coupon_list_read_at_start_is_the_first_word_on_the_link() {
    let catalogue = |link: Link| {
        let mut s = State::new(config(), Clock::new(NOW, Duration::from_secs(1000)));
        let _ = s.start();
        let net = Net {
            rtt: Duration::from_millis(40),
            link,
        };
        let _ = update(
            &mut s,
            Msg::Catalogue {
                result: Ok(demo_coupons()),
                net,
            },
        );
        first_line(&s, 80, 24)
    };
    assert!(
        catalogue(Link::Online).contains("online"),
        "{}",
        catalogue(Link::Online)
    );
    assert!(
        catalogue(Link::Offline).contains("OFFLINE"),
        "{}",
        catalogue(Link::Offline)
    );
    assert!(catalogue(Link::Unknown).contains("not connected yet"));
}
