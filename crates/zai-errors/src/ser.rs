//! `Serialize` for the classification types: the CLI's `--json` output and device telemetry
//! (`serde_json_core::to_slice` into a fixed buffer) both come from here.

use serde::ser::{Serialize, SerializeStruct, Serializer};

use crate::table::{CodeInfo, StatusInfo};
use crate::{
    ApiError, BeijingTime, Category, Classification, Code, Detail, Fault, FinishReason, Kind,
    Retry, Shape, Text, TransportFailure,
};

macro_rules! serialize_as_str {
    ($($ty:ty),*) => {$(
        impl Serialize for $ty {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }
    )*};
}

serialize_as_str!(
    Category,
    Retry,
    Fault,
    Shape,
    FinishReason,
    Kind,
    TransportFailure
);

impl<const N: usize> Serialize for Text<N> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// As its number.
impl Serialize for Code {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_u16(self.number())
    }
}

/// As RFC 3339 text with the `+08:00` offset.
impl Serialize for BeijingTime {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use core::fmt::Write;
        let mut text: heapless::String<32> = heapless::String::new();
        write!(text, "{self}").map_err(|_| serde::ser::Error::custom("date-time too long"))?;
        serializer.serialize_str(&text)
    }
}

/// Keys `category`, `kind`, `retry` (null when not an error), `fault`, `known`.
impl Serialize for Classification {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("Classification", 5)?;
        s.serialize_field("category", &self.category)?;
        s.serialize_field("kind", &self.kind)?;
        s.serialize_field("retry", &self.retry)?;
        s.serialize_field("fault", &self.fault)?;
        s.serialize_field("known", &self.known)?;
        s.end()
    }
}

/// The contract keys of `zai-errors classify --json`: `status`, `code`, `code_text`, `known`,
/// `category`, `kind`, `retry`, `fault`, `reset_at`, `request_id`, `message`, `truncated`, `shape`,
/// `body_cut`; plus `reset_at_unix` and `detail`. At most [`ApiError::max_json_len`] bytes.
impl<const N: usize> Serialize for ApiError<N> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let class = self.classification();
        let mut s = serializer.serialize_struct("ApiError", 16)?;
        s.serialize_field("status", &self.status())?;
        s.serialize_field("code", &self.code())?;
        s.serialize_field("code_text", &self.code_text())?;
        s.serialize_field("known", &class.known)?;
        s.serialize_field("category", &class.category)?;
        s.serialize_field("kind", &class.kind)?;
        s.serialize_field("retry", &class.retry)?;
        s.serialize_field("fault", &class.fault)?;
        s.serialize_field("reset_at", &self.reset_at())?;
        s.serialize_field(
            "reset_at_unix",
            &self.reset_at().map(|t| t.to_unix_seconds()),
        )?;
        s.serialize_field("request_id", &self.request_id())?;
        s.serialize_field("message", &self.message())?;
        s.serialize_field("truncated", &self.is_truncated())?;
        s.serialize_field("detail", &self.detail())?;
        s.serialize_field("shape", &self.shape())?;
        s.serialize_field("body_cut", &self.is_body_cut())?;
        s.end()
    }
}

/// One row of the code table: `code`, `kind`, `category`, `usual_status`, `retry`, `fault`, and the
/// texts `en`, `zh` when the `texts` feature is on.
impl Serialize for CodeInfo {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("CodeInfo", 8)?;
        s.serialize_field("code", &self.number)?;
        s.serialize_field("kind", &self.kind)?;
        s.serialize_field("category", &self.category)?;
        s.serialize_field("usual_status", &self.usual_status)?;
        s.serialize_field("retry", &self.retry)?;
        s.serialize_field("fault", &self.fault)?;
        #[cfg(feature = "texts")]
        {
            s.serialize_field("en", self.text_en())?;
            s.serialize_field("zh", self.text_zh())?;
        }
        s.end()
    }
}

/// One row of the status table: `status`, `kind`, `category` (`http`), `retry`, `fault`, `documented`,
/// and `meanings` when the `texts` feature is on.
impl Serialize for StatusInfo {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("StatusInfo", 7)?;
        s.serialize_field("status", &self.status)?;
        s.serialize_field("kind", &self.kind)?;
        s.serialize_field("category", &Category::Http)?;
        s.serialize_field("retry", &self.retry)?;
        s.serialize_field("fault", &self.fault)?;
        s.serialize_field("documented", &self.documented)?;
        #[cfg(feature = "texts")]
        s.serialize_field("meanings", self.meanings())?;
        s.end()
    }
}

/// `{"kind": "suggested_model", "value": "GLM-4.5-Air"}`.
impl Serialize for Detail<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("Detail", 2)?;
        s.serialize_field("kind", self.name())?;
        s.serialize_field("value", self.value())?;
        s.end()
    }
}
