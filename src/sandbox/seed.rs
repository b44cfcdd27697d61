//! The demo account: three coupons, the session codes listed in README, 12,000 more sessions
//! in cam_demo03 so that paging is real, and one opted-out phone number. The data itself is
//! `assets/demo/demo.toml`, embedded in the binary at build time; this file reads it and loads
//! it into an empty database. The generated codes are the same on every run.

use super::dates;
use super::rules::Lifecycle;
use super::store::campaigns::{self, CampaignRow};
use super::store::outbox;
use super::store::sessions::{self, Customer, SessionRow};
use rand::SeedableRng;
use rusqlite::{Connection, TransactionBehavior};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::sync::LazyLock;
use time::{Duration, OffsetDateTime};

/// The demo data set as shipped.
const DEMO_TOML: &str = include_str!("../../assets/demo/demo.toml");

/// The demo data set, read once from the embedded file.
static DEMO: LazyLock<Result<DemoData, String>> = LazyLock::new(|| DemoData::parse(DEMO_TOML));

/// The demo data set; an error only if the binary was built from a broken data file.
pub fn demo() -> Result<&'static DemoData, String> {
    DEMO.as_ref().map_err(Clone::clone)
}

/// The demo table (README's "Demo codes"); empty if the data file is broken.
pub fn demo_sessions() -> &'static [DemoSession] {
    demo().map_or(&[], |d| d.sessions.as_slice())
}

/// `assets/demo/demo.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DemoData {
    /// The first sequence id of the table sessions; generated sessions follow.
    pub first_sequence: i64,
    /// A phone number on the SMS opt-out list (`send/sms` answers 605).
    pub opted_out_phone: String,
    pub folders: Vec<Named>,
    pub categories: Vec<Named>,
    pub coupons: Vec<DemoCoupon>,
    pub customers: BTreeMap<String, DemoCustomer>,
    /// The demo table, in README's order.
    pub sessions: Vec<DemoSession>,
    pub bulk: Bulk,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Named {
    pub id: String,
    pub name: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DemoCoupon {
    pub id: String,
    pub name: String,
    pub title: String,
    pub code: String,
    pub status: String,
    pub folder: String,
    pub tags: Vec<String>,
    pub category: String,
    pub expires: Option<String>,
    pub flexible_days: Option<i64>,
    pub created: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DemoCustomer {
    pub firstname: String,
    pub lastname: String,
    pub email: String,
    pub phone: String,
}

/// One session of the demo table. Dates are `yyyy-MM-dd HH:mm:ss` UTC; absent means unset.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DemoSession {
    pub code: String,
    pub campaign: String,
    /// What README and `coupon-kiosk sandbox` say about it.
    pub state: String,
    /// A key of `customers`.
    pub customer: Option<String>,
    pub created: String,
    pub opened: Option<String>,
    pub claimed: Option<String>,
    #[serde(default)]
    pub claimtype: String,
    pub activated: Option<String>,
    pub validated: Option<String>,
    pub voided: Option<String>,
    #[serde(default)]
    pub locked: bool,
    pub expires: Option<String>,
    #[serde(default)]
    pub own_validation_code: String,
    #[serde(default)]
    pub saved_to_passbook: bool,
}

/// The generated history (see the data file for what each number means).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Bulk {
    pub campaign: String,
    pub sessions: usize,
    pub start: String,
    pub every_minutes: i64,
    pub window_days: i64,
    pub random_seed: u64,
    pub firstname: String,
    pub email_domain: String,
    pub opened_per_ten: usize,
    pub opened_after_minutes: i64,
    pub claimed_per_ten: usize,
    pub claimed_after_minutes: i64,
    pub claimtype: String,
    pub validated_per_ten: usize,
    pub validated_after_days: i64,
    pub voided_every: usize,
    pub voided_after_days: i64,
    pub custom_code_every: usize,
    pub custom_code_prefix: String,
    pub wallet_every: usize,
    pub scheduled: usize,
    pub scheduled_start: String,
}

/// A date of the data file, or what is wrong with it.
fn date(s: &str, what: &str) -> Result<OffsetDateTime, String> {
    dates::parse(s).ok_or_else(|| format!("demo data: {what}: {s:?} is not a yyyy-MM-dd HH:mm:ss date"))
}

fn date_opt(s: Option<&String>, what: &str) -> Result<Option<OffsetDateTime>, String> {
    s.map(|s| date(s, what)).transpose()
}

