//! The serial scanner's reader: a thread that opens the device, cuts what it sends into codes,
//! and sends each on, with word of the device coming and going. A missing device (not plugged
//! in yet, unplugged, replugged) never stops it: it tries again after a pause that grows from
//! [`RETRY_FIRST`] to [`RETRY_MAX`], and starts again from the first pause once connected.
//!
//! What it sends waits in a channel of [`CHANNEL_BOUND`] events. When the kiosk is slower than
//! the scanner and the channel is full, the reader waits for room and meanwhile reads nothing:
//! what the scanner sends waits in the port's own buffer (the kernel's, then the device's: a
//! USB scanner is held back by its driver, and a serial line with flow control by it). No code
//! is dropped on the way; the kiosk's scan queue says so when it is full itself.
//!
//! Nothing sent is thrown away on opening either: the port's input is not flushed, and the
//! line being cut is kept across reads that time out (only a half line from before the
//! device went away is dropped, as its end will never come).

use super::lines::{Line, LineSplitter};
use std::io::Read;
use std::path::PathBuf;
use std::time::Duration;
use tokio::sync::mpsc::{channel, Receiver, Sender};

/// Which device, at which speed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SerialDevice {
    pub path: PathBuf,
    pub baud: u32,
}

/// What the reader reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ScannerEvent {
    /// The device is open: codes can come.
    Connected,
    /// The device is not there (or went away); the reader keeps trying to open it.
    Disconnected,
    /// One scanned code: printable characters, bounded, never empty.
    Code(String),
    /// The scanner sent a line too long to be a code; it was thrown away.
    TooLong,
}

/// The first pause before opening the device again.
pub const RETRY_FIRST: Duration = Duration::from_millis(500);
/// The longest pause between two attempts to open the device.
pub const RETRY_MAX: Duration = Duration::from_secs(2);
/// How long one read waits for bytes before looking whether anyone still listens.
const READ_WAIT: Duration = Duration::from_millis(250);
/// Bytes taken per read (a burst of codes takes several reads; lines are cut across them).
const READ_CHUNK: usize = 256;

/// The most events waiting for the kiosk (each code is at most 512 bytes).
pub const CHANNEL_BOUND: usize = 32;

/// The channel from the reader to the kiosk, bounded at [`CHANNEL_BOUND`].
pub fn events() -> (Sender<ScannerEvent>, Receiver<ScannerEvent>) {
    channel(CHANNEL_BOUND)
}

/// Starts the reader on a thread of its own (serial reads block). It ends when `events` is
/// closed (the kiosk has stopped listening). A full channel holds the reader back (see the
/// module's note).
pub fn spawn(
    device: SerialDevice,
    events: Sender<ScannerEvent>,
) -> std::io::Result<std::thread::JoinHandle<()>> {
    std::thread::Builder::new()
        .name("serial-scanner".into())
        .spawn(move || run(&device, &events))
}

fn run(device: &SerialDevice, events: &Sender<ScannerEvent>) {
    let shown = device.path.display().to_string();
    let mut pause = RETRY_FIRST;
    // Said once per absence, not on every attempt.
    let mut absent_said = false;
    while !events.is_closed() {
        match open(device) {
            Ok(port) => {
                tracing::info!(device = %shown, baud = device.baud, "serial scanner connected");
                if events.blocking_send(ScannerEvent::Connected).is_err() {
                    return;
                }
                pause = RETRY_FIRST;
                match read_until_gone(port, events) {
                    Gone::Listener => return,
                    Gone::Device(why) => {
                        tracing::warn!(device = %shown, error = %why, "serial scanner gone; trying again");
                    }
                }
                if events.blocking_send(ScannerEvent::Disconnected).is_err() {
                    return;
                }
                absent_said = true;
            }
            Err(e) if !absent_said => {
                tracing::warn!(device = %shown, error = %e, "serial scanner not connected; trying again");
                if events.blocking_send(ScannerEvent::Disconnected).is_err() {
                    return;
                }
                absent_said = true;
            }
            Err(e) => tracing::debug!(device = %shown, error = %e, "serial scanner still not connected"),
        }
        std::thread::sleep(pause);
        pause = (pause * 2).min(RETRY_MAX);
    }
}

fn open(device: &SerialDevice) -> serialport::Result<Box<dyn serialport::SerialPort>> {
    serialport::new(device.path.to_string_lossy(), device.baud)
        .timeout(READ_WAIT)
        .open()
}

enum Gone {
    /// Nobody listens any more: the reader ends.
    Listener,
    /// The device failed or hung up: open it again.
    Device(std::io::Error),
}

