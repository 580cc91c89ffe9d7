//! `Deserialize` of the documented error envelope, for embedding in your own serde types.
//!
//! The scanner behind [`ApiError`] reads every shape; this is the serde way to read
//! the main one, `{"error":{"code":..,"message":..,"type":..},"request_id":..}`, and it is checked
//! against the scanner in the tests. Differences, by design: a duplicate key is an error here (the
//! scanner takes the first); a body nested deeper than [`ErrorEnvelope::NESTING_LIMIT`] is refused here; the Anthropic
//! `[code][text][id]` message is kept whole here (split there); only this nested shape is read.

use serde::de::{self, Deserialize, Deserializer, Visitor};

use crate::body::cursor::{Cursor, Scalar};
use crate::body::fields::WireCode;
use crate::body::raw_str::RawStr;
use crate::code::business_code;
use crate::request_id::CAPACITY as REQUEST_ID_CAPACITY;
use crate::{ApiError, Code, Text};

/// The deepest nesting [`ErrorEnvelope::from_slice`] accepts (serde-json-core recurses into every level).
const NESTING_LIMIT: usize = 32;
/// Capacity of `type` fields (e.g. `rate_limit_error`), in bytes.
const TYPE_CAPACITY: usize = 32;

/// The error envelope: the fields of `{"type":..,"error":{"code":..,"message":..,"type":..},"request_id":..}`.
///
/// The code may be a JSON string or number. Strings are decoded (escapes, surrogate pairs) and cut on
/// a char boundary to their capacity, never an error for length. With a self-describing format
/// (serde_json) it deserializes directly; with serde-json-core use [`ErrorEnvelope::from_slice`].
///
/// ```
/// use zai_errors::{Code, ErrorEnvelope};
///
/// // A line of a Batch API result file, with the error envelope inside.
/// #[derive(serde::Deserialize)]
/// struct BatchLine { custom_id: String, response: BatchResponse }
/// #[derive(serde::Deserialize)]
/// struct BatchResponse { status_code: u16, body: ErrorEnvelope }
///
/// let line = r#"{"custom_id":"q7","response":{"status_code":400,"body":{"error":{"code":1214,"message":"\u53c2\u6570"}}}}"#;
/// let line: BatchLine = serde_json::from_str(line).unwrap();
/// assert_eq!((line.custom_id.as_str(), line.response.status_code), ("q7", 400));
/// assert_eq!(line.response.body.code, Some(Code::InvalidParameter));
/// assert_eq!(line.response.body.message.unwrap().as_str(), "参数");
///
/// // On a device, with serde-json-core and no heap:
/// let envelope = ErrorEnvelope::<64>::from_slice(br#"{"error":{"code":"1113","message":"x"}}"#).unwrap();
/// assert_eq!(envelope.code, Some(Code::InsufficientBalance));
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
#[non_exhaustive]
pub struct ErrorEnvelope<const N: usize = { ApiError::MESSAGE_CAPACITY }> {
    /// `error.code`, else a numeric `error.type` (the older Anthropic form). A code that is not a
    /// number from 1 to 65535 is `None` (string codes such as `insufficient_quota` too: read them
    /// with [`ApiError`]).
    pub code: Option<Code>,
    /// `error.message`, decoded.
    pub message: Option<Text<N>>,
    /// `error.type` (Anthropic-compatible endpoint).
    pub error_type: Option<Text<TYPE_CAPACITY>>,
    /// The top-level `type` (`"error"` on the Anthropic-compatible endpoint).
    pub envelope_type: Option<Text<TYPE_CAPACITY>>,
    /// The top-level `request_id`.
    pub request_id: Option<Text<REQUEST_ID_CAPACITY>>,
}

/// Why [`ErrorEnvelope::from_slice`] failed.
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub enum EnvelopeError {
    /// The body nests deeper than [`ErrorEnvelope::NESTING_LIMIT`]: refused before parsing, to protect the stack.
    TooDeep,
    /// The body is not the documented envelope (not JSON, another shape, duplicate keys, cut short).
    Invalid,
}

impl core::fmt::Display for EnvelopeError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(match self {
            Self::TooDeep => "error body nests too deeply",
            Self::Invalid => "not a Z.AI error envelope",
        })
    }
}

impl core::error::Error for EnvelopeError {}

impl ErrorEnvelope {
    /// How deep [`ErrorEnvelope::from_slice`] lets a body nest (serde-json-core recurses into every
    /// level, so the depth is checked first); deeper is [`EnvelopeError::TooDeep`].
    pub const NESTING_LIMIT: usize = NESTING_LIMIT;
    /// The capacity of the `type` fields (e.g. `rate_limit_error`), in bytes.
    pub const TYPE_CAPACITY: usize = TYPE_CAPACITY;
}

impl<const N: usize> ErrorEnvelope<N> {
    /// Parses with serde-json-core (no heap): the depth is checked first, then the code is read as a
    /// string, failing that as an integer, failing that as any number (which is no code): serde-json-core
    /// cannot read "string or number" in one pass.
    /// A leading UTF-8 byte order mark is skipped.
    pub fn from_slice(json: &[u8]) -> Result<Self, EnvelopeError> {
        let json = json.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(json);
        core::str::from_utf8(json).map_err(|_| EnvelopeError::Invalid)?;
        if Cursor::max_depth(json, NESTING_LIMIT) > NESTING_LIMIT {
            return Err(EnvelopeError::TooDeep);
        }
        if let Ok((wire, _)) = serde_json_core::from_slice::<Wire<StringCode, N>>(json) {
            return Ok(wire.map_code(|c| c.0).into());
        }
        if let Ok((wire, _)) = serde_json_core::from_slice::<Wire<IntegerCode, N>>(json) {
            return Ok(wire.map_code(|c| c.0).into());
        }
        serde_json_core::from_slice::<Wire<OtherNumberCode, N>>(json)
            .map(|(wire, _)| wire.map_code(|c| c.0).into())
            .map_err(|_| EnvelopeError::Invalid)
    }
}

