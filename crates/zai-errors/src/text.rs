//! A fixed-capacity string that truncates on a char boundary instead of failing.

use heapless::String;

/// Text of at most `N` bytes. Anything longer is cut on a char boundary and flagged, never an error.
///
/// ```
/// use zai_errors::Text;
///
/// let text: Text<8> = Text::truncating("限额将在重置");
/// assert_eq!(text.as_str(), "限额"); // 6 bytes: a third char would need 9
/// assert!(text.is_truncated());
/// ```
#[derive(Clone, Default, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub struct Text<const N: usize> {
    text: String<N>,
    truncated: bool,
}

impl<const N: usize> Text<N> {
    /// An empty text.
    pub const fn new() -> Self {
        Self {
            text: String::new(),
            truncated: false,
        }
    }

    /// `s`, cut to `N` bytes on a char boundary if longer.
    pub fn truncating(s: &str) -> Self {
        let mut text = Self::new();
        text.push_str(s);
        text
    }

    /// The raw text of a JSON string (between its quotes) decoded: escapes and surrogate pairs,
    /// invalid escapes and lone surrogates as U+FFFD; cut to `N` bytes on a char boundary and flagged.
    /// The one decoder every JSON string goes through.
    ///
    /// ```
    /// let text: zai_errors::Text<16> = zai_errors::Text::from_json(r#"a\"b \ud83d\ude00"#);
    /// assert_eq!(text.as_str(), "a\"b 😀");
    /// ```
    pub fn from_json(raw: &str) -> Self {
        let mut text = Self::new();
        crate::body::decode::decode_into(raw, &mut text);
        text
    }

    /// Appends as much of `s` as fits; returns `false` (and sets the flag) when something was cut.
    /// Once cut, the text takes nothing more, so it is always a prefix of what was pushed.
    pub fn push_str(&mut self, s: &str) -> bool {
        if self.truncated {
            return false;
        }
        if self.text.push_str(s).is_ok() {
            return true;
        }
        // Fits by construction; a failure would only lose the head, never panic.
        let _ = self
            .text
            .push_str(prefix_within(s, N.saturating_sub(self.text.len())));
        self.truncated = true;
        false
    }

    /// Appends one char if it fits; see [`Text::push_str`].
    pub fn push(&mut self, c: char) -> bool {
        self.push_str(c.encode_utf8(&mut [0; 4]))
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        self.text.as_str()
    }

    /// Whether something was cut to fit.
    pub fn is_truncated(&self) -> bool {
        self.truncated
    }

    /// Whether the text is empty.
    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// Flags the text as cut (used when the source was cut before it reached the text).
    pub(crate) fn mark_truncated(&mut self) {
        self.truncated = true;
    }

    /// Removes trailing ASCII spaces (used when cleaning snippets, whose whitespace runs are
    /// already single spaces).
    pub(crate) fn trim_end(&mut self) {
        while self.text.ends_with(' ') {
            self.text.pop();
        }
    }
}

impl<const N: usize> core::ops::Deref for Text<N> {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl<const N: usize> core::fmt::Display for Text<N> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl<const N: usize> core::fmt::Debug for Text<N> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        core::fmt::Debug::fmt(self.as_str(), f)?;
        if self.truncated {
            f.write_str("…")?;
        }
        Ok(())
    }
}

impl<const N: usize> PartialEq<str> for Text<N> {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl<const N: usize> PartialEq<&str> for Text<N> {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

/// The longest prefix of `s` of at most `max` bytes that ends on a char boundary.
pub(crate) fn prefix_within(s: &str, max: usize) -> &str {
    let mut end = max.min(s.len());
    while !s.is_char_boundary(end) {
        end -= 1; // end > 0 here: 0 is always a boundary
    }
    s.get(..end).unwrap_or_default()
}
