//! Parse + classify, once per parser, each doing the same work on a body:
//!
//! - the business code, sent as a JSON string or number (`"1214"`, `1214`, `" 1302 "`: trimmed,
//!   digits → `u16`); a string code that is not a number (`"insufficient_quota"`) is kept as text;
//! - the message, unescaped (an owned `String` for the owned peer; borrowed where the parser allows,
//!   owned where it had escapes);
//! - the request id: the top-level `request_id`, else `error.request_id`;
//! - the shapes `{"error":{...}}`, `{"code":..,"msg"|"message":..}`, `{"error":"text"}`,
//!   `{"type":"error","error":{"type":..,"message":..}}` (the code in `error.type` when it is one);
//! - then the code → classification lookup through the core's own table,
//!   `Classification::of_code(status, code)` (or `of_status` without a code), so that the table lookup
//!   costs every parser the same.
//!
//! A body a parser rejects (HTML, cut JSON, invalid UTF-8, 10 000-deep nesting…) is classified by the
//! status alone and keeps the first 128 bytes (lossy UTF-8) as its message: what a std client shows.
//! That is less than the core does with such bodies (it keeps the fields read before the break and
//! sanitizes a snippet), so it only favours the peers.
//!
//! Every parser hands its answer to a closure as a [`View`]: the benches `black_box` it, the setup
//! check compares it with the core's.

use std::borrow::Cow;
use std::fmt;
use std::hint::black_box;
use std::marker::PhantomData;

use serde::Deserialize;
use serde::de::value::MapAccessDeserializer;
use serde::de::{self, MapAccess, Visitor};
use sonic_rs::{JsonValueTrait, PointerTree};
use zai_errors::{ApiError, Classification};

/// What a parser made of a body.
#[derive(Debug, Default)]
pub struct View<'a> {
    /// The parser accepted the body (for the core: the body was well-formed JSON).
    pub parsed: bool,
    pub code: Option<u16>,
    pub code_text: Option<&'a str>,
    pub message: Option<&'a str>,
    pub request_id: Option<&'a str>,
    /// `None` for the limit proxy, which classifies nothing.
    pub class: Option<Classification>,
}

/// What a line of the report is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// `ApiError::from_response`: the figure every ratio is taken against.
    Ours,
    /// The core doing less work (classification only): shown, not compared.
    OursLess,
    /// A parser a user could pick instead.
    Peer,
    /// An SSE framing crate alone, without the per-event JSON: less work than ours.
    FramingOnly,
    /// Not a parser: the cost of touching every byte once.
    Proxy,
}

/// Buffers a parser may reuse from one body to the next (made once, outside the timing).
pub struct Scratch {
    /// simd-json's mutable copy of the input; serde-json-core's unescape buffer.
    pub bytes: Vec<u8>,
    pub simd: simd_json::Buffers,
    /// sonic-rs: the pointers of an error object or a flat body.
    pub tree: PointerTree,
    /// sonic-rs: the pointers of `{"error":"text"}`.
    pub tree_text: PointerTree,
}

impl Scratch {
    /// Buffers sized for bodies of up to `longest` bytes (they grow if needed).
    pub fn new(longest: usize) -> Self {
        let mut tree = PointerTree::new();
        for path in [
            &["error", "code"][..],
            &["error", "message"],
            &["error", "type"],
            &["error", "request_id"],
            &["code"],
            &["msg"],
            &["message"],
            &["request_id"],
        ] {
            tree.add_path(path.iter().copied());
        }
        let mut tree_text = PointerTree::new();
        for path in [&["error"][..], &["code"], &["request_id"]] {
            tree_text.add_path(path.iter().copied());
        }
        Self {
            bytes: Vec::with_capacity(longest),
            simd: simd_json::Buffers::new(longest),
            tree,
            tree_text,
        }
    }
}

