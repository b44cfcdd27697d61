//! The event loop: waits on terminal events, effect answers, the next timer the state asks for,
//! and termination signals — and redraws only when one of them changed something. While nothing
//! happens it sleeps until the next minute (the status-bar clock shows minutes, so a per-second
//! tick would cost 60 wake-ups a minute for nothing a cashier reads).

use super::clock::{Clock, LocalZone};
use super::flows::update;
use super::input::map_event;
use super::msg::{Effect, Msg};
use super::runner::Runner;
use super::scanner::Scanners;
use super::split_escape::SplitEscape;
use super::state::{Config, State};
use super::terminal::{ring, Tui};
use crate::api::Client;
use crate::journal::Journal;
use crate::settings::Settings;
use crossterm::event::Event;
use std::time::{Duration, Instant};
use time::OffsetDateTime;
use tokio::signal::unix::{signal, SignalKind};
use tokio::sync::mpsc;

#[derive(Debug, thiserror::Error)]
pub enum KioskError {
    #[error("the kiosk needs an interactive terminal: {0}")]
    Terminal(std::io::Error),
    #[error("terminal input failed: {0}")]
    Input(std::io::Error),
    #[error("cannot draw on the terminal: {0}")]
    Draw(std::io::Error),
    #[error("cannot listen for signals: {0}")]
    Signals(std::io::Error),
}

/// How the kiosk was started besides its settings.
#[derive(Debug, Clone, Copy, Default)]
pub struct RunOptions {
    /// Against the built-in sandbox: the status bar says DEMO.
    pub demo: bool,
}

/// Runs the kiosk until the cashier quits (Ctrl-Q, Enter) or a signal asks it to stop.
pub async fn run(
    settings: &Settings,
    client: Client,
    journal: Journal,
    opts: RunOptions,
) -> Result<(), KioskError> {
    let start = Instant::now();
    let now = move || Clock::new(OffsetDateTime::now_utc(), start.elapsed());
    let config = Config {
        kiosk: settings.kiosk.clone(),
        checking_after: crate::redeem::attempt::update_time(settings.api.request_timeout),
        zone: LocalZone::System,
        demo: opts.demo,
    };
    let (tx, mut rx) = mpsc::unbounded_channel::<Msg>();
    let mut serial = settings.scanner.serial.clone().and_then(read_serial_scanner);
    let mut state = State::new(config, now());
    state.scanners = Scanners::new(
        settings.scanner.serial.is_some(),
        settings.scanner.keyboard_layout,
    );

    let mut sigint = signal(SignalKind::interrupt()).map_err(KioskError::Signals)?;
    let mut sigterm = signal(SignalKind::terminate()).map_err(KioskError::Signals)?;
    let mut sighup = signal(SignalKind::hangup()).map_err(KioskError::Signals)?;

    let mut tui = Tui::enter().map_err(KioskError::Terminal)?;
    // The screen first: opening the offline mirror and outbox waits on the disk (synced
    // writes). Keys typed meanwhile wait in the terminal and are read right after.
    tui.terminal
        .draw(|f| {
            super::view::render(&state, f.area(), f.buffer_mut());
        })
        .map_err(KioskError::Draw)?;
    let offline = super::offline::OfflineSide::open(settings, &client);
    let report_cache =
        crate::report::ReportCache::open(&settings.data_dir.join(crate::report::cache::FILE_NAME))
            .map_err(|e| tracing::warn!(error = %e, "F3's all-tills tab goes without the report cache"))
            .ok();
    let runner = Runner::new(client, journal, tx)
        .with_offline(offline)
        .with_report_cache(report_cache);
    let mut events = super::terminal_input::spawn(start).map_err(KioskError::Input)?;
    let mut split = SplitEscape::default();
    let mut graphics = crate::barcode::graphics::Overlay::from_env();
    dispatch(&runner, state.start());
    tracing::info!(terminal = %state.config.kiosk.terminal_id, demo = opts.demo, "kiosk started");

    // Draw only when nothing else is ready: a scanner's burst is taken in whole, then drawn once.
    // (`biased` polls the branches in order, and every branch is polled with this task's waker,
    // so no wake-up is lost.)
    let mut dirty = true;
    while !state.quit {
        let deadline = tokio::time::Instant::from_std(start + state.next_deadline());
        tokio::select! {
            biased;
            _ = sigint.recv() => break,
            _ = sigterm.recv() => break,
            _ = sighup.recv() => break,
            ev = events.recv() => match ev {
                Some(Ok((at, ev))) => dirty |= on_event(&mut state, &runner, &now, at, &mut split, &ev),
                Some(Err(e)) => return Err(KioskError::Input(e)),
                None => break,
            },
            Some(msg) = rx.recv() => {
                state.clock = now();
                dispatch(&runner, update(&mut state, msg));
                dirty = true;
            }
            // Taken straight from the reader's bounded channel: a scanner faster than the loop
            // is held back at its port, never queued up without end in between.
            event = next_serial_event(&mut serial) => match event {
                Some(event) => {
                    state.clock = now();
                    dispatch(&runner, update(&mut state, Msg::Scanner(event)));
                    dirty = true;
                }
                None => serial = None,
            },
            () = std::future::ready(()), if dirty => {
                let mut placed = None;
                let frame = tui.terminal
                    .draw(|f| placed = super::view::render(&state, f.area(), f.buffer_mut()))
                    .map_err(KioskError::Draw)?;
                // The barcode as a picture over its half blocks, where the terminal can show one.
                dirty = graphics.after_draw(frame.area, placed.as_ref(), &mut std::io::stdout()).map_err(KioskError::Draw)?;
                if dirty {
                    crate::barcode::graphics::clear_screen(&mut tui.terminal).map_err(KioskError::Draw)?;
                }
            }
            () = tokio::time::sleep_until(deadline) => {
                state.clock = now();
                dispatch(&runner, update(&mut state, Msg::Tick));
                dirty = true;
            }
        }
    }
    tracing::info!("kiosk stopped");
    drop(graphics);
    drop(tui);
    Ok(())
}

