//! The chat request's JSON body, written without a heap, and the content of streamed chunks.

use embedded_io::Write;

/// A chat-completion request: one user message, streamed.
#[derive(Clone, Copy, Debug)]
pub struct ChatRequest<'a> {
    /// The endpoint, e.g. `https://api.z.ai/api/paas/v4/chat/completions`.
    pub url: &'a str,
    /// The API key (sent as `Authorization: Bearer <key>`).
    pub api_key: &'a str,
    /// The model, e.g. `glm-4.6`.
    pub model: &'a str,
    /// The user's message (any text: it is escaped).
    pub prompt: &'a str,
}

const HEAD: &str = r#"{"model":""#;
const MIDDLE: &str = r#"","stream":true,"messages":[{"role":"user","content":""#;
const TAIL: &str = r#""}]}"#;

impl ChatRequest<'_> {
    /// The body's length in bytes (for `Content-Length`).
    pub fn body_len(&self) -> usize {
        HEAD.len() + escaped_len(self.model) + MIDDLE.len() + escaped_len(self.prompt) + TAIL.len()
    }

    /// Writes the body: `{"model":…,"stream":true,"messages":[{"role":"user","content":…}]}`.
    pub fn write_body<W: Write>(&self, out: &mut W) -> Result<(), W::Error> {
        out.write_all(HEAD.as_bytes())?;
        write_escaped(out, self.model)?;
        out.write_all(MIDDLE.as_bytes())?;
        write_escaped(out, self.prompt)?;
        out.write_all(TAIL.as_bytes())
    }
}

/// How `c` is written inside a JSON string, if it needs escaping.
fn escape(c: u8) -> Option<[u8; 6]> {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    match c {
        b'"' | b'\\' => Some([b'\\', c, 0, 0, 0, 0]),
        0..0x20 => Some([
            b'\\',
            b'u',
            b'0',
            b'0',
            HEX[usize::from(c >> 4)],
            HEX[usize::from(c & 15)],
        ]),
        _ => None,
    }
}

fn escaped_width(c: u8) -> usize {
    match escape(c) {
        Some([_, b'u', ..]) => 6,
        Some(_) => 2,
        None => 1,
    }
}

fn escaped_len(text: &str) -> usize {
    text.bytes().map(escaped_width).sum()
}

fn write_escaped<W: Write>(out: &mut W, text: &str) -> Result<(), W::Error> {
    let mut plain = 0;
    for (at, c) in text.bytes().enumerate() {
        if let Some(escaped) = escape(c) {
            out.write_all(text.as_bytes().get(plain..at).unwrap_or_default())?;
            out.write_all(escaped.get(..escaped_width(c)).unwrap_or_default())?;
            plain = at + 1;
        }
    }
    out.write_all(text.as_bytes().get(plain..).unwrap_or_default())
}

/// The `choices[0].delta.content` string of a streamed chunk, decoded piece by piece.
///
/// A stopgap until the core's scanner reports content deltas itself: it finds the first
/// `"content":"` after `"delta"` and decodes the JSON string's escapes.
pub(crate) struct Content<'a> {
    rest: &'a [u8],
}

