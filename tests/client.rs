//! The client over real HTTP on 127.0.0.1: against tiny stub servers for what the sandbox never
//! does (HTML, garbage, hanging, cutting the body off), and against the real sandbox.

use coupon_kiosk::api::{ApiError, Client, ClientConfig, SessionCode};
use std::net::SocketAddr;
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;
use tokio::sync::mpsc;

const CODE: &str = "ac6s7u3g8a25ja7x9qg87";
const SECRET: &str = "stub-secret-7f3a9";

/// What a stub server does with each request.
#[derive(Clone)]
enum Behaviour {
    /// Answer with this status line, content type and body.
    Answer(u16, &'static str, Vec<u8>),
    /// Read the request and never answer.
    Hang,
    /// Read the request and close the connection.
    Drop,
    /// Promise a long body, send a little, close.
    CutBody,
}

/// A request as the stub saw it.
struct Seen {
    head: String,
    body: String,
}

async fn stub(behaviour: Behaviour) -> (SocketAddr, mpsc::UnboundedReceiver<Seen>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (tx, rx) = mpsc::unbounded_channel();
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            let behaviour = behaviour.clone();
            let tx = tx.clone();
            tokio::spawn(async move {
                let Some(seen) = read_request(&mut socket).await else {
                    return;
                };
                let _ = tx.send(seen);
                match behaviour {
                    Behaviour::Answer(status, ct, body) => {
                        let head = format!(
                            "HTTP/1.1 {status} X\r\nContent-Type: {ct}\r\nContent-Length: {}\r\n\r\n",
                            body.len()
                        );
                        let _ = socket.write_all(head.as_bytes()).await;
                        let _ = socket.write_all(&body).await;
                    }
                    Behaviour::Hang => tokio::time::sleep(Duration::from_secs(30)).await,
                    Behaviour::Drop => {}
                    Behaviour::CutBody => {
                        let _ = socket
                            .write_all(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"status\":")
                            .await;
                    }
                }
            });
        }
    });
    (addr, rx)
}

async fn read_request(socket: &mut tokio::net::TcpStream) -> Option<Seen> {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 4096];
    loop {
        let n = socket.read(&mut chunk).await.ok()?;
        if n == 0 {
            return None;
        }
        buf.extend_from_slice(&chunk[..n]);
        let text = String::from_utf8_lossy(&buf).to_string();
        if let Some(end) = text.find("\r\n\r\n") {
            let head = text[..end].to_string();
            let len = head
                .lines()
                .find_map(|l| {
                    let (k, v) = l.split_once(':')?;
                    k.eq_ignore_ascii_case("content-length")
                        .then(|| v.trim().parse::<usize>().ok())?
                })
                .unwrap_or(0);
            if buf.len() >= end + 4 + len {
                let body = String::from_utf8_lossy(&buf[end + 4..end + 4 + len]).to_string();
                return Some(Seen { head, body });
            }
        }
    }
}

fn client_for(addr: SocketAddr) -> Client {
    Client::new(ClientConfig {
        base_url: format!("http://{addr}"),
        client_id: "stub-id".into(),
        client_secret: SECRET.into(),
        connect_timeout: Duration::from_secs(2),
        request_timeout: Duration::from_millis(800),
        allow_insecure_http: false,
    })
    .unwrap()
}

fn code() -> SessionCode {
    SessionCode::parse(CODE).unwrap()
}

#[tokio::test]
async fn requests_carry_header_credentials_and_a_json_body() {
    let body = br#"{"status":{"status":"OK"},"session":"ac6s7u3g8a25ja7x9qg87","campaign":"cam_x","data":{"status":{"claimed":"1"}}}"#;
    let (addr, mut seen) = stub(Behaviour::Answer(200, "application/json", body.to_vec())).await;
    let session = client_for(addr).session_data(&code()).await.unwrap();
    assert!(session.claimed);
    let req = seen.recv().await.unwrap();
    assert!(
        req.head.starts_with("POST /v3/couponsession/data HTTP/1.1"),
        "{}",
        req.head
    );
    let head = req.head.to_ascii_lowercase();
    assert!(head.contains("x-client-id: stub-id"), "{head}");
    assert!(head.contains(&format!("x-client-secret: {SECRET}")), "{head}");
    assert!(head.contains("content-type: application/json"), "{head}");
    let json: serde_json::Value = serde_json::from_str(&req.body).unwrap();
    assert_eq!(json, serde_json::json!({"couponsession": CODE}));
}

