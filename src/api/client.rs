//! Base URL, credentials, one pooled connection, one `post(path, params)`; envelope -> Result.

use super::envelope;
use super::error::ApiError;
use super::list_answer::ListAnswer;
use serde_json::Value;
use std::sync::Arc;
use std::time::{Duration, Instant};
use time::OffsetDateTime;

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

/// Largest answer body read into memory (a page of 5000 sessions is a few megabytes).
const MAX_BODY_BYTES: usize = 64 * 1024 * 1024;

/// The Coupontools v3 client. Cheap to clone: clones share one connection pool.
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

struct Inner {
    http: reqwest::Client,
    /// Base URL with a trailing slash, e.g. `https://api.coupontools.com/`.
    base: url::Url,
    client_id: reqwest::header::HeaderValue,
    client_secret: reqwest::header::HeaderValue,
    /// Kept only to scrub it from anything a server echoes into an error message.
    secret_text: String,
    /// The whole-request timeout: also the time one validation attempt may take in all.
    request_timeout: Duration,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &self.inner.base.as_str())
            .field("client_secret", &"<redacted>")
            .finish_non_exhaustive()
    }
}

/// An answer as it came back, for endpoints whose body is not the JSON envelope (barcode images).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawResponse {
    pub http_status: u16,
    pub content_type: Option<String>,
    pub body: Vec<u8>,
    /// The answer's HTTP `Date` header: the server's clock when it answered (to the second).
    pub server_date: Option<OffsetDateTime>,
}

/// A success envelope's payload and the server's clock when it answered.
#[derive(Debug, Clone, PartialEq)]
pub struct Answer {
    pub payload: Value,
    pub server_date: Option<OffsetDateTime>,
}

/// Endpoints that change the account. A 2xx JSON without the status envelope is not a
/// confirmation from them: only the OK envelope says the change was made.
const CHANGING_PATHS: &[&str] = &[
    "couponsession/update",
    "batch/update",
    "singleuse/remove",
    "singleuse/create",
    "multiplesingleuse/create",
    "send/email",
    "send/sms",
    "send/push",
    "notification/push",
];

impl Client {
    /// Builds the one pooled HTTP client. Refuses plain `http://` to anything but this machine
    /// unless `allow_insecure_http` is set: credentials travel in every request.
    pub fn new(config: ClientConfig) -> Result<Client, ApiError> {
        Client::trusting(config, None)
    }

