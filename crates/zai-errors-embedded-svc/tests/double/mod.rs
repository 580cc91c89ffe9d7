//! A test double for embedded-svc's HTTP client `Connection` (blocking and async) and for plain
//! embedded-io readers: no unsafe, no heap, `no_std`, so that the host tests, the device-client demo
//! and the on-target suite (tests/firmware) share it (each includes this file with `#[path]`).
//!
//! It behaves like esp-idf-svc's `EspHttpConnection` where that matters: `status()`, `header()` and
//! `split()` panic outside the response phase, `initiate_request` panics unless the connection is new
//! or in the response phase, header names compare without case, and a cut body reads as a clean end.
#![allow(dead_code)]

use embedded_io::{ErrorKind, ErrorType};
use embedded_svc::http::{Headers, Method, Status};

/// Where the connection is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Phase {
    /// Not used yet (or reset).
    New,
    /// `initiate_request` was called: the request body is being written.
    Request,
    /// `initiate_response` succeeded: status, headers and body can be read.
    Response,
}

/// Anything that produces the bytes of a body.
pub trait Source {
    /// Fills the front of `out`; returns how many bytes were written, 0 at the end.
    fn fill(&mut self, out: &mut [u8]) -> usize;
}

/// A body from a slice.
pub struct Bytes {
    rest: &'static [u8],
}

impl Bytes {
    /// A body of these bytes.
    pub fn new(bytes: &'static [u8]) -> Self {
        Self { rest: bytes }
    }
}

impl Source for Bytes {
    fn fill(&mut self, out: &mut [u8]) -> usize {
        let n = out.len().min(self.rest.len());
        let (head, tail) = self.rest.split_at(n);
        if let Some(target) = out.get_mut(..n) {
            target.copy_from_slice(head);
        }
        self.rest = tail;
        n
    }
}

/// A huge body made on the fly: `prefix`, then `fill` repeated, then `suffix`, `total` bytes in all.
pub struct Huge {
    prefix: &'static [u8],
    fill: u8,
    suffix: &'static [u8],
    total: usize,
    at: usize,
}

impl Huge {
    /// A body of `total` bytes (at least the prefix and suffix).
    pub fn new(prefix: &'static [u8], fill: u8, suffix: &'static [u8], total: usize) -> Self {
        let total = total.max(prefix.len() + suffix.len());
        Self {
            prefix,
            fill,
            suffix,
            total,
            at: 0,
        }
    }

    fn byte(&self, at: usize) -> u8 {
        let suffix_start = self.total - self.suffix.len();
        if at < self.prefix.len() {
            self.prefix.get(at).copied().unwrap_or(self.fill)
        } else if at >= suffix_start {
            self.suffix
                .get(at - suffix_start)
                .copied()
                .unwrap_or(self.fill)
        } else {
            self.fill
        }
    }
}

impl Source for Huge {
    fn fill(&mut self, out: &mut [u8]) -> usize {
        let n = out.len().min(self.total - self.at);
        for (i, slot) in out.iter_mut().take(n).enumerate() {
            *slot = self.byte(self.at + i);
        }
        self.at += n;
        n
    }
}

/// How the body is delivered.
#[derive(Clone, Copy, Debug)]
pub struct Plan {
    /// Read sizes cycle through 1..=7 starting here (0 gives 1, 2, … 7, 1, …); `None` fills each
    /// read fully.
    pub chunks: Option<usize>,
    /// After this many bytes, every read fails with this error.
    pub fail_at: Option<(usize, ErrorKind)>,
    /// After this many bytes, reads return `Ok(0)` (a cut body read as a clean end).
    pub end_at: Option<usize>,
    /// Reads report 5 bytes more than the space offered (after filling all of it).
    pub over_report: bool,
}

impl Plan {
    /// Reads of 1 to 7 bytes, nothing else wrong.
    pub const CHUNKED: Self = Self {
        chunks: Some(0),
        fail_at: None,
        end_at: None,
        over_report: false,
    };
}

/// The body side of the connection.
pub struct Body<S> {
    source: S,
    plan: Plan,
    delivered: usize,
    reads: usize,
}

impl<S: Source> Body<S> {
    /// A body from `source`, delivered by `plan`.
    pub fn new(source: S, plan: Plan) -> Self {
        Self {
            source,
            plan,
            delivered: 0,
            reads: 0,
        }
    }

    /// The source of the bytes.
    pub fn source(&self) -> &S {
        &self.source
    }

    /// Bytes handed out so far.
    pub fn delivered(&self) -> usize {
        self.delivered
    }

    fn read_some(&mut self, buf: &mut [u8]) -> Result<usize, ErrorKind> {
        if buf.is_empty() {
            return Ok(0);
        }
        if let Some((at, kind)) = self.plan.fail_at
            && self.delivered >= at
        {
            return Err(kind);
        }
        if self.plan.end_at.is_some_and(|at| self.delivered >= at) {
            return Ok(0);
        }
        let mut want = buf.len();
        if let Some(start) = self.plan.chunks {
            want = want.min((start + self.reads) % 7 + 1);
        }
        if let Some((at, _)) = self.plan.fail_at {
            want = want.min(at - self.delivered);
        }
        if let Some(at) = self.plan.end_at {
            want = want.min(at - self.delivered);
        }
        self.reads += 1;
        let n = match buf.get_mut(..want) {
            Some(target) => self.source.fill(target),
            None => 0,
        };
        self.delivered += n;
        if self.plan.over_report && n == buf.len() {
            return Ok(n + 5);
        }
        Ok(n)
    }
}

