//! The real `coupon-kiosk demo` binary in a pseudo-terminal, driven like a till (a scanner's burst
//! of characters and Enter, function keys) and read back both off the screen (vt100) and from the
//! raw bytes it wrote (graphics sequences, bells, the terminal modes it leaves). Every wait is
//! bounded: it polls until the thing appears or gives up after [`WAIT`].

use anyhow::{anyhow, bail, Context, Result};
use portable_pty::{native_pty_system, Child, CommandBuilder, MasterPty, PtySize};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

pub const BIN: &str = env!("CARGO_BIN_EXE_coupon-kiosk");
pub const ROWS: u16 = 30;
pub const COLS: u16 = 100;
/// Generous: the machine running the tests may be busy. Only a hang waits this long.
pub const WAIT: Duration = Duration::from_secs(30);

pub const ENTER: &str = "\r";
pub const ESC: &str = "\x1b";
pub const TAB: &str = "\t";
pub const F1: &str = "\x1bOP";
pub const F2: &str = "\x1bOQ";
pub const F3: &str = "\x1bOR";
pub const F4: &str = "\x1bOS";
pub const F5: &str = "\x1b[15~";
pub const F8: &str = "\x1b[19~";
pub const F9: &str = "\x1b[20~";
pub const DOWN: &str = "\x1b[B";
pub const CTRL_C: &str = "\x03";
pub const CTRL_Q: &str = "\x11";

/// Settings for a test run: verdicts stay long enough to be read on a busy machine, no bell.
pub const CONFIG: &str = r#"
[kiosk]
terminal_id = "till-9"
cashier = "Tess"
success_display_ms = 600000
undo_window_ms = 600000
duplicate_scan_window_ms = 20000
bell = false
"#;

/// How to start the kiosk: its config file, the subcommand (`demo`, or none for the kiosk
/// against the account the environment names), the arguments after it, environment (over
/// `TERM=xterm-256color`), and the pixel size of a cell if the terminal reports one.
#[derive(Clone, Copy)]
pub struct Launch<'a> {
    pub config: &'a str,
    pub subcommand: &'a [&'a str],
    pub args: &'a [&'a str],
    pub env: &'a [(&'a str, &'a str)],
    pub cell_pixels: Option<(u16, u16)>,
    /// The word the scan screen says when it is ready ("Ready" in English).
    pub ready: &'a str,
}

impl Default for Launch<'_> {
    fn default() -> Self {
        Launch {
            config: CONFIG,
            subcommand: &["demo"],
            args: &[],
            env: &[],
            cell_pixels: None,
            ready: "Ready",
        }
    }
}

/// The kiosk running in a pseudo-terminal.
pub struct Kiosk {
    child: Box<dyn Child + Send + Sync>,
    master: Box<dyn MasterPty + Send>,
    writer: Box<dyn Write + Send>,
    /// Every byte the kiosk wrote, as written.
    raw: Arc<Mutex<Vec<u8>>>,
    parser: Arc<Mutex<vt100::Parser>>,
    /// The screen as the last whole frame left it (see [`Frames`]).
    settled: Arc<Mutex<String>>,
    /// Set once the kiosk's side of the terminal is closed and everything it wrote is read.
    output_ended: Arc<AtomicBool>,
    dir: tempfile::TempDir,
}

impl Kiosk {
    /// `coupon-kiosk demo ARGS` with a fresh data directory and [`CONFIG`].
    pub fn demo(args: &[&str]) -> Result<Kiosk> {
        Self::launch(Launch {
            args,
            ..Launch::default()
        })
    }

    pub fn demo_with(config: &str, args: &[&str]) -> Result<Kiosk> {
        Self::launch(Launch {
            config,
            args,
            ..Launch::default()
        })
    }

