//! End to end: the barcode screen (F4) of the real `coupon-kiosk demo` binary in a pseudo-terminal
//! that says it is kitty (or is told to be iTerm2, or not to use graphics), read back from the raw
//! bytes the kiosk writes: the picture's escape sequences, and the code inside the picture.
//! Every wait is bounded.

use anyhow::{anyhow, bail, Context, Result};
use base64::Engine as _;
use coupon_kiosk::barcode::decode::decode;
use coupon_kiosk::barcode::BarcodeType;
use portable_pty::{native_pty_system, Child, CommandBuilder, MasterPty, PtySize};
use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_coupon-kiosk");
const ROWS: u16 = 30;
const COLS: u16 = 100;
/// Cell size the pty reports: 9 x 18 pixels.
const CELL_W: u16 = 9;
const CELL_H: u16 = 18;
/// Generous: the machine running the tests may be busy. Only a hang waits this long.
const WAIT: Duration = Duration::from_secs(30);

/// A demo session (Jane's, claimed).
const JANE: &str = "ac6s7u3g8a25ja7x9qg87";
const F4: &str = "\x1bOS";
const ESC: &str = "\x1b";
const CTRL_Q: &str = "\x11";
const ENTER: &str = "\r";

const CONFIG: &str = r#"
[kiosk]
terminal_id = "till-9"
cashier = "Tess"
bell = false
"#;

const KITTY_PLACE: &str = "\x1b_Ga=T,f=100";
const KITTY_DELETE: &str = "\x1b_Ga=d,d=I";
const ITERM2_IMAGE: &str = "\x1b]1337;File=inline=1";

/// The kiosk in a pseudo-terminal, with every byte it wrote kept raw and fed to a vt100 screen.
struct Kiosk {
    child: Box<dyn Child + Send + Sync>,
    _master: Box<dyn MasterPty + Send>,
    writer: Box<dyn Write + Send>,
    raw: Arc<Mutex<Vec<u8>>>,
    parser: Arc<Mutex<vt100::Parser>>,
    _dir: tempfile::TempDir,
}

impl Kiosk {
    fn demo(env: &[(&str, &str)]) -> Result<Kiosk> {
        let dir = tempfile::tempdir()?;
        std::fs::write(dir.path().join("kiosk.toml"), CONFIG)?;
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: ROWS,
                cols: COLS,
                pixel_width: COLS * CELL_W,
                pixel_height: ROWS * CELL_H,
            })
            .map_err(|e| anyhow!("openpty: {e}"))?;
        let mut cmd = CommandBuilder::new(BIN);
        cmd.env_clear();
        cmd.env("HOME", dir.path());
        cmd.env("TZ", "UTC");
        for (k, v) in env {
            cmd.env(k, v);
        }
        cmd.arg("--data-dir");
        cmd.arg(dir.path().join("data"));
        cmd.arg("--config");
        cmd.arg(dir.path().join("kiosk.toml"));
        cmd.arg("demo");
        let child = pair.slave.spawn_command(cmd).map_err(|e| anyhow!("spawn: {e}"))?;
        drop(pair.slave);
        let mut reader = pair
            .master
            .try_clone_reader()
            .map_err(|e| anyhow!("reader: {e}"))?;
        let writer = pair.master.take_writer().map_err(|e| anyhow!("writer: {e}"))?;
        let raw = Arc::new(Mutex::new(Vec::new()));
        let parser = Arc::new(Mutex::new(vt100::Parser::new(ROWS, COLS, 0)));
        let (keep, feed) = (Arc::clone(&raw), Arc::clone(&parser));
        std::thread::spawn(move || {
            let mut buf = [0u8; 16384];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                if let Ok(mut r) = keep.lock() {
                    r.extend_from_slice(&buf[..n]);
                }
                if let Ok(mut p) = feed.lock() {
                    p.process(&buf[..n]);
                }
            }
        });
        let k = Kiosk {
            child,
            _master: pair.master,
            writer,
            raw,
            parser,
            _dir: dir,
        };
        k.wait_screen("Ready")?;
        Ok(k)
    }

    fn send(&mut self, s: &str) -> Result<()> {
        self.writer.write_all(s.as_bytes())?;
        self.writer.flush()?;
        Ok(())
    }

    fn screen(&self) -> String {
        self.parser
            .lock()
            .map(|p| p.screen().contents())
            .unwrap_or_default()
    }

    /// Everything written so far, as text (escape sequences and base64 are ASCII).
    fn raw(&self) -> String {
        self.raw
            .lock()
            .map(|r| String::from_utf8_lossy(&r).into_owned())
            .unwrap_or_default()
    }

    fn wait_screen(&self, text: &str) -> Result<String> {
        wait(|| Some(self.screen()).filter(|s| s.contains(text)))
            .with_context(|| format!("{text:?} not on screen:\n{}", self.screen()))
    }

    /// Waits until the raw output after byte `from` holds `seq`; returns the output from `from`.
    fn wait_raw(&self, from: usize, seq: &str) -> Result<String> {
        wait(|| {
            let raw = self.raw();
            raw.get(from..).filter(|r| r.contains(seq)).map(str::to_string)
        })
        .with_context(|| format!("{seq:?} never written"))
    }

    /// Scans Jane's code, then F4: the barcode screen with the server's QR code.
    fn open_barcode(&mut self) -> Result<()> {
        self.send(&format!("{JANE}{ENTER}"))?;
        self.wait_screen("Enter validates")?;
        self.send(F4)?;
        self.wait_screen("QR code · from the server")?;
        Ok(())
    }

    /// Ctrl-Q, Enter; waits for the process to end.
    fn quit(&mut self) -> Result<()> {
        self.send(CTRL_Q)?;
        self.wait_screen("Quit the kiosk?")?;
        self.send(ENTER)?;
        wait(|| self.child.try_wait().ok().flatten()).context("the kiosk did not exit")?;
        // Let the reader take in the last bytes.
        std::thread::sleep(Duration::from_millis(200));
        Ok(())
    }
}

