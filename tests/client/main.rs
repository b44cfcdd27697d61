//! The client over real HTTP on 127.0.0.1, by area: against tiny stub servers for what the sandbox
//! never does, and against the real sandbox.

#[path = "../support/mod.rs"]
mod support;

/// The rest of the seed (coupons, campaigns, session lists, batches, single-use, sending).
mod catalog;
/// Session verbs against the sandbox: data, search, update, validate, remove.
mod sessions;
/// Stub servers: HTML, garbage, hanging, cutting the body off, nothing listening.
mod stub;
