//! A staff action on the F2 lookup that the kiosk itself refuses (not this till's validation, no
//! campaign to delete from, the journal unreadable, input the API's checks refuse) is said on the
//! screen in the cashier's language; the journal and F1 keep the English words.

use super::flows::{acted, acted_with};
use super::snapshots::draw;
use super::*;
use crate::api::{ApiError, Operation};
use crate::i18n::Language;
use crate::kiosk::msg::{StaffAction, StaffError};
use crate::kiosk::state::{Overlay, Screen};

/// The screen as one line of words (a sentence may wrap).
fn words(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The lookup in `language`, on the detail of Jane's session (validated when `validated`).
fn detail_in(language: Language, validated: bool) -> State {
    let mut c = config();
    c.kiosk.language = language;
    let mut s = kiosk_with(c);
    press(&mut s, Input::Command(Command::Lookup));
    for c in "jane@example.com".chars() {
        press(&mut s, Input::Char(c));
    }
    let fx = press(&mut s, Input::Enter);
    let mut jane = session(JANE);
    if validated {
        jane.validated = true;
        jane.validation_date_utc = Some(NOW);
    }
    update(
        &mut s,
        Msg::Searched {
            req: req_of(&fx),
            result: Ok(vec![jane]),
            net: net(),
            copy: None,
        },
    );
    press(&mut s, Input::Enter);
    assert!(matches!(&s.screen, Screen::Lookup(_)), "{:?}", s.screen);
    s
}

/// Confirms the selected action with Ctrl-Y (each action here is destructive); its effects.
fn confirm(s: &mut State, expected: StaffAction) -> Vec<Effect> {
    press(s, Input::Enter);
    let fx = press(s, Input::Yes);
    assert!(
        matches!(&fx[..], [Effect::Act { action, .. }] if *action == expected),
        "{fx:?}"
    );
    fx
}

/// Answers the action with `result` and writes the journal: the journal's message, the screen
/// at 80×24 and F1's.
fn answered(s: &mut State, fx: &[Effect], result: Result<Option<Session>, StaffError>) -> [String; 3] {
    let fx = acted_with(s, fx, result);
    let journal = fx
        .iter()
        .find_map(|e| match e {
            Effect::Journal { entry, .. } => Some(entry.message.clone()),
            _ => None,
        })
        .expect("the staff action is journaled");
    journaled(s, &fx, true);
    let screen = words(&draw(s, 80, 24));
    s.overlays.push(Overlay::Help);
    let help = words(&draw(s, 120, 40));
    s.overlays.pop();
    [journal, screen, help]
}

/// `screen` says message `id` whole in `language`, and none of its English unless the language
/// is English.
fn says(language: Language, id: &str, screen: &str) {
    let said = words(&language.text(id));
    assert!(screen.contains(&said), "{language}: {said:?} not on:\n{screen}");
    if language != Language::En {
        let english = words(&Language::En.text(id));
        let start: String = english.chars().take(24).collect();
        assert!(
            !screen.contains(&start),
            "{language}: English {start:?} on:\n{screen}"
        );
    }
}

#[test]
fn an_unvalidate_this_till_did_not_make_is_said_in_the_cashiers_language() {
    for language in Language::ALL {
        let mut s = detail_in(language, true);
        let fx = confirm(&mut s, StaffAction::Update(Operation::Unvalidate));
        let [journal, screen, help] = answered(&mut s, &fx, Err(StaffError::NotOurs));
        says(language, "staff-not-ours", &screen);
        // The journal and F1 keep the English, whatever the screen's language.
        assert_eq!(journal, StaffError::NotOurs.to_string());
        assert!(journal.starts_with("Not validated by this till"), "{journal}");
        assert!(help.contains("Not validated by this till"), "{help}");
    }
}

#[test]
fn a_delete_without_a_campaign_is_said_in_german() {
    let mut s = detail_in(Language::De, false);
    for _ in 0..StaffAction::ALL.len() {
        press(&mut s, Input::Down);
    }
    let fx = confirm(&mut s, StaffAction::Delete);
    let [journal, screen, _] = answered(&mut s, &fx, Err(StaffError::NoCampaign));
    says(Language::De, "staff-no-campaign", &screen);
    assert_eq!(journal, "This session has no coupon id, so it cannot be deleted.");
}

#[test]
fn an_unreadable_journal_is_said_in_dutch_and_its_error_kept_for_f1() {
    let mut s = detail_in(Language::Nl, true);
    let fx = confirm(&mut s, StaffAction::Update(Operation::Unvalidate));
    let err = StaffError::JournalUnreadable("database disk image is malformed".into());
    let [journal, screen, help] = answered(&mut s, &fx, Err(err));
    says(Language::Nl, "staff-journal-unreadable", &screen);
    assert!(!screen.contains("malformed"), "{screen}");
    assert!(journal.contains("database disk image is malformed"), "{journal}");
    assert!(help.contains("database disk image is malformed"), "{help}");
}

#[test]
fn input_refused_before_any_request_is_said_in_german_and_kept_in_english_for_f1() {
    let refused = || ApiError::InvalidInput("Enter a coupon session code.".into());
    // A staff action.
    let mut s = detail_in(Language::De, true);
    let fx = confirm(&mut s, StaffAction::Update(Operation::Unvalidate));
    let [journal, screen, help] = answered(&mut s, &fx, Err(refused().into()));
    says(Language::De, "staff-not-sent", &screen);
    assert!(!screen.contains("Enter a coupon"), "{screen}");
    assert_eq!(journal, "Enter a coupon session code.");
    assert!(help.contains("Enter a coupon session code."), "{help}");
    // F5's reload on the same detail.
    let fx = press(&mut s, Input::Command(Command::Retry));
    update(
        &mut s,
        Msg::Reloaded {
            req: req_of(&fx),
            result: Err(refused()),
            net: net(),
        },
    );
    says(Language::De, "staff-not-sent", &words(&draw(&s, 80, 24)));
    // A search.
    let mut c = config();
    c.kiosk.language = Language::De;
    let mut s = kiosk_with(c);
    press(&mut s, Input::Command(Command::Lookup));
    for c in "jane@example.com".chars() {
        press(&mut s, Input::Char(c));
    }
    let fx = press(&mut s, Input::Enter);
    update(
        &mut s,
        Msg::Searched {
            req: req_of(&fx),
            result: Err(refused()),
            net: net(),
            copy: None,
        },
    );
    let screen = words(&draw(&s, 80, 24));
    says(Language::De, "staff-not-sent", &screen);
    assert!(!screen.contains("Enter a coupon"), "{screen}");
    // English keeps the check's own sentence.
    let mut s = detail_in(Language::En, true);
    let fx = confirm(&mut s, StaffAction::Update(Operation::Unvalidate));
    let fx = acted(&mut s, &fx, Err(refused()));
    journaled(&mut s, &fx, true);
    assert!(words(&draw(&s, 80, 24)).contains("Enter a coupon session code."));
}
