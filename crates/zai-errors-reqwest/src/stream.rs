//! A streamed completion read as text and reasoning as they arrive, in any dialect.

use std::collections::VecDeque;
use std::time::{Duration, Instant};

use zai_errors::FinishReason;
use zai_errors::sse::{Event, Scanner};

use crate::{Error, Failure, Permit};

/// The largest event the stream reads whole (a longer one is skipped, an error still reported).
const EVENT_CAPACITY: usize = 64 * 1024;
/// The default idle timeout: no event for this long ends the stream (keep-alives do not count).
const IDLE_TIMEOUT: Duration = Duration::from_secs(90);

/// What a stream says, in order.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum StreamEvent {
    /// Answer text, decoded.
    Text(String),
    /// Reasoning ("thinking") text, decoded.
    Reasoning(String),
    /// The normal finish or stop reason (`stop`, `end_turn`, `length`, `tool_calls`, …): the last
    /// event.
    Finish(FinishReason),
}

/// The reading state shared by the async and blocking streams: the core's scanner and what it has
/// said but the caller has not taken yet.
pub(crate) struct Reader {
    scanner: Box<Scanner<EVENT_CAPACITY>>,
    pending: VecDeque<Result<StreamEvent, Error>>,
    /// The stream reached its end (or failed): read no more.
    pub(crate) ended: bool,
    pub(crate) idle_timeout: Duration,
    pub(crate) last_event: Instant,
}

impl Reader {
    pub(crate) fn new() -> Self {
        Self {
            scanner: Box::default(),
            pending: VecDeque::new(),
            ended: false,
            idle_timeout: IDLE_TIMEOUT,
            last_event: Instant::now(),
        }
    }

    /// The next thing to hand out, if any.
    pub(crate) fn pop(&mut self) -> Option<Result<StreamEvent, Error>> {
        self.pending.pop_front()
    }

    /// How long the next read may wait before the stream counts as idle.
    pub(crate) fn idle_left(&self) -> Duration {
        self.idle_timeout.saturating_sub(self.last_event.elapsed())
    }

    /// The stream was idle too long.
    pub(crate) fn idle(&mut self) {
        self.fail(Error::new(Failure::StreamIdle(self.idle_timeout)));
    }

    /// Reading failed.
    pub(crate) fn fail(&mut self, error: Error) {
        self.pending.push_back(Err(error));
        self.ended = true;
    }

    /// Feeds bytes read from the response.
    pub(crate) fn feed(&mut self, mut bytes: &[u8]) {
        while !self.ended {
            let Some(event) = self.scanner.next_event(&mut bytes) else {
                return;
            };
            let outcome = take(&event);
            self.record(outcome);
        }
    }

    /// The response ended: what the scanner still holds, then a cut if the dialect's end never came.
    pub(crate) fn finish(&mut self) {
        while !self.ended {
            let Some(event) = self.scanner.finish() else {
                // Nothing said it ended: the scanner reports a cut first, so this is after an end.
                self.ended = true;
                return;
            };
            let outcome = take(&event);
            self.record(outcome);
        }
    }

    fn record(&mut self, outcome: Outcome) {
        match outcome {
            Outcome::Nothing => {}
            Outcome::Event(event) => {
                self.last_event = Instant::now();
                let finished = matches!(event, StreamEvent::Finish(_));
                self.pending.push_back(Ok(event));
                // A normal finish is the end for the caller; the end marker after it is not needed.
                self.ended |= finished;
            }
            Outcome::Deltas(deltas) => {
                self.last_event = Instant::now();
                self.pending.extend(deltas.into_iter().map(Ok));
            }
            Outcome::Alive => self.last_event = Instant::now(),
            Outcome::End => self.ended = true,
            Outcome::Failed(error) => self.fail(error),
        }
    }
}

/// What one scanner event means for the caller.
enum Outcome {
    Nothing,
    Alive,
    Event(StreamEvent),
    Deltas(Vec<StreamEvent>),
    End,
    Failed(Error),
}

fn take(event: &Event<'_>) -> Outcome {
    match event {
        Event::Chunk(chunk) => {
            let mut deltas = Vec::new();
            if let Some(reasoning) = chunk.reasoning {
                deltas.push(StreamEvent::Reasoning(reasoning.to_string()));
            }
            if let Some(text) = chunk.text {
                deltas.push(StreamEvent::Text(text.to_string()));
            }
            if deltas.is_empty() {
                Outcome::Alive
            } else {
                Outcome::Deltas(deltas)
            }
        }
        Event::Finish(reason) if reason.is_error() => {
            Outcome::Failed(Error::new(Failure::Finish(reason.clone())))
        }
        Event::Finish(reason) => Outcome::Event(StreamEvent::Finish(reason.clone())),
        Event::Error(error) => Outcome::Failed(Error::new(Failure::StreamError(
            zai_errors::ApiError::clone(error),
        ))),
        Event::Done => Outcome::End,
        Event::Cut => Outcome::Failed(Error::new(Failure::StreamCut)),
        _ => Outcome::Nothing,
    }
}

/// A streamed completion (chat completions, Anthropic Messages or the Responses API) read from an
/// async response: [`ChatStream::next`] yields text and reasoning as they arrive and the normal
/// finish last; an abnormal finish (`sensitive`, `network_error`, …), an in-band error, a stream
/// that ends without its dialect's end, or one idle for longer than the idle timeout (90 s by
/// default, counted on events: keep-alive comments do not reset it) is an [`Error`]. It stops
/// reading at the dialect's end. Streams are never retried once started.
pub struct ChatStream {
    response: Option<reqwest::Response>,
    reader: Reader,
    _permit: Option<Permit>,
}

impl ChatStream {
    /// Reads `response` (checked already: see [`crate::check`]).
    pub fn new(response: reqwest::Response) -> Self {
        Self::with_permit(response, None)
    }

    pub(crate) fn with_permit(response: reqwest::Response, permit: Option<Permit>) -> Self {
        Self {
            response: Some(response),
            reader: Reader::new(),
            _permit: permit,
        }
    }

    /// Ends the stream when no event comes for `timeout`.
    #[must_use]
    pub fn idle_timeout(mut self, timeout: Duration) -> Self {
        self.reader.idle_timeout = timeout;
        self
    }

    /// The next text, reasoning or finish; `None` after the end (or after an error).
    pub async fn next(&mut self) -> Option<Result<StreamEvent, Error>> {
        loop {
            if let Some(item) = self.reader.pop() {
                return Some(item);
            }
            if self.reader.ended {
                // Stop reading: drop the connection (some servers never close it after the end).
                self.response = None;
                return None;
            }
            let response = self.response.as_mut()?;
            match tokio::time::timeout(self.reader.idle_left(), response.chunk()).await {
                Err(_) => self.reader.idle(),
                Ok(Ok(Some(bytes))) => self.reader.feed(&bytes),
                Ok(Ok(None)) => self.reader.finish(),
                Ok(Err(error)) => self.reader.fail(Error::from(error)),
            }
        }
    }

    /// Reads the whole stream: the text, and the finish reason.
    pub async fn collect_text(mut self) -> Result<(String, Option<FinishReason>), Error> {
        let mut text = String::new();
        let mut finish = None;
        while let Some(event) = self.next().await {
            match event? {
                StreamEvent::Text(piece) => text.push_str(&piece),
                StreamEvent::Finish(reason) => finish = Some(reason),
                _ => {}
            }
        }
        Ok((text, finish))
    }
}
