//! One pass over an error body that finds the fields of every accepted shape.

use super::cursor::{Cursor, Malformed, Scalar, is_json_bare};
use super::raw_str::RawStr;
use crate::bytes::{packed_names, position_in};
use crate::code::{business_code, string_code};

/// How an error body was laid out.
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub enum Shape {
    /// `{"error":{"code":..,"message":..}}`, extra top-level fields allowed anywhere.
    Nested,
    /// The Anthropic-compatible `{"type":"error","error":{"type":..,"code":..,"message":..}}`.
    Anthropic,
    /// A flat envelope: `{"code":..,"msg":..}` or `{"code":..,"message":..}`.
    Flat,
    /// `{"error":"plain text"}`.
    PlainText,
    /// JSON, but none of the above.
    OtherJson,
    /// JSON cut short: the input ended inside it (a client's buffer, a dropped connection). The
    /// fields read complete before the cut are kept.
    Cut,
    /// JSON broken after some point: a byte JSON does not allow there, invalid UTF-8, trailing
    /// bytes after the value, or nesting deeper than
    /// [`ApiError::NESTING_LIMIT`](crate::ApiError::NESTING_LIMIT) levels. The fields read complete
    /// before the break are kept.
    Broken,
    /// Not JSON: HTML from a proxy, plain text, or anything that does not start as JSON.
    NotJson,
    /// An empty or all-whitespace body.
    Empty,
}

impl Shape {
    /// The stable snake_case name used in JSON output.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Nested => "nested",
            Self::Anthropic => "anthropic",
            Self::Flat => "flat",
            Self::PlainText => "plain_text",
            Self::OtherJson => "other_json",
            Self::Cut => "cut",
            Self::Broken => "broken",
            Self::NotJson => "not_json",
            Self::Empty => "empty",
        }
    }
}

/// The raw fields found in a body (first occurrence wins), before any decoding.
#[derive(Default)]
pub(crate) struct Fields<'a> {
    pub(crate) error_code: Option<Scalar<'a>>,
    pub(crate) error_type: Option<RawStr<'a>>,
    pub(crate) error_message: Option<RawStr<'a>>,
    pub(crate) error_request_id: Option<RawStr<'a>>,
    pub(crate) error_text: Option<RawStr<'a>>,
    pub(crate) top_code: Option<Scalar<'a>>,
    pub(crate) top_message: Option<RawStr<'a>>,
    pub(crate) request_id: Option<RawStr<'a>>,
    /// The part read of a message string the input ended in.
    pub(crate) partial_message: Option<RawStr<'a>>,
    pub(crate) error_object: bool,
    pub(crate) type_error: bool,
    /// The body was a complete, well-formed JSON document.
    pub(crate) well_formed: bool,
    /// The body started as JSON but the input ended inside it.
    pub(crate) cut: bool,
    pub(crate) is_object: bool,
    pub(crate) is_json: bool,
    pub(crate) is_empty: bool,
}

fn set_once<T>(slot: &mut Option<T>, value: T) {
    if slot.is_none() {
        *slot = Some(value);
    }
}

