//! Transport errors of embedded-io connections, as the core's transport failures.

use embedded_io::ErrorKind;
use zai_errors::TransportFailure;

/// The transport failure an embedded-io error stands for: a timeout, a connection refused, reset or
/// dropped, or any other I/O failure (`backoff` for all of them: see
/// [`TransportFailure::classify`]).
///
/// ```
/// use embedded_io::ErrorKind;
/// use zai_errors::{Retry, TransportFailure};
/// use zai_errors_embedded_svc::transport_failure;
///
/// assert_eq!(transport_failure(&ErrorKind::TimedOut), TransportFailure::Timeout);
/// assert_eq!(transport_failure(&ErrorKind::ConnectionReset).classify().retry, Some(Retry::Backoff));
/// ```
pub fn transport_failure(error: &impl embedded_io::Error) -> TransportFailure {
    match error.kind() {
        ErrorKind::TimedOut => TransportFailure::Timeout,
        ErrorKind::ConnectionRefused
        | ErrorKind::ConnectionReset
        | ErrorKind::ConnectionAborted
        | ErrorKind::NotConnected
        | ErrorKind::BrokenPipe => TransportFailure::Connect,
        _ => TransportFailure::Io,
    }
}
