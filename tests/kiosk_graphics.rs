//! End to end: the barcode screen (F4) of the real `coupon-kiosk demo` binary in a pseudo-terminal
//! that says it is kitty (or is told to be iTerm2, or not to use graphics), read back from the raw
//! bytes the kiosk writes: the picture's escape sequences, and the code inside the picture.

mod support;

use anyhow::{anyhow, bail, Context, Result};
use base64::Engine as _;
use coupon_kiosk::barcode::decode::decode;
use coupon_kiosk::barcode::BarcodeType;
use std::time::Duration;
use support::codes::CLAIMED as JANE;
use support::pty::{wait, Kiosk, Launch, ESC, F4, TAB};

/// Cell size the pty reports: 9 x 18 pixels.
const CELL: (u16, u16) = (9, 18);

const CONFIG: &str = r#"
[kiosk]
terminal_id = "till-9"
cashier = "Tess"
bell = false
"#;

const KITTY_PLACE: &str = "\x1b_Ga=T,f=100";
const KITTY_DELETE: &str = "\x1b_Ga=d,d=I";
const ITERM2_IMAGE: &str = "\x1b]1337;File=inline=1";

/// The kiosk in a terminal with this environment that reports its cells' pixel size.
fn kiosk(env: &[(&str, &str)]) -> Result<Kiosk> {
    Kiosk::launch(Launch {
        config: CONFIG,
        env,
        cell_pixels: Some(CELL),
        ..Launch::default()
    })
}

/// Scans Jane's code, then F4: the barcode screen with the server's QR code.
fn open_barcode(k: &mut Kiosk) -> Result<()> {
    k.scan(JANE)?;
    k.wait_for("Enter validates")?;
    k.send(F4)?;
    k.wait_for("QR code · from the server")?;
    Ok(())
}

/// The kitty commands in `out` from the first image placement on: (keys, payload) each, up to
/// and including the last chunk (`m=0`) of that image.
fn kitty_image(out: &str) -> Result<Vec<(String, String)>> {
    let start = out.find(KITTY_PLACE).ok_or_else(|| anyhow!("no kitty image"))?;
    let mut cmds = Vec::new();
    for part in out[start..].split("\x1b_G").skip(1) {
        let (cmd, _) = part
            .split_once("\x1b\\")
            .ok_or_else(|| anyhow!("unterminated kitty command"))?;
        let (keys, payload) = cmd.split_once(';').unwrap_or((cmd, ""));
        let last = !keys.split(',').any(|k| k == "m=1");
        cmds.push((keys.to_string(), payload.to_string()));
        if last {
            return Ok(cmds);
        }
    }
    bail!("the image's last chunk was not written")
}

/// The first kitty image written after byte `from`, once its last chunk has arrived in full.
fn kitty_image_after(k: &Kiosk, from: usize) -> Result<Vec<(String, String)>> {
    wait(|| kitty_image(k.raw().get(from..)?).ok()).context("no complete kitty image was written")
}

#[test]
fn kitty_shows_the_session_code_as_a_picture_and_deletes_it_on_leaving() -> Result<()> {
    // No setting: the terminal's name is enough.
    let mut k = kiosk(&[("TERM", "xterm-kitty")])?;
    let before = k.written();
    assert!(!k.raw().contains("\x1b_G"), "no picture before F4");
    open_barcode(&mut k)?;
    let cmds = kitty_image_after(&k, before)?;
    let keys = &cmds[0].0;
    assert!(keys.contains("q=2") && keys.contains("C=1"), "{keys}");
    // Over the half blocks of a 25-module QR code with its quiet zone: 33 x 17 cells.
    assert!(keys.contains("c=33,r=17"), "{keys}");
    assert!(cmds.iter().all(|(_, p)| p.len() <= 4096));
    let payload: String = cmds.iter().map(|(_, p)| p.as_str()).collect();
    let png = base64::engine::general_purpose::STANDARD.decode(payload)?;
    let read = decode(&png).map_err(|e| anyhow!("the picture holds no code: {e}"))?;
    assert_eq!((read.format, read.content.as_str()), (BarcodeType::Qrcode, JANE));
    // The half blocks stay underneath.
    assert!(k.screen().contains('█'));

    // Tab: the QR picture is deleted, then the Aztec code's placed.
    let at = k.written();
    k.send(TAB)?;
    k.wait_for("Aztec · from the server")?;
    let cmds = kitty_image_after(&k, at)?;
    let out = k.raw().get(at..).unwrap_or_default().to_string();
    let (deleted, placed) = (out.find(KITTY_DELETE), out.find(KITTY_PLACE));
    assert!(deleted.is_some() && deleted < placed, "{deleted:?} {placed:?}");
    let payload: String = cmds.iter().map(|(_, p)| p.as_str()).collect();
    let png = base64::engine::general_purpose::STANDARD.decode(payload)?;
    let read = decode(&png).map_err(|e| anyhow!("the picture holds no code: {e}"))?;
    assert_eq!((read.format, read.content.as_str()), (BarcodeType::Aztec, JANE));

    // Esc: back to the coupon; the picture is deleted and none is placed again, up to the end.
    let at = k.written();
    std::thread::sleep(Duration::from_millis(60));
    k.send(ESC)?;
    k.wait_for("Enter validates")?;
    k.wait_raw(at, KITTY_DELETE)?;
    assert_eq!(k.quit()?, 0);
    let raw = k.raw();
    let rest = raw.get(at..).unwrap_or_default();
    let deleted = rest.rfind(KITTY_DELETE);
    let placed = rest.rfind(KITTY_PLACE);
    assert!(deleted.is_some(), "the picture was never deleted");
    assert!(
        placed.is_none(),
        "a picture was placed after leaving the barcode screen"
    );
    Ok(())
}

