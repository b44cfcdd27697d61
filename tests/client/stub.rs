//! Tiny stub servers for what the sandbox never does: HTML, garbage, hanging, cutting the body off.

use crate::support;
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
    support::client::build(ClientConfig {
        client_id: "stub-id".into(),
        client_secret: SECRET.into(),
        request_timeout: Duration::from_millis(800),
        ..support::client::config(format!("http://{addr}"))
    })
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
        client_secret: SECRET.into(),
        allow_insecure_http: allow,
        ..support::client::config("http://coupons.example.com")
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
