//! What the mirror and the outbox share: opening a SQLite file durably, and times as integers.

use super::OfflineError;
use std::path::Path;
use time::OffsetDateTime;

/// Opens (creating when needed) a database file; its directory is created too.
/// WAL lets the kiosk read while a sync or the CLI writes; `synchronous` is the caller's choice.
pub(crate) fn open(path: &Path, synchronous: &str) -> Result<rusqlite::Connection, OfflineError> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|source| OfflineError::CreateDir {
            path: dir.to_path_buf(),
            source,
        })?;
    }
    let conn = rusqlite::Connection::open(path).map_err(|source| OfflineError::Open {
        path: path.to_path_buf(),
        source,
    })?;
    conn.pragma_update_and_check(None, "journal_mode", "WAL", |_| Ok(()))?;
    conn.pragma_update(None, "synchronous", synchronous)?;
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    Ok(conn)
}

/// Times are stored as Unix milliseconds (UTC): they sort, compare and index as integers.
pub(crate) fn to_ms(t: OffsetDateTime) -> i64 {
    i64::try_from(t.unix_timestamp_nanos() / 1_000_000).unwrap_or(i64::MAX)
}

pub(crate) fn from_ms(ms: i64) -> OffsetDateTime {
    OffsetDateTime::from_unix_timestamp_nanos(i128::from(ms) * 1_000_000)
        .unwrap_or(OffsetDateTime::UNIX_EPOCH)
}

pub(crate) fn opt_from_ms(ms: Option<i64>) -> Option<OffsetDateTime> {
    ms.map(from_ms)
}
