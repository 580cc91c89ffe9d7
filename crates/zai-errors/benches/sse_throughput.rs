//! Throughput of the SSE scanner (MB/s) over a realistic 8 MB chat stream, fed in chunks of the
//! sizes a device (512 B) and a desktop client (16 KiB) read.
//!
//! `cargo bench -p zai-errors --bench sse_throughput`

use std::hint::black_box;
use std::time::Instant;

use zai_errors::sse;

fn transcript() -> Vec<u8> {
    let mut out = Vec::new();
    let mut i = 0u32;
    while out.len() < 8_000_000 {
        let content = if i.is_multiple_of(3) {
            "，这是一个测试"
        } else {
            " streaming tokens here"
        };
        out.extend_from_slice(
            format!(
                "data: {{\"id\":\"2026112608141234{i}\",\"created\":1780000000,\"model\":\"glm-4.6\",\
                 \"choices\":[{{\"index\":0,\"delta\":{{\"role\":\"assistant\",\"content\":\"{content}\"}},\
                 \"finish_reason\":null}}]}}\n\n"
            )
            .as_bytes(),
        );
        if i.is_multiple_of(50) {
            out.extend_from_slice(b": keep-alive\n\n");
        }
        i += 1;
    }
    out.extend_from_slice(
        b"data: {\"choices\":[{\"delta\":{},\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n",
    );
    out
}

fn main() {
    let data = transcript();
    println!("{:>8} {:>10} {:>9}", "chunk", "MB/s", "events");
    for chunk in [512usize, 16 * 1024] {
        let mut best = f64::MAX;
        let mut events = 0;
        for _ in 0..5 {
            let start = Instant::now();
            let mut scanner = sse::Scanner::<2048>::with_capacities();
            events = 0;
            for piece in data.chunks(chunk) {
                let mut input = piece;
                while let Some(event) = scanner.next_event(&mut input) {
                    if matches!(event, sse::Event::Finish(_)) {
                        black_box(&event);
                    }
                    events += 1;
                }
            }
            best = best.min(start.elapsed().as_secs_f64());
        }
        println!(
            "{chunk:>8} {:>10.0} {events:>9}",
            data.len() as f64 / best / 1e6
        );
    }
}