fn string_of(scalar: Option<Scalar<'_>>) -> Option<RawStr<'_>> {
    match scalar {
        Some(Scalar::Str(s)) => Some(s),
        _ => None,
    }
}

impl<'a> Fields<'a> {
    /// Scans a body. Never fails: a body that is not complete, valid JSON (cut, broken, invalid
    /// UTF-8 after some point) keeps the fields read complete before the break (DESIGN §2.3).
    pub(crate) fn scan(body: &'a [u8]) -> Self {
        let mut fields = Fields::default();
        fields.read(body);
        fields
    }

    /// Fills these (default) fields from `body`, in place: the lean path (code only) copies
    /// nothing, which keeps `memcpy` out of a firmware that only classifies.
    pub(crate) fn read(&mut self, body: &'a [u8]) {
        let mut cursor = Cursor::new(body);
        cursor.skip_bom();
        cursor.skip_ws();
        match cursor.peek() {
            None => self.is_empty = true,
            Some(b'{') => {
                self.is_object = true;
                let complete = self.object(&mut cursor).is_ok();
                // Invalid UTF-8 is a break, not a cut, though the cursor stopped there.
                let ended_inside = !complete && cursor.at_end() && !cursor.met_invalid_utf8();
                cursor.skip_ws();
                self.well_formed = complete && cursor.at_end();
                self.cut = ended_inside;
                self.is_json = self.well_formed;
            }
            Some(b'"' | b'[') => {
                let complete = cursor.skip_value().is_ok();
                cursor.skip_ws();
                self.is_json = complete && cursor.at_end() && !cursor.met_invalid_utf8();
                self.well_formed = self.is_json;
            }
            Some(_) => {
                // A bare number or literal is JSON only as the whole (trimmed) body.
                // (The cursor is past a leading byte order mark and whitespace; only whitespace
                // may follow.)
                let rest = body.get(cursor.position()..).unwrap_or_default();
                let end = rest
                    .iter()
                    .rposition(|b| !matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
                    .map_or(0, |last| last + 1);
                self.is_json = is_json_bare(rest.get(..end).unwrap_or_default());
                self.well_formed = self.is_json;
            }
        }
    }

    /// Reads the top-level object: on 64-bit targets Z.AI's own layout at once when the body starts
    /// with it ([`compact`](super::compact)), then the rest walked key by key.
    fn object(&mut self, cursor: &mut Cursor<'a>) -> Result<(), Malformed> {
        #[cfg(target_pointer_width = "64")]
        if let Some(start) = super::compact::error_start(cursor) {
            if !start.nested {
                // The flat layout: the top-level code, then (once its value is read) message.
                self.top_code = Some(start.code);
                self.top_message = string_of(self.message_value(cursor)?);
                return self.more_members(cursor, false, false);
            }
            // What the walk finds in the others: an error object (under `"type":"error"` in the
            // Anthropic-compatible one), its type there, its code and (after the value is read) its
            // message.
            self.error_object = true;
            self.type_error = start.error_type.is_some();
            self.error_type = start.error_type;
            self.error_code = Some(start.code);
            if let Some(message) = string_of(self.message_value(cursor)?) {
                self.error_message = Some(message);
            }
            // The usual end closes both objects at once.
            if cursor.rest().starts_with(b"}}") {
                cursor.advance(2);
                return Ok(());
            }
            self.more_members(cursor, true, false)?;
            return self.more_members(cursor, false, false);
        }
        self.members(cursor, false)
    }

    /// Reads the members of the top-level object (`in_error` false) or of an `error` object in it
    /// (`in_error` true; the only recursion, one level deep). One walk for both keeps firmware small.
    fn members(&mut self, cursor: &mut Cursor<'a>, in_error: bool) -> Result<(), Malformed> {
        let first = cursor.open_object()?;
        self.more_members(cursor, in_error, first)
    }

    /// The walk of [`Fields::members`], from the cursor on (`first`: no member read yet).
    fn more_members(
        &mut self,
        cursor: &mut Cursor<'a>,
        in_error: bool,
        mut first: bool,
    ) -> Result<(), Malformed> {
        while let Some(key) = cursor.next_key(&mut first)? {
            if !in_error && key.bytes() == b"error" && cursor.peek() == Some(b'{') {
                self.error_object = true;
                self.members(cursor, true)?;
                continue;
            }
            // The key's index in one table (not a `match` on strings: firmware stays small).
            const KEYS: &[u8] = packed_names!(
                b"error",
                b"message",
                b"msg",
                b"request_id",
                b"type",
                b"code"
            );
            let key = position_in(KEYS, |known| known == key.bytes());
            let value = match key {
                Some(1 | 2) => self.message_value(cursor)?,
                _ => cursor.value()?,
            };
            let text = string_of(value);
            let slot = match (key, in_error) {
                (Some(0), false) => &mut self.error_text,
                (Some(1 | 2), false) => &mut self.top_message,
                (Some(1 | 2), true) => &mut self.error_message,
                (Some(3), false) => &mut self.request_id,
                (Some(3), true) => &mut self.error_request_id,
                (Some(4), true) => &mut self.error_type,
                (Some(4), false) => {
                    self.type_error |= text == Some(RawStr::new(b"error"));
                    continue;
                }
                (Some(5), _) => {
                    let code = if in_error {
                        &mut self.error_code
                    } else {
                        &mut self.top_code
                    };
                    if let Some(value) = value {
                        set_once(code, value);
                    }
                    continue;
                }
                _ => continue,
            };
            if let Some(text) = text {
                set_once(slot, text);
            }
        }
        Ok(())
    }

    /// Whether the body is an error envelope of any shape (an error object or text, or the
    /// Anthropic `"type":"error"`).
    pub(crate) fn is_error_envelope(&self) -> bool {
        self.error_object || self.error_text.is_some() || self.type_error
    }

    /// Reads the value of a message key; when the input ends inside the message string, the part
    /// read is kept (flagged) before the failure goes on.
    #[cfg_attr(target_pointer_width = "64", inline(always))]
    fn message_value(&mut self, cursor: &mut Cursor<'a>) -> Result<Option<Scalar<'a>>, Malformed> {
        let is_string = cursor.peek() == Some(b'"');
        // A message is long: on 64-bit targets its scan starts with blocks.
        #[cfg(target_pointer_width = "64")]
        let value = match is_string {
            true => cursor.long_string().map(|s| Some(Scalar::Str(s))),
            false => cursor.value(),
        };
        #[cfg(not(target_pointer_width = "64"))]
        let value = cursor.value();
        value.inspect_err(|_| {
            if let Some(partial) = cursor.take_partial().filter(|_| is_string) {
                set_once(&mut self.partial_message, partial);
            }
        })
    }

    /// The shape these fields make.
    pub(crate) fn shape(&self) -> Shape {
        if self.is_empty {
            Shape::Empty
        } else if self.cut {
            Shape::Cut
        } else if self.is_object && !self.well_formed {
            Shape::Broken
        } else if self.error_object && self.type_error {
            Shape::Anthropic
        } else if self.error_object {
            Shape::Nested
        } else if self.error_text.is_some() {
            Shape::PlainText
        } else if self.top_code.is_some() || self.top_message.is_some() {
            Shape::Flat
        } else if self.is_json || self.is_object {
            Shape::OtherJson
        } else {
            Shape::NotJson
        }
    }

    /// The business code as sent: with an error object, its `code`, else a numeric `error.type`
    /// (the older Anthropic form); without one (flat envelopes, `{"error":"text","code":..}`), the
    /// top-level `code`.
    #[cfg_attr(target_pointer_width = "64", inline(always))]
    pub(crate) fn code(&self) -> WireCode<'a> {
        if self.error_object {
            return match self.error_code.map(WireCode::of) {
                Some(code) if code != WireCode::Absent => code,
                _ => match self.error_type.map(|t| WireCode::of(Scalar::Str(t))) {
                    Some(WireCode::Number(n)) => WireCode::Number(n),
                    _ => WireCode::Absent,
                },
            };
        }
        self.top_code.map_or(WireCode::Absent, WireCode::of)
    }

    /// The raw message: `error.message`, else `error` as text, else the top-level `message`/`msg`,
    /// else the part read of a message the input ended in.
    pub(crate) fn message(&self) -> Option<RawStr<'a>> {
        self.error_message
            .or(self.error_text)
            .or(self.top_message)
            .or(self.partial_message)
    }

    /// Whether [`Fields::message`] is the part read of a cut message.
    pub(crate) fn message_is_partial(&self) -> bool {
        self.error_message
            .or(self.error_text)
            .or(self.top_message)
            .is_none()
            && self.partial_message.is_some()
    }

    /// The raw request id from the body: top level first, then inside `error`.
    pub(crate) fn request_id(&self) -> Option<RawStr<'a>> {
        self.request_id.or(self.error_request_id)
    }
}

