//! The answer to "what failed, whose move is it, and should I retry?"

use crate::json::fields::Fields;
use crate::{Category, CodeInfo, Fault, Retry, StatusInfo};

/// The classification of one failure: small, `Copy`, and free of any text from the network.
///
/// ```
/// use zai_errors::{Category, Classification, Retry};
///
/// // The business code wins over the HTTP status.
/// let class = Classification::of_response(429, Some(1113));
/// assert_eq!(class.category, Category::Account);
/// assert_eq!(class.kind, "insufficient_balance");
/// assert_eq!(class.retry, Some(Retry::Never));
///
/// // An undocumented code keeps its range's category and takes the status rule for retry.
/// let class = Classification::of_response(429, Some(1399));
/// assert_eq!((class.category, class.retry), (Category::PolicyBlock, Some(Retry::Backoff)));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
#[non_exhaustive]
pub struct Classification {
    /// Where the error comes from.
    pub category: Category,
    /// A stable snake_case name for the exact case (e.g. `"usage_limit_reached"`, `"bad_gateway"`).
    pub kind: &'static str,
    /// Whether and when to retry; `None` when this is not an error at all.
    pub retry: Option<Retry>,
    /// Whose move it is.
    pub fault: Fault,
    /// Whether the business code is a documented one (`false` without a code or with an
    /// undocumented one); for a finish reason or a transport failure, whether it is a known one.
    pub known: bool,
}

/// The kind of an undocumented business code.
pub const UNDOCUMENTED_CODE: &str = "undocumented_code";

impl Classification {
    /// Classifies an HTTP response by its status and the business code of its body, if any.
    ///
    /// The rules of the contract: a documented code decides everything; an undocumented code in
    /// 1000–1399 keeps its range's category and takes `retry` from the status; an undocumented code in
    /// 100–599 (servers send `"401"`, `"500"`) is treated as that HTTP status; without a code the status
    /// decides (408, 429 and 5xx `backoff`, other 4xx `never`, 2xx not an error). An undocumented code
    /// under a status that is not an error is `backoff`.
    pub fn of_response(status: u16, code: Option<u16>) -> Self {
        let Some(number) = code else {
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
                    kind: UNDOCUMENTED_CODE,
                    // An error code under a success status: a failure the status does not explain,
                    // treated like a server error.
                    retry: Some(by_status.retry.unwrap_or(Retry::Backoff)),
                    fault: match by_status.fault {
                        Fault::None => Fault::Server,
                        fault => fault,
                    },
                    known: false,
                }
            }
        }
    }

    /// Classifies a response from its status and raw body, reading only the business code: the lean
    /// path for firmware that has to decide and keeps no text (for the message, request id and reset
    /// time, use [`ApiError::from_response`](crate::ApiError::from_response), which gives the same
    /// classification).
    ///
    /// ```
    /// use zai_errors::{Classification, Retry};
    ///
    /// let class = Classification::of_body(429, br#"{"error":{"code":"1113","message":"..."}}"#);
    /// assert_eq!((class.kind, class.retry), ("insufficient_balance", Some(Retry::Never)));
    /// ```
    pub fn of_body(status: u16, body: &[u8]) -> Self {
        Self::of_scanned(status, &Fields::scan_bytes(body), false).1
    }

    /// The code and classification of a scanned body; with `in_band`, the body is known
    /// to be an error (an SSE error event) even when nothing in it says so.
    pub(crate) fn of_scanned(
        status: u16,
        fields: &Fields<'_>,
        in_band: bool,
    ) -> (Option<u16>, Self) {
        // 0 is the success code of flat envelopes (`{"code":0,"msg":"success"}`): no business code.
        let code = fields.code().filter(|&code| code != 0);
        let class = Self::of_response(status, code);
        if code.is_some() || class.is_error() || !(in_band || fields.is_error_envelope()) {
            return (code, class);
        }
        // An error under a success status (e.g. an SSE error event) without a code: an
        // Anthropic-style `error.type` names the status it stands for; else the server reported a
        // failure nothing explains, treated as transient like a server error.
        if let Some(stands_for) = fields.error_type.and_then(|t| anthropic_status(t.0)) {
            return (None, Self::of_status(stands_for));
        }
        let unexplained = Self {
            category: Category::Unknown,
            kind: "unrecognized_error",
            retry: Some(Retry::Backoff),
            fault: Fault::Server,
            known: false,
        };
        (None, unexplained)
    }

    /// Classifies an HTTP status alone (no business code, so `known` is `false`; see
    /// [`StatusInfo::documented`] for the status itself).
    ///
    /// ```
    /// let class = zai_errors::Classification::of_status(503);
    /// assert_eq!(class.kind, "service_unavailable");
    /// assert_eq!(class.retry, Some(zai_errors::Retry::Backoff));
    /// ```
    pub fn of_status(status: u16) -> Self {
        StatusInfo::rule(status)
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
fn anthropic_status(error_type: &str) -> Option<u16> {
    Some(match error_type {
        "invalid_request_error" => 400,
        "authentication_error" => 401,
        "billing_error" => 402,
        "permission_error" => 403,
        "not_found_error" => 404,
        "request_too_large" => 413,
        "rate_limit_error" => 429,
        "api_error" => 500,
        "overloaded_error" => 529,
        _ => return None,
    })
}
