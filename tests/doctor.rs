//! `coupon-kiosk doctor` through the real binary: against the sandbox in every answer profile,
//! with a wrong secret, against a port that answers HTML, a closed port and no account at all.

mod support;

use coupon_kiosk::sandbox::{self, ProfileName, SandboxConfig};
use serde_json::Value;
use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;
use support::cli::run_in as run;
use support::sandbox::Blocking;

const JANE: &str = "jane@example.com";

/// `(exit status, name -> (status, detail))` of a `doctor --json` run.
fn doctor(home: &Path, url: &str, secret: &str, extra: &[&str]) -> (i32, Vec<(String, String, String)>) {
    doctor_with_env(home, url, secret, extra, &[])
}

/// [`doctor`] with more environment variables.
fn doctor_with_env(
    home: &Path,
    url: &str,
    secret: &str,
    extra: &[&str],
    env: &[(&str, &str)],
) -> (i32, Vec<(String, String, String)>) {
    let mut args = vec!["doctor", "--json"];
    args.extend_from_slice(extra);
    let mut vars = vec![
        ("COUPONTOOLS_API_URL", url),
        ("COUPONTOOLS_CLIENT_ID", sandbox::DEMO_CLIENT_ID),
        ("COUPONTOOLS_CLIENT_SECRET", secret),
    ];
    vars.extend_from_slice(env);
    let o = run(home, &args, &vars);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    let v: Value = serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}\n{stderr}", String::from_utf8_lossy(&o.stdout)));
    let checks = v["checks"]
        .as_array()
        .expect("a list of checks")
        .iter()
        .map(|c| {
            let field = |k: &str| c[k].as_str().unwrap_or_else(|| panic!("{k} in {c}")).to_string();
            (field("name"), field("status"), field("detail"))
        })
        .collect();
    (o.status.code().unwrap_or(-1), checks)
}

fn status_of<'a>(checks: &'a [(String, String, String)], name: &str) -> (&'a str, &'a str) {
    checks
        .iter()
        .find(|(n, _, _)| n == name)
        .map(|(_, s, d)| (s.as_str(), d.as_str()))
        .unwrap_or_else(|| panic!("no check {name} in {checks:?}"))
}

fn sandbox(profile: ProfileName) -> Blocking {
    Blocking::with(SandboxConfig {
        profile,
        ..SandboxConfig::default()
    })
}

#[test]
fn every_profile_passes_and_names_how_it_differs() {
    let runs: Vec<_> = ProfileName::ALL
        .into_iter()
        .map(|profile| {
            std::thread::spawn(move || {
                let s = sandbox(profile);
                let home = tempfile::tempdir().expect("temp dir");
                let saved = home.path().join("answers.json");
                let saved_arg = saved.to_string_lossy().to_string();
                let (status, checks) = doctor(
                    home.path(),
                    &s.base_url(),
                    sandbox::DEMO_CLIENT_SECRET,
                    &[
                        "--session",
                        "ac6s7u3g8a25ja7x9qg87",
                        "--email",
                        JANE,
                        "--save",
                        &saved_arg,
                    ],
                );
                let file = std::fs::read_to_string(&saved).unwrap_or_default();
                (profile, status, checks, file)
            })
        })
        .collect();
    for run in runs {
        let (profile, status, checks, file) = run.join().expect("a profile's run");
        assert_eq!(status, 0, "{profile}: {checks:#?}");
        for name in ["settings", "credentials", "clock", "latency"] {
            assert_eq!(status_of(&checks, name).0, "ok", "{profile} {name}: {checks:#?}");
        }
        assert_eq!(
            status_of(&checks, "tls").0,
            "warn",
            "plain HTTP is worth a warning"
        );
        let shapes = ["shape coupon/list", "shape couponsession/data", "shape search"];
        let warned: Vec<&str> = shapes
            .into_iter()
            .filter(|name| status_of(&checks, name).0 != "ok")
            .collect();
        let expected: &[&str] = match profile {
            ProfileName::Documented | ProfileName::Strict | ProfileName::HttpErrors => &[],
            ProfileName::Sparse | ProfileName::LooseTypes => &shapes[1..],
            ProfileName::PhpArrays => &["shape coupon/list", "shape search"],
        };
        assert_eq!(warned, expected, "{profile}: {checks:#?}");
        for name in warned {
            assert_eq!(
                status_of(&checks, name).0,
                "warn",
                "{profile}: read, so only a warning"
            );
        }
        // The saved answers: every endpoint asked, no secret, no customer.
        let saved: Value = serde_json::from_str(&file).unwrap_or_else(|e| panic!("{profile}: {e}"));
        let endpoints: Vec<&str> = saved["answers"]
            .as_array()
            .expect("answers")
            .iter()
            .filter_map(|a| a["endpoint"].as_str())
            .collect();
        assert_eq!(
            endpoints,
            ["coupon/list", "couponsession/data", "couponsession/search"],
            "{profile}"
        );
        for secret in [sandbox::DEMO_CLIENT_SECRET, JANE, "+447911123456", "Jane"] {
            assert!(!file.contains(secret), "{profile}: {secret} in the saved file");
        }
        assert!(
            file.contains("ac6s7u3g8a25ja7x9qg87") && file.contains("<redacted>"),
            "{profile}"
        );
    }
}

