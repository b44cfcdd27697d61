//! Issue 8, "the verdict is the truth", through the real binary: no double redemption, no false
//! VALIDATED, no refusal of this till's own validation — under every fault the sandbox can make.

#[path = "../support/mod.rs"]
mod support;

/// Sandbox processes (`coupon-kiosk sandbox`), two on one database for "another till".
mod procs;
/// Tills: the binary run with a home (config, journal) of its own.
mod till;

/// Answers that are not a confirmation: no envelope, a session not validated, another session.
mod answers;
/// What the server sends is not run by the terminal; every input bounded.
mod bounds;
/// Codes: six digits, short codes not found, full codes once known; the money form.
mod codes;
/// A validation made at another till is never VALIDATED here (200 tries).
mod double_redemption;
/// Every fail kind × endpoint: no false VALIDATED, no refusal of this till's own validation.
mod fault_matrix;
/// The kiosk in a pseudo-terminal: the owner-unknown verdict, undo, background settling.
mod kiosk;
/// A retry after UNKNOWN finds this till's earlier attempt in the journal.
mod retry;
/// Unknown attempts settle once the server answers again (the kiosk does this in the background).
mod settle;
/// `update --operation unvalidate` takes back only this till's validation, or any with --any-till.
mod unvalidate;
