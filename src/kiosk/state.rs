//! The kiosk's state and `update(&mut State, Msg) -> Vec<Effect>`: every cashier flow as a pure
//! function. No I/O, no terminal, no clock reads — the event loop stamps `state.clock` before
//! each message, effects come back as messages, and tests drive it all directly.

use super::clock::{Clock, LocalZone};
use super::effects::{Attempt, Effect, StaffAction};
use super::field::TextField;
use super::input::Input;
use super::lookup::Lookup;
use super::verdict::{Retry, VerdictKind, VerdictView};
use crate::api::{ApiError, Session, SessionCode};
use crate::barcode::{BarcodeScreen, BarcodeType};
use crate::journal::{Count, Entry};
use crate::redeem::Verdict;
use crate::scan::{self, Scanned};
use crate::settings::{KioskSettings, ValidationMode};
use rust_decimal::Decimal;
use std::time::Duration;
use time::OffsetDateTime;

/// How an attempt ended, for its journal entry.
pub(super) struct Recorded<'a> {
    pub outcome: &'a str,
    pub session: Option<&'a Session>,
    pub error_code: Option<u32>,
    pub message: &'a str,
    pub round_trips: u32,
    pub rtt: Option<Duration>,
}

/// Identifies one request, so that a late answer to an abandoned request is recognised.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Req(pub u64);

/// What a validation sends besides the code (money spent, the terminal/cashier tag).
pub type Extras = crate::redeem::ValidateExtras;

/// How the kiosk was started.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    pub kiosk: KioskSettings,
    /// After this long without an answer to a validation, the request has timed out and the
    /// flow is asking the server what happened: the screen says CHECKING.
    pub checking_after: Duration,
    pub zone: LocalZone,
    /// Running against the built-in sandbox: the status bar says DEMO.
    pub demo: bool,
}

/// The link to the API, as the last request found it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Link {
    /// No request yet.
    Unknown,
    Online,
    /// The last request got no (or a garbled) answer.
    Unstable,
    /// The last request could not reach the server.
    Offline,
}

/// What one effect learned about the network.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Net {
    pub rtt: Duration,
    pub link: Link,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Connection {
    pub link: Link,
    pub last_rtt: Option<Duration>,
}

/// A one-line message under the scan field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub text: String,
    pub tone: super::verdict::Tone,
}

impl Notice {
    pub fn bad(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            tone: super::verdict::Tone::Bad,
        }
    }
    pub fn warn(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            tone: super::verdict::Tone::Warn,
        }
    }
    pub fn good(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            tone: super::verdict::Tone::Good,
        }
    }
}

/// The last validation, which F8 can still undo until `until`.
#[derive(Debug, Clone, PartialEq)]
pub struct Undo {
    pub scanned: String,
    pub code: SessionCode,
    pub session: Option<Session>,
    pub until: Duration,
}

/// What the kiosk is waiting for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Task {
    /// Finding the session(s) a scan names (confirm mode): nothing changes on the server.
    LookingUp,
    /// A validation is in flight: it cannot be abandoned, and no other scan is sent meanwhile.
    Validating,
    Undoing,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Working {
    pub req: Req,
    pub task: Task,
    pub scanned: String,
    /// When the request was sent (monotonic).
    pub started: Duration,
    /// What F5 repeats if the answer is lost.
    pub retry: Option<Retry>,
}

/// The session card (confirm mode): Enter validates.
#[derive(Debug, Clone, PartialEq)]
pub struct Card {
    pub scanned: String,
    pub session: Session,
}

/// Several sessions match one scan (e.g. a shared custom validation code): pick one.
#[derive(Debug, Clone, PartialEq)]
pub struct Choose {
    pub scanned: String,
    pub sessions: Vec<Session>,
    pub selected: usize,
}

/// What happens once the amount spent is entered.
#[derive(Debug, Clone, PartialEq)]
#[allow(clippy::large_enum_variant)] // one per kiosk: boxing would only add noise
pub enum MoneyThen {
    Validate {
        scanned: String,
        code: SessionCode,
        session: Option<Session>,
    },
    Redeem {
        scanned: String,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Money {
    pub field: TextField,
    pub then: MoneyThen,
    pub error: Option<String>,
}

/// The barcode screen (F4): one session, one of the five types (Tab cycles them).
#[derive(Debug, Clone, PartialEq)]
pub struct BarcodeView {
    pub code: SessionCode,
    pub kind: BarcodeType,
    /// The fetch this screen waits for.
    pub req: Req,
    /// None while fetching.
    pub shown: Option<BarcodeScreen>,
    /// Where Esc goes.
    pub back: Box<Screen>,
}

#[derive(Debug, Clone, PartialEq)]
#[allow(clippy::large_enum_variant)] // one per kiosk: boxing would only add noise
pub enum Screen {
    /// Waiting for a scan.
    Scan,
    Working(Working),
    Card(Card),
    Choose(Choose),
    Money(Money),
    Verdict(VerdictView),
    Lookup(Box<Lookup>),
    Summary {
        back: Box<Screen>,
    },
    Help {
        back: Box<Screen>,
    },
    Barcode(BarcodeView),
}

/// Today's journaled attempts, per operation and outcome.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Today {
    /// Start of the local day, UTC.
    pub since_utc: Option<OffsetDateTime>,
    pub counts: Vec<Count>,
    /// Version of the journal snapshot the counts come from (0: counted here).
    pub version: u64,
}

/// Counts read from the journal. Versions grow in the order the journal was read, so a late
/// answer never replaces a newer one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CountsSnapshot {
    pub version: u64,
    pub since_utc: OffsetDateTime,
    pub counts: Vec<Count>,
}

