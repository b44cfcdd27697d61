use crate::support;
use coupon_kiosk::api::batch::BatchUpdate;
use coupon_kiosk::api::coupons::CouponFilter;
use coupon_kiosk::api::distribution::{SendEmail, SendSms};
use coupon_kiosk::api::session_lists::{FilterDate, ListQuery, SessionList};
use coupon_kiosk::api::singleuse::{
    AutoValCode, AutomatedCodes, CodeType, DuplicateCheck, IssueStatus, NewSingleUse, NewSingleUses,
};
use coupon_kiosk::api::{ApiError, CampaignId, Client, ClientConfig, Operation, SessionCode, SessionState};
use coupon_kiosk::redeem::{self, Outcome, ValidateExtras};
use coupon_kiosk::sandbox::{SandboxConfig, SandboxHandle};
use std::collections::HashSet;
use std::time::Duration;

async fn start_with(config: SandboxConfig) -> (SandboxHandle, Client) {
    let sb = support::sandbox::start_with(config).await;
    // Whole-campaign pages of the 12,000-session campaign take a while on a busy machine.
    let client = support::client::build(ClientConfig {
        request_timeout: Duration::from_secs(30),
        ..support::client::config(sb.base_url())
    });
    (sb, client)
}

async fn start() -> (SandboxHandle, Client) {
    start_with(SandboxConfig::default()).await
}

fn cam(id: &str) -> CampaignId {
    CampaignId::parse(id).unwrap()
}

#[tokio::test]
async fn coupon_list_filters_and_info() {
    let (_sb, client) = start().await;
    let ids = |v: Vec<coupon_kiosk::api::coupons::Coupon>| v.into_iter().map(|c| c.id).collect::<Vec<_>>();
    let all = client.coupon_list(&CouponFilter::default()).await.unwrap();
    assert!(all.iter().all(|c| c.title.is_some()));
    assert_eq!(ids(all), ["cam_demo01", "cam_demo02", "cam_demo03"]);
    let tagged = CouponFilter {
        tags: Some("COFFEE, breakfast".into()),
        ..Default::default()
    };
    assert_eq!(ids(client.coupon_list(&tagged).await.unwrap()), ["cam_demo01"]);
    let category = CouponFilter {
        category: Some("cat_retail".into()),
        ..Default::default()
    };
    assert_eq!(ids(client.coupon_list(&category).await.unwrap()), ["cam_demo02"]);
    let archive = CouponFilter {
        folder: Some("fol_archive".into()),
        ..Default::default()
    };
    assert!(client.coupon_list(&archive).await.unwrap().is_empty());
    let missing = CouponFilter {
        folder: Some("fol_nothere".into()),
        ..Default::default()
    };
    assert_eq!(
        support::client::refusal(client.coupon_list(&missing).await.unwrap_err()),
        (515, "Folder not found".into())
    );

    let plain = client.coupon_info(&cam("cam_demo02"), false).await.unwrap();
    assert_eq!(plain.custom_codes_total, None);
    let usage = client.coupon_info(&cam("cam_demo02"), true).await.unwrap();
    assert!(usage.custom_codes_total.is_some_and(|n| n >= 1), "{usage:?}");
    assert!(usage.custom_codes_claimed.is_some());
    let err = client.coupon_info(&cam("cam_nothere"), false).await.unwrap_err();
    assert_eq!(
        support::client::refusal(err),
        (502, "Campaign ID not found".into())
    );
}

#[tokio::test]
async fn every_page_of_cam_demo03_each_session_once() {
    let (_sb, client) = start().await;
    let mut pages = client.session_pages(ListQuery::new(cam("cam_demo03"), SessionList::All));
    let mut seen = HashSet::new();
    let mut page_count = 0;
    let mut total = 0;
    while let Some(page) = pages.next_page().await {
        let page = page.unwrap();
        page_count += 1;
        assert!(page.sessions.len() <= 5000);
        for s in page.sessions {
            assert_eq!(s.campaign, "cam_demo03");
            assert!(seen.insert(s.session), "a session appears twice");
            total += 1;
        }
    }
    assert_eq!((page_count, total), (3, 12_001));
    assert!(seen.contains("itu5hlxwuay5fy4wf58np"));
}

