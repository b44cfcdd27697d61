//! No bare error code on the cashier's screen: every path by which a server's refusal or failure
//! reaches a verdict or a notice says one plain sentence, and F1 keeps the code.

use super::flows::{acted, answer, auto_kiosk, jane_validated, lookup_to_detail, resolved, to_card};
use super::snapshots::draw;
use super::*;
use crate::api::ApiError;
use crate::kiosk::plain::has_code;
use crate::kiosk::state::Overlay;
use crate::redeem::Verdict;

fn api(code: u32, message: &str) -> ApiError {
    ApiError::Api {
        code,
        message: message.into(),
        http_status: 400,
    }
}

/// The screen holds no code; F1 shows `technical` as the last problem.
fn plain_on_screen_code_under_f1(s: &mut State, plain: &str, technical: &str) {
    let screen = draw(s, 80, 24);
    assert!(!has_code(&screen), "a code on the cashier's screen:\n{screen}");
    assert!(screen.contains(plain), "{plain:?} missing:\n{screen}");
    s.overlays.push(Overlay::Help);
    let help = draw(s, 120, 40);
    assert!(help.contains(technical), "F1 lacks {technical:?}:\n{help}");
    s.overlays.pop();
}

fn refusal(code: u32, message: &str) -> Verdict {
    let mut v = Verdict::from_error(&api(code, message), 1);
    v.attempt = Some(crate::tag::AttemptId::random());
    v
}

#[test]
fn a_validation_refused_with_a_code_says_a_plain_sentence() {
    for (code, message, plain) in [
        (
            302,
            "Invalid value in parameter: operation",
            "The server refused this request.",
        ),
        (513, "Coupon session not found", "No coupon has this code."),
        (360, "Startdate not reached", "Startdate not reached."),
    ] {
        let mut s = auto_kiosk();
        let fx = scan(&mut s, JANE);
        answer(&mut s, &fx, refusal(code, message));
        plain_on_screen_code_under_f1(&mut s, plain, &format!("{message} (error {code})"));
    }
}

#[test]
fn a_look_up_refused_with_a_code_says_a_plain_sentence() {
    let mut s = kiosk();
    let fx = scan(&mut s, JANE);
    let fx = resolved(
        &mut s,
        &fx,
        Err(api(300, "Invalid character in parameter: couponsession")),
    );
    journaled(&mut s, &fx, true);
    plain_on_screen_code_under_f1(
        &mut s,
        "The server refused this request.",
        "Invalid character in parameter: couponsession (error 300)",
    );
}

#[test]
fn a_failed_undo_says_a_plain_sentence() {
    let mut s = kiosk();
    to_card(&mut s);
    let fx = press(&mut s, Input::Enter);
    answer(&mut s, &fx, jane_validated());
    let fx = press(&mut s, Input::Command(Command::Undo));
    let Some(Effect::Unvalidate { req, attempt, .. }) = fx.first() else {
        panic!("{fx:?}")
    };
    let fx = update(
        &mut s,
        Msg::Undone {
            req: *req,
            attempt: attempt.clone(),
            result: Err(api(353, "Session was already unvalidated").into()),
            net: net(),
        },
    );
    journaled(&mut s, &fx, true);
    plain_on_screen_code_under_f1(
        &mut s,
        "Session was already unvalidated. Nothing was taken back.",
        "Session was already unvalidated (error 353)",
    );
}

#[test]
fn a_failed_search_a_refused_staff_action_and_a_failed_reload_say_plain_sentences() {
    // The search.
    let mut s = kiosk();
    press(&mut s, Input::Command(Command::Lookup));
    for c in "jane@example.com".chars() {
        press(&mut s, Input::Char(c));
    }
    let fx = press(&mut s, Input::Enter);
    let message = "Search field 'email' must be at least 5 characters";
    update(
        &mut s,
        Msg::Searched {
            req: req_of(&fx),
            result: Err(api(300, message)),
            copy: None,
            net: net(),
        },
    );
    plain_on_screen_code_under_f1(&mut s, "The server refused this request.", "(error 300)");

    // A staff action (Void, the second offered on a claimed session).
    let mut s = kiosk();
    lookup_to_detail(&mut s);
    press(&mut s, Input::Down);
    press(&mut s, Input::Enter);
    let fx = press(&mut s, Input::Yes);
    let fx = acted(&mut s, &fx, Err(api(355, "Session was already voided")));
    journaled(&mut s, &fx, true);
    plain_on_screen_code_under_f1(
        &mut s,
        "This coupon is voided.",
        "Session was already voided (error 355)",
    );

    // F5 reloads the session on the detail view.
    let fx = press(&mut s, Input::Command(Command::Retry));
    update(
        &mut s,
        Msg::Reloaded {
            req: req_of(&fx),
            result: Err(api(513, "Coupon session not found")),
            net: net(),
        },
    );
    plain_on_screen_code_under_f1(
        &mut s,
        "No coupon has this code.",
        "Coupon session not found (error 513)",
    );
}
