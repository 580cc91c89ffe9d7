//! Server-sent events: an incremental, allocation-free scanner for streamed completions in every
//! dialect Z.AI speaks — chat completions, Anthropic Messages and the Responses API.
//!
//! When a stream fails during inference, no error code comes: the stream ends with a finish or stop
//! reason (`network_error`, `sensitive`, `model_context_window_exceeded`), carries an in-band error
//! event (`data: {"error":{...}}`, `event: error`, Anthropic's `{"type":"error",...}`,
//! `response.failed`), or just stops. The [`Scanner`] finds all of them in input split anywhere,
//! with one fixed buffer, and hands out the text as it arrives ([`Delta`]); [`drive`] runs it over
//! any byte source.

mod delta;
mod drive;
mod event;
mod event_name;
mod fields;
mod scanner;

pub use delta::{Delta, DeltaKind};
pub use drive::{DriveEnd, drive};
pub use event::{CUT, Chunk, Event};
pub use scanner::Scanner;
