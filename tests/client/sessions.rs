use coupon_kiosk::api::{
    ApiError, CampaignId, Client, ClientConfig, Operation, Refusal, SearchQuery, SessionState, UpdateSession,
};
use coupon_kiosk::redeem::{self, Outcome, ValidateExtras};
use coupon_kiosk::sandbox::{FailureKind, FaultPlan, SandboxHandle};
use coupon_kiosk::scan::Scanned;
use rust_decimal::Decimal;
use std::str::FromStr;
use time::macros::datetime;
use time::OffsetDateTime;

use crate::support;
use crate::support::codes::{
    CLAIMED, CLAIMED_2, CUSTOM_CODE as CUSTOM, EXPIRED, FLEXIBLE, LOCKED, UNCLAIMED, VALIDATED, VOIDED,
};
use coupon_kiosk::api::singleuse::NewSingleUses;

async fn start() -> (SandboxHandle, Client) {
    support::sandbox::with_client().await
}

fn client_with(sb: &SandboxHandle, secret: &str) -> Client {
    support::client::build(ClientConfig {
        client_secret: secret.into(),
        ..support::client::config(sb.base_url())
    })
}

use support::client::code;

#[tokio::test]
async fn session_data_reads_every_demo_state() {
    let (_sb, client) = start().await;
    let expect = [
        (CLAIMED, SessionState::Claimed),
        (CLAIMED_2, SessionState::Claimed),
        (VALIDATED, SessionState::Validated),
        (VOIDED, SessionState::Voided),
        (LOCKED, SessionState::Locked),
        (EXPIRED, SessionState::Expired),
        (UNCLAIMED, SessionState::Open),
        (CUSTOM, SessionState::Claimed),
        (FLEXIBLE, SessionState::Voided),
    ];
    for (c, state) in expect {
        let s = client.session_data(&code(c)).await.unwrap();
        assert_eq!(s.session, c);
        assert_eq!(s.state(), state, "{c}");
    }
    let jane = client.session_data(&code(CLAIMED)).await.unwrap();
    assert_eq!(jane.campaign, "cam_demo01");
    assert_eq!(jane.customer.full_name().as_deref(), Some("Jane Doe"));
    assert_eq!(jane.customer.email.as_deref(), Some("jane@example.com"));
    assert_eq!(jane.customer.phone.as_deref(), Some("+447911123456"));
    assert!(jane.sequenceid.is_some());
    let john = client.session_data(&code(VALIDATED)).await.unwrap();
    assert_eq!(john.validation_date_utc, Some(datetime!(2026-11-20 14:03:00 UTC)));
    let expired = client.session_data(&code(EXPIRED)).await.unwrap();
    assert_eq!(
        expired.expiration_date_utc,
        Some(datetime!(2025-01-31 23:59:59 UTC))
    );
    let custom = client.session_data(&code(CUSTOM)).await.unwrap();
    assert_eq!(custom.custom_validation_code.as_deref(), Some("WELCOME2026"));
}

#[tokio::test]
async fn short_codes_work_wherever_a_session_code_does() {
    let (_sb, client) = start().await;
    let s = client.session_data(&code(&CLAIMED[..6])).await.unwrap();
    assert_eq!(s.session, CLAIMED);
    let u = UpdateSession::new(code(&CLAIMED[..6])).operation(Operation::Lock);
    assert!(client.update_session(&u).await.unwrap().locked);
}

#[tokio::test]
async fn unknown_sessions_are_not_found() {
    let (_sb, client) = start().await;
    let err = client
        .session_data(&code("zzzzzzzzzzzzzzzzzzzzz"))
        .await
        .unwrap_err();
    assert_eq!(err.refusal(), Some(Refusal::NotFound));
    assert_eq!(
        support::client::refusal(err),
        (513, "Coupon session not found".into())
    );
    let u = UpdateSession::new(code("zzzzzzzzzzzzzzzzzzzzz")).operation(Operation::Validate);
    let err = client.update_session(&u).await.unwrap_err();
    assert_eq!(
        support::client::refusal(err),
        (512, "Coupon session not found".into())
    );
}

#[tokio::test]
async fn bad_credentials_are_refused_with_1000() {
    let (sb, _) = start().await;
    let err = client_with(&sb, "wrong-secret")
        .session_data(&code(CLAIMED))
        .await
        .unwrap_err();
    match &err {
        ApiError::Api {
            code: 1000,
            http_status: 401,
            message,
        } => assert!(message.contains("Client ID or Secret not correct"), "{message}"),
        other => panic!("{other:?}"),
    }
    assert!(!err.to_string().contains("wrong-secret"));
}

