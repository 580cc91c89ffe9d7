//! Checking a response: `Ok(response)` on success, else the error read and classified.

use reqwest::header::HeaderMap;
use zai_errors::sse::{Event, Scanner};
use zai_errors::{ApiError, request_id};

use crate::transport;
use crate::{Error, Failure};

/// How much of an error body is read by default (64 KiB): enough for any Z.AI error, bounded
/// against a hostile server.
pub const BODY_LIMIT: usize = 64 * 1024;

/// `Ok(response)` for a success status; otherwise the error body is read (at most
/// [`BODY_LIMIT`] bytes) and classified with the status, the request id (body first, then the
/// `x-request-id`, `request-id` and `x-log-id` headers) and any `Retry-After`. A body that fails
/// part-way is a transport failure that keeps what was read.
pub async fn check(response: reqwest::Response) -> Result<reqwest::Response, Error> {
    check_with_limit(response, BODY_LIMIT).await
}

/// [`check`], reading at most `limit` bytes of an error body.
pub async fn check_with_limit(
    response: reqwest::Response,
    limit: usize,
) -> Result<reqwest::Response, Error> {
    if response.status().is_success() {
        return Ok(response);
    }
    Err(read_error(response, limit).await)
}

/// Reads (at most `limit` bytes of) an error response and classifies it.
pub(crate) async fn read_error(mut response: reqwest::Response, limit: usize) -> Error {
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let mut body = Vec::new();
    let mut cut = false;
    let mut failed = None;
    loop {
        match response.chunk().await {
            Ok(Some(chunk)) => {
                let room = limit.saturating_sub(body.len());
                body.extend_from_slice(chunk.get(..room).unwrap_or(&chunk));
                if chunk.len() > room {
                    cut = true;
                    break;
                }
            }
            Ok(None) => break,
            Err(error) => {
                failed = Some(error);
                break;
            }
        }
    }
    let failed = failed.map(|source| (transport::classify(&source), Some(source)));
    classify_body(status, &headers, &body, cut, failed)
}

/// The error for an error response read (or partly read) into `body`.
pub(crate) fn classify_body(
    status: u16,
    headers: &HeaderMap,
    body: &[u8],
    cut: bool,
    failed: Option<(zai_errors::TransportFailure, Option<reqwest::Error>)>,
) -> Error {
    let mut error = ApiError::from_response(status, body);
    if cut || failed.is_some() {
        error.mark_body_cut();
    }
    for name in request_id::HEADERS {
        if let Some(id) = headers.get(name).and_then(|v| v.to_str().ok()) {
            error.set_request_id_if_absent(id);
        }
    }
    let failure = match failed {
        None => Failure::Response(error),
        Some((failure, source)) => Failure::Transport {
            failure,
            source,
            partial: Some(error),
        },
    };
    Error::new(failure).with_retry_after(transport::retry_after(headers))
}

/// An error carried in a success body: Z.AI answers some failures (a bad key on some endpoints)
/// with HTTP 200 and `{"code":1000,"msg":"…","success":false}`, and a whole (not streamed)
/// completion can end with a finish reason that is an error (`sensitive`, `network_error`, …).
/// `None` when the body is no error.
///
/// ```
/// let body = r#"{"code":1000,"msg":"身份验证失败。","success":false}"#;
/// let error = zai_errors_reqwest::error_in_success_body(200, body.as_bytes()).unwrap();
/// assert_eq!(error.kind(), zai_errors::Kind::AuthenticationFailed);
/// assert!(zai_errors_reqwest::error_in_success_body(200, br#"{"choices":[]}"#).is_none());
/// let blocked = br#"{"choices":[{"finish_reason":"sensitive","message":{"content":""}}]}"#;
/// let error = zai_errors_reqwest::error_in_success_body(200, blocked).unwrap();
/// assert_eq!(error.kind(), zai_errors::Kind::ContentFiltered);
/// ```
pub fn error_in_success_body(status: u16, body: &[u8]) -> Option<Error> {
    let error = ApiError::from_response(status, body);
    if error.classification().is_error() {
        return Some(Error::new(Failure::Response(error)));
    }
    // The core's stream scanner reads a whole JSON body as one event, with its finish reason.
    let mut scanner: Box<Scanner<{ 64 * 1024 }>> = Box::default();
    let mut input = body;
    while scanner.next_event(&mut input).is_some() {}
    while let Some(event) = scanner.finish() {
        if let Event::Finish(reason) = event
            && reason.is_error()
        {
            return Some(Error::new(Failure::Finish(reason)));
        }
    }
    None
}
