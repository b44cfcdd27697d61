//! The kiosk's local SQLite journal: every attempt and its outcome, durable.
//!
//! The journal is the merchant's own record of what happened at the counter, so it keeps the
//! code as scanned and the resolved session (unlike the tracing log, which never sees them).
//! Each attempt is written — and synced — before the kiosk shows its verdict: if the kiosk
//! dies right after a validation, the record is already on disk.

use std::path::{Path, PathBuf};
use time::format_description::FormatItem;
use time::macros::format_description;
use time::{OffsetDateTime, PrimitiveDateTime};

/// File name of the journal inside the data directory.
pub const JOURNAL_FILE: &str = "journal.sqlite";
/// File name of the demo's journal: demo attempts never mix with the merchant's record.
pub const DEMO_JOURNAL_FILE: &str = "journal-demo.sqlite";

/// Fixed-width UTC timestamps sort as text, so `WHERE at_utc >= ?` is a plain index range.
const STORED_TIME: &[FormatItem<'static>] =
    format_description!("[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond digits:6]Z");

/// One attempt at the counter (a validation, an undo, a staff action).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Entry {
    #[serde(with = "time::serde::rfc3339")]
    pub at_utc: OffsetDateTime,
    /// The text as scanned or typed (after sanitizing).
    pub scanned: String,
    /// The session it resolved to, when known.
    pub session: Option<String>,
    pub campaign: Option<String>,
    /// `validate`, `unvalidate`, `void`, ..., `delete`.
    pub operation: String,
    /// `validated`, `already_validated`, ..., `unknown`, `check_failed`, `done`, `failed`.
    pub outcome: String,
    pub error_code: Option<u32>,
    /// The server's message, or ours for local refusals and network failures.
    pub message: String,
    pub round_trips: u32,
    /// Wall time of the attempt's requests, when any were sent.
    pub rtt_ms: Option<u64>,
    pub terminal: String,
    pub cashier: Option<String>,
    /// Why (e.g. "undo at the counter"), for reversals and staff actions.
    pub reason: Option<String>,
}

/// An attempt whose outcome is not known yet (see [`Journal::unresolved`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unresolved {
    pub at_utc: OffsetDateTime,
    pub attempt_id: String,
    pub scanned: String,
    pub session: Option<String>,
    pub outcome: String,
}

/// How many attempts of one operation ended in one outcome.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Count {
    pub operation: String,
    pub outcome: String,
    pub count: u64,
}

#[derive(Debug, thiserror::Error)]
pub enum JournalError {
    #[error("cannot create the data directory {path}: {source}")]
    CreateDir { path: PathBuf, source: std::io::Error },
    #[error("cannot open the journal {path}: {source}")]
    Open { path: PathBuf, source: rusqlite::Error },
    #[error("journal database error: {0}")]
    Sql(#[from] rusqlite::Error),
    #[error("journal holds an unreadable time {0:?}")]
    BadTime(String),
}

/// The open journal. One connection; callers serialize access (the kiosk holds it in a mutex).
#[derive(Debug)]
pub struct Journal {
    conn: rusqlite::Connection,
    path: Option<PathBuf>,
}

impl Journal {
    /// Opens (creating when needed) `file` in `data_dir`.
    pub fn open_in(data_dir: &Path, file: &str) -> Result<Self, JournalError> {
        std::fs::create_dir_all(data_dir).map_err(|source| JournalError::CreateDir {
            path: data_dir.to_path_buf(),
            source,
        })?;
        Self::open(&data_dir.join(file))
    }

    /// Opens (creating when needed) the journal at `path`.
    pub fn open(path: &Path) -> Result<Self, JournalError> {
        let conn = rusqlite::Connection::open(path).map_err(|source| JournalError::Open {
            path: path.to_path_buf(),
            source,
        })?;
        let journal = Self {
            conn,
            path: Some(path.to_path_buf()),
        };
        journal.prepare()?;
        Ok(journal)
    }

