//! The terminal, set up for the kiosk and always restored: raw mode, alternate screen, bracketed
//! paste, mouse capture, hidden cursor. Restored when the guard drops (normal exit, error, Ctrl-Q,
//! a signal) and by the panic hook when the UI thread panics.

use crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use crossterm::terminal::{disable_raw_mode, enable_raw_mode, EnterAlternateScreen, LeaveAlternateScreen};
use ratatui::backend::CrosstermBackend;
use ratatui::Terminal;
use std::io::{self, Stdout, Write};
use std::sync::OnceLock;
use std::thread::ThreadId;

/// The thread that owns the screen. A panic elsewhere (an effect task, the blocking pool) does
/// not end the kiosk, so it must not tear the screen down either.
static UI_THREAD: OnceLock<ThreadId> = OnceLock::new();

/// The kiosk's terminal; restores everything when dropped.
pub struct Tui {
    pub terminal: Terminal<CrosstermBackend<Stdout>>,
}

impl Tui {
    pub fn enter() -> io::Result<Self> {
        install_panic_hook();
        let _ = UI_THREAD.set(std::thread::current().id());
        if let Err(e) = setup() {
            restore();
            return Err(e);
        }
        match Terminal::new(CrosstermBackend::new(io::stdout())) {
            Ok(terminal) => Ok(Self { terminal }),
            Err(e) => {
                restore();
                Err(e)
            }
        }
    }
}

impl Drop for Tui {
    fn drop(&mut self) {
        restore();
    }
}

fn setup() -> io::Result<()> {
    enable_raw_mode()?;
    crossterm::execute!(
        io::stdout(),
        EnterAlternateScreen,
        EnableBracketedPaste,
        EnableMouseCapture,
        crossterm::cursor::Hide
    )
}

/// Puts the terminal back as the shell expects it. Safe to call more than once.
pub fn restore() {
    let mut out = io::stdout();
    let _ = crossterm::execute!(
        out,
        DisableMouseCapture,
        DisableBracketedPaste,
        LeaveAlternateScreen,
        crossterm::cursor::Show
    );
    let _ = disable_raw_mode();
    let _ = out.flush();
}

fn install_panic_hook() {
    static INSTALLED: OnceLock<()> = OnceLock::new();
    INSTALLED.get_or_init(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let on_ui = UI_THREAD.get() == Some(&std::thread::current().id());
            tracing::error!(on_ui_thread = on_ui, panic = %info, "panic");
            if on_ui {
                restore();
                previous(info);
            }
        }));
    });
}

/// Rings the terminal bell `rings` times, a little apart so that three are heard as three.
pub fn ring(rings: u8) {
    tokio::spawn(async move {
        for i in 0..rings {
            if i > 0 {
                tokio::time::sleep(std::time::Duration::from_millis(180)).await;
            }
            let mut out = io::stdout();
            let _ = out.write_all(b"\x07");
            let _ = out.flush();
        }
    });
}
