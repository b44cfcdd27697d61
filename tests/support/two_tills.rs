//! Validations by two tills, made straight through the client, for the report's tests and its
//! benchmark (benches/report.rs takes this file with `#[path]`, so it uses nothing else of
//! `support`).

use coupon_kiosk::api::singleuse::NewSingleUses;
use coupon_kiosk::api::{CampaignId, Client, Operation, SessionCode, UpdateSession};
use futures::{StreamExt, TryStreamExt};
use rust_decimal::Decimal;

/// Today's date (UTC) as the report's `--since` takes it: `YYYY-MM-DD`.
pub fn today() -> String {
    let now = time::OffsetDateTime::now_utc();
    format!("{:04}-{:02}-{:02}", now.year(), u8::from(now.month()), now.day())
}

/// Issues `amount` fresh single-use sessions of `campaign` and validates each one now, as two
/// tills would: every other one by `till-1/Ann`, the rest by `till-2/Bob` (their tags in
/// customfield7), each with `money_spent`; `in_flight` updates at a time. Panics on any failure:
/// it is a test's or a benchmark's setup.
pub async fn validate_by_two_tills(
    client: &Client,
    campaign: &CampaignId,
    amount: u32,
    money_spent: Decimal,
    in_flight: usize,
) {
    let made = client
        .create_single_uses(&NewSingleUses {
            campaign: campaign.clone(),
            amount,
            status: None,
            automated: None,
        })
        .await
        .unwrap_or_else(|e| panic!("issued: {e}"));
    futures::stream::iter(made.into_iter().enumerate())
        .map(|(i, s)| {
            let client = client.clone();
            async move {
                let mut fields: [Option<String>; 7] = Default::default();
                let till = if i % 2 == 0 { "till-1/Ann" } else { "till-2/Bob" };
                fields[6] = Some(format!("{till}/k3f9x2ab7q"));
                client
                    .update_session(&UpdateSession {
                        code: SessionCode::parse(&s.single_use_code)?,
                        operation: Some(Operation::Validate),
                        customfields: fields,
                        customid: None,
                        money_spent: Some(money_spent),
                    })
                    .await
            }
        })
        .buffer_unordered(in_flight)
        .try_collect::<Vec<_>>()
        .await
        .unwrap_or_else(|e| panic!("validated: {e}"));
}