impl DemoData {
    /// Reads and checks a data file: every date, customer and every-n divisor.
    pub fn parse(text: &str) -> Result<DemoData, String> {
        let data: DemoData = toml::from_str(text).map_err(|e| format!("demo data: {e}"))?;
        data.catalog()?;
        data.table()?;
        let b = &data.bulk;
        date(&b.start, "bulk.start")?;
        date(&b.scheduled_start, "bulk.scheduled_start")?;
        if b.voided_every == 0 || b.custom_code_every == 0 || b.wallet_every == 0 {
            return Err("demo data: bulk.*_every must be at least 1".into());
        }
        if b.scheduled > b.sessions {
            return Err("demo data: bulk.scheduled is more than bulk.sessions".into());
        }
        Ok(data)
    }

    /// The custom validation code of the table (README names it), if one session has one.
    pub fn custom_code(&self) -> Option<&str> {
        self.sessions
            .iter()
            .map(|s| s.own_validation_code.as_str())
            .find(|c| !c.is_empty())
    }

    fn catalog(&self) -> Result<Vec<CampaignRow>, String> {
        self.coupons
            .iter()
            .map(|c| {
                let what = |field: &str| format!("coupon {} {field}", c.id);
                Ok(CampaignRow {
                    id: c.id.clone(),
                    name: c.name.clone(),
                    title: c.title.clone(),
                    code: c.code.clone(),
                    status: c.status.clone(),
                    folder: Some(c.folder.clone()),
                    tags: c.tags.clone(),
                    category: Some(c.category.clone()),
                    expiration: date_opt(c.expires.as_ref(), &what("expires"))?,
                    flexible_days: c.flexible_days,
                    created: date(&c.created, &what("created"))?,
                })
            })
            .collect()
    }

    /// The table sessions as rows, sequence ids from `first_sequence`.
    fn table(&self) -> Result<Vec<SessionRow>, String> {
        (self.first_sequence..)
            .zip(&self.sessions)
            .map(|(seq, s)| {
                let what = |field: &str| format!("session {} {field}", s.code);
                let customer = match &s.customer {
                    None => Customer::default(),
                    Some(key) => {
                        let c = self
                            .customers
                            .get(key)
                            .ok_or_else(|| format!("demo data: {}: no customer {key:?}", what("customer")))?;
                        customer(&c.firstname, &c.lastname, &c.email, &c.phone)
                    }
                };
                let opened = date_opt(s.opened.as_ref(), &what("opened"))?;
                let claimed = date_opt(s.claimed.as_ref(), &what("claimed"))?;
                let validated = date_opt(s.validated.as_ref(), &what("validated"))?;
                let voided = date_opt(s.voided.as_ref(), &what("voided"))?;
                let life = Lifecycle {
                    opened: opened.is_some(),
                    open_date: opened,
                    claimed: claimed.is_some(),
                    claim_date: claimed,
                    claimtype: s.claimtype.clone(),
                    validated: validated.is_some(),
                    validation_date: validated,
                    voided: voided.is_some(),
                    voided_date: voided,
                    locked: s.locked,
                    expiration: date_opt(s.expires.as_ref(), &what("expires"))?,
                    activated_date: date_opt(s.activated.as_ref(), &what("activated"))?,
                    ..Lifecycle::default()
                };
                Ok(SessionRow {
                    seq,
                    life,
                    customer,
                    own_validation_code: s.own_validation_code.clone(),
                    saved_to_passbook: s.saved_to_passbook,
                    ..SessionRow::new(s.code.clone(), &s.campaign, date(&s.created, &what("created"))?)
                })
            })
            .collect()
    }
}

/// Loads the demo data unless the database already holds coupons. Returns whether it did.
pub fn load_if_empty(conn: &mut Connection) -> rusqlite::Result<bool> {
    let has_campaigns: bool = conn.query_row("SELECT EXISTS (SELECT 1 FROM campaigns)", [], |r| r.get(0))?;
    if has_campaigns {
        return Ok(false);
    }
    // Checked by DemoData::parse and by this file's tests: a failure here is a broken build.
    let broken = |e: String| rusqlite::Error::ToSqlConversionFailure(e.into());
    let data = demo().map_err(broken)?;
    let catalog = data.catalog().map_err(broken)?;
    let table = data.table().map_err(broken)?;
    // One transaction: 12,000 inserts in one commit take milliseconds, not seconds.
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    for f in &data.folders {
        campaigns::insert_folder(&tx, &f.id, &f.name)?;
    }
    for c in &data.categories {
        campaigns::insert_category(&tx, &c.id, &c.name)?;
    }
    for c in &catalog {
        campaigns::insert(&tx, c)?;
    }
    for row in &table {
        sessions::insert(&tx, row)?;
    }
    let b = &data.bulk;
    let start = date(&b.start, "bulk.start").map_err(broken)?;
    let scheduled_start = date(&b.scheduled_start, "bulk.scheduled_start").map_err(broken)?;
    load_bulk(&tx, b, start, scheduled_start)?;
    outbox::opt_out(&tx, &data.opted_out_phone)?;
    tx.commit()?;
    Ok(true)
}

