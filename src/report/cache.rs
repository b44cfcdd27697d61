//! What each validated session said when it was read: its tag field and money spent, kept on disk
//! (SQLite, in the data directory) so that a repeated report, and the kiosk's F3 refresh, ask the
//! server only for the pages of the list and for sessions validated since.
//!
//! An entry is keyed by session code AND validation date (and which custom field holds the tag):
//! a session unvalidated and validated again has another validation date, so it misses the cache
//! and is read afresh. An entry is never stale for the validation it names. (A tag field or amount
//! rewritten afterwards without a new validation is not seen: the tills write both with the
//! validation itself.)

use rusqlite::{params, Connection, OptionalExtension};
use std::path::Path;
use std::sync::Mutex;
use time::OffsetDateTime;

/// The file's name in the data directory.
pub const FILE_NAME: &str = "report-cache.sqlite";

#[derive(Debug, thiserror::Error)]
#[error("report cache: {0}")]
pub struct CacheError(String);

impl From<rusqlite::Error> for CacheError {
    fn from(e: rusqlite::Error) -> Self {
        CacheError(e.to_string())
    }
}

/// One session's record at its validation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cached {
    pub campaign: String,
    /// The tag field's text, as the session carried it.
    pub tag_text: Option<String>,
    /// Money spent as the API writes it.
    pub money_spent: Option<String>,
}

/// The cache; safe to share between tasks (one connection behind a lock, never held across an
/// await).
pub struct ReportCache {
    conn: Mutex<Connection>,
}

impl ReportCache {
    /// Opens (or creates) the cache file.
    pub fn open(path: &Path) -> Result<ReportCache, CacheError> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| CacheError(e.to_string()))?;
        }
        Self::with(Connection::open(path)?)
    }

    /// A cache that lives as long as the process (tests, benchmarks).
    pub fn in_memory() -> Result<ReportCache, CacheError> {
        Self::with(Connection::open_in_memory()?)
    }

    fn with(conn: Connection) -> Result<ReportCache, CacheError> {
        conn.busy_timeout(std::time::Duration::from_secs(2))?;
        // A lost cache costs only a slower report: no need to sync every write.
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "OFF")?;
        conn.execute_batch(
            "CREATE TABLE IF NOT EXISTS validated (
                session TEXT NOT NULL,
                validated_at INTEGER NOT NULL,
                tag_field INTEGER NOT NULL,
                campaign TEXT NOT NULL,
                tag_text TEXT,
                money_spent TEXT,
                PRIMARY KEY (session, validated_at, tag_field)
             ) WITHOUT ROWID;",
        )?;
        Ok(ReportCache {
            conn: Mutex::new(conn),
        })
    }

    fn conn(&self) -> Result<std::sync::MutexGuard<'_, Connection>, CacheError> {
        self.conn
            .lock()
            .map_err(|_| CacheError("a writer failed while holding the cache".into()))
    }

    /// The entries for these (session, validation date) keys; None for a miss.
    pub fn get_many(
        &self,
        keys: &[(String, OffsetDateTime)],
        tag_field: u8,
    ) -> Result<Vec<Option<Cached>>, CacheError> {
        let conn = self.conn()?;
        let mut stmt = conn.prepare_cached(
            "SELECT campaign, tag_text, money_spent FROM validated
             WHERE session = ?1 AND validated_at = ?2 AND tag_field = ?3",
        )?;
        keys.iter()
            .map(|(session, at)| {
                stmt.query_row(params![session, at.unix_timestamp(), tag_field], |r| {
                    Ok(Cached {
                        campaign: r.get(0)?,
                        tag_text: r.get(1)?,
                        money_spent: r.get(2)?,
                    })
                })
                .optional()
                .map_err(CacheError::from)
            })
            .collect()
    }

    /// Keeps these entries (one transaction).
    pub fn put_many(
        &self,
        entries: &[(String, OffsetDateTime, Cached)],
        tag_field: u8,
    ) -> Result<(), CacheError> {
        if entries.is_empty() {
            return Ok(());
        }
        let mut conn = self.conn()?;
        let tx = conn.transaction()?;
        {
            let mut stmt = tx.prepare_cached(
                "INSERT OR REPLACE INTO validated
                 (session, validated_at, tag_field, campaign, tag_text, money_spent)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?;
            for (session, at, c) in entries {
                stmt.execute(params![
                    session,
                    at.unix_timestamp(),
                    tag_field,
                    c.campaign,
                    c.tag_text,
                    c.money_spent
                ])?;
            }
        }
        tx.commit()?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn an_entry_is_found_by_session_and_validation_date_only() {
        let c = ReportCache::in_memory().unwrap();
        let at = datetime!(2026-11-30 09:10:11 UTC);
        let entry = Cached {
            campaign: "cam_demo01".into(),
            tag_text: Some("till-1/Ann/k3f9x2ab7q".into()),
            money_spent: Some("2.500".into()),
        };
        c.put_many(&[("aaaaaaaaaaaaaaaaaaaa1".into(), at, entry.clone())], 7)
            .unwrap();
        let found = c
            .get_many(
                &[
                    ("aaaaaaaaaaaaaaaaaaaa1".into(), at),
                    // Validated again later: another validation, not in the cache.
                    ("aaaaaaaaaaaaaaaaaaaa1".into(), at + time::Duration::minutes(5)),
                    ("aaaaaaaaaaaaaaaaaaaa2".into(), at),
                ],
                7,
            )
            .unwrap();
        assert_eq!(found, [Some(entry), None, None]);
        // Another tag field is another question.
        assert_eq!(
            c.get_many(&[("aaaaaaaaaaaaaaaaaaaa1".into(), at)], 6).unwrap(),
            [None]
        );
    }
}
