//! The mirror: a local SQLite copy of the sessions this till may accept, with the coupons'
//! titles and when each campaign was last synced. Look-ups by session code, code prefix
//! (the 6-character short code is one), custom validation code, and part of a name, email or
//! phone (an FTS5 trigram index) — what the API itself cannot search.
//!
//! The mirror is a cache: a sync replaces it in one transaction, and losing the file loses
//! nothing that the next sync does not bring back.

use super::store::{from_ms, opt_from_ms, to_ms};
use super::OfflineError;
use crate::api::{Customer, Session};
use rusqlite::{params, Connection, OptionalExtension, Row};
use std::path::Path;
use time::OffsetDateTime;

/// The shortest text searched in names, emails and phones (the trigram index needs three).
pub const MIN_TEXT_SEARCH: usize = 3;
/// At most this many rows come back from one look-up: a counter screen shows a handful.
pub const MAX_RESULTS: usize = 200;

/// One session as the mirror holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MirrorRecord {
    pub session: Session,
    /// The coupon's title (or name), as `coupon/list` gave it at the last sync.
    pub offer: Option<String>,
    /// When the mirror last copied this session's campaign.
    pub synced_at: OffsetDateTime,
}

impl MirrorRecord {
    /// How old the mirror's knowledge of this session is.
    pub fn age(&self, now: OffsetDateTime) -> time::Duration {
        (now - self.synced_at).max(time::Duration::ZERO)
    }
}

/// What the mirror holds, for the status bar and `coupon-kiosk sync`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct MirrorStatus {
    pub sessions: u64,
    /// Sessions whose customer (name, email or phone) the mirror knows: only those are found by
    /// part of a name. Session lists carry no customer; full records (scans, look-ups, the
    /// background completion) teach the mirror.
    pub with_customer: u64,
    /// Sessions whose full record the mirror has not read yet (the completion's work left).
    pub details_pending: u64,
    #[serde(with = "time::serde::rfc3339::option")]
    pub last_sync: Option<OffsetDateTime>,
    pub campaigns: Vec<CampaignHeld>,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct CampaignHeld {
    pub campaign: String,
    pub offer: Option<String>,
    pub sessions: u64,
    #[serde(with = "time::serde::rfc3339")]
    pub synced_at: OffsetDateTime,
}

/// An open mirror (one connection; WAL lets a sync write while this one reads).
#[derive(Debug)]
pub struct Mirror {
    conn: Connection,
}

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS sessions (
    id              INTEGER PRIMARY KEY,
    session         TEXT NOT NULL UNIQUE,
    campaign        TEXT NOT NULL,
    sequenceid      INTEGER,
    custom_code     TEXT,
    customid        TEXT,
    opened          INTEGER NOT NULL,
    claimed         INTEGER NOT NULL,
    validated       INTEGER NOT NULL,
    voided          INTEGER NOT NULL,
    locked          INTEGER NOT NULL,
    created_ms      INTEGER,
    claim_ms        INTEGER,
    validation_ms   INTEGER,
    expiration_ms   INTEGER,
    firstname       TEXT,
    lastname        TEXT,
    email           TEXT,
    phone           TEXT,
    -- When the session's full record (customer included) was last read; NULL: only the list's.
    details_ms      INTEGER
);
CREATE INDEX IF NOT EXISTS sessions_campaign ON sessions(campaign);
-- The completion's queue: sessions whose full record was never read, by campaign.
CREATE INDEX IF NOT EXISTS sessions_details_pending ON sessions(campaign, id) WHERE details_ms IS NULL;
CREATE INDEX IF NOT EXISTS sessions_custom_code ON sessions(custom_code COLLATE NOCASE)
    WHERE custom_code IS NOT NULL;
-- rowid = sessions.id; only sessions with a name, email or phone have a row.
CREATE VIRTUAL TABLE IF NOT EXISTS people USING fts5(who, tokenize = 'trigram');
CREATE TABLE IF NOT EXISTS campaigns (
    campaign    TEXT PRIMARY KEY,
    offer       TEXT,
    sessions    INTEGER NOT NULL,
    synced_ms   INTEGER NOT NULL
);
";

