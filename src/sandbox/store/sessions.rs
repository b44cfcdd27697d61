//! Coupon sessions: one row per session, read and written whole.

use crate::sandbox::dates;
use crate::sandbox::rules::Lifecycle;
use rusqlite::{params_from_iter, Connection, OptionalExtension, Row, ToSql};
use std::sync::LazyLock;
use time::OffsetDateTime;

/// The customer a session belongs to (prefilled by `singleuse/create` or given when claiming).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Customer {
    pub firstname: String,
    pub lastname: String,
    pub email: String,
    pub phone: String,
}

/// One coupon session as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionRow {
    /// The sequence id; 0 on a row not yet inserted (the database assigns one).
    pub seq: i64,
    /// 21 lower-case letters and digits; its first 6 are the widget short code.
    pub code: String,
    pub campaign: String,
    pub customid: String,
    pub created: OffsetDateTime,
    pub played: bool,
    pub played_date: Option<OffsetDateTime>,
    pub saved_to_passbook: bool,
    pub saved_to_androidpay: bool,
    pub own_validation_code: String,
    pub validation_value: String,
    pub value: String,
    pub life: Lifecycle,
    /// utm_campaign, utm_source, utm_medium, utm_term, utm_content.
    pub utm: [Option<String>; 5],
    pub customer: Customer,
    /// customfield1..7 (index 0 is customfield1).
    pub customfields: [String; 7],
    /// A decimal in `0.000` form, or '' when never set.
    pub money_spent: String,
}

impl SessionRow {
    /// A fresh, unopened session of `campaign` created at `now`.
    pub fn new(code: String, campaign: &str, now: OffsetDateTime) -> Self {
        Self {
            seq: 0,
            code,
            campaign: campaign.to_string(),
            customid: String::new(),
            created: now,
            played: false,
            played_date: None,
            saved_to_passbook: false,
            saved_to_androidpay: false,
            own_validation_code: String::new(),
            validation_value: String::new(),
            value: String::new(),
            life: Lifecycle::default(),
            utm: Default::default(),
            customer: Customer::default(),
            customfields: Default::default(),
            money_spent: String::new(),
        }
    }

    pub fn short_code(&self) -> &str {
        self.code.get(..SHORT_LEN).unwrap_or(&self.code)
    }
}

/// Length of the widget short code.
pub const SHORT_LEN: usize = 6;

/// Every column but `seq`, in the order `bind_values` produces them.
const COLUMNS: [&str; 46] = [
    "code",
    "short",
    "campaign",
    "customid",
    "created_date",
    "opened",
    "open_date",
    "played",
    "played_date",
    "claimed",
    "claim_date",
    "claimtype",
    "saved_to_passbook",
    "saved_to_androidpay",
    "validated",
    "validation_date",
    "own_validation_code",
    "validation_value",
    "voided",
    "voided_date",
    "unvoided_date",
    "locked",
    "unlocked_date",
    "value",
    "expiration_date",
    "start_date",
    "activated_date",
    "utm_campaign",
    "utm_source",
    "utm_medium",
    "utm_term",
    "utm_content",
    "firstname",
    "lastname",
    "email",
    "phone",
    "phone_digits",
    "customfield1",
    "customfield2",
    "customfield3",
    "customfield4",
    "customfield5",
    "customfield6",
    "customfield7",
    "money_spent",
    "seq",
];

fn select_sql(tail: &str) -> String {
    format!("SELECT {} FROM sessions {tail}", COLUMNS.join(", "))
}

fn date(d: Option<OffsetDateTime>) -> Option<String> {
    d.map(dates::format)
}

/// Digits of a phone number, for matching however it was typed.
pub fn phone_digits(phone: &str) -> String {
    phone.chars().filter(char::is_ascii_digit).collect()
}

