//! Seed section "Coupon": coupon/list and coupon/info.

use super::client::Client;
use super::envelope::shape_of;
use super::error::ApiError;
use super::lenient::{keyed_items, text, unsigned};
use super::params::CampaignId;
use serde_json::{Map, Value};

/// Filters of `coupon/list`. All optional.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CouponFilter {
    /// Only coupons marked active.
    pub only_active: bool,
    /// A folder id.
    pub folder: Option<String>,
    /// Comma-separated tags: a coupon must carry them.
    pub tags: Option<String>,
    /// A category id, `cat_...`.
    pub category: Option<String>,
}

impl CouponFilter {
    pub fn check(&self) -> Result<(), ApiError> {
        if let Some(f) = &self.folder {
            if f.is_empty()
                || f.len() > 64
                || !f
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
            {
                return Err(ApiError::InvalidInput(format!(
                    "A folder id holds letters, digits, _ and - (at most 64), not {:?}.",
                    super::envelope::excerpt(f)
                )));
            }
        }
        if let Some(t) = &self.tags {
            super::params::check_text("The tag list", t, 500)?;
            if t.split(',').all(|tag| tag.trim().is_empty()) {
                return Err(ApiError::InvalidInput(
                    "Give at least one tag (comma separated).".into(),
                ));
            }
        }
        if let Some(c) = &self.category {
            let ok = c.strip_prefix("cat_").is_some_and(|rest| {
                !rest.is_empty() && rest.len() <= 64 && rest.chars().all(|c| c.is_ascii_alphanumeric())
            });
            if !ok {
                return Err(ApiError::InvalidInput(format!(
                    "A category id looks like cat_XXX (letters and digits after cat_), not {:?}.",
                    super::envelope::excerpt(c)
                )));
            }
        }
        Ok(())
    }

    pub fn to_params(&self) -> Vec<(&'static str, String)> {
        let mut p = Vec::new();
        if self.only_active {
            p.push(("only_active", "true".to_string()));
        }
        if let Some(f) = &self.folder {
            p.push(("folder", f.clone()));
        }
        if let Some(t) = &self.tags {
            let tags: Vec<&str> = t.split(',').map(str::trim).filter(|t| !t.is_empty()).collect();
            p.push(("tags", tags.join(",")));
        }
        if let Some(c) = &self.category {
            p.push(("category", c.clone()));
        }
        p
    }
}

/// One coupon (campaign). The fields a counter uses are named; every other field the API sends
/// is kept in `extra` under its own name.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Coupon {
    /// `ID` on the wire: `cam_...`.
    pub id: String,
    pub name: Option<String>,
    pub title: Option<String>,
    pub code: Option<String>,
    pub status: Option<String>,
    pub url: Option<String>,
    pub folder: Option<String>,
    pub tags: Vec<String>,
    pub category: Option<String>,
    /// With `show_usage_stats`: how many custom validation codes exist, and how many are claimed.
    pub custom_codes_total: Option<u64>,
    pub custom_codes_claimed: Option<u64>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Coupon {
    /// Reads one coupon object leniently; only the id is required.
    pub fn from_json(v: &Value) -> Result<Coupon, String> {
        let Value::Object(map) = v else {
            return Err(format!("{} where a coupon was expected", shape_of(v)));
        };
        let mut extra = map.clone();
        let mut take = |keys: &[&str]| {
            let mut found = None;
            for k in keys {
                if let Some(v) = extra.remove(*k) {
                    found = found.or(Some(v));
                }
            }
            found
        };
        let id = text(take(&["ID", "id", "campaign"]).as_ref())
            .ok_or_else(|| format!("{} without a coupon id", shape_of(v)))?;
        let tags = match take(&["tags"]) {
            Some(Value::Array(items)) => items.iter().filter_map(|t| text(Some(t))).collect(),
            Some(other) => text(Some(&other))
                .map(|t| {
                    t.split(',')
                        .map(|s| s.trim().to_string())
                        .filter(|s| !s.is_empty())
                        .collect()
                })
                .unwrap_or_default(),
            None => Vec::new(),
        };
        Ok(Coupon {
            id,
            name: text(take(&["name"]).as_ref()),
            title: text(take(&["title"]).as_ref()),
            code: text(take(&["code"]).as_ref()),
            status: text(take(&["status"]).as_ref()),
            url: text(take(&["url"]).as_ref()),
            folder: text(take(&["folder"]).as_ref()),
            tags,
            category: text(take(&["category"]).as_ref()),
            custom_codes_total: unsigned(take(&["custom_codes_total"]).as_ref()),
            custom_codes_claimed: unsigned(take(&["custom_codes_claimed"]).as_ref()),
            extra,
        })
    }
}

