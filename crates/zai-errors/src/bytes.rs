//! Byte searches, all in one place. None uses core's two-way string searcher (`str::find` with a
//! `&str` pattern), which keeps panic paths in firmware.

/// The first position of `needle` in `haystack` (an empty needle is not found).
pub(crate) fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    let (&first, rest) = needle.split_first()?;
    let mut from = 0;
    loop {
        let at = from + find_byte(first, haystack.get(from..)?)?;
        let after = at + 1;
        if haystack.get(after..after.checked_add(rest.len())?) == Some(rest) {
            return Some(at);
        }
        from = after;
    }
}

/// The first position of `needle` in `haystack`, ASCII letters compared without case.
pub(crate) fn find_ignore_ascii_case(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    let (&first, rest) = needle.split_first()?;
    let is_first = |b: &u8| b.eq_ignore_ascii_case(&first);
    let mut from = 0;
    loop {
        // The first byte by a plain search (a fast byte search when it has no case, as `<`), then
        // the rest compared.
        let tail = haystack.get(from..)?;
        let at = from
            + match first.is_ascii_alphabetic() {
                true => tail.iter().position(is_first)?,
                false => find_byte(first, tail)?,
            };
        let after = haystack.get(at + 1..)?;
        if after
            .get(..rest.len())
            .is_some_and(|window| window.eq_ignore_ascii_case(rest))
        {
            return Some(at);
        }
        from = at + 1;
    }
}

/// The last position of `needle` in `haystack` (an empty needle is not found).
pub(crate) fn rfind(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    let (&first, rest) = needle.split_first()?;
    let mut end = haystack.len().checked_sub(rest.len())?;
    loop {
        let at = rfind_byte(first, haystack.get(..end)?)?;
        let after = at + 1;
        if haystack.get(after..after.checked_add(rest.len())?) == Some(rest) {
            return Some(at);
        }
        end = at;
    }
}

/// The position of the first name in `names` (packed by [`packed_names!`]: each name after a byte
/// that says its length) that `is` accepts. Packed lists are firmware's compact tables: one string,
/// no pointer per name and no `match` on strings (which compiles to a comparison per arm); the
/// length bytes let a search step over names without reading them.
pub(crate) fn position_in(names: &[u8], mut is: impl FnMut(&[u8]) -> bool) -> Option<usize> {
    let mut at = 0;
    let mut index = 0;
    while let Some(&len) = names.get(at) {
        let start = at + 1;
        let end = start + usize::from(len);
        if is(names.get(start..end)?) {
            return Some(index);
        }
        at = end;
        index += 1;
    }
    None
}

/// The length of `names` packed (a length byte and the bytes of each).
pub(crate) const fn packed_len(names: &[&[u8]]) -> usize {
    let mut len = 0;
    let mut rest = names;
    while let [name, tail @ ..] = rest {
        len += 1 + name.len();
        rest = tail;
    }
    len
}

/// `names` packed for [`position_in`], at compile time (a name over 255 bytes, or an `N` that is
/// not [`packed_len`], fails the build).
// `mem::take` is not `const`: `mem::replace` with an empty slice stands in.
#[allow(clippy::mem_replace_with_default)]
pub(crate) const fn pack<const N: usize>(names: &[&[u8]]) -> [u8; N] {
    let mut packed = [0u8; N];
    let mut free: &mut [u8] = &mut packed;
    let mut rest = names;
    'names: while let [name, tail @ ..] = rest {
        assert!(name.len() <= 255, "a packed name is at most 255 bytes");
        let Some((len, after)) = core::mem::replace(&mut free, &mut []).split_first_mut() else {
            break;
        };
        *len = name.len() as u8;
        free = after;
        let mut bytes = *name;
        while let [byte, more @ ..] = bytes {
            let Some((slot, after)) = core::mem::replace(&mut free, &mut []).split_first_mut()
            else {
                break 'names;
            };
            *slot = *byte;
            free = after;
            bytes = more;
        }
        rest = tail;
    }
    assert!(
        rest.is_empty() && free.is_empty(),
        "N is not the packed length"
    );
    packed
}

