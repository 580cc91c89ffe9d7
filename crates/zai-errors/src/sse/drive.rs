//! Driving the scanner from any source of byte chunks.

use core::ops::ControlFlow;

use super::event::SseEvent;
use super::scanner::SseScanner;

/// How [`drive`] ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub enum DriveEnd {
    /// The source reported its end (a read of 0 bytes); the scanner was finished.
    EndOfStream,
    /// The event handler asked to stop.
    Stopped,
}

/// Feeds `scanner` from `read` through the caller's `buffer` and hands every event to `on_event`,
/// until the source ends (a read of 0 bytes) or `on_event` breaks. `read` is any "fill this slice"
/// function: an embedded-io or std `Read`, a socket, a test double. A read error is returned as is.
///
/// ```
/// use core::ops::ControlFlow;
/// use zai_errors::{DriveEnd, SseEvent, SseScanner, drive};
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
/// let mut scanner: SseScanner<512> = SseScanner::new();
/// let mut buffer = [0u8; 64];
/// let mut errors = 0;
/// let end = drive(&mut scanner, &mut buffer, read, |event| {
///     if let SseEvent::Error(error) = event {
///         assert_eq!(error.kind(), "concurrency_limit");
///         errors += 1;
///     }
///     ControlFlow::Continue(())
/// });
/// assert_eq!((end, errors), (Ok(DriveEnd::EndOfStream), 1));
/// ```
pub fn drive<E, const B: usize, const M: usize>(
    scanner: &mut SseScanner<B, M>,
    buffer: &mut [u8],
    mut read: impl FnMut(&mut [u8]) -> Result<usize, E>,
    mut on_event: impl FnMut(SseEvent<'_, M>) -> ControlFlow<()>,
) -> Result<DriveEnd, E> {
    loop {
        let filled = read(buffer)?;
        let Some(mut input) = buffer.get(..filled).filter(|chunk| !chunk.is_empty()) else {
            while let Some(event) = scanner.finish() {
                if on_event(event).is_break() {
                    return Ok(DriveEnd::Stopped);
                }
            }
            return Ok(DriveEnd::EndOfStream);
        };
        while let Some(event) = scanner.next_event(&mut input) {
            if on_event(event).is_break() {
                return Ok(DriveEnd::Stopped);
            }
        }
    }
}
