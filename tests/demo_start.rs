//! The demo's sandbox listens before its demo data is in (so the kiosk draws at once), and its
//! first answers come from the whole demo data, never from a half-loaded database.

mod support;

use coupon_kiosk::api::{SearchQuery, SessionCode};
use coupon_kiosk::sandbox::{spawn_loading_behind, SandboxConfig};
use support::codes::{CLAIMED as JANE, CLAIMED_2 as JANE_2};

#[tokio::test]
async fn requests_sent_while_the_demo_data_loads_are_answered_from_all_of_it() {
    let sb = spawn_loading_behind(SandboxConfig::default())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let client = support::client::for_sandbox(&sb);
    let code = SessionCode::parse(JANE).unwrap_or_else(|e| panic!("{e}"));
    let jane = SearchQuery::by_email("jane@example.com").unwrap_or_else(|e| panic!("{e}"));
    // Sent at once, together: each waits for the data rather than finding nothing.
    let (session, found) = tokio::join!(client.session_data(&code), client.search_sessions(&jane));
    assert_eq!(session.map(|s| s.session).ok().as_deref(), Some(JANE));
    let found: Vec<String> = found
        .unwrap_or_else(|e| panic!("{e}"))
        .into_iter()
        .map(|s| s.session)
        .collect();
    assert_eq!(found, [JANE, JANE_2]);
    sb.shutdown().await;
}
