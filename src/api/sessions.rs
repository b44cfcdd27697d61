//! Seed section "Coupon session": couponsession/data, update, search, campaignsession/search,
//! singleuse/remove. (couponsession/barcode is in `barcode.rs`.)

use super::client::Client;
use super::envelope::shape_of;
use super::error::ApiError;
use super::model::Session;
use super::params::{CampaignId, Operation, SearchQuery, SessionCode, UpdateSession};
use serde_json::Value;
use time::OffsetDateTime;

impl Client {
    /// `couponsession/data`: one session by its code or short code.
    pub async fn session_data(&self, code: &SessionCode) -> Result<Session, ApiError> {
        self.session_data_dated(code).await.map(|(s, _)| s)
    }

    /// `couponsession/data` with the server's clock when it answered (the `Date` header).
    pub async fn session_data_dated(
        &self,
        code: &SessionCode,
    ) -> Result<(Session, Option<OffsetDateTime>), ApiError> {
        let answer = self
            .post_dated(
                "couponsession/data",
                &[("couponsession", code.as_str().to_string())],
            )
            .await?;
        let session = session_from_answer(&answer.payload)?;
        if !names(code, &session.session) {
            return Err(other_session(code, &session.session));
        }
        Ok((session, answer.server_date))
    }

    /// `couponsession/update`, judged no further than the envelope: the session in an OK
    /// answer, if it carries one. The validation flow decides what the answer proves.
    pub async fn update_answer(&self, update: &UpdateSession) -> Result<UpdateAnswer, ApiError> {
        update.check()?;
        let answer = self
            .post_dated("couponsession/update", &update.to_params())
            .await?;
        let session = if has_session(&answer.payload) {
            Some(session_from_answer(&answer.payload)?)
        } else {
            None
        };
        Ok(UpdateAnswer {
            session,
            server_date: answer.server_date,
        })
    }

    /// `couponsession/update`: the operation and/or fields; answers the updated session.
    /// Every limit is checked before sending. An OK counts only for the session that was asked
    /// for, and only when the session shows what the operation does (a voided session after
    /// `void`, ...); an answer without the session costs one more read, which must show it too.
    pub async fn update_session(&self, update: &UpdateSession) -> Result<Session, ApiError> {
        let answer = self.update_answer(update).await?;
        let session = match answer.session {
            Some(session) => session,
            None => self.session_data(&update.code).await?,
        };
        if !names(&update.code, &session.session) {
            return Err(other_session(&update.code, &session.session));
        }
        if let Some(op) = update.operation {
            if let Some(missing) = contradiction(op, &session) {
                return Err(ApiError::unexpected_ok(format!(
                    "the server said OK to {} but the session {missing}",
                    op.as_str()
                )));
            }
        }
        Ok(session)
    }

    /// `couponsession/search` (or `campaignsession/search` with a campaign). "No results found"
    /// (512) is an empty list, not an error.
    pub async fn search_sessions(&self, query: &SearchQuery) -> Result<Vec<Session>, ApiError> {
        self.search_sessions_dated(query).await.map(|(s, _)| s)
    }

    /// [`Client::search_sessions`] with the server's clock when it answered (`None` also when
    /// the answer was "no results").
    pub async fn search_sessions_dated(
        &self,
        query: &SearchQuery,
    ) -> Result<(Vec<Session>, Option<OffsetDateTime>), ApiError> {
        query.check()?;
        let campaign = query.campaign.as_ref().map(CampaignId::as_str);
        match self.post_dated(query.path(), &query.to_params()).await {
            Ok(answer) => Ok((
                sessions_from_search(&answer.payload, campaign)?,
                answer.server_date,
            )),
            Err(ApiError::Api { code: 512, .. }) => Ok((Vec::new(), None)),
            Err(e) => Err(e),
        }
    }

    /// `singleuse/remove`: deletes a session.
    pub async fn remove_session(&self, campaign: &CampaignId, code: &SessionCode) -> Result<(), ApiError> {
        self.post(
            "singleuse/remove",
            &[
                ("campaign", campaign.as_str().to_string()),
                ("couponsession", code.as_str().to_string()),
            ],
        )
        .await
        .map(|_| ())
    }
}

