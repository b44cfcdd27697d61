//! Searches that may take more than one request: a phone number in international form, then as
//! typed, until one finds something.

use crate::api::{ApiError, CampaignId, Client, SearchQuery, Session};
use crate::phone::{self, Country};

/// Runs `queries` in order and answers the first that finds something (or the last one's
/// nothing). Stops at the first error.
pub async fn search_first(client: &Client, queries: &[SearchQuery]) -> Result<Vec<Session>, ApiError> {
    let mut found = Vec::new();
    for query in queries {
        found = client.search_sessions(query).await?;
        if !found.is_empty() {
            break;
        }
    }
    Ok(found)
}

/// The searches for a phone number as typed: its forms (see [`phone::search_forms`]), in order,
/// each within `campaign` when given.
pub fn phone_searches(
    typed: &str,
    country: Option<Country>,
    campaign: Option<&CampaignId>,
) -> Result<Vec<SearchQuery>, ApiError> {
    phone::search_forms(typed, country)
        .iter()
        .map(|form| {
            let q = SearchQuery::by_phone(form)?;
            Ok(match campaign {
                Some(c) => q.in_campaign(c.clone()),
                None => q,
            })
        })
        .collect()
}
