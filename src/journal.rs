//! The kiosk's local SQLite journal: every attempt and its outcome, durable.
//!
//! The journal is the merchant's own record of what happened at the counter, so it keeps the
//! code as scanned and the resolved session (unlike the tracing log, which never sees them).
//! Each attempt is written — and synced — before the kiosk shows its verdict: if the kiosk
//! dies right after a validation, the record is already on disk.

use rusqlite::types::Value;
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

/// Declares a journal vocabulary: the enum, its `ALL`, and the one place that names each variant as
/// the text stored in SQLite and printed in CSV, JSON and text (`as_str`, `FromStr`, `Display`,
/// `Serialize`).
macro_rules! vocabulary {
    ($(#[$doc:meta])* $name:ident { $($(#[$vdoc:meta])* $variant:ident = $text:literal,)+ }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $($(#[$vdoc])* $variant,)+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant,)+];

            /// The word stored in the journal.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text,)+
                }
            }
        }

        impl std::str::FromStr for $name {
            type Err = JournalError;
            fn from_str(s: &str) -> Result<Self, JournalError> {
                match s {
                    $($text => Ok($name::$variant),)+
                    other => Err(JournalError::UnknownWord {
                        what: stringify!($name),
                        word: other.to_string(),
                    }),
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.pad(self.as_str())
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }
    };
}

vocabulary! {
    /// What an attempt asked the server to do.
    Operation {
        Validate = "validate",
        Unvalidate = "unvalidate",
        Void = "void",
        Unvoid = "unvoid",
        Lock = "lock",
        Unlock = "unlock",
        Claim = "claim",
        Activate = "activate",
        /// `singleuse/remove`: the session is gone for good.
        Delete = "delete",
    }
}

vocabulary! {
    /// How an attempt ended.
    Outcome {
        Validated = "validated",
        AlreadyValidated = "already_validated",
        Expired = "expired",
        Voided = "voided",
        Locked = "locked",
        NotFound = "not_found",
        NotClaimed = "not_claimed",
        /// Any other refusal by the server.
        Refused = "refused",
        /// Refused locally: not a code the kiosk can send; no request.
        InvalidInput = "invalid_input",
        /// A look-up failed on the network: nothing was changed.
        CheckFailed = "check_failed",
        /// The answer was lost: the server may or may not have done it.
        Unknown = "unknown",
        /// The server shows the session validated and nothing proves this till did it.
        ValidatedOwnerUnknown = "validated_owner_unknown",
        /// An unknown validation turned out not to have gone through (settled later).
        NotValidated = "not_validated",
        /// A validation sent again that found this till's earlier attempt had gone through: the
        /// earlier attempt is the validation (settled as validated); this one changed nothing,
        /// so it is counted neither as a validation nor as a refusal.
        ConfirmedEarlier = "confirmed_earlier",
        /// An undo at the counter went through.
        Undone = "undone",
        UndoFailed = "undo_failed",
        /// A staff action went through.
        Done = "done",
        /// A staff action failed without reaching the server's rules (e.g. a bad parameter).
        Failed = "failed",
        /// The supervisor PIN was wrong: nothing was sent.
        PinRefused = "pin_refused",
        /// Accepted from the till's mirror while the server could not be reached; forwarded later.
        AcceptedOffline = "accepted_offline",
        /// This till had already accepted the coupon offline.
        AlreadyUsedOffline = "already_used_offline",
        /// A coupon of a campaign this till does not accept.
        WrongCoupon = "wrong_coupon",
        /// The server could not be reached and the mirror could not (or may not) decide.
        OfflineCannotCheck = "offline_cannot_check",
    }
}

impl Outcome {
    /// Refused by the server (a mistyped code, refused locally, is not: it says nothing about the
    /// coupons taken).
    pub fn is_refusal(self) -> bool {
        matches!(
            self,
            Outcome::AlreadyValidated
                | Outcome::Expired
                | Outcome::Voided
                | Outcome::Locked
                | Outcome::NotFound
                | Outcome::NotClaimed
                | Outcome::Refused
                | Outcome::NotValidated
                | Outcome::AlreadyUsedOffline
                | Outcome::WrongCoupon
        )
    }

