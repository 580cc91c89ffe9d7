//! Failures before any HTTP status arrived.

use crate::{Category, Classification, Fault, Kind, Retry};

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
    /// The kind (e.g. [`Kind::Timeout`]).
    pub const fn kind(self) -> Kind {
        match self {
            Self::Timeout => Kind::Timeout,
            Self::Connect => Kind::ConnectionFailed,
            Self::Dns => Kind::NameResolutionFailed,
            Self::Tls => Kind::TlsHandshakeFailed,
            Self::Io => Kind::IoError,
        }
    }

    /// The stable snake_case name (the kind's, e.g. `"timeout"`).
    pub const fn as_str(self) -> &'static str {
        self.kind().as_str()
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
        f.write_str(self.as_str())
    }
}

impl core::error::Error for TransportFailure {}