    /// [`Client::new`], also trusting the certificate authorities in `extra_ca_pem` (PEM, one or
    /// more certificates) beside the built-in roots: for a shop network that inspects HTTPS
    /// through its own CA. The built-in roots stay trusted; nothing is ever left unverified.
    pub fn trusting(config: ClientConfig, extra_ca_pem: Option<&[u8]>) -> Result<Client, ApiError> {
        let base = check_base_url(&config.base_url, config.allow_insecure_http)?;
        if config.client_id.trim().is_empty() {
            return Err(ApiError::Config("The client id is empty.".into()));
        }
        if config.client_secret.is_empty() {
            return Err(ApiError::Config("The client secret is empty.".into()));
        }
        let header = |what: &str, v: &str| {
            let mut h = reqwest::header::HeaderValue::from_str(v.trim()).map_err(|_| {
                ApiError::Config(format!(
                    "The {what} holds characters that cannot be sent in an HTTP header."
                ))
            })?;
            h.set_sensitive(true);
            Ok::<_, ApiError>(h)
        };
        if config.connect_timeout.is_zero() || config.request_timeout.is_zero() {
            return Err(ApiError::Config("Timeouts must be longer than zero.".into()));
        }
        let mut builder = reqwest::Client::builder().use_rustls_tls();
        if let Some(pem) = extra_ca_pem {
            let certificates = reqwest::Certificate::from_pem_bundle(pem)
                .ok()
                .filter(|c| !c.is_empty())
                .ok_or_else(|| {
                    ApiError::Config(
                        "The extra CA file holds no PEM certificate (-----BEGIN CERTIFICATE-----).".into(),
                    )
                })?;
            for certificate in certificates {
                builder = builder.add_root_certificate(certificate);
            }
        }
        let http = builder
            .connect_timeout(config.connect_timeout)
            .timeout(config.request_timeout)
            // A redirect would carry the credentials somewhere we were not told to send them.
            .redirect(reqwest::redirect::Policy::none())
            .pool_idle_timeout(Duration::from_secs(60))
            .user_agent(concat!("coupon-kiosk/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| ApiError::Config(format!("Cannot set up HTTPS: {}", describe(&e))))?;
        Ok(Client {
            inner: Arc::new(Inner {
                http,
                base,
                client_id: header("client id", &config.client_id)?,
                client_secret: header("client secret", &config.client_secret)?,
                secret_text: config.client_secret.trim().to_string(),
                request_timeout: config.request_timeout,
            }),
        })
    }

    /// The whole-request timeout this client was built with.
    pub fn request_timeout(&self) -> Duration {
        self.inner.request_timeout
    }

    /// The base URL requests go to (without `/v3`).
    pub fn base_url(&self) -> &str {
        self.inner.base.as_str().trim_end_matches('/')
    }

    /// POSTs `params` as a JSON object to `/v3/<path>` and decodes the envelope.
    /// Returns the whole answer object of a success envelope.
    pub async fn post(&self, path: &str, params: &[(&str, String)]) -> Result<Value, ApiError> {
        self.post_dated(path, params).await.map(|a| a.payload)
    }

    /// [`Client::post`], with the server's clock (`Date` header) beside the payload.
    pub async fn post_dated(&self, path: &str, params: &[(&str, String)]) -> Result<Answer, ApiError> {
        let raw = self.post_bytes(path, params).await?;
        let changing = CHANGING_PATHS.contains(&path.trim_matches('/'));
        let payload = envelope::interpret_for(
            raw.http_status,
            raw.content_type.as_deref(),
            &raw.body,
            &[&self.inner.secret_text],
            changing,
        )?;
        Ok(Answer {
            payload,
            server_date: raw.server_date,
        })
    }

    /// POSTs like [`Client::post`], for an answer that carries a long list under one of
    /// `list_keys`: the list's items are parsed one at a time ([`ListAnswer`]).
    pub async fn post_list(
        &self,
        path: &str,
        params: &[(&str, String)],
        list_keys: &[&str],
    ) -> Result<ListAnswer, ApiError> {
        let raw = self.post_bytes(path, params).await?;
        ListAnswer::read(
            raw.http_status,
            raw.content_type.as_deref(),
            raw.body,
            &[&self.inner.secret_text],
            list_keys,
        )
    }

    /// POSTs like [`Client::post`] but returns the answer unjudged: the caller interprets the
    /// body and the HTTP status (barcode images). Network failures are mapped as for `post`.
    pub async fn post_bytes(&self, path: &str, params: &[(&str, String)]) -> Result<RawResponse, ApiError> {
        let url = self.endpoint(path)?;
        let body: serde_json::Map<String, Value> = params
            .iter()
            .map(|(k, v)| ((*k).to_string(), Value::String(v.clone())))
            .collect();
        let started = Instant::now();
        // Only the path and parameter names are logged: values may be emails or phone numbers.
        // (The list is built only when debug logging is on.)
        tracing::debug!(path, params = ?params.iter().map(|(k, _)| *k).collect::<Vec<_>>(), "request");
        let response = self
            .inner
            .http
            .post(url)
            .header("X-Client-Id", self.inner.client_id.clone())
            .header("X-Client-Secret", self.inner.client_secret.clone())
            .json(&body)
            .send()
            .await
            .map_err(|e| self.network_error(path, &ReadError::from(e)))?;
        let http_status = response.status().as_u16();
        let content_type = response
            .headers()
            .get(reqwest::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string);
        let server_date = response
            .headers()
            .get(reqwest::header::DATE)
            .and_then(|v| v.to_str().ok())
            .and_then(parse_http_date);
        let body = read_body(response)
            .await
            .map_err(|e| self.network_error(path, &e))?;
        tracing::debug!(
            path,
            http_status,
            bytes = body.len(),
            elapsed_ms = started.elapsed().as_millis() as u64,
            "answer"
        );
        Ok(RawResponse {
            http_status,
            content_type,
            body,
            server_date,
        })
    }

    fn endpoint(&self, path: &str) -> Result<url::Url, ApiError> {
        let path = path.trim_start_matches('/');
        if path.is_empty()
            || !path
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'/' || b == b'_')
        {
            return Err(ApiError::InvalidInput(format!("Not an API path: {path:?}")));
        }
        self.inner
            .base
            .join(&format!("v3/{path}"))
            .map_err(|e| ApiError::Config(format!("Cannot build the URL for {path}: {e}")))
    }

    /// Which of Unreachable / Uncertain a failed request is.
    fn network_error(&self, path: &str, e: &ReadError) -> ApiError {
        let what = envelope::redact_all(&e.describe(), &[&self.inner.secret_text]);
        let err = if e.is_connect() {
            // Connection refused, DNS, TLS, connect timeout: the request never left.
            ApiError::Unreachable(what)
        } else {
            // Timed out or cut off after the request was (maybe) sent: it may have been carried out.
            ApiError::Uncertain(what)
        };
        tracing::debug!(path, error = %err, "request failed");
        err
    }
}

/// `Mon, 30 Nov 2026 06:53:22 GMT` (and the other forms HTTP allows) -> UTC time.
fn parse_http_date(text: &str) -> Option<OffsetDateTime> {
    let at = httpdate::parse_http_date(text.trim()).ok()?;
    Some(OffsetDateTime::from(at))
}

/// A network failure while sending or reading.
enum ReadError {
    Reqwest(reqwest::Error),
    TooLarge,
}

impl From<reqwest::Error> for ReadError {
    fn from(e: reqwest::Error) -> Self {
        ReadError::Reqwest(e)
    }
}

impl ReadError {
    fn is_connect(&self) -> bool {
        matches!(self, ReadError::Reqwest(e) if e.is_connect())
    }

