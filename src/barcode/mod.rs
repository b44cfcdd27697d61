//! Barcodes: decode (image -> rxing), encode (rxing -> modules), render (modules -> terminal cells).

pub mod decode;
pub mod encode;
pub mod render;
