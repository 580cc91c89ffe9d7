//! An event's name (`event: response.output_text.delta`): collected as bytes while its line
//! arrives (split anywhere, even inside a char), checked for UTF-8 once when the event is decided,
//! then read as text both to decide what the event means and to hand it out.

use heapless::{String, Vec};

/// The longest `event:` name kept, in bytes (`response.reasoning_summary_text.delta` is 38); a
/// longer one is no name.
const CAPACITY: usize = 40;

/// The name of the current event.
#[derive(Debug)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub(crate) enum EventName {
    /// Bytes of the `event:` line so far; `None` once they did not fit.
    Collecting(Option<Vec<u8, CAPACITY>>),
    /// Checked: the name, empty when there is none (too long, or not UTF-8).
    Checked(String<CAPACITY>),
}

impl EventName {
    /// No name yet.
    pub(crate) const fn new() -> Self {
        Self::Collecting(Some(Vec::new()))
    }

    /// Forgets the name (a new `event:` line, or the next event).
    pub(crate) fn clear(&mut self) {
        *self = Self::new();
    }

    /// Appends a piece of the name's line.
    pub(crate) fn push(&mut self, piece: &[u8]) {
        if let Self::Collecting(Some(bytes)) = self
            && bytes.extend_from_slice(piece).is_err()
        {
            *self = Self::Collecting(None);
        }
    }

    /// The name, checked now if it was not yet (once an event is complete); empty when there is
    /// none.
    pub(crate) fn check(&mut self) -> &str {
        if let Self::Collecting(bytes) = self {
            // The bytes are checked where they lie, aligned (core's check starts a word at a time
            // there; a name is shorter than simdutf8's SIMD threshold).
            let text = bytes
                .take()
                .and_then(|bytes| String::from_utf8(bytes).ok())
                .unwrap_or_default();
            *self = Self::Checked(text);
        }
        self.as_str()
    }

    /// The name as [`EventName::check`] left it; empty before.
    pub(crate) fn as_str(&self) -> &str {
        match self {
            Self::Checked(text) => text.as_str(),
            Self::Collecting(_) => "",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn checked(pieces: &[&[u8]]) -> std::string::String {
        let mut name = EventName::new();
        for piece in pieces {
            name.push(piece);
        }
        assert_eq!(name.as_str(), "");
        name.check().into()
    }

    #[test]
    fn names_are_collected_from_pieces_split_anywhere() {
        let whole = "response.完成".as_bytes();
        for at in 0..=whole.len() {
            let pieces = [&whole[..at], &whole[at..]];
            assert_eq!(checked(&pieces), "response.完成", "{at}");
        }
    }

    #[test]
    fn bad_or_long_names_are_empty() {
        assert_eq!(checked(&[b"ab\xffcd"]), "");
        assert_eq!(checked(&[b"ab\xe5\xae"]), "");
        assert_eq!(checked(&[&[b'x'; 40]]), "x".repeat(40));
        assert_eq!(checked(&[&[b'x'; 30], &[b'x'; 11]]), "");
        let mut name = EventName::new();
        name.push(b"\xff");
        assert_eq!(name.check(), "");
        name.clear();
        name.push(b"ping");
        assert_eq!(name.check(), "ping");
        assert_eq!(name.as_str(), "ping");
    }
}
