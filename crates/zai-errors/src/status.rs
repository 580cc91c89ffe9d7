//! HTTP statuses: the documented ones with their meanings, and the rule for all others.

use crate::{Category, Classification, Fault, Retry};

/// What the tables know about one HTTP status.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
#[non_exhaustive]
pub struct StatusInfo {
    /// The HTTP status.
    pub status: u16,
    /// The stable snake_case kind name (e.g. `"bad_gateway"`).
    pub kind: &'static str,
    /// What to do about it when no business code says otherwise; `None` for a success.
    pub retry: Option<Retry>,
    /// Whose move it is.
    pub fault: Fault,
    /// Whether Z.AI documents this status (the others are seen in practice, from proxies).
    pub documented: bool,
    /// The documented meanings, or the usual one for statuses seen in practice.
    #[cfg(feature = "texts")]
    pub meanings: &'static [&'static str],
}

macro_rules! status_table {
    ($( $status:literal, $kind:literal, $retry:expr, $fault:ident, $documented:literal, [$($meaning:literal),*]; )*) => {
        /// Every documented HTTP status and those seen in practice, sorted by status.
        pub static STATUSES: &[StatusInfo] = &[
            $( StatusInfo {
                status: $status,
                kind: $kind,
                retry: $retry,
                fault: Fault::$fault,
                documented: $documented,
                #[cfg(feature = "texts")]
                meanings: &[$($meaning),*],
            }, )*
        ];
    };
}

status_table! {
    200, "ok", None, None, true, ["success"];
    400, "bad_request", Some(Retry::Never), Request, true,
        ["parameter error", "file content anomaly (jsonl)"];
    401, "unauthorized", Some(Retry::Never), Credentials, true,
        ["authentication failure", "token timeout"];
    403, "forbidden", Some(Retry::Never), Account, false, ["no permission for this API or resource"];
    404, "not_found", Some(Retry::Never), Request, true,
        ["fine-tuning feature not available", "fine-tuning task does not exist"];
    408, "request_timeout", Some(Retry::Backoff), Network, false, ["the server timed out waiting for the request"];
    429, "too_many_requests", Some(Retry::Backoff), Usage, true,
        ["concurrency exceeded", "file upload too fast", "account balance exhausted",
         "account anomaly (violation)", "terminal account anomaly (locked)"];
    434, "no_api_permission", Some(Retry::Never), Account, true,
        ["no API permission (fine-tuning and file APIs in beta)"];
    435, "file_too_large", Some(Retry::Never), Request, true, ["file larger than 100 MB"];
    500, "internal_server_error", Some(Retry::Backoff), Server, true, ["server error"];
    502, "bad_gateway", Some(Retry::Backoff), Server, false, ["a proxy got no valid answer from the API"];
    503, "service_unavailable", Some(Retry::Backoff), Server, false, ["the API or a proxy is overloaded or down"];
    504, "gateway_timeout", Some(Retry::Backoff), Server, false, ["a proxy timed out waiting for the API"];
}

impl StatusInfo {
    /// The table entry for `status`, if it is documented or commonly seen.
    ///
    /// ```
    /// let info = zai_errors::StatusInfo::get(502).unwrap();
    /// assert_eq!(info.kind, "bad_gateway");
    /// ```
    pub fn get(status: u16) -> Option<&'static StatusInfo> {
        STATUSES
            .binary_search_by_key(&status, |info| info.status)
            .ok()
            .and_then(|index| STATUSES.get(index))
    }

    /// The classification of any status without a business code, by table or by rule: other 2xx
    /// are successes, 3xx and other 4xx `never`, other 5xx `backoff`; 1xx as a final status and
    /// statuses outside 100–599 are server anomalies (`backoff`).
    pub(crate) fn rule(status: u16) -> Classification {
        let (category, kind, retry, fault) = match (Self::get(status), status) {
            (Some(info), _) => (Category::Http, info.kind, info.retry, info.fault),
            (None, 100..=199) => (
                Category::Http,
                "informational",
                Some(Retry::Backoff),
                Fault::Server,
            ),
            (None, 200..=299) => (Category::Http, "ok", None, Fault::None),
            (None, 300..=399) => (
                Category::Http,
                "redirect",
                Some(Retry::Never),
                Fault::Request,
            ),
            (None, 400..=499) => (
                Category::Http,
                "client_error",
                Some(Retry::Never),
                Fault::Request,
            ),
            (None, 500..=599) => (
                Category::Http,
                "server_error",
                Some(Retry::Backoff),
                Fault::Server,
            ),
            (None, _) => (
                Category::Unknown,
                "invalid_status",
                Some(Retry::Backoff),
                Fault::Server,
            ),
        };
        Classification {
            category,
            kind,
            retry,
            fault,
            known: false,
        }
    }
}
