//! `Retry-After`: seconds, or a point in time (an HTTP-date, parsed by the adapter).

/// A `Retry-After` value: a delay in seconds, or a point in time (Unix seconds) that the adapter
/// parsed from an HTTP-date (`httpdate` on std; devices rarely see one).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub enum RetryAfter {
    /// Wait this many seconds.
    Seconds(u64),
    /// Wait until this Unix time (seconds).
    At(i64),
}

impl RetryAfter {
    /// Reads the seconds form of the header (`"120"`, surrounding spaces allowed): at most 10
    /// digits; anything else (an HTTP-date, a sign, a fraction) is `None`.
    ///
    /// ```
    /// use zai_errors::policy::RetryAfter;
    /// assert_eq!(RetryAfter::parse_seconds(" 2 "), Some(RetryAfter::Seconds(2)));
    /// assert_eq!(RetryAfter::parse_seconds("Wed, 21 Oct 2026 07:28:00 GMT"), None);
    /// ```
    pub fn parse_seconds(value: &str) -> Option<Self> {
        let digits = value.trim_ascii().as_bytes();
        if digits.is_empty() || digits.len() > 10 {
            return None;
        }
        digits
            .iter()
            .try_fold(0u64, |acc, &d| {
                d.is_ascii_digit().then(|| acc * 10 + u64::from(d - b'0'))
            })
            .map(Self::Seconds)
    }

    /// The wait it asks for, in seconds from `now` (Unix seconds); a time in the past is 0.
    pub fn seconds_from(self, now: i64) -> u64 {
        match self {
            Self::Seconds(seconds) => seconds,
            Self::At(at) => u64::try_from(at.saturating_sub(now)).unwrap_or(0),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RetryAfter;

    #[test]
    fn seconds_and_dates() {
        assert_eq!(RetryAfter::parse_seconds("0"), Some(RetryAfter::Seconds(0)));
        assert_eq!(
            RetryAfter::parse_seconds("9999999999"),
            Some(RetryAfter::Seconds(9_999_999_999))
        );
        for bad in ["", " ", "-1", "1.5", "+3", "12345678901", "2 s"] {
            assert_eq!(RetryAfter::parse_seconds(bad), None, "{bad:?}");
        }
        assert_eq!(RetryAfter::At(1_000).seconds_from(990), 10);
        assert_eq!(RetryAfter::At(1_000).seconds_from(2_000), 0);
        assert_eq!(RetryAfter::Seconds(7).seconds_from(0), 7);
    }
}
