//! The kiosk's own sentences that carry facts: the offline verdicts' reasons and a failed undo.
//! On the screen in the cashier's language with dates in the till's local time; in the journal
//! in English with dates in UTC, the same message rendered once more.

use super::flows::{answer, to_card};
use super::snapshots::draw;
use super::*;
use crate::api::ApiError;
use crate::i18n::Language;
use crate::kiosk::state::Screen;
use crate::kiosk::verdict::VerdictKind;
use crate::offline::{MirrorRecord, MirrorRefusal, OfflineVerdict};
use crate::redeem::{Outcome, UndoError, Verdict};
use time::macros::offset;

/// Late in the evening UTC: in UTC+1 it is already the next day.
const LATE: OffsetDateTime = datetime!(2026-11-19 23:30 UTC);

/// The screen as one line of words (a reason may wrap).
fn words(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn kiosk_in(language: Language) -> State {
    let mut c = config();
    c.kiosk.language = language;
    c.zone = LocalZone::Fixed(offset!(+1));
    kiosk_with(c)
}

/// A scan whose look-up could not reach the server, answered by `verdict` from the mirror:
/// the journal's entry message, and the screen once the entry is written.
fn offline_scan(s: &mut State, verdict: OfflineVerdict) -> (String, String) {
    let fx = scan(s, JANE);
    let fx = update(
        s,
        Msg::Offline {
            req: req_of(&fx),
            attempt: None,
            scanned: JANE.into(),
            verdict,
            net: net(),
        },
    );
    let journal = fx
        .iter()
        .find_map(|e| match e {
            Effect::Journal { entry, .. } => Some(entry.message.clone()),
            _ => None,
        })
        .expect("the offline verdict is journaled");
    journaled(s, &fx, true);
    (journal, words(&draw(s, 80, 24)))
}

fn record() -> MirrorRecord {
    MirrorRecord {
        session: session(JANE),
        offer: Some("Koffie".into()),
        synced_at: NOW - time::Duration::minutes(12),
    }
}

#[test]
fn offline_dates_are_local_on_the_screen_and_utc_in_the_english_journal() {
    let dated = [
        OfflineVerdict::Refused {
            record: record(),
            reason: MirrorRefusal::Validated { at: Some(LATE) },
        },
        OfflineVerdict::Refused {
            record: record(),
            reason: MirrorRefusal::MayHaveExpired { expires: LATE },
        },
        OfflineVerdict::AlreadyUsedOffline {
            record: record(),
            accepted_at: LATE,
        },
    ];
    for language in Language::ALL {
        for verdict in &dated {
            let mut s = kiosk_in(language);
            let (journal, screen) = offline_scan(&mut s, verdict.clone());
            let local = language.date_time(datetime!(2026-11-20 00:30 +1));
            assert!(
                screen.contains(&local) && !screen.contains("UTC"),
                "{language} {}: {local:?} not on the screen:\n{screen}",
                verdict.outcome_word()
            );
            // Whatever the screen's language: English, the UTC moment, said to be UTC.
            assert_eq!(journal, verdict.message(s.clock.utc));
            assert!(journal.contains("19 Nov 2026 23:30 UTC"), "{journal}");
        }
    }
}

#[test]
fn the_journal_sentence_is_the_english_screen_sentence() {
    // One source: where no date differs, the English screen says what the journal keeps.
    let verdicts = [
        OfflineVerdict::AcceptedOffline { record: record() },
        OfflineVerdict::Refused {
            record: record(),
            reason: MirrorRefusal::Voided,
        },
        OfflineVerdict::WrongCoupon { record: record() },
    ];
    for verdict in verdicts {
        let mut s = kiosk_in(Language::En);
        let (journal, screen) = offline_scan(&mut s, verdict.clone());
        assert!(screen.contains(&journal), "{journal:?} not on:\n{screen}");
        let mut s = kiosk_in(Language::Nl);
        let (dutch_journal, dutch_screen) = offline_scan(&mut s, verdict.clone());
        assert_eq!(dutch_journal, journal, "the journal stays English");
        assert!(!dutch_screen.contains(&journal), "{dutch_screen}");
    }
    let mut s = kiosk_in(Language::En);
    let (journal, _) = offline_scan(&mut s, OfflineVerdict::AcceptedOffline { record: record() });
    assert_eq!(
        journal,
        "The server cannot be reached; accepted from this till's copy (synced 12 min ago). \
         It is sent as soon as the server answers."
    );
}

/// A validation, then F8 answered by `result`: the journal's message and the screen.
fn failed_undo(language: Language, result: UndoError) -> (String, String) {
    let mut s = kiosk_in(language);
    to_card(&mut s);
    let fx = press(&mut s, Input::Enter);
    let mut done = session(JANE);
    done.validated = true;
    done.validation_date_utc = Some(NOW);
    let ok = Verdict {
        outcome: Outcome::Validated,
        validation_date_utc: Some(NOW),
        session: Some(done),
        error_code: None,
        message: "ok".into(),
        round_trips: 1,
        attempt: Some(crate::tag::AttemptId::random()),
        earlier_confirmed: None,
    };
    answer(&mut s, &fx, ok);
    let fx = press(&mut s, Input::Command(Command::Undo));
    let Some(Effect::Unvalidate { req, attempt, .. }) = fx.first() else {
        panic!("{fx:?}")
    };
    let fx = update(
        &mut s,
        Msg::Undone {
            req: *req,
            attempt: attempt.clone(),
            result: Err(result),
            net: net(),
        },
    );
    let journal = fx
        .iter()
        .find_map(|e| match e {
            Effect::Journal { entry, .. } => Some(entry.message.clone()),
            _ => None,
        })
        .expect("the undo is journaled");
    journaled(&mut s, &fx, true);
    assert!(matches!(&s.screen, Screen::Verdict(v) if v.kind == VerdictKind::UndoFailed));
    (journal, words(&draw(&s, 80, 24)))
}

#[test]
fn a_failed_undo_says_whether_anything_was_taken_back_in_every_language() {
    let refused = || {
        UndoError::Api(ApiError::Api {
            code: 353,
            message: "Session was already unvalidated".into(),
            http_status: 400,
        })
    };
    let lost = || UndoError::Api(ApiError::Uncertain("timed out after 5 s".into()));
    let finer = [
        (
            Language::Nl,
            "Er is niets teruggedraaid.",
            "Misschien is de goedkeuring teruggedraaid",
        ),
        (
            Language::Fr,
            "Rien n'a été annulé.",
            "La validation a peut-être été annulée",
        ),
        (
            Language::De,
            "Es wurde nichts zurückgenommen.",
            "Die Einlösung wurde vielleicht zurückgenommen",
        ),
        (
            Language::En,
            "Nothing was taken back.",
            "It may or may not have been undone",
        ),
    ];
    for (language, nothing, maybe) in finer {
        let general = words(&language.text("verdict-undo-failed.reason"));
        let (journal, screen) = failed_undo(language, refused());
        assert!(
            screen.contains(nothing) && !screen.contains(&general),
            "{language}: {nothing:?} not on the screen:\n{screen}"
        );
        assert!(!screen.contains(maybe), "{language}:\n{screen}");
        assert_eq!(
            journal, "Session was already unvalidated (error 353)",
            "the journal keeps the server's words"
        );
        let (_, screen) = failed_undo(language, lost());
        assert!(
            screen.contains(maybe) && !screen.contains(nothing),
            "{language}: {maybe:?} not on the screen:\n{screen}"
        );
        // The session no longer shows this till's validation: nothing was sent.
        let (journal, screen) = failed_undo(language, UndoError::NotOurs);
        let not_ours = words(&language.text("undo-failed-not-ours"));
        assert!(
            screen.contains(&not_ours) && !screen.contains(&general),
            "{language}: {not_ours:?} not on the screen:\n{screen}"
        );
        assert!(journal.contains("nothing was taken back"), "{journal}");
    }
    // English keeps the server's own sentence for a refusal.
    let (_, screen) = failed_undo(Language::En, refused());
    assert!(
        screen.contains("Session was already unvalidated. Nothing was taken back."),
        "{screen}"
    );
    // In Dutch, the plain sentence is Dutch too.
    let (_, screen) = failed_undo(Language::Nl, lost());
    assert!(screen.contains("Geen antwoord van de server."), "{screen}");
}

#[test]
fn an_expiry_still_ahead_is_never_said_as_past() {
    // Offline, ten hours before its expiry read as UTC: it may have passed in a UTC+14 campaign.
    let expires = NOW + time::Duration::hours(10);
    let mut r = record();
    r.session.expiration_date_utc = Some(expires);
    let mut s = kiosk_in(Language::En);
    let (_, screen) = offline_scan(
        &mut s,
        OfflineVerdict::Refused {
            record: r.clone(),
            reason: MirrorRefusal::MayHaveExpired { expires },
        },
    );
    assert!(
        screen.contains("Expires 21 Nov 2026 01:00 (may have passed"),
        "{screen}"
    );
    assert!(!screen.contains("It expired"), "{screen}");
    // Past: said, in local time.
    r.session.expiration_date_utc = Some(LATE);
    let mut s = kiosk_in(Language::En);
    let (_, screen) = offline_scan(
        &mut s,
        OfflineVerdict::Refused {
            record: r,
            reason: MirrorRefusal::MayHaveExpired { expires: LATE },
        },
    );
    assert!(screen.contains("It expired at 00:30:00 today"), "{screen}");
}
