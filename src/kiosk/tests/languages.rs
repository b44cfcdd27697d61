//! The kiosk in each of its languages: the main screens as snapshots in Dutch, French and German
//! (English is every other snapshot), every message the code names exists, and the big verdict
//! words stay honest and fit an 80×24 till in every language.

use super::flows::resolved;
use super::snapshots::{all_screens, draw, verdict_view, with};
use crate::i18n::Language;
use crate::journal::{Operation, Outcome};
use crate::kiosk::commands::COMMANDS;
use crate::kiosk::state::Screen;
use crate::kiosk::verdict::{Tone, VerdictKind};
use std::collections::HashSet;

/// The screens a cashier sees most, each snapshotted in every language.
const MAIN_SCREENS: [&str; 10] = [
    "scan_idle",
    "card",
    "verdict_validated",
    "verdict_already_validated",
    "verdict_expired",
    "verdict_unknown",
    "verdict_check_failed",
    "lookup_results",
    "help",
    "summary",
];

#[test]
fn the_main_screens_in_dutch_french_and_german_at_80x24() {
    for language in [Language::Nl, Language::Fr, Language::De] {
        for (name, mut s) in all_screens() {
            if !MAIN_SCREENS.contains(&name) {
                continue;
            }
            s.config.kiosk.language = language;
            insta::assert_snapshot!(format!("{language}_{name}"), draw(&s, 80, 24));
        }
    }
}

/// How the kiosk's message ids begin (one group per screen or subject).
const ID_PREFIXES: [&str; 32] = [
    "plain-",
    "offline-",
    "journal-",
    "verdict-",
    "reason-",
    "key-",
    "keyname-",
    "command-",
    "card-",
    "session-",
    "table-",
    "choose-",
    "money-",
    "lookup-",
    "action-",
    "help-",
    "summary-",
    "operation-",
    "outcome-",
    "status-",
    "age-",
    "scan-",
    "hint-",
    "working-",
    "strip-",
    "quit-",
    "undo-pin-",
    "too-small",
    "barcode-",
    "notice-",
    "when-",
    "date-",
];

#[test]
fn no_screen_shows_a_message_id_in_any_language() {
    for language in Language::ALL {
        for (name, mut s) in all_screens() {
            s.config.kiosk.language = language;
            let text = draw(&s, 80, 24);
            // A message missing everywhere shows as its id: "verdict-expired", "key-back".
            let ids = text
                .split(|c: char| !(c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '.'))
                .filter(|w| ID_PREFIXES.iter().any(|p| w.starts_with(p)));
            let ids: Vec<_> = ids.collect();
            assert!(ids.is_empty(), "{language} {name} shows ids {ids:?}:\n{text}");
        }
    }
}

#[test]
fn every_help_line_is_whole_at_80x24_in_every_language() {
    let ids = COMMANDS
        .iter()
        .map(|b| format!("{}.help", crate::kiosk::view::command_message(b.command)))
        .chain(
            [
                "typing", "enter", "esc", "arrows", "green", "red", "amber", "paste",
            ]
            .map(|h| format!("help-{h}")),
        );
    let ids: Vec<String> = ids.collect();
    for language in Language::ALL {
        let (_, s) = all_screens()
            .into_iter()
            .find(|(name, _)| *name == "help")
            .unwrap_or_else(|| panic!("no help screen"));
        let mut s = s;
        s.config.kiosk.language = language;
        let text = draw(&s, 80, 24);
        for id in &ids {
            let line = language.text(id);
            assert!(text.contains(&line), "{language}: {id} is cut: {line:?}\n{text}");
        }
    }
}

