//! One file per seed section. Each handler reads its parameters in the seed's order of
//! errors, does its work in one database call and answers with `wire`.

pub mod barcode;
pub mod batch;
pub mod coupons;
pub mod delivery;
pub mod lists;
pub mod sessions;
pub mod singleuse;

use super::codes;
use super::profile::Profile;
use super::request::{ApiFailure, Params};
use super::store::campaigns::{self, CampaignRow};
use rusqlite::Connection;

/// `couponsession`: 200 when missing, 300 when it holds anything but letters and digits.
/// The code to look up, or `None` when the profile knows no session by it: a short code where
/// `short_code_here` is false and the profile takes short codes only where the seed says so
/// (`couponsession/update`), or upper case where codes match exactly.
pub(crate) fn session_code_param(
    params: &Params,
    profile: &Profile,
    short_code_here: bool,
) -> Result<Option<String>, ApiFailure> {
    let code = params.require("couponsession")?;
    if !codes::is_code_charset(code) {
        return Err(ApiFailure::documented(
            300,
            "Invalid character in parameter: couponsession",
        ));
    }
    Ok(profile_knows(profile, code, short_code_here).then(|| code.to_ascii_lowercase()))
}

/// Whether a session code as given can name a session under `profile` (see `session_code_param`).
pub(crate) fn profile_knows(profile: &Profile, code: &str, short_code_here: bool) -> bool {
    let short = code.len() == crate::sandbox::store::sessions::SHORT_LEN;
    let short_ok = short_code_here || profile.short_codes_everywhere || !short;
    let case_ok = profile.codes_any_case || !code.bytes().any(|b| b.is_ascii_uppercase());
    short_ok && case_ok
}

/// `campaign`: 200 when missing, 301 when it holds anything but letters, digits and `_`.
pub(crate) fn campaign_param(params: &Params) -> Result<String, ApiFailure> {
    let id = params.require("campaign")?;
    if !id.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        return Err(ApiFailure::documented(
            301,
            "Invalid character in parameter: campaign",
        ));
    }
    Ok(id.to_string())
}

/// The coupon, or `code` "Campaign ID not found" (502 on most endpoints, 505 on push).
pub(crate) fn campaign_or(conn: &Connection, id: &str, code: u16) -> Result<CampaignRow, ApiFailure> {
    campaigns::find(conn, id)?.ok_or_else(|| ApiFailure::documented(code, "Campaign ID not found"))
}

/// customfield1..7 given in the request, each at most 50 characters (302 otherwise — the seed
/// states the limit but no error for it). `None` for a field not given.
pub(crate) fn custom_fields(params: &Params) -> Result<[Option<String>; 7], ApiFailure> {
    let mut out: [Option<String>; 7] = Default::default();
    for (i, slot) in out.iter_mut().enumerate() {
        let name = format!("customfield{}", i + 1);
        if let Some(v) = params.get(&name) {
            if v.chars().count() > 50 {
                return Err(ApiFailure::documented(
                    302,
                    format!("Invalid value in parameter: {name}"),
                ));
            }
            *slot = Some(v.to_string());
        }
    }
    Ok(out)
}

/// `customid`: `[A-Za-z0-9]`, at most 50 characters (300 otherwise, as the seed lists).
pub(crate) fn customid_param(params: &Params) -> Result<Option<String>, ApiFailure> {
    match params.get("customid") {
        None => Ok(None),
        Some(v) if codes::is_plain_alnum(v) && v.len() <= 50 => Ok(Some(v.to_string())),
        Some(_) => Err(ApiFailure::documented(
            300,
            "Invalid character in parameter: customid",
        )),
    }
}
