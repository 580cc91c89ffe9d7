//! A hostile, 100 000-deep body on a small stack: a clean result, no overflow.

use zai_errors::{ApiError, Category, EnvelopeError, ErrorEnvelope, Retry, Shape};

/// 100 000 levels natively; under Miri (a thousand times slower) 2 000, still far over `MAX_DEPTH`.
const DEPTH: usize = if cfg!(miri) { 2_000 } else { 100_000 };

/// Runs `f` on a thread with a 64 KiB stack (a stack overflow would abort the whole test binary).
fn on_small_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new()
        .stack_size(64 * 1024)
        .spawn(f)
        .expect("spawn")
        .join()
        .expect("the parser overflowed or panicked")
}

#[test]
fn deep_nesting_is_scanned_with_constant_stack() {
    let open = "[".repeat(DEPTH);
    let close = "]".repeat(DEPTH);
    let inside_error =
        format!(r#"{{"error":{{"code":"1113","deep":{open}{close},"message":"after"}}}}"#);
    let unclosed = format!(r#"{{"error":{{"code":"1302","deep":{open}"#);
    let top = format!("{open}{close}");
    let objects = format!("{}{}", r#"{"a":"#.repeat(DEPTH), "}".repeat(DEPTH));

    let results = on_small_stack(move || {
        [inside_error, unclosed, top, objects]
            .map(|body| ApiError::<64>::from_response(429, body.as_bytes()))
    });
    let [inside_error, unclosed, top, objects] = results;

    assert_eq!(inside_error.code().map(u16::from), Some(1113));
    assert_eq!(inside_error.message(), Some("after"));
    assert!(inside_error.is_well_formed());

    // Cut short: not JSON, so the status decides (DESIGN §2.3), with a snippet as the message.
    assert_eq!((unclosed.code(), unclosed.shape()), (None, Shape::NotJson));
    assert_eq!(unclosed.retry(), Some(Retry::Backoff));
    assert!(
        unclosed
            .message()
            .is_some_and(|m| m.starts_with(r#"{"error":{"code":"1302""#))
    );
    assert!(!unclosed.is_well_formed());

    assert_eq!(
        (top.shape(), top.category(), top.code()),
        (Shape::OtherJson, Category::Http, None)
    );
    assert_eq!(objects.shape(), Shape::OtherJson);
    assert!(objects.is_well_formed());
}

#[test]
fn the_serde_path_refuses_deep_bodies_before_recursing() {
    let body = format!(
        r#"{{"error":{{"code":"1113","deep":{}{}}}}}"#,
        "[".repeat(DEPTH),
        "]".repeat(DEPTH)
    );
    let result = on_small_stack(move || ErrorEnvelope::<64>::from_slice(body.as_bytes()));
    assert_eq!(result, Err(EnvelopeError::TooDeep));
    // Within the limit it parses.
    let body = format!(
        r#"{{"error":{{"code":"1113","deep":{}{}}}}}"#,
        "[".repeat(20),
        "]".repeat(20)
    );
    let envelope = ErrorEnvelope::<64>::from_slice(body.as_bytes()).expect("20 levels are fine");
    assert_eq!(envelope.code.map(u16::from), Some(1113));
}
