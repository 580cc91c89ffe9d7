//! The streams of `sse_throughput` and the loops that read them: the core's scanner, the peers (an
//! SSE framing crate plus `serde_json::from_str` of each event's data into a borrowed struct), the
//! framing crates alone, and the limit proxy.
//!
//! Framing crates: `sse-core` 0.2 is a sans-IO state machine (`SseDecoder::next(&mut impl Buf)`), so
//! its loop is synchronous like the core's, with nothing in between; `sse-stream` 0.3 (rmcp's, on
//! memchr and simdutf8; the one issue 11 first measured) is a `Stream` adapter only: it is polled with
//! a no-op waker over `futures::stream::iter` of the chunks, which is always ready, so no executor
//! and no wake-up is in its time either. (`eventsource-stream` 0.2, async-openai's, is a nom parser
//! that sse-core's README measures several times slower than both: not the bar.) Both framing
//! crates hand each event's data as an owned `String`: that allocation is part of using them.
//!
//! Every loop does the same work with a chunk: the decoded answer text appended to one `String`
//! (reused from one iteration to the next), the finish or stop reason kept, the end marker seen.

use std::borrow::Cow;
use std::convert::Infallible;
use std::fmt;
use std::hint::black_box;
use std::marker::PhantomData;
use std::pin::pin;
use std::task::{Context, Poll, Waker};

use futures_util::Stream;
use serde::Deserialize;
use serde::de::{self, IgnoredAny, SeqAccess, Visitor};
use zai_errors::sse::{Event, Scanner};

use crate::peers::Str;

/// The chunk size the streams are fed in.
pub const CHUNK: usize = 4096;

/// A stream dialect.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dialect {
    /// Chat completions: `data: {"choices":[{"delta":{"content":".."},"finish_reason":..}]}`.
    Chat,
    /// Anthropic Messages: `event: content_block_delta` … `message_stop`.
    Anthropic,
    /// The Responses API: `event: response.output_text.delta` … `response.completed`.
    Responses,
}

impl Dialect {
    pub const ALL: [Dialect; 3] = [Dialect::Chat, Dialect::Anthropic, Dialect::Responses];

    pub fn name(self) -> &'static str {
        match self {
            Dialect::Chat => "chat",
            Dialect::Anthropic => "anthropic",
            Dialect::Responses => "responses",
        }
    }

    /// An 8 MB stream of this dialect.
    pub fn stream(self) -> Vec<u8> {
        match self {
            Dialect::Chat => chat(),
            Dialect::Anthropic => anthropic(),
            Dialect::Responses => responses(),
        }
    }
}

/// A token of text, alternating Chinese and English, with an escape now and then.
fn token(i: u32) -> &'static str {
    match i % 7 {
        0 | 3 => "，这是一个测试",
        5 => r#" \"quoted\"\n"#,
        _ => " streaming tokens here",
    }
}

/// Frames until 8 MB (a keep-alive comment every 50), then the dialect's end.
fn transcript(frame: impl Fn(u32) -> String, end: &str) -> Vec<u8> {
    let mut out = Vec::new();
    let mut i = 0u32;
    while out.len() < 8_000_000 {
        out.extend_from_slice(frame(i).as_bytes());
        if i.is_multiple_of(50) {
            out.extend_from_slice(b": keep-alive\n\n");
        }
        i += 1;
    }
    out.extend_from_slice(end.as_bytes());
    out
}

fn chat() -> Vec<u8> {
    transcript(
        |i| {
            format!(
                "data: {{\"id\":\"2026112608141234{i}\",\"created\":1780000000,\"model\":\"glm-4.6\",\
                 \"choices\":[{{\"index\":0,\"delta\":{{\"role\":\"assistant\",\"content\":\"{}\"}},\
                 \"finish_reason\":null}}]}}\n\n",
                token(i)
            )
        },
        "data: {\"id\":\"20261126081412340\",\"choices\":[{\"index\":0,\"delta\":{},\
         \"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n",
    )
}

