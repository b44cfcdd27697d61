//! Raw HTTP at a spawned sandbox: reqwest straight at it, no `coupon_kiosk::api`, so these tests
//! check the wire format itself.

use coupon_kiosk::sandbox::{SandboxConfig, SandboxHandle, DEMO_CLIENT_ID, DEMO_CLIENT_SECRET};
use serde_json::Value;
use std::time::Duration;

pub struct Api {
    pub sandbox: SandboxHandle,
    pub http: reqwest::Client,
}

/// One answer: HTTP status, body bytes, content type, and the body as JSON (Null when it is not).
#[derive(Debug)]
pub struct Answer {
    pub http: u16,
    pub content_type: String,
    pub bytes: Vec<u8>,
    pub json: Value,
}

impl Answer {
    /// Asserts the success envelope and returns the payload.
    #[track_caller]
    pub fn ok(&self) -> &Value {
        assert_eq!(self.http, 200, "HTTP status of {}", self.json);
        assert_eq!(self.json["status"]["status"], "OK", "{}", self.json);
        &self.json
    }

    /// Asserts the published failure envelope with this HTTP status, code and message.
    #[track_caller]
    pub fn fails(&self, http: u16, code: u64, message: &str) {
        assert_eq!(
            (self.http, &self.json["status"]["status"]),
            (http, &Value::from("failed")),
            "{}",
            self.json
        );
        let errors = &self.json["status"]["errors"];
        assert_eq!(
            (errors["error_code"].as_u64(), errors["error_message"].as_str()),
            (Some(code), Some(message)),
            "{}",
            self.json
        );
    }

    /// Asserts a documented error (HTTP 422).
    #[track_caller]
    pub fn refused(&self, code: u64, message: &str) {
        self.fails(422, code, message);
    }
}

pub fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .timeout(Duration::from_secs(30))
        .build()
        .expect("reqwest client")
}

impl Api {
    pub async fn start() -> Api {
        Api::with(SandboxConfig::default()).await
    }

    pub async fn with(config: SandboxConfig) -> Api {
        let sandbox = super::sandbox::start_with(config).await;
        Api {
            sandbox,
            http: client(),
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}/v3/{path}", self.sandbox.base_url())
    }

    /// POST a JSON body with the demo credentials in headers.
    pub async fn post(&self, path: &str, params: &[(&str, &str)]) -> Answer {
        self.try_post(path, params).await.expect("sandbox answers")
    }

    pub async fn try_post(&self, path: &str, params: &[(&str, &str)]) -> reqwest::Result<Answer> {
        let body: serde_json::Map<String, Value> = params
            .iter()
            .map(|(k, v)| (k.to_string(), Value::from(*v)))
            .collect();
        let req = self
            .http
            .post(self.url(path))
            .header("X-Client-Id", DEMO_CLIENT_ID)
            .header("X-Client-Secret", DEMO_CLIENT_SECRET)
            .json(&body);
        answer(req).await
    }

    /// POST a form-encoded body with the demo credentials in the body.
    pub async fn post_form(&self, path: &str, params: &[(&str, &str)]) -> Answer {
        let mut all = vec![
            ("client_id", DEMO_CLIENT_ID),
            ("client_secret", DEMO_CLIENT_SECRET),
        ];
        all.extend_from_slice(params);
        answer(self.http.post(self.url(path)).form(&all))
            .await
            .expect("sandbox answers")
    }

    /// POST with exactly this request (no credentials added).
    pub async fn send(&self, req: reqwest::RequestBuilder) -> Answer {
        answer(req).await.expect("sandbox answers")
    }

    pub async fn session(&self, code: &str) -> Value {
        self.post("couponsession/data", &[("couponsession", code)])
            .await
            .ok()
            .clone()
    }

    pub async fn update(&self, code: &str, operation: &str) -> Answer {
        self.post(
            "couponsession/update",
            &[("couponsession", code), ("operation", operation)],
        )
        .await
    }
}

pub async fn answer(req: reqwest::RequestBuilder) -> reqwest::Result<Answer> {
    let resp = req.send().await?;
    let http = resp.status().as_u16();
    let content_type = resp
        .headers()
        .get(reqwest::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    let bytes = resp.bytes().await?.to_vec();
    let json = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
    Ok(Answer {
        http,
        content_type,
        bytes,
        json,
    })
}

/// A session object's flag ("0"/"1") under data.status.
pub fn flag<'a>(session: &'a Value, name: &str) -> &'a str {
    session["data"]["status"][name].as_str().unwrap_or("<missing>")
}