impl<'de, const N: usize> Deserialize<'de> for ErrorEnvelope<N> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Wire::<AnyCode, N>::deserialize(deserializer).map(|wire| wire.map_code(|c| c.0).into())
    }
}

#[derive(serde::Deserialize)]
#[serde(bound(deserialize = "C: Deserialize<'de>"))]
struct Wire<C, const N: usize> {
    error: WireError<C, N>,
    #[serde(default)]
    request_id: Option<JsonText<REQUEST_ID_CAPACITY>>,
    #[serde(default, rename = "type")]
    envelope_type: Option<JsonText<TYPE_CAPACITY>>,
}

#[derive(serde::Deserialize)]
#[serde(bound(deserialize = "C: Deserialize<'de>"))]
struct WireError<C, const N: usize> {
    #[serde(default)]
    code: Option<C>,
    #[serde(default)]
    message: Option<JsonText<N>>,
    #[serde(default, rename = "type")]
    error_type: Option<JsonText<TYPE_CAPACITY>>,
}

impl<C, const N: usize> Wire<C, N> {
    fn map_code(self, f: impl Fn(C) -> Option<u16>) -> Wire<u16, N> {
        Wire {
            error: WireError {
                code: self.error.code.and_then(f),
                message: self.error.message,
                error_type: self.error.error_type,
            },
            request_id: self.request_id,
            envelope_type: self.envelope_type,
        }
    }
}

impl<const N: usize> From<Wire<u16, N>> for ErrorEnvelope<N> {
    fn from(wire: Wire<u16, N>) -> Self {
        let type_code = wire
            .error
            .error_type
            .as_ref()
            .and_then(|t| WireCode::of(Scalar::Str(RawStr::new(t.0.as_bytes()))).number());
        Self {
            code: wire.error.code.or(type_code).map(Code::from),
            message: wire.error.message.map(|t| t.0),
            error_type: wire.error.error_type.map(|t| t.0),
            envelope_type: wire.envelope_type.map(|t| t.0),
            request_id: wire.request_id.map(|t| t.0),
        }
    }
}

/// A code sent as a JSON string (serde-json-core's first pass).
struct StringCode(Option<u16>);
/// A code sent as a JSON integer (serde-json-core's second pass).
struct IntegerCode(Option<u16>);
/// A code sent as another JSON number, `1e3` or `1302.0` (third pass): no code, like the scanner.
struct OtherNumberCode(Option<u16>);
/// A code sent as either (formats with `deserialize_any`).
struct AnyCode(Option<u16>);

struct CodeVisitor;

impl Visitor<'_> for CodeVisitor {
    type Value = Option<u16>;
    fn expecting(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("a business code as a string or an integer")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(WireCode::of(Scalar::Str(RawStr::new(v.as_bytes()))).number())
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        Ok(business_code(v))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        Ok(u64::try_from(v).ok().and_then(business_code))
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> {
        Ok(None) // `1e3`, `1302.0`: not a code
    }
}

impl<'de> Deserialize<'de> for StringCode {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_str(CodeVisitor).map(Self)
    }
}
impl<'de> Deserialize<'de> for IntegerCode {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_i64(CodeVisitor).map(Self)
    }
}
impl<'de> Deserialize<'de> for OtherNumberCode {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_f64(CodeVisitor).map(|_| Self(None))
    }
}
impl<'de> Deserialize<'de> for AnyCode {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(CodeVisitor).map(Self)
    }
}

/// Strings of any length, cut to `N` bytes on a char boundary (never an error for length).
impl<'de, const N: usize> Deserialize<'de> for Text<N> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TextVisitor<const N: usize>;
        impl<const N: usize> Visitor<'_> for TextVisitor<N> {
            type Value = Text<N>;
            fn expecting(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                f.write_str("a string")
            }
            fn visit_str<E: de::Error>(self, text: &str) -> Result<Self::Value, E> {
                Ok(Text::truncating(text))
            }
        }
        deserializer.deserialize_str(TextVisitor::<N>)
    }
}

/// A JSON string in the envelope, decoded whichever JSON deserializer reads it: serde-json-core's
/// `from_slice` hands over the raw, still escaped text as a borrowed str, decoded here (surrogate
/// pairs included); serde_json hands over decoded text (a borrowed str then has no backslash, and
/// decoding it again changes nothing; a decoded one arrives through `visit_str`).
struct JsonText<const N: usize>(Text<N>);

impl<'de, const N: usize> Deserialize<'de> for JsonText<N> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct JsonTextVisitor<const N: usize>;
        impl<'de, const N: usize> Visitor<'de> for JsonTextVisitor<N> {
            type Value = JsonText<N>;
            fn expecting(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E: de::Error>(self, raw: &'de str) -> Result<Self::Value, E> {
                Ok(JsonText(Text::from_json(raw)))
            }
            fn visit_str<E: de::Error>(self, decoded: &str) -> Result<Self::Value, E> {
                Ok(JsonText(Text::truncating(decoded)))
            }
        }
        deserializer.deserialize_str(JsonTextVisitor::<N>)
    }
}
