//! The kiosk on a till that boots to the Linux console: the real binary in a pseudo-terminal with
//! `TERM=linux` draws only glyphs the console font has and only its 16 colours, and the verdicts
//! still read by word and symbol.

mod support;

use anyhow::Result;
use coupon_kiosk::kiosk::glyphs::console_has;
use support::codes::{CLAIMED as JANE, VALIDATED as JOHN_VALIDATED};
use support::pty::{Kiosk, Launch, ENTER};

/// Colours beyond the 16 basic ones in the bytes the kiosk wrote (`38;5;N`/`48;5;N` with N > 15,
/// or RGB `38;2;`/`48;2;`).
fn wide_colours(raw: &str) -> Vec<String> {
    let mut found = vec![];
    for sgr in raw.split("\x1b[").skip(1) {
        let params: Vec<&str> = sgr
            .split(|c: char| !(c.is_ascii_digit() || c == ';'))
            .next()
            .unwrap_or("")
            .split(';')
            .collect();
        for w in params.windows(3) {
            if (w[0] == "38" || w[0] == "48") && w[1] == "5" && w[2].parse::<u8>().is_ok_and(|n| n > 15) {
                found.push(w.join(";"));
            }
            if (w[0] == "38" || w[0] == "48") && w[1] == "2" {
                found.push(w.join(";"));
            }
        }
    }
    found
}

fn outside_font(screen: &str) -> String {
    screen
        .chars()
        .filter(|c| *c != '\n' && !console_has(*c))
        .collect()
}

#[test]
fn term_linux_scans_a_code_with_console_glyphs_only() -> Result<()> {
    let mut k = Kiosk::launch(Launch {
        env: &[("TERM", "linux")],
        ..Launch::default()
    })?;
    k.scan(JANE)?;
    k.wait_for("Enter validates")?;
    k.send(ENTER)?;
    let validated = k.wait_for("√ VALIDATED - give the discount")?;
    assert!(validated.contains("today √ 1 X 0 ! 0"), "{validated}");
    assert_eq!(outside_font(&validated), "", "{validated}");

    k.dismiss()?;
    k.scan(JOHN_VALIDATED)?;
    let used = k.wait_for("X ALREADY USED")?;
    assert_eq!(outside_font(&used), "", "{used}");

    let raw = k.raw();
    assert_eq!(wide_colours(&raw), Vec::<String>::new());
    assert_eq!(k.quit()?, 0);
    k.assert_restored()
}

/// The same kiosk on a terminal emulator draws the Unicode symbols: the test above would see them.
#[test]
fn an_emulator_gets_the_unicode_symbols() -> Result<()> {
    let mut k = Kiosk::demo(&[])?;
    k.scan(JANE)?;
    k.wait_for("Enter validates")?;
    k.send(ENTER)?;
    let screen = k.wait_for("✔ VALIDATED — give the discount")?;
    assert_ne!(outside_font(&screen), "");
    assert_eq!(k.quit()?, 0);
    Ok(())
}
