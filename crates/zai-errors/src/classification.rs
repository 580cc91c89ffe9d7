//! The answer to "what failed, whose move is it, and should I retry?": every classification rule.

use crate::body::fields::{Fields, WireCode};
use crate::code::business_code;
use crate::{Category, CodeInfo, Fault, Kind, Retry, StatusInfo};

/// The classification of one failure: small, `Copy`, and free of any text from the network.
///
/// ```
/// use zai_errors::{Category, Classification, Kind, Retry};
///
/// // The business code wins over the HTTP status.
/// let class = Classification::of_code(429, Some(1113));
/// assert_eq!(class.category, Category::Account);
/// assert_eq!(class.kind, Kind::InsufficientBalance);
/// assert_eq!(class.retry, Some(Retry::Never));
///
/// // An undocumented code keeps its range's category and takes the status rule for retry.
/// let class = Classification::of_code(429, Some(1399));
/// assert_eq!((class.category, class.retry), (Category::PolicyBlock, Some(Retry::Backoff)));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
#[non_exhaustive]
pub struct Classification {
    /// Where the error comes from.
    pub category: Category,
    /// What exactly happened (e.g. [`Kind::UsageLimitReached`], [`Kind::BadGateway`]).
    pub kind: Kind,
    /// Whether and when to retry; `None` when this is not an error at all.
    pub retry: Option<Retry>,
    /// Whose move it is.
    pub fault: Fault,
    /// Whether the business code is a documented one (`false` without a code or with an
    /// undocumented one); for a finish reason or a transport failure, whether it is a known one.
    pub known: bool,
}

impl Classification {
    /// The longest JSON its `Serialize` writes, in bytes (the names are ASCII and never escaped):
    /// size a `serde_json_core::to_slice` buffer with it.
    pub const MAX_JSON_LEN: usize = max_json_len();

    /// Classifies an HTTP response by its status and the business code of its body, if any.
    ///
    /// The rules of the contract: a documented code decides everything; an undocumented code in
    /// 1000–1399 keeps its range's category and takes `retry` from the status; an undocumented code in
    /// 100–599 (servers send `"401"`, `"500"`) is treated as that HTTP status; without a code (and
    /// code 0 is none) the status decides ([`Classification::of_status`]). An undocumented code under
    /// a status that is not an error is `backoff`.
    pub fn of_code(status: u16, code: Option<u16>) -> Self {
        let Some(number) = code.and_then(|code| business_code(code.into())) else {
            return Self::of_status(status);
        };
        if let Some(info) = CodeInfo::get(number) {
            return Self {
                category: info.category,
                kind: info.kind,
                retry: Some(info.retry),
                fault: info.fault,
                known: true,
            };
        }
        match Category::of_code_range(number) {
            // A status-like error code is that status, whatever the transport said (e.g. 401 in an
            // HTTP 200); a success-like one (`"code":200`) leaves the decision to the real status.
            Some(Category::Http) => {
                let as_status = Self::of_status(number);
                if as_status.is_error() {
                    as_status
                } else {
                    Self::of_status(status)
                }
            }
            range => {
                let by_status = Self::of_status(status);
                Self {
                    category: range.unwrap_or(Category::Unknown),
                    kind: Kind::UndocumentedCode,
                    // An error code under a success status: a failure the status does not explain,
                    // treated like a server error.
                    retry: Some(by_status.retry.unwrap_or(Retry::Backoff)),
                    fault: match by_status.fault {
                        Fault::Nobody => Fault::Server,
                        fault => fault,
                    },
                    known: false,
                }
            }
        }
    }

    /// No error: what a success status means (the starting value of an error slot).
    pub(crate) const NONE: Self = Self {
        category: Category::Http,
        kind: Kind::Ok,
        retry: None,
        fault: Fault::Nobody,
        known: false,
    };

    /// Classifies a response from its status and raw body, reading only the business code: the lean
    /// path for firmware that has to decide and keeps no text (for the message, request id and reset
    /// time, use [`ApiError::from_response`](crate::ApiError::from_response), which gives the same
    /// classification).
    ///
    /// ```
    /// use zai_errors::{Classification, Kind, Retry};
    ///
    /// let class = Classification::of_body(429, br#"{"error":{"code":"1113","message":"..."}}"#);
    /// assert_eq!((class.kind, class.retry), (Kind::InsufficientBalance, Some(Retry::Never)));
    /// ```
    pub fn of_body(status: u16, body: &[u8]) -> Self {
        let mut fields = Fields::default();
        fields.read(body);
        Self::of_fields(status, &fields, fields.code(), false)
    }

