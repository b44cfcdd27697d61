//! Every cashier flow through `update`, as a cashier would see it.

use super::*;
use crate::api::barcode::BarcodeType;
use crate::api::{ApiError, Operation, SessionCode};
use crate::journal;
use crate::kiosk::lookup::{LookupView, Step};
use crate::kiosk::msg::StaffAction;
use crate::kiosk::state::{Overlay, Screen, Task};
use crate::kiosk::verdict::{Retry, VerdictKind};
use crate::redeem::{Outcome, Verdict};
use crate::scan::Scanned;
use crate::settings::ValidationMode;
use rust_decimal::Decimal;

fn verdict(outcome: Outcome, session: Option<Session>, message: &str) -> Verdict {
    Verdict {
        outcome,
        validation_date_utc: session.as_ref().and_then(|s| s.validation_date_utc),
        session,
        error_code: None,
        message: message.into(),
        round_trips: 1,
        attempt: Some(crate::tag::AttemptId::random()),
        earlier_confirmed: None,
    }
}

/// The server's word that Jane's coupon is validated, now.
pub(super) fn jane_validated() -> Verdict {
    verdict(Outcome::Validated, Some(validated(JANE, NOW)), "ok")
}

fn validated(code: &str, at: OffsetDateTime) -> Session {
    let mut s = session(code);
    s.validated = true;
    s.validation_date_utc = Some(at);
    s
}

/// The kiosk in auto mode: a scan is validated at once.
pub(super) fn auto_kiosk() -> State {
    let mut c = config();
    c.kiosk.mode = ValidationMode::Auto;
    kiosk_with(c)
}

/// Confirm mode up to the card of Jane's coupon.
pub(super) fn to_card(s: &mut State) {
    let fx = scan(s, JANE);
    assert!(matches!(
        &fx[..],
        [Effect::Resolve { what: Scanned::SessionCode(c), .. }] if c == JANE
    ));
    let fx = resolved(s, &fx, Ok(vec![session(JANE)]));
    assert!(fx.is_empty());
    assert!(matches!(&s.screen, Screen::Card(c) if c.session.session == JANE));
}

/// Answers the look-up in flight (the `Resolve` effect among `fx`) with `result`, as the runner
/// would over a good link; returns the effects (a journal write when the answer is a verdict).
pub(super) fn resolved(s: &mut State, fx: &[Effect], result: Result<Vec<Session>, ApiError>) -> Vec<Effect> {
    resolved_over(s, fx, result, net())
}

/// [`resolved`], the answer having come over `net`.
fn resolved_over(
    s: &mut State,
    fx: &[Effect],
    result: Result<Vec<Session>, ApiError>,
    net: Net,
) -> Vec<Effect> {
    let (req, scanned) = fx
        .iter()
        .find_map(|e| match e {
            Effect::Resolve { req, scanned, .. } => Some((*req, scanned.clone())),
            _ => None,
        })
        .expect("a look-up effect");
    update(
        s,
        Msg::Resolved {
            req,
            scanned,
            result,
            net,
        },
    )
}

/// Answers the staff action in flight (the `Act` effect among `fx`) with `result`, as the runner
/// would; returns the effects (the journal write).
pub(super) fn acted(s: &mut State, fx: &[Effect], result: Result<Option<Session>, ApiError>) -> Vec<Effect> {
    let (req, attempt, action) = fx
        .iter()
        .find_map(|e| match e {
            Effect::Act {
                req, attempt, action, ..
            } => Some((*req, attempt.clone(), *action)),
            _ => None,
        })
        .expect("a staff action effect");
    update(
        s,
        Msg::Acted {
            req,
            attempt,
            action,
            result,
            net: net(),
        },
    )
}

/// Answers the in-flight validation with `v` and the journal write; returns the bell effects.
pub(super) fn answer(s: &mut State, fx: &[Effect], v: Verdict) -> Vec<Effect> {
    let (req, attempt) = fx
        .iter()
        .find_map(|e| match e {
            Effect::Validate { req, attempt, .. } | Effect::Redeem { req, attempt, .. } => {
                Some((*req, attempt.clone()))
            }
            _ => None,
        })
        .expect("a validation effect");
    let fx = update(
        s,
        Msg::Verdict {
            req,
            attempt,
            verdict: v,
            net: net(),
        },
    );
    // Nothing is shown before the journal has the attempt.
    assert!(
        matches!(s.screen, Screen::Working(_)),
        "verdict shown before journaling"
    );
    journaled(s, &fx, true)
}

fn shown(s: &State) -> VerdictKind {
    match &s.screen {
        Screen::Verdict(v) => v.kind,
        other => panic!("no verdict on screen: {other:?}"),
    }
}

#[test]
fn confirm_mode_scan_card_enter_validated() {
    let mut s = kiosk();
    to_card(&mut s);
    let fx = press(&mut s, Input::Enter);
    assert!(matches!(
        &fx[..],
        [Effect::Validate { code, extras, .. }] if code.as_str() == JANE && extras.money_spent.is_none() && extras.till.tag_field.is_none()
    ));
    assert!(matches!(&s.screen, Screen::Working(w) if w.task == Task::Validating));
    let bell = answer(&mut s, &fx, jane_validated());
    assert_eq!(shown(&s), VerdictKind::Validated);
    assert_eq!(bell, vec![Effect::Bell { rings: 1 }]);
    assert_eq!(s.today.validated(), 1);
    assert!(s.can_undo());
    // Success gives the screen back after the configured time.
    let d = s.config.kiosk.success_display;
    advance(&mut s, d);
    update(&mut s, Msg::Tick);
    assert_eq!(s.screen, Screen::Scan);
}

#[test]
fn auto_mode_validates_on_scan() {
    let mut s = auto_kiosk();
    let fx = scan(&mut s, JANE);
    assert!(matches!(
        &fx[..],
        [Effect::Redeem { scanned: Scanned::SessionCode(c), attempt, .. }]
            if c == JANE && attempt.operation == journal::Operation::Validate
    ));
    answer(&mut s, &fx, jane_validated());
    assert_eq!(shown(&s), VerdictKind::Validated);
}