    /// A journal that lives only as long as this value (tests, benchmarks).
    pub fn open_in_memory() -> Result<Self, JournalError> {
        let journal = Self {
            conn: rusqlite::Connection::open_in_memory()?,
            path: None,
        };
        journal.prepare()?;
        Ok(journal)
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    fn prepare(&self) -> Result<(), JournalError> {
        // WAL keeps readers (`coupon-kiosk journal` while the kiosk runs) off the writer's back;
        // synchronous=FULL makes each committed attempt survive a power cut.
        self.conn
            .pragma_update_and_check(None, "journal_mode", "WAL", |_| Ok(()))?;
        self.conn.pragma_update(None, "synchronous", "FULL")?;
        self.conn.busy_timeout(std::time::Duration::from_secs(5))?;
        self.conn.execute_batch(
            "CREATE TABLE IF NOT EXISTS attempts (
                id          INTEGER PRIMARY KEY,
                at_utc      TEXT NOT NULL,
                scanned     TEXT NOT NULL,
                session     TEXT,
                campaign    TEXT,
                operation   TEXT NOT NULL,
                outcome     TEXT NOT NULL,
                error_code  INTEGER,
                message     TEXT NOT NULL,
                round_trips INTEGER NOT NULL,
                rtt_ms      INTEGER,
                terminal    TEXT NOT NULL,
                cashier     TEXT,
                reason      TEXT
            );
            CREATE INDEX IF NOT EXISTS attempts_at ON attempts(at_utc);",
        )?;
        self.add_attempt_columns()
    }

    /// The validation's attempt id (the one in the tag field) and, for an attempt whose outcome
    /// was unknown, what it turned out to be and when that was learned. Added to journals
    /// written before these columns existed.
    fn add_attempt_columns(&self) -> Result<(), JournalError> {
        // One writer at a time: two processes opening an old journal at once add each column once.
        self.conn.execute_batch("BEGIN IMMEDIATE;")?;
        let added = self.add_missing_columns();
        let end = if added.is_ok() { "COMMIT;" } else { "ROLLBACK;" };
        self.conn.execute_batch(end)?;
        added
    }

    fn add_missing_columns(&self) -> Result<(), JournalError> {
        let mut have = Vec::new();
        {
            let mut stmt = self
                .conn
                .prepare("SELECT name FROM pragma_table_info('attempts')")?;
            let names = stmt.query_map([], |r| r.get::<_, String>(0))?;
            for name in names {
                have.push(name?);
            }
        }
        for (column, kind) in [
            ("attempt_id", "TEXT"),
            ("resolved_outcome", "TEXT"),
            ("resolved_utc", "TEXT"),
        ] {
            if !have.iter().any(|h| h == column) {
                self.conn
                    .execute_batch(&format!("ALTER TABLE attempts ADD COLUMN {column} {kind};"))?;
            }
        }
        self.conn.execute_batch(
            "CREATE INDEX IF NOT EXISTS attempts_unresolved ON attempts(terminal, outcome)
             WHERE resolved_outcome IS NULL;",
        )?;
        Ok(())
    }

    /// Writes one validation attempt with the id it wrote into the tag field.
    pub fn record_attempt(&self, e: &Entry, attempt_id: Option<&str>) -> Result<i64, JournalError> {
        let row = self.record(e)?;
        if let Some(id) = attempt_id {
            self.conn.execute(
                "UPDATE attempts SET attempt_id = ?1 WHERE id = ?2",
                rusqlite::params![id, row],
            )?;
        }
        Ok(row)
    }

    /// This terminal's validation attempts at or after `since` whose outcome was `outcomes`
    /// and is not resolved yet: the newest `limit` of them, newest first.
    pub fn unresolved(
        &self,
        terminal: &str,
        outcomes: &[&str],
        since: OffsetDateTime,
        limit: usize,
    ) -> Result<Vec<Unresolved>, JournalError> {
        let mut stmt = self.conn.prepare(
            "SELECT at_utc, attempt_id, scanned, session, outcome FROM attempts
             WHERE terminal = ?1 AND operation = 'validate' AND resolved_outcome IS NULL
               AND attempt_id IS NOT NULL AND at_utc >= ?2
             ORDER BY at_utc DESC, id DESC",
        )?;
        let rows = stmt.query_map(rusqlite::params![terminal, stored_time(since)], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, Option<String>>(3)?,
                r.get::<_, String>(4)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (at, attempt_id, scanned, session, outcome) = row?;
            if !outcomes.contains(&outcome.as_str()) {
                continue;
            }
            out.push(Unresolved {
                at_utc: parse_stored_time(&at)?,
                attempt_id,
                scanned,
                session,
                outcome,
            });
            if out.len() >= limit {
                break;
            }
        }
        Ok(out)
    }

