//! An HTTP error response, read and classified: the main entry point.

use crate::detail::{self, DetailKind};
use crate::json::cursor::RawStr;
use crate::json::fields::{Fields, Shape};
use crate::json::unescape::decode_into;
use crate::{BeijingTime, Category, Classification, Code, Detail, Fault, Retry, Text};

/// The default capacity of a kept message, in bytes (Chinese text takes 3 bytes a char).
pub const MESSAGE_CAPACITY: usize = 256;
/// The capacity of a kept request id, in bytes (Z.AI's are about 30).
pub const REQUEST_ID_CAPACITY: usize = 64;
/// The capacity of a [`Detail`] value (a model name, an error id), in bytes.
pub const DETAIL_CAPACITY: usize = 48;
/// At most this many bytes of a body that is not an error envelope are kept as its message.
pub const SNIPPET_CAPACITY: usize = 96;

/// A classified error response: status, business code, classification, and the details
/// (message, request id, reset time) read from the body into fixed buffers.
///
/// `N` is the message capacity in bytes; longer messages are cut on a char boundary and flagged.
/// Building one never fails and never panics, whatever the bytes.
///
/// ```
/// use zai_errors::{ApiError, Category, Retry};
///
/// let body = br#"{"error":{"code":"1308","message":"Usage limit reached for 5 hour. Your limit will reset at 2026-10-05 12:12:52"}}"#;
/// let error: ApiError = ApiError::from_response(429, body);
/// assert_eq!(error.code().map(u16::from), Some(1308));
/// assert_eq!(error.category(), Category::PolicyBlock);
/// assert_eq!(error.retry(), Some(Retry::AtReset));
/// assert_eq!(error.reset_at().unwrap().to_unix_seconds(), 1_791_173_572);
///
/// // Anything else is still classified, by the HTTP status.
/// let proxy: ApiError<64> = ApiError::from_response(502, b"<html><title>502 Bad Gateway</title></html>");
/// assert_eq!(proxy.kind(), "bad_gateway");
/// assert_eq!(proxy.message(), Some("502 Bad Gateway"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub struct ApiError<const N: usize = MESSAGE_CAPACITY> {
    status: u16,
    code: Option<u16>,
    classification: Classification,
    message: Option<Text<N>>,
    request_id: Option<Text<REQUEST_ID_CAPACITY>>,
    reset_at: Option<BeijingTime>,
    detail: Option<(DetailKind, Text<DETAIL_CAPACITY>)>,
    shape: Shape,
    well_formed: bool,
}

impl<const N: usize> ApiError<N> {
    /// Reads and classifies a response from its HTTP status and body (any bytes, any length).
    pub fn from_response(status: u16, body: &[u8]) -> Self {
        Self::from_fields(status, body, &Fields::scan_bytes(body), false)
    }

    /// Classifies a body already scanned (with [`Fields::scan_bytes`]); with `in_band`, the body is
    /// known to be an error (an SSE error event) even when nothing in it says so.
    pub(crate) fn from_fields(
        status: u16,
        body: &[u8],
        fields: &Fields<'_>,
        in_band: bool,
    ) -> Self {
        let shape = fields.shape();
        let (code, classification) = Classification::of_scanned(status, fields, in_band);

        let raw_message = fields.message();
        let (text, bracket_id) = match raw_message {
            Some(raw) => {
                let (text, id) = split_bracketed(raw);
                (Some(text), id)
            }
            None => (None, None),
        };
        let message = match (text, shape) {
            (Some(text), _) => Some(decoded(text)),
            // Not an error envelope (HTML from a proxy, a broken body): a short cleaned snippet.
            (None, Shape::NotJson | Shape::OtherJson) => snippet(body),
            (None, _) => None,
        };
        // An id that does not fit is dropped: a cut id is worse than none.
        let request_id = fields
            .request_id()
            .or(bracket_id)
            .map(decoded::<REQUEST_ID_CAPACITY>)
            .filter(|id| !id.is_truncated());
        let reset_at = match classification.retry {
            Some(Retry::AtReset) => {
                raw_message.and_then(|raw| BeijingTime::find_in_json_string(raw.0))
            }
            _ => None,
        };
        let detail = match (code, &message) {
            (Some(code), Some(text)) => {
                detail::extract(code, text).map(|(kind, value)| (kind, Text::truncating(value)))
            }
            _ => None,
        };
        Self {
            status,
            code,
            classification,
            message,
            request_id,
            reset_at,
            detail,
            shape,
            well_formed: fields.well_formed,
        }
    }

