//! Whose move it is after an error.

/// Who has to act so that the call can succeed.
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub enum Fault {
    /// The request must change: parameters, model, prompt or content.
    Request,
    /// The API key or token must be fixed or replaced.
    Credentials,
    /// The account owner must act in the console: balance, plan, permissions, account status.
    Account,
    /// The caller is over a rate or quota: slow down, or wait for the reset.
    Usage,
    /// Z.AI (or a proxy in front of it) failed: wait and retry.
    Server,
    /// The network failed before an answer arrived: retry.
    Network,
    /// Nobody's: not an error (its name is `"none"`).
    Nobody,
}

impl Fault {
    /// The longest [`as_str`](Fault::as_str) name, in bytes.
    pub(crate) const LONGEST_NAME: usize = "credentials".len();

    /// The stable snake_case name used in JSON and logs (e.g. `"credentials"`).
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Request => "request",
            Self::Credentials => "credentials",
            Self::Account => "account",
            Self::Usage => "usage",
            Self::Server => "server",
            Self::Network => "network",
            Self::Nobody => "none",
        }
    }

    /// A short sentence for people: whose move it is and what to do.
    ///
    /// ```
    /// assert!(zai_errors::Fault::Account.advice().contains("console"));
    /// ```
    pub const fn advice(self) -> &'static str {
        match self {
            Self::Request => "yours: change the request (parameters, model or content)",
            Self::Credentials => "yours: fix or replace the API key",
            Self::Account => {
                "the account owner's: act in the Z.AI console (balance, plan, permissions)"
            }
            Self::Usage => "yours: slow down, or wait until the quota resets",
            Self::Server => "Z.AI's (or a proxy's): wait and retry",
            Self::Network => "the network's: retry",
            Self::Nobody => "nobody's: this is not an error",
        }
    }
}

impl core::fmt::Display for Fault {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(self.as_str())
    }
}
