//! The serial scanner's reader: a thread that opens the device, cuts what it sends into codes,
//! and sends each on, with word of the device coming and going. A missing device (not plugged
//! in yet, unplugged, replugged) never stops it: it tries again after a pause that grows from
//! [`RETRY_FIRST`] to [`RETRY_MAX`], and starts again from the first pause once connected.

use super::lines::{Line, LineSplitter};
use std::io::Read;
use std::path::PathBuf;
use std::time::Duration;
use tokio::sync::mpsc::UnboundedSender;

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

/// Starts the reader on a thread of its own (serial reads block). It ends when `events` is
/// closed (the kiosk has stopped listening).
pub fn spawn(
    device: SerialDevice,
    events: UnboundedSender<ScannerEvent>,
) -> std::io::Result<std::thread::JoinHandle<()>> {
    std::thread::Builder::new()
        .name("serial-scanner".into())
        .spawn(move || run(&device, &events))
}

fn run(device: &SerialDevice, events: &UnboundedSender<ScannerEvent>) {
    let shown = device.path.display().to_string();
    let mut pause = RETRY_FIRST;
    // Said once per absence, not on every attempt.
    let mut absent_said = false;
    while !events.is_closed() {
        match open(device) {
            Ok(port) => {
                tracing::info!(device = %shown, baud = device.baud, "serial scanner connected");
                if events.send(ScannerEvent::Connected).is_err() {
                    return;
                }
                pause = RETRY_FIRST;
                match read_until_gone(port, events) {
                    Gone::Listener => return,
                    Gone::Device(why) => {
                        tracing::warn!(device = %shown, error = %why, "serial scanner gone; trying again");
                    }
                }
                if events.send(ScannerEvent::Disconnected).is_err() {
                    return;
                }
                absent_said = true;
            }
            Err(e) if !absent_said => {
                tracing::warn!(device = %shown, error = %e, "serial scanner not connected; trying again");
                if events.send(ScannerEvent::Disconnected).is_err() {
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

fn read_until_gone(
    mut port: Box<dyn serialport::SerialPort>,
    events: &UnboundedSender<ScannerEvent>,
) -> Gone {
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
            if events.send(event).is_err() {
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
    use tokio::sync::mpsc::{unbounded_channel, UnboundedReceiver};

    /// The next event, waiting at most a few seconds (the reader retries every 2 s at most).
    fn next(rx: &mut UnboundedReceiver<ScannerEvent>) -> Option<ScannerEvent> {
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
        let (tx, mut rx) = unbounded_channel();
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
}
