//! A Z.AI chat client for devices, generic over embedded-svc's HTTP `Connection` (esp-idf-svc's
//! `EspHttpConnection` on an ESP32): the code a firmware author copies. `no_std`, no heap: the
//! reply is copied into the caller's buffer and the stream is read through a fixed buffer.
//!
//! ```no_run
//! # fn demo<C: embedded_svc::http::client::Connection>(connection: C) {
//! use embedded_svc::http::client::Client;
//! use device_client::{ChatRequest, Scratch, chat};
//! use zai_errors_embedded_svc::zai_errors::policy::Policy;
//!
//! // Wrap the connection once and reuse the client: `Client::wrap` panics unless the connection is
//! // fresh. After a transport error, drop the client and wrap a new connection.
//! let mut client = Client::wrap(connection);
//! let mut scratch = Scratch::new(); // ~1.7 KB: a static or the task's state on a device
//! let mut reply = [0u8; 1024];
//! let request = ChatRequest {
//!     url: "https://api.z.ai/api/paas/v4/chat/completions",
//!     api_key: "your-api-key",
//!     model: "glm-4.6",
//!     prompt: "Say hello",
//! };
//! match chat(&mut client, &request, &mut scratch, &mut reply) {
//!     Ok(answer) => { let _text: &str = answer.text; }
//!     // Sleep the decision's wait and retry, or give up (now: an SNTP clock; random: the RNG).
//!     Err(failure) => { let _next = failure.decide(&Policy::DEFAULT, 1, 1_790_000_000, 42); }
//! }
//! # }
//! ```
#![cfg_attr(not(test), no_std)]
#![forbid(unsafe_code)]

pub mod demo;
mod request;

use core::ops::ControlFlow;

use embedded_svc::http::client::{Client, Connection};
use zai_errors_embedded_svc::blocking::{classify_response, read_stream};
use zai_errors_embedded_svc::zai_errors::{
    ApiError, BeijingTime, Classification, FinishReason,
    policy::{Decision, Policy},
    sse::{CUT, Event, Scanner},
};
use zai_errors_embedded_svc::{ErrorResponse, STREAM_READ_BUFFER, StreamEnd, transport_failure};

pub use request::ChatRequest;

/// Message capacity of classified errors on the device (bytes of the server's message kept).
pub const MESSAGE: usize = 128;
/// Data capacity of the stream scanner: one streamed chunk of Z.AI's is well under 1 KiB.
pub const EVENT: usize = 1024;

/// The longest `Authorization` header value: `Bearer ` and the API key.
pub const AUTHORIZATION: usize = 200;

/// The memory a call needs besides the reply: the stream scanner, the read buffer and the
/// `Authorization` header. Keep it in a `static` (behind your own mutex) or the task's state: it is
/// larger than a small task's stack.
pub struct Scratch {
    scanner: Scanner<EVENT, MESSAGE>,
    buffer: [u8; STREAM_READ_BUFFER],
    authorization: heapless::String<AUTHORIZATION>,
}

impl Scratch {
    /// Fresh scratch memory.
    pub const fn new() -> Self {
        Self {
            scanner: Scanner::with_capacities(),
            buffer: [0; STREAM_READ_BUFFER],
            authorization: heapless::String::new(),
        }
    }
}

impl Default for Scratch {
    fn default() -> Self {
        Self::new()
    }
}

/// A complete reply.
#[derive(Debug, PartialEq, Eq)]
pub struct Reply<'b> {
    /// The reply's text (the content deltas, copied into the caller's buffer).
    pub text: &'b str,
    /// The text did not fit the buffer; what fit is kept, cut on a char boundary.
    pub truncated: bool,
    /// How the model finished (`stop`, `length`, `tool_calls`, …: not an error).
    pub finish: Option<FinishReason>,
}

/// Why a call failed, classified.
#[derive(Debug)]
pub enum ChatFailure<E> {
    /// The request could not be sent or no status came back. The connection may be left in the
    /// request phase (esp-idf-svc): drop the client and create a new connection before retrying.
    Transport(E),
    /// The API key does not fit the `Authorization` header buffer.
    KeyTooLong,
    /// The server answered with an error status; its body, read into the scratch buffer.
    Api(ErrorResponse<E, MESSAGE>),
    /// An error event inside the stream (HTTP 200).
    InBand(ApiError<MESSAGE>),
    /// The model stopped for a reason that is an error (`sensitive`, `network_error`, …).
    Finish(FinishReason),
    /// The stream ended without its normal end (the connection dropped); the text received so
    /// far is lost to this call.
    Cut,
    /// A transport error while reading the stream.
    StreamTransport(E),
}

