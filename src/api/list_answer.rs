//! An answer that carries a long list (a page of up to 5,000 sessions), read without building
//! the whole answer as one JSON tree.
//!
//! The envelope around the list is parsed and judged as every answer is
//! ([`envelope::judge`]); the list's items are only located in the answer's text, and parsed
//! one at a time by whoever walks them. A page then costs its text plus one item in memory, not
//! its text plus a tree several times its size (what a till syncing 100,000 sessions peaks on).

use super::envelope::{self, shape_of};
use super::error::ApiError;
use serde_json::value::RawValue;
use serde_json::Value;
use std::collections::HashMap;
use std::ops::Range;

/// A judged answer and the places of its list's items.
#[derive(Debug)]
pub struct ListAnswer {
    text: String,
    /// Each item's bytes in `text`, in list order.
    items: Vec<Range<usize>>,
    /// The answer without its list: the envelope and any counters beside the list.
    rest: Value,
    http_status: u16,
}

impl ListAnswer {
    /// Reads one answer: its envelope judged (a failure is the error it says), its list located.
    /// The list is under the first of `list_keys` present and not null; a bare array answer is
    /// the list itself.
    ///
    /// The list is read as [`super::lenient::list_items`] reads one: an array, or an object keyed
    /// "0", "1", … (profile php-arrays) in key order; a missing or null list is empty.
    pub fn read(
        http_status: u16,
        content_type: Option<&str>,
        body: Vec<u8>,
        redact: &[&str],
        list_keys: &[&str],
    ) -> Result<ListAnswer, ApiError> {
        let text = match String::from_utf8(body) {
            Ok(text) => text,
            Err(e) => {
                return Err(envelope::not_json(
                    http_status,
                    content_type,
                    e.as_bytes(),
                    redact,
                ))
            }
        };
        let unexpected = |detail: String| ApiError::UnexpectedResponse {
            http_status,
            detail: envelope::redact_all(&detail, redact),
        };
        let (rest, list) = match text.trim_start().as_bytes().first() {
            Some(b'{') => {
                let fields: HashMap<String, &RawValue> = serde_json::from_str(&text)
                    .map_err(|_| envelope::not_json(http_status, content_type, text.as_bytes(), redact))?;
                let list = list_keys
                    .iter()
                    .find_map(|k| fields.get(*k).filter(|raw| raw.get() != "null"))
                    .copied();
                let mut rest = serde_json::Map::new();
                for (key, raw) in &fields {
                    if list.is_some_and(|l| std::ptr::eq(l, *raw)) {
                        continue;
                    }
                    let value = serde_json::from_str(raw.get())
                        .map_err(|e| unexpected(format!("the answer's {key:?} does not parse: {e}")))?;
                    rest.insert(key.clone(), value);
                }
                (Value::Object(rest), list)
            }
            // A bare array: no envelope, the answer is the list.
            Some(b'[') => {
                let whole: &RawValue = serde_json::from_str(&text)
                    .map_err(|_| envelope::not_json(http_status, content_type, text.as_bytes(), redact))?;
                (Value::Array(Vec::new()), Some(whole))
            }
            // Anything else is judged whole; a success that is not an object or a list has no list.
            _ => {
                let value =
                    envelope::interpret_for(http_status, content_type, text.as_bytes(), redact, false)?;
                return Err(unexpected(format!("{} as a list", shape_of(&value))));
            }
        };
        let rest = envelope::judge(http_status, rest, redact, false)?;
        let items = match list {
            None => Vec::new(),
            Some(list) => item_places(&text, list).ok_or_else(|| {
                let shape = serde_json::from_str::<Value>(list.get())
                    .map(|v| shape_of(&v))
                    .unwrap_or_else(|_| "something else".into());
                unexpected(format!("a list as {shape}"))
            })?,
        };
        Ok(ListAnswer {
            items,
            rest,
            http_status,
            text,
        })
    }

    /// The answer without its list.
    pub fn rest(&self) -> &Value {
        &self.rest
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// The list's items in order, each parsed when it is reached.
    pub fn items(&self) -> impl ExactSizeIterator<Item = Result<Value, ApiError>> + '_ {
        self.items.iter().map(|place| {
            serde_json::from_str(&self.text[place.clone()]).map_err(|e| ApiError::UnexpectedResponse {
                http_status: self.http_status,
                detail: format!("a list item does not parse: {e}"),
            })
        })
    }
}

