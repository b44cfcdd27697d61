//! F3's all-tills tab: fetched in the background when shown, at most once a minute while it
//! stays shown, failures said on that tab only, and the counter never held up.

use super::snapshots::text_of;
use super::*;
use crate::kiosk::commands::Command;
use crate::kiosk::state::{Overlay, Screen};
use crate::kiosk::tills::{SummaryTab, TillsStatus};
use crate::kiosk::view::render;
use crate::report::Validation;
use crate::tag::ValidationTag;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

fn with_tag_field() -> State {
    let mut c = config();
    c.kiosk.tag_customfield = Some(7);
    kiosk_with(c)
}

/// F3, then Tab: the effects of each.
fn open_all_tills(s: &mut State) -> Vec<Effect> {
    let mut effects = press(s, Input::Command(Command::Summary));
    effects.extend(press(s, Input::Tab));
    effects
}

fn tills_req(effects: &[Effect]) -> Option<Req> {
    effects.iter().find_map(|e| match e {
        Effect::LoadTills { req, .. } => Some(*req),
        _ => None,
    })
}

fn validation(tag: &str, minutes_ago: i64, money: &str) -> Validation {
    Validation {
        campaign: "cam_demo01".into(),
        tag: ValidationTag::parse(tag),
        validated_at: Some(NOW - time::Duration::minutes(minutes_ago)),
        money_spent: money.parse().ok(),
    }
}

fn day() -> Vec<Validation> {
    let mut v = vec![];
    for i in 0..7 {
        v.push(validation("till-1/Ann/k3f9x2ab7q", 20 + i * 60, "2.50"));
    }
    for i in 0..12 {
        v.push(validation("till-2/Bob/m8p2c4d6e7", 5 + i * 25, "10"));
    }
    v.push(validation("VIP", 200, "1"));
    v
}

fn answer(s: &mut State, req: Req, result: Result<Vec<Validation>, String>) -> Vec<Effect> {
    update(s, Msg::Tills { req, result })
}

fn screen(s: &State, w: u16, h: u16) -> String {
    let area = Rect::new(0, 0, w, h);
    let mut buf = Buffer::empty(area);
    render(s, area, &mut buf);
    text_of(&buf)
}

#[test]
fn the_tab_is_fetched_when_shown_and_then_once_a_minute() {
    let mut s = with_tag_field();
    advance(&mut s, Duration::from_secs(10));
    // F3 alone shows this till's counts: nothing is fetched from the server.
    let f3 = press(&mut s, Input::Command(Command::Summary));
    assert_eq!(tills_req(&f3), None);
    let effects = press(&mut s, Input::Tab);
    assert_eq!(s.summary_tab, SummaryTab::AllTills);
    let Some(Effect::LoadTills {
        req,
        since_utc,
        tag_field,
    }) = effects.first().cloned()
    else {
        panic!("{effects:?}")
    };
    assert_eq!((since_utc, tag_field), (datetime!(2026-11-20 00:00 UTC), 7));
    assert!(screen(&s, 80, 24).contains("Loading today's validations"));

    answer(&mut s, req, Ok(day()));
    assert!(matches!(&s.tills.status, TillsStatus::Loaded(t) if t.total() == 20));
    let text = screen(&s, 80, 24);
    assert!(text.contains("As of 14:00"), "{text}");
    assert!(!text.contains("Loading"), "{text}");

    // Back and forth within the minute: the figures shown are kept, nothing asked again.
    assert_eq!(tills_req(&press(&mut s, Input::Left)), None);
    assert_eq!(s.summary_tab, SummaryTab::ThisTill);
    assert_eq!(tills_req(&press(&mut s, Input::Right)), None);
    advance(&mut s, Duration::from_secs(55));
    assert_eq!(tills_req(&update(&mut s, Msg::Tick)), None);
    // Asked at 1010 s (14:00:10), now 14:01:05: the loop wakes for the refresh at 1070 s, before
    // the next minute; the tick then fetches again.
    assert_eq!(s.next_deadline(), Duration::from_secs(1070));
    advance(&mut s, Duration::from_secs(5));
    let again = update(&mut s, Msg::Tick);
    let second = tills_req(&again).unwrap_or_else(|| panic!("{again:?}"));
    assert_ne!(second, req);
    // Only one in flight: no third ask however often it ticks.
    advance(&mut s, Duration::from_secs(120));
    assert_eq!(tills_req(&update(&mut s, Msg::Tick)), None);
}

