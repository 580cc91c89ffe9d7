//! One pass over an error body that finds the fields of every accepted shape.

use super::cursor::{Cursor, Malformed, RawStr, Scalar};

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
    /// Not JSON: HTML from a proxy, plain text, invalid bytes, or JSON cut short, broken or nested
    /// deeper than [`MAX_NESTING`](crate::MAX_NESTING) levels.
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
    /// The first non-null `choices[].finish_reason` (a chat completion chunk).
    pub(crate) finish_reason: Option<RawStr<'a>>,
    pub(crate) error_object: bool,
    pub(crate) type_error: bool,
    /// The body was a complete, well-formed JSON document (`scan` keeps the fields read before a
    /// break; `scan_bytes` drops them).
    pub(crate) well_formed: bool,
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
    /// UTF-8) yields no fields: it has no business code and the status decides (DESIGN §2.3); its
    /// shape is then `NotJson` (or `Empty`).
    pub(crate) fn scan_bytes(body: &'a [u8]) -> Self {
        let scanned = match core::str::from_utf8(body) {
            Ok(text) => Self::scan(text),
            Err(_) => Self::default(),
        };
        if scanned.well_formed {
            scanned
        } else {
            Self {
                is_empty: scanned.is_empty,
                ..Self::default()
            }
        }
    }

    /// Scans the start of a body that was cut (e.g. an over-long SSE event), up to its last whole
    /// UTF-8 char: the fields read before the cut; never used to classify by code.
    pub(crate) fn scan_prefix(body: &'a [u8]) -> Self {
        let text = match core::str::from_utf8(body) {
            Ok(text) => text,
            Err(error) => body
                .get(..error.valid_up_to())
                .and_then(|valid| core::str::from_utf8(valid).ok())
                .unwrap_or_default(),
        };
        Self::scan(text)
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
                fields.is_json = true;
                let complete = fields.top_level(&mut cursor).is_ok();
                cursor.skip_ws();
                fields.well_formed = complete && cursor.at_end();
            }
            Some(_) => {
                let complete = cursor.skip_value().is_ok();
                cursor.skip_ws();
                fields.is_json = complete && cursor.at_end();
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
                    if let Some(text) = string_of(cursor.value()?) {
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
                "choices" if cursor.peek() == Some(b'[') => {
                    return cursor.array(|cursor| match cursor.peek() {
                        Some(b'{') => cursor.object(|cursor, key| {
                            let value = string_of(cursor.value()?);
                            if let ("finish_reason", Some(reason)) = (key.0, value) {
                                set_once(&mut self.finish_reason, reason);
                            }
                            Ok(())
                        }),
                        _ => cursor.skip_value(),
                    });
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

    fn error_object(&mut self, cursor: &mut Cursor<'a>) -> Result<(), Malformed> {
        cursor.object(|cursor, key| {
            let value = cursor.value()?;
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

    /// The business code: with an error object, its `code`, else a numeric `error.type` (the older
    /// Anthropic form); without one (flat envelopes, `{"error":"text","code":..}`), the top-level `code`.
    pub(crate) fn code(&self) -> Option<u16> {
        if self.error_object {
            return self
                .error_code
                .and_then(parse_code)
                .or_else(|| self.error_type.and_then(|t| parse_code(Scalar::Str(t))));
        }
        self.top_code.and_then(parse_code)
    }

    /// The raw message: `error.message`, else `error` as text, else the top-level `message`/`msg`.
    pub(crate) fn message(&self) -> Option<RawStr<'a>> {
        self.error_message.or(self.error_text).or(self.top_message)
    }

    /// The raw request id from the body: top level first, then inside `error`.
    pub(crate) fn request_id(&self) -> Option<RawStr<'a>> {
        self.request_id.or(self.error_request_id)
    }
}

/// A business code from a JSON number or string: 1–5 ASCII digits (surrounding spaces allowed in a
/// string, escapes decoded first), at most 65535. Anything else (`-1`, `1e3`, `1302.0`, words) is no
/// code.
pub(crate) fn parse_code(scalar: Scalar<'_>) -> Option<u16> {
    match scalar {
        Scalar::Str(s) if s.0.contains('\\') => {
            let mut text: crate::Text<16> = crate::Text::new();
            super::unescape::decode_into(s.0, &mut text);
            (!text.is_truncated()).then(|| digits(text.trim_ascii().as_bytes()))?
        }
        Scalar::Str(s) => digits(s.0.trim_ascii().as_bytes()),
        Scalar::Bare(b) => digits(b.as_bytes()),
    }
}

/// 1–5 ASCII digits, at most 65535.
fn digits(digits: &[u8]) -> Option<u16> {
    if digits.is_empty() || digits.len() > 5 || !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let value = digits
        .iter()
        .fold(0u32, |acc, &d| acc * 10 + u32::from(d - b'0'));
    u16::try_from(value).ok()
}
