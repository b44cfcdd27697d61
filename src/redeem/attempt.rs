//! One validation attempt's bookkeeping: its own random id, the till it runs on, one deadline
//! that every request of the attempt shares (search, update and re-check together never take
//! longer than the client's request timeout), and the round trips it took.

use crate::api::ApiError;
use crate::tag::{AttemptId, ValidationTag};
use std::future::Future;
use std::time::Duration;
use tokio::time::Instant;

/// Which till validates, and where it writes its tag.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Till {
    pub terminal: String,
    pub cashier: Option<String>,
    /// The custom field (1..=7) the validation tag is written into; none when not configured.
    pub tag_field: Option<u8>,
}

impl Default for Till {
    fn default() -> Self {
        Till {
            terminal: "till-1".into(),
            cashier: None,
            tag_field: None,
        }
    }
}

/// Share of the attempt's time the update may take: the rest is kept for the re-check that a
/// lost answer needs.
const UPDATE_SHARE: (u32, u32) = (3, 4);

/// How long the update of an attempt with `budget` in all may take before its re-check starts:
/// from then on a screen can say CHECKING.
pub fn update_time(budget: Duration) -> Duration {
    budget * UPDATE_SHARE.0 / UPDATE_SHARE.1
}

/// The running attempt.
#[derive(Debug)]
pub struct Attempt {
    pub id: AttemptId,
    pub till: Till,
    /// Accepted offline by this till and forwarded now: the tag says so.
    pub offline: bool,
    started: Instant,
    deadline: Instant,
    pub round_trips: u32,
}

impl Attempt {
    /// A fresh attempt that may take `budget` in all.
    pub fn new(till: Till, budget: Duration) -> Attempt {
        let started = Instant::now();
        Attempt {
            id: AttemptId::random(),
            till,
            offline: false,
            started,
            deadline: started + budget,
            round_trips: 0,
        }
    }

    /// The tag this attempt writes with its update.
    pub fn tag(&self) -> ValidationTag {
        let mut tag = ValidationTag::new(&self.till.terminal, self.till.cashier.as_deref(), self.id.clone());
        tag.offline = self.offline;
        tag
    }

    /// Runs one request within the attempt's deadline. Running out of time is an uncertain
    /// failure: the request may have been carried out.
    pub async fn call<T>(
        &mut self,
        request: impl Future<Output = Result<T, ApiError>>,
    ) -> Result<T, ApiError> {
        let deadline = self.deadline;
        self.within(deadline, request).await
    }

    /// Runs the update, leaving part of the attempt's time for a re-check.
    pub async fn call_update<T>(
        &mut self,
        request: impl Future<Output = Result<T, ApiError>>,
    ) -> Result<T, ApiError> {
        let now = Instant::now();
        let left = self.deadline.saturating_duration_since(now);
        self.within(now + update_time(left), request).await
    }

    async fn within<T>(
        &mut self,
        deadline: Instant,
        request: impl Future<Output = Result<T, ApiError>>,
    ) -> Result<T, ApiError> {
        if Instant::now() >= deadline {
            return Err(ApiError::Uncertain("the attempt ran out of time".into()));
        }
        self.round_trips += 1;
        match tokio::time::timeout_at(deadline, request).await {
            Ok(result) => result,
            Err(_) => Err(ApiError::Uncertain(format!(
                "timed out waiting for the answer ({} ms into the attempt)",
                self.started.elapsed().as_millis()
            ))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn all_requests_share_one_deadline() {
        let mut a = Attempt::new(Till::default(), Duration::from_secs(4));
        let hang = || async {
            tokio::time::sleep(Duration::from_secs(60)).await;
            Ok::<(), ApiError>(())
        };
        let t0 = Instant::now();
        assert!(matches!(a.call_update(hang()).await, Err(ApiError::Uncertain(_))));
        assert_eq!(t0.elapsed(), Duration::from_secs(3));
        assert!(matches!(a.call(hang()).await, Err(ApiError::Uncertain(_))));
        assert_eq!(t0.elapsed(), Duration::from_secs(4));
        assert!(matches!(a.call(hang()).await, Err(ApiError::Uncertain(_))));
        assert_eq!(t0.elapsed(), Duration::from_secs(4));
        assert_eq!(a.round_trips, 2);
    }
}