    /// Records what an attempt of unknown outcome turned out to be. Returns false when no
    /// unresolved attempt has this id.
    pub fn resolve(&self, attempt_id: &str, outcome: &str, at: OffsetDateTime) -> Result<bool, JournalError> {
        let n = self.conn.execute(
            "UPDATE attempts SET resolved_outcome = ?1, resolved_utc = ?2
             WHERE attempt_id = ?3 AND resolved_outcome IS NULL",
            rusqlite::params![outcome, stored_time(at), attempt_id],
        )?;
        Ok(n > 0)
    }

    /// Writes one attempt; returns its row id once it is on disk.
    pub fn record(&self, e: &Entry) -> Result<i64, JournalError> {
        self.conn.execute(
            "INSERT INTO attempts (at_utc, scanned, session, campaign, operation, outcome, error_code,
                                   message, round_trips, rtt_ms, terminal, cashier, reason)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
            rusqlite::params![
                stored_time(e.at_utc),
                e.scanned,
                e.session,
                e.campaign,
                e.operation,
                e.outcome,
                e.error_code,
                e.message,
                e.round_trips,
                e.rtt_ms.map(|ms| i64::try_from(ms).unwrap_or(i64::MAX)),
                e.terminal,
                e.cashier,
                e.reason,
            ],
        )?;
        Ok(self.conn.last_insert_rowid())
    }

