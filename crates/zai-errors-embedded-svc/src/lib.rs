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

pub mod asynch;
pub mod blocking;
mod body;
mod phase;
mod stream;
mod transport;

pub use body::{BodyEnd, ErrorResponse, ReadBody};
pub use phase::NotInResponsePhase;
pub use stream::{STREAM_READ_BUFFER, StreamEnd};
pub use transport::transport_failure;
/// The core crate, re-exported: its types are this crate's answers.
pub use zai_errors;
