//! Reading an error body into a fixed buffer: what was read, and how the reading ended.

use zai_errors::policy::{Decision, Policy, RetryAfter};
use zai_errors::request_id::HEADERS;
use zai_errors::{ApiError, Classification, TransportFailure};

/// How reading a body ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub enum BodyEnd<E> {
    /// The connection reported the end of the body (a read of 0 bytes) and `Content-Length`, when
    /// sent, was met.
    Complete,
    /// The body is longer than the buffer: reading stopped when the buffer was full (the rest is
    /// left unread on the connection).
    BufferFull,
    /// The connection reported the end before `Content-Length` bytes came: the body was cut in
    /// transit (esp-idf-svc and reqwless report a dropped connection as a clean end).
    ShortOfContentLength {
        /// The `Content-Length` the server announced.
        expected: u64,
    },
    /// A transport error while reading the body; what was read before it is kept.
    Transport(E),
}

impl<E> BodyEnd<E> {
    /// Whether the body is incomplete (anything but [`BodyEnd::Complete`]).
    pub fn is_cut(&self) -> bool {
        !matches!(self, Self::Complete)
    }

    /// The transport error that ended the reading, if any.
    pub fn transport_error(&self) -> Option<&E> {
        match self {
            Self::Transport(error) => Some(error),
            _ => None,
        }
    }
}

/// An error response read into a caller's buffer and classified.
///
/// The classification is the core's for the status and the bytes read ([`ApiError::parse`]);
/// a request id the body lacks is taken from the headers of [`zai_errors::request_id::HEADERS`]
/// (looked up through the connection, whose lookup compares names without case, as esp-idf-svc's
/// does). Whether the body was cut, and how, is in [`ErrorResponse::end`] (and
/// [`ApiError::is_body_cut`]): a cut body is still classified from what was complete before the cut.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
#[non_exhaustive]
pub struct ErrorResponse<E, const N: usize = { ApiError::MESSAGE_CAPACITY }> {
    /// The classified error (status, code, message up to `N` bytes, request id, reset time).
    pub error: ApiError<N>,
    /// How many bytes of the body are in the caller's buffer (`&buffer[..body_len]`).
    pub body_len: usize,
    /// How reading ended.
    pub end: BodyEnd<E>,
    /// The `Retry-After` header, in its seconds form (an HTTP-date is not read: devices rarely
    /// have a calendar, and Z.AI sends seconds when it sends one).
    pub retry_after: Option<RetryAfter>,
}

impl<E, const N: usize> ErrorResponse<E, N> {
    /// The core's retry decision for this response after attempt `attempt` (1 for the first):
    /// wait this long and retry, or give up and why. `now` is the time in Unix seconds (an SNTP
    /// clock; a reset time needs it) and `random` any random number (the jitter): the device gives
    /// both, the decision is pure.
    ///
    /// ```
    /// use zai_errors::policy::{Decision, Policy, WaitFor};
    /// use zai_errors_embedded_svc::ErrorResponse;
    /// use zai_errors_embedded_svc::blocking::classify_reader;
    ///
    /// let mut body: &[u8] = br#"{"error":{"code":"1302","message":"slow down"}}"#;
    /// let failed: ErrorResponse<_> = classify_reader(429, |_| None, &mut body, &mut [0u8; 128]);
    /// let Decision::Retry { wait, reason } = failed.decide(&Policy::DEFAULT, 1, 0, 7) else { panic!() };
    /// assert_eq!(reason, WaitFor::Backoff);
    /// assert!(wait.as_millis() >= 250 && wait.as_millis() <= 500);
    /// ```
    pub fn decide(&self, policy: &Policy, attempt: u32, now: i64, random: u32) -> Decision {
        policy.decide(
            &self.error.classification(),
            attempt,
            self.retry_after,
            self.error.reset_at(),
            now,
            random,
        )
    }

    /// The classification (category, kind, retry advice, fault).
    pub fn classification(&self) -> Classification {
        self.error.classification()
    }

    /// Whether the body was cut: by the buffer, short of `Content-Length`, or by a transport error.
    pub fn is_cut(&self) -> bool {
        self.end.is_cut()
    }

    /// The transport error that ended the reading, if any.
    pub fn transport_error(&self) -> Option<&E> {
        self.end.transport_error()
    }
}

impl<E: embedded_io::Error, const N: usize> ErrorResponse<E, N> {
    /// The transport error that ended the reading, as the core's [`TransportFailure`] (see
    /// [`transport_failure`](crate::transport_failure)). The status came: the classification stays
    /// the response's; this says why its body is incomplete.
    pub fn transport_failure(&self) -> Option<TransportFailure> {
        self.transport_error().map(crate::transport_failure)
    }
}

