//! The kiosk's barcode screen (F4) and the `barcode` command's output: fetch the endpoint's image
//! for a session (`fetch`), check it is that session's code, and the screen model that says what
//! is drawn and why (`screen`). The drawing itself is `crate::barcode`'s, which makes no network
//! calls.

pub mod fetch;
pub mod screen;

pub use fetch::{fetch_for_screen, screen_from_error, screen_from_image};
pub use screen::{render_screen, BarcodeScreen, Drawing, Source};