    /// The truth is not known: do not accept yet.
    pub fn is_unsure(self) -> bool {
        matches!(
            self,
            Outcome::Unknown
                | Outcome::CheckFailed
                | Outcome::ValidatedOwnerUnknown
                | Outcome::OfflineCannotCheck
        )
    }
}

impl From<crate::api::Operation> for Operation {
    fn from(op: crate::api::Operation) -> Self {
        use crate::api::Operation as Api;
        match op {
            Api::Validate => Operation::Validate,
            Api::Unvalidate => Operation::Unvalidate,
            Api::Void => Operation::Void,
            Api::Unvoid => Operation::Unvoid,
            Api::Lock => Operation::Lock,
            Api::Unlock => Operation::Unlock,
            Api::Claim => Operation::Claim,
            Api::Activate => Operation::Activate,
        }
    }
}

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
    pub operation: Operation,
    pub outcome: Outcome,
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
    /// The validation's attempt id, as written into the tag field (`crate::tag`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attempt_id: Option<String>,
}

/// An attempt whose outcome is not known yet (see [`Journal::unresolved`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unresolved {
    pub at_utc: OffsetDateTime,
    pub attempt_id: String,
    pub scanned: String,
    pub session: Option<String>,
    pub outcome: Outcome,
}

/// How many attempts of one operation ended in one outcome.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Count {
    pub operation: Operation,
    pub outcome: Outcome,
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
    #[error("journal holds an unknown {what} {word:?}")]
    UnknownWord { what: &'static str, word: String },
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
            CREATE INDEX IF NOT EXISTS attempts_at ON attempts(at_utc);
            CREATE INDEX IF NOT EXISTS attempts_scanned ON attempts(lower(scanned));
            CREATE INDEX IF NOT EXISTS attempts_session ON attempts(lower(session));",
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

    /// This terminal's validation attempts at or after `since` whose outcome was `outcomes`
    /// and is not resolved yet: the newest `limit` of them, newest first.
    pub fn unresolved(
        &self,
        terminal: &str,
        outcomes: &[Outcome],
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
            let outcome: Outcome = outcome.parse()?;
            if !outcomes.contains(&outcome) {
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
    pub fn resolve(
        &self,
        attempt_id: &str,
        outcome: Outcome,
        at: OffsetDateTime,
    ) -> Result<bool, JournalError> {
        let n = self.conn.execute(
            "UPDATE attempts SET resolved_outcome = ?1, resolved_utc = ?2
             WHERE attempt_id = ?3 AND resolved_outcome IS NULL",
            rusqlite::params![outcome.as_str(), stored_time(at), attempt_id],
        )?;
        Ok(n > 0)
    }

    /// Writes one attempt; returns its row id once it is on disk.
    pub fn record(&self, e: &Entry) -> Result<i64, JournalError> {
        self.conn.execute(
            "INSERT INTO attempts (at_utc, scanned, session, campaign, operation, outcome, error_code,
                                   message, round_trips, rtt_ms, terminal, cashier, reason, attempt_id)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
            rusqlite::params_from_iter(columns(e)),
        )?;
        Ok(self.conn.last_insert_rowid())
    }

    /// Replaces the attempt at `row` (written while its request was in flight, as unknown) with
    /// how it ended. The in-flight row is already on disk, so this write is not waited for on
    /// the disk (`synchronous=NORMAL`: it survives the process being killed at once, and after a
    /// power cut the row reads "unknown", which is the truth that the kiosk then finds out).
    /// Inserts the entry instead when the row is gone.
    pub fn settle(&self, row: i64, e: &Entry) -> Result<(), JournalError> {
        self.conn.pragma_update(None, "synchronous", "NORMAL")?;
        let updated = self.conn.execute(
            "UPDATE attempts SET at_utc = ?1, scanned = ?2, session = ?3, campaign = ?4, operation = ?5,
                    outcome = ?6, error_code = ?7, message = ?8, round_trips = ?9, rtt_ms = ?10,
                    terminal = ?11, cashier = ?12, reason = ?13, attempt_id = ?14
             WHERE id = ?15",
            rusqlite::params_from_iter(columns(e).into_iter().chain([Value::from(row)])),
        );
        // Back to synced writes whatever happened: every other write waits for the disk.
        self.conn.pragma_update(None, "synchronous", "FULL")?;
        if updated? == 0 {
            self.record(e)?;
        }
        Ok(())
    }

    /// Every attempt at or after `since` (all of them when None), oldest first.
    pub fn entries_since(&self, since: Option<OffsetDateTime>) -> Result<Vec<Entry>, JournalError> {
        let since = since.map(stored_time).unwrap_or_default();
        self.entries_where("at_utc >= ?1", [since])
    }

    /// `terminal`'s attempts on the session any of `codes` names (as scanned, or as the session
    /// the answer named; case does not matter), oldest first: what this till did to one session,
    /// without reading the whole journal.
    pub fn entries_for(&self, terminal: &str, codes: &[&str]) -> Result<Vec<Entry>, JournalError> {
        let codes: Vec<String> = codes.iter().map(|c| c.trim().to_lowercase()).collect();
        let slots = vec!["?"; codes.len().max(1)].join(", ");
        let filter = format!("terminal = ? AND (lower(scanned) IN ({slots}) OR lower(session) IN ({slots}))");
        let mut params = vec![terminal.to_string()];
        let listed = if codes.is_empty() {
            vec![String::new()]
        } else {
            codes
        };
        params.extend(listed.iter().cloned());
        params.extend(listed);
        self.entries_where(&filter, rusqlite::params_from_iter(params))
    }

    fn entries_where(&self, filter: &str, params: impl rusqlite::Params) -> Result<Vec<Entry>, JournalError> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT at_utc, scanned, session, campaign, operation, COALESCE(resolved_outcome, outcome),
                    error_code, message,
                    round_trips, rtt_ms, terminal, cashier, reason, attempt_id
             FROM attempts WHERE {filter} ORDER BY at_utc, id"
        ))?;
        let rows = stmt.query_map(params, |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(4)?,
                r.get::<_, String>(5)?,
                Entry {
                    at_utc: OffsetDateTime::UNIX_EPOCH,
                    scanned: r.get(1)?,
                    session: r.get(2)?,
                    campaign: r.get(3)?,
                    operation: Operation::Validate,
                    outcome: Outcome::Unknown,
                    error_code: r.get(6)?,
                    message: r.get(7)?,
                    round_trips: r.get(8)?,
                    rtt_ms: r
                        .get::<_, Option<i64>>(9)?
                        .map(|ms| u64::try_from(ms).unwrap_or(0)),
                    terminal: r.get(10)?,
                    cashier: r.get(11)?,
                    reason: r.get(12)?,
                    attempt_id: r.get(13)?,
                },
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (at, operation, outcome, mut entry) = row?;
            entry.at_utc = parse_stored_time(&at)?;
            entry.operation = operation.parse()?;
            entry.outcome = outcome.parse()?;
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
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, i64>(2).map(|n| u64::try_from(n).unwrap_or(0))?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (operation, outcome, count) = row?;
            out.push(Count {
                operation: operation.parse()?,
                outcome: outcome.parse()?,
                count,
            });
        }
        Ok(out)
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

