//! Decoding the raw text of a JSON string into a [`Text`], escapes and all.

use crate::Text;

/// Appends the decoded JSON string `raw` (without quotes). Invalid escapes and lone surrogates
/// become U+FFFD. Stops at the capacity, cut on a char boundary.
pub(crate) fn decode_into<const N: usize>(raw: &str, out: &mut Text<N>) {
    decode_with(raw, |piece| out.push_str(piece));
}

/// Decodes the JSON string `raw` (without quotes) piece by piece: runs of literal text and single
/// decoded escapes go to `sink` in order, until it returns `false`. Invalid escapes and lone
/// surrogates become U+FFFD. The text is checked already: no piece is checked again.
pub(crate) fn decode_with(raw: &str, mut sink: impl FnMut(&str) -> bool) {
    let mut rest = raw;
    loop {
        // A backslash is ASCII, so the cuts around it are char boundaries (`get` checks anyway).
        let Some(at) = crate::bytes::find_byte(b'\\', rest.as_bytes()) else {
            sink(rest);
            return;
        };
        let (Some(literal), Some(tail)) = (rest.get(..at), rest.get(at.saturating_add(1)..)) else {
            return;
        };
        if !literal.is_empty() && !sink(literal) {
            return;
        }
        let (decoded, used) = escape(tail.as_bytes());
        if !sink(decoded.encode_utf8(&mut [0; 4])) {
            return;
        }
        // `used` counts ASCII bytes only, so this is a char boundary.
        rest = tail.get(used..).unwrap_or_default();
    }
}

/// Decodes the escape whose backslash was just passed (`tail` starts after it): the char and the
/// bytes used. An unknown escape or a lone trailing backslash is U+FFFD, the escaped char staying text.
fn escape(tail: &[u8]) -> (char, usize) {
    match tail.first() {
        Some(b'"') => ('"', 1),
        Some(b'\\') => ('\\', 1),
        Some(b'/') => ('/', 1),
        Some(b'b') => ('\u{8}', 1),
        Some(b'f') => ('\u{c}', 1),
        Some(b'n') => ('\n', 1),
        Some(b'r') => ('\r', 1),
        Some(b't') => ('\t', 1),
        Some(b'u') => unicode_escape(tail),
        _ => (char::REPLACEMENT_CHARACTER, 0),
    }
}

/// Decodes `uXXXX` (and a following `\\uXXXX` low surrogate) at the start of `tail`, just after the
/// backslash: the char and the bytes used.
fn unicode_escape(tail: &[u8]) -> (char, usize) {
    let Some(high) = hex4(tail.get(1..5)) else {
        return (char::REPLACEMENT_CHARACTER, 1);
    };
    if !(0xD800..0xDC00).contains(&high) {
        // A plain scalar value, or a lone low surrogate (not a char: replaced).
        return (
            char::from_u32(high).unwrap_or(char::REPLACEMENT_CHARACTER),
            5,
        );
    }
    let low = match tail.get(5..7) {
        Some(b"\\u") => hex4(tail.get(7..11)),
        _ => None,
    };
    match low {
        Some(low @ 0xDC00..0xE000) => {
            let scalar = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00);
            (
                char::from_u32(scalar).unwrap_or(char::REPLACEMENT_CHARACTER),
                11,
            )
        }
        _ => (char::REPLACEMENT_CHARACTER, 5),
    }
}

/// Four hex digits as a number.
fn hex4(digits: Option<&[u8]>) -> Option<u32> {
    let digits = digits?;
    if digits.len() != 4 {
        return None;
    }
    digits
        .iter()
        .try_fold(0u32, |acc, &d| Some(acc * 16 + char::from(d).to_digit(16)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decoded(raw: &str) -> Text<64> {
        let mut text = Text::new();
        decode_into(raw, &mut text);
        text
    }

    #[test]
    fn escapes_and_surrogate_pairs() {
        assert_eq!(
            decoded(r#"a\"b\\c\/d\b\f\n\r\t"#).as_str(),
            "a\"b\\c/d\u{8}\u{c}\n\r\t"
        );
        assert_eq!(decoded(r"\u4ee4\u724C").as_str(), "令牌");
        assert_eq!(decoded(r"\ud83d\ude00!").as_str(), "😀!");
        // Lone or reversed surrogates, a bad escape, a cut escape: U+FFFD, the rest kept.
        assert_eq!(decoded(r"\ud83dx").as_str(), "\u{fffd}x");
        assert_eq!(decoded(r"\ude00\ud83d").as_str(), "\u{fffd}\u{fffd}");
        assert_eq!(decoded(r"\q").as_str(), "\u{fffd}q");
        assert_eq!(decoded(r"\u12").as_str(), "\u{fffd}12");
        assert_eq!(decoded("a\\").as_str(), "a\u{fffd}");
    }

    #[test]
    fn cut_on_a_char_boundary_at_capacity() {
        let mut text: Text<4> = Text::new();
        decode_into(r"ab\u4ee4", &mut text);
        assert_eq!((text.as_str(), text.is_truncated()), ("ab", true));
    }

    #[test]
    fn pieces_come_in_order_and_stop_when_asked() {
        let mut pieces = std::vec::Vec::new();
        decode_with(r"ab\ncd", |p| {
            pieces.push(std::string::String::from(p));
            pieces.len() < 2
        });
        assert_eq!(pieces, ["ab", "\n"]);
    }
}
