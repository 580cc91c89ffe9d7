//! An iterative, panic-free JSON cursor: just enough JSON to find a few fields in any body.
//!
//! It never recurses: containers it does not care about are skipped by counting brackets, so any
//! nesting depth costs constant stack. It is lenient inside skipped containers and strict where
//! fields are read. It reads bytes: only the strings it passes are checked for UTF-8 (nothing else
//! may hold a byte above 0x7F), so no pass over the whole body comes first.

/// How deep containers may nest in a body (serde_json allows 128): one bit of stack a level.
pub(crate) const NESTING_LIMIT: usize = 1024;

/// The input is not the JSON the cursor expected at this point.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Malformed;

use super::raw_str::RawStr;

/// The text a UTF-8 check made, kept on 64-bit targets. Microcontrollers keep nothing (a zero-sized
/// marker): their small validator makes no text.
#[cfg(target_pointer_width = "64")]
pub(crate) type Checked<'a> = Option<&'a str>;
/// See above.
#[cfg(not(target_pointer_width = "64"))]
pub(crate) type Checked<'a> = core::marker::PhantomData<&'a str>;

/// A scalar value as it appeared: a string or the bytes of a number or literal.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Scalar<'a> {
    Str(RawStr<'a>),
    Bare(&'a [u8]),
}

/// A position in a body.
pub(crate) struct Cursor<'a> {
    bytes: &'a [u8],
    pos: usize,
    /// The part read of the last string the input ended in (escapes complete), if any.
    partial: Option<RawStr<'a>>,
    /// Invalid UTF-8 was met: the input was cut just before it (a break, not a cut).
    invalid_utf8: bool,
    /// The input checked for UTF-8 at the first string that needed it (64-bit targets).
    #[cfg(target_pointer_width = "64")]
    window: Option<super::window::Window<'a>>,
}

impl<'a> Cursor<'a> {
    pub(crate) fn new(bytes: &'a [u8]) -> Self {
        Self {
            bytes,
            pos: 0,
            partial: None,
            invalid_utf8: false,
            #[cfg(target_pointer_width = "64")]
            window: None,
        }
    }