/// One parser of the comparison.
pub trait Parser {
    /// Its criterion id (and name in the report).
    const ID: &'static str;
    /// What it does, for the report.
    const ABOUT: &'static str;
    const ROLE: Role;
    /// Parses and classifies `body`, and hands the answer to `f`.
    fn run<R>(scratch: &mut Scratch, status: u16, body: &[u8], f: impl FnOnce(&View<'_>) -> R)
    -> R;
}

// ---------------------------------------------------------------------------------------------
// The core

/// `ApiError::from_response`, then its accessors.
pub struct Ours;

impl Parser for Ours {
    const ID: &'static str = "zai_errors";
    const ABOUT: &'static str = "ApiError::from_response + retry/code/message/request_id";
    const ROLE: Role = Role::Ours;
    fn run<R>(_: &mut Scratch, status: u16, body: &[u8], f: impl FnOnce(&View<'_>) -> R) -> R {
        let error = ApiError::from_response(status, body);
        black_box(error.retry());
        f(&View {
            parsed: error.is_well_formed(),
            code: error.code().map(u16::from),
            code_text: error.code_text(),
            message: error.message(),
            request_id: error.request_id(),
            class: Some(error.classification()),
        })
    }
}

/// `Classification::of_body`: the code only, no message or request id.
pub struct OursOfBody;

impl Parser for OursOfBody {
    const ID: &'static str = "zai_errors_of_body";
    const ABOUT: &'static str = "Classification::of_body (less work: no message, no request id)";
    const ROLE: Role = Role::OursLess;
    fn run<R>(_: &mut Scratch, status: u16, body: &[u8], f: impl FnOnce(&View<'_>) -> R) -> R {
        f(&View {
            class: Some(Classification::of_body(status, body)),
            ..View::default()
        })
    }
}

// ---------------------------------------------------------------------------------------------
// What every peer shares: the fields found, and how they make the answer

/// A code as sent.
pub enum Code<S> {
    /// A JSON number (`None` when it is no `u16`: negative, fractional, too large).
    Num(Option<u16>),
    /// A JSON string.
    Text(S),
}

/// The fields a peer found in a body.
pub struct Found<S> {
    pub error_code: Option<Code<S>>,
    pub error_type: Option<S>,
    pub error_message: Option<S>,
    /// `error` is an object (then only it gives the code, as in the core's contract).
    pub error_object: bool,
    /// `{"error":"text"}`.
    pub error_text: Option<S>,
    pub error_request_id: Option<S>,
    pub code: Option<Code<S>>,
    pub message: Option<S>,
    pub msg: Option<S>,
    pub request_id: Option<S>,
}

impl<S> Default for Found<S> {
    fn default() -> Self {
        Self {
            error_code: None,
            error_object: false,
            error_type: None,
            error_message: None,
            error_text: None,
            error_request_id: None,
            code: None,
            message: None,
            msg: None,
            request_id: None,
        }
    }
}

/// The answer of a peer.
pub struct Answer<S> {
    pub code: Option<u16>,
    pub code_text: Option<S>,
    pub message: Option<S>,
    pub request_id: Option<S>,
}

/// A string code as a number: trimmed, digits only.
fn code_from_str(text: &str) -> Option<u16> {
    let digits = text.trim();
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

fn split<S: AsRef<str>>(code: Option<Code<S>>) -> (Option<u16>, Option<S>) {
    match code {
        Some(Code::Num(number)) => (number, None),
        Some(Code::Text(text)) => match code_from_str(text.as_ref()) {
            Some(number) => (Some(number), None),
            None => (None, Some(text)),
        },
        None => (None, None),
    }
}

impl<S: AsRef<str>> Found<S> {
    /// With an error object, `error.code`, else a code in `error.type` (Anthropic's older form);
    /// without one, the top-level `code` (the core's contract: a code beside an error object is not
    /// read; code 0 is no code). The message of the error object, else its text, else `message`,
    /// else `msg`; the top-level request id, else the error object's.
    pub fn answer(self) -> Answer<S> {
        let (error_code, error_code_text) = split(self.error_code);
        let (top_code, top_code_text) = split(self.code);
        let code = if self.error_object {
            error_code.or_else(|| {
                self.error_type
                    .as_ref()
                    .and_then(|t| code_from_str(t.as_ref()))
            })
        } else {
            top_code
        }
        .filter(|&code| code != 0);
        let code_text = match code {
            Some(_) => None,
            None if self.error_object => error_code_text,
            None => top_code_text,
        };
        Answer {
            code,
            code_text,
            message: self
                .error_message
                .or(self.error_text)
                .or(self.message)
                .or(self.msg),
            request_id: self.request_id.or(self.error_request_id),
        }
    }
}

/// The classification through the core's table, then the answer to `f`.
fn finish<S: AsRef<str>, R>(
    status: u16,
    parsed: bool,
    answer: Answer<S>,
    f: impl FnOnce(&View<'_>) -> R,
) -> R {
    let class = match answer.code {
        Some(_) => Classification::of_code(status, answer.code),
        None => Classification::of_status(status),
    };
    f(&View {
        parsed,
        code: answer.code,
        code_text: answer.code_text.as_ref().map(AsRef::as_ref),
        message: answer.message.as_ref().map(AsRef::as_ref),
        request_id: answer.request_id.as_ref().map(AsRef::as_ref),
        class: Some(class),
    })
}

/// The bytes kept as the message of a body the parser rejected.
const SNIPPET: usize = 128;

fn snippet(body: &[u8]) -> Cow<'_, str> {
    String::from_utf8_lossy(&body[..body.len().min(SNIPPET)])
}

/// A body the parser rejected: the status decides, the start of the body is the message.
fn rejected<R>(status: u16, message: Cow<'_, str>, f: impl FnOnce(&View<'_>) -> R) -> R {
    let answer = Answer {
        code: None,
        code_text: None,
        message: Some(message),
        request_id: None,
    };
    finish(status, false, answer, f)
}

// ---------------------------------------------------------------------------------------------
// serde types, owned: what a careful std engineer writes. No `#[serde(untagged)]` (serde would
// buffer the whole error object to try each variant): hand-written visitors for a code that is a
// string or a number and for an `error` that is an object or a string. Unknown fields are ignored.

struct CodeVisitor<T>(PhantomData<T>);

/// A code, owned.
pub struct CodeOwned(Code<String>);

impl<'de> Visitor<'de> for CodeVisitor<CodeOwned> {
    type Value = CodeOwned;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a code, as a string or a number")
    }
    fn visit_u64<E>(self, v: u64) -> Result<Self::Value, E> {
        Ok(CodeOwned(Code::Num(u16::try_from(v).ok())))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Self::Value, E> {
        Ok(CodeOwned(Code::Num(u16::try_from(v).ok())))
    }
    fn visit_f64<E>(self, _: f64) -> Result<Self::Value, E> {
        Ok(CodeOwned(Code::Num(None)))
    }
    fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
        Ok(CodeOwned(Code::Text(v.to_owned())))
    }
    fn visit_string<E>(self, v: String) -> Result<Self::Value, E> {
        Ok(CodeOwned(Code::Text(v)))
    }
}

impl<'de> Deserialize<'de> for CodeOwned {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(CodeVisitor::<Self>(PhantomData))
    }
}

#[derive(Deserialize)]
pub struct ErrorObjectOwned {
    code: Option<CodeOwned>,
    message: Option<String>,
    #[serde(rename = "type")]
    kind: Option<String>,
    request_id: Option<String>,
}

pub enum ErrorOwned {
    Object(ErrorObjectOwned),
    Text(String),
}

struct ErrorVisitor<T>(PhantomData<T>);

impl<'de> Visitor<'de> for ErrorVisitor<ErrorOwned> {
    type Value = ErrorOwned;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an error object or text")
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        ErrorObjectOwned::deserialize(MapAccessDeserializer::new(map)).map(ErrorOwned::Object)
    }
    fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
        Ok(ErrorOwned::Text(v.to_owned()))
    }
    fn visit_string<E>(self, v: String) -> Result<Self::Value, E> {
        Ok(ErrorOwned::Text(v))
    }
}