/// The values for `COLUMNS` (seq last, NULL when 0 so that SQLite assigns it).
fn bind_values(r: &SessionRow) -> Vec<Box<dyn ToSql>> {
    let l = &r.life;
    let mut v: Vec<Box<dyn ToSql>> = vec![
        Box::new(r.code.clone()),
        Box::new(r.short_code().to_string()),
        Box::new(r.campaign.clone()),
        Box::new(r.customid.clone()),
        Box::new(dates::format(r.created)),
        Box::new(l.opened),
        Box::new(date(l.open_date)),
        Box::new(r.played),
        Box::new(date(r.played_date)),
        Box::new(l.claimed),
        Box::new(date(l.claim_date)),
        Box::new(l.claimtype.clone()),
        Box::new(r.saved_to_passbook),
        Box::new(r.saved_to_androidpay),
        Box::new(l.validated),
        Box::new(date(l.validation_date)),
        Box::new(r.own_validation_code.clone()),
        Box::new(r.validation_value.clone()),
        Box::new(l.voided),
        Box::new(date(l.voided_date)),
        Box::new(date(l.unvoided_date)),
        Box::new(l.locked),
        Box::new(date(l.unlocked_date)),
        Box::new(r.value.clone()),
        Box::new(date(l.expiration)),
        Box::new(date(l.start_date)),
        Box::new(date(l.activated_date)),
    ];
    for utm in &r.utm {
        v.push(Box::new(utm.clone()));
    }
    let c = &r.customer;
    v.push(Box::new(c.firstname.clone()));
    v.push(Box::new(c.lastname.clone()));
    v.push(Box::new(c.email.clone()));
    v.push(Box::new(c.phone.clone()));
    v.push(Box::new(phone_digits(&c.phone)));
    for f in &r.customfields {
        v.push(Box::new(f.clone()));
    }
    v.push(Box::new(r.money_spent.clone()));
    v.push(Box::new((r.seq > 0).then_some(r.seq)));
    v
}

fn from_row(row: &Row<'_>) -> rusqlite::Result<SessionRow> {
    let d = |i: usize| -> rusqlite::Result<Option<OffsetDateTime>> {
        Ok(row.get::<_, Option<String>>(i)?.as_deref().and_then(dates::parse))
    };
    let s =
        |i: usize| -> rusqlite::Result<String> { Ok(row.get::<_, Option<String>>(i)?.unwrap_or_default()) };
    let life = Lifecycle {
        opened: row.get(5)?,
        open_date: d(6)?,
        claimed: row.get(9)?,
        claim_date: d(10)?,
        claimtype: s(11)?,
        validated: row.get(14)?,
        validation_date: d(15)?,
        voided: row.get(18)?,
        voided_date: d(19)?,
        unvoided_date: d(20)?,
        locked: row.get(21)?,
        unlocked_date: d(22)?,
        expiration: d(24)?,
        start_date: d(25)?,
        activated_date: d(26)?,
    };
    Ok(SessionRow {
        seq: row.get(45)?,
        code: row.get(0)?,
        campaign: row.get(2)?,
        customid: s(3)?,
        created: d(4)?.unwrap_or(OffsetDateTime::UNIX_EPOCH),
        played: row.get(7)?,
        played_date: d(8)?,
        saved_to_passbook: row.get(12)?,
        saved_to_androidpay: row.get(13)?,
        own_validation_code: s(16)?,
        validation_value: s(17)?,
        value: s(23)?,
        life,
        utm: [
            row.get(27)?,
            row.get(28)?,
            row.get(29)?,
            row.get(30)?,
            row.get(31)?,
        ],
        customer: Customer {
            firstname: s(32)?,
            lastname: s(33)?,
            email: s(34)?,
            phone: s(35)?,
        },
        customfields: [s(37)?, s(38)?, s(39)?, s(40)?, s(41)?, s(42)?, s(43)?],
        money_spent: s(44)?,
    })
}

