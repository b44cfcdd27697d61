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

/// Search answers come as `{"results":[...]}`, a bare array, or one object under `data`
/// (API-NOTES.md); a `data` array and a single `results` object are read too.
pub fn sessions_from_search(answer: &Value, campaign: Option<&str>) -> Result<Vec<Session>, ApiError> {
    let unexpected = |detail: String| ApiError::UnexpectedResponse {
        http_status: 200,
        detail,
    };
    let items: Vec<&Value> = match answer {
        Value::Array(items) => items.iter().collect(),
        Value::Object(map) => match map.get("results").or_else(|| map.get("data")) {
            Some(Value::Array(items)) => items.iter().collect(),
            Some(obj @ Value::Object(_)) => vec![obj],
            Some(Value::Null) => Vec::new(),
            Some(other) => {
                return Err(unexpected(format!(
                    "search results as {} instead of a list",
                    shape_of(other)
                )))
            }
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
    items
        .into_iter()
        .map(|item| Session::from_json(item, campaign).map_err(unexpected))
        .collect()
}
