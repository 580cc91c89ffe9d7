//! Content deltas: what the model says, as it arrives, without a heap.

use crate::Text;
use crate::body::decode::decode_with;

/// What a delta carries.
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub enum DeltaKind {
    /// The answer: chat `delta.content`, Anthropic `text_delta`, Responses `output_text.delta`.
    Text,
    /// The thinking: chat `delta.reasoning_content`, Anthropic `thinking_delta`, Responses
    /// `reasoning_text.delta`.
    Reasoning,
}

/// A piece of the model's output as the stream sent it: the raw text of a JSON string (escapes not
/// yet decoded), borrowed from the scanner's buffer. Decode it into a fixed buffer with
/// [`Delta::decode`], or piece by piece into any writer with [`Delta::write_to`] (its `Display`
/// does the same).
///
/// ```
/// use zai_errors::sse::{Event, Scanner};
///
/// let mut scanner = Scanner::new();
/// let mut input: &[u8] = b"data: {\"choices\":[{\"delta\":{\"content\":\"\\u4f60\\u597d\\n\"}}]}\n\n";
/// let Some(Event::Chunk(chunk)) = scanner.next_event(&mut input) else { panic!() };
/// let text = chunk.text.unwrap();
/// assert_eq!(text.raw(), r"\u4f60\u597d\n");
/// assert_eq!(text.decode::<16>().as_str(), "你好\n");
/// assert_eq!(text.to_string(), "你好\n");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub struct Delta<'a> {
    kind: DeltaKind,
    raw: &'a str,
}

impl<'a> Delta<'a> {
    pub(crate) fn new(kind: DeltaKind, raw: &'a str) -> Self {
        Self { kind, raw }
    }

    /// Text or reasoning.
    pub fn kind(&self) -> DeltaKind {
        self.kind
    }

    /// The raw text between the JSON string's quotes, escapes not decoded.
    pub fn raw(&self) -> &'a str {
        self.raw
    }

    /// The decoded text, cut on a char boundary to `N` bytes (and flagged) if longer.
    pub fn decode<const N: usize>(&self) -> Text<N> {
        Text::from_json(self.raw)
    }

    /// Writes the decoded text to `out`, piece by piece (no buffer of its own).
    pub fn write_to(&self, out: &mut impl core::fmt::Write) -> core::fmt::Result {
        let mut result = Ok(());
        decode_with(self.raw, |piece| {
            result = out.write_str(piece);
            result.is_ok()
        });
        result
    }
}

/// The decoded text.
impl core::fmt::Display for Delta<'_> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        self.write_to(f)
    }
}