#[test]
fn each_refusal_shows_its_verdict_and_stays() {
    for (outcome, kind) in [
        (Outcome::AlreadyValidated, VerdictKind::AlreadyValidated),
        (Outcome::Expired, VerdictKind::Expired),
        (Outcome::Voided, VerdictKind::Voided),
        (Outcome::Locked, VerdictKind::Locked),
        (Outcome::NotFound, VerdictKind::NotFound),
        (Outcome::NotClaimed, VerdictKind::NotClaimed),
        (Outcome::Refused, VerdictKind::Refused),
    ] {
        let mut s = kiosk();
        to_card(&mut s);
        let fx = press(&mut s, Input::Enter);
        let bell = answer(&mut s, &fx, verdict(outcome, Some(session(JANE)), "refused"));
        assert_eq!(shown(&s), kind);
        assert_eq!(bell, vec![Effect::Bell { rings: 3 }]);
        assert_eq!(s.today.refused(), 1, "{kind:?}");
        assert!(!s.can_undo());
        advance(&mut s, Duration::from_secs(600));
        update(&mut s, Msg::Tick);
        assert_eq!(shown(&s), kind, "a refusal stays until the next scan or Esc");
        press(&mut s, Input::Esc);
        assert_eq!(s.screen, Screen::Scan);
    }
}

#[test]
fn already_validated_record_is_refused_without_an_update_and_says_when() {
    let mut s = kiosk();
    let fx = scan(&mut s, JANE);
    let at = datetime!(2026-11-20 13:03:00 UTC);
    let fx = resolved(&mut s, &fx, Ok(vec![validated(JANE, at)]));
    assert!(
        fx.iter().all(|e| matches!(e, Effect::Journal { .. })),
        "no update is sent for a session already validated: {fx:?}"
    );
    journaled(&mut s, &fx, true);
    assert_eq!(shown(&s), VerdictKind::AlreadyValidated);
    let Screen::Verdict(v) = &s.screen else {
        unreachable!()
    };
    assert_eq!(v.validated_at_utc, Some(at));
}

#[test]
fn voided_locked_expired_records_are_refused_at_once() {
    for (tweak, kind) in [
        (
            (|s: &mut Session| s.voided = true) as fn(&mut Session),
            VerdictKind::Voided,
        ),
        (|s: &mut Session| s.locked = true, VerdictKind::Locked),
    ] {
        let mut s = kiosk();
        let fx = scan(&mut s, JANE);
        let mut rec = session(JANE);
        tweak(&mut rec);
        let fx = resolved(&mut s, &fx, Ok(vec![rec]));
        journaled(&mut s, &fx, true);
        assert_eq!(shown(&s), kind);
    }
}

#[test]
fn not_found_and_network_failure_on_lookup() {
    let mut s = kiosk();
    let fx = scan(&mut s, JANE);
    let fx = resolved(
        &mut s,
        &fx,
        Err(ApiError::Api {
            code: 512,
            message: "Coupon session not found".into(),
            http_status: 422,
        }),
    );
    journaled(&mut s, &fx, true);
    assert_eq!(shown(&s), VerdictKind::NotFound);

    let mut s = kiosk();
    let fx = scan(&mut s, JANE);
    let fx = resolved_over(
        &mut s,
        &fx,
        Err(ApiError::Unreachable("connection refused".into())),
        Net {
            rtt: Duration::from_millis(3),
            link: Link::Offline,
        },
    );
    journaled(&mut s, &fx, true);
    assert_eq!(shown(&s), VerdictKind::CheckFailed);
    assert_eq!(s.conn.link, Link::Offline);
    // F5 looks it up again.
    let fx = press(&mut s, Input::Command(Command::Retry));
    assert!(matches!(&fx[..], [Effect::Resolve { scanned, .. }] if scanned == JANE));
}

#[test]
fn timeout_shows_checking_then_the_truth() {
    let mut s = kiosk();
    to_card(&mut s);
    let fx = press(&mut s, Input::Enter);
    let Screen::Working(w) = s.screen.clone() else {
        panic!()
    };
    assert!(!s.is_checking(&w));
    // The loop wakes every second (the waiting counter ticks), and so when the request times
    // out, to show CHECKING.
    let d = s.config.checking_after;
    for waited in 1..=d.as_secs() {
        assert_eq!(s.next_deadline(), w.started + Duration::from_secs(waited));
        advance(&mut s, Duration::from_secs(1));
        update(&mut s, Msg::Tick);
    }
    assert!(s.is_checking(&w));
    // The check found the truth: the validation went through.
    answer(
        &mut s,
        &fx,
        verdict(Outcome::Validated, Some(validated(JANE, NOW)), "confirmed"),
    );
    assert_eq!(shown(&s), VerdictKind::Validated);
}

/// The expiry date is in the campaign's timezone, which the till cannot know: a past date warns
/// on the card, and the server decides.
#[test]
fn a_past_expiry_date_is_not_refused_locally() {
    let mut s = kiosk();
    let fx = scan(&mut s, JANE);
    let mut rec = session(JANE);
    rec.expiration_date_utc = Some(datetime!(2025-01-31 23:59:59 UTC));
    let fx = resolved(&mut s, &fx, Ok(vec![rec]));
    assert!(fx.is_empty(), "nothing journaled: no verdict yet: {fx:?}");
    assert!(matches!(s.screen, Screen::Card(_)), "{:?}", s.screen);
    let fx = press(&mut s, Input::Enter);
    assert!(
        matches!(&fx[..], [Effect::Validate { code, .. }] if code.as_str() == JANE),
        "{fx:?}"
    );
    answer(
        &mut s,
        &fx,
        verdict(Outcome::Expired, None, "Session or coupon has expired"),
    );
    assert_eq!(shown(&s), VerdictKind::Expired);
}