const SELECT: &str = "SELECT s.session, s.campaign, s.sequenceid, s.custom_code, s.customid, s.opened,
        s.claimed, s.validated, s.voided, s.locked, s.created_ms, s.claim_ms, s.validation_ms,
        s.expiration_ms, s.firstname, s.lastname, s.email, s.phone, c.offer, c.synced_ms
     FROM sessions s JOIN campaigns c ON c.campaign = s.campaign";

/// The mirror's layout version (`PRAGMA user_version`). A mirror of another version is a cache
/// of another shape: it is dropped and the next sync fills it again.
const SCHEMA_VERSION: i64 = 2;

/// SQLite's page cache for the mirror, in KiB (negative `cache_size`): bounded so that a mirror
/// of 100,000 sessions costs the kiosk little memory; look-ups go through indexes.
const CACHE_KIB: i64 = 2048;

fn prepare(conn: &Connection) -> Result<(), OfflineError> {
    conn.pragma_update(None, "cache_size", -CACHE_KIB)?;
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if version != SCHEMA_VERSION {
        conn.execute_batch(
            "DROP TABLE IF EXISTS people; DROP TABLE IF EXISTS sessions; DROP TABLE IF EXISTS campaigns;",
        )?;
        conn.execute_batch(SCHEMA)?;
        conn.pragma_update(None, "user_version", SCHEMA_VERSION)?;
    }
    Ok(())
}

impl Mirror {
    /// Opens (creating when needed) the mirror at `path`.
    pub fn open(path: &Path) -> Result<Mirror, OfflineError> {
        // A cache: NORMAL durability is enough, the next sync rebuilds what a power cut loses.
        let conn = super::store::open(path, "NORMAL")?;
        prepare(&conn)?;
        Ok(Mirror { conn })
    }

    /// A mirror that lives as long as this value (tests, benchmarks).
    pub fn open_in_memory() -> Result<Mirror, OfflineError> {
        let conn = Connection::open_in_memory()?;
        prepare(&conn)?;
        Ok(Mirror { conn })
    }

    /// Learns a session's customer from its full record (a scan, a look-up, the completion):
    /// what the session lists never carry. Only sessions the mirror holds are changed; a
    /// customer the record does not name is kept as known. True when the mirror holds it.
    pub fn learn(&self, full: &Session, now: OffsetDateTime) -> Result<bool, OfflineError> {
        let c = &full.customer;
        let known = self
            .conn
            .prepare_cached(
                "UPDATE sessions SET firstname = coalesce(?2, firstname), lastname = coalesce(?3, lastname),
                    email = coalesce(?4, email), phone = coalesce(?5, phone), details_ms = ?6
                 WHERE session = ?1
                 RETURNING id, firstname, lastname, email, phone",
            )?
            .query_row(
                params![
                    full.session.trim().to_ascii_lowercase(),
                    c.firstname,
                    c.lastname,
                    c.email,
                    c.phone,
                    to_ms(now)
                ],
                |r| {
                    Ok((
                        r.get::<_, i64>(0)?,
                        Customer {
                            firstname: r.get(1)?,
                            lastname: r.get(2)?,
                            email: r.get(3)?,
                            phone: r.get(4)?,
                        },
                    ))
                },
            )
            .optional()?;
        let Some((id, customer)) = known else {
            return Ok(false);
        };
        self.conn
            .prepare_cached("DELETE FROM people WHERE rowid = ?1")?
            .execute([id])?;
        if let Some(who) = person_text(&customer) {
            self.conn
                .prepare_cached("INSERT INTO people (rowid, who) VALUES (?1, ?2)")?
                .execute(params![id, who])?;
        }
        Ok(true)
    }

    /// Up to `limit` sessions whose full record was never read, oldest synced campaign first.
    pub fn lacking_details(&self, limit: usize) -> Result<Vec<String>, OfflineError> {
        let mut out = Vec::new();
        let campaigns: Vec<String> = self
            .conn
            .prepare_cached("SELECT campaign FROM campaigns ORDER BY synced_ms, campaign")?
            .query_map([], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT session FROM sessions WHERE campaign = ?1 AND details_ms IS NULL ORDER BY id LIMIT ?2",
        )?;
        for campaign in campaigns {
            let left = limit.saturating_sub(out.len());
            if left == 0 {
                break;
            }
            let rows = stmt.query_map(params![campaign, left as i64], |r| r.get::<_, String>(0))?;
            for row in rows {
                out.push(row?);
            }
        }
        Ok(out)
    }