/// Outcomes of a validation attempt that mean "refused by the server" (a mistyped code, refused
/// locally, is not counted: it says nothing about the coupons taken).
pub const REFUSED_OUTCOMES: [&str; 7] = [
    "already_validated",
    "expired",
    "voided",
    "locked",
    "not_found",
    "not_claimed",
    "refused",
];

impl Today {
    pub fn add(&mut self, operation: &str, outcome: &str) {
        match self
            .counts
            .iter_mut()
            .find(|c| c.operation == operation && c.outcome == outcome)
        {
            Some(c) => c.count += 1,
            None => self.counts.push(Count {
                operation: operation.to_string(),
                outcome: outcome.to_string(),
                count: 1,
            }),
        }
    }

    pub fn count(&self, operation: &str, outcomes: &[&str]) -> u64 {
        self.counts
            .iter()
            .filter(|c| c.operation == operation && outcomes.contains(&c.outcome.as_str()))
            .map(|c| c.count)
            .sum()
    }

    pub fn validated(&self) -> u64 {
        self.count("validate", &["validated"])
    }
    pub fn refused(&self) -> u64 {
        self.count("validate", &REFUSED_OUTCOMES)
    }
    pub fn unsure(&self) -> u64 {
        self.count("validate", &["unknown", "check_failed"])
    }
    pub fn undone(&self) -> u64 {
        self.count("unvalidate", &["undone"])
    }
}

/// A result held back until its journal entry is on disk.
#[derive(Debug, Clone, PartialEq)]
pub struct Pending {
    pub req: Req,
    pub then: AfterJournal,
}

#[derive(Debug, Clone, PartialEq)]
#[allow(clippy::large_enum_variant)] // one per kiosk: boxing would only add noise
pub enum AfterJournal {
    /// Show this verdict; ring; arm undo.
    Verdict {
        view: VerdictView,
        undo: Option<(String, SessionCode, Option<Session>)>,
    },
    /// Apply a staff action's result to the lookup screen.
    Staff {
        action: StaffAction,
        session: Option<Session>,
        deleted: bool,
        message: Notice,
    },
}

/// Everything on screen and everything the kiosk remembers between messages.
#[derive(Debug, Clone, PartialEq)]
pub struct State {
    pub config: Config,
    pub clock: Clock,
    pub screen: Screen,
    /// The scan field: always there, always focused on the scan-side screens.
    pub scan: TextField,
    pub notice: Option<Notice>,
    pub conn: Connection,
    pub today: Today,
    pub undo: Option<Undo>,
    /// Ctrl-Q was pressed: Enter quits, Esc stays.
    pub quit_prompt: bool,
    pub quit: bool,
    /// Last submitted scan and when, for the duplicate window.
    pub last_scan: Option<(String, Duration)>,
    pub pending: Option<Pending>,
    /// Set when a journal write failed: the status bar says so until one succeeds.
    pub journal_error: Option<String>,
    /// The last validation whose answer was lost (text as scanned, when it was sent): if the
    /// server later says that coupon was validated after that moment, the verdict says so.
    pub unsure_attempt: Option<(String, OffsetDateTime)>,
    next_req: u64,
}

/// Everything that can happen to the kiosk.
#[derive(Debug)]
pub enum Msg {
    Input(Input),
    /// A timer the state asked for (`next_deadline`) is due.
    Tick,
    Resolved {
        req: Req,
        scanned: String,
        result: Result<Vec<Session>, ApiError>,
        net: Net,
    },
    Verdict {
        req: Req,
        attempt: Attempt,
        verdict: Verdict,
        net: Net,
    },
    Undone {
        req: Req,
        attempt: Attempt,
        result: Result<Session, ApiError>,
        net: Net,
    },
    Journaled {
        req: Req,
        operation: String,
        outcome: String,
        result: Result<(), String>,
        /// Today's counts read right after the write, when the runner knows the day.
        counts: Option<CountsSnapshot>,
    },
    Searched {
        req: Req,
        result: Result<Vec<Session>, ApiError>,
        net: Net,
    },
    Acted {
        req: Req,
        attempt: Attempt,
        action: StaffAction,
        result: Result<Option<Session>, ApiError>,
        net: Net,
    },
    Reloaded {
        req: Req,
        result: Result<Session, ApiError>,
        net: Net,
    },
    Counts {
        result: Result<CountsSnapshot, String>,
    },
    Barcode {
        req: Req,
        screen: BarcodeScreen,
    },
}

