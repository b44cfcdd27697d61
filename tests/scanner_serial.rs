//! A serial (USB-COM) scanner, end to end: the real `coupon-kiosk demo` binary in a
//! pseudo-terminal, reading codes from a second pseudo-terminal that stands in for the scanner
//! (its slave side is the device, reached through a symlink the test re-points to "replug" it).

mod support;

use anyhow::{anyhow, Result};
use portable_pty::{native_pty_system, MasterPty, PtySize};
use std::io::Write;
use std::path::{Path, PathBuf};
use support::codes::{CLAIMED, CLAIMED_2, EXPIRED, FLEXIBLE, LOCKED, UNCLAIMED, VALIDATED, VOIDED};
use support::journal::settled_validations;
use support::pty::{Kiosk, Launch};

/// A stand-in for the scanner: the master side of a pty, whose slave is the device.
struct Device {
    writer: Box<dyn Write + Send>,
    // Kept open: closing it is unplugging the scanner.
    _master: Box<dyn MasterPty + Send>,
}

impl Device {
    /// A new pty, reached at `link`.
    fn plug_in(link: &Path) -> Result<Device> {
        let pair = native_pty_system()
            .openpty(PtySize::default())
            .map_err(|e| anyhow!("openpty: {e}"))?;
        let path = pair
            .master
            .tty_name()
            .ok_or_else(|| anyhow!("the pty has no name"))?;
        drop(pair.slave);
        let _ = std::fs::remove_file(link);
        std::os::unix::fs::symlink(&path, link)?;
        let writer = pair.master.take_writer().map_err(|e| anyhow!("writer: {e}"))?;
        Ok(Device {
            writer,
            _master: pair.master,
        })
    }

    /// What the scanner sends.
    fn send(&mut self, bytes: &[u8]) -> Result<()> {
        self.writer.write_all(bytes)?;
        self.writer.flush()?;
        Ok(())
    }
}

/// Every validation attempt's scanned text, oldest first, once none is still in flight.
fn scanned(k: &Kiosk, n: usize) -> Result<Vec<String>> {
    let entries = settled_validations(k, n)?;
    Ok(entries.into_iter().map(|(s, _)| s).collect())
}

fn launch(device: &Path) -> Result<Kiosk> {
    let device = device.to_str().ok_or_else(|| anyhow!("path not UTF-8"))?;
    Kiosk::launch(Launch {
        args: &["--mode", "auto", "--scanner-device", device],
        ..Launch::default()
    })
}

#[test]
fn serial_codes_are_scans_and_the_scanner_may_come_and_go() -> Result<()> {
    let dir = tempfile::tempdir()?;
    let link: PathBuf = dir.path().join("scanner");
    // Not plugged in when the kiosk starts: it runs, and says so.
    let mut k = launch(&link)?;
    // Wide enough for the long form beside the demo's status.
    k.resize(30, 160)?;
    k.wait_for("scanner: not connected")?;
    let mut device = Device::plug_in(&link)?;
    k.wait_for("scanner: connected")?;

    // A code ending in CR is a scan, validated per the counter's mode (auto here).
    device.send(b"WELCOME2026\r")?;
    k.wait_for("✔ VALIDATED")?;
    assert_eq!(scanned(&k, 1)?, ["WELCOME2026"]);
    // CRLF and LF end a code too (CRLF once).
    device.send(format!("{CLAIMED}\r\n").as_bytes())?;
    assert_eq!(scanned(&k, 2)?.last().map(String::as_str), Some(CLAIMED));
    device.send(format!("{CLAIMED_2}\n").as_bytes())?;
    let done = scanned(&k, 3)?;
    assert_eq!(
        done,
        ["WELCOME2026", CLAIMED, CLAIMED_2],
        "no empty scan from CRLF"
    );
    // Two codes in one write are two scans, in order.
    device.send(format!("{VALIDATED}\r{VOIDED}\r").as_bytes())?;
    let done = scanned(&k, 5)?;
    assert_eq!(done[3..], [VALIDATED, VOIDED]);
    // The keyboard keeps working alongside.
    k.scan(UNCLAIMED)?;
    assert_eq!(scanned(&k, 6)?.last().map(String::as_str), Some(UNCLAIMED));

    // An over-long line is refused whole, with a notice; nothing is sent for it: the next
    // code is the next attempt.
    device.send(format!("{}\r", "x".repeat(600)).as_bytes())?;
    k.wait_for("too long to be a code")?;
    device.send(format!("{FLEXIBLE}\r").as_bytes())?;
    let done = scanned(&k, 7)?;
    assert_eq!(done[6..], [FLEXIBLE], "{done:?}");

    // Unplugged: the kiosk runs on, says so, and the keyboard still scans.
    drop(device);
    k.wait_for("scanner: not connected")?;
    k.scan(LOCKED)?;
    assert_eq!(scanned(&k, 8)?.last().map(String::as_str), Some(LOCKED));

    // Plugged in again (a new pty at the same path): connected, and its scans work.
    let mut device = Device::plug_in(&link)?;
    k.wait_for("scanner: connected")?;
    device.send(format!("{EXPIRED}\r").as_bytes())?;
    assert_eq!(scanned(&k, 9)?.last().map(String::as_str), Some(EXPIRED));

    // At 80 columns the status bar says it short.
    k.resize(24, 80)?;
    let screen = k.wait_for("scan on")?;
    let bar = screen.lines().next().unwrap_or_default();
    assert!(
        bar.contains("DEMO") && !bar.contains("scanner: connected"),
        "{bar}"
    );
    assert_eq!(k.quit()?, 0);
    Ok(())
}
