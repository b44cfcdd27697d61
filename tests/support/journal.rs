//! The kiosk's journal as a test reads it back through `coupon-kiosk journal --json`.

use super::pty::{wait, Kiosk};
use anyhow::Result;

/// The validation attempts in the kiosk's journal, (scanned, outcome), oldest first, once there
/// are at least `n` and none is still in flight (an attempt is written as unknown while its
/// request is out).
pub fn settled_validations(k: &Kiosk, n: usize) -> Result<Vec<(String, String)>> {
    wait(|| {
        let journal = k.journal_json().ok()?;
        let v: Vec<(String, String)> = journal
            .as_array()?
            .iter()
            .filter(|e| e["operation"] == "validate")
            .map(|e| {
                (
                    e["scanned"].as_str().unwrap_or_default().to_string(),
                    e["outcome"].as_str().unwrap_or_default().to_string(),
                )
            })
            .collect();
        (v.len() >= n && v.iter().all(|(_, o)| o != "unknown")).then_some(v)
    })
}
