//! Seed section "Coupon session" › "List coupon sessions": campaign/data, campaign/opens,
//! campaign/claims, campaign/validations. Pages of up to 5000 records, `page` from 1.
//! (Kept apart from `sessions.rs`, which handles one session at a time.)

use super::client::Client;
use super::error::ApiError;
use super::lenient::unsigned;
use super::list_answer::ListAnswer;
use super::model::Session;
use super::params::CampaignId;
use serde_json::Value;
use std::collections::HashSet;
use time::format_description::BorrowedFormatItem;
use time::macros::format_description;
use time::{Date, OffsetDateTime, PrimitiveDateTime};

/// Records per page (seed: "If there are 5000 or more records these will be split in multiple pages").
pub const PAGE_SIZE: usize = 5000;
/// A bound on `--all`: no coupon has a hundred million sessions, and a server that keeps
/// answering full pages must not keep a till busy forever.
const MAX_PAGES: u32 = 20_000;

/// Which sessions of a coupon.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SessionList {
    #[default]
    All,
    Opens,
    Claims,
    Validations,
}

impl SessionList {
    pub fn path(self) -> &'static str {
        match self {
            SessionList::All => "campaign/data",
            SessionList::Opens => "campaign/opens",
            SessionList::Claims => "campaign/claims",
            SessionList::Validations => "campaign/validations",
        }
    }
}

/// A `start_date` / `end_date` filter: `yyyy-MM-dd` or `yyyy-MM-dd HH:mm` (the seed also
/// writes it `hh-mm`; both are read), UTC, inclusive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FilterDate {
    at: OffsetDateTime,
    has_time: bool,
}

const DAY: &[BorrowedFormatItem<'static>] = format_description!("[year]-[month]-[day]");
const MINUTE: &[BorrowedFormatItem<'static>] = format_description!("[year]-[month]-[day] [hour]:[minute]");
const MINUTE_DASH: &[BorrowedFormatItem<'static>] =
    format_description!("[year]-[month]-[day] [hour]-[minute]");

impl FilterDate {
    pub fn parse(s: &str) -> Result<FilterDate, ApiError> {
        let t = s.trim();
        let help = || {
            ApiError::InvalidInput(format!(
                "{:?} is not a date: use yyyy-MM-dd or yyyy-MM-dd HH:mm (UTC), e.g. 2026-11-20 or 2026-11-20 14:03.",
                super::envelope::excerpt(t)
            ))
        };
        if let Ok(d) = Date::parse(t, DAY) {
            return Ok(FilterDate {
                at: d.midnight().assume_utc(),
                has_time: false,
            });
        }
        let normalized = t.replacen('T', " ", 1);
        for fmt in [MINUTE, MINUTE_DASH] {
            if let Ok(dt) = PrimitiveDateTime::parse(&normalized, fmt) {
                return Ok(FilterDate {
                    at: dt.assume_utc(),
                    has_time: true,
                });
            }
        }
        Err(help())
    }

    /// The wire form: `yyyy-MM-dd` or `yyyy-MM-dd HH:mm`.
    pub fn wire(&self) -> String {
        let fmt = if self.has_time { MINUTE } else { DAY };
        self.at.format(fmt).unwrap_or_default()
    }

    pub fn at(&self) -> OffsetDateTime {
        self.at
    }
}

/// One request for a page of sessions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListQuery {
    pub campaign: CampaignId,
    pub list: SessionList,
    /// From 1.
    pub page: u32,
    pub start_date: Option<FilterDate>,
    pub end_date: Option<FilterDate>,
}

impl ListQuery {
    pub fn new(campaign: CampaignId, list: SessionList) -> ListQuery {
        ListQuery {
            campaign,
            list,
            page: 1,
            start_date: None,
            end_date: None,
        }
    }

    pub fn check(&self) -> Result<(), ApiError> {
        if self.page == 0 {
            return Err(ApiError::InvalidInput("Pages are numbered from 1.".into()));
        }
        if let (Some(s), Some(e)) = (&self.start_date, &self.end_date) {
            if s.at > e.at {
                return Err(ApiError::InvalidInput(format!(
                    "The start date {} is after the end date {}.",
                    s.wire(),
                    e.wire()
                )));
            }
        }
        Ok(())
    }

    pub fn to_params(&self) -> Vec<(&'static str, String)> {
        let mut p = vec![
            ("campaign", self.campaign.as_str().to_string()),
            ("page", self.page.to_string()),
        ];
        if let Some(d) = &self.start_date {
            p.push(("start_date", d.wire()));
        }
        if let Some(d) = &self.end_date {
            p.push(("end_date", d.wire()));
        }
        p
    }
}

/// One page of sessions.
#[derive(Debug, Clone, PartialEq)]
pub struct SessionPage {
    pub page: u32,
    pub sessions: Vec<Session>,
    /// When the server says so.
    pub total_pages: Option<u32>,
    pub total_results: Option<u64>,
}

impl SessionPage {
    /// The last page: fewer than a full page, or the server's page count reached.
    pub fn is_last(&self) -> bool {
        self.sessions.len() < PAGE_SIZE || self.total_pages.is_some_and(|t| self.page >= t)
    }
}

/// Where a page's records stand in the answer (seed: `data`; some servers say `results`).
pub const LIST_KEYS: &[&str] = &["data", "results"];

/// A page of sessions as the server sent it, each session decoded when it is reached: a page of
/// 5,000 is never held as one JSON tree nor as 5,000 sessions at once unless the caller wants so.
#[derive(Debug)]
pub struct ListedPage {
    answer: ListAnswer,
    campaign: CampaignId,
    pub page: u32,
    /// When the server says so.
    pub total_pages: Option<u32>,
    pub total_results: Option<u64>,
}

impl ListedPage {
    /// A page from a list answer. Assumed [confirmed]: `{"amount_of_results": N, "data": [...]}`;
    /// `page`, `total_pages` and `total_results` when the server sends them (profile sparse does
    /// not: the last page is then the first one shorter than `PAGE_SIZE`). The list may also be
    /// under `results`, a bare array, or an object keyed "0", "1", … (profile php-arrays).
    pub fn of(answer: ListAnswer, query: &ListQuery) -> ListedPage {
        let rest = answer.rest();
        ListedPage {
            page: unsigned(rest.get("page"))
                .and_then(|p| u32::try_from(p).ok())
                .unwrap_or(query.page),
            total_pages: unsigned(rest.get("total_pages")).and_then(|p| u32::try_from(p).ok()),
            total_results: unsigned(rest.get("total_results")),
            campaign: query.campaign.clone(),
            answer,
        }
    }

    /// Records on the page.
    pub fn len(&self) -> usize {
        self.answer.len()
    }

    pub fn is_empty(&self) -> bool {
        self.answer.is_empty()
    }

    /// The last page: fewer than a full page, or the server's page count reached.
    pub fn is_last(&self) -> bool {
        self.len() < PAGE_SIZE || self.total_pages.is_some_and(|t| self.page >= t)
    }

    /// Each record with the session read from it (the record keeps what the model does not).
    pub fn records(&self) -> impl ExactSizeIterator<Item = Result<(Value, Session), ApiError>> + '_ {
        self.answer.items().map(|item| {
            let record = item?;
            let session =
                Session::from_json(&record, Some(self.campaign.as_str())).map_err(ApiError::unexpected_ok)?;
            Ok((record, session))
        })
    }

    /// Each session in turn.
    pub fn sessions(&self) -> impl ExactSizeIterator<Item = Result<Session, ApiError>> + '_ {
        self.records().map(|r| r.map(|(_, session)| session))
    }

    /// The whole page decoded.
    pub fn into_page(self) -> Result<SessionPage, ApiError> {
        Ok(SessionPage {
            page: self.page,
            sessions: self.sessions().collect::<Result<_, _>>()?,
            total_pages: self.total_pages,
            total_results: self.total_results,
        })
    }
}