#[tokio::test]
async fn an_html_page_is_an_unexpected_answer_naming_what_came_back() {
    let page = b"<html><body><h1>Welcome to nginx!</h1></body></html>".to_vec();
    let (addr, _seen) = stub(Behaviour::Answer(200, "text/html", page)).await;
    let err = client_for(addr).session_data(&code()).await.unwrap_err();
    assert!(
        matches!(err, ApiError::UnexpectedResponse { http_status: 200, .. }),
        "{err:?}"
    );
    let text = err.to_string();
    assert!(text.contains("an HTML page (text/html)"), "{text}");
    assert!(!text.contains(SECRET));
}

#[tokio::test]
async fn garbage_is_an_unexpected_answer() {
    let (addr, _seen) = stub(Behaviour::Answer(
        500,
        "application/octet-stream",
        vec![0xde, 0xad, 0xbe, 0xef],
    ))
    .await;
    let err = client_for(addr).session_data(&code()).await.unwrap_err();
    assert!(
        matches!(err, ApiError::UnexpectedResponse { http_status: 500, .. }),
        "{err:?}"
    );
    assert!(err.to_string().contains("binary data"), "{err}");
}

#[tokio::test]
async fn a_server_echoing_the_secret_does_not_get_it_into_the_message() {
    let body = format!(
        r#"{{"status":{{"status":"failed","errors":{{"error_code":1000,"error_message":"bad secret {SECRET}"}}}}}}"#
    );
    let (addr, _seen) = stub(Behaviour::Answer(401, "application/json", body.into_bytes())).await;
    let err = client_for(addr).session_data(&code()).await.unwrap_err();
    assert!(matches!(err, ApiError::Api { code: 1000, .. }), "{err:?}");
    assert!(!err.to_string().contains(SECRET), "{err}");
    assert!(!format!("{err:?}").contains(SECRET), "{err:?}");
}

#[tokio::test]
async fn no_answer_within_the_timeout_is_uncertain() {
    let (addr, _seen) = stub(Behaviour::Hang).await;
    let err = client_for(addr).session_data(&code()).await.unwrap_err();
    assert!(matches!(err, ApiError::Uncertain(_)), "{err:?}");
    assert!(err.is_uncertain());
    assert!(err.to_string().contains("timed out"), "{err}");
}

#[tokio::test]
async fn a_connection_dropped_after_sending_is_uncertain() {
    let (addr, _seen) = stub(Behaviour::Drop).await;
    let err = client_for(addr).session_data(&code()).await.unwrap_err();
    assert!(matches!(err, ApiError::Uncertain(_)), "{err:?}");
}

#[tokio::test]
async fn a_body_cut_off_is_uncertain() {
    let (addr, _seen) = stub(Behaviour::CutBody).await;
    let err = client_for(addr).session_data(&code()).await.unwrap_err();
    assert!(matches!(err, ApiError::Uncertain(_)), "{err:?}");
    assert!(
        err.to_string().contains("closed before the answer was complete"),
        "{err}"
    );
}

#[tokio::test]
async fn nothing_listening_is_unreachable() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    drop(listener);
    let err = client_for(addr).session_data(&code()).await.unwrap_err();
    assert!(matches!(err, ApiError::Unreachable(_)), "{err:?}");
    assert!(!err.is_uncertain());
    assert!(err.to_string().contains("connection refused"), "{err}");
}

#[tokio::test]
async fn plain_http_to_another_host_is_refused_before_any_request() {
    let config = |allow| ClientConfig {
        base_url: "http://coupons.example.com".into(),
        client_id: "id".into(),
        client_secret: SECRET.into(),
        connect_timeout: Duration::from_secs(1),
        request_timeout: Duration::from_secs(1),
        allow_insecure_http: allow,
    };
    let err = Client::new(config(false)).unwrap_err();
    assert!(matches!(err, ApiError::Config(_)), "{err:?}");
    assert!(err.to_string().contains("--allow-insecure-http"), "{err}");
    assert!(Client::new(config(true)).is_ok());
}

