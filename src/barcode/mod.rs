//! Barcodes: decode (image -> rxing), encode (rxing -> modules), render (modules -> terminal cells),
//! and the kiosk-facing screen built from them.
//!
//! The kiosk calls [`fetch_for_screen`] (off its UI task) and draws the result with
//! [`render_screen`]; Tab cycles [`BarcodeType::ALL`] via [`BarcodeType::next`].

pub mod decode;
pub mod encode;
pub mod fetch;
pub mod graphics;
pub mod render;
pub mod screen;

pub use crate::api::barcode::{BarcodeImage, BarcodeType};
pub use decode::{DecodeError, Decoded};
pub use fetch::{fetch_for_screen, screen_from_error, screen_from_image};
pub use screen::{render_screen, BarcodeScreen, Drawing, Source};
