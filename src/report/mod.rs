//! Validations across every till of the account: who (till, cashier, from the validation tag
//! each till writes into its tag custom field, see [`ValidationTag`]), when and for how much,
//! totalled per group. Used by `coupon-kiosk report`; pure except for [`collect`], which pages
//! through the API.
//!
//! The published `campaign/validations` record carries dates and state but no customer fields
//! and no money spent, so a record without them is completed with one `couponsession/data`
//! call (several in flight at once), or from the [`ReportCache`] of sessions read before; a
//! server whose list records do carry `customfieldN` and `money_spent` is read in one pass.

pub mod cache;
pub use cache::ReportCache;

use crate::api::coupons::CouponFilter;
use crate::api::session_lists::{FilterDate, ListQuery, SessionList};
use crate::api::{ApiError, CampaignId, Client, Session, SessionCode};
use crate::tag::ValidationTag;
use futures::{StreamExt, TryStreamExt};
use rust_decimal::Decimal;
use serde_json::Value;
use std::collections::{BTreeMap, HashMap, HashSet};
use time::{Duration, OffsetDateTime, UtcOffset};

/// `couponsession/data` calls in flight at once while completing list records.
const DETAIL_CONCURRENCY: usize = 16;
/// A bound on pages per coupon: a server that keeps answering full pages must not keep a
/// report running forever (100 million validations is far beyond any account).
const MAX_PAGES: u32 = 20_000;
/// The group of validations that carry no tag (validated elsewhere, or before tags existed).
pub const UNTAGGED: &str = "(untagged)";
/// The cashier group of tags written without a cashier.
pub const NO_CASHIER: &str = "(no cashier)";

/// What the totals are grouped by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroupBy {
    /// The terminal id in the tag
    Till,
    /// The cashier in the tag
    Cashier,
    /// The hour of the validation, in local time (see [`totals_in`])
    Hour,
    /// The coupon
    Campaign,
}

/// One validation as the report needs it.
#[derive(Debug, Clone, PartialEq)]
pub struct Validation {
    pub campaign: String,
    pub tag: Option<ValidationTag>,
    pub validated_at: Option<OffsetDateTime>,
    pub money_spent: Option<Decimal>,
}

/// One line of the report.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct GroupTotal {
    pub group: String,
    pub count: u64,
    /// Three decimals, as the API writes money: `"150.000"`.
    pub money_spent: String,
}

impl Validation {
    /// Reads one session; `tag_field` is 1..=7.
    pub fn of(s: &Session, tag_field: u8) -> Validation {
        let field = s
            .customfields
            .get(usize::from(tag_field).saturating_sub(1))
            .and_then(Option::as_deref);
        Validation {
            campaign: s.campaign.clone(),
            tag: field.and_then(ValidationTag::parse),
            validated_at: s.validation_date_utc,
            money_spent: s.money_spent,
        }
    }

    fn group(&self, by: GroupBy, offset_at: &dyn Fn(OffsetDateTime) -> UtcOffset) -> String {
        match by {
            GroupBy::Till => self
                .tag
                .as_ref()
                .map_or_else(|| UNTAGGED.to_string(), |t| t.terminal.clone()),
            GroupBy::Cashier => match &self.tag {
                None => UNTAGGED.to_string(),
                Some(t) => t.cashier.clone().unwrap_or_else(|| NO_CASHIER.to_string()),
            },
            GroupBy::Hour => self.validated_at.map_or_else(
                || "(no date)".to_string(),
                |t| {
                    let t = t.to_offset(offset_at(t));
                    format!(
                        "{:04}-{:02}-{:02} {:02}:00",
                        t.year(),
                        u8::from(t.month()),
                        t.day(),
                        t.hour()
                    )
                },
            ),
            GroupBy::Campaign => self.campaign.clone(),
        }
    }
}

/// Count and money per group, hours in UTC; see [`totals_in`].
pub fn totals<'a>(validations: impl IntoIterator<Item = &'a Validation>, by: GroupBy) -> Vec<GroupTotal> {
    totals_in(validations, by, &|_| UtcOffset::UTC)
}

/// Count and money per group; named groups in order, the placeholder groups `(...)` last.
/// Hours are local: `offset_at` gives the offset from UTC in force at an instant (a manager
/// reads "10:00" as the clock on the shop's wall, daylight saving included).
pub fn totals_in<'a>(
    validations: impl IntoIterator<Item = &'a Validation>,
    by: GroupBy,
    offset_at: &dyn Fn(OffsetDateTime) -> UtcOffset,
) -> Vec<GroupTotal> {
    let mut groups: BTreeMap<(bool, String), (u64, Decimal)> = BTreeMap::new();
    for v in validations {
        let name = v.group(by, offset_at);
        let entry = groups.entry((name.starts_with('('), name)).or_default();
        entry.0 += 1;
        entry.1 += v.money_spent.unwrap_or_default();
    }
    groups
        .into_iter()
        .map(|((_, group), (count, money))| GroupTotal {
            group,
            count,
            money_spent: money_text(money),
        })
        .collect()
}

