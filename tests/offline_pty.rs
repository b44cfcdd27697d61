//! The real kiosk in a pseudo-terminal when the network is gone: a scan whose request fails is
//! answered from the mirror (no error screen first), with its own words, symbol and colour.
//!
//! The kiosk runs `demo` with every request of its sandbox failing (`--fail-rate 1`); its mirror
//! was synced beforehand from another sandbox with the same (deterministic) demo data.

mod support;

use anyhow::{ensure, Result};
use coupon_kiosk::offline::Outbox;
use support::cli::{run_in, ACCOUNT};
use support::codes::{CLAIMED as JANE, VALIDATED as JOHN_VALIDATED};
use support::pty::{Kiosk, Launch, ENTER, ESC, F2};
use support::sandbox::Blocking;

const CONFIG: &str = r#"
[kiosk]
terminal_id = "till-9"
cashier = "Tess"
mode = "auto"
tag_customfield = 7
success_display_ms = 600000
duplicate_scan_window_ms = 100
bell = false

[offline]
policy = "accept-synced"
campaigns = ["cam_demo01"]
"#;

#[test]
fn offline_scans_are_answered_from_the_mirror_with_their_own_verdicts() -> Result<()> {
    let mut k = Kiosk::launch(Launch {
        config: CONFIG,
        args: &["--fail-rate", "1"],
        ..Launch::default()
    })?;
    // The mirror, synced while the network was up (same demo data, another sandbox).
    let online = Blocking::start();
    let data = k.data_dir();
    let o = run_in(
        k.home(),
        &[
            "--data-dir",
            data.to_str().unwrap_or_default(),
            "--api-url",
            &online.base_url(),
            "--offline-campaigns",
            "cam_demo01",
            "sync",
            // The lists carry no customer: read them, so that a name finds its coupons.
            "--customers",
            "1000",
            "--rate",
            "500",
        ],
        &ACCOUNT,
    );
    ensure!(o.status.success(), "sync: {}", String::from_utf8_lossy(&o.stderr));
    drop(online);

    let before = k.written();
    k.scan(JANE)?;
    let screen = k.wait_for("ACCEPTED OFFLINE")?;
    ensure!(screen.contains("◆ ACCEPTED OFFLINE"), "its own symbol: {screen}");
    ensure!(!screen.contains("VALIDATED"), "never VALIDATED's words: {screen}");
    ensure!(screen.contains("synced"), "the mirror's age: {screen}");
    // Cyan, never VALIDATED's green.
    let drawn = k.wait_raw(before, "ACCEPTED")?;
    ensure!(
        drawn.contains("\x1b[46m") || drawn.contains("48;5;6m"),
        "cyan background"
    );
    let outbox = Outbox::open(&coupon_kiosk::offline::outbox_path(&data))?;
    ensure!(outbox.waiting()?.len() == 1, "on disk before it showed");
    ensure!(outbox.waiting()?[0].session == JANE);
    // The status bar counts what waits and says what the mirror holds.
    let screen = k.wait_for("outbox 1")?;
    ensure!(screen.contains("mirror "), "{screen}");

    // The same coupon again, after the 100 ms in which a repeat counts as the scanner's
    // double read (a pause the kiosk must see, not a wait for it): used here already.
    k.dismiss()?;
    std::thread::sleep(std::time::Duration::from_millis(150));
    k.scan(JANE)?;
    k.wait_for("ALREADY USED (offline)")?;

    // What the mirror holds as used is refused with its reason; what it does not hold cannot be checked.
    k.dismiss()?;
    k.scan(JOHN_VALIDATED)?;
    // The verdict's own words (symbol first): the strip of last results also says ALREADY USED.
    let screen = k.wait_for("✖ ALREADY USED")?;
    ensure!(
        screen.contains("till's copy"),
        "says where it knows it from: {screen}"
    );
    k.dismiss()?;
    k.scan("zzzzzzzzzzzzzzzzzzzzz")?;
    k.wait_for("OFFLINE — CANNOT CHECK")?;
    ensure!(outbox.waiting()?.len() == 1, "only the acceptance waits");

    // The staff look-up works offline from the copy, by part of a name, and says so.
    k.dismiss()?;
    k.send(F2)?;
    let screen = k.wait_for("with a customer")?;
    ensure!(
        !screen.contains(" 0 with a customer"),
        "the customers were read: {screen}"
    );
    k.send("Jane D")?;
    k.send(ENTER)?;
    let screen = k.wait_for("this till's copy only")?;
    ensure!(screen.contains(JANE), "Jane's coupon found by name: {screen}");
    ensure!(screen.contains("copy, "), "marked with its age: {screen}");
    ensure!(outbox.waiting()?.len() == 1, "a look-up accepts nothing");
    k.send(ESC)?;
    k.send(ESC)?;
    k.send(ESC)?;
    ensure!(k.quit()? == 0);
    k.assert_restored()
}

/// A till that accepts only cam_demo01, online: a coupon of cam_demo02 is WRONG COUPON before
/// any validation is sent — in auto mode (a custom code: the campaign comes from the server's
/// record) and in confirm mode (no card to validate first).
#[test]
fn online_a_coupon_of_another_campaign_is_the_wrong_coupon_and_nothing_is_sent() -> Result<()> {
    use coupon_kiosk::api::SessionCode;
    use support::codes::CUSTOM_CODE;
    let sandbox = Blocking::start();
    let url = sandbox.base_url();
    let validated = || -> Result<bool> {
        let code = SessionCode::parse(CUSTOM_CODE)?;
        let s = sandbox.block_on(support::client::at(&url).session_data(&code))?;
        Ok(s.validated)
    };
    for (mode, scanned) in [("auto", "WELCOME2026"), ("confirm", CUSTOM_CODE)] {
        let config = format!(
            "[kiosk]\nterminal_id = \"till-9\"\nmode = \"{mode}\"\nsuccess_display_ms = 600000\nbell = false\n\
             [offline]\npolicy = \"refuse\"\ncampaigns = [\"cam_demo01\"]\n"
        );
        let mut k = Kiosk::launch(Launch {
            config: &config,
            subcommand: &[],
            args: &["--api-url", &url],
            env: &ACCOUNT,
            ..Launch::default()
        })?;
        k.scan(scanned)?;
        let screen = k.wait_for("WRONG COUPON")?;
        ensure!(
            screen.contains("cam_demo02"),
            "{mode}: names the coupon: {screen}"
        );
        ensure!(!validated()?, "{mode}: no validation was sent");
        let journal = k.journal(&["--json"])?;
        let journal = String::from_utf8_lossy(&journal.stdout);
        ensure!(
            journal.contains("wrong_coupon"),
            "{mode}: journaled as the wrong coupon: {journal}"
        );
        ensure!(k.quit()? == 0);
        k.assert_restored()?;
    }
    // The same coupon at a till that accepts every campaign is validated.
    let config =
        "[kiosk]\nterminal_id = \"till-8\"\nmode = \"auto\"\nsuccess_display_ms = 600000\nbell = false\n";
    let mut k = Kiosk::launch(Launch {
        config,
        subcommand: &[],
        args: &["--api-url", &url],
        env: &ACCOUNT,
        ..Launch::default()
    })?;
    k.scan("WELCOME2026")?;
    k.wait_for("VALIDATED")?;
    ensure!(validated()?);
    ensure!(k.quit()? == 0);
    k.assert_restored()
}
