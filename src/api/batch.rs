//! Seed section "Coupon session" › "Update sessions": batch/update over a range of sequence ids.
//! (Kept apart from `sessions.rs`, which handles one session at a time.)

use super::client::Client;
use super::error::ApiError;
use super::lenient::unsigned;
use super::params::{check_customfield, CampaignId, Operation, CUSTOMFIELD_NAMES};

/// Operations `batch/update` takes (validate and unvalidate are single-session only).
pub const BATCH_OPERATIONS: [Operation; 6] = [
    Operation::Void,
    Operation::Unvoid,
    Operation::Lock,
    Operation::Unlock,
    Operation::Claim,
    Operation::Activate,
];

/// One `batch/update` request: every session after, before or between the sequence ids.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BatchUpdate {
    pub campaign: CampaignId,
    pub start_sequence: Option<u64>,
    pub end_sequence: Option<u64>,
    pub operation: Option<Operation>,
    /// customfield1..7 (index 0 is customfield1); each at most 50 characters.
    pub customfields: [Option<String>; 7],
}

impl BatchUpdate {
    pub fn new(campaign: CampaignId, start_sequence: Option<u64>, end_sequence: Option<u64>) -> BatchUpdate {
        BatchUpdate {
            campaign,
            start_sequence,
            end_sequence,
            operation: None,
            customfields: Default::default(),
        }
    }

    pub fn check(&self) -> Result<(), ApiError> {
        match (self.start_sequence, self.end_sequence) {
            (None, None) => {
                return Err(ApiError::InvalidInput(
                    "Give the first sequence id, the last, or both.".into(),
                ))
            }
            (Some(s), Some(e)) if s > e => {
                return Err(ApiError::InvalidInput(format!(
                    "The first sequence id {s} comes after the last {e}: swap them."
                )))
            }
            _ => {}
        }
        if let Some(op) = self.operation {
            if !BATCH_OPERATIONS.contains(&op) {
                return Err(ApiError::InvalidInput(format!(
                    "A batch cannot {}: use void, unvoid, lock, unlock, claim or activate \
                     (validate one coupon at a time).",
                    op.as_str()
                )));
            }
        }
        for (i, f) in self.customfields.iter().enumerate() {
            if let Some(v) = f {
                check_customfield((i + 1) as u8, v)?;
            }
        }
        if self.operation.is_none() && self.customfields.iter().all(Option::is_none) {
            return Err(ApiError::InvalidInput(
                "Nothing to change: give an operation or a custom field.".into(),
            ));
        }
        Ok(())
    }

    pub fn to_params(&self) -> Vec<(&'static str, String)> {
        let mut p = vec![("campaign", self.campaign.as_str().to_string())];
        if let Some(s) = self.start_sequence {
            p.push(("startsequence", s.to_string()));
        }
        if let Some(e) = self.end_sequence {
            p.push(("endsequence", e.to_string()));
        }
        if let Some(op) = self.operation {
            p.push(("operation", op.as_str().to_string()));
        }
        for (name, v) in CUSTOMFIELD_NAMES.iter().zip(&self.customfields) {
            if let Some(v) = v {
                p.push((name, v.clone()));
            }
        }
        p
    }
}

/// What `batch/update` answers (`{"updated": N}`; the range when the server names it).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct BatchResult {
    pub updated: Option<u64>,
    pub startsequence: Option<u64>,
    pub endsequence: Option<u64>,
}

impl Client {
    /// `batch/update`. The server applies it to every session in the range or to none.
    pub async fn batch_update(&self, batch: &BatchUpdate) -> Result<BatchResult, ApiError> {
        batch.check()?;
        let answer = self.post("batch/update", &batch.to_params()).await?;
        Ok(BatchResult {
            updated: unsigned(answer.get("updated")),
            startsequence: unsigned(answer.get("startsequence")),
            endsequence: unsigned(answer.get("endsequence")),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn batches_need_a_range_and_a_change() {
        let cam = CampaignId::parse("cam_demo03").unwrap();
        let mut b = BatchUpdate::new(cam.clone(), None, None);
        b.operation = Some(Operation::Void);
        assert!(b.check().is_err());
        let mut b = BatchUpdate::new(cam.clone(), Some(5), Some(4));
        b.operation = Some(Operation::Void);
        assert!(b.check().is_err());
        let b = BatchUpdate::new(cam.clone(), Some(5), None);
        assert!(b.check().is_err(), "no change");
        let mut b = BatchUpdate::new(cam, None, Some(9));
        b.operation = Some(Operation::Validate);
        assert!(b
            .check()
            .unwrap_err()
            .to_string()
            .contains("one coupon at a time"));
        b.operation = Some(Operation::Lock);
        assert!(b.check().is_ok());
        assert!(b.to_params().contains(&("endsequence", "9".to_string())));
    }
}
