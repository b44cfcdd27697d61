//! The demo account: three coupons, the session codes listed in README (issue 2's table),
//! 12,000 more sessions in cam_demo03 so that paging is real, and one opted-out phone number.
//! Loaded into an empty database only; the generated codes are the same on every run.

use super::rules::Lifecycle;
use super::store::campaigns::{self, CampaignRow};
use super::store::outbox;
use super::store::sessions::{self, Customer, SessionRow};
use rand::SeedableRng;
use rusqlite::{Connection, TransactionBehavior};
use time::macros::datetime;
use time::{Duration, OffsetDateTime};

/// One session of the demo table, for the command line and README.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DemoSession {
    pub code: &'static str,
    pub campaign: &'static str,
    pub state: &'static str,
}

/// The demo sessions a new user can try, exactly as issue 2 lists them.
pub const DEMO_SESSIONS: [DemoSession; 9] = [
    DemoSession {
        code: "ac6s7u3g8a25ja7x9qg87",
        campaign: "cam_demo01",
        state: "claimed, valid until 2099; Jane Doe, jane@example.com, +447911123456",
    },
    DemoSession {
        code: "oneeojyhy5j3x0m6ribqu",
        campaign: "cam_demo01",
        state: "claimed, valid; also Jane Doe's",
    },
    DemoSession {
        code: "i9yxd6igssghayshqarq2",
        campaign: "cam_demo01",
        state: "validated 2026-11-20 14:03:00 UTC; John Smith, john@example.com, +14155550123",
    },
    DemoSession {
        code: "oyh0bo45o8qidpbrqwrpn",
        campaign: "cam_demo01",
        state: "voided",
    },
    DemoSession {
        code: "rjclb2450as8jbiohnj5c",
        campaign: "cam_demo01",
        state: "claimed and locked",
    },
    DemoSession {
        code: "qthxn15t104xu9rtv3d4o",
        campaign: "cam_demo01",
        state: "claimed, expired 2025-01-31 23:59:59 UTC",
    },
    DemoSession {
        code: "0dp06jgzcz57b2zr6ojcs",
        campaign: "cam_demo02",
        state: "opened, not claimed",
    },
    DemoSession {
        code: "1091awquchndpf61udi5i",
        campaign: "cam_demo02",
        state: "claimed, custom validation code WELCOME2026",
    },
    DemoSession {
        code: "itu5hlxwuay5fy4wf58np",
        campaign: "cam_demo03",
        state: "voided, flexible expiry: activate starts a 30-day window",
    },
];

/// The custom validation code of `1091awquchndpf61udi5i`.
pub const DEMO_CUSTOM_CODE: &str = "WELCOME2026";
/// A phone number on the SMS opt-out list (`send/sms` answers 605).
pub const OPTED_OUT_PHONE: &str = "+447700900123";
/// How many generated sessions cam_demo03 holds besides its table session.
pub const BULK_SESSIONS: usize = 12_000;
/// The last this-many generated sessions start on 2099-01-01 (claiming them answers 360).
pub const SCHEDULED_SESSIONS: usize = 50;
/// The first sequence id of the demo table; generated sessions follow.
pub const FIRST_SEQUENCE: i64 = 1_000_001;

const VALID_UNTIL: OffsetDateTime = datetime!(2099-12-31 23:59:59 UTC);

/// Loads the demo data unless the database already holds coupons. Returns whether it did.
pub fn load_if_empty(conn: &mut Connection) -> rusqlite::Result<bool> {
    let has_campaigns: bool = conn.query_row("SELECT EXISTS (SELECT 1 FROM campaigns)", [], |r| r.get(0))?;
    if has_campaigns {
        return Ok(false);
    }
    // One transaction: 12,000 inserts in one commit take milliseconds, not seconds.
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    load_catalog(&tx)?;
    for (i, row) in table_sessions().iter().enumerate() {
        let mut row = row.clone();
        row.seq = FIRST_SEQUENCE + i64::try_from(i).unwrap_or(0);
        sessions::insert(&tx, &row)?;
    }
    load_bulk(&tx)?;
    outbox::opt_out(&tx, OPTED_OUT_PHONE)?;
    tx.commit()?;
    Ok(true)
}

