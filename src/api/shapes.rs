//! How an answer differs from the documented shape (API-NOTES.md), named difference by
//! difference, for `coupon-kiosk doctor`. The readers (`lenient.rs`, `model.rs`, …) accept every
//! alternative named here; this module only says which ones an account really uses, so that a
//! merchant's first day tells us which assumptions held.

use serde_json::{Map, Value};

/// The documented flags of a session under `data.status`: `"0"` or `"1"`.
const FLAGS: [&str; 8] = [
    "opened",
    "played",
    "claimed",
    "saved_to_passbook",
    "saved_to_androidpay",
    "validated",
    "voided",
    "locked",
];

/// The documented dates of a session under `data.status`: `yyyy-MM-dd HH:mm:ss` or `""`.
const DATES: [&str; 8] = [
    "created_date_utc",
    "open_date_utc",
    "played_date_utc",
    "claim_date_utc",
    "validation_date_utc",
    "voided_date_utc",
    "unvoided_date_utc",
    "expiration_date",
];

/// The documented customer fields under `data.user` (assumed).
const CUSTOMER: [&str; 4] = ["firstname", "lastname", "email", "phone"];

/// What the envelope looks like: nothing when it is the documented `{"status":{"status":"OK"}}`.
pub fn envelope(answer: &Value) -> Vec<String> {
    match answer.pointer("/status/status") {
        Some(Value::String(s)) if s == "OK" => Vec::new(),
        Some(other) => vec![format!("the envelope's status is {other} instead of \"OK\"")],
        None => vec!["no status envelope ({\"status\":{\"status\":\"OK\"}})".into()],
    }
}

/// `coupon/list`: `{"coupon_info":[{"ID":…, "name":…, …}]}`.
pub fn coupon_list(answer: &Value) -> Vec<String> {
    let mut out = envelope(answer);
    match answer.get("coupon_info") {
        None => out.push("no coupon_info".into()),
        Some(list) => {
            out.extend(list_form("coupon_info", list));
            if let Some(first) = first_item(list) {
                if first.get("ID").is_none() {
                    out.push(if first.get("id").is_some() {
                        "a coupon's id is under \"id\", not \"ID\"".into()
                    } else {
                        "a coupon has no ID".into()
                    });
                }
            }
        }
    }
    out
}

/// `couponsession/data`: the session object at the top level of the answer.
pub fn session_data(answer: &Value) -> Vec<String> {
    let mut out = envelope(answer);
    out.extend(session("the session", answer));
    out
}

/// `couponsession/search`: `{"results":[<session>, …]}` (assumed), customers under `data.user`.
pub fn search(answer: &Value) -> Vec<String> {
    let mut out = envelope(answer);
    match answer.get("results") {
        None => {
            let instead = ["data", "sessions", "result"]
                .into_iter()
                .find(|k| answer.get(*k).is_some());
            out.push(match instead {
                Some(k) => format!("the results are under \"{k}\", not \"results\""),
                None => "no results list".into(),
            });
        }
        Some(list) => {
            out.extend(list_form("results", list));
            if let Some(first) = first_item(list) {
                out.extend(session("a search result", first));
            }
        }
    }
    out
}

/// `"<name> is …"` when a list is not a JSON array.
fn list_form(name: &str, list: &Value) -> Vec<String> {
    match list {
        Value::Array(_) => Vec::new(),
        Value::Object(map) if map.keys().all(|k| k.parse::<u64>().is_ok()) => {
            vec![format!(
                "{name} is an object keyed \"0\", \"1\", … instead of a list"
            )]
        }
        Value::Object(map) if map.values().all(Value::is_object) => {
            vec![format!("{name} is an object keyed by id instead of a list")]
        }
        Value::Object(_) => vec![format!("{name} is a single object instead of a list")],
        other => vec![format!("{name} is {} instead of a list", kind(other))],
    }
}

