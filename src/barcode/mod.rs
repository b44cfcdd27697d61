//! barcode
