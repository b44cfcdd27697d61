//! The Coupontools v3 client. Knows HTTP and the wire format; knows no screen.

pub mod barcode;
pub mod batch;
pub mod client;
pub mod coupons;
pub mod distribution;
pub mod envelope;
pub mod error;
pub mod lenient;
pub mod list_answer;
pub mod model;
pub mod notification;
pub mod params;
pub mod session_lists;
pub mod sessions;
pub mod shapes;
pub mod singleuse;

pub use client::{Answer, Client, ClientConfig, RawResponse};
pub use error::{ApiError, Refusal};
pub use model::{Customer, Session, SessionState};
pub use params::{CampaignId, Operation, SearchQuery, SessionCode, UpdateSession};
pub use sessions::UpdateAnswer;