#[tokio::test]
async fn list_kinds_and_inclusive_date_filters() {
    let (_sb, client) = start().await;
    let count = |list, from: Option<&str>, to: Option<&str>| {
        let client = client.clone();
        let mut q = ListQuery::new(cam("cam_demo03"), list);
        q.start_date = from.map(|d| FilterDate::parse(d).unwrap());
        q.end_date = to.map(|d| FilterDate::parse(d).unwrap());
        async move {
            let mut pages = client.session_pages(q);
            let mut n = 0;
            let mut sessions = Vec::new();
            while let Some(p) = pages.next_page().await {
                let p = p.unwrap();
                n += p.sessions.len();
                sessions.extend(p.sessions);
            }
            (n, sessions)
        }
    };
    let (day, _) = count(SessionList::All, Some("2026-01-01"), Some("2026-01-01")).await;
    assert_eq!(day, 72, "every 20 minutes, both ends of the day included");
    let (three, _) = count(
        SessionList::All,
        Some("2026-01-01 00:20"),
        Some("2026-01-01 01:00"),
    )
    .await;
    assert_eq!(three, 3, "00:20, 00:40 and 01:00");
    let (dashed, _) = count(
        SessionList::All,
        Some("2026-01-01 00-20"),
        Some("2026-01-01 01-00"),
    )
    .await;
    assert_eq!(dashed, 3);
    let (validated, sessions) = count(SessionList::Validations, Some("2026-01-04"), Some("2026-01-04")).await;
    assert_eq!(validated, 16);
    assert!(sessions.iter().all(|s| s.validated));
    assert!(sessions
        .iter()
        .all(|s| matches!(s.state(), SessionState::Validated | SessionState::Voided)));
    let (claims, sessions) = count(SessionList::Claims, None, Some("2026-01-02")).await;
    assert!(claims > 0 && sessions.iter().all(|s| s.claimed));
    let (opens, sessions) = count(SessionList::Opens, None, Some("2026-01-02")).await;
    assert!(opens >= claims && sessions.iter().all(|s| s.opened));
    let err = client
        .list_sessions(&ListQuery::new(cam("cam_nothere"), SessionList::All))
        .await
        .unwrap_err();
    assert_eq!(
        support::client::refusal(err),
        (502, "Campaign ID not found".into())
    );
    assert!(
        FilterDate::parse("2026-13-01").is_err(),
        "a bad date never reaches the server"
    );
}

async fn issue(client: &Client, campaign: &str, n: u32) -> Vec<(String, u64)> {
    client
        .create_single_uses(&NewSingleUses {
            campaign: cam(campaign),
            amount: n,
            status: None,
            automated: None,
        })
        .await
        .unwrap()
        .into_iter()
        .map(|s| (s.single_use_code, s.sequence_id.expect("a sequence id")))
        .collect()
}

#[tokio::test]
async fn batch_update_is_all_or_nothing() {
    let (_sb, client) = start().await;
    let issued = issue(&client, "cam_demo01", 5).await;
    let (first, last) = (issued[0].1, issued[4].1);
    let mut claim = BatchUpdate::new(cam("cam_demo01"), Some(first), Some(last));
    claim.operation = Some(Operation::Claim);
    assert_eq!(client.batch_update(&claim).await.unwrap().updated, Some(5));

    // Void the middle one; locking the range must then change nothing at all.
    let middle = SessionCode::parse(&issued[2].0).unwrap();
    client
        .update_session(&coupon_kiosk::api::UpdateSession::new(middle).operation(Operation::Void))
        .await
        .unwrap();
    let mut lock = BatchUpdate::new(cam("cam_demo01"), Some(first), Some(last));
    lock.operation = Some(Operation::Lock);
    let (code, _) = support::client::refusal(client.batch_update(&lock).await.unwrap_err());
    assert_eq!(code, 355);
    for (c, _) in &issued {
        let s = client
            .session_data(&SessionCode::parse(c).unwrap())
            .await
            .unwrap();
        assert!(!s.locked, "{c} was locked although the batch was refused");
    }
    let mut fields = BatchUpdate::new(cam("cam_demo01"), Some(first), Some(first + 1));
    fields.customfields[0] = Some("batch note".into());
    assert_eq!(client.batch_update(&fields).await.unwrap().updated, Some(2));
    let s = client
        .session_data(&SessionCode::parse(&issued[1].0).unwrap())
        .await
        .unwrap();
    assert_eq!(s.customfields[0].as_deref(), Some("batch note"));

    let mut wrong = BatchUpdate::new(cam("cam_demo02"), Some(first), Some(last));
    wrong.operation = Some(Operation::Lock);
    let (code, message) = support::client::refusal(client.batch_update(&wrong).await.unwrap_err());
    assert_eq!(code, 502, "{message}");
    let mut missing = BatchUpdate::new(cam("cam_demo01"), Some(999_999_999), None);
    missing.operation = Some(Operation::Lock);
    assert_eq!(
        support::client::refusal(client.batch_update(&missing).await.unwrap_err()).0,
        513
    );
}