impl<'de> Deserialize<'de> for ErrorOwned {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(ErrorVisitor::<Self>(PhantomData))
    }
}

#[derive(Deserialize)]
pub struct BodyOwned {
    error: Option<ErrorOwned>,
    code: Option<CodeOwned>,
    message: Option<String>,
    msg: Option<String>,
    request_id: Option<String>,
}

impl BodyOwned {
    fn found(self) -> Found<String> {
        let mut found = Found {
            code: self.code.map(|c| c.0),
            message: self.message,
            msg: self.msg,
            request_id: self.request_id,
            ..Found::default()
        };
        match self.error {
            Some(ErrorOwned::Object(error)) => {
                found.error_object = true;
                found.error_code = error.code.map(|c| c.0);
                found.error_type = error.kind;
                found.error_message = error.message;
                found.error_request_id = error.request_id;
            }
            Some(ErrorOwned::Text(text)) => found.error_text = Some(text),
            None => {}
        }
        found
    }
}

// ---------------------------------------------------------------------------------------------
// serde types, borrowed: `Cow<'a, str>` that borrows from the input when the string had no escape
// (serde's own `Cow` always owns; `#[serde(borrow)]` does not reach inside an `Option`, hence the
// small `Str` wrapper). The same types serve serde_json, sonic-rs and simd-json.

