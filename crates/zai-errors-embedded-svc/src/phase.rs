//! The connection phase check.

/// The connection is not in its response phase: a request was not submitted, or failed. Nothing
/// was read or asked of it (esp-idf-svc's connection panics when asked for a status outside that
/// phase).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub struct NotInResponsePhase;

impl core::fmt::Display for NotInResponsePhase {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("the connection is not in its response phase")
    }
}

impl core::error::Error for NotInResponsePhase {}