/// A packed list of names (`&'static [u8]`) for [`position_in`], built at compile time.
macro_rules! packed_names {
    ($($name:expr),+ $(,)?) => {{
        const NAMES: &[&[u8]] = &[$($name),+];
        const PACKED: [u8; $crate::bytes::packed_len(NAMES)] = $crate::bytes::pack(NAMES);
        &PACKED
    }};
}
pub(crate) use packed_names;

/// The index of the first `"`, `\\` or control byte (< 0x20): the bytes a JSON string scan stops
/// at; and whether a byte above 0x7F may come before it (exact when `false`). On 64-bit targets
/// words (SWAR) and vectorized blocks, then byte by byte for the tail; elsewhere (microcontrollers)
/// the small plain loop.
#[cfg(not(target_pointer_width = "64"))]
pub(crate) fn string_stop(bytes: &[u8]) -> (Option<usize>, bool) {
    string_stop_plain(bytes)
}

/// [`string_stop`] one byte at a time: the small version, and the definition the fast one is
/// tested against.
#[cfg(any(test, not(target_pointer_width = "64")))]
fn string_stop_plain(bytes: &[u8]) -> (Option<usize>, bool) {
    let mut non_ascii = false;
    for (at, &byte) in bytes.iter().enumerate() {
        if byte == b'"' || byte == b'\\' || byte < 0x20 {
            return (Some(at), non_ascii);
        }
        non_ascii |= !byte.is_ascii();
    }
    (None, non_ascii)
}

/// See above: the 64-bit version. The first [`LONG`] bytes are read a word at a time (SWAR); then
/// blocks of [`BLOCK`] bytes are only tested for a stop, in code the compiler vectorizes, and the
/// block holding it is read word by word again to find it exactly.
#[cfg(target_pointer_width = "64")]
#[inline(always)] // its callers' hot loops: a call costs a fifth of its work on short strings
pub(crate) fn string_stop(bytes: &[u8]) -> (Option<usize>, bool) {
    match stop_in_words(bytes, 0, LONG) {
        Ok(found) => found,
        Err(high) => long_string_stop(bytes, LONG, high),
    }
}

/// [`string_stop`] for a string expected to be long (a message): blocks from its start, so that a
/// long one skips the word-by-word start; a short one costs a block test more.
#[cfg(target_pointer_width = "64")]
pub(crate) fn long_string_stop_from_start(bytes: &[u8]) -> (Option<usize>, bool) {
    long_string_stop(bytes, 0, false)
}

/// [`string_stop`] from `from` (the bytes before it hold no stop), a word at a time (SWAR), then
/// the last word: `Err` (whether a byte above 0x7F came) when the scan reaches `limit` without a
/// stop.
#[cfg(target_pointer_width = "64")]
#[inline(always)]
fn stop_in_words(bytes: &[u8], from: usize, limit: usize) -> Result<(Option<usize>, bool), bool> {
    let mut offset = from;
    let mut highs = 0u64;
    while let Some(chunk) = bytes.get(offset..).and_then(<[u8]>::first_chunk::<8>) {
        let word = u64::from_le_bytes(*chunk);
        let stops = swar_stops(word);
        if stops != 0 {
            // A borrow can only mark bytes above a true stop: the lowest mark is exact. High bytes
            // count only below it.
            let bit = stops.trailing_zeros();
            highs |= word & ((1u64 << bit) - 1);
            return Ok((Some(offset + (bit / 8) as usize), highs & HIGHS != 0));
        }
        highs |= word;
        offset += 8;
        if offset == limit {
            return Err(highs & HIGHS != 0);
        }
    }
    // Fewer than eight bytes left: the last eight bytes of the input at once, those already read
    // shifted out (they hold no stop, so no borrow comes from them: the lowest mark is exact).
    let left = bytes.len() - offset;
    if left > 0
        && let Some(last) = bytes.last_chunk::<8>()
    {
        let read = 8 * (8 - left as u32);
        let whole = u64::from_le_bytes(*last);
        let word = whole >> read << read;
        let stops = swar_stops(whole) >> read << read;
        let (stop, below) = match stops {
            0 => (None, word),
            _ => {
                let bit = stops.trailing_zeros();
                let at = bytes.len() - 8 + (bit / 8) as usize;
                (Some(at), word & ((1u64 << bit) - 1))
            }
        };
        return Ok((stop, (highs | below) & HIGHS != 0));
    }
    // A short input: one byte at a time.
    let mut non_ascii = highs & HIGHS != 0;
    let tail = bytes.get(offset..).unwrap_or_default();
    for (at, &byte) in tail.iter().enumerate() {
        if byte == b'"' || byte == b'\\' || byte < 0x20 {
            return Ok((Some(offset + at), non_ascii));
        }
        non_ascii |= !byte.is_ascii();
    }
    Ok((None, non_ascii))
}

