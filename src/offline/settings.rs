//! `[offline]` settings: what a till does when the server cannot be reached, which campaigns it
//! accepts, and how often it refreshes its mirror. Flags beat the environment, which beats the
//! config file, which beats the defaults — as for every other setting.
//!
//! Kept here, apart from `crate::settings`, so that the offline room owns its own knobs; the
//! settings loader only calls [`resolve`].

use crate::api::CampaignId;
use std::time::Duration;

/// What a till does with a scan it cannot check with the server.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Deserialize, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum OfflinePolicy {
    /// Say OFFLINE — CANNOT CHECK (the mirror still serves look-ups).
    #[default]
    Refuse,
    /// Accept what the mirror holds as claimed and open, and forward it when the server is back.
    AcceptSynced,
}

impl OfflinePolicy {
    pub fn as_str(self) -> &'static str {
        match self {
            OfflinePolicy::Refuse => "refuse",
            OfflinePolicy::AcceptSynced => "accept-synced",
        }
    }

    pub fn parse(s: &str) -> Result<Self, String> {
        match s.trim().to_ascii_lowercase().as_str() {
            "refuse" => Ok(OfflinePolicy::Refuse),
            "accept-synced" | "accept_synced" => Ok(OfflinePolicy::AcceptSynced),
            other => Err(format!(
                "The offline policy is \"refuse\" or \"accept-synced\", not {other:?}."
            )),
        }
    }
}

/// The offline behaviour in force.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OfflineSettings {
    pub policy: OfflinePolicy,
    /// The campaigns this till accepts; empty means every campaign of the account.
    pub campaigns: Vec<CampaignId>,
    /// How often the kiosk refreshes its mirror in the background.
    pub sync_interval: Duration,
}

pub const DEFAULT_SYNC_INTERVAL: Duration = Duration::from_secs(300);
/// A mirror refreshed more often than this would keep the server busy for nothing.
const MIN_SYNC_INTERVAL_S: u64 = 10;

impl Default for OfflineSettings {
    fn default() -> Self {
        OfflineSettings {
            policy: OfflinePolicy::Refuse,
            campaigns: Vec::new(),
            sync_interval: DEFAULT_SYNC_INTERVAL,
        }
    }
}

impl OfflineSettings {
    /// True when this till accepts coupons of `campaign`.
    pub fn accepts_campaign(&self, campaign: &str) -> bool {
        self.campaigns.is_empty() || self.campaigns.iter().any(|c| c.as_str() == campaign)
    }
}

/// Environment variables read by [`resolve`].
pub const ENV_POLICY: &str = "COUPON_KIOSK_OFFLINE_POLICY";
/// Comma separated, e.g. `cam_demo01,cam_demo02`.
pub const ENV_CAMPAIGNS: &str = "COUPON_KIOSK_OFFLINE_CAMPAIGNS";
pub const ENV_SYNC_INTERVAL: &str = "COUPON_KIOSK_SYNC_INTERVAL_S";

/// What the command line says (`--offline-policy`, `--offline-campaigns`, `--sync-interval-s`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OfflineOverrides {
    pub policy: Option<String>,
    /// Comma separated, as typed.
    pub campaigns: Option<String>,
    pub sync_interval_s: Option<u64>,
}

/// The `[offline]` table of the config file.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileOffline {
    pub policy: Option<OfflinePolicy>,
    pub campaigns: Option<Vec<String>>,
    pub sync_interval_s: Option<u64>,
}