    /// The HTTP status.
    pub fn status(&self) -> u16 {
        self.status
    }
    /// The business code, if the body had a usable one.
    pub fn code(&self) -> Option<Code> {
        self.code.map(Code::from)
    }
    /// The full classification.
    pub fn classification(&self) -> Classification {
        self.classification
    }
    /// Where the error comes from.
    pub fn category(&self) -> Category {
        self.classification.category
    }
    /// The stable snake_case kind name.
    pub fn kind(&self) -> &'static str {
        self.classification.kind
    }
    /// Whether and when to retry; `None` when the response is not an error.
    pub fn retry(&self) -> Option<Retry> {
        self.classification.retry
    }
    /// Whose move it is.
    pub fn fault(&self) -> Fault {
        self.classification.fault
    }
    /// Whether the business code is a documented one (`false` without a code).
    pub fn is_known(&self) -> bool {
        self.classification.known
    }
    /// The message, decoded (the inner text of an Anthropic-style `[code][text][id]` message; a
    /// short cleaned snippet of a body that is not an error envelope).
    pub fn message(&self) -> Option<&str> {
        self.message.as_ref().map(Text::as_str)
    }
    /// Whether the message was cut to fit the buffer.
    pub fn is_truncated(&self) -> bool {
        self.message.as_ref().is_some_and(Text::is_truncated)
    }
    /// The request id from the body (or set by an adapter from a header).
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_ref().map(Text::as_str)
    }
    /// When an exhausted quota resets (codes 1304, 1308, 1310, 1316–1321), if the message says.
    pub fn reset_at(&self) -> Option<BeijingTime> {
        self.reset_at
    }
    /// The model (1311), suggested model (1312) or error id (1234) the message carries, if found.
    pub fn detail(&self) -> Option<Detail<'_>> {
        self.detail
            .as_ref()
            .map(|(kind, value)| Detail::new(*kind, value.as_str()))
    }
    /// How the body was laid out.
    pub fn shape(&self) -> Shape {
        self.shape
    }
    /// Whether the body was complete, well-formed JSON (a body that is not has no business code).
    pub fn is_well_formed(&self) -> bool {
        self.well_formed
    }

    /// Sets the request id (e.g. from an `x-request-id` header) unless the body already had one. An id
    /// longer than [`REQUEST_ID_CAPACITY`] is not kept (a cut id is worse than none).
    pub fn set_request_id_if_absent(&mut self, id: &str) {
        if self.request_id.is_none() && !id.is_empty() && id.len() <= REQUEST_ID_CAPACITY {
            self.request_id = Some(Text::truncating(id));
        }
    }
}

/// Decodes a raw JSON string into text.
fn decoded<const M: usize>(raw: RawStr<'_>) -> Text<M> {
    let mut text = Text::new();
    decode_into(raw.0, &mut text);
    text
}

/// Splits an Anthropic-style `[1313][text][request id]` message into its text and request id.
/// Any other message is returned whole. A cut message (no closing bracket) keeps its text; an empty
/// third bracket is dropped; a third part that is not an id stays in the text.
fn split_bracketed(raw: RawStr<'_>) -> (RawStr<'_>, Option<RawStr<'_>>) {
    let whole = (raw, None);
    let Some(after_open) = raw.0.strip_prefix('[') else {
        return whole;
    };
    let digits = after_open.bytes().take_while(u8::is_ascii_digit).count();
    let Some(rest) = after_open.get(digits..).and_then(|r| r.strip_prefix("][")) else {
        return whole;
    };
    if digits == 0 {
        return whole;
    }
    let inner = rest.strip_suffix(']').unwrap_or(rest);
    // A byte scan, not `rsplit_once("][")`: core's two-way string search keeps panic paths.
    let split = inner
        .as_bytes()
        .windows(2)
        .rposition(|pair| pair == b"][")
        .and_then(|at| Some((inner.get(..at)?, inner.get(at.checked_add(2)?..)?)));
    match split {
        Some((text, "")) => (RawStr(text), None),
        Some((text, id)) if looks_like_id(id) => (RawStr(text), Some(RawStr(id))),
        _ => (RawStr(inner), None),
    }
}

/// Whether the raw JSON text `raw` decodes to a request id: letters, digits, `-`, `_`, `.`.
fn looks_like_id(raw: &str) -> bool {
    let id_byte = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.');
    if !raw.contains('\\') {
        return !raw.is_empty() && raw.len() <= REQUEST_ID_CAPACITY && raw.bytes().all(id_byte);
    }
    let id: Text<REQUEST_ID_CAPACITY> = decoded(RawStr(raw));
    !id.is_empty() && !id.is_truncated() && id.bytes().all(id_byte)
}

/// How many body bytes a snippet looks at, at most (a megabyte of whitespace costs nothing more).
const SNIPPET_SCAN: usize = 4 * SNIPPET_CAPACITY;