impl<E: embedded_io::Error> ChatFailure<E> {
    /// The classification: category, kind, retry advice and whose move it is.
    pub fn classification(&self) -> Classification {
        match self {
            // A failure before any status, or while reading the stream, is the network's.
            Self::Transport(error) | Self::StreamTransport(error) => {
                transport_failure(error).classify()
            }
            Self::Cut => CUT,
            Self::KeyTooLong => Classification::of_status(401),
            Self::Api(response) => response.classification(),
            Self::InBand(error) => error.classification(),
            Self::Finish(reason) => reason.classify(),
        }
    }

    /// The reset time of a quota error, when the message gave it (Beijing time).
    pub fn reset_at(&self) -> Option<BeijingTime> {
        match self {
            Self::Api(response) => response.error.reset_at(),
            Self::InBand(error) => error.reset_at(),
            _ => None,
        }
    }

    /// What to do next, and when: the core's retry decision after attempt `attempt` (1 for the
    /// first) under `policy`, from the classification, the response's `Retry-After` and the reset
    /// time. `now` is the time in Unix seconds (an SNTP clock) and `random` any random number (the
    /// jitter, e.g. from the chip's RNG). A device sleeps `wait` and calls [`chat`] again on
    /// [`Decision::Retry`], after recreating the connection when
    /// [`recreate_connection`](Self::recreate_connection) says so.
    pub fn decide(&self, policy: &Policy, attempt: u32, now: i64, random: u32) -> Decision {
        let retry_after = match self {
            Self::Api(response) => response.retry_after,
            _ => None,
        };
        policy.decide(
            &self.classification(),
            attempt,
            retry_after,
            self.reset_at(),
            now,
            random,
        )
    }

    /// Whether the connection must be recreated before the next request: after any transport
    /// error or a dropped stream (esp-idf-svc leaves a failed connection in its request phase).
    pub fn recreate_connection(&self) -> bool {
        matches!(
            self,
            Self::Transport(_) | Self::StreamTransport(_) | Self::Cut
        )
    }
}

/// Posts `request` (streamed) and returns the reply's text, copied into `reply`, or the classified
/// failure. The request carries `Content-Length` (else esp-idf-svc sends a chunked body) and
/// `Authorization: Bearer`.
// The failure carries the classified error (a few hundred bytes): there is no heap to box it into.
#[allow(clippy::result_large_err)]
pub fn chat<'b, C: Connection>(
    client: &mut Client<C>,
    request: &ChatRequest<'_>,
    scratch: &mut Scratch,
    reply: &'b mut [u8],
) -> Result<Reply<'b>, ChatFailure<C::Error>> {
    let bearer = &mut scratch.authorization;
    bearer.clear();
    if bearer.push_str("Bearer ").is_err() || bearer.push_str(request.api_key).is_err() {
        return Err(ChatFailure::KeyTooLong);
    }
    // The decimal length without `core::fmt` (whose machinery costs stack and flash).
    let mut digits = [0u8; 20];
    let length = decimal(request.body_len(), &mut digits);
    let headers = [
        ("Content-Type", "application/json"),
        ("Accept", "text/event-stream"),
        ("Authorization", bearer.as_str()),
        ("Content-Length", length),
    ];
    let mut post = client
        .post(request.url, &headers)
        .map_err(ChatFailure::Transport)?;
    request
        .write_body(&mut post)
        .map_err(ChatFailure::Transport)?;
    post.flush().map_err(ChatFailure::Transport)?;
    let mut response = post.submit().map_err(ChatFailure::Transport)?;

    if !(200..300).contains(&response.status()) {
        return Err(ChatFailure::Api(classify_response(
            &mut response,
            &mut scratch.buffer,
        )));
    }

    let Scratch {
        scanner, buffer, ..
    } = scratch;
    scanner.reset();
    let mut text = TextBuffer {
        bytes: reply,
        len: 0,
        truncated: false,
    };
    let mut finish = None;
    let end = read_stream(&mut response, scanner, buffer, |event| match event {
        Event::Chunk(chunk) => {
            // The answer's content delta (chat `delta.content`, Anthropic `text_delta`, Responses
            // `output_text.delta`), decoded straight into the reply; reasoning is not kept here.
            if let Some(delta) = chunk.text {
                let _ = delta.write_to(&mut text);
            }
            ControlFlow::Continue(())
        }
        Event::Finish(reason) if reason.is_error() => ControlFlow::Break(Stop::Finish(reason)),
        Event::Finish(reason) => {
            finish = Some(reason);
            ControlFlow::Continue(())
        }
        // The error stays in the scanner (`last_error`): the loop carries no copy of it.
        Event::Error(_) => ControlFlow::Break(Stop::InBand),
        _ => ControlFlow::Continue(()),
    });
    match end {
        StreamEnd::Ended => Ok(text.into_reply(finish)),
        StreamEnd::Stopped(Stop::Finish(reason)) => Err(ChatFailure::Finish(reason)),
        // The scanner kept the error it lent; `Cut` only if it had not (it always has).
        StreamEnd::Stopped(Stop::InBand) => Err(scanner
            .last_error()
            .map_or(ChatFailure::Cut, |error| ChatFailure::InBand(error.clone()))),
        StreamEnd::Cut => Err(ChatFailure::Cut),
        StreamEnd::Transport(error) => Err(ChatFailure::StreamTransport(error)),
    }
}

