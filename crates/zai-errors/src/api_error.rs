//! An HTTP error response, read and classified: the main entry point.

use crate::body::decode::decode_into;
use crate::body::fields::{Fields, Shape, WireCode};
use crate::body::message::Message;
use crate::body::snippet::{self, snippet_into};
use crate::{BeijingTime, Category, Classification, Code, Detail, Escaped, Fault, Kind, Retry};
use crate::{Text, request_id};

/// The default capacity of a kept message, in bytes (Chinese text takes 3 bytes a char).
const MESSAGE_CAPACITY: usize = 256;
/// How many decoded bytes of a message are searched for its reset time, at most.
const RESET_SCAN: usize = 1024;
/// The capacity of a kept string code (`insufficient_quota`), in bytes.
const CODE_TEXT_CAPACITY: usize = 32;

/// A classified error response: status, business code, classification, and the details
/// (message, request id, reset time) read from the body into fixed buffers.
///
/// `N` is the message capacity in bytes (256 by default); longer messages are cut on a char
/// boundary and flagged. Building one never fails and never panics, whatever the bytes.
///
/// ```
/// use zai_errors::{ApiError, Category, Kind, Retry};
///
/// let body = br#"{"error":{"code":"1308","message":"Usage limit reached for 5 hour. Your limit will reset at 2026-10-05 12:12:52"}}"#;
/// let error = ApiError::from_response(429, body);
/// assert_eq!(error.code().map(u16::from), Some(1308));
/// assert_eq!(error.category(), Category::PolicyBlock);
/// assert_eq!(error.retry(), Some(Retry::AtReset));
/// assert_eq!(error.reset_at().unwrap().to_unix_seconds(), 1_791_173_572);
///
/// // Anything else is still classified, by the HTTP status; a smaller message buffer is one
/// // turbofish away.
/// let proxy = ApiError::<64>::parse(502, b"<html><title>502 Bad Gateway</title></html>");
/// assert_eq!(proxy.kind(), Kind::BadGateway);
/// assert_eq!(proxy.message(), Some("502 Bad Gateway"));
/// ```
///
/// It is about 420 bytes (with the default capacity): functions that fail with one return it by
/// value in `no_std` code (no heap to box it in; the `result_large_err` lint is allowed there on
/// purpose) and boxed in the std adapters' error types, which stay small.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub struct ApiError<const N: usize = MESSAGE_CAPACITY> {
    status: u16,
    code: Option<u16>,
    code_text: Option<Text<CODE_TEXT_CAPACITY>>,
    classification: Classification,
    message: Option<Text<N>>,
    request_id: Option<Text<{ request_id::CAPACITY }>>,
    reset_at: Option<BeijingTime>,
    shape: Shape,
    body_cut: bool,
}

impl ApiError {
    /// The default message capacity, in bytes.
    pub const MESSAGE_CAPACITY: usize = MESSAGE_CAPACITY;
    /// The capacity of a [`Detail`] value, in bytes.
    pub const DETAIL_CAPACITY: usize = crate::detail::CAPACITY;
    /// The capacity of a kept string code ([`ApiError::code_text`]), in bytes.
    pub const CODE_TEXT_CAPACITY: usize = CODE_TEXT_CAPACITY;
    /// At most this many bytes of a body that is not an error envelope are kept as its message.
    pub const SNIPPET_CAPACITY: usize = snippet::CAPACITY;
    /// How deep the body scanner follows nested containers (one bit of stack a level; serde_json
    /// allows 128). A deeper body is broken JSON: the fields read before the break are kept.
    pub const NESTING_LIMIT: usize = crate::body::cursor::NESTING_LIMIT;
    /// The longest JSON the `Serialize` of an `ApiError` (default capacity) writes, in bytes: size a
    /// `serde_json_core::to_slice` buffer with it. See [`ApiError::max_json_len`].
    pub const MAX_JSON_LEN: usize = Self::max_json_len(MESSAGE_CAPACITY);

    /// Reads and classifies a response from its HTTP status and body (any bytes, any length), with
    /// the default message capacity. See [`ApiError::parse`] for another capacity.
    pub fn from_response(status: u16, body: &[u8]) -> Self {
        Self::parse(status, body)
    }

