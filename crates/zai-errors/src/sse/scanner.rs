//! The incremental SSE scanner: framing, then what each event means in its dialect.

use heapless::Vec;

use super::delta::{Delta, DeltaKind};
use super::event::{Chunk, Event};
use super::event_name::EventName;
use super::fields::StreamFields;
use crate::body::fields::Fields;
use crate::body::raw_str::RawStr;
use crate::{ApiError, FinishReason};

/// The default data capacity: Z.AI's chunks are well under 1 KiB.
const BUFFER_CAPACITY: usize = 2048;

/// Where the scanner is within the current line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
enum Field {
    /// Reading the field name (up to the colon).
    Name,
    /// Reading the value of a `data:` line.
    Data,
    /// Reading the value of an `event:` line.
    Event,
    /// Skipping the rest of the line (comments, `id:`, `retry:`, unknown fields).
    Skip,
}

/// What the input turned out to be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
enum Mode {
    /// Nothing but a byte order mark or blank space yet.
    Undecided,
    /// Server-sent events.
    Events,
    /// A plain JSON body (a stream request answered with a JSON error): collected whole.
    Body,
}

/// What an event means, decided before it is built (it owns nothing of the buffer).
enum Action {
    /// Nothing to report (`ping`, an end marker after the first).
    Skip,
    Done,
    Overlong(usize),
    /// An error, read into the scanner's error slot.
    Error,
    Chunk {
        finish_reason: Option<FinishReason>,
        text: Option<(usize, usize)>,
        reasoning: Option<(usize, usize)>,
    },
}

/// An incremental scanner for streamed completions in every dialect Z.AI speaks (chat
/// completions, Anthropic Messages, the Responses API), fed chunks of any size: a split can fall
/// anywhere, inside a line, a `\r\n`, a UTF-8 character or a JSON string. `\n`, `\r\n` and `\r` end
/// lines; comments (`: keep-alive`), `ping` and unknown fields are ignored.
///
/// It reports each data event as a [`Chunk`] (with its content deltas and its finish or stop
/// reason), then the reason as [`Event::Finish`]; in-band errors (`data: {"error":…}`,
/// `event: error`, Anthropic's `{"type":"error",…}`, `response.failed`) as [`Event::Error`],
/// classified like error bodies; the first end marker (`[DONE]`, `message_stop`) as
/// [`Event::Done`]; and, from [`Scanner::finish`], [`Event::Cut`] when the input ended without the
/// dialect's normal end (an end marker, a finish or stop reason, `response.completed` /
/// `response.incomplete`, or an error that explains the end). A stream request answered with a
/// plain JSON body instead (Z.AI does this for a bad key, under HTTP 200) gives one error event.
///
/// Data events hold at most `B` bytes; a longer one is reported as [`Event::Overlong`] and skipped
/// (or as an [`Event::Error`] keeping what was read before the cut, when it is an error event).
/// Error events keep a message of up to `M` bytes, read in place into the scanner, which lends it.
/// The scanner is `B` + the size of an `ApiError<M>` + 160 bytes (x86-64): on a
/// small task stack, keep it in a `static` or the task's state.
///
/// ```
/// use zai_errors::Retry;
/// use zai_errors::sse::{Event, Scanner};
///
/// let stream: &[u8] = b"data: {\"choices\":[{\"delta\":{\"content\":\"Hi\"}}]}\n\n\
///     : keep-alive\n\n\
///     data: {\"choices\":[{\"delta\":{},\"finish_reason\":\"network_error\"}]}\n\n\
///     data: [DONE]\n\n";
/// let mut scanner = Scanner::new();
/// let mut seen = Vec::new();
/// for piece in stream.chunks(7) {
///     let mut input = piece;
///     while let Some(event) = scanner.next_event(&mut input) {
///         if let Event::Finish(reason) = &event {
///             assert_eq!(reason.classify().retry, Some(Retry::Backoff));
///         }
///         seen.push(event.name());
///     }
/// }
/// while let Some(event) = scanner.finish() {
///     seen.push(event.name());
/// }
/// assert_eq!(seen, ["chunk", "chunk", "finish", "done"]);
/// ```
#[derive(Debug)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub struct Scanner<
    const B: usize = BUFFER_CAPACITY,
    const M: usize = { ApiError::MESSAGE_CAPACITY },
