//! The golden transcripts, packed by build.rs, and their unpacker: a `Source` for the connection
//! double that yields the original bytes and checks their length and hash as they go.

use crate::double::Source;

/// A transcript as build.rs packed it.
pub struct PackedStream {
    /// The vector's name.
    pub name: &'static str,
    /// The expected events, in the vectors' compact form.
    pub events: &'static [&'static str],
    /// The answer text its deltas add up to, decoded.
    pub text: &'static str,
    /// The reasoning text its deltas add up to, decoded.
    pub reasoning: &'static str,
    /// The transcript's length in bytes.
    pub len: usize,
    /// Its FNV-1a hash.
    pub hash: u32,
    /// The packed bytes.
    pub packed: &'static [u8],
}

include!(concat!(env!("OUT_DIR"), "/streams.rs"));

/// History kept for copies (build.rs's `WINDOW`).
const WINDOW: usize = 128;

/// Unpacks a transcript on the fly.
pub struct Unpacker {
    packed: &'static [u8],
    at: usize,
    literal_left: usize,
    copy_left: usize,
    distance: usize,
    window: [u8; WINDOW],
    written: usize,
    hash: u32,
    /// The packed data was malformed (never with build.rs's output).
    pub broken: bool,
}

impl Unpacker {
    /// An unpacker at the start of `stream`.
    pub fn new(stream: &PackedStream) -> Self {
        Self {
            packed: stream.packed,
            at: 0,
            literal_left: 0,
            copy_left: 0,
            distance: 1,
            window: [0; WINDOW],
            written: 0,
            hash: 0x811c_9dc5,
            broken: false,
        }
    }

    /// Bytes produced so far and their FNV-1a hash.
    pub fn produced(&self) -> (usize, u32) {
        (self.written, self.hash)
    }

    fn packed_byte(&mut self) -> Option<u8> {
        let byte = self.packed.get(self.at).copied();
        self.at += 1;
        byte
    }

    fn next_byte(&mut self) -> Option<u8> {
        while self.literal_left == 0 && self.copy_left == 0 {
            let tag = self.packed_byte()?;
            if tag < 0x80 {
                self.literal_left = usize::from(tag) + 1;
            } else {
                self.distance = usize::from(tag & 0x7f) + 1;
                let (mut len, mut shift) = (0usize, 0u32);
                loop {
                    let Some(byte) = self.packed_byte() else {
                        self.broken = true;
                        return None;
                    };
                    len |= usize::from(byte & 0x7f) << shift;
                    shift += 7;
                    if byte < 0x80 || shift > 28 {
                        break;
                    }
                }
                self.copy_left = len;
            }
        }
        let byte = if self.literal_left > 0 {
            self.literal_left -= 1;
            let Some(byte) = self.packed_byte() else {
                self.broken = true;
                return None;
            };
            byte
        } else {
            self.copy_left -= 1;
            if self.distance > self.written {
                self.broken = true;
                return None;
            }
            let from = (self.written - self.distance) % WINDOW;
            self.window.get(from).copied().unwrap_or(0)
        };
        if let Some(slot) = self.window.get_mut(self.written % WINDOW) {
            *slot = byte;
        }
        self.written += 1;
        self.hash = (self.hash ^ u32::from(byte)).wrapping_mul(0x0100_0193);
        Some(byte)
    }
}

impl Source for Unpacker {
    fn fill(&mut self, out: &mut [u8]) -> usize {
        let mut n = 0;
        for slot in out.iter_mut() {
            match self.next_byte() {
                Some(byte) => *slot = byte,
                None => break,
            }
            n += 1;
        }
        n
    }
}
