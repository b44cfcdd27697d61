//! The outbox: every validation this till accepted offline, durable before its verdict shows,
//! and what became of it when it was forwarded. A forward the server refused stays here as a
//! conflict (the inbox) until a manager marks it seen — and after: nothing is ever deleted.
//!
//! Exactly once: before an entry is sent its first send time is committed; the request carries
//! the entry's attempt id in the tag. After a kill at any moment the entry is still waiting and
//! is sent again; the server then either validates it (the first never arrived) or answers
//! "already validated" with our own attempt id in the tag (the first did) — never twice.

use super::store::{from_ms, opt_from_ms, to_ms};
use super::OfflineError;
use crate::tag::AttemptId;
use rusqlite::{params, Connection, OptionalExtension, Row};
use std::path::Path;
use time::OffsetDateTime;

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EntryState {
    /// Not yet confirmed by the server (maybe sent, answer not known).
    Waiting,
    /// The server confirmed this till's validation.
    Forwarded,
    /// The server refused it: the conflict inbox.
    Conflict,
}

impl EntryState {
    pub fn as_str(self) -> &'static str {
        match self {
            EntryState::Waiting => "waiting",
            EntryState::Forwarded => "forwarded",
            EntryState::Conflict => "conflict",
        }
    }

    fn parse(s: &str) -> EntryState {
        match s {
            "forwarded" => EntryState::Forwarded,
            "conflict" => EntryState::Conflict,
            // Anything unreadable is treated as not yet confirmed: it will be re-checked.
            _ => EntryState::Waiting,
        }
    }
}

/// One offline acceptance, to be written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewEntry {
    pub attempt: AttemptId,
    pub session: String,
    pub campaign: String,
    /// The text as scanned.
    pub scanned: String,
    pub customer: Option<String>,
    pub offer: Option<String>,
    pub accepted_at: OffsetDateTime,
    pub terminal: String,
    pub cashier: Option<String>,
    /// When the mirror's copy that allowed it was made.
    pub mirror_synced_at: OffsetDateTime,
}

/// One entry as stored.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct OutboxEntry {
    pub id: i64,
    pub attempt: String,
    pub session: String,
    pub campaign: String,
    pub scanned: String,
    pub customer: Option<String>,
    pub offer: Option<String>,
    #[serde(with = "time::serde::rfc3339")]
    pub accepted_at: OffsetDateTime,
    pub terminal: String,
    pub cashier: Option<String>,
    #[serde(with = "time::serde::rfc3339")]
    pub mirror_synced_at: OffsetDateTime,
    pub state: EntryState,
    pub tries: u32,
    #[serde(with = "time::serde::rfc3339::option")]
    pub first_sent_at: Option<OffsetDateTime>,
    pub last_error: Option<String>,
    /// When it was forwarded or became a conflict.
    #[serde(with = "time::serde::rfc3339::option")]
    pub resolved_at: Option<OffsetDateTime>,
    /// The server's outcome word (`validated`, `already_validated`, `voided`, ...).
    pub server_outcome: Option<String>,
    pub server_message: Option<String>,
    pub server_error_code: Option<u32>,
    /// Since when the server's state holds (e.g. the other validation's time), when known.
    #[serde(with = "time::serde::rfc3339::option")]
    pub server_since: Option<OffsetDateTime>,
    #[serde(with = "time::serde::rfc3339::option")]
    pub seen_at: Option<OffsetDateTime>,
    pub seen_by: Option<String>,
}

/// Counts for the status bar.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct OutboxCounts {
    pub waiting: u64,
    pub forwarded: u64,
    pub conflicts: u64,
    pub conflicts_unseen: u64,
}

/// What the server said to a forward that it refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServerRefusal {
    pub outcome: String,
    pub message: String,
    pub error_code: Option<u32>,
    pub since: Option<OffsetDateTime>,
    /// The customer as the server names them (the mirror may not have known).
    pub customer: Option<String>,
}

