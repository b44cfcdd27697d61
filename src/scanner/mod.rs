//! Scanners that are not keyboards: a serial (USB-COM / CDC-ACM) scanner's device, read on a
//! thread of its own and cut into codes, with word of the device coming and going. This room
//! knows nothing of the kiosk: the kiosk's event loop takes its [`ScannerEvent`]s in as
//! messages, the same way it takes a keyboard scanner's burst.
//!
//! (A keyboard-wedge scanner needs no room here: its codes arrive as keys; see
//! `kiosk::burst` for telling them from typing and `keyboard_layout` for reading them back
//! when the scanner's layout is not the till's.)

pub mod lines;
pub mod serial;
pub mod settings;

pub use serial::{events, spawn, ScannerEvent, SerialDevice};
pub use settings::ScannerSettings;
