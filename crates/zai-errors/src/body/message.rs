//! A message split from the request id it carries: the Anthropic-compatible `[code][text][id]`
//! form, the `[logID=ID]` prefix of file endpoints, the `(request id: ID)` suffix relays add, and
//! the trailing `[ID]` of the Responses API (DESIGN §2.4).

use super::fields::WireCode;
use super::raw_str::RawStr;
use crate::bytes::rfind;
use crate::{Text, request_id};

/// A raw message and the raw request id it carried, if any.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Message<'a> {
    /// The text people read (raw JSON text, escapes not yet decoded).
    pub(crate) text: RawStr<'a>,
    /// The request id the message carried.
    pub(crate) request_id: Option<RawStr<'a>>,
}

impl<'a> Message<'a> {
    /// Splits `raw`, the message of a body whose code is `code`. A message that carries no id in a
    /// known form is kept whole.
    #[cfg_attr(target_pointer_width = "64", inline(always))]
    pub(crate) fn split(raw: RawStr<'a>, code: WireCode<'_>) -> Self {
        let whole = Self {
            text: raw,
            request_id: None,
        };
        // The usual message carries none: every form starts with `[` or ends with `)` or `]`.
        if !matches!(
            (raw.bytes().first(), raw.bytes().last()),
            (Some(b'['), _) | (_, Some(b')' | b']'))
        ) {
            return whole;
        }
        bracketed(raw, code)
            .or_else(|| log_id_prefix(raw))
            .or_else(|| request_id_suffix(raw))
            .or_else(|| match code {
                WireCode::Text(_) => trailing_bracket_id(raw),
                _ => None,
            })
            .unwrap_or(whole)
    }
}

/// `[1313][text]` or `[1313][text][request id]`, only when the first bracket is the body's code (a
/// message that merely starts with brackets, `[2026][notice] …`, is not this form). A cut message
/// (no closing bracket) keeps its text; an empty third bracket is dropped; a third part that is
/// not an id stays in the text.
fn bracketed<'a>(raw: RawStr<'a>, code: WireCode<'_>) -> Option<Message<'a>> {
    let after_open = raw.bytes().strip_prefix(b"[")?;
    let digits = after_open.iter().take_while(|b| b.is_ascii_digit()).count();
    let rest = after_open.get(digits..)?.strip_prefix(b"][")?;
    let first = after_open.get(..digits)?;
    let is_code = code.number().is_some_and(|code| {
        let mut buffer = [0u8; 5];
        digits_of(code, &mut buffer) == first
    });
    if !is_code {
        return None;
    }
    let (inner, closed) = match rest.strip_suffix(b"]") {
        Some(inner) => (inner, true),
        None => (rest, false),
    };
    let split = rfind(inner, b"][")
        .and_then(|at| Some((inner.get(..at)?, inner.get(at.checked_add(2)?..)?)));
    Some(match split {
        // A third bracket the message ends inside (a cut body) is no id: a cut id is worse than none.
        Some((text, _)) if !closed => Message {
            text: raw.part(text),
            request_id: None,
        },
        Some((text, b"")) => Message {
            text: raw.part(text),
            request_id: None,
        },
        Some((text, id)) if looks_like_id(id) => Message {
            text: raw.part(text),
            request_id: Some(raw.part(id)),
        },
        _ => Message {
            text: raw.part(inner),
            request_id: None,
        },
    })
}

