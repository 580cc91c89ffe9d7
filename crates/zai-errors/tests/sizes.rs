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
        // An event lends an in-band error from the scanner: it stays small whatever `M` is.
        ("sse::Event<'_, 256>", size_of::<sse::Event<'_, 256>>(), 160),
        // The scanner: its buffer, its error slot, and a little state.
        (
            "sse::Scanner<512, 64>",
            size_of::<sse::Scanner<512, 64>>(),
            512 + size_of::<ApiError<64>>() + 192,
        ),
        (
            "sse::Scanner<2048, 256>",
            size_of::<sse::Scanner<2048, 256>>(),
            2048 + size_of::<ApiError<256>>() + 192,
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

/// The documented JSON bounds hold for the worst case: every text full of control characters
/// (six bytes each as `\u00XX`), every field at its longest; serde-json-core fills a buffer of
/// exactly that size without error.
#[cfg(feature = "serde")]
#[test]
fn the_json_bounds_hold_for_the_worst_case() {
    use zai_errors::{Classification, serde_json_core};
    let control = "\u{1}".repeat(400);
    let body = format!(
        r#"{{"error":{{"code":"{}","message":"[1311][{control}does not yet include access to {control}][{}]"}}}}"#,
        "\\u0001".repeat(40),
        "a".repeat(64)
    );
    for body in [
        body.clone(),
        body.replace(r#""code":"\u0001"#, r#""code":"1311"#),
    ] {
        let error = ApiError::from_response(65535, body.as_bytes());
        let mut buffer = vec![0u8; ApiError::MAX_JSON_LEN];
        let written = serde_json_core::to_slice(&error, &mut buffer).expect("fits the bound");
        assert!(written <= ApiError::MAX_JSON_LEN);
        let std_len = serde_json::to_vec(&error).expect("serializes").len();
        assert!(std_len <= ApiError::MAX_JSON_LEN, "{std_len}");
    }
    // A smaller message capacity has a smaller bound.
    assert!(ApiError::max_json_len(64) < ApiError::MAX_JSON_LEN);
    let error = ApiError::<64>::parse(429, control.as_bytes());
    let mut buffer = vec![0u8; ApiError::max_json_len(64)];
    assert!(serde_json_core::to_slice(&error, &mut buffer).is_ok());
    // The classification: every kind at its longest.
    for kind_source in [
        Classification::of_code(429, Some(1318)),
        Classification::of_status(401),
    ] {
        let mut buffer = [0u8; Classification::MAX_JSON_LEN];
        assert!(serde_json_core::to_slice(&kind_source, &mut buffer).is_ok());
    }
}