#[test]
fn unknown_is_never_validated_and_retry_resends_the_validation() {
    let mut s = kiosk();
    to_card(&mut s);
    let fx = press(&mut s, Input::Enter);
    let bell = answer(&mut s, &fx, verdict(Outcome::Unknown, None, "no answer"));
    assert_eq!(shown(&s), VerdictKind::Unknown);
    assert_eq!(bell, vec![Effect::Bell { rings: 3 }]);
    assert_eq!(s.today.validated(), 0);
    assert_eq!(s.today.unsure(), 1);
    assert!(!s.can_undo(), "nothing known to undo");
    let Screen::Verdict(v) = &s.screen else {
        unreachable!()
    };
    assert!(matches!(&v.retry, Some(Retry::Validate { code, .. }) if code.as_str() == JANE));
    let lost = s
        .unsure
        .first()
        .map(|e| e.attempt.clone())
        .expect("the lost attempt is kept");
    // F5: the same validation again, carrying the lost attempt; it had gone through, and the
    // server's tag field says so: VALIDATED, the journal's unknown entry settled.
    let fx = press(&mut s, Input::Command(Command::Retry));
    let [Effect::Validate { code, extras, .. }] = &fx[..] else {
        panic!("{fx:?}")
    };
    assert_eq!(code.as_str(), JANE);
    assert_eq!(extras.earlier.len(), 1);
    assert_eq!(extras.earlier[0].attempt, lost);
    let mut v = verdict(
        Outcome::Validated,
        Some(validated(JANE, NOW)),
        "earlier went through",
    );
    v.earlier_confirmed = Some(lost.clone());
    let fx2 = update(
        &mut s,
        Msg::Verdict {
            req: req_of(&fx),
            attempt: match &fx[0] {
                Effect::Validate { attempt, .. } => attempt.clone(),
                _ => unreachable!(),
            },
            verdict: v,
            net: net(),
        },
    );
    assert!(
        fx2.iter()
            .any(|e| matches!(e, Effect::Settle { confirmed, .. } if *confirmed == [lost.clone()])),
        "{fx2:?}"
    );
    journaled(&mut s, &fx2, true);
    assert_eq!(shown(&s), VerdictKind::Validated);
    assert!(s.unsure.is_empty());
    assert!(s.can_undo(), "this till's own validation can be undone");
}

#[test]
fn an_old_validation_after_a_lost_answer_is_not_explained_away() {
    let mut s = kiosk();
    to_card(&mut s);
    let fx = press(&mut s, Input::Enter);
    answer(&mut s, &fx, verdict(Outcome::Unknown, None, "no answer"));
    let fx = press(&mut s, Input::Command(Command::Retry));
    let old = validated(JANE, datetime!(2026-11-19 09:00 UTC));
    answer(
        &mut s,
        &fx,
        verdict(Outcome::AlreadyValidated, Some(old), "already"),
    );
    let Screen::Verdict(v) = &s.screen else { panic!() };
    assert_eq!(v.kind, VerdictKind::AlreadyValidated);
    // Still unknown what the lost attempt did: kept, and settled in the background.
    assert_eq!(s.unsure.len(), 1);
}

/// Validated, but nothing proves this till did it: amber, no undo, and it stays to be settled.
#[test]
fn a_validation_of_unknown_owner_is_not_a_success_and_has_no_undo() {
    let mut s = kiosk();
    to_card(&mut s);
    let fx = press(&mut s, Input::Enter);
    let bell = answer(
        &mut s,
        &fx,
        verdict(
            Outcome::ValidatedOwnerUnknown,
            Some(validated(JANE, NOW)),
            "possibly not",
        ),
    );
    assert_eq!(shown(&s), VerdictKind::ValidatedOwnerUnknown);
    assert_eq!(bell, vec![Effect::Bell { rings: 3 }]);
    assert!(!s.can_undo());
    assert!(press(&mut s, Input::Command(Command::Undo)).is_empty());
    assert_eq!((s.today.validated(), s.today.unsure()), (0, 1));
}

#[test]
fn undo_unvalidates_within_the_window_with_a_journaled_reason() {
    let mut s = kiosk();
    to_card(&mut s);
    let fx = press(&mut s, Input::Enter);
    answer(&mut s, &fx, jane_validated());
    advance(&mut s, Duration::from_secs(5));
    let fx = press(&mut s, Input::Command(Command::Undo));
    let [Effect::Unvalidate {
        req, attempt, own, ..
    }] = &fx[..]
    else {
        panic!("{fx:?}")
    };
    assert_eq!(own.code.as_str(), JANE);
    assert_eq!(attempt.operation, journal::Operation::Unvalidate);
    assert_eq!(attempt.reason.as_deref(), Some("undo at the counter"));
    let fx = update(
        &mut s,
        Msg::Undone {
            req: *req,
            attempt: attempt.clone(),
            result: Ok(session(JANE)),
            net: net(),
        },
    );
    let Some(Effect::Journal { entry, .. }) = fx.first() else {
        panic!()
    };
    assert_eq!(entry.reason.as_deref(), Some("undo at the counter"));
    journaled(&mut s, &fx, true);
    assert_eq!(shown(&s), VerdictKind::Undone);
    assert_eq!(s.today.undone(), 1);
    // One undo per validation.
    assert!(press(&mut s, Input::Command(Command::Undo)).is_empty());
}

