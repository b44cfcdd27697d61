//! Base URL, credentials, one pooled connection, one `post(path, params)`; envelope -> Result.

use std::time::Duration;

/// Where and how to reach the API. The secret is never printed (see `Debug`).
#[derive(Clone)]
pub struct ClientConfig {
    /// e.g. `https://api.coupontools.com` (the client appends `/v3/<path>`).
    pub base_url: String,
    pub client_id: String,
    pub client_secret: String,
    pub connect_timeout: Duration,
    pub request_timeout: Duration,
    /// Allow plain `http://` to a non-loopback host (loopback is always allowed).
    pub allow_insecure_http: bool,
}

impl std::fmt::Debug for ClientConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ClientConfig")
            .field("base_url", &self.base_url)
            .field("client_id", &self.client_id)
            .field("client_secret", &"<redacted>")
            .field("connect_timeout", &self.connect_timeout)
            .field("request_timeout", &self.request_timeout)
            .field("allow_insecure_http", &self.allow_insecure_http)
            .finish()
    }
}

/// The Coupontools v3 client. Cheap to clone: clones share one connection pool.
#[derive(Clone, Debug)]
pub struct Client {
    // filled in by the client implementation
}