/// A body read into a caller's buffer, not classified yet: the small answer of the async reads
/// ([`asynch::read_response`](crate::asynch::read_response)), so that the classification (a few
/// hundred bytes) is built by the caller's plain function rather than carried out of a future.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
#[non_exhaustive]
pub struct ReadBody<E> {
    /// The HTTP status.
    pub status: u16,
    /// How many bytes of the body are in the buffer.
    pub len: usize,
    /// How reading ended.
    pub end: BodyEnd<E>,
}

impl<E> ReadBody<E> {
    /// Classifies the body read into `buffer` (the same buffer), taking a request id the body
    /// lacks from `header` (the response's header lookup, or `|_| None`).
    pub fn classify<'h, const N: usize>(
        self,
        buffer: &[u8],
        header: impl Fn(&str) -> Option<&'h str>,
    ) -> ErrorResponse<E, N> {
        classified(self.status, header, buffer, self.len, self.end)
    }
}

/// Parses a `Content-Length` value (surrounding blanks allowed); anything else is no length.
pub(crate) fn parse_content_length(value: &str) -> Option<u64> {
    value.trim().parse().ok()
}

/// Where the body reading is, between reads: shared by the blocking and the async loops.
pub(crate) struct Filling {
    pub(crate) len: usize,
    expected: Option<u64>,
}

/// What to do after a read.
pub(crate) enum Next<E> {
    /// Read again into `&mut buffer[len..]`.
    Read,
    /// The buffer is full and no `Content-Length` says whether more comes: read one byte more.
    Probe,
    /// Reading is over.
    End(BodyEnd<E>),
}

impl Filling {
    pub(crate) fn new(expected: Option<u64>) -> Self {
        Self { len: 0, expected }
    }

    /// What comes next, before any read or after one was taken into account.
    pub(crate) fn next<E>(&self, capacity: usize) -> Next<E> {
        if self.len < capacity {
            return Next::Read;
        }
        match self.expected {
            Some(expected) if expected <= self.len as u64 => Next::End(BodyEnd::Complete),
            Some(_) => Next::End(BodyEnd::BufferFull),
            None => Next::Probe,
        }
    }

    /// Takes a read's result into account; a count larger than the space offered is clamped.
    pub(crate) fn take<E>(&mut self, read: Result<usize, E>, offered: usize) -> Option<BodyEnd<E>> {
        match read {
            Ok(0) => Some(self.end_of_body()),
            Ok(count) => {
                self.len = self.len.saturating_add(count.min(offered));
                None
            }
            Err(error) => Some(BodyEnd::Transport(error)),
        }
    }

    /// The answer of the one-byte probe read after a full buffer.
    pub(crate) fn probed<E>(&self, read: Result<usize, E>) -> BodyEnd<E> {
        match read {
            Ok(0) => self.end_of_body(),
            Ok(_) => BodyEnd::BufferFull,
            Err(error) => BodyEnd::Transport(error),
        }
    }

    /// The connection said "end": complete, unless `Content-Length` promised more.
    fn end_of_body<E>(&self) -> BodyEnd<E> {
        match self.expected {
            Some(expected) if (self.len as u64) < expected => {
                BodyEnd::ShortOfContentLength { expected }
            }
            _ => BodyEnd::Complete,
        }
    }
}

/// Reads a body with `read` (any "fill this slice, say how much" function) into `buffer`: the
/// shared blocking loop behind every blocking entry point.
pub(crate) fn read_body<E>(
    status: u16,
    expected: Option<u64>,
    buffer: &mut [u8],
    mut read: impl FnMut(&mut [u8]) -> Result<usize, E>,
) -> ReadBody<E> {
    let mut filling = Filling::new(expected);
    let end = loop {
        match filling.next(buffer.len()) {
            Next::Read => {
                let free = buffer.get_mut(filling.len..).unwrap_or_default();
                let offered = free.len();
                if let Some(end) = filling.take(read(free), offered) {
                    break end;
                }
            }
            Next::Probe => break filling.probed(read(&mut [0u8; 1])),
            Next::End(end) => break end,
        }
    };
    ReadBody {
        status,
        len: filling.len,
        end,
    }
}

/// Classifies the bytes read and adds a header request id the body lacks.
pub(crate) fn classified<'h, E, const N: usize>(
    status: u16,
    header: impl Fn(&str) -> Option<&'h str>,
    buffer: &[u8],
    len: usize,
    end: BodyEnd<E>,
) -> ErrorResponse<E, N> {
    let body = buffer.get(..len).unwrap_or(buffer);
    // Built in place: an `ApiError` is a few hundred bytes, and a device's stack is small.
    let mut response = ErrorResponse {
        error: ApiError::<N>::empty(),
        body_len: body.len(),
        end,
        retry_after: header("Retry-After").and_then(RetryAfter::parse_seconds),
    };
    response.error.refill(status, body);
    if response.end.is_cut() {
        response.error.mark_body_cut();
    }
    if let Some(id) = HEADERS.iter().find_map(|&name| header(name)) {
        response.error.set_request_id_if_absent(id.trim());
    }
    response
}