/// Every validation in one line, `total`.
pub fn grand_total<'a>(validations: impl IntoIterator<Item = &'a Validation>) -> GroupTotal {
    let (count, money) = validations.into_iter().fold((0u64, Decimal::ZERO), |(n, m), v| {
        (n + 1, m + v.money_spent.unwrap_or_default())
    });
    GroupTotal {
        group: "total".into(),
        count,
        money_spent: money_text(money),
    }
}

/// `150` -> `"150.000"`.
pub fn money_text(m: Decimal) -> String {
    format!("{:.3}", m.round_dp(3))
}

/// The period, inclusive at both ends: a date without a time ends at the end of that day.
#[derive(Debug, Clone)]
pub struct Period {
    pub since: FilterDate,
    pub until: Option<FilterDate>,
}

impl Period {
    pub fn parse(since: &str, until: Option<&str>) -> Result<Period, ApiError> {
        let period = Period {
            since: FilterDate::parse(since)?,
            until: until.map(FilterDate::parse).transpose()?,
        };
        if let Some(u) = &period.until {
            if period.since.at() > u.at() {
                return Err(ApiError::InvalidInput(format!(
                    "--since {} is after --until {}: swap them.",
                    period.since.wire(),
                    u.wire()
                )));
            }
        }
        Ok(period)
    }

    /// The last instant inside the period.
    fn end(&self) -> Option<OffsetDateTime> {
        self.until.as_ref().map(|u| {
            let step = if u.wire().len() > 10 {
                Duration::minutes(1)
            } else {
                Duration::days(1)
            };
            u.at() + step - Duration::nanoseconds(1)
        })
    }

    /// Whether a validation falls in the period (the server filters too; this keeps a server
    /// that ignores the filter from inflating the report).
    pub fn contains(&self, at: Option<OffsetDateTime>) -> bool {
        match at {
            None => true,
            Some(at) => at >= self.since.at() && self.end().is_none_or(|end| at <= end),
        }
    }
}

/// Every validation of the period in these coupons, each completed with its tag and money.
pub async fn collect(
    client: &Client,
    campaigns: &[CampaignId],
    period: &Period,
    tag_field: u8,
) -> Result<Vec<Validation>, ApiError> {
    collect_with(client, campaigns, period, tag_field, None).await
}

/// [`collect`], completing list records from `cache` where it knows them (and keeping there what
/// it reads): only sessions validated since the last report are read one by one.
pub async fn collect_with(
    client: &Client,
    campaigns: &[CampaignId],
    period: &Period,
    tag_field: u8,
    cache: Option<&ReportCache>,
) -> Result<Vec<Validation>, ApiError> {
    let mut out = Vec::new();
    for campaign in campaigns {
        let mut query = ListQuery::new(campaign.clone(), SessionList::Validations);
        query.start_date = Some(period.since.clone());
        query.end_date = period.until.clone();
        let mut seen = HashSet::new();
        for page in 1..=MAX_PAGES {
            query.page = page;
            let listed = client.session_page(&query).await?;
            let mut complete = Vec::new();
            let mut incomplete: Vec<(String, Option<OffsetDateTime>)> = Vec::new();
            let mut fresh = 0usize;
            for record in listed.records() {
                let (record, s) = record?;
                if !seen.insert(s.session.clone()) {
                    continue;
                }
                fresh += 1;
                if !period.contains(s.validation_date_utc) {
                    continue;
                }
                if carries_tag_and_money(&record, tag_field) {
                    complete.push(Validation::of(&s, tag_field))
                } else {
                    incomplete.push((s.session.clone(), s.validation_date_utc))
                }
            }
            out.extend(complete);
            let (known, unknown) = from_cache(cache, campaign, incomplete, tag_field);
            out.extend(known);
            out.extend(completed(client, campaign, unknown, tag_field, period, cache).await?);
            if listed.is_last() {
                break;
            }
            if fresh == 0 {
                // A full page of nothing new: the server is ignoring `page`. Stop rather than loop.
                return Err(ApiError::unexpected_ok(format!(
                    "page {page} of {} repeats earlier pages",
                    campaign.as_str()
                )));
            }
            if page == MAX_PAGES {
                return Err(ApiError::unexpected_ok(format!(
                    "more than {MAX_PAGES} pages of validations"
                )));
            }
        }
    }
    Ok(out)
}

