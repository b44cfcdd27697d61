//! The kiosk driven headless (the event loop's work without a terminal) against the sandbox over
//! loopback HTTP and a journal on disk: the order in which things happen, and what a panicking
//! effect leads to.

use super::{config, JANE};
use crate::api::{Client, ClientConfig};
use crate::journal::{self, Journal};
use crate::kiosk::driver::Headless;
use crate::kiosk::input::Input;
use crate::kiosk::msg::{Effect, Msg};
use crate::kiosk::runner::{failure, Runner};
use crate::kiosk::state::{Config, Screen, State};
use crate::kiosk::update;
use crate::kiosk::verdict::VerdictKind;
use crate::sandbox::{self, SandboxConfig, DEMO_CLIENT_ID, DEMO_CLIENT_SECRET};
use crate::settings::ValidationMode;
use std::time::Duration;

/// Only a hang waits this long.
const WAIT: Duration = Duration::from_secs(30);

fn client(base_url: String) -> Client {
    Client::new(ClientConfig {
        base_url,
        client_id: DEMO_CLIENT_ID.into(),
        client_secret: DEMO_CLIENT_SECRET.into(),
        connect_timeout: Duration::from_secs(2),
        request_timeout: Duration::from_secs(10),
        allow_insecure_http: false,
    })
    .unwrap_or_else(|e| panic!("{e}"))
}

fn auto() -> Config {
    let mut c = config();
    c.kiosk.mode = ValidationMode::Auto;
    c
}

fn verdict_on_screen(s: &State) -> Option<VerdictKind> {
    match &s.screen {
        Screen::Verdict(v) => Some(v.kind),
        _ => None,
    }
}

/// Confirms the card with Enter and waits (at most [`WAIT`]) for the verdict it comes to.
async fn confirmed_verdict(k: &mut Headless) -> Option<VerdictKind> {
    k.input(Input::Enter);
    k.until(WAIT, |s| verdict_on_screen(s).is_some()).await;
    verdict_on_screen(&k.state)
}

#[tokio::test]
async fn the_journal_holds_the_attempt_before_its_verdict_shows() {
    let sb = sandbox::spawn(SandboxConfig::default())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("journal.sqlite");
    let journal = Journal::open(&path).unwrap_or_else(|e| panic!("{e}"));
    let mut k = Headless::new(client(sb.base_url()), journal, auto());
    // What another reader (the `journal` command, a crash inspector) finds on disk right now.
    let reader = Journal::open(&path).unwrap_or_else(|e| panic!("{e}"));
    let on_disk = || reader.entries_since(None).unwrap_or_else(|e| panic!("{e}"));

    let started = k.scan(JANE);
    assert!(matches!(&started[..], [Effect::Redeem { .. }]), "{started:?}");
    let mut saw_answer_held_back = false;
    while verdict_on_screen(&k.state).is_none() {
        let msg = k
            .next_msg(WAIT)
            .await
            .unwrap_or_else(|| panic!("no answer; screen:\n{}", k.text()));
        let is_verdict = matches!(msg, Msg::Verdict { .. });
        if is_verdict {
            // The attempt was written while the request was in flight: on disk, as unknown,
            // before the answer is even handed to the kiosk.
            let rows = on_disk();
            assert_eq!(
                rows.iter().map(|e| e.outcome).collect::<Vec<_>>(),
                [journal::Outcome::Unknown],
                "{rows:?}"
            );
        }
        k.apply(msg);
        if is_verdict {
            // The server's answer is in, but its journal entry is not yet: no verdict shows.
            assert_eq!(
                verdict_on_screen(&k.state),
                None,
                "verdict shown before its journal write"
            );
            assert!(
                matches!(k.state.screen, Screen::Working(_)),
                "{:?}",
                k.state.screen
            );
            assert!(k.text().contains("Asking the server to validate"), "{}", k.text());
            saw_answer_held_back = true;
        }
    }
    assert!(
        saw_answer_held_back,
        "the verdict came without the server's answer"
    );
    // The first frame with the verdict: the attempt is already on disk.
    assert_eq!(verdict_on_screen(&k.state), Some(VerdictKind::Validated));
    assert!(k.text().contains("give the discount"), "{}", k.text());
    let entries = on_disk();
    assert_eq!(
        entries.len(),
        1,
        "the in-flight row was settled, not doubled: {entries:?}"
    );
    let last = entries
        .last()
        .unwrap_or_else(|| panic!("nothing on disk when the verdict showed"));
    assert_eq!(
        (last.operation, last.outcome, last.session.as_deref()),
        (
            journal::Operation::Validate,
            journal::Outcome::Validated,
            Some(JANE)
        )
    );
    sb.shutdown().await;
}

