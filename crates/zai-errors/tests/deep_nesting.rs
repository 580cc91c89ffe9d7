//! A hostile, 100 000-deep body on a small stack: a clean result, no overflow.

use zai_errors::{ApiError, Category, Retry, Shape};

/// 100 000 levels natively; under Miri (a thousand times slower) 2 000, still far over both nesting limits.
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
    let within = |levels: usize| {
        format!(
            r#"{{"error":{{"code":"1113","deep":{}{}}}}}"#,
            "[".repeat(levels),
            "]".repeat(levels)
        )
    };
    let (at_limit, over_limit) = (
        within(ApiError::NESTING_LIMIT),
        within(ApiError::NESTING_LIMIT + 1),
    );

    let results = on_small_stack(move || {
        [inside_error, unclosed, top, objects, at_limit, over_limit]
            .map(|body| ApiError::<64>::parse(429, body.as_bytes()))
    });
    let [inside_error, unclosed, top, objects, at_limit, over_limit] = results;

    // Deeper than ApiError::NESTING_LIMIT is broken JSON (serde_json stops at 128): no overflow,
    // no panic, constant stack; what was read complete before the break is kept (DESIGN §2.3).
    for deep in [&inside_error, &unclosed, &top, &objects, &over_limit] {
        assert!(!deep.is_well_formed());
    }
    assert_eq!(
        (inside_error.code().map(u16::from), inside_error.shape()),
        (Some(1113), Shape::Broken)
    );
    assert_eq!(inside_error.retry(), Some(Retry::Never));
    assert_eq!(
        (unclosed.code().map(u16::from), unclosed.shape()),
        (Some(1302), Shape::Broken)
    );
    assert_eq!(
        (over_limit.code().map(u16::from), over_limit.shape()),
        (Some(1113), Shape::Broken)
    );
    // Nothing complete before the break: the status decides, with a snippet as the message.
    for deep in [&top, &objects] {
        assert_eq!(deep.code(), None);
        assert_eq!(
            (deep.category(), deep.retry()),
            (Category::Http, Some(Retry::Backoff))
        );
    }
    assert_eq!(top.shape(), Shape::NotJson);
    assert_eq!(objects.shape(), Shape::Broken);
    assert!(
        objects
            .message()
            .is_some_and(|m| m.starts_with(r#"{"a":{"a":"#))
    );
    // Up to the limit, the body is read.
    assert_eq!(at_limit.code().map(u16::from), Some(1113));
    assert!(at_limit.is_well_formed());
}

#[cfg(feature = "serde")]
#[test]
fn the_serde_path_refuses_deep_bodies_before_recursing() {
    use zai_errors::ErrorEnvelope;
    use zai_errors::envelope::EnvelopeError;

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