/// Whether a list record itself holds the tag field and the money spent (even empty), in any
/// of the places a session object may put them.
fn carries_tag_and_money(record: &Value, tag_field: u8) -> bool {
    let has = |key: &str, places: &[&str]| {
        places
            .iter()
            .filter_map(|p| record.pointer(p).and_then(Value::as_object))
            .any(|m| m.contains_key(key))
    };
    has(&format!("customfield{tag_field}"), &["/data/user", "/user", ""])
        && has("money_spent", &["/data/status", "/status", ""])
}

/// The list records the cache knows (by session and listed validation date), and those it does
/// not. A cache that cannot be read is only slower: everything is then read from the server.
fn from_cache(
    cache: Option<&ReportCache>,
    campaign: &CampaignId,
    listed: Vec<(String, Option<OffsetDateTime>)>,
    tag_field: u8,
) -> (Vec<Validation>, Vec<(String, Option<OffsetDateTime>)>) {
    let Some(cache) = cache else {
        return (Vec::new(), listed);
    };
    let (dated, undated): (Vec<_>, Vec<_>) = listed.into_iter().partition(|(_, at)| at.is_some());
    let keys: Vec<(String, OffsetDateTime)> = dated
        .iter()
        .filter_map(|(code, at)| at.map(|at| (code.clone(), at)))
        .collect();
    let found = match cache.get_many(&keys, tag_field) {
        Ok(found) => found,
        Err(e) => {
            tracing::warn!(error = %e, "report cache not read; reading every session");
            vec![None; keys.len()]
        }
    };
    let mut known = Vec::new();
    let mut unknown = undated;
    for ((code, at), hit) in keys.into_iter().zip(found) {
        match hit {
            Some(c) => known.push(Validation {
                campaign: if c.campaign.is_empty() {
                    campaign.as_str().to_string()
                } else {
                    c.campaign
                },
                tag: c.tag_text.as_deref().and_then(ValidationTag::parse),
                validated_at: Some(at),
                money_spent: c.money_spent.and_then(|m| m.parse().ok()),
            }),
            None => unknown.push((code, Some(at))),
        }
    }
    (known, unknown)
}

/// Completes list records with `couponsession/data`, several calls in flight, and keeps what
/// they said in the cache. A session that is no longer validated (unvalidated since it was
/// listed) is left out.
async fn completed(
    client: &Client,
    campaign: &CampaignId,
    listed: Vec<(String, Option<OffsetDateTime>)>,
    tag_field: u8,
    period: &Period,
    cache: Option<&ReportCache>,
) -> Result<Vec<Validation>, ApiError> {
    let listed_at: HashMap<String, OffsetDateTime> = listed
        .iter()
        .filter_map(|(code, at)| at.map(|at| (code.clone(), at)))
        .collect();
    let codes = listed.into_iter().map(|(code, _)| code);
    let details: Vec<Session> = futures::stream::iter(codes)
        .map(|code| async move {
            let code = SessionCode::parse(&code)?;
            client.session_data(&code).await
        })
        .buffer_unordered(DETAIL_CONCURRENCY)
        .try_collect()
        .await?;
    if let Some(cache) = cache {
        // Only a session read as validated at the very date it was listed with: that
        // validation's tag and amount.
        let entries: Vec<(String, OffsetDateTime, cache::Cached)> = details
            .iter()
            .filter(|s| s.validated)
            .filter_map(|s| {
                let at = *listed_at.get(&s.session)?;
                (s.validation_date_utc == Some(at)).then(|| {
                    let tag_text = s
                        .customfields
                        .get(usize::from(tag_field).saturating_sub(1))
                        .cloned()
                        .flatten();
                    let entry = cache::Cached {
                        campaign: s.campaign.clone(),
                        tag_text,
                        money_spent: s.money_spent.map(|m| m.to_string()),
                    };
                    (s.session.clone(), at, entry)
                })
            })
            .collect();
        if let Err(e) = cache.put_many(&entries, tag_field) {
            tracing::warn!(error = %e, "report cache not written");
        }
    }
    Ok(details
        .iter()
        .filter(|s| s.validated && period.contains(s.validation_date_utc))
        .map(|s| {
            let mut v = Validation::of(s, tag_field);
            if v.campaign.is_empty() {
                v.campaign = campaign.as_str().to_string();
            }
            v
        })
        .collect())
}