/// A string, borrowed from the input when the parser can.
pub struct Str<'a>(pub Cow<'a, str>);

impl AsRef<str> for Str<'_> {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

struct StrVisitor<'a>(PhantomData<&'a ()>);

impl<'de: 'a, 'a> Visitor<'de> for StrVisitor<'a> {
    type Value = Str<'a>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string")
    }
    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(Str(Cow::Borrowed(v)))
    }
    fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Str(Cow::Owned(v.to_owned())))
    }
    fn visit_string<E>(self, v: String) -> Result<Self::Value, E> {
        Ok(Str(Cow::Owned(v)))
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for Str<'a> {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_str(StrVisitor(PhantomData))
    }
}

/// A code, borrowed.
pub struct CodeBorrowed<'a>(Code<Cow<'a, str>>);

impl<'de: 'a, 'a> Visitor<'de> for CodeVisitor<CodeBorrowed<'a>> {
    type Value = CodeBorrowed<'a>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a code, as a string or a number")
    }
    fn visit_u64<E>(self, v: u64) -> Result<Self::Value, E> {
        Ok(CodeBorrowed(Code::Num(u16::try_from(v).ok())))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Self::Value, E> {
        Ok(CodeBorrowed(Code::Num(u16::try_from(v).ok())))
    }
    fn visit_f64<E>(self, _: f64) -> Result<Self::Value, E> {
        Ok(CodeBorrowed(Code::Num(None)))
    }
    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(CodeBorrowed(Code::Text(Cow::Borrowed(v))))
    }
    fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
        Ok(CodeBorrowed(Code::Text(Cow::Owned(v.to_owned()))))
    }
    fn visit_string<E>(self, v: String) -> Result<Self::Value, E> {
        Ok(CodeBorrowed(Code::Text(Cow::Owned(v))))
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for CodeBorrowed<'a> {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(CodeVisitor::<Self>(PhantomData))
    }
}

#[derive(Deserialize)]
pub struct ErrorObjectBorrowed<'a> {
    #[serde(borrow)]
    code: Option<CodeBorrowed<'a>>,
    #[serde(borrow)]
    message: Option<Str<'a>>,
    #[serde(borrow, rename = "type")]
    kind: Option<Str<'a>>,
    #[serde(borrow)]
    request_id: Option<Str<'a>>,
}

pub enum ErrorBorrowed<'a> {
    Object(ErrorObjectBorrowed<'a>),
    Text(Cow<'a, str>),
}

impl<'de: 'a, 'a> Visitor<'de> for ErrorVisitor<ErrorBorrowed<'a>> {
    type Value = ErrorBorrowed<'a>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an error object or text")
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        ErrorObjectBorrowed::deserialize(MapAccessDeserializer::new(map)).map(ErrorBorrowed::Object)
    }
    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(ErrorBorrowed::Text(Cow::Borrowed(v)))
    }
    fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
        Ok(ErrorBorrowed::Text(Cow::Owned(v.to_owned())))
    }
    fn visit_string<E>(self, v: String) -> Result<Self::Value, E> {
        Ok(ErrorBorrowed::Text(Cow::Owned(v)))
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for ErrorBorrowed<'a> {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(ErrorVisitor::<Self>(PhantomData))
    }
}

#[derive(Deserialize)]
pub struct BodyBorrowed<'a> {
    #[serde(borrow)]
    error: Option<ErrorBorrowed<'a>>,
    #[serde(borrow)]
    code: Option<CodeBorrowed<'a>>,
    #[serde(borrow)]
    message: Option<Str<'a>>,
    #[serde(borrow)]
    msg: Option<Str<'a>>,
    #[serde(borrow)]
    request_id: Option<Str<'a>>,
}