/// The length of a short plain string whose rest `bytes` starts with: fewer than `limit` (a multiple
/// of 8) ASCII bytes, no escape, no control byte, then its closing `"`; `None` for any other (64-bit
/// targets: keys are read this way at once). [`string_stop`]'s word loop, stopped at `limit`.
#[cfg(target_pointer_width = "64")]
#[inline(always)]
pub(crate) fn short_string(bytes: &[u8], limit: usize) -> Option<usize> {
    match stop_in_words(bytes, 0, limit) {
        Ok((Some(len), false)) if bytes.get(len) == Some(&b'"') => Some(len),
        _ => None,
    }
}

/// How many bytes [`string_stop`] reads a word at a time (where keys, codes and most values end)
/// before it tests whole blocks.
#[cfg(target_pointer_width = "64")]
const LONG: usize = 32;
/// How many bytes [`string_stop`] tests at once in a long string.
#[cfg(target_pointer_width = "64")]
const BLOCK: usize = 32;
/// Eight ones, and eight high bits.
#[cfg(target_pointer_width = "64")]
const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
#[cfg(target_pointer_width = "64")]
const HIGHS: u64 = u64::from_ne_bytes([0x80; 8]);

/// The rest of a long string from `from` (`high`: a byte above 0x7F came before): whole blocks
/// without a stop are skipped, then the rest is read as short strings are. Out of line, which keeps
/// the short strings' inlined loop small.
#[cfg(target_pointer_width = "64")]
#[inline(never)]
fn long_string_stop(bytes: &[u8], from: usize, high: bool) -> (Option<usize>, bool) {
    let mut offset = from;
    let mut high = high;
    while let Some(block) = bytes.get(offset..).and_then(<[u8]>::first_chunk::<BLOCK>) {
        let (stop, block_high) = block_stop(block);
        if stop {
            break;
        }
        high |= block_high;
        offset += BLOCK;
    }
    // Fewer than a block left, or the block with the stop: word by word (no limit, so no `Err`).
    let (stop, rest_high) = stop_in_words(bytes, offset, usize::MAX).unwrap_or((None, true));
    (stop, high || rest_high)
}

/// Whether `block` holds a stop (`"`, `\\` or a control byte), and whether it holds a byte above
/// 0x7F. Written as min and max reductions with no early exit and no position, which the compiler
/// turns into a few vector instructions (a stop is where one of the three differences is zero).
#[cfg(target_pointer_width = "64")]
#[inline(always)]
fn block_stop(block: &[u8; BLOCK]) -> (bool, bool) {
    let (low, top) = block.iter().fold((u8::MAX, 0u8), |(low, top), &b| {
        let stop = (b ^ b'"').min(b ^ b'\\').min(b.saturating_sub(0x1F));
        (low.min(stop), top.max(b))
    });
    (low == 0, top > 0x7F)
}

/// A nonzero byte for each byte of `word` that is not an ASCII digit, a zero byte for each digit: a
/// byte is a digit when its high nibble is 3 and its low nibble plus 6 stays below 16 (no carry
/// between bytes: a nibble plus 6 fits a byte).
#[cfg(target_pointer_width = "64")]
const fn not_digits(word: u64) -> u64 {
    let high = (word & (ONES * 0xF0)) ^ (ONES * 0x30);
    let low = (word & (ONES * 0x0F)).wrapping_add(ONES * 0x06) & (ONES * 0xF0);
    high | low
}