    /// Marks a session's full record as read though it could not be (the server no longer
    /// knows it): the completion does not ask again until the next sync brings it back.
    pub fn details_unavailable(&self, session: &str, now: OffsetDateTime) -> Result<(), OfflineError> {
        self.conn
            .prepare_cached("UPDATE sessions SET details_ms = ?2 WHERE session = ?1")?
            .execute(params![session.trim().to_ascii_lowercase(), to_ms(now)])?;
        Ok(())
    }

    /// Replaces what the mirror holds of one campaign, in one transaction (a sync does the
    /// same page by page; tests and benchmarks fill a mirror with this).
    pub fn replace_campaign(
        &mut self,
        campaign: &str,
        offer: Option<&str>,
        sessions: &[Session],
        synced_at: OffsetDateTime,
    ) -> Result<(), OfflineError> {
        let tx = self.conn.transaction()?;
        {
            MirrorWriter::keep_learned(&tx, campaign)?;
            MirrorWriter::clear_campaign(&tx, campaign)?;
            let mut w = MirrorWriter::new(&tx)?;
            for s in sessions {
                w.insert(campaign, s)?;
            }
            MirrorWriter::restore_learned(&tx, campaign)?;
            MirrorWriter::finish_campaign(&tx, campaign, offer, synced_at)?;
        }
        tx.commit()?;
        Ok(())
    }

    /// The connection a sync writes through.
    pub(crate) fn conn_mut(&mut self) -> &mut Connection {
        &mut self.conn
    }

    /// The session with this full code.
    pub fn by_session(&self, code: &str) -> Result<Option<MirrorRecord>, OfflineError> {
        let sql = format!("{SELECT} WHERE s.session = ?1");
        Ok(self
            .conn
            .prepare_cached(&sql)?
            .query_row([code.trim().to_ascii_lowercase()], record)
            .optional()?)
    }

    /// Sessions whose code starts with `prefix` (the short code is a 6-character prefix).
    pub fn by_prefix(&self, prefix: &str) -> Result<Vec<MirrorRecord>, OfflineError> {
        let prefix = prefix.trim().to_ascii_lowercase();
        if prefix.is_empty() || !prefix.bytes().all(|b| b.is_ascii_alphanumeric()) {
            return Ok(Vec::new());
        }
        // Codes are ASCII letters and digits, all below '~': [prefix, prefix + '~') is the range.
        let sql = format!("{SELECT} WHERE s.session >= ?1 AND s.session < ?2 ORDER BY s.session LIMIT ?3");
        self.many(&sql, params![prefix, format!("{prefix}~"), MAX_RESULTS as i64])
    }

    /// Sessions with this custom validation code (any case).
    pub fn by_custom_code(&self, code: &str) -> Result<Vec<MirrorRecord>, OfflineError> {
        let sql = format!(
            "{SELECT} WHERE s.custom_code = ?1 COLLATE NOCASE AND s.custom_code IS NOT NULL LIMIT ?2"
        );
        self.many(&sql, params![code.trim(), MAX_RESULTS as i64])
    }

    /// Sessions whose customer's name, email or phone contains `text` (at least three
    /// characters; case does not matter; a phone matches on its digits alone too).
    pub fn by_person(&self, text: &str) -> Result<Vec<MirrorRecord>, OfflineError> {
        let text = text.trim();
        if text.chars().count() < MIN_TEXT_SEARCH {
            return Ok(Vec::new());
        }
        // One FTS5 phrase: quotes doubled, so nothing typed is read as query syntax.
        let phrase = format!("\"{}\"", text.replace('"', "\"\""));
        let sql = format!(
            "{SELECT} WHERE s.id IN (SELECT rowid FROM people WHERE people MATCH ?1 LIMIT ?2)
             ORDER BY s.session"
        );
        self.many(&sql, params![phrase, MAX_RESULTS as i64])
    }