#[derive(Debug)]
pub struct Outbox {
    conn: Connection,
}

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS entries (
    id                  INTEGER PRIMARY KEY,
    attempt             TEXT NOT NULL UNIQUE,
    session             TEXT NOT NULL,
    campaign            TEXT NOT NULL,
    scanned             TEXT NOT NULL,
    customer            TEXT,
    offer               TEXT,
    accepted_ms         INTEGER NOT NULL,
    terminal            TEXT NOT NULL,
    cashier             TEXT,
    mirror_synced_ms    INTEGER NOT NULL,
    state               TEXT NOT NULL,
    tries               INTEGER NOT NULL DEFAULT 0,
    first_sent_ms       INTEGER,
    last_error          TEXT,
    resolved_ms         INTEGER,
    server_outcome      TEXT,
    server_message      TEXT,
    server_error_code   INTEGER,
    server_since_ms     INTEGER,
    seen_ms             INTEGER,
    seen_by             TEXT
);
CREATE INDEX IF NOT EXISTS entries_state ON entries(state, id);
CREATE INDEX IF NOT EXISTS entries_session ON entries(session, id);
-- Nothing leaves the outbox: a DELETE is refused by the database itself.
CREATE TRIGGER IF NOT EXISTS entries_never_deleted BEFORE DELETE ON entries
BEGIN SELECT RAISE(ABORT, 'outbox entries are never deleted'); END;
";

const SELECT: &str = "SELECT id, attempt, session, campaign, scanned, customer, offer, accepted_ms,
        terminal, cashier, mirror_synced_ms, state, tries, first_sent_ms, last_error, resolved_ms,
        server_outcome, server_message, server_error_code, server_since_ms, seen_ms, seen_by
     FROM entries";

impl Outbox {
    /// Opens (creating when needed) the outbox at `path`. Every commit is synced to disk.
    pub fn open(path: &Path) -> Result<Outbox, OfflineError> {
        let conn = super::store::open(path, "FULL")?;
        conn.execute_batch(SCHEMA)?;
        Ok(Outbox { conn })
    }

    /// The counter's connection: its commit (one synced write before an offline verdict shows)
    /// never also checkpoints the write-ahead log into the database — that is a second write
    /// and fsync of up to a thousand pages on the cashier's time. The background forwarder's
    /// connection checkpoints as it writes, and the CLI's do.
    pub fn open_for_counter(path: &Path) -> Result<Outbox, OfflineError> {
        let outbox = Self::open(path)?;
        outbox.conn.pragma_update(None, "wal_autocheckpoint", 0)?;
        Ok(outbox)
    }

