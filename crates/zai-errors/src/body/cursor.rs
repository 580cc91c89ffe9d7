//! An iterative, panic-free JSON cursor: just enough JSON to find a few fields in any body.
//!
//! It never recurses: containers it does not care about are skipped by counting brackets, so any
//! nesting depth costs constant stack. It is lenient inside skipped containers and strict where
//! fields are read.

/// How deep containers may nest in a body (serde_json allows 128): one bit of stack a level.
pub(crate) const NESTING_LIMIT: usize = 1024;

/// The input is not the JSON the cursor expected at this point.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Malformed;

/// The raw text between the quotes of a JSON string, escapes not yet decoded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct RawStr<'a>(pub(crate) &'a str);

/// A scalar value as it appeared: a string or the bytes of a number or literal.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Scalar<'a> {
    Str(RawStr<'a>),
    Bare(&'a str),
}

/// A position in a text (the body, once known to be UTF-8: spans are then `&str` for free).
pub(crate) struct Cursor<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    /// The part read of the last string the input ended in (escapes complete), if any.
    partial: Option<RawStr<'a>>,
}

impl<'a> Cursor<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        Self {
            text,
            bytes: text.as_bytes(),
            pos: 0,
            partial: None,
        }
    }

    fn rest(&self) -> &'a [u8] {
        self.bytes.get(self.pos..).unwrap_or_default()
    }

    /// The text from the cursor to the end.
    pub(crate) fn rest_text(&self) -> &'a str {
        self.text.get(self.pos..).unwrap_or_default()
    }

    pub(crate) fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn bump(&mut self) {
        self.pos = self.pos.saturating_add(1);
    }

    pub(crate) fn skip_ws(&mut self) {
        let skipped = self
            .rest()
            .iter()
            .position(|b| !matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
            .unwrap_or(self.rest().len());
        self.pos = self.pos.saturating_add(skipped);
    }

    /// Skips a UTF-8 byte order mark, if the input starts with one.
    pub(crate) fn skip_bom(&mut self) {
        if self.rest().starts_with("\u{feff}".as_bytes()) {
            self.pos = self.pos.saturating_add(3);
        }
    }

    pub(crate) fn at_end(&self) -> bool {
        self.pos >= self.bytes.len()
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
    /// part read (up to the last complete escape) is kept for [`Cursor::take_partial`] and the
    /// cursor moves to the end.
    pub(crate) fn string(&mut self) -> Result<RawStr<'a>, Malformed> {
        self.eat(b'"')?;
        let start = self.pos;
        loop {
            let Some(stop) = crate::bytes::string_stop(self.rest()) else {
                return Err(self.cut_inside_string(start, self.bytes.len()));
            };
            self.pos = self.pos.saturating_add(stop);
            if self.peek().is_some_and(|b| b < 0x20) {
                // A raw control character: JSON requires it escaped.
                return Err(Malformed);
            }
            if self.peek() == Some(b'"') {
                let raw = self.text.get(start..self.pos).ok_or(Malformed)?;
                self.bump();
                return Ok(RawStr(raw));
            }
            // A backslash: one of JSON's escapes must follow.
            let escape_len = match self.bytes.get(self.pos.saturating_add(1)) {
                None => return Err(self.cut_inside_string(start, self.pos)),
                Some(b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't') => 2,
                Some(b'u') => {
                    let hex = self
                        .bytes
                        .get(self.pos.saturating_add(2)..)
                        .unwrap_or_default();
                    let hex_digits = hex
                        .iter()
                        .take(4)
                        .take_while(|b| b.is_ascii_hexdigit())
                        .count();
                    if hex_digits < 4 && hex_digits == hex.len() {
                        return Err(self.cut_inside_string(start, self.pos));
                    }
                    if hex_digits < 4 {
                        return Err(Malformed);
                    }
                    6
                }
                _ => return Err(Malformed),
            };
            self.pos = self.pos.saturating_add(escape_len);
        }
    }

    /// The input ended inside a string that began at `start`: keeps `start..end` as the partial
    /// string and moves to the end.
    fn cut_inside_string(&mut self, start: usize, end: usize) -> Malformed {
        self.partial = self.text.get(start..end).map(RawStr);
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
    fn bare(&mut self) -> Result<&'a str, Malformed> {
        let rest = self.rest();
        let len = rest
            .iter()
            .position(|b| !(b.is_ascii_alphanumeric() || matches!(b, b'-' | b'+' | b'.')))
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
        let start = self.pos;
        self.pos = self.pos.saturating_add(len);
        self.text.get(start..self.pos).ok_or(Malformed)
    }

    /// Reads a scalar, or skips a container and returns `None`.
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
        let mut in_object = [0u64; NESTING_LIMIT / 64];
        let mut depth = 0usize;
        let mut next = Next::Value;
        let is_object = |bits: &[u64; NESTING_LIMIT / 64], depth: usize| {
            depth
                .checked_sub(1)
                .and_then(|level| {
                    bits.get(level / 64)
                        .map(|word| word >> (level % 64) & 1 == 1)
                })
                .unwrap_or(false)
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
                    let run = self.rest().iter().take_while(|&&b| b == b'[').count();
                    let to = depth.saturating_add(run);
                    mark_levels(&mut in_object, depth, to, false)?;
                    depth = to;
                    self.pos = self.pos.saturating_add(run);
                    next = Next::ValueOrClose;
                }
                (Next::Value | Next::ValueOrClose, b'{') => {
                    mark_levels(&mut in_object, depth, depth.saturating_add(1), true)?;
                    depth += 1;
                    next = Next::KeyOrClose;
                    self.bump();
                }
                (Next::ValueOrClose | Next::CommaOrClose, b']') => {
                    // A run of closings at once (up to this container's own): each level it closes
                    // must be an array.
                    let run = self.rest().iter().take_while(|&&b| b == b']').count();
                    let from = depth.saturating_sub(run);
                    if !levels_are_arrays(&in_object, from, depth) {
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
        self.eat(b'{')?;
        self.skip_ws();
        if self.peek() == Some(b'}') {
            self.bump();
            return Ok(());
        }
        loop {
            self.skip_ws();
            let key = self.string()?;
            self.skip_ws();
            self.eat(b':')?;
            self.skip_ws();
            on_member(self, key)?;
            self.skip_ws();
            match self.peek() {
                Some(b',') => self.bump(),
                Some(b'}') => {
                    self.bump();
                    return Ok(());
                }
                _ => return Err(Malformed),
            }
        }
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
    pub(crate) fn raw_value(&mut self) -> Result<&'a str, Malformed> {
        let start = self.pos;
        self.value()?;
        self.text.get(start..self.pos).ok_or(Malformed)
    }

    /// Skips any one JSON value (used to check that a non-object body is JSON at all).
    pub(crate) fn skip_value(&mut self) -> Result<(), Malformed> {
        self.value().map(|_| ())
    }

    /// The deepest bracket nesting of the input, counted without recursion (strings respected).
    /// Stops counting at `limit + 1`.
    #[cfg(feature = "serde")]
    pub(crate) fn max_depth(text: &str, limit: usize) -> usize {
        let mut cursor = Cursor::new(text);
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
    matches!(token, b"true" | b"false" | b"null") || is_json_number(token)
}

/// Whether `token` is a JSON number: `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`.
fn is_json_number(token: &[u8]) -> bool {
    fn digits(s: &[u8]) -> usize {
        s.iter().take_while(|b| b.is_ascii_digit()).count()
    }
    let rest = token.strip_prefix(b"-").unwrap_or(token);
    let int = digits(rest);
    if int == 0 || (int > 1 && rest.first() == Some(&b'0')) {
        return false;
    }
    let mut rest = rest.get(int..).unwrap_or_default();
    if let Some(fraction) = rest.strip_prefix(b".") {
        let n = digits(fraction);
        if n == 0 {
            return false;
        }
        rest = fraction.get(n..).unwrap_or_default();
    }
    if let Some(exponent) = rest.strip_prefix(b"e").or_else(|| rest.strip_prefix(b"E")) {
        let exponent = exponent
            .strip_prefix(b"+")
            .or_else(|| exponent.strip_prefix(b"-"))
            .unwrap_or(exponent);
        let n = digits(exponent);
        if n == 0 {
            return false;
        }
        rest = exponent.get(n..).unwrap_or_default();
    }
    rest.is_empty()
}

/// Marks nesting levels `from..to` as objects (`true`) or arrays; deeper than [`NESTING_LIMIT`] is
/// malformed.
fn mark_levels(
    bits: &mut [u64; NESTING_LIMIT / 64],
    from: usize,
    to: usize,
    object: bool,
) -> Result<(), Malformed> {
    for (index, mask) in level_masks(from, to) {
        let word = bits.get_mut(index).ok_or(Malformed)?;
        *word = if object { *word | mask } else { *word & !mask };
    }
    Ok(())
}

/// Whether nesting levels `from..to` are all arrays.
fn levels_are_arrays(bits: &[u64; NESTING_LIMIT / 64], from: usize, to: usize) -> bool {
    level_masks(from, to).all(|(index, mask)| bits.get(index).is_some_and(|word| word & mask == 0))
}

/// The (word index, bit mask) pairs that cover nesting levels `from..to` of a bit stack.
fn level_masks(from: usize, to: usize) -> impl Iterator<Item = (usize, u64)> {
    let mut level = from;
    core::iter::from_fn(move || {
        (level < to).then(|| {
            let (index, bit) = (level / 64, level % 64);
            let count = (64 - bit).min(to - level);
            level += count;
            (index, (u64::MAX >> (64 - count)) << bit)
        })
    })
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
    fn level_masks_cover_exactly_the_levels_asked() {
        let masks: std::vec::Vec<_> = level_masks(60, 130).collect();
        assert_eq!(masks, [(0, 0xF << 60), (1, u64::MAX), (2, 0b11)]);
        assert_eq!(level_masks(5, 5).count(), 0);
        assert_eq!(
            level_masks(0, 64).collect::<std::vec::Vec<_>>(),
            [(0, u64::MAX)]
        );
    }

    #[test]
    fn the_bit_stack_remembers_objects_and_arrays_up_to_the_limit() {
        let mut bits = [0u64; NESTING_LIMIT / 64];
        assert!(mark_levels(&mut bits, 0, 100, true).is_ok());
        assert!(mark_levels(&mut bits, 10, 20, false).is_ok());
        assert!(levels_are_arrays(&bits, 10, 20));
        assert!(!levels_are_arrays(&bits, 9, 20) && !levels_are_arrays(&bits, 10, 21));
        assert!(mark_levels(&mut bits, NESTING_LIMIT - 1, NESTING_LIMIT, false).is_ok());
        assert_eq!(
            mark_levels(&mut bits, NESTING_LIMIT - 1, NESTING_LIMIT + 1, false),
            Err(Malformed)
        );
    }

    #[test]
    fn containers_are_checked_without_recursion() {
        let skip = |text: &str| {
            let mut cursor = Cursor::new(text);
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
            let mut cursor = Cursor::new(text);
            let result = cursor.string();
            (
                result.is_err(),
                cursor.take_partial().map(|p| p.0),
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
        let mut cursor = Cursor::new("13");
        assert_eq!(cursor.bare(), Err(Malformed));
        assert!(cursor.at_end());
    }
}