fn anthropic() -> Vec<u8> {
    transcript(
        |i| {
            format!(
                "event: content_block_delta\ndata: {{\"type\":\"content_block_delta\",\"index\":0,\
                 \"delta\":{{\"type\":\"text_delta\",\"text\":\"{}\"}}}}\n\n",
                token(i)
            )
        },
        "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\",\
         \"stop_sequence\":null},\"usage\":{\"output_tokens\":7}}\n\n\
         event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n",
    )
}

fn responses() -> Vec<u8> {
    transcript(
        |i| {
            format!(
                "event: response.output_text.delta\ndata: {{\"content_index\":0,\"delta\":\"{}\",\
                 \"item_id\":\"msg_1\",\"output_index\":0,\"sequence_number\":{i},\
                 \"type\":\"response.output_text.delta\"}}\n\n",
                token(i)
            )
        },
        "event: response.completed\ndata: {\"response\":{\"error\":null,\"status\":\"completed\"},\
         \"type\":\"response.completed\"}\n\ndata: [DONE]\n\n",
    )
}

/// What a loop made of a stream.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Output {
    /// The answer text, decoded.
    pub text: String,
    /// The finish or stop reason.
    pub finish: Option<String>,
    /// The end marker was seen (`[DONE]`, `message_stop`).
    pub done: bool,
    /// Data events handed to the caller (the proxy: `\n\n` found).
    pub events: usize,
}

impl Output {
    pub fn clear(&mut self) {
        self.text.clear();
        self.finish = None;
        self.done = false;
        self.events = 0;
    }
}

/// The core: `sse::Scanner` over the chunks, each text delta decoded into the output.
pub fn ours(data: &[u8], out: &mut Output) {
    let mut scanner: Scanner = Scanner::new();
    let handle = |event: Event<'_>, out: &mut Output| match event {
        Event::Chunk(chunk) => {
            out.events += 1;
            if let Some(delta) = chunk.text {
                let _ = delta.write_to(&mut out.text);
            }
        }
        Event::Finish(reason) => out.finish = Some(reason.as_str().to_owned()),
        Event::Done => out.done = true,
        other => {
            black_box(other);
        }
    };
    for piece in data.chunks(CHUNK) {
        let mut input = piece;
        while let Some(event) = scanner.next_event(&mut input) {
            handle(event, out);
        }
    }
    while let Some(event) = scanner.finish() {
        handle(event, out);
    }
}

// ---------------------------------------------------------------------------------------------
// The peers' per-event JSON: borrowed structs, only the fields the work needs.

/// The first element of an array (the rest skipped): `choices[0]` without a `Vec`.
struct First<T>(Option<T>);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for First<T> {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for V<T> {
            type Value = First<T>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an array")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                let first = seq.next_element()?;
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(First(first))
            }
        }
        d.deserialize_seq(V(PhantomData))
    }
}

#[derive(Deserialize)]
struct ChatDelta<'a> {
    #[serde(borrow)]
    content: Option<Str<'a>>,
}

#[derive(Deserialize)]
struct ChatChoice<'a> {
    #[serde(borrow)]
    delta: Option<ChatDelta<'a>>,
    #[serde(borrow)]
    finish_reason: Option<Str<'a>>,
}

#[derive(Deserialize)]
struct ChatChunk<'a> {
    #[serde(borrow)]
    choices: Option<First<ChatChoice<'a>>>,
}

#[derive(Deserialize)]
struct AnthropicDelta<'a> {
    #[serde(borrow)]
    text: Option<Str<'a>>,
    #[serde(borrow)]
    stop_reason: Option<Str<'a>>,
}

#[derive(Deserialize)]
struct AnthropicEvent<'a> {
    #[serde(borrow, rename = "type")]
    kind: Option<Str<'a>>,
    #[serde(borrow)]
    delta: Option<AnthropicDelta<'a>>,
}

#[derive(Deserialize)]
struct ResponsesStatus<'a> {
    #[serde(borrow)]
    status: Option<Str<'a>>,
}