#[tokio::test]
async fn an_effect_that_panics_shows_unknown_and_is_journaled_never_validated() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("journal.sqlite");
    let journal = Journal::open(&path).unwrap_or_else(|e| panic!("{e}"));
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
    // Nothing listens there: only the journal is used.
    let runner = Runner::new(client("http://127.0.0.1:9".into()), journal, tx);
    let mut s = State::new(auto(), super::kiosk().clock);
    for c in JANE.chars() {
        update(&mut s, Msg::Input(Input::Char(c)));
    }
    let fx = update(&mut s, Msg::Input(Input::Enter));
    let [redeem @ Effect::Redeem { .. }] = &fx[..] else {
        panic!("{fx:?}")
    };
    // The validation's work panics inside the runner.
    let fallback = failure(redeem).unwrap_or_else(|| panic!("a validation has a failure answer"));
    runner.report(fallback, async { panic!("the validation's work broke") });
    let answer = tokio::time::timeout(WAIT, rx.recv())
        .await
        .ok()
        .flatten()
        .unwrap_or_else(|| panic!("a panicking effect left the screen waiting"));
    assert!(matches!(answer, Msg::Verdict { .. }), "{answer:?}");
    // Its answer goes through the journal like any other.
    let fx = update(&mut s, answer);
    assert_eq!(verdict_on_screen(&s), None, "shown before the journal write");
    for e in fx {
        runner.run(e);
    }
    let journaled = tokio::time::timeout(WAIT, rx.recv())
        .await
        .ok()
        .flatten()
        .unwrap_or_else(|| panic!("the journal never answered"));
    update(&mut s, journaled);
    assert_eq!(verdict_on_screen(&s), Some(VerdictKind::Unknown));
    let entries = Journal::open(&path)
        .and_then(|j| j.entries_since(None))
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        entries.iter().map(|e| e.outcome).collect::<Vec<_>>(),
        vec![journal::Outcome::Unknown]
    );
}