#[tokio::test]
async fn one_connection_is_reused_across_calls() {
    // Count accepted connections: three calls over one pooled client use one.
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (tx, mut accepted) = mpsc::unbounded_channel::<()>();
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            let _ = tx.send(());
            tokio::spawn(async move {
                let body = br#"{"status":{"status":"OK"},"session":"ac6s7u3g8a25ja7x9qg87"}"#;
                while read_request(&mut socket).await.is_some() {
                    let head = format!(
                        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n",
                        body.len()
                    );
                    let _ = socket.write_all(head.as_bytes()).await;
                    let _ = socket.write_all(body).await;
                }
            });
        }
    });
    let client = client_for(addr);
    for _ in 0..3 {
        client.clone().session_data(&code()).await.unwrap();
    }
    drop(client);
    let mut connections = 0;
    while accepted.try_recv().is_ok() {
        connections += 1;
    }
    assert_eq!(connections, 1);
}

#[tokio::test]
async fn invalid_parameters_never_reach_the_server() {
    let (addr, mut seen) = stub(Behaviour::Answer(200, "application/json", b"{}".to_vec())).await;
    let client = client_for(addr);
    let update = coupon_kiosk::api::UpdateSession {
        customid: Some("not valid!".into()),
        ..coupon_kiosk::api::UpdateSession::new(code())
    };
    let err = client.update_session(&update).await.unwrap_err();
    assert!(matches!(err, ApiError::InvalidInput(_)), "{err:?}");
    let query = coupon_kiosk::api::SearchQuery {
        email: Some("a@b".into()),
        ..Default::default()
    };
    let err = client.search_sessions(&query).await.unwrap_err();
    assert!(err.to_string().contains("at least 5 characters"), "{err}");
    assert!(seen.try_recv().is_err(), "no request was sent");
}

// ---------------------------------------------------------------------------------------------
// Against the real sandbox.

mod against_sandbox {
    use coupon_kiosk::api::{
        ApiError, CampaignId, Client, ClientConfig, Operation, Refusal, SearchQuery, SessionCode,
        SessionState, UpdateSession,
    };
    use coupon_kiosk::redeem::{self, Outcome, ValidateExtras};
    use coupon_kiosk::sandbox::{self, FailureKind, FaultPlan, SandboxConfig, SandboxHandle};
    use coupon_kiosk::scan::Scanned;
    use rust_decimal::Decimal;
    use std::str::FromStr;
    use std::time::Duration;
    use time::macros::datetime;
    use time::OffsetDateTime;

    const CLAIMED: &str = "ac6s7u3g8a25ja7x9qg87";
    const CLAIMED_2: &str = "oneeojyhy5j3x0m6ribqu";
    const VALIDATED: &str = "i9yxd6igssghayshqarq2";
    const VOIDED: &str = "oyh0bo45o8qidpbrqwrpn";
    const LOCKED: &str = "rjclb2450as8jbiohnj5c";
    const EXPIRED: &str = "qthxn15t104xu9rtv3d4o";
    const UNCLAIMED: &str = "0dp06jgzcz57b2zr6ojcs";
    const CUSTOM: &str = "1091awquchndpf61udi5i";
    const FLEXIBLE: &str = "itu5hlxwuay5fy4wf58np";

    async fn start() -> (SandboxHandle, Client) {
        let sb = sandbox::spawn(SandboxConfig::default())
            .await
            .expect("sandbox starts");
        let client = client_with(&sb, sandbox::DEMO_CLIENT_SECRET);
        (sb, client)
    }

    fn client_with(sb: &SandboxHandle, secret: &str) -> Client {
        Client::new(ClientConfig {
            base_url: sb.base_url(),
            client_id: sandbox::DEMO_CLIENT_ID.into(),
            client_secret: secret.into(),
            connect_timeout: Duration::from_secs(2),
            request_timeout: Duration::from_secs(5),
            allow_insecure_http: false,
        })
        .unwrap()
    }

    fn code(c: &str) -> SessionCode {
        SessionCode::parse(c).unwrap()
    }