    /// Copies what the write-ahead log holds into the database without waiting for readers or
    /// writers (the counter's connection leaves this to the background).
    pub fn checkpoint(&self) -> Result<(), OfflineError> {
        self.conn
            .query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(()))?;
        Ok(())
    }

    pub fn open_in_memory() -> Result<Outbox, OfflineError> {
        let conn = Connection::open_in_memory()?;
        conn.execute_batch(SCHEMA)?;
        Ok(Outbox { conn })
    }

    /// Writes one acceptance; it is on disk when this returns.
    pub fn accept(&self, e: &NewEntry) -> Result<OutboxEntry, OfflineError> {
        self.conn.execute(
            "INSERT INTO entries (attempt, session, campaign, scanned, customer, offer, accepted_ms,
                                  terminal, cashier, mirror_synced_ms, state)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, 'waiting')",
            params![
                e.attempt.as_str(),
                e.session,
                e.campaign,
                e.scanned,
                e.customer,
                e.offer,
                to_ms(e.accepted_at),
                e.terminal,
                e.cashier,
                to_ms(e.mirror_synced_at),
            ],
        )?;
        let id = self.conn.last_insert_rowid();
        self.by_id(id)?
            .ok_or_else(|| OfflineError::InvalidInput("the outbox lost an entry it just wrote".into()))
    }

    pub fn by_id(&self, id: i64) -> Result<Option<OutboxEntry>, OfflineError> {
        let sql = format!("{SELECT} WHERE id = ?1");
        Ok(self
            .conn
            .prepare_cached(&sql)?
            .query_row([id], entry)
            .optional()?)
    }

    /// This till's latest entry for a session, whatever became of it.
    pub fn latest_for_session(&self, session: &str) -> Result<Option<OutboxEntry>, OfflineError> {
        let sql = format!("{SELECT} WHERE session = ?1 ORDER BY id DESC LIMIT 1");
        Ok(self
            .conn
            .prepare_cached(&sql)?
            .query_row([session], entry)
            .optional()?)
    }

    /// What waits to be forwarded, oldest first.
    pub fn waiting(&self) -> Result<Vec<OutboxEntry>, OfflineError> {
        self.many(&format!("{SELECT} WHERE state = 'waiting' ORDER BY id"), [])
    }

    /// Every entry, oldest first.
    pub fn all(&self) -> Result<Vec<OutboxEntry>, OfflineError> {
        self.many(&format!("{SELECT} ORDER BY id"), [])
    }

    /// Conflicts accepted at or after `since` (all when None), oldest first; seen ones only when asked.
    pub fn conflicts(
        &self,
        since: Option<OffsetDateTime>,
        include_seen: bool,
    ) -> Result<Vec<OutboxEntry>, OfflineError> {
        let sql = format!(
            "{SELECT} WHERE state = 'conflict' AND accepted_ms >= ?1 AND (?2 OR seen_ms IS NULL) ORDER BY id"
        );
        self.many(&sql, params![since.map_or(i64::MIN, to_ms), include_seen])
    }

    /// Committed before the first send of an entry (kept on later sends): a restart knows the
    /// entry may have reached the server.
    pub fn mark_sending(&self, id: i64, at: OffsetDateTime) -> Result<(), OfflineError> {
        self.conn.execute(
            "UPDATE entries SET tries = tries + 1, first_sent_ms = COALESCE(first_sent_ms, ?2)
             WHERE id = ?1 AND state = 'waiting'",
            params![id, to_ms(at)],
        )?;
        Ok(())
    }

    /// The send failed without an answer; the entry waits for the next try.
    pub fn note_failure(&self, id: i64, error: &str) -> Result<(), OfflineError> {
        self.conn.execute(
            "UPDATE entries SET last_error = ?2 WHERE id = ?1",
            params![id, error],
        )?;
        Ok(())
    }

    pub fn mark_forwarded(
        &self,
        id: i64,
        at: OffsetDateTime,
        validated_at: Option<OffsetDateTime>,
    ) -> Result<(), OfflineError> {
        self.conn.execute(
            "UPDATE entries SET state = 'forwarded', resolved_ms = ?2, server_outcome = 'validated',
                    server_since_ms = ?3, last_error = NULL
             WHERE id = ?1 AND state = 'waiting'",
            params![id, to_ms(at), validated_at.map(to_ms)],
        )?;
        Ok(())
    }

    pub fn mark_conflict(&self, id: i64, at: OffsetDateTime, r: &ServerRefusal) -> Result<(), OfflineError> {
        self.conn.execute(
            "UPDATE entries SET state = 'conflict', resolved_ms = ?2, server_outcome = ?3,
                    server_message = ?4, server_error_code = ?5, server_since_ms = ?6, last_error = NULL,
                    customer = COALESCE(customer, ?7)
             WHERE id = ?1 AND state = 'waiting'",
            params![
                id,
                to_ms(at),
                r.outcome,
                r.message,
                r.error_code,
                r.since.map(to_ms),
                r.customer,
            ],
        )?;
        Ok(())
    }

    /// Marks conflicts seen (all unseen ones when `ids` is empty). Returns how many changed.
    pub fn mark_seen(
        &self,
        ids: &[i64],
        by: Option<&str>,
        at: OffsetDateTime,
    ) -> Result<usize, OfflineError> {
        if ids.is_empty() {
            return Ok(self.conn.execute(
                "UPDATE entries SET seen_ms = ?1, seen_by = ?2 WHERE state = 'conflict' AND seen_ms IS NULL",
                params![to_ms(at), by],
            )?);
        }
        let mut n = 0;
        let mut stmt = self.conn.prepare_cached(
            "UPDATE entries SET seen_ms = ?1, seen_by = ?2
             WHERE id = ?3 AND state = 'conflict' AND seen_ms IS NULL",
        )?;
        for id in ids {
            n += stmt.execute(params![to_ms(at), by, id])?;
        }
        Ok(n)
    }

    pub fn counts(&self) -> Result<OutboxCounts, OfflineError> {
        Ok(self.conn.prepare_cached(
            "SELECT COALESCE(SUM(state = 'waiting'), 0), COALESCE(SUM(state = 'forwarded'), 0),
                    COALESCE(SUM(state = 'conflict'), 0), COALESCE(SUM(state = 'conflict' AND seen_ms IS NULL), 0)
             FROM entries",
        )?
        .query_row([], |r| {
            let n = |i: usize| r.get::<_, i64>(i).map(|v| u64::try_from(v).unwrap_or(0));
            Ok(OutboxCounts {
                waiting: n(0)?,
                forwarded: n(1)?,
                conflicts: n(2)?,
                conflicts_unseen: n(3)?,
            })
        })?)
    }

    fn many(&self, sql: &str, p: impl rusqlite::Params) -> Result<Vec<OutboxEntry>, OfflineError> {
        let mut stmt = self.conn.prepare_cached(sql)?;
        let rows = stmt.query_map(p, entry)?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?)
    }
}