/// Smallest terminal the kiosk draws into; below it asks for a larger window.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 12;

impl State {
    pub fn new(config: Config, clock: Clock) -> Self {
        Self {
            config,
            clock,
            screen: Screen::Scan,
            scan: TextField::scan(),
            notice: None,
            conn: Connection {
                link: Link::Unknown,
                last_rtt: None,
            },
            today: Today::default(),
            undo: None,
            quit_prompt: false,
            quit: false,
            last_scan: None,
            pending: None,
            journal_error: None,
            unsure_attempt: None,
            next_req: 0,
        }
    }

    /// The effects to run when the kiosk starts: load today's counts.
    pub fn start(&mut self) -> Vec<Effect> {
        let since = self.config.zone.start_of_day(self.clock.utc);
        self.today.since_utc = Some(since);
        vec![Effect::LoadCounts { since_utc: since }]
    }

    pub(super) fn next_req(&mut self) -> Req {
        self.next_req += 1;
        Req(self.next_req)
    }

    /// When the loop must wake even without input: the minute clock, a success verdict's
    /// dismissal, the undo window's end, a validation turning into CHECKING.
    pub fn next_deadline(&self) -> Duration {
        let mut next = self.clock.next_minute();
        let mut consider = |t: Duration| {
            if t < next {
                next = t;
            }
        };
        if let Screen::Verdict(v) = &self.screen {
            if let Some(t) = v.dismiss_at {
                consider(t);
            }
        }
        if let Some(u) = &self.undo {
            consider(u.until);
        }
        if let Screen::Working(w) = &self.screen {
            let checking = w.started + self.config.checking_after;
            if w.task != Task::LookingUp && checking > self.clock.mono {
                consider(checking);
            }
        }
        next
    }

    /// True once a validation has waited past the request timeout: the flow is now asking the
    /// server what happened.
    pub fn is_checking(&self, w: &Working) -> bool {
        w.task != Task::LookingUp && self.clock.mono >= w.started + self.config.checking_after
    }

    /// Whether F8 works right now.
    pub fn can_undo(&self) -> bool {
        self.undo.as_ref().is_some_and(|u| self.clock.mono < u.until) && !self.validation_in_flight()
    }

    pub fn validation_in_flight(&self) -> bool {
        matches!(&self.screen, Screen::Working(w) if w.task != Task::LookingUp) || self.pending.is_some()
    }

    /// The session a barcode can be shown for on the current screen.
    pub fn barcode_target(&self) -> Option<SessionCode> {
        match &self.screen {
            Screen::Card(c) => SessionCode::parse(&c.session.session).ok(),
            Screen::Verdict(v) => v.session_code(),
            Screen::Choose(c) => c
                .sessions
                .get(c.selected)
                .and_then(|s| SessionCode::parse(&s.session).ok()),
            Screen::Lookup(l) => l.selected_code(),
            _ => None,
        }
    }

    fn till(&self) -> crate::redeem::Till {
        let k = &self.config.kiosk;
        crate::redeem::Till {
            terminal: k.terminal_id.clone(),
            cashier: k.cashier.clone(),
            tag_field: k.tag_customfield,
        }
    }

    pub(super) fn extras(&self, money_spent: Option<Decimal>) -> Extras {
        Extras {
            money_spent,
            till: self.till(),
            earlier: Vec::new(),
        }
    }

    pub(super) fn attempt(&self, scanned: &str, operation: &str, reason: Option<&str>) -> Attempt {
        Attempt {
            scanned: scanned.to_string(),
            operation: operation.to_string(),
            started_utc: self.clock.utc,
            reason: reason.map(str::to_string),
        }
    }

    /// The journal entry for one attempt.
    pub(super) fn entry(&self, attempt: &Attempt, r: Recorded<'_>) -> Entry {
        Entry {
            at_utc: attempt.started_utc,
            scanned: attempt.scanned.clone(),
            session: r.session.map(|s| s.session.clone()),
            campaign: r.session.map(|s| s.campaign.clone()),
            operation: attempt.operation.clone(),
            outcome: r.outcome.to_string(),
            error_code: r.error_code,
            message: r.message.to_string(),
            round_trips: r.round_trips,
            rtt_ms: r.rtt.map(|d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX)),
            terminal: self.config.kiosk.terminal_id.clone(),
            cashier: self.config.kiosk.cashier.clone(),
            reason: attempt.reason.clone(),
        }
    }

    /// Remembers what the last request learned about the link (nothing, when none was sent).
    pub(super) fn note_net(&mut self, net: Net) {
        if net.link != Link::Unknown {
            self.conn.link = net.link;
            self.conn.last_rtt = Some(net.rtt);
        }
    }

    /// Holds `then` until the journal has `entry`, and asks for the write.
    fn journal_then(&mut self, req: Req, entry: Entry, then: AfterJournal) -> Vec<Effect> {
        self.pending = Some(Pending { req, then });
        vec![Effect::Journal { req, entry }]
    }
}

