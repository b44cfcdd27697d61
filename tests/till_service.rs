//! The till service: assets/systemd/ starts the real binary on tty1 under its own user,
//! restarts it, and hands it the API secret as a systemd credential the binary reads.

mod support;

use clap::Parser;
use coupon_kiosk::cli::Cli;
use coupon_kiosk::credentials;
use coupon_kiosk::sandbox::{self, DEMO_CLIENT_ID, DEMO_CLIENT_SECRET};
use std::collections::BTreeMap;
use std::process::Command;
use support::cli::{run_in, BIN};
const UNIT: &str = include_str!("../assets/systemd/coupon-kiosk.service");
const SYSUSERS: &str = include_str!("../assets/systemd/coupon-kiosk.sysusers");

/// `[Section]` -> key -> every value given (systemd keys may repeat).
fn ini(text: &str) -> BTreeMap<String, BTreeMap<String, Vec<String>>> {
    let mut out: BTreeMap<String, BTreeMap<String, Vec<String>>> = BTreeMap::new();
    let mut section = String::new();
    for line in text.lines().map(str::trim) {
        if line.is_empty() || line.starts_with('#') || line.starts_with(';') {
            continue;
        }
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            section = name.to_string();
            continue;
        }
        let (k, v) = line
            .split_once('=')
            .unwrap_or_else(|| panic!("not key=value: {line}"));
        out.entry(section.clone())
            .or_default()
            .entry(k.trim().to_string())
            .or_default()
            .push(v.trim().to_string());
    }
    out
}

#[test]
fn the_unit_runs_the_kiosk_on_tty1_as_its_own_user_and_restarts_it() {
    let unit = ini(UNIT);
    let service = &unit["Service"];
    let one = |k: &str| -> &str {
        let v = service.get(k).unwrap_or_else(|| panic!("no {k}="));
        assert_eq!(v.len(), 1, "{k} given more than once");
        &v[0]
    };
    assert_eq!(one("User"), "kiosk");
    assert_eq!(one("TTYPath"), "/dev/tty1");
    assert_eq!(one("StandardInput"), "tty");
    assert_eq!(one("StandardOutput"), "tty");
    assert_eq!(one("Restart"), "always");
    assert!(service["Environment"].contains(&"TERM=linux".to_string()));
    assert_eq!(unit["Unit"]["Conflicts"], ["getty@tty1.service"]);
    assert_eq!(
        unit["Unit"]["StartLimitIntervalSec"],
        ["0"],
        "never gives up restarting"
    );
    assert_eq!(unit["Install"]["WantedBy"], ["multi-user.target"]);

    // The command line is one this binary takes, and it starts the kiosk screen.
    let exec: Vec<&str> = one("ExecStart").split_whitespace().collect();
    assert_eq!(exec[0], "/usr/local/bin/coupon-kiosk");
    let cli = Cli::try_parse_from(&exec).unwrap_or_else(|e| panic!("{e}"));
    assert!(cli.command.is_none(), "no subcommand: the kiosk screen");
    let data_dir = cli.global.data_dir.expect("--data-dir");
    assert_eq!(
        data_dir,
        std::path::Path::new("/var/lib").join(one("StateDirectory"))
    );

    // The secret arrives as the credential the binary reads, not in the unit or environment.
    let credential = one("LoadCredential");
    assert_eq!(
        credential.split_once(':').map(|c| c.0),
        Some(credentials::CLIENT_SECRET)
    );
    assert!(!UNIT.contains("COUPONTOOLS_CLIENT_SECRET"));

    // The user the unit runs as is the one the sysusers file creates.
    let user_line = SYSUSERS.lines().find(|l| l.starts_with("u ")).expect("a u line");
    assert_eq!(user_line.split_whitespace().nth(1), Some(one("User")));
}

#[test]
fn systemd_accepts_the_unit() {
    let Ok(version) = Command::new("systemd-analyze").arg("--version").output() else {
        eprintln!("systemd-analyze is not installed: the unit's keys were checked, not systemd's reading");
        return;
    };
    assert!(version.status.success());
    // verify insists that ExecStart exists: point it at the binary under test.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("coupon-kiosk.service");
    std::fs::write(&path, UNIT.replace("/usr/local/bin/coupon-kiosk", BIN)).unwrap();
    let o = Command::new("systemd-analyze")
        .args(["verify", "--man=no"])
        .arg(&path)
        .output()
        .unwrap();
    // verify exits 0 even when it ignores a line it cannot parse: any word from it is a defect.
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(o.status.success() && said.trim().is_empty(), "{said}");
}

#[test]
fn the_binary_reads_the_secret_from_the_systemd_credential() {
    let sb = support::sandbox::Blocking::start();
    let home = tempfile::tempdir().unwrap();
    let creds = tempfile::tempdir().unwrap();
    let url = sb.base_url();
    let creds_dir = creds.path().to_string_lossy().to_string();
    let coupons = |with_credentials: bool| {
        let mut env = vec![
            ("COUPONTOOLS_API_URL", url.as_str()),
            ("COUPONTOOLS_CLIENT_ID", DEMO_CLIENT_ID),
        ];
        if with_credentials {
            env.push(("CREDENTIALS_DIRECTORY", creds_dir.as_str()));
        }
        run_in(home.path(), &["coupons", "--json"], &env)
    };

    let o = coupons(false);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("client secret"));

    // systemd's copy ends with the newline of the file it was made from.
    std::fs::write(
        creds.path().join(credentials::CLIENT_SECRET),
        format!("{DEMO_CLIENT_SECRET}\n"),
    )
    .unwrap();
    let o = coupons(true);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(String::from_utf8_lossy(&o.stdout).contains("cam_demo01"));

    // A wrong file is named, its content never shown.
    std::fs::write(creds.path().join(credentials::CLIENT_SECRET), "x".repeat(5000)).unwrap();
    let o = coupons(true);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains(credentials::CLIENT_SECRET) && !err.contains("xxxx"),
        "{err}"
    );
}

#[test]
fn the_binary_carries_its_demo_data_wherever_it_is_installed() {
    use std::io::BufRead;
    use std::sync::mpsc;
    use std::time::Duration;
    // A copy of the binary in an empty directory, run from there: no source tree beside it.
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("coupon-kiosk");
    std::fs::copy(BIN, &copy).unwrap();
    let mut child = Command::new(&copy)
        .args(["sandbox", "--addr", "127.0.0.1:0"])
        .current_dir(dir.path())
        .env_clear()
        .env("HOME", dir.path())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in std::io::BufReader::new(stdout).lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    let mut printed = Vec::new();
    while let Ok(line) = rx.recv_timeout(Duration::from_secs(20)) {
        let done = line.contains("Ctrl-C stops the sandbox");
        printed.push(line);
        if done {
            break;
        }
    }
    let _ = child.kill();
    let _ = child.wait();
    let printed = printed.join("\n");
    assert_eq!(sandbox::demo_sessions().len(), 9);
    for s in sandbox::demo_sessions() {
        assert!(printed.contains(&s.code), "{} missing from\n{printed}", s.code);
    }
    assert!(
        printed.contains("custom validation code WELCOME2026"),
        "{printed}"
    );
}