fn customer(first: &str, last: &str, email: &str, phone: &str) -> Customer {
    Customer {
        firstname: first.into(),
        lastname: last.into(),
        email: email.into(),
        phone: phone.into(),
    }
}

/// The generated history (the rules are written out in the data file).
fn load_bulk(
    conn: &Connection,
    b: &Bulk,
    start: OffsetDateTime,
    scheduled_start: OffsetDateTime,
) -> rusqlite::Result<()> {
    let mut rng = rand::rngs::StdRng::seed_from_u64(b.random_seed);
    for i in 0..b.sessions {
        let n = i64::try_from(i).unwrap_or(0);
        let created = start + Duration::minutes(b.every_minutes * n);
        let scheduled = i >= b.sessions - b.scheduled;
        let mut row = SessionRow::new(String::new(), &b.campaign, created);
        row.customer = customer(
            &b.firstname,
            &format!("{i:05}"),
            &format!("guest{i:05}@{}", b.email_domain),
            "",
        );
        if scheduled {
            row.life.start_date = Some(scheduled_start);
        } else {
            let life = &mut row.life;
            life.activated_date = Some(created);
            life.expiration = Some(created + Duration::days(b.window_days));
            if i % 10 < b.opened_per_ten {
                life.opened = true;
                life.open_date = Some(created + Duration::minutes(b.opened_after_minutes));
            }
            if i % 10 < b.claimed_per_ten {
                life.claimed = true;
                life.claim_date = Some(created + Duration::minutes(b.claimed_after_minutes));
                life.claimtype.clone_from(&b.claimtype);
            }
            if i % 10 < b.validated_per_ten {
                life.validated = true;
                life.validation_date = Some(created + Duration::days(b.validated_after_days));
            }
            if i % b.voided_every == 0 {
                life.voided = true;
                life.voided_date = Some(created + Duration::days(b.voided_after_days));
            }
            if i % b.custom_code_every == 0 {
                row.own_validation_code = format!("{}{i:08}", b.custom_code_prefix);
            }
            row.saved_to_androidpay = i % b.wallet_every == 0;
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
            let mut stmt = conn
                .prepare(&format!("SELECT * FROM {table} ORDER BY {order}"))
                .unwrap();
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
        assert_eq!(
            text.lines().filter(|l| l.starts_with("sessions|")).count(),
            12_009
        );
        assert_eq!(fnv1a(&text), 11_348_559_497_283_928_083);
    }

    #[test]
    fn readme_lists_the_demo_table_of_the_data_file() {
        let readme = include_str!("../../README.md");
        let section = readme
            .split("\n## ")
            .find(|s| s.starts_with("Demo codes"))
            .expect("README has a Demo codes section");
        let rows: Vec<(String, String, String)> = section
            .lines()
            .filter(|l| l.starts_with("| `"))
            .map(|l| {
                l.trim_matches('|')
                    .split(" | ")
                    .map(|c| c.trim().replace('`', ""))
                    .collect::<Vec<String>>()
            })
            // The demo table's rows: a session code, its coupon, its state (other tables in the
            // README start with a code span too).
            .filter_map(|cells| match &cells[..] {
                [code, campaign, state] if code.len() == 21 && campaign.starts_with("cam_") => {
                    Some((code.clone(), campaign.clone(), state.clone()))
                }
                _ => None,
            })
            .collect();
        let table: Vec<(String, String, String)> = demo_sessions()
            .iter()
            .map(|s| (s.code.clone(), s.campaign.clone(), s.state.clone()))
            .collect();
        assert_eq!(rows, table);
        let demo = demo().unwrap();
        assert_eq!(demo.custom_code(), Some("WELCOME2026"));
        assert!(readme.contains(&format!(
            "`{}` is on the demo SMS opt-out list",
            demo.opted_out_phone
        )));
    }

    #[test]
    fn a_broken_data_file_is_named_not_a_panic() {
        let bad_date = DEMO_TOML.replacen("2026-11-01 10:05:00", "2026-11-01 25:05:00", 1);
        let e = DemoData::parse(&bad_date).unwrap_err();
        assert!(
            e.contains("ac6s7u3g8a25ja7x9qg87 claimed") && e.contains("25:05"),
            "{e}"
        );
        let no_customer = DEMO_TOML.replacen("customer = \"jane\"", "customer = \"jan\"", 1);
        assert!(DemoData::parse(&no_customer)
            .unwrap_err()
            .contains("no customer \"jan\""));
        let unknown_key = DEMO_TOML.replacen("locked = true", "lockd = true", 1);
        assert!(DemoData::parse(&unknown_key).unwrap_err().contains("lockd"));
        let zero = DEMO_TOML.replacen("voided_every = 97", "voided_every = 0", 1);
        assert!(DemoData::parse(&zero).is_err());
    }
}
