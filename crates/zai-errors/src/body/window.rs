//! The input checked for UTF-8 once, in a window, at the first string that needs it (64-bit
//! targets whose UTF-8 check is SIMD: [`SIMD_UTF8`](crate::bytes::SIMD_UTF8)).
//!
//! Core's validator takes about 12 instructions a byte of Chinese text below 64 bytes, where
//! simdutf8 switches to SIMD; an error message is usually shorter than that. So the first string
//! with non-ASCII bytes has a window of the input from its start checked at once (SIMD, whatever the
//! string's length), and its text, and that of every later string in the window, is cut from the
//! window's text (`str::get`: free). A string that ends past the window has the next window checked
//! from it; one the window holds no text for (past an invalid byte) is checked alone.

/// How many bytes from the first string that needs it are checked at once: a whole error body or
/// SSE event, but not a 200 KB message whose text is kept only in part.
const WINDOW: usize = 4096;
/// The shortest window: simdutf8 checks shorter texts with core's validator. A string near the end
/// of the input has its window start before it.
const SIMD_FROM: usize = 64;

/// The checked text of a window of the input.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Window<'a> {
    /// Where the window starts in the input.
    base: usize,
    /// Where the window ends in the input.
    end: usize,
    /// Its text: as far as it is valid UTF-8.
    text: &'a str,
}

impl<'a> Window<'a> {
    /// Checks the window of `input` for the string at `start..end`: from `start` on, [`WINDOW`]
    /// bytes or to `end` when that is further; starting up to [`SIMD_FROM`] bytes before the end of
    /// a short input. Both ends are moved to char boundaries.
    pub(crate) fn check(input: &'a [u8], start: usize, end: usize) -> Self {
        let mut base = start.min(input.len().saturating_sub(SIMD_FROM));
        while input.get(base).is_some_and(|&b| b & 0xC0 == 0x80) {
            base += 1;
        }
        let mut end = end.max(start.saturating_add(WINDOW)).min(input.len());
        // Not inside a char, which would make the window's end invalid.
        while end > base && input.get(end).is_some_and(|&b| b & 0xC0 == 0x80) {
            end -= 1;
        }
        let bytes = input.get(base..end).unwrap_or_default();
        let text = match crate::bytes::utf8(bytes) {
            Ok(text) => text,
            // Valid up to a bad byte (or a char the window cuts): the text before it.
            Err((valid, _)) => bytes
                .get(..valid)
                .and_then(|valid| crate::bytes::utf8(valid).ok())
                .unwrap_or_default(),
        };
        Self { base, end, text }
    }

    /// Whether the window reaches `end` of the input (past it, a string needs a window of its own).
    pub(crate) fn reaches(&self, end: usize) -> bool {
        end <= self.end
    }

    /// The text of `start..end` of the input, when the window holds it as text (in the window, on
    /// char boundaries).
    pub(crate) fn text(&self, start: usize, end: usize) -> Option<&'a str> {
        self.text
            .get(start.checked_sub(self.base)?..end.checked_sub(self.base)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_are_cut_from_the_window() {
        let input = "{\"a\":\"限额\",\"b\":\"ok\"}".as_bytes();
        let window = Window::check(input, 6, 12);
        assert_eq!(window.text(6, 12), Some("限额"));
        assert_eq!(window.text(19, 21), Some("ok"));
        // Before the window, or inside a char: not held.
        assert_eq!(window.text(6, 8), None);
        // A short input is checked from further back, on a char boundary.
        assert_eq!(window.text(0, 5), Some("{\"a\":"));
        let cut = Window::check("限额".as_bytes(), 3, 6);
        assert_eq!(cut.text(3, 6), Some("额"));
        let long = std::format!("{}\"限额\"", "x".repeat(100));
        let window = Window::check(long.as_bytes(), 101, 107);
        assert_eq!(window.text(101, 107), Some("限额"));
        assert_eq!(window.text(44, 101), Some(&long[44..101]));
        assert_eq!(window.text(43, 101), None);
    }

    #[test]
    fn the_text_stops_at_a_bad_byte() {
        let input = b"\"\xe9\x99\x90\" \xff \"ok\"";
        let window = Window::check(input, 1, 4);
        assert_eq!(window.text(1, 4), Some("限"));
        assert_eq!(window.text(9, 11), None);
    }

    #[test]
    fn a_long_string_is_checked_whole() {
        let long = "限".repeat(2000);
        let window = Window::check(long.as_bytes(), 0, long.len());
        assert_eq!(window.text(0, long.len()), Some(long.as_str()));
        let short = Window::check(long.as_bytes(), 0, 3);
        assert_eq!(short.text(0, 4095), Some(&long[..4095]));
        assert_eq!(short.text(0, 4098), None);
    }
}
