//! What the SSE scanner reports.

use super::delta::Delta;
use crate::{ApiError, Category, Classification, Fault, FinishReason, Kind, Retry};

/// One event of a stream (new kinds of events may come: match with a `_` arm).
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
#[non_exhaustive]
pub enum Event<'a, const M: usize = { ApiError::MESSAGE_CAPACITY }> {
    /// A data event (a completion chunk, `message_start`, `response.created`, …) with its content
    /// deltas and its finish or stop reason, if any.
    Chunk(Chunk<'a>),
    /// The finish or stop reason, reported right after the chunk that carried it. See
    /// [`FinishReason::classify`]: normal ends and truncated output are not errors.
    Finish(FinishReason),
    /// An in-band error (or a plain JSON error body where a stream was expected), classified like
    /// an error body under HTTP 200.
    /// It is lent by the scanner (which reads it in place, so no copy of it sits on the stack):
    /// clone it to keep it past the next call.
    Error(&'a ApiError<M>),
    /// The first end marker (`data: [DONE]`, `message_stop`): the normal end.
    Done,
    /// An event with more data than the buffer holds: skipped (its length in bytes is given).
    Overlong(usize),
    /// The input ended without the dialect's normal end: the connection dropped (last event).
    Cut,
}

/// A data event.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
#[non_exhaustive]
pub struct Chunk<'a> {
    /// The event's data (lines joined with `\n`), as sent: usually JSON.
    pub data: &'a [u8],
    /// The `event:` name, when the stream names its events (Anthropic, Responses).
    pub event: Option<&'a str>,
    /// Its finish or stop reason, when it has one.
    pub finish_reason: Option<FinishReason>,
    /// The answer text it adds, if any.
    pub text: Option<Delta<'a>>,
    /// The reasoning ("thinking") text it adds, if any.
    pub reasoning: Option<Delta<'a>>,
}

impl<'a> Chunk<'a> {
    /// The data as text, if it is valid UTF-8.
    pub fn data_text(&self) -> Option<&'a str> {
        core::str::from_utf8(self.data).ok()
    }
}

/// The classification of a cut stream: `stream`, [`Kind::StreamCut`], `backoff` (a new request may
/// succeed; the output so far is incomplete), the network's move.
pub const CUT: Classification = Classification {
    category: Category::Stream,
    kind: Kind::StreamCut,
    retry: Some(Retry::Backoff),
    fault: Fault::Network,
    known: true,
};

impl<const M: usize> Event<'_, M> {
    /// The event's name: `chunk`, `finish`, `error`, `done`, `overlong` or `cut`.
    pub fn name(&self) -> &'static str {
        match self {
            Self::Chunk(_) => "chunk",
            Self::Finish(_) => "finish",
            Self::Error(_) => "error",
            Self::Done => "done",
            Self::Overlong(_) => "overlong",
            Self::Cut => "cut",
        }
    }

    /// The classification of a finish, an error or a cut; `None` for the other events.
    pub fn classification(&self) -> Option<Classification> {
        match self {
            Self::Finish(reason) => Some(reason.classify()),
            Self::Error(error) => Some(error.classification()),
            Self::Cut => Some(CUT),
            _ => None,
        }
    }

    /// Whether this event means the call failed: an error event, an error finish reason, a cut.
    pub fn is_error(&self) -> bool {
        self.classification().is_some_and(|class| class.is_error())
    }
}