    /// The classification of a scanned body; with `in_band`, the body is known to be an error (an
    /// SSE error event) even when nothing in it says so.
    pub(crate) fn of_fields(
        status: u16,
        fields: &Fields<'_>,
        wire_code: WireCode<'_>,
        in_band: bool,
    ) -> Self {
        let code = wire_code.stands_for();
        let class = Self::of_code(status, code);
        if code.is_some() || class.is_error() || !(in_band || fields.is_error_envelope()) {
            return class;
        }
        // An error under a success status (e.g. an SSE error event) without a code: an
        // Anthropic-style `error.type` names the status it stands for; else the server reported a
        // failure nothing explains, treated as transient like a server error.
        if let Some(stands_for) = fields.error_type.and_then(|t| anthropic_status(t.bytes())) {
            return Self::of_status(stands_for);
        }
        Self {
            category: Category::Unknown,
            kind: Kind::UnrecognizedError,
            retry: Some(Retry::Backoff),
            fault: Fault::Server,
            known: false,
        }
    }

    /// Classifies an HTTP status alone (no business code, so `known` is `false`; see
    /// [`StatusInfo::documented`] for the status itself): the table's statuses as listed; other 2xx
    /// are successes, 3xx and other 4xx `never`, other 5xx `backoff`; 1xx as a final status and
    /// statuses outside 100–599 are server anomalies (`backoff`).
    ///
    /// ```
    /// let class = zai_errors::Classification::of_status(503);
    /// assert_eq!(class.kind, zai_errors::Kind::ServiceUnavailable);
    /// assert_eq!(class.retry, Some(zai_errors::Retry::Backoff));
    /// ```
    pub fn of_status(status: u16) -> Self {
        let (category, kind, retry, fault) = match (StatusInfo::get(status), status) {
            (Some(info), _) => (Category::Http, info.kind, info.retry, info.fault),
            (None, 100..=199) => (
                Category::Http,
                Kind::Informational,
                Some(Retry::Backoff),
                Fault::Server,
            ),
            (None, 200..=299) => (Category::Http, Kind::Ok, None, Fault::Nobody),
            (None, 300..=399) => (
                Category::Http,
                Kind::Redirect,
                Some(Retry::Never),
                Fault::Request,
            ),
            (None, 400..=499) => (
                Category::Http,
                Kind::ClientError,
                Some(Retry::Never),
                Fault::Request,
            ),
            (None, 500..=599) => (
                Category::Http,
                Kind::ServerError,
                Some(Retry::Backoff),
                Fault::Server,
            ),
            (None, _) => (
                Category::Unknown,
                Kind::InvalidStatus,
                Some(Retry::Backoff),
                Fault::Server,
            ),
        };
        Self {
            category,
            kind,
            retry,
            fault,
            known: false,
        }
    }

    /// Whether this is an error at all (a success status or a normal stream end is not).
    pub fn is_error(&self) -> bool {
        self.retry.is_some()
    }

    /// Whether a retry can ever help (`backoff` or `at_reset`).
    pub fn is_retryable(&self) -> bool {
        matches!(self.retry, Some(Retry::Backoff | Retry::AtReset))
    }
}

impl core::fmt::Display for Classification {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "{} ({})", self.kind, self.category)?;
        match self.retry {
            Some(retry) => write!(f, ", retry: {retry}"),
            None => f.write_str(", not an error"),
        }
    }
}

/// The HTTP status an Anthropic-style `error.type` stands for.
fn anthropic_status(error_type: &[u8]) -> Option<u16> {
    const TYPES: &[u8] = crate::bytes::packed_names!(
        b"invalid_request_error",
        b"authentication_error",
        b"billing_error",
        b"permission_error",
        b"not_found_error",
        b"request_too_large",
        b"rate_limit_error",
        b"api_error",
        b"overloaded_error",
    );
    const STATUSES: [u16; 9] = [400, 401, 402, 403, 404, 413, 429, 500, 529];
    let index = crate::bytes::position_in(TYPES, |name| name == error_type)?;
    STATUSES.get(index).copied()
}

/// The longest kind name, in bytes (evaluated at compile time).
pub(crate) const fn longest_kind() -> usize {
    let mut longest = 0;
    let mut rest = Kind::ALL;
    while let [kind, tail @ ..] = rest {
        if kind.as_str().len() > longest {
            longest = kind.as_str().len();
        }
        rest = tail;
    }
    longest
}

/// `{"category":"…","kind":"…","retry":"…","fault":"…","known":false}` at its longest.
const fn max_json_len() -> usize {
    let keys = r#"{"category":"","kind":"","retry":"at_reset","fault":"","known":false}"#.len();
    keys + Category::LONGEST_NAME + longest_kind() + Fault::LONGEST_NAME
}