#[tokio::test]
async fn single_use_sessions_are_issued_and_validate() {
    let (_sb, client) = start().await;
    let mut r = NewSingleUse::new(cam("cam_demo01"));
    r.firstname = Some("Ada".into());
    r.email = Some("ada@example.org".into());
    r.phone = Some("+44 7700 900456".into());
    r.customid = Some("Crm123".into());
    r.customfields[6] = Some("seven".into());
    r.customvalcode = Some("SUMMER2026".into());
    r.utm[1] = Some("newsletter".into());
    r.expiry_date = Some(NewSingleUse::parse_expiry("2030-01-01 00:00:00").unwrap());
    let made = client.create_single_use(&r).await.unwrap();
    assert_eq!(made.single_use_code.len(), 21);
    assert_eq!(
        made.widget_validation_code.as_deref(),
        Some(&made.single_use_code[..6])
    );
    assert_eq!(made.custom_validation_code.as_deref(), Some("SUMMER2026"));
    let code = SessionCode::parse(&made.single_use_code).unwrap();
    let s = client.session_data(&code).await.unwrap();
    assert_eq!(s.customer.email.as_deref(), Some("ada@example.org"));
    assert_eq!(s.customid.as_deref(), Some("Crm123"));
    assert_eq!(
        s.expiration_date_utc,
        Some(time::macros::datetime!(2030-01-01 00:00:00 UTC))
    );
    let v = redeem::validate(&client, &code, ValidateExtras::default()).await;
    assert_eq!(v.outcome, Outcome::Validated, "{v:?}");

    // The duplicate check returns the existing session instead of a new one.
    let mut again = NewSingleUse::new(cam("cam_demo01"));
    again.email = Some("ada@example.org".into());
    again.duplicate_check = Some(DuplicateCheck::Email);
    assert_eq!(
        client.create_single_use(&again).await.unwrap().single_use_code,
        made.single_use_code
    );

    let mut auto = NewSingleUse::new(cam("cam_demo01"));
    auto.autovalcode = Some(AutoValCode::Digits8);
    let code = client
        .create_single_use(&auto)
        .await
        .unwrap()
        .custom_validation_code
        .unwrap();
    assert!(
        code.len() == 8 && code.chars().all(|c| c.is_ascii_digit()),
        "{code}"
    );

    let err = client
        .create_single_use(&NewSingleUse::new(cam("cam_nothere")))
        .await
        .unwrap_err();
    assert_eq!(
        support::client::refusal(err),
        (502, "Campaign ID not found".into())
    );
}

#[tokio::test]
async fn a_thousand_distinct_codes_and_generated_validation_codes() {
    let (_sb, client) = start().await;
    let issued = issue(&client, "cam_demo02", 1000).await;
    let codes: HashSet<&String> = issued.iter().map(|(c, _)| c).collect();
    assert_eq!(codes.len(), 1000);
    let made = client
        .create_single_uses(&NewSingleUses {
            campaign: cam("cam_demo02"),
            amount: 200,
            status: Some(IssueStatus::Voided),
            automated: Some(AutomatedCodes {
                prefix: "SUM".into(),
                length: 10,
                kind: CodeType::Alphanumeric,
            }),
        })
        .await
        .unwrap();
    let vals: HashSet<String> = made
        .iter()
        .filter_map(|s| s.custom_validation_code.clone())
        .collect();
    assert_eq!(vals.len(), 200);
    assert!(vals.iter().all(|v| v.starts_with("SUM") && v.len() == 13));
    let one = SessionCode::parse(&made[0].single_use_code).unwrap();
    assert!(client.session_data(&one).await.unwrap().voided);

    // A small code space runs low: 601.
    let low = NewSingleUses {
        campaign: cam("cam_demo02"),
        amount: 600,
        status: None,
        automated: Some(AutomatedCodes {
            prefix: "X".into(),
            length: 3,
            kind: CodeType::Numeric,
        }),
    };
    let err = client.create_single_uses(&low).await.unwrap_err();
    assert_eq!(
        support::client::refusal(err),
        (601, "low on unique generated validation codes".into())
    );
}

