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
}