#[test]
fn undo_asks_the_supervisor_pin_when_one_is_set_and_journals_a_wrong_one() {
    let mut c = config();
    c.kiosk.supervisor_pin = Some("4321".into());
    let mut s = kiosk_with(c);
    to_card(&mut s);
    let fx = press(&mut s, Input::Enter);
    answer(&mut s, &fx, jane_validated());
    // F8 asks for the PIN: nothing is sent yet.
    assert!(press(&mut s, Input::Command(Command::Undo)).is_empty());
    assert!(s.undo_pin.is_some(), "F8 asks for the PIN");
    // A wrong PIN: recorded as refused, nothing sent, asked again.
    for c in "1111".chars() {
        assert!(press(&mut s, Input::Char(c)).is_empty());
    }
    let fx = press(&mut s, Input::Enter);
    let [Effect::Journal { entry, .. }] = &fx[..] else {
        panic!("{fx:?}")
    };
    assert_eq!(
        (entry.operation, entry.outcome),
        (journal::Operation::Unvalidate, journal::Outcome::PinRefused)
    );
    assert!(s.undo_pin.as_ref().is_some_and(|p| p.wrong && p.field.is_empty()));
    // Esc keeps the validation; F8 asks again.
    press(&mut s, Input::Esc);
    assert!(s.undo_pin.is_none() && s.can_undo());
    press(&mut s, Input::Command(Command::Undo));
    for c in "4321".chars() {
        press(&mut s, Input::Char(c));
    }
    let fx = press(&mut s, Input::Enter);
    assert!(
        matches!(&fx[..], [Effect::Unvalidate { own, .. }] if own.code.as_str() == JANE),
        "{fx:?}"
    );
    assert!(s.undo_pin.is_none());
}

#[test]
fn undo_after_the_window_is_refused_locally() {
    let mut s = kiosk();
    to_card(&mut s);
    let fx = press(&mut s, Input::Enter);
    answer(&mut s, &fx, jane_validated());
    let d = s.config.kiosk.undo_window;
    advance(&mut s, d);
    assert!(!s.can_undo());
    assert!(press(&mut s, Input::Command(Command::Undo)).is_empty());
    assert!(s.notice.as_ref().is_some_and(|n| n.text.contains("lookup")));
}

#[test]
fn the_same_code_within_the_window_is_not_sent_twice() {
    let mut s = kiosk();
    let first = scan(&mut s, JANE);
    assert_eq!(first.len(), 1);
    press(&mut s, Input::Esc); // abandon the look-up
    advance(&mut s, Duration::from_secs(1));
    assert!(scan(&mut s, JANE).is_empty(), "duplicate within 3 s");
    assert!(s
        .notice
        .as_ref()
        .is_some_and(|n| n.text.contains("not sent twice")));
    advance(&mut s, Duration::from_secs(4));
    assert_eq!(scan(&mut s, JANE).len(), 1, "after the window it is sent");
}

#[test]
fn a_different_code_is_sent_at_once() {
    let mut s = kiosk();
    assert_eq!(scan(&mut s, JANE).len(), 1);
    assert_eq!(scan(&mut s, JANE2).len(), 1);
}

#[test]
fn malformed_scans_are_refused_locally_and_journaled() {
    let mut s = kiosk();
    let fx = scan(&mut s, "abc");
    let [Effect::Journal { entry, .. }] = &fx[..] else {
        panic!("{fx:?}")
    };
    assert_eq!(entry.outcome, journal::Outcome::InvalidInput);
    assert!(s.notice.as_ref().is_some_and(|n| n.text.contains("Too short")));
    assert_eq!(s.screen, Screen::Scan);
}

#[test]
fn printable_characters_never_act_as_commands() {
    // On every scan-side screen, letters and digits only go into the scan field.
    let mut s = kiosk();
    to_card(&mut s);
    let before = s.screen.clone();
    for c in "q?hjkx 1/:".chars() {
        assert!(press(&mut s, Input::Char(c)).is_empty());
    }
    assert_eq!(s.screen, before);
    assert_eq!(s.scan.as_str(), "q?hjkx 1/:");
    assert!(!s.quit && !s.quit_prompt);
}

#[test]
fn tab_and_ctrl_j_end_a_scan() {
    use crate::kiosk::input::map_key;
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    // The keys as the terminal reports a scanner's suffix: Tab, and a line feed (Ctrl-J in raw
    // mode).
    for suffix in [
        KeyEvent::new(KeyCode::Tab, KeyModifiers::NONE),
        KeyEvent::new(KeyCode::Char('j'), KeyModifiers::CONTROL),
    ] {
        let mut s = kiosk();
        for c in JANE.chars() {
            press(&mut s, Input::Char(c));
        }
        let input = map_key(&suffix).unwrap_or_else(|| panic!("{suffix:?} is ignored"));
        let fx = press(&mut s, input);
        assert!(
            matches!(&fx[..], [Effect::Resolve { scanned, .. }] if scanned == JANE),
            "{suffix:?}: {fx:?}"
        );
        assert!(s.scan.is_empty(), "{suffix:?}");
    }
}

#[test]
fn paste_is_typing_and_never_submits() {
    let mut s = kiosk();
    let fx = press(&mut s, Input::Paste(format!("{JANE}\r\n")));
    assert!(fx.is_empty());
    assert_eq!(s.scan.as_str(), JANE);
    assert_eq!(press(&mut s, Input::Enter).len(), 1);
}

#[test]
fn esc_clears_the_field_before_dismissing() {
    let mut s = kiosk();
    to_card(&mut s);
    press(&mut s, Input::Char('x'));
    press(&mut s, Input::Esc);
    assert!(s.scan.is_empty());
    assert!(matches!(s.screen, Screen::Card(_)));
    press(&mut s, Input::Esc);
    assert_eq!(s.screen, Screen::Scan);
}