#[test]
fn not_fetched_while_the_tab_is_not_shown() {
    let mut s = with_tag_field();
    let req = tills_req(&open_all_tills(&mut s)).unwrap_or_else(|| panic!("no fetch"));
    answer(&mut s, req, Ok(day()));
    press(&mut s, Input::Esc);
    assert!(s.overlays.is_empty());
    advance(&mut s, Duration::from_secs(600));
    assert_eq!(tills_req(&update(&mut s, Msg::Tick)), None);
    // Shown again after ten minutes: fetched at once.
    assert!(tills_req(&press(&mut s, Input::Command(Command::Summary))).is_some());
}

#[test]
fn a_failure_is_said_on_the_tab_and_the_last_figures_stay() {
    let mut s = with_tag_field();
    let req = tills_req(&open_all_tills(&mut s)).unwrap_or_else(|| panic!("no fetch"));
    answer(&mut s, req, Ok(day()));
    advance(&mut s, Duration::from_secs(61));
    let second = tills_req(&update(&mut s, Msg::Tick)).unwrap_or_else(|| panic!("no refresh"));
    answer(
        &mut s,
        second,
        Err("cannot reach the server: connection refused".into()),
    );
    let text = screen(&s, 80, 24);
    // One plain sentence on the tab; the error's words in F1.
    assert!(
        text.contains("Could not load the other tills (F1 shows why)"),
        "{text}"
    );
    assert!(!text.contains("connection refused"), "{text}");
    let problem = s
        .last_problem
        .as_ref()
        .map(|(_, p)| p.as_str())
        .unwrap_or_default();
    assert!(problem.contains("cannot reach the server"), "{problem}");
    assert!(text.contains("as of 14:00"), "{text}");
    assert!(text.contains("till-2"), "the earlier figures stay: {text}");
    // Only that tab says so: this till's tab and the status bar do not.
    press(&mut s, Input::Tab);
    let own = screen(&s, 80, 24);
    assert!(!own.contains("Could not load"), "{own}");
    assert_eq!(s.journal_error, None);
}

#[test]
fn a_late_answer_to_an_earlier_ask_is_ignored() {
    let mut s = with_tag_field();
    let req = tills_req(&open_all_tills(&mut s)).unwrap_or_else(|| panic!("no fetch"));
    answer(&mut s, Req(req.0 + 1000), Ok(day()));
    assert_eq!(s.tills.status, TillsStatus::NotLoaded);
    assert_eq!(s.tills.loading, Some(req));
}

#[test]
fn the_counter_is_never_held_up_by_the_tab() {
    let mut s = with_tag_field();
    let _ = open_all_tills(&mut s);
    assert!(s.tills.loading.is_some());
    // A scan while the figures load leaves F3 and is looked up at once.
    let effects = scan(&mut s, JANE_CODE);
    assert!(
        effects.iter().any(|e| matches!(e, Effect::Resolve { .. })),
        "{effects:?}"
    );
    assert!(s.overlays.is_empty());
    assert!(matches!(s.screen, Screen::Working(_)));
}

#[test]
fn without_a_tag_field_the_tab_says_what_to_set_and_asks_nothing() {
    let mut s = kiosk();
    assert_eq!(tills_req(&open_all_tills(&mut s)), None);
    assert_eq!(s.tills.status, TillsStatus::NoTagField);
    assert!(screen(&s, 80, 24).contains("tag_customfield"));
}

const JANE_CODE: &str = "ac6s7u3g8a25ja7x9qg87";

fn loaded() -> State {
    let mut s = with_tag_field();
    s.config.kiosk.terminal_id = "till-1".into();
    let req = tills_req(&open_all_tills(&mut s)).unwrap_or_else(|| panic!("no fetch"));
    answer(&mut s, req, Ok(day()));
    s
}

#[test]
fn all_tills_chart_at_80x24_and_120x40() {
    let s = loaded();
    assert_eq!(s.overlay(), Some(&Overlay::Summary));
    insta::assert_snapshot!("all_tills_80x24", screen(&s, 80, 24));
    insta::assert_snapshot!("all_tills_120x40", screen(&s, 120, 40));
    let text = screen(&s, 120, 40);
    for needle in [
        "till-1 (this till)",
        "till-2",
        "(untagged)",
        "All tills",
        "138.500",
    ] {
        assert!(text.contains(needle), "{needle}: {text}");
    }
}