impl<'a> BodyBorrowed<'a> {
    fn found(self) -> Found<Cow<'a, str>> {
        let mut found = Found {
            code: self.code.map(|c| c.0),
            message: self.message.map(|s| s.0),
            msg: self.msg.map(|s| s.0),
            request_id: self.request_id.map(|s| s.0),
            ..Found::default()
        };
        match self.error {
            Some(ErrorBorrowed::Object(error)) => {
                found.error_object = true;
                found.error_code = error.code.map(|c| c.0);
                found.error_type = error.kind.map(|s| s.0);
                found.error_message = error.message.map(|s| s.0);
                found.error_request_id = error.request_id.map(|s| s.0);
            }
            Some(ErrorBorrowed::Text(text)) => found.error_text = Some(text),
            None => {}
        }
        found
    }
}

// ---------------------------------------------------------------------------------------------
// The peers

/// serde_json into owned `String`s.
pub struct SerdeJsonOwned;

impl Parser for SerdeJsonOwned {
    const ID: &'static str = "serde_json_owned";
    const ABOUT: &'static str = "serde_json::from_slice, owned Strings, string-or-number visitors";
    const ROLE: Role = Role::Peer;
    fn run<R>(_: &mut Scratch, status: u16, body: &[u8], f: impl FnOnce(&View<'_>) -> R) -> R {
        match serde_json::from_slice::<BodyOwned>(body) {
            Ok(parsed) => finish(status, true, parsed.found().answer(), f),
            Err(_) => rejected(status, Cow::Owned(snippet(body).into_owned()), f),
        }
    }
}

/// serde_json into borrowed strings.
pub struct SerdeJsonBorrowed;

impl Parser for SerdeJsonBorrowed {
    const ID: &'static str = "serde_json_borrowed";
    const ABOUT: &'static str = "serde_json::from_slice, Cow<str> borrowed unless escaped";
    const ROLE: Role = Role::Peer;
    fn run<R>(_: &mut Scratch, status: u16, body: &[u8], f: impl FnOnce(&View<'_>) -> R) -> R {
        match serde_json::from_slice::<BodyBorrowed<'_>>(body) {
            Ok(parsed) => finish(status, true, parsed.found().answer(), f),
            Err(_) => rejected(status, snippet(body), f),
        }
    }
}

/// sonic-rs's serde `Deserializer` into the borrowed struct.
pub struct SonicStruct;

impl Parser for SonicStruct {
    const ID: &'static str = "sonic_rs_struct";
    const ABOUT: &'static str = "sonic_rs::from_slice into the borrowed serde struct";
    const ROLE: Role = Role::Peer;
    fn run<R>(_: &mut Scratch, status: u16, body: &[u8], f: impl FnOnce(&View<'_>) -> R) -> R {
        match sonic_rs::from_slice::<BodyBorrowed<'_>>(body) {
            Ok(parsed) => finish(status, true, parsed.found().answer(), f),
            Err(_) => rejected(status, snippet(body), f),
        }
    }
}

/// A sonic-rs lazy value as a code.
fn sonic_code<'v>(value: &'v sonic_rs::LazyValue<'_>) -> Option<Code<Cow<'v, str>>> {
    if let Some(text) = value.as_str() {
        Some(Code::Text(Cow::Borrowed(text)))
    } else if value.is_number() {
        Some(Code::Num(
            value.as_u64().and_then(|number| u16::try_from(number).ok()),
        ))
    } else {
        None
    }
}

/// sonic-rs's lazy pointer access: `get_many` with the pointers of every field at once (one pass,
/// values skipped with SIMD); strings unescaped on access. `get_many` fails when `error` is a
/// string (a pointer goes through it), so `{"error":"text"}` takes a second `get_many`.
pub struct SonicLazy;

impl Parser for SonicLazy {
    const ID: &'static str = "sonic_rs_lazy";
    const ABOUT: &'static str = "sonic_rs::get_many, a PointerTree of the 8 fields, lazy unescape";
    const ROLE: Role = Role::Peer;
    fn run<R>(
        scratch: &mut Scratch,
        status: u16,
        body: &[u8],
        f: impl FnOnce(&View<'_>) -> R,
    ) -> R {
        if let Ok(values) = sonic_rs::get_many(body, &scratch.tree) {
            let text = |i: usize| {
                values[i]
                    .as_ref()
                    .and_then(|v| v.as_str())
                    .map(Cow::Borrowed)
            };
            let code = |i: usize| values[i].as_ref().and_then(sonic_code);
            let found = Found {
                // No pointer can name `error` itself beside its fields: an error object is one
                // where a field of it was found.
                error_object: (0..4).any(|i| values[i].is_some()),
                error_code: code(0),
                error_message: text(1),
                error_type: text(2),
                error_request_id: text(3),
                code: code(4),
                msg: text(5),
                message: text(6),
                request_id: text(7),
                error_text: None,
            };
            return finish(status, true, found.answer(), f);
        }
        match sonic_rs::get_many(body, &scratch.tree_text) {
            Ok(values) => {
                let text = |i: usize| {
                    values[i]
                        .as_ref()
                        .and_then(|v| v.as_str())
                        .map(Cow::Borrowed)
                };
                let found = Found {
                    error_text: text(0),
                    code: values[1].as_ref().and_then(sonic_code),
                    request_id: text(2),
                    ..Found::default()
                };
                finish(status, true, found.answer(), f)
            }
            Err(_) => rejected(status, snippet(body), f),
        }
    }
}

/// simd-json's serde `Deserializer` into the borrowed struct, with its buffers reused.
///
/// simd-json parses in place: it needs a mutable copy of the input. The copy into a reused `Vec` is
/// made in every iteration and counted in its time (a client that owns its body buffer could skip
/// it; one that keeps the body for logging could not).
pub struct SimdJson;

impl Parser for SimdJson {
    const ID: &'static str = "simd_json";
    const ABOUT: &'static str =
        "simd_json::serde::from_slice_with_buffers, borrowed struct (+ the input copy it needs)";
    const ROLE: Role = Role::Peer;
    fn run<R>(
        scratch: &mut Scratch,
        status: u16,
        body: &[u8],
        f: impl FnOnce(&View<'_>) -> R,
    ) -> R {
        scratch.bytes.clear();
        scratch.bytes.extend_from_slice(body);
        match simd_json::serde::from_slice_with_buffers::<BodyBorrowed<'_>>(
            &mut scratch.bytes,
            &mut scratch.simd,
        ) {
            Ok(parsed) => finish(status, true, parsed.found().answer(), f),
            Err(_) => rejected(status, snippet(body), f),
        }
    }
}

// serde-json-core: no `deserialize_any` (so no string-or-number visitor, no object-or-string
// `error`): the code is read by type, in passes — numbers first, then strings; `{"error":"text"}` in
// a third and fourth. Its plain `from_slice` hands a `&str` with its escapes still in it (a borrowed
// `&str` cannot be unescaped); `from_slice_escaped` unescapes into a scratch buffer and hands that
// as a transient `&str`, which the `Str` visitor copies: owned only when the string had escapes,
// like the other borrowed peers.

#[derive(Deserialize)]
struct CoreErrorObject<'a, C> {
    code: Option<C>,
    #[serde(borrow)]
    message: Option<Str<'a>>,
    #[serde(borrow, rename = "type")]
    kind: Option<Str<'a>>,
    #[serde(borrow)]
    request_id: Option<Str<'a>>,
}

#[derive(Deserialize)]
struct CoreBody<'a, E, C> {
    error: Option<E>,
    code: Option<C>,
    #[serde(borrow)]
    message: Option<Str<'a>>,
    #[serde(borrow)]
    msg: Option<Str<'a>>,
    #[serde(borrow)]
    request_id: Option<Str<'a>>,
}