/// The coupons to report on: those named, or every coupon of the account; each once, so that
/// a coupon named twice is not counted twice.
pub async fn campaigns_of(client: &Client, named: &[String]) -> Result<Vec<CampaignId>, ApiError> {
    let ids: Vec<String> = if named.is_empty() {
        let coupons = client.coupon_list(&CouponFilter::default()).await?;
        coupons.into_iter().map(|c| c.id).collect()
    } else {
        named.to_vec()
    };
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for id in ids {
        let id = CampaignId::parse(&id)?;
        if seen.insert(id.as_str().to_string()) {
            out.push(id);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tag::AttemptId;
    use time::macros::datetime;

    fn v(campaign: &str, tag: Option<&str>, at: OffsetDateTime, money: Option<&str>) -> Validation {
        Validation {
            campaign: campaign.into(),
            tag: tag.and_then(ValidationTag::parse),
            validated_at: Some(at),
            money_spent: money.map(|m| m.parse().unwrap()),
        }
    }

    fn sample() -> Vec<Validation> {
        let id = AttemptId::random();
        let t1 = format!("till-1/Ann/{id}");
        let t2 = format!("till-2/Bob/{id}");
        let t2_nobody = format!("till-2//{id}");
        vec![
            v("cam_a", Some(&t1), datetime!(2026-11-30 09:10 UTC), Some("10.5")),
            v("cam_a", Some(&t1), datetime!(2026-11-30 09:50 UTC), Some("0.125")),
            v("cam_b", Some(&t2), datetime!(2026-11-30 10:05 UTC), None),
            v(
                "cam_b",
                Some(&t2_nobody),
                datetime!(2026-11-30 10:06 UTC),
                Some("2"),
            ),
            v(
                "cam_a",
                Some("VIP customer"),
                datetime!(2026-11-30 11:00 UTC),
                Some("1"),
            ),
        ]
    }

    fn row(group: &str, count: u64, money: &str) -> GroupTotal {
        GroupTotal {
            group: group.into(),
            count,
            money_spent: money.into(),
        }
    }

    #[test]
    fn totals_per_till_cashier_hour_and_coupon() {
        let s = sample();
        assert_eq!(
            totals(&s, GroupBy::Till),
            [
                row("till-1", 2, "10.625"),
                row("till-2", 2, "2.000"),
                row(UNTAGGED, 1, "1.000")
            ]
        );
        assert_eq!(
            totals(&s, GroupBy::Cashier),
            [
                row("Ann", 2, "10.625"),
                row("Bob", 1, "0.000"),
                row(NO_CASHIER, 1, "2.000"),
                row(UNTAGGED, 1, "1.000")
            ]
        );
        assert_eq!(
            totals(&s, GroupBy::Hour),
            [
                row("2026-11-30 09:00", 2, "10.625"),
                row("2026-11-30 10:00", 2, "2.000"),
                row("2026-11-30 11:00", 1, "1.000")
            ]
        );
        assert_eq!(
            totals(&s, GroupBy::Campaign),
            [row("cam_a", 3, "11.625"), row("cam_b", 2, "2.000")]
        );
        assert_eq!(grand_total(&s), row("total", 5, "13.625"));
    }

    #[test]
    fn hours_are_grouped_in_local_time() {
        let s = sample();
        let plus_one = |_| time::macros::offset!(+1);
        assert_eq!(
            totals_in(&s, GroupBy::Hour, &plus_one),
            [
                row("2026-11-30 10:00", 2, "10.625"),
                row("2026-11-30 11:00", 2, "2.000"),
                row("2026-11-30 12:00", 1, "1.000")
            ]
        );
    }

    #[test]
    fn the_period_includes_both_ends() {
        let day = Period::parse("2026-11-30", Some("2026-11-30")).unwrap();
        assert!(day.contains(Some(datetime!(2026-11-30 00:00 UTC))));
        assert!(day.contains(Some(datetime!(2026-11-30 23:59:59 UTC))));
        assert!(!day.contains(Some(datetime!(2026-12-01 00:00 UTC))));
        assert!(!day.contains(Some(datetime!(2026-11-29 23:59:59 UTC))));
        let minutes = Period::parse("2026-11-30 09:00", Some("2026-11-30 09:30")).unwrap();
        assert!(minutes.contains(Some(datetime!(2026-11-30 09:30:59 UTC))));
        assert!(!minutes.contains(Some(datetime!(2026-11-30 09:31 UTC))));
        let open = Period::parse("2026-11-30", None).unwrap();
        assert!(open.contains(Some(datetime!(2099-01-01 00:00 UTC))));
        assert!(Period::parse("2026-12-01", Some("2026-11-30")).is_err());
        assert!(Period::parse("yesterday", None).is_err());
    }

    #[test]
    fn a_list_record_is_complete_only_with_the_tag_field_and_money() {
        let published = serde_json::json!({"session": "x", "status": {"validation_date_utc": ""}});
        assert!(!carries_tag_and_money(&published, 7));
        let full = serde_json::json!({"session": "x", "data": {"status": {"money_spent": ""},
            "user": {"customfield7": ""}}});
        assert!(carries_tag_and_money(&full, 7));
        assert!(!carries_tag_and_money(&full, 6));
    }

    #[test]
    fn money_has_three_decimals() {
        assert_eq!(money_text("150".parse().unwrap()), "150.000");
        assert_eq!(money_text("0.1235".parse().unwrap()), "0.124");
    }
}