    fn api_error(e: ApiError) -> (u32, String) {
        match e {
            ApiError::Api { code, message, .. } => (code, message),
            other => panic!("expected a documented refusal, got {other:?}"),
        }
    }

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
        assert_eq!(api_error(err), (513, "Coupon session not found".into()));
        let u = UpdateSession::new(code("zzzzzzzzzzzzzzzzzzzzz")).operation(Operation::Validate);
        let err = client.update_session(&u).await.unwrap_err();
        assert_eq!(api_error(err), (512, "Coupon session not found".into()));
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
                        assert_eq!(api_error(e), (want_code, want_msg.to_string()), "{op:?} on {c}");
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
        assert_eq!(api_error(err), (502, "campaign not found".into()));
    }

    #[tokio::test]
    async fn remove_deletes_a_session() {
        let (_sb, client) = start().await;
        let cam = CampaignId::parse("cam_demo01").unwrap();
        let err = client
            .remove_session(&CampaignId::parse("cam_nothere").unwrap(), &code(CLAIMED_2))
            .await
            .unwrap_err();
        assert_eq!(api_error(err), (502, "Campaign ID not found".into()));
        client.remove_session(&cam, &code(CLAIMED_2)).await.unwrap();
        let err = client.session_data(&code(CLAIMED_2)).await.unwrap_err();
        assert_eq!(err.refusal(), Some(Refusal::NotFound));
        let err = client.remove_session(&cam, &code(CLAIMED_2)).await.unwrap_err();
        assert_eq!(api_error(err), (513, "Coupon session not found".into()));
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

        for (c, outcome) in [
            (VOIDED, Outcome::Voided),
            (LOCKED, Outcome::Locked),
            (EXPIRED, Outcome::Expired),
            ("zzzzzzzzzzzzzzzzzzzzz", Outcome::NotFound),
        ] {
            let v = redeem::validate(&client, &code(c), extras()).await;
            assert_eq!((v.outcome, v.round_trips), (outcome, 1), "{c}: {v:?}");
        }

        let v = redeem::redeem(&client, &Scanned::Email("jane@example.com".into()), extras()).await;
        assert_eq!((v.outcome, v.round_trips), (Outcome::InvalidInput, 0));

        let undone = redeem::unvalidate(&client, &own, &redeem::Till::default()).await.unwrap();
        assert!(!undone.validated);
        let tagged = ValidateExtras {
            money_spent: Some(Decimal::from_str("9.99").unwrap()),
            till: redeem::Till {
                terminal: "till-1".into(),
                cashier: Some("x".repeat(80)),
                tag_field: Some(7),
            },
            earlier: Vec::new(),
        };
        let v = redeem::validate(&client, &code(CLAIMED), tagged).await;
        assert_eq!(v.outcome, Outcome::Validated, "{v:?}");
        let s = client.session_data(&code(CLAIMED)).await.unwrap();
        assert_eq!(
            s.customfields[6].as_ref().map(|f| f.chars().count()),
            Some(50),
            "tag cut to 50"
        );
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

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn thirty_two_simultaneous_validations_one_wins() {
        let (_sb, client) = start().await;
        let attempts = (0..32).map(|_| {
            let client = client.clone();
            tokio::spawn(async move {
                redeem::validate(&client, &code(CLAIMED_2), ValidateExtras::default()).await
            })
        });
        let mut validated = 0;
        let mut already = 0;
        for a in attempts {
            match a.await.unwrap().outcome {
                Outcome::Validated => validated += 1,
                Outcome::AlreadyValidated => already += 1,
                other => panic!("{other:?}"),
            }
        }
        assert_eq!((validated, already), (1, 31));
    }
}

// ---------------------------------------------------------------------------------------------
// The rest of the seed (issue 5) against the sandbox.