fn first_item(list: &Value) -> Option<&Value> {
    match list {
        Value::Array(items) => items.first(),
        Value::Object(map) if map.values().all(Value::is_object) => map.values().next(),
        Value::Object(_) => Some(list),
        _ => None,
    }
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// One session object against `couponsession/data`'s published form.
fn session(what: &str, v: &Value) -> Vec<String> {
    let mut out = Vec::new();
    let Some(top) = v.as_object() else {
        return vec![format!("{what} is {}", kind(v))];
    };
    if !top.get("session").is_some_and(Value::is_string) {
        out.push(format!("{what} has no \"session\" code string"));
    }
    match top.get("sequenceid") {
        Some(Value::String(_)) => {}
        Some(other) => out.push(format!("sequenceid is {} instead of a string", kind(other))),
        None => out.push("sequenceid left out".into()),
    }
    let status = v.pointer("/data/status").and_then(Value::as_object);
    let Some(status) = status else {
        out.push(format!("{what} has no data.status"));
        return out;
    };
    let mut left_out = Vec::new();
    // Grouped by what they are instead, so that one change of habit is one line.
    let mut odd: Vec<(String, Vec<&str>)> = Vec::new();
    let mut note = |what: String, key: &'static str| match odd.iter_mut().find(|(w, _)| *w == what) {
        Some((_, keys)) => keys.push(key),
        None => odd.push((what, vec![key])),
    };
    for flag in FLAGS {
        match status.get(flag) {
            Some(Value::String(s)) if s == "0" || s == "1" => {}
            Some(other) => note(format!("{} instead of \"0\"/\"1\"", kind(other)), flag),
            None => left_out.push(flag),
        }
    }
    for date in DATES {
        match status.get(date) {
            Some(Value::String(s)) if s.is_empty() || is_wire_date(s) => {}
            Some(Value::String(s)) if s.contains('T') => {
                note("RFC 3339 instead of \"yyyy-MM-dd HH:mm:ss\"".into(), date)
            }
            Some(Value::Number(_)) => note("epoch seconds instead of \"yyyy-MM-dd HH:mm:ss\"".into(), date),
            Some(other) => note(format!("{other} instead of \"yyyy-MM-dd HH:mm:ss\""), date),
            None => left_out.push(date),
        }
    }
    out.extend(
        odd.into_iter()
            .map(|(what, keys)| format!("{} {what}", keys.join(", "))),
    );
    match status.get("money_spent") {
        Some(Value::String(_)) | None => {}
        Some(other) => out.push(format!("money_spent is {} instead of a string", kind(other))),
    }
    match v.pointer("/data/user").and_then(Value::as_object) {
        Some(user) => left_out.extend(CUSTOMER.into_iter().filter(|k| !user.contains_key(*k))),
        None if customer_at(top) => out.push("the customer is at the top level, not under data.user".into()),
        None => out.push("no customer fields (data.user)".into()),
    }
    if !left_out.is_empty() {
        out.push(format!("left out instead of \"\": {}", left_out.join(", ")));
    }
    out
}

fn customer_at(map: &Map<String, Value>) -> bool {
    CUSTOMER.iter().any(|k| map.contains_key(*k))
}

/// `yyyy-MM-dd HH:mm:ss`.
fn is_wire_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 19
        && b.iter().enumerate().all(|(i, c)| match i {
            4 | 7 => *c == b'-',
            10 => *c == b' ',
            13 | 16 => *c == b':',
            _ => c.is_ascii_digit(),
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn documented_session() -> Value {
        let mut status = Map::new();
        for f in FLAGS {
            status.insert(f.into(), json!("0"));
        }
        for d in DATES {
            status.insert(d.into(), json!(""));
        }
        status.insert("created_date_utc".into(), json!("2026-11-20 14:03:00"));
        json!({"status":{"status":"OK"},"session":"ac6s7u3g8a25ja7x9qg87","sequenceid":"1",
               "data":{"status":status,"user":{"firstname":"","lastname":"","email":"","phone":""}}})
    }

    #[test]
    fn the_documented_form_has_no_differences() {
        assert_eq!(session_data(&documented_session()), Vec::<String>::new());
        let search_answer = json!({"status":{"status":"OK"},"results":[documented_session()]});
        assert_eq!(search(&search_answer), Vec::<String>::new());
        assert_eq!(
            coupon_list(&json!({"status":{"status":"OK"},"coupon_info":[{"ID":"cam_1"}]})),
            Vec::<String>::new()
        );
    }

    #[test]
    fn each_difference_is_named() {
        let mut s = documented_session();
        s["sequenceid"] = json!(1);
        s["data"]["status"]["validated"] = json!(true);
        s["data"]["status"]["created_date_utc"] = json!(1_795_183_380);
        let d = session_data(&s).join("\n");
        assert!(d.contains("sequenceid is a number"), "{d}");
        assert!(d.contains("validated a boolean instead of"), "{d}");
        assert!(d.contains("created_date_utc epoch seconds"), "{d}");
        let d = coupon_list(&json!({"coupon_info":{"cam_1":{"ID":"cam_1"}}})).join("\n");
        assert!(d.contains("no status envelope"), "{d}");
        assert!(d.contains("keyed by id"), "{d}");
        let d = search(&json!({"status":{"status":"OK"},"results":{"0":{"session":"x"}}})).join("\n");
        assert!(d.contains("keyed \"0\""), "{d}");
    }
}
