//! Failures before or while reading an answer, as the core's [`TransportFailure`].

use std::time::{SystemTime, UNIX_EPOCH};

use zai_errors::TransportFailure;
use zai_errors::policy::RetryAfter;

/// What kind of transport failure a reqwest error is (timeouts and connection failures are
/// `backoff`; anything else while sending or reading is an I/O failure).
pub(crate) fn classify(error: &reqwest::Error) -> TransportFailure {
    if error.is_timeout() {
        TransportFailure::Timeout
    } else if error.is_connect() {
        TransportFailure::Connect
    } else {
        TransportFailure::Io
    }
}

/// The `Retry-After` header: seconds (the core's parser) or an HTTP-date (`httpdate`: IMF-fixdate,
/// RFC 850 and asctime).
pub(crate) fn retry_after(headers: &reqwest::header::HeaderMap) -> Option<RetryAfter> {
    let value = headers.get(reqwest::header::RETRY_AFTER)?.to_str().ok()?;
    RetryAfter::parse_seconds(value).or_else(|| {
        let at = httpdate::parse_http_date(value.trim()).ok()?;
        let unix = at.duration_since(UNIX_EPOCH).ok()?.as_secs();
        Some(RetryAfter::At(i64::try_from(unix).ok()?))
    })
}

/// The current Unix time in seconds.
pub(crate) fn now_unix() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::{HeaderMap, HeaderValue, RETRY_AFTER};

    fn with(value: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(RETRY_AFTER, HeaderValue::from_str(value).expect("header"));
        headers
    }

    #[test]
    fn retry_after_in_every_form() {
        assert_eq!(retry_after(&with("2")), Some(RetryAfter::Seconds(2)));
        assert_eq!(
            retry_after(&with("Wed, 21 Oct 2015 07:28:00 GMT")),
            Some(RetryAfter::At(1_445_412_480))
        );
        assert_eq!(
            retry_after(&with("Wednesday, 21-Oct-15 07:28:00 GMT")),
            Some(RetryAfter::At(1_445_412_480))
        );
        assert_eq!(
            retry_after(&with("Wed Oct 21 07:28:00 2015")),
            Some(RetryAfter::At(1_445_412_480))
        );
        assert_eq!(retry_after(&with("soon")), None);
        assert_eq!(retry_after(&HeaderMap::new()), None);
    }
}
