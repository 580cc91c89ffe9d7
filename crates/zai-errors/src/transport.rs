//! Failures before any HTTP status arrived.

use crate::{Category, Classification, Fault, Retry};

/// A call that failed before the server answered with a status.
///
/// ```
/// use zai_errors::{Category, Retry, TransportFailure};
///
/// let class = TransportFailure::Timeout.classify();
/// assert_eq!((class.category, class.retry), (Category::Transport, Some(Retry::Backoff)));
/// ```
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub enum TransportFailure {
    /// No answer in time (connect, request or read timeout).
    Timeout,
    /// The connection was refused, reset or could not be opened.
    Connect,
    /// The host name did not resolve.
    Dns,
    /// The TLS handshake or certificate check failed.
    Tls,
    /// Any other I/O failure while sending or reading.
    Io,
}

impl TransportFailure {
    /// The stable snake_case kind name (e.g. `"timeout"`).
    pub const fn kind(self) -> &'static str {
        match self {
            Self::Timeout => "timeout",
            Self::Connect => "connection_failed",
            Self::Dns => "dns_failed",
            Self::Tls => "tls_failed",
            Self::Io => "io_failed",
        }
    }

    /// Classifies the failure: `transport`, and `backoff` except for TLS (a certificate that fails
    /// now fails again: `never`).
    pub const fn classify(self) -> Classification {
        Classification {
            category: Category::Transport,
            kind: self.kind(),
            retry: Some(match self {
                Self::Tls => Retry::Never,
                _ => Retry::Backoff,
            }),
            fault: Fault::Network,
            known: true,
        }
    }
}

impl core::fmt::Display for TransportFailure {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(self.kind())
    }
}

impl core::error::Error for TransportFailure {}