    /// The longest JSON the `Serialize` of an `ApiError<message_capacity>` writes, in bytes: every
    /// text full of characters a JSON serializer escapes as `\u00XX` (6 bytes a byte), every other
    /// field at its longest.
    pub const fn max_json_len(message_capacity: usize) -> usize {
        const ESCAPED: usize = 6;
        const FIXED: &str = r#"{"status":65535,"code":65535,"code_text":"","known":false,"category":"authentication","kind":"","retry":"at_reset","fault":"credentials","reset_at":"9999-12-31T23:59:59+08:00","reset_at_unix":-99999999999,"request_id":"","message":"","truncated":false,"detail":{"kind":"suggested_model","value":""},"shape":"other_json","body_cut":false}"#;
        FIXED.len()
            + crate::classification::longest_kind()
            + ESCAPED
                * (CODE_TEXT_CAPACITY
                    + request_id::CAPACITY
                    + message_capacity
                    + crate::detail::CAPACITY)
    }
}

impl<const N: usize> ApiError<N> {
    /// Reads and classifies a response from its HTTP status and body (any bytes, any length),
    /// keeping at most `N` bytes of the message: `ApiError::<64>::parse(429, body)`.
    pub fn parse(status: u16, body: &[u8]) -> Self {
        let mut error = Self::empty();
        error.refill(status, body);
        error
    }

    /// Reads and classifies a response into this error, in place, replacing all it held: what
    /// [`ApiError::parse`] does, without a second `ApiError` on the stack. Firmware keeps one in its
    /// state (or in a struct being built, as the device adapter does) and refills it.
    ///
    /// ```
    /// let mut error = zai_errors::ApiError::<64>::empty();
    /// error.refill(429, br#"{"error":{"code":"1302","message":"Rate limit reached"}}"#);
    /// assert_eq!(error.code().map(u16::from), Some(1302));
    /// ```
    pub fn refill(&mut self, status: u16, body: &[u8]) {
        let mut fields = Fields::default();
        fields.read(body);
        self.refill_from_fields(status, body, &fields, false);
    }

    /// An error slot with nothing read yet (status 0, not an error): [`ApiError::refill`] reads a
    /// response into it.
    pub const fn empty() -> Self {
        Self {
            status: 0,
            code: None,
            code_text: None,
            classification: Classification::NONE,
            message: None,
            request_id: None,
            reset_at: None,
            shape: Shape::Empty,
            body_cut: false,
        }
    }

    /// Reads a scanned body into this error, in place, replacing all it held (a scanner keeps
    /// one and refills it for each in-band error).
    pub(crate) fn refill_from_fields(
        &mut self,
        status: u16,
        body: &[u8],
        fields: &Fields<'_>,
        in_band: bool,
    ) {
        let wire_code = fields.code();
        self.status = status;
        self.code = wire_code.number();
        self.code_text = None;
        self.classification = Classification::of_fields(status, fields, wire_code, in_band);
        self.message = None;
        self.request_id = None;
        self.reset_at = None;
        self.shape = fields.shape();
        self.body_cut = false;
        self.read_texts(body, fields, wire_code);
    }

