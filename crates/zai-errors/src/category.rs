//! Where an error comes from: the contract's `category` values.

/// The family an error belongs to (contract values, see [`Category::as_str`]).
///
/// Documented business codes carry the category of the Z.AI table; undocumented ones are placed by
/// their range (1000–1099 authentication, 1100–1199 account, 1200–1299 api call, 1300–1399 policy).
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub enum Category {
    /// Basic errors (business code 500).
    Basic,
    /// The API key or token was missing, invalid, expired or needs a second factor (1000–1099).
    Authentication,
    /// The account is inactive, locked, missing or in arrears (1100–1199).
    Account,
    /// The call itself is wrong or failed on the way (1200–1299).
    ApiCall,
    /// A policy stopped the call: content, rate, quota or plan (1300–1399).
    PolicyBlock,
    /// No business code: the HTTP status alone decides (also codes like `"401"` that are statuses).
    Http,
    /// A streamed response ended with a `finish_reason`.
    Stream,
    /// The call failed before any HTTP status arrived (timeout, refused, DNS, TLS).
    Transport,
    /// Nothing above applies.
    Unknown,
}

impl Category {
    /// The longest [`as_str`](Category::as_str) name, in bytes.
    pub(crate) const LONGEST_NAME: usize = "authentication".len();

    /// The stable snake_case name used in JSON and logs (e.g. `"policy_block"`).
    ///
    /// ```
    /// assert_eq!(zai_errors::Category::ApiCall.as_str(), "api_call");
    /// ```
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Basic => "basic",
            Self::Authentication => "authentication",
            Self::Account => "account",
            Self::ApiCall => "api_call",
            Self::PolicyBlock => "policy_block",
            Self::Http => "http",
            Self::Stream => "stream",
            Self::Transport => "transport",
            Self::Unknown => "unknown",
        }
    }

    /// The category an undocumented business code falls into by its range, if any.
    pub const fn of_code_range(code: u16) -> Option<Self> {
        match code {
            1000..=1099 => Some(Self::Authentication),
            1100..=1199 => Some(Self::Account),
            1200..=1299 => Some(Self::ApiCall),
            1300..=1399 => Some(Self::PolicyBlock),
            100..=599 => Some(Self::Http),
            _ => None,
        }
    }
}

impl core::fmt::Display for Category {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(self.as_str())
    }
}
