//! Stray and invalid bytes where they are easy to get wrong: after a backslash, right after a
//! number, before a page's title; reset times written with escapes past the message buffer, never
//! taken from a snippet; the padding the request-id carriers leave.

use zai_errors::{ApiError, Kind, Retry, Shape};

#[test]
fn invalid_utf8_right_after_a_backslash_breaks_there_and_keeps_the_text_before() {
    for body in [
        &b"{\"error\":{\"code\":\"1003\",\"message\":\"Hello \\\xff\"}}"[..],
        b"{\"error\":{\"code\":\"1003\",\"message\":\"Hello \\u00\xff\"}}",
        b"{\"error\":{\"code\":\"1003\",\"message\":\"Hello \xff\"}}",
    ] {
        let error = ApiError::<64>::parse(401, body);
        assert_eq!(error.message(), Some("Hello "), "{body:?}");
        assert!(
            error.is_truncated() && error.shape() == Shape::Broken,
            "{body:?}"
        );
        assert_eq!(error.code().map(u16::from), Some(1003));
    }
}

#[test]
fn a_number_run_into_a_stray_byte_is_no_code() {
    for body in [
        &b"{\"code\":401\xff}"[..],
        b"{\"code\":4\xff01,\"msg\":\"x\"}",
    ] {
        let error = ApiError::<64>::parse(429, body);
        assert_eq!(error.code(), None, "{body:?}");
        assert_eq!(
            (error.kind(), error.retry()),
            (Kind::TooManyRequests, Some(Retry::Backoff))
        );
    }
}

#[test]
fn a_reset_time_written_with_an_escape_is_found_past_the_message_buffer() {
    let body = br#"{"error":{"code":"1310","message":"Your limit will reset at 2026\u002d08-03 09:15:00"}}"#;
    let small = ApiError::<32>::parse(429, body);
    assert!(small.is_truncated());
    let at = small.reset_at().map(|at| at.to_string());
    assert_eq!(at.as_deref(), Some("2026-08-03T09:15:00+08:00"));
    // A date followed by more digits is no date, escaped or not.
    let longer = br#"{"error":{"code":"1310","message":"reset at 2026\u002d08-03 09:15:001"}}"#;
    assert_eq!(ApiError::<32>::parse(429, longer).reset_at(), None);
}

#[test]
fn a_reset_time_is_never_taken_from_a_snippet_of_another_field() {
    let body = b"{\"code\":1308,\"msg\":\"x\x01\",\"created\":\"2026-10-05 12:12:52\"}";
    let error = ApiError::<64>::parse(429, body);
    assert_eq!(error.reset_at(), None);
}

#[test]
fn a_title_is_found_behind_a_byte_order_mark() {
    let body = b"\xEF\xBB\xBF<html><title>502 Bad Gateway</title></html>";
    assert_eq!(
        ApiError::<64>::parse(502, body).message(),
        Some("502 Bad Gateway")
    );
}

#[test]
fn carriers_trim_only_their_own_padding() {
    let relay = br#"{"error":{"code":"1302","message":"  text (request id: abcdefgh12345678)"}}"#;
    let error = ApiError::<64>::parse(429, relay);
    assert_eq!(
        (error.message(), error.request_id()),
        (Some("  text"), Some("abcdefgh12345678"))
    );
    let file = br#"{"error":{"message":"[logID=ab12] File  "}}"#;
    let error = ApiError::<64>::parse(404, file);
    assert_eq!(
        (error.message(), error.request_id()),
        (Some("File  "), Some("ab12"))
    );
}
