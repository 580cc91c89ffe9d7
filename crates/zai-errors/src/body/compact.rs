//! Z.AI's own layouts of an error body, recognized at once (64-bit targets).
//!
//! Z.AI's gateway writes its errors byte for byte as `{"error":{"code":"1113","message":"…"}}`, its
//! Anthropic-compatible endpoint as
//! `{"type":"error","error":{"type":"api_error","code":"1313","message":"…"}}`, and some endpoints
//! flat, as `{"code":401,"msg":"…"}` or `{"code":"1311","message":"…"}`; so most bodies begin with
//! the same few dozen bytes. Recognizing them in a few comparisons replaces the walk over the
//! first keys; any other body (spaces, another order, another shape) is walked key by key. Either
//! way the same fields are found: the walk goes on right after the prefix.

use super::cursor::{Cursor, Scalar};
use super::raw_str::RawStr;

/// The gateway's layout, up to the code's digits.
const NESTED: &[u8] = br#"{"error":{"code":""#;
/// The Anthropic-compatible layout, up to the error's type.
const ANTHROPIC: &[u8] = br#"{"type":"error","error":{"type":""#;
/// Between the Anthropic error's type and the code's digits.
const TYPE_THEN_CODE: &[u8] = br#"","code":""#;
/// Between the code's digits and the message's value.
const CODE_THEN_MESSAGE: &[u8] = br#"","message":"#;
/// The flat layout, up to the code's value.
const FLAT: &[u8] = br#"{"code":"#;
/// The flat layout's names of the message, after the code's value.
const FLAT_MESSAGE: [&[u8]; 2] = [br#","message":"#, br#","msg":"#];
/// The longest error type read at once, plus one (a multiple of 8).
const TYPE_LIMIT: usize = 32;

/// What the start of a body in one of Z.AI's layouts holds.
pub(crate) struct Start<'a> {
    /// The code: a string of digits, or (flat layout) a plain integer.
    pub(crate) code: Scalar<'a>,
    /// The error's type, in the Anthropic-compatible layout (which also says `"type":"error"`).
    pub(crate) error_type: Option<RawStr<'a>>,
    /// The code and message are in an `error` object (else at the top level: the flat layout).
    pub(crate) nested: bool,
}

/// Steps over the start of a body in one of Z.AI's layouts, up to the message's value (and any
/// whitespace before it): what it held, the cursor then on the message's value. `None`, the cursor
/// unmoved, for any other start.
#[inline(always)]
pub(crate) fn error_start<'a>(cursor: &mut Cursor<'a>) -> Option<Start<'a>> {
    let rest = cursor.rest();
    let (start, message_on) = match rest.strip_prefix(NESTED) {
        Some(code_on) => nested(code_on, None)?,
        None => match rest.strip_prefix(FLAT) {
            Some(code_on) => flat(code_on)?,
            None => {
                let type_on = rest.strip_prefix(ANTHROPIC)?;
                // A plain ASCII type (no escape), as the endpoint writes them.
                let len = crate::bytes::short_string(type_on, TYPE_LIMIT)?;
                let (error_type, type_then) = type_on.split_at_checked(len)?;
                let code_on = type_then.strip_prefix(TYPE_THEN_CODE)?;
                nested(code_on, Some(RawStr::new(error_type)))?
            }
        },
    };
    cursor.advance(rest.len() - message_on.len());
    cursor.skip_ws();
    Some(start)
}

/// The code's digits in an error object, up to the message's value: the start and what follows it.
#[inline(always)]
fn nested<'a>(code_on: &'a [u8], error_type: Option<RawStr<'a>>) -> Option<(Start<'a>, &'a [u8])> {
    let digits = crate::bytes::leading_digits(code_on);
    let (code, code_then) = code_on.split_at_checked(digits)?;
    let message_on = code_then.strip_prefix(CODE_THEN_MESSAGE)?;
    let start = Start {
        code: Scalar::Str(RawStr::new(code)),
        error_type,
        nested: true,
    };
    Some((start, message_on))
}