#[test]
fn a_scan_during_a_validation_waits_in_the_queue() {
    let mut s = kiosk();
    to_card(&mut s);
    let fx = press(&mut s, Input::Enter);
    assert!(scan(&mut s, JANE2).is_empty());
    assert!(s.scan.is_empty(), "the field is free for the next scan");
    assert_eq!(
        s.queue.describe(3).as_deref(),
        Some(format!("next: {JANE2}").as_str())
    );
    assert!(press(&mut s, Input::Esc).is_empty());
    assert!(
        matches!(s.screen, Screen::Working(_)),
        "a validation cannot be abandoned"
    );
    // Its verdict shows, and the waiting scan is looked up at once (confirm mode: its card).
    let bells = answer(
        &mut s,
        &fx,
        verdict(Outcome::Validated, Some(session(JANE)), "Validated."),
    );
    assert!(
        bells
            .iter()
            .any(|e| matches!(e, Effect::Resolve { scanned, .. } if scanned == JANE2)),
        "{bells:?}"
    );
    assert!(s.queue.is_empty());
    let first = s
        .strip
        .iter()
        .next()
        .map(|e| (e.scanned.clone(), e.words.clone()));
    assert_eq!(first, Some((JANE.to_string(), "VALIDATED".to_string())));
}

#[test]
fn an_abandoned_lookup_answer_is_ignored() {
    let mut s = kiosk();
    let fx = scan(&mut s, JANE);
    press(&mut s, Input::Esc);
    let fx = resolved(&mut s, &fx, Ok(vec![session(JANE)]));
    assert!(fx.is_empty());
    assert_eq!(s.screen, Screen::Scan);
}

#[test]
fn several_matches_are_listed_to_pick_from() {
    let mut s = kiosk();
    let fx = scan(&mut s, "WELCOME2026");
    assert!(matches!(
        &fx[..],
        [Effect::Resolve {
            what: Scanned::CustomCode(_),
            ..
        }]
    ));
    resolved(&mut s, &fx, Ok(vec![session(JANE), session(JANE2)]));
    assert!(matches!(&s.screen, Screen::Choose(c) if c.sessions.len() == 2));
    press(&mut s, Input::Down);
    press(&mut s, Input::Enter);
    assert!(matches!(&s.screen, Screen::Card(c) if c.session.session == JANE2));
}

/// "1,500" could be thousands or decimals: the prompt refuses it instead of guessing.
#[test]
fn an_ambiguous_amount_is_refused_at_the_prompt() {
    use crate::kiosk::flows::parse_money;
    assert!(parse_money("1,500").is_err());
    assert!(parse_money("12,000").is_err());
    assert_eq!(parse_money("12,50"), Ok(Some(Decimal::new(1250, 2))));
    assert_eq!(parse_money("1500"), Ok(Some(Decimal::new(1500, 0))));
}

#[test]
fn money_prompt_sends_money_spent() {
    let mut c = config();
    c.kiosk.ask_money_spent = true;
    c.kiosk.tag_customfield = Some(3);
    let mut s = kiosk_with(c);
    to_card(&mut s);
    assert!(press(&mut s, Input::Enter).is_empty());
    assert!(matches!(s.screen, Screen::Money(_)));
    for c in "12x".chars() {
        press(&mut s, Input::Char(c));
    }
    assert!(press(&mut s, Input::Enter).is_empty());
    assert!(matches!(&s.screen, Screen::Money(m) if m.error.is_some()));
    press(&mut s, Input::Backspace);
    for c in ",5".chars() {
        press(&mut s, Input::Char(c));
    }
    let fx = press(&mut s, Input::Enter);
    let [Effect::Validate { extras, .. }] = &fx[..] else {
        panic!("{fx:?}")
    };
    assert_eq!(extras.money_spent, Some(Decimal::new(125, 1)));
    assert_eq!(extras.till.tag_field, Some(3));
    assert_eq!(extras.till.terminal, "till-1");
    assert_eq!(extras.till.cashier.as_deref(), Some("Ann"));
}

#[test]
fn a_failed_journal_write_still_shows_the_verdict_and_says_so() {
    let mut s = kiosk();
    to_card(&mut s);
    let fx = press(&mut s, Input::Enter);
    let Effect::Validate { req, attempt, .. } = fx[0].clone() else {
        panic!()
    };
    let fx = update(
        &mut s,
        Msg::Verdict {
            req,
            attempt,
            verdict: jane_validated(),
            net: net(),
        },
    );
    journaled(&mut s, &fx, false);
    let Screen::Verdict(v) = &s.screen else { panic!() };
    assert_eq!(v.kind, VerdictKind::Validated);
    assert!(v.journal_error.is_some());
    assert!(s.journal_error.is_some());
}

#[test]
fn quitting_takes_ctrl_q_and_a_confirmation() {
    let mut s = kiosk();
    press(&mut s, Input::Command(Command::Quit));
    assert!(s.quit_prompt && !s.quit);
    press(&mut s, Input::Esc);
    assert!(!s.quit_prompt && !s.quit);
    // A scan arriving while the prompt is up dismisses it and is typed.
    press(&mut s, Input::Command(Command::Quit));
    press(&mut s, Input::Char('a'));
    assert!(!s.quit_prompt && !s.quit);
    assert_eq!(s.scan.as_str(), "a");
    press(&mut s, Input::Esc);
    press(&mut s, Input::Command(Command::Quit));
    press(&mut s, Input::Enter);
    assert!(s.quit);
}

#[test]
fn email_scan_opens_the_lookup_and_searches() {
    let mut s = kiosk();
    let fx = scan(&mut s, "jane@example.com");
    let [Effect::Search { queries, .. }] = &fx[..] else {
        panic!("{fx:?}")
    };
    let emails: Vec<_> = queries.iter().map(|q| q.email.as_deref()).collect();
    assert_eq!(emails, [Some("jane@example.com")]);
    assert!(matches!(&s.screen, Screen::Lookup(_)));
}