/// The one entry point: applies `msg` and returns what must be done at the edge.
pub fn update(state: &mut State, msg: Msg) -> Vec<Effect> {
    match msg {
        Msg::Input(input) => state.on_input(input),
        Msg::Tick => state.on_tick(),
        Msg::Resolved {
            req,
            scanned,
            result,
            net,
        } => {
            state.note_net(net);
            state.on_resolved(req, scanned, result, net)
        }
        Msg::Verdict {
            req,
            attempt,
            verdict,
            net,
        } => {
            state.note_net(net);
            state.on_verdict(req, attempt, verdict, net)
        }
        Msg::Undone {
            req,
            attempt,
            result,
            net,
        } => {
            state.note_net(net);
            state.on_undone(req, attempt, result, net)
        }
        Msg::Journaled {
            req,
            operation,
            outcome,
            result,
            counts,
        } => {
            match counts {
                Some(snapshot) => state.apply_counts(snapshot),
                None => state.today.add(&operation, &outcome),
            }
            state.on_journaled(req, result)
        }
        Msg::Searched { req, result, net } => {
            state.note_net(net);
            state.on_searched(req, result)
        }
        Msg::Acted {
            req,
            attempt,
            action,
            result,
            net,
        } => {
            state.note_net(net);
            state.on_acted(req, attempt, action, result, net)
        }
        Msg::Reloaded { req, result, net } => {
            state.note_net(net);
            state.on_reloaded(req, result)
        }
        Msg::Counts { result } => {
            match result {
                Ok(snapshot) => state.apply_counts(snapshot),
                Err(e) => state.journal_error = Some(e),
            }
            vec![]
        }
        Msg::Barcode { req, screen } => {
            if let Screen::Barcode(b) = &mut state.screen {
                if b.req == req {
                    b.shown = Some(screen);
                }
            }
            vec![]
        }
    }
}

impl State {
    fn on_input(&mut self, input: Input) -> Vec<Effect> {
        if self.quit_prompt {
            match input {
                Input::Enter if self.scan.is_empty() => {
                    self.quit = true;
                    return vec![];
                }
                Input::Esc | Input::Quit => {
                    self.quit_prompt = false;
                    return vec![];
                }
                // A scan arriving while the prompt is up is a scan, not an answer.
                Input::Char(_) | Input::Paste(_) => self.quit_prompt = false,
                _ => return vec![],
            }
        }
        match input {
            Input::Quit => {
                self.quit_prompt = true;
                return vec![];
            }
            Input::Resize => return vec![],
            _ => {}
        }
        match &self.screen {
            Screen::Lookup(_) => self.on_lookup_input(input),
            Screen::Money(_) => self.on_money_input(input),
            _ => self.on_scan_input(input),
        }
    }

    /// Keys on the scan-side screens. Printable characters only ever go into the scan field.
    fn on_scan_input(&mut self, input: Input) -> Vec<Effect> {
        match input {
            Input::Char(c) => {
                self.scan.push(c);
                vec![]
            }
            Input::Paste(s) => {
                self.scan.paste(&s);
                vec![]
            }
            Input::Backspace => {
                self.scan.backspace();
                vec![]
            }
            Input::Enter | Input::Tab if !self.scan.is_empty() => self.submit_scan(),
            Input::Enter => self.on_enter(),
            Input::Tab => {
                if let Screen::Barcode(b) = &mut self.screen {
                    b.kind = b.kind.next();
                    return self.fetch_barcode();
                }
                vec![]
            }
            Input::BackTab => {
                if let Screen::Barcode(b) = &mut self.screen {
                    b.kind = b.kind.previous();
                    return self.fetch_barcode();
                }
                vec![]
            }
            Input::Esc => self.on_esc(),
            Input::Up | Input::Down => {
                if let Screen::Choose(c) = &mut self.screen {
                    c.selected = step(c.selected, c.sessions.len(), input == Input::Down);
                }
                vec![]
            }
            Input::F(1) => self.toggle_help(),
            Input::F(2) => self.open_lookup(None),
            Input::F(3) => self.open_summary(),
            Input::F(4) => self.open_barcode(),
            Input::F(5) => self.retry(),
            Input::F(8) => self.undo(),
            _ => vec![],
        }
    }

    /// Enter with an empty scan field: the current screen's confirm action.
    fn on_enter(&mut self) -> Vec<Effect> {
        match &self.screen {
            Screen::Card(card) => {
                let (scanned, session) = (card.scanned.clone(), card.session.clone());
                match SessionCode::parse(&session.session) {
                    Ok(code) => self.validate_or_ask_money(scanned, code, Some(session)),
                    Err(e) => {
                        self.notice = Some(Notice::bad(e.to_string()));
                        vec![]
                    }
                }
            }
            Screen::Choose(c) => match c.sessions.get(c.selected).cloned() {
                Some(s) => {
                    let scanned = c.scanned.clone();
                    self.show_session(scanned, s)
                }
                None => vec![],
            },
            Screen::Help { back } | Screen::Summary { back } => {
                self.screen = (**back).clone();
                vec![]
            }
            _ => vec![],
        }
    }

