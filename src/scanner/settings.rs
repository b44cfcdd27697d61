//! `[scanner]` settings: a serial scanner's device and speed, and the keyboard layout a
//! keyboard-wedge scanner's bursts are read back with. Flags beat the environment, which beats
//! the config file, which beats the defaults — as for every other setting. The settings loader
//! only calls [`resolve`].

use super::serial::SerialDevice;
use crate::keyboard_layout::LayoutSetting;
use std::path::PathBuf;

/// The serial speed most scanners ship with.
pub const DEFAULT_BAUD: u32 = 9600;
/// Speeds a serial port can be set to (termios has no higher standard rate on every system).
pub const BAUD_RANGE: std::ops::RangeInclusive<u32> = 300..=4_000_000;

/// Environment variables read by [`resolve`].
pub const ENV_DEVICE: &str = "COUPON_KIOSK_SCANNER_DEVICE";
pub const ENV_BAUD: &str = "COUPON_KIOSK_SCANNER_BAUD";
pub const ENV_KEYBOARD_LAYOUT: &str = "COUPON_KIOSK_KEYBOARD_LAYOUT";

/// The scanners in force.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ScannerSettings {
    /// A serial scanner to read codes from, besides the keyboard; None for keyboard only.
    pub serial: Option<SerialDevice>,
    /// How a keyboard scanner's bursts are read back (default `auto`).
    pub keyboard_layout: LayoutSetting,
}

/// What the command line says (`--scanner-device`, `--scanner-baud`, `--keyboard-layout`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ScannerOverrides {
    pub device: Option<PathBuf>,
    pub baud: Option<u32>,
    pub keyboard_layout: Option<String>,
}

/// The `[scanner]` table of the config file.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileScanner {
    pub device: Option<PathBuf>,
    pub baud: Option<u32>,
    pub keyboard_layout: Option<String>,
}

/// Flags, then the environment, then the file, then defaults. The error is a sentence for the
/// person who wrote the setting.
pub fn resolve(
    flags: &ScannerOverrides,
    env: impl Fn(&str) -> Option<String>,
    file: FileScanner,
) -> Result<ScannerSettings, String> {
    let device = flags
        .device
        .clone()
        .or_else(|| env(ENV_DEVICE).map(PathBuf::from))
        .or(file.device)
        .filter(|p| !p.as_os_str().is_empty());
    let baud = match (flags.baud, env(ENV_BAUD)) {
        (Some(b), _) => Some(b),
        (None, Some(text)) => Some(
            text.trim()
                .parse::<u32>()
                .map_err(|_| format!("{ENV_BAUD} is a serial speed such as 9600, not {text:?}."))?,
        ),
        (None, None) => file.baud,
    }
    .unwrap_or(DEFAULT_BAUD);
    if !BAUD_RANGE.contains(&baud) {
        return Err(format!(
            "The scanner's baud rate must be {} to {}, not {baud}.",
            BAUD_RANGE.start(),
            BAUD_RANGE.end()
        ));
    }
    let keyboard_layout = match flags
        .keyboard_layout
        .clone()
        .or_else(|| env(ENV_KEYBOARD_LAYOUT))
        .or(file.keyboard_layout)
    {
        Some(text) => text
            .parse::<LayoutSetting>()
            .map_err(|e| format!("scanner.{e}"))?,
        None => LayoutSetting::default(),
    };
    Ok(ScannerSettings {
        serial: device.map(|path| SerialDevice { path, baud }),
        keyboard_layout,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keyboard_layout::KeyboardLayout;
    use std::collections::HashMap;

    fn env_of(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let map: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        move |k| map.get(k).cloned()
    }

    fn file(text: &str) -> FileScanner {
        toml::from_str(text).unwrap()
    }

    #[test]
    fn keyboard_only_and_auto_by_default() {
        let s = resolve(&ScannerOverrides::default(), env_of(&[]), FileScanner::default()).unwrap();
        assert_eq!(s, ScannerSettings::default());
        assert_eq!(s.keyboard_layout, LayoutSetting::Auto);
        assert_eq!(s.serial, None);
    }

    #[test]
    fn flags_beat_env_beat_file() {
        let f = || file("device = \"/dev/ttyACM0\"\nbaud = 19200\nkeyboard_layout = \"azerty-be\"\n");
        let s = resolve(&ScannerOverrides::default(), env_of(&[]), f()).unwrap();
        assert_eq!(
            s.serial,
            Some(SerialDevice {
                path: "/dev/ttyACM0".into(),
                baud: 19200
            })
        );
        assert_eq!(s.keyboard_layout, LayoutSetting::Fixed(KeyboardLayout::AzertyBe));
        let env = [
            (ENV_DEVICE, "/dev/ttyUSB1"),
            (ENV_BAUD, "115200"),
            (ENV_KEYBOARD_LAYOUT, "qwertz-de"),
        ];
        let s = resolve(&ScannerOverrides::default(), env_of(&env), f()).unwrap();
        assert_eq!(
            s.serial.as_ref().map(|d| (d.path.to_str(), d.baud)),
            Some((Some("/dev/ttyUSB1"), 115200))
        );
        assert_eq!(s.keyboard_layout, LayoutSetting::Fixed(KeyboardLayout::QwertzDe));
        let flags = ScannerOverrides {
            device: Some("/dev/ttyACM3".into()),
            baud: Some(38400),
            keyboard_layout: Some("us".into()),
        };
        let s = resolve(&flags, env_of(&env), f()).unwrap();
        assert_eq!(
            s.serial.as_ref().map(|d| (d.path.to_str(), d.baud)),
            Some((Some("/dev/ttyACM3"), 38400))
        );
        assert_eq!(s.keyboard_layout, LayoutSetting::Fixed(KeyboardLayout::Us));
        // The default speed when only a device is named.
        let s = resolve(
            &ScannerOverrides::default(),
            env_of(&[(ENV_DEVICE, "/dev/ttyACM0")]),
            FileScanner::default(),
        )
        .unwrap();
        assert_eq!(s.serial.map(|d| d.baud), Some(DEFAULT_BAUD));
    }

    #[test]
    fn bad_values_are_sentences() {
        let e = resolve(
            &ScannerOverrides::default(),
            env_of(&[(ENV_BAUD, "fast")]),
            FileScanner::default(),
        )
        .unwrap_err();
        assert!(e.contains(ENV_BAUD) && e.contains("fast"), "{e}");
        let e = resolve(&ScannerOverrides::default(), env_of(&[]), file("baud = 7\n")).unwrap_err();
        assert!(e.contains("baud rate") && e.contains('7'), "{e}");
        let e = resolve(
            &ScannerOverrides::default(),
            env_of(&[]),
            file("keyboard_layout = \"dvorak\"\n"),
        )
        .unwrap_err();
        assert!(
            e.contains("scanner.keyboard_layout") && e.contains("azerty-fr"),
            "{e}"
        );
        assert!(
            toml::from_str::<FileScanner>("port = \"/dev/ttyS0\"\n").is_err(),
            "typos show"
        );
    }
}
