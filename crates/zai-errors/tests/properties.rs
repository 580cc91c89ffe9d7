//! Property tests: no input makes the parser panic or break its invariants, and generated bodies in
//! every shape give back their code, message (up to truncation) and request id.

mod common;

use common::{Form, generated, prefix};
use proptest::prelude::*;
use zai_errors::{ApiError, Classification};

const CAP: usize = 64;

fn check_invariants(status: u16, body: &[u8], error: &ApiError<CAP>) {
    common::invariants::check_body(status, body, error);
}

proptest! {
    #![proptest_config(common::config(2000))]

    #[test]
    fn arbitrary_bytes_never_panic(status in 100u16..600, body in prop::collection::vec(any::<u8>(), 0..600)) {
        let error = ApiError::<CAP>::parse(status, &body);
        check_invariants(status, &body, &error);
    }

    #[test]
    fn json_like_bytes_never_panic(
        status in 100u16..600,
        body in prop::collection::vec(prop::sample::select(b"{}[]\":,\\u0123 abcdeorgmsty1e-.".to_vec()), 0..400),
    ) {
        let error = ApiError::<CAP>::parse(status, &body);
        check_invariants(status, &body, &error);
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
        check_invariants(vector.status, &body, &error);
    }

    #[test]
    fn generated_bodies_round_trip(case in generated(), status in prop::sample::select(vec![200u16, 400, 429, 500])) {
        let error = ApiError::<CAP>::parse(status, case.body.as_bytes());
        check_invariants(status, case.body.as_bytes(), &error);
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

/// Every golden body cut at every byte offset: the code read complete before the cut decides, or
/// the status alone — never another code, never a panic (DESIGN §2.3); on both paths.
#[test]
fn every_golden_body_cut_anywhere_keeps_what_was_complete() {
    for vector in zai_errors_vectors::VECTORS {
        let step = if cfg!(miri) { 37 } else { 1 };
        for at in (0..=vector.body.len()).step_by(step) {
            common::invariants::check_cut::<CAP>(vector.status, vector.body, at);
        }
    }
}

/// The 1308 of the issue: cut after its code, it still says "wait for the reset", on both paths.
#[test]
fn a_1308_cut_after_its_code_says_at_reset() {
    let body = br#"{"error":{"code":"1308","message":"Usage limit reached for 5 hour. Your limit will reset at 2026-10-05 12:12:52"}}"#;
    for at in 23..body.len() {
        let class = Classification::of_body(429, &body[..at]);
        assert_eq!(class.retry, Some(zai_errors::Retry::AtReset), "cut at {at}");
    }
    let cut = ApiError::<CAP>::parse(429, &body[..100]);
    assert!(cut.is_truncated() && !cut.is_well_formed());
    // The reset time is kept only once its date is complete.
    let whole_date = ApiError::<CAP>::parse(429, &body[..body.len() - 3]);
    assert_eq!(
        whole_date.reset_at().map(|t| t.to_string()).as_deref(),
        Some("2026-10-05T12:12:52+08:00")
    );
}
