//! Seed section "Notification": coupon/pushnotification/list.

use super::client::Client;
use super::error::ApiError;
use super::lenient::{text, unsigned};
use super::params::{check_text, CampaignId};

/// A wallet push message: not limited by the seed; lock screens show a line or two.
const MAX_PUSH: usize = 500;

/// What a push answers.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Pushed {
    /// `push_sent`.
    pub action: Option<String>,
    /// How many wallets it went to, when the server says.
    pub count: Option<u64>,
}

impl Client {
    /// `coupon/pushnotification/list`: a message to everyone who saved the coupon in a wallet.
    pub async fn push_notification(&self, campaign: &CampaignId, message: &str) -> Result<Pushed, ApiError> {
        if message.trim().is_empty() {
            return Err(ApiError::InvalidInput(
                "The push message is empty: write the text to send.".into(),
            ));
        }
        let message = check_text("The push message", message, MAX_PUSH)?;
        let answer = self
            .post(
                "coupon/pushnotification/list",
                &[("campaign", campaign.as_str().to_string()), ("message", message)],
            )
            .await?;
        Ok(Pushed {
            action: text(answer.get("action")),
            count: unsigned(answer.get("count")),
        })
    }
}