fn entry(r: &Row<'_>) -> rusqlite::Result<OutboxEntry> {
    Ok(OutboxEntry {
        id: r.get(0)?,
        attempt: r.get(1)?,
        session: r.get(2)?,
        campaign: r.get(3)?,
        scanned: r.get(4)?,
        customer: r.get(5)?,
        offer: r.get(6)?,
        accepted_at: from_ms(r.get(7)?),
        terminal: r.get(8)?,
        cashier: r.get(9)?,
        mirror_synced_at: from_ms(r.get(10)?),
        state: EntryState::parse(&r.get::<_, String>(11)?),
        tries: u32::try_from(r.get::<_, i64>(12)?).unwrap_or(0),
        first_sent_at: opt_from_ms(r.get(13)?),
        last_error: r.get(14)?,
        resolved_at: opt_from_ms(r.get(15)?),
        server_outcome: r.get(16)?,
        server_message: r.get(17)?,
        server_error_code: r.get(18)?,
        server_since: opt_from_ms(r.get(19)?),
        seen_at: opt_from_ms(r.get(20)?),
        seen_by: r.get(21)?,
    })
}

impl OutboxEntry {
    /// An entry for unit tests of the verdict.
    #[cfg(test)]
    pub(crate) fn example(state: EntryState, accepted_at: OffsetDateTime) -> OutboxEntry {
        OutboxEntry {
            id: 1,
            attempt: "k3f9x2ab7q".into(),
            session: "ac6s7u3g8a25ja7x9qg87".into(),
            campaign: "cam_demo01".into(),
            scanned: "ac6s7u".into(),
            customer: None,
            offer: None,
            accepted_at,
            terminal: "till-1".into(),
            cashier: None,
            mirror_synced_at: accepted_at,
            state,
            tries: 0,
            first_sent_at: None,
            last_error: None,
            resolved_at: None,
            server_outcome: None,
            server_message: None,
            server_error_code: None,
            server_since: None,
            seen_at: None,
            seen_by: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    fn new_entry(session: &str, at: OffsetDateTime) -> NewEntry {
        NewEntry {
            attempt: AttemptId::random(),
            session: session.into(),
            campaign: "cam_demo01".into(),
            scanned: session.into(),
            customer: Some("Jane Doe".into()),
            offer: Some("10% off".into()),
            accepted_at: at,
            terminal: "till-1".into(),
            cashier: Some("Ann".into()),
            mirror_synced_at: at,
        }
    }

    #[test]
    fn the_counter_s_commits_never_checkpoint_and_the_background_s_do() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("outbox.sqlite");
        let pages = |o: &Outbox| -> i64 {
            o.conn
                .query_row("PRAGMA wal_autocheckpoint", [], |r| r.get(0))
                .unwrap()
        };
        let counter = Outbox::open_for_counter(&path).unwrap();
        assert_eq!(pages(&counter), 0, "no checkpoint on the cashier's time");
        let background = Outbox::open(&path).unwrap();
        assert!(pages(&background) > 0);
        counter
            .accept(&new_entry(
                "aaaaaaaaaaaaaaaaaaaaa",
                datetime!(2026-11-30 10:00 UTC),
            ))
            .unwrap();
        background.checkpoint().unwrap();
        assert_eq!(Outbox::open(&path).unwrap().counts().unwrap().waiting, 1);
    }

    #[test]
    fn entries_wait_oldest_first_and_survive_reopening() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("outbox.sqlite");
        {
            let o = Outbox::open(&path).unwrap();
            o.accept(&new_entry(
                "bbbbbbbbbbbbbbbbbbbbb",
                datetime!(2026-11-30 10:00 UTC),
            ))
            .unwrap();
            o.accept(&new_entry(
                "aaaaaaaaaaaaaaaaaaaaa",
                datetime!(2026-11-30 10:01 UTC),
            ))
            .unwrap();
        }
        let o = Outbox::open(&path).unwrap();
        let waiting: Vec<String> = o.waiting().unwrap().into_iter().map(|e| e.session).collect();
        assert_eq!(waiting, ["bbbbbbbbbbbbbbbbbbbbb", "aaaaaaaaaaaaaaaaaaaaa"]);
        assert_eq!(o.counts().unwrap().waiting, 2);
    }

