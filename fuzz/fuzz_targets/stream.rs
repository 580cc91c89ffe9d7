//! Any bytes as an SSE transcript, cut into chunks chosen by the input itself: the scanner never
//! panics and reports the same events however the input is cut.
#![no_main]

use libfuzzer_sys::fuzz_target;
use zai_errors::{SseEvent, SseScanner};

fn describe(event: &SseEvent<'_, 64>) -> String {
    match event {
        SseEvent::Chunk(chunk) => format!("chunk {:?} {:?}", chunk.data, chunk.finish_reason),
        SseEvent::Finish(reason) => format!("finish {reason} {:?}", reason.classify()),
        SseEvent::Error(error) => format!("error {error:?}"),
        SseEvent::Done => "done".into(),
        SseEvent::Overlong(len) => format!("overlong {len}"),
    }
}

fn scan(data: &[u8], sizes: &mut dyn Iterator<Item = usize>) -> Vec<String> {
    let mut scanner: SseScanner<256, 64> = SseScanner::new();
    let mut events = Vec::new();
    let mut rest = data;
    while !rest.is_empty() {
        let (mut piece, tail) = rest.split_at(sizes.next().unwrap_or(rest.len()).clamp(1, rest.len()));
        rest = tail;
        while let Some(event) = scanner.next_event(&mut piece) {
            events.push(describe(&event));
        }
        assert!(piece.is_empty(), "next_event returned None with input left");
    }
    while let Some(event) = scanner.finish() {
        events.push(describe(&event));
    }
    events
}

fuzz_target!(|data: &[u8]| {
    let whole = scan(data, &mut std::iter::empty());
    // Chunk sizes from the data itself: 1..=64, cycling.
    let mut sizes = data.iter().map(|&b| usize::from(b % 64) + 1).cycle();
    assert_eq!(scan(data, &mut sizes), whole, "events depend on the chunking");
    let mut ones = std::iter::repeat(1);
    assert_eq!(scan(data, &mut ones), whole, "events differ byte by byte");
});
