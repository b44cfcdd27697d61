//! Decoded API objects. Decoding is lenient (API-NOTES.md): flags may be "0"/"1", 0/1 or
//! true/false; dates may be "" or null; unknown fields are ignored.

use rust_decimal::Decimal;
use time::OffsetDateTime;

/// One coupon session, normalized. `Default` is an empty record, for building one field by field.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Session {
    pub session: String,
    pub campaign: String,
    pub sequenceid: Option<u64>,
    pub session_url: Option<String>,
    pub customid: Option<String>,
    pub opened: bool,
    pub claimed: bool,
    #[serde(with = "time::serde::rfc3339::option")]
    pub claim_date_utc: Option<OffsetDateTime>,
    pub validated: bool,
    #[serde(with = "time::serde::rfc3339::option")]
    pub validation_date_utc: Option<OffsetDateTime>,
    pub voided: bool,
    /// When it was voided (`voided_date_utc`), when the answer says.
    #[serde(with = "time::serde::rfc3339::option")]
    pub voided_date_utc: Option<OffsetDateTime>,
    pub locked: bool,
    #[serde(with = "time::serde::rfc3339::option")]
    pub expiration_date_utc: Option<OffsetDateTime>,
    #[serde(with = "time::serde::rfc3339::option")]
    pub created_date_utc: Option<OffsetDateTime>,
    /// `own_validation_code` on the wire: the merchant's custom validation code, if any.
    pub custom_validation_code: Option<String>,
    pub customer: Customer,
    /// customfield1..customfield7 (index 0 is customfield1).
    pub customfields: [Option<String>; 7],
    pub money_spent: Option<Decimal>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Customer {
    pub firstname: Option<String>,
    pub lastname: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
}

/// A session's state for display, by precedence: voided, validated, locked, expired, claimed, open.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SessionState {
    Voided,
    Validated,
    Locked,
    Expired,
    Claimed,
    Open,
}

impl Session {
    /// The state at `now` (expiry is judged against the given clock so that tests control time).
    pub fn state_at(&self, now: OffsetDateTime) -> SessionState {
        if self.voided {
            SessionState::Voided
        } else if self.validated {
            SessionState::Validated
        } else if self.locked {
            SessionState::Locked
        } else if self.expiration_date_utc.is_some_and(|exp| exp < now) {
            SessionState::Expired
        } else if self.claimed {
            SessionState::Claimed
        } else {
            SessionState::Open
        }
    }

    pub fn state(&self) -> SessionState {
        self.state_at(OffsetDateTime::now_utc())
    }
}

impl SessionState {
    pub fn as_str(self) -> &'static str {
        match self {
            SessionState::Voided => "voided",
            SessionState::Validated => "validated",
            SessionState::Locked => "locked",
            SessionState::Expired => "expired",
            SessionState::Claimed => "claimed",
            SessionState::Open => "open",
        }
    }
}

/// Where a session's fields may sit. Assumed [confirmed for `data.status`]: `couponsession/data`
/// nests the state under `data.status`; [assumed] the customer under `data.user`. List entries
/// carry `status` directly; profile php-arrays puts the customer at the top level of a search
/// result. A lenient reader looks in each place, the documented one first.
/// Fixed arrays and plain `get`s, not `Vec`s and `pointer`: this runs for every session of every
/// answer (5000 to a page), and `Value::pointer` allocates for each step of its path.
struct Places<'a> {
    status: [Option<&'a JsonMap>; 4],
    user: [Option<&'a JsonMap>; 5],
}

type JsonMap = serde_json::Map<String, serde_json::Value>;

impl<'a> Places<'a> {
    fn of(v: &'a serde_json::Value) -> Self {
        let obj = |x: Option<&'a serde_json::Value>| x.and_then(serde_json::Value::as_object);
        let data = v.get("data");
        let data_status = obj(data.and_then(|d| d.get("status")));
        let data = obj(data);
        let top = v.as_object();
        Places {
            status: [data_status, obj(v.get("status")), data, top],
            user: [
                obj(v.get("data").and_then(|d| d.get("user"))),
                obj(v.get("user")),
                data_status,
                data,
                top,
            ],
        }
    }

    /// The first non-null value of `key` in the status places.
    fn status(&self, key: &str) -> Option<&'a serde_json::Value> {
        first(&self.status, key)
    }

    fn user(&self, key: &str) -> Option<&'a serde_json::Value> {
        first(&self.user, key)
    }
}