    #[test]
    fn conflicts_are_kept_marked_seen_and_never_deleted() {
        let o = Outbox::open_in_memory().unwrap();
        let at = datetime!(2026-11-30 10:00 UTC);
        let a = o.accept(&new_entry("aaaaaaaaaaaaaaaaaaaaa", at)).unwrap();
        let b = o.accept(&new_entry("bbbbbbbbbbbbbbbbbbbbb", at)).unwrap();
        o.mark_sending(a.id, at).unwrap();
        o.mark_forwarded(a.id, at, Some(at)).unwrap();
        let refusal = ServerRefusal {
            outcome: "already_validated".into(),
            message: "Session already validated".into(),
            error_code: Some(358),
            since: Some(datetime!(2026-11-30 09:59 UTC)),
            customer: None,
        };
        o.mark_conflict(b.id, at, &refusal).unwrap();
        // A conflict cannot be turned into a forward afterwards.
        o.mark_forwarded(b.id, at, None).unwrap();
        let c = o.conflicts(None, false).unwrap();
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].server_error_code, Some(358));
        assert_eq!(c[0].state, EntryState::Conflict);
        assert_eq!(
            o.counts().unwrap(),
            OutboxCounts {
                waiting: 0,
                forwarded: 1,
                conflicts: 1,
                conflicts_unseen: 1
            }
        );
        assert_eq!(o.mark_seen(&[], Some("manager"), at).unwrap(), 1);
        assert!(o.conflicts(None, false).unwrap().is_empty());
        let seen = o.conflicts(None, true).unwrap();
        assert_eq!(seen[0].seen_by.as_deref(), Some("manager"));
        assert!(o.conn.execute("DELETE FROM entries", []).is_err());
        assert_eq!(o.all().unwrap().len(), 2);
        assert!(o
            .conflicts(Some(at + time::Duration::seconds(1)), true)
            .unwrap()
            .is_empty());
    }
}
