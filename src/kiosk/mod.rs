//! The kiosk TUI: pure `state::update` and pure `view::render`, effects and the terminal at the
//! edge (`effects`, `run`).

pub mod clock;
pub mod effects;
pub mod field;
pub mod input;
pub mod lookup;
pub mod run;
pub mod state;
pub mod terminal;
pub mod verdict;
pub mod view;

pub use state::{update, Msg, State};

#[cfg(test)]
mod tests;