    fn on_esc(&mut self) -> Vec<Effect> {
        if !self.scan.is_empty() {
            self.scan.clear();
            return vec![];
        }
        match &self.screen {
            Screen::Scan => self.notice = None,
            Screen::Verdict(_) | Screen::Card(_) | Screen::Choose(_) => self.screen = Screen::Scan,
            // A look-up changes nothing: it may be abandoned (its answer will be ignored).
            Screen::Working(w) if w.task == Task::LookingUp => self.screen = Screen::Scan,
            Screen::Working(_) => {
                self.notice = Some(Notice::warn("A validation is in flight: wait for its verdict."));
            }
            Screen::Help { back } | Screen::Summary { back } => self.screen = (**back).clone(),
            Screen::Barcode(b) => self.screen = (*b.back).clone(),
            Screen::Lookup(_) | Screen::Money(_) => {}
        }
        vec![]
    }

    /// A scan ended (Enter, Ctrl-J or Tab after text).
    fn submit_scan(&mut self) -> Vec<Effect> {
        let raw = self.scan.take();
        let text = raw.trim().to_string();
        if self.validation_in_flight() {
            // Keep the scan: it is sent with Enter once the verdict is on screen.
            self.scan.paste(&text);
            self.notice = Some(Notice::warn(
                "Wait: the previous coupon is still being validated. Press Enter again after its verdict.",
            ));
            return vec![];
        }
        let window = self.config.kiosk.duplicate_scan_window;
        if let Some((last, at)) = &self.last_scan {
            if *last == text && self.clock.mono.saturating_sub(*at) < window {
                self.last_scan = Some((text, self.clock.mono));
                self.notice = Some(Notice::warn(format!(
                    "Same code again within {} s: not sent twice.",
                    window.as_secs().max(1)
                )));
                return vec![];
            }
        }
        self.last_scan = Some((text.clone(), self.clock.mono));
        self.notice = None;
        match scan::classify(&text) {
            Err(e) => {
                // No request: say what is wrong, and keep a record of the attempt.
                self.screen = Screen::Scan;
                self.notice = Some(Notice::bad(e.to_string()));
                let attempt = self.attempt(&text, "validate", None);
                let entry = self.entry(
                    &attempt,
                    Recorded {
                        outcome: VerdictKind::Invalid.journal_outcome(),
                        session: None,
                        error_code: None,
                        message: &e.to_string(),
                        round_trips: 0,
                        rtt: None,
                    },
                );
                vec![Effect::Journal {
                    req: self.next_req(),
                    entry,
                }]
            }
            Ok(Scanned::Email(_) | Scanned::Phone(_)) => self.open_lookup(Some(text)),
            Ok(scanned) => match self.config.kiosk.mode {
                ValidationMode::Auto if self.config.kiosk.ask_money_spent => {
                    self.ask_money(MoneyThen::Redeem { scanned: text })
                }
                ValidationMode::Auto => self.start_redeem(text, scanned, self.extras(None)),
                ValidationMode::Confirm => self.start_resolve(text, scanned),
            },
        }
    }

    fn start_resolve(&mut self, text: String, scanned: Scanned) -> Vec<Effect> {
        let req = self.next_req();
        self.screen = Screen::Working(Working {
            req,
            task: Task::LookingUp,
            scanned: text.clone(),
            started: self.clock.mono,
            retry: Some(Retry::Resolve {
                scanned: text.clone(),
            }),
        });
        vec![Effect::Resolve {
            req,
            scanned: text,
            what: scanned,
        }]
    }

    fn start_redeem(&mut self, text: String, scanned: Scanned, extras: Extras) -> Vec<Effect> {
        let req = self.next_req();
        let attempt = self.attempt(&text, "validate", None);
        self.screen = Screen::Working(Working {
            req,
            task: Task::Validating,
            scanned: text.clone(),
            started: self.clock.mono,
            retry: Some(Retry::Redeem {
                scanned: text,
                extras: extras.clone(),
            }),
        });
        vec![Effect::Redeem {
            req,
            attempt,
            scanned,
            extras,
        }]
    }

    fn start_validate(
        &mut self,
        scanned: String,
        code: SessionCode,
        session: Option<Session>,
        extras: Extras,
    ) -> Vec<Effect> {
        let req = self.next_req();
        let attempt = self.attempt(&scanned, "validate", None);
        self.screen = Screen::Working(Working {
            req,
            task: Task::Validating,
            scanned: scanned.clone(),
            started: self.clock.mono,
            retry: Some(Retry::Validate {
                scanned,
                code: code.clone(),
                session,
                extras: extras.clone(),
            }),
        });
        vec![Effect::Validate {
            req,
            attempt,
            code,
            extras,
        }]
    }

    fn validate_or_ask_money(
        &mut self,
        scanned: String,
        code: SessionCode,
        session: Option<Session>,
    ) -> Vec<Effect> {
        if self.config.kiosk.ask_money_spent {
            self.ask_money(MoneyThen::Validate {
                scanned,
                code,
                session,
            })
        } else {
            let extras = self.extras(None);
            self.start_validate(scanned, code, session, extras)
        }
    }

