//! What every integration test shares: the demo's codes, one sandbox starter, one `ClientConfig`
//! builder, the binary run with a clean environment, raw HTTP at the sandbox, and the kiosk in a
//! pseudo-terminal. A test target takes it with `mod support;` (or `#[path = "../support/mod.rs"]`
//! from a directory target) and uses what it needs; the rest is dead code there.
#![allow(dead_code, unused_imports)]

pub mod cli;
pub mod client;
pub mod codes;
pub mod journal;
pub mod pty;
pub mod sandbox;
pub mod two_tills;
pub mod wire;