/// An entry's columns as `record` and `settle` write them (?1 to ?14, in this order).
fn columns(e: &Entry) -> [Value; 14] {
    [
        stored_time(e.at_utc).into(),
        e.scanned.clone().into(),
        e.session.clone().into(),
        e.campaign.clone().into(),
        e.operation.as_str().to_string().into(),
        e.outcome.as_str().to_string().into(),
        e.error_code.into(),
        e.message.clone().into(),
        e.round_trips.into(),
        e.rtt_ms.map(|ms| i64::try_from(ms).unwrap_or(i64::MAX)).into(),
        e.terminal.clone().into(),
        e.cashier.clone().into(),
        e.reason.clone().into(),
        e.attempt_id.clone().into(),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    fn entry(at: OffsetDateTime, outcome: Outcome) -> Entry {
        Entry {
            at_utc: at,
            scanned: "ac6s7u3g8a25ja7x9qg87".into(),
            session: Some("ac6s7u3g8a25ja7x9qg87".into()),
            campaign: Some("cam_demo01".into()),
            operation: Operation::Validate,
            outcome,
            error_code: None,
            message: "ok".into(),
            round_trips: 2,
            rtt_ms: Some(12),
            terminal: "till-1".into(),
            cashier: Some("Ann".into()),
            reason: None,
            attempt_id: None,
        }
    }

    fn with_id(mut e: Entry, id: &str) -> Entry {
        e.attempt_id = Some(id.into());
        e
    }

    #[test]
    fn an_attempt_in_flight_is_settled_in_place() {
        let dir = tempfile::tempdir().unwrap();
        let j = Journal::open(&dir.path().join("j.sqlite")).unwrap();
        let at = datetime!(2026-11-20 14:00 UTC);
        let row = j.record(&entry(at, Outcome::Unknown)).unwrap();
        let done = entry(at, Outcome::Validated);
        j.settle(row, &done).unwrap();
        assert_eq!(
            j.entries_since(None).unwrap(),
            vec![done.clone()],
            "one row, settled"
        );
        // Another process reading the file sees it too (the write is in the WAL).
        let other = Journal::open(&dir.path().join("j.sqlite")).unwrap();
        assert_eq!(other.entries_since(None).unwrap(), vec![done.clone()]);
        // A row that is gone: the outcome is written anew.
        j.settle(row + 100, &done).unwrap();
        assert_eq!(j.entries_since(None).unwrap().len(), 2);
        let sync: i64 = j
            .conn
            .pragma_query_value(None, "synchronous", |r| r.get(0))
            .unwrap();
        assert_eq!(sync, 2, "every other write is synced again (FULL)");
    }

    #[test]
    fn entries_come_back_as_written_in_time_order() {
        let j = Journal::open_in_memory().unwrap();
        let late = entry(datetime!(2026-11-20 14:03:00.5 UTC), Outcome::AlreadyValidated);
        let early = entry(datetime!(2026-11-20 09:00:00 UTC), Outcome::Validated);
        j.record(&late).unwrap();
        j.record(&early).unwrap();
        assert_eq!(j.entries_since(None).unwrap(), vec![early, late.clone()]);
        assert_eq!(
            j.entries_since(Some(datetime!(2026-11-20 12:00 UTC))).unwrap(),
            vec![late]
        );
    }

    #[test]
    fn entries_for_one_session_are_this_tills_by_code_or_session_in_any_case() {
        let j = Journal::open_in_memory().unwrap();
        let at = datetime!(2026-11-20 14:00 UTC);
        let scanned_short = Entry {
            scanned: "AC6S7U".into(),
            ..entry(at, Outcome::Validated)
        };
        let other_session = Entry {
            scanned: "zzzzzz".into(),
            session: Some("zzzzzzzzzzzzzzzzzzzzz".into()),
            ..entry(at, Outcome::Validated)
        };
        let other_till = Entry {
            terminal: "till-2".into(),
            ..entry(at, Outcome::Validated)
        };
        for e in [&scanned_short, &other_session, &other_till] {
            j.record(e).unwrap();
        }
        let mine = j.entries_for("till-1", &["ac6s7u3g8a25ja7x9qg87"]).unwrap();
        assert_eq!(
            mine,
            vec![scanned_short.clone()],
            "by the session the answer named"
        );
        let by_scan = Entry {
            scanned: "ac6s7u".into(),
            session: None,
            ..entry(at, Outcome::Unknown)
        };
        j.record(&by_scan).unwrap();
        assert_eq!(
            j.entries_for("till-1", &["Ac6s7u"]).unwrap(),
            vec![scanned_short, by_scan],
            "by what was scanned"
        );
        assert!(j.entries_for("till-1", &[]).unwrap().is_empty());
    }

    #[test]
    fn counts_group_by_operation_and_outcome() {
        let j = Journal::open_in_memory().unwrap();
        for o in [Outcome::Validated, Outcome::Validated, Outcome::Expired] {
            j.record(&entry(datetime!(2026-11-20 10:00 +1), o)).unwrap();
        }
        j.record(&entry(datetime!(2026-11-19 10:00 UTC), Outcome::Validated))
            .unwrap();
        let counts = j.counts_since(datetime!(2026-11-20 00:00 UTC)).unwrap();
        let pairs: Vec<_> = counts.iter().map(|c| (c.outcome, c.count)).collect();
        assert_eq!(pairs, vec![(Outcome::Expired, 1), (Outcome::Validated, 2)]);
    }

    #[test]
    fn every_word_reads_back_as_what_was_written() {
        for op in Operation::ALL {
            assert_eq!(op.as_str().parse::<Operation>().ok(), Some(*op));
        }
        for o in Outcome::ALL {
            assert_eq!(o.as_str().parse::<Outcome>().ok(), Some(*o));
        }
        let words: std::collections::HashSet<_> = Outcome::ALL.iter().map(|o| o.as_str()).collect();
        assert_eq!(words.len(), Outcome::ALL.len(), "two outcomes share a word");
        assert!("validatd".parse::<Outcome>().is_err());
    }

    #[test]
    fn unknown_attempts_are_found_and_resolved_once() {
        let j = Journal::open_in_memory().unwrap();
        let at = datetime!(2026-11-20 10:00 UTC);
        j.record(&with_id(entry(at, Outcome::Unknown), "k3f9x2ab7q"))
            .unwrap();
        j.record(&with_id(entry(at, Outcome::Validated), "m4g8y3bc8r"))
            .unwrap();
        let mut other_till = with_id(entry(at, Outcome::Unknown), "n5h9z4cd9s");
        other_till.terminal = "till-2".into();
        j.record(&other_till).unwrap();
        let open = j.unresolved("till-1", &[Outcome::Unknown], at, 10).unwrap();
        assert_eq!(open.len(), 1);
        assert_eq!(open[0].attempt_id, "k3f9x2ab7q");
        assert!(j.resolve("k3f9x2ab7q", Outcome::Validated, at).unwrap());
        assert!(!j.resolve("k3f9x2ab7q", Outcome::AlreadyValidated, at).unwrap());
        assert!(j
            .unresolved("till-1", &[Outcome::Unknown], at, 10)
            .unwrap()
            .is_empty());
        let counts = j.counts_since(at).unwrap();
        let pairs: Vec<_> = counts.iter().map(|c| (c.outcome, c.count)).collect();
        assert_eq!(pairs, vec![(Outcome::Unknown, 1), (Outcome::Validated, 2)]);
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
        j.record(&with_id(entry(at, Outcome::Unknown), "k3f9x2ab7q"))
            .unwrap();
        assert_eq!(
            j.unresolved("till-1", &[Outcome::Unknown], at, 10).unwrap().len(),
            1
        );
        drop(j);
        assert!(Journal::open(&path).is_ok(), "opening twice adds nothing twice");
    }

    #[test]
    fn journal_on_disk_survives_reopening() {
        let dir = tempfile::tempdir().unwrap();
        {
            let j = Journal::open_in(dir.path(), JOURNAL_FILE).unwrap();
            j.record(&entry(datetime!(2026-11-20 10:00 UTC), Outcome::Validated))
                .unwrap();
        }
        let j = Journal::open_in(dir.path(), JOURNAL_FILE).unwrap();
        assert_eq!(j.entries_since(None).unwrap().len(), 1);
    }
}
