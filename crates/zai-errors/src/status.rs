//! HTTP statuses: the documented ones with their meanings, and those seen in practice.

use crate::{Fault, Kind, Retry};

/// What the tables know about one HTTP status.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
#[non_exhaustive]
pub struct StatusInfo {
    /// The HTTP status.
    pub status: u16,
    /// The kind (e.g. [`Kind::BadGateway`]).
    pub kind: Kind,
    /// What to do about it when no business code says otherwise; `None` for a success.
    pub retry: Option<Retry>,
    /// Whose move it is.
    pub fault: Fault,
    /// Whether Z.AI documents this status (the others are seen in practice, from proxies).
    pub documented: bool,
}

macro_rules! status_table {
    ($( $status:literal, $kind:ident, $retry:expr, $fault:ident, $documented:literal, [$($meaning:literal),*]; )*) => {
        /// Every documented HTTP status and those seen in practice, sorted by status.
        pub static STATUSES: &[StatusInfo] = &[
            $( StatusInfo {
                status: $status,
                kind: Kind::$kind,
                retry: $retry,
                fault: Fault::$fault,
                documented: $documented,
            }, )*
        ];

        /// The meanings of each status, in the order of [`STATUSES`] (a table of its own: code that
        /// only classifies does not link them).
        #[cfg(feature = "texts")]
        static MEANINGS: &[&[&str]] = &[ $( &[$($meaning),*], )* ];
    };
}

status_table! {
    200, Ok, None, Nobody, true, ["success"];
    400, BadRequest, Some(Retry::Never), Request, true,
        ["parameter error", "file content anomaly (jsonl)"];
    401, Unauthorized, Some(Retry::Never), Credentials, true,
        ["authentication failure", "token timeout"];
    403, Forbidden, Some(Retry::Never), Account, false, ["no permission for this API or resource"];
    404, NotFound, Some(Retry::Never), Request, true,
        ["fine-tuning feature not available", "fine-tuning task does not exist"];
    408, RequestTimeout, Some(Retry::Backoff), Network, false, ["the server timed out waiting for the request"];
    413, PayloadTooLarge, Some(Retry::Never), Request, false, ["the request body is too large"];
    422, UnprocessableContent, Some(Retry::Never), Request, false,
        ["the request body failed validation (a proxy's or framework's check)"];
    429, TooManyRequests, Some(Retry::Backoff), Usage, true,
        ["concurrency exceeded", "file upload too fast", "account balance exhausted",
         "account anomaly (violation)", "terminal account anomaly (locked)"];
    434, NoApiPermission, Some(Retry::Never), Account, true,
        ["no API permission (fine-tuning and file APIs in beta)"];
    435, FileTooLarge, Some(Retry::Never), Request, true, ["file larger than 100 MB"];
    500, InternalServerError, Some(Retry::Backoff), Server, true, ["server error"];
    502, BadGateway, Some(Retry::Backoff), Server, false, ["a proxy got no valid answer from the API"];
    503, ServiceUnavailable, Some(Retry::Backoff), Server, false, ["the API or a proxy is overloaded or down"];
    504, GatewayTimeout, Some(Retry::Backoff), Server, false, ["a proxy timed out waiting for the API"];
    529, Overloaded, Some(Retry::Backoff), Server, false,
        ["overloaded (the Anthropic-compatible endpoint, with code 1305)"];
}

impl StatusInfo {
    /// The documented meanings, or the usual one for statuses seen in practice.
    #[cfg(feature = "texts")]
    pub fn meanings(&self) -> &'static [&'static str] {
        STATUSES
            .binary_search_by_key(&self.status, |info| info.status)
            .ok()
            .and_then(|index| MEANINGS.get(index))
            .copied()
            .unwrap_or_default()
    }

    /// The table entry for `status`, if it is documented or commonly seen.
    ///
    /// ```
    /// let info = zai_errors::table::StatusInfo::get(502).unwrap();
    /// assert_eq!(info.kind, zai_errors::Kind::BadGateway);
    /// ```
    pub fn get(status: u16) -> Option<&'static StatusInfo> {
        STATUSES
            .binary_search_by_key(&status, |info| info.status)
            .ok()
            .and_then(|index| STATUSES.get(index))
    }
}
