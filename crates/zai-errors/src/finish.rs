//! The finish or stop reason that ends a completion, in every dialect's words.

use crate::{Category, Classification, Fault, Kind, Retry, text::Text};

/// How long an unknown reason may be before it is cut (bytes).
const CAPACITY: usize = 40;

/// Why a completion ended: chat completions' `finish_reason`, Anthropic's `stop_reason`, the
/// Responses API's end. Each is kept as the API spelled it; the set is open: an unknown reason is
/// kept verbatim (up to [`FinishReason::CAPACITY`] bytes), never dropped, and classified as
/// [`Kind::UnrecognizedFinish`].
///
/// ```
/// use zai_errors::{FinishReason, Kind, Retry};
///
/// let reason = FinishReason::parse("model_context_window_exceeded");
/// assert_eq!(reason, FinishReason::ContextWindowExceeded);
/// assert_eq!(reason.classify().retry, Some(Retry::Never));
/// assert_eq!(FinishReason::parse("end_turn").classify().kind, Kind::Completed);
/// assert_eq!(FinishReason::parse("brand_new").as_str(), "brand_new");
/// assert_eq!(FinishReason::parse("brand_new").classify().kind, Kind::UnrecognizedFinish);
/// ```
#[non_exhaustive]
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub enum FinishReason {
    /// `stop`: a natural end or a stop word (chat completions).
    Stop,
    /// `end_turn`: a natural end (Anthropic).
    EndTurn,
    /// `stop_sequence`: a stop sequence was generated (Anthropic).
    StopSequence,
    /// `completed`: the response is complete (Responses API).
    Completed,
    /// `tool_calls`: the model wants tools called (chat completions).
    ToolCalls,
    /// `tool_use`: the model wants tools called (Anthropic).
    ToolUse,
    /// `pause_turn`: a long turn was paused; send it back to continue (Anthropic).
    PauseTurn,
    /// `length`: the token limit cut the output (not an error, but the output is truncated).
    Length,
    /// `incomplete`: a Responses-API `response.incomplete` that gave no reason (taken as a
    /// truncated output).
    Incomplete,
    /// `max_tokens`: the token limit cut the output (Anthropic).
    MaxTokens,
    /// `max_output_tokens`: the output limit cut the response (Responses API).
    MaxOutputTokens,
    /// `sensitive`: the safety review blocked the output (Z.AI's word).
    Sensitive,
    /// `refusal`: the model refused (Anthropic's word for it).
    Refusal,
    /// `network_error`: inference failed on the server.
    NetworkError,
    /// `model_context_window_exceeded`: the conversation no longer fits the model.
    ContextWindowExceeded,
    /// Any other reason, verbatim.
    Other(Text<CAPACITY>),
}

impl FinishReason {
    /// How long an unknown reason may be before it is cut (bytes).
    pub const CAPACITY: usize = CAPACITY;

    /// Reads a reason as the API spells it.
    pub fn parse(reason: &str) -> Self {
        match reason {
            "stop" => Self::Stop,
            "end_turn" => Self::EndTurn,
            "stop_sequence" => Self::StopSequence,
            "completed" => Self::Completed,
            "tool_calls" => Self::ToolCalls,
            "tool_use" => Self::ToolUse,
            "pause_turn" => Self::PauseTurn,
            "length" => Self::Length,
            "incomplete" => Self::Incomplete,
            "max_tokens" => Self::MaxTokens,
            "max_output_tokens" => Self::MaxOutputTokens,
            "sensitive" => Self::Sensitive,
            "refusal" => Self::Refusal,
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
        Self::parse(&Text::<CAPACITY>::from_json(raw))
    }

    /// The reason as the API spelled it.
    pub fn as_str(&self) -> &str {
        match self {
            Self::Stop => "stop",
            Self::EndTurn => "end_turn",
            Self::StopSequence => "stop_sequence",
            Self::Completed => "completed",
            Self::ToolCalls => "tool_calls",
            Self::ToolUse => "tool_use",
            Self::PauseTurn => "pause_turn",
            Self::Length => "length",
            Self::Incomplete => "incomplete",
            Self::MaxTokens => "max_tokens",
            Self::MaxOutputTokens => "max_output_tokens",
            Self::Sensitive => "sensitive",
            Self::Refusal => "refusal",
            Self::NetworkError => "network_error",
            Self::ContextWindowExceeded => "model_context_window_exceeded",
            Self::Other(text) => text.as_str(),
        }
    }

    /// Classifies the reason (category `stream`): normal ends, truncated output, tool calls and a
    /// paused turn are not errors (`retry` is `None`); `sensitive`, `refusal` and
    /// `model_context_window_exceeded` are `never`; `network_error` is `backoff`; an unknown reason
    /// is not called an error but is flagged [`Kind::UnrecognizedFinish`] (`known` is `false`).
    pub fn classify(&self) -> Classification {
        let (kind, retry, fault) = match self {
            Self::Stop | Self::EndTurn | Self::StopSequence | Self::Completed => {
                (Kind::Completed, None, Fault::Nobody)
            }
            Self::ToolCalls | Self::ToolUse => (Kind::ToolCalls, None, Fault::Nobody),
            Self::PauseTurn => (Kind::TurnPaused, None, Fault::Nobody),
            Self::Length | Self::Incomplete | Self::MaxTokens | Self::MaxOutputTokens => {
                (Kind::OutputTruncated, None, Fault::Nobody)
            }
            Self::Sensitive | Self::Refusal => {
                (Kind::ContentFiltered, Some(Retry::Never), Fault::Request)
            }
            Self::NetworkError => (Kind::InferenceFailed, Some(Retry::Backoff), Fault::Server),
            Self::ContextWindowExceeded => (
                Kind::ContextWindowExceeded,
                Some(Retry::Never),
                Fault::Request,
            ),
            Self::Other(_) => (Kind::UnrecognizedFinish, None, Fault::Nobody),
        };
        Classification {
            category: Category::Stream,
            kind,
            retry,
            fault,
            known: !matches!(self, Self::Other(_)),
        }
    }

    /// Whether the stream ended because something went wrong.
    pub fn is_error(&self) -> bool {
        self.classify().is_error()
    }

    /// Whether the output was cut by a token limit (a normal end worth flagging).
    pub fn is_truncated_output(&self) -> bool {
        matches!(
            self,
            Self::Length | Self::Incomplete | Self::MaxTokens | Self::MaxOutputTokens
        )
    }
}

impl core::fmt::Display for FinishReason {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(self.as_str())
    }
}
