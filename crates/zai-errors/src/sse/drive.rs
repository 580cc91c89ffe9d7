//! Driving the scanner from any source of byte chunks.

use core::ops::ControlFlow;

use super::event::Event;
use super::scanner::Scanner;

/// How [`drive`] ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub enum DriveEnd<B = ()> {
    /// The source reported its end (a read of 0 bytes); the scanner was finished.
    EndOfStream,
    /// The event handler stopped the drive with this value.
    Stopped(B),
}

/// Feeds `scanner` from `read` through the caller's `buffer` and hands every event to `on_event`,
/// until the source ends (a read of 0 bytes) or `on_event` breaks (its value comes back in
/// [`DriveEnd::Stopped`]). `read` is any "fill this slice, say how much" function: an embedded-io or
/// std `Read`, a socket, a test double. A read error is returned as is (retrying `Interrupted` is the
/// reader's business); a count larger than the buffer is taken as the whole buffer; an empty
/// buffer is replaced by a 64-byte one on the stack.
///
/// ```
/// use core::ops::ControlFlow;
/// use zai_errors::sse::{DriveEnd, Event, Scanner, drive};
///
/// // Any byte source: here a slice read 5 bytes at a time, as a socket would give it.
/// let mut source: &[u8] = b"data: {\"error\":{\"code\":\"1302\",\"message\":\"slow down\"}}\n\ndata: [DONE]\n\n";
/// let read = |buf: &mut [u8]| -> Result<usize, ()> {
///     let n = buf.len().min(5).min(source.len());
///     buf[..n].copy_from_slice(&source[..n]);
///     source = &source[n..];
///     Ok(n)
/// };
///
/// let mut scanner = Scanner::<512>::with_capacities();
/// let mut buffer = [0u8; 64];
/// let mut errors = 0;
/// let end: Result<DriveEnd, ()> = drive(&mut scanner, &mut buffer, read, |event| {
///     if let Event::Error(error) = event {
///         assert_eq!(error.kind(), zai_errors::Kind::ConcurrencyLimit);
///         errors += 1;
///     }
///     ControlFlow::Continue(())
/// });
/// assert_eq!((end, errors), (Ok(DriveEnd::EndOfStream), 1));
/// ```
pub fn drive<E, S, const B: usize, const M: usize>(
    scanner: &mut Scanner<B, M>,
    buffer: &mut [u8],
    mut read: impl FnMut(&mut [u8]) -> Result<usize, E>,
    mut on_event: impl FnMut(Event<'_, M>) -> ControlFlow<S>,
) -> Result<DriveEnd<S>, E> {
    // A zero-length buffer could read nothing: a small one on the stack stands in.
    let mut fallback = [0u8; 64];
    let buffer = if buffer.is_empty() {
        &mut fallback[..]
    } else {
        buffer
    };
    loop {
        let filled = read(buffer)?.min(buffer.len());
        let mut input = buffer.get(..filled).unwrap_or_default();
        if input.is_empty() {
            while let Some(event) = scanner.finish() {
                if let ControlFlow::Break(value) = on_event(event) {
                    return Ok(DriveEnd::Stopped(value));
                }
            }
            return Ok(DriveEnd::EndOfStream);
        }
        while let Some(event) = scanner.next_event(&mut input) {
            if let ControlFlow::Break(value) = on_event(event) {
                return Ok(DriveEnd::Stopped(value));
            }
        }
    }
}