pub(super) fn lookup_to_detail(s: &mut State) {
    assert!(press(s, Input::Command(Command::Lookup)).is_empty());
    for c in "jane@example.com".chars() {
        press(s, Input::Char(c));
    }
    press(s, Input::Tab);
    for c in "cam_demo01".chars() {
        press(s, Input::Char(c));
    }
    let fx = press(s, Input::Enter);
    let [Effect::Search { req, queries, .. }] = &fx[..] else {
        panic!("{fx:?}")
    };
    let campaigns: Vec<_> = queries
        .iter()
        .map(|q| q.campaign.as_ref().map(|c| c.as_str()))
        .collect();
    assert_eq!(campaigns, [Some("cam_demo01")]);
    update(
        s,
        Msg::Searched {
            req: *req,
            result: Ok(vec![session(JANE), session(JANE2)]),
            net: net(),
            copy: None,
        },
    );
    let Screen::Lookup(l) = &s.screen else { panic!() };
    assert_eq!(l.view, LookupView::Results);
    assert_eq!(l.results.len(), 2);
    press(s, Input::Down);
    press(s, Input::Enter);
    let Screen::Lookup(l) = &s.screen else { panic!() };
    assert_eq!(l.view, LookupView::Detail);
    assert_eq!(l.selected_session().map(|x| x.session.as_str()), Some(JANE2));
}

#[test]
fn lookup_detail_action_confirmed_and_applied_after_journaling() {
    let mut s = kiosk();
    lookup_to_detail(&mut s);
    // Only what a claimed session allows is offered: Validate, Void, Lock, Activate, Delete (no
    // Unvalidate, Unvoid, Unlock or Claim). Lock is the third.
    let Screen::Lookup(l) = &s.screen else { panic!() };
    let offered: Vec<_> = l
        .allowed_actions()
        .iter()
        .map(|i| StaffAction::ALL[*i].label())
        .collect();
    assert_eq!(offered, ["Validate", "Void", "Lock", "Activate", "Delete"]);
    press(&mut s, Input::Down);
    press(&mut s, Input::Down);
    assert!(press(&mut s, Input::Enter).is_empty(), "first a confirmation");
    let fx = press(&mut s, Input::Enter);
    let [Effect::Act { code, action, .. }] = &fx[..] else {
        panic!("{fx:?}")
    };
    assert_eq!(*action, StaffAction::Update(Operation::Lock));
    assert_eq!(code.as_str(), JANE2);
    let mut locked = session(JANE2);
    locked.locked = true;
    let fx = acted(&mut s, &fx, Ok(Some(locked)));
    let Screen::Lookup(l) = &s.screen else { panic!() };
    assert!(!l.results[1].locked, "not applied before the journal has it");
    journaled(&mut s, &fx, true);
    let Screen::Lookup(l) = &s.screen else { panic!() };
    assert!(l.results[1].locked);
    assert!(l.message.as_ref().is_some_and(|m| m.text.contains("locked")));
    assert_eq!(l.step, Step::Choose);
}

#[test]
fn destructive_actions_need_the_supervisor_pin() {
    let mut c = config();
    c.kiosk.supervisor_pin = Some("4321".into());
    let mut s = kiosk_with(c);
    lookup_to_detail(&mut s);
    // Void is the second action offered on a claimed session.
    press(&mut s, Input::Down);
    press(&mut s, Input::Enter);
    assert!(press(&mut s, Input::Yes).is_empty());
    let Screen::Lookup(l) = &s.screen else { panic!() };
    assert!(matches!(l.step, Step::Pin { .. }));
    for c in "1111".chars() {
        press(&mut s, Input::Char(c));
    }
    let fx = press(&mut s, Input::Enter);
    let [Effect::Journal { entry, .. }] = &fx[..] else {
        panic!("{fx:?}")
    };
    assert_eq!(
        (entry.operation.as_str(), entry.outcome.as_str()),
        ("void", "pin_refused")
    );
    for c in "4321".chars() {
        press(&mut s, Input::Char(c));
    }
    let fx = press(&mut s, Input::Enter);
    assert!(matches!(
        &fx[..],
        [Effect::Act {
            action: StaffAction::Update(Operation::Void),
            ..
        }]
    ));
}

#[test]
fn delete_removes_the_row_and_uncertain_actions_say_so() {
    let mut s = kiosk();
    lookup_to_detail(&mut s);
    for _ in 0..8 {
        press(&mut s, Input::Down);
    }
    press(&mut s, Input::Enter);
    // A scanner's burst and its Enter never confirm a deletion: only Ctrl-Y does.
    assert!(scan(&mut s, JANE2).is_empty());
    assert!(press(&mut s, Input::Enter).is_empty());
    let Screen::Lookup(l) = &s.screen else { panic!() };
    assert_eq!(l.step, Step::Confirm);
    assert!(l.message.as_ref().is_some_and(|m| m.text.contains("Ctrl-Y")));
    let fx = press(&mut s, Input::Yes);
    let [Effect::Act { action, campaign, .. }] = &fx[..] else {
        panic!("{fx:?}")
    };
    assert_eq!(*action, StaffAction::Delete);
    assert_eq!(campaign.as_ref().map(|c| c.as_str()), Some("cam_demo01"));
    let fx = acted(&mut s, &fx, Ok(None));
    journaled(&mut s, &fx, true);
    let Screen::Lookup(l) = &s.screen else { panic!() };
    assert_eq!(l.results.len(), 1);
    assert_eq!(l.view, LookupView::Results);

    // An action whose answer is lost: the screen says it may or may not have happened.
    press(&mut s, Input::Enter);
    press(&mut s, Input::Enter);
    let fx = press(&mut s, Input::Enter);
    assert!(matches!(&fx[..], [Effect::Act { .. }]), "{fx:?}");
    let fx = acted(&mut s, &fx, Err(ApiError::Uncertain("timed out".into())));
    journaled(&mut s, &fx, true);
    let Screen::Lookup(l) = &s.screen else { panic!() };
    assert!(l
        .message
        .as_ref()
        .is_some_and(|m| m.text.contains("may or may not")));
    let fx = press(&mut s, Input::Command(Command::Retry));
    assert!(matches!(&fx[..], [Effect::Reload { code, .. }] if code.as_str() == JANE));
}