impl<S> ErrorType for Body<S> {
    type Error = ErrorKind;
}

impl<S: Source> embedded_io::Read for Body<S> {
    fn read(&mut self, buf: &mut [u8]) -> Result<usize, ErrorKind> {
        self.read_some(buf)
    }
}

impl<S: Source> embedded_io_async::Read for Body<S> {
    async fn read(&mut self, buf: &mut [u8]) -> Result<usize, ErrorKind> {
        self.read_some(buf)
    }
}

/// A decimal number as header text, without formatting machinery.
#[derive(Clone, Copy)]
pub struct Number {
    digits: [u8; 20],
    start: usize,
}

impl Number {
    /// `value` in decimal.
    pub fn new(mut value: u64) -> Self {
        let mut digits = [b'0'; 20];
        let mut start = 20;
        loop {
            start -= 1;
            if let Some(slot) = digits.get_mut(start) {
                *slot = b'0' + (value % 10) as u8;
            }
            value /= 10;
            if value == 0 || start == 0 {
                break;
            }
        }
        Self { digits, start }
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        self.digits
            .get(self.start..)
            .and_then(|d| core::str::from_utf8(d).ok())
            .unwrap_or("")
    }
}

/// The status line and headers.
pub struct Head {
    phase: Phase,
    status: u16,
    content_length: Option<Number>,
    extra: [Option<(&'static str, &'static str)>; 3],
    /// Bytes of request body written.
    pub written: usize,
    /// Whether an `Authorization: Bearer` header and a `Content-Length` came with the request.
    pub authorized: bool,
    /// The request's `Content-Length`, when sent.
    pub request_length: Option<usize>,
}

impl Head {
    fn check_response(&self) {
        assert!(
            self.phase == Phase::Response,
            "status or headers asked outside the response phase"
        );
    }
}

impl Status for Head {
    fn status(&self) -> u16 {
        self.check_response();
        self.status
    }

    fn status_message(&self) -> Option<&'_ str> {
        self.check_response();
        None
    }
}

impl Headers for Head {
    fn header(&self, name: &str) -> Option<&'_ str> {
        self.check_response();
        if name.eq_ignore_ascii_case("content-length") {
            return self.content_length.as_ref().map(Number::as_str);
        }
        self.extra
            .iter()
            .flatten()
            .find(|(extra, _)| extra.eq_ignore_ascii_case(name))
            .map(|(_, value)| *value)
    }
}

/// What `raw_connection` would give: nothing, as esp-idf-svc.
pub struct NoRaw;

impl ErrorType for NoRaw {
    type Error = ErrorKind;
}

impl embedded_io::Read for NoRaw {
    fn read(&mut self, _: &mut [u8]) -> Result<usize, ErrorKind> {
        Err(ErrorKind::Unsupported)
    }
}

impl embedded_io::Write for NoRaw {
    fn write(&mut self, _: &[u8]) -> Result<usize, ErrorKind> {
        Err(ErrorKind::Unsupported)
    }

    fn flush(&mut self) -> Result<(), ErrorKind> {
        Err(ErrorKind::Unsupported)
    }
}

impl embedded_io_async::Read for NoRaw {
    async fn read(&mut self, _: &mut [u8]) -> Result<usize, ErrorKind> {
        Err(ErrorKind::Unsupported)
    }
}

impl embedded_io_async::Write for NoRaw {
    async fn write(&mut self, _: &[u8]) -> Result<usize, ErrorKind> {
        Err(ErrorKind::Unsupported)
    }

    async fn flush(&mut self) -> Result<(), ErrorKind> {
        Err(ErrorKind::Unsupported)
    }
}

/// The simulated connection: one response, served after any request.
pub struct Conn<S> {
    /// Status and headers (disjoint from the body, so `split` needs no unsafe).
    pub head: Head,
    /// The body.
    pub body: Body<S>,
    /// `initiate_response` fails with this (a failed submit leaves the request phase, as on esp).
    pub submit_error: Option<ErrorKind>,
}

impl<S: Source> Conn<S> {
    /// A new connection that will answer `status` with `source` delivered by `plan`, with a
    /// `Content-Length` of `content_length` when given.
    pub fn new(status: u16, content_length: Option<u64>, source: S, plan: Plan) -> Self {
        Self {
            head: Head {
                phase: Phase::New,
                status,
                content_length: content_length.map(Number::new),
                extra: [None; 3],
                written: 0,
                authorized: false,
                request_length: None,
            },
            body: Body::new(source, plan),
            submit_error: None,
        }
    }

