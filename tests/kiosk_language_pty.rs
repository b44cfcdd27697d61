//! The cashier's language, end to end: the real `coupon-kiosk demo` binary in a pseudo-terminal
//! speaks German with `--lang de` and French when only the locale (`LANG`) names French, down to
//! the verdict after a scan; a language the kiosk does not speak is a settings error.

mod support;

use anyhow::Result;
use support::codes::{CLAIMED as JANE, EXPIRED, VALIDATED as JOHN_VALIDATED};
use support::pty::{Kiosk, Launch, BIN, CTRL_Q, ENTER, ESC};

/// Ctrl-Q, the quit question in the kiosk's language, Enter: the kiosk exits.
fn quit(k: &mut Kiosk, question: &str) -> Result<()> {
    k.send(CTRL_Q)?;
    k.wait_for(question)?;
    k.send(ENTER)?;
    k.wait_exit().map(|_| ())
}

#[test]
fn demo_with_lang_de_shows_the_german_scan_screen_and_a_german_verdict() -> Result<()> {
    let mut k = Kiosk::launch(Launch {
        args: &["--lang", "de"],
        ready: "Bereit",
        ..Launch::default()
    })?;
    // The status bar and the key hints in German (waited for: the bar's parts give way to one
    // another while the demo's mirror fills).
    k.wait_until(|s| {
        s.contains("Code scannen oder eintippen, dann Enter")
            && s.contains("heute")
            && s.contains("Strg-Q")
            && s.contains("beenden")
    })?;
    // Confirm mode: the German card, Enter validates.
    k.scan(JANE)?;
    k.wait_for("Gutscheinsitzung — Enter löst ein")?;
    k.send(ENTER)?;
    let screen = k.wait_for("✔ BESTÄTIGT — Rabatt gewähren")?;
    assert!(screen.contains("Bestätigt heute um"), "{screen}");
    // A coupon used before: already used, never the word of success.
    k.send(ESC)?;
    k.wait_for("Bereit")?;
    k.scan(JOHN_VALIDATED)?;
    let screen = k.wait_for("✖ BEREITS EINGELÖST")?;
    assert!(!screen.contains("BESTÄTIGT —"), "{screen}");
    quit(&mut k, "Kasse beenden?")?;
    k.assert_restored()
}

#[test]
fn the_locale_alone_makes_the_kiosk_french() -> Result<()> {
    let mut k = Kiosk::launch(Launch {
        env: &[("LANG", "fr_FR.UTF-8")],
        args: &["--mode", "auto"],
        ready: "Prêt",
        ..Launch::default()
    })?;
    k.wait_for("Scannez ou tapez un code, puis Entrée")?;
    k.scan(EXPIRED)?;
    k.wait_for("✖ EXPIRÉ")?;
    quit(&mut k, "Quitter la caisse ?")?;
    k.assert_restored()
}

#[test]
fn a_language_the_kiosk_does_not_speak_is_a_settings_error() -> Result<()> {
    let dir = tempfile::tempdir()?;
    let out = std::process::Command::new(BIN)
        .env_clear()
        .env("HOME", dir.path())
        .args(["--data-dir"])
        .arg(dir.path().join("data"))
        .args(["demo", "--lang", "tlh"])
        .output()?;
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("--lang") && err.contains("tlh"), "{err}");
    Ok(())
}