/// Every message id the code builds at run time (verdicts, commands, journal words) exists.
#[test]
fn every_message_the_code_names_exists_in_english() {
    let mut ids: Vec<String> = vec![];
    for kind in VerdictKind::ALL {
        let id = kind.message_id();
        ids.push(id.into());
        ids.push(format!("{id}.headline"));
        if kind.tagline().is_some() {
            ids.push(format!("{id}.tagline"));
        }
        ids.extend(kind.reason_id().map(String::from));
    }
    for b in COMMANDS {
        let id = crate::kiosk::view::command_message(b.command);
        ids.push(id.into());
        ids.push(format!("{id}.help"));
    }
    for o in [
        Operation::Validate,
        Operation::Unvalidate,
        Operation::Void,
        Operation::Unvoid,
        Operation::Lock,
        Operation::Unlock,
        Operation::Claim,
        Operation::Activate,
        Operation::Delete,
    ] {
        ids.push(crate::kiosk::view::operation_message(o));
    }
    for o in [
        Outcome::Validated,
        Outcome::AlreadyValidated,
        Outcome::Expired,
        Outcome::Voided,
        Outcome::Locked,
        Outcome::NotFound,
        Outcome::NotClaimed,
        Outcome::Refused,
        Outcome::InvalidInput,
        Outcome::CheckFailed,
        Outcome::Unknown,
        Outcome::ValidatedOwnerUnknown,
        Outcome::NotValidated,
        Outcome::Undone,
        Outcome::UndoFailed,
        Outcome::Done,
        Outcome::Failed,
        Outcome::PinRefused,
        Outcome::AcceptedOffline,
        Outcome::AlreadyUsedOffline,
        Outcome::WrongCoupon,
        Outcome::OfflineCannotCheck,
    ] {
        ids.push(crate::kiosk::view::outcome_message(o));
    }
    let missing: Vec<_> = ids.iter().filter(|id| Language::En.text(id) == **id).collect();
    assert!(missing.is_empty(), "no English message for {missing:?}");
}

#[test]
fn verdict_words_are_distinct_and_already_used_never_says_success_in_any_language() {
    for language in Language::ALL {
        let words: HashSet<String> = VerdictKind::ALL
            .iter()
            .map(|k| language.text(k.message_id()))
            .collect();
        assert_eq!(words.len(), VerdictKind::ALL.len(), "{language}: {words:?}");
        let big = |k: VerdictKind| language.text(&format!("{}.headline", k.message_id()));
        let success: HashSet<String> = big(VerdictKind::Validated)
            .split_whitespace()
            .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_string())
            .collect();
        // No big word of a kind that is not green is the big word of success.
        for kind in VerdictKind::ALL.into_iter().filter(|k| k.tone() != Tone::Good) {
            let shared: Vec<_> = big(kind)
                .split_whitespace()
                .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_string())
                .filter(|w| success.contains(w))
                .collect();
            let allowed = kind == VerdictKind::ValidatedOwnerUnknown;
            assert!(
                shared.is_empty() || allowed,
                "{language} {kind:?} says {shared:?} in large type"
            );
        }
    }
}

#[test]
fn every_verdict_headline_is_large_type_at_80x24_in_every_language() {
    // Large type is drawn in block and quadrant glyphs; plain bold letters would mean it did
    // not fit. (That a line is never cut is `big::fit`'s to prove.)
    let blocks = [
        '█', '▀', '▄', '▌', '▐', '▘', '▝', '▖', '▗', '▚', '▞', '▙', '▛', '▜', '▟',
    ];
    for language in Language::ALL {
        for kind in VerdictKind::ALL {
            let mut s = with(Screen::Verdict(verdict_view(kind)));
            s.config.kiosk.language = language;
            let text = draw(&s, 80, 24);
            let big_rows = text.lines().filter(|l| l.contains(blocks)).count();
            assert!(
                big_rows >= 4,
                "{language} {kind:?}: no large type at 80×24:\n{text}"
            );
            let words = format!("{} {}", kind.symbol(s.glyphs()), language.text(kind.message_id()));
            assert!(
                text.contains(&words),
                "{language} {kind:?}: no {words:?}:\n{text}"
            );
        }
    }
}

/// English that must not reach a German screen: words of the kiosk's own sentences, and the raw
/// error the journal test writes ("disk full"), which belongs to the log and F1 only.
const ENGLISH: [&str; 16] = [
    " the ",
    "cannot",
    "synced",
    " ago",
    "email ",
    "phone ",
    "server's",
    "NOT WRITTEN",
    "disk full",
    "this till",
    "accepted",
    "Nothing",
    "again",
    "Too short",
    " is ",
    "reached",
];