    /// The input from the cursor on.
    pub(crate) fn rest(&self) -> &'a [u8] {
        self.bytes.get(self.pos..).unwrap_or_default()
    }

    /// Moves `len` bytes on (past bytes the caller has matched in [`Cursor::rest`]).
    #[cfg(target_pointer_width = "64")]
    pub(crate) fn advance(&mut self, len: usize) {
        self.pos = self.pos.saturating_add(len);
    }

    pub(crate) fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn bump(&mut self) {
        self.pos = self.pos.saturating_add(1);
    }

    pub(crate) fn skip_ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.bump();
        }
    }

    /// Skips a UTF-8 byte order mark, if the input starts with one.
    pub(crate) fn skip_bom(&mut self) {
        if self.rest().starts_with("\u{feff}".as_bytes()) {
            self.pos = self.pos.saturating_add(3);
        }
    }

    /// How far the cursor is into the input, in bytes.
    pub(crate) fn position(&self) -> usize {
        self.pos
    }

    pub(crate) fn at_end(&self) -> bool {
        self.pos >= self.bytes.len()
    }

    /// Whether the input held invalid UTF-8 (where the cursor stopped).
    pub(crate) fn met_invalid_utf8(&self) -> bool {
        self.invalid_utf8
    }

    fn eat(&mut self, byte: u8) -> Result<(), Malformed> {
        if self.peek() == Some(byte) {
            self.bump();
            Ok(())
        } else {
            Err(Malformed)
        }
    }

    /// Reads a string; the cursor must be on its opening quote. When the input ends inside it, the
    /// part read (up to the last complete escape or char) is kept for [`Cursor::take_partial`] and
    /// the cursor moves to the end. Invalid UTF-8 ends the input there: the string is cut just
    /// before it and [`Cursor::met_invalid_utf8`] says so.
    #[cfg(target_pointer_width = "64")]
    #[inline(always)] // hot: see `bytes::string_stop`
    pub(crate) fn string(&mut self) -> Result<RawStr<'a>, Malformed> {
        self.string_to::<false>()
    }

    /// [`Cursor::string`] for a string expected to be long (a message), found by
    /// [`long_string_stop_from_start`](crate::bytes::long_string_stop_from_start) (64-bit targets).
    #[cfg(target_pointer_width = "64")]
    pub(crate) fn long_string(&mut self) -> Result<RawStr<'a>, Malformed> {
        self.string_to::<true>()
    }

    /// [`Cursor::string`], its run's end found from its start in blocks when `LONG` (64-bit targets).
    #[cfg(target_pointer_width = "64")]
    #[inline(always)]
    fn string_to<const LONG: bool>(&mut self) -> Result<RawStr<'a>, Malformed> {
        self.eat(b'"')?;
        let start = self.pos;
        let run = match LONG {
            true => crate::bytes::long_string_stop_from_start(self.rest()),
            false => crate::bytes::string_stop(self.rest()),
        };
        // The usual string, in one run up to its closing quote (no escape), is read here; any other
        // (escapes, a cut, invalid UTF-8, a control byte) by the general loop, out of line.
        if let (Some(stop), non_ascii) = run
            && let Some(end) = start.checked_add(stop)
            && self.bytes.get(end) == Some(&b'"')
            && let Some(raw) = self.bytes.get(start..end)
        {
            let text = match non_ascii {
                false => None,
                true => match self.check_utf8(start, end) {
                    Ok(text) => text,
                    Err(_) => return self.string_rest(start),
                },
            };
            self.pos = end + 1;
            return Ok(RawStr::without_escape(raw, text, !non_ascii));
        }
        self.string_rest(start)
    }

    /// See above (microcontrollers: the general loop only, which keeps firmware small).
    #[cfg(not(target_pointer_width = "64"))]
    pub(crate) fn string(&mut self) -> Result<RawStr<'a>, Malformed> {
        self.eat(b'"')?;
        self.string_rest(self.pos)
    }

    /// The general loop of [`Cursor::string`], from `start` (just past the opening quote): runs of
    /// text between escapes, each checked for UTF-8 and control bytes.
    #[cfg_attr(target_pointer_width = "64", inline(never))]
    fn string_rest(&mut self, start: usize) -> Result<RawStr<'a>, Malformed> {
        self.pos = start;
        loop {
            let run_start = self.pos;
            let (stop, non_ascii) = crate::bytes::string_stop(self.rest());
            let run_end = stop.map_or(self.bytes.len(), |stop| self.pos.saturating_add(stop));
            let mut run_text = Checked::default();
            if non_ascii {
                match self.check_utf8(run_start, run_end) {
                    Ok(text) => run_text = text,
                    Err((valid, incomplete)) => {
                        let at = run_start.saturating_add(valid);
                        // A char the input ends inside is a cut; any other invalid byte a break.
                        let cut = incomplete && run_end == self.bytes.len();
                        return Err(self.end_input(start, at, at, !cut));
                    }
                }
            }
            let Some(stop) = stop else {
                return Err(self.cut_inside_string(start, self.bytes.len()));
            };
            self.pos = self.pos.saturating_add(stop);
            match self.peek() {
                Some(b'"') => {
                    let raw = self.bytes.get(start..self.pos).ok_or(Malformed)?;
                    self.bump();
                    // What the run's scan learned is the string's only when one run makes the
                    // whole string (no escape).
                    return Ok(match run_start == start {
                        true => RawStr::without_escape(raw, run_text, !non_ascii),
                        false => RawStr::new(raw),
                    });
                }
                // A backslash: one of JSON's escapes must follow.
                Some(b'\\') => {}
                // A raw control character: JSON requires it escaped.
                _ => return Err(Malformed),
            }
            let escape_len = match self.bytes.get(self.pos.saturating_add(1)) {
                None => return Err(self.cut_inside_string(start, self.pos)),
                Some(b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't') => 2,
                Some(b'u') => {
                    // Four hex digits; the input may end before them (a cut escape).
                    for at in 2..6 {
                        match self.bytes.get(self.pos.saturating_add(at)) {
                            Some(b) if b.is_ascii_hexdigit() => {}
                            Some(_) => return Err(self.bad_escape(start, at)),
                            None => return Err(self.cut_inside_string(start, self.pos)),
                        }
                    }
                    6
                }
                _ => return Err(self.bad_escape(start, 1)),
            };
            self.pos = self.pos.saturating_add(escape_len);
        }
    }

    /// Checks `start..end` of the input (a run of a string with non-ASCII bytes) for UTF-8: its text
    /// when valid (on 64-bit targets with SIMD checks, cut from the checked
    /// [`Window`](super::window::Window) when it holds it), else where the first bad byte is and
    /// whether the run merely ends inside a char.
    fn check_utf8(&mut self, start: usize, end: usize) -> Result<Checked<'a>, (usize, bool)> {
        #[cfg(target_pointer_width = "64")]
        if crate::bytes::SIMD_UTF8 {
            let window = match self.window {
                Some(window) if window.reaches(end) => window,
                _ => *self
                    .window
                    .insert(super::window::Window::check(self.bytes, start, end)),
            };
            if let Some(text) = window.text(start, end) {
                return Ok(Some(text));
            }
        }
        crate::bytes::check_utf8(self.bytes.get(start..end).unwrap_or_default())
    }

    /// The escape at the cursor breaks at its byte `at` (counted from the backslash). A byte above
    /// 0x7F there breaks the string as invalid UTF-8 does anywhere in it (no escape has one): the
    /// input ends before it, so the escape is cut and the string before the backslash is kept. Any
    /// other byte makes the string malformed.
    fn bad_escape(&mut self, start: usize, at: usize) -> Malformed {
        let from = self.pos.saturating_add(at);
        match self.bytes.get(from) {
            Some(&b) if b > 0x7F => self.end_input(start, from, self.pos, true),
            _ => Malformed,
        }
    }

    /// The input ends at `end` (before invalid UTF-8 when `invalid`, a break; else where it was
    /// cut) inside a string that began at `start`: keeps `start..kept` as its partial string.
    fn end_input(&mut self, start: usize, end: usize, kept: usize, invalid: bool) -> Malformed {
        self.invalid_utf8 = invalid;
        self.bytes = self.bytes.get(..end).unwrap_or_default();
        self.cut_inside_string(start, kept)
    }

    /// The input ended inside a string that began at `start`: keeps `start..end` as the partial
    /// string and moves to the end.
    fn cut_inside_string(&mut self, start: usize, end: usize) -> Malformed {
        self.partial = self.bytes.get(start..end).map(RawStr::new);
        self.pos = self.bytes.len();
        Malformed
    }

    /// The part read of the string the input ended in, if the last failure was that.
    pub(crate) fn take_partial(&mut self) -> Option<RawStr<'a>> {
        self.partial.take()
    }

    /// Reads a number or a literal (`true`, `false`, `null`), checked against JSON's grammar (so
    /// `0607`, `+1`, `1.` or `nul` are malformed, as they are for any JSON parser). A token that the
    /// input ends with is malformed too (it may be cut): only a value inside a container is read
    /// this way.
    fn bare(&mut self) -> Result<&'a [u8], Malformed> {
        let rest = self.rest();
        // The usual bare values, a literal or a plain integer (`null`, `0`, `1760000000`), read at
        // once (64-bit targets): then a byte that ends a value must follow.
        #[cfg(target_pointer_width = "64")]
        {
            let len = match rest.first() {
                Some(b'n') if rest.starts_with(b"null") => 4,
                Some(b't') if rest.starts_with(b"true") => 4,
                Some(b'f') if rest.starts_with(b"false") => 5,
                // No leading zero: `0` alone.
                Some(b'0') => 1,
                _ => crate::bytes::leading_digits(rest),
            };
            if let (Some(token), Some(b',' | b'}' | b']' | b' ' | b'\n' | b'\r' | b'\t')) =
                (rest.get(..len), rest.get(len))
                && len > 0
            {
                self.pos += len;
                return Ok(token);
            }
        }
        let len = rest
            .iter()
            // A byte above 0x7F right after a number is part of the token, as a letter is: no number.
            .position(|&b| {
                !(b.is_ascii_alphanumeric() || matches!(b, b'-' | b'+' | b'.') || b > 0x7F)
            })
            .unwrap_or(rest.len());
        let token = rest.get(..len).ok_or(Malformed)?;
        if len == rest.len() {
            // The input ends with the token: it may have been cut (`13` of `1302`).
            self.pos = self.bytes.len();
            return Err(Malformed);
        }
        if !is_json_bare(token) {
            return Err(Malformed);
        }
        self.pos = self.pos.saturating_add(len);
        Ok(token)
    }

    /// Reads a scalar, or skips a container and returns `None`.
    #[cfg_attr(target_pointer_width = "64", inline(always))]
    pub(crate) fn value(&mut self) -> Result<Option<Scalar<'a>>, Malformed> {
        match self.peek() {
            Some(b'"') => self.string().map(|s| Some(Scalar::Str(s))),
            Some(b'{' | b'[') => self.skip_container().map(|()| None),
            Some(_) => self.bare().map(|b| Some(Scalar::Bare(b))),
            None => Err(Malformed),
        }
    }

    /// Skips a whole object or array without recursion, checking it against JSON's grammar: a bit
    /// per level remembers object or array, so at most [`NESTING_LIMIT`] levels (deeper is malformed).
    fn skip_container(&mut self) -> Result<(), Malformed> {
        /// What may come next.
        #[derive(Clone, Copy, PartialEq, Eq)]
        enum Next {
            Value,
            ValueOrClose,
            Key,
            KeyOrClose,
            Colon,
            CommaOrClose,
        }
        let mut in_object = Levels::new();
        let mut depth = 0usize;
        let mut next = Next::Value;
        let is_object = |levels: &Levels, depth: usize| {
            depth
                .checked_sub(1)
                .is_some_and(|level| levels.is_object(level))
        };
        loop {
            let mut byte = self.peek().ok_or(Malformed)?;
            if matches!(byte, b' ' | b'\t' | b'\n' | b'\r') {
                self.skip_ws();
                byte = self.peek().ok_or(Malformed)?;
            }
            match (next, byte) {
                (Next::Value | Next::ValueOrClose, b'[') => {
                    // A run of openings at once (deep bodies are runs of brackets).
                    // (Counted no further than the limit: a deeper run is malformed at once.)
                    let run = self
                        .rest()
                        .iter()
                        .take(NESTING_LIMIT + 1)
                        .take_while(|&&b| b == b'[')
                        .count();
                    let to = depth.saturating_add(run);
                    in_object.mark(depth, to, false)?;
                    depth = to;
                    self.pos = self.pos.saturating_add(run);
                    next = Next::ValueOrClose;
                }
                (Next::Value | Next::ValueOrClose, b'{') => {
                    in_object.mark(depth, depth.saturating_add(1), true)?;
                    depth += 1;
                    next = Next::KeyOrClose;
                    self.bump();
                }
                (Next::ValueOrClose | Next::CommaOrClose, b']') => {
                    // A run of closings at once (up to this container's own): each level it closes
                    // must be an array.
                    let run = self.rest().iter().take_while(|&&b| b == b']').count();
                    let from = depth.saturating_sub(run);
                    if !in_object.are_arrays(from, depth) {
                        return Err(Malformed);
                    }
                    self.pos = self.pos.saturating_add(depth - from);
                    depth = from;
                    next = Next::CommaOrClose;
                }
                (Next::KeyOrClose, b'}') => {
                    depth = depth.saturating_sub(1); // > 0: only an open container expects its close
                    self.bump();
                    next = Next::CommaOrClose;
                }
                (Next::CommaOrClose, b'}') if is_object(&in_object, depth) => {
                    depth = depth.saturating_sub(1); // > 0 whenever a comma or close is expected
                    self.bump();
                    next = Next::CommaOrClose;
                }
                (Next::CommaOrClose, b',') => {
                    self.bump();
                    next = if is_object(&in_object, depth) {
                        Next::Key
                    } else {
                        Next::Value
                    };
                }
                (Next::Key | Next::KeyOrClose, b'"') => {
                    // A short key and its colon at once (64-bit targets), else the key alone.
                    #[cfg(target_pointer_width = "64")]
                    if self.short_key().is_some() {
                        next = Next::Value;
                        continue;
                    }
                    self.string()?;
                    next = Next::Colon;
                }
                (Next::Colon, b':') => {
                    self.bump();
                    next = Next::Value;
                }
                (Next::Value | Next::ValueOrClose, b'"') => {
                    self.string()?;
                    next = Next::CommaOrClose;
                }
                (Next::Value | Next::ValueOrClose, b'-' | b'0'..=b'9' | b't' | b'f' | b'n') => {
                    self.bare()?;
                    next = Next::CommaOrClose;
                }
                _ => return Err(Malformed),
            }
            if depth == 0 {
                return Ok(());
            }
        }
    }

    /// Walks the members of the object the cursor is on. `on_member` gets each key and must consume
    /// the value (with [`Cursor::value`] or a nested [`Cursor::object`]).
    pub(crate) fn object(
        &mut self,
        mut on_member: impl FnMut(&mut Self, RawStr<'a>) -> Result<(), Malformed>,
    ) -> Result<(), Malformed> {
        let mut first = self.open_object()?;
        while let Some(key) = self.next_key(&mut first)? {
            on_member(self, key)?;
        }
        Ok(())
    }

    /// Enters the object the cursor is on; then [`Cursor::next_key`] walks its members. Returns the
    /// `first` flag `next_key` keeps.
    pub(crate) fn open_object(&mut self) -> Result<bool, Malformed> {
        self.eat(b'{')?;
        Ok(true)
    }

    /// The next member's key, the cursor then on its value (which the caller must consume), or
    /// `None` past the object's end. Not generic, so every object walk shares this code (on 64-bit
    /// targets it is inlined into each walk instead: a call costs a third of a short key's time).
    #[cfg_attr(target_pointer_width = "64", inline(always))]
    pub(crate) fn next_key(&mut self, first: &mut bool) -> Result<Option<RawStr<'a>>, Malformed> {
        self.skip_ws();
        match (self.peek(), *first) {
            (Some(b'}'), _) => {
                self.bump();
                return Ok(None);
            }
            (Some(b','), false) => {
                self.bump();
                self.skip_ws();
            }
            (_, true) => {}
            _ => return Err(Malformed),
        }
        *first = false;
        #[cfg(target_pointer_width = "64")]
        if let Some(key) = self.short_key() {
            return Ok(Some(key));
        }
        let key = self.string()?;
        self.skip_ws();
        self.eat(b':')?;
        self.skip_ws();
        Ok(Some(key))
    }

    /// A short key and its colon at once, the cursor then on the value (64-bit targets): `"`, a
    /// short plain string ([`crate::bytes::short_string`]) and `:` right after it. `None` (the
    /// cursor unmoved) for any other key, which [`Cursor::string`] then reads.
    #[cfg(target_pointer_width = "64")]
    #[inline(always)]
    fn short_key(&mut self) -> Option<RawStr<'a>> {
        let (&b'"', after) = self.rest().split_first()? else {
            return None;
        };
        let len = crate::bytes::short_string(after, 16)?;
        if after.get(len + 1) != Some(&b':') {
            return None;
        }
        let key = after.get(..len)?;
        self.pos += len + 3;
        self.skip_ws();
        Some(RawStr::new(key))
    }

    /// Walks the items of the array the cursor is on; `on_item` must consume each item.
    pub(crate) fn array(
        &mut self,
        mut on_item: impl FnMut(&mut Self) -> Result<(), Malformed>,
    ) -> Result<(), Malformed> {
        self.eat(b'[')?;
        self.skip_ws();
        if self.peek() == Some(b']') {
            self.bump();
            return Ok(());
        }
        loop {
            self.skip_ws();
            on_item(self)?;
            self.skip_ws();
            match self.peek() {
                Some(b',') => self.bump(),
                Some(b']') => {
                    self.bump();
                    return Ok(());
                }
                _ => return Err(Malformed),
            }
        }
    }

    /// Reads any value and returns its raw text (a container whole, a string with its quotes).
    pub(crate) fn raw_value(&mut self) -> Result<&'a [u8], Malformed> {
        let start = self.pos;
        self.value()?;
        self.bytes.get(start..self.pos).ok_or(Malformed)
    }

    /// Skips any one JSON value (used to check that a non-object body is JSON at all).
    pub(crate) fn skip_value(&mut self) -> Result<(), Malformed> {
        self.value().map(|_| ())
    }

    /// The deepest bracket nesting of the input, counted without recursion (strings respected).
    /// Stops counting at `limit + 1`.
    #[cfg(feature = "serde")]
    pub(crate) fn max_depth(json: &[u8], limit: usize) -> usize {
        let mut cursor = Cursor::new(json);
        let (mut depth, mut deepest) = (0usize, 0usize);
        while let Some(byte) = cursor.peek() {
            match byte {
                b'"' => {
                    if cursor.string().is_err() {
                        break;
                    }
                    continue;
                }
                b'{' | b'[' => {
                    depth = depth.saturating_add(1);
                    deepest = deepest.max(depth);
                    if deepest > limit {
                        break;
                    }
                }
                b'}' | b']' => depth = depth.saturating_sub(1),
                _ => {}
            }
            cursor.bump();
        }
        deepest
    }
}

