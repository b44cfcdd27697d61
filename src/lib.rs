//! coupon-kiosk: a counter terminal for Coupontools API v3 coupons.
//!
//! Module map (the project's layout; keep it true when you move things):
//! ```text
//! api/             the Coupontools v3 client: HTTP and the wire format, no screen; imports nothing else
//! sandbox/         a faithful v3 server (axum + SQLite) with answer profiles; shares no types with api/
//! scan             what a scanned or typed string is
//! tag              the validation tag a till writes: terminal/cashier/attempt id[/offline]
//! journal          this till's durable record of every attempt (SQLite)
//! redeem/          the validation flow shared by the CLI and the kiosk: resolve, validate, re-check,
//!                  settle, ownership of a validation
//! offline/         the mirror of sessions, offline verdicts, the outbox and its conflicts
//! report/          validations across tills, from the account (with a cache of tags and amounts)
//! barcode/         encode, decode and draw barcodes; no network
//! scanner/         serial scanners: lines off a device that comes and goes
//! keyboard_layout  reading a wedge scanner's burst back from an AZERTY/QWERTZ till
//! phone            phone numbers in national form (a default country)
//! i18n             the kiosk's words in the cashier's language (assets/locales, Fluent)
//! credentials      the API secret from a file readable only by the till's user
//! settings         flags > environment > config file > defaults
//! kiosk/           the TUI: msg (vocabulary), state + flows (pure), runner (effects), view (pure)
//! cli/             the command line: one file per command family; explain: each failure as one
//!                  plain sentence (what happened, what to do, the code in brackets)
//! ```
//! Arrows point one way: `cli -> kiosk -> offline -> redeem -> api`; `kiosk -> report, barcode,
//! scanner, i18n, journal`; `redeem -> tag, journal, scan, phone`; `offline -> i18n` (its verdicts'
//! sentences are messages); `api` and `i18n` import nothing of the crate; `sandbox` imports
//! nothing of the crate's other rooms.

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