/// What an OK answer to `couponsession/update` carried.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UpdateAnswer {
    /// The updated session, when the answer carries one.
    pub session: Option<Session>,
    /// The server's clock when it answered.
    pub server_date: Option<OffsetDateTime>,
}

/// True when `session` (a full code from an answer) is the session `code` asked for: the same
/// code, or the session whose first six characters are the short code asked for.
pub fn names(code: &SessionCode, session: &str) -> bool {
    let asked = code.as_str();
    if asked.len() == super::params::SHORT_CODE_LEN {
        session.len() == super::params::SESSION_CODE_LEN && session.starts_with(asked)
    } else {
        session == asked
    }
}

fn other_session(code: &SessionCode, named: &str) -> ApiError {
    ApiError::unexpected_ok(format!(
        "asked about {} and the answer names another session ({})",
        code.as_str(),
        super::envelope::excerpt(named)
    ))
}

/// What the session should show after `op` and does not, if anything.
fn contradiction(op: Operation, s: &Session) -> Option<&'static str> {
    let broken = match op {
        Operation::Validate => !s.validated || s.voided,
        Operation::Unvalidate => s.validated,
        Operation::Void => !s.voided,
        Operation::Unvoid => s.voided,
        Operation::Lock => !s.locked,
        Operation::Unlock => s.locked,
        Operation::Claim => !s.claimed,
        _ => false,
    };
    broken.then_some(match op {
        Operation::Validate if s.voided => "shows it voided",
        Operation::Validate => "shows it not validated",
        Operation::Unvalidate => "still shows it validated",
        Operation::Void => "shows it not voided",
        Operation::Unvoid => "still shows it voided",
        Operation::Lock => "shows it not locked",
        Operation::Unlock => "still shows it locked",
        _ => "shows it not claimed",
    })
}

fn has_session(answer: &Value) -> bool {
    answer.get("session").is_some() || answer.pointer("/data/status").is_some()
}

/// A `couponsession/data`-shaped answer -> Session.
pub fn session_from_answer(answer: &Value) -> Result<Session, ApiError> {
    Session::from_json(answer, None).map_err(ApiError::unexpected_ok)
}

/// Search answers. Assumed: `{"results":[<session>, …]}` (not published). Also read: the list
/// under `data`, `sessions` or `result`; a bare array; a list as an object keyed "0", "1", …
/// (profile php-arrays); a single session object in place of the list. An item that is not a
/// session is skipped, not fatal: the others are still the customer's coupons (an answer whose
/// every item is unreadable is an unexpected answer).
pub fn sessions_from_search(answer: &Value, campaign: Option<&str>) -> Result<Vec<Session>, ApiError> {
    use super::lenient::list_items;
    const LIST_KEYS: [&str; 4] = ["results", "data", "sessions", "result"];
    let items: Vec<&Value> = match answer {
        Value::Array(items) => items.iter().collect(),
        Value::Object(map) => match LIST_KEYS.iter().find_map(|k| map.get(*k)) {
            Some(Value::Null) => Vec::new(),
            Some(list) => match list_items(list) {
                Some(items) => items,
                None if list.is_object() => vec![list],
                None => {
                    return Err(ApiError::unexpected_ok(format!(
                        "search results as {} instead of a list",
                        shape_of(list)
                    )))
                }
            },
            None if map.contains_key("session") => vec![answer],
            None => {
                return Err(ApiError::unexpected_ok(format!(
                    "a search answer without results: {}",
                    shape_of(answer)
                )))
            }
        },
        other => {
            return Err(ApiError::unexpected_ok(format!(
                "{} as a search answer",
                shape_of(other)
            )))
        }
    };
    let total = items.len();
    let mut skipped = Vec::new();
    let sessions: Vec<Session> = items
        .into_iter()
        .filter_map(|item| match Session::from_json(item, campaign) {
            Ok(s) => Some(s),
            Err(why) => {
                skipped.push(why);
                None
            }
        })
        .collect();
    if let Some(first) = skipped.first() {
        if sessions.is_empty() {
            return Err(ApiError::unexpected_ok(format!(
                "no readable search result: {first}"
            )));
        }
        tracing::warn!(skipped = skipped.len(), total, first = %first, "search results skipped");
    }
    Ok(sessions)
}
