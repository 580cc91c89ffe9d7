//! A short, cleaned snippet of a body that is not an error envelope (an HTML page from a proxy,
//! plain text): what a person needs to recognise it.

use crate::Text;
use crate::bytes::find_ignore_ascii_case;

/// At most this many bytes of a body are kept as its snippet.
pub(crate) const CAPACITY: usize = 96;
/// How many body bytes a snippet looks at, at most (a megabyte of whitespace costs nothing more).
const SCAN: usize = 4 * CAPACITY;
/// The `<title>` is looked for in this many bytes at the start only.
const TITLE_SCAN: usize = 4096;

/// The HTML `<title>` when there is one, else the start of the body, with each run of whitespace or
/// control characters turned into one space, at most [`CAPACITY`] bytes (and `M`), flagged when cut.
/// Written straight into `out` (a message slot: no copy of it on the stack); `None` when nothing
/// is left.
pub(crate) fn snippet_into<const M: usize>(body: &[u8], out: &mut Option<Text<M>>) {
    let source = html_title(body.get(..TITLE_SCAN).unwrap_or(body)).unwrap_or(body);
    let scanned = source.get(..SCAN).unwrap_or(source);
    let mut clean: Text<CAPACITY> = Text::new();
    let mut pending_space = false;
    let mut add_word = |clean: &mut Text<CAPACITY>, word: &str, space_before: bool| {
        pending_space |= space_before;
        if word.is_empty() {
            return true;
        }
        let spaced = !pending_space || clean.is_empty() || clean.push(' ');
        pending_space = false;
        spaced && clean.push_str(word)
    };
    'chunks: for chunk in scanned.utf8_chunks() {
        for (index, word) in chunk.valid().split(is_space).enumerate() {
            if !add_word(&mut clean, word, index > 0) {
                break 'chunks;
            }
        }
        if !chunk.invalid().is_empty() && !add_word(&mut clean, "\u{fffd}", false) {
            break;
        }
    }
    clean.trim_end();
    if clean.is_empty() {
        *out = None;
        return;
    }
    let text = out.insert(Text::new());
    text.push_str(clean.as_str());
    if clean.is_truncated() || scanned.len() < source.len() {
        text.mark_truncated();
    }
}

/// Whitespace, control characters and the byte order mark: each run becomes one space.
/// (Spelled out rather than `char::is_whitespace`, whose Unicode table costs flash.)
fn is_space(c: char) -> bool {
    c.is_ascii_whitespace()
        || c.is_control()
        || matches!(
            c,
            '\u{a0}' | '\u{1680}' | '\u{2000}'
                ..='\u{200b}'
                    | '\u{2028}'
                    | '\u{2029}'
                    | '\u{202f}'
                    | '\u{205f}'
                    | '\u{3000}'
                    | '\u{feff}'
        )
}

/// The contents of the first `<title>` element, if any.
fn html_title(body: &[u8]) -> Option<&[u8]> {
    let start = find_ignore_ascii_case(body, b"<title>")?.checked_add(7)?;
    let rest = body.get(start..)?;
    let end = find_ignore_ascii_case(rest, b"</title>")?;
    rest.get(..end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn of(body: &[u8]) -> Option<Text<64>> {
        let mut out = None;
        snippet_into(body, &mut out);
        out
    }

    #[test]
    fn titles_whitespace_and_bounds() {
        assert_eq!(
            of(b"<html><TITLE>502 Bad Gateway</TITLE>")
                .unwrap()
                .as_str(),
            "502 Bad Gateway"
        );
        assert_eq!(of(b"  a \r\n\t b\x00c  ").unwrap().as_str(), "a b c");
        assert_eq!(of(b" \n "), None);
        assert_eq!(of(b"a\xffb").unwrap().as_str(), "a\u{fffd}b");
        let long = [b'x'; 200];
        let cut = of(&long).unwrap();
        assert!(cut.is_truncated() && cut.len() == 64);
        let spaced = [b' '; 1000];
        assert_eq!(of(&spaced), None);
    }
}