fn load_catalog(conn: &Connection) -> rusqlite::Result<()> {
    campaigns::insert_folder(conn, "fol_food", "Food & drink")?;
    campaigns::insert_folder(conn, "fol_retail", "Retail")?;
    campaigns::insert_folder(conn, "fol_archive", "Archive")?;
    campaigns::insert_category(conn, "cat_food", "Food")?;
    campaigns::insert_category(conn, "cat_retail", "Retail")?;
    campaigns::insert_category(conn, "cat_loyalty", "Loyalty")?;
    let coupon = |id: &str,
                  name: &str,
                  title: &str,
                  code: &str,
                  status: &str,
                  folder: &str,
                  tags: &[&str],
                  category: &str| CampaignRow {
        id: id.into(),
        name: name.into(),
        title: title.into(),
        code: code.into(),
        status: status.into(),
        folder: Some(folder.into()),
        tags: tags.iter().map(|t| t.to_string()).collect(),
        category: Some(category.into()),
        expiration: Some(VALID_UNTIL),
        flexible_days: None,
        created: datetime!(2025-12-01 09:00:00 UTC),
    };
    campaigns::insert(
        conn,
        &coupon(
            "cam_demo01",
            "Free coffee",
            "A free coffee with any pastry",
            "COFFEE",
            "active",
            "fol_food",
            &["coffee", "breakfast"],
            "cat_food",
        ),
    )?;
    campaigns::insert(
        conn,
        &coupon(
            "cam_demo02",
            "Spring sale",
            "10% off everything in store",
            "SPRING10",
            "inactive",
            "fol_retail",
            &["retail", "discount"],
            "cat_retail",
        ),
    )?;
    campaigns::insert(
        conn,
        &CampaignRow {
            expiration: None,
            flexible_days: Some(30),
            ..coupon(
                "cam_demo03",
                "Welcome gift",
                "A welcome gift: 30 days to use it",
                "",
                "active",
                "fol_food",
                &["welcome", "loyalty"],
                "cat_loyalty",
            )
        },
    )?;
    Ok(())
}

fn customer(first: &str, last: &str, email: &str, phone: &str) -> Customer {
    Customer {
        firstname: first.into(),
        lastname: last.into(),
        email: email.into(),
        phone: phone.into(),
    }
}

fn claimed_at(claim: OffsetDateTime, expiration: Option<OffsetDateTime>) -> Lifecycle {
    Lifecycle {
        opened: true,
        open_date: Some(claim - Duration::minutes(2)),
        claimed: true,
        claim_date: Some(claim),
        claimtype: "web".into(),
        expiration,
        activated_date: Some(claim),
        ..Lifecycle::default()
    }
}

/// The nine sessions of the demo table, in table order.
fn table_sessions() -> Vec<SessionRow> {
    let jane = customer("Jane", "Doe", "jane@example.com", "+447911123456");
    let john = customer("John", "Smith", "john@example.com", "+14155550123");
    let row =
        |code: &str, campaign: &str, created: OffsetDateTime, life: Lifecycle, who: &Customer| SessionRow {
            life,
            customer: who.clone(),
            ..SessionRow::new(code.into(), campaign, created)
        };
    let nobody = Customer::default();
    let valid = Some(VALID_UNTIL);
    vec![
        SessionRow {
            saved_to_passbook: true,
            ..row(
                "ac6s7u3g8a25ja7x9qg87",
                "cam_demo01",
                datetime!(2026-11-01 10:00:00 UTC),
                claimed_at(datetime!(2026-11-01 10:05:00 UTC), valid),
                &jane,
            )
        },
        row(
            "oneeojyhy5j3x0m6ribqu",
            "cam_demo01",
            datetime!(2026-11-03 08:30:00 UTC),
            claimed_at(datetime!(2026-11-03 08:31:00 UTC), valid),
            &jane,
        ),
        row(
            "i9yxd6igssghayshqarq2",
            "cam_demo01",
            datetime!(2026-11-18 12:00:00 UTC),
            Lifecycle {
                validated: true,
                validation_date: Some(datetime!(2026-11-20 14:03:00 UTC)),
                ..claimed_at(datetime!(2026-11-18 12:10:00 UTC), valid)
            },
            &john,
        ),
        row(
            "oyh0bo45o8qidpbrqwrpn",
            "cam_demo01",
            datetime!(2026-10-20 16:00:00 UTC),
            Lifecycle {
                voided: true,
                voided_date: Some(datetime!(2026-10-25 09:00:00 UTC)),
                ..claimed_at(datetime!(2026-10-20 16:01:00 UTC), valid)
            },
            &nobody,
        ),
        row(
            "rjclb2450as8jbiohnj5c",
            "cam_demo01",
            datetime!(2026-11-10 11:00:00 UTC),
            Lifecycle {
                locked: true,
                ..claimed_at(datetime!(2026-11-10 11:02:00 UTC), valid)
            },
            &nobody,
        ),
        row(
            "qthxn15t104xu9rtv3d4o",
            "cam_demo01",
            datetime!(2024-12-15 10:00:00 UTC),
            claimed_at(
                datetime!(2024-12-15 10:03:00 UTC),
                Some(datetime!(2025-01-31 23:59:59 UTC)),
            ),
            &nobody,
        ),
        row(
            "0dp06jgzcz57b2zr6ojcs",
            "cam_demo02",
            datetime!(2026-11-21 15:00:00 UTC),
            Lifecycle {
                opened: true,
                open_date: Some(datetime!(2026-11-21 15:00:30 UTC)),
                expiration: valid,
                activated_date: Some(datetime!(2026-11-21 15:00:00 UTC)),
                ..Lifecycle::default()
            },
            &nobody,
        ),
        SessionRow {
            own_validation_code: DEMO_CUSTOM_CODE.into(),
            ..row(
                "1091awquchndpf61udi5i",
                "cam_demo02",
                datetime!(2026-11-22 09:00:00 UTC),
                claimed_at(datetime!(2026-11-22 09:04:00 UTC), valid),
                &nobody,
            )
        },
        row(
            "itu5hlxwuay5fy4wf58np",
            "cam_demo03",
            datetime!(2026-11-24 13:00:00 UTC),
            Lifecycle {
                opened: true,
                open_date: Some(datetime!(2026-11-24 13:00:10 UTC)),
                claimed: true,
                claim_date: Some(datetime!(2026-11-24 13:01:00 UTC)),
                claimtype: "web".into(),
                voided: true,
                voided_date: Some(datetime!(2026-11-24 13:00:00 UTC)),
                ..Lifecycle::default()
            },
            &nobody,
        ),
    ]
}

