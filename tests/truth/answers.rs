use crate::support::cli::{run_in, stderr, stdout, ACCOUNT};
use std::io::{Read, Write};
use std::net::TcpListener;
use std::time::Duration;

const CODE: &str = "ac6s7u3g8a25ja7x9qg87";
const OTHER: &str = "oneeojyhy5j3x0m6ribqu";

/// A stub API on this machine: each path answers with what `answer` gives (status, body), with
/// the `Date` header of this machine's clock.
pub(crate) fn stub(answer: fn(&str) -> (u16, String)) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap_or_else(|e| panic!("{e}"));
    let url = format!(
        "http://{}",
        listener.local_addr().unwrap_or_else(|e| panic!("{e}"))
    );
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
            let mut buf = Vec::new();
            let mut chunk = [0u8; 4096];
            // The head, then as much body as Content-Length says (requests here are small).
            while let Ok(n) = stream.read(&mut chunk) {
                if n == 0 {
                    break;
                }
                buf.extend_from_slice(&chunk[..n]);
                let text = String::from_utf8_lossy(&buf).to_string();
                if let Some(end) = text.find("\r\n\r\n") {
                    let len = text[..end]
                        .lines()
                        .find_map(|l| {
                            l.to_ascii_lowercase()
                                .strip_prefix("content-length:")
                                .map(|v| v.trim().parse::<usize>().unwrap_or(0))
                        })
                        .unwrap_or(0);
                    if buf.len() >= end + 4 + len || buf.len() > 1 << 16 {
                        break;
                    }
                }
            }
            let head = String::from_utf8_lossy(&buf).to_string();
            let path = head
                .split_whitespace()
                .nth(1)
                .unwrap_or("")
                .trim_start_matches("/v3/")
                .to_string();
            let (status, body) = answer(&path);
            let date = httpdate::fmt_http_date(std::time::SystemTime::now());
            let reply = format!(
                "HTTP/1.1 {status} X\r\nDate: {date}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
            let _ = stream.write_all(reply.as_bytes());
        }
    });
    url
}

fn session(code: &str, validated: bool, voided: bool) -> String {
    let now = time::OffsetDateTime::now_utc();
    let stamp = format!(
        "{:04}-{:02}-{:02} {:02}:{:02}:{:02}",
        now.year(),
        u8::from(now.month()),
        now.day(),
        now.hour(),
        now.minute(),
        now.second()
    );
    session_at(code, validated, voided, if validated { &stamp } else { "" })
}

fn session_at(code: &str, validated: bool, voided: bool, date: &str) -> String {
    let flag = |b: bool| if b { "1" } else { "0" };
    format!(
        r#"{{"status":{{"status":"OK"}},"campaign":"cam_demo01","session":"{code}","data":{{"status":{{"claimed":"1","validated":"{}","validation_date_utc":"{date}","voided":"{}","locked":"0","expiration_date":"2099-12-31 23:59:59"}},"user":{{"firstname":"Jane"}}}}}}"#,
        flag(validated),
        flag(voided)
    )
}

fn validate(url: &str, args: &[&str]) -> (i32, serde_json::Value) {
    let home = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let env = [("COUPONTOOLS_API_URL", url), ACCOUNT[0], ACCOUNT[1]];
    let mut all = vec!["validate", CODE, "--json"];
    all.extend_from_slice(args);
    let o = run_in(home.path(), &all, &env);
    let v = serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("{e}\nstdout: {}\nstderr: {}", stdout(&o), stderr(&o)));
    (o.status.code().unwrap_or(-1), v)
}

