//! Phone numbers typed in national form are found with the configured default country: the CLI's
//! `lookup --phone` against the sandbox over HTTP, and F2 in the real kiosk in a pseudo-terminal.

mod support;

use anyhow::Result;
use support::cli::{stderr, stdout, Fixture};
use support::codes::{CLAIMED as JANE, CLAIMED_2 as JANE_2};
use support::pty::{Kiosk, ENTER, F2};

/// `lookup --json` with these arguments and environment: (exit status, session codes found).
fn lookup(f: &Fixture, args: &[&str], env: &[(&str, &str)]) -> (i32, Vec<String>) {
    let mut all = vec!["lookup", "--json"];
    all.extend_from_slice(args);
    let o = f.run_env(&all, env);
    let status = o.status.code().unwrap_or(-1);
    let json: serde_json::Value = serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("{args:?}: {e}\nstdout: {}\nstderr: {}", stdout(&o), stderr(&o)));
    let codes = json
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|s| s["session"].as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default();
    (status, codes)
}

/// Issues a `cam_demo01` session to `phone` as given; returns its code.
fn issue_to(f: &Fixture, phone: &str) -> String {
    let o = f.run(&["issue", "cam_demo01", "--phone", phone, "--json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let json: serde_json::Value =
        serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("{e}: {}", stdout(&o)));
    json["single_use_code"]
        .as_str()
        .unwrap_or_else(|| panic!("no code in {json}"))
        .to_string()
}

#[test]
fn cli_lookup_reads_national_numbers_in_the_default_country_then_searches_as_typed() {
    let f = Fixture::new();
    const COUNTRY: &str = "COUPON_KIOSK_DEFAULT_COUNTRY";

    // Issued in international form, looked up as a US customer says it.
    let us = issue_to(&f, "+1 650 253 0000");
    let (status, found) = lookup(&f, &["--phone", "(650) 253-0000"], &[(COUNTRY, "US")]);
    assert_eq!((status, found), (0, vec![us.clone()]));
    // The flag does the same and beats the environment.
    let (status, found) = lookup(
        &f,
        &["--phone", "650-253-0000", "--default-country", "us"],
        &[(COUNTRY, "GB")],
    );
    assert_eq!((status, found), (0, vec![us]));
    // Without a default country the national form is only its digits: not the number issued.
    let (status, found) = lookup(&f, &["--phone", "(650) 253-0000"], &[]);
    assert_eq!((status, found), (1, vec![]));

    // Jane's +447911123456, as a British customer says it.
    let (status, found) = lookup(&f, &["--phone", "07911 123456"], &[(COUNTRY, "GB")]);
    assert_eq!((status, found), (0, vec![JANE.to_string(), JANE_2.to_string()]));

    // Issued with the number as typed at home: the international form finds nothing, the
    // number as typed does.
    let national = issue_to(&f, "07400 123456");
    let (status, found) = lookup(&f, &["--phone", "07400-123456"], &[(COUNTRY, "GB")]);
    assert_eq!((status, found), (0, vec![national]));

    // A bad country is a clear settings error.
    let o = f.run_env(&["lookup", "--phone", "07911123456"], &[(COUNTRY, "Britain")]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("two-letter country code"), "{}", stderr(&o));
}

const GB_CONFIG: &str = r#"
[kiosk]
terminal_id = "till-9"
cashier = "Tess"
bell = false
default_country = "GB"
"#;

#[test]
fn f2_finds_a_national_phone_number_with_the_default_country() -> Result<()> {
    let mut k = Kiosk::demo_with(GB_CONFIG, &[])?;
    k.send(F2)?;
    k.wait_for("Search by email, phone")?;
    // Digits alone: without the country this is a custom validation code nobody has.
    k.send(&format!("07911123456{ENTER}"))?;
    let screen = k.wait_until(|s| s.contains(JANE) && s.contains(JANE_2))?;
    assert!(screen.contains("07911123456"), "{screen}");
    assert_eq!(k.quit()?, 0);
    Ok(())
}