#[test]
fn the_differences_are_named() {
    let s = sandbox(ProfileName::PhpArrays);
    let home = tempfile::tempdir().expect("temp dir");
    let (_, checks) = doctor(
        home.path(),
        &s.base_url(),
        sandbox::DEMO_CLIENT_SECRET,
        &["--email", JANE],
    );
    let (_, detail) = status_of(&checks, "shape coupon/list");
    assert!(
        detail.contains("coupon_info is an object keyed by id"),
        "{detail}"
    );
    let (_, detail) = status_of(&checks, "shape search");
    assert!(detail.contains("results is an object keyed \"0\""), "{detail}");
    assert!(detail.contains("customer is at the top level"), "{detail}");
}

#[test]
fn a_server_that_reads_no_short_codes_is_told_apart_from_a_missing_session() {
    let s = sandbox(ProfileName::Strict);
    let home = tempfile::tempdir().expect("temp dir");
    let (status, checks) = doctor(
        home.path(),
        &s.base_url(),
        sandbox::DEMO_CLIENT_SECRET,
        &["--session", "oneeoj"],
    );
    assert_eq!(status, 0, "{checks:#?}");
    let (state, detail) = status_of(&checks, "shape couponsession/data");
    assert_eq!(state, "warn");
    assert!(detail.contains("does not look short codes up"), "{detail}");
    // A full code that is not there is only "not found".
    let (_, checks) = doctor(
        home.path(),
        &s.base_url(),
        sandbox::DEMO_CLIENT_SECRET,
        &["--session", "zzzzzzzzzzzzzzzzzzzzz"],
    );
    let (state, detail) = status_of(&checks, "shape couponsession/data");
    assert_eq!(state, "warn");
    assert!(!detail.contains("short codes"), "{detail}");
}

#[test]
fn a_wrong_secret_is_exit_2_and_never_printed() {
    let s = sandbox(ProfileName::HttpErrors);
    let home = tempfile::tempdir().expect("temp dir");
    let (status, checks) = doctor(home.path(), &s.base_url(), "not-the-secret", &[]);
    assert_eq!(status, 2, "{checks:#?}");
    let (state, detail) = status_of(&checks, "credentials");
    assert_eq!(state, "fail");
    assert!(detail.contains("Client ID or Secret not correct"), "{detail}");
    assert!(
        detail.contains("check COUPONTOOLS_CLIENT_ID and COUPONTOOLS_CLIENT_SECRET"),
        "{detail}"
    );
    assert!(!format!("{checks:?}").contains("not-the-secret"));
}

#[test]
fn a_port_answering_html_is_exit_3_not_the_api() {
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let listener = rt
        .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
        .expect("binds");
    let addr = listener.local_addr().expect("address");
    rt.spawn(async move {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        while let Ok((mut s, _)) = listener.accept().await {
            let mut buf = [0u8; 4096];
            let _ = s.read(&mut buf).await;
            let body = "<!doctype html><html><body>Router login</body></html>";
            let answer = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
            let _ = s.write_all(answer.as_bytes()).await;
        }
    });
    let home = tempfile::tempdir().expect("temp dir");
    let (status, checks) = doctor(home.path(), &format!("http://{addr}"), "s3cret", &[]);
    assert_eq!(status, 3, "{checks:#?}");
    let (state, detail) = status_of(&checks, "api");
    assert_eq!(state, "fail");
    assert!(detail.contains("does not speak the Coupontools API"), "{detail}");
    assert!(detail.contains("an HTML page"), "{detail}");
}

#[test]
fn a_closed_port_is_exit_3_and_no_account_is_exit_2() {
    let closed = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").expect("binds");
        l.local_addr().expect("address")
    };
    let home = tempfile::tempdir().expect("temp dir");
    let (status, checks) = doctor(home.path(), &format!("http://{closed}"), "s3cret", &[]);
    assert_eq!(status, 3, "{checks:#?}");
    assert_eq!(status_of(&checks, "connection").0, "fail");

    let o = run(home.path(), &["doctor"], &[]);
    assert_eq!(o.status.code(), Some(2));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        out.contains("✖ settings") && out.contains("No Coupontools client id"),
        "{out}"
    );
}