fn first<'a>(places: &[Option<&'a JsonMap>], key: &str) -> Option<&'a serde_json::Value> {
    places
        .iter()
        .flatten()
        .filter_map(|m| m.get(key))
        .find(|v| !v.is_null() && v.as_str() != Some(""))
}

impl Session {
    /// Reads one session from any of the shapes the API uses (a `couponsession/data` answer, a
    /// search result, a list entry). `campaign` fills in the coupon id where the entry has none
    /// (list entries belong to the campaign that was asked for).
    ///
    /// Fails only when there is no session code at all: everything else is optional.
    pub fn from_json(v: &serde_json::Value, campaign: Option<&str>) -> Result<Session, String> {
        use super::lenient::{date_utc, decimal, flag, text, unsigned};
        use super::params::CUSTOMFIELD_NAMES;
        if !v.is_object() {
            return Err(format!(
                "{} where a session object was expected",
                super::envelope::shape_of(v)
            ));
        }
        let p = Places::of(v);
        let top = |k: &str| v.get(k).filter(|x| !x.is_null());
        let session = text(
            top("session")
                .or_else(|| top("couponsession"))
                .or_else(|| p.status("session")),
        )
        .ok_or_else(|| format!("{} without a session code", super::envelope::shape_of(v)))?;
        let customfields = CUSTOMFIELD_NAMES.map(|k| text(p.user(k)));
        Ok(Session {
            session,
            campaign: text(top("campaign").or_else(|| p.status("campaign")))
                .or_else(|| campaign.map(str::to_string))
                .unwrap_or_default(),
            sequenceid: unsigned(
                top("sequenceid")
                    .or_else(|| p.status("sequenceid"))
                    .or_else(|| top("sequence_id")),
            ),
            session_url: text(top("session_url").or_else(|| p.status("session_url"))),
            customid: text(top("customid").or_else(|| p.status("customid"))),
            opened: flag_or_date(&p, "opened", "open_date_utc"),
            claimed: flag_or_date(&p, "claimed", "claim_date_utc"),
            claim_date_utc: date_utc(p.status("claim_date_utc")),
            validated: flag_or_date(&p, "validated", "validation_date_utc"),
            validation_date_utc: date_utc(p.status("validation_date_utc")),
            voided: match p.status("voided") {
                Some(f) => flag(Some(f)),
                // List entries carry only dates: voided unless unvoided since.
                None => match (
                    date_utc(p.status("voided_date_utc")),
                    date_utc(p.status("unvoided_date_utc")),
                ) {
                    (Some(voided), Some(unvoided)) => voided > unvoided,
                    (Some(_), None) => true,
                    _ => false,
                },
            },
            voided_date_utc: date_utc(p.status("voided_date_utc")),
            locked: flag(p.status("locked")),
            expiration_date_utc: date_utc(
                p.status("expiration_date")
                    .or_else(|| p.status("expiration_date_utc")),
            ),
            created_date_utc: date_utc(p.status("created_date_utc")),
            custom_validation_code: text(
                p.status("own_validation_code")
                    .or_else(|| p.status("custom_validation_code")),
            ),
            customer: Customer {
                firstname: text(p.user("firstname")),
                lastname: text(p.user("lastname")),
                email: text(p.user("email")),
                phone: text(p.user("phone")),
            },
            customfields,
            money_spent: decimal(p.status("money_spent")),
        })
    }
}

/// A flag when the answer has it; otherwise inferred from its date (list entries carry only dates).
fn flag_or_date(p: &Places<'_>, flag_key: &str, date_key: &str) -> bool {
    match p.status(flag_key) {
        Some(f) => super::lenient::flag(Some(f)),
        None => super::lenient::date_utc(p.status(date_key)).is_some(),
    }
}

impl Customer {
    /// "Jane Doe", or None when neither name is known.
    pub fn full_name(&self) -> Option<String> {
        let parts: Vec<&str> = [self.firstname.as_deref(), self.lastname.as_deref()]
            .into_iter()
            .flatten()
            .collect();
        (!parts.is_empty()).then(|| parts.join(" "))
    }
}
