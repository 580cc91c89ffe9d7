//! The incremental SSE scanner.

use heapless::Vec;

use super::event::{Chunk, Event};
use crate::body::fields::Fields;
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

/// An incremental scanner for server-sent events, fed chunks of any size: a split can fall anywhere,
/// inside a line, a `\r\n`, a UTF-8 character or a JSON string. `\n`, `\r\n` and `\r` end lines;
/// comments (`: keep-alive`) and unknown fields are ignored. Data events hold at most `B` bytes; a
/// longer one is reported as [`Event::Overlong`] and skipped (or as an [`Event::Error`] when it
/// is an error event), and scanning goes on. Error events keep a message of up to `M` bytes. The
/// scanner is about `B` + 190 bytes: on a small task stack, keep it in a `static` or the task's state.
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
    event_name: Vec<u8, 16>,
    event_name_overflow: bool,
    name: Vec<u8, 8>,
    name_overflow: bool,
    field: Field,
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
            event_name: Vec::new(),
            event_name_overflow: false,
            name: Vec::new(),
            name_overflow: false,
            field: Field::Name,
            line_len: 0,
            skip_space: false,
            after_cr: false,
            bom: 0,
            started: false,
            dispatched: false,
            pending_finish: None,
        }
    }

    /// Consumes bytes from the front of `input` until an event is complete, and returns it; returns
    /// `None` once `input` is used up. Call it in a loop until `None`, then feed the next chunk.
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
            if self.after_cr {
                self.after_cr = false;
                if let Some(rest) = input.strip_prefix(b"\n") {
                    *input = rest;
                    continue;
                }
            }
            let end = input.iter().position(|&b| b == b'\n' || b == b'\r');
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
                if self.has_data {
                    return self.dispatch();
                }
                // A blank line after an event without data (a comment, a lone `event:`): nothing.
                self.reset_event();
            }
        }
        None
    }

    /// Ends the stream: an event still pending (the stream was cut before its blank line) is
    /// dispatched as it is; a cut JSON chunk then reads as data without a finish reason.
    pub fn finish(&mut self) -> Option<Event<'_, M>> {
        if let Some(reason) = self.pending_finish.take() {
            return Some(Event::Finish(reason));
        }
        if self.dispatched {
            self.reset_event();
        }
        if self.line_len > 0 {
            self.end_line();
        }
        if self.has_data {
            return self.dispatch();
        }
        // Nothing left: ready for a new stream.
        self.reset();
        None
    }

    /// Forgets everything: the scanner is as new, for another stream.
    pub fn reset(&mut self) {
        *self = Self::with_capacities();
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
                    } else if self.event_name.extend_from_slice(part).is_err() {
                        self.event_name_overflow = true;
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
                self.event_name_overflow = false;
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

    /// Turns the collected data into an event (or nothing, for an event without data).
    fn dispatch(&mut self) -> Option<Event<'_, M>> {
        if !self.has_data {
            self.reset_event();
            return None;
        }
        self.dispatched = true;
        let data = self.data.as_slice();
        let named_error = !self.event_name_overflow && self.event_name.as_slice() == b"error";
        if self.data_len > B {
            // Too long to read whole; an error must not pass as a chunk, though: `event: error`, or
            // kept bytes that open an error envelope, make it an (unexplained) error event.
            let fields = Fields::scan_bytes(data);
            if named_error || fields.is_error_envelope() {
                // Cut by the buffer: what was complete before the cut still counts (DESIGN §2.3).
                let mut error = ApiError::from_fields(200, data, &fields, true);
                error.mark_body_cut();
                return Some(Event::Error(error));
            }
            return Some(Event::Overlong(self.data_len));
        }
        if data.trim_ascii() == b"[DONE]" {
            return Some(Event::Done);
        }
        let fields = Fields::scan_bytes(data);
        if named_error || fields.is_error_envelope() {
            return Some(Event::Error(ApiError::from_fields(
                200, data, &fields, true,
            )));
        }
        // An empty reason is no reason (like null).
        let finish_reason = fields
            .finish_reason
            .filter(|raw| !raw.0.is_empty())
            .map(|raw| FinishReason::parse_raw(raw.0));
        self.pending_finish = finish_reason.clone();
        Some(Event::Chunk(Chunk {
            data,
            finish_reason,
        }))
    }

    /// Forgets the current event (after it was returned, or when it had no data).
    fn reset_event(&mut self) {
        self.data.clear();
        self.data_len = 0;
        self.has_data = false;
        self.event_name.clear();
        self.event_name_overflow = false;
        self.dispatched = false;
    }
}