/// Answers to a validation that confirm nothing: the outcome is UNKNOWN (exit 3), and the message
/// says why.
#[test]
fn answers_that_confirm_nothing_are_not_a_validation() {
    type Answer = fn(&str) -> (u16, String);
    let cases: [(&str, Answer, &str); 3] = [
        (
            "a 2xx without the status envelope",
            |path| match path {
                "couponsession/update" => (200, "{}".into()),
                _ => (200, session(CODE, false, false)),
            },
            "NOT validated",
        ),
        (
            "an OK whose session is neither validated nor voided",
            |_| (200, session(CODE, false, false)),
            "NOT validated",
        ),
        (
            "an OK naming another session",
            |_| (200, session(OTHER, true, false)),
            "another session",
        ),
    ];
    for (case, answer, why) in cases {
        let (status, v) = validate(&stub(answer), &[]);
        assert_eq!(
            (status, v["outcome"].as_str()),
            (3, Some("unknown")),
            "{case}: {v}"
        );
        let message = v["message"].as_str().unwrap_or_default();
        assert!(message.contains(why), "{case}: {v}");
    }
}

#[test]
fn an_ok_whose_session_is_voided_is_voided() {
    let url = stub(|_| (200, session(CODE, true, true)));
    let (status, v) = validate(&url, &[]);
    assert_eq!((status, v["outcome"].as_str()), (1, Some("voided")), "{v}");
}

/// A server that answers a repeated validation with OK: the session it shows was validated
/// long before this request left, so it is not this till's.
#[test]
fn an_ok_for_a_validation_older_than_the_request_is_not_ours() {
    let url = stub(|_| (200, session_at(CODE, true, false, "2020-01-01 00:00:00")));
    let (status, v) = validate(&url, &[]);
    assert_eq!(
        (status, v["outcome"].as_str()),
        (1, Some("already_validated")),
        "{v}"
    );
}

#[test]
fn an_ok_without_the_session_is_confirmed_by_one_read() {
    const BARE_OK: &str = r#"{"status":{"status":"OK"},"action":"session_updated"}"#;
    // The read shows it validated.
    let url = stub(|path| match path {
        "couponsession/update" => (200, BARE_OK.into()),
        _ => (200, session(CODE, true, false)),
    });
    let (status, v) = validate(&url, &[]);
    assert_eq!(
        (status, v["outcome"].as_str(), v["round_trips"].as_u64()),
        (0, Some("validated"), Some(2)),
        "{v}"
    );
    // The read fails: the OK stands (VALIDATED without details, not NOT FOUND).
    let url = stub(|path| match path {
        "couponsession/update" => (200, BARE_OK.into()),
        _ => (500, "<html>oops</html>".into()),
    });
    let (status, v) = validate(&url, &[]);
    assert_eq!((status, v["outcome"].as_str()), (0, Some("validated")), "{v}");
    assert_eq!(v["session"], serde_json::Value::Null, "{v}");
    // The read contradicts the OK.
    let url = stub(|path| match path {
        "couponsession/update" => (200, BARE_OK.into()),
        _ => (200, session(CODE, false, false)),
    });
    let (status, v) = validate(&url, &[]);
    assert_eq!((status, v["outcome"].as_str()), (3, Some("unknown")), "{v}");
}

#[test]
fn staff_changes_need_the_envelope_and_the_change_itself() {
    let home = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let url = stub(|_| (200, "{}".into()));
    let env = [("COUPONTOOLS_API_URL", url.as_str()), ACCOUNT[0], ACCOUNT[1]];
    for args in [
        vec!["update", CODE, "--operation", "void"],
        vec!["remove", "cam_demo01", CODE],
        vec![
            "batch",
            "cam_demo01",
            "--from-seq",
            "1",
            "--to-seq",
            "2",
            "--operation",
            "void",
        ],
    ] {
        let o = run_in(home.path(), &args, &env);
        assert_eq!(o.status.code(), Some(3), "{args:?}: {}", stderr(&o));
        assert!(
            stderr(&o).contains("without a status envelope"),
            "{args:?}: {}",
            stderr(&o)
        );
    }
    // An OK whose session does not show the change.
    let url = stub(|_| (200, session(CODE, false, false)));
    let env = [("COUPONTOOLS_API_URL", url.as_str()), ACCOUNT[0], ACCOUNT[1]];
    let o = run_in(home.path(), &["update", CODE, "--operation", "void"], &env);
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    assert!(stderr(&o).contains("not voided"), "{}", stderr(&o));
}
