//! A sync: copy the sessions of the campaigns this till accepts (`campaign/data`, pages of
//! 5,000) and the coupons' titles (`coupon/list`) into the mirror.
//!
//! Fetching and writing overlap: pages are decoded a slice at a time and the slices go over a
//! small channel to a writer on a blocking thread that holds one transaction for the whole
//! sync. Readers keep the previous copy until the commit; a sync that fails half-way changes
//! nothing.

use super::mirror::{MirrorStatus, MirrorWriter};
use super::{Mirror, OfflineError};
use crate::api::coupons::CouponFilter;
use crate::api::session_lists::{ListQuery, ListedPage, SessionList};
use crate::api::{CampaignId, Client, Session};
use std::path::Path;
use std::time::{Duration, Instant};
use time::OffsetDateTime;
use tokio::sync::mpsc;

/// What a sync did and what the mirror now holds.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct SyncReport {
    /// Sessions copied by this sync.
    pub fetched: u64,
    #[serde(serialize_with = "millis")]
    pub took: Duration,
    pub mirror: MirrorStatus,
}

fn millis<S: serde::Serializer>(d: &Duration, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_u64(u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
}

/// What the fetching side tells the writer.
enum Write {
    Begin(String),
    /// Some of a campaign's sessions.
    Sessions(String, Vec<Session>),
    End {
        campaign: String,
        offer: Option<String>,
        synced_at: OffsetDateTime,
    },
    Commit {
        keep: Vec<String>,
    },
}

/// Copies `campaigns` (every campaign of the account when empty) into the mirror at `path`.
pub async fn sync(
    client: &Client,
    path: &Path,
    campaigns: &[CampaignId],
) -> Result<SyncReport, OfflineError> {
    let started = Instant::now();
    let coupons = client.coupon_list(&CouponFilter::default()).await?;
    let targets: Vec<CampaignId> = if campaigns.is_empty() {
        coupons
            .iter()
            .filter_map(|c| CampaignId::parse(&c.id).ok())
            .collect()
    } else {
        campaigns.to_vec()
    };
    let offer_of = |id: &CampaignId| {
        coupons
            .iter()
            .find(|c| c.id == id.as_str())
            .and_then(|c| c.title.clone().or_else(|| c.name.clone()))
    };

    let (tx, rx) = mpsc::channel::<Write>(1);
    let writer = tokio::task::spawn_blocking({
        let path = path.to_path_buf();
        move || write_all(&path, rx)
    });
    let fetched = async {
        let mut fetched = 0u64;
        for id in &targets {
            // The copy is at least as old as the moment its first page was asked for.
            let synced_at = OffsetDateTime::now_utc();
            send(&tx, Write::Begin(id.as_str().to_string())).await?;
            fetched += fetch_campaign(client, id, &tx).await?;
            send(
                &tx,
                Write::End {
                    campaign: id.as_str().to_string(),
                    offer: offer_of(id),
                    synced_at,
                },
            )
            .await?;
        }
        let keep = targets.iter().map(|c| c.as_str().to_string()).collect();
        send(&tx, Write::Commit { keep }).await?;
        Ok::<u64, OfflineError>(fetched)
    }
    .await;
    // Closing the channel ends the writer: after Commit it has committed; otherwise it rolls back.
    drop(tx);
    let written = writer.await.map_err(|_| OfflineError::Writer)?;
    let fetched = fetched?;
    let mirror = written?;
    Ok(SyncReport {
        fetched,
        took: started.elapsed(),
        mirror,
    })
}

/// Pages asked for at once, while the writer inserts the last. Two were measured faster on
/// cam_demo03 (667 vs 816 ms, loaded 2-core machine); one is kept as the gentler load on the
/// server, and because every page in flight is a page of text held in memory.
const PAGES_IN_FLIGHT: usize = 1;

/// Sessions handed to the writer at a time: a page is decoded slice by slice, so the sync holds
/// a page's text and a slice or two of sessions, never a whole page of decoded sessions.
const SLICE: usize = 250;

/// Every page of one campaign, in order, to the writer. The first page says how many there
/// are; the rest follow, [`PAGES_IN_FLIGHT`] at a time. A server that does not say pages on until a short
/// page, one at a time. (A session seen twice is written once: the writer replaces by code.)
async fn fetch_campaign(
    client: &Client,
    id: &CampaignId,
    tx: &mpsc::Sender<Write>,
) -> Result<u64, OfflineError> {
    use futures::StreamExt;
    let query = |page: u32| ListQuery {
        page,
        ..ListQuery::new(id.clone(), SessionList::All)
    };
    let first = client.session_page(&query(1)).await?;
    let total_pages = first.total_pages;
    let last = first.is_last();
    let mut fetched = forward(id, first, tx).await?;
    if last {
        return Ok(fetched);
    }
    if let Some(total) = total_pages.filter(|t| *t <= MAX_PAGES) {
        let mut pages = futures::stream::iter(2..=total)
            .map(|p| {
                let q = query(p);
                async move { client.session_page(&q).await }
            })
            .buffered(PAGES_IN_FLIGHT);
        while let Some(page) = pages.next().await {
            fetched += forward(id, page?, tx).await?;
        }
        return Ok(fetched);
    }
    let mut pages = client.session_pages(query(2));
    while let Some(page) = pages.next_page().await {
        let sessions = page?.sessions;
        fetched += sessions.len() as u64;
        for slice in sessions.chunks(SLICE) {
            send(tx, Write::Sessions(id.as_str().to_string(), slice.to_vec())).await?;
        }
    }
    Ok(fetched)
}

/// One page's sessions to the writer, decoded a slice at a time.
async fn forward(id: &CampaignId, page: ListedPage, tx: &mpsc::Sender<Write>) -> Result<u64, OfflineError> {
    let mut sessions = page.sessions();
    let mut sent = 0u64;
    loop {
        let slice = sessions
            .by_ref()
            .take(SLICE)
            .collect::<Result<Vec<Session>, _>>()?;
        if slice.is_empty() {
            return Ok(sent);
        }
        sent += slice.len() as u64;
        send(tx, Write::Sessions(id.as_str().to_string(), slice)).await?;
    }
}

/// A bound on the pages of one campaign (as `SessionPager` has): 100 million sessions.
const MAX_PAGES: u32 = 20_000;

async fn send(tx: &mpsc::Sender<Write>, w: Write) -> Result<(), OfflineError> {
    tx.send(w).await.map_err(|_| OfflineError::Writer)
}

/// The writer: one transaction, committed only on `Commit`.
fn write_all(path: &Path, mut rx: mpsc::Receiver<Write>) -> Result<MirrorStatus, OfflineError> {
    let mut mirror = Mirror::open(path)?;
    {
        let conn = mirror.conn_mut();
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        {
            let mut writer = MirrorWriter::new(&tx)?;
            let mut committed = false;
            while let Some(w) = rx.blocking_recv() {
                match w {
                    Write::Begin(campaign) => {
                        MirrorWriter::keep_learned(&tx, &campaign)?;
                        MirrorWriter::clear_campaign(&tx, &campaign)?;
                    }
                    Write::Sessions(campaign, sessions) => {
                        for s in &sessions {
                            writer.insert(&campaign, s)?;
                        }
                    }
                    Write::End {
                        campaign,
                        offer,
                        synced_at,
                    } => {
                        MirrorWriter::restore_learned(&tx, &campaign)?;
                        MirrorWriter::finish_campaign(&tx, &campaign, offer.as_deref(), synced_at)?;
                    }
                    Write::Commit { keep } => {
                        MirrorWriter::keep_only(&tx, &keep)?;
                        committed = true;
                    }
                }
            }
            if !committed {
                // The fetching side failed; dropping the transaction rolls it back.
                return Err(OfflineError::Writer);
            }
        }
        tx.commit()?;
    }
    mirror.status()
}
