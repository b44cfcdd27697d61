use crate::support::cli::{run_in, stderr, stdout, ACCOUNT};
use coupon_kiosk::sandbox::{DEMO_CLIENT_ID, DEMO_CLIENT_SECRET};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Output;

/// One till: a home of its own (config file, data directory with the journal) and a server.
pub struct Till {
    home: tempfile::TempDir,
    pub url: String,
}

impl Till {
    /// A till at `url`, configured by `config` (the TOML of kiosk.toml; may be empty).
    pub fn new(url: &str, config: &str) -> Till {
        let home = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let dir = home.path().join("config/coupon-kiosk");
        std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
        std::fs::write(dir.join("kiosk.toml"), config).unwrap_or_else(|e| panic!("{e}"));
        Till {
            home,
            url: url.to_string(),
        }
    }

    #[allow(dead_code)]
    pub fn home(&self) -> &Path {
        self.home.path()
    }

    #[allow(dead_code)]
    pub fn data_dir(&self) -> PathBuf {
        self.home.path().join("data/coupon-kiosk")
    }

    pub fn run(&self, args: &[&str]) -> Output {
        let env = [("COUPONTOOLS_API_URL", self.url.as_str()), ACCOUNT[0], ACCOUNT[1]];
        run_in(self.home.path(), args, &env)
    }

    /// `validate CODE --json`: (exit status, JSON verdict).
    pub fn validate(&self, code: &str) -> (i32, Value) {
        self.validate_with(code, &[])
    }

    pub fn validate_with(&self, code: &str, flags: &[&str]) -> (i32, Value) {
        let mut args = vec!["validate", code, "--json"];
        args.extend_from_slice(flags);
        let o = self.run(&args);
        let v = serde_json::from_slice(&o.stdout)
            .unwrap_or_else(|e| panic!("{code}: {e}\nstdout: {}\nstderr: {}", stdout(&o), stderr(&o)));
        (o.status.code().unwrap_or(-1), v)
    }
}

/// The tag field every tagged till in these tests writes into.
pub const TAG_FIELD: usize = 5;
pub const TAGGED: &str = "[kiosk]\ntag_customfield = 5\n";

/// Raw HTTP at a sandbox (another client: no journal, no tag unless given).
pub struct Http {
    pub url: String,
    http: reqwest::blocking::Client,
}

impl Http {
    pub fn new(url: &str) -> Http {
        Http {
            url: url.to_string(),
            http: reqwest::blocking::Client::builder()
                .timeout(std::time::Duration::from_secs(20))
                .build()
                .unwrap_or_else(|e| panic!("{e}")),
        }
    }

    pub fn post(&self, path: &str, params: &[(&str, &str)]) -> Value {
        let body: serde_json::Map<String, Value> = params
            .iter()
            .map(|(k, v)| (k.to_string(), Value::from(*v)))
            .collect();
        let resp = self
            .http
            .post(format!("{}/v3/{path}", self.url))
            .header("X-Client-Id", DEMO_CLIENT_ID)
            .header("X-Client-Secret", DEMO_CLIENT_SECRET)
            .json(&body)
            .send()
            .unwrap_or_else(|e| panic!("{path}: {e}"));
        resp.json().unwrap_or_else(|e| panic!("{path}: {e}"))
    }

    /// `n` fresh claimed sessions of cam_demo01 (their full codes).
    pub fn issue(&self, n: usize) -> Vec<String> {
        let v = self.post(
            "multiplesingleuse/create",
            &[("campaign", "cam_demo01"), ("amount", &n.to_string())],
        );
        let codes: Vec<String> = v["data"]
            .as_array()
            .unwrap_or_else(|| panic!("{v}"))
            .iter()
            .filter_map(|s| s["single_use_code"].as_str().map(str::to_string))
            .collect();
        assert_eq!(codes.len(), n, "{v}");
        codes
    }

    /// One fresh session with these extra `singleuse/create` parameters: (code, answer).
    pub fn issue_one(&self, extra: &[(&str, &str)]) -> (String, Value) {
        let mut params = vec![("campaign", "cam_demo01")];
        params.extend_from_slice(extra);
        let v = self.post("singleuse/create", &params);
        let code = v["single_use_code"]
            .as_str()
            .unwrap_or_else(|| panic!("{v}"))
            .to_string();
        (code, v)
    }

    /// Validates as another client would, optionally writing `tag` into the tag field.
    pub fn validate(&self, code: &str, tag: Option<&str>) {
        let field = format!("customfield{TAG_FIELD}");
        let mut params = vec![("couponsession", code), ("operation", "validate")];
        if let Some(t) = tag {
            params.push((field.as_str(), t));
        }
        let v = self.post("couponsession/update", &params);
        assert_eq!(v["status"]["status"], "OK", "{v}");
    }

    pub fn session(&self, code: &str) -> Value {
        self.post("couponsession/data", &[("couponsession", code)])
    }
}

/// Runs `work` over `items` on `threads` threads; results in the items' order.
pub fn parallel<T: Sync, R: Send>(items: &[T], threads: usize, work: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let next = std::sync::atomic::AtomicUsize::new(0);
    let results = std::sync::Mutex::new(Vec::new());
    std::thread::scope(|s| {
        for _ in 0..threads {
            s.spawn(|| loop {
                let i = next.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                let Some(item) = items.get(i) else { break };
                let r = work(item);
                results.lock().unwrap_or_else(|p| p.into_inner()).push((i, r));
            });
        }
    });
    let mut all = results.into_inner().unwrap_or_else(|p| p.into_inner());
    all.sort_by_key(|(i, _)| *i);
    all.into_iter().map(|(_, r)| r).collect()
}
