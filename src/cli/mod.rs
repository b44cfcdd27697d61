//! Command implementations behind `main.rs`. One file per command group.

pub mod barcode;
pub mod kiosk;
pub mod sandbox;
