//! This till's counts (status bar, F3's first tab) as unknown validations are resolved: an
//! UNKNOWN found later to have validated leaves the ⚠ count and is counted once as ✔, whether
//! F5 or the background settlement finds out; an undone validation leaves the ✔ count.

use super::flows::to_card;
use super::snapshots::text_of;
use super::*;
use crate::journal::{Count, Operation, Outcome as Recorded};
use crate::kiosk::commands::Command;
use crate::kiosk::msg::{CountsSnapshot, Settlement};
use crate::kiosk::state::Overlay;
use crate::kiosk::view::render;
use crate::redeem::{Outcome, Verdict};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

fn verdict(outcome: Outcome, validated: bool) -> Verdict {
    let mut s = session(JANE);
    if validated {
        s.validated = true;
        s.validation_date_utc = Some(NOW);
    }
    Verdict {
        outcome,
        validation_date_utc: s.validation_date_utc,
        // An unknown answer says nothing of the session (else the kiosk sends it again itself).
        session: (outcome != Outcome::Unknown).then_some(s),
        error_code: None,
        message: "m".into(),
        round_trips: 1,
        attempt: Some(crate::tag::AttemptId::random()),
        earlier_confirmed: None,
    }
}

/// Scan, card, Enter: the validation effects.
fn send_validation(s: &mut State) -> Vec<Effect> {
    to_card(s);
    press(s, Input::Enter)
}

/// Answers the validation in `fx` with `v`, then its journal write; the journal effect's outcome.
fn answer(s: &mut State, fx: &[Effect], v: Verdict) -> Recorded {
    let Some(Effect::Validate { req, attempt, .. }) = fx.first().cloned() else {
        panic!("{fx:?}")
    };
    let fx = update(
        s,
        Msg::Verdict {
            req,
            attempt,
            verdict: v,
            net: net(),
        },
    );
    let outcome = fx
        .iter()
        .find_map(|e| match e {
            Effect::Journal { entry, .. } => Some(entry.outcome),
            _ => None,
        })
        .unwrap_or_else(|| panic!("{fx:?}"));
    journaled(s, &fx, true);
    outcome
}

fn counts(s: &State) -> (u64, u64, u64) {
    (s.today.validated(), s.today.refused(), s.today.unsure())
}

#[test]
fn an_unknown_that_f5_finds_validated_is_counted_once_as_validated() {
    let mut s = kiosk();
    let fx = send_validation(&mut s);
    assert_eq!(
        answer(&mut s, &fx, verdict(Outcome::Unknown, false)),
        Recorded::Unknown
    );
    assert_eq!(counts(&s), (0, 0, 1));
    let lost = s.unsure[0].attempt.clone();
    // F5: sent again, the server shows the lost attempt went through.
    let fx = press(&mut s, Input::Command(Command::Retry));
    let mut v = verdict(Outcome::Validated, true);
    v.earlier_confirmed = Some(lost);
    // This request changed nothing: the lost one is the validation (settled as validated).
    assert_eq!(answer(&mut s, &fx, v), Recorded::ConfirmedEarlier);
    assert_eq!(counts(&s), (1, 0, 0));
    // The journal's own count, once the lost attempt is settled, says the same.
    update(
        &mut s,
        Msg::Settled {
            result: Ok(Settlement {
                resolved: vec![],
                unsure: vec![],
                counts: Some(snapshot(&[
                    (Recorded::Validated, 1),
                    (Recorded::ConfirmedEarlier, 1),
                ])),
            }),
        },
    );
    assert_eq!(counts(&s), (1, 0, 0));
}

fn snapshot(rows: &[(Recorded, u64)]) -> CountsSnapshot {
    CountsSnapshot {
        version: 10,
        since_utc: datetime!(2026-11-20 00:00 UTC),
        counts: rows
            .iter()
            .map(|(outcome, count)| Count {
                operation: Operation::Validate,
                outcome: *outcome,
                count: *count,
            })
            .collect(),
    }
}

#[test]
fn an_unknown_settled_in_the_background_moves_to_what_it_turned_out_to_be() {
    for (became, expected) in [
        (Recorded::Validated, (1, 0, 0)),
        (Recorded::NotValidated, (0, 1, 0)),
    ] {
        let mut s = kiosk();
        let fx = send_validation(&mut s);
        answer(&mut s, &fx, verdict(Outcome::Unknown, false));
        assert_eq!(counts(&s), (0, 0, 1));
        let resolved = s.unsure.iter().map(|e| e.attempt.clone()).collect();
        update(
            &mut s,
            Msg::Settled {
                result: Ok(Settlement {
                    resolved,
                    unsure: vec![],
                    counts: Some(snapshot(&[(became, 1)])),
                }),
            },
        );
        assert_eq!(counts(&s), expected, "{became:?}");
        assert!(s.unsure.is_empty());
    }
}

#[test]
fn outcomes_in_words_on_the_shift_summary() {
    let mut s = kiosk();
    s.today.counts = snapshot(&[
        (Recorded::Validated, 3),
        (Recorded::ConfirmedEarlier, 1),
        (Recorded::NotValidated, 1),
        (Recorded::Unknown, 1),
    ])
    .counts;
    s.overlays.push(Overlay::Summary);
    let area = Rect::new(0, 0, 80, 24);
    let mut buf = Buffer::empty(area);
    render(&s, area, &mut buf);
    let text = text_of(&buf);
    for words in [
        "✔ validated",
        "confirmed by an earlier attempt",
        "✖ not validated",
        "⚠ unknown",
    ] {
        assert!(text.contains(words), "{words}: {text}");
    }
    assert!(text.contains("today ✔ 3 ✖ 1 ⚠ 1"), "{text}");
    insta::assert_snapshot!("summary_settled_outcomes", text);
}