/// How many ASCII digits `bytes` starts with (64-bit targets): the first eight bytes at once.
#[cfg(target_pointer_width = "64")]
#[inline(always)]
pub(crate) fn leading_digits(bytes: &[u8]) -> usize {
    let Some(chunk) = bytes.first_chunk::<8>() else {
        return bytes.iter().take_while(|b| b.is_ascii_digit()).count();
    };
    let other = not_digits(u64::from_le_bytes(*chunk));
    match other {
        0 => {
            8 + bytes.get(8..).map_or(0, |rest| {
                rest.iter().take_while(|b| b.is_ascii_digit()).count()
            })
        }
        _ => (other.trailing_zeros() / 8) as usize,
    }
}

/// A high bit set in each byte of `x` that is zero (exact for the lowest such byte).
#[cfg(target_pointer_width = "64")]
fn zero_bytes(x: u64) -> u64 {
    x.wrapping_sub(ONES) & !x & HIGHS
}

/// A high bit in each byte of `word` that is `"`, `\\` or below 0x20 (exact for the lowest; a
/// borrow may mark bytes above it).
#[cfg(target_pointer_width = "64")]
fn swar_stops(word: u64) -> u64 {
    let quote = zero_bytes(word ^ (ONES * u64::from(b'"')));
    let backslash = zero_bytes(word ^ (ONES * u64::from(b'\\')));
    // Bytes below 0x20: (b - 0x20) borrows into the high bit only for b < 0x20 (with b < 0x80).
    let control = word.wrapping_sub(ONES * 0x20) & !word & HIGHS;
    quote | backslash | control
}

/// The index of the first `needle` in `haystack`: memchr's SIMD search on 64-bit targets, a plain
/// loop on microcontrollers.
pub(crate) fn find_byte(needle: u8, haystack: &[u8]) -> Option<usize> {
    #[cfg(target_pointer_width = "64")]
    return memchr::memchr(needle, haystack);
    #[cfg(not(target_pointer_width = "64"))]
    haystack.iter().position(|&b| b == needle)
}

/// The index of the last `needle` in `haystack`: memchr's SIMD search on 64-bit targets, a plain
/// loop on microcontrollers.
pub(crate) fn rfind_byte(needle: u8, haystack: &[u8]) -> Option<usize> {
    #[cfg(target_pointer_width = "64")]
    return memchr::memrchr(needle, haystack);
    #[cfg(not(target_pointer_width = "64"))]
    haystack.iter().rposition(|&b| b == needle)
}

/// The index of the first `\n` or `\r`: where an SSE line ends. On 64-bit targets memchr's SIMD
/// search (a data line is long: a whole JSON chunk), elsewhere the small plain loop.
pub(crate) fn line_end(bytes: &[u8]) -> Option<usize> {
    #[cfg(target_pointer_width = "64")]
    return memchr::memchr2(b'\n', b'\r', bytes);
    #[cfg(not(target_pointer_width = "64"))]
    bytes.iter().position(|&b| b == b'\n' || b == b'\r')
}

/// Checks `bytes` for UTF-8 (as `core::str::from_utf8` judges it: no overlong forms, no
/// surrogates, nothing above U+10FFFF): the text when valid (on 64-bit targets, whose check is
/// [`utf8`]), else where the first bad byte is and whether the bytes merely end inside a char.
#[cfg(target_pointer_width = "64")]
pub(crate) fn check_utf8(bytes: &[u8]) -> Result<Option<&str>, (usize, bool)> {
    utf8(bytes).map(Some)
}

/// Whether [`utf8`] checks with SIMD: simdutf8 compiled for the build's vector extensions (AVX2 or
/// SSE4.2 on x86-64, NEON on aarch64). Only then does checking a window of the input at once beat
/// checking each string alone (see [`Window`](crate::body::window::Window)).
#[cfg(target_pointer_width = "64")]
pub(crate) const SIMD_UTF8: bool = cfg!(any(
    all(
        target_arch = "x86_64",
        any(target_feature = "avx2", target_feature = "sse4.2")
    ),
    all(target_arch = "aarch64", target_feature = "neon"),
));