#[derive(Deserialize)]
struct ResponsesEvent<'a> {
    #[serde(borrow, rename = "type")]
    kind: Option<Str<'a>>,
    #[serde(borrow)]
    delta: Option<Str<'a>>,
    #[serde(borrow)]
    response: Option<ResponsesStatus<'a>>,
}

/// One event's data, read with `serde_json::from_str` into the dialect's borrowed struct.
fn peer_event(dialect: Dialect, data: &str, out: &mut Output) {
    out.events += 1;
    if data == "[DONE]" {
        out.done = true;
        return;
    }
    match dialect {
        Dialect::Chat => {
            if let Ok(chunk) = serde_json::from_str::<ChatChunk<'_>>(data)
                && let Some(First(Some(choice))) = chunk.choices
            {
                if let Some(content) = choice.delta.and_then(|d| d.content) {
                    out.text.push_str(&content.0);
                }
                if let Some(reason) = choice.finish_reason {
                    out.finish = Some(reason.0.into_owned());
                }
            }
        }
        Dialect::Anthropic => {
            if let Ok(event) = serde_json::from_str::<AnthropicEvent<'_>>(data) {
                if let Some(delta) = event.delta {
                    if let Some(text) = delta.text {
                        out.text.push_str(&text.0);
                    }
                    if let Some(reason) = delta.stop_reason {
                        out.finish = Some(reason.0.into_owned());
                    }
                }
                if event.kind.is_some_and(|k| k.0 == "message_stop") {
                    out.done = true;
                }
            }
        }
        Dialect::Responses => {
            if let Ok(event) = serde_json::from_str::<ResponsesEvent<'_>>(data) {
                let kind = event.kind.map_or(Cow::Borrowed(""), |k| k.0);
                if kind == "response.output_text.delta"
                    && let Some(delta) = event.delta
                {
                    out.text.push_str(&delta.0);
                } else if kind == "response.completed"
                    && let Some(status) = event.response.and_then(|r| r.status)
                {
                    out.finish = Some(status.0.into_owned());
                }
            }
        }
    }
}

/// sse-core's decoder, then serde_json per event (`json = false`: framing only).
pub fn sse_core(dialect: Dialect, data: &[u8], json: bool, out: &mut Output) {
    let mut decoder = sse_core::SseDecoder::new();
    for piece in data.chunks(CHUNK) {
        let mut buf = piece;
        while let Some(event) = decoder.next(&mut buf) {
            if let Ok(sse_core::SseEvent::Message(message)) = event {
                if json {
                    peer_event(dialect, &message.data, out);
                } else {
                    out.events += 1;
                    black_box(&message);
                }
            }
        }
    }
}

/// sse-stream's `SseByteStream`, polled synchronously, then serde_json per event (`json = false`:
/// framing only).
pub fn sse_stream(dialect: Dialect, data: &[u8], json: bool, out: &mut Output) {
    let chunks = futures_util::stream::iter(data.chunks(CHUNK).map(Ok::<_, Infallible>));
    let mut stream = pin!(sse_stream::SseByteStream::new(chunks));
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        match stream.as_mut().poll_next(&mut cx) {
            Poll::Ready(Some(Ok(event))) => {
                if let Some(data) = &event.data {
                    if json {
                        peer_event(dialect, data, out);
                    } else {
                        out.events += 1;
                        black_box(&event);
                    }
                }
            }
            Poll::Ready(Some(Err(error))) => panic!("sse-stream: {error}"),
            Poll::Ready(None) => break,
            Poll::Pending => unreachable!("an iterator of chunks is always ready"),
        }
    }
}

/// The limit proxy: event ends (`\n\n`) counted with memchr's `memmem` over the same chunks (an end
/// split across two chunks is missed: a proxy, not a parser).
pub fn memchr_proxy(data: &[u8], out: &mut Output) {
    let finder = memchr::memmem::Finder::new(b"\n\n");
    for piece in data.chunks(CHUNK) {
        out.events += finder.find_iter(piece).count();
    }
}