    /// Starts the kiosk and waits for its scan screen ("Ready").
    pub fn launch(how: Launch<'_>) -> Result<Kiosk> {
        let dir = tempfile::tempdir()?;
        std::fs::write(dir.path().join("kiosk.toml"), how.config)?;
        let (cell_w, cell_h) = how.cell_pixels.unwrap_or((0, 0));
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: ROWS,
                cols: COLS,
                pixel_width: COLS * cell_w,
                pixel_height: ROWS * cell_h,
            })
            .map_err(|e| anyhow!("openpty: {e}"))?;
        let mut cmd = CommandBuilder::new(BIN);
        cmd.env_clear();
        cmd.env("TERM", "xterm-256color");
        cmd.env("HOME", dir.path());
        cmd.env("TZ", "UTC");
        for (k, v) in how.env {
            cmd.env(k, v);
        }
        cmd.arg("--data-dir");
        cmd.arg(dir.path().join("data"));
        cmd.arg("--config");
        cmd.arg(dir.path().join("kiosk.toml"));
        for a in how.subcommand.iter().chain(how.args) {
            cmd.arg(a);
        }
        let child = pair.slave.spawn_command(cmd).map_err(|e| anyhow!("spawn: {e}"))?;
        drop(pair.slave);
        let mut reader = pair
            .master
            .try_clone_reader()
            .map_err(|e| anyhow!("reader: {e}"))?;
        let writer = pair.master.take_writer().map_err(|e| anyhow!("writer: {e}"))?;
        let raw = Arc::new(Mutex::new(Vec::new()));
        let parser = Arc::new(Mutex::new(vt100::Parser::new(ROWS, COLS, 0)));
        let settled = Arc::new(Mutex::new(String::new()));
        let (keep, mut frames) = (
            Arc::clone(&raw),
            Frames {
                parser: Arc::clone(&parser),
                settled: Arc::clone(&settled),
                tail: Vec::new(),
            },
        );
        let output_ended = Arc::new(AtomicBool::new(false));
        let ended = Arc::clone(&output_ended);
        std::thread::spawn(move || {
            let mut buf = [0u8; 16384];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                if let Ok(mut r) = keep.lock() {
                    r.extend_from_slice(&buf[..n]);
                }
                frames.feed(&buf[..n]);
            }
            // What is written after the last frame (the shell's screen again) counts too.
            frames.settle();
            ended.store(true, Ordering::SeqCst);
        });
        let k = Kiosk {
            child,
            master: pair.master,
            writer,
            raw,
            parser,
            settled,
            output_ended,
            dir,
        };
        k.wait_for(how.ready)?;
        Ok(k)
    }

    /// The temporary home: config file and data directory.
    pub fn home(&self) -> &Path {
        self.dir.path()
    }

    pub fn data_dir(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    /// The screen's text, row by row, as the last whole frame drawn left it (never half a
    /// frame: the kiosk writes a frame in several pieces).
    pub fn screen(&self) -> String {
        self.settled.lock().map(|s| s.clone()).unwrap_or_default()
    }

    /// Everything written so far, as text (escape sequences and base64 are ASCII).
    pub fn raw(&self) -> String {
        self.raw
            .lock()
            .map(|r| String::from_utf8_lossy(&r).into_owned())
            .unwrap_or_default()
    }

    /// Where the output written so far ends in [`Kiosk::raw`]: the `from` of a later [`Kiosk::wait_raw`].
    pub fn written(&self) -> usize {
        self.raw().len()
    }

    pub fn send(&mut self, s: &str) -> Result<()> {
        self.writer.write_all(s.as_bytes())?;
        self.writer.flush()?;
        Ok(())
    }

    /// Esc. It needs no pause around it: the kiosk reads Esc and keys right behind it as Esc,
    /// then those keys (unless they start with `O` or `[`, which make it a function or arrow
    /// key). A test that needs Esc's effect before it goes on waits for that on the screen.
    pub fn esc(&mut self) -> Result<()> {
        self.send(ESC)
    }

    /// What a keyboard-wedge scanner does: the whole code in one burst, then Enter.
    pub fn scan(&mut self, code: &str) -> Result<()> {
        self.send(&format!("{code}{ENTER}"))
    }

    /// Polls the screen until `text` is on it.
    pub fn wait_for(&self, text: &str) -> Result<String> {
        self.wait_until(|s| s.contains(text))
            .with_context(|| format!("waiting for {text:?}"))
    }

    pub fn wait_until(&self, pred: impl Fn(&str) -> bool) -> Result<String> {
        wait(|| Some(self.screen()).filter(|s| pred(s)))
            .with_context(|| format!("not on screen; the screen shows:\n{}", self.screen()))
    }

    /// Waits until the raw output after byte `from` holds `seq`; returns the output from `from`.
    /// Waits until what was written from `from` on satisfies `pred`; returns it.
    pub fn wait_until_raw(&self, from: usize, pred: impl Fn(&str) -> bool) -> Result<String> {
        wait(|| {
            let raw = self.raw();
            raw.get(from..).filter(|r| pred(r)).map(str::to_string)
        })
        .context("the output never got there")
    }

    pub fn wait_raw(&self, from: usize, seq: &str) -> Result<String> {
        wait(|| {
            let raw = self.raw();
            raw.get(from..).filter(|r| r.contains(seq)).map(str::to_string)
        })
        .with_context(|| format!("{seq:?} never written"))
    }

    /// Back to the calm scan screen.
    pub fn dismiss(&mut self) -> Result<()> {
        self.esc()?;
        self.wait_for("Ready").map(|_| ())
    }

    /// Ctrl-Q, Enter; waits for the process to end and returns its exit code.
    pub fn quit(&mut self) -> Result<u32> {
        self.send(CTRL_Q)?;
        self.wait_for("Quit the kiosk?")?;
        self.send(ENTER)?;
        self.wait_exit()
    }

    pub fn wait_exit(&mut self) -> Result<u32> {
        let status = wait(|| self.child.try_wait().ok().flatten())
            .with_context(|| format!("the kiosk did not exit; screen:\n{}", self.screen()))?;
        // Everything it wrote, the restore sequences last, is read once its side is closed.
        wait(|| self.output_ended.load(Ordering::SeqCst).then_some(()))
            .context("the kiosk's terminal output never ended")?;
        Ok(status.exit_code())
    }

    /// The terminal as the shell gets it back: main screen, visible cursor, no paste or mouse
    /// modes, cooked input with echo. Fails when the terminal's settings cannot be read.
    pub fn assert_restored(&self) -> Result<()> {
        let p = self.parser.lock().map_err(|_| anyhow!("parser lock"))?;
        let s = p.screen();
        if s.alternate_screen() {
            bail!("still on the alternate screen");
        }
        if s.hide_cursor() {
            bail!("cursor still hidden");
        }
        if s.bracketed_paste() {
            bail!("bracketed paste still on");
        }
        if s.mouse_protocol_mode() != vt100::MouseProtocolMode::None {
            bail!("mouse capture still on: {:?}", s.mouse_protocol_mode());
        }
        let flags = self.local_flags()?;
        if !(flags.contains("ICANON") && flags.contains("ECHO")) {
            bail!("terminal left in raw mode: {flags}");
        }
        Ok(())
    }

    /// The pty's local termios flags, as text (e.g. "ECHO | ICANON | ...").
    pub fn local_flags(&self) -> Result<String> {
        self.master
            .get_termios()
            .map(|t| format!("{:?}", t.local_flags))
            .ok_or_else(|| anyhow!("the terminal's settings cannot be read"))
    }

    /// Terminal bells (BEL bytes outside any escape sequence) rung so far.
    pub fn bells(&self) -> usize {
        self.raw.lock().map(|r| count_bells(&r)).unwrap_or_default()
    }

    /// Waits until at least `n` bells have rung, then a moment more for any extra one; says how
    /// many there were.
    pub fn bells_after(&self, n: usize) -> Result<usize> {
        wait(|| (self.bells() >= n).then_some(()))
            .with_context(|| format!("{} bell(s), waited for {n}", self.bells()))?;
        std::thread::sleep(Duration::from_millis(300));
        Ok(self.bells())
    }

    /// Resizes the terminal (and the screen reading it). The screen changes size at the same
    /// point of the output as the terminal does: the kiosk's redraw for the new size must not
    /// be read into the screen at the old size (that would leave it garbled, as the kiosk only
    /// redraws what changed afterwards), so no output is read in between.
    pub fn resize(&self, rows: u16, cols: u16) -> Result<()> {
        let mut parser = self.parser.lock().map_err(|_| anyhow!("parser lock"))?;
        self.master
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .map_err(|e| anyhow!("resize: {e}"))?;
        parser.screen_mut().set_size(rows, cols);
        Ok(())
    }

    /// Everything the kiosk wrote to its log file.
    pub fn log(&self) -> String {
        let mut all = String::new();
        if let Ok(dir) = std::fs::read_dir(self.data_dir()) {
            for f in dir.flatten() {
                if f.file_name().to_string_lossy().starts_with("kiosk.log") {
                    all.push_str(&std::fs::read_to_string(f.path()).unwrap_or_default());
                }
            }
        }
        all
    }

    pub fn pid(&self) -> Option<u32> {
        self.child.process_id()
    }

    /// `coupon-kiosk journal ARGS` on this kiosk's data directory.
    pub fn journal(&self, args: &[&str]) -> Result<std::process::Output> {
        Ok(std::process::Command::new(BIN)
            .env_clear()
            .env("HOME", self.home())
            .env("TZ", "UTC")
            .arg("--data-dir")
            .arg(self.data_dir())
            .arg("journal")
            .args(args)
            .output()?)
    }

    /// The demo journal as `journal --demo --json` prints it.
    pub fn journal_json(&self) -> Result<serde_json::Value> {
        let out = self.journal(&["--demo", "--json"])?;
        if !out.status.success() {
            bail!("journal failed: {}", String::from_utf8_lossy(&out.stderr));
        }
        Ok(serde_json::from_slice(&out.stdout)?)
    }
}