/// A loopback HTTPS front for a sandbox: TLS with a certificate for 127.0.0.1, signed by a test
/// CA made now, each connection forwarded to the sandbox's plain port. Returns the `https://`
/// URL and the CA's PEM; the front lives as long as `rt`.
fn https_front(rt: &tokio::runtime::Runtime, backend: SocketAddr) -> (String, String) {
    use tokio_rustls::rustls;
    let mut ca_params = rcgen::CertificateParams::new(Vec::<String>::new()).expect("CA params");
    ca_params.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
    ca_params
        .distinguished_name
        .push(rcgen::DnType::CommonName, "coupon-kiosk test CA");
    let ca_key = rcgen::KeyPair::generate().expect("CA key");
    let ca = rcgen::CertifiedIssuer::self_signed(ca_params, ca_key).expect("CA certificate");
    let key = rcgen::KeyPair::generate().expect("server key");
    let certificate = rcgen::CertificateParams::new(vec!["127.0.0.1".to_string()])
        .expect("server params")
        .signed_by(&key, &ca)
        .expect("server certificate");
    let private = rustls::pki_types::PrivatePkcs8KeyDer::from(key.serialize_der());
    let config =
        rustls::ServerConfig::builder_with_provider(Arc::new(rustls::crypto::ring::default_provider()))
            .with_safe_default_protocol_versions()
            .expect("TLS versions")
            .with_no_client_auth()
            .with_single_cert(vec![certificate.der().clone()], private.into())
            .expect("server TLS config");
    let acceptor = tokio_rustls::TlsAcceptor::from(Arc::new(config));
    let listener = rt
        .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
        .expect("binds");
    let addr = listener.local_addr().expect("address");
    rt.spawn(async move {
        while let Ok((tcp, _)) = listener.accept().await {
            let acceptor = acceptor.clone();
            tokio::spawn(async move {
                let limit = Duration::from_secs(20);
                // A refused handshake (the client did not trust us) just ends the connection.
                let Ok(Ok(mut tls)) = tokio::time::timeout(limit, acceptor.accept(tcp)).await else {
                    return;
                };
                let Ok(mut plain) = tokio::net::TcpStream::connect(backend).await else {
                    return;
                };
                let _ =
                    tokio::time::timeout(limit, tokio::io::copy_bidirectional(&mut tls, &mut plain)).await;
            });
        }
    });
    (format!("https://{addr}"), ca.pem())
}

fn address_of(base_url: &str) -> SocketAddr {
    base_url
        .trim_start_matches("http://")
        .trim_end_matches('/')
        .parse()
        .unwrap_or_else(|e| panic!("{base_url}: {e}"))
}

#[test]
fn https_with_a_certificate_nobody_trusts_is_exit_3_and_says_why_and_with_its_ca_trusted_is_ok() {
    let s = sandbox(ProfileName::Documented);
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let (url, ca_pem) = https_front(&rt, address_of(&s.base_url()));
    let home = tempfile::tempdir().expect("temp dir");

    let (status, checks) = doctor(home.path(), &url, sandbox::DEMO_CLIENT_SECRET, &[]);
    assert_eq!(status, 3, "{checks:#?}");
    let (state, detail) = status_of(&checks, "tls");
    assert_eq!(state, "fail", "{checks:#?}");
    for words in [
        "certificate is not trusted",
        "Nothing was sent",
        "ca_file",
        "COUPONTOOLS_CA_FILE",
    ] {
        assert!(detail.contains(words), "{words:?} in {detail}");
    }
    assert!(
        !checks.iter().any(|(n, _, _)| n == "credentials"),
        "nothing is judged past a refused certificate: {checks:#?}"
    );

    let ca_file = home.path().join("shop-ca.pem");
    std::fs::write(&ca_file, &ca_pem).expect("CA file written");
    let ca_arg = ca_file.to_string_lossy().to_string();
    let (status, checks) = doctor_with_env(
        home.path(),
        &url,
        sandbox::DEMO_CLIENT_SECRET,
        &["--session", "ac6s7u3g8a25ja7x9qg87"],
        &[("COUPONTOOLS_CA_FILE", &ca_arg)],
    );
    assert_eq!(status, 0, "{checks:#?}");
    let (state, detail) = status_of(&checks, "tls");
    assert_eq!(state, "ok", "{checks:#?}");
    assert!(
        detail.contains("certificate verified") && detail.contains("shop-ca.pem"),
        "{detail}"
    );
    for name in [
        "settings",
        "credentials",
        "clock",
        "latency",
        "shape coupon/list",
        "shape couponsession/data",
    ] {
        assert_eq!(status_of(&checks, name).0, "ok", "{name}: {checks:#?}");
    }
    assert!(status_of(&checks, "settings")
        .1
        .contains("environment COUPONTOOLS_CA_FILE"));

    // A CA file that holds no certificate is a settings problem, found before anything is sent.
    std::fs::write(&ca_file, "not a certificate").expect("written");
    let (status, checks) = doctor_with_env(
        home.path(),
        &url,
        sandbox::DEMO_CLIENT_SECRET,
        &[],
        &[("COUPONTOOLS_CA_FILE", &ca_arg)],
    );
    assert_eq!(status, 2, "{checks:#?}");
    let (state, detail) = status_of(&checks, "settings");
    assert_eq!(state, "fail");
    assert!(detail.contains("no PEM certificate"), "{detail}");
}
