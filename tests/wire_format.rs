//! The wire format with hand-written fixtures: the forms the sandbox does not produce but the
//! real API may (API-NOTES.md), read exactly as a cashier would need them.

use coupon_kiosk::api::envelope::interpret;
use coupon_kiosk::api::sessions::{session_from_answer, sessions_from_search};
use coupon_kiosk::api::{ApiError, Refusal, Session, SessionState};
use serde_json::json;
use time::macros::datetime;

fn ok(body: &serde_json::Value) -> serde_json::Value {
    interpret(200, Some("application/json"), body.to_string().as_bytes(), &[]).expect("a success envelope")
}

#[test]
fn first_published_failure_envelope() {
    let body = br#"{"status":{"status":"failed","errors":{"error_code":1000,"error_message":"HTTP/1.0 401 Unauthorized. Client ID or Secret not correct."}}}"#;
    match interpret(401, Some("application/json"), body, &[]) {
        Err(ApiError::Api {
            code,
            message,
            http_status,
        }) => {
            assert_eq!(code, 1000);
            assert_eq!(message, "Client ID or Secret not correct.");
            assert_eq!(http_status, 401);
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn second_published_failure_envelope() {
    let body = br#"{"status":{"status":"failed","errors":{"error_message":"HTTP/1.0 422 Unprocessable entity.","error_message_description":["Webhook not found."],"error_code":[509]}}}"#;
    match interpret(422, None, body, &[]) {
        Err(ApiError::Api { code, message, .. }) => {
            assert_eq!(code, 509);
            assert_eq!(message, "Webhook not found.");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn the_envelope_decides_not_the_http_status() {
    // A failure envelope under HTTP 200 is a failure...
    let body = br#"{"status":{"status":"failed","errors":{"error_code":"358","error_message":"This session was already validated"}}}"#;
    let err = interpret(200, None, body, &[]).unwrap_err();
    assert_eq!(err.refusal(), Some(Refusal::AlreadyValidated));
    assert_eq!(err.to_string(), "This session was already validated (error 358)");
    // ...and an error status without any envelope is not the API talking.
    let err = interpret(
        502,
        Some("application/json"),
        br#"{"message":"Bad gateway"}"#,
        &[],
    )
    .unwrap_err();
    assert!(
        matches!(err, ApiError::UnexpectedResponse { http_status: 502, .. }),
        "{err:?}"
    );
    assert!(err.to_string().contains("without a status envelope"), "{err}");
}

#[test]
fn reused_codes_are_told_apart_by_their_message() {
    let refusal = |code, msg: &str| {
        let body = json!({"status":{"status":"failed","errors":{"error_code":code,"error_message":msg}}});
        interpret(422, None, body.to_string().as_bytes(), &[])
            .unwrap_err()
            .refusal()
    };
    assert_eq!(
        refusal(358, "This session was already validated"),
        Some(Refusal::AlreadyValidated)
    );
    assert_eq!(
        refusal(358, "Session could not be locked because it is already validated"),
        Some(Refusal::Other)
    );
    assert_eq!(refusal(355, "This coupon is voided"), Some(Refusal::Voided));
    assert_eq!(refusal(354, "This coupon is locked"), Some(Refusal::Locked));
    assert_eq!(
        refusal(351, "Session or coupon has expired"),
        Some(Refusal::Expired)
    );
    assert_eq!(refusal(513, "Coupon session not found"), Some(Refusal::NotFound));
}

#[test]
fn html_and_garbage_are_named_not_dumped() {
    let html = b"<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>";
    let err = interpret(502, Some("text/html"), html, &[]).unwrap_err();
    let text = err.to_string();
    assert!(text.contains("HTTP 502"), "{text}");
    assert!(text.contains("an HTML page (text/html)"), "{text}");
    assert!(text.len() < 250, "{text}");

    let err = interpret(200, None, &[0xff, 0x00, 0x13, 0x37], &[]).unwrap_err();
    assert!(err.to_string().contains("binary data"), "{err}");
    let err = interpret(200, None, b"", &[]).unwrap_err();
    assert!(err.to_string().contains("an empty body"), "{err}");
    let err = interpret(200, None, br#"{"status":{"status":"maybe"}}"#, &[]).unwrap_err();
    assert!(err.to_string().contains("unknown status"), "{err}");
}

fn published_session(status: serde_json::Value) -> serde_json::Value {
    json!({
        "status": {"status": "OK"},
        "campaign": "cam_12345",
        "action": "retrieve_all_session_data",
        "session": "ac6s7u3g8a25ja7x9qg87",
        "session_url": "https://coupons.example.com/p/ac6s7u/ac6s7u3g8a25ja7x9qg87",
        "sequenceid": "19878460",
        "customid": "",
        "data": {"status": status, "user": {"firstname": "Jane", "lastname": null, "email": "jane@example.com",
                 "phone": "", "customfield7": "till-1"}},
        "some_future_field": {"nested": [1, 2, 3]}
    })
}

#[test]
fn the_published_session_object_with_string_flags() {
    let answer = ok(&published_session(json!({
        "created_date_utc": "2019-02-28 10:00:00", "opened": "0", "open_date_utc": "", "played": "0",
        "claimed": "1", "claim_date_utc": "2019-02-28 10:05:00", "validated": "0", "validation_date_utc": "",
        "own_validation_code": "ding_COdHepKvqNrNC8OU", "voided": "0", "voided_date_utc": "", "locked": "0",
        "expiration_date": "2099-03-02 02:00:00", "utm_campaign": null, "money_spent": "12.500"
    })));
    let s = session_from_answer(&answer).unwrap();
    assert_eq!(s.session, "ac6s7u3g8a25ja7x9qg87");
    assert_eq!(s.campaign, "cam_12345");
    assert_eq!(s.sequenceid, Some(19878460));
    assert_eq!(s.customid, None, "an empty string is no custom id");
    assert!(s.claimed && !s.validated && !s.voided && !s.locked && !s.opened);
    assert_eq!(s.claim_date_utc, Some(datetime!(2019-02-28 10:05:00 UTC)));
    assert_eq!(s.validation_date_utc, None);
    assert_eq!(s.expiration_date_utc, Some(datetime!(2099-03-02 02:00:00 UTC)));
    assert_eq!(s.custom_validation_code.as_deref(), Some("ding_COdHepKvqNrNC8OU"));
    assert_eq!(s.customer.firstname.as_deref(), Some("Jane"));
    assert_eq!(s.customer.lastname, None);
    assert_eq!(s.customer.phone, None);
    assert_eq!(s.customfields[6].as_deref(), Some("till-1"));
    assert_eq!(s.money_spent.map(|m| m.to_string()).as_deref(), Some("12.500"));
    assert_eq!(s.state_at(datetime!(2026-01-01 0:00 UTC)), SessionState::Claimed);
}

#[test]
fn flags_as_numbers_and_booleans_dates_as_null() {
    for (claimed, validated) in [
        (json!(1), json!(1)),
        (json!(true), json!(true)),
        (json!("1"), json!("true")),
    ] {
        let answer = ok(&published_session(json!({
            "claimed": claimed, "validated": validated, "validation_date_utc": "2026-11-20 14:03:00",
            "voided": 0, "locked": false, "expiration_date": null, "created_date_utc": null
        })));
        let s = session_from_answer(&answer).unwrap();
        assert!(s.claimed && s.validated && !s.voided && !s.locked, "{s:?}");
        assert_eq!(s.validation_date_utc, Some(datetime!(2026-11-20 14:03:00 UTC)));
        assert_eq!(s.expiration_date_utc, None);
        assert_eq!(s.state(), SessionState::Validated);
    }
}

#[test]
fn the_void_date_is_read() {
    let answer = ok(&published_session(json!({
        "claimed": "1", "voided": "1", "voided_date_utc": "2026-11-12 14:05:00"
    })));
    let s = session_from_answer(&answer).unwrap();
    assert!(s.voided);
    assert_eq!(s.voided_date_utc, Some(datetime!(2026-11-12 14:05:00 UTC)));
    let never = ok(&published_session(json!({"voided": "0", "voided_date_utc": ""})));
    assert_eq!(session_from_answer(&never).unwrap().voided_date_utc, None);
}

#[test]
fn an_explicit_flag_beats_a_leftover_date() {
    // After "unvalidate" a server may keep the old date: the flag says what holds now.
    let answer = ok(&published_session(json!({
        "claimed": "1", "validated": "0", "validation_date_utc": "2026-11-20 14:03:00"
    })));
    let s = session_from_answer(&answer).unwrap();
    assert!(!s.validated);
    assert_eq!(s.state(), SessionState::Claimed);
}

#[test]
fn state_precedence_voided_validated_locked_expired_claimed_open() {
    let state = |status: serde_json::Value| {
        session_from_answer(&ok(&published_session(status)))
            .unwrap()
            .state_at(datetime!(2026-06-01 0:00 UTC))
    };
    let past = "2025-01-31 23:59:59";
    assert_eq!(
        state(json!({"voided":"1","validated":"1","locked":"1","claimed":"1"})),
        SessionState::Voided
    );
    assert_eq!(
        state(json!({"validated":"1","locked":"1","expiration_date":past})),
        SessionState::Validated
    );
    assert_eq!(
        state(json!({"locked":"1","claimed":"1","expiration_date":past})),
        SessionState::Locked
    );
    assert_eq!(
        state(json!({"claimed":"1","expiration_date":past})),
        SessionState::Expired
    );
    assert_eq!(
        state(json!({"claimed":"1","expiration_date":"2099-01-01 00:00:00"})),
        SessionState::Claimed
    );
    assert_eq!(state(json!({"opened":"1"})), SessionState::Open);
}

#[test]
fn search_answers_in_all_three_shapes() {
    let item = json!({"campaign":"cam_demo01","session":"ac6s7u3g8a25ja7x9qg87",
                      "data":{"status":{"claimed":"1"},"user":{"email":"jane@example.com"}}});
    let under_results = ok(&json!({"status":{"status":"OK"},"action":"search","results":[item, item]}));
    assert_eq!(sessions_from_search(&under_results, None).unwrap().len(), 2);

    let bare = ok(&json!([item]));
    let found = sessions_from_search(&bare, None).unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].customer.email.as_deref(), Some("jane@example.com"));

    let single = ok(&json!({"status":{"status":"OK"},"data": item}));
    let found: Vec<Session> = sessions_from_search(&single, None).unwrap();
    assert_eq!(found.len(), 1);
    assert!(found[0].claimed);

    let empty = ok(&json!({"status":{"status":"OK"},"results":[]}));
    assert!(sessions_from_search(&empty, None).unwrap().is_empty());

    let wrong = ok(&json!({"status":{"status":"OK"},"results":"none"}));
    assert!(matches!(
        sessions_from_search(&wrong, None),
        Err(ApiError::UnexpectedResponse { .. })
    ));
}

#[test]
fn list_entries_carry_dates_only() {
    // campaign/data entries: no flags, only dates; the campaign comes from the request.
    let entry = json!({"sequenceid": 42, "session": "oneeojyhy5j3x0m6ribqu", "status": {
        "open_date_utc": "2026-01-01 10:00:00", "claim_date_utc": "2026-01-01 10:01:00", "claimtype": "web",
        "validation_date_utc": "", "voided_date_utc": "", "locked": "0", "value": "", "own_validation_code": ""}});
    let s = Session::from_json(&entry, Some("cam_demo01")).unwrap();
    assert_eq!(s.campaign, "cam_demo01");
    assert_eq!(s.sequenceid, Some(42));
    assert!(s.opened && s.claimed && !s.validated && !s.voided);
    assert_eq!(s.custom_validation_code, None);
}

#[test]
fn a_session_object_without_a_code_is_an_unexpected_answer() {
    let answer = ok(&json!({"status":{"status":"OK"},"data":{"status":{"claimed":"1"}}}));
    let err = session_from_answer(&answer).unwrap_err();
    assert!(err.to_string().contains("without a session code"), "{err}");
}

#[test]
fn session_list_pages_in_lenient_shapes() {
    use coupon_kiosk::api::list_answer::ListAnswer;
    use coupon_kiosk::api::session_lists::{ListQuery, ListedPage, SessionList, LIST_KEYS, PAGE_SIZE};
    use coupon_kiosk::api::CampaignId;
    let q = ListQuery::new(CampaignId::parse("cam_demo03").unwrap(), SessionList::Claims);
    let read = |answer: &serde_json::Value| {
        let body = serde_json::to_vec(answer).unwrap();
        ListAnswer::read(200, None, body, &[], LIST_KEYS)
            .map(|a| ListedPage::of(a, &q))
            .and_then(ListedPage::into_page)
    };
    let entry = json!({"sequenceid":"7","session":"ac6s7u3g8a25ja7x9qg87","status":{"claim_date_utc":"2026-01-01 10:00:00"}});
    let published = json!({"status":{"status":"OK"},"amount_of_results":1,"data":[entry]});
    let page = read(&published).unwrap();
    assert_eq!((page.page, page.sessions.len(), page.total_pages), (1, 1, None));
    assert!(page.is_last(), "fewer than {PAGE_SIZE} records is the last page");
    assert_eq!(page.sessions[0].sequenceid, Some(7));
    assert!(page.sessions[0].claimed);

    let counted =
        json!({"status":{"status":"OK"},"page":"2","total_pages":3,"total_results":"12001","data":[entry]});
    let page = read(&counted).unwrap();
    assert_eq!(
        (page.page, page.total_pages, page.total_results),
        (2, Some(3), Some(12001))
    );

    assert_eq!(read(&json!([entry, entry])).unwrap().sessions.len(), 2);
    let php = json!({"status":{"status":"OK"},"data":{"1":entry,"0":{"session":"first"}}});
    let page = read(&php).unwrap();
    assert_eq!(
        page.sessions[0].session, "first",
        "keyed lists are read in key order"
    );
    let empty = json!({"status":{"status":"OK"},"data":null});
    assert!(read(&empty).unwrap().sessions.is_empty());
    for wrong in [
        json!({"status":{"status":"OK"},"data":"soon"}),
        json!({"status":{"status":"OK"},"data":[{"status":{}}]}),
    ] {
        assert!(
            matches!(read(&wrong), Err(ApiError::UnexpectedResponse { .. })),
            "{wrong}"
        );
    }
}

#[test]
fn issued_codes_and_coupons_in_lenient_shapes() {
    use coupon_kiosk::api::coupons::Coupon;
    use coupon_kiosk::api::singleuse::SingleUse;
    // multiplesingleuse/create as published: sequence_id a number; a string is read too.
    let item = json!({"single_use_code":"ac6s7u3g8a25ja7x9qg87","sequence_id":"19878461",
                      "single_use_url":"https://x/p/ac6s7u/ac6s7u3g8a25ja7x9qg87","widget_validation_code":"ac6s7u",
                      "custom_validation_code":""});
    let s = SingleUse::from_json(&item, "cam_demo01").unwrap();
    assert_eq!(s.sequence_id, Some(19878461));
    assert_eq!(s.campaign, "cam_demo01");
    assert_eq!(s.custom_validation_code, None);
    let out = serde_json::to_value(&s).unwrap();
    for k in [
        "single_use_code",
        "sequence_id",
        "single_use_url",
        "widget_validation_code",
    ] {
        assert!(out.get(k).is_some(), "the API's field name {k} is kept");
    }
    assert!(SingleUse::from_json(&json!({"single_use_url":"x"}), "cam_x").is_err());

    let c = Coupon::from_json(
        &json!({"ID":"cam_demo01","name":"n","title":"t","code":"c","status":"active",
                                      "url":"u","custom_codes_total":"12","anything_else":[1]}),
    )
    .unwrap();
    assert_eq!(c.custom_codes_total, Some(12));
    let out = serde_json::to_value(&c).unwrap();
    assert_eq!(
        out["anything_else"],
        json!([1]),
        "unknown fields are passed through"
    );
}
