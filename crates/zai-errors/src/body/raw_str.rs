//! The raw text of a JSON string as the cursor read it: its bytes between the quotes, escapes not
//! yet decoded, checked to be UTF-8.

use super::cursor::Checked;
use super::decode::decode_into;
use crate::Text;

/// A string's raw bytes, checked to be UTF-8. On 64-bit targets it also keeps what the cursor's
/// fast read learned of it for free: that it is plain ASCII without escape, or its text (a string
/// with non-ASCII bytes and no escape, checked), so that decoding it neither searches it for escapes
/// nor checks it again. 24 bytes.
#[cfg(target_pointer_width = "64")]
#[derive(Clone, Copy, Debug)]
pub(crate) enum RawStr<'a> {
    /// Bytes that may hold escapes.
    Bytes(&'a [u8]),
    /// ASCII bytes without escape.
    Plain(&'a [u8]),
    /// Text without escape.
    Text(&'a str),
}

/// See above: microcontrollers keep the bytes only (their small validator makes no text, and a
/// smaller `RawStr` keeps firmware small).
#[cfg(not(target_pointer_width = "64"))]
#[derive(Clone, Copy, Debug)]
pub(crate) struct RawStr<'a>(&'a [u8]);

impl<'a> RawStr<'a> {
    /// Raw bytes (checked to be UTF-8 by whoever cut them from a cursor's string).
    pub(crate) fn new(bytes: &'a [u8]) -> Self {
        #[cfg(target_pointer_width = "64")]
        return Self::Bytes(bytes);
        #[cfg(not(target_pointer_width = "64"))]
        Self(bytes)
    }

    /// A string read whole in one run, without escape: its bytes, the text its UTF-8 check made (on
    /// 64-bit targets) and whether its scan saw only ASCII.
    #[cfg_attr(not(target_pointer_width = "64"), allow(unused_variables))]
    pub(crate) fn without_escape(bytes: &'a [u8], text: Checked<'a>, ascii: bool) -> Self {
        #[cfg(target_pointer_width = "64")]
        return match (text, ascii) {
            (Some(text), _) => Self::Text(text),
            (None, true) => Self::Plain(bytes),
            (None, false) => Self::Bytes(bytes),
        };
        #[cfg(not(target_pointer_width = "64"))]
        Self(bytes)
    }

    /// The raw bytes.
    pub(crate) fn bytes(self) -> &'a [u8] {
        #[cfg(target_pointer_width = "64")]
        return match self {
            Self::Bytes(bytes) | Self::Plain(bytes) => bytes,
            Self::Text(text) => text.as_bytes(),
        };
        #[cfg(not(target_pointer_width = "64"))]
        self.0
    }

    /// Whether the string has no escape: its raw text is its text (known on 64-bit targets only).
    pub(crate) fn is_plain(self) -> bool {
        #[cfg(target_pointer_width = "64")]
        return matches!(self, Self::Plain(_) | Self::Text(_));
        #[cfg(not(target_pointer_width = "64"))]
        false
    }

    /// The raw text. The cursor checked the bytes, so this is never the empty fallback.
    pub(crate) fn text(self) -> &'a str {
        #[cfg(target_pointer_width = "64")]
        if let Self::Text(text) = self {
            return text;
        }
        crate::bytes::utf8(self.bytes()).unwrap_or_default()
    }

    /// The raw text as far as decoding into `capacity` bytes can need it (an escape takes at most
    /// six raw bytes for a byte of output): checked text whole (it is free), other bytes checked
    /// only that far, so a 200 KB message is not checked to keep 256 bytes of it.
    pub(crate) fn text_for(self, capacity: usize) -> &'a str {
        #[cfg(target_pointer_width = "64")]
        if let Self::Text(text) = self {
            return text;
        }
        let bytes = self.bytes();
        let bytes = bytes.get(..raw_len_for(capacity)).unwrap_or(bytes);
        match crate::bytes::utf8(bytes) {
            Ok(text) => text,
            // Cut inside a char by the limit: the chars before it.
            Err((valid, _)) => bytes
                .get(..valid)
                .and_then(|valid| crate::bytes::utf8(valid).ok())
                .unwrap_or_default(),
        }
    }

    /// Appends the decoded string to `out` (up to its capacity): a plain one as it is, without a
    /// search for escapes.
    pub(crate) fn decode_into<const N: usize>(self, out: &mut Text<N>) {
        let text = self.text_for(N);
        if self.is_plain() {
            out.push_str(text);
        } else {
            decode_into(text, out);
        }
    }

    /// The part `part` of this string (a subslice of its bytes, cut at ASCII bytes), keeping what
    /// is known of it.
    pub(crate) fn part(self, part: &'a [u8]) -> Self {
        #[cfg(target_pointer_width = "64")]
        return match self {
            Self::Bytes(_) => Self::Bytes(part),
            Self::Plain(_) => Self::Plain(part),
            Self::Text(text) => {
                let start = (part.as_ptr() as usize).wrapping_sub(text.as_ptr() as usize);
                match text.get(start..start.saturating_add(part.len())) {
                    Some(text) => Self::Text(text),
                    None => Self::Bytes(part),
                }
            }
        };
        #[cfg(not(target_pointer_width = "64"))]
        Self::new(part)
    }
}

/// How many raw bytes of a JSON string decoding into `capacity` bytes can need: six a byte (an
/// escape, `\u002d`), and room for a surrogate pair at the end.
pub(crate) const fn raw_len_for(capacity: usize) -> usize {
    capacity.saturating_mul(6).saturating_add(24)
}

/// Two raw strings are equal when their bytes are.
impl PartialEq for RawStr<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.bytes() == other.bytes()
    }
}

impl Eq for RawStr<'_> {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_strings_are_copied_and_others_decoded() {
        let mut text: Text<16> = Text::new();
        RawStr::new(br"a\nb").decode_into(&mut text);
        assert_eq!(text.as_str(), "a\nb");
        #[cfg(target_pointer_width = "64")]
        {
            let mut plain: Text<16> = Text::new();
            RawStr::Plain(b"a b").decode_into(&mut plain);
            assert_eq!(plain.as_str(), "a b");
            let mut cut: Text<4> = Text::new();
            RawStr::Text("限额").decode_into(&mut cut);
            assert_eq!((cut.as_str(), cut.is_truncated()), ("限", true));
        }
    }

    #[cfg(target_pointer_width = "64")]
    #[test]
    fn parts_keep_what_is_known() {
        let text = "[1313][限额][id]";
        let raw = RawStr::Text(text);
        let inner = raw.part(text.as_bytes().get(7..13).unwrap_or_default());
        assert!(matches!(inner, RawStr::Text("限额")));
        let plain = RawStr::Plain(b"[1][ab]");
        assert!(matches!(plain.part(b"ab"), RawStr::Plain(b"ab")));
        assert!(matches!(RawStr::new(b"a").part(b"a"), RawStr::Bytes(b"a")));
    }
}
