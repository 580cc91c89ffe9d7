//! One pass over an error body that finds the fields of every accepted shape.

use super::cursor::{Cursor, Malformed, RawStr, Scalar, is_json_bare};
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
    /// Scans a body given as bytes. A body that is not complete, valid JSON (cut, broken, invalid
    /// UTF-8 after some point) keeps the fields read complete before the break (DESIGN §2.3).
    pub(crate) fn scan_bytes(body: &'a [u8]) -> Self {
        let (text, valid_utf8) = match core::str::from_utf8(body) {
            Ok(text) => (text, true),
            Err(error) => (
                body.get(..error.valid_up_to())
                    .and_then(|valid| core::str::from_utf8(valid).ok())
                    .unwrap_or_default(),
                false,
            ),
        };
        let mut fields = Self::scan(text);
        if !valid_utf8 {
            // Invalid UTF-8 is a break, not a cut, wherever the scan stopped.
            fields.well_formed = false;
            fields.cut = false;
            fields.is_empty = false;
        }
        fields
    }

    /// Scans `body`. Never fails: a broken body yields the fields read before the break.
    fn scan(body: &'a str) -> Self {
        let mut fields = Fields::default();
        let mut cursor = Cursor::new(body);
        cursor.skip_bom();
        cursor.skip_ws();
        match cursor.peek() {
            None => fields.is_empty = true,
            Some(b'{') => {
                fields.is_object = true;
                let complete = fields.top_level(&mut cursor).is_ok();
                let ended_inside = !complete && cursor.at_end();
                cursor.skip_ws();
                fields.well_formed = complete && cursor.at_end();
                fields.cut = ended_inside;
                fields.is_json = fields.well_formed;
            }
            Some(b'"' | b'[') => {
                let complete = cursor.skip_value().is_ok();
                cursor.skip_ws();
                fields.is_json = complete && cursor.at_end();
                fields.well_formed = fields.is_json;
            }
            Some(_) => {
                // A bare number or literal is JSON only as the whole (trimmed) body.
                // (The cursor is past a leading byte order mark and whitespace; only whitespace
                // may follow.)
                let rest = cursor.rest_text().trim_end_matches([' ', '\t', '\n', '\r']);
                fields.is_json = is_json_bare(rest.as_bytes());
                fields.well_formed = fields.is_json;
            }
        }
        fields
    }

    fn top_level(&mut self, cursor: &mut Cursor<'a>) -> Result<(), Malformed> {
        cursor.object(|cursor, key| {
            match key.0 {
                "error" => match cursor.peek() {
                    Some(b'{') => {
                        self.error_object = true;
                        return self.error_object(cursor);
                    }
                    _ => {
                        let value = string_of(cursor.value()?);
                        if let Some(text) = value {
                            set_once(&mut self.error_text, text);
                        }
                    }
                },
                "code" => {
                    if let Some(code) = cursor.value()? {
                        set_once(&mut self.top_code, code);
                    }
                }
                "message" | "msg" => {
                    let value = self.message_value(cursor)?;
                    if let Some(text) = string_of(value) {
                        set_once(&mut self.top_message, text);
                    }
                }
                "request_id" => {
                    if let Some(id) = string_of(cursor.value()?) {
                        set_once(&mut self.request_id, id);
                    }
                }
                "type" => {
                    if string_of(cursor.value()?) == Some(RawStr("error")) {
                        self.type_error = true;
                    }
                }
                _ => {
                    cursor.value()?;
                }
            }
            Ok(())
        })
    }

    /// Whether the body is an error envelope of any shape (an error object or text, or the
    /// Anthropic `"type":"error"`).
    pub(crate) fn is_error_envelope(&self) -> bool {
        self.error_object || self.error_text.is_some() || self.type_error
    }

    /// Reads the value of a message key; when the input ends inside the message string, the part
    /// read is kept (flagged) before the failure goes on.
    fn message_value(&mut self, cursor: &mut Cursor<'a>) -> Result<Option<Scalar<'a>>, Malformed> {
        let is_string = cursor.peek() == Some(b'"');
        cursor.value().inspect_err(|_| {
            if let Some(partial) = cursor.take_partial().filter(|_| is_string) {
                set_once(&mut self.partial_message, partial);
            }
        })
    }

    fn error_object(&mut self, cursor: &mut Cursor<'a>) -> Result<(), Malformed> {
        cursor.object(|cursor, key| {
            let value = if matches!(key.0, "message" | "msg") {
                self.message_value(cursor)?
            } else {
                cursor.value()?
            };
            match key.0 {
                "code" => {
                    if let Some(code) = value {
                        set_once(&mut self.error_code, code);
                    }
                }
                "message" | "msg" => {
                    if let Some(text) = string_of(value) {
                        set_once(&mut self.error_message, text);
                    }
                }
                "type" => {
                    if let Some(text) = string_of(value) {
                        set_once(&mut self.error_type, text);
                    }
                }
                "request_id" => {
                    if let Some(id) = string_of(value) {
                        set_once(&mut self.error_request_id, id);
                    }
                }
                _ => {}
            }
            Ok(())
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
    pub(crate) fn of(scalar: Scalar<'a>) -> Self {
        let number = |digits: &[u8]| match parse_digits(digits).and_then(business_code) {
            Some(code) => Self::Number(code),
            None => Self::Absent,
        };
        match scalar {
            Scalar::Bare(bare) => number(bare.as_bytes()),
            Scalar::Str(raw) => {
                let mut buffer = [0u8; CODE_BUFFER];
                let Some(decoded) = ascii_code(raw.0, &mut buffer) else {
                    // Not ASCII, or longer than any code: a text code.
                    return Self::Text(raw);
                };
                let trimmed = decoded.trim_ascii();
                if !trimmed.is_empty() && trimmed.bytes().all(|b| b.is_ascii_digit()) {
                    number(trimmed.as_bytes())
                } else if trimmed.is_empty() {
                    Self::Absent
                } else {
                    Self::Text(raw)
                }
            }
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
            Self::Text(raw) => {
                let mut buffer = [0u8; CODE_BUFFER];
                string_code(ascii_code(raw.0, &mut buffer)?)
            }
            Self::Absent => None,
        }
    }
}

/// The longest code string decoded (`context_length_exceeded` is 23 bytes).
const CODE_BUFFER: usize = 24;

/// The raw JSON string of a code decoded into `buffer`, when it is short ASCII: `\uXXXX` escapes of
/// ASCII characters and the simple escapes are decoded; anything else (a non-ASCII char, an escape
/// of one, more than [`CODE_BUFFER`] bytes) is `None`. A small decoder of its own keeps the lean
/// path (code only) free of the message decoder.
fn ascii_code<'b>(raw: &str, buffer: &'b mut [u8; CODE_BUFFER]) -> Option<&'b str> {
    let mut bytes = raw.bytes();
    let mut len = 0;
    while let Some(byte) = bytes.next() {
        let decoded = match byte {
            b'\\' => match bytes.next()? {
                b'u' => {
                    let value = (0..4).try_fold(0u32, |acc, _| {
                        Some(acc * 16 + char::from(bytes.next()?).to_digit(16)?)
                    })?;
                    u8::try_from(value).ok().filter(u8::is_ascii)?
                }
                b'"' => b'"',
                b'\\' => b'\\',
                b'/' => b'/',
                b't' => b'\t',
                b'n' => b'\n',
                b'r' => b'\r',
                _ => return None,
            },
            byte if byte.is_ascii() => byte,
            _ => return None,
        };
        *buffer.get_mut(len)? = decoded;
        len += 1;
    }
    core::str::from_utf8(buffer.get(..len)?).ok()
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
        WireCode::of(Scalar::Str(RawStr(raw)))
    }

    #[test]
    fn codes_from_numbers_and_strings() {
        assert_eq!(WireCode::of(Scalar::Bare("1302")), WireCode::Number(1302));
        assert_eq!(of_str(" 1302 "), WireCode::Number(1302));
        assert_eq!(
            of_str("\\u0031\\u0033\\u0030\\u0032"),
            WireCode::Number(1302)
        );
        assert_eq!(WireCode::of(Scalar::Bare("65535")), WireCode::Number(65535));
        for no_code in [
            "0", "-1", "1e3", "1302.0", "65536", "123456", "true", "null",
        ] {
            assert_eq!(
                WireCode::of(Scalar::Bare(no_code)),
                WireCode::Absent,
                "{no_code}"
            );
        }
        assert_eq!(of_str("0"), WireCode::Absent);
        assert_eq!(of_str("99999"), WireCode::Absent);
        assert_eq!(of_str("  "), WireCode::Absent);
        assert_eq!(
            of_str("insufficient_quota"),
            WireCode::Text(RawStr("insufficient_quota"))
        );
        assert_eq!(of_str("-1"), WireCode::Text(RawStr("-1")));
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
