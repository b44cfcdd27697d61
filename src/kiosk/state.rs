//! The kiosk's state: what is on screen and what the kiosk remembers between messages, and the
//! questions views and flows ask of it. What changes it lives in `flows` (`update` and the
//! `impl State` blocks by subject); journal recording lives in `record`.

use super::barcode::BarcodeScreen;
use super::burst::Burst;
use super::catalogue::Catalogue;
use super::clock::{Clock, LocalZone};
use super::commands::Command;
use super::field::TextField;
use super::lookup::{Lookup, LookupView, Step};
use super::msg::{Effect, Extras, Link, Net, Req, StaffAction};
use super::notice::Notice;
use super::queue::ScanQueue;
use super::strip::Strip;
use super::today::Today;
use super::verdict::{Retry, Tone, VerdictView};
use crate::api::barcode::BarcodeType;
use crate::api::{Session, SessionCode};
use crate::i18n::Arg;
use crate::redeem::OwnValidation;
use crate::settings::KioskSettings;
use rust_decimal::Decimal;
use std::time::Duration;
use time::OffsetDateTime;

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

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Connection {
    pub link: Link,
    pub last_rtt: Option<Duration>,
}

/// The last validation, which F8 can still undo until `until`.
#[derive(Debug, Clone, PartialEq)]
pub struct Undo {
    pub scanned: String,
    /// The validation undo may take back: this till's, by attempt id.
    pub own: OwnValidation,
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
    /// The session being validated, when it is known before the answer (confirm mode's card):
    /// the screen shows it and its offer at once, marked as still being checked.
    pub session: Option<Session>,
    /// The session's offer as the offline mirror knows it (auto mode's preview), for when the
    /// catalogue does not know the campaign.
    pub offer: Option<String>,
    /// When the request was sent (monotonic).
    pub started: Duration,
    /// What F5 repeats if the answer is lost.
    pub retry: Option<Retry>,
    /// How many times the kiosk has already sent this validation again by itself, after the
    /// server showed the coupon not validated following a lost answer.
    pub auto_retries: u8,
}

/// The session card (confirm mode): Enter validates.
#[derive(Debug, Clone, PartialEq)]
pub struct Card {
    pub scanned: String,
    pub session: Session,
    /// Known only by the short code scanned: the server would not describe it (some servers
    /// read short codes only in `couponsession/update`), so the details come with the validation.
    pub undescribed: bool,
}

/// Several sessions match one scan (e.g. a shared custom validation code): pick one.
#[derive(Debug, Clone, PartialEq)]
pub struct Choose {
    pub scanned: String,
    pub sessions: Vec<Session>,
    pub selected: usize,
}

/// What happens once the amount spent is entered. The amount is asked only after the session
/// is known and may still be validated (a used or expired coupon is refused first).
#[derive(Debug, Clone, PartialEq)]
pub enum MoneyThen {
    Validate {
        scanned: String,
        code: SessionCode,
        session: Option<Session>,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Money {
    pub field: TextField,
    pub then: MoneyThen,
    /// What is wrong with the amount typed, in the kiosk's words.
    pub error: Option<crate::i18n::Said>,
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
}

/// The screen a flow is on. Screens that are only looked at (help, summary, barcode) are
/// [`Overlay`]s on top of it, so that the flow underneath keeps receiving its answers.
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
    /// The conflict inbox (offline acceptances the server refused).
    Conflicts(Box<super::conflicts::ConflictInbox>),
}

/// A screen shown over the current one; Esc takes the top one away.
#[derive(Debug, Clone, PartialEq)]
#[allow(clippy::large_enum_variant)] // a stack of at most three: boxing would only add noise
pub enum Overlay {
    Help,
    Summary,
    Barcode(BarcodeView),
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
        undo: Option<(String, OwnValidation, Option<Session>)>,
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
    /// Shown over `screen`, last on top.
    pub overlays: Vec<Overlay>,
    /// The scan field: always there, always focused on the scan-side screens.
    pub scan: TextField,
    /// The timing of the keys typed into the field in use (a scanner's burst or a person).
    pub burst: Burst,
    /// The serial scanner's link and how keyboard scanners' bursts are read back.
    pub scanners: super::scanner::Scanners,
    /// When the staff lookup was last touched (monotonic), for its idle return.
    pub lookup_touched: Duration,
    /// Scans waiting for the one in flight, in order.
    pub queue: ScanQueue,
    /// The last few results, on the scan screen.
    pub strip: Strip,
    /// What each campaign gives.
    pub catalogue: Catalogue,
    pub notice: Option<Notice>,
    pub conn: Connection,
    pub today: Today,
    pub undo: Option<Undo>,
    /// F8 with a supervisor PIN configured: the PIN being typed (None: not asking).
    pub undo_pin: Option<UndoPin>,
    /// Ctrl-Q was pressed: Enter quits, Esc stays.
    pub quit_prompt: bool,
    pub quit: bool,
    /// Last submitted scan and when, for the duplicate window.
    pub last_scan: Option<(String, Duration)>,
    pub pending: Option<Pending>,
    /// The last network or server trouble in technical words, and when: F1 shows it (the
    /// cashier's screen only says one plain sentence).
    pub last_problem: Option<(OffsetDateTime, String)>,
    /// Set when a journal write failed: the status bar says so until one succeeds.
    pub journal_error: Option<String>,
    /// The last validation whose answer was lost (text as scanned, when it was sent): if the
    /// server later says that coupon was validated after that moment, the verdict says so.
    /// This till's validation attempts whose outcome is not known yet (from the journal, and
    /// added as they happen): they go with every validation, and are settled in the background.
    pub unsure: Vec<crate::redeem::EarlierAttempt>,
    /// A background settlement is running.
    pub settling: bool,
    /// When the last one was asked for.
    pub settled_at: Option<Duration>,
    /// The mirror and outbox as the offline background last saw them (None: not running).
    pub offline: Option<crate::offline::BackgroundStatus>,
    /// F3's tab, and today across every till (its second tab).
    pub summary_tab: super::tills::SummaryTab,
    pub tills: super::tills::Tills,
    next_req: u64,
}

/// The supervisor PIN asked for before an undo (unvalidate takes a validation away from the
/// merchant, like the lookup's Unvalidate).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UndoPin {
    pub field: TextField,
    pub wrong: bool,
}