#[test]
fn a_search_answer_reaches_the_lookup_behind_the_help_screen() {
    let mut s = kiosk();
    let fx = scan(&mut s, "jane@example.com");
    press(&mut s, Input::Command(Command::Help));
    assert_eq!(s.overlay(), Some(&Overlay::Help));
    update(
        &mut s,
        Msg::Searched {
            req: req_of(&fx),
            result: Ok(vec![session(JANE), session(JANE2)]),
            net: net(),
            copy: None,
        },
    );
    press(&mut s, Input::Esc);
    let Screen::Lookup(l) = &s.screen else {
        panic!("{:?}", s.screen)
    };
    assert_eq!(l.results.len(), 2);
    assert_eq!(l.busy, None);
}

#[test]
fn lookup_with_bad_input_sends_nothing() {
    let mut s = kiosk();
    press(&mut s, Input::Command(Command::Lookup));
    for c in "ab".chars() {
        press(&mut s, Input::Char(c));
    }
    assert!(press(&mut s, Input::Enter).is_empty());
    let Screen::Lookup(l) = &s.screen else { panic!() };
    assert!(l.message.is_some());
    // Esc clears the field, then goes back to the scan screen.
    press(&mut s, Input::Esc);
    press(&mut s, Input::Esc);
    assert_eq!(s.screen, Screen::Scan);
}

#[test]
fn barcode_from_the_card_cycles_types_and_goes_back() {
    let mut s = kiosk();
    to_card(&mut s);
    let fx = press(&mut s, Input::Command(Command::Barcode));
    assert!(matches!(
        &fx[..],
        [Effect::FetchBarcode { kind: BarcodeType::Qrcode, code, .. }] if code.as_str() == JANE
    ));
    let fx = press(&mut s, Input::Tab);
    assert!(matches!(
        &fx[..],
        [Effect::FetchBarcode {
            kind: BarcodeType::Aztec,
            ..
        }]
    ));
    let fx = press(&mut s, Input::BackTab);
    assert!(matches!(
        &fx[..],
        [Effect::FetchBarcode {
            kind: BarcodeType::Qrcode,
            ..
        }]
    ));
    press(&mut s, Input::Esc);
    assert!(matches!(s.screen, Screen::Card(_)));
    assert_eq!(s.overlay(), None);
}

#[test]
fn a_verdict_that_comes_while_help_is_up_shows_when_help_goes() {
    let mut s = kiosk();
    to_card(&mut s);
    let fx = press(&mut s, Input::Enter);
    press(&mut s, Input::Command(Command::Help));
    assert_eq!(s.overlay(), Some(&Overlay::Help));
    answer(&mut s, &fx, jane_validated());
    // Still looking at help; the verdict waits underneath and is not dismissed meanwhile.
    assert_eq!(s.overlay(), Some(&Overlay::Help));
    advance(&mut s, Duration::from_secs(3600));
    update(&mut s, Msg::Tick);
    press(&mut s, Input::Esc);
    assert_eq!(shown(&s), VerdictKind::Validated);
    // Its full time on screen starts now, not while help covered it.
    update(&mut s, Msg::Tick);
    assert_eq!(shown(&s), VerdictKind::Validated);
    let full = s.config.kiosk.success_display;
    advance(&mut s, full);
    update(&mut s, Msg::Tick);
    assert_eq!(s.screen, Screen::Scan);
}

#[test]
fn help_and_summary_open_and_close() {
    let mut s = kiosk();
    press(&mut s, Input::Command(Command::Help));
    assert_eq!(s.overlay(), Some(&Overlay::Help));
    press(&mut s, Input::Command(Command::Help));
    assert_eq!((&s.screen, s.overlay()), (&Screen::Scan, None));
    let fx = press(&mut s, Input::Command(Command::Summary));
    assert!(matches!(&fx[..], [Effect::LoadCounts { .. }]));
    assert_eq!(s.overlay(), Some(&Overlay::Summary));
    // Help over the summary, then F3 again: one summary, not two.
    press(&mut s, Input::Command(Command::Help));
    press(&mut s, Input::Command(Command::Summary));
    assert_eq!(s.overlays, vec![Overlay::Summary]);
    press(&mut s, Input::Esc);
    assert_eq!((&s.screen, s.overlay()), (&Screen::Scan, None));
}

#[test]
fn idle_wakes_only_for_the_minute_clock_and_a_new_day_reloads_counts() {
    let mut s = kiosk();
    // 14:00:00 -> next wake at 14:01:00.
    assert_eq!(s.next_deadline(), s.clock.mono + Duration::from_secs(60));
    advance(&mut s, Duration::from_secs(10 * 3600 + 30));
    let fx = update(&mut s, Msg::Tick);
    assert!(
        fx.iter().any(
            |e| matches!(e, Effect::LoadCounts { since_utc } if *since_utc == datetime!(2026-11-21 00:00 UTC))
        ),
        "{fx:?}"
    );
    assert!(
        fx.contains(&Effect::LoadCatalogue),
        "the offers are read again too: {fx:?}"
    );
}

#[test]
fn a_staff_validation_counts_as_validated() {
    let mut s = kiosk();
    lookup_to_detail(&mut s);
    press(&mut s, Input::Enter);
    let fx = press(&mut s, Input::Enter);
    assert!(matches!(&fx[..], [Effect::Act { .. }]), "{fx:?}");
    let fx = acted(&mut s, &fx, Ok(Some(validated(JANE2, NOW))));
    journaled(&mut s, &fx, true);
    assert_eq!(s.today.validated(), 1);
    let _ = SessionCode::parse(JANE).unwrap();
}

