//! One pass over an event's data that finds what each stream dialect puts there.

use crate::body::cursor::{Cursor, Malformed, Scalar};
use crate::body::raw_str::RawStr;

/// The raw fields of one event's data, in any of the three dialects (first occurrence wins).
#[derive(Default)]
pub(crate) struct StreamFields<'a> {
    /// The top-level `type` (Anthropic and Responses name the event there too).
    pub(crate) event_type: Option<RawStr<'a>>,
    /// The first non-empty finish or stop reason: chat `choices[].finish_reason`, Anthropic
    /// `delta.stop_reason` (never `message.stop_reason`, null in `message_start`), Responses
    /// `response.incomplete_details.reason`.
    pub(crate) finish_reason: Option<RawStr<'a>>,
    /// Chat `choices[].delta.content`, Anthropic `delta.text`, or the Responses top-level `delta`.
    pub(crate) text: Option<RawStr<'a>>,
    /// Chat `choices[].delta.reasoning_content`, Anthropic `delta.thinking`.
    pub(crate) reasoning: Option<RawStr<'a>>,
    /// The Responses top-level `delta` string (text or reasoning, by the event's type).
    pub(crate) bare_delta: Option<RawStr<'a>>,
    /// The raw JSON of the Responses `response.error` object.
    pub(crate) response_error: Option<&'a [u8]>,
    /// The data holds a top-level `error` key (any value).
    pub(crate) has_error: bool,
    /// The data was one complete JSON object.
    pub(crate) well_formed: bool,
}

fn set_once<T>(slot: &mut Option<T>, value: Option<T>) {
    if slot.is_none() {
        *slot = value;
    }
}

