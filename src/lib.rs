//! coupon-kiosk: a counter terminal for Coupontools API v3 coupons.
//!
//! Module map (arrows point one way: `kiosk -> api, scan, scanner, keyboard_layout, phone, redeem,
//! journal, barcode`; `scanner` (serial scanners) knows nothing of the kiosk;
//! `api` and `sandbox` know nothing of the kiosk; `sandbox` never imports `api`).

pub mod api;
pub mod barcode;
pub mod cli;
pub mod credentials;
pub mod i18n;
pub mod journal;
pub mod keyboard_layout;
pub mod kiosk;
pub mod offline;
pub mod phone;
pub mod redeem;
pub mod report;
pub mod sandbox;
pub mod scan;
pub mod scanner;
pub mod settings;
pub mod tag;
