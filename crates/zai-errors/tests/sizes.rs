//! What the main types cost on the stack (this host; 32-bit targets are a little smaller): budgets
//! that a change must not blow through unnoticed on a 4 KiB device stack.

use std::mem::size_of;

use zai_errors::{ApiError, Classification, sse};

#[test]
fn the_main_types_stay_small() {
    let sizes = [
        ("Classification", size_of::<Classification>(), 32),
        ("ApiError<256>", size_of::<ApiError<256>>(), 512),
        ("ApiError<64>", size_of::<ApiError<64>>(), 320),
        ("sse::Event<'_, 256>", size_of::<sse::Event<'_, 256>>(), 512),
        (
            "sse::Scanner<512, 64>",
            size_of::<sse::Scanner<512, 64>>(),
            512 + 256,
        ),
        (
            "sse::Scanner<2048, 256>",
            size_of::<sse::Scanner<2048, 256>>(),
            2048 + 256,
        ),
    ];
    for (name, size, budget) in sizes {
        println!("{name:<22} {size:>5} bytes (budget {budget})");
        assert!(
            size <= budget,
            "{name} is {size} bytes, over its budget of {budget}"
        );
    }
}
