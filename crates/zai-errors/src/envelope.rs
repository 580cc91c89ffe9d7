//! `Deserialize` of the documented error envelope, for embedding in your own serde types.
//!
//! The scanner behind [`ApiError`](crate::ApiError) reads every shape; this is the serde way to read
//! the main one, `{"error":{"code":..,"message":..,"type":..},"request_id":..}`, and it is checked
//! against the scanner in the tests. Differences, by design: a duplicate key is an error here (the
//! scanner takes the first); a non-integer numeric code (`1302.0`) is an error here (no code there);
//! a body cut short is an error here (the scanner keeps what it read); the Anthropic
//! `[code][text][id]` message is kept whole here (split there).

use core::marker::PhantomData;

use serde::de::{self, Deserialize, Deserializer, Visitor};

use crate::json::cursor::{Cursor, Scalar};
use crate::json::fields::parse_code;
use crate::json::unescape::decode_into;
use crate::{Code, MESSAGE_CAPACITY, REQUEST_ID_CAPACITY, Text};

/// The deepest nesting [`ErrorEnvelope::from_slice`] accepts (serde-json-core recurses into every level).
pub const MAX_DEPTH: usize = 32;
/// Capacity of `type` fields (e.g. `rate_limit_error`), in bytes.
pub const TYPE_CAPACITY: usize = 32;

/// The error envelope: the fields of `{"type":..,"error":{"code":..,"message":..,"type":..},"request_id":..}`.
///
/// The code may be a JSON string or number. Strings are decoded (escapes, surrogate pairs) and cut on
/// a char boundary to their capacity, never an error for length. With a self-describing format
/// (serde_json) it deserializes directly; with serde-json-core use [`ErrorEnvelope::from_slice`].
///
/// ```
/// use zai_errors::{Code, ErrorEnvelope};
///
/// #[derive(serde::Deserialize)]
/// #[serde(untagged)]
/// enum Reply {
///     Failed(ErrorEnvelope),
///     Answered { id: String },
/// }
///
/// let reply: Reply = serde_json::from_str(r#"{"error":{"code":1302,"message":"\u9ad8"}}"#).unwrap();
/// let Reply::Failed(envelope) = reply else { panic!() };
/// assert_eq!(envelope.code, Some(Code::ConcurrencyLimit));
/// assert_eq!(envelope.message.unwrap().as_str(), "高");
///
/// // On a device, with serde-json-core and no heap:
/// let envelope: ErrorEnvelope<64> = ErrorEnvelope::from_slice(br#"{"error":{"code":"1113","message":"x"}}"#).unwrap();
/// assert_eq!(envelope.code, Some(Code::InsufficientBalance));
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub struct ErrorEnvelope<const N: usize = MESSAGE_CAPACITY> {
    /// `error.code`, else a numeric `error.type` (the older Anthropic form). A code that is not a
    /// number from 0 to 65535 is `None`.
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
    /// The body nests deeper than [`MAX_DEPTH`]: refused before parsing, to protect the stack.
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

impl<const N: usize> ErrorEnvelope<N> {
    /// Parses with serde-json-core (no heap): the depth is checked first, then the code is read as a
    /// string and, failing that, as a number (serde-json-core cannot read "string or number" at once).
    pub fn from_slice(json: &[u8]) -> Result<Self, EnvelopeError> {
        if Cursor::max_depth(json, MAX_DEPTH) > MAX_DEPTH {
            return Err(EnvelopeError::TooDeep);
        }
        let as_string = serde_json_core::from_slice::<Wire<StringCode, N>>(json);
        let wire = match as_string {
            Ok((wire, _)) => wire.map_code(|c| c.0),
            Err(_) => serde_json_core::from_slice::<Wire<NumberCode, N>>(json)
                .map_err(|_| EnvelopeError::Invalid)?
                .0
                .map_code(|c| c.0),
        };
        Ok(wire.into())
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
    request_id: Option<Text<REQUEST_ID_CAPACITY>>,
    #[serde(default, rename = "type")]
    envelope_type: Option<Text<TYPE_CAPACITY>>,
}

#[derive(serde::Deserialize)]
#[serde(bound(deserialize = "C: Deserialize<'de>"))]
struct WireError<C, const N: usize> {
    #[serde(default)]
    code: Option<C>,
    #[serde(default)]
    message: Option<Text<N>>,
    #[serde(default, rename = "type")]
    error_type: Option<Text<TYPE_CAPACITY>>,
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
            .and_then(|t| parse_code(Scalar::Str(crate::json::cursor::RawStr(t.as_bytes()))));
        Self {
            code: wire.error.code.or(type_code).map(Code::from),
            message: wire.error.message,
            error_type: wire.error.error_type,
            envelope_type: wire.envelope_type,
            request_id: wire.request_id,
        }
    }
}

/// A code sent as a JSON string (serde-json-core's first pass).
struct StringCode(Option<u16>);
/// A code sent as a JSON number (serde-json-core's second pass).
struct NumberCode(Option<u16>);
/// A code sent as either (formats with `deserialize_any`).
struct AnyCode(Option<u16>);

struct CodeVisitor;

impl Visitor<'_> for CodeVisitor {
    type Value = Option<u16>;
    fn expecting(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("a business code as a string or an integer")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(parse_code(Scalar::Str(crate::json::cursor::RawStr(
            v.as_bytes(),
        ))))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        Ok(u16::try_from(v).ok())
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        Ok(u16::try_from(v).ok())
    }
}

impl<'de> Deserialize<'de> for StringCode {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_str(CodeVisitor).map(Self)
    }
}
impl<'de> Deserialize<'de> for NumberCode {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_u64(CodeVisitor).map(Self)
    }
}
impl<'de> Deserialize<'de> for AnyCode {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(CodeVisitor).map(Self)
    }
}

/// Strings of any length, decoded and cut to `N` bytes on a char boundary.
///
/// serde-json-core's `from_slice` hands over the raw, still escaped text as a borrowed str: it is
/// decoded here (surrogate pairs included). serde_json hands over decoded text: a borrowed str then
/// has no backslash (decoding is a no-op) and a decoded one arrives through `visit_str`.
impl<'de, const N: usize> Deserialize<'de> for Text<N> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TextVisitor<const N: usize>(PhantomData<Text<N>>);
        impl<'de, const N: usize> Visitor<'de> for TextVisitor<N> {
            type Value = Text<N>;
            fn expecting(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E: de::Error>(self, raw: &'de str) -> Result<Self::Value, E> {
                let mut text = Text::new();
                decode_into(raw.as_bytes(), &mut text);
                Ok(text)
            }
            fn visit_str<E: de::Error>(self, decoded: &str) -> Result<Self::Value, E> {
                Ok(Text::truncating(decoded))
            }
        }
        deserializer.deserialize_str(TextVisitor(PhantomData))
    }
}
