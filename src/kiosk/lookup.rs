//! The staff lookup screen's model (F2): the search form, the results, a session's detail with
//! its actions. What it does is in `flows::lookup`.

use super::field::TextField;
use super::msg::{Req, StaffAction};
use super::notice::Notice;
use crate::api::{CampaignId, SearchQuery, Session, SessionCode};
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

    /// Indexes into `StaffAction::ALL` of the actions the selected session allows.
    pub fn allowed_actions(&self) -> Vec<usize> {
        let Some(s) = self.selected_session() else {
            return vec![];
        };
        (0..StaffAction::ALL.len())
            .filter(|i| StaffAction::ALL[*i].allowed_for(s))
            .collect()
    }

    /// Moves the action cursor to the next (or previous) allowed action; onto the first allowed
    /// one when it stands on one that is not.
    pub fn step_action(&mut self, down: bool) {
        let allowed = self.allowed_actions();
        let next = match allowed.iter().position(|i| *i == self.action) {
            Some(p) if down => allowed.get(p + 1).or(allowed.get(p)),
            Some(p) => allowed.get(p.saturating_sub(1)),
            None => allowed.first(),
        };
        if let Some(i) = next {
            self.action = *i;
        }
    }

    pub fn selected_action(&self) -> StaffAction {
        StaffAction::ALL[self.action.min(StaffAction::ALL.len() - 1)]
    }

    /// The request the form describes, or what is wrong with it (no request is sent then).
    pub(super) fn request(&self) -> Result<(String, SearchBy), String> {
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

/// How a search is made: the search endpoint, or reading the one session a code names.
pub(super) enum SearchBy {
    Search(SearchQuery),
    Resolve(Scanned),
}

/// The form field typing goes into.
pub(super) fn focused(l: &mut Lookup) -> &mut TextField {
    match l.focus {
        Focus::Query => &mut l.query,
        Focus::Campaign => &mut l.campaign,
    }
}
