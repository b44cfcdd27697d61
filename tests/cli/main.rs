//! The real binary, as a person runs it: output, JSON shapes and exit statuses
//! (0 success, 1 refused, 2 invalid input or settings, 3 network failure or unknown), by area.

#[path = "../support/mod.rs"]
mod support;

/// The rest of the seed: coupons, campaigns, session lists, batches, single-use issuing, sending.
mod catalog;
/// Every failure as one plain sentence that says what to do.
mod failures;
/// Usage errors, settings, and a server that cannot be reached: nothing answers.
mod local;
/// Session verbs (session, validate, lookup, update, remove) against a sandbox in this process.
mod sessions;
