//! The counter at rush hour, end to end: the real `coupon-kiosk demo` binary in a
//! pseudo-terminal, scanned into faster than it can validate, with stray keys, with a card left
//! waiting, and read back off the screen and from its journal.

mod support;

use anyhow::{anyhow, bail, Result};
use coupon_kiosk::api::singleuse::NewSingleUses;
use coupon_kiosk::api::CampaignId;
use std::time::{Duration, Instant};
use support::codes::{CLAIMED as JANE, CLAIMED_2 as JANE2};
use support::pty::{wait, wait_verdict, Kiosk, CTRL_Q, ENTER};

const CTRL_U: &str = "\x15";

/// The scanned text of every validation attempt in the journal, oldest first, with its outcome.
fn validations(k: &Kiosk) -> Result<Vec<(String, String)>> {
    let journal = k.journal_json()?;
    let entries = journal
        .as_array()
        .ok_or_else(|| anyhow!("not an array: {journal}"))?;
    Ok(entries
        .iter()
        .filter(|e| e["operation"] == "validate")
        .map(|e| {
            (
                e["scanned"].as_str().unwrap_or_default().to_string(),
                e["outcome"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect())
}

/// Waits until the journal holds `n` validation attempts, each settled (an attempt is written
/// as unknown while its request is in flight).
fn wait_validations(k: &Kiosk, n: usize) -> Result<Vec<(String, String)>> {
    wait(|| {
        validations(k)
            .ok()
            .filter(|v| v.len() >= n && v.iter().all(|(_, outcome)| outcome != "unknown"))
    })
}

#[test]
fn scans_during_a_slow_validation_queue_in_order_each_with_its_own_verdict() -> Result<()> {
    // The issue's run: auto mode, 800 ms a request, scans 0.3 s apart.
    let mut k = Kiosk::demo(&["--mode", "auto", "--latency-ms", "800"])?;
    k.scan(JANE)?;
    std::thread::sleep(Duration::from_millis(300));
    k.scan(JANE2)?;
    std::thread::sleep(Duration::from_millis(300));
    k.scan("WELCOME2026")?;
    // The queue is visible while the first is validated.
    let screen = k.wait_for("next: ")?;
    assert!(screen.contains(JANE2), "{screen}");
    let done = wait_validations(&k, 3)?;
    let expected = [JANE, JANE2, "WELCOME2026"].map(|c| (c.to_string(), "validated".to_string()));
    assert_eq!(done, expected, "each scan validated once, in order, none glued");
    // The strip keeps all three in sight once the last verdict has gone.
    k.wait_for("✔ VALIDATED")?;
    k.dismiss()?;
    let screen = k.wait_for("Last results")?;
    for code in [JANE, JANE2, "WELCOME2026"] {
        assert!(
            screen.contains(&format!("VALIDATED         ✔ {code}")),
            "{code}:\n{screen}"
        );
    }
    assert!(
        screen.contains("A free coffee with any pastry"),
        "offers in the strip:\n{screen}"
    );
    assert_eq!(k.quit()?, 0);
    Ok(())
}

#[test]
fn twenty_scans_in_two_seconds_are_all_validated_in_order() -> Result<()> {
    let port = std::net::TcpListener::bind("127.0.0.1:0")?.local_addr()?.port();
    let addr = format!("127.0.0.1:{port}");
    let mut k = Kiosk::demo(&["--mode", "auto", "--latency-ms", "100", "--sandbox-addr", &addr])?;
    // Twenty fresh coupons on the demo's own sandbox.
    let rt = tokio::runtime::Runtime::new()?;
    let client = support::client::at(format!("http://{addr}"));
    let issued = rt.block_on(client.create_single_uses(&NewSingleUses {
        campaign: CampaignId::parse("cam_demo01")?,
        amount: 20,
        status: None,
        automated: None,
    }))?;
    let codes: Vec<String> = issued.into_iter().map(|s| s.single_use_code).collect();
    assert_eq!(codes.len(), 20);
    // (That the queue is on screen meanwhile is shown with a slower server above: on a loaded
    // machine no frame may fall between two scans 95 ms apart.)
    let t0 = Instant::now();
    for code in &codes {
        k.scan(code)?;
        std::thread::sleep(Duration::from_millis(95));
    }
    assert!(
        t0.elapsed() < Duration::from_millis(2500),
        "the scans took {:?}",
        t0.elapsed()
    );
    let done = wait_validations(&k, 20)?;
    let expected: Vec<_> = codes
        .iter()
        .map(|c| (c.clone(), "validated".to_string()))
        .collect();
    assert_eq!(done, expected);
    k.wait_for("today ✔ 20 ✖ 0 ⚠ 0")?;
    assert_eq!(k.quit()?, 0);
    Ok(())
}

#[test]
fn a_stray_key_before_a_scan_is_left_out_and_ctrl_u_clears_the_field() -> Result<()> {
    let mut k = Kiosk::demo(&["--mode", "auto"])?;
    k.send("x")?;
    k.wait_for("▸ x")?;
    std::thread::sleep(Duration::from_millis(300));
    k.scan("WELCOME2026")?;
    assert_eq!(wait_verdict(&k)?, "✔ VALIDATED");
    let screen = k.wait_for("\"x\" typed before the scan was left out")?;
    assert!(!screen.contains("xWELCOME2026"), "{screen}");
    assert_eq!(
        validations(&k)?,
        [("WELCOME2026".to_string(), "validated".to_string())]
    );
    // Ctrl-U empties the field; so does Esc.
    k.send("abc")?;
    k.wait_for("▸ abc")?;
    k.send(CTRL_U)?;
    k.wait_until(|s| !s.contains("▸ abc"))?;
    // Typed by hand, key by key: the whole text is the scan. (At a person's pace, 100 ms a key,
    // well clear of a burst's 30 ms: a kiosk held up for a moment reads a few keys at once.)
    for c in JANE2.chars() {
        k.send(&c.to_string())?;
        std::thread::sleep(Duration::from_millis(100));
    }
    k.send(ENTER)?;
    let done = wait_validations(&k, 2)?;
    assert_eq!(done.last().map(|(s, _)| s.as_str()), Some(JANE2), "{done:?}");
    assert_eq!(k.quit()?, 0);
    Ok(())
}

#[test]
fn enter_answers_the_quit_prompt_even_with_text_in_the_field() -> Result<()> {
    let mut k = Kiosk::demo(&[])?;
    k.send("abc")?;
    k.wait_for("▸ abc")?;
    k.send(CTRL_Q)?;
    k.wait_for("Quit the kiosk?")?;
    k.send(ENTER)?;
    assert_eq!(k.wait_exit()?, 0);
    k.assert_restored()
}

#[test]
fn the_offer_shows_on_the_card_and_the_verdict_and_an_inactive_campaign_is_a_warning() -> Result<()> {
    let mut k = Kiosk::demo(&[])?;
    k.scan(JANE)?;
    let card = k.wait_for("Enter validates")?;
    assert!(
        card.contains("Give        A free coffee with any pastry"),
        "{card}"
    );
    assert!(!card.contains("⚠ Campaign"), "cam_demo01 runs: {card}");
    k.send(ENTER)?;
    let screen = k.wait_for("✔ VALIDATED")?;
    assert!(screen.contains("▶ A FREE COFFEE WITH ANY PASTRY ◀"), "{screen}");
    k.dismiss()?;
    // WELCOME2026 belongs to the inactive spring sale.
    k.scan("WELCOME2026")?;
    let card = k.wait_for("Enter validates")?;
    assert!(card.contains("10% off everything in store"), "{card}");
    assert!(
        card.contains("This campaign is not active (status: inactive)"),
        "{card}"
    );
    assert_eq!(k.quit()?, 0);
    Ok(())
}

#[test]
fn a_new_scan_while_a_card_waits_leaves_that_coupon_not_validated_and_says_so() -> Result<()> {
    let mut k = Kiosk::demo(&[])?;
    k.scan(JANE)?;
    k.wait_for("Enter validates")?;
    k.scan(JANE2)?;
    k.wait_until(|s| s.contains("Enter validates") && s.contains(JANE2))?;
    k.esc()?;
    let screen = k.wait_for("Last results")?;
    assert!(
        screen.contains(&format!("NOT VALIDATED     ⚠ {JANE}")),
        "{screen}"
    );
    assert!(validations(&k)?.is_empty(), "nothing was sent for the first card");
    assert_eq!(k.quit()?, 0);
    Ok(())
}

#[test]
fn the_offer_shows_at_once_from_the_mirror_and_the_waiting_counter_ticks_while_the_server_is_slow(
) -> Result<()> {
    let mut k = Kiosk::demo(&["--mode", "auto", "--latency-ms", "3500", "--timeout-ms", "10000"])?;
    // The offline mirror has its copy of the demo's sessions.
    k.wait_until(|s| s.contains("│ mirror ") && !s.contains("mirror empty"))?;
    k.scan(JANE)?;
    // What the scan gives shows at once from the mirror, marked as still being checked.
    let screen = k.wait_for("A free coffee with any pastry — checking…")?;
    assert!(
        screen.contains("cam_demo01") && !screen.contains("VALIDATED —"),
        "{screen}"
    );
    k.wait_for("waiting 1 s")?;
    k.wait_for("waiting 2 s")?;
    let screen = k.screen();
    if !screen.contains("Asking the server to validate") {
        bail!("no longer validating:\n{screen}");
    }
    assert_eq!(wait_verdict(&k)?, "✔ VALIDATED");
    assert_eq!(k.quit()?, 0);
    Ok(())
}

#[test]
fn a_failing_server_is_one_plain_sentence_with_the_details_under_f1() -> Result<()> {
    // Every request fails (HTTP 503 or a dropped connection), before or after the change.
    let mut k = Kiosk::demo(&["--fail-rate", "1", "--fault-seed", "3"])?;
    k.scan(JANE)?;
    let screen = k.wait_for("⚠ CHECK FAILED")?;
    let plain = [
        "The server failed: nothing was changed.",
        "No clear answer from the server: nothing was changed.",
        "The server cannot be reached: nothing was changed.",
    ];
    assert!(plain.iter().any(|p| screen.contains(p)), "{screen}");
    for developer_words in ["HTTP/1", "503", "(no answer", "error sending request"] {
        assert!(!screen.contains(developer_words), "{developer_words}:\n{screen}");
    }
    // The look-up was tried three times (with pauses) before the cashier was told.
    let log = k.log();
    assert_eq!(log.matches("path=couponsession/data").count(), 3, "{log}");
    // F1 has the technical words.
    k.send(support::pty::F1)?;
    let help = k.wait_for("Last problem, at")?;
    assert!(help.contains("503") || help.contains("answer"), "{help}");
    assert_eq!(k.quit()?, 0);
    Ok(())
}

#[test]
fn a_scan_never_confirms_a_deletion_only_ctrl_y_does() -> Result<()> {
    let mut k = Kiosk::demo(&[])?;
    k.scan("jane@example.com")?;
    k.wait_for("2 results")?;
    k.send(support::pty::DOWN)?;
    k.send(ENTER)?;
    let detail = k.wait_for("Validate")?;
    // Only what a claimed session allows is offered.
    for not_offered in ["Unvoid", "Unvalidate", "Unlock"] {
        assert!(!detail.contains(not_offered), "{not_offered}:\n{detail}");
    }
    // Delete is the last action.
    for _ in 0..8 {
        k.send(support::pty::DOWN)?;
    }
    k.send(ENTER)?;
    k.wait_for("Ctrl-Y = yes")?;
    // A scanner's burst, Enter included, at the question.
    k.scan(JANE2)?;
    k.wait_for("Press Ctrl-Y to delete")?;
    let journal = k.journal_json()?;
    assert!(
        !journal.to_string().contains("\"delete\""),
        "nothing deleted: {journal}"
    );
    k.send("\x19")?;
    k.wait_for("deleted")?;
    let journal = k.journal_json()?;
    assert!(journal.to_string().contains("\"delete\""), "{journal}");
    assert_eq!(k.quit()?, 0);
    Ok(())
}

#[test]
fn a_coupon_scanned_in_the_lookup_is_validated_and_the_lookup_returns_when_idle() -> Result<()> {
    let config = format!("{}lookup_idle_ms = 1500\n", support::pty::CONFIG);
    let mut k = Kiosk::demo_with(&config, &["--mode", "auto"])?;
    // An email scanned at the counter opens the lookup; the next coupon scanned is a scan.
    k.scan("jane@example.com")?;
    k.wait_for("2 results")?;
    k.scan(JANE)?;
    assert_eq!(wait_verdict(&k)?, "✔ VALIDATED");
    assert_eq!(
        validations(&k)?.last().map(|(s, _)| s.as_str()),
        Some(JANE),
        "validated from the lookup"
    );
    // Left alone, the lookup goes back to the counter.
    k.dismiss()?;
    k.scan("jane@example.com")?;
    k.wait_for("2 results")?;
    k.wait_for("Ready")?;
    assert_eq!(k.quit()?, 0);
    Ok(())
}

#[test]
fn a_scanner_burst_replaces_what_was_typed_before_it_in_the_lookup_search_too() -> Result<()> {
    let mut k = Kiosk::demo(&["--mode", "auto"])?;
    // A stray key in the search field, then a coupon from the scanner: the coupon alone is the
    // scan, validated as at the counter.
    k.send(support::pty::F2)?;
    k.wait_for("Staff lookup")?;
    k.send("x")?;
    k.wait_for("▸ x█")?;
    std::thread::sleep(Duration::from_millis(300));
    k.scan("WELCOME2026")?;
    assert_eq!(wait_verdict(&k)?, "✔ VALIDATED");
    assert_eq!(
        wait_validations(&k, 1)?,
        [("WELCOME2026".to_string(), "validated".to_string())]
    );
    k.dismiss()?;
    // A search given up on, then an email from the scanner: the email alone is searched.
    k.send(support::pty::F2)?;
    k.wait_for("Staff lookup")?;
    k.send("joh")?;
    k.wait_for("▸ joh█")?;
    std::thread::sleep(Duration::from_millis(300));
    k.scan("jane@example.com")?;
    let screen = k.wait_for("2 results for email jane@example.com")?;
    assert!(!screen.contains("johjane"), "{screen}");
    assert_eq!(k.quit()?, 0);
    Ok(())
}

#[test]
fn with_ask_money_spent_a_used_coupon_is_refused_before_the_amount_is_asked() -> Result<()> {
    let config = format!("{}ask_money_spent = true\n", support::pty::CONFIG);
    let mut k = Kiosk::demo_with(&config, &["--mode", "auto"])?;
    k.scan(support::codes::VALIDATED)?;
    assert_eq!(wait_verdict(&k)?, "✖ ALREADY USED");
    assert!(!k.screen().contains("Amount spent"), "{}", k.screen());
    k.dismiss()?;
    k.scan(JANE)?;
    k.wait_for("Amount spent")?;
    k.send("4.50\r")?;
    assert_eq!(wait_verdict(&k)?, "✔ VALIDATED");
    assert_eq!(k.quit()?, 0);
    Ok(())
}

#[test]
fn esc_then_f2_split_across_reads_is_the_key_never_text() -> Result<()> {
    let mut k = Kiosk::demo(&[])?;
    // Esc, then F2 whose sequence reaches the kiosk in two reads: ESC, and "OQ" a moment later.
    k.send("\x1b")?;
    std::thread::sleep(Duration::from_millis(5));
    k.send("\x1b")?;
    std::thread::sleep(Duration::from_millis(5));
    k.send("OQ")?;
    let screen = k.wait_for("Staff lookup")?;
    assert!(!screen.contains("▸ OQ"), "{screen}");
    assert_eq!(k.quit()?, 0);
    Ok(())
}

#[test]
fn esc_and_a_scan_read_together_are_both_kept() -> Result<()> {
    let mut k = Kiosk::demo(&["--mode", "auto"])?;
    k.scan(JANE)?;
    assert_eq!(wait_verdict(&k)?, "✔ VALIDATED");
    // The cashier's Esc and the next scan at once, one write: the terminal library reads the
    // Esc and the scan's first character as one key with Alt.
    k.send(&format!("\x1b{JANE2}{ENTER}"))?;
    let done = wait_validations(&k, 2)?;
    assert_eq!(done.last().map(|(s, _)| s.as_str()), Some(JANE2), "{done:?}");
    assert_eq!(k.quit()?, 0);
    Ok(())
}
