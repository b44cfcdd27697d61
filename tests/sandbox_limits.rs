//! The sandbox bounds what a client can hold: a half-sent request head and a body shorter than
//! announced are cut off after the read timeouts, and a phone search without digits finds no one.

mod support;

use coupon_kiosk::sandbox::{SandboxConfig, SandboxHandle};
use std::time::Duration;
use support::wire::Api;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// Short timeouts so that the tests wait a fraction of a second, not the default ten.
fn quick() -> SandboxConfig {
    SandboxConfig {
        header_read_timeout: Duration::from_millis(300),
        body_read_timeout: Duration::from_millis(300),
        ..SandboxConfig::default()
    }
}

/// Everything the server sends until it closes the connection, or `None` if it is still open
/// after `within`.
async fn until_closed(stream: &mut TcpStream, within: Duration) -> Option<Vec<u8>> {
    let mut all = Vec::new();
    let read = async {
        let mut buf = [0u8; 4096];
        loop {
            match stream.read(&mut buf).await {
                Ok(0) | Err(_) => return,
                Ok(n) => all.extend_from_slice(&buf[..n]),
            }
        }
    };
    tokio::time::timeout(within, read).await.ok().map(|()| all)
}

async fn connect(sb: &SandboxHandle) -> TcpStream {
    TcpStream::connect(sb.addr).await.expect("connects")
}

#[tokio::test]
async fn half_sent_request_heads_are_closed_after_the_header_timeout() {
    let api = Api::with(quick()).await;
    let mut slow = Vec::new();
    for _ in 0..200 {
        let mut s = connect(&api.sandbox).await;
        s.write_all(b"POST /v3/coupon/list HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Client-Id: demo\r\n")
            .await
            .expect("writes");
        slow.push(s);
    }
    for s in &mut slow {
        assert!(
            until_closed(s, Duration::from_secs(5)).await.is_some(),
            "a half-sent head is still held open"
        );
    }
    // The server still answers whole requests.
    api.post("coupon/list", &[]).await.ok();
}

#[tokio::test]
async fn a_body_shorter_than_announced_is_answered_408_after_the_body_timeout() {
    let api = Api::with(quick()).await;
    let mut s = connect(&api.sandbox).await;
    s.write_all(
        b"POST /v3/coupon/list HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Client-Id: demo\r\n\
          X-Client-Secret: demo-secret\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"only\":",
    )
    .await
    .expect("writes");
    let answer = until_closed(&mut s, Duration::from_secs(5))
        .await
        .expect("the short body is not waited for");
    let text = String::from_utf8_lossy(&answer);
    assert!(text.starts_with("HTTP/1.1 408"), "{text}");
    assert!(text.contains("did not arrive in time"), "{text}");
}

#[tokio::test]
async fn a_phone_search_without_digits_matches_no_one() {
    let api = Api::start().await;
    for phone in ["no-digits-here", "(((  )))", "+-+-+-"] {
        api.post("couponsession/search", &[("phone", phone)])
            .await
            .refused(512, "No results found");
    }
    // Digits still find their session, however they are typed.
    let found = api
        .post("couponsession/search", &[("phone", "+1 (415) 555-0123")])
        .await;
    assert_eq!(found.ok()["results"].as_array().map(Vec::len), Some(1));
}