/// Inserts a session and returns its sequence id. Fails on a duplicate code, short code or
/// custom validation code (the caller draws another code).
pub fn insert(conn: &Connection, row: &SessionRow) -> rusqlite::Result<i64> {
    let placeholders = vec!["?"; COLUMNS.len()].join(", ");
    let sql = format!(
        "INSERT INTO sessions ({}) VALUES ({placeholders})",
        COLUMNS.join(", ")
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    stmt.execute(params_from_iter(bind_values(row)))?;
    Ok(conn.last_insert_rowid())
}

/// Inserts `row` under a newly drawn session code, drawing again on the (rare) clash of a
/// code or short code with an existing session.
pub fn insert_fresh(
    conn: &Connection,
    row: &mut SessionRow,
    rng: &mut impl rand::Rng,
) -> rusqlite::Result<i64> {
    const ATTEMPTS: usize = 16;
    let mut last = None;
    for _ in 0..ATTEMPTS {
        row.code = crate::sandbox::codes::session_code(rng);
        match insert(conn, row) {
            Ok(seq) => {
                row.seq = seq;
                return Ok(seq);
            }
            Err(e) if is_unique_violation(&e) => last = Some(e),
            Err(e) => return Err(e),
        }
    }
    Err(last.unwrap_or(rusqlite::Error::QueryReturnedNoRows))
}

/// True for a UNIQUE constraint failure (a code drawn twice).
pub fn is_unique_violation(e: &rusqlite::Error) -> bool {
    matches!(e, rusqlite::Error::SqliteFailure(f, _) if f.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE)
}

/// Writes every field of `row` back, but only if the stored `validated` flag still equals
/// `validated_before`: the conditional write that lets exactly one of many concurrent
/// validations win. Returns whether the row was written.
pub fn save(conn: &Connection, row: &SessionRow, validated_before: bool) -> rusqlite::Result<bool> {
    static SQL: LazyLock<String> = LazyLock::new(|| {
        let sets: Vec<String> = COLUMNS[..COLUMNS.len() - 1]
            .iter()
            .map(|c| format!("{c} = ?"))
            .collect();
        format!(
            "UPDATE sessions SET {} WHERE seq = ? AND validated = ?",
            sets.join(", ")
        )
    });
    let mut values = bind_values(row);
    values.pop();
    values.push(Box::new(row.seq));
    values.push(Box::new(validated_before));
    let mut stmt = conn.prepare_cached(&SQL)?;
    Ok(stmt.execute(params_from_iter(values))? == 1)
}

/// The session with this 21-character code or 6-character short code (any case).
pub fn find(conn: &Connection, code: &str) -> rusqlite::Result<Option<SessionRow>> {
    let code = code.to_ascii_lowercase();
    let column = if code.len() == SHORT_LEN { "short" } else { "code" };
    conn.prepare_cached(&select_sql(&format!("WHERE {column} = ?1")))?
        .query_row([code], from_row)
        .optional()
}

pub fn find_by_seq(conn: &Connection, seq: i64) -> rusqlite::Result<Option<SessionRow>> {
    conn.prepare_cached(&select_sql("WHERE seq = ?1"))?
        .query_row([seq], from_row)
        .optional()
}

/// Removes a session; true when there was one.
pub fn delete(conn: &Connection, seq: i64) -> rusqlite::Result<bool> {
    Ok(conn.execute("DELETE FROM sessions WHERE seq = ?1", [seq])? == 1)
}

/// What `couponsession/search` and `campaignsession/search` filter on; every given filter must match.
#[derive(Debug, Clone, Default)]
pub struct SearchFilter {
    pub campaign: Option<String>,
    /// Custom validation code, any case.
    pub code: Option<String>,
    /// Email, any case.
    pub email: Option<String>,
    /// Phone, however typed: matched on its digits; a national form with a leading 0
    /// (`07911 123456`) also matches the international one (`+447911123456`).
    pub phone: Option<String>,
    /// Match every filter exactly as given: no case folding, no phone normalisation.
    pub exact: bool,
}

pub fn search(conn: &Connection, f: &SearchFilter) -> rusqlite::Result<Vec<SessionRow>> {
    let mut clauses = Vec::new();
    let mut values: Vec<Box<dyn ToSql>> = Vec::new();
    if let Some(c) = &f.campaign {
        clauses.push("campaign = ?".to_string());
        values.push(Box::new(c.clone()));
    }
    let nocase = if f.exact { "" } else { " COLLATE NOCASE" };
    if let Some(code) = &f.code {
        // `<> ''` lets SQLite use the partial index on custom codes.
        clauses.push(format!(
            "own_validation_code = ?{nocase} AND own_validation_code <> ''"
        ));
        values.push(Box::new(code.clone()));
    }
    if let Some(email) = &f.email {
        clauses.push(format!("email = ?{nocase}"));
        values.push(Box::new(email.trim().to_string()));
    }
    if let (Some(phone), true) = (&f.phone, f.exact) {
        clauses.push("phone = ? AND phone <> ''".to_string());
        values.push(Box::new(phone.trim().to_string()));
    } else if let Some(phone) = &f.phone {
        let digits = phone_digits(phone);
        if digits.is_empty() {
            // A phone without digits names no one (and must not match every session without a
            // phone, whose digits are empty too).
            return Ok(Vec::new());
        }
        let national = phone
            .trim()
            .starts_with('0')
            .then(|| digits.trim_start_matches('0').to_string());
        match national.filter(|n| n.len() >= 6) {
            Some(n) => {
                clauses.push("(phone_digits = ? OR phone_digits LIKE '%' || ?)".to_string());
                values.push(Box::new(digits));
                values.push(Box::new(n));
            }
            None => {
                clauses.push("phone_digits = ?".to_string());
                values.push(Box::new(digits));
            }
        }
    }
    let tail = if clauses.is_empty() {
        "ORDER BY seq".to_string()
    } else {
        format!("WHERE {} ORDER BY seq", clauses.join(" AND "))
    };
    let mut stmt = conn.prepare(&select_sql(&tail))?;
    let rows = stmt.query_map(params_from_iter(values), from_row)?;
    rows.collect()
}

/// Which sessions a `campaign/...` list holds, and which date the range filters on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListKind {
    /// `campaign/data`: every session, by creation date.
    All,
    /// `campaign/opens`: opened sessions, by open date.
    Opens,
    /// `campaign/claims`: claimed sessions, by claim date.
    Claims,
    /// `campaign/validations`: validated sessions, by validation date.
    Validations,
}

