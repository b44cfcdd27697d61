//! Barcodes as pictures, with no network: decode (image -> rxing), encode (rxing -> modules),
//! render (modules -> terminal cells), graphics (kitty / iTerm2 / sixel pictures over the cells).
//! The types are the API's (`api::barcode`); fetching a session's image and the kiosk's barcode
//! screen live in `kiosk::barcode`.

pub mod decode;
pub mod encode;
pub mod graphics;
pub mod render;

pub use crate::api::barcode::{BarcodeImage, BarcodeType};
pub use decode::{DecodeError, Decoded};