> {
    data: Vec<u8, B>,
    /// Bytes of data in the current event, including what did not fit.
    data_len: usize,
    has_data: bool,
    event_name: EventName,
    name: Vec<u8, 8>,
    name_overflow: bool,
    field: Field,
    mode: Mode,
    /// Bytes seen on the current line.
    line_len: usize,
    /// Drop one leading space of the value (just after the colon).
    skip_space: bool,
    /// The last byte was `\r`: a following `\n` belongs to the same line end.
    after_cr: bool,
    /// Bytes of a leading byte order mark seen so far (only at the very start).
    bom: u8,
    started: bool,
    /// The event returned last still borrows the buffer: clear it on the next call.
    dispatched: bool,
    pending_finish: Option<FinishReason>,
    /// The stream reached its dialect's normal end (or an error explained its end).
    ended: bool,
    /// An end marker was reported (later ones are not).
    done: bool,
    /// [`Event::Cut`] was reported.
    cut_reported: bool,
    /// The last in-band error, read in place: [`Event::Error`] lends it (no copy of its few
    /// hundred bytes on a device's stack).
    error: ApiError<M>,
    /// `error` was reported (and is kept until a reset).
    error_kept: bool,
}

impl<const B: usize, const M: usize> Default for Scanner<B, M> {
    fn default() -> Self {
        Self::with_capacities()
    }
}

impl Scanner {
    /// The default data capacity of an event, in bytes (Z.AI's chunks are well under 1 KiB).
    pub const BUFFER_CAPACITY: usize = BUFFER_CAPACITY;

    /// A scanner with the default capacities, at the start of a stream.
    pub const fn new() -> Self {
        Self::with_capacities()
    }
}

impl<const B: usize, const M: usize> Scanner<B, M> {
    /// A scanner holding events of up to `B` bytes and error messages of up to `M` bytes:
    /// `Scanner::<512, 64>::with_capacities()`.
    pub const fn with_capacities() -> Self {
        Self {
            data: Vec::new(),
            data_len: 0,
            has_data: false,
            event_name: EventName::new(),
            name: Vec::new(),
            name_overflow: false,
            field: Field::Name,
            mode: Mode::Undecided,
            line_len: 0,
            skip_space: false,
            after_cr: false,
            bom: 0,
            started: false,
            dispatched: false,
            pending_finish: None,
            ended: false,
            done: false,
            cut_reported: false,
            error: ApiError::empty(),
            error_kept: false,
        }
    }