/// The staff action Unvalidate (F2, detail view) takes back this till's own validation and
/// refuses another till's: the demo's John Smith coupon, validated before this till existed.
#[tokio::test]
async fn staff_unvalidate_takes_back_only_this_tills_validation() {
    const OTHER_TILLS: &str = "i9yxd6igssghayshqarq2";
    let sb = sandbox::spawn(SandboxConfig::default())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let journal = Journal::open(&dir.path().join("journal.sqlite")).unwrap_or_else(|e| panic!("{e}"));
    let api = client(sb.base_url());
    let mut k = Headless::new(api.clone(), journal, auto());
    k.scan(JANE);
    assert!(
        k.until(WAIT, |s| verdict_on_screen(s) == Some(VerdictKind::Validated))
            .await,
        "{}",
        k.text()
    );
    let till = k.state.till();
    for (code, ours) in [(OTHER_TILLS, false), (JANE, true)] {
        let act = Effect::Act {
            req: k.state.next_req(),
            attempt: crate::kiosk::msg::Attempt {
                scanned: code.into(),
                operation: journal::Operation::Unvalidate,
                started_utc: time::OffsetDateTime::now_utc(),
                reason: Some("staff action".into()),
            },
            code: crate::api::SessionCode::parse(code).unwrap_or_else(|e| panic!("{e}")),
            campaign: None,
            action: crate::kiosk::msg::StaffAction::Update(crate::api::Operation::Unvalidate),
            till: till.clone(),
        };
        let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
        let journal = Journal::open(&dir.path().join("journal.sqlite")).unwrap_or_else(|e| panic!("{e}"));
        Runner::new(api.clone(), journal, tx).run(act);
        let answer = tokio::time::timeout(WAIT, rx.recv()).await.ok().flatten();
        let Some(Msg::Acted { result, .. }) = answer else {
            panic!("{answer:?}")
        };
        let code = crate::api::SessionCode::parse(code).unwrap_or_else(|e| panic!("{e}"));
        let now = api.session_data(&code).await.unwrap_or_else(|e| panic!("{e}"));
        if ours {
            assert!(result.is_ok(), "{result:?}");
            assert!(!now.validated, "this till's validation was taken back");
        } else {
            let err = result.err().map(|e| e.to_string()).unwrap_or_default();
            assert!(err.contains("Not validated by this till"), "{err}");
            assert!(now.validated, "another till's validation stays");
        }
    }
    sb.shutdown().await;
}

/// The in-flight journal row holds the id the validation sends, so that an attempt cut short
/// by a crash can still be settled by its id; each validation sent has an id of its own.
#[test]
fn the_attempt_in_flight_is_journaled_with_the_id_it_sends() {
    let mut s = State::new(auto(), super::kiosk().clock);
    let mut ids = Vec::new();
    for code in [JANE, super::JANE2] {
        for c in code.chars() {
            update(&mut s, Msg::Input(Input::Char(c)));
        }
        let fx = update(&mut s, Msg::Input(Input::Enter));
        let Some(Effect::Redeem {
            extras, in_flight, ..
        }) = fx.into_iter().find(|e| matches!(e, Effect::Redeem { .. }))
        else {
            panic!("a scan in auto mode validates")
        };
        let sent = extras.attempt_id.map(|id| id.to_string());
        assert!(sent.is_some(), "the kiosk chooses the id");
        assert_eq!(in_flight.attempt_id, sent, "journaled before the request leaves");
        ids.push(sent);
        s.screen = Screen::Scan;
    }
    assert_ne!(ids[0], ids[1], "one id per attempt");
}

/// A server that reads short codes only in `couponsession/update` (`--profile strict`): in
/// confirm mode a coupon's short code still gets a card (its details come with the validation)
/// and Enter validates it — never NOT FOUND for a coupon the update would take.
#[tokio::test]
async fn a_short_code_the_server_will_not_describe_gets_a_card_and_validates() {
    let sb = sandbox::spawn(SandboxConfig {
        profile: sandbox::ProfileName::Strict,
        ..SandboxConfig::default()
    })
    .await
    .unwrap_or_else(|e| panic!("{e}"));
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let journal = Journal::open(&dir.path().join("journal.sqlite")).unwrap_or_else(|e| panic!("{e}"));
    let mut k = Headless::new(client(sb.base_url()), journal, config());
    k.scan(&JANE[..6]);
    let card = |s: &State| matches!(&s.screen, Screen::Card(c) if c.undescribed);
    assert!(k.until(WAIT, card).await, "{}", k.text());
    assert!(k.text().contains("only once it is validated"), "{}", k.text());
    let shown = confirmed_verdict(&mut k).await;
    assert_eq!(shown, Some(VerdictKind::Validated), "{}", k.text());
    // A short code no session has is still the update's to refuse: NOT FOUND after Enter.
    k.input(Input::Esc);
    k.scan("zzzzzz");
    assert!(k.until(WAIT, card).await, "{}", k.text());
    let shown = confirmed_verdict(&mut k).await;
    assert_eq!(shown, Some(VerdictKind::NotFound), "{}", k.text());
    sb.shutdown().await;
}
