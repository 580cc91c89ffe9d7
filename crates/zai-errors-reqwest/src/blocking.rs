//! The blocking client: [`check`], [`RetryPolicy::send_blocking`] and [`ChatStream`] over
//! `reqwest::blocking` (never call them inside an async runtime: reqwest's blocking client panics
//! when dropped there).

use std::io::Read;
use std::time::Duration;

use zai_errors::FinishReason;

use crate::check::classify_body;
use crate::stream::Reader;
use crate::{BODY_LIMIT, Error, Permit, RetryPolicy, StreamEvent};

/// `Ok(response)` for a success status; otherwise the error body is read (at most
/// [`BODY_LIMIT`] bytes) and classified, as [`crate::check`] does for async responses.
pub fn check(response: reqwest::blocking::Response) -> Result<reqwest::blocking::Response, Error> {
    check_with_limit(response, BODY_LIMIT)
}

/// [`check`], reading at most `limit` bytes of an error body.
pub fn check_with_limit(
    response: reqwest::blocking::Response,
    limit: usize,
) -> Result<reqwest::blocking::Response, Error> {
    if response.status().is_success() {
        return Ok(response);
    }
    Err(read_error(response, limit))
}

fn read_error(response: reqwest::blocking::Response, limit: usize) -> Error {
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let mut body = Vec::new();
    let bound = u64::try_from(limit).unwrap_or(u64::MAX).saturating_add(1);
    let failed = response.take(bound).read_to_end(&mut body).err();
    let cut = body.len() > limit;
    body.truncate(limit);
    classify_body(status, &headers, &body, cut, failed.map(io_failure))
}

/// An I/O error of the blocking reader: reqwest puts its own error inside.
fn io_failure(error: std::io::Error) -> (zai_errors::TransportFailure, Option<reqwest::Error>) {
    let timed_out = error.kind() == std::io::ErrorKind::TimedOut;
    let source = error
        .into_inner()
        .and_then(|inner| inner.downcast::<reqwest::Error>().ok())
        .map(|boxed| *boxed);
    let failure = match &source {
        Some(source) => crate::transport::classify(source),
        None if timed_out => zai_errors::TransportFailure::Timeout,
        None => zai_errors::TransportFailure::Io,
    };
    (failure, source)
}

/// A successful blocking response, holding its place among the requests in flight until dropped.
#[derive(Debug)]
pub struct Checked {
    response: reqwest::blocking::Response,
    permit: Permit,
}

impl Checked {
    /// The response.
    pub fn response(&self) -> &reqwest::blocking::Response {
        &self.response
    }

    /// The body as text; a success status whose body is an error is an [`Error`].
    pub fn text(self) -> Result<String, Error> {
        let status = self.response.status().as_u16();
        let text = self.response.text()?;
        match crate::error_in_success_body(status, text.as_bytes()) {
            Some(error) => Err(error),
            None => Ok(text),
        }
    }

    /// The body read as a stream of text and reasoning deltas.
    pub fn chat_stream(self) -> ChatStream {
        ChatStream {
            response: Some(self.response),
            reader: Reader::new(),
            buffer: vec![0; 16 * 1024],
            _permit: Some(self.permit),
        }
    }
}

impl RetryPolicy {
    /// [`RetryPolicy::send`] for the blocking client: the same decisions, quota and concurrency
    /// limit (shared with async requests of the same policy).
    pub fn send_blocking(
        &self,
        mut build: impl FnMut() -> reqwest::blocking::RequestBuilder,
    ) -> Result<Checked, Error> {
        let (limiter, body_limit) = self.limiter_and_limit();
        let limiter = limiter.clone();
        let mut attempt = 0;
        let mut retry_cost = None;
        loop {
            attempt += 1;
            let permit = limiter.acquire_blocking();
            let error = match build().send() {
                Ok(response) if response.status().is_success() => {
                    permit.succeeded();
                    self.refund(retry_cost);
                    return Ok(Checked { response, permit });
                }
                Ok(response) => read_error(response, body_limit),
                Err(error) => Error::transport(error),
            };
            let wait = self.after_failure(error, attempt, &permit, &mut retry_cost)?;
            drop(permit);
            std::thread::sleep(wait);
        }
    }
}

/// [`crate::ChatStream`] over a blocking response: an iterator of text, reasoning and the finish.
/// The idle timeout is checked between reads (the client's read timeout bounds a single read).
pub struct ChatStream {
    response: Option<reqwest::blocking::Response>,
    reader: Reader,
    buffer: Vec<u8>,
    _permit: Option<Permit>,
}

impl ChatStream {
    /// Reads `response` (checked already: see [`check`]).
    pub fn new(response: reqwest::blocking::Response) -> Self {
        Self {
            response: Some(response),
            reader: Reader::new(),
            buffer: vec![0; 16 * 1024],
            _permit: None,
        }
    }

    /// Ends the stream when no event comes for `timeout`.
    #[must_use]
    pub fn idle_timeout(mut self, timeout: Duration) -> Self {
        self.reader.idle_timeout = timeout;
        self
    }

    /// Reads the whole stream: the text, and the finish reason.
    pub fn collect_text(self) -> Result<(String, Option<FinishReason>), Error> {
        let mut text = String::new();
        let mut finish = None;
        for event in self {
            match event? {
                StreamEvent::Text(piece) => text.push_str(&piece),
                StreamEvent::Finish(reason) => finish = Some(reason),
                _ => {}
            }
        }
        Ok((text, finish))
    }
}

impl Iterator for ChatStream {
    type Item = Result<StreamEvent, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(item) = self.reader.pop() {
                return Some(item);
            }
            if self.reader.ended {
                self.response = None;
                return None;
            }
            if self.reader.idle_left().is_zero() {
                self.reader.idle();
                continue;
            }
            let response = self.response.as_mut()?;
            match response.read(&mut self.buffer) {
                Ok(0) => self.reader.finish(),
                Ok(n) => self.reader.feed(self.buffer.get(..n).unwrap_or_default()),
                Err(error) if error.kind() == std::io::ErrorKind::Interrupted => {}
                Err(error) => {
                    let (failure, source) = io_failure(error);
                    self.reader.fail(Error::new(crate::Failure::Transport {
                        failure,
                        source,
                        partial: None,
                    }));
                }
            }
        }
    }
}