/// Flags, then the environment, then the file, then defaults. The error is a sentence for the
/// person who wrote the setting.
pub fn resolve(
    flags: &OfflineOverrides,
    env: impl Fn(&str) -> Option<String>,
    file: FileOffline,
) -> Result<OfflineSettings, String> {
    let policy = match flags.policy.clone().or_else(|| env(ENV_POLICY)) {
        Some(text) => OfflinePolicy::parse(&text)?,
        None => file.policy.unwrap_or_default(),
    };
    let campaigns: Vec<String> = match flags.campaigns.clone().or_else(|| env(ENV_CAMPAIGNS)) {
        Some(list) => list.split(',').map(|c| c.trim().to_string()).collect(),
        None => file.campaigns.unwrap_or_default(),
    };
    let mut ids: Vec<CampaignId> = Vec::new();
    for c in campaigns.iter().filter(|c| !c.trim().is_empty()) {
        let id = CampaignId::parse(c.trim()).map_err(|e| format!("offline campaigns: {e}"))?;
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    let interval_text = env(ENV_SYNC_INTERVAL);
    let interval = match (flags.sync_interval_s, interval_text) {
        (Some(s), _) => Some(s),
        (None, Some(text)) => Some(
            text.trim()
                .parse::<u64>()
                .map_err(|_| format!("{ENV_SYNC_INTERVAL} is a number of seconds, not {text:?}."))?,
        ),
        (None, None) => file.sync_interval_s,
    };
    let sync_interval = match interval {
        None => DEFAULT_SYNC_INTERVAL,
        Some(s) if s < MIN_SYNC_INTERVAL_S => {
            return Err(format!(
                "The sync interval must be at least {MIN_SYNC_INTERVAL_S} seconds, not {s}."
            ))
        }
        Some(s) => Duration::from_secs(s),
    };
    Ok(OfflineSettings {
        policy,
        campaigns: ids,
        sync_interval,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn no_env(_: &str) -> Option<String> {
        None
    }

    #[test]
    fn defaults_refuse_every_campaign_five_minutes() {
        let s = resolve(&OfflineOverrides::default(), no_env, FileOffline::default()).unwrap();
        assert_eq!(s, OfflineSettings::default());
        assert_eq!(s.policy, OfflinePolicy::Refuse);
        assert!(s.accepts_campaign("cam_anything"));
        assert_eq!(s.sync_interval, Duration::from_secs(300));
    }

    #[test]
    fn flags_beat_environment_beat_file() {
        let file = || FileOffline {
            policy: Some(OfflinePolicy::AcceptSynced),
            campaigns: Some(vec!["cam_demo01".into()]),
            sync_interval_s: Some(60),
        };
        let s = resolve(&OfflineOverrides::default(), no_env, file()).unwrap();
        assert_eq!(s.policy, OfflinePolicy::AcceptSynced);
        assert!(s.accepts_campaign("cam_demo01") && !s.accepts_campaign("cam_demo02"));
        assert_eq!(s.sync_interval, Duration::from_secs(60));

        let env = |name: &str| match name {
            ENV_POLICY => Some("refuse".to_string()),
            ENV_CAMPAIGNS => Some("cam_demo02, cam_demo03".to_string()),
            ENV_SYNC_INTERVAL => Some("120".to_string()),
            _ => None,
        };
        let s = resolve(&OfflineOverrides::default(), env, file()).unwrap();
        assert_eq!(s.policy, OfflinePolicy::Refuse);
        assert!(s.accepts_campaign("cam_demo03") && !s.accepts_campaign("cam_demo01"));
        assert_eq!(s.sync_interval, Duration::from_secs(120));

        let flags = OfflineOverrides {
            policy: Some("accept-synced".into()),
            campaigns: Some("cam_demo01".into()),
            sync_interval_s: Some(30),
        };
        let s = resolve(&flags, env, file()).unwrap();
        assert_eq!(s.policy, OfflinePolicy::AcceptSynced);
        assert_eq!(s.campaigns.len(), 1);
        assert_eq!(s.sync_interval, Duration::from_secs(30));
    }

    #[test]
    fn bad_values_are_named() {
        let flags = OfflineOverrides {
            policy: Some("maybe".into()),
            ..Default::default()
        };
        let e = resolve(&flags, no_env, FileOffline::default()).unwrap_err();
        assert!(e.contains("accept-synced") && e.contains("maybe"), "{e}");
        let flags = OfflineOverrides {
            campaigns: Some("demo01".into()),
            ..Default::default()
        };
        let e = resolve(&flags, no_env, FileOffline::default()).unwrap_err();
        assert!(e.contains("offline campaigns"), "{e}");
        let flags = OfflineOverrides {
            sync_interval_s: Some(1),
            ..Default::default()
        };
        assert!(resolve(&flags, no_env, FileOffline::default()).is_err());
        let env = |n: &str| (n == ENV_SYNC_INTERVAL).then(|| "soon".to_string());
        assert!(resolve(&OfflineOverrides::default(), env, FileOffline::default()).is_err());
    }

    #[test]
    fn the_example_config_documents_the_offline_table() {
        #[derive(serde::Deserialize)]
        struct Example {
            offline: FileOffline,
        }
        let text = include_str!("../../config/kiosk.example.toml");
        // Only the [offline] table matters here; the rest is checked by crate::settings.
        let start = text
            .find("[offline]")
            .expect("the example has an [offline] table");
        let table = &text[start..];
        let end = table[1..].find("\n[").map_or(table.len(), |i| i + 1);
        let e: Example = toml::from_str(&table[..end]).unwrap();
        assert_eq!(e.offline.policy, Some(OfflinePolicy::Refuse));
        assert!(e.offline.campaigns.is_some() && e.offline.sync_interval_s.is_some());
    }
}
