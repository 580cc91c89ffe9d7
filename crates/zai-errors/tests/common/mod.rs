//! Generated error bodies in every accepted shape, shared by the property and differential tests.
#![allow(dead_code)]

mod config;
pub mod invariants;
pub use config::config;

use proptest::prelude::*;

/// The layouts the generator produces (DESIGN §2.3).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Form {
    NestedStringCode,
    NestedNumberCode,
    RequestIdFirst,
    ContentFilterFirst,
    FlatMsg,
    FlatMessage,
    Anthropic,
    AnthropicLegacy,
    PlainText,
}

pub const FORMS: [Form; 9] = [
    Form::NestedStringCode,
    Form::NestedNumberCode,
    Form::RequestIdFirst,
    Form::ContentFilterFirst,
    Form::FlatMsg,
    Form::FlatMessage,
    Form::Anthropic,
    Form::AnthropicLegacy,
    Form::PlainText,
];

/// A generated body and what must be read back from it.
#[derive(Clone, Debug)]
pub struct Generated {
    pub form: Form,
    pub body: String,
    pub code: Option<u16>,
    pub message: String,
    pub request_id: Option<String>,
    /// The message as the JSON `error.message` field holds it (with the Anthropic brackets).
    pub raw_message: String,
}

/// JSON string escaping; with `as_unicode`, every non-ASCII char becomes `\uXXXX` (pairs for astral).
pub fn escape(text: &str, as_unicode: bool) -> String {
    let mut out = String::new();
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c if as_unicode && !c.is_ascii() => {
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    out.push_str(&format!("\\u{unit:04X}"));
                }
            }
            c => out.push(c),
        }
    }
    out
}

pub fn build(
    form: Form,
    code: u16,
    message: &str,
    request_id: &str,
    as_unicode: bool,
) -> Generated {
    let m = escape(message, as_unicode);
    let (body, code, rid, raw_message) = match form {
        Form::NestedStringCode => (
            format!(r#"{{"error":{{"code":"{code}","message":"{m}"}}}}"#),
            Some(code),
            None,
            message.to_string(),
        ),
        Form::NestedNumberCode => (
            format!(r#"{{"error":{{"message":"{m}","code":{code}}},"request_id":"{request_id}"}}"#),
            Some(code),
            Some(request_id),
            message.to_string(),
        ),
        Form::RequestIdFirst => (
            format!(
                r#"{{"request_id":"{request_id}","error":{{"code":"{code}","message":"{m}"}},"x":[1,{{"y":null}}]}}"#
            ),
            Some(code),
            Some(request_id),
            message.to_string(),
        ),
        Form::ContentFilterFirst => (
            format!(
                r#"{{"contentFilter":[{{"level":0,"role":"user"}}],"error":{{"code":"{code}","message":"{m}"}}}}"#
            ),
            Some(code),
            None,
            message.to_string(),
        ),
        Form::FlatMsg => (
            format!(r#"{{"code":{code},"msg":"{m}","success":false}}"#),
            Some(code),
            None,
            message.to_string(),
        ),
        Form::FlatMessage => (
            format!(r#"{{"code":"{code}","message":"{m}"}}"#),
            Some(code),
            None,
            message.to_string(),
        ),
        Form::Anthropic => {
            let raw = format!("[{code}][{message}][{request_id}]");
            (
                format!(
                    r#"{{"type":"error","error":{{"type":"rate_limit_error","code":"{code}","message":"{}"}}}}"#,
                    escape(&raw, as_unicode)
                ),
                Some(code),
                Some(request_id),
                raw,
            )
        }
        Form::AnthropicLegacy => (
            format!(
                r#"{{"type":"error","error":{{"type":"{code}","message":"{m}"}},"request_id":"{request_id}"}}"#
            ),
            Some(code),
            Some(request_id),
            message.to_string(),
        ),
        Form::PlainText => (
            format!(r#"{{"error":"{m}"}}"#),
            None,
            None,
            message.to_string(),
        ),
    };
    Generated {
        form,
        body,
        code,
        message: message.to_string(),
        request_id: rid.map(str::to_string),
        raw_message,
    }
}

/// Any message: arbitrary chars (controls, quotes, backslashes, astral), but no `][` so that the
/// Anthropic bracket form stays unambiguous.
pub fn message() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            any::<char>(),
            prop::sample::select(vec!['"', '\\', '[', ']', '令', '😀', '\u{1b}', 'a'])
        ],
        0..120,
    )
    .prop_map(|chars| chars.into_iter().collect::<String>())
    .prop_filter("no ][", |m| !m.contains("]["))
}

pub fn generated() -> impl Strategy<Value = Generated> {
    (
        prop::sample::select(FORMS.to_vec()),
        prop_oneof![
            prop::sample::select(vec![500u16, 1002, 1113, 1214, 1301, 1308, 1313, 1321]),
            1000u16..1400
        ],
        message(),
        "[a-z0-9]{8,40}",
        any::<bool>(),
    )
        .prop_map(|(form, code, message, rid, as_unicode)| {
            build(form, code, &message, &rid, as_unicode)
        })
}

/// The longest prefix of `s` that fits in `n` bytes, on a char boundary.
pub fn prefix(s: &str, n: usize) -> &str {
    let mut end = n.min(s.len());
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}
