//! Byte searches, all in one place. None uses core's two-way string searcher (`str::find` with a
//! `&str` pattern), which keeps panic paths in firmware.

/// The first position of `needle` in `haystack` (an empty needle is not found).
pub(crate) fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    let first = *needle.first()?;
    let mut from = 0;
    loop {
        let at = from + haystack.get(from..)?.iter().position(|&b| b == first)?;
        if haystack.get(at..at.checked_add(needle.len())?) == Some(needle) {
            return Some(at);
        }
        from = at + 1;
    }
}

/// The first position of `needle` in `haystack`, ASCII letters compared without case.
pub(crate) fn find_ignore_ascii_case(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() {
        return None;
    }
    haystack
        .windows(needle.len())
        .position(|window| window.eq_ignore_ascii_case(needle))
}

/// The last position of `needle` in `haystack`.
pub(crate) fn rfind(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() {
        return None;
    }
    haystack
        .windows(needle.len())
        .rposition(|window| window == needle)
}

/// The index of the first `"`, `\\` or control byte (< 0x20): the bytes a JSON string scan stops at.
/// Eight bytes at a time (SWAR), then byte by byte for the tail.
pub(crate) fn string_stop(bytes: &[u8]) -> Option<usize> {
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGHS: u64 = u64::from_ne_bytes([0x80; 8]);
    /// A high bit set in each byte of `x` that is zero (exact for the first such byte).
    const fn zero_bytes(x: u64) -> u64 {
        x.wrapping_sub(ONES) & !x & HIGHS
    }
    let is_stop = |b: &u8| *b == b'"' || *b == b'\\' || *b < 0x20;
    let mut chunks = bytes.chunks_exact(8);
    let mut offset = 0usize;
    for chunk in &mut chunks {
        let word = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]));
        let quote = zero_bytes(word ^ (ONES * u64::from(b'"')));
        let backslash = zero_bytes(word ^ (ONES * u64::from(b'\\')));
        // Bytes below 0x20: (b - 0x20) borrows into the high bit only for b < 0x20 (with b < 0x80).
        let control = word.wrapping_sub(ONES * 0x20) & !word & HIGHS;
        if quote | backslash | control != 0
            && let Some(at) = chunk.iter().position(is_stop)
        {
            // Found in this word: the exact position by a plain scan of these eight bytes.
            return Some(offset + at);
        }
        offset += 8;
    }
    chunks
        .remainder()
        .iter()
        .position(is_stop)
        .map(|at| offset + at)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The plain definition `string_stop` must agree with.
    fn stop_plain(bytes: &[u8]) -> Option<usize> {
        bytes
            .iter()
            .position(|&b| b == b'"' || b == b'\\' || b < 0x20)
    }

    #[test]
    fn string_stop_agrees_with_a_plain_scan_at_every_offset_and_byte() {
        // Every interesting byte at every position of words and tails, after ASCII and UTF-8 text.
        for stop in [b'"', b'\\', 0x00, 0x1f, b'\n'] {
            for len in 0..20 {
                for at in 0..len {
                    let mut bytes = [b'a'; 20];
                    bytes[at] = stop;
                    let bytes = &bytes[..len];
                    assert_eq!(
                        string_stop(bytes),
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
        assert_eq!(string_stop(&clean), None);
        let mixed = "限额将在 2026 重置\"".as_bytes();
        assert_eq!(string_stop(mixed), stop_plain(mixed));
        assert_eq!(string_stop(b""), None);
    }

    #[test]
    fn finds() {
        assert_eq!(find(b"abcabc", b"ca"), Some(2));
        assert_eq!(find(b"abc", b""), None);
        assert_eq!(find(b"ab", b"abc"), None);
        assert_eq!(find(b"aab", b"ab"), Some(1));
        assert_eq!(rfind(b"a][b][c", b"]["), Some(4));
        assert_eq!(rfind(b"abc", b"]["), None);
        assert_eq!(
            find_ignore_ascii_case(b"<HTML><Title>x", b"<title>"),
            Some(6)
        );
        assert_eq!(find_ignore_ascii_case(b"x", b""), None);
    }
}