impl Client {
    /// One page of `campaign/data|opens|claims|validations`, decoded.
    pub async fn list_sessions(&self, query: &ListQuery) -> Result<SessionPage, ApiError> {
        self.session_page(query).await?.into_page()
    }

    /// One page, its sessions decoded as they are walked ([`ListedPage`]).
    pub async fn session_page(&self, query: &ListQuery) -> Result<ListedPage, ApiError> {
        query.check()?;
        let answer = self
            .post_list(query.list.path(), &query.to_params(), LIST_KEYS)
            .await?;
        Ok(ListedPage::of(answer, query))
    }

    /// Every page in turn, from `query.page`.
    pub fn session_pages(&self, query: ListQuery) -> SessionPager {
        SessionPager {
            client: self.clone(),
            next: Some(query.page.max(1)),
            query,
            seen: HashSet::new(),
        }
    }
}

/// Walks the pages of a session list. A session already seen on an earlier page (the list
/// shifted while paging) is not returned twice.
pub struct SessionPager {
    client: Client,
    query: ListQuery,
    next: Option<u32>,
    seen: HashSet<String>,
}

impl SessionPager {
    /// The next page, or `None` after the last. After an error, paging stops.
    pub async fn next_page(&mut self) -> Option<Result<SessionPage, ApiError>> {
        let page = self.next.take()?;
        if page > MAX_PAGES {
            return Some(Err(ApiError::unexpected_ok(format!(
                "more than {MAX_PAGES} pages of sessions"
            ))));
        }
        let query = ListQuery {
            page,
            ..self.query.clone()
        };
        let mut result = match self.client.list_sessions(&query).await {
            Ok(p) => p,
            Err(e) => return Some(Err(e)),
        };
        let last = result.is_last();
        let before = result.sessions.len();
        result.sessions.retain(|s| self.seen.insert(s.session.clone()));
        if before > 0 && result.sessions.is_empty() {
            // A full page of nothing new: the server is ignoring `page`. Stop rather than loop.
            return Some(Err(ApiError::unexpected_ok(format!(
                "page {page} repeats earlier pages"
            ))));
        }
        if !last {
            self.next = Some(page + 1);
        }
        Some(Ok(result))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filter_dates_in_both_documented_forms() {
        assert_eq!(FilterDate::parse("2026-11-20").unwrap().wire(), "2026-11-20");
        assert_eq!(
            FilterDate::parse("2026-11-20 14:03").unwrap().wire(),
            "2026-11-20 14:03"
        );
        assert_eq!(
            FilterDate::parse("2026-11-20 14-03").unwrap().wire(),
            "2026-11-20 14:03"
        );
        for bad in ["2026-02-30", "20-11-2026", "2026-11-20 25:00", "yesterday", ""] {
            assert!(FilterDate::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn start_after_end_is_refused() {
        let mut q = ListQuery::new(CampaignId::parse("cam_demo03").unwrap(), SessionList::All);
        q.start_date = Some(FilterDate::parse("2026-02-01").unwrap());
        q.end_date = Some(FilterDate::parse("2026-01-01").unwrap());
        assert!(q.check().is_err());
        q.end_date = Some(FilterDate::parse("2026-02-01").unwrap());
        assert!(q.check().is_ok(), "inclusive: the same day is a range");
    }
}
