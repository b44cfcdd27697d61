//! The kiosk's offline screens through `update` and as snapshots: the staff look-up searching
//! this till's mirror beside the API.

use super::snapshots::draw;
use super::*;
use crate::api::ApiError;
use crate::kiosk::lookup::LookupView;
use crate::kiosk::state::Screen;
use crate::offline::MirrorRecord;

/// What the mirror holds of `code`, copied 12 minutes before `NOW`.
fn copied(code: &str) -> MirrorRecord {
    MirrorRecord {
        session: session(code),
        offer: Some("A free coffee with any pastry".into()),
        synced_at: NOW - time::Duration::minutes(12),
    }
}

/// F2, `text` typed by hand, Enter: the effects.
fn search(s: &mut State, text: &str) -> Vec<Effect> {
    press(s, Input::Command(Command::Lookup));
    for c in text.chars() {
        advance(s, Duration::from_millis(150));
        press(s, Input::Char(c));
    }
    press(s, Input::Enter)
}

fn answer(s: &mut State, fx: &[Effect], result: Result<Vec<Session>, ApiError>, copy: Vec<MirrorRecord>) {
    update(
        s,
        Msg::Searched {
            req: req_of(fx),
            result,
            net: net(),
            copy: Some(Ok(copy)),
        },
    );
}

fn lookup(s: &State) -> &crate::kiosk::lookup::Lookup {
    s.lookup().expect("the lookup is open")
}

#[test]
fn the_lookup_searches_the_mirror_beside_the_api_and_names_what_only_the_mirror_can() {
    let mut s = kiosk();
    // An email: the API's search, and the mirror for the same text.
    let fx = search(&mut s, "jane@example.com");
    let [Effect::Search {
        queries,
        resolve: None,
        copy: Some(copy),
        ..
    }] = &fx[..]
    else {
        panic!("{fx:?}")
    };
    assert_eq!(queries.len(), 1);
    assert_eq!(copy, "jane@example.com");

    // Part of a name: nothing the API can search for; the mirror alone.
    let mut s = kiosk();
    let fx = search(&mut s, "Jane D");
    assert!(
        matches!(&fx[..], [Effect::Search { queries, resolve: None, copy: Some(c), .. }]
            if queries.is_empty() && c == "Jane D"),
        "{fx:?}"
    );
    // A session code is read (never validated) and its prefix searched in the mirror too.
    let mut s = kiosk();
    let fx = search(&mut s, JANE);
    assert!(
        matches!(
            &fx[..],
            [Effect::Search {
                resolve: Some(_),
                copy: Some(_),
                ..
            }]
        ),
        "{fx:?}"
    );
    // Too short for either: nothing is sent.
    let mut s = kiosk();
    assert!(search(&mut s, "ab").is_empty());
}

#[test]
fn the_api_s_fresher_record_wins_and_mirror_only_results_are_marked_with_their_age() {
    let mut s = kiosk();
    let fx = search(&mut s, "jane@example.com");
    let mut fresh = session(JANE);
    fresh.validated = true;
    fresh.validation_date_utc = Some(NOW);
    answer(&mut s, &fx, Ok(vec![fresh]), vec![copied(JANE), copied(JANE2)]);
    let l = lookup(&s);
    assert_eq!(l.view, LookupView::Results);
    let codes: Vec<&str> = l.results.iter().map(|r| r.session.as_str()).collect();
    assert_eq!(codes, [JANE, JANE2], "each session once, the API's first");
    assert!(l.results[0].validated, "the API's record, not the copy's");
    assert!(!l.copies.contains_key(JANE));
    assert_eq!(l.copies.get(JANE2), Some(&(NOW - time::Duration::minutes(12))));
    let screen = draw(&s, 100, 24);
    assert!(screen.contains("copy, 12 min old"), "{screen}");

    // The detail of a mirror result says where it comes from; F5 reads it from the server and
    // the mark goes.
    press(&mut s, Input::Down);
    press(&mut s, Input::Enter);
    assert!(draw(&s, 100, 24).contains("From this till's copy, 12 min old"));
    let fx = press(&mut s, Input::Command(Command::Retry));
    update(
        &mut s,
        Msg::Reloaded {
            req: req_of(&fx),
            result: Ok(session(JANE2)),
            net: net(),
        },
    );
    assert!(lookup(&s).copies.is_empty());
    assert!(!draw(&s, 100, 24).contains("till's copy"));
}

