//! The sandbox's SQLite database: schema, one connection behind a mutex, and the queries
//! (one file per table family). Every write that reads-then-changes runs in one
//! `BEGIN IMMEDIATE` transaction, so concurrent requests (and other processes sharing a
//! `--db` file) see each change whole and a session is validated exactly once.

pub mod campaigns;
pub mod outbox;
pub mod sessions;

use rusqlite::Connection;
use std::path::Path;
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

/// A failure of the database itself (not of a request).
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("sandbox database: {0}")]
    Sqlite(#[from] rusqlite::Error),
}

/// The database. Cheap to share behind an `Arc`; every call takes the one connection.
pub struct Store {
    conn: Mutex<Connection>,
}

impl Store {
    /// Opens (or creates) the database at `path`, in memory when `None`, and makes the schema.
    pub fn open(path: Option<&Path>) -> Result<Self, StoreError> {
        let conn = match path {
            Some(p) => {
                let conn = Connection::open(p)?;
                // WAL lets a second process read while this one writes.
                conn.pragma_update(None, "journal_mode", "WAL")?;
                conn
            }
            None => Connection::open_in_memory()?,
        };
        conn.busy_timeout(Duration::from_secs(5))?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        conn.execute_batch(SCHEMA)?;
        Ok(Self {
            conn: Mutex::new(conn),
        })
    }

    /// Runs `f` with the connection. Blocking: call from `spawn_blocking` in async code.
    pub fn with<T>(&self, f: impl FnOnce(&mut Connection) -> T) -> T {
        f(&mut self.lock())
    }

    fn lock(&self) -> MutexGuard<'_, Connection> {
        // A panic while holding the lock cannot leave SQLite half-written (transactions roll
        // back on drop), so a poisoned lock is still safe to use.
        self.conn.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// Dates are TEXT `yyyy-MM-dd HH:mm:ss` UTC (sortable); flags are 0/1; absent text is ''.
const SCHEMA: &str = r#"
CREATE TABLE IF NOT EXISTS folders (
    id   TEXT PRIMARY KEY,
    name TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS categories (
    id   TEXT PRIMARY KEY,
    name TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS campaigns (
    id              TEXT PRIMARY KEY,
    name            TEXT NOT NULL,
    title           TEXT NOT NULL,
    code            TEXT NOT NULL DEFAULT '',
    status          TEXT NOT NULL,
    folder          TEXT REFERENCES folders(id),
    tags            TEXT NOT NULL DEFAULT '',
    category        TEXT REFERENCES categories(id),
    expiration_date TEXT,
    flexible_days   INTEGER,
    created_date    TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS sessions (
    seq                 INTEGER PRIMARY KEY,
    code                TEXT NOT NULL UNIQUE,
    short               TEXT NOT NULL UNIQUE,
    campaign            TEXT NOT NULL REFERENCES campaigns(id),
    customid            TEXT NOT NULL DEFAULT '',
    created_date        TEXT NOT NULL,
    opened              INTEGER NOT NULL DEFAULT 0,
    open_date           TEXT,
    played              INTEGER NOT NULL DEFAULT 0,
    played_date         TEXT,
    claimed             INTEGER NOT NULL DEFAULT 0,
    claim_date          TEXT,
    claimtype           TEXT NOT NULL DEFAULT '',
    saved_to_passbook   INTEGER NOT NULL DEFAULT 0,
    saved_to_androidpay INTEGER NOT NULL DEFAULT 0,
    validated           INTEGER NOT NULL DEFAULT 0,
    validation_date     TEXT,
    own_validation_code TEXT NOT NULL DEFAULT '',
    validation_value    TEXT NOT NULL DEFAULT '',
    voided              INTEGER NOT NULL DEFAULT 0,
    voided_date         TEXT,
    unvoided_date       TEXT,
    locked              INTEGER NOT NULL DEFAULT 0,
    unlocked_date       TEXT,
    value               TEXT NOT NULL DEFAULT '',
    expiration_date     TEXT,
    start_date          TEXT,
    activated_date      TEXT,
    utm_campaign        TEXT,
    utm_source          TEXT,
    utm_medium          TEXT,
    utm_term            TEXT,
    utm_content         TEXT,
    firstname           TEXT NOT NULL DEFAULT '',
    lastname            TEXT NOT NULL DEFAULT '',
    email               TEXT NOT NULL DEFAULT '',
    phone               TEXT NOT NULL DEFAULT '',
    phone_digits        TEXT NOT NULL DEFAULT '',
    customfield1        TEXT NOT NULL DEFAULT '',
    customfield2        TEXT NOT NULL DEFAULT '',
    customfield3        TEXT NOT NULL DEFAULT '',
    customfield4        TEXT NOT NULL DEFAULT '',
    customfield5        TEXT NOT NULL DEFAULT '',
    customfield6        TEXT NOT NULL DEFAULT '',
    customfield7        TEXT NOT NULL DEFAULT '',
    money_spent         TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS sessions_by_campaign ON sessions(campaign, seq);
CREATE INDEX IF NOT EXISTS sessions_by_email ON sessions(email COLLATE NOCASE);
CREATE INDEX IF NOT EXISTS sessions_by_phone ON sessions(phone_digits);
CREATE INDEX IF NOT EXISTS sessions_by_any_valcode
    ON sessions(own_validation_code COLLATE NOCASE) WHERE own_validation_code <> '';
CREATE UNIQUE INDEX IF NOT EXISTS sessions_by_valcode
    ON sessions(campaign, own_validation_code COLLATE NOCASE) WHERE own_validation_code <> '';
CREATE TABLE IF NOT EXISTS outbox (
    id        INTEGER PRIMARY KEY,
    channel   TEXT NOT NULL,
    campaign  TEXT NOT NULL,
    recipient TEXT NOT NULL,
    session   TEXT NOT NULL DEFAULT '',
    subject   TEXT NOT NULL DEFAULT '',
    body      TEXT NOT NULL DEFAULT '',
    sent_at   TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS optouts (
    phone TEXT PRIMARY KEY
);
"#;
