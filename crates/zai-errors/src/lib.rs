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

mod api_error;
mod category;
mod classification;
mod code;
mod detail;
#[cfg(feature = "serde")]
mod envelope;
mod fault;
mod finish;
mod json;
mod reset;
mod retry;
#[cfg(feature = "serde")]
mod ser;
mod sse;
mod status;
mod text;
mod transport;

pub use api_error::{
    ApiError, DETAIL_CAPACITY, Escaped, MESSAGE_CAPACITY, REQUEST_ID_CAPACITY, SNIPPET_CAPACITY,
};
pub use category::Category;
pub use classification::{Classification, UNDOCUMENTED_CODE};
pub use code::{CODES, Code, CodeInfo};
pub use detail::Detail;
#[cfg(feature = "serde")]
pub use envelope::{EnvelopeError, ErrorEnvelope, MAX_DEPTH, TYPE_CAPACITY};
pub use fault::Fault;
pub use finish::{FINISH_REASON_CAPACITY, FinishReason};
pub use json::cursor::MAX_NESTING;
pub use json::fields::Shape;
pub use reset::{BEIJING_UTC_OFFSET_SECONDS, BeijingTime};
pub use retry::Retry;
pub use sse::drive::{DriveEnd, drive};
pub use sse::event::{Chunk, SseEvent};
pub use sse::scanner::{SSE_BUFFER, SseScanner};
pub use status::{STATUSES, StatusInfo};
pub use text::Text;
pub use transport::TransportFailure;