#[test]
fn iterm2_paints_the_picture_inline() -> Result<()> {
    let mut k = kiosk(&[("TERM", "xterm-256color"), ("COUPON_KIOSK_GRAPHICS", "iterm2")])?;
    let before = k.written();
    open_barcode(&mut k)?;
    k.wait_raw(before, ITERM2_IMAGE)?;
    // The picture may arrive in several reads: wait for its end (BEL) before decoding it.
    let out = k.wait_until_raw(before, |r| {
        r.find(ITERM2_IMAGE).is_some_and(|at| r[at..].contains('\x07'))
    })?;
    let start = out.find(ITERM2_IMAGE).unwrap_or_default();
    let seq = &out[start..];
    let (head, rest) = seq
        .split_once(':')
        .ok_or_else(|| anyhow!("no payload in {:?}", &seq[..seq.len().min(80)]))?;
    assert!(head.contains(";width=33;height=17;"), "{head}");
    let payload = rest.split('\x07').next().unwrap_or_default();
    let png = base64::engine::general_purpose::STANDARD.decode(payload)?;
    let read = decode(&png).map_err(|e| anyhow!("the picture holds no code: {e}"))?;
    assert_eq!(read.content, JANE);
    // Esc: an inline picture is painted into the cells, so leaving clears the whole screen and
    // draws it again.
    let at = k.written();
    std::thread::sleep(Duration::from_millis(60));
    k.send(ESC)?;
    k.wait_for("Enter validates")?;
    k.wait_raw(at, "\x1b[2J")?;
    assert_eq!(k.quit()?, 0);
    // Over the whole run: ratatui's own clear would ask where the cursor is (the answer would
    // land in the input), and no picture is painted after leaving the barcode screen.
    let raw = k.raw();
    assert!(!raw.contains("\x1b[6n"), "cursor position asked");
    let after = raw.get(at..).unwrap_or_default();
    let cleared = after.find("\x1b[2J").unwrap_or_default();
    assert!(
        !after[cleared..].contains(ITERM2_IMAGE),
        "a picture was painted after leaving the barcode screen"
    );
    Ok(())
}

#[test]
fn with_graphics_off_only_half_blocks_are_drawn() -> Result<()> {
    let mut k = kiosk(&[
        ("TERM", "xterm-kitty"),
        ("KITTY_WINDOW_ID", "1"),
        ("COUPON_KIOSK_GRAPHICS", "off"),
    ])?;
    open_barcode(&mut k)?;
    k.wait_for("█")?;
    // The next frame (Tab) is drawn after the first barcode frame was written in full.
    k.send(TAB)?;
    k.wait_for("Aztec · from the server")?;
    assert_eq!(k.quit()?, 0);
    let raw = k.raw();
    assert!(!raw.contains("\x1b_G"), "a kitty sequence was written");
    assert!(!raw.contains("\x1b]1337;"), "an iTerm2 image was written");
    assert!(!raw.contains("\x1bP"), "a sixel image was written");
    Ok(())
}