/// A short, cleaned snippet of a body that is not an error envelope: the HTML `<title>` when there is
/// one, else the start of the body, with each run of whitespace or control characters turned into one
/// space, at most [`SNIPPET_CAPACITY`] bytes (and `M`), flagged when cut.
fn snippet<const M: usize>(body: &[u8]) -> Option<Text<M>> {
    // The title is looked for near the start only: a huge body costs nothing more.
    let source = html_title(body.get(..4096).unwrap_or(body)).unwrap_or(body);
    let scanned = source.get(..SNIPPET_SCAN).unwrap_or(source);
    let mut clean: Text<SNIPPET_CAPACITY> = Text::new();
    let mut pending_space = false;
    let mut add_word = |clean: &mut Text<SNIPPET_CAPACITY>, word: &str, space_before: bool| {
        pending_space |= space_before;
        if word.is_empty() {
            return true;
        }
        let spaced = !pending_space || clean.is_empty() || clean.push(' ');
        pending_space = false;
        spaced && clean.push_str(word)
    };
    'chunks: for chunk in scanned.utf8_chunks() {
        for (index, word) in chunk.valid().split(is_snippet_space).enumerate() {
            if !add_word(&mut clean, word, index > 0) {
                break 'chunks;
            }
        }
        if !chunk.invalid().is_empty() && !add_word(&mut clean, "\u{fffd}", false) {
            break;
        }
    }
    clean.trim_end();
    let mut text = Text::truncating(clean.as_str());
    if clean.is_truncated() || scanned.len() < source.len() {
        text.mark_truncated();
    }
    (!text.is_empty()).then_some(text)
}

/// Whitespace, control characters and the byte order mark: each run becomes one space in a snippet.
/// (Spelled out rather than `char::is_whitespace`, whose Unicode table costs flash.)
fn is_snippet_space(c: char) -> bool {
    c.is_ascii_whitespace()
        || c.is_control()
        || matches!(
            c,
            '\u{a0}' | '\u{1680}' | '\u{2000}'
                ..='\u{200b}'
                    | '\u{2028}'
                    | '\u{2029}'
                    | '\u{202f}'
                    | '\u{205f}'
                    | '\u{3000}'
                    | '\u{feff}'
        )
}

/// The contents of the first `<title>` element, if any.
fn html_title(body: &[u8]) -> Option<&[u8]> {
    let find = |haystack: &[u8], needle: &[u8]| {
        haystack
            .windows(needle.len())
            .position(|w| w.eq_ignore_ascii_case(needle))
    };
    let start = find(body, b"<title>")?.checked_add(7)?;
    let rest = body.get(start..)?;
    let end = find(rest, b"</title>")?;
    rest.get(..end)
}

/// `HTTP 429, code 1308 usage_limit_reached (policy_block): <message>; retry at <time>; request_id <id>`.
/// Control and bidirectional-override characters from the network are escaped, so the text is safe
/// to print to a terminal or a log.
impl<const N: usize> core::fmt::Display for ApiError<N> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "HTTP {}", self.status)?;
        if let Some(code) = self.code {
            write!(f, ", code {code}")?;
        }
        write!(f, " {} ({})", self.kind(), self.category())?;
        if let Some(message) = &self.message {
            write!(f, ": {}", Escaped(message))?;
            if message.is_truncated() {
                f.write_str("...")?;
            }
        }
        match (self.retry(), self.reset_at) {
            (Some(Retry::AtReset), Some(at)) => write!(f, "; retry at {at}")?,
            (Some(retry), _) => write!(f, "; retry: {retry}")?,
            (None, _) => {}
        }
        if let Some(id) = &self.request_id {
            write!(f, "; request_id {}", Escaped(id))?;
        }
        Ok(())
    }
}

impl<const N: usize> core::error::Error for ApiError<N> {}

/// Text shown with control characters and the invisible formatting characters that can reorder or
/// hide text (bidi overrides, zero-width spaces, BOM) escaped as `\u{1b}`: safe for a terminal or a log.
///
/// ```
/// assert_eq!(zai_errors::Escaped("a\u{1b}[2Jb").to_string(), "a\\u{1b}[2Jb");
/// ```
#[derive(Clone, Copy, Debug)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub struct Escaped<'a>(pub &'a str);

impl core::fmt::Display for Escaped<'_> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        use core::fmt::Write;
        for c in self.0.chars() {
            let hidden = c.is_control()
                || matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{feff}');
            if hidden {
                write!(f, "{}", c.escape_unicode())?;
            } else {
                f.write_char(c)?;
            }
        }
        Ok(())
    }
}
