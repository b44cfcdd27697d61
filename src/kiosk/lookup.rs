//! Staff lookup (F2): search by email, phone or code, optionally within a campaign; a results
//! table; a session's detail with its actions, each confirmed, destructive ones behind the
//! supervisor PIN when one is configured. Pure, like the rest of `update`.

use super::effects::{Effect, StaffAction};
use super::field::TextField;
use super::input::Input;
use super::state::{step, AfterJournal, Notice, Recorded, Req, Screen, State};
use crate::api::{ApiError, CampaignId, SearchQuery, Session, SessionCode};
use crate::scan::{self, Scanned};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Query,
    Campaign,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LookupView {
    Form,
    Results,
    Detail,
}

/// Where a staff action stands on the detail view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// Picking an action with the arrow keys.
    Choose,
    /// "Void session …? Enter = yes, Esc = no".
    Confirm,
    /// The supervisor PIN, for destructive actions.
    Pin {
        field: TextField,
        wrong: bool,
    },
    Running,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Lookup {
    pub query: TextField,
    pub campaign: TextField,
    pub focus: Focus,
    pub view: LookupView,
    /// The request this screen waits for (search, action or reload).
    pub busy: Option<Req>,
    pub results: Vec<Session>,
    pub selected: usize,
    /// What the results are for, e.g. "email jane@example.com".
    pub searched_for: Option<String>,
    pub message: Option<Notice>,
    /// Index into `StaffAction::ALL`.
    pub action: usize,
    pub step: Step,
}

impl Default for Lookup {
    fn default() -> Self {
        Self {
            query: TextField::scan(),
            campaign: TextField::new(70),
            focus: Focus::Query,
            view: LookupView::Form,
            busy: None,
            results: vec![],
            selected: 0,
            searched_for: None,
            message: None,
            action: 0,
            step: Step::Choose,
        }
    }
}

impl Lookup {
    pub fn selected_session(&self) -> Option<&Session> {
        self.results.get(self.selected)
    }

    pub fn selected_code(&self) -> Option<SessionCode> {
        match self.view {
            LookupView::Form => None,
            _ => self
                .selected_session()
                .and_then(|s| SessionCode::parse(&s.session).ok()),
        }
    }

    pub fn selected_action(&self) -> StaffAction {
        StaffAction::ALL[self.action.min(StaffAction::ALL.len() - 1)]
    }

    /// The request the form describes, or what is wrong with it (no request is sent then).
    fn request(&self) -> Result<(String, SearchBy), String> {
        let campaign = match self.campaign.as_str().trim() {
            "" => None,
            c => Some(CampaignId::parse(c).map_err(|e| e.to_string())?),
        };
        let q = self.query.as_str().trim();
        let scanned = scan::classify(q).map_err(|e| e.to_string())?;
        let (query, described) = match &scanned {
            Scanned::Email(e) => (SearchQuery::by_email(e), format!("email {e}")),
            Scanned::Phone(p) => (SearchQuery::by_phone(p), format!("phone {p}")),
            Scanned::CustomCode(c) => (SearchQuery::by_code(c), format!("code {c}")),
            Scanned::SessionCode(c) | Scanned::ShortCode(c) => {
                // A session code names one session: look it up directly.
                return Ok((format!("session {c}"), SearchBy::Resolve(scanned.clone())));
            }
        };
        let mut query = query.map_err(|e| e.to_string())?;
        if let Some(c) = &campaign {
            query = query.in_campaign(c.clone());
        }
        let described = match &campaign {
            Some(c) => format!("{described} in {}", c.as_str()),
            None => described,
        };
        Ok((described, SearchBy::Search(query)))
    }
}

enum SearchBy {
    Search(SearchQuery),
    Resolve(Scanned),
}

impl State {
    /// F2, or an email/phone scanned on the scan screen (then searched at once).
    pub(super) fn open_lookup(&mut self, prefill: Option<String>) -> Vec<Effect> {
        if self.validation_in_flight() {
            self.notice = Some(Notice::warn("Wait for the verdict before opening the lookup."));
            return vec![];
        }
        if matches!(self.screen, Screen::Lookup(_)) && prefill.is_none() {
            self.screen = Screen::Scan;
            return vec![];
        }
        let mut lookup = Lookup::default();
        if let Some(q) = &prefill {
            lookup.query.paste(q);
        }
        self.screen = Screen::Lookup(Box::new(lookup));
        if prefill.is_some() {
            self.start_search()
        } else {
            vec![]
        }
    }