/// A business code as a body sent it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) enum WireCode<'a> {
    /// No code, or one that is no business code (`0`, `-1`, `1e3`, `99999`, `""`).
    #[default]
    Absent,
    /// A number, as a JSON number or a string of digits.
    Number(u16),
    /// A string that is not a number (`"insufficient_quota"`), raw.
    Text(RawStr<'a>),
}

impl<'a> WireCode<'a> {
    /// Reads a code from a JSON number or string: 1–5 ASCII digits (surrounding spaces allowed in a
    /// string, escapes decoded first) make a number; any other non-empty string is text; other
    /// numbers are no code.
    #[cfg_attr(target_pointer_width = "64", inline(always))]
    pub(crate) fn of(scalar: Scalar<'a>) -> Self {
        let number = |value: Option<u64>| match value.and_then(business_code) {
            Some(code) => Self::Number(code),
            None => Self::Absent,
        };
        let raw = match scalar {
            Scalar::Bare(bare) => return number(parse_digits(bare)),
            Scalar::Str(raw) => raw,
        };
        // The usual string codes, plain digits: no decoding (shortcuts where speed counts more than
        // a few bytes of flash). Z.AI's own have four, read as one word.
        #[cfg(target_pointer_width = "64")]
        {
            if let Ok(&four) = <&[u8; 4]>::try_from(raw.bytes())
                && four.iter().all(u8::is_ascii_digit)
            {
                let [a, b, c, d] = four.map(|digit| u64::from(digit - b'0'));
                return number(Some(a * 1000 + b * 100 + c * 10 + d));
            }
            if raw.bytes().iter().all(u8::is_ascii_digit) && !raw.bytes().is_empty() {
                return number(parse_digits(raw.bytes()));
            }
        }
        // One pass over the decoded string: spaces, then digits, then spaces, or anything else.
        let (mut digits, mut value, mut after, mut other) = (0usize, 0u64, false, false);
        let ascii = decode_ascii(raw.bytes(), &mut |byte| {
            if byte.is_ascii_whitespace() {
                after |= digits > 0;
            } else if byte.is_ascii_digit() && !after {
                digits += 1;
                value = value
                    .saturating_mul(10)
                    .saturating_add(u64::from(byte - b'0'));
            } else {
                other = true;
            }
            true
        });
        match (ascii, other, digits) {
            // Not short ASCII, or not digits: a text code.
            (false, _, _) | (true, true, _) => Self::Text(raw),
            // Empty or only spaces.
            (true, false, 0) => Self::Absent,
            (true, false, 1..=5) => number(Some(value)),
            (true, false, _) => Self::Absent,
        }
    }