#[tokio::test]
async fn email_and_sms_delivery() {
    let (off, client) = start().await;
    let email = SendEmail::new(cam("cam_demo01"), "jane@example.com");
    assert_eq!(
        support::client::refusal(client.send_email(&email).await.unwrap_err()).0,
        104
    );
    let sms = SendSms {
        campaign: cam("cam_demo01"),
        phone: "+447911123456".into(),
        couponsession: None,
        body: None,
    };
    assert_eq!(
        support::client::refusal(client.send_sms(&sms).await.unwrap_err()).0,
        103
    );
    assert!(off.outbox().await.unwrap().is_empty());

    let (sb, client) = start_with(SandboxConfig {
        email_integration: true,
        sms_integration: true,
        ..SandboxConfig::default()
    })
    .await;
    let mut email = SendEmail::new(cam("cam_demo01"), "jane@example.com");
    email.subject = Some("A free coffee".into());
    email.couponsession = Some(SessionCode::parse("ac6s7u3g8a25ja7x9qg87").unwrap());
    let sent = client.send_email(&email).await.unwrap();
    assert_eq!(sent.action.as_deref(), Some("email_sent"));
    assert_eq!(sent.couponsession.as_deref(), Some("ac6s7u3g8a25ja7x9qg87"));
    let sent = client
        .send_sms(&SendSms {
            body: Some("Your coffee is waiting".into()),
            ..sms.clone()
        })
        .await
        .unwrap();
    assert_eq!(sent.action.as_deref(), Some("sms_sent"));
    assert!(
        sent.couponsession.is_some_and(|c| c.len() == 21),
        "a new session was made"
    );
    let outbox = sb.outbox().await.unwrap();
    assert_eq!(outbox.len(), 2);
    assert_eq!(outbox[1].recipient, "+447911123456");

    let opted_out = SendSms {
        phone: "+447700900123".into(),
        ..sms.clone()
    };
    let (code, message) = support::client::refusal(client.send_sms(&opted_out).await.unwrap_err());
    assert_eq!(code, 605);
    assert!(message.contains("opt-out"), "{message}");
    let local = SendSms {
        phone: "07911 123456".into(),
        ..sms
    };
    let err = client.send_sms(&local).await.unwrap_err();
    assert!(
        matches!(err, ApiError::InvalidInput(_)),
        "E.164 is checked before sending: {err:?}"
    );
    let err = client
        .send_email(&SendEmail::new(cam("cam_nothere"), "jane@example.com"))
        .await
        .unwrap_err();
    assert_eq!(support::client::refusal(err).0, 502);
}

#[tokio::test]
async fn push_notifications() {
    let (sb, client) = start().await;
    let pushed = client
        .push_notification(&cam("cam_demo01"), "Coffee is on us today")
        .await
        .unwrap();
    assert_eq!(
        (pushed.action.as_deref(), pushed.count),
        (Some("push_sent"), Some(1))
    );
    assert_eq!(sb.outbox().await.unwrap()[0].body, "Coffee is on us today");
    let (code, message) = support::client::refusal(
        client
            .push_notification(&cam("cam_demo02"), "hi")
            .await
            .unwrap_err(),
    );
    assert_eq!((code, message.as_str()), (507, "0 users have saved the campaign"));
    let err = client
        .push_notification(&cam("cam_nothere"), "hi")
        .await
        .unwrap_err();
    assert_eq!(
        support::client::refusal(err),
        (505, "Campaign ID not found".into())
    );
    assert!(matches!(
        client.push_notification(&cam("cam_demo01"), "  ").await,
        Err(ApiError::InvalidInput(_))
    ));
}
