//! Any bytes as an SSE transcript, cut into chunks chosen by the input itself: the scanner never
//! panics, reports the same events however the input is cut, and keeps the invariants shared with
//! the property tests (one `done` at most, `cut` only last).
#![no_main]

#[path = "../../crates/zai-errors/tests/common/invariants.rs"]
mod invariants;

use libfuzzer_sys::fuzz_target;
use zai_errors::sse;

fn scan(data: &[u8], sizes: &mut dyn Iterator<Item = usize>) -> Vec<String> {
    let mut scanner = sse::Scanner::<256, 64>::with_capacities();
    let mut events = Vec::new();
    let mut rest = data;
    while !rest.is_empty() {
        let (mut piece, tail) = rest.split_at(sizes.next().unwrap_or(rest.len()).clamp(1, rest.len()));
        rest = tail;
        while let Some(event) = scanner.next_event(&mut piece) {
            events.push(invariants::describe_event(&event));
        }
        assert!(piece.is_empty(), "next_event returned None with input left");
    }
    while let Some(event) = scanner.finish() {
        events.push(invariants::describe_event(&event));
    }
    invariants::check_events(&events);
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
