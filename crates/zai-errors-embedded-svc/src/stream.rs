//! Streams: the core's SSE scanner driven from a response with a fixed buffer.

use core::ops::ControlFlow;

use zai_errors::sse::{Event, Scanner};

/// The read buffer a stream needs at least: a read of this size is a few TCP segments' worth.
pub const STREAM_READ_BUFFER: usize = 512;

/// How reading a stream ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub enum StreamEnd<E, S = ()> {
    /// The stream ended normally: at its end marker (`data: [DONE]`, `message_stop`), where
    /// reading stopped without waiting for the connection to close, or at the connection's end
    /// after the dialect's normal end (a finish or stop reason, `response.completed`).
    Ended,
    /// The connection reported its end (a read of 0 bytes) without the dialect's normal end: the
    /// stream was cut (esp-idf-svc reports a dropped connection as a clean end). The scanner's
    /// [`Event::Cut`] was handed to the handler first.
    Cut,
    /// The event handler stopped reading with this value.
    Stopped(S),
    /// A transport error while reading; the events before it were delivered.
    Transport(E),
}

impl<E, S> StreamEnd<E, S> {
    /// Whether the stream ended without its normal end (cut or broken by a transport error).
    pub fn is_cut(&self) -> bool {
        matches!(self, Self::Cut | Self::Transport(_))
    }
}

/// What the loop does with one event.
pub(crate) enum Step<S> {
    Go,
    End(StreamEnd<core::convert::Infallible, S>),
}

/// Hands `event` to the caller, then says whether to go on.
pub(crate) fn step<S, const M: usize>(
    event: Event<'_, M>,
    on_event: &mut impl FnMut(Event<'_, M>) -> ControlFlow<S>,
) -> Step<S> {
    let end = match event {
        Event::Done => Some(StreamEnd::Ended),
        Event::Cut => Some(StreamEnd::Cut),
        _ => None,
    };
    match (on_event(event), end) {
        (ControlFlow::Break(value), _) => Step::End(StreamEnd::Stopped(value)),
        (ControlFlow::Continue(()), Some(end)) => Step::End(end),
        (ControlFlow::Continue(()), None) => Step::Go,
    }
}

/// The end of the input: the scanner's last events (a pending finish, a cut event), then the
/// stream's end — cut if the scanner said so, else a normal end.
pub(crate) fn finish<S, const B: usize, const M: usize>(
    scanner: &mut Scanner<B, M>,
    on_event: &mut impl FnMut(Event<'_, M>) -> ControlFlow<S>,
) -> StreamEnd<core::convert::Infallible, S> {
    while let Some(event) = scanner.finish() {
        if let Step::End(end) = step(event, on_event) {
            // The scanner keeps what it lent (`Scanner::last_error`); the next stream resets it.
            return end;
        }
    }
    StreamEnd::Ended
}

/// Widens an end that carries no transport error.
pub(crate) fn widen<E, S>(end: StreamEnd<core::convert::Infallible, S>) -> StreamEnd<E, S> {
    match end {
        StreamEnd::Ended => StreamEnd::Ended,
        StreamEnd::Cut => StreamEnd::Cut,
        StreamEnd::Stopped(value) => StreamEnd::Stopped(value),
        StreamEnd::Transport(never) => match never {},
    }
}

/// The blocking stream loop: reads with `read` into `buffer`, feeds `scanner`, hands each event to
/// `on_event`, stops at the end marker, at the handler's break, at a transport error, or at the
/// connection's end (then the scanner is finished: a pending event is delivered, and a stream
/// without its dialect's end is reported cut). A count larger than the space offered is clamped.
pub(crate) fn drive_blocking<E, S, const B: usize, const M: usize>(
    scanner: &mut Scanner<B, M>,
    buffer: &mut [u8],
    mut read: impl FnMut(&mut [u8]) -> Result<usize, E>,
    mut on_event: impl FnMut(Event<'_, M>) -> ControlFlow<S>,
) -> StreamEnd<E, S> {
    scanner.reset();
    loop {
        let filled = match read(buffer) {
            Ok(count) => count.min(buffer.len()),
            Err(error) => return StreamEnd::Transport(error),
        };
        let mut input = buffer.get(..filled).unwrap_or_default();
        if input.is_empty() {
            return widen(finish(scanner, &mut on_event));
        }
        while let Some(event) = scanner.next_event(&mut input) {
            if let Step::End(end) = step(event, &mut on_event) {
                return widen(end);
            }
        }
    }
}