#[test]
fn offline_the_lookup_answers_from_the_mirror_alone_and_says_so() {
    let mut s = kiosk();
    let fx = search(&mut s, "jane@example.com");
    let down = || Err(ApiError::Unreachable("connection refused".into()));
    answer(&mut s, &fx, down(), vec![copied(JANE)]);
    let l = lookup(&s);
    assert_eq!(l.results.len(), 1);
    assert!(l.copies.contains_key(JANE));
    let message = l.message.as_ref().map(|m| m.text.clone()).unwrap_or_default();
    assert!(
        message.contains("Offline") && message.contains("copy"),
        "{message}"
    );

    // Nothing in the copy either: the failure, and that the copy was searched.
    let mut s = kiosk();
    let fx = search(&mut s, "nobody@example.com");
    answer(&mut s, &fx, down(), vec![]);
    let l = lookup(&s);
    assert_eq!(l.view, LookupView::Form);
    let message = l.message.as_ref().map(|m| m.text.clone()).unwrap_or_default();
    assert!(
        message.contains("cannot be reached") && message.contains("copy"),
        "{message}"
    );

    // A name is searched in the copy alone; while the link is down, the screen says so.
    let mut s = kiosk();
    s.conn.link = Link::Offline;
    let fx = search(&mut s, "Jane D");
    update(
        &mut s,
        Msg::Searched {
            req: req_of(&fx),
            result: Ok(vec![]),
            // No request was sent: nothing learned about the link.
            net: Net::NONE,
            copy: Some(Ok(vec![copied(JANE)])),
        },
    );
    let message = lookup(&s)
        .message
        .as_ref()
        .map(|m| m.text.clone())
        .unwrap_or_default();
    assert!(message.contains("Offline"), "{message}");

    // A session code the server does not know, found in the copy: the copy's record.
    let mut s = kiosk();
    let fx = search(&mut s, JANE2);
    let not_found = ApiError::Api {
        code: 512,
        message: "Session not found".into(),
        http_status: 422,
    };
    answer(&mut s, &fx, Err(not_found), vec![copied(JANE2)]);
    assert_eq!(lookup(&s).results.len(), 1);
}

#[test]
fn snapshot_lookup_results_from_the_copy() {
    let mut s = kiosk();
    let fx = search(&mut s, "Jane D");
    answer(
        &mut s,
        &fx,
        Ok(vec![session(JANE)]),
        vec![copied(JANE), copied(JANE2)],
    );
    insta::assert_snapshot!("lookup_results_from_copy", draw(&s, 100, 24));
    press(&mut s, Input::Down);
    press(&mut s, Input::Enter);
    insta::assert_snapshot!("lookup_detail_from_copy", draw(&s, 100, 24));
}

// ---------------------------------------------------------------------------------------------
// The conflict inbox

use crate::kiosk::conflicts::MarkTarget;
use crate::offline::{EntryState, OutboxEntry};

fn conflict(id: i64, code: &str, seen: bool) -> OutboxEntry {
    OutboxEntry {
        id,
        attempt: format!("att{id}"),
        session: code.into(),
        campaign: "cam_demo01".into(),
        scanned: code.into(),
        customer: Some("Jane Doe".into()),
        offer: Some("A free coffee with any pastry".into()),
        accepted_at: NOW - time::Duration::hours(2),
        terminal: "till-1".into(),
        cashier: Some("Ann".into()),
        mirror_synced_at: NOW - time::Duration::hours(3),
        state: EntryState::Conflict,
        tries: 1,
        first_sent_at: Some(NOW - time::Duration::hours(1)),
        last_error: None,
        resolved_at: Some(NOW - time::Duration::hours(1)),
        server_outcome: Some("already_validated".into()),
        server_message: Some("This session was already validated".into()),
        server_error_code: Some(352),
        server_since: Some(NOW - time::Duration::minutes(150)),
        seen_at: seen.then_some(NOW - time::Duration::minutes(30)),
        seen_by: seen.then(|| "Maria".to_string()),
    }
}

/// F9, and the inbox as read.
fn open_inbox(s: &mut State, entries: Vec<OutboxEntry>) {
    let fx = press(s, Input::Command(Command::Conflicts));
    let [Effect::LoadConflicts { req }] = &fx[..] else {
        panic!("{fx:?}")
    };
    update(
        s,
        Msg::Conflicts {
            req: *req,
            result: Ok(entries),
        },
    );
}