    /// The staff look-up: by code (full, prefix or custom) and by person, each result once.
    pub fn search(&self, text: &str) -> Result<Vec<MirrorRecord>, OfflineError> {
        let mut out = self.by_prefix(text)?;
        for more in [self.by_custom_code(text)?, self.by_person(text)?] {
            for r in more {
                if out.len() >= MAX_RESULTS {
                    break;
                }
                if !out.iter().any(|o| o.session.session == r.session.session) {
                    out.push(r);
                }
            }
        }
        Ok(out)
    }

    /// How many sessions, of which campaigns, synced when.
    pub fn status(&self) -> Result<MirrorStatus, OfflineError> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT campaign, offer, sessions, synced_ms FROM campaigns ORDER BY campaign")?;
        let campaigns = stmt
            .query_map([], |r| {
                Ok(CampaignHeld {
                    campaign: r.get(0)?,
                    offer: r.get(1)?,
                    sessions: u64::try_from(r.get::<_, i64>(2)?).unwrap_or(0),
                    synced_at: from_ms(r.get(3)?),
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        let count = |sql: &str| -> Result<u64, OfflineError> {
            let n: i64 = self.conn.prepare_cached(sql)?.query_row([], |r| r.get(0))?;
            Ok(u64::try_from(n).unwrap_or(0))
        };
        Ok(MirrorStatus {
            sessions: campaigns.iter().map(|c| c.sessions).sum(),
            // Only sessions with a customer have a row in the index.
            with_customer: count("SELECT COUNT(*) FROM people")?,
            details_pending: count("SELECT COUNT(*) FROM sessions WHERE details_ms IS NULL")?,
            // The oldest campaign copy is what the whole mirror can promise.
            last_sync: campaigns.iter().map(|c| c.synced_at).min(),
            campaigns,
        })
    }

    fn many(&self, sql: &str, p: impl rusqlite::Params) -> Result<Vec<MirrorRecord>, OfflineError> {
        let mut stmt = self.conn.prepare_cached(sql)?;
        let rows = stmt.query_map(p, record)?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?)
    }
}

fn record(r: &Row<'_>) -> rusqlite::Result<MirrorRecord> {
    let flag = |i: usize| r.get::<_, i64>(i).map(|v| v != 0);
    Ok(MirrorRecord {
        session: Session {
            session: r.get(0)?,
            campaign: r.get(1)?,
            sequenceid: r.get::<_, Option<i64>>(2)?.and_then(|v| u64::try_from(v).ok()),
            session_url: None,
            custom_validation_code: r.get(3)?,
            customid: r.get(4)?,
            opened: flag(5)?,
            claimed: flag(6)?,
            validated: flag(7)?,
            voided: flag(8)?,
            // The mirror keeps the flag only.
            voided_date_utc: None,
            locked: flag(9)?,
            created_date_utc: opt_from_ms(r.get(10)?),
            claim_date_utc: opt_from_ms(r.get(11)?),
            validation_date_utc: opt_from_ms(r.get(12)?),
            expiration_date_utc: opt_from_ms(r.get(13)?),
            customer: Customer {
                firstname: r.get(14)?,
                lastname: r.get(15)?,
                email: r.get(16)?,
                phone: r.get(17)?,
            },
            customfields: Default::default(),
            money_spent: None,
        },
        offer: r.get(18)?,
        synced_at: from_ms(r.get(19)?),
    })
}

/// Writes of one sync, inside the caller's transaction.
pub(crate) struct MirrorWriter<'c> {
    insert: rusqlite::Statement<'c>,
    person: rusqlite::Statement<'c>,
}

impl<'c> MirrorWriter<'c> {
    pub(crate) fn new(conn: &'c Connection) -> Result<Self, OfflineError> {
        Ok(MirrorWriter {
            insert: conn.prepare(
                "INSERT OR REPLACE INTO sessions (session, campaign, sequenceid, custom_code, customid,
                    opened, claimed, validated, voided, locked, created_ms, claim_ms, validation_ms,
                    expiration_ms, firstname, lastname, email, phone)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)",
            )?,
            person: conn.prepare("INSERT INTO people (rowid, who) VALUES (?1, ?2)")?,
        })
    }

    /// Sets aside the customers the mirror learned of `campaign`'s sessions (from full
    /// records), so that [`Self::restore_learned`] gives them back after the sync replaced the
    /// campaign: session lists carry no customer, and a sync must not forget them.
    pub(crate) fn keep_learned(conn: &Connection, campaign: &str) -> Result<(), OfflineError> {
        conn.execute_batch(
            "CREATE TEMP TABLE IF NOT EXISTS learned (
                session TEXT PRIMARY KEY, firstname TEXT, lastname TEXT, email TEXT, phone TEXT,
                details_ms INTEGER, who TEXT);
             DELETE FROM temp.learned;",
        )?;
        conn.execute(
            "INSERT INTO temp.learned (session, firstname, lastname, email, phone, details_ms, who)
             SELECT s.session, s.firstname, s.lastname, s.email, s.phone, s.details_ms, p.who
             FROM sessions s LEFT JOIN people p ON p.rowid = s.id
             WHERE s.campaign = ?1 AND s.details_ms IS NOT NULL",
            [campaign],
        )?;
        Ok(())
    }

    /// Gives back what [`Self::keep_learned`] set aside to the sessions the sync brought again
    /// (those the list itself gave a customer keep the list's).
    pub(crate) fn restore_learned(conn: &Connection, campaign: &str) -> Result<(), OfflineError> {
        let no_customer =
            "s.firstname IS NULL AND s.lastname IS NULL AND s.email IS NULL AND s.phone IS NULL";
        conn.execute(
            &format!(
                "INSERT INTO people (rowid, who)
                 SELECT s.id, l.who FROM sessions s JOIN temp.learned l ON l.session = s.session
                 WHERE s.campaign = ?1 AND l.who IS NOT NULL AND {no_customer}"
            ),
            [campaign],
        )?;
        conn.execute(
            &format!(
                "UPDATE sessions AS s SET firstname = l.firstname, lastname = l.lastname, email = l.email,
                    phone = l.phone, details_ms = l.details_ms
                 FROM temp.learned l WHERE l.session = s.session AND s.campaign = ?1 AND {no_customer}"
            ),
            [campaign],
        )?;
        conn.execute(
            "UPDATE sessions AS s SET details_ms = l.details_ms
             FROM temp.learned l WHERE l.session = s.session AND s.campaign = ?1 AND s.details_ms IS NULL",
            [campaign],
        )?;
        conn.execute("DELETE FROM temp.learned", [])?;
        Ok(())
    }

    /// Forgets what the mirror held of `campaign` before this sync.
    pub(crate) fn clear_campaign(conn: &Connection, campaign: &str) -> Result<(), OfflineError> {
        conn.execute(
            "DELETE FROM people WHERE rowid IN (SELECT id FROM sessions WHERE campaign = ?1)",
            [campaign],
        )?;
        conn.execute("DELETE FROM sessions WHERE campaign = ?1", [campaign])?;
        Ok(())
    }

    /// Forgets every campaign not in `keep` (the till no longer accepts it).
    pub(crate) fn keep_only(conn: &Connection, keep: &[String]) -> Result<(), OfflineError> {
        let held: Vec<String> = conn
            .prepare("SELECT DISTINCT campaign FROM sessions UNION SELECT campaign FROM campaigns")?
            .query_map([], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        for c in held.iter().filter(|c| !keep.contains(c)) {
            Self::clear_campaign(conn, c)?;
            conn.execute("DELETE FROM campaigns WHERE campaign = ?1", [c])?;
        }
        Ok(())
    }

    pub(crate) fn insert(&mut self, campaign: &str, s: &Session) -> Result<(), OfflineError> {
        let ms = |t: Option<OffsetDateTime>| t.map(to_ms);
        let c = &s.customer;
        let campaign = if s.campaign.is_empty() {
            campaign
        } else {
            &s.campaign
        };
        let id = self.insert.insert(params![
            s.session.to_ascii_lowercase(),
            campaign,
            s.sequenceid.and_then(|v| i64::try_from(v).ok()),
            s.custom_validation_code,
            s.customid,
            s.opened,
            s.claimed,
            s.validated,
            s.voided,
            s.locked,
            ms(s.created_date_utc),
            ms(s.claim_date_utc),
            ms(s.validation_date_utc),
            ms(s.expiration_date_utc),
            c.firstname,
            c.lastname,
            c.email,
            c.phone,
        ])?;
        if let Some(who) = person_text(c) {
            self.person.execute(params![id, who])?;
        }
        Ok(())
    }

    pub(crate) fn finish_campaign(
        conn: &Connection,
        campaign: &str,
        offer: Option<&str>,
        synced_at: OffsetDateTime,
    ) -> Result<(), OfflineError> {
        let count: i64 = conn.query_row(
            "SELECT COUNT(*) FROM sessions WHERE campaign = ?1",
            [campaign],
            |r| r.get(0),
        )?;
        conn.execute(
            "INSERT OR REPLACE INTO campaigns (campaign, offer, sessions, synced_ms) VALUES (?1, ?2, ?3, ?4)",
            params![campaign, offer, count, to_ms(synced_at)],
        )?;
        Ok(())
    }
}

