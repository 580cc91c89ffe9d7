//! Server-sent events: an incremental, allocation-free scanner for streamed chat completions.
//!
//! When a stream fails during inference, no error code comes: the stream ends with a `finish_reason`
//! (`network_error`, `sensitive`, `model_context_window_exceeded`), or carries an in-band error event
//! (`data: {"error":{...}}`, `event: error`, the Anthropic-compatible `{"type":"error",...}`). The
//! [`SseScanner`] finds all of them in input split anywhere, with one fixed buffer.

pub(crate) mod drive;
pub(crate) mod event;
pub(crate) mod scanner;