fn read_until_gone(mut port: Box<dyn serialport::SerialPort>, events: &Sender<ScannerEvent>) -> Gone {
    let mut lines = LineSplitter::default();
    let mut buf = [0u8; READ_CHUNK];
    loop {
        if events.is_closed() {
            return Gone::Listener;
        }
        let n = match port.read(&mut buf) {
            Ok(0) => return Gone::Device(std::io::ErrorKind::UnexpectedEof.into()),
            Ok(n) => n,
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::TimedOut | std::io::ErrorKind::Interrupted
                ) =>
            {
                continue
            }
            Err(e) => return Gone::Device(e),
        };
        for line in lines.feed(&buf[..n]) {
            let event = match line {
                Line::Code(code) => ScannerEvent::Code(code),
                Line::TooLong => ScannerEvent::TooLong,
            };
            // Waits while the channel is full: the port is not read meanwhile.
            if events.blocking_send(event).is_err() {
                return Gone::Listener;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use portable_pty::{native_pty_system, MasterPty, PtySize};
    use std::io::Write;
    use std::time::Instant;

    /// The next event, waiting at most a few seconds (the reader retries every 2 s at most).
    fn next(rx: &mut Receiver<ScannerEvent>) -> Option<ScannerEvent> {
        let t0 = Instant::now();
        while t0.elapsed() < Duration::from_secs(10) {
            if let Ok(ev) = rx.try_recv() {
                return Some(ev);
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        None
    }

    /// A pty whose slave stands in for the device, reached through `link`.
    fn plug_in(link: &std::path::Path) -> (Box<dyn MasterPty + Send>, Box<dyn Write + Send>) {
        let pair = native_pty_system().openpty(PtySize::default()).unwrap();
        let path = pair.master.tty_name().unwrap();
        let _ = std::fs::remove_file(link);
        std::os::unix::fs::symlink(path, link).unwrap();
        let writer = pair.master.take_writer().unwrap();
        (pair.master, writer)
    }

    #[test]
    fn the_device_may_come_and_go_and_the_reader_ends_with_its_listener() {
        let dir = tempfile::tempdir().unwrap();
        let link = dir.path().join("scanner");
        let (tx, mut rx) = events();
        let reader = spawn(
            SerialDevice {
                path: link.clone(),
                baud: 9600,
            },
            tx,
        )
        .unwrap();
        assert_eq!(
            next(&mut rx),
            Some(ScannerEvent::Disconnected),
            "missing at start"
        );
        let (master, mut writer) = plug_in(&link);
        assert_eq!(next(&mut rx), Some(ScannerEvent::Connected));
        writer.write_all(b"a1b2c3\r\nd4e5f6\r").unwrap();
        assert_eq!(next(&mut rx), Some(ScannerEvent::Code("a1b2c3".into())));
        assert_eq!(next(&mut rx), Some(ScannerEvent::Code("d4e5f6".into())));
        drop((writer, master));
        assert_eq!(next(&mut rx), Some(ScannerEvent::Disconnected), "unplugged");
        let (_master, mut writer) = plug_in(&link);
        assert_eq!(next(&mut rx), Some(ScannerEvent::Connected), "plugged in again");
        writer.write_all(b"g7h8i9\n").unwrap();
        assert_eq!(next(&mut rx), Some(ScannerEvent::Code("g7h8i9".into())));
        // Nobody listens any more: the reader ends within a read's wait.
        drop(rx);
        let t0 = Instant::now();
        while !reader.is_finished() && t0.elapsed() < Duration::from_secs(5) {
            std::thread::sleep(Duration::from_millis(20));
        }
        assert!(reader.is_finished(), "the reader outlived its listener");
    }

    #[test]
    fn a_kiosk_slower_than_the_scanner_holds_the_reader_back_and_loses_no_code() {
        let dir = tempfile::tempdir().unwrap();
        let link = dir.path().join("scanner");
        let (_master, mut writer) = plug_in(&link);
        let (tx, mut rx) = events();
        let _reader = spawn(
            SerialDevice {
                path: link.clone(),
                baud: 9600,
            },
            tx,
        )
        .unwrap();
        assert_eq!(next(&mut rx), Some(ScannerEvent::Connected));
        // Three times what the channel holds, while nobody takes any (well within the port's
        // own buffer, so the scanner's side is not held back here).
        let codes: Vec<String> = (0..CHANNEL_BOUND * 3).map(|i| format!("code{i:04}")).collect();
        for code in &codes {
            writer.write_all(format!("{code}\r").as_bytes()).unwrap();
        }
        writer.flush().unwrap();
        // The channel fills up and stays at its bound: the rest waits unread in the port.
        let t0 = Instant::now();
        while rx.len() < CHANNEL_BOUND && t0.elapsed() < Duration::from_secs(10) {
            std::thread::sleep(Duration::from_millis(20));
        }
        assert_eq!(rx.len(), CHANNEL_BOUND);
        // Taken now, every code comes, once and in order.
        let got: Vec<ScannerEvent> = codes.iter().map_while(|_| next(&mut rx)).collect();
        let want: Vec<ScannerEvent> = codes.iter().map(|c| ScannerEvent::Code(c.clone())).collect();
        assert_eq!(got, want);
    }
}
