//! The demo table's session codes, by what they are (see `sandbox::seed`).

/// Jane Doe's first session, claimed, in `cam_demo01`.
pub const CLAIMED: &str = "ac6s7u3g8a25ja7x9qg87";
/// Jane Doe's second session, claimed.
pub const CLAIMED_2: &str = "oneeojyhy5j3x0m6ribqu";
/// John's session, validated on 2026-11-20 14:03 UTC.
pub const VALIDATED: &str = "i9yxd6igssghayshqarq2";
pub const VOIDED: &str = "oyh0bo45o8qidpbrqwrpn";
pub const LOCKED: &str = "rjclb2450as8jbiohnj5c";
pub const EXPIRED: &str = "qthxn15t104xu9rtv3d4o";
pub const UNCLAIMED: &str = "0dp06jgzcz57b2zr6ojcs";
/// The session whose custom validation code is `WELCOME2026`.
pub const CUSTOM_CODE: &str = "1091awquchndpf61udi5i";
/// A flexible-expiry session (voided in the demo table).
pub const FLEXIBLE: &str = "itu5hlxwuay5fy4wf58np";