/// Generated history of cam_demo03: one session every 20 minutes from 2026-01-01, 90% opened,
/// 60% claimed, 20% validated, every 97th voided, every 4th with a custom code, every 50th in
/// a wallet; each with a 30-day window from creation. The last `SCHEDULED_SESSIONS` are
/// scheduled for 2099 and untouched.
fn load_bulk(conn: &Connection) -> rusqlite::Result<()> {
    let mut rng = rand::rngs::StdRng::seed_from_u64(2026);
    let start = datetime!(2026-01-01 00:00:00 UTC);
    for i in 0..BULK_SESSIONS {
        let n = i64::try_from(i).unwrap_or(0);
        let created = start + Duration::minutes(20 * n);
        let scheduled = i >= BULK_SESSIONS - SCHEDULED_SESSIONS;
        let mut row = SessionRow::new(String::new(), "cam_demo03", created);
        row.customer = customer(
            "Guest",
            &format!("{i:05}"),
            &format!("guest{i:05}@example.net"),
            "",
        );
        if scheduled {
            row.life.start_date = Some(datetime!(2099-01-01 00:00:00 UTC));
        } else {
            let life = &mut row.life;
            life.activated_date = Some(created);
            life.expiration = Some(created + Duration::days(30));
            if i % 10 != 9 {
                life.opened = true;
                life.open_date = Some(created + Duration::minutes(2));
            }
            if i % 10 < 6 {
                life.claimed = true;
                life.claim_date = Some(created + Duration::minutes(5));
                life.claimtype = "web".into();
            }
            if i % 10 < 2 {
                life.validated = true;
                life.validation_date = Some(created + Duration::days(3));
            }
            if i % 97 == 0 {
                life.voided = true;
                life.voided_date = Some(created + Duration::days(1));
            }
            if i % 4 == 0 {
                row.own_validation_code = format!("WG{i:08}");
            }
            row.saved_to_androidpay = i % 50 == 0;
        }
        sessions::insert_fresh(conn, &mut row, &mut rng)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every row of every table the demo fills, as text, in a fixed order.
    fn dump(conn: &Connection) -> String {
        let mut out = String::new();
        for (table, order) in [
            ("folders", "rowid"),
            ("categories", "rowid"),
            ("campaigns", "rowid"),
            ("sessions", "seq"),
            ("optouts", "rowid"),
        ] {
            let mut stmt = conn.prepare(&format!("SELECT * FROM {table} ORDER BY {order}")).unwrap();
            let columns = stmt.column_count();
            let mut rows = stmt.query([]).unwrap();
            while let Some(row) = rows.next().unwrap() {
                out.push_str(table);
                for i in 0..columns {
                    let v: rusqlite::types::Value = row.get(i).unwrap();
                    out.push_str(&format!("|{v:?}"));
                }
                out.push('\n');
            }
        }
        out
    }

    /// FNV-1a, 64 bits: stable across Rust releases, unlike the standard library's hasher.
    fn fnv1a(text: &str) -> u64 {
        text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
        })
    }

    #[test]
    fn the_demo_database_is_exactly_the_documented_one() {
        let store = super::super::store::Store::open(None).unwrap();
        assert!(store.with(load_if_empty).unwrap());
        let text = store.with(|conn| dump(conn));
        assert_eq!(text.lines().filter(|l| l.starts_with("sessions|")).count(), 12_009);
        assert_eq!(fnv1a(&text), 11_348_559_497_283_928_083);
    }
}