impl<'a> Content<'a> {
    pub(crate) fn of_chunk(data: &'a [u8]) -> Self {
        let after = |hay: &'a [u8], needle: &[u8]| {
            hay.windows(needle.len())
                .position(|w| w == needle)
                .and_then(|at| hay.get(at + needle.len()..))
        };
        let rest = after(data, b"\"delta\"")
            .and_then(|delta| after(delta, b"\"content\":\""))
            .unwrap_or_default();
        Self { rest }
    }

    /// Decodes the next piece of the string into `out` (whole characters); `None` at its end.
    pub(crate) fn decode_into(&mut self, out: &mut [u8]) -> Option<usize> {
        let mut n = 0;
        while let Some((&b, tail)) = self.rest.split_first() {
            let (c, used) = match b {
                b'"' => {
                    self.rest = &[];
                    break;
                }
                b'\\' => match tail.split_first() {
                    Some((b'n', _)) => ('\n', 2),
                    Some((b't', _)) => ('\t', 2),
                    Some((b'r', _)) => ('\r', 2),
                    Some((b'b', _)) => ('\u{8}', 2),
                    Some((b'f', _)) => ('\u{c}', 2),
                    Some((b'u', hex)) => unicode(hex).unwrap_or(('\u{fffd}', 2)),
                    Some((&other, _)) => (char::from(other), 2),
                    None => break,
                },
                _ => {
                    // Plain UTF-8: copy one whole character (its width from the lead byte).
                    let width = match b {
                        0xC0..0xE0 => 2,
                        0xE0..0xF0 => 3,
                        0xF0.. => 4,
                        _ => 1,
                    };
                    let (Some(target), Some(source)) =
                        (out.get_mut(n..n + width), self.rest.get(..width))
                    else {
                        break;
                    };
                    target.copy_from_slice(source);
                    n += width;
                    self.rest = self.rest.get(width..).unwrap_or_default();
                    continue;
                }
            };
            let mut utf8 = [0u8; 4];
            let encoded = c.encode_utf8(&mut utf8).as_bytes();
            let Some(target) = out.get_mut(n..n + encoded.len()) else {
                break;
            };
            target.copy_from_slice(encoded);
            n += encoded.len();
            self.rest = self.rest.get(used..).unwrap_or_default();
        }
        (n > 0).then_some(n)
    }
}

/// Decodes `XXXX` (and a following `\uXXXX` low surrogate) after `\u`; returns the char and the
/// input bytes used, counted from the backslash.
fn unicode(hex: &[u8]) -> Option<(char, usize)> {
    let unit = |h: &[u8]| -> Option<u32> {
        let text = core::str::from_utf8(h.get(..4)?).ok()?;
        u32::from_str_radix(text, 16).ok()
    };
    let high = unit(hex)?;
    if (0xD800..0xDC00).contains(&high) {
        let low = hex
            .get(4..6)
            .filter(|p| *p == b"\\u")
            .and_then(|_| unit(hex.get(6..)?))?;
        let c = char::from_u32(0x10000 + ((high - 0xD800) << 10) + (low.checked_sub(0xDC00)?))?;
        return Some((c, 12));
    }
    Some((char::from_u32(high).unwrap_or('\u{fffd}'), 6))
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Sink(Vec<u8>);

    impl embedded_io::ErrorType for Sink {
        type Error = core::convert::Infallible;
    }

    impl Write for Sink {
        fn write(&mut self, buf: &[u8]) -> Result<usize, Self::Error> {
            self.0.extend_from_slice(buf);
            Ok(buf.len())
        }

        fn flush(&mut self) -> Result<(), Self::Error> {
            Ok(())
        }
    }

    #[test]
    fn the_body_is_escaped_json_of_the_announced_length() {
        let request = ChatRequest {
            url: "u",
            api_key: "k",
            model: "glm-4.6",
            prompt: "say \"hi\"\\\n\u{1}中",
        };
        let mut sink = Sink(Vec::new());
        request.write_body(&mut sink).unwrap();
        let body = String::from_utf8(sink.0).unwrap();
        assert_eq!(
            body,
            r#"{"model":"glm-4.6","stream":true,"messages":[{"role":"user","content":"say \"hi\"\\\u000a\u0001中"}]}"#
        );
        assert_eq!(body.len(), request.body_len());
    }

    fn decoded(data: &[u8], piece: usize) -> String {
        let mut content = Content::of_chunk(data);
        let mut out = Vec::new();
        let mut buf = vec![0u8; piece];
        while let Some(n) = content.decode_into(&mut buf) {
            out.extend_from_slice(&buf[..n]);
        }
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn content_deltas_are_decoded_in_whole_characters() {
        let data = r#"{"choices":[{"delta":{"role":"assistant","content":"a\"b\\c\n\u4e2d\ud83d\ude00中é"}}]}"#.as_bytes();
        for piece in [4, 5, 7, 64] {
            assert_eq!(
                decoded(data, piece),
                "a\"b\\c\n中😀中é",
                "pieces of {piece}"
            );
        }
        assert_eq!(
            decoded(br#"{"choices":[{"delta":{},"finish_reason":"stop"}]}"#, 64),
            ""
        );
        assert_eq!(
            decoded(br#"{"choices":[{"delta":{"content":"cut"#, 64),
            "cut"
        );
    }
}
