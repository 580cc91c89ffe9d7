//! Text from the network, made safe to print.

/// Text shown with control characters and the invisible characters that can reorder, hide or
/// break text (bidi marks and overrides, line and paragraph separators, zero-width characters, the
/// BOM) escaped as `\u{202e}`: safe for a terminal or a log.
///
/// ```
/// assert_eq!(zai_errors::Escaped("a\u{1b}[2Jb").to_string(), "a\\u{1b}[2Jb");
/// assert_eq!(zai_errors::Escaped("x\u{202e}y").to_string(), "x\\u{202e}y");
/// ```
#[derive(Clone, Copy, Debug)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub struct Escaped<'a>(pub &'a str);

impl Escaped<'_> {
    /// Whether `c` is escaped: a control character, a bidi mark, embedding, override or isolate
    /// (U+061C, U+200E–U+200F, U+202A–U+202E, U+2066–U+2069), a line or paragraph separator
    /// (U+2028, U+2029), a zero-width character (U+200B–U+200D, U+2060) or the BOM (U+FEFF). The
    /// CLI's JSON output escapes the same set as `\uXXXX`.
    pub fn escapes(c: char) -> bool {
        c.is_control()
            || matches!(
                c,
                '\u{061c}'
                    | '\u{200b}'..='\u{200f}'
                    | '\u{2028}'..='\u{202e}'
                    | '\u{2060}'
                    | '\u{2066}'..='\u{2069}'
                    | '\u{feff}'
            )
    }
}

impl core::fmt::Display for Escaped<'_> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        use core::fmt::Write;
        for c in self.0.chars() {
            if Self::escapes(c) {
                write!(f, "{}", c.escape_unicode())?;
            } else {
                f.write_char(c)?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::Escaped;

    #[test]
    fn escapes_what_hides_or_reorders_text() {
        for c in [
            '\u{0}', '\u{1b}', '\u{7f}', '\u{85}', '\u{061c}', '\u{200b}', '\u{200e}', '\u{200f}',
            '\u{2028}', '\u{2029}', '\u{202a}', '\u{202e}', '\u{2060}', '\u{2066}', '\u{2069}',
            '\u{feff}',
        ] {
            assert!(Escaped::escapes(c), "{:?}", c);
        }
        for c in ['a', ' ', '限', '\u{2027}', '\u{202f}', '\u{2065}', '😀'] {
            assert!(!Escaped::escapes(c), "{:?}", c);
        }
    }
}