    fn ask_money(&mut self, then: MoneyThen) -> Vec<Effect> {
        self.screen = Screen::Money(Money {
            field: TextField::new(16),
            then,
            error: None,
        });
        vec![]
    }

    fn on_money_input(&mut self, input: Input) -> Vec<Effect> {
        let Screen::Money(m) = &mut self.screen else {
            return vec![];
        };
        match input {
            Input::Char(c) => m.field.push(c),
            Input::Paste(s) => m.field.paste(&s),
            Input::Backspace => m.field.backspace(),
            Input::Esc => {
                self.screen = match &m.then {
                    MoneyThen::Validate {
                        scanned,
                        session: Some(session),
                        ..
                    } => Screen::Card(Card {
                        scanned: scanned.clone(),
                        session: session.clone(),
                    }),
                    _ => Screen::Scan,
                };
            }
            Input::Enter | Input::Tab => match parse_money(m.field.as_str()) {
                Ok(amount) => {
                    let then = m.then.clone();
                    let extras = self.extras(amount);
                    return match then {
                        MoneyThen::Validate {
                            scanned,
                            code,
                            session,
                        } => self.start_validate(scanned, code, session, extras),
                        MoneyThen::Redeem { scanned } => match scan::classify(&scanned) {
                            Ok(what) => self.start_redeem(scanned, what, extras),
                            Err(e) => {
                                self.screen = Screen::Scan;
                                self.notice = Some(Notice::bad(e.to_string()));
                                vec![]
                            }
                        },
                    };
                }
                Err(e) => m.error = Some(e),
            },
            Input::F(1) => return self.toggle_help(),
            _ => {}
        }
        vec![]
    }

    fn on_resolved(
        &mut self,
        req: Req,
        scanned: String,
        result: Result<Vec<Session>, ApiError>,
        net: Net,
    ) -> Vec<Effect> {
        if self.lookup_mut().is_some_and(|l| l.busy == Some(req)) {
            return self.on_searched(req, result);
        }
        let current = matches!(&self.screen, Screen::Working(w) if w.req == req);
        if !current {
            return vec![]; // abandoned look-up: nothing changed on the server
        }
        match result {
            Ok(mut sessions) if sessions.len() == 1 => {
                let session = sessions.remove(0);
                self.show_session_after(scanned, session, Some(net))
            }
            Ok(sessions) if sessions.is_empty() => {
                let view = VerdictView::new(
                    VerdictKind::NotFound,
                    &scanned,
                    "No coupon session matches this code.",
                );
                self.refusal_verdict(req, view, 1, Some(net.rtt))
            }
            Ok(sessions) => {
                self.screen = Screen::Choose(Choose {
                    scanned,
                    sessions,
                    selected: 0,
                });
                vec![]
            }
            Err(e) => {
                let view = VerdictView::from_lookup_error(&e, &scanned);
                self.refusal_verdict(req, view, 1, Some(net.rtt))
            }
        }
    }

    /// A resolved session: its card, or — when its record already says it cannot be validated —
    /// that refusal, without sending the update.
    fn show_session(&mut self, scanned: String, session: Session) -> Vec<Effect> {
        self.show_session_after(scanned, session, None)
    }

    fn show_session_after(&mut self, scanned: String, session: Session, net: Option<Net>) -> Vec<Effect> {
        if let Some(view) = VerdictView::from_session_record(&session, &scanned, self.clock.utc) {
            let req = self.next_req();
            return self.refusal_verdict(req, view, 1, net.map(|n| n.rtt));
        }
        self.screen = Screen::Card(Card { scanned, session });
        vec![]
    }

    /// Journals a verdict reached without an update, then shows it.
    fn refusal_verdict(
        &mut self,
        req: Req,
        view: VerdictView,
        round_trips: u32,
        rtt: Option<Duration>,
    ) -> Vec<Effect> {
        let attempt = self.attempt(&view.scanned, "validate", None);
        let entry = self.entry(
            &attempt,
            Recorded {
                outcome: view.kind.journal_outcome(),
                session: view.session.as_ref(),
                error_code: view.error_code,
                message: &view.reason,
                round_trips,
                rtt,
            },
        );
        self.hold_screen(req);
        self.journal_then(req, entry, AfterJournal::Verdict { view, undo: None })
    }

    /// Keeps (or puts) a Working screen up while a verdict waits for its journal entry.
    fn hold_screen(&mut self, req: Req) {
        if let Screen::Working(w) = &mut self.screen {
            w.req = req;
        }
    }