mod catalog_against_sandbox {
    use coupon_kiosk::api::batch::BatchUpdate;
    use coupon_kiosk::api::coupons::CouponFilter;
    use coupon_kiosk::api::distribution::{SendEmail, SendSms};
    use coupon_kiosk::api::session_lists::{FilterDate, ListQuery, SessionList};
    use coupon_kiosk::api::singleuse::{
        AutoValCode, AutomatedCodes, CodeType, DuplicateCheck, IssueStatus, NewSingleUse, NewSingleUses,
    };
    use coupon_kiosk::api::{
        ApiError, CampaignId, Client, ClientConfig, Operation, SessionCode, SessionState,
    };
    use coupon_kiosk::redeem::{self, Outcome, ValidateExtras};
    use coupon_kiosk::sandbox::{self, SandboxConfig, SandboxHandle};
    use std::collections::HashSet;
    use std::time::Duration;

    async fn start_with(config: SandboxConfig) -> (SandboxHandle, Client) {
        let sb = sandbox::spawn(config).await.expect("sandbox starts");
        let client = Client::new(ClientConfig {
            base_url: sb.base_url(),
            client_id: sandbox::DEMO_CLIENT_ID.into(),
            client_secret: sandbox::DEMO_CLIENT_SECRET.into(),
            connect_timeout: Duration::from_secs(2),
            request_timeout: Duration::from_secs(30),
            allow_insecure_http: false,
        })
        .unwrap();
        (sb, client)
    }

    async fn start() -> (SandboxHandle, Client) {
        start_with(SandboxConfig::default()).await
    }

    fn cam(id: &str) -> CampaignId {
        CampaignId::parse(id).unwrap()
    }

    fn refused(e: ApiError) -> (u32, String) {
        match e {
            ApiError::Api { code, message, .. } => (code, message),
            other => panic!("expected a documented refusal, got {other:?}"),
        }
    }

    #[tokio::test]
    async fn coupon_list_filters_and_info() {
        let (_sb, client) = start().await;
        let ids =
            |v: Vec<coupon_kiosk::api::coupons::Coupon>| v.into_iter().map(|c| c.id).collect::<Vec<_>>();
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
            refused(client.coupon_list(&missing).await.unwrap_err()),
            (515, "Folder not found".into())
        );

        let plain = client.coupon_info(&cam("cam_demo02"), false).await.unwrap();
        assert_eq!(plain.custom_codes_total, None);
        let usage = client.coupon_info(&cam("cam_demo02"), true).await.unwrap();
        assert!(usage.custom_codes_total.is_some_and(|n| n >= 1), "{usage:?}");
        assert!(usage.custom_codes_claimed.is_some());
        let err = client.coupon_info(&cam("cam_nothere"), false).await.unwrap_err();
        assert_eq!(refused(err), (502, "Campaign ID not found".into()));
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
        let (validated, sessions) =
            count(SessionList::Validations, Some("2026-01-04"), Some("2026-01-04")).await;
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
        assert_eq!(refused(err), (502, "Campaign ID not found".into()));
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
        let (code, _) = refused(client.batch_update(&lock).await.unwrap_err());
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
        let (code, message) = refused(client.batch_update(&wrong).await.unwrap_err());
        assert_eq!(code, 502, "{message}");
        let mut missing = BatchUpdate::new(cam("cam_demo01"), Some(999_999_999), None);
        missing.operation = Some(Operation::Lock);
        assert_eq!(refused(client.batch_update(&missing).await.unwrap_err()).0, 513);
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
        assert_eq!(refused(err), (502, "Campaign ID not found".into()));
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
            refused(err),
            (601, "low on unique generated validation codes".into())
        );
    }

    #[tokio::test]
    async fn email_and_sms_delivery() {
        let (off, client) = start().await;
        let email = SendEmail::new(cam("cam_demo01"), "jane@example.com");
        assert_eq!(refused(client.send_email(&email).await.unwrap_err()).0, 104);
        let sms = SendSms {
            campaign: cam("cam_demo01"),
            phone: "+447911123456".into(),
            couponsession: None,
            body: None,
        };
        assert_eq!(refused(client.send_sms(&sms).await.unwrap_err()).0, 103);
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
        let (code, message) = refused(client.send_sms(&opted_out).await.unwrap_err());
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
        assert_eq!(refused(err).0, 502);
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
        let (code, message) = refused(
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
        assert_eq!(refused(err), (505, "Campaign ID not found".into()));
        assert!(matches!(
            client.push_notification(&cam("cam_demo01"), "  ").await,
            Err(ApiError::InvalidInput(_))
        ));
    }
}
