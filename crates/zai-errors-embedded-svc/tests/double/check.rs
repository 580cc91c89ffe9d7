//! Checks of the adapter's answers against the golden vectors' expectations (contract strings),
//! without a heap: shared by the host tests and the on-target suite (included with `#[path]`).
#![allow(dead_code)]

use core::fmt::Write;

use zai_errors::ApiError;
use zai_errors_vectors::Expect;

/// A line of text in a fixed buffer (what does not fit is dropped and flagged).
pub struct Line {
    bytes: [u8; 120],
    len: usize,
    /// Something did not fit.
    pub overflow: bool,
}

impl Line {
    /// An empty line.
    pub const fn new() -> Self {
        Self {
            bytes: [0; 120],
            len: 0,
            overflow: false,
        }
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        self.bytes
            .get(..self.len)
            .and_then(|b| core::str::from_utf8(b).ok())
            .unwrap_or("<not utf-8>")
    }
}

impl Write for Line {
    fn write_str(&mut self, s: &str) -> core::fmt::Result {
        let end = self.len + s.len();
        match self.bytes.get_mut(self.len..end) {
            Some(target) => {
                target.copy_from_slice(s.as_bytes());
                self.len = end;
                Ok(())
            }
            None => {
                self.overflow = true;
                Err(core::fmt::Error)
            }
        }
    }
}

/// The first field of `error` that differs from `expect`, by its contract name.
pub fn mismatch<const N: usize>(error: &ApiError<N>, expect: &Expect) -> Option<&'static str> {
    let class = error.classification();
    let mut reset = Line::new();
    if let Some(at) = error.reset_at() {
        let _ = write!(reset, "{at}");
    }
    let checks = [
        ("code", error.code().map(u16::from) == expect.code),
        ("known", error.is_known() == expect.known),
        ("category", class.category.as_str() == expect.category),
        ("kind", error.kind().as_str() == expect.kind),
        ("retry", class.retry.map(|r| r.as_str()) == expect.retry),
        ("fault", class.fault.as_str() == expect.fault),
        (
            "reset_at",
            error.reset_at().map(|_| reset.as_str()) == expect.reset_at,
        ),
        ("request_id", error.request_id() == expect.request_id),
        ("message", error.message() == expect.message),
        ("truncated", error.is_truncated() == expect.truncated),
        ("shape", error.shape().as_str() == expect.shape),
    ];
    checks.iter().find(|(_, ok)| !ok).map(|(name, _)| *name)
}

/// An SSE event in the vectors' compact form (`chunk:stop`, `finish:network_error:backoff`,
/// `error:1302:concurrency_limit:backoff`, `done`, `overlong`).
pub fn describe<const M: usize>(event: &zai_errors::sse::Event<'_, M>, line: &mut Line) {
    use zai_errors::sse::Event as SseEvent;
    let retry = |r: Option<zai_errors::Retry>| r.map_or("-", |r| r.as_str());
    let _ = match event {
        SseEvent::Chunk(chunk) => match &chunk.finish_reason {
            Some(reason) => write!(line, "chunk:{reason}"),
            None => line.write_str("chunk"),
        },
        SseEvent::Finish(reason) => {
            write!(line, "finish:{reason}:{}", retry(reason.classify().retry))
        }
        SseEvent::Error(error) => match error.code() {
            Some(code) => write!(
                line,
                "error:{}:{}:{}",
                u16::from(code),
                error.kind().as_str(),
                retry(error.retry())
            ),
            None => write!(
                line,
                "error:-:{}:{}",
                error.kind().as_str(),
                retry(error.retry())
            ),
        },
        SseEvent::Done => line.write_str("done"),
        SseEvent::Overlong(_) => line.write_str("overlong"),
        SseEvent::Cut => line.write_str("cut"),
        _ => line.write_str("unknown"),
    };
}

/// Whether `event` is `expected` (the vectors' compact form), compared field by field without
/// formatting anything: the on-target suite measures the stack while it compares.
pub fn matches_event<const M: usize>(
    event: &zai_errors::sse::Event<'_, M>,
    expected: &str,
) -> bool {
    use zai_errors::sse::Event as SseEvent;
    let retry = |r: Option<zai_errors::Retry>| r.map_or("-", |r| r.as_str());
    let mut parts = expected.split(':');
    let (head, first, second, third) = (parts.next(), parts.next(), parts.next(), parts.next());
    if parts.next().is_some() {
        return false;
    }
    match event {
        SseEvent::Chunk(chunk) => {
            head == Some("chunk")
                && second.is_none()
                && first == chunk.finish_reason.as_ref().map(|r| r.as_str())
        }
        SseEvent::Finish(reason) => {
            head == Some("finish")
                && first == Some(reason.as_str())
                && second == Some(retry(reason.classify().retry))
                && third.is_none()
        }
        SseEvent::Error(error) => {
            let code_matches = match (first, error.code()) {
                (Some("-"), None) => true,
                (Some(text), Some(code)) => text.parse::<u16>().ok() == Some(u16::from(code)),
                _ => false,
            };
            head == Some("error")
                && code_matches
                && second == Some(error.kind().as_str())
                && third == Some(retry(error.retry()))
        }
        SseEvent::Done => expected == "done",
        SseEvent::Overlong(_) => expected == "overlong",
        SseEvent::Cut => expected == "cut",
        _ => false,
    }
}

/// FNV-1a over text written to it: compares decoded deltas with the expected text without a
/// buffer.
pub struct Hasher {
    /// The hash so far.
    pub hash: u32,
    /// Bytes written.
    pub len: usize,
}

impl Hasher {
    /// A hasher of nothing yet.
    pub const fn new() -> Self {
        Self {
            hash: 0x811c_9dc5,
            len: 0,
        }
    }

    /// The hash of `text` as one piece.
    pub fn of(text: &str) -> (u32, usize) {
        let mut hasher = Self::new();
        let _ = hasher.write_str(text);
        (hasher.hash, hasher.len)
    }
}

impl Write for Hasher {
    fn write_str(&mut self, s: &str) -> core::fmt::Result {
        for &b in s.as_bytes() {
            self.hash = (self.hash ^ u32::from(b)).wrapping_mul(0x0100_0193);
        }
        self.len += s.len();
        Ok(())
    }
}
