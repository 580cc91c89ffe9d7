//! Server-sent events: an incremental, allocation-free scanner for streamed completions.
//!
//! When a stream fails during inference, no error code comes: the stream ends with a finish or stop
//! reason (`network_error`, `sensitive`, `model_context_window_exceeded`), or carries an in-band
//! error event (`data: {"error":{...}}`, `event: error`, the Anthropic-compatible
//! `{"type":"error",...}`). The [`Scanner`] finds all of them in input split anywhere, with one
//! fixed buffer; [`drive`] runs it over any byte source.

mod drive;
mod event;
mod scanner;

pub use drive::{DriveEnd, drive};
pub use event::{Chunk, Event};
pub use scanner::Scanner;