/// Whether `token` is a JSON scalar that is not a string: a number or a literal.
pub(crate) fn is_json_bare(token: &[u8]) -> bool {
    const LITERALS: &[u8] = crate::bytes::packed_names!(b"true", b"false", b"null");
    crate::bytes::position_in(LITERALS, |literal| literal == token).is_some()
        || is_json_number(token)
}

/// Whether `token` is a JSON number: `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`. A small
/// state machine: each byte moves it on or refuses the token.
fn is_json_number(token: &[u8]) -> bool {
    /// Where the number is: what was read last.
    #[derive(Clone, Copy, PartialEq, Eq)]
    enum At {
        Start,
        Minus,
        Zero,
        Int,
        Point,
        Fraction,
        E,
        ESign,
        Exponent,
    }
    let mut at = At::Start;
    for &byte in token {
        at = match (at, byte) {
            (At::Start, b'-') => At::Minus,
            (At::Start | At::Minus, b'0') => At::Zero,
            (At::Start | At::Minus, b'1'..=b'9') | (At::Int, b'0'..=b'9') => At::Int,
            (At::Zero | At::Int, b'.') => At::Point,
            (At::Point | At::Fraction, b'0'..=b'9') => At::Fraction,
            (At::Zero | At::Int | At::Fraction, b'e' | b'E') => At::E,
            (At::E, b'+' | b'-') => At::ESign,
            (At::E | At::ESign | At::Exponent, b'0'..=b'9') => At::Exponent,
            _ => return false,
        };
    }
    matches!(at, At::Zero | At::Int | At::Fraction | At::Exponent)
}

