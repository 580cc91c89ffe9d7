//! The `finish_reason` that ends a streamed (or non-streamed) chat completion.

use crate::{Category, Classification, Fault, Retry, text::Text};

/// How long an unknown finish reason may be before it is cut (bytes).
pub const FINISH_REASON_CAPACITY: usize = 40;

/// Why a completion ended. The set is open: an unknown reason is kept verbatim (up to
/// [`FINISH_REASON_CAPACITY`] bytes), never dropped.
///
/// ```
/// use zai_errors::{FinishReason, Retry};
///
/// let reason = FinishReason::parse("model_context_window_exceeded");
/// assert_eq!(reason, FinishReason::ContextWindowExceeded);
/// assert_eq!(reason.classify().retry, Some(Retry::Never));
/// assert_eq!(FinishReason::parse("stop").classify().retry, None);
/// assert_eq!(FinishReason::parse("brand_new").as_str(), "brand_new");
/// ```
#[non_exhaustive]
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub enum FinishReason {
    /// `stop`: a natural end or a stop word.
    Stop,
    /// `length`: the token limit cut the output (not an error, but the output is truncated).
    Length,
    /// `tool_calls`: the model wants tools called.
    ToolCalls,
    /// `sensitive`: the safety review blocked the output.
    Sensitive,
    /// `network_error`: inference failed on the server.
    NetworkError,
    /// `model_context_window_exceeded`: the conversation no longer fits the model.
    ContextWindowExceeded,
    /// Any other reason, verbatim.
    Other(Text<FINISH_REASON_CAPACITY>),
}

impl FinishReason {
    /// Reads a reason as it appears in `finish_reason`.
    pub fn parse(reason: &str) -> Self {
        match reason {
            "stop" => Self::Stop,
            "length" => Self::Length,
            "tool_calls" => Self::ToolCalls,
            "sensitive" => Self::Sensitive,
            "network_error" => Self::NetworkError,
            "model_context_window_exceeded" => Self::ContextWindowExceeded,
            other => Self::Other(Text::truncating(other)),
        }
    }

    /// Reads a reason from the raw text of a JSON string (escapes decoded).
    pub(crate) fn parse_raw(raw: &str) -> Self {
        if !raw.contains('\\') {
            return Self::parse(raw);
        }
        let mut text: Text<FINISH_REASON_CAPACITY> = Text::new();
        crate::json::unescape::decode_into(raw, &mut text);
        Self::parse(&text)
    }

    /// The reason as the API spells it.
    pub fn as_str(&self) -> &str {
        match self {
            Self::Stop => "stop",
            Self::Length => "length",
            Self::ToolCalls => "tool_calls",
            Self::Sensitive => "sensitive",
            Self::NetworkError => "network_error",
            Self::ContextWindowExceeded => "model_context_window_exceeded",
            Self::Other(text) => text.as_str(),
        }
    }

    /// Classifies the reason: `stop`, `length`, `tool_calls` and unknown reasons are not errors
    /// (`retry` is `None`); `sensitive` and `model_context_window_exceeded` are `never`;
    /// `network_error` is `backoff`.
    pub fn classify(&self) -> Classification {
        let (kind, retry, fault, known) = match self {
            Self::Stop => ("completed", None, Fault::None, true),
            Self::Length => ("output_truncated", None, Fault::None, true),
            Self::ToolCalls => ("tool_calls", None, Fault::None, true),
            Self::Sensitive => ("content_filtered", Some(Retry::Never), Fault::Request, true),
            Self::NetworkError => (
                "inference_failed",
                Some(Retry::Backoff),
                Fault::Server,
                true,
            ),
            Self::ContextWindowExceeded => (
                "context_window_exceeded",
                Some(Retry::Never),
                Fault::Request,
                true,
            ),
            Self::Other(_) => ("unknown_finish_reason", None, Fault::None, false),
        };
        Classification {
            category: Category::Stream,
            kind,
            retry,
            fault,
            known,
        }
    }

    /// Whether the stream ended because something went wrong.
    pub fn is_error(&self) -> bool {
        self.classify().is_error()
    }
}

impl core::fmt::Display for FinishReason {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(self.as_str())
    }
}