    fn describe(&self) -> String {
        match self {
            ReadError::Reqwest(e) => describe(e),
            ReadError::TooLarge => format!("the answer is larger than {} MiB", MAX_BODY_BYTES >> 20),
        }
    }
}

async fn read_body(mut response: reqwest::Response) -> Result<Vec<u8>, ReadError> {
    // Sized from Content-Length when the server sends one, but a header alone never reserves
    // more than 1 MiB: the body must arrive to grow the buffer (up to the cap).
    let expected = response.content_length().unwrap_or(0).min(1 << 20);
    let mut body = Vec::with_capacity(expected as usize);
    while let Some(chunk) = response.chunk().await? {
        if body.len() + chunk.len() > MAX_BODY_BYTES {
            return Err(ReadError::TooLarge);
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

/// How an unreachable server's message starts when its certificate was refused (unknown issuer,
/// wrong name, expired): see [`ApiError::is_untrusted_certificate`].
pub(crate) const UNTRUSTED_CERTIFICATE: &str = "the server's certificate is not trusted";

/// A short cause for a failed request, without the URL (it names the host only once, in
/// settings) and without anything from the request.
fn describe(e: &reqwest::Error) -> String {
    if e.is_timeout() {
        return if e.is_connect() {
            "timed out while connecting".into()
        } else {
            "timed out waiting for the answer".into()
        };
    }
    // The innermost cause says most ("Connection refused (os error 111)").
    let mut cause: &dyn std::error::Error = e;
    while let Some(next) = cause.source() {
        cause = next;
    }
    let text = cause.to_string();
    let lower = text.to_ascii_lowercase();
    if lower.contains("connection refused") {
        "connection refused".into()
    } else if lower.contains("connection reset") {
        "the connection was reset".into()
    } else if lower.contains("closed before message completed")
        || lower.contains("incomplete")
        || lower.contains("unexpected eof")
        || lower.contains("end of file")
    {
        "the connection closed before the answer was complete".into()
    } else if lower.contains("dns") || lower.contains("failed to lookup") {
        "the server name could not be resolved".into()
    } else if lower.contains("invalid peer certificate") {
        format!("{UNTRUSTED_CERTIFICATE} ({})", envelope::excerpt(&text))
    } else if lower.contains("certificate") || lower.contains("tls") {
        format!("secure connection failed ({})", envelope::excerpt(&text))
    } else if e.is_connect() {
        format!("could not connect ({})", envelope::excerpt(&text))
    } else {
        envelope::excerpt(&text)
    }
}

/// HTTPS, or plain HTTP to this machine (or when explicitly allowed). No credentials in the URL.
fn check_base_url(raw: &str, allow_insecure_http: bool) -> Result<url::Url, ApiError> {
    let trimmed = raw.trim();
    let mut url = url::Url::parse(trimmed)
        .map_err(|e| ApiError::Config(format!("The API URL {trimmed:?} is not a URL ({e}).")))?;
    if !url.username().is_empty() || url.password().is_some() {
        return Err(ApiError::Config(
            "The API URL must not carry a user name or password; set the client id and secret instead."
                .into(),
        ));
    }
    let host = url
        .host_str()
        .ok_or_else(|| ApiError::Config(format!("The API URL {trimmed:?} names no host.")))?
        .to_string();
    match url.scheme() {
        "https" => {}
        "http" if is_loopback(&url) || allow_insecure_http => {}
        "http" => {
            return Err(ApiError::Config(format!(
                "Refusing plain http:// to {host}: credentials would travel unencrypted. \
                 Use https://, or pass --allow-insecure-http if you really mean it."
            )))
        }
        other => {
            return Err(ApiError::Config(format!(
                "The API URL must start with https:// (not {other}://)."
            )))
        }
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(ApiError::Config(
            "The API URL must not have a query or fragment.".into(),
        ));
    }
    // Requests go to <base>/v3/<path>: keep any base path and make it a directory.
    let path = url
        .path()
        .trim_end_matches('/')
        .trim_end_matches("/v3")
        .to_string();
    url.set_path(&format!("{path}/"));
    Ok(url)
}

fn is_loopback(url: &url::Url) -> bool {
    match url.host() {
        Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn https_anywhere_http_only_to_this_machine() {
        assert!(check_base_url("https://api.coupontools.com", false).is_ok());
        assert!(check_base_url("http://127.0.0.1:8787", false).is_ok());
        assert!(check_base_url("http://localhost:8787/", false).is_ok());
        assert!(check_base_url("http://[::1]:8787", false).is_ok());
        let e = check_base_url("http://api.example.com", false).unwrap_err();
        assert!(e.to_string().contains("--allow-insecure-http"), "{e}");
        assert!(check_base_url("http://api.example.com", true).is_ok());
        assert!(check_base_url("ftp://api.example.com", true).is_err());
        assert!(check_base_url("https://user:pw@api.example.com", false).is_err());
        assert!(check_base_url("not a url", false).is_err());
    }

    #[test]
    fn base_paths_are_kept_and_v3_is_not_doubled() {
        let u = check_base_url("https://h.example/proxy/v3/", false).unwrap();
        assert_eq!(u.as_str(), "https://h.example/proxy/");
        let u = check_base_url("https://h.example", false).unwrap();
        assert_eq!(
            u.join("v3/couponsession/data").unwrap().as_str(),
            "https://h.example/v3/couponsession/data"
        );
    }

    #[test]
    fn the_date_header_is_read_as_utc() {
        let t = parse_http_date("Mon, 30 Nov 2026 06:53:22 GMT").unwrap();
        assert_eq!(t, time::macros::datetime!(2026-11-30 06:53:22 UTC));
        assert_eq!(parse_http_date("yesterday"), None);
    }

    #[test]
    fn debug_output_has_no_secret() {
        let client = Client::new(ClientConfig {
            base_url: "http://127.0.0.1:1".into(),
            client_id: "demo".into(),
            client_secret: "very-secret-value".into(),
            connect_timeout: Duration::from_secs(1),
            request_timeout: Duration::from_secs(1),
            allow_insecure_http: false,
        })
        .unwrap();
        assert!(!format!("{client:?}").contains("very-secret-value"));
    }
}
