#![doc = include_str!("../README.md")]
#![no_std]
#![forbid(unsafe_code)]
#![cfg_attr(docsrs, feature(doc_cfg))]
#![cfg_attr(
    not(test),
    warn(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::panic
    )
)]

#[cfg(test)]
extern crate std;

mod api_error;
mod body;
mod bytes;
mod category;
mod classification;
mod code;
mod detail;
#[cfg(feature = "serde")]
pub mod envelope;
mod escaped;
mod fault;
mod finish;
mod kind;
pub mod policy;
pub mod request_id;
mod reset;
mod retry;
#[cfg(feature = "serde")]
mod ser;
pub mod sse;
mod status;
mod text;
mod transport;

pub use api_error::ApiError;
pub use body::fields::Shape;
pub use category::Category;
pub use classification::Classification;
pub use code::Code;
pub use detail::Detail;
#[cfg(feature = "serde")]
pub use envelope::ErrorEnvelope;
pub use escaped::Escaped;
pub use fault::Fault;
pub use finish::FinishReason;
pub use kind::Kind;
pub use reset::BeijingTime;
pub use retry::Retry;
pub use text::Text;
pub use transport::TransportFailure;

/// The documented tables: every business code and HTTP status with what is known of each.
pub mod table {
    pub use crate::code::{CODES, CodeInfo};
    pub use crate::status::{STATUSES, StatusInfo};
}

/// serde-json-core, re-exported: `zai_errors::serde_json_core::to_slice` writes an answer into a
/// fixed buffer (size it with [`ApiError::MAX_JSON_LEN`] or [`Classification::MAX_JSON_LEN`]).
#[cfg(feature = "serde")]
pub use serde_json_core;

use code::CodeInfo;
use status::StatusInfo;