/// `bytes` as text, or where the first bad byte is and whether the bytes merely end inside a char.
/// On 64-bit targets simdutf8's validator: SIMD for 64 bytes and more, with the vector extensions
/// the build enables (SSE4.2 or AVX2 on x86-64 with `-C target-cpu`, NEON on aarch64), else
/// core's, which also takes shorter inputs. Elsewhere core's.
pub(crate) fn utf8(bytes: &[u8]) -> Result<&str, (usize, bool)> {
    #[cfg(target_pointer_width = "64")]
    return simdutf8::compat::from_utf8(bytes)
        .map_err(|error| (error.valid_up_to(), error.error_len().is_none()));
    #[cfg(not(target_pointer_width = "64"))]
    core::str::from_utf8(bytes).map_err(|error| (error.valid_up_to(), error.error_len().is_none()))
}

/// See above: the small validator's check, on 32-bit targets (no text is made).
#[cfg(not(target_pointer_width = "64"))]
pub(crate) fn check_utf8(bytes: &[u8]) -> Result<crate::body::cursor::Checked<'_>, (usize, bool)> {
    let valid = utf8_valid_up_to_small(bytes);
    match bytes.get(valid..) {
        Some(rest) if !rest.is_empty() => Err((valid, utf8_incomplete(rest))),
        _ => Ok(core::marker::PhantomData),
    }
}

/// The length of the longest prefix of `bytes` that is valid UTF-8: the small validator (tested
/// against core's).
#[cfg(any(test, not(target_pointer_width = "64")))]
pub(crate) fn utf8_valid_up_to_small(bytes: &[u8]) -> usize {
    let mut at = 0;
    while let Some(&lead) = bytes.get(at) {
        let len = match utf8_sequence(lead) {
            Some((len, low, high)) if utf8_tail(bytes.get(at + 1..), len, low, high) == len => len,
            _ => return at,
        };
        at += len;
    }
    at
}

/// Whether `bytes` (the invalid rest of a text, from its first bad byte) is only the beginning of
/// a valid char: what a text cut inside a char ends with.
#[cfg(any(test, not(target_pointer_width = "64")))]
pub(crate) fn utf8_incomplete(bytes: &[u8]) -> bool {
    match bytes.first().copied().and_then(utf8_sequence) {
        Some((len, low, high)) => {
            len > 1 && bytes.len() < len && utf8_tail(bytes.get(1..), len, low, high) == bytes.len()
        }
        None => false,
    }
}

/// The length of the sequence a lead byte starts and the range its second byte must be in.
#[cfg(any(test, not(target_pointer_width = "64")))]
fn utf8_sequence(lead: u8) -> Option<(usize, u8, u8)> {
    Some(match lead {
        0x00..=0x7F => (1, 0, 0),
        0xC2..=0xDF => (2, 0x80, 0xBF),
        0xE0 => (3, 0xA0, 0xBF),
        0xE1..=0xEC | 0xEE..=0xEF => (3, 0x80, 0xBF),
        0xED => (3, 0x80, 0x9F),
        0xF0 => (4, 0x90, 0xBF),
        0xF1..=0xF3 => (4, 0x80, 0xBF),
        0xF4 => (4, 0x80, 0x8F),
        _ => return None,
    })
}