#[test]
fn f8_is_not_offered_on_a_refusal() {
    let mut s = kiosk_with(Config {
        kiosk: KioskSettings {
            mode: ValidationMode::Auto,
            ..config().kiosk
        },
        ..config()
    });
    let fx = scan(&mut s, JANE);
    answer(
        &mut s,
        &fx,
        verdict(Outcome::Validated, Some(session(JANE)), "Validated."),
    );
    assert!(s.enabled(Command::Undo), "F8 on the success screen");
    press(&mut s, Input::Esc);
    let fx = scan(&mut s, JANE2);
    answer(
        &mut s,
        &fx,
        verdict(
            Outcome::Expired,
            Some(session(JANE2)),
            "Session or coupon has expired",
        ),
    );
    assert_eq!(shown(&s), VerdictKind::Expired);
    assert!(!s.enabled(Command::Undo), "no F8 on a refusal");
    press(&mut s, Input::Esc);
    assert!(
        s.enabled(Command::Undo),
        "back on the scan screen the last validation can be undone"
    );
}

#[test]
fn a_lost_answer_with_the_coupon_not_validated_is_sent_again_by_the_kiosk_a_few_times() {
    let mut s = kiosk();
    to_card(&mut s);
    let mut fx = press(&mut s, Input::Enter);
    let lost = || {
        verdict(
            Outcome::Unknown,
            Some(session(JANE)),
            "The answer was lost and the server shows the coupon is NOT validated. Try again.",
        )
    };
    for n in 1..=crate::kiosk::flows::MAX_AUTO_RETRIES {
        let (req, attempt) = match fx.iter().find(|e| matches!(e, Effect::Validate { .. })) {
            Some(Effect::Validate { req, attempt, .. }) => (*req, attempt.clone()),
            _ => panic!("no validation sent: {fx:?}"),
        };
        fx = update(
            &mut s,
            Msg::Verdict {
                req,
                attempt,
                verdict: lost(),
                net: net(),
            },
        );
        // The lost attempt is journaled, and the same validation goes out again at once.
        assert!(
            fx.iter().any(
                |e| matches!(e, Effect::Journal { entry, .. } if entry.outcome == journal::Outcome::Unknown)
            ),
            "{fx:?}"
        );
        assert!(
            fx.iter()
                .any(|e| matches!(e, Effect::Validate { code, .. } if code.as_str() == JANE)),
            "try {n}: {fx:?}"
        );
        let Screen::Working(w) = &s.screen else {
            panic!("try {n}: {:?}", s.screen)
        };
        assert!(s.is_checking(w), "CHECKING shows while the kiosk re-checks");
    }
    // Enough: the cashier is told, with F5.
    let bells = answer(&mut s, &fx, lost());
    assert!(bells.is_empty() || bells.iter().all(|e| matches!(e, Effect::Bell { .. })));
    assert_eq!(shown(&s), VerdictKind::Unknown);
    let Screen::Verdict(v) = &s.screen else { panic!() };
    assert!(v.retry.is_some());
    assert_eq!(
        v.reason,
        "The answer was lost, and the server shows this coupon is not validated yet."
    );
}

#[test]
fn a_coupon_scanned_in_the_lookup_is_a_scan_and_the_lookup_goes_back_when_idle() {
    let mut s = kiosk_with(Config {
        kiosk: KioskSettings {
            mode: ValidationMode::Auto,
            ..config().kiosk
        },
        ..config()
    });
    let fx = scan(&mut s, "jane@example.com");
    assert!(matches!(&fx[..], [Effect::Search { .. }]), "{fx:?}");
    // A coupon code typed by hand is searched...
    if let Screen::Lookup(l) = &mut s.screen {
        l.busy = None;
    }
    press(&mut s, Input::Esc);
    for c in JANE.chars() {
        advance(&mut s, Duration::from_millis(150));
        press(&mut s, Input::Char(c));
    }
    let fx = press(&mut s, Input::Enter);
    assert!(
        matches!(&fx[..], [Effect::Search { resolve: Some(_), .. }]),
        "{fx:?}"
    );
    assert!(s.lookup().is_some(), "still in the lookup");
    // ...a scanned one is validated as at the counter (auto mode).
    let Screen::Lookup(l) = &mut s.screen else {
        panic!()
    };
    l.busy = None;
    l.query.clear();
    let fx = scan(&mut s, JANE2);
    assert!(
        fx.iter()
            .any(|e| matches!(e, Effect::Redeem { scanned: Scanned::SessionCode(c), .. } if c == JANE2)),
        "{fx:?}"
    );
    assert!(matches!(s.screen, Screen::Working(_)));

    // Left alone, the lookup gives the screen back to the counter.
    let mut s = kiosk();
    press(&mut s, Input::Command(Command::Lookup));
    assert!(s.lookup().is_some());
    let idle = s.config.kiosk.lookup_idle;
    assert!(s.next_deadline() <= s.clock.mono + idle);
    advance(&mut s, idle - Duration::from_secs(1));
    update(&mut s, Msg::Tick);
    assert!(s.lookup().is_some(), "not yet");
    advance(&mut s, Duration::from_secs(1));
    update(&mut s, Msg::Tick);
    assert_eq!(s.screen, Screen::Scan);
}

#[test]
fn with_ask_money_spent_a_used_coupon_is_refused_before_the_amount_is_asked() {
    let mut c = config();
    c.kiosk.ask_money_spent = true;
    c.kiosk.mode = ValidationMode::Auto;
    let mut s = kiosk_with(c);
    let fx = scan(&mut s, JANE);
    assert!(
        matches!(&fx[..], [Effect::Resolve { .. }]),
        "the session is read first: {fx:?}"
    );
    let fx = resolved(&mut s, &fx, Ok(vec![validated(JANE, NOW)]));
    journaled(&mut s, &fx, true);
    assert_eq!(shown(&s), VerdictKind::AlreadyValidated, "no amount asked");
    // A coupon that can be validated: the amount, then the validation.
    press(&mut s, Input::Esc);
    let fx = scan(&mut s, JANE2);
    assert!(matches!(&fx[..], [Effect::Resolve { .. }]), "{fx:?}");
    resolved(&mut s, &fx, Ok(vec![session(JANE2)]));
    assert!(matches!(s.screen, Screen::Money(_)), "{:?}", s.screen);
}
