//! Coupons (campaigns), their folders and categories.

use crate::sandbox::dates;
use crate::sandbox::rules::Expiry;
use rusqlite::{Connection, OptionalExtension, Row};
use time::OffsetDateTime;

/// One coupon as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CampaignRow {
    pub id: String,
    pub name: String,
    pub title: String,
    /// The coupon's printed (static) code, '' when it has none.
    pub code: String,
    /// `active` or `inactive`.
    pub status: String,
    pub folder: Option<String>,
    pub tags: Vec<String>,
    pub category: Option<String>,
    /// Fixed expiration date for new sessions (`None`: none, or flexible).
    pub expiration: Option<OffsetDateTime>,
    /// Flexible expiry: a session expires this many days after it is activated.
    pub flexible_days: Option<i64>,
    pub created: OffsetDateTime,
}

impl CampaignRow {
    pub fn expiry(&self) -> Expiry {
        match self.flexible_days {
            Some(days) => Expiry::Flexible(time::Duration::days(days)),
            None => Expiry::Fixed,
        }
    }

    pub fn is_active(&self) -> bool {
        self.status == "active"
    }
}

const SELECT: &str = "SELECT id, name, title, code, status, folder, tags, category, expiration_date,
    flexible_days, created_date FROM campaigns";

fn from_row(r: &Row<'_>) -> rusqlite::Result<CampaignRow> {
    let tags: String = r.get(6)?;
    Ok(CampaignRow {
        id: r.get(0)?,
        name: r.get(1)?,
        title: r.get(2)?,
        code: r.get(3)?,
        status: r.get(4)?,
        folder: r.get(5)?,
        tags: tags
            .split(',')
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(str::to_string)
            .collect(),
        category: r.get(7)?,
        expiration: r.get::<_, Option<String>>(8)?.as_deref().and_then(dates::parse),
        flexible_days: r.get(9)?,
        created: r
            .get::<_, String>(10)
            .ok()
            .as_deref()
            .and_then(dates::parse)
            .unwrap_or(OffsetDateTime::UNIX_EPOCH),
    })
}

pub fn find(conn: &Connection, id: &str) -> rusqlite::Result<Option<CampaignRow>> {
    conn.prepare_cached(&format!("{SELECT} WHERE id = ?1"))?
        .query_row([id], from_row)
        .optional()
}

/// Every coupon, in id order.
pub fn all(conn: &Connection) -> rusqlite::Result<Vec<CampaignRow>> {
    let mut stmt = conn.prepare(&format!("{SELECT} ORDER BY id"))?;
    let rows = stmt.query_map([], from_row)?;
    rows.collect()
}

pub fn insert(conn: &Connection, c: &CampaignRow) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO campaigns (id, name, title, code, status, folder, tags, category,
            expiration_date, flexible_days, created_date)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        rusqlite::params![
            c.id,
            c.name,
            c.title,
            c.code,
            c.status,
            c.folder,
            c.tags.join(","),
            c.category,
            c.expiration.map(dates::format),
            c.flexible_days,
            dates::format(c.created),
        ],
    )?;
    Ok(())
}

pub fn insert_folder(conn: &Connection, id: &str, name: &str) -> rusqlite::Result<()> {
    conn.execute("INSERT INTO folders (id, name) VALUES (?1, ?2)", [id, name])?;
    Ok(())
}

pub fn insert_category(conn: &Connection, id: &str, name: &str) -> rusqlite::Result<()> {
    conn.execute("INSERT INTO categories (id, name) VALUES (?1, ?2)", [id, name])?;
    Ok(())
}

pub fn folder_name(conn: &Connection, id: &str) -> rusqlite::Result<Option<String>> {
    conn.query_row("SELECT name FROM folders WHERE id = ?1", [id], |r| r.get(0))
        .optional()
}

pub fn category_name(conn: &Connection, id: &str) -> rusqlite::Result<Option<String>> {
    conn.query_row("SELECT name FROM categories WHERE id = ?1", [id], |r| r.get(0))
        .optional()
}
