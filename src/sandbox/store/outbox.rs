//! Messages the sandbox "sent" (email, SMS, push) and the SMS opt-out list. Nothing leaves
//! the machine: a test reads the outbox to see what a customer would have received.

use crate::sandbox::dates;
use rusqlite::Connection;
use time::OffsetDateTime;

/// How a message went out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Channel {
    Email,
    Sms,
    Push,
}

impl Channel {
    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Email => "email",
            Channel::Sms => "sms",
            Channel::Push => "push",
        }
    }

    fn parse(s: &str) -> Channel {
        match s {
            "email" => Channel::Email,
            "sms" => Channel::Sms,
            _ => Channel::Push,
        }
    }
}

/// One message in the outbox.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutboxMessage {
    pub channel: Channel,
    pub campaign: String,
    /// Email address, E.164 phone number, or (push) the session code of the wallet pass.
    pub recipient: String,
    /// The coupon session the message carries.
    pub session: String,
    pub subject: String,
    pub body: String,
    pub sent_at: OffsetDateTime,
}

pub fn push(conn: &Connection, m: &OutboxMessage) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "INSERT INTO outbox (channel, campaign, recipient, session, subject, body, sent_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(rusqlite::params![
        m.channel.as_str(),
        m.campaign,
        m.recipient,
        m.session,
        m.subject,
        m.body,
        dates::format(m.sent_at),
    ])?;
    Ok(())
}

/// Every message, oldest first.
pub fn all(conn: &Connection) -> rusqlite::Result<Vec<OutboxMessage>> {
    let mut stmt = conn.prepare(
        "SELECT channel, campaign, recipient, session, subject, body, sent_at FROM outbox ORDER BY id",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(OutboxMessage {
            channel: Channel::parse(&r.get::<_, String>(0)?),
            campaign: r.get(1)?,
            recipient: r.get(2)?,
            session: r.get(3)?,
            subject: r.get(4)?,
            body: r.get(5)?,
            sent_at: dates::parse(&r.get::<_, String>(6)?).unwrap_or(OffsetDateTime::UNIX_EPOCH),
        })
    })?;
    rows.collect()
}

/// Whether an email address already received this coupon (for `check_unique`).
pub fn email_already_sent(conn: &Connection, campaign: &str, email: &str) -> rusqlite::Result<bool> {
    conn.prepare_cached(
        "SELECT 1 FROM outbox WHERE channel = 'email' AND campaign = ?1 AND recipient = ?2 COLLATE NOCASE",
    )?
    .exists([campaign, email])
}

pub fn opt_out(conn: &Connection, e164: &str) -> rusqlite::Result<()> {
    conn.execute("INSERT OR IGNORE INTO optouts (phone) VALUES (?1)", [e164])?;
    Ok(())
}

pub fn is_opted_out(conn: &Connection, e164: &str) -> rusqlite::Result<bool> {
    conn.prepare_cached("SELECT 1 FROM optouts WHERE phone = ?1")?
        .exists([e164])
}