    /// The number that was sent, if any.
    pub(crate) fn number(self) -> Option<u16> {
        match self {
            Self::Number(code) => Some(code),
            _ => None,
        }
    }

    /// The business code this stands for: the number, or the code a string code stands for
    /// (DESIGN §2.2: `insufficient_quota` is 1113, …).
    pub(crate) fn stands_for(self) -> Option<u16> {
        match self {
            Self::Number(code) => Some(code),
            Self::Text(raw) => string_code(|name| {
                let mut at = 0;
                let same = decode_ascii(raw.bytes(), &mut |byte| {
                    at += 1;
                    name.get(at - 1) == Some(&byte)
                });
                same && at == name.len()
            }),
            Self::Absent => None,
        }
    }
}

/// The longest code string decoded (`context_length_exceeded` is 23 bytes).
const CODE_BUFFER: usize = 24;

/// Decodes the raw JSON string of a code byte by byte into `each`, when it is short ASCII:
/// `\\uXXXX` escapes of ASCII characters and the simple escapes are decoded. `false` for anything
/// else (a non-ASCII char, an escape of one, more than [`CODE_BUFFER`] bytes) or when `each` says
/// stop. A small decoder of its own, with no buffer and one copy of its code (`dyn`), keeps the
/// lean path (code only) small.
fn decode_ascii(raw: &[u8], each: &mut dyn FnMut(u8) -> bool) -> bool {
    let mut bytes = raw.iter().copied();
    let mut len = 0;
    while let Some(byte) = bytes.next() {
        let decoded = match byte {
            b'\\' => match bytes.next() {
                Some(b'u') => {
                    let value = (0..4).try_fold(0u32, |acc, _| {
                        Some(acc * 16 + char::from(bytes.next()?).to_digit(16)?)
                    });
                    match value.and_then(|v| u8::try_from(v).ok()) {
                        Some(byte) if byte.is_ascii() => byte,
                        _ => return false,
                    }
                }
                Some(b'"') => b'"',
                Some(b'\\') => b'\\',
                Some(b'/') => b'/',
                Some(b't') => b'\t',
                Some(b'n') => b'\n',
                Some(b'r') => b'\r',
                _ => return false,
            },
            byte if byte.is_ascii() => byte,
            _ => return false,
        };
        len += 1;
        if len > CODE_BUFFER || !each(decoded) {
            return false;
        }
    }
    true
}

/// 1–5 ASCII digits as a number (no sign, no point, no exponent).
fn parse_digits(digits: &[u8]) -> Option<u64> {
    if digits.is_empty() || digits.len() > 5 {
        return None;
    }
    digits.iter().try_fold(0u64, |acc, &d| {
        d.is_ascii_digit().then(|| acc * 10 + u64::from(d - b'0'))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn of_str(raw: &str) -> WireCode<'_> {
        WireCode::of(Scalar::Str(RawStr::new(raw.as_bytes())))
    }

    #[test]
    fn codes_from_numbers_and_strings() {
        assert_eq!(WireCode::of(Scalar::Bare(b"1302")), WireCode::Number(1302));
        assert_eq!(of_str(" 1302 "), WireCode::Number(1302));
        assert_eq!(
            of_str("\\u0031\\u0033\\u0030\\u0032"),
            WireCode::Number(1302)
        );
        assert_eq!(
            WireCode::of(Scalar::Bare(b"65535")),
            WireCode::Number(65535)
        );
        for no_code in [
            "0", "-1", "1e3", "1302.0", "65536", "123456", "true", "null",
        ] {
            assert_eq!(
                WireCode::of(Scalar::Bare(no_code.as_bytes())),
                WireCode::Absent,
                "{no_code}"
            );
        }
        assert_eq!(of_str("0"), WireCode::Absent);
        assert_eq!(of_str("99999"), WireCode::Absent);
        assert_eq!(of_str("  "), WireCode::Absent);
        assert_eq!(
            of_str("insufficient_quota"),
            WireCode::Text(RawStr::new(b"insufficient_quota"))
        );
        assert_eq!(of_str("-1"), WireCode::Text(RawStr::new(b"-1")));
    }

    #[test]
    fn string_codes_stand_for_business_codes() {
        assert_eq!(of_str("insufficient_quota").stands_for(), Some(1113));
        assert_eq!(of_str("overloaded").stands_for(), Some(1305));
        assert_eq!(of_str("brand_new").stands_for(), None);
        assert_eq!(of_str("brand_new").number(), None);
        assert_eq!(of_str("1113").number(), Some(1113));
    }
}
