//! Async reads: embedded-svc's `http::client::asynch` and any embedded-io-async `Read` (reqwless's
//! `BodyReader`, edge-http's connection).
//!
//! Each read comes in two forms: `classify_*`, which reads and classifies in one call, and
//! `read_*`, which only reads (its future's answer is a small [`ReadBody`]) and leaves
//! [`ReadBody::classify`] to the caller: the classification is then built on the caller's stack
//! once, instead of being moved out of the future (measured on a Cortex-M3: about 600 bytes less
//! stack).

use core::ops::ControlFlow;

use embedded_io_async::Read;
use embedded_svc::http::Headers;
use embedded_svc::http::client::asynch::{Connection, Response};
use zai_errors::sse::{Event, Scanner};

use crate::body::{BodyEnd, ErrorResponse, Filling, Next, ReadBody, parse_content_length};
use crate::phase::NotInResponsePhase;
use crate::stream::{Step, StreamEnd, finish, step, widen};

/// Reads at most `buffer.len()` bytes of an error response's body and classifies it: the async
/// twin of [`blocking::classify_response`](crate::blocking::classify_response).
pub async fn classify_response<C: Connection, const N: usize>(
    response: &mut Response<C>,
    buffer: &mut [u8],
) -> ErrorResponse<C::Error, N> {
    let read = read_response(response, buffer).await;
    read.classify(buffer, |name| response.header(name))
}

/// Reads at most `buffer.len()` bytes of a response's body, without classifying it.
///
/// ```
/// use embedded_svc::http::client::asynch::{Connection, Response};
/// use zai_errors_embedded_svc::ErrorResponse;
/// use zai_errors_embedded_svc::asynch::read_response;
///
/// async fn on_error<C: Connection>(response: &mut Response<C>) -> Option<zai_errors::Retry> {
///     let mut buffer = [0u8; 512];
///     let read = read_response(response, &mut buffer).await;
///     let failed: ErrorResponse<C::Error> = read.classify(&buffer, |name| response.header(name));
///     failed.error.retry()
/// }
/// ```
pub async fn read_response<C: Connection>(
    response: &mut Response<C>,
    buffer: &mut [u8],
) -> ReadBody<C::Error> {
    let status = response.status();
    let (headers, body) = response.split();
    let expected = headers.content_len();
    read_body(status, expected, buffer, body).await
}

/// The same as [`classify_response`] for a bare connection, checked to be in the response phase
/// first (nothing is touched otherwise).
pub async fn classify_connection<C: Connection, const N: usize>(
    connection: &mut C,
    buffer: &mut [u8],
) -> Result<ErrorResponse<C::Error, N>, NotInResponsePhase> {
    if !connection.is_response_initiated() {
        return Err(NotInResponsePhase);
    }
    let status = connection.status();
    let (headers, body) = connection.split();
    let read = read_body(status, headers.content_len(), buffer, body).await;
    let (headers, _) = connection.split();
    Ok(read.classify(buffer, |name| headers.header(name)))
}

/// Reads and classifies a body from a plain embedded-io-async reader, with the status and a header
/// lookup from the caller (see [`blocking::classify_reader`](crate::blocking::classify_reader)).
///
/// ```
/// use zai_errors::Retry;
/// use zai_errors_embedded_svc::ErrorResponse;
/// use zai_errors_embedded_svc::asynch::classify_reader;
///
/// let mut body: &[u8] = br#"{"error":{"code":"1113","message":"recharge"}}"#;
/// let mut buffer = [0u8; 256];
/// let failed: ErrorResponse<_> =
///     embassy_futures::block_on(classify_reader(429, |_| None, &mut body, &mut buffer));
/// assert_eq!(failed.error.retry(), Some(Retry::Never));
/// ```
pub async fn classify_reader<'h, R: Read, const N: usize>(
    status: u16,
    header: impl Fn(&str) -> Option<&'h str>,
    reader: &mut R,
    buffer: &mut [u8],
) -> ErrorResponse<R::Error, N> {
    let expected = header("Content-Length").and_then(parse_content_length);
    let read = read_body(status, expected, buffer, reader).await;
    read.classify(buffer, header)
}

/// Reads at most `buffer.len()` bytes from a plain embedded-io-async reader, without classifying
/// them; `content_length` is the announced length, if any.
pub async fn read_reader<R: Read>(
    status: u16,
    content_length: Option<u64>,
    reader: &mut R,
    buffer: &mut [u8],
) -> ReadBody<R::Error> {
    read_body(status, content_length, buffer, reader).await
}

/// The async reading loop (the blocking one is in `body`).
async fn read_body<R: Read>(
    status: u16,
    expected: Option<u64>,
    buffer: &mut [u8],
    reader: &mut R,
) -> ReadBody<R::Error> {
    let mut filling = Filling::new(expected);
    let end: BodyEnd<R::Error> = loop {
        match filling.next(buffer.len()) {
            Next::Read => {
                let free = buffer.get_mut(filling.len..).unwrap_or_default();
                let offered = free.len();
                let read = reader.read(free).await;
                if let Some(end) = filling.take(read, offered) {
                    break end;
                }
            }
            Next::Probe => break filling.probed(reader.read(&mut [0u8; 1]).await),
            Next::End(end) => break end,
        }
    };
    ReadBody {
        status,
        len: filling.len,
        end,
    }
}

/// Reads a streamed response through `scanner`: the async twin of
/// [`blocking::read_stream`](crate::blocking::read_stream) (an `asynch::Response` is a reader too).
pub async fn read_stream<R: Read, S, const B: usize, const M: usize>(
    reader: &mut R,
    scanner: &mut Scanner<B, M>,
    buffer: &mut [u8],
    mut on_event: impl FnMut(Event<'_, M>) -> ControlFlow<S>,
) -> StreamEnd<R::Error, S> {
    scanner.reset();
    loop {
        let filled = match reader.read(buffer).await {
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
