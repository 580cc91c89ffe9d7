//! Z.AI's own layout of an error body, recognized at once (64-bit targets).
//!
//! Z.AI's gateway writes its errors byte for byte as `{"error":{"code":"1113","message":"…"}}`, so
//! most bodies begin with the same 30 bytes or so. Recognizing them in one comparison replaces the
//! walk over the first three keys; any other body (spaces, another order, another shape) is walked
//! key by key. Either way the same fields are found: the walk goes on right after the prefix.

use super::cursor::{Cursor, RawStr};

/// The bytes before the code's digits.
const OPEN: &[u8] = br#"{"error":{"code":""#;
/// The bytes between the code's digits and the message's value.
const THEN: &[u8] = br#"","message":"#;

/// Steps over `{"error":{"code":"<digits>","message":` (and any whitespace after it): the code's
/// raw digits, the cursor then on the message's value. `None`, the cursor unmoved, for any other
/// start.
#[inline(always)]
pub(crate) fn error_code<'a>(cursor: &mut Cursor<'a>) -> Option<RawStr<'a>> {
    let after_open = cursor.rest().strip_prefix(OPEN)?;
    let digits = crate::bytes::leading_digits(after_open);
    let (code, after_code) = after_open.split_at_checked(digits)?;
    if !after_code.starts_with(THEN) {
        return None;
    }
    cursor.advance(OPEN.len() + digits + THEN.len());
    cursor.skip_ws();
    Some(RawStr::new(code))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code_then_rest(body: &str) -> Option<(&str, &str)> {
        let mut cursor = Cursor::new(body.as_bytes());
        let code = error_code(&mut cursor)?;
        let rest = core::str::from_utf8(cursor.rest()).ok()?;
        Some((core::str::from_utf8(code.0).ok()?, rest))
    }

    #[test]
    fn the_gateway_layout_is_read_at_once() {
        assert_eq!(
            code_then_rest(r#"{"error":{"code":"1113","message":"x"}}"#),
            Some(("1113", r#""x"}}"#))
        );
        assert_eq!(
            code_then_rest(r#"{"error":{"code":"","message": null}}"#),
            Some(("", "null}}"))
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
            "",
        ] {
            let mut cursor = Cursor::new(body.as_bytes());
            assert!(error_code(&mut cursor).is_none(), "{body}");
            assert_eq!(cursor.position(), 0, "{body}");
        }
    }
}