/// `[logID=ID] text` (file endpoints).
fn log_id_prefix(raw: RawStr<'_>) -> Option<Message<'_>> {
    let rest = raw.bytes().strip_prefix(b"[logID=")?;
    let end = rest.iter().position(|&b| b == b']')?;
    let id = rest.get(..end)?;
    let text = trim_start(rest.get(end.checked_add(1)?..)?);
    looks_like_id(id).then_some(Message {
        text: raw.part(text),
        request_id: Some(raw.part(id)),
    })
}

/// `text (request id: ID)` (relays append it).
fn request_id_suffix(raw: RawStr<'_>) -> Option<Message<'_>> {
    const MARK: &[u8] = b"(request id: ";
    let body = raw.bytes().strip_suffix(b")")?;
    let at = rfind(body, MARK)?;
    let id = trim_end(trim_start(body.get(at.checked_add(MARK.len())?..)?));
    let text = trim_end(body.get(..at)?);
    looks_like_id(id).then_some(Message {
        text: raw.part(text),
        request_id: Some(raw.part(id)),
    })
}

/// `text[ID]` (the Responses API's messages): only an id-like bracket of at least 16 bytes with a
/// digit, so `限制数值范围[1,98304]` keeps its bracket.
fn trailing_bracket_id(raw: RawStr<'_>) -> Option<Message<'_>> {
    let body = raw.bytes().strip_suffix(b"]")?;
    let at = body.iter().rposition(|&b| b == b'[')?;
    let id = body.get(at.checked_add(1)?..)?;
    let long_enough = id.len() >= 16 && id.iter().any(u8::is_ascii_digit);
    (long_enough && looks_like_id(id)).then_some(Message {
        text: raw.part(body.get(..at)?),
        request_id: Some(raw.part(id)),
    })
}

/// Whether the raw JSON text `raw` decodes to a request id: letters, digits, `-`, `_`, `.`, at
/// most [`request_id::CAPACITY`] bytes.
fn looks_like_id(raw: &[u8]) -> bool {
    let id_byte = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.');
    // The usual id, plain (no escape: a backslash is no id byte), in one pass with no early exit
    // (which lets the compiler check many bytes at once).
    if raw.iter().fold(true, |all, &b| all & id_byte(b)) {
        return !raw.is_empty() && raw.len() <= request_id::CAPACITY;
    }
    if !raw.contains(&b'\\') {
        return false;
    }
    let id: Text<{ request_id::CAPACITY }> =
        Text::from_json(core::str::from_utf8(raw).unwrap_or_default());
    !id.is_empty() && !id.is_truncated() && id.bytes().all(id_byte)
}

/// `bytes` without its leading spaces (the forms above pad with spaces only).
fn trim_start(bytes: &[u8]) -> &[u8] {
    let start = bytes.iter().position(|&b| b != b' ').unwrap_or(bytes.len());
    bytes.get(start..).unwrap_or_default()
}

/// `bytes` without its trailing spaces.
fn trim_end(bytes: &[u8]) -> &[u8] {
    let end = bytes
        .iter()
        .rposition(|&b| b != b' ')
        .map_or(0, |last| last + 1);
    bytes.get(..end).unwrap_or_default()
}

/// The decimal digits of `n`.
fn digits_of(mut n: u16, buffer: &mut [u8; 5]) -> &[u8] {
    let mut at = buffer.len();
    loop {
        at -= 1; // at most 5 digits for a u16
        if let Some(slot) = buffer.get_mut(at) {
            *slot = b'0' + (n % 10) as u8;
        }
        n /= 10;
        if n == 0 || at == 0 {
            return buffer.get(at..).unwrap_or_default();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split<'a>(raw: &'a str, code: WireCode<'_>) -> (&'a str, Option<&'a str>) {
        let message = Message::split(RawStr::new(raw.as_bytes()), code);
        (message.text.text(), message.request_id.map(RawStr::text))
    }

    const C1313: WireCode<'static> = WireCode::Number(1313);

    #[test]
    fn anthropic_brackets_only_when_the_first_is_the_code() {
        assert_eq!(
            split("[1313][Fair use.][2026abc]", C1313),
            ("Fair use.", Some("2026abc"))
        );
        assert_eq!(split("[1313][Fair use.]", C1313), ("Fair use.", None));
        assert_eq!(split("[1313][Fair use.][]", C1313), ("Fair use.", None));
        assert_eq!(split("[1313][cut mid", C1313), ("cut mid", None));
        // Cut inside the third bracket: the part of the id read is not an id.
        assert_eq!(
            split("[1313][Fair use.][2026062", C1313),
            ("Fair use.", None)
        );
        assert_eq!(
            split("[1313][a][not an id!]", C1313),
            ("a][not an id!", None)
        );
        // Not the body's code, no code, or not digits: kept whole.
        assert_eq!(split("[2026][notice] x", C1313), ("[2026][notice] x", None));
        assert_eq!(
            split("[1313][a][b]", WireCode::Absent),
            ("[1313][a][b]", None)
        );
        assert_eq!(split("[][a]", C1313), ("[][a]", None));
    }

    #[test]
    fn relay_carriers() {
        assert_eq!(
            split("[logID=ab12] File not found", WireCode::Absent),
            ("File not found", Some("ab12"))
        );
        assert_eq!(
            split(
                "Rate limit reached (request id: 2026x-1)",
                WireCode::Number(1302)
            ),
            ("Rate limit reached", Some("2026x-1"))
        );
        assert_eq!(
            split("odd (request id: no way)", WireCode::Absent),
            ("odd (request id: no way)", None)
        );
        let responses = WireCode::Text(RawStr::new(b"overloaded"));
        assert_eq!(
            split("太忙了[20261126093000abcdef12]", responses),
            ("太忙了", Some("20261126093000abcdef12"))
        );
        assert_eq!(split("范围[1,98304]", responses), ("范围[1,98304]", None));
        assert_eq!(split("short[abc1]", responses), ("short[abc1]", None));
    }

    #[test]
    fn digits_of_codes() {
        let mut buffer = [0; 5];
        assert_eq!(digits_of(0, &mut buffer), b"0");
        assert_eq!(digits_of(1313, &mut buffer), b"1313");
        assert_eq!(digits_of(65535, &mut buffer), b"65535");
    }
}