    /// Adds one more response header (three at most; more are ignored).
    pub fn with_header(mut self, name: &'static str, value: &'static str) -> Self {
        if let Some(slot) = self.head.extra.iter_mut().find(|slot| slot.is_none()) {
            *slot = Some((name, value));
        }
        self
    }

    /// A connection already in the response phase (as after `submit`).
    pub fn responding(mut self) -> Self {
        self.head.phase = Phase::Response;
        self
    }

    /// The phase it is in.
    pub fn phase(&self) -> Phase {
        self.head.phase
    }

    fn start_request(&mut self, headers: &[(&str, &str)]) {
        assert!(
            matches!(self.head.phase, Phase::New | Phase::Response),
            "connection is not in initial phase"
        );
        self.head.phase = Phase::Request;
        self.head.authorized = headers.iter().any(|(name, value)| {
            name.eq_ignore_ascii_case("authorization") && value.starts_with("Bearer ")
        });
        self.head.request_length = headers
            .iter()
            .find(|(name, _)| name.eq_ignore_ascii_case("content-length"))
            .and_then(|(_, value)| value.parse().ok());
    }

    fn start_response(&mut self) -> Result<(), ErrorKind> {
        assert!(self.head.phase == Phase::Request, "not in request phase");
        if let Some(error) = self.submit_error {
            return Err(error);
        }
        self.head.phase = Phase::Response;
        Ok(())
    }

    fn write_some(&mut self, buf: &[u8]) -> Result<usize, ErrorKind> {
        assert!(
            self.head.phase == Phase::Request,
            "write outside the request phase"
        );
        self.head.written += buf.len();
        Ok(buf.len())
    }
}

impl<S> ErrorType for Conn<S> {
    type Error = ErrorKind;
}

impl<S: Source> Status for Conn<S> {
    fn status(&self) -> u16 {
        self.head.status()
    }

    fn status_message(&self) -> Option<&'_ str> {
        self.head.status_message()
    }
}

impl<S: Source> Headers for Conn<S> {
    fn header(&self, name: &str) -> Option<&'_ str> {
        self.head.header(name)
    }
}

impl<S: Source> embedded_io::Read for Conn<S> {
    fn read(&mut self, buf: &mut [u8]) -> Result<usize, ErrorKind> {
        self.head.check_response();
        self.body.read_some(buf)
    }
}

impl<S: Source> embedded_io::Write for Conn<S> {
    fn write(&mut self, buf: &[u8]) -> Result<usize, ErrorKind> {
        self.write_some(buf)
    }

    fn flush(&mut self) -> Result<(), ErrorKind> {
        Ok(())
    }
}

impl<S: Source> embedded_io_async::Read for Conn<S> {
    async fn read(&mut self, buf: &mut [u8]) -> Result<usize, ErrorKind> {
        self.head.check_response();
        self.body.read_some(buf)
    }
}

impl<S: Source> embedded_io_async::Write for Conn<S> {
    async fn write(&mut self, buf: &[u8]) -> Result<usize, ErrorKind> {
        self.write_some(buf)
    }

    async fn flush(&mut self) -> Result<(), ErrorKind> {
        Ok(())
    }
}

impl<S: Source> embedded_svc::http::client::Connection for Conn<S> {
    type Headers = Head;
    type Read = Body<S>;
    type RawConnectionError = ErrorKind;
    type RawConnection = NoRaw;

    fn initiate_request<'a>(
        &'a mut self,
        _method: Method,
        _uri: &'a str,
        headers: &'a [(&'a str, &'a str)],
    ) -> Result<(), ErrorKind> {
        self.start_request(headers);
        Ok(())
    }

    fn is_request_initiated(&self) -> bool {
        self.head.phase == Phase::Request
    }

    fn initiate_response(&mut self) -> Result<(), ErrorKind> {
        self.start_response()
    }

    fn is_response_initiated(&self) -> bool {
        self.head.phase == Phase::Response
    }

    fn split(&mut self) -> (&Head, &mut Body<S>) {
        self.head.check_response();
        (&self.head, &mut self.body)
    }

    fn raw_connection(&mut self) -> Result<&mut NoRaw, ErrorKind> {
        Err(ErrorKind::Unsupported)
    }
}

impl<S: Source> embedded_svc::http::client::asynch::Connection for Conn<S> {
    type Headers = Head;
    type Read = Body<S>;
    type RawConnectionError = ErrorKind;
    type RawConnection = NoRaw;

    async fn initiate_request(
        &mut self,
        _method: Method,
        _uri: &str,
        headers: &[(&str, &str)],
    ) -> Result<(), ErrorKind> {
        self.start_request(headers);
        Ok(())
    }

    fn is_request_initiated(&self) -> bool {
        self.head.phase == Phase::Request
    }

    async fn initiate_response(&mut self) -> Result<(), ErrorKind> {
        self.start_response()
    }

    fn is_response_initiated(&self) -> bool {
        self.head.phase == Phase::Response
    }

    fn split(&mut self) -> (&Head, &mut Body<S>) {
        self.head.check_response();
        (&self.head, &mut self.body)
    }

    fn raw_connection(&mut self) -> Result<&mut NoRaw, ErrorKind> {
        Err(ErrorKind::Unsupported)
    }
}