/// What the trigram index holds for one customer: names, email, phone, and the phone's digits
/// (so that "7911123" finds "+44 7911 123456"). None when there is nothing to search.
fn person_text(c: &Customer) -> Option<String> {
    let digits: Option<String> = c
        .phone
        .as_deref()
        .map(|p| p.chars().filter(char::is_ascii_digit).collect());
    let parts: Vec<&str> = [
        c.firstname.as_deref(),
        c.lastname.as_deref(),
        c.email.as_deref(),
        c.phone.as_deref(),
        digits.as_deref(),
    ]
    .into_iter()
    .flatten()
    .filter(|p| !p.trim().is_empty())
    .collect();
    (!parts.is_empty()).then(|| parts.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    fn session(code: &str, first: &str, email: &str, phone: &str, custom: Option<&str>) -> Session {
        Session {
            session: code.into(),
            campaign: "cam_demo01".into(),
            sequenceid: Some(7),
            opened: true,
            claimed: true,
            expiration_date_utc: Some(datetime!(2099-12-31 23:59:59 UTC)),
            created_date_utc: Some(datetime!(2026-11-01 10:00 UTC)),
            custom_validation_code: custom.map(str::to_string),
            customer: Customer {
                firstname: Some(first.into()),
                lastname: Some("Doe".into()),
                email: Some(email.into()),
                phone: Some(phone.into()),
            },
            ..Session::default()
        }
    }

    fn filled() -> Mirror {
        let mut m = Mirror::open_in_memory().unwrap();
        let conn = m.conn_mut();
        let tx = conn.transaction().unwrap();
        {
            let mut w = MirrorWriter::new(&tx).unwrap();
            w.insert(
                "cam_demo01",
                &session(
                    "ac6s7u3g8a25ja7x9qg87",
                    "Jane",
                    "jane@example.com",
                    "+44 7911 123456",
                    None,
                ),
            )
            .unwrap();
            w.insert(
                "cam_demo01",
                &session(
                    "ac6zzz3g8a25ja7x9qg87",
                    "Joan",
                    "joan@shop.example",
                    "+1 415 555 0123",
                    Some("WELCOME2026"),
                ),
            )
            .unwrap();
            MirrorWriter::finish_campaign(
                &tx,
                "cam_demo01",
                Some("10% off"),
                datetime!(2026-11-30 09:00 UTC),
            )
            .unwrap();
        }
        tx.commit().unwrap();
        m
    }

    fn codes(found: &[MirrorRecord]) -> Vec<&str> {
        found.iter().map(|r| r.session.session.as_str()).collect()
    }

    #[test]
    fn finds_by_code_prefix_and_custom_code() {
        let m = filled();
        let r = m.by_session("AC6S7U3G8A25JA7X9QG87").unwrap().expect("held");
        assert_eq!(r.offer.as_deref(), Some("10% off"));
        assert_eq!(r.synced_at, datetime!(2026-11-30 09:00 UTC));
        assert_eq!(r.session.customer.full_name().as_deref(), Some("Jane Doe"));
        assert_eq!(codes(&m.by_prefix("ac6s7u").unwrap()), ["ac6s7u3g8a25ja7x9qg87"]);
        assert_eq!(m.by_prefix("ac6").unwrap().len(), 2);
        assert!(m.by_prefix("zz").unwrap().is_empty());
        assert_eq!(
            codes(&m.by_custom_code("welcome2026").unwrap()),
            ["ac6zzz3g8a25ja7x9qg87"]
        );
    }

    #[test]
    fn finds_by_part_of_a_name_email_or_phone() {
        let m = filled();
        assert_eq!(codes(&m.by_person("jan").unwrap()), ["ac6s7u3g8a25ja7x9qg87"]);
        assert_eq!(m.by_person("DOE").unwrap().len(), 2);
        assert_eq!(
            codes(&m.by_person("shop.exa").unwrap()),
            ["ac6zzz3g8a25ja7x9qg87"]
        );
        // Digits alone find a phone written with spaces.
        assert_eq!(codes(&m.by_person("7911123").unwrap()), ["ac6s7u3g8a25ja7x9qg87"]);
        // Query syntax is text, not syntax.
        assert!(m.by_person("\"jane OR *").unwrap().is_empty());
        assert!(m.by_person("ja").unwrap().is_empty(), "too short for the index");
        assert_eq!(m.search("joan").unwrap().len(), 1);
        let status = m.status().unwrap();
        assert_eq!(status.sessions, 2);
        assert_eq!(status.last_sync, Some(datetime!(2026-11-30 09:00 UTC)));
    }

    /// A session as a list gives it: no customer.
    fn listed(code: &str) -> Session {
        let mut s = session(code, "", "", "", None);
        s.customer = Customer::default();
        s
    }

    #[test]
    fn learns_customers_from_full_records_and_keeps_them_across_syncs() {
        let at = datetime!(2026-11-30 09:00 UTC);
        let mut m = Mirror::open_in_memory().unwrap();
        let codes_listed = ["ac6s7u3g8a25ja7x9qg87", "bbbbbb3g8a25ja7x9qg87"];
        let list: Vec<Session> = codes_listed.iter().map(|c| listed(c)).collect();
        m.replace_campaign("cam_demo01", Some("10% off"), &list, at)
            .unwrap();
        assert!(m.by_person("jane").unwrap().is_empty(), "lists carry no customer");
        let st = m.status().unwrap();
        assert_eq!((st.with_customer, st.details_pending), (0, 2));
        assert_eq!(m.lacking_details(10).unwrap(), codes_listed);

        // A full record (a scan, a look-up, the completion) teaches the mirror.
        let full = session(
            codes_listed[0],
            "Jane",
            "jane@example.com",
            "+44 7911 123456",
            None,
        );
        assert!(m.learn(&full, at).unwrap());
        assert!(!m
            .learn(&session("zzzzzz3g8a25ja7x9qg87", "X", "x@y.z", "1", None), at)
            .unwrap());
        assert_eq!(codes(&m.by_person("jane").unwrap()), [codes_listed[0]]);
        assert_eq!(codes(&m.by_person("7911123").unwrap()), [codes_listed[0]]);
        m.details_unavailable(codes_listed[1], at).unwrap();
        let st = m.status().unwrap();
        assert_eq!((st.with_customer, st.details_pending), (1, 0));
        assert!(m.lacking_details(10).unwrap().is_empty());

        // The next sync replaces the campaign from its list: what was learned stays.
        m.replace_campaign("cam_demo01", Some("10% off"), &list, at)
            .unwrap();
        assert_eq!(codes(&m.by_person("doe").unwrap()), [codes_listed[0]]);
        let r = m.by_session(codes_listed[0]).unwrap().unwrap();
        assert_eq!(r.session.customer.email.as_deref(), Some("jane@example.com"));
        let st = m.status().unwrap();
        assert_eq!((st.with_customer, st.details_pending), (1, 0));
        // Learning again replaces the index row, never duplicates it.
        assert!(m.learn(&full, at).unwrap());
        assert_eq!(m.by_person("jane").unwrap().len(), 1);
    }
}