impl ListKind {
    fn filter(self) -> (&'static str, &'static str) {
        match self {
            ListKind::All => ("1 = 1", "created_date"),
            ListKind::Opens => ("opened = 1", "open_date"),
            ListKind::Claims => ("claimed = 1", "claim_date"),
            ListKind::Validations => ("validated = 1", "validation_date"),
        }
    }
}

/// One page of a campaign list: the total number of matching sessions and the page's rows.
pub fn list_page(
    conn: &Connection,
    campaign: &str,
    kind: ListKind,
    from: Option<OffsetDateTime>,
    to: Option<OffsetDateTime>,
    page: u64,
    page_size: u64,
) -> rusqlite::Result<(u64, Vec<SessionRow>)> {
    let (flag, date_col) = kind.filter();
    let mut where_sql = format!("WHERE campaign = ?1 AND {flag}");
    let mut values: Vec<Box<dyn ToSql>> = vec![Box::new(campaign.to_string())];
    if let Some(from) = from {
        where_sql.push_str(&format!(" AND {date_col} >= ?{}", values.len() + 1));
        values.push(Box::new(dates::format(from)));
    }
    if let Some(to) = to {
        where_sql.push_str(&format!(" AND {date_col} <= ?{}", values.len() + 1));
        values.push(Box::new(dates::format(to)));
    }
    let total: u64 = conn.query_row(
        &format!("SELECT COUNT(*) FROM sessions {where_sql}"),
        params_from_iter(values.iter()),
        |r| r.get(0),
    )?;
    let offset = page.saturating_sub(1).saturating_mul(page_size);
    let limit = i64::try_from(page_size).unwrap_or(i64::MAX);
    let offset = i64::try_from(offset).unwrap_or(i64::MAX);
    let tail = format!("{where_sql} ORDER BY seq LIMIT {limit} OFFSET {offset}");
    let mut stmt = conn.prepare(&select_sql(&tail))?;
    let rows = stmt.query_map(params_from_iter(values.iter()), from_row)?;
    Ok((total, rows.collect::<rusqlite::Result<_>>()?))
}

