//! Staff lookup (F2): search by email, phone or code, optionally within a campaign; a results
//! table; a session's detail with its actions, each confirmed, destructive ones behind the
//! supervisor PIN when one is configured.

use super::step;
use crate::api::{ApiError, CampaignId, Session, SessionCode};
use crate::i18n::Said;
use crate::journal;
use crate::kiosk::field::TextField;
use crate::kiosk::input::Input;
use crate::kiosk::lookup::{focused, merge, Focus, Lookup, LookupView, SearchBy, Step};
use crate::kiosk::msg::{Attempt, Effect, Link, Net, Req, StaffAction, StaffError};
use crate::kiosk::notice::Notice;
use crate::kiosk::plain;
use crate::kiosk::record::Recorded;
use crate::kiosk::state::{AfterJournal, Screen, State};
use crate::kiosk::verdict::{may_have_happened, VerdictKind};
use crate::offline::MirrorRecord;
use crate::redeem::Verdict;
use crate::scan::{self, Scanned};

/// Why a staff action is journaled.
const STAFF_REASON: &str = "staff action";

impl State {
    /// F2, or an email/phone scanned on the scan screen (then searched at once). F2 on the
    /// lookup itself goes back to the scan screen.
    pub(super) fn open_lookup(&mut self, prefill: Option<String>) -> Vec<Effect> {
        if self.validation_in_flight() {
            self.notice = Some(Notice::warn_said(Said::new("notice-wait-for-verdict-lookup")));
            return vec![];
        }
        let from_overlay = !self.overlays.is_empty();
        self.overlays.clear();
        self.lookup_touched = self.clock.mono;
        if matches!(self.screen, Screen::Lookup(_)) && prefill.is_none() && !from_overlay {
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
        let country = self.config.kiosk.default_country;
        let Screen::Lookup(l) = &mut self.screen else {
            return vec![];
        };
        match l.request(country) {
            Err(e) => {
                l.message = Some(Notice::bad_said(e));
                vec![]
            }
            Ok((described, by)) => {
                l.busy = Some(req);
                l.message = None;
                l.searched_for = Some(described);
                // A look-up never validates: even a session code is only read (never answered
                // from the mirror as a scan would be), and the mirror is searched beside it.
                let copy = l.copy_text();
                l.copy_only = matches!(by, SearchBy::CopyOnly);
                let (queries, resolve) = match by {
                    SearchBy::Search(queries) => (queries, None),
                    SearchBy::Resolve(what) => (vec![], Some(what)),
                    SearchBy::CopyOnly => (vec![], None),
                };
                vec![Effect::Search {
                    req,
                    queries,
                    resolve,
                    copy,
                }]
            }
        }
    }

    pub(super) fn on_lookup_input(&mut self, input: Input) -> Vec<Effect> {
        self.lookup_touched = self.clock.mono;
        if let Some(burst) = self.burst_into_search(&input) {
            // A scanner's burst replaces whatever was typed before it (a stray key, a search
            // given up on), as on the scan screen.
            if let Some(l) = self.lookup_mut() {
                l.query.clear();
                l.query.paste(&burst);
            }
            if let Some(code) = coupon_code(&burst) {
                return self.scan_from_lookup(code);
            }
        }
        let Screen::Lookup(l) = &mut self.screen else {
            return vec![];
        };
        match &input {
            Input::Char(_) => {}
            _ => self.burst.reset(),
        }
        match l.view {
            LookupView::Form => match input {
                Input::Char(c) => {
                    self.burst.key(self.clock.mono, focused(l).len());
                    focused(l).push(c)
                }
                Input::Paste(s) => focused(l).paste(&s),
                Input::Backspace => focused(l).backspace(),
                Input::ClearLine => focused(l).clear(),
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
                    l.action = usize::MAX;
                    l.step_action(true);
                    l.step = Step::Choose;
                    l.message = None;
                }
                Input::Esc => l.view = LookupView::Form,
                // Typing starts a new search.
                Input::Char(c) => {
                    l.view = LookupView::Form;
                    l.focus = Focus::Query;
                    l.query.clear();
                    self.burst.key(self.clock.mono, 0);
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

    /// Enter ending a scanner's burst in the search field: the burst's text (never what was
    /// typed before it). None for anything typed by hand.
    fn burst_into_search(&self, input: &Input) -> Option<String> {
        let l = self.lookup()?;
        if !matches!(input, Input::Enter) || l.view != LookupView::Form || l.focus != Focus::Query {
            return None;
        }
        let start = self.burst.burst_from(self.clock.mono, l.query.len())?;
        let burst: String = l.query.as_str().chars().skip(start).collect();
        // A keyboard scanner typing under another layout is read back here too.
        Some(self.burst_reading(burst.trim()).code)
    }

    /// Back to the counter with a coupon scanned in the lookup: it goes the way of any scan
    /// (validated at once in auto mode, its card in confirm mode).
    fn scan_from_lookup(&mut self, code: String) -> Vec<Effect> {
        self.burst.reset();
        self.screen = Screen::Scan;
        self.scan.clear();
        self.scan.paste(&code);
        self.submit_scan()
    }

    /// The lookup left untouched for the configured time gives the screen back to the counter
    /// (not while a staff action or search is out).
    pub(super) fn lookup_idle_return(&mut self) {
        let idle = self.clock.mono >= self.lookup_touched + self.config.kiosk.lookup_idle;
        let quiet = self
            .lookup()
            .is_some_and(|l| l.busy.is_none() && l.step != Step::Running);
        if idle && quiet && self.overlays.is_empty() {
            self.screen = Screen::Scan;
        }
    }

    fn on_detail_input(&mut self, input: Input) -> Vec<Effect> {
        let pin = self.config.kiosk.supervisor_pin.clone();
        let Screen::Lookup(l) = &mut self.screen else {
            return vec![];
        };
        let destructive = l.selected_action().destructive();
        match (&mut l.step, input) {
            (Step::Running, _) => {}
            (Step::Choose, Input::Up | Input::Left) => l.step_action(false),
            (Step::Choose, Input::Down | Input::Right) => l.step_action(true),
            (Step::Choose, Input::Enter) => {
                l.step = Step::Confirm;
                l.message = None;
            }
            (Step::Choose, Input::Esc) => {
                l.view = LookupView::Results;
                l.message = None;
            }
            // Typing (or a scanner) starts a new search, as on the results.
            (Step::Choose, Input::Char(c)) => {
                l.view = LookupView::Form;
                l.focus = Focus::Query;
                l.query.clear();
                self.burst.key(self.clock.mono, 0);
                l.query.push(c);
            }
            // Enter confirms only what can be taken back; a destructive action needs Ctrl-Y,
            // which a scanner's burst never sends.
            (Step::Confirm, Input::Enter) if destructive => {
                l.message = Some(Notice::warn_said(
                    Said::new("lookup-press-ctrl-y").text("action", l.selected_action().operation().as_str()),
                ));
            }
            (Step::Confirm, Input::Enter | Input::Yes) => {
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
                let action = l.selected_action();
                let session = l.selected_session().cloned();
                let scanned = session.as_ref().map(|s| s.session.clone()).unwrap_or_default();
                return self.journal_pin_refused(
                    &scanned,
                    action.operation(),
                    STAFF_REASON,
                    session.as_ref(),
                );
            }
            _ => {}
        }
        vec![]
    }

    /// F5 on a session's detail: read it again.
    pub(super) fn reload_selected(&mut self) -> Vec<Effect> {
        let Some(code) = self.lookup().and_then(Lookup::selected_code) else {
            return vec![];
        };
        let req = self.next_req();
        if let Some(l) = self.lookup_mut() {
            l.busy = Some(req);
            l.message = Some(Notice::warn_said(Said::new("lookup-reloading")));
        }
        vec![Effect::Reload { req, code }]
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
            Err(e) => {
                tracing::warn!(error = %e, "the server's session code is unusable");
                return self.staff_message(Notice::bad_said(Said::new("plain-unusable-session-code")));
            }
        };
        let campaign = match CampaignId::parse(&session.campaign) {
            Ok(c) => Some(c),
            Err(e) if action == StaffAction::Delete => {
                tracing::warn!(error = %e, "the server's campaign id is unusable");
                return self.staff_message(Notice::bad_said(Said::new("plain-unusable-campaign")));
            }
            Err(_) => None,
        };
        let attempt = self.attempt(&session.session, action.operation(), Some(STAFF_REASON));
        if let Screen::Lookup(l) = &mut self.screen {
            l.step = Step::Running;
            l.busy = Some(req);
            l.message = Some(Notice::warn_said(
                Said::new("lookup-working").text("action", action.operation().as_str()),
            ));
        }
        vec![Effect::Act {
            req,
            attempt,
            code,
            campaign,
            action,
            till: self.till(),
        }]
    }

    fn staff_message(&mut self, n: Notice) -> Vec<Effect> {
        if let Screen::Lookup(l) = &mut self.screen {
            l.message = Some(n);
            l.step = Step::Choose;
        }
        vec![]
    }

    /// The lookup, when it waits for `req`'s answer (no longer waiting from now on).
    fn lookup_answered(&mut self, req: Req) -> Option<&mut Lookup> {
        let l = self.lookup_mut().filter(|l| l.busy == Some(req))?;
        l.busy = None;
        Some(l)
    }

    /// The API's answer and the mirror's, merged. When the server could not answer, the mirror's
    /// results alone, and the screen says so.
    pub(super) fn on_searched(
        &mut self,
        req: Req,
        result: Result<Vec<Session>, ApiError>,
        copy: Option<Result<Vec<MirrorRecord>, String>>,
    ) -> Vec<Effect> {
        let copy_only = self.lookup().is_some_and(|l| l.copy_only);
        let copy_only_note = match &result {
            Err(ApiError::Unreachable(_)) => Some(self.t("lookup-copy-only-offline")),
            Err(ApiError::Uncertain(_) | ApiError::UnexpectedResponse { .. }) => {
                Some(self.t("lookup-copy-only-no-answer"))
            }
            Err(ApiError::Api { http_status, .. }) if *http_status >= 500 => {
                Some(self.t("lookup-copy-only-no-answer"))
            }
            // A name is searched in the copy alone; while the server does not answer, say so.
            Ok(_) if copy_only && self.conn.link == Link::Offline => Some(self.t("lookup-copy-only-offline")),
            Ok(_) if copy_only && self.conn.link == Link::Unstable => {
                Some(self.t("lookup-copy-only-no-answer"))
            }
            _ => None,
        };
        let copy_failed = self.t("lookup-copy-unreadable");
        let problem = result.as_ref().err().map(|e| self.plain_problem(e));
        let Some(l) = self.lookup_answered(req) else {
            return vec![];
        };
        let (copy, copy_error) = match copy {
            Some(Ok(found)) => (found, None),
            Some(Err(e)) => {
                tracing::warn!(error = %e, "the mirror could not be searched");
                (vec![], Some(copy_failed))
            }
            None => (vec![], None),
        };
        let api = match result {
            Ok(rows) => Ok(rows),
            // A session code the server does not know may still be in the copy (or not at all).
            Err(e) if e.refusal() == Some(crate::api::Refusal::NotFound) => Ok(vec![]),
            Err(e) => Err(e),
        };
        match api {
            Ok(rows) => {
                let (rows, copies) = merge(rows, copy);
                l.message = match (copy_error, copy_only_note) {
                    (Some(m), _) => Some(Notice::warn(m)),
                    (None, _) if rows.is_empty() => Some(Notice::warn_said(Said::new("lookup-none-found"))),
                    (None, note) => note.map(Notice::warn),
                };
                l.results = rows;
                l.copies = copies;
                l.selected = 0;
                l.view = LookupView::Results;
            }
            Err(_) if !copy.is_empty() => {
                let (rows, copies) = merge(vec![], copy);
                l.message = copy_only_note.or(problem).map(Notice::warn);
                l.results = rows;
                l.copies = copies;
                l.selected = 0;
                l.view = LookupView::Results;
            }
            Err(_) => {
                let text = match (problem, copy_only_note) {
                    // Offline and the copy holds nothing: say both.
                    (Some(problem), Some(note)) => format!("{problem} {note}"),
                    (problem, note) => problem.or(note).unwrap_or_default(),
                };
                l.message = Some(Notice::bad(text));
                l.view = LookupView::Form;
            }
        }
        vec![]
    }

    pub(super) fn on_acted(
        &mut self,
        req: Req,
        attempt: Attempt,
        action: StaffAction,
        result: Result<Option<Session>, StaffError>,
        net: Net,
    ) -> Vec<Effect> {
        let problem = result.as_ref().err().map(|e| self.staff_problem(e));
        let problem = problem.unwrap_or_default();
        let (outcome, message, error_code) = match &result {
            Ok(_) => (
                action.done_outcome(),
                Notice::good_said(Said::new("lookup-done").text("action", action.operation().as_str())),
                None,
            ),
            Err(StaffError::Api(e)) if may_have_happened(e) => (
                journal::Outcome::Unknown,
                Notice::warn(format!("{problem} {}", self.t("lookup-may-have-changed"))),
                None,
            ),
            Err(StaffError::Api(e @ ApiError::Api { code, .. })) => {
                // The server's refusal, named as a validation's would be.
                let outcome = VerdictKind::from(Verdict::from_error(e, 1).outcome).journal_outcome();
                (outcome, Notice::bad(problem), Some(*code))
            }
            Err(_) => (journal::Outcome::Failed, Notice::bad(problem), None),
        };
        let session = result.as_ref().ok().and_then(|s| s.clone());
        // The journal keeps the technical words; the screen says the plain sentence.
        let recorded = match &result {
            Err(e) => e.to_string(),
            Ok(_) => message.text.clone(),
        };
        let entry = self.entry(
            &attempt,
            Recorded {
                outcome,
                session: session.as_ref(),
                error_code,
                message: &recorded,
                round_trips: 1,
                rtt: Some(net.rtt),
            },
        );
        let waiting = self.lookup().is_some_and(|l| l.busy == Some(req));
        if !waiting {
            return self.journal_only(entry);
        }
        let deleted = action == StaffAction::Delete && result.is_ok();
        let then = AfterJournal::Staff {
            action,
            session,
            deleted,
            message,
        };
        self.journal_then(req, entry, then)
    }

    /// A failed staff action in one plain sentence in the cashier's language; its English
    /// words go to F1.
    fn staff_problem(&mut self, e: &StaffError) -> String {
        match e {
            StaffError::Api(e) => self.plain_problem(e),
            StaffError::NotOurs | StaffError::NoCampaign | StaffError::JournalUnreadable(_) => {
                tracing::info!(error = %e, "staff action refused by the kiosk");
                self.last_problem = Some((self.clock.utc, e.to_string()));
                plain::said_of_staff_error(e)
                    .map(|said| said.in_language(self.config.kiosk.language))
                    .unwrap_or_else(|| e.to_string())
            }
        }
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
                // The server's record now: no longer the copy's.
                l.copies.remove(&row.session);
                *row = s;
            }
        }
    }

    pub(super) fn on_reloaded(&mut self, req: Req, result: Result<Session, ApiError>) -> Vec<Effect> {
        let problem = result.as_ref().err().map(|e| self.plain_problem(e));
        let Some(l) = self.lookup_answered(req) else {
            return vec![];
        };
        match result {
            Ok(s) => {
                if let Some(row) = l.results.get_mut(l.selected) {
                    l.copies.remove(&row.session);
                    *row = s;
                }
                l.message = Some(Notice::good_said(Said::new("lookup-reloaded")));
            }
            Err(_) => l.message = problem.map(Notice::bad),
        }
        vec![]
    }
}

/// A scanned burst that is a coupon code: a coupon handed over at the counter, not a search.
/// (A code typed by hand is still searched.)
fn coupon_code(burst: &str) -> Option<String> {
    let text = burst.trim().to_string();
    match scan::classify(&text) {
        Ok(Scanned::SessionCode(_) | Scanned::ShortCode(_)) => Some(text),
        // Digits alone may be a phone number in national form (searched with the default
        // country); a custom code with a letter in it cannot be one.
        Ok(Scanned::CustomCode(c)) if c.chars().any(|ch| ch.is_alphabetic()) => Some(text),
        _ => None,
    }
}