    fn on_verdict(&mut self, req: Req, attempt: Attempt, verdict: Verdict, net: Net) -> Vec<Effect> {
        let retry = match &self.screen {
            Screen::Working(w) if w.req == req => w.retry.clone(),
            _ => None,
        };
        let mut view = VerdictView::from_redeem(&verdict, &attempt.scanned);
        if view.kind.retryable() {
            view.retry = retry.clone();
        }
        self.explain_own_lost_validation(&mut view, &attempt);
        let undo = if view.kind == VerdictKind::Validated {
            let code = view.session_code().or_else(|| match &retry {
                Some(Retry::Validate { code, .. }) => Some(code.clone()),
                _ => None,
            });
            code.map(|c| (attempt.scanned.clone(), c, view.session.clone()))
        } else {
            None
        };
        let entry = self.entry(
            &attempt,
            Recorded {
                outcome: view.kind.journal_outcome(),
                session: view.session.as_ref(),
                error_code: view.error_code,
                message: &view.reason,
                round_trips: verdict.round_trips,
                rtt: Some(net.rtt),
            },
        );
        // Even an answer to a request the screen no longer waits for is journaled.
        if !matches!(&self.screen, Screen::Working(w) if w.req == req) {
            return vec![Effect::Journal { req, entry }];
        }
        self.journal_then(req, entry, AfterJournal::Verdict { view, undo })
    }

    /// ALREADY VALIDATED right after this till's own validation lost its answer: most likely
    /// that attempt went through. The verdict stays what the server says (never VALIDATED
    /// without its word); the reason line tells the cashier to check before refusing.
    fn explain_own_lost_validation(&mut self, view: &mut VerdictView, attempt: &Attempt) {
        match view.kind {
            VerdictKind::Unknown => {
                if !matches!(&self.unsure_attempt, Some((s, _)) if *s == attempt.scanned) {
                    self.unsure_attempt = Some((attempt.scanned.clone(), attempt.started_utc));
                }
            }
            VerdictKind::AlreadyValidated => {
                if let (Some((scanned, sent)), Some(at)) = (&self.unsure_attempt, view.validated_at_utc) {
                    // A few seconds of slack for the server's clock.
                    if *scanned == attempt.scanned && at >= *sent - time::Duration::seconds(5) {
                        view.reason = "It was validated after this till's earlier attempt, whose answer was \
                                       lost: most likely that attempt went through. Check the journal \
                                       before refusing the customer."
                            .into();
                    }
                }
                self.unsure_attempt = None;
            }
            _ => self.unsure_attempt = None,
        }
    }

    /// Takes a journal snapshot of today's counts unless a newer one is already shown.
    fn apply_counts(&mut self, snap: CountsSnapshot) {
        if self.today.since_utc == Some(snap.since_utc) && snap.version > self.today.version {
            self.today.counts = snap.counts;
            self.today.version = snap.version;
        }
    }

    fn on_journaled(&mut self, req: Req, result: Result<(), String>) -> Vec<Effect> {
        match &result {
            Ok(()) => self.journal_error = None,
            Err(e) => self.journal_error = Some(e.clone()),
        }
        let Some(pending) = self.pending.take_if(|p| p.req == req) else {
            return vec![];
        };
        match pending.then {
            AfterJournal::Verdict { mut view, undo } => {
                view.journal_error = result.err();
                let mut effects = vec![];
                if self.config.kiosk.bell {
                    let rings = if view.kind == VerdictKind::Validated { 1 } else { 3 };
                    effects.push(Effect::Bell { rings });
                }
                if view.kind == VerdictKind::Validated {
                    view.dismiss_at = Some(self.clock.mono + self.config.kiosk.success_display);
                }
                if let Some((scanned, code, session)) = undo {
                    self.undo = Some(Undo {
                        scanned,
                        code,
                        session,
                        until: self.clock.mono + self.config.kiosk.undo_window,
                    });
                }
                self.screen = Screen::Verdict(view);
                effects
            }
            AfterJournal::Staff {
                action,
                session,
                deleted,
                message,
            } => {
                self.apply_staff_result(action, session, deleted, message);
                vec![]
            }
        }
    }

    fn undo(&mut self) -> Vec<Effect> {
        if self.validation_in_flight() {
            return vec![];
        }
        let Some(u) = self.undo.take() else {
            self.notice = Some(Notice::warn("Nothing to undo."));
            return vec![];
        };
        if self.clock.mono >= u.until {
            self.notice = Some(Notice::warn(
                "Too late to undo here: use F2 lookup to unvalidate.",
            ));
            return vec![];
        }
        let req = self.next_req();
        let attempt = self.attempt(&u.scanned, "unvalidate", Some("undo at the counter"));
        self.screen = Screen::Working(Working {
            req,
            task: Task::Undoing,
            scanned: u.scanned.clone(),
            started: self.clock.mono,
            retry: None,
        });
        vec![Effect::Unvalidate {
            req,
            attempt,
            code: u.code,
        }]
    }