/// A stack of one bit a nesting level: object (set) or array, for [`NESTING_LIMIT`] levels.
struct Levels([u32; NESTING_LIMIT / 32]);

impl Levels {
    fn new() -> Self {
        Self([0; NESTING_LIMIT / 32])
    }

    /// Marks levels `from..to` as objects (`true`) or arrays; deeper than [`NESTING_LIMIT`] is
    /// malformed.
    fn mark(&mut self, from: usize, to: usize, object: bool) -> Result<(), Malformed> {
        if to > NESTING_LIMIT {
            return Err(Malformed);
        }
        for level in from..to {
            let word = self.0.get_mut(level / 32).ok_or(Malformed)?;
            let bit = 1 << (level % 32);
            *word = if object { *word | bit } else { *word & !bit };
        }
        Ok(())
    }

    fn is_object(&self, level: usize) -> bool {
        self.0
            .get(level / 32)
            .is_some_and(|word| word >> (level % 32) & 1 == 1)
    }

    /// Whether levels `from..to` are all arrays.
    fn are_arrays(&self, from: usize, to: usize) -> bool {
        (from..to).all(|level| !self.is_object(level))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_number_grammar_is_json_s() {
        for good in [
            "0", "-0", "7", "1302", "-12.5", "0.5", "1e3", "1E+3", "2.5e-10", "-0.0e0",
        ] {
            assert!(is_json_number(good.as_bytes()), "{good}");
        }
        for bad in [
            "", "-", "+1", "01", "0607", "1.", ".5", "1e", "1e+", "--1", "1.2.3", "0x10", "1e3.5",
        ] {
            assert!(!is_json_number(bad.as_bytes()), "{bad}");
        }
        assert!(is_json_bare(b"true") && is_json_bare(b"null") && !is_json_bare(b"nul"));
    }

    #[test]
    fn the_bit_stack_remembers_objects_and_arrays_up_to_the_limit() {
        let mut levels = Levels::new();
        assert!(levels.mark(0, 100, true).is_ok());
        assert!(levels.mark(10, 20, false).is_ok());
        assert!(levels.are_arrays(10, 20));
        assert!(!levels.are_arrays(9, 20) && !levels.are_arrays(10, 21));
        assert!(levels.is_object(31) && levels.is_object(32) && !levels.is_object(100));
        assert!(levels.mark(NESTING_LIMIT - 1, NESTING_LIMIT, false).is_ok());
        assert_eq!(
            levels.mark(NESTING_LIMIT - 1, NESTING_LIMIT + 1, false),
            Err(Malformed)
        );
    }

    #[test]
    fn containers_are_checked_without_recursion() {
        let skip = |text: &str| {
            let mut cursor = Cursor::new(text.as_bytes());
            cursor.skip_value().map(|()| cursor.at_end())
        };
        assert_eq!(skip(r#"{"a":[1,{"b":null}],"c":"]"}"#), Ok(true));
        assert_eq!(skip("[[[]],[]]"), Ok(true));
        for bad in [
            "[1,]",
            "{\"a\"}",
            "[}",
            "{\"a\":1]",
            "[1 2]",
            "{,}",
            "[",
            "{\"a\":",
        ] {
            assert_eq!(skip(bad), Err(Malformed), "{bad}");
        }
        let deep = "[".repeat(NESTING_LIMIT) + &"]".repeat(NESTING_LIMIT);
        assert_eq!(skip(&deep), Ok(true));
        let deeper = "[".repeat(NESTING_LIMIT + 1) + &"]".repeat(NESTING_LIMIT + 1);
        assert_eq!(skip(&deeper), Err(Malformed));
    }

    #[test]
    fn a_string_the_input_ends_in_keeps_its_complete_part() {
        fn partial(text: &str) -> (bool, Option<&str>, bool) {
            let mut cursor = Cursor::new(text.as_bytes());
            let result = cursor.string();
            (
                result.is_err(),
                cursor.take_partial().map(RawStr::text),
                cursor.at_end(),
            )
        }
        assert_eq!(partial(r#""abc"#), (true, Some("abc"), true));
        // A cut escape is dropped whole.
        assert_eq!(partial(r#""ab\u00"#), (true, Some("ab"), true));
        assert_eq!(partial(r#""ab\"#), (true, Some("ab"), true));
        // A broken string is no cut: nothing kept.
        assert_eq!(partial("\"ab\u{1}c\""), (true, None, false));
        assert_eq!(partial(r#""a\qb""#), (true, None, false));
        assert_eq!(partial(r#""ab""#), (false, None, true));
        // A number the input ends with may be cut: malformed, and the cursor is at the end.
        let mut cursor = Cursor::new(b"13");
        assert_eq!(cursor.bare(), Err(Malformed));
        assert!(cursor.at_end());
    }

    #[test]
    fn strings_are_checked_for_utf8_where_they_are_read() {
        // Invalid UTF-8 cuts the input just before it: a break, with the part before kept.
        let mut cursor = Cursor::new(b"\"ab\xffcd\"");
        assert_eq!(cursor.string(), Err(Malformed));
        assert_eq!(cursor.take_partial(), Some(RawStr::new(b"ab")));
        assert!(cursor.met_invalid_utf8() && cursor.at_end());
        // A char the input ends inside is a cut, not a break.
        let mut cursor = Cursor::new("\"限额".as_bytes().split_last().unwrap().1);
        assert_eq!(cursor.string(), Err(Malformed));
        assert_eq!(cursor.take_partial().map(RawStr::text), Some("限"));
        assert!(!cursor.met_invalid_utf8() && cursor.at_end());
        // Non-ASCII text around escapes, on both sides of a SWAR word.
        let good = "\"限额将在\\n重置 2026 年 \\u4f60 é\"";
        let mut cursor = Cursor::new(good.as_bytes());
        assert_eq!(
            cursor.string().map(RawStr::text),
            Ok(&good[1..good.len() - 1])
        );
        // An overlong encoding or a surrogate is invalid, however it is placed.
        for bad in [
            &b"\"aaaaaaaa\xc0\x80\""[..],
            b"\"\xed\xa0\x80\"",
            b"\"a\\n\xf5\"",
        ] {
            let mut cursor = Cursor::new(bad);
            assert_eq!(cursor.string(), Err(Malformed));
            assert!(cursor.met_invalid_utf8(), "{bad:?}");
        }
    }
}