    fn start_search(&mut self) -> Vec<Effect> {
        let req = self.next_req();
        let Screen::Lookup(l) = &mut self.screen else {
            return vec![];
        };
        match l.request() {
            Err(e) => {
                l.message = Some(Notice::bad(e));
                vec![]
            }
            Ok((described, by)) => {
                l.busy = Some(req);
                l.message = None;
                l.searched_for = Some(described);
                match by {
                    SearchBy::Search(query) => vec![Effect::Search { req, query }],
                    SearchBy::Resolve(what) => vec![Effect::Resolve {
                        req,
                        scanned: l.query.as_str().trim().to_string(),
                        what,
                    }],
                }
            }
        }
    }

    pub(super) fn on_lookup_input(&mut self, input: Input) -> Vec<Effect> {
        match input {
            Input::F(1) => return self.toggle_help_from_lookup(),
            Input::F(2) => {
                self.screen = Screen::Scan;
                return vec![];
            }
            Input::F(3) => return self.open_summary_from_lookup(),
            Input::F(4) => return self.open_barcode_from_lookup(),
            _ => {}
        }
        let Screen::Lookup(l) = &mut self.screen else {
            return vec![];
        };
        match l.view {
            LookupView::Form => match input {
                Input::Char(c) => focused(l).push(c),
                Input::Paste(s) => focused(l).paste(&s),
                Input::Backspace => focused(l).backspace(),
                Input::Tab | Input::BackTab => {
                    l.focus = match l.focus {
                        Focus::Query => Focus::Campaign,
                        Focus::Campaign => Focus::Query,
                    }
                }
                Input::Down if !l.results.is_empty() => l.view = LookupView::Results,
                Input::Enter if l.busy.is_none() => return self.start_search(),
                Input::Esc => {
                    if !focused(l).is_empty() {
                        focused(l).clear();
                    } else {
                        self.screen = Screen::Scan;
                    }
                }
                _ => {}
            },
            LookupView::Results => match input {
                Input::Up | Input::Down => {
                    l.selected = step(l.selected, l.results.len(), input == Input::Down)
                }
                Input::Enter if !l.results.is_empty() => {
                    l.view = LookupView::Detail;
                    l.action = 0;
                    l.step = Step::Choose;
                    l.message = None;
                }
                Input::Esc => l.view = LookupView::Form,
                // Typing starts a new search.
                Input::Char(c) => {
                    l.view = LookupView::Form;
                    l.focus = Focus::Query;
                    l.query.clear();
                    l.query.push(c);
                }
                Input::Paste(s) => {
                    l.view = LookupView::Form;
                    l.focus = Focus::Query;
                    l.query.clear();
                    l.query.paste(&s);
                }
                _ => {}
            },
            LookupView::Detail => return self.on_detail_input(input),
        }
        vec![]
    }