fn english_in(text: &str) -> Vec<&'static str> {
    ENGLISH.into_iter().filter(|w| text.contains(w)).collect()
}

#[test]
fn offline_verdicts_lookups_failures_barcodes_and_journal_errors_are_german_in_german() {
    use super::{journaled, kiosk, press, req_of, scan, session, JANE, NOW};
    use crate::api::ApiError;
    use crate::kiosk::commands::Command;
    use crate::kiosk::input::Input;
    use crate::kiosk::msg::Msg;
    use crate::offline::{CannotCheck, MirrorRecord, MirrorRefusal, OfflineVerdict};

    let german = |mut s: crate::kiosk::state::State| {
        s.config.kiosk.language = Language::De;
        s
    };
    let mut screens: Vec<(String, String)> = vec![];
    // The offline verdicts: ages and dates worded by the kiosk.
    let record = MirrorRecord {
        session: session(JANE),
        offer: Some("Kaffee".into()),
        synced_at: NOW - time::Duration::minutes(12),
    };
    let verdicts = [
        OfflineVerdict::AcceptedOffline {
            record: record.clone(),
        },
        OfflineVerdict::Refused {
            record: record.clone(),
            reason: MirrorRefusal::MayHaveExpired { expires: NOW },
        },
        OfflineVerdict::AlreadyUsedOffline {
            record: record.clone(),
            accepted_at: NOW,
        },
        OfflineVerdict::WrongCoupon { record },
        OfflineVerdict::CannotCheck {
            why: CannotCheck::SeveralMatch(3),
        },
    ];
    for v in &verdicts {
        let view = crate::kiosk::offline::view_of(v, JANE, NOW);
        let s = german(with(Screen::Verdict(view)));
        screens.push((format!("offline {}", v.outcome_word()), draw(&s, 80, 24)));
    }
    // The look-up's title, and a search the server could not answer.
    for (name, s) in all_screens() {
        if ["lookup_results", "verdict_journal_error", "barcode_shown"].contains(&name) {
            screens.push((name.into(), draw(&german(s), 80, 24)));
        }
    }
    let mut s = german(kiosk());
    press(&mut s, Input::Command(Command::Lookup));
    for c in "jane@example.com".chars() {
        press(&mut s, Input::Char(c));
    }
    let fx = press(&mut s, Input::Enter);
    crate::kiosk::update(
        &mut s,
        Msg::Searched {
            req: req_of(&fx),
            result: Err(ApiError::Unreachable("connection refused (os error 111)".into())),
            net: super::net(),
            copy: Some(Ok(vec![])),
        },
    );
    screens.push(("failed search".into(), draw(&s, 80, 24)));
    // A scan refused before any request.
    let mut s = german(kiosk());
    scan(&mut s, "ab");
    screens.push(("too short".into(), draw(&s, 80, 24)));
    // A verdict whose journal write failed.
    let mut s = german(kiosk());
    let fx = scan(&mut s, "AAAAAA");
    let fx = resolved(
        &mut s,
        &fx,
        Err(ApiError::Api {
            code: 353,
            message: "Session was already unvalidated".into(),
            http_status: 400,
        }),
    );
    if fx
        .iter()
        .any(|e| matches!(e, crate::kiosk::msg::Effect::Journal { .. }))
    {
        journaled(&mut s, &fx, false);
    }
    screens.push(("refusal, journal not written".into(), draw(&s, 80, 24)));

    // The offline reasons keep their facts, in German words: the copy's age and the date.
    let offline = |kind: &str| {
        screens
            .iter()
            .find(|(n, _)| n.ends_with(kind))
            .map(|(_, t)| t.split_whitespace().collect::<Vec<_>>().join(" "))
    };
    let accepted = offline("accepted_offline").unwrap_or_default();
    assert!(accepted.contains("vor 12 min abgeglichen"), "{accepted}");
    let used = offline("already_used_offline").unwrap_or_default();
    assert!(used.contains("am 20. Nov. 2026 14:00 offline"), "{used}");
    for (name, text) in &screens {
        let english = english_in(text);
        assert!(
            english.is_empty(),
            "German {name} shows English {english:?}:\n{text}"
        );
    }
}
