//! Any bytes as an error body, under several statuses: parse + classify never panics, the result
//! keeps the invariants shared with the property tests, any prefix of the body keeps what was
//! complete before the cut, and the serde path agrees with the scanner when both read the body.
#![no_main]

#[path = "../../crates/zai-errors/tests/common/invariants.rs"]
mod invariants;

use libfuzzer_sys::fuzz_target;
use zai_errors::{ApiError, ErrorEnvelope, Shape};

const CAP: usize = 64;

fuzz_target!(|body: &[u8]| {
    let derived = 100 + (body.len() as u16 % 500);
    for status in [200, 400, 401, 429, 500, 503, derived] {
        let error = ApiError::<CAP>::parse(status, body);
        invariants::check_body(status, body, &error);
    }
    // The body cut where the input itself says (DESIGN §2.3).
    let at = body.first().map_or(0, |&b| usize::from(b)).min(body.len());
    invariants::check_cut::<CAP>(429, body, at);

    let scanned = ApiError::<CAP>::parse(429, body);
    // The scanner accepts exactly the JSON serde_json accepts, but for what serde_json does not
    // check (UTF-8 inside ignored strings), a byte order mark (skipped here) and nesting over
    // ApiError::NESTING_LIMIT.
    let openings = body.iter().filter(|&&b| b == b'[' || b == b'{').count();
    if std::str::from_utf8(body).is_ok()
        && !body.starts_with(b"\xEF\xBB\xBF")
        && openings <= ApiError::NESTING_LIMIT
    {
        let json = serde_json::from_slice::<serde::de::IgnoredAny>(body).is_ok();
        assert_eq!(scanned.is_well_formed(), json, "the scanner and serde_json disagree on validity");
    }
    if let Ok(envelope) = ErrorEnvelope::<CAP>::from_slice(body) {
        if scanned.is_well_formed() && matches!(scanned.shape(), Shape::Nested | Shape::Anthropic) {
            assert_eq!(envelope.code, scanned.code(), "serde and scanner disagree on the code");
        }
    }
});
