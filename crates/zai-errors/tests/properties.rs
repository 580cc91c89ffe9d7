//! Property tests: no input makes the parser panic or break its invariants, and generated bodies in
//! every shape give back their code, message (up to truncation) and request id.

mod common;

use common::{Form, generated, prefix};
use proptest::prelude::*;
use zai_errors::{ApiError, Category, Classification, Retry};

const CAP: usize = 64;

/// What must hold for any result, whatever the input.
fn check_invariants(status: u16, error: &ApiError<CAP>) {
    let message = error.message().unwrap_or("");
    assert!(message.len() <= CAP);
    assert!(error.request_id().map_or(0, str::len) <= zai_errors::request_id::CAPACITY);
    assert_eq!(error.status(), status);
    let class = error.classification();
    match class.category {
        Category::Stream | Category::Transport => {
            panic!("a response is never {:?}", class.category)
        }
        // An http class with a code means a status-like, undocumented code (e.g. "401").
        Category::Http => assert!(error.code().is_none_or(|code| {
            let code = u16::from(code);
            (100..=599).contains(&code) && code != 500 && !class.known
        })),
        _ => {}
    }
    if let Some(info) = error.code().and_then(|c| c.info()) {
        assert_eq!(
            class.retry,
            Some(info.retry),
            "a documented code decides retry"
        );
    }
    if error.reset_at().is_some() {
        assert_eq!(class.retry, Some(Retry::AtReset));
    }
    // Display never panics and escapes every control character.
    let shown = error.to_string();
    assert!(!shown.chars().any(char::is_control), "{shown:?}");
}

proptest! {
    #![proptest_config(common::config(2000))]

    #[test]
    fn arbitrary_bytes_never_panic(status in 100u16..600, body in prop::collection::vec(any::<u8>(), 0..600)) {
        let error = ApiError::<CAP>::parse(status, &body);
        check_invariants(status, &error);
        prop_assert_eq!(Classification::of_body(status, &body), error.classification());
    }

    #[test]
    fn json_like_bytes_never_panic(
        status in 100u16..600,
        body in prop::collection::vec(prop::sample::select(b"{}[]\":,\\u0123 abcdeorgmsty1e-.".to_vec()), 0..400),
    ) {
        let error = ApiError::<CAP>::parse(status, &body);
        check_invariants(status, &error);
    }

    #[test]
    fn mutated_real_bodies_never_panic(
        index in 0..zai_errors_vectors::VECTORS.len(),
        cut in 0usize..400,
        flips in prop::collection::vec((0usize..400, any::<u8>()), 0..4),
    ) {
        let vector = &zai_errors_vectors::VECTORS[index];
        let mut body = vector.body.to_vec();
        for (at, byte) in flips {
            if let Some(b) = body.get_mut(at) { *b = byte; }
        }
        body.truncate(cut);
        let error = ApiError::<CAP>::parse(vector.status, &body);
        check_invariants(vector.status, &error);
        prop_assert_eq!(Classification::of_body(vector.status, &body), error.classification());
    }

    #[test]
    fn generated_bodies_round_trip(case in generated(), status in prop::sample::select(vec![200u16, 400, 429, 500])) {
        let error = ApiError::<CAP>::parse(status, case.body.as_bytes());
        check_invariants(status, &error);
        prop_assert!(error.is_well_formed(), "{}", case.body);
        prop_assert_eq!(error.code().map(u16::from), case.code);
        prop_assert_eq!(error.message(), Some(prefix(&case.message, CAP)), "{}", case.body);
        prop_assert_eq!(error.is_truncated(), case.message.len() > CAP);
        prop_assert_eq!(error.request_id(), case.request_id.as_deref());
        let shape = match case.form {
            Form::Anthropic | Form::AnthropicLegacy => "anthropic",
            Form::FlatMsg | Form::FlatMessage => "flat",
            Form::PlainText => "plain_text",
            _ => "nested",
        };
        prop_assert_eq!(error.shape().as_str(), shape);
    }
}
