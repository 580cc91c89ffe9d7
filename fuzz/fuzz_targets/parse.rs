//! Any bytes as an error body, under several statuses: parse + classify never panics, and the result
//! keeps its invariants. The serde path must agree with the scanner when both read the body.
#![no_main]

use libfuzzer_sys::fuzz_target;
use zai_errors::{
    ApiError, Category, Classification, DETAIL_CAPACITY, ErrorEnvelope, REQUEST_ID_CAPACITY, Retry, Shape,
};

const CAP: usize = 64;

fuzz_target!(|body: &[u8]| {
    let derived = 100 + (body.len() as u16 % 500);
    for status in [200, 400, 401, 429, 500, 503, derived] {
        let error = ApiError::<CAP>::from_response(status, body);
        check(status, &error);
        assert_eq!(Classification::of_body(status, body), error.classification(), "the lean path differs");
    }
    let scanned = ApiError::<CAP>::from_response(429, body);
    // The scanner accepts exactly the JSON serde_json accepts, but for what serde_json does not check
    // (UTF-8 inside ignored strings), a byte order mark (skipped here) and nesting over MAX_NESTING.
    let openings = body.iter().filter(|&&b| b == b'[' || b == b'{').count();
    if std::str::from_utf8(body).is_ok() && !body.starts_with(b"\xEF\xBB\xBF") && openings <= zai_errors::MAX_NESTING {
        let json = serde_json::from_slice::<serde::de::IgnoredAny>(body).is_ok();
        assert_eq!(scanned.is_well_formed(), json, "the scanner and serde_json disagree on validity");
    }
    if let Ok(envelope) = ErrorEnvelope::<CAP>::from_slice(body) {
        if scanned.is_well_formed() && matches!(scanned.shape(), Shape::Nested | Shape::Anthropic) {
            assert_eq!(envelope.code, scanned.code(), "serde and scanner disagree on the code");
        }
    }
});

fn check(status: u16, error: &ApiError<CAP>) {
    assert_eq!(error.status(), status);
    let message = error.message().unwrap_or("");
    assert!(message.len() <= CAP, "message over capacity");
    assert!(error.request_id().map_or(0, str::len) <= REQUEST_ID_CAPACITY);
    assert!(error.detail().map_or(0, |d| d.value().len()) <= DETAIL_CAPACITY);
    let class = error.classification();
    assert!(!matches!(class.category, Category::Stream | Category::Transport));
    if let Some(info) = error.code().and_then(|c| c.info()) {
        assert_eq!(class.retry, Some(info.retry), "a documented code decides retry");
        assert_eq!(class.category, info.category);
    }
    if class.category == Category::Http && error.code().is_some() {
        let code = error.code().map(u16::from).unwrap_or(0);
        assert!((100..=599).contains(&code) && code != 500, "http category with code {code}");
    }
    if error.reset_at().is_some() {
        assert_eq!(class.retry, Some(Retry::AtReset));
    }
    if !error.is_well_formed() {
        assert_eq!(error.code(), None, "a broken body has no business code");
    }
    assert_eq!(class.retry.is_some(), class.is_error());
    let shown = error.to_string();
    assert!(!shown.chars().any(char::is_control), "Display leaks a control character");
}