    /// Consumes bytes from the front of `input` until an event is complete, and returns it; returns
    /// `None` once `input` is used up. Call it in a loop until `None`, then feed the next chunk; at
    /// the end of the input, call [`Scanner::finish`] until `None`.
    pub fn next_event<'s>(&'s mut self, input: &mut &[u8]) -> Option<Event<'s, M>> {
        if let Some(reason) = self.pending_finish.take() {
            return Some(Event::Finish(reason));
        }
        if self.dispatched {
            self.reset_event();
        }
        while !input.is_empty() {
            if self.skip_bom(input) {
                continue;
            }
            if self.mode != Mode::Events && self.take_body(input) {
                continue;
            }
            if self.after_cr {
                self.after_cr = false;
                if let Some(rest) = input.strip_prefix(b"\n") {
                    *input = rest;
                    continue;
                }
            }
            let end = crate::bytes::line_end(input);
            let (line_part, rest) = match end {
                Some(at) => input.split_at_checked(at).unwrap_or((input, &[])),
                None => (*input, &[][..]),
            };
            self.take_line_part(line_part);
            let Some((&terminator, rest)) = rest.split_first() else {
                *input = rest;
                return None;
            };
            *input = rest;
            self.after_cr = terminator == b'\r';
            if self.end_line() {
                if !self.has_data {
                    // A blank line after an event without data (a comment, a lone `event:`).
                    self.reset_event();
                    continue;
                }
                match self.decide_event() {
                    Action::Skip => self.reset_event(),
                    action => return Some(self.emit(action)),
                }
            }
        }
        None
    }

    /// Ends the stream: the finish of the last chunk, an event still pending (the stream was cut
    /// before its blank line: dispatched as it is, a cut JSON chunk reading as data without a
    /// reason), a plain JSON body, then [`Event::Cut`] when the input ended without the dialect's
    /// normal end. Call it until `None`; the scanner is then ready for another stream.
    pub fn finish(&mut self) -> Option<Event<'_, M>> {
        if let Some(reason) = self.pending_finish.take() {
            return Some(Event::Finish(reason));
        }
        if self.dispatched {
            self.reset_event();
        }
        if self.mode == Mode::Body && self.has_data {
            let action = self.decide_body();
            return Some(self.emit(action));
        }
        if self.line_len > 0 {
            self.end_line();
        }
        if self.has_data {
            match self.decide_event() {
                Action::Skip => self.reset_event(),
                action => return Some(self.emit(action)),
            }
        }
        if !self.ended && !self.cut_reported {
            self.cut_reported = true;
            return Some(Event::Cut);
        }
        // Nothing left: ready for a new stream.
        self.reset();
        None
    }

    /// The in-band error the last [`Event::Error`] lent, kept until the scanner is reset (by
    /// [`Scanner::reset`], or by [`Scanner::finish`] once it has nothing left): for a caller that
    /// stops reading at it and wants it after its reading loop (without copying it first).
    pub fn last_error(&self) -> Option<&ApiError<M>> {
        self.error_kept.then_some(&self.error)
    }

    /// Forgets everything: the scanner is as new, for another stream.
    pub fn reset(&mut self) {
        *self = Self::with_capacities();
    }

    /// Before the first line, tells a plain JSON body from events; in body mode, takes all of
    /// `input`. `true` when it consumed bytes.
    fn take_body(&mut self, input: &mut &[u8]) -> bool {
        if self.mode == Mode::Undecided {
            let Some(&first) = input.first() else {
                return false;
            };
            match first {
                b' ' | b'\t' | b'\r' | b'\n' => {
                    *input = input.get(1..).unwrap_or_default();
                    return true;
                }
                b'{' | b'[' => {
                    self.mode = Mode::Body;
                    self.has_data = true;
                }
                _ => {
                    self.mode = Mode::Events;
                    return false;
                }
            }
        }
        self.push_data(input);
        *input = &[];
        true
    }

    /// Skips a byte order mark at the very start of the stream; `true` when it consumed a byte.
    fn skip_bom(&mut self, input: &mut &[u8]) -> bool {
        const BOM: [u8; 3] = [0xEF, 0xBB, 0xBF];
        if self.started {
            return false;
        }
        let expected = BOM.get(usize::from(self.bom)).copied();
        match (input.split_first(), expected) {
            (Some((&byte, rest)), Some(want)) if byte == want => {
                *input = rest;
                self.bom += 1;
                if usize::from(self.bom) == BOM.len() {
                    self.started = true;
                }
                true
            }
            _ => {
                // A partial mark followed by something else: those bytes were not a mark, but they
                // are gone; the line they began is unreadable anyway.
                self.started = true;
                false
            }
        }
    }

    /// Takes the bytes of a line up to (not including) its end.
    fn take_line_part(&mut self, mut part: &[u8]) {
        self.line_len = self.line_len.saturating_add(part.len());
        while !part.is_empty() {
            match self.field {
                Field::Name => {
                    let colon = part.iter().position(|&b| b == b':');
                    let name = colon.map_or(part, |at| part.get(..at).unwrap_or_default());
                    if self.name.extend_from_slice(name).is_err() {
                        self.name_overflow = true;
                    }
                    let Some(at) = colon else { return };
                    part = part.get(at.saturating_add(1)..).unwrap_or_default();
                    self.field = self.begin_value();
                }
                Field::Data | Field::Event => {
                    if self.skip_space {
                        self.skip_space = false;
                        if let Some(rest) = part.strip_prefix(b" ") {
                            part = rest;
                            continue;
                        }
                    }
                    if self.field == Field::Data {
                        self.push_data(part);
                    } else {
                        self.event_name.push(part);
                    }
                    return;
                }
                Field::Skip => return,
            }
        }
    }

    /// The colon of a line was reached: decide what its value is for.
    fn begin_value(&mut self) -> Field {
        self.skip_space = true;
        match (self.name.as_slice(), self.name_overflow) {
            (b"data", false) => {
                self.begin_data_line();
                Field::Data
            }
            (b"event", false) => {
                self.event_name.clear();
                Field::Event
            }
            _ => Field::Skip,
        }
    }

    fn begin_data_line(&mut self) {
        if self.has_data {
            self.push_data(b"\n");
        }
        self.has_data = true;
    }

    fn push_data(&mut self, bytes: &[u8]) {
        self.data_len = self.data_len.saturating_add(bytes.len());
        // Keep what fits: an over-long event is skipped, but its start tells whether it is an error.
        let room = B.saturating_sub(self.data.len());
        let _ = self
            .data
            .extend_from_slice(bytes.get(..room).unwrap_or(bytes));
    }

    /// A line ended; `true` when it was blank (the event is complete).
    fn end_line(&mut self) -> bool {
        let blank = self.line_len == 0;
        if self.field == Field::Name
            && !blank
            && !self.name_overflow
            && self.name.as_slice() == b"data"
        {
            // `data` without a colon: an empty data line.
            self.begin_data_line();
        }
        self.name.clear();
        self.name_overflow = false;
        self.field = Field::Name;
        self.line_len = 0;
        self.skip_space = false;
        blank
    }

    /// What the collected data of an event means.
    fn decide_event(&mut self) -> Action {
        let data = self.data.as_slice();
        let name = self.event_name.check();
        if self.data_len > B {
            // Too long to read whole; an error must not pass as a chunk, though: `event: error`, or
            // kept bytes that open an error envelope, make it an error that keeps what was read
            // complete before the cut (DESIGN §2.3).
            let fields = Fields::scan(data);
            if matches!(name, "error" | "response.failed") || fields.is_error_envelope() {
                self.ended = true;
                self.error.refill_from_fields(200, data, &fields, true);
                self.error.mark_body_cut();
                return Action::Error;
            }
            // The event's name still tells an end (a `response.completed` carries the whole answer,
            // easily over the buffer).
            return match name {
                "message_stop" => self.end_marker(),
                "response.completed" | "response.incomplete" => {
                    let reason = match name {
                        "response.completed" => FinishReason::Completed,
                        _ => FinishReason::Incomplete,
                    };
                    self.ended = true;
                    Action::Chunk {
                        finish_reason: Some(reason),
                        text: None,
                        reasoning: None,
                    }
                }
                _ => Action::Overlong(self.data_len),
            };
        }
        if data.trim_ascii() == b"[DONE]" {
            return self.end_marker();
        }
        let stream = StreamFields::scan(data);
        let name = match (name, stream.event_type) {
            ("", Some(event_type)) => event_type.text(),
            (name, _) => name,
        };
        let finish_reason = match name {
            "ping" => return Action::Skip,
            "message_stop" => return self.end_marker(),
            "response.failed" => {
                self.ended = true;
                let error = stream.response_error.unwrap_or_default();
                let fields = Fields::scan(error);
                self.error.refill_from_fields(200, error, &fields, true);
                return Action::Error;
            }
            "error" => return self.error_event(),
            _ if stream.has_error => return self.error_event(),
            "response.completed" => Some(FinishReason::Completed),
            "response.incomplete" => Some(
                stream
                    .finish_reason
                    .map_or(FinishReason::Incomplete, |raw| {
                        FinishReason::parse_raw(raw.text())
                    }),
            ),
            _ => stream
                .finish_reason
                .map(|raw| FinishReason::parse_raw(raw.text())),
        };
        let (text, reasoning) = match name {
            "response.output_text.delta" => (stream.bare_delta, None),
            "response.reasoning_text.delta" | "response.reasoning_summary_text.delta" => {
                (None, stream.bare_delta)
            }
            _ => (stream.text, stream.reasoning),
        };
        let span = |raw: Option<RawStr<'_>>| raw.and_then(|raw| span_in(data, raw.bytes()));
        let (text, reasoning) = (span(text), span(reasoning));
        self.ended |= finish_reason.is_some();
        Action::Chunk {
            finish_reason,
            text,
            reasoning,
        }
    }

    /// A plain JSON body where a stream was expected, collected whole.
    fn decide_body(&mut self) -> Action {
        let data = self.data.as_slice();
        let fields = Fields::scan(data);
        let is_error = fields.is_error_envelope() || fields.code().stands_for().is_some();
        if is_error {
            self.ended = true;
            self.error.refill_from_fields(200, data, &fields, true);
            if self.data_len > B {
                self.error.mark_body_cut();
            }
            return Action::Error;
        }
        if self.data_len > B {
            return Action::Overlong(self.data_len);
        }
        // A whole completion (not streamed): its finish reason is the end.
        let finish_reason = StreamFields::scan(data)
            .finish_reason
            .map(|raw| FinishReason::parse_raw(raw.text()));
        self.ended |= finish_reason.is_some();
        Action::Chunk {
            finish_reason,
            text: None,
            reasoning: None,
        }
    }

    /// An error event, classified like an error body under HTTP 200.
    fn error_event(&mut self) -> Action {
        self.ended = true;
        let data = self.data.as_slice();
        self.error
            .refill_from_fields(200, data, &Fields::scan(data), true);
        Action::Error
    }

    /// `[DONE]` or `message_stop`: the first is reported, later ones are not.
    fn end_marker(&mut self) -> Action {
        self.ended = true;
        if core::mem::replace(&mut self.done, true) {
            Action::Skip
        } else {
            Action::Done
        }
    }

    /// Builds the event an action stands for (it borrows the buffer until the next call).
    fn emit(&mut self, action: Action) -> Event<'_, M> {
        self.dispatched = true;
        match action {
            Action::Skip | Action::Done => Event::Done,
            Action::Overlong(len) => Event::Overlong(len),
            Action::Error => {
                self.error_kept = true;
                Event::Error(&self.error)
            }
            Action::Chunk {
                finish_reason,
                text,
                reasoning,
            } => {
                self.pending_finish = finish_reason.clone();
                let data = self.data.as_slice();
                let delta = |kind, span: Option<(usize, usize)>| {
                    let (start, end) = span?;
                    let raw = core::str::from_utf8(data.get(start..end)?).ok()?;
                    Some(Delta::new(kind, raw))
                };
                let event = Some(self.event_name.as_str()).filter(|n| !n.is_empty());
                Event::Chunk(Chunk {
                    data,
                    event,
                    finish_reason,
                    text: delta(DeltaKind::Text, text),
                    reasoning: delta(DeltaKind::Reasoning, reasoning),
                })
            }
        }
    }

    /// Forgets the current event (after it was returned, or when it had no data).
    fn reset_event(&mut self) {
        self.data.clear();
        self.data_len = 0;
        self.has_data = false;
        self.event_name.clear();
        self.dispatched = false;
    }
}

/// Where `part` (a slice of `data`) lies in `data`, as byte offsets.
fn span_in(data: &[u8], part: &[u8]) -> Option<(usize, usize)> {
    let start = (part.as_ptr() as usize).checked_sub(data.as_ptr() as usize)?;
    let end = start.checked_add(part.len())?;
    (end <= data.len()).then_some((start, end))
}