impl Drop for Kiosk {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
        }
    }
}

/// The end of every frame the kiosk draws: ratatui hides the cursor last (the kiosk never
/// shows it).
const FRAME_END: &[u8] = b"\x1b[?25l";

/// Feeds the kiosk's output to the screen and keeps a copy of the screen at each frame's end,
/// so that a test reads either the frame before or the one after, never one half drawn.
struct Frames {
    parser: Arc<Mutex<vt100::Parser>>,
    settled: Arc<Mutex<String>>,
    /// The last bytes of the previous read: a frame's end may be cut across two reads.
    tail: Vec<u8>,
}

impl Frames {
    fn feed(&mut self, bytes: &[u8]) {
        let Ok(mut parser) = self.parser.lock() else {
            return;
        };
        let seen = [self.tail.as_slice(), bytes].concat();
        let carried = self.tail.len();
        let mut from = 0;
        for end in seen
            .windows(FRAME_END.len())
            .enumerate()
            .filter(|(_, w)| *w == FRAME_END)
            .map(|(i, _)| i + FRAME_END.len() - carried)
        {
            parser.process(&bytes[from..end]);
            from = end;
            if let Ok(mut s) = self.settled.lock() {
                *s = parser.screen().contents();
            }
        }
        parser.process(&bytes[from..]);
        let keep = seen.len().min(FRAME_END.len() - 1);
        self.tail = seen[seen.len() - keep..].to_vec();
    }

