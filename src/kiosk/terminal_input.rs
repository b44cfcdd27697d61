//! Reads the terminal on a thread of its own and stamps each event with when it came in, so
//! that a scanner's burst keeps its timing however long the event loop takes to get to it.
//!
//! The terminal library reads many keys at once (a whole burst is one read) and hands them out
//! one by one. Stamping each key when it is handed out would measure the reader, not the
//! keys: on a busy machine the reader thread loses the processor between two keys of one read
//! (most often right after the first, when sending it wakes the event loop), and a burst then
//! looks like one key typed by hand followed by a shorter burst, which drops the first key. So
//! a key that was already waiting when the reader came back for it is stamped with the time
//! of the key before it: it came in while the reader was not looking, and the reader last
//! looked then. Only a key the reader had to wait for gets the time it was read.
//!
//! The price: what comes in while the reader is held up (a stall of a hundred milliseconds or
//! more) reads as one fast run, with the key before the stall: keys a person types then look
//! like a burst, and a stray key typed just before the stall is taken into a scan that comes
//! during it. That can only join keys into a run, never split a scanner's burst; a person
//! cannot type four keys and Enter within one such stall, and the stray key needs the reader
//! held up for all the time between it and the scan.

use crossterm::event::Event;
use std::time::{Duration, Instant};
use tokio::sync::mpsc;

/// How long the reader looks for a key already waiting before it blocks for the next one. A
/// key arriving within this counts as waiting (it came while the reader was busy with the
/// last one); it is long enough for the terminal library to report a key it has read already.
const WAITING_WITHIN: Duration = Duration::from_millis(1);

/// Where terminal events come from.
pub trait EventSource {
    /// True when an event is there already (or comes within `within`).
    fn waiting(&mut self, within: Duration) -> std::io::Result<bool>;
    /// The next event; blocks until there is one.
    fn next(&mut self) -> std::io::Result<Event>;
}

/// The terminal, through crossterm.
pub struct Terminal;

impl EventSource for Terminal {
    fn waiting(&mut self, within: Duration) -> std::io::Result<bool> {
        // (A zero timeout would not see the keys crossterm has read but not handed out.)
        crossterm::event::poll(within)
    }

    fn next(&mut self) -> std::io::Result<Event> {
        crossterm::event::read()
    }
}

/// Gives events with the moment each came in (see the module's note).
pub struct Stamped<S, C> {
    source: S,
    /// Time since the kiosk started.
    clock: C,
    last: Option<Duration>,
}

impl<S: EventSource, C: FnMut() -> Duration> Stamped<S, C> {
    pub fn new(source: S, clock: C) -> Self {
        Stamped {
            source,
            clock,
            last: None,
        }
    }

    /// The next event and when it came in.
    pub fn read(&mut self) -> std::io::Result<(Duration, Event)> {
        let was_waiting = self.source.waiting(WAITING_WITHIN)?;
        let event = self.source.next()?;
        let at = match self.last {
            Some(last) if was_waiting => last,
            _ => (self.clock)(),
        };
        self.last = Some(at);
        Ok((at, event))
    }
}

/// Starts the reader thread: each event, stamped with the time since `start` it came in, or
/// the error that ended reading. The thread ends with the process (or when the loop is gone).
pub fn spawn(start: Instant) -> std::io::Result<mpsc::UnboundedReceiver<std::io::Result<(Duration, Event)>>> {
    let (tx, rx) = mpsc::unbounded_channel();
    let mut events = Stamped::new(Terminal, move || start.elapsed());
    let reader = move || loop {
        let read = events.read();
        let failed = read.is_err();
        if tx.send(read).is_err() || failed {
            break;
        }
    };
    std::thread::Builder::new()
        .name("terminal input".into())
        .spawn(reader)?;
    Ok(rx)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kiosk::burst::{Burst, BURST_GAP};
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    use std::cell::Cell;
    use std::collections::VecDeque;
    use std::rc::Rc;

    fn key(c: char) -> Event {
        Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
    }

    /// A terminal whose keys come in reads (groups of keys), and a reader that loses the
    /// processor for 50 ms before every event it takes: the busy machine.
    struct Busy {
        waiting: VecDeque<Event>,
        reads: VecDeque<Vec<Event>>,
        now: Rc<Cell<Duration>>,
    }

    impl Busy {
        fn pass(&self, ms: u64) {
            self.now.set(self.now.get() + Duration::from_millis(ms));
        }
    }

    impl EventSource for Busy {
        fn waiting(&mut self, _within: Duration) -> std::io::Result<bool> {
            Ok(!self.waiting.is_empty())
        }

        fn next(&mut self) -> std::io::Result<Event> {
            if self.waiting.is_empty() {
                // Blocks until the next read's keys come in, 200 ms later.
                self.pass(200);
                self.waiting.extend(self.reads.pop_front().unwrap_or_default());
            }
            self.pass(50);
            self.waiting
                .pop_front()
                .ok_or_else(|| std::io::ErrorKind::UnexpectedEof.into())
        }
    }

    /// Each key of `reads` and the time it was stamped with.
    fn stamps(reads: &[&str]) -> Vec<(char, Duration)> {
        let now = Rc::new(Cell::new(Duration::ZERO));
        let busy = Busy {
            waiting: VecDeque::new(),
            reads: reads.iter().map(|r| r.chars().map(key).collect()).collect(),
            now: Rc::clone(&now),
        };
        let mut events = Stamped::new(busy, move || now.get());
        let total = reads.iter().map(|r| r.len()).sum();
        (0..total)
            .map(|_| match events.read() {
                Ok((
                    at,
                    Event::Key(KeyEvent {
                        code: KeyCode::Char(c),
                        ..
                    }),
                )) => (c, at),
                other => panic!("{other:?}"),
            })
            .collect()
    }

    #[test]
    fn keys_of_one_read_share_its_time_however_slow_the_reader() {
        let got = stamps(&["x", "abcd"]);
        let ms = Duration::from_millis;
        assert_eq!(
            got,
            [
                ('x', ms(250)),
                ('a', ms(500)),
                ('b', ms(500)),
                ('c', ms(500)),
                ('d', ms(500))
            ]
        );
    }

    #[test]
    fn a_burst_read_by_a_slow_reader_is_still_one_burst() {
        // A stray `x`, then a scanner's burst in one read: the burst alone is the scan.
        let got = stamps(&["x", "WELCOME2026"]);
        let mut burst = Burst::default();
        for (len, (_, at)) in got.iter().enumerate() {
            burst.key(*at, len);
        }
        let last = got.last().map(|(_, at)| *at).unwrap_or_default();
        assert_eq!(burst.scan_start(last + BURST_GAP / 2, got.len()), Some(1));
    }
}
