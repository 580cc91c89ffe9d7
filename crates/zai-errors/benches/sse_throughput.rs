//! Throughput of the SSE scanner (MB/s) over realistic 8 MB streams in each dialect (chat
//! completions, Anthropic Messages, the Responses API), fed in chunks of the sizes a device (512 B)
//! and a desktop client (16 KiB) read. Every content delta is decoded, as a client showing tokens
//! would (the first row only scans, as the bench did before the dialects came).
//!
//! `cargo bench -p zai-errors --bench sse_throughput`

use std::fmt::Write as _;
use std::hint::black_box;
use std::time::Instant;

use zai_errors::sse;

/// A token of text, alternating Chinese and English.
fn token(i: u32) -> &'static str {
    if i.is_multiple_of(3) {
        "，这是一个测试"
    } else {
        " streaming tokens here"
    }
}

/// Frames until 8 MB, then the dialect's end.
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
        "data: {\"choices\":[{\"delta\":{},\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n",
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

fn main() {
    println!(
        "{:<16} {:>8} {:>10} {:>9}",
        "dialect", "chunk", "MB/s", "events"
    );
    let (chat, anthropic, responses) = (chat(), anthropic(), responses());
    let rows = [
        ("chat (scan only)", &chat, false),
        ("chat", &chat, true),
        ("anthropic", &anthropic, true),
        ("responses", &responses, true),
    ];
    for (dialect, data, decode) in rows {
        for chunk in [512usize, 16 * 1024] {
            let mut best = f64::MAX;
            let mut events = 0;
            let mut text = String::with_capacity(8_000_000);
            for _ in 0..5 {
                text.clear();
                let start = Instant::now();
                let mut scanner = sse::Scanner::<2048>::with_capacities();
                events = 0;
                for piece in data.chunks(chunk) {
                    let mut input = piece;
                    while let Some(event) = scanner.next_event(&mut input) {
                        if let sse::Event::Chunk(chunk) = &event
                            && let Some(delta) = chunk.text.filter(|_| decode)
                        {
                            let _ = write!(text, "{delta}");
                        }
                        black_box(&event);
                        events += 1;
                    }
                }
                while let Some(event) = scanner.finish() {
                    black_box(&event);
                    events += 1;
                }
                best = best.min(start.elapsed().as_secs_f64());
            }
            assert!(!decode || text.len() > 500_000, "the deltas were decoded");
            println!(
                "{dialect:<16} {chunk:>8} {:>10.0} {events:>9}",
                data.len() as f64 / best / 1e6
            );
        }
    }
}