    /// Every attempt at or after `since` (all of them when None), oldest first.
    pub fn entries_since(&self, since: Option<OffsetDateTime>) -> Result<Vec<Entry>, JournalError> {
        let since = since.map(stored_time).unwrap_or_default();
        let mut stmt = self.conn.prepare(
            "SELECT at_utc, scanned, session, campaign, operation, COALESCE(resolved_outcome, outcome),
                    error_code, message,
                    round_trips, rtt_ms, terminal, cashier, reason
             FROM attempts WHERE at_utc >= ?1 ORDER BY at_utc, id",
        )?;
        let rows = stmt.query_map([since], |r| {
            Ok((
                r.get::<_, String>(0)?,
                Entry {
                    at_utc: OffsetDateTime::UNIX_EPOCH,
                    scanned: r.get(1)?,
                    session: r.get(2)?,
                    campaign: r.get(3)?,
                    operation: r.get(4)?,
                    outcome: r.get(5)?,
                    error_code: r.get(6)?,
                    message: r.get(7)?,
                    round_trips: r.get(8)?,
                    rtt_ms: r
                        .get::<_, Option<i64>>(9)?
                        .map(|ms| u64::try_from(ms).unwrap_or(0)),
                    terminal: r.get(10)?,
                    cashier: r.get(11)?,
                    reason: r.get(12)?,
                },
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (at, mut entry) = row?;
            entry.at_utc = parse_stored_time(&at)?;
            out.push(entry);
        }
        Ok(out)
    }

    /// Attempts at or after `since`, counted per operation and outcome.
    pub fn counts_since(&self, since: OffsetDateTime) -> Result<Vec<Count>, JournalError> {
        let mut stmt = self.conn.prepare(
            "SELECT operation, COALESCE(resolved_outcome, outcome) AS o, COUNT(*) FROM attempts
             WHERE at_utc >= ?1 GROUP BY operation, o ORDER BY operation, o",
        )?;
        let rows = stmt.query_map([stored_time(since)], |r| {
            Ok(Count {
                operation: r.get(0)?,
                outcome: r.get(1)?,
                count: r.get::<_, i64>(2).map(|n| u64::try_from(n).unwrap_or(0))?,
            })
        })?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?)
    }
}

fn stored_time(t: OffsetDateTime) -> String {
    let utc = t.to_offset(time::UtcOffset::UTC);
    // Formatting a valid date with this description cannot fail; fall back to RFC 3339 anyway.
    utc.format(STORED_TIME).unwrap_or_else(|_| utc.to_string())
}

fn parse_stored_time(s: &str) -> Result<OffsetDateTime, JournalError> {
    PrimitiveDateTime::parse(s, STORED_TIME)
        .map(PrimitiveDateTime::assume_utc)
        .map_err(|_| JournalError::BadTime(s.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    fn entry(at: OffsetDateTime, outcome: &str) -> Entry {
        Entry {
            at_utc: at,
            scanned: "ac6s7u3g8a25ja7x9qg87".into(),
            session: Some("ac6s7u3g8a25ja7x9qg87".into()),
            campaign: Some("cam_demo01".into()),
            operation: "validate".into(),
            outcome: outcome.into(),
            error_code: None,
            message: "ok".into(),
            round_trips: 2,
            rtt_ms: Some(12),
            terminal: "till-1".into(),
            cashier: Some("Ann".into()),
            reason: None,
        }
    }

    #[test]
    fn entries_come_back_as_written_in_time_order() {
        let j = Journal::open_in_memory().unwrap();
        let late = entry(datetime!(2026-11-20 14:03:00.5 UTC), "already_validated");
        let early = entry(datetime!(2026-11-20 09:00:00 UTC), "validated");
        j.record(&late).unwrap();
        j.record(&early).unwrap();
        assert_eq!(j.entries_since(None).unwrap(), vec![early, late.clone()]);
        assert_eq!(
            j.entries_since(Some(datetime!(2026-11-20 12:00 UTC))).unwrap(),
            vec![late]
        );
    }

    #[test]
    fn counts_group_by_operation_and_outcome() {
        let j = Journal::open_in_memory().unwrap();
        for o in ["validated", "validated", "expired"] {
            j.record(&entry(datetime!(2026-11-20 10:00 +1), o)).unwrap();
        }
        j.record(&entry(datetime!(2026-11-19 10:00 UTC), "validated"))
            .unwrap();
        let counts = j.counts_since(datetime!(2026-11-20 00:00 UTC)).unwrap();
        let pairs: Vec<_> = counts.iter().map(|c| (c.outcome.as_str(), c.count)).collect();
        assert_eq!(pairs, vec![("expired", 1), ("validated", 2)]);
    }

    #[test]
    fn unknown_attempts_are_found_and_resolved_once() {
        let j = Journal::open_in_memory().unwrap();
        let at = datetime!(2026-11-20 10:00 UTC);
        j.record_attempt(&entry(at, "unknown"), Some("k3f9x2ab7q"))
            .unwrap();
        j.record_attempt(&entry(at, "validated"), Some("m4g8y3bc8r"))
            .unwrap();
        let mut other_till = entry(at, "unknown");
        other_till.terminal = "till-2".into();
        j.record_attempt(&other_till, Some("n5h9z4cd9s")).unwrap();
        let open = j.unresolved("till-1", &["unknown"], at, 10).unwrap();
        assert_eq!(open.len(), 1);
        assert_eq!(open[0].attempt_id, "k3f9x2ab7q");
        assert!(j.resolve("k3f9x2ab7q", "validated", at).unwrap());
        assert!(!j.resolve("k3f9x2ab7q", "already_validated", at).unwrap());
        assert!(j.unresolved("till-1", &["unknown"], at, 10).unwrap().is_empty());
        let counts = j.counts_since(at).unwrap();
        let pairs: Vec<_> = counts.iter().map(|c| (c.outcome.as_str(), c.count)).collect();
        assert_eq!(pairs, vec![("unknown", 1), ("validated", 2)]);
    }

    #[test]
    fn a_journal_from_before_attempt_ids_gains_the_columns() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(JOURNAL_FILE);
        {
            let conn = rusqlite::Connection::open(&path).unwrap();
            conn.execute_batch(
                "CREATE TABLE attempts (id INTEGER PRIMARY KEY, at_utc TEXT NOT NULL, scanned TEXT NOT NULL,
                 session TEXT, campaign TEXT, operation TEXT NOT NULL, outcome TEXT NOT NULL,
                 error_code INTEGER, message TEXT NOT NULL, round_trips INTEGER NOT NULL, rtt_ms INTEGER,
                 terminal TEXT NOT NULL, cashier TEXT, reason TEXT);",
            )
            .unwrap();
        }
        let j = Journal::open(&path).unwrap();
        let at = datetime!(2026-11-20 10:00 UTC);
        j.record_attempt(&entry(at, "unknown"), Some("k3f9x2ab7q"))
            .unwrap();
        assert_eq!(j.unresolved("till-1", &["unknown"], at, 10).unwrap().len(), 1);
        drop(j);
        assert!(Journal::open(&path).is_ok(), "opening twice adds nothing twice");
    }

    #[test]
    fn journal_on_disk_survives_reopening() {
        let dir = tempfile::tempdir().unwrap();
        {
            let j = Journal::open_in(dir.path(), JOURNAL_FILE).unwrap();
            j.record(&entry(datetime!(2026-11-20 10:00 UTC), "validated"))
                .unwrap();
        }
        let j = Journal::open_in(dir.path(), JOURNAL_FILE).unwrap();
        assert_eq!(j.entries_since(None).unwrap().len(), 1);
    }
}