/// The flat layout's code (a string of digits or a plain integer), up to the message's value.
#[inline(always)]
fn flat(code_on: &[u8]) -> Option<(Start<'_>, &[u8])> {
    let (code, code_then) = match code_on.strip_prefix(b"\"") {
        Some(digits_on) => {
            let digits = crate::bytes::leading_digits(digits_on);
            let (digits, then) = digits_on.split_at_checked(digits)?;
            (Scalar::Str(RawStr::new(digits)), then.strip_prefix(b"\"")?)
        }
        None => {
            let digits = crate::bytes::leading_digits(code_on);
            let (digits, then) = code_on.split_at_checked(digits)?;
            // JSON's integers: no leading zero, no empty number.
            if digits.is_empty() || (digits.len() > 1 && digits.first() == Some(&b'0')) {
                return None;
            }
            (Scalar::Bare(digits), then)
        }
    };
    let message_on = FLAT_MESSAGE
        .iter()
        .find_map(|name| code_then.strip_prefix(*name))?;
    let start = Start {
        code,
        error_type: None,
        nested: false,
    };
    Some((start, message_on))
}

#[cfg(test)]
mod tests {
    use super::*;

    const FLAT_TEXT: &str = r#"{"code":"#;

    /// The type, the code and the rest after the start, as text.
    fn start_then_rest(body: &str) -> Option<(Option<&str>, &str, &str)> {
        let mut cursor = Cursor::new(body.as_bytes());
        let start = error_start(&mut cursor)?;
        fn text(raw: RawStr<'_>) -> Option<&str> {
            core::str::from_utf8(raw.bytes()).ok()
        }
        let rest = core::str::from_utf8(cursor.rest()).ok()?;
        let error_type = match start.error_type {
            Some(raw) => Some(text(raw)?),
            None => None,
        };
        let code = match start.code {
            Scalar::Str(raw) => text(raw)?,
            Scalar::Bare(bare) => core::str::from_utf8(bare).ok()?,
        };
        assert_eq!(start.nested, !body.starts_with(FLAT_TEXT));
        Some((error_type, code, rest))
    }

    #[test]
    fn the_gateway_layouts_are_read_at_once() {
        assert_eq!(
            start_then_rest(r#"{"error":{"code":"1113","message":"x"}}"#),
            Some((None, "1113", r#""x"}}"#))
        );
        assert_eq!(
            start_then_rest(r#"{"error":{"code":"","message": null}}"#),
            Some((None, "", "null}}"))
        );
        assert_eq!(
            start_then_rest(
                r#"{"type":"error","error":{"type":"rate_limit_error","code":"1302","message":"x"}}"#
            ),
            Some((Some("rate_limit_error"), "1302", r#""x"}}"#))
        );
        assert_eq!(
            start_then_rest(r#"{"code":401,"msg":"令牌","success":false}"#),
            Some((None, "401", r#""令牌","success":false}"#))
        );
        assert_eq!(
            start_then_rest(r#"{"code":"1311","message":"x"}"#),
            Some((None, "1311", r#""x"}"#))
        );
        assert_eq!(
            start_then_rest(r#"{"code":0,"msg":"success"}"#),
            Some((None, "0", r#""success"}"#))
        );
    }

    #[test]
    fn any_other_start_leaves_the_cursor_unmoved() {
        for body in [
            r#"{ "error": {"code":"1113","message":"x"}}"#,
            r#"{"error":{"code":1113,"message":"x"}}"#,
            r#"{"error":{"code":"11a3","message":"x"}}"#,
            r#"{"error":{"code":"1113","msg":"x"}}"#,
            r#"{"error":{"message":"x","code":"1113"}}"#,
            r#"{"error":{"code":"1113""#,
            r#"{"error":{"code":"1113","message""#,
            r#"{"type":"error","error":{"type":"a\u0062","code":"1302","message":"x"}}"#,
            r#"{"type":"error","error":{"type":"api_error","message":"x"}}"#,
            r#"{"type":"error","error":{"type":"api_error""#,
            r#"{"type":"error","error":{"type":"an_error_type_of_thirty_two_byte","code":"1","message":"x"}}"#,
            r#"{"type":"error","error":{"type":"错误","code":"1302","message":"x"}}"#,
            r#"{"code":0401,"msg":"x"}"#,
            r#"{"code":,"msg":"x"}"#,
            r#"{"code":401,"data":null}"#,
            r#"{"code":-1,"msg":"x"}"#,
            r#"{"code":"4a","msg":"x"}"#,
            r#"{"code":401 ,"msg":"x"}"#,
            "",
        ] {
            let mut cursor = Cursor::new(body.as_bytes());
            assert!(error_start(&mut cursor).is_none(), "{body}");
            assert_eq!(cursor.position(), 0, "{body}");
        }
    }
}