/// Smallest terminal the kiosk draws into; below it asks for a larger window.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 12;

impl State {
    /// The message `id` in the kiosk's language (`assets/locales/`).
    pub fn t(&self, id: &str) -> String {
        self.config.kiosk.language.text(id)
    }

    /// The symbols this terminal can draw (`[kiosk] glyphs`, `TERM`).
    pub fn glyphs(&self) -> &'static super::glyphs::Glyphs {
        super::glyphs::Glyphs::of(self.config.kiosk.glyphs)
    }

    /// The message `id` with its arguments, in the kiosk's language.
    pub fn t_with(&self, id: &str, args: &[Arg<'_>]) -> String {
        self.config.kiosk.language.text_with(id, args)
    }

    /// A message with arguments for the screen: in the cashier's language, moments in the
    /// till's local time (as every date on the screen).
    pub fn say(&self, said: &crate::i18n::Said) -> String {
        let zone = self.config.zone;
        said.in_zone(self.config.kiosk.language, &|at| zone.offset_at(at))
    }

    pub fn new(config: Config, clock: Clock) -> Self {
        Self {
            config,
            clock,
            screen: Screen::Scan,
            overlays: vec![],
            scan: TextField::scan(),
            burst: Burst::default(),
            scanners: super::scanner::Scanners::default(),
            lookup_touched: Duration::ZERO,
            queue: ScanQueue::default(),
            strip: Strip::default(),
            catalogue: Catalogue::default(),
            notice: None,
            conn: Connection {
                link: Link::Unknown,
                last_rtt: None,
            },
            today: Today::default(),
            undo: None,
            undo_pin: None,
            quit_prompt: false,
            quit: false,
            last_scan: None,
            pending: None,
            journal_error: None,
            last_problem: None,
            unsure: Vec::new(),
            settling: false,
            settled_at: None,
            offline: None,
            summary_tab: super::tills::SummaryTab::default(),
            tills: super::tills::Tills::default(),
            next_req: 0,
        }
    }

    /// The effects to run when the kiosk starts: load today's counts and the coupon list.
    pub fn start(&mut self) -> Vec<Effect> {
        let since = self.config.zone.start_of_day(self.clock.utc);
        self.today.since_utc = Some(since);
        self.catalogue.listed_at = Some(self.clock.mono);
        let mut effects = vec![Effect::LoadCounts { since_utc: since }, Effect::LoadCatalogue];
        // The journal's unknown attempts from before a restart, settled if the server answers.
        effects.extend(self.settle(Vec::new()));
        effects
    }

    pub(super) fn next_req(&mut self) -> Req {
        self.next_req += 1;
        Req(self.next_req)
    }

    /// The overlay on top, if any.
    pub fn overlay(&self) -> Option<&Overlay> {
        self.overlays.last()
    }

    /// The barcode overlay, wherever it is in the stack.
    pub fn barcode_mut(&mut self) -> Option<&mut BarcodeView> {
        self.overlays.iter_mut().rev().find_map(|o| match o {
            Overlay::Barcode(b) => Some(b),
            _ => None,
        })
    }

    /// The staff lookup, on screen or under an overlay (its answers must not be lost while staff
    /// look at help, the summary or a barcode).
    pub fn lookup(&self) -> Option<&Lookup> {
        match &self.screen {
            Screen::Lookup(l) => Some(l),
            _ => None,
        }
    }

    pub(super) fn lookup_mut(&mut self) -> Option<&mut Lookup> {
        match &mut self.screen {
            Screen::Lookup(l) => Some(l),
            _ => None,
        }
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
        match &self.screen {
            // A verdict under an overlay waits for it to go before it is dismissed.
            Screen::Verdict(v) if self.overlays.is_empty() => {
                if let Some(t) = v.dismiss_at {
                    consider(t);
                }
            }
            Screen::Working(w) => {
                let checking = w.started + self.config.checking_after;
                if w.task != Task::LookingUp && checking > self.clock.mono {
                    consider(checking);
                }
                // The "waiting N s" counter ticks every second.
                let waited = self.clock.mono.saturating_sub(w.started);
                consider(w.started + Duration::from_secs(waited.as_secs() + 1));
            }
            _ => {}
        }
        if let Some(u) = &self.undo {
            consider(u.until);
        }
        if self.lookup().is_some() && self.overlays.is_empty() {
            consider(self.lookup_touched + self.config.kiosk.lookup_idle);
        }
        if let Some(t) = self.catalogue.refresh_at() {
            consider(t);
        }
        // The all-tills tab's next refresh (none while one is in flight: its answer wakes the loop).
        if let (true, None, Some(at)) = (self.tills_tab_shown(), self.tills.loading, self.tills.asked_at) {
            consider(at + super::tills::REFRESH_EVERY);
        }
        next
    }

    /// True while a scan cannot be started: a validation (or undo) is out, or a result waits
    /// for its journal entry. New scans queue meanwhile. (A look-up changes nothing on the
    /// server: a new scan replaces it.)
    pub fn busy(&self) -> bool {
        self.validation_in_flight()
    }

    /// The offer of a session's campaign, when the catalogue knows it.
    pub fn offer_of(&self, session: Option<&Session>) -> Option<String> {
        session.and_then(|s| self.catalogue.offer_text(&s.campaign))
    }

    /// True once a validation has waited past the request timeout: the flow is now asking the
    /// server what happened.
    pub fn is_checking(&self, w: &Working) -> bool {
        w.task != Task::LookingUp
            && (w.auto_retries > 0 || self.clock.mono >= w.started + self.config.checking_after)
    }

    /// Whether the last validation can still be undone (F8).
    pub fn can_undo(&self) -> bool {
        self.undo.as_ref().is_some_and(|u| self.clock.mono < u.until) && !self.validation_in_flight()
    }

    pub fn validation_in_flight(&self) -> bool {
        matches!(&self.screen, Screen::Working(w) if w.task != Task::LookingUp) || self.pending.is_some()
    }

    /// The screens that take typing into their own fields (the scan field is not theirs).
    pub fn owns_keyboard(&self) -> bool {
        self.overlays.is_empty() && matches!(self.screen, Screen::Lookup(_) | Screen::Money(_))
    }

    /// The session a barcode can be shown for on the current screen.
    pub fn barcode_target(&self) -> Option<SessionCode> {
        if !self.overlays.is_empty() {
            return None;
        }
        match &self.screen {
            Screen::Card(c) if !c.undescribed => SessionCode::parse(&c.session.session).ok(),
            Screen::Verdict(v) => v.session_code(),
            Screen::Choose(c) => c
                .sessions
                .get(c.selected)
                .and_then(|s| SessionCode::parse(&s.session).ok()),
            Screen::Lookup(l) => l.selected_code(),
            _ => None,
        }
    }

    /// Whether `command` works right now; the footer offers only those that do.
    pub fn enabled(&self, command: Command) -> bool {
        let money = self.overlays.is_empty() && matches!(self.screen, Screen::Money(_));
        let lookup = self.overlays.is_empty() && matches!(self.screen, Screen::Lookup(_));
        let lookup_busy = self.lookup().is_some_and(|l| l.busy.is_some());
        match command {
            Command::Help | Command::Quit => true,
            Command::Conflicts => !money && !self.validation_in_flight(),
            Command::Lookup => !money && !self.validation_in_flight(),
            Command::Summary => !money && !self.validation_in_flight(),
            Command::Barcode => {
                let blocked = money || self.validation_in_flight() || (lookup && lookup_busy);
                !blocked && self.barcode_target().is_some()
            }
            Command::Retry => match (&self.screen, self.overlays.is_empty()) {
                (Screen::Verdict(v), true) => v.retry.is_some(),
                (Screen::Lookup(l), true) => {
                    l.view == LookupView::Detail && l.step == Step::Choose && l.selected_code().is_some()
                }
                _ => false,
            },
            // Not on a refusal's screen: F8 there would read as undoing the refusal.
            Command::Undo => {
                let refusal = matches!(&self.screen, Screen::Verdict(v) if v.kind.tone() != Tone::Good);
                !money && !lookup && !refusal && self.can_undo()
            }
        }
    }

    pub(super) fn till(&self) -> crate::redeem::Till {
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
            earlier: self.unsure.clone(),
            // Made when the validation is sent: one per attempt.
            attempt_id: None,
        }
    }

    /// Remembers what the last request learned about the link (nothing, when none was sent).
    pub(super) fn note_net(&mut self, net: Net) {
        if net.link != Link::Unknown {
            self.conn.link = net.link;
            self.conn.last_rtt = Some(net.rtt);
        }
    }
}