    /// Decodes the texts straight into their buffers (no copies: a device's stack holds one
    /// `ApiError`, not several): the message (or a snippet of a body that is no error envelope),
    /// the request id, the reset time and a string code (the detail is found when asked for).
    fn read_texts(&mut self, body: &[u8], fields: &Fields<'_>, wire_code: WireCode<'_>) {
        let raw_message = fields.message();
        let split = raw_message.map(|raw| Message::split(raw, wire_code));
        if let Some(split) = split {
            let message = self.message.insert(Text::new());
            split.text.decode_into(message);
            if fields.message_is_partial() {
                message.mark_truncated();
            }
        } else if matches!(
            self.shape,
            Shape::NotJson | Shape::OtherJson | Shape::Cut | Shape::Broken
        ) {
            // Not an error envelope (HTML from a proxy, a broken body): a short cleaned snippet.
            snippet_into(body, &mut self.message);
        }
        if let Some(raw) = fields
            .request_id()
            .or(split.and_then(|split| split.request_id))
        {
            let text = raw.text_for(request_id::CAPACITY);
            if raw.is_plain() || crate::bytes::find_byte(b'\\', text.as_bytes()).is_none() {
                // The usual id, plain: checked before it is copied (not read back from its buffer
                // just written, which stalls the processor).
                self.request_id = request_id::is_valid(text).then(|| Text::truncating(text));
            } else {
                let id = self.request_id.insert(Text::new());
                decode_into(text, id);
                if id.is_truncated() || !request_id::is_valid(id) {
                    self.request_id = None;
                }
            }
        }
        if self.classification.retry == Some(Retry::AtReset) {
            // Only in the message (never in a snippet of another body), in its raw text, past what
            // the buffer keeps (not in the buffer just written: reading it back at once stalls the
            // processor), decoded on the fly where it has escapes (`\u002d` inside a date does not
            // hide it).
            self.reset_at = raw_message.and_then(|raw| BeijingTime::find_in_json(raw, RESET_SCAN));
        }
        if let WireCode::Text(raw) = wire_code {
            raw.decode_into(self.code_text.insert(Text::<CODE_TEXT_CAPACITY>::new()));
        }
    }

    /// The HTTP status.
    pub fn status(&self) -> u16 {
        self.status
    }
    /// The business code, if the body sent a number (as a JSON number or string) that is one.
    pub fn code(&self) -> Option<Code> {
        self.code.map(Code::from)
    }
    /// A code sent as a string that is not a number (`insufficient_quota`), as sent: classified as
    /// the business code it stands for (DESIGN §2.2), while [`ApiError::code`] stays `None`.
    pub fn code_text(&self) -> Option<&str> {
        self.code_text.as_ref().map(Text::as_str)
    }
    /// The full classification.
    pub fn classification(&self) -> Classification {
        self.classification
    }
    /// Where the error comes from.
    pub fn category(&self) -> Category {
        self.classification.category
    }
    /// What exactly happened.
    pub fn kind(&self) -> Kind {
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
    /// The message, decoded (without the request id it carried, e.g. the inner text of an
    /// Anthropic-style `[code][text][id]` message; a short cleaned snippet of a body that is not an
    /// error envelope).
    pub fn message(&self) -> Option<&str> {
        self.message.as_ref().map(Text::as_str)
    }
    /// Whether the message is incomplete: cut to fit the buffer, or cut with the body.
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
    /// Found in the kept message when asked for (reading an error does not look for it).
    pub fn detail(&self) -> Option<Detail<'_>> {
        crate::detail::extract(self.code?, self.message.as_ref()?)
    }
    /// How the body was laid out (or how it was cut or broken).
    pub fn shape(&self) -> Shape {
        self.shape
    }
    /// Whether the body was complete, well-formed JSON.
    pub fn is_well_formed(&self) -> bool {
        !matches!(
            self.shape,
            Shape::Cut | Shape::Broken | Shape::NotJson | Shape::Empty
        )
    }
    /// Whether the caller cut the body (a bounded read): see [`ApiError::mark_body_cut`].
    pub fn is_body_cut(&self) -> bool {
        self.body_cut
    }

    /// Records that the caller read only part of the body (its buffer was full, or fewer bytes came
    /// than `Content-Length` said). What was complete before the cut still counts (DESIGN §2.3).
    pub fn mark_body_cut(&mut self) {
        self.body_cut = true;
    }

    /// Sets the request id (e.g. from an `x-request-id` header) unless the body already had one.
    /// An id that [`request_id::is_valid`] refuses is not kept.
    pub fn set_request_id_if_absent(&mut self, id: &str) {
        if self.request_id.is_none() && request_id::is_valid(id) {
            self.request_id = Some(Text::truncating(id));
        }
    }
}

/// `HTTP 429, code 1308 usage_limit_reached (policy_block): <message>; retry at <time>; request_id <id>`.
/// Text from the network is [`Escaped`], so the line is safe to print to a terminal or a log.
impl<const N: usize> core::fmt::Display for ApiError<N> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "HTTP {}", self.status)?;
        match (self.code, &self.code_text) {
            (Some(code), _) => write!(f, ", code {code}")?,
            (None, Some(text)) => write!(f, ", code {}", Escaped(text))?,
            (None, None) => {}
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
