//! Seed section "Coupon session": couponsession/data, update, search, campaignsession/search,
//! singleuse/remove. (couponsession/barcode is in `barcode.rs`.)

use super::client::Client;
use super::envelope::shape_of;
use super::error::ApiError;
use super::model::Session;
use super::params::{CampaignId, SearchQuery, SessionCode, UpdateSession};
use serde_json::Value;

impl Client {
    /// `couponsession/data`: one session by its code or short code.
    pub async fn session_data(&self, code: &SessionCode) -> Result<Session, ApiError> {
        let answer = self
            .post(
                "couponsession/data",
                &[("couponsession", code.as_str().to_string())],
            )
            .await?;
        session_from_answer(&answer)
    }

    /// `couponsession/update`: the operation and/or fields; answers the updated session.
    /// Every limit is checked before sending.
    pub async fn update_session(&self, update: &UpdateSession) -> Result<Session, ApiError> {
        update.check()?;
        let answer = self.post("couponsession/update", &update.to_params()).await?;
        match session_from_answer(&answer) {
            Ok(session) => Ok(session),
            // The update is confirmed by the OK envelope; an answer without the session object
            // (not what the sandbox sends, but not excluded either) costs one more read.
            Err(_) if !has_session(&answer) => self.session_data(&update.code).await,
            Err(e) => Err(e),
        }
    }

    /// `couponsession/search` (or `campaignsession/search` with a campaign). "No results found"
    /// (512) is an empty list, not an error.
    pub async fn search_sessions(&self, query: &SearchQuery) -> Result<Vec<Session>, ApiError> {
        query.check()?;
        let campaign = query.campaign.as_ref().map(CampaignId::as_str);
        match self.post(query.path(), &query.to_params()).await {
            Ok(answer) => sessions_from_search(&answer, campaign),
            Err(ApiError::Api { code: 512, .. }) => Ok(Vec::new()),
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

fn has_session(answer: &Value) -> bool {
    answer.get("session").is_some() || answer.pointer("/data/status").is_some()
}

/// A `couponsession/data`-shaped answer -> Session.
pub fn session_from_answer(answer: &Value) -> Result<Session, ApiError> {
    Session::from_json(answer, None).map_err(|detail| ApiError::UnexpectedResponse {
        http_status: 200,
        detail,
    })
}

/// Search answers. Assumed: `{"results":[<session>, …]}` (not published). Also read: the list
/// under `data`, `sessions` or `result`; a bare array; a list as an object keyed "0", "1", …
/// (profile php-arrays); a single session object in place of the list. An item that is not a
/// session is skipped, not fatal: the others are still the customer's coupons (an answer whose
/// every item is unreadable is an unexpected answer).
pub fn sessions_from_search(answer: &Value, campaign: Option<&str>) -> Result<Vec<Session>, ApiError> {
    use super::lenient::list_items;
    let unexpected = |detail: String| ApiError::UnexpectedResponse {
        http_status: 200,
        detail,
    };
    const LIST_KEYS: [&str; 4] = ["results", "data", "sessions", "result"];
    let items: Vec<&Value> = match answer {
        Value::Array(items) => items.iter().collect(),
        Value::Object(map) => match LIST_KEYS.iter().find_map(|k| map.get(*k)) {
            Some(Value::Null) => Vec::new(),
            Some(list) => match list_items(list) {
                Some(items) => items,
                None if list.is_object() => vec![list],
                None => {
                    return Err(unexpected(format!(
                        "search results as {} instead of a list",
                        shape_of(list)
                    )))
                }
            },
            None if map.contains_key("session") => vec![answer],
            None => {
                return Err(unexpected(format!(
                    "a search answer without results: {}",
                    shape_of(answer)
                )))
            }
        },
        other => return Err(unexpected(format!("{} as a search answer", shape_of(other)))),
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
            return Err(unexpected(format!("no readable search result: {first}")));
        }
        tracing::warn!(skipped = skipped.len(), total, first = %first, "search results skipped");
    }
    Ok(sessions)
}
