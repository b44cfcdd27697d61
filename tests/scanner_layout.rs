//! A keyboard-wedge scanner set to a US layout on a French AZERTY till, end to end: the real
//! `coupon-kiosk demo` binary in a pseudo-terminal. Its burst is read back and validated, with a
//! hint naming the setting; the same keys typed by a person, one by one, are not read back.

mod support;

use anyhow::{anyhow, Result};
use std::time::Duration;
use support::codes::CLAIMED;
use support::journal::settled_validations;
use support::pty::{Kiosk, ENTER};

/// What the till reads when a US-layout scanner sends CLAIMED (Jane's demo session) on AZERTY.
const CLAIMED_ON_AZERTY: &str = "qc-sèu\"g_qé(jqèxçag_è";

#[test]
fn an_azerty_burst_is_read_back_and_validated_but_slow_typing_is_not() -> Result<()> {
    let mut k = Kiosk::demo(&["--mode", "auto"])?;

    // A person typing the same keys, one by one: their text, refused as it is, no hint.
    for c in CLAIMED_ON_AZERTY.chars() {
        k.send(&c.to_string())?;
        std::thread::sleep(Duration::from_millis(150));
    }
    k.send(ENTER)?;
    let screen = k.wait_for("no coupon code has")?;
    assert!(!screen.contains("keyboard_layout"), "{screen}");
    let done = settled_validations(&k, 1)?;
    let (scanned, outcome) = done.first().ok_or_else(|| anyhow!("no attempt"))?;
    assert_eq!(scanned, CLAIMED_ON_AZERTY);
    assert_ne!(outcome, "validated");

    // The scanner's burst: read back, validated, and the hint says which setting to make.
    k.scan(CLAIMED_ON_AZERTY)?;
    let screen = k.wait_for("✔ VALIDATED")?;
    let screen = if screen.contains("keyboard_layout") {
        screen
    } else {
        k.wait_for("keyboard_layout")?
    };
    assert!(
        screen.contains("Scanner types as AZERTY: set [scanner] keyboard_layout = \"azerty-fr\""),
        "{screen}"
    );
    let done = settled_validations(&k, 2)?;
    assert_eq!(done[1], (CLAIMED.to_string(), "validated".to_string()));
    assert_eq!(k.quit()?, 0);
    Ok(())
}
