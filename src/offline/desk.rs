//! The counter's side of offline work: a scan in, an offline verdict out, and — for an
//! acceptance — the outbox entry on disk before the verdict is returned. Also the mirror
//! look-up and the counts a status bar shows.

use super::decide::{decide, pick, OfflineVerdict};
use super::mirror::{Mirror, MirrorRecord, MirrorStatus};
use super::outbox::{NewEntry, Outbox, OutboxCounts, OutboxEntry};
use super::settings::OfflineSettings;
use super::OfflineError;
use crate::scan::Scanned;
use crate::tag::AttemptId;
use std::path::Path;
use time::OffsetDateTime;

/// Who is at the till, as the outbox and the forwarded tag record it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Till {
    pub terminal: String,
    pub cashier: Option<String>,
}

pub struct Desk {
    mirror: Mirror,
    outbox: Outbox,
    settings: OfflineSettings,
    till: Till,
}

/// The status bar's offline part.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct DeskStatus {
    pub mirror: MirrorStatus,
    pub outbox: OutboxCounts,
}

impl Desk {
    /// Opens the mirror and the outbox in `data_dir` (creating them when needed).
    pub fn open(data_dir: &Path, settings: OfflineSettings, till: Till) -> Result<Desk, OfflineError> {
        Ok(Desk {
            mirror: Mirror::open(&super::mirror_path(data_dir))?,
            outbox: Outbox::open_for_counter(&super::outbox_path(data_dir))?,
            settings,
            till,
        })
    }

    pub fn settings(&self) -> &OfflineSettings {
        &self.settings
    }

    /// The offline verdict for a scan. An acceptance is in the outbox (synced) when this returns.
    pub fn scan(
        &self,
        scanned: &Scanned,
        raw: &str,
        now: OffsetDateTime,
    ) -> Result<OfflineVerdict, OfflineError> {
        let found = self.find(scanned)?;
        let record = pick(&found, now);
        let prior = match record {
            Ok(r) => self.outbox.latest_for_session(&r.session.session)?,
            Err(_) => None,
        };
        let verdict = decide(&self.settings, record, prior.as_ref(), now);
        if let OfflineVerdict::AcceptedOffline { record } = &verdict {
            self.outbox.accept(&NewEntry {
                attempt: AttemptId::random(),
                session: record.session.session.clone(),
                campaign: record.session.campaign.clone(),
                scanned: raw.trim().to_string(),
                customer: record.session.customer.full_name(),
                offer: record.offer.clone(),
                accepted_at: now,
                terminal: self.till.terminal.clone(),
                cashier: self.till.cashier.clone(),
                mirror_synced_at: record.synced_at,
            })?;
        }
        Ok(verdict)
    }

    /// The sessions a scanned code names in the mirror (by its indexed code columns only).
    pub fn find(&self, scanned: &Scanned) -> Result<Vec<MirrorRecord>, OfflineError> {
        Ok(match scanned {
            Scanned::SessionCode(c) => self.mirror.by_session(c)?.into_iter().collect(),
            Scanned::ShortCode(c) => self.mirror.by_prefix(c)?,
            Scanned::CustomCode(c) => self.mirror.by_custom_code(c)?,
            Scanned::Email(_) | Scanned::Phone(_) => {
                return Err(OfflineError::InvalidInput(
                    "That is an email address or phone number: look the customer up, then pick a coupon."
                        .into(),
                ))
            }
        })
    }

    /// Staff look-up in the mirror: code, code prefix, custom code, part of a name/email/phone.
    pub fn lookup(&self, text: &str) -> Result<Vec<MirrorRecord>, OfflineError> {
        self.mirror.search(text)
    }

    /// What the mirror holds of a scan when every session it names is of a campaign this till
    /// does not accept (WRONG COUPON, online too). None when the till accepts every campaign,
    /// the mirror does not hold the code, or one of its sessions is of an accepted campaign.
    pub fn wrong_campaign(&self, scanned: &Scanned) -> Result<Option<MirrorRecord>, OfflineError> {
        if self.settings.campaigns.is_empty() {
            return Ok(None);
        }
        let found = match scanned {
            Scanned::SessionCode(c) => self.mirror.by_session(c)?.into_iter().collect(),
            Scanned::ShortCode(c) => self.mirror.by_prefix(c)?,
            Scanned::CustomCode(c) => self.mirror.by_custom_code(c)?,
            Scanned::Email(_) | Scanned::Phone(_) => vec![],
        };
        Ok(wrong_of(&self.settings, found))
    }

    /// Whether the mirror holds any session `scanned` names.
    pub fn holds(&self, scanned: &Scanned) -> Result<bool, OfflineError> {
        Ok(match scanned {
            Scanned::SessionCode(c) => self.mirror.by_session(c)?.is_some(),
            Scanned::ShortCode(c) => !self.mirror.by_prefix(c)?.is_empty(),
            Scanned::CustomCode(c) => !self.mirror.by_custom_code(c)?.is_empty(),
            Scanned::Email(_) | Scanned::Phone(_) => false,
        })
    }

    /// Whether this till accepts coupons of `campaign` (online too: WRONG COUPON).
    pub fn accepts_campaign(&self, campaign: &str) -> bool {
        self.settings.accepts_campaign(campaign)
    }

    pub fn status(&self) -> Result<DeskStatus, OfflineError> {
        Ok(DeskStatus {
            mirror: self.mirror.status()?,
            outbox: self.outbox.counts()?,
        })
    }

    pub fn conflicts(&self, include_seen: bool) -> Result<Vec<OutboxEntry>, OfflineError> {
        self.outbox.conflicts(None, include_seen)
    }

    pub fn mark_seen(&self, ids: &[i64], by: Option<&str>) -> Result<usize, OfflineError> {
        self.outbox.mark_seen(ids, by, OffsetDateTime::now_utc())
    }
}

/// The first of `found` when none of them is of a campaign `settings` accepts (and there is one).
pub fn wrong_of(settings: &OfflineSettings, found: Vec<MirrorRecord>) -> Option<MirrorRecord> {
    if found
        .iter()
        .any(|r| settings.accepts_campaign(&r.session.campaign))
    {
        return None;
    }
    found.into_iter().next()
}