fn inbox(s: &State) -> &crate::kiosk::conflicts::ConflictInbox {
    match &s.screen {
        Screen::Conflicts(c) => c,
        other => panic!("{other:?}"),
    }
}

#[test]
fn the_conflict_inbox_marks_one_or_all_seen_with_a_chord_a_scanner_never_sends() {
    let mut s = kiosk();
    open_inbox(&mut s, vec![conflict(1, JANE, false), conflict(2, JANE2, false)]);
    assert_eq!(inbox(&s).unseen(), 2);
    // Enter (which ends every scan) marks nothing.
    assert!(press(&mut s, Input::Enter).is_empty());
    press(&mut s, Input::Down);
    let fx = press(&mut s, Input::Yes);
    let [Effect::MarkConflictsSeen { req, ids, by }] = &fx[..] else {
        panic!("{fx:?}")
    };
    assert_eq!(ids, &[2], "the selected one");
    assert_eq!(by.as_deref(), Some("Ann"), "by the cashier signed in");
    // While the marking is out, Ctrl-Y again sends nothing more.
    assert!(press(&mut s, Input::Yes).is_empty());
    update(
        &mut s,
        Msg::Conflicts {
            req: *req,
            result: Ok(vec![conflict(1, JANE, false), conflict(2, JANE2, true)]),
        },
    );
    assert_eq!(inbox(&s).unseen(), 1);
    assert_eq!(inbox(&s).selected, 1, "the selection stays");
    // Seen already: nothing to send, and the screen says so.
    assert!(press(&mut s, Input::Yes).is_empty());
    assert!(inbox(&s).message.is_some());
    // Tab: all unseen.
    press(&mut s, Input::Tab);
    assert_eq!(inbox(&s).target, MarkTarget::AllUnseen);
    let fx = press(&mut s, Input::Yes);
    assert!(
        matches!(&fx[..], [Effect::MarkConflictsSeen { ids, .. }] if ids == &[1]),
        "{fx:?}"
    );
    // Esc (or F9 again) goes back to the counter; a scan there goes to the counter too.
    press(&mut s, Input::Esc);
    assert!(matches!(s.screen, Screen::Scan));
    open_inbox(&mut s, vec![]);
    let fx = scan(&mut s, JANE);
    assert!(
        !matches!(s.screen, Screen::Conflicts(_)),
        "a scan leaves the inbox"
    );
    assert!(!fx.is_empty(), "and is handled as a scan: {fx:?}");
}

#[test]
fn snapshot_conflict_inbox() {
    let mut s = kiosk();
    open_inbox(&mut s, vec![conflict(1, JANE, true), conflict(2, JANE2, false)]);
    press(&mut s, Input::Down);
    insta::assert_snapshot!("conflicts", draw(&s, 100, 24));
    let mut s = kiosk();
    open_inbox(&mut s, vec![]);
    insta::assert_snapshot!("conflicts_none", draw(&s, 80, 24));
}

#[test]
fn a_long_server_message_leaves_the_since_and_the_seen_line_on_screen() {
    let mut s = kiosk();
    let mut long = conflict(1, JANE, false);
    long.server_outcome = Some("validated_owner_unknown".into());
    long.server_message = Some(
        "Perhaps by this till's own send, perhaps by another till: no tag field shows which. \
         Check it, and ask the customer which till they went to first."
            .into(),
    );
    open_inbox(&mut s, vec![long]);
    let screen = draw(&s, 80, 24);
    assert!(screen.contains("ask the customer"), "{screen}");
    assert!(screen.contains("Not seen"), "{screen}");
    assert!(screen.contains("Ctrl-Y"), "{screen}");
}

#[test]
fn the_conflict_table_says_the_server_s_outcome_in_the_cashier_s_words() {
    let mut s = kiosk();
    s.config.kiosk.language = crate::i18n::Language::De;
    let mut unknown = conflict(2, JANE2, false);
    unknown.server_outcome = Some("validated_owner_unknown".into());
    open_inbox(&mut s, vec![conflict(1, JANE, false), unknown]);
    let screen = draw(&s, 120, 24);
    let row = |code: &str| screen.lines().find(|l| l.contains(code)).unwrap_or_default();
    assert!(row(JANE).contains("bereits eingelöst"), "{screen}");
    assert!(row(JANE2).contains("eingelöst, Kasse unklar"), "{screen}");
    // The date of acceptance whole, in the German form (the longest of the four).
    assert!(row(JANE).contains("20. Nov. 2026 12:00"), "{screen}");
}
