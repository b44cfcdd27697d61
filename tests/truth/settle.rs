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