/// The sessions of `campaign` with `from <= seq <= to` (either end open), in sequence order.
pub fn range(
    conn: &Connection,
    campaign: &str,
    from: Option<i64>,
    to: Option<i64>,
) -> rusqlite::Result<Vec<SessionRow>> {
    let mut stmt = conn.prepare(&select_sql(
        "WHERE campaign = ?1 AND seq >= ?2 AND seq <= ?3 ORDER BY seq",
    ))?;
    let rows = stmt.query_map(
        rusqlite::params![campaign, from.unwrap_or(i64::MIN), to.unwrap_or(i64::MAX)],
        from_row,
    )?;
    rows.collect()
}

/// Whether a custom validation code is taken in a campaign (any case).
pub fn validation_code_taken(conn: &Connection, campaign: &str, code: &str) -> rusqlite::Result<bool> {
    conn.prepare_cached(
        "SELECT 1 FROM sessions WHERE campaign = ?1 AND own_validation_code = ?2 COLLATE NOCASE
         AND own_validation_code <> ''",
    )?
    .exists(rusqlite::params![campaign, code])
}

/// How many sessions of a campaign hold a custom validation code, and how many of those are claimed.
pub fn custom_code_usage(conn: &Connection, campaign: &str) -> rusqlite::Result<(u64, u64)> {
    conn.query_row(
        "SELECT COUNT(*), COALESCE(SUM(claimed), 0) FROM sessions
         WHERE campaign = ?1 AND own_validation_code <> ''",
        [campaign],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
}

/// How many custom validation codes of a campaign start with `prefix` (for the 601 check).
pub fn count_codes_with_prefix(conn: &Connection, campaign: &str, prefix: &str) -> rusqlite::Result<u64> {
    conn.query_row(
        "SELECT COUNT(*) FROM sessions WHERE campaign = ?1 AND own_validation_code <> ''
         AND substr(own_validation_code, 1, length(?2)) = ?2",
        rusqlite::params![campaign, prefix],
        |r| r.get(0),
    )
}

/// The session a duplicate check finds: same email (any case), phone digits or customid.
pub fn find_duplicate(
    conn: &Connection,
    campaign: &str,
    field: &str,
    value: &str,
) -> rusqlite::Result<Option<SessionRow>> {
    let (clause, value) = match field {
        "email" => ("email = ?2 COLLATE NOCASE", value.trim().to_string()),
        "phone" => ("phone_digits = ?2", phone_digits(value)),
        _ => ("customid = ?2", value.to_string()),
    };
    conn.prepare(&select_sql(&format!(
        "WHERE campaign = ?1 AND {clause} ORDER BY seq LIMIT 1"
    )))?
    .query_row(rusqlite::params![campaign, value], from_row)
    .optional()
}

/// Sessions of a campaign saved to a mobile wallet (who a push notification reaches).
pub fn wallet_holders(conn: &Connection, campaign: &str) -> rusqlite::Result<Vec<String>> {
    let mut stmt = conn.prepare(
        "SELECT code FROM sessions WHERE campaign = ?1
         AND (saved_to_passbook = 1 OR saved_to_androidpay = 1) ORDER BY seq",
    )?;
    let rows = stmt.query_map([campaign], |r| r.get(0))?;
    rows.collect()
}