/// Why the stream loop stopped early: small, so the loop's layers pass it around cheaply (a
/// `ChatFailure` holds an `ApiError` of a few hundred bytes).
enum Stop {
    InBand,
    Finish(FinishReason),
}

/// The reply being copied into the caller's buffer.
struct TextBuffer<'b> {
    bytes: &'b mut [u8],
    len: usize,
    truncated: bool,
}

impl core::fmt::Write for TextBuffer<'_> {
    /// Appends decoded text; what does not fit is dropped (cut on a char boundary) and flagged.
    fn write_str(&mut self, text: &str) -> core::fmt::Result {
        self.push(text.as_bytes());
        Ok(())
    }
}

impl<'b> TextBuffer<'b> {
    /// Appends bytes of text, cutting on a char boundary when they do not fit.
    fn push(&mut self, bytes: &[u8]) {
        let Some(free) = self.bytes.get_mut(self.len..) else {
            self.truncated = true;
            return;
        };
        let mut n = bytes.len().min(free.len());
        if n < bytes.len() {
            self.truncated = true;
            // Back off to a char boundary (a UTF-8 continuation byte starts with 0b10).
            while n > 0 && bytes.get(n).is_some_and(|b| b & 0xC0 == 0x80) {
                n -= 1;
            }
        }
        if let (Some(target), Some(source)) = (free.get_mut(..n), bytes.get(..n)) {
            target.copy_from_slice(source);
            self.len += n;
        }
    }

    fn into_reply(self, finish: Option<FinishReason>) -> Reply<'b> {
        let bytes: &'b [u8] = self.bytes;
        let valid = bytes.get(..self.len).unwrap_or_default();
        let text = match core::str::from_utf8(valid) {
            Ok(text) => text,
            Err(error) => {
                core::str::from_utf8(valid.get(..error.valid_up_to()).unwrap_or_default())
                    .unwrap_or_default()
            }
        };
        Reply {
            text,
            truncated: self.truncated,
            finish,
        }
    }
}

/// `n` in decimal, written at the end of `digits`.
fn decimal(mut n: usize, digits: &mut [u8; 20]) -> &str {
    let mut at = digits.len();
    while let Some(slot) = at.checked_sub(1).and_then(|i| digits.get_mut(i)) {
        *slot = b'0' + (n % 10) as u8;
        at -= 1;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    core::str::from_utf8(digits.get(at..).unwrap_or_default()).unwrap_or("0")
}

#[cfg(test)]
mod tests {
    #[test]
    fn decimal_lengths() {
        let mut digits = [0u8; 20];
        assert_eq!(super::decimal(0, &mut digits), "0");
        assert_eq!(super::decimal(187, &mut digits), "187");
        assert_eq!(
            super::decimal(usize::MAX, &mut digits),
            usize::MAX.to_string()
        );
    }
}