    fn on_detail_input(&mut self, input: Input) -> Vec<Effect> {
        let pin = self.config.kiosk.supervisor_pin.clone();
        let Screen::Lookup(l) = &mut self.screen else {
            return vec![];
        };
        match (&mut l.step, input) {
            (Step::Running, _) => {}
            (Step::Choose, Input::Up | Input::Left) => {
                l.action = step(l.action, StaffAction::ALL.len(), false)
            }
            (Step::Choose, Input::Down | Input::Right) => {
                l.action = step(l.action, StaffAction::ALL.len(), true)
            }
            (Step::Choose, Input::Enter) => {
                l.step = Step::Confirm;
                l.message = None;
            }
            (Step::Choose, Input::Esc) => {
                l.view = LookupView::Results;
                l.message = None;
            }
            (Step::Choose, Input::F(5)) => {
                if let Some(code) = l.selected_code() {
                    let req = self.next_req();
                    if let Screen::Lookup(l) = &mut self.screen {
                        l.busy = Some(req);
                        l.message = Some(Notice::warn("Reloading…"));
                    }
                    return vec![Effect::Reload { req, code }];
                }
            }
            (Step::Confirm, Input::Enter) => {
                let action = l.selected_action();
                if action.destructive() && pin.is_some() {
                    l.step = Step::Pin {
                        field: TextField::new(32),
                        wrong: false,
                    };
                } else {
                    return self.run_staff_action();
                }
            }
            (Step::Confirm | Step::Pin { .. }, Input::Esc) => l.step = Step::Choose,
            (Step::Pin { field, .. }, Input::Char(c)) => field.push(c),
            (Step::Pin { field, .. }, Input::Backspace) => field.backspace(),
            (Step::Pin { field, wrong }, Input::Enter) => {
                if pin.as_deref() == Some(field.as_str()) {
                    return self.run_staff_action();
                }
                field.clear();
                *wrong = true;
                // A refused PIN is an attempt too: the merchant's record shows who tried what.
                let action = l.selected_action();
                let scanned = l
                    .selected_session()
                    .map(|s| s.session.clone())
                    .unwrap_or_default();
                let session = l.selected_session().cloned();
                let attempt = self.attempt(&scanned, action.name(), Some("staff action"));
                let entry = self.entry(
                    &attempt,
                    Recorded {
                        outcome: "pin_refused",
                        session: session.as_ref(),
                        error_code: None,
                        message: "wrong supervisor PIN",
                        round_trips: 0,
                        rtt: None,
                    },
                );
                let req = self.next_req();
                return vec![Effect::Journal { req, entry }];
            }
            _ => {}
        }
        vec![]
    }

    fn run_staff_action(&mut self) -> Vec<Effect> {
        let req = self.next_req();
        let Screen::Lookup(l) = &self.screen else {
            return vec![];
        };
        let action = l.selected_action();
        let Some(session) = l.selected_session().cloned() else {
            return vec![];
        };
        let code = match SessionCode::parse(&session.session) {
            Ok(c) => c,
            Err(e) => return self.staff_message(Notice::bad(e.to_string())),
        };
        let campaign = match CampaignId::parse(&session.campaign) {
            Ok(c) => Some(c),
            Err(e) if action == StaffAction::Delete => return self.staff_message(Notice::bad(e.to_string())),
            Err(_) => None,
        };
        let attempt = self.attempt(&session.session, action.name(), Some("staff action"));
        if let Screen::Lookup(l) = &mut self.screen {
            l.step = Step::Running;
            l.busy = Some(req);
            l.message = Some(Notice::warn(format!("{}…", action.label())));
        }
        vec![Effect::Act {
            req,
            attempt,
            code,
            campaign,
            action,
        }]
    }

    fn staff_message(&mut self, n: Notice) -> Vec<Effect> {
        if let Screen::Lookup(l) = &mut self.screen {
            l.message = Some(n);
            l.step = Step::Choose;
        }
        vec![]
    }

    pub(super) fn on_searched(&mut self, req: Req, result: Result<Vec<Session>, ApiError>) -> Vec<Effect> {
        let Some(l) = self.lookup_mut() else {
            return vec![];
        };
        if l.busy != Some(req) {
            return vec![];
        }
        l.busy = None;
        match result {
            Ok(rows) => {
                l.message = rows.is_empty().then(|| Notice::warn("No coupon sessions found."));
                l.results = rows;
                l.selected = 0;
                l.view = LookupView::Results;
            }
            Err(e) => {
                l.message = Some(Notice::bad(e.to_string()));
                l.view = LookupView::Form;
            }
        }
        vec![]
    }