impl Drop for Kiosk {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
        }
    }
}

/// Polls `f` until it gives something, for at most [`WAIT`].
fn wait<T>(mut f: impl FnMut() -> Option<T>) -> Result<T> {
    let t0 = Instant::now();
    loop {
        if let Some(v) = f() {
            return Ok(v);
        }
        if t0.elapsed() > WAIT {
            bail!("gave up after {WAIT:?}");
        }
        std::thread::sleep(Duration::from_millis(25));
    }
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

#[test]
fn kitty_shows_the_session_code_as_a_picture_and_deletes_it_on_leaving() -> Result<()> {
    // No setting: the terminal's name is enough.
    let mut k = Kiosk::demo(&[("TERM", "xterm-kitty")])?;
    let before = k.raw().len();
    assert!(!k.raw().contains("\x1b_G"), "no picture before F4");
    k.open_barcode()?;
    let out = k.wait_raw(before, "m=0;")?;
    let cmds = kitty_image(&out)?;
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
    let at = k.raw().len();
    k.send("\t")?;
    k.wait_screen("Aztec · from the server")?;
    let out = k.wait_raw(at, "m=0;")?;
    let (deleted, placed) = (out.find(KITTY_DELETE), out.find(KITTY_PLACE));
    assert!(deleted.is_some() && deleted < placed, "{deleted:?} {placed:?}");
    let cmds = kitty_image(&out)?;
    let payload: String = cmds.iter().map(|(_, p)| p.as_str()).collect();
    let png = base64::engine::general_purpose::STANDARD.decode(payload)?;
    let read = decode(&png).map_err(|e| anyhow!("the picture holds no code: {e}"))?;
    assert_eq!((read.format, read.content.as_str()), (BarcodeType::Aztec, JANE));

    // Esc: back to the coupon; the picture is deleted and none is placed again.
    let at = k.raw().len();
    std::thread::sleep(Duration::from_millis(60));
    k.send(ESC)?;
    k.wait_screen("Enter validates")?;
    let out = k.wait_raw(at, KITTY_DELETE)?;
    assert!(
        !out.contains(KITTY_PLACE),
        "a picture was placed on the coupon screen"
    );
    k.quit()
}

#[test]
fn iterm2_paints_the_picture_inline() -> Result<()> {
    let mut k = Kiosk::demo(&[("TERM", "xterm-256color"), ("COUPON_KIOSK_GRAPHICS", "iterm2")])?;
    let before = k.raw().len();
    k.open_barcode()?;
    let out = k.wait_raw(before, ITERM2_IMAGE)?;
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
    let at = k.raw().len();
    std::thread::sleep(Duration::from_millis(60));
    k.send(ESC)?;
    k.wait_screen("Enter validates")?;
    let out = k.wait_raw(at, "\x1b[2J")?;
    // ratatui's own clear would ask where the cursor is (the answer would land in the input).
    assert!(!out.contains("\x1b[6n"), "cursor position asked");
    k.quit()
}

#[test]
fn with_graphics_off_only_half_blocks_are_drawn() -> Result<()> {
    let mut k = Kiosk::demo(&[
        ("TERM", "xterm-kitty"),
        ("KITTY_WINDOW_ID", "1"),
        ("COUPON_KIOSK_GRAPHICS", "off"),
    ])?;
    k.open_barcode()?;
    k.wait_screen("█")?;
    // The next frame (Tab) is drawn after the first barcode frame was written in full.
    k.send("\t")?;
    k.wait_screen("Aztec · from the server")?;
    k.quit()?;
    let raw = k.raw();
    assert!(!raw.contains("\x1b_G"), "a kitty sequence was written");
    assert!(!raw.contains("\x1b]1337;"), "an iTerm2 image was written");
    assert!(!raw.contains("\x1bP"), "a sixel image was written");
    Ok(())
}
