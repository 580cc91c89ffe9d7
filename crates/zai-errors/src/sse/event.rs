//! What the SSE scanner reports.

use crate::{ApiError, FinishReason};

/// One event of a stream.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub enum Event<'a, const M: usize = { ApiError::MESSAGE_CAPACITY }> {
    /// A normal data event (a completion chunk), with its `finish_reason` when it has one.
    Chunk(Chunk<'a>),
    /// The stream's `finish_reason`, reported right after the chunk that carried it. See
    /// [`FinishReason::classify`]: `stop`, `length` and `tool_calls` are not errors.
    Finish(FinishReason),
    /// An in-band error, classified like an error body under HTTP 200.
    Error(ApiError<M>),
    /// `data: [DONE]`: the normal end.
    Done,
    /// An event with more data than the buffer holds: skipped (its length in bytes is given).
    Overlong(usize),
}

/// A normal data event.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
#[non_exhaustive]
pub struct Chunk<'a> {
    /// The event's data (lines joined with `\n`), as sent: usually a JSON completion chunk.
    pub data: &'a [u8],
    /// Its `choices[].finish_reason`, when not null.
    pub finish_reason: Option<FinishReason>,
}

impl<'a> Chunk<'a> {
    /// The data as text, if it is valid UTF-8.
    pub fn text(&self) -> Option<&'a str> {
        core::str::from_utf8(self.data).ok()
    }
}

impl<const M: usize> Event<'_, M> {
    /// The event's name: `chunk`, `finish`, `error`, `done` or `overlong`.
    pub fn name(&self) -> &'static str {
        match self {
            Self::Chunk(_) => "chunk",
            Self::Finish(_) => "finish",
            Self::Error(_) => "error",
            Self::Done => "done",
            Self::Overlong(_) => "overlong",
        }
    }

    /// Whether this event means the call failed (an error event, or an error finish reason).
    pub fn is_error(&self) -> bool {
        match self {
            Self::Error(_) => true,
            Self::Finish(reason) => reason.is_error(),
            _ => false,
        }
    }
}