/// The byte ranges in `text` of the items of `list` (a part of `text`), or `None` when it is
/// not a list.
fn item_places(text: &str, list: &RawValue) -> Option<Vec<Range<usize>>> {
    let place = |raw: &RawValue| {
        // Every item is a slice of `text` (borrowed by the parser), so its place is its offset.
        let start = raw.get().as_ptr() as usize - text.as_ptr() as usize;
        start..start + raw.get().len()
    };
    match list.get().as_bytes().first()? {
        b'[' => {
            let items: Vec<&RawValue> = serde_json::from_str(list.get()).ok()?;
            Some(items.into_iter().map(place).collect())
        }
        b'{' => {
            let keyed: HashMap<String, &RawValue> = serde_json::from_str(list.get()).ok()?;
            let mut numbered = keyed
                .into_iter()
                .map(|(k, v)| Some((k.parse::<u64>().ok()?, v)))
                .collect::<Option<Vec<_>>>()?;
            if numbered.is_empty() {
                return None;
            }
            numbered.sort_by_key(|(k, _)| *k);
            Some(numbered.into_iter().map(|(_, v)| place(v)).collect())
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DATA: &[&str] = &["data", "results"];

    fn read(body: &str) -> Result<ListAnswer, ApiError> {
        ListAnswer::read(
            200,
            Some("application/json"),
            body.as_bytes().to_vec(),
            &["s3cret"],
            DATA,
        )
    }

    fn items(answer: &ListAnswer) -> Vec<Value> {
        answer.items().map(Result::unwrap).collect()
    }

    #[test]
    fn the_list_is_read_item_by_item_and_the_rest_is_kept() {
        let a = read(r#"{"status":{"status":"OK"},"page":2,"data":[{"a":1},{"a":"x\"]}"}]}"#).unwrap();
        assert_eq!(
            items(&a),
            vec![serde_json::json!({"a":1}), serde_json::json!({"a":"x\"]}"})]
        );
        assert_eq!(a.rest().get("page"), Some(&Value::from(2)));
        assert!(
            a.rest().get("data").is_none(),
            "the list is not parsed into the rest"
        );
    }

    #[test]
    fn every_published_and_lenient_list_shape() {
        let bare = read(r#"[{"a":1},{"a":2}]"#).unwrap();
        assert_eq!(bare.len(), 2);
        let keyed = read(r#"{"status":{"status":"OK"},"data":{"10":{"a":10},"2":{"a":2}}}"#).unwrap();
        assert_eq!(
            items(&keyed),
            vec![serde_json::json!({"a":2}), serde_json::json!({"a":10})]
        );
        let results = read(r#"{"status":{"status":"OK"},"data":null,"results":[{"a":1}]}"#).unwrap();
        assert_eq!(results.len(), 1);
        let none = read(r#"{"status":{"status":"OK"}}"#).unwrap();
        assert!(none.is_empty());
    }

    #[test]
    fn a_failure_envelope_is_the_error_it_says() {
        let err = read(r#"{"status":{"status":"failed","errors":{"error_code":513,"error_message":"Not found"}},"data":[]}"#)
            .unwrap_err();
        assert!(matches!(err, ApiError::Api { code: 513, .. }), "{err:?}");
    }

    #[test]
    fn what_is_not_a_list_is_unexpected_and_says_what_it_was() {
        for (body, says) in [
            (
                r#"{"status":{"status":"OK"},"data":"soon"}"#,
                "a list as a string",
            ),
            (
                r#"{"status":{"status":"OK"},"data":{"x":{"a":1}}}"#,
                "a list as an object",
            ),
            (r#""soon""#, "a string as a list"),
            ("<html>busy</html>", "HTML"),
            (r#"{"status":{"status":"OK"},"data":[1,"#, "not JSON"),
        ] {
            let err = read(body).unwrap_err();
            assert!(
                matches!(&err, ApiError::UnexpectedResponse { detail, .. } if detail.contains(says)),
                "{body}: {err:?}"
            );
        }
        let bad = ListAnswer::read(200, None, vec![b'{', 0xff, b'}'], &[], DATA).unwrap_err();
        assert!(matches!(bad, ApiError::UnexpectedResponse { .. }));
    }
}