type Expected = Result<(), (u32, &'static str)>;

/// Every operation from every demo state, as the sandbox's rules (from the seed) answer.
fn table(op: Operation) -> Vec<(&'static str, Expected)> {
    use Operation::*;
    let ok = Ok(());
    let states = [CLAIMED, VALIDATED, VOIDED, LOCKED, EXPIRED, UNCLAIMED, FLEXIBLE];
    let answers: [Expected; 7] = match op {
        Validate => [
            ok,
            Err((358, "This session was already validated")),
            Err((355, "This coupon is voided")),
            Err((354, "This coupon is locked")),
            Err((351, "Session or coupon has expired")),
            ok,
            Err((355, "This coupon is voided")),
        ],
        Void => [
            ok,
            ok,
            Err((355, "Session was already voided")),
            ok,
            ok,
            ok,
            Err((355, "Session was already voided")),
        ],
        Unvoid => {
            let no = Err((357, "Session wasn't voided"));
            [no, no, ok, no, no, no, ok]
        }
        Lock => [
            ok,
            Err((358, "Session could not be locked because it is already validated")),
            Err((355, "Session could not be locked because it is voided")),
            Err((354, "Session already was locked before")),
            Err((351, "Session or coupon has expired")),
            Err((352, "Session could not be locked because it is not claimed")),
            Err((355, "Session could not be locked because it is voided")),
        ],
        Unlock => {
            let no = Err((356, "Session was already unlocked"));
            let voided = Err((355, "Session could not be unlocked because it is voided"));
            [no, no, voided, ok, no, no, voided]
        }
        Claim => {
            let before = Err((352, "Session already was claimed before"));
            let voided = Err((355, "This coupon is voided"));
            [before, before, voided, before, before, ok, voided]
        }
        Unvalidate => {
            let no = Err((353, "Session was already unvalidated"));
            [no, ok, no, no, no, no, no]
        }
        Activate => [
            ok,
            Err((358, "This session was already validated")),
            ok,
            ok,
            Err((351, "Session or coupon has expired")),
            ok,
            ok,
        ],
    };
    states.into_iter().zip(answers).collect()
}

#[tokio::test]
async fn each_operation_from_each_state() {
    for op in Operation::ALL {
        let (sb, client) = start().await;
        for (c, expected) in table(op) {
            let got = client
                .update_session(&UpdateSession::new(code(c)).operation(op))
                .await;
            match (got, expected) {
                (Ok(s), Ok(())) => {
                    assert_eq!(s.session, c);
                    let after = client.session_data(&code(c)).await.unwrap();
                    assert_eq!(after, s, "the answer is the stored session ({op:?} {c})");
                    let holds = match op {
                        Operation::Void => s.voided,
                        Operation::Unvoid => !s.voided,
                        Operation::Lock => s.locked,
                        Operation::Unlock => !s.locked,
                        Operation::Claim => s.claimed,
                        Operation::Validate => s.validated && s.validation_date_utc.is_some(),
                        Operation::Unvalidate => !s.validated,
                        Operation::Activate => !s.voided,
                    };
                    assert!(holds, "{op:?} on {c} left {s:?}");
                }
                (Err(e), Err((want_code, want_msg))) => {
                    assert_eq!(
                        support::client::refusal(e),
                        (want_code, want_msg.to_string()),
                        "{op:?} on {c}"
                    );
                }
                (got, want) => panic!("{op:?} on {c}: got {got:?}, expected {want:?}"),
            }
        }
        sb.shutdown().await;
    }
}

#[tokio::test]
async fn activate_starts_the_flexible_window() {
    let (_sb, client) = start().await;
    let before = OffsetDateTime::now_utc();
    let s = client
        .update_session(&UpdateSession::new(code(FLEXIBLE)).operation(Operation::Activate))
        .await
        .unwrap();
    assert!(!s.voided);
    let exp = s.expiration_date_utc.expect("an expiry after activation");
    let days = (exp - before).whole_hours() as f64 / 24.0;
    assert!((29.9..=30.1).contains(&days), "{exp}");
}

#[tokio::test]
async fn fields_customid_and_money_are_stored() {
    let (_sb, client) = start().await;
    let mut u = UpdateSession::new(code(CLAIMED))
        .customid("Till7")
        .unwrap()
        .money_spent(Decimal::from_str("12.5").unwrap())
        .unwrap();
    for i in 1..=7u8 {
        u = u.customfield(i, &format!("field {i} ✓")).unwrap();
    }
    let s = client.update_session(&u).await.unwrap();
    assert_eq!(s.customid.as_deref(), Some("Till7"));
    assert_eq!(s.money_spent, Some(Decimal::from_str("12.500").unwrap()));
    let again = client.session_data(&code(CLAIMED)).await.unwrap();
    for i in 0..7 {
        assert_eq!(
            again.customfields[i].as_deref(),
            Some(format!("field {} ✓", i + 1).as_str())
        );
    }
    assert!(!again.validated, "fields alone change no state");
}

#[tokio::test]
async fn search_by_email_phone_and_code() {
    let (_sb, client) = start().await;
    let mut jane: Vec<String> = client
        .search_sessions(&SearchQuery::by_email("jane@example.com").unwrap())
        .await
        .unwrap()
        .into_iter()
        .map(|s| s.session)
        .collect();
    jane.sort();
    assert_eq!(jane, vec![CLAIMED.to_string(), CLAIMED_2.to_string()]);

    let john = client
        .search_sessions(&SearchQuery::by_phone("+1 415 555 0123").unwrap())
        .await
        .unwrap();
    assert_eq!(john.len(), 1);
    assert_eq!(john[0].session, VALIDATED);

    let welcome = client
        .search_sessions(&SearchQuery::by_code("WELCOME2026").unwrap())
        .await
        .unwrap();
    assert_eq!(welcome.len(), 1);
    assert_eq!(welcome[0].session, CUSTOM);
    assert_eq!(welcome[0].campaign, "cam_demo02");

    let in_campaign = SearchQuery::by_email("jane@example.com")
        .unwrap()
        .in_campaign(CampaignId::parse("cam_demo02").unwrap());
    assert!(
        client.search_sessions(&in_campaign).await.unwrap().is_empty(),
        "512 is an empty list"
    );

    let nobody = SearchQuery::by_email("nobody@example.com").unwrap();
    assert!(client.search_sessions(&nobody).await.unwrap().is_empty());

    let unknown = SearchQuery::by_code("WELCOME2026")
        .unwrap()
        .in_campaign(CampaignId::parse("cam_nothere").unwrap());
    let err = client.search_sessions(&unknown).await.unwrap_err();
    assert_eq!(support::client::refusal(err), (502, "campaign not found".into()));
}

#[tokio::test]
async fn remove_deletes_a_session() {
    let (_sb, client) = start().await;
    let cam = CampaignId::parse("cam_demo01").unwrap();
    let err = client
        .remove_session(&CampaignId::parse("cam_nothere").unwrap(), &code(CLAIMED_2))
        .await
        .unwrap_err();
    assert_eq!(
        support::client::refusal(err),
        (502, "Campaign ID not found".into())
    );
    client.remove_session(&cam, &code(CLAIMED_2)).await.unwrap();
    let err = client.session_data(&code(CLAIMED_2)).await.unwrap_err();
    assert_eq!(err.refusal(), Some(Refusal::NotFound));
    let err = client.remove_session(&cam, &code(CLAIMED_2)).await.unwrap_err();
    assert_eq!(
        support::client::refusal(err),
        (513, "Coupon session not found".into())
    );
}

#[tokio::test]
async fn redeem_outcomes_and_round_trips() {
    let (_sb, client) = start().await;
    let extras = ValidateExtras::default;
    let v = redeem::redeem(&client, &Scanned::ShortCode(CLAIMED[..6].into()), extras()).await;
    assert_eq!((v.outcome, v.round_trips), (Outcome::Validated, 1), "{v:?}");
    assert!(v.validation_date_utc.is_some());
    let own = redeem::OwnValidation {
        code: code(CLAIMED),
        attempt: v.attempt.clone().unwrap(),
        validation_date_utc: v.validation_date_utc,
    };

    let v = redeem::redeem(&client, &Scanned::SessionCode(VALIDATED.into()), extras()).await;
    assert_eq!(
        (v.outcome, v.round_trips),
        (Outcome::AlreadyValidated, 2),
        "{v:?}"
    );
    assert_eq!(v.validation_date_utc, Some(datetime!(2026-11-20 14:03:00 UTC)));
    assert_eq!(v.error_code, Some(358));

    let v = redeem::redeem(&client, &Scanned::CustomCode("WELCOME2026".into()), extras()).await;
    assert_eq!((v.outcome, v.round_trips), (Outcome::Validated, 2), "{v:?}");
    let v = redeem::redeem(&client, &Scanned::CustomCode("WELCOME2026".into()), extras()).await;
    assert_eq!(
        (v.outcome, v.round_trips),
        (Outcome::AlreadyValidated, 1),
        "{v:?}"
    );
    assert!(v.validation_date_utc.is_some());
    let v = redeem::redeem(&client, &Scanned::CustomCode("NOSUCHCODE".into()), extras()).await;
    assert_eq!((v.outcome, v.round_trips), (Outcome::NotFound, 1), "{v:?}");

    // A voided or expired refusal reads the record once more, to say when.
    for (c, outcome, trips) in [
        (VOIDED, Outcome::Voided, 2),
        (LOCKED, Outcome::Locked, 1),
        (EXPIRED, Outcome::Expired, 2),
        ("zzzzzzzzzzzzzzzzzzzzz", Outcome::NotFound, 1),
    ] {
        let v = redeem::validate(&client, &code(c), extras()).await;
        assert_eq!((v.outcome, v.round_trips), (outcome, trips), "{c}: {v:?}");
    }

    let v = redeem::redeem(&client, &Scanned::Email("jane@example.com".into()), extras()).await;
    assert_eq!((v.outcome, v.round_trips), (Outcome::InvalidInput, 0));

    let undone = redeem::unvalidate(&client, &own, &redeem::Till::default())
        .await
        .unwrap();
    assert!(!undone.validated);
    // The id the caller chose (the kiosk journals it before sending) is the one sent.
    let chosen = coupon_kiosk::tag::AttemptId::random();
    let tagged = ValidateExtras {
        money_spent: Some(Decimal::from_str("9.99").unwrap()),
        till: redeem::Till {
            terminal: "till-1".into(),
            cashier: Some("x".repeat(80)),
            tag_field: Some(7),
        },
        earlier: Vec::new(),
        attempt_id: Some(chosen.clone()),
    };
    let v = redeem::validate(&client, &code(CLAIMED), tagged).await;
    assert_eq!(v.outcome, Outcome::Validated, "{v:?}");
    let s = client.session_data(&code(CLAIMED)).await.unwrap();
    assert_eq!(
        s.customfields[6].as_ref().map(|f| f.chars().count()),
        Some(50),
        "tag cut to 50"
    );
    let field = s.customfields[6].clone().unwrap_or_default();
    assert!(field.ends_with(&format!("/{chosen}")), "{field}");
    assert_eq!(s.money_spent, Some(Decimal::from_str("9.990").unwrap()));
}

#[tokio::test]
async fn resolve_finds_what_a_scan_names() {
    let (_sb, client) = start().await;
    let found = redeem::resolve(&client, &Scanned::Email("jane@example.com".into()))
        .await
        .unwrap();
    assert_eq!(found.len(), 2);
    let found = redeem::resolve(&client, &Scanned::Phone("+447911123456".into()))
        .await
        .unwrap();
    assert_eq!(found.len(), 2);
    let found = redeem::resolve(&client, &Scanned::ShortCode("i9yxd6".into()))
        .await
        .unwrap();
    assert_eq!(found[0].session, VALIDATED);
    let found = redeem::resolve(&client, &Scanned::CustomCode("WELCOME2026".into()))
        .await
        .unwrap();
    assert_eq!(found[0].session, CUSTOM);
}

fn only_updates(kind: FailureKind) -> FaultPlan {
    FaultPlan {
        fail_rate: 1.0,
        kinds: vec![kind],
        only_paths: vec!["couponsession/update".into()],
        ..FaultPlan::default()
    }
}

fn tagged() -> ValidateExtras {
    ValidateExtras {
        till: redeem::Till {
            tag_field: Some(7),
            ..redeem::Till::default()
        },
        ..ValidateExtras::default()
    }
}

#[tokio::test]
async fn a_lost_answer_after_commit_resolves_to_the_truth() {
    for kind in [FailureKind::DropAfterCommit, FailureKind::UnavailableAfterCommit] {
        let (sb, client) = start().await;
        sb.set_fault_plan(only_updates(kind));
        // Without a tag field nothing proves whose validation it is.
        let v = redeem::validate(&client, &code(CLAIMED_2), ValidateExtras::default()).await;
        assert_eq!(v.outcome, Outcome::ValidatedOwnerUnknown, "{kind:?}: {v:?}");
        let v = redeem::validate(&client, &code(CLAIMED), tagged()).await;
        assert_eq!(v.outcome, Outcome::Validated, "{kind:?}: {v:?}");
        assert_eq!(v.round_trips, 2);
        assert!(v.message.contains("confirmed"), "{}", v.message);
        sb.set_fault_plan(FaultPlan::default());
        assert!(client.session_data(&code(CLAIMED)).await.unwrap().validated);
    }
}

#[tokio::test]
async fn a_lost_request_before_commit_is_not_reported_validated() {
    for kind in [FailureKind::DropBefore, FailureKind::UnavailableBefore] {
        let (sb, client) = start().await;
        sb.set_fault_plan(only_updates(kind));
        let v = redeem::validate(&client, &code(CLAIMED), ValidateExtras::default()).await;
        assert_eq!(v.outcome, Outcome::Unknown, "{kind:?}: {v:?}");
        assert!(v.message.contains("NOT validated"), "{}", v.message);
        sb.set_fault_plan(FaultPlan::default());
        assert!(!client.session_data(&code(CLAIMED)).await.unwrap().validated);
    }
}

#[tokio::test]
async fn when_the_recheck_fails_too_the_outcome_is_unknown() {
    let (sb, client) = start().await;
    sb.set_fault_plan(FaultPlan {
        fail_rate: 1.0,
        kinds: vec![FailureKind::DropAfterCommit],
        ..FaultPlan::default()
    });
    let v = redeem::validate(&client, &code(CLAIMED), ValidateExtras::default()).await;
    assert_eq!(v.outcome, Outcome::Unknown, "{v:?}");
    assert!(v.message.contains("do not accept it yet"), "{}", v.message);
    sb.set_fault_plan(FaultPlan::default());
    // It was committed: the truth is only known after asking again.
    assert!(client.session_data(&code(CLAIMED)).await.unwrap().validated);
}

#[tokio::test]
async fn a_failed_server_is_uncertain_not_a_refusal() {
    let (sb, client) = start().await;
    sb.set_fault_plan(FaultPlan {
        fail_rate: 1.0,
        kinds: vec![FailureKind::UnavailableBefore],
        ..FaultPlan::default()
    });
    let err = client.session_data(&code(CLAIMED)).await.unwrap_err();
    assert!(matches!(err, ApiError::Uncertain(_)), "{err:?}");
    assert!(err.to_string().contains("HTTP 503"), "{err}");
}

/// In one process the sandbox's single connection takes requests one at a time, so this shows
/// the client's side (every loser reads ALREADY VALIDATED); the test below shows exactly-once
/// where the store's guard is what decides.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn thirty_two_simultaneous_validations_one_wins() {
    let (_sb, client) = start().await;
    // All 32 are sent before any answer is awaited.
    let attempts: Vec<_> = (0..32)
        .map(|_| {
            let client = client.clone();
            tokio::spawn(async move {
                redeem::validate(&client, &code(CLAIMED_2), ValidateExtras::default()).await
            })
        })
        .collect();
    let mut validated = 0;
    let mut already = 0;
    for a in futures::future::join_all(attempts).await {
        match a.unwrap().outcome {
            Outcome::Validated => validated += 1,
            Outcome::AlreadyValidated => already += 1,
            other => panic!("{other:?}"),
        }
    }
    assert_eq!((validated, already), (1, 31));
}

