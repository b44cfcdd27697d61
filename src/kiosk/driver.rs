//! The kiosk without a terminal: the event loop's work — `update`, the runner, the view drawn
//! into a buffer — driven one message at a time. Benchmarks measure through it and tests check
//! the order of things through it (what the journal holds when a verdict first shows).

use super::clock::Clock;
use super::flows::update;
use super::input::Input;
use super::msg::{Effect, Msg};
use super::offline::OfflineSide;
use super::runner::Runner;
use super::state::{Config, State};
use super::view::render;
use crate::api::Client;
use crate::journal::Journal;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use std::time::{Duration, Instant};
use time::OffsetDateTime;
use tokio::sync::mpsc;

/// The kiosk's state, its runner, and the frame it would draw.
pub struct Headless {
    pub state: State,
    runner: Runner,
    rx: mpsc::UnboundedReceiver<Msg>,
    pub frame: Buffer,
    start: Instant,
}

impl Headless {
    /// Starts the kiosk (today's counts are asked for) with an 80×24 frame. Call inside a tokio
    /// runtime: effects run on it.
    pub fn new(client: Client, journal: Journal, config: Config) -> Self {
        Headless::with_offline(client, journal, config, None)
    }

    /// [`Headless::new`], answering scans from the mirror when the server cannot be reached.
    pub fn with_offline(
        client: Client,
        journal: Journal,
        config: Config,
        offline: Option<OfflineSide>,
    ) -> Self {
        let (tx, rx) = mpsc::unbounded_channel();
        let start = Instant::now();
        let state = State::new(config, Clock::new(OffsetDateTime::now_utc(), Duration::ZERO));
        let runner = Runner::new(client, journal, tx).with_offline(offline);
        let mut k = Self {
            state,
            runner,
            rx,
            frame: Buffer::empty(Rect::new(0, 0, 80, 24)),
            start,
        };
        let effects = k.state.start();
        k.dispatch(effects);
        k
    }

    /// Stamps the clock, applies `msg`, starts the effects it asks for (the bell is dropped), and
    /// draws. Returns the effects started.
    pub fn apply(&mut self, msg: Msg) -> Vec<Effect> {
        self.state.clock = Clock::new(OffsetDateTime::now_utc(), self.start.elapsed());
        let effects = update(&mut self.state, msg);
        self.dispatch(effects.clone());
        self.draw();
        effects
    }

    pub fn input(&mut self, input: Input) -> Vec<Effect> {
        self.apply(Msg::Input(input))
    }

    /// What a keyboard-wedge scanner does: every character, then Enter.
    pub fn scan(&mut self, code: &str) -> Vec<Effect> {
        for c in code.chars() {
            self.input(Input::Char(c));
        }
        self.input(Input::Enter)
    }

    /// The next answer from the runner, or None after `wait` (or when the runner is gone).
    pub async fn next_msg(&mut self, wait: Duration) -> Option<Msg> {
        tokio::time::timeout(wait, self.rx.recv()).await.ok().flatten()
    }

    /// Applies answers as they come until `done` holds; false when `wait` passed first.
    pub async fn until(&mut self, wait: Duration, mut done: impl FnMut(&State) -> bool) -> bool {
        let deadline = Instant::now() + wait;
        while !done(&self.state) {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.next_msg(left).await {
                Some(msg) => {
                    self.apply(msg);
                }
                None => return false,
            }
        }
        true
    }

    /// The frame's text, row by row.
    pub fn text(&self) -> String {
        let area = self.frame.area;
        let mut out = String::new();
        for y in area.top()..area.bottom() {
            for x in area.left()..area.right() {
                out.push_str(self.frame[(x, y)].symbol());
            }
            out.push('\n');
        }
        out
    }

    /// Starts effects as the event loop does; the bell is the terminal's, so it is dropped here.
    fn dispatch(&self, effects: Vec<Effect>) {
        for e in effects {
            if !matches!(e, Effect::Bell { .. }) {
                self.runner.run(e);
            }
        }
    }

    /// Draws a fresh frame, as the terminal's double buffer does.
    fn draw(&mut self) {
        self.frame.reset();
        let area = self.frame.area;
        render(&self.state, area, &mut self.frame);
    }
}