    fn on_undone(
        &mut self,
        req: Req,
        attempt: Attempt,
        result: Result<Session, ApiError>,
        net: Net,
    ) -> Vec<Effect> {
        let mut view = match &result {
            Ok(session) => {
                let mut v = VerdictView::new(
                    VerdictKind::Undone,
                    &attempt.scanned,
                    "Validation cancelled: the coupon can be used again.",
                );
                v.session = Some(session.clone());
                v
            }
            Err(e) if super::verdict::may_have_happened(e) => VerdictView::new(
                VerdictKind::UndoFailed,
                &attempt.scanned,
                format!("{e}. It may or may not have been undone: check it with F2 lookup."),
            ),
            Err(e) => VerdictView::new(VerdictKind::UndoFailed, &attempt.scanned, e.to_string()),
        };
        if let Err(ApiError::Api { code, .. }) = &result {
            view.error_code = Some(*code);
        }
        let entry = self.entry(
            &attempt,
            Recorded {
                outcome: view.kind.journal_outcome(),
                session: result.as_ref().ok(),
                error_code: view.error_code,
                message: &view.reason,
                round_trips: 1,
                rtt: Some(net.rtt),
            },
        );
        if !matches!(&self.screen, Screen::Working(w) if w.req == req) {
            return vec![Effect::Journal { req, entry }];
        }
        self.journal_then(req, entry, AfterJournal::Verdict { view, undo: None })
    }

    fn retry(&mut self) -> Vec<Effect> {
        let Screen::Verdict(v) = &self.screen else {
            return vec![];
        };
        let Some(retry) = v.retry.clone() else {
            return vec![];
        };
        match retry {
            Retry::Resolve { scanned } => match scan::classify(&scanned) {
                Ok(what) => self.start_resolve(scanned, what),
                Err(_) => vec![],
            },
            Retry::Validate {
                scanned,
                code,
                session,
                extras,
            } => self.start_validate(scanned, code, session, extras),
            Retry::Redeem { scanned, extras } => match scan::classify(&scanned) {
                Ok(what) => self.start_redeem(scanned, what, extras),
                Err(_) => vec![],
            },
        }
    }

    fn on_tick(&mut self) -> Vec<Effect> {
        if let Screen::Verdict(v) = &self.screen {
            if v.dismiss_at.is_some_and(|t| self.clock.mono >= t) {
                self.screen = Screen::Scan;
            }
        }
        if self.undo.as_ref().is_some_and(|u| self.clock.mono >= u.until) {
            self.undo = None;
        }
        let day = self.config.zone.start_of_day(self.clock.utc);
        if self.today.since_utc != Some(day) {
            self.today = Today {
                since_utc: Some(day),
                counts: vec![],
                version: 0,
            };
            return vec![Effect::LoadCounts { since_utc: day }];
        }
        vec![]
    }

    pub(super) fn toggle_help(&mut self) -> Vec<Effect> {
        self.screen = match std::mem::replace(&mut self.screen, Screen::Scan) {
            Screen::Help { back } => *back,
            other => Screen::Help {
                back: Box::new(other),
            },
        };
        vec![]
    }

    fn open_summary(&mut self) -> Vec<Effect> {
        if self.validation_in_flight() {
            return vec![];
        }
        let back = match std::mem::replace(&mut self.screen, Screen::Scan) {
            Screen::Summary { back } | Screen::Help { back } => back,
            other => Box::new(other),
        };
        self.screen = Screen::Summary { back };
        let since = self.config.zone.start_of_day(self.clock.utc);
        self.today.since_utc = Some(since);
        vec![Effect::LoadCounts { since_utc: since }]
    }

    pub(super) fn open_barcode(&mut self) -> Vec<Effect> {
        if self.validation_in_flight() {
            return vec![];
        }
        let Some(code) = self.barcode_target() else {
            self.notice = Some(Notice::warn(
                "F4 shows a barcode for the session on screen: scan a coupon first.",
            ));
            return vec![];
        };
        let req = self.next_req();
        let back = Box::new(std::mem::replace(&mut self.screen, Screen::Scan));
        self.screen = Screen::Barcode(BarcodeView {
            code,
            kind: BarcodeType::default(),
            req,
            shown: None,
            back,
        });
        self.fetch_barcode()
    }

    fn fetch_barcode(&mut self) -> Vec<Effect> {
        let req = self.next_req();
        let Screen::Barcode(b) = &mut self.screen else {
            return vec![];
        };
        b.req = req;
        b.shown = None;
        vec![Effect::FetchBarcode {
            req,
            code: b.code.clone(),
            kind: b.kind,
        }]
    }
}

/// Next or previous index in a list of `len`, staying inside it.
pub(super) fn step(i: usize, len: usize, down: bool) -> usize {
    if len == 0 {
        0
    } else if down {
        (i + 1).min(len - 1)
    } else {
        i.saturating_sub(1)
    }
}

/// The amount spent as typed: empty means "not given"; a comma is a decimal point; at most three
/// decimals (the seed's `0.000` form); never negative.
pub fn parse_money(s: &str) -> Result<Option<Decimal>, String> {
    let s = s.trim().replace(',', ".");
    if s.is_empty() {
        return Ok(None);
    }
    if !s.chars().all(|c| c.is_ascii_digit() || c == '.') || s.matches('.').count() > 1 {
        return Err("Type the amount with digits and one decimal point, e.g. 12.50.".into());
    }
    let d: Decimal = s
        .parse()
        .map_err(|_| "That is not an amount, e.g. 12.50.".to_string())?;
    if d.scale() > 3 {
        return Err("At most three decimals.".into());
    }
    if d > Decimal::from(1_000_000_000u64) {
        return Err("That amount is too large.".into());
    }
    Ok(Some(d))
}
