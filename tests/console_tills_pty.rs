//! F3's all-tills tab in the real binary: a kiosk against a sandbox where two other tills have
//! validated today shows both of them, with their counts, when F3 and Tab are pressed.

mod support;

use anyhow::Result;
use coupon_kiosk::api::singleuse::NewSingleUses;
use coupon_kiosk::api::{CampaignId, Operation, SessionCode, UpdateSession};
use coupon_kiosk::sandbox::{DEMO_CLIENT_ID, DEMO_CLIENT_SECRET};
use support::pty::{Kiosk, Launch, CONFIG, F3, TAB};
use support::sandbox::Blocking;

/// Validates `n` fresh sessions of cam_demo01 with `till`'s tag in customfield7.
fn validate_as(sb: &Blocking, till: &str, n: u32, money: &str) {
    let client = support::client::for_sandbox(&sb.sb);
    sb.block_on(async {
        let made = client
            .create_single_uses(&NewSingleUses {
                campaign: CampaignId::parse("cam_demo01").unwrap(),
                amount: n,
                status: None,
                automated: None,
            })
            .await
            .unwrap();
        for s in made {
            let mut fields: [Option<String>; 7] = Default::default();
            fields[6] = Some(format!("{till}/{}", coupon_kiosk::tag::AttemptId::random()));
            client
                .update_session(&UpdateSession {
                    code: SessionCode::parse(&s.single_use_code).unwrap(),
                    operation: Some(Operation::Validate),
                    customfields: fields,
                    customid: None,
                    money_spent: Some(money.parse().unwrap()),
                })
                .await
                .unwrap();
        }
    });
}

#[test]
fn f3_and_tab_show_todays_validations_by_both_other_tills() -> Result<()> {
    let sb = Blocking::start();
    validate_as(&sb, "till-1/Ann", 3, "2.00");
    validate_as(&sb, "till-2/Bob", 2, "5.50");
    let url = sb.base_url();
    let config = format!("{CONFIG}tag_customfield = 7\n");
    let mut k = Kiosk::launch(Launch {
        config: &config,
        subcommand: &[],
        env: &[
            ("COUPONTOOLS_API_URL", &url),
            ("COUPONTOOLS_CLIENT_ID", DEMO_CLIENT_ID),
            ("COUPONTOOLS_CLIENT_SECRET", DEMO_CLIENT_SECRET),
        ],
        ..Launch::default()
    })?;
    k.send(F3)?;
    k.wait_for("Tab or ←/→ switches")?;
    k.send(TAB)?;
    let screen = k.wait_until(|s| s.contains("till-2") && s.contains("As of"))?;
    // The rows with their words and figures, blanks collapsed.
    let rows: Vec<String> = screen
        .lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect();
    for row in ["│till-1 3 6.000 │", "│till-2 2 11.000 │", "│All tills 5 17.000 │"] {
        assert!(rows.iter().any(|r| r == row), "{row}: {screen}");
    }
    assert!(screen.contains("Validations per hour"), "{screen}");
    assert_eq!(k.quit()?, 0);
    k.assert_restored()
}
