use crate::procs::{every_update_fails, free_addr, SandboxProcess};
use crate::support::cli::ACCOUNT;
use crate::support::pty::{Kiosk, Launch, F8};
use crate::till::Http;
use anyhow::Result;
use std::time::Duration;

/// Auto mode (a scan validates), verdicts that stay, no bell.
const UNTAGGED: &str = "[kiosk]\nterminal_id = \"till-9\"\ncashier = \"Tess\"\nmode = \"auto\"\n\
    success_display_ms = 600000\nundo_window_ms = 600000\nbell = false\n";
const TAGGED: &str = "[kiosk]\nterminal_id = \"till-9\"\ncashier = \"Tess\"\nmode = \"auto\"\n\
    success_display_ms = 600000\nundo_window_ms = 600000\nbell = false\ntag_customfield = 5\n";

/// The kiosk (not the demo) against the sandbox at `url`.
fn kiosk(config: &str, url: &str) -> Result<Kiosk> {
    let env = [("COUPONTOOLS_API_URL", url), ACCOUNT[0], ACCOUNT[1]];
    Kiosk::launch(Launch {
        config,
        subcommand: &[],
        env: &env,
        ..Launch::default()
    })
}

fn journal(k: &Kiosk) -> Result<serde_json::Value> {
    let out = k.journal(&["--json"])?;
    Ok(serde_json::from_slice(&out.stdout)?)
}

/// Without a tag field, a validation whose answer was lost cannot be proven this till's: the
/// screen says so in amber, and F8 offers no undo.
#[test]
fn a_validation_of_unknown_owner_is_shown_as_such_without_undo() -> Result<()> {
    let dir = tempfile::tempdir()?;
    let sb = SandboxProcess::start(&dir.path().join("db.sqlite"), &every_update_fails("drop-after"));
    let code = Http::new(&sb.url).issue(1).remove(0);
    let mut k = kiosk(UNTAGGED, &sb.url)?;
    k.scan(&code)?;
    let screen = k.wait_for("POSSIBLY NOT BY THIS TILL")?;
    assert!(!screen.contains("✔ VALIDATED"), "{screen}");
    assert!(!screen.contains("F8"), "no undo offered: {screen}");
    k.send(F8)?;
    std::thread::sleep(Duration::from_millis(300));
    let screen = k.screen();
    assert!(
        screen.contains("POSSIBLY NOT BY THIS TILL") && !screen.contains("UNDONE"),
        "{screen}"
    );
    let j = journal(&k)?;
    assert_eq!(j[0]["outcome"], "validated_owner_unknown", "{j}");
    assert_eq!(k.quit()?, 0);
    Ok(())
}

/// With a tag field the same lost answer is proven this till's by its attempt id: VALIDATED,
/// and F8 takes it back.
#[test]
fn with_a_tag_field_a_lost_answer_is_validated_and_can_be_undone() -> Result<()> {
    let dir = tempfile::tempdir()?;
    let db = dir.path().join("db.sqlite");
    let addr = free_addr();
    let url = format!("http://{addr}");
    let broken = SandboxProcess::start_at(&db, &addr, &every_update_fails("drop-after"));
    let http = Http::new(&url);
    let code = http.issue(1).remove(0);
    let mut k = kiosk(TAGGED, &url)?;
    k.scan(&code)?;
    k.wait_for("✔ VALIDATED")?;
    // The undo's own answer must not be lost too.
    drop(broken);
    let _fixed = SandboxProcess::start_at(&db, &addr, &[]);
    let j = journal(&k)?;
    let id = j[0]["attempt_id"].as_str().unwrap_or_default().to_string();
    let field = http.session(&code)["data"]["user"]["customfield5"].clone();
    assert_eq!(field, format!("till-9/Tess/{id}"), "{j}");
    k.send(F8)?;
    k.wait_for("UNDONE")?;
    assert_eq!(http.session(&code)["data"]["status"]["validated"], "0");
    assert_eq!(k.quit()?, 0);
    Ok(())
}

/// An UNKNOWN (update committed, every answer lost) is settled in the background once the
/// server answers again: the journal's entry becomes validated, and the status bar's counts
/// move from ⚠ to ✔.
#[test]
fn unknown_validations_settle_in_the_background() -> Result<()> {
    let dir = tempfile::tempdir()?;
    let db = dir.path().join("db.sqlite");
    let clean = SandboxProcess::start(&db, &[]);
    let codes = Http::new(&clean.url).issue(2);
    let addr = free_addr();
    let url = format!("http://{addr}");
    let broken = SandboxProcess::start_at(&db, &addr, &["--fail-rate", "1", "--fail-kinds", "drop-after"]);
    let mut k = kiosk(TAGGED, &url)?;
    k.scan(&codes[0])?;
    k.wait_for("UNKNOWN")?;
    k.wait_for("✔ 0 ✖ 0 ⚠ 1")?;
    drop(broken);
    let _fixed = SandboxProcess::start_at(&db, &addr, &[]);
    k.esc()?;
    k.scan(&codes[1])?;
    k.wait_for("✔ VALIDATED")?;
    // The server answers again: the lost one is looked up, found ours, and counted.
    let status = k.wait_for("✔ 2 ✖ 0 ⚠ 0")?;
    assert!(!status.contains("UNKNOWN"), "{status}");
    let j = journal(&k)?;
    let outcomes: Vec<&str> = j
        .as_array()
        .map(|a| a.iter().filter_map(|e| e["outcome"].as_str()).collect())
        .unwrap_or_default();
    assert_eq!(outcomes, ["validated", "validated"], "{j}");
    assert_eq!(k.quit()?, 0);
    Ok(())
}
