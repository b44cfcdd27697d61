use crate::support::cli::{run, stderr, stdout, ACCOUNT};
use crate::support::sandbox::Blocking;
use crate::till::{Http, Till};

fn no_terminal_commands(text: &str) {
    assert!(
        !text
            .chars()
            .any(|c| c == '\u{1b}' || c == '\u{7}' || c == '\u{9b}'),
        "control characters reached the terminal: {text:?}"
    );
}

/// A customer's name is the customer's to choose: escape sequences in it (and in custom
/// fields and the server's messages) never reach the cashier's terminal.
#[test]
fn escape_sequences_from_the_server_are_stripped() {
    let sandbox = Blocking::start();
    let http = Http::new(&sandbox.base_url());
    let till = Till::new(&sandbox.base_url(), "");
    let (code, answer) = http.issue_one(&[
        ("firstname", "Ann\u{1b}]0;owned\u{7}"),
        ("lastname", "Lee\u{1b}[2J"),
        ("email", "ann@example.com"),
    ]);
    let name = http.session(&code)["data"]["user"]["firstname"].clone();
    assert!(
        name.as_str().unwrap_or_default().contains('\u{1b}'),
        "the sandbox keeps what it is given: {answer} {name}"
    );
    for args in [
        vec!["session", code.as_str()],
        vec!["lookup", "--email", "ann@example.com"],
        vec!["validate", code.as_str()],
    ] {
        let o = till.run(&args);
        assert_eq!(o.status.code(), Some(0), "{args:?}: {}", stderr(&o));
        no_terminal_commands(&stdout(&o));
        no_terminal_commands(&stderr(&o));
    }
    assert!(stdout(&till.run(&["session", &code])).contains("Ann]0;owned Lee[2J"));

    // The server's own error message.
    let url = crate::answers::stub(|_| {
        (
            422,
            r#"{"status":{"status":"failed","errors":{"error_code":300,"error_message":"\u001b]0;pwned\u0007Invalid character in parameter\u001b[2J"}}}"#.into(),
        )
    });
    let env = [("COUPONTOOLS_API_URL", url.as_str()), ACCOUNT[0], ACCOUNT[1]];
    for args in [
        vec!["session", "ac6s7u3g8a25ja7x9qg87"],
        vec!["validate", "ac6s7u3g8a25ja7x9qg87"],
    ] {
        let o = run(&args, &env);
        assert_eq!(o.status.code(), Some(1), "{args:?}");
        // The command line quotes a refusal it has no sentence of its own for.
        assert!(format!("{}{}", stdout(&o), stderr(&o)).contains("Invalid character in parameter"));
        no_terminal_commands(&stdout(&o));
        no_terminal_commands(&stderr(&o));
    }
}

/// Settings that could never be meant: refused locally (exit 2) before anything is read
/// without end or sent.
#[test]
fn settings_and_files_are_bounded() {
    let o = run(&["--config", "/dev/zero", "session", "ac6s7u"], &ACCOUNT);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("not a regular file"), "{}", stderr(&o));

    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let config = dir.path().join("kiosk.toml");
    std::fs::write(&config, "[api]\ntimeout_ms = 18446744073709551615\n").unwrap_or_else(|e| panic!("{e}"));
    let o = run(
        &[
            "--config",
            config.to_str().unwrap_or_default(),
            "session",
            "ac6s7u",
        ],
        &ACCOUNT,
    );
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("timeout"), "{}", stderr(&o));

    let huge_id = "x".repeat(100_000);
    let o = run(
        &["session", "ac6s7u", "--api-url", "http://127.0.0.1:9"],
        &[("COUPONTOOLS_CLIENT_ID", huge_id.as_str()), ACCOUNT[1]],
    );
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("client id"), "{}", stderr(&o));

    let o = run(&["barcode", "decode", "/dev/zero"], &[]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("not a regular file"), "{}", stderr(&o));
}
