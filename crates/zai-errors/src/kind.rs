//! The stable snake_case names of every case the crate tells apart.

macro_rules! kinds {
    ($( $(#[doc = $doc:literal])* $variant:ident = $name:literal, )*) => {
        /// What exactly happened, as a typed value: one variant per documented business code, per
        /// HTTP status case, per stream end and per transport failure. Match on it; its
        /// [`as_str`](Kind::as_str) name is stable API (the CLI and the JSON use it), and firmware
        /// that never prints it does not carry the names.
        ///
        /// ```
        /// use zai_errors::{ApiError, Kind};
        ///
        /// let error = ApiError::from_response(429, br#"{"error":{"code":"1113","message":"..."}}"#);
        /// assert_eq!(error.kind(), Kind::InsufficientBalance);
        /// assert_eq!(error.kind().as_str(), "insufficient_balance");
        /// assert_eq!(Kind::from_name("insufficient_balance"), Some(Kind::InsufficientBalance));
        /// ```
        #[non_exhaustive]
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[cfg_attr(feature = "defmt", derive(defmt::Format))]
        pub enum Kind {
            $( $(#[doc = $doc])* $variant, )*
        }

        impl Kind {
            /// Every kind, in declaration order.
            pub const ALL: &'static [Kind] = &[$( Kind::$variant, )*];

            /// The stable snake_case name (e.g. `"usage_limit_reached"`).
            pub const fn as_str(self) -> &'static str {
                match self {
                    $( Self::$variant => $name, )*
                }
            }
        }
    };
}

kinds! {
    // Business codes (the variant names match `Code`'s).
    /// Business code 500.
    InternalError = "internal_error",
    /// Business code 1000.
    AuthenticationFailed = "authentication_failed",
    /// Business code 1001.
    MissingAuthentication = "missing_authentication",
    /// Business code 1002.
    InvalidToken = "invalid_token",
    /// Business code 1003.
    TokenExpired = "token_expired",
    /// Business code 1004.
    TokenRejected = "token_rejected",
    /// Business code 1005.
    SecondFactorRequired = "second_factor_required",
    /// Business code 1100.
    AccountReadWriteError = "account_read_write_error",
    /// Business code 1110.
    AccountInactive = "account_inactive",
    /// Business code 1111.
    AccountNotFound = "account_not_found",
    /// Business code 1112.
    AccountLocked = "account_locked",
    /// Business code 1113 (also the string code `insufficient_quota`).
    InsufficientBalance = "insufficient_balance",
    /// Business code 1120.
    AccountUnavailable = "account_unavailable",
    /// Business code 1121.
    AccountViolation = "account_violation",
    /// Business code 1200.
    ApiCallError = "api_call_error",
    /// Business code 1210 (also the string codes `invalid_request`, `invalid_request_error`).
    IncorrectCallParameters = "incorrect_call_parameters",
    /// Business code 1211 (also the string code `model_not_found`).
    ModelNotFound = "model_not_found",
    /// Business code 1212.
    UnsupportedCallMethod = "unsupported_call_method",
    /// Business code 1213.
    MissingParameter = "missing_parameter",
    /// Business code 1214.
    InvalidParameter = "invalid_parameter",
    /// Business code 1215.
    ConflictingParameters = "conflicting_parameters",
    /// Business code 1220.
    PermissionDenied = "permission_denied",
    /// Business code 1221.
    ApiOffline = "api_offline",
    /// Business code 1222.
    ApiNotFound = "api_not_found",
    /// Business code 1230.
    ApiProcessError = "api_process_error",
    /// Business code 1231.
    DuplicateRequest = "duplicate_request",
    /// Business code 1234.
    NetworkError = "network_error",
    /// Business code 1261 (also the string code `context_length_exceeded`).
    PromptTooLong = "prompt_too_long",
    /// Business code 1300.
    BlockedByPolicy = "blocked_by_policy",
    /// Business code 1301.
    SensitiveContent = "sensitive_content",
    /// Business code 1302 (also the string code `rate_limit_exceeded`).
    ConcurrencyLimit = "concurrency_limit",
    /// Business code 1303.
    FrequencyLimit = "frequency_limit",
    /// Business code 1304.
    DailyLimitReached = "daily_limit_reached",
    /// Business code 1305 (also the string codes `overloaded`, `server_overloaded`).
    RateLimited = "rate_limited",
    /// Business code 1308.
    UsageLimitReached = "usage_limit_reached",
    /// Business code 1309.
    PlanExpired = "plan_expired",
    /// Business code 1310.
    PeriodLimitExhausted = "period_limit_exhausted",
    /// Business code 1311.
    ModelNotInPlan = "model_not_in_plan",
    /// Business code 1312.
    ModelOverloaded = "model_overloaded",
    /// Business code 1313.
    FairUseRestricted = "fair_use_restricted",
    /// Business code 1314.
    EnterprisePlanInvalid = "enterprise_plan_invalid",
    /// Business code 1315.
    EnterpriseKeyOnly = "enterprise_key_only",
    /// Business code 1316.
    FiveHourLimitNoBalance = "five_hour_limit_no_balance",
    /// Business code 1317.
    SevenDayLimitNoBalance = "seven_day_limit_no_balance",
    /// Business code 1318.
    FiveHourLimitSubAccountCap = "five_hour_limit_sub_account_cap",
    /// Business code 1319.
    SevenDayLimitSubAccountCap = "seven_day_limit_sub_account_cap",
    /// Business code 1320.
    FiveHourLimitEnterpriseCap = "five_hour_limit_enterprise_cap",
    /// Business code 1321.
    SevenDayLimitEnterpriseCap = "seven_day_limit_enterprise_cap",
    /// A business code missing from the documentation (classified by its range and the status).
    UndocumentedCode = "undocumented_code",
    /// An error envelope that names no code and no status (e.g. under HTTP 200).
    UnrecognizedError = "unrecognized_error",

    // HTTP statuses, when no business code decides.
    /// HTTP 200, or any other 2xx: not an error.
    Ok = "ok",
    /// HTTP 400.
    BadRequest = "bad_request",
    /// HTTP 401.
    Unauthorized = "unauthorized",
    /// HTTP 403.
    Forbidden = "forbidden",
    /// HTTP 404.
    NotFound = "not_found",
    /// HTTP 408.
    RequestTimeout = "request_timeout",
    /// HTTP 413.
    PayloadTooLarge = "payload_too_large",
    /// HTTP 422.
    UnprocessableContent = "unprocessable_content",
    /// HTTP 429.
    TooManyRequests = "too_many_requests",
    /// HTTP 434.
    NoApiPermission = "no_api_permission",
    /// HTTP 435.
    FileTooLarge = "file_too_large",
    /// HTTP 500.
    InternalServerError = "internal_server_error",
    /// HTTP 502.
    BadGateway = "bad_gateway",
    /// HTTP 503.
    ServiceUnavailable = "service_unavailable",
    /// HTTP 504.
    GatewayTimeout = "gateway_timeout",
    /// HTTP 529 (the Anthropic-compatible endpoint's "overloaded").
    Overloaded = "overloaded",
    /// A 1xx status as a final answer.
    Informational = "informational",
    /// A 3xx status not followed.
    Redirect = "redirect",
    /// Any other 4xx.
    ClientError = "client_error",
    /// Any other 5xx.
    ServerError = "server_error",
    /// A status outside 100–599.
    InvalidStatus = "invalid_status",

    // How a stream ended.
    /// A normal end (`stop`, `end_turn`, `stop_sequence`, `completed`).
    Completed = "completed",
    /// A normal end at the output limit (`length`, `max_tokens`, `max_output_tokens`): the output is cut.
    OutputTruncated = "output_truncated",
    /// The model asks for tools (`tool_calls`, `tool_use`).
    ToolCalls = "tool_calls",
    /// The server paused a long turn (`pause_turn`): send the turn back to continue.
    TurnPaused = "turn_paused",
    /// The safety review stopped the output (`sensitive`, `refusal`).
    ContentFiltered = "content_filtered",
    /// Inference failed on the server (`network_error`).
    InferenceFailed = "inference_failed",
    /// The conversation no longer fits the model (`model_context_window_exceeded`).
    ContextWindowExceeded = "context_window_exceeded",
    /// A finish or stop reason this crate does not know, kept verbatim.
    UnrecognizedFinish = "unrecognized_finish",
    /// The stream ended without its dialect's normal end (a dropped connection).
    StreamCut = "stream_cut",

    // Failures before any status.
    /// No answer in time.
    Timeout = "timeout",
    /// The connection was refused, reset or could not be opened.
    ConnectionFailed = "connection_failed",
    /// The host name did not resolve.
    NameResolutionFailed = "name_resolution_failed",
    /// The TLS handshake or certificate check failed.
    TlsHandshakeFailed = "tls_handshake_failed",
    /// Any other I/O failure while sending or reading.
    IoError = "io_error",
}

impl Kind {
    /// The kind with this snake_case name, if any.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|kind| kind.as_str() == name)
    }
}

impl core::fmt::Display for Kind {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::Kind;

    /// Edit distance (insertions, deletions, substitutions) between two names.
    fn distance(a: &str, b: &str) -> usize {
        let b: &[u8] = b.as_bytes();
        let mut row: [usize; 64] = core::array::from_fn(|i| i);
        for (i, ca) in a.bytes().enumerate() {
            let mut diagonal = row[0];
            row[0] = i + 1;
            for (j, &cb) in b.iter().enumerate() {
                let above = row[j + 1];
                row[j + 1] = (above + 1)
                    .min(row[j] + 1)
                    .min(diagonal + usize::from(ca != cb));
                diagonal = above;
            }
        }
        row[b.len()]
    }

    #[test]
    fn distance_counts_edits() {
        assert_eq!(distance("dns_failed", "tls_failed"), 2);
        assert_eq!(distance("invalid_parameter", "invalid_parameters"), 1);
        assert_eq!(distance("abc", "abc"), 0);
    }

    #[test]
    #[cfg_attr(
        miri,
        ignore = "7 400 edit distances: minutes under Miri, nothing Miri checks"
    )]
    fn no_two_names_differ_by_a_letter_or_two() {
        for (i, a) in Kind::ALL.iter().enumerate() {
            for b in &Kind::ALL[i + 1..] {
                let d = distance(a.as_str(), b.as_str());
                assert!(d >= 3, "{a} and {b} differ by {d} edits");
            }
        }
    }

    #[test]
    fn names_are_snake_case_and_round_trip() {
        for kind in Kind::ALL {
            let name = kind.as_str();
            assert!(name.len() < 64 && !name.is_empty());
            assert!(
                name.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'),
                "{name}"
            );
            assert_eq!(Kind::from_name(name), Some(*kind));
        }
        assert_eq!(Kind::from_name("Invalid_Token"), None);
    }
}