/// A string value; null, numbers and containers are none.
fn string(value: Option<Scalar<'_>>) -> Option<RawStr<'_>> {
    match value {
        Some(Scalar::Str(s)) => Some(s),
        _ => None,
    }
}

/// A non-empty string value (an empty reason is no reason, like null).
fn reason(value: Option<Scalar<'_>>) -> Option<RawStr<'_>> {
    string(value).filter(|s| !s.bytes().is_empty())
}

impl<'a> StreamFields<'a> {
    /// Scans an event's data. Fields of data that is not one complete JSON object are dropped: a
    /// merged or cut frame invents nothing (only `has_error` is kept, to tell an error from a chunk).
    #[cfg_attr(target_pointer_width = "64", inline(always))]
    pub(crate) fn scan(data: &'a [u8]) -> Self {
        let mut fields = Self::default();
        let mut cursor = Cursor::new(data);
        cursor.skip_bom();
        cursor.skip_ws();
        if cursor.peek() != Some(b'{') {
            return fields;
        }
        let complete = fields.top_level(&mut cursor).is_ok();
        cursor.skip_ws();
        if complete && cursor.at_end() {
            fields.well_formed = true;
        } else {
            fields = Self {
                has_error: fields.has_error,
                ..Self::default()
            };
        }
        fields
    }

    fn top_level(&mut self, cursor: &mut Cursor<'a>) -> Result<(), Malformed> {
        cursor.object(|cursor, key| {
            match (key.bytes(), cursor.peek()) {
                (b"type", _) => set_once(&mut self.event_type, string(cursor.value()?)),
                (b"error", _) => {
                    self.has_error = true;
                    cursor.value()?;
                }
                (b"choices", Some(b'[')) => return cursor.array(|cursor| self.choice(cursor)),
                (b"delta", Some(b'{')) => return self.anthropic_delta(cursor),
                (b"delta", _) => set_once(&mut self.bare_delta, string(cursor.value()?)),
                (b"response", Some(b'{')) => return self.response(cursor),
                _ => {
                    cursor.value()?;
                }
            }
            Ok(())
        })
    }

    /// One of chat's `choices`: `finish_reason` and `delta.content` / `delta.reasoning_content`.
    fn choice(&mut self, cursor: &mut Cursor<'a>) -> Result<(), Malformed> {
        if cursor.peek() != Some(b'{') {
            return cursor.skip_value();
        }
        cursor.object(|cursor, key| match (key.bytes(), cursor.peek()) {
            (b"finish_reason", _) => {
                set_once(&mut self.finish_reason, reason(cursor.value()?));
                Ok(())
            }
            (b"delta", Some(b'{')) => cursor.object(|cursor, key| {
                let value = cursor.value()?;
                match key.bytes() {
                    b"content" => set_once(&mut self.text, string(value)),
                    b"reasoning_content" => set_once(&mut self.reasoning, string(value)),
                    _ => {}
                }
                Ok(())
            }),
            _ => cursor.skip_value(),
        })
    }

    /// Anthropic's top-level `delta`: `text`, `thinking`, `stop_reason`.
    fn anthropic_delta(&mut self, cursor: &mut Cursor<'a>) -> Result<(), Malformed> {
        cursor.object(|cursor, key| {
            let value = cursor.value()?;
            match key.bytes() {
                b"text" => set_once(&mut self.text, string(value)),
                b"thinking" => set_once(&mut self.reasoning, string(value)),
                b"stop_reason" => set_once(&mut self.finish_reason, reason(value)),
                _ => {}
            }
            Ok(())
        })
    }

    /// The Responses API's `response`: its `error` object and `incomplete_details.reason`.
    fn response(&mut self, cursor: &mut Cursor<'a>) -> Result<(), Malformed> {
        cursor.object(|cursor, key| match (key.bytes(), cursor.peek()) {
            (b"error", Some(b'{')) => {
                self.response_error = Some(cursor.raw_value()?);
                Ok(())
            }
            (b"incomplete_details", Some(b'{')) => cursor.object(|cursor, key| {
                let value = cursor.value()?;
                if key.bytes() == b"reason" {
                    set_once(&mut self.finish_reason, reason(value));
                }
                Ok(())
            }),
            _ => cursor.skip_value(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chat_chunks() {
        let f = StreamFields::scan(
            br#"{"choices":[{"finish_reason":"","delta":{"content":"a"}},{"finish_reason":"length","delta":{"reasoning_content":"r"}}]}"#,
        );
        // An empty first reason does not hide a later one.
        assert_eq!(f.finish_reason, Some(RawStr::new(b"length")));
        assert_eq!(
            (f.text, f.reasoning),
            (Some(RawStr::new(b"a")), Some(RawStr::new(b"r")))
        );
        assert!(f.well_formed && !f.has_error);
    }

    #[test]
    fn anthropic_and_responses() {
        let f = StreamFields::scan(
            br#"{"type":"message_start","message":{"stop_reason":null,"content":[]}}"#,
        );
        assert_eq!(
            (f.event_type, f.finish_reason),
            (Some(RawStr::new(b"message_start")), None)
        );
        let f = StreamFields::scan(
            br#"{"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null}}"#,
        );
        assert_eq!(f.finish_reason, Some(RawStr::new(b"end_turn")));
        let f = StreamFields::scan(
            br#"{"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","thinking":"hm"}}"#,
        );
        assert_eq!(f.reasoning, Some(RawStr::new(b"hm")));
        let f = StreamFields::scan(br#"{"delta":"Hi","type":"response.output_text.delta"}"#);
        assert_eq!(f.bare_delta, Some(RawStr::new(b"Hi")));
        let f = StreamFields::scan(
            br#"{"response":{"error":{"code":"overloaded","message":"x"},"status":"failed"},"type":"response.failed"}"#,
        );
        assert_eq!(
            f.response_error,
            Some(&br#"{"code":"overloaded","message":"x"}"#[..])
        );
        let f = StreamFields::scan(
            br#"{"response":{"incomplete_details":{"reason":"max_output_tokens"}},"type":"response.incomplete"}"#,
        );
        assert_eq!(f.finish_reason, Some(RawStr::new(b"max_output_tokens")));
    }

    #[test]
    fn broken_data_invents_nothing() {
        let f = StreamFields::scan(
            br#"{"choices":[{"delta":{"content":"Hel data: {"choices":[{"finish_reason":"stop"}]}"#,
        );
        assert!(!f.well_formed);
        assert_eq!((f.finish_reason, f.text), (None, None));
        let f = StreamFields::scan(br#"{"error":{"code":"1302","message":"cut"#);
        assert!(f.has_error && !f.well_formed);
    }
}