/// Two sandbox processes share one database file, as two tills' servers would: 20 sessions,
/// each validated 16 times at once, half through each process. Exactly one validation wins per
/// session; every other one is refused as already validated. The processes share nothing but
/// the file, so only the store's guarded write keeps a second win out.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn exactly_one_validation_wins_per_session_across_two_sandbox_processes() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("shared.sqlite");
    // The first one creates and seeds the file; the second opens it as it is.
    let first = support::sandbox::Process::start(&db);
    let second = support::sandbox::Process::start(&db);
    let clients = [
        support::client::at(first.base_url.clone()),
        support::client::at(second.base_url.clone()),
    ];
    let codes: Vec<String> = clients[0]
        .create_single_uses(&NewSingleUses {
            campaign: CampaignId::parse("cam_demo01").unwrap(),
            amount: 20,
            status: None,
            automated: None,
        })
        .await
        .unwrap()
        .into_iter()
        .map(|s| s.single_use_code)
        .collect();
    assert_eq!(codes.len(), 20, "20 sessions that can be validated");
    let attempts = codes.iter().flat_map(|c| {
        let clients = &clients;
        (0..16).map(move |i| {
            let client = clients[i % 2].clone();
            let update = UpdateSession::new(code(c)).operation(Operation::Validate);
            async move { (c.clone(), client.update_session(&update).await) }
        })
    });
    let answers = futures::future::join_all(attempts).await;
    for c in &codes {
        let mine: Vec<_> = answers
            .iter()
            .filter(|(code, _)| code == c)
            .map(|(_, r)| r)
            .collect();
        let wins = mine.iter().filter(|r| r.is_ok()).count();
        assert_eq!(wins, 1, "{c}: {wins} validations won");
        for r in mine.iter().filter(|r| r.is_err()) {
            match r {
                Err(ApiError::Api { code, .. }) => assert_eq!(*code, 358, "{r:?}"),
                other => panic!("{c}: {other:?}"),
            }
        }
    }
}