    pub(super) fn on_acted(
        &mut self,
        req: Req,
        attempt: super::effects::Attempt,
        action: StaffAction,
        result: Result<Option<Session>, ApiError>,
        net: super::state::Net,
    ) -> Vec<Effect> {
        let (outcome, message, error_code) = match &result {
            Ok(_) => (
                action.done_outcome(),
                Notice::good(format!("Done: {}.", action.past())),
                None,
            ),
            Err(e) if super::verdict::may_have_happened(e) => (
                "unknown",
                Notice::warn(format!(
                    "{e}. The session may or may not have changed: F5 reloads it."
                )),
                None,
            ),
            Err(e @ ApiError::Api { code, .. }) => {
                let outcome = match e.refusal() {
                    Some(r) => refusal_outcome(r),
                    None => "refused",
                };
                (outcome, Notice::bad(e.to_string()), Some(*code))
            }
            Err(e) => ("failed", Notice::bad(e.to_string()), None),
        };
        let session = result.as_ref().ok().and_then(|s| s.clone());
        let entry = self.entry(
            &attempt,
            Recorded {
                outcome,
                session: session.as_ref(),
                error_code,
                message: &message.text,
                round_trips: 1,
                rtt: Some(net.rtt),
            },
        );
        let waiting = self.lookup_mut().is_some_and(|l| l.busy == Some(req));
        if !waiting {
            return vec![Effect::Journal { req, entry }];
        }
        let deleted = action == StaffAction::Delete && result.is_ok();
        self.pending = Some(super::state::Pending {
            req,
            then: AfterJournal::Staff {
                action,
                session,
                deleted,
                message,
            },
        });
        vec![Effect::Journal { req, entry }]
    }

    /// Shows a staff action's result once it is journaled.
    pub(super) fn apply_staff_result(
        &mut self,
        _action: StaffAction,
        session: Option<Session>,
        deleted: bool,
        message: Notice,
    ) {
        let Some(l) = self.lookup_mut() else {
            return;
        };
        l.busy = None;
        l.step = Step::Choose;
        l.message = Some(message);
        if deleted {
            if l.selected < l.results.len() {
                l.results.remove(l.selected);
            }
            l.selected = l.selected.min(l.results.len().saturating_sub(1));
            l.view = LookupView::Results;
        } else if let Some(s) = session {
            if let Some(row) = l.results.get_mut(l.selected) {
                *row = s;
            }
        }
    }

    pub(super) fn on_reloaded(&mut self, req: Req, result: Result<Session, ApiError>) -> Vec<Effect> {
        let Some(l) = self.lookup_mut() else {
            return vec![];
        };
        if l.busy != Some(req) {
            return vec![];
        }
        l.busy = None;
        match result {
            Ok(s) => {
                if let Some(row) = l.results.get_mut(l.selected) {
                    *row = s;
                }
                l.message = Some(Notice::good("Reloaded."));
            }
            Err(e) => l.message = Some(Notice::bad(e.to_string())),
        }
        vec![]
    }

    /// The lookup, on screen or behind the help, summary or barcode screen opened from it (its
    /// answers must not be lost while staff look at those).
    pub(super) fn lookup_mut(&mut self) -> Option<&mut Lookup> {
        let mut screen = &mut self.screen;
        loop {
            match screen {
                Screen::Lookup(l) => return Some(l),
                Screen::Help { back } | Screen::Summary { back } => screen = back,
                Screen::Barcode(b) => screen = &mut b.back,
                _ => return None,
            }
        }
    }

    fn toggle_help_from_lookup(&mut self) -> Vec<Effect> {
        let back = Box::new(std::mem::replace(&mut self.screen, Screen::Scan));
        self.screen = Screen::Help { back };
        vec![]
    }

    fn open_summary_from_lookup(&mut self) -> Vec<Effect> {
        let back = Box::new(std::mem::replace(&mut self.screen, Screen::Scan));
        self.screen = Screen::Summary { back };
        let since = self.config.zone.start_of_day(self.clock.utc);
        self.today.since_utc = Some(since);
        vec![Effect::LoadCounts { since_utc: since }]
    }

    fn open_barcode_from_lookup(&mut self) -> Vec<Effect> {
        let busy = matches!(&self.screen, Screen::Lookup(l) if l.busy.is_some());
        if busy {
            return vec![];
        }
        self.open_barcode()
    }
}

fn focused(l: &mut Lookup) -> &mut TextField {
    match l.focus {
        Focus::Query => &mut l.query,
        Focus::Campaign => &mut l.campaign,
    }
}

fn refusal_outcome(r: crate::api::Refusal) -> &'static str {
    use crate::api::Refusal;
    match r {
        Refusal::AlreadyValidated => "already_validated",
        Refusal::Expired => "expired",
        Refusal::Voided => "voided",
        Refusal::Locked => "locked",
        Refusal::NotFound => "not_found",
        Refusal::NotClaimed => "not_claimed",
        Refusal::Other => "refused",
    }
}
