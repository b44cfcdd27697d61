//! The staff lookup screen's model (F2): the search form, the results, a session's detail with
//! its actions. What it does is in `flows::lookup`.
//!
//! Results come from the API and from this till's mirror (which finds what the API cannot:
//! part of a name, email or phone; a code prefix). The API's record is fresher and wins; a
//! result only the mirror found is marked with the age of its copy.

use super::field::TextField;
use super::msg::{Req, StaffAction};
use super::notice::Notice;
use crate::api::{CampaignId, SearchQuery, Session, SessionCode};
use crate::i18n::Said;
use crate::offline::mirror::MIN_TEXT_SEARCH;
use crate::offline::MirrorRecord;
use crate::phone::{self, Country};
use crate::redeem;
use crate::scan::{self, Scanned};
use std::collections::HashMap;
use time::OffsetDateTime;

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
    pub searched_for: Option<SearchedFor>,
    /// Results that come from this till's mirror, by session code: when the copy was made.
    pub copies: HashMap<String, OffsetDateTime>,
    /// The search in flight asks the mirror alone (part of a name: nothing the API searches).
    pub copy_only: bool,
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
            copies: HashMap::new(),
            copy_only: false,
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
    /// `country` reads phone numbers typed in national form (`07911 123456`).
    pub(super) fn request(&self, country: Option<Country>) -> Result<(SearchedFor, SearchBy), Said> {
        let campaign = match self.campaign.as_str().trim() {
            "" => None,
            c => Some(CampaignId::parse(c).map_err(|_| Said::new("lookup-campaign-invalid"))?),
        };
        let q = self.query.as_str().trim();
        let scanned = match scan::classify(q) {
            Ok(s) => s,
            // No code, email or phone the API could search for: part of a name (or of an
            // email or phone), which only this till's mirror can find.
            Err(_) if q.chars().count() >= MIN_TEXT_SEARCH => {
                let text = Said::new("lookup-for-text").text("value", q);
                return Ok((
                    SearchedFor {
                        what: text,
                        campaign: None,
                    },
                    SearchBy::CopyOnly,
                ));
            }
            Err(e) => return Err(crate::kiosk::plain::said_of_scan_error(&e)),
        };
        let within = |q: SearchQuery| match &campaign {
            Some(c) => q.in_campaign(c.clone()),
            None => q,
        };
        let (queries, described) = match &scanned {
            Scanned::Email(e) => (
                SearchQuery::by_email(e).map(|q| vec![within(q)]),
                Said::new("lookup-for-email").text("value", e.as_str()),
            ),
            Scanned::Phone(p) => (
                redeem::phone_searches(q, country, campaign.as_ref()),
                Said::new("lookup-for-phone").text("value", p.as_str()),
            ),
            // Digits alone may be a phone number in national form or a numeric custom code:
            // the phone number first, then the code.
            Scanned::CustomCode(c) if phone::is_national_number(c, country) => (
                redeem::phone_searches(c, country, campaign.as_ref()).and_then(|mut queries| {
                    queries.push(within(SearchQuery::by_code(c)?));
                    Ok(queries)
                }),
                Said::new("lookup-for-phone-or-code").text("value", c.as_str()),
            ),
            Scanned::CustomCode(c) => (
                SearchQuery::by_code(c).map(|q| vec![within(q)]),
                Said::new("lookup-for-code").text("value", c.as_str()),
            ),
            Scanned::SessionCode(c) | Scanned::ShortCode(c) => {
                // A session code names one session: look it up directly.
                let what = Said::new("lookup-for-session").text("value", c.as_str());
                return Ok((
                    SearchedFor { what, campaign: None },
                    SearchBy::Resolve(scanned.clone()),
                ));
            }
        };
        let queries = queries.map_err(|e| {
            crate::kiosk::plain::said_of_error(&e).unwrap_or_else(|| Said::new("lookup-query-invalid"))
        })?;
        let described = SearchedFor {
            what: described,
            campaign: campaign.map(|c| c.as_str().to_string()),
        };
        Ok((described, SearchBy::Search(queries)))
    }
}

/// What a search was for, said in the screen's language: "email jane@example.com in cam_1".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchedFor {
    pub what: Said,
    pub campaign: Option<String>,
}

impl SearchedFor {
    pub fn in_language(&self, language: crate::i18n::Language) -> String {
        let what = self.what.in_language(language);
        match &self.campaign {
            Some(c) => language.text_with(
                "lookup-for-in-campaign",
                &[("what", what.as_str().into()), ("campaign", c.as_str().into())],
            ),
            None => what,
        }
    }
}

/// How a search is made: the search endpoint (each query in order while nothing is found), or
/// reading the one session a code names.
pub(super) enum SearchBy {
    Search(Vec<SearchQuery>),
    Resolve(Scanned),
    /// Nothing the API can search for: the mirror alone.
    CopyOnly,
}

impl Lookup {
    /// What the mirror is searched for: the typed text, when long enough for its index.
    pub(super) fn copy_text(&self) -> Option<String> {
        let q = self.query.as_str().trim();
        (q.chars().count() >= MIN_TEXT_SEARCH).then(|| q.to_string())
    }
}

/// The API's results, then what only the mirror found (each session once: the API's record is
/// fresher and wins), with when each mirror result's copy was made.
pub fn merge(api: Vec<Session>, copy: Vec<MirrorRecord>) -> (Vec<Session>, HashMap<String, OffsetDateTime>) {
    let key = |code: &str| code.trim().to_ascii_lowercase();
    let mut seen: std::collections::HashSet<String> = api.iter().map(|s| key(&s.session)).collect();
    let mut rows = api;
    let mut copies = HashMap::new();
    for r in copy {
        if seen.insert(key(&r.session.session)) {
            copies.insert(r.session.session.clone(), r.synced_at);
            rows.push(r.session);
        }
    }
    (rows, copies)
}

/// The form field typing goes into.
pub(super) fn focused(l: &mut Lookup) -> &mut TextField {
    match l.focus {
        Focus::Query => &mut l.query,
        Focus::Campaign => &mut l.campaign,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the form searches for, as (phone, code) pairs in order.
    fn searches(typed: &str, country: Option<Country>) -> Vec<(Option<String>, Option<String>)> {
        let mut l = Lookup::default();
        l.query.paste(typed);
        match l.request(country) {
            Ok((_, SearchBy::Search(queries))) => queries.into_iter().map(|q| (q.phone, q.code)).collect(),
            Ok((_, SearchBy::Resolve(what))) => panic!("resolves {what:?}"),
            Ok((_, SearchBy::CopyOnly)) => panic!("mirror only"),
            Err(e) => panic!("{e:?}"),
        }
    }

    #[test]
    fn digits_that_make_a_national_number_are_searched_as_a_phone_then_as_a_code() {
        let phone = |p: &str| (Some(p.to_string()), None);
        let code = |c: &str| (None, Some(c.to_string()));
        let gb = Country::parse("GB").ok();
        assert_eq!(
            searches("07911123456", gb),
            [phone("+447911123456"), phone("07911123456"), code("07911123456")]
        );
        // Without a country, digits alone are a custom validation code.
        assert_eq!(searches("07911123456", None), [code("07911123456")]);
        // Written as a phone number: no code search.
        assert_eq!(
            searches("07911 123456", gb),
            [phone("+447911123456"), phone("07911123456")]
        );
        // Not a number in the country: still a code.
        assert_eq!(searches("12345678", gb), [code("12345678")]);
    }
}
