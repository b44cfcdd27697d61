//! The kiosk TUI: pure `flows::update` and pure `view::render`, effects and the terminal at the
//! edge (`runner`, `run`).
//!
//! Arrows run one way: `msg` (the vocabulary) and the small models (`notice`, `verdict`,
//! `lookup`, `today`, `commands`, `field`, `clock`, `barcode`) depend on nothing of the kiosk
//! but each other's leaves; `state` holds them; `record` and `flows` change the state; `view`
//! draws it; `runner` does the effects; `run` ties the terminal, the runner and `update`
//! together; `driver` does the same without a terminal.

pub mod barcode;
pub mod burst;
pub mod catalogue;
pub mod clock;
pub mod commands;
pub mod conflicts;
pub mod driver;
pub mod field;
pub mod flows;
pub mod glyphs;
pub mod input;
pub mod lookup;
pub mod msg;
pub mod notice;
pub mod offline;
pub mod plain;
pub mod queue;
mod record;
pub mod run;
pub mod runner;
pub mod scanner;
pub mod split_escape;
pub mod state;
pub mod strip;
pub mod terminal;
pub mod terminal_input;
pub mod tills;
pub mod today;
pub mod verdict;
pub mod view;

pub use flows::update;
pub use msg::{Effect, Msg};
pub use state::State;

#[cfg(test)]
mod tests;
