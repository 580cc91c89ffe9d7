//! Decoding the raw bytes of a JSON string into a [`Text`], escapes and all.

use crate::Text;

/// Appends `bytes` as text, with each invalid UTF-8 sequence replaced by U+FFFD.
/// Returns `false` once the text is full.
pub(crate) fn push_lossy<const N: usize>(bytes: &[u8], out: &mut Text<N>) -> bool {
    for chunk in bytes.utf8_chunks() {
        if !out.push_str(chunk.valid()) {
            return false;
        }
        if !chunk.invalid().is_empty() && !out.push(char::REPLACEMENT_CHARACTER) {
            return false;
        }
    }
    true
}

/// Appends the decoded JSON string `raw` (without quotes). Invalid escapes, lone surrogates and
/// invalid UTF-8 become U+FFFD. Stops at the capacity, cut on a char boundary.
pub(crate) fn decode_into<const N: usize>(raw: &[u8], out: &mut Text<N>) {
    let mut rest = raw;
    loop {
        let literal_len = rest.iter().position(|&b| b == b'\\').unwrap_or(rest.len());
        let Some((literal, tail)) = rest.split_at_checked(literal_len) else {
            return;
        };
        if !push_lossy(literal, out) {
            return;
        }
        let Some(escape) = tail.get(1) else {
            // The end, or a lone trailing backslash.
            if !tail.is_empty() {
                out.push(char::REPLACEMENT_CHARACTER);
            }
            return;
        };
        let (decoded, used) = match escape {
            b'"' => ('"', 2),
            b'\\' => ('\\', 2),
            b'/' => ('/', 2),
            b'b' => ('\u{8}', 2),
            b'f' => ('\u{c}', 2),
            b'n' => ('\n', 2),
            b'r' => ('\r', 2),
            b't' => ('\t', 2),
            b'u' => unicode_escape(tail),
            _ => (char::REPLACEMENT_CHARACTER, 2),
        };
        if !out.push(decoded) {
            return;
        }
        rest = tail.get(used..).unwrap_or_default();
    }
}

/// Decodes `\uXXXX` (and a following low surrogate) at the start of `tail`: the char and the bytes used.
fn unicode_escape(tail: &[u8]) -> (char, usize) {
    let Some(high) = hex4(tail.get(2..6)) else {
        return (char::REPLACEMENT_CHARACTER, 2);
    };
    if !(0xD800..0xDC00).contains(&high) {
        // A plain scalar value, or a lone low surrogate (not a char: replaced).
        return (
            char::from_u32(high).unwrap_or(char::REPLACEMENT_CHARACTER),
            6,
        );
    }
    let low = match tail.get(6..8) {
        Some(b"\\u") => hex4(tail.get(8..12)),
        _ => None,
    };
    match low {
        Some(low @ 0xDC00..0xE000) => {
            let scalar = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00);
            (
                char::from_u32(scalar).unwrap_or(char::REPLACEMENT_CHARACTER),
                12,
            )
        }
        _ => (char::REPLACEMENT_CHARACTER, 6),
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