trait CoreCode<'a> {
    fn code(self) -> Code<Cow<'a, str>>;
}

impl<'a> CoreCode<'a> for u16 {
    fn code(self) -> Code<Cow<'a, str>> {
        Code::Num(Some(self))
    }
}

impl<'a> CoreCode<'a> for Str<'a> {
    fn code(self) -> Code<Cow<'a, str>> {
        Code::Text(self.0)
    }
}

trait CoreError<'a> {
    fn into_found(self, found: &mut Found<Cow<'a, str>>);
}

impl<'a, C: CoreCode<'a>> CoreError<'a> for CoreErrorObject<'a, C> {
    fn into_found(self, found: &mut Found<Cow<'a, str>>) {
        found.error_object = true;
        found.error_code = self.code.map(CoreCode::code);
        found.error_message = self.message.map(|s| s.0);
        found.error_type = self.kind.map(|s| s.0);
        found.error_request_id = self.request_id.map(|s| s.0);
    }
}

impl<'a> CoreError<'a> for Str<'a> {
    fn into_found(self, found: &mut Found<Cow<'a, str>>) {
        found.error_text = Some(self.0);
    }
}

impl<'a, E: CoreError<'a>, C: CoreCode<'a>> CoreBody<'a, E, C> {
    fn found(self) -> Found<Cow<'a, str>> {
        let mut found = Found {
            code: self.code.map(CoreCode::code),
            message: self.message.map(|s| s.0),
            msg: self.msg.map(|s| s.0),
            request_id: self.request_id.map(|s| s.0),
            ..Found::default()
        };
        if let Some(error) = self.error {
            error.into_found(&mut found);
        }
        found
    }
}

