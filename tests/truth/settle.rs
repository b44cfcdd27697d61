use crate::support::client::for_sandbox;
use crate::support::sandbox::start;
use coupon_kiosk::api::SessionCode;
use coupon_kiosk::redeem::{self, EarlierAttempt, Outcome, Settled, Till, ValidateExtras};
use coupon_kiosk::sandbox::{FailureKind, FaultPlan};
use coupon_kiosk::tag::{AttemptId, ValidationTag};

fn tagged() -> ValidateExtras {
    ValidateExtras {
        till: Till {
            tag_field: Some(5),
            ..Till::default()
        },
        ..ValidateExtras::default()
    }
}

fn earlier_of(code: &str, v: &redeem::Verdict) -> EarlierAttempt {
    EarlierAttempt {
        attempt: v
            .attempt
            .clone()
            .unwrap_or_else(|| panic!("no attempt id: {v:?}")),
        codes: vec![code.to_string()],
        started_utc: time::OffsetDateTime::now_utc() - time::Duration::seconds(1),
    }
}

/// An unknown attempt settles, once the server answers, into what it turned out to be.
#[tokio::test]
async fn unknown_attempts_settle_into_what_happened() {
    let sb = start().await;
    let client = for_sandbox(&sb);
    let issued: Vec<String> = client
        .create_single_uses(&coupon_kiosk::api::singleuse::NewSingleUses {
            campaign: coupon_kiosk::api::CampaignId::parse("cam_demo01").unwrap(),
            amount: 3,
            status: None,
            automated: None,
        })
        .await
        .unwrap()
        .into_iter()
        .map(|s| s.single_use_code)
        .collect();
    let till = tagged().till;
    let drop = |kind| FaultPlan {
        fail_rate: 1.0,
        kinds: vec![kind],
        ..FaultPlan::default()
    };

    // Went through: the update committed, every answer lost.
    sb.set_fault_plan(drop(FailureKind::DropAfterCommit));
    let code = SessionCode::parse(&issued[0]).unwrap();
    let v = redeem::validate(&client, &code, tagged()).await;
    assert_eq!(v.outcome, Outcome::Unknown, "{v:?}");
    let went_through = earlier_of(&issued[0], &v);
    // Did not: lost before it reached the server.
    sb.set_fault_plan(drop(FailureKind::DropBefore));
    let code = SessionCode::parse(&issued[1]).unwrap();
    let v = redeem::validate(&client, &code, tagged()).await;
    assert_eq!(v.outcome, Outcome::Unknown, "{v:?}");
    let lost = earlier_of(&issued[1], &v);
    sb.set_fault_plan(FaultPlan::default());

    // While the server still fails nothing is settled.
    sb.set_fault_plan(drop(FailureKind::UnavailableBefore));
    assert!(redeem::settle(&client, &went_through, &till).await.is_err());
    sb.set_fault_plan(FaultPlan::default());

    assert_eq!(
        redeem::settle(&client, &went_through, &till).await.unwrap(),
        Some(Settled::Validated)
    );
    assert_eq!(
        redeem::settle(&client, &lost, &till).await.unwrap(),
        Some(Settled::NotValidated)
    );

    // Lost, and then another till validated it: not ours.
    let other = ValidationTag::new("till-2", None, AttemptId::random()).to_field();
    let code = SessionCode::parse(&issued[1]).unwrap();
    client
        .update_session(
            &coupon_kiosk::api::UpdateSession::new(code)
                .operation(coupon_kiosk::api::Operation::Validate)
                .customfield(5, &other)
                .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(
        redeem::settle(&client, &lost, &till).await.unwrap(),
        Some(Settled::ValidatedElsewhere)
    );
    // Without a tag field a recent validation cannot be settled either way.
    assert_eq!(
        redeem::settle(&client, &lost, &Till::default()).await.unwrap(),
        None
    );
}

/// Undo takes back only this till's own validation: once another till's validation replaced it
/// (unvalidated and validated again elsewhere), nothing is taken back.
#[tokio::test]
async fn undo_never_takes_back_another_tills_validation() {
    let sb = start().await;
    let client = for_sandbox(&sb);
    let code = SessionCode::parse("ac6s7u3g8a25ja7x9qg87").unwrap();
    for tag_field in [Some(5), None] {
        let till = Till {
            tag_field,
            ..Till::default()
        };
        let extras = ValidateExtras {
            till: till.clone(),
            ..ValidateExtras::default()
        };
        let v = redeem::validate(&client, &code, extras.clone()).await;
        assert_eq!(v.outcome, Outcome::Validated, "{v:?}");
        let own = redeem::OwnValidation {
            code: code.clone(),
            attempt: v.attempt.clone().unwrap(),
            validation_date_utc: v.validation_date_utc,
        };
        // Someone else takes it back and validates it again a second later, with a tag of their own.
        let update = |op| coupon_kiosk::api::UpdateSession::new(code.clone()).operation(op);
        client
            .update_session(&update(coupon_kiosk::api::Operation::Unvalidate))
            .await
            .unwrap();
        tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
        let other = ValidationTag::new("till-2", None, AttemptId::random()).to_field();
        client
            .update_session(
                &update(coupon_kiosk::api::Operation::Validate)
                    .customfield(5, &other)
                    .unwrap(),
            )
            .await
            .unwrap();
        let e = redeem::unvalidate(&client, &own, &till).await.unwrap_err();
        assert!(e.to_string().contains("nothing was taken back"), "{e}");
        assert!(client.session_data(&code).await.unwrap().validated);
        // Our own validation, still in place, is taken back.
        client
            .update_session(&update(coupon_kiosk::api::Operation::Unvalidate))
            .await
            .unwrap();
        let v = redeem::validate(&client, &code, extras).await;
        let own = redeem::OwnValidation {
            code: code.clone(),
            attempt: v.attempt.clone().unwrap(),
            validation_date_utc: v.validation_date_utc,
        };
        let undone = redeem::unvalidate(&client, &own, &till).await.unwrap();
        assert!(!undone.validated);
    }
}