/// One terminal event, read at `at`; true when the state may have changed.
fn on_event(
    state: &mut State,
    runner: &Runner,
    now: &impl Fn() -> Clock,
    at: Duration,
    split: &mut SplitEscape,
    ev: &Event,
) -> bool {
    let mut changed = false;
    for input in map_event(ev) {
        // Keys are timed by when they were read, not when the loop got to them (bursts, split
        // escape sequences).
        state.clock = now();
        state.clock.mono = at;
        for input in split.feed(input, state.clock.mono) {
            dispatch(runner, update(state, Msg::Input(input)));
        }
        changed = true;
    }
    changed
}

/// Starts the serial scanner's reader; its codes and comings and goings come from the channel
/// returned. The kiosk runs on if the reader cannot start (the status bar then says not
/// connected).
fn read_serial_scanner(
    device: crate::scanner::SerialDevice,
) -> Option<mpsc::Receiver<crate::scanner::ScannerEvent>> {
    let (events, incoming) = crate::scanner::events();
    match crate::scanner::spawn(device, events) {
        Ok(_) => Some(incoming),
        Err(e) => {
            tracing::error!(error = %e, "the serial scanner's reader did not start");
            None
        }
    }
}

/// The serial scanner's next event; never, without one. None once its reader has ended.
async fn next_serial_event(
    serial: &mut Option<mpsc::Receiver<crate::scanner::ScannerEvent>>,
) -> Option<crate::scanner::ScannerEvent> {
    match serial {
        Some(incoming) => incoming.recv().await,
        None => std::future::pending().await,
    }
}

fn dispatch(runner: &Runner, effects: Vec<Effect>) {
    for e in effects {
        match e {
            Effect::Bell { rings } => ring(rings),
            other => runner.run(other),
        }
    }
}
