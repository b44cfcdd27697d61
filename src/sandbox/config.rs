//! How a sandbox is started: address, database, credentials, fault injection, integrations.

use super::profile::ProfileName;
use std::net::{Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::time::Duration;

/// The credentials the sandbox accepts unless told otherwise.
pub const DEMO_CLIENT_ID: &str = "demo";
/// The secret that goes with [`DEMO_CLIENT_ID`]. It guards nothing: the sandbox is local.
pub const DEMO_CLIENT_SECRET: &str = "demo-secret";

/// The longest latency a sandbox adds to a request (`--latency-ms`): more would only hold
/// connections open, which is what the read timeouts are there to prevent.
pub const MAX_LATENCY_MS: u64 = 10_000;

/// How long the head of a request, and then its body, may take to arrive.
pub const DEFAULT_READ_TIMEOUT: Duration = Duration::from_secs(10);

/// How an injected failure shows itself to the client.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FailureKind {
    /// HTTP 503 before the request touched anything.
    UnavailableBefore,
    /// The connection is dropped (client sees EOF/reset) before the request touched anything.
    DropBefore,
    /// The request is carried out and committed, then answered with HTTP 503.
    UnavailableAfterCommit,
    /// The request is carried out and committed, then the connection is dropped without an answer.
    DropAfterCommit,
}

impl FailureKind {
    pub const ALL: [FailureKind; 4] = [
        FailureKind::UnavailableBefore,
        FailureKind::DropBefore,
        FailureKind::UnavailableAfterCommit,
        FailureKind::DropAfterCommit,
    ];
}

/// What the fault injector does to each request; can be changed on a running sandbox
/// through [`super::SandboxHandle::set_fault_plan`].
#[derive(Debug, Clone, PartialEq)]
pub struct FaultPlan {
    /// Added before every request is handled.
    pub latency: Duration,
    /// Fraction (0.0..=1.0) of requests that fail.
    pub fail_rate: f64,
    /// The kinds a failing request is drawn from (uniformly); empty means all of them.
    pub kinds: Vec<FailureKind>,
    /// Endpoint paths (e.g. `couponsession/update`) that may fail; empty means every endpoint.
    pub only_paths: Vec<String>,
}

impl Default for FaultPlan {
    fn default() -> Self {
        Self {
            latency: Duration::ZERO,
            fail_rate: 0.0,
            kinds: FailureKind::ALL.to_vec(),
            only_paths: Vec::new(),
        }
    }
}

/// Everything [`super::spawn`] needs. `Default` is an in-memory database with the demo data,
/// an ephemeral loopback port and the demo credentials, no faults and no delivery integrations.
#[derive(Clone)]
pub struct SandboxConfig {
    pub addr: SocketAddr,
    /// SQLite file; `None` keeps everything in memory (gone when the sandbox stops).
    pub db_path: Option<PathBuf>,
    pub client_id: String,
    pub client_secret: String,
    /// Delay added to every request.
    pub latency: Duration,
    /// Fraction (0.0..=1.0) of requests that fail (see [`FailureKind`]).
    pub fail_rate: f64,
    /// Which failure kinds are drawn; empty means all four.
    pub failure_kinds: Vec<FailureKind>,
    /// Which endpoints may fail (`couponsession/update`, ...); empty means all.
    pub fail_only_paths: Vec<String>,
    /// Seed for the fault dice, so that a flaky run can be replayed; `None` draws a fresh one.
    pub fault_seed: Option<u64>,
    /// Load the demo coupons and sessions into an empty database.
    pub demo_data: bool,
    /// An email marketing integration is set up (else `send/email` answers 104).
    pub email_integration: bool,
    /// An SMS integration is set up (else `send/sms` answers 103).
    pub sms_integration: bool,
    /// How answers are shaped where the seed leaves the wire format open.
    pub profile: ProfileName,
    /// How long a client may take to send a request's head (also how long an idle kept-alive
    /// connection stays open): a half-sent request does not hold a connection for ever.
    pub header_read_timeout: Duration,
    /// How long a request's body may take to arrive once its head has.
    pub body_read_timeout: Duration,
}

impl Default for SandboxConfig {
    fn default() -> Self {
        Self {
            addr: SocketAddr::from((Ipv4Addr::LOCALHOST, 0)),
            db_path: None,
            client_id: DEMO_CLIENT_ID.to_string(),
            client_secret: DEMO_CLIENT_SECRET.to_string(),
            latency: Duration::ZERO,
            fail_rate: 0.0,
            failure_kinds: FailureKind::ALL.to_vec(),
            fail_only_paths: Vec::new(),
            fault_seed: None,
            demo_data: true,
            email_integration: false,
            sms_integration: false,
            profile: ProfileName::Documented,
            header_read_timeout: DEFAULT_READ_TIMEOUT,
            body_read_timeout: DEFAULT_READ_TIMEOUT,
        }
    }
}

impl SandboxConfig {
    /// The fault plan this configuration starts with.
    pub fn fault_plan(&self) -> FaultPlan {
        FaultPlan {
            latency: self.latency,
            fail_rate: self.fail_rate,
            kinds: self.failure_kinds.clone(),
            only_paths: self.fail_only_paths.clone(),
        }
    }
}

// The secret stays out of logs and panics.
impl std::fmt::Debug for SandboxConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SandboxConfig")
            .field("addr", &self.addr)
            .field("db_path", &self.db_path)
            .field("client_id", &self.client_id)
            .field("client_secret", &"<redacted>")
            .field("latency", &self.latency)
            .field("fail_rate", &self.fail_rate)
            .field("failure_kinds", &self.failure_kinds)
            .field("fail_only_paths", &self.fail_only_paths)
            .field("fault_seed", &self.fault_seed)
            .field("demo_data", &self.demo_data)
            .field("email_integration", &self.email_integration)
            .field("sms_integration", &self.sms_integration)
            .field("profile", &self.profile)
            .field("header_read_timeout", &self.header_read_timeout)
            .field("body_read_timeout", &self.body_read_timeout)
            .finish()
    }
}
