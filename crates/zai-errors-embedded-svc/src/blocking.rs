//! Blocking reads: embedded-svc's `http::client` (esp-idf-svc's `EspHttpConnection`) and any
//! embedded-io `Read`.

use embedded_io::Read;
use embedded_svc::http::Headers;
use embedded_svc::http::client::{Connection, Response};

use crate::body::{ErrorResponse, ReadBody, parse_content_length, read_body};
use crate::phase::NotInResponsePhase;

/// Reads at most `buffer.len()` bytes of an error response's body and classifies it.
///
/// The status, `Content-Length` and the request-id headers come from the response; the body is
/// read until the connection reports its end, the buffer is full, or a read fails. A count larger
/// than the space offered is clamped, a short read is followed by another, and whatever happens the
/// bytes read are classified (a body cut by the buffer keeps what it says before the cut).
///
/// ```
/// # use zai_errors_embedded_svc::{BodyEnd, ErrorResponse};
/// use embedded_svc::http::client::{Client, Connection};
/// use zai_errors_embedded_svc::blocking::classify_response;
///
/// fn post<C: Connection>(client: &mut Client<C>, body: &[u8]) -> Result<(), C::Error> {
///     let mut request = client.post("https://api.z.ai/api/paas/v4/chat/completions", &[])?;
///     request.write(body)?;
///     let mut response = request.submit()?;
///     if response.status() >= 300 {
///         let mut buffer = [0u8; 512];
///         let failed: ErrorResponse<C::Error> = classify_response(&mut response, &mut buffer);
///         let _ = (failed.classification().retry, failed.is_cut());
///     }
///     Ok(())
/// }
/// ```
pub fn classify_response<C: Connection, const N: usize>(
    response: &mut Response<C>,
    buffer: &mut [u8],
) -> ErrorResponse<C::Error, N> {
    let read = read_response(response, buffer);
    read.classify(buffer, |name| response.header(name))
}

/// Reads at most `buffer.len()` bytes of a response's body, without classifying it (then
/// [`ReadBody::classify`]): for callers that want the bytes themselves, e.g. a success body.
pub fn read_response<C: Connection>(
    response: &mut Response<C>,
    buffer: &mut [u8],
) -> ReadBody<C::Error> {
    let status = response.status();
    let (headers, body) = response.split();
    read_body(status, headers.content_len(), buffer, |chunk| {
        body.read(chunk)
    })
}

/// The same as [`classify_response`] for a bare connection: checks first that it is in the response
/// phase (its status and headers are there), and touches nothing otherwise.
pub fn classify_connection<C: Connection, const N: usize>(
    connection: &mut C,
    buffer: &mut [u8],
) -> Result<ErrorResponse<C::Error, N>, NotInResponsePhase> {
    if !connection.is_response_initiated() {
        return Err(NotInResponsePhase);
    }
    let status = connection.status();
    let (headers, body) = connection.split();
    let read = read_body(status, headers.content_len(), buffer, |chunk| {
        body.read(chunk)
    });
    let (headers, _) = connection.split();
    Ok(read.classify(buffer, |name| headers.header(name)))
}

/// The same over a plain embedded-io reader (reqwless's body reader, edge-http's connection, a
/// socket): the caller gives the status and a header lookup (names as in
/// [`zai_errors::request_id::HEADERS`] and `Content-Length`; compare them without
/// case). A lookup that knows no headers (`|_| None`) is fine: nothing says the body was short then.
///
/// ```
/// use zai_errors::Retry;
/// use zai_errors_embedded_svc::ErrorResponse;
/// use zai_errors_embedded_svc::blocking::classify_reader;
///
/// let mut body: &[u8] = br#"{"error":{"code":"1302","message":"slow down"}}"#;
/// let mut buffer = [0u8; 256];
/// let failed: ErrorResponse<_> = classify_reader(429, |_| None, &mut body, &mut buffer);
/// assert_eq!(failed.error.retry(), Some(Retry::Backoff));
/// assert!(!failed.is_cut());
/// ```
pub fn classify_reader<'h, R: Read, const N: usize>(
    status: u16,
    header: impl Fn(&str) -> Option<&'h str>,
    reader: &mut R,
    buffer: &mut [u8],
) -> ErrorResponse<R::Error, N> {
    let expected = header("Content-Length").and_then(parse_content_length);
    let read = read_body(status, expected, buffer, |chunk| reader.read(chunk));
    read.classify(buffer, header)
}

/// Reads at most `buffer.len()` bytes from a plain embedded-io reader, without classifying them;
/// `content_length` is the announced length, if any.
pub fn read_reader<R: Read>(
    status: u16,
    content_length: Option<u64>,
    reader: &mut R,
    buffer: &mut [u8],
) -> ReadBody<R::Error> {
    read_body(status, content_length, buffer, |chunk| reader.read(chunk))
}

/// Reads a streamed response (`"stream": true`) in any dialect Z.AI speaks (chat completions,
/// Anthropic Messages, Responses API, or a plain JSON error body where a stream was expected)
/// through `scanner`, `buffer` at a time ([`STREAM_READ_BUFFER`](crate::STREAM_READ_BUFFER) bytes is
/// plenty), and hands every event to `on_event`: chunks with their content deltas
/// ([`Chunk::text`](zai_errors::sse::Chunk), `reasoning`), finish reasons (an abnormal one is an
/// error: `sensitive`, `network_error`, …), in-band errors, the end marker, a cut. Reading stops at
/// the end marker, when `on_event` breaks, at a transport error, or when the connection ends — a
/// stream that ends without its dialect's end is reported [`StreamEnd::Cut`](crate::StreamEnd::Cut)
/// (after an [`Event::Cut`](zai_errors::sse::Event::Cut) to the handler).
///
/// The scanner (its data capacity, an `ApiError<M>` and about 160 bytes) is the caller's: keep it
/// in a `static` or the task's state rather than on a small stack. It is reset first: one scanner
/// serves every stream.
///
/// ```
/// use core::ops::ControlFlow;
/// use zai_errors::sse::Scanner;
/// use zai_errors_embedded_svc::StreamEnd;
/// use zai_errors_embedded_svc::blocking::read_stream;
///
/// let mut body: &[u8] = b"data: {\"choices\":[{\"delta\":{},\"finish_reason\":\"sensitive\"}]}\n\ndata: [DONE]\n\n";
/// let mut scanner = Scanner::<1024, 128>::with_capacities();
/// let mut buffer = [0u8; 512];
/// let mut failed = false;
/// let end: StreamEnd<_> = read_stream(&mut body, &mut scanner, &mut buffer, |event| {
///     failed |= event.is_error();
///     ControlFlow::Continue(())
/// });
/// assert_eq!((end, failed), (StreamEnd::Ended, true));
///
/// // The same stream dropped after its first chunk: the scanner reports the cut.
/// let mut body: &[u8] = b"data: {\"choices\":[{\"delta\":{\"content\":\"Hi\"}}]}\n\n";
/// let end: StreamEnd<_> = read_stream(&mut body, &mut scanner, &mut buffer, |_| ControlFlow::Continue(()));
/// assert_eq!(end, StreamEnd::Cut);
/// ```
pub fn read_stream<R: Read, S, const B: usize, const M: usize>(
    reader: &mut R,
    scanner: &mut zai_errors::sse::Scanner<B, M>,
    buffer: &mut [u8],
    on_event: impl FnMut(zai_errors::sse::Event<'_, M>) -> core::ops::ControlFlow<S>,
) -> crate::StreamEnd<R::Error, S> {
    crate::stream::drive_blocking(scanner, buffer, |chunk| reader.read(chunk), on_event)
}
