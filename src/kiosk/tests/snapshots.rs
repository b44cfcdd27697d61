//! Every screen drawn into a buffer (as ratatui's TestBackend would hold it) and compared with a
//! reviewed snapshot; plus a tiny and a huge size, and the colours that carry meaning.

use super::*;
use crate::api::barcode::BarcodeType;
use crate::api::SessionCode;
use crate::journal::{Count, Operation, Outcome};
use crate::kiosk::barcode::BarcodeScreen;
use crate::kiosk::field::TextField;
use crate::kiosk::lookup::{Lookup, LookupView, Step};
use crate::kiosk::msg::StaffAction;
use crate::kiosk::notice::Notice;
use crate::kiosk::state::{
    BarcodeView, Card, Choose, Money, MoneyThen, Overlay, Screen, Task, Undo, Working,
};
use crate::kiosk::verdict::{Retry, VerdictKind, VerdictView};
use crate::kiosk::view::render;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Color;

/// The buffer as text, one line per row, trailing blanks trimmed.
pub(super) fn draw(s: &State, w: u16, h: u16) -> String {
    let area = Rect::new(0, 0, w, h);
    let mut buf = Buffer::empty(area);
    render(s, area, &mut buf);
    text_of(&buf)
}

pub(super) fn text_of(buf: &Buffer) -> String {
    let a = buf.area;
    let mut out = String::new();
    for y in a.top()..a.bottom() {
        let mut line = String::new();
        for x in a.left()..a.right() {
            line.push_str(buf[(x, y)].symbol());
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

pub(super) fn verdict_view(kind: VerdictKind) -> VerdictView {
    let mut v = VerdictView::new(kind, JANE, "");
    v.session = Some(session(JANE));
    match kind {
        VerdictKind::Validated => {
            v.validated_at_utc = Some(NOW);
            v.reason = "Session validated".into();
        }
        VerdictKind::ValidatedOwnerUnknown => {
            v.validated_at_utc = Some(NOW);
            v.reason = "Validated — possibly not by this till: the answer was lost.".into();
        }
        VerdictKind::AlreadyValidated => {
            v.validated_at_utc = Some(datetime!(2026-11-20 13:03:00 UTC));
            v.reason = "This session was already validated".into();
        }
        VerdictKind::Expired => {
            v.reason = "Session or coupon has expired".into();
            if let Some(s) = &mut v.session {
                s.expiration_date_utc = Some(datetime!(2026-11-19 23:59:59 UTC));
            }
        }
        VerdictKind::Voided => {
            v.reason = "This coupon is voided".into();
            if let Some(s) = &mut v.session {
                s.voided = true;
                s.voided_date_utc = Some(datetime!(2026-11-12 14:05:00 UTC));
            }
        }
        VerdictKind::Locked => v.reason = "This coupon is locked".into(),
        VerdictKind::NotFound => {
            v.session = None;
            v.reason = "Coupon session not found".into();
        }
        VerdictKind::NotClaimed => v.reason = "Session is not claimed".into(),
        VerdictKind::Refused => v.reason = "Refused by the server (error 302)".into(),
        VerdictKind::Invalid => {
            v.session = None;
            v.reason = "Too short".into();
        }
        VerdictKind::CheckFailed => {
            v.session = None;
            v.reason = "cannot reach the server: connection refused".into();
            v.retry = Some(Retry::Resolve { scanned: JANE.into() });
        }
        VerdictKind::Unknown => {
            v.reason = "no answer from the server: timed out; the check failed too".into();
            v.retry = Some(Retry::Resolve { scanned: JANE.into() });
        }
        VerdictKind::Undone => v.reason = "Validation cancelled: the coupon can be used again.".into(),
        VerdictKind::UndoFailed => v.reason = "Session was already unvalidated (error 353)".into(),
        VerdictKind::AcceptedOffline => {
            v.reason =
                "The server cannot be reached; accepted from this till's copy (synced 12 min ago).".into()
        }
        VerdictKind::AlreadyUsedOffline => {
            v.reason = "This till accepted this coupon offline on 2026-11-30 09:00 UTC.".into()
        }
        VerdictKind::WrongCoupon => v.reason = "A free coffee is not accepted at this till.".into(),
        VerdictKind::OfflineCannotCheck => {
            v.session = None;
            v.reason = "The server cannot be reached and this till's copy does not hold this code.".into()
        }
    }
    v
}

pub(super) fn with(screen: Screen) -> State {
    let mut s = kiosk();
    s.screen = screen;
    s
}

/// The scan screen with `overlay` over it.
fn over(overlay: Overlay) -> State {
    let mut s = kiosk();
    s.overlays.push(overlay);
    s
}

fn lookup(view: LookupView, step: Step) -> Lookup {
    let mut l = Lookup {
        query: TextField::with_text(100, "jane@example.com"),
        view,
        results: vec![session(JANE), session(JANE2)],
        selected: 1,
        searched_for: Some(crate::kiosk::lookup::SearchedFor {
            what: crate::i18n::Said::new("lookup-for-email").text("value", "jane@example.com"),
            campaign: None,
        }),
        step,
        ..Lookup::default()
    };
    l.results[1].customer.firstname = Some("Jane".into());
    l
}

/// Every screen, named.
pub(super) fn all_screens() -> Vec<(&'static str, State)> {
    let mut v: Vec<(&'static str, State)> = vec![];
    let mut idle = kiosk();
    idle.conn.link = Link::Online;
    idle.conn.last_rtt = Some(Duration::from_millis(12));
    idle.today.add(Operation::Validate, Outcome::Validated);
    idle.today.add(Operation::Validate, Outcome::Expired);
    v.push(("scan_idle", idle));
    let mut typed = kiosk();
    typed.scan = TextField::with_text(600, "ac6s7u3g8a25");
    typed.notice = Some(Notice::warn("Same code again within 3 s: not sent twice."));
    v.push(("scan_typing_with_notice", typed));
    let mut undo = kiosk();
    undo.undo = Some(Undo {
        scanned: JANE.into(),
        own: crate::redeem::OwnValidation {
            code: SessionCode::parse(JANE).unwrap(),
            attempt: crate::tag::AttemptId::random(),
            validation_date_utc: Some(NOW),
        },
        session: None,
        until: undo.clock.mono + Duration::from_secs(25),
    });
    v.push(("scan_with_undo", undo));
    let working = |task| {
        Screen::Working(Working {
            req: Req(1),
            task,
            scanned: JANE.into(),
            session: None,
            offer: None,
            started: Duration::from_secs(1000),
            retry: None,
            auto_retries: 0,
        })
    };
    v.push(("looking_up", with(working(Task::LookingUp))));
    v.push(("validating", with(working(Task::Validating))));
    // Auto mode: the mirror knew the scan; its offer shows at once, still being checked.
    let mut preview = with(working(Task::Validating));
    if let Screen::Working(w) = &mut preview.screen {
        w.session = Some(session(JANE));
    }
    advance(&mut preview, Duration::from_secs(2));
    v.push(("validating_with_preview", preview));
    let mut checking = with(working(Task::Validating));
    advance(&mut checking, Duration::from_secs(11));
    v.push(("checking", checking));
    v.push((
        "card",
        with(Screen::Card(Card {
            scanned: JANE.into(),
            session: session(JANE),
            undescribed: false,
        })),
    ));
    v.push((
        "choose",
        with(Screen::Choose(Choose {
            scanned: "WELCOME2026".into(),
            sessions: vec![session(JANE), session(JANE2)],
            selected: 1,
        })),
    ));
    v.push((
        "money",
        with(Screen::Money(Money {
            field: TextField::with_text(16, "12.5"),
            then: MoneyThen::Validate {
                scanned: JANE.into(),
                code: SessionCode::parse(JANE).unwrap(),
                session: Some(session(JANE)),
            },
            error: Some(crate::i18n::Said::new("money-error-decimals")),
        })),
    ));
    for (name, kind) in [
        ("verdict_validated", VerdictKind::Validated),
        (
            "verdict_validated_owner_unknown",
            VerdictKind::ValidatedOwnerUnknown,
        ),
        ("verdict_already_validated", VerdictKind::AlreadyValidated),
        ("verdict_expired", VerdictKind::Expired),
        ("verdict_voided", VerdictKind::Voided),
        ("verdict_locked", VerdictKind::Locked),
        ("verdict_not_found", VerdictKind::NotFound),
        ("verdict_not_claimed", VerdictKind::NotClaimed),
        ("verdict_refused", VerdictKind::Refused),
        ("verdict_invalid", VerdictKind::Invalid),
        ("verdict_check_failed", VerdictKind::CheckFailed),
        ("verdict_unknown", VerdictKind::Unknown),
        ("verdict_undone", VerdictKind::Undone),
        ("verdict_undo_failed", VerdictKind::UndoFailed),
    ] {
        v.push((name, with(Screen::Verdict(verdict_view(kind)))));
    }
    let mut jerr = verdict_view(VerdictKind::Validated);
    jerr.journal_error = Some("disk full".into());
    let mut s = with(Screen::Verdict(jerr));
    s.journal_error = Some("disk full".into());
    v.push(("verdict_journal_error", s));
    v.push((
        "lookup_form",
        with(Screen::Lookup(Box::new(Lookup {
            query: TextField::with_text(100, "jane@exa"),
            ..Lookup::default()
        }))),
    ));
    v.push((
        "lookup_results",
        with(Screen::Lookup(Box::new(lookup(
            LookupView::Results,
            Step::Choose,
        )))),
    ));
    v.push((
        "lookup_detail",
        with(Screen::Lookup(Box::new(lookup(LookupView::Detail, Step::Choose)))),
    ));
    let mut confirm = lookup(LookupView::Detail, Step::Confirm);
    confirm.action = StaffAction::ALL.len() - 1;
    v.push(("lookup_confirm_delete", with(Screen::Lookup(Box::new(confirm)))));
    let mut pin = kiosk();
    pin.config.kiosk.supervisor_pin = Some("1234".into());
    let mut l = lookup(
        LookupView::Detail,
        Step::Pin {
            field: TextField::with_text(32, "12"),
            wrong: true,
        },
    );
    l.action = 2;
    pin.screen = Screen::Lookup(Box::new(l));
    v.push(("lookup_pin", pin));
    let mut summary = over(Overlay::Summary);
    summary.today.counts = vec![
        Count {
            operation: Operation::Validate,
            outcome: Outcome::Validated,
            count: 12,
        },
        Count {
            operation: Operation::Validate,
            outcome: Outcome::AlreadyValidated,
            count: 2,
        },
        Count {
            operation: Operation::Unvalidate,
            outcome: Outcome::Undone,
            count: 1,
        },
    ];
    v.push(("summary", summary));
    v.push(("help", over(Overlay::Help)));
    v.push((
        "barcode_loading",
        over(Overlay::Barcode(BarcodeView {
            code: SessionCode::parse(JANE).unwrap(),
            kind: BarcodeType::Code128b,
            req: Req(1),
            shown: None,
        })),
    ));
    v.push((
        "barcode_shown",
        over(Overlay::Barcode(BarcodeView {
            code: SessionCode::parse(JANE).unwrap(),
            kind: BarcodeType::Qrcode,
            req: Req(1),
            shown: Some(BarcodeScreen::local(
                &SessionCode::parse(JANE).unwrap(),
                BarcodeType::Qrcode,
                crate::i18n::Said::new("plain-unreachable"),
            )),
        })),
    ));
    let mut quit = kiosk();
    quit.quit_prompt = true;
    v.push(("quit_prompt", quit));
    v
}

#[test]
fn every_screen_at_80x24() {
    for (name, s) in all_screens() {
        insta::assert_snapshot!(name, draw(&s, 80, 24));
    }
}

#[test]
fn verdicts_at_the_minimum_size() {
    for (name, kind) in [
        ("min_validated", VerdictKind::Validated),
        ("min_already_validated", VerdictKind::AlreadyValidated),
        ("min_unknown", VerdictKind::Unknown),
    ] {
        let s = with(Screen::Verdict(verdict_view(kind)));
        insta::assert_snapshot!(name, draw(&s, 40, 12));
    }
}

#[test]
fn too_small_asks_for_a_larger_window() {
    let s = kiosk();
    let text = draw(&s, 30, 8);
    assert!(text.contains("enlarge the window"), "{text}");
    insta::assert_snapshot!("too_small", text);
}

#[test]
fn huge_terminal() {
    let s = over(Overlay::Barcode(BarcodeView {
        code: SessionCode::parse(JANE).unwrap(),
        kind: BarcodeType::Pdf417,
        req: Req(1),
        shown: Some(BarcodeScreen::local(
            &SessionCode::parse(JANE).unwrap(),
            BarcodeType::Pdf417,
            crate::i18n::Said::new("plain-unreachable"),
        )),
    }));
    insta::assert_snapshot!("huge_barcode_pdf417", draw(&s, 300, 100));
    let s = with(Screen::Verdict(verdict_view(VerdictKind::AlreadyValidated)));
    insta::assert_snapshot!("huge_already_validated", draw(&s, 300, 100));
    let s = with(Screen::Lookup(Box::new(lookup(LookupView::Detail, Step::Choose))));
    insta::assert_snapshot!("huge_lookup_detail", draw(&s, 300, 100));
}

#[test]
fn verdict_colour_symbol_and_words_agree() {
    for (kind, bg, symbol, words) in [
        (VerdictKind::Validated, Color::Green, "✔", "VALIDATED"),
        (VerdictKind::AlreadyValidated, Color::Red, "✖", "ALREADY USED"),
        (VerdictKind::Expired, Color::Red, "✖", "EXPIRED"),
        (VerdictKind::CheckFailed, Color::Yellow, "⚠", "CHECK FAILED"),
        // Accepted offline: never VALIDATED's green, tick or words.
        (
            VerdictKind::AcceptedOffline,
            Color::Cyan,
            "◆",
            "ACCEPTED OFFLINE — give the discount; sent when the server answers",
        ),
        (
            VerdictKind::WrongCoupon,
            Color::Red,
            "✖",
            "WRONG COUPON — not valid here",
        ),
        (
            VerdictKind::OfflineCannotCheck,
            Color::Yellow,
            "⚠",
            "OFFLINE — CANNOT CHECK — do not accept yet",
        ),
        (
            VerdictKind::Unknown,
            Color::Yellow,
            "⚠",
            "UNKNOWN — do not accept yet",
        ),
        // An undo is neither a refusal nor unsure: its own colour, not UNKNOWN's amber.
        (VerdictKind::Undone, Color::Blue, "↺", "UNDONE"),
    ] {
        let s = with(Screen::Verdict(verdict_view(kind)));
        let area = Rect::new(0, 0, 80, 24);
        let mut buf = Buffer::empty(area);
        render(&s, area, &mut buf);
        let text = text_of(&buf);
        assert!(text.contains(&format!("{symbol} {words}")), "{kind:?}:\n{text}");
        // The body (between the status bar and the scan field) is filled with the tone's colour.
        assert_eq!(buf[(0, 5)].bg, bg, "{kind:?}");
        assert_eq!(buf[(79, 15)].bg, bg, "{kind:?}");
    }
}

#[test]
fn already_validated_says_when_in_local_time() {
    let mut s = with(Screen::Verdict(verdict_view(VerdictKind::AlreadyValidated)));
    s.config.zone = crate::kiosk::clock::LocalZone::Fixed(time::macros::offset!(+1));
    let text = draw(&s, 80, 24);
    assert!(text.contains("It was validated at 14:03:00 today"), "{text}");
}