    /// The screen as it is now counts as settled.
    fn settle(&self) {
        if let (Ok(parser), Ok(mut s)) = (self.parser.lock(), self.settled.lock()) {
            *s = parser.screen().contents();
        }
    }
}

/// BEL bytes that ring: those not ending an OSC sequence (`ESC ]` … `BEL`).
fn count_bells(raw: &[u8]) -> usize {
    let mut in_osc = false;
    let mut bells = 0;
    for (i, b) in raw.iter().enumerate() {
        match b {
            b']' if i > 0 && raw[i - 1] == 0x1b => in_osc = true,
            0x07 if in_osc => in_osc = false,
            0x07 => bells += 1,
            // ESC \ (string terminator) also ends an OSC sequence.
            b'\\' if in_osc && i > 0 && raw[i - 1] == 0x1b => in_osc = false,
            _ => {}
        }
    }
    bells
}

/// Polls `f` until it gives something, for at most [`WAIT`].
pub fn wait<T>(mut f: impl FnMut() -> Option<T>) -> Result<T> {
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

/// The verdict line on screen (symbol and words), if any.
pub fn verdict_line(screen: &str) -> Option<&'static str> {
    const LINES: [&str; 12] = [
        "✔ VALIDATED",
        "⚠ VALIDATED — POSSIBLY NOT BY THIS TILL",
        "✖ ALREADY USED",
        "✖ EXPIRED",
        "✖ VOIDED",
        "✖ LOCKED",
        "✖ NOT FOUND",
        "✖ NOT CLAIMED",
        "✖ REFUSED",
        "⚠ CHECK FAILED",
        "⚠ UNKNOWN — do not accept yet",
        "✖ NOT A COUPON CODE",
    ];
    LINES.into_iter().find(|l| screen.contains(l))
}

/// Waits for a verdict on screen and names it.
pub fn wait_verdict(k: &Kiosk) -> Result<&'static str> {
    let screen = k.wait_until(|s| verdict_line(s).is_some())?;
    verdict_line(&screen).ok_or_else(|| anyhow!("no verdict"))
}
