//! Parse + classify allocate nothing: measured with a counting global allocator.

use zai_errors::{ApiError, Classification, FinishReason, TransportFailure, sse};
use zai_errors_vectors::VECTORS;

#[test]
fn the_counter_sees_allocations() {
    // Control: the same measurement catches one allocation, so a zero below means zero.
    let info = allocation_counter::measure(|| {
        std::hint::black_box(vec![1u8; 16]);
    });
    assert_eq!(info.count_total, 1);
}

#[test]
fn parse_and_classify_allocate_nothing() {
    // Smaller under Miri, which is about a thousand times slower.
    let n = if cfg!(miri) { 200 } else { 20_000 };
    let big = "\u{4ee4}".repeat(n);
    let hostile: Vec<Vec<u8>> = vec![
        format!(r#"{{"error":{{"code":"1301","message":"{big}"}}}}"#).into_bytes(),
        format!("{}{}", "[".repeat(n), "]".repeat(n)).into_bytes(),
        vec![0xff; 4096],
        b"<html><title>504 Gateway Time-out</title></html>".to_vec(),
    ];
    let info = allocation_counter::measure(|| {
        for vector in VECTORS {
            let error = ApiError::from_response(vector.status, vector.body);
            std::hint::black_box((&error, error.classification().is_retryable()));
        }
        for body in &hostile {
            let error = ApiError::<64>::parse(500, body);
            std::hint::black_box(&error);
        }
        for reason in [
            "stop",
            "network_error",
            "model_context_window_exceeded",
            "something_new_and_long_enough_to_cut",
        ] {
            std::hint::black_box(FinishReason::parse(reason).classify());
        }
        std::hint::black_box(TransportFailure::Timeout.classify());
        std::hint::black_box(Classification::of_code(429, Some(1399)));
    });
    assert_eq!(
        info.count_total, 0,
        "parse + classify allocated {} bytes",
        info.bytes_total
    );
}

#[test]
fn sse_scanning_allocates_nothing() {
    let mut events = 0usize;
    let info = allocation_counter::measure(|| {
        // Under Miri, the streams under 4 KiB only (it is about a thousand times slower).
        let streams = zai_errors_vectors::STREAMS
            .iter()
            .filter(|s| !cfg!(miri) || s.transcript.len() <= 4096);
        for stream in streams {
            let mut scanner = sse::Scanner::<512>::with_capacities();
            for piece in stream.transcript.chunks(61) {
                let mut input = piece;
                while let Some(event) = scanner.next_event(&mut input) {
                    events += 1;
                    std::hint::black_box(&event);
                }
            }
            while let Some(event) = scanner.finish() {
                events += 1;
                std::hint::black_box(&event);
            }
        }
    });
    assert!(events > 35, "the streams were scanned ({events} events)");
    assert_eq!(
        info.count_total, 0,
        "scanning allocated {} bytes",
        info.bytes_total
    );
}