impl Client {
    /// `coupon/list`.
    pub async fn coupon_list(&self, filter: &CouponFilter) -> Result<Vec<Coupon>, ApiError> {
        filter.check()?;
        let answer = self.post("coupon/list", &filter.to_params()).await?;
        coupons_from_list(&answer)
    }

    /// `coupon/info`, with usage statistics when asked.
    pub async fn coupon_info(
        &self,
        campaign: &CampaignId,
        show_usage_stats: bool,
    ) -> Result<Coupon, ApiError> {
        let mut params = vec![("campaign", campaign.as_str().to_string())];
        if show_usage_stats {
            params.push(("show_usage_stats", "true".to_string()));
        }
        let answer = self.post("coupon/info", &params).await?;
        let info = match answer.get("coupon_info").or_else(|| answer.get("data")) {
            Some(Value::Array(items)) => items.first().cloned().unwrap_or(Value::Null),
            Some(v) => v.clone(),
            None => answer.clone(),
        };
        Coupon::from_json(&info).map_err(ApiError::unexpected_ok)
    }
}

/// A `coupon/list` answer -> coupons.
pub fn coupons_from_list(answer: &Value) -> Result<Vec<Coupon>, ApiError> {
    // Assumed [confirmed]: `{"coupon_info":[{coupon}, …]}`. Also read: `data` for
    // `coupon_info`; one coupon object in place of the list; a list keyed "0", "1", … or by
    // coupon id (profile php-arrays). An object that is none of these is not read as an empty
    // list: that would show a merchant "no coupons" when the answer said something else.
    let list = answer
        .get("coupon_info")
        .or_else(|| answer.get("data"))
        .unwrap_or(answer);
    let items = match list {
        Value::Object(o) if o.contains_key("ID") || o.contains_key("id") => vec![list],
        Value::Null => Vec::new(),
        Value::Object(o) if o.is_empty() => Vec::new(),
        Value::Object(o)
            if std::ptr::eq(list, answer) && o.keys().all(|k| k == "status" || k == "action") =>
        {
            Vec::new()
        }
        other => keyed_items(other)
            .ok_or_else(|| ApiError::unexpected_ok(format!("{} as a coupon list", shape_of(other))))?,
    };
    items
        .into_iter()
        .map(|c| Coupon::from_json(c).map_err(ApiError::unexpected_ok))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn coupons_keep_unknown_fields_and_read_tags_either_way() {
        let c = Coupon::from_json(
            &json!({"ID":"cam_1","title":"Free coffee","tags":"food, drink","folder_name":"F"}),
        )
        .unwrap();
        assert_eq!(c.id, "cam_1");
        assert_eq!(c.tags, vec!["food", "drink"]);
        assert_eq!(c.extra.get("folder_name"), Some(&json!("F")));
        let c = Coupon::from_json(&json!({"id":"cam_2","tags":["a","b"]})).unwrap();
        assert_eq!(c.tags, vec!["a", "b"]);
        assert!(Coupon::from_json(&json!({"title":"no id"})).is_err());
    }

    #[test]
    fn filters_are_checked() {
        let f = CouponFilter {
            category: Some("food".into()),
            ..Default::default()
        };
        assert!(f.check().is_err());
        let f = CouponFilter {
            folder: Some("fol food".into()),
            ..Default::default()
        };
        assert!(f.check().is_err());
        let f = CouponFilter {
            only_active: true,
            folder: Some("fol_food".into()),
            tags: Some(" coffee, ,tea ".into()),
            category: Some("cat_food".into()),
        };
        assert!(f.check().is_ok());
        assert!(f.to_params().contains(&("tags", "coffee,tea".to_string())));
    }
}