fn core_pass<'a, E, C>(body: &'a [u8], unescape: &mut [u8]) -> Option<Found<Cow<'a, str>>>
where
    E: CoreError<'a> + Deserialize<'a>,
    C: CoreCode<'a> + Deserialize<'a>,
{
    serde_json_core::from_slice_escaped::<CoreBody<'a, E, C>>(body, unescape)
        .ok()
        .map(|(parsed, _)| parsed.found())
}

/// serde-json-core, in passes.
pub struct SerdeJsonCore;

impl Parser for SerdeJsonCore {
    const ID: &'static str = "serde_json_core";
    const ABOUT: &'static str =
        "serde_json_core::from_slice_escaped, code as number then as string (then error as text)";
    const ROLE: Role = Role::Peer;
    fn run<R>(
        scratch: &mut Scratch,
        status: u16,
        body: &[u8],
        f: impl FnOnce(&View<'_>) -> R,
    ) -> R {
        if scratch.bytes.len() < body.len() {
            scratch.bytes.resize(body.len(), 0);
        }
        let unescape = &mut scratch.bytes[..];
        let found = core_pass::<CoreErrorObject<'_, u16>, u16>(body, unescape)
            .or_else(|| core_pass::<CoreErrorObject<'_, Str<'_>>, Str<'_>>(body, unescape))
            .or_else(|| core_pass::<Str<'_>, u16>(body, unescape))
            .or_else(|| core_pass::<Str<'_>, Str<'_>>(body, unescape));
        match found {
            Some(found) => finish(status, true, found.answer(), f),
            None => rejected(status, snippet(body), f),
        }
    }
}

/// Something that visits every parser type in turn (the list of the comparison, in report order).
pub trait ParserVisitor {
    fn visit<P: Parser>(&mut self);
}

/// Visits ours, then each peer, then the limit proxy.
pub fn each_parser(visitor: &mut impl ParserVisitor) {
    visitor.visit::<Ours>();
    visitor.visit::<OursOfBody>();
    visitor.visit::<SerdeJsonOwned>();
    visitor.visit::<SerdeJsonBorrowed>();
    visitor.visit::<SonicStruct>();
    visitor.visit::<SonicLazy>();
    visitor.visit::<SimdJson>();
    visitor.visit::<SerdeJsonCore>();
    visitor.visit::<MemchrProxy>();
}

/// The limit proxy: one pass that counts `"` over the same bytes. Not a parser: the cost of touching
/// every byte once with SIMD, the floor under any parser.
pub struct MemchrProxy;

impl Parser for MemchrProxy {
    const ID: &'static str = "memchr_proxy";
    const ABOUT: &'static str = "memchr_iter(b'\"', body).count()";
    const ROLE: Role = Role::Proxy;
    fn run<R>(_: &mut Scratch, _: u16, body: &[u8], f: impl FnOnce(&View<'_>) -> R) -> R {
        black_box(memchr::memchr_iter(b'"', body).count());
        f(&View::default())
    }
}
