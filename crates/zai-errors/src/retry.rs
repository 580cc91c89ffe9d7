//! Whether and when to try again: the contract's `retry` values.

/// The retry advice for an error (contract values, see [`Retry::as_str`]).
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub enum Retry {
    /// Transient: retry with exponential backoff and jitter.
    Backoff,
    /// A quota window is exhausted: retrying before its reset time is useless.
    AtReset,
    /// The same request fails again: a person or the code must change something first.
    Never,
}

impl Retry {
    /// The stable snake_case name used in JSON and logs (e.g. `"at_reset"`).
    ///
    /// ```
    /// assert_eq!(zai_errors::Retry::AtReset.as_str(), "at_reset");
    /// ```
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Backoff => "backoff",
            Self::AtReset => "at_reset",
            Self::Never => "never",
        }
    }
}

impl core::fmt::Display for Retry {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(self.as_str())
    }
}