/// How many bytes of a sequence of `len` bytes are right, counting its lead: the bytes after the
/// lead (`tail`) are checked, the first against `low..=high`, the others against 0x80..=0xBF.
#[cfg(any(test, not(target_pointer_width = "64")))]
fn utf8_tail(tail: Option<&[u8]>, len: usize, low: u8, high: u8) -> usize {
    let mut right = 1;
    for &byte in tail.unwrap_or_default().iter().take(len - 1) {
        let (lo, hi) = if right == 1 {
            (low, high)
        } else {
            (0x80, 0xBF)
        };
        if byte < lo || byte > hi {
            break;
        }
        right += 1;
    }
    right
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The plain definition `string_stop` must agree with (the stop exactly; a high byte is
    /// reported at least when one comes before the stop).
    fn stop_plain(bytes: &[u8]) -> Option<usize> {
        let (stop, non_ascii) = string_stop_plain(bytes);
        let (fast_stop, fast_non_ascii) = string_stop(bytes);
        assert!(fast_non_ascii || !non_ascii, "{bytes:x?}");
        assert_eq!(fast_stop, stop);
        stop
    }

    #[test]
    fn string_stop_agrees_with_a_plain_scan_at_every_offset_and_byte() {
        // Every interesting byte at every position of words and tails, after ASCII and UTF-8 text.
        // (Up to 140 bytes: past the word-at-a-time head, through whole blocks and their tails; under
        // Miri, a few lengths past each boundary, and every ninth position in the long ones.)
        let lens: std::vec::Vec<usize> = match cfg!(miri) {
            false => (0..140).collect(),
            true => (0..10).chain([33, 65, 97, 139]).collect(),
        };
        for stop in [b'"', b'\\', 0x00, 0x1f, b'\n'] {
            for &len in &lens {
                let step = if cfg!(miri) && len > 16 { 9 } else { 1 };
                for at in (0..len).step_by(step) {
                    let mut bytes = [b'a'; 140];
                    bytes[at] = stop;
                    let bytes = &bytes[..len];
                    assert_eq!(
                        string_stop(bytes).0,
                        stop_plain(bytes),
                        "{stop:#x} at {at} of {len}"
                    );
                }
            }
        }
        // Bytes that must not stop the scan: 0x20, high bytes (whose borrow tricks a naive SWAR).
        let clean: std::vec::Vec<u8> = (0x20u8..=0xff)
            .filter(|&b| b != b'"' && b != b'\\')
            .collect();
        assert_eq!(string_stop(&clean), (None, true));
        let mixed = "限额将在 2026 重置\"".as_bytes();
        assert_eq!(string_stop(mixed), (stop_plain(mixed), true));
        assert_eq!(string_stop(b""), (None, false));
        // No high byte before the stop: exactly `false`, in a word and in the tail.
        assert_eq!(string_stop(b"abcdefghij\"\xff"), (Some(10), false));
        assert_eq!(string_stop(b"abc\"\xff"), (Some(3), false));
        assert_eq!(string_stop(b"abcdefghijk\xff\""), (Some(12), true));
    }

    #[test]
    #[cfg_attr(miri, ignore = "millions of inputs")]
    fn utf8_validation_agrees_with_core() {
        // Every one- and two-byte input, and every three-byte input with a lead above 0x7F.
        let check = |bytes: &[u8]| {
            let expected = match core::str::from_utf8(bytes) {
                Ok(_) => (bytes.len(), false),
                Err(e) => (e.valid_up_to(), e.error_len().is_none()),
            };
            let at = utf8_valid_up_to_small(bytes);
            let incomplete = utf8_incomplete(&bytes[at..]);
            assert_eq!((at, incomplete && at < bytes.len()), expected, "{bytes:x?}");
            let checked = check_utf8(bytes).map(|text| text.map_or(0, str::len));
            let expected_check = match expected {
                (at, _) if at == bytes.len() => Ok(at),
                other => Err(other),
            };
            assert_eq!(checked, expected_check, "{bytes:x?}");
        };
        for a in 0..=255u8 {
            check(&[a]);
            for b in 0..=255u8 {
                check(&[a, b]);
                if a >= 0x80 {
                    for c in (0..=255u8).step_by(7).chain([0x80, 0xBF, 0xC0]) {
                        check(&[a, b, c]);
                        check(&[b'x', a, b, c, 0x80]);
                    }
                }
            }
        }
        for text in ["", "ascii", "限额将在", "é😀\u{10FFFF}"] {
            check(text.as_bytes());
        }
    }

    #[test]
    #[cfg_attr(miri, ignore = "200 000 inputs")]
    fn string_stop_agrees_with_a_plain_scan_on_mixed_words() {
        // Bytes around every borrow boundary, in random inputs (a fixed LCG: repeatable): up to 24
        // random bytes after a run of 0-135 bytes that stop nothing (ASCII or high), so that the
        // stops fall in the word-at-a-time head, in whole blocks and in their tails alike.
        const ALPHABET: [u8; 12] = [
            0x00, 0x01, 0x1f, 0x20, 0x21, b'"', b'\\', 0x7f, 0x80, 0x9f, 0xa0, 0xff,
        ];
        let mut state = 0x2545_f491_4f6c_dd1du64;
        let mut next = || {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1);
            (state >> 33) as usize
        };
        for _ in 0..200_000 {
            let mut bytes = [0u8; 160];
            let clean = next() % 136;
            let len = clean + next() % 25;
            for byte in &mut bytes[..clean] {
                *byte = match next() % 3 {
                    0 => 0xe9,
                    _ => b'a',
                };
            }
            for byte in &mut bytes[clean..len] {
                *byte = ALPHABET[next() % ALPHABET.len()];
            }
            stop_plain(&bytes[..len]);
        }
    }

    #[test]
    #[cfg(target_pointer_width = "64")]
    fn short_strings_are_read_at_once() {
        // Up to fifteen plain ASCII bytes and the quote.
        assert_eq!(short_string(b"code\":\"1", 16), Some(4));
        assert_eq!(short_string(b"\":1234567", 16), Some(0));
        assert_eq!(short_string(b"message\":", 16), Some(7));
        assert_eq!(short_string(b"request_id\":\"2026", 16), Some(10));
        assert_eq!(short_string(b"sequence_number\":1", 16), Some(15));
        assert_eq!(short_string(b"code\":", 16), Some(4));
        // Longer, escaped, non-ASCII or control bytes: the general path.
        for other in [
            &b"reasoning_content\":"[..],
            b"request_\xc3\xa9d\":\"20",
            b"co\\nde\":1",
            b"c\xc3\xa9de\":1",
            b"co\nde\":12",
        ] {
            assert_eq!(short_string(other, 16), None, "{other:x?}");
        }
    }

    #[test]
    fn line_ends_agree_with_a_plain_scan() {
        for end in [b'\n', b'\r'] {
            for len in 0..20 {
                for at in 0..len {
                    let mut bytes = [b'a'; 20];
                    bytes[at] = end;
                    bytes[(at + 3) % 20] = 0x8a; // a high byte near it
                    let bytes = &bytes[..len];
                    let plain = bytes.iter().position(|&b| b == b'\n' || b == b'\r');
                    assert_eq!(line_end(bytes), plain, "{end:#x} at {at} of {len}");
                }
            }
        }
        assert_eq!(line_end(b"data: {}"), None);
    }

    #[test]
    fn names_in_a_packed_list() {
        let names: &[u8] = packed_names!(b"true", b"false", b"", b"null");
        assert_eq!(names, b"\x04true\x05false\x00\x04null");
        assert_eq!(position_in(names, |n| n == b"false"), Some(1));
        assert_eq!(position_in(names, |n| n == b""), Some(2));
        assert_eq!(position_in(names, |n| n == b"null"), Some(3));
        assert_eq!(position_in(names, |n| n == b"nul"), None);
        // A length past the end is the end of the list, not a panic.
        assert_eq!(position_in(b"\x09short", |_| true), None);
    }

    #[test]
    #[cfg(target_pointer_width = "64")]
    fn leading_digits_agree_with_a_plain_count() {
        let plain = |b: &[u8]| b.iter().take_while(|b| b.is_ascii_digit()).count();
        let mut inputs: std::vec::Vec<std::vec::Vec<u8>> = std::vec::Vec::new();
        for len in 0..12 {
            for byte in 0..=255u8 {
                for at in 0..len {
                    let mut input = b"0123456789ab".get(..len).unwrap_or_default().to_vec();
                    input.iter_mut().for_each(|b| *b = b'0' + (*b % 10));
                    if let Some(b) = input.get_mut(at) {
                        *b = byte;
                    }
                    inputs.push(input);
                }
            }
        }
        for input in &inputs {
            assert_eq!(leading_digits(input), plain(input), "{input:?}");
        }
    }

    #[test]
    fn finds() {
        assert_eq!(find(b"abcabc", b"ca"), Some(2));
        assert_eq!(find(b"abc", b""), None);
        assert_eq!(find(b"ab", b"abc"), None);
        assert_eq!(find(b"aab", b"ab"), Some(1));
        assert_eq!(rfind(b"a][b][c", b"]["), Some(4));
        assert_eq!(rfind(b"abc", b"]["), None);
        assert_eq!(rfind(b"abc", b""), None);
        assert_eq!(rfind(b"][", b"]["), Some(0));
        assert_eq!(find("开放GLM权限".as_bytes(), "权限".as_bytes()), Some(9));
        assert_eq!(
            find_ignore_ascii_case(b"<HTML><Title>x", b"<title>"),
            Some(6)
        );
        assert_eq!(find_ignore_ascii_case(b"x", b""), None);
    }
}
