//! The adapter's body reading over a test-double connection, for every golden vector: read in 1–7
//! byte chunks, cut by the connection, by the buffer, by a timeout or a reset at every position,
//! with over-reported read counts, without headers, and 1 MiB long; blocking, async
//! (`embassy_futures::block_on`) and over plain embedded-io readers.

#[path = "double/check.rs"]
mod check;
mod double;

use double::{Bytes, Conn, Huge, Plan};
use embedded_io::ErrorKind;
use embedded_svc::http::client::{Response, asynch};
use zai_errors::{ApiError, Retry};
use zai_errors_embedded_svc::{
    BodyEnd, ErrorResponse, NotInResponsePhase, asynch as adapter_async, blocking,
};
use zai_errors_vectors::VECTORS;

const BUFFER: usize = 4096;

fn conn(status: u16, body: &'static [u8], length: Option<usize>, plan: Plan) -> Conn<Bytes> {
    Conn::new(status, length.map(|n| n as u64), Bytes::new(body), plan).responding()
}

fn read_blocking(conn: &mut Conn<Bytes>, buffer: &mut [u8]) -> ErrorResponse<ErrorKind> {
    blocking::classify_response(&mut Response::wrap(conn), buffer)
}

fn read_async(conn: &mut Conn<Bytes>, buffer: &mut [u8]) -> ErrorResponse<ErrorKind> {
    let mut response = asynch::Response::wrap(conn);
    embassy_futures::block_on(adapter_async::classify_response(&mut response, buffer))
}

/// What the adapter must answer for `bytes` of a body: the core's classification of them.
fn core(status: u16, bytes: &[u8]) -> ApiError {
    ApiError::from_response(status, bytes)
}

/// The same for a body the adapter reports cut.
fn core_cut(status: u16, bytes: &[u8]) -> ApiError {
    let mut error = core(status, bytes);
    error.mark_body_cut();
    error
}

#[test]
fn every_vector_read_in_small_chunks_is_classified_as_expected() {
    let mut buffer = [0u8; BUFFER];
    for (index, vector) in VECTORS.iter().enumerate() {
        let len = Some(vector.body.len());
        let plan = Plan {
            chunks: Some(index),
            ..Plan::CHUNKED
        };
        for (path, read) in [
            (
                "blocking",
                read_blocking(
                    &mut conn(vector.status, vector.body, len, plan),
                    &mut buffer,
                ),
            ),
            (
                "async",
                read_async(
                    &mut conn(vector.status, vector.body, len, plan),
                    &mut buffer,
                ),
            ),
        ] {
            assert_eq!(read.end, BodyEnd::Complete, "{} ({path})", vector.name);
            assert_eq!(read.body_len, vector.body.len(), "{} ({path})", vector.name);
            assert_eq!(
                mismatch(&read.error, vector),
                None,
                "{} ({path})",
                vector.name
            );
        }
    }
}

fn mismatch(error: &ApiError, vector: &zai_errors_vectors::Vector) -> Option<&'static str> {
    check::mismatch(error, &vector.expect)
}

#[test]
fn every_vector_over_plain_readers_and_without_headers() {
    let mut buffer = [0u8; BUFFER];
    for vector in VECTORS {
        let mut reader = double::Body::new(Bytes::new(vector.body), Plan::CHUNKED);
        let read: ErrorResponse<_> =
            blocking::classify_reader(vector.status, |_| None, &mut reader, &mut buffer);
        assert_eq!(read.end, BodyEnd::Complete, "{}", vector.name);
        assert_eq!(mismatch(&read.error, vector), None, "{}", vector.name);

        let mut reader = double::Body::new(Bytes::new(vector.body), Plan::CHUNKED);
        let read: ErrorResponse<_> = embassy_futures::block_on(adapter_async::classify_reader(
            vector.status,
            |_| None,
            &mut reader,
            &mut buffer,
        ));
        assert_eq!(read.end, BodyEnd::Complete, "{}", vector.name);
        assert_eq!(mismatch(&read.error, vector), None, "{}", vector.name);
    }
}

#[test]
fn every_vector_cut_by_the_connection_at_every_position_is_reported_and_classified() {
    let mut buffer = [0u8; BUFFER];
    for vector in VECTORS {
        let len = vector.body.len();
        for at in 0..len {
            let plan = Plan {
                end_at: Some(at),
                ..Plan::CHUNKED
            };
            let expected_end = BodyEnd::ShortOfContentLength {
                expected: len as u64,
            };
            for read in [
                read_blocking(
                    &mut conn(vector.status, vector.body, Some(len), plan),
                    &mut buffer,
                ),
                read_async(
                    &mut conn(vector.status, vector.body, Some(len), plan),
                    &mut buffer,
                ),
            ] {
                assert_eq!(read.end, expected_end, "{} cut at {at}", vector.name);
                assert!(read.is_cut());
                assert_eq!(read.body_len, at, "{} cut at {at}", vector.name);
                assert_eq!(
                    read.error,
                    core_cut(vector.status, &vector.body[..at]),
                    "{} at {at}",
                    vector.name
                );
            }
            // Without Content-Length nothing tells a cut from an end: the bytes are still classified.
            let read = read_blocking(
                &mut conn(vector.status, vector.body, None, plan),
                &mut buffer,
            );
            assert_eq!(
                (read.end, read.body_len),
                (BodyEnd::Complete, at),
                "{}",
                vector.name
            );
            assert_eq!(
                read.error,
                core(vector.status, &vector.body[..at]),
                "{}",
                vector.name
            );
        }
    }
}

#[test]
fn every_vector_cut_by_the_buffer_at_every_size_is_reported_and_classified() {
    let mut buffer = [0u8; BUFFER];
    for vector in VECTORS {
        let len = vector.body.len();
        for size in 1..len {
            for length in [Some(len), None] {
                let read = read_blocking(
                    &mut conn(vector.status, vector.body, length, Plan::CHUNKED),
                    &mut buffer[..size],
                );
                assert_eq!(read.end, BodyEnd::BufferFull, "{} in {size}", vector.name);
                assert_eq!(read.body_len, size);
                assert_eq!(
                    read.error,
                    core_cut(vector.status, &vector.body[..size]),
                    "{} in {size}",
                    vector.name
                );
            }
            let read = read_async(
                &mut conn(vector.status, vector.body, Some(len), Plan::CHUNKED),
                &mut buffer[..size],
            );
            assert_eq!(
                (read.end, read.body_len),
                (BodyEnd::BufferFull, size),
                "{}",
                vector.name
            );
        }
        // A buffer of exactly the body's size holds it all, with or without Content-Length.
        for length in [Some(len), None] {
            let read = read_blocking(
                &mut conn(vector.status, vector.body, length, Plan::CHUNKED),
                &mut buffer[..len],
            );
            assert_eq!(
                read.end,
                BodyEnd::Complete,
                "{} in its own size",
                vector.name
            );
        }
    }
}

#[test]
fn transport_errors_mid_body_are_reported_with_what_was_read() {
    let mut buffer = [0u8; BUFFER];
    for vector in VECTORS {
        let len = vector.body.len();
        for at in (0..len).step_by(3) {
            for kind in [ErrorKind::TimedOut, ErrorKind::ConnectionReset] {
                let plan = Plan {
                    fail_at: Some((at, kind)),
                    ..Plan::CHUNKED
                };
                for read in [
                    read_blocking(
                        &mut conn(vector.status, vector.body, Some(len), plan),
                        &mut buffer,
                    ),
                    read_async(
                        &mut conn(vector.status, vector.body, Some(len), plan),
                        &mut buffer,
                    ),
                ] {
                    assert_eq!(
                        read.end,
                        BodyEnd::Transport(kind),
                        "{} at {at}",
                        vector.name
                    );
                    assert_eq!(read.transport_error(), Some(&kind));
                    let failure = zai_errors_embedded_svc::transport_failure(&kind);
                    assert_eq!(read.transport_failure(), Some(failure));
                    assert_eq!(read.body_len, at);
                    assert_eq!(
                        read.error,
                        core_cut(vector.status, &vector.body[..at]),
                        "{} at {at}",
                        vector.name
                    );
                }
            }
        }
    }
}

#[test]
fn over_reported_read_counts_are_clamped() {
    let mut buffer = [0u8; BUFFER];
    for vector in VECTORS {
        let plan = Plan {
            over_report: true,
            ..Plan::CHUNKED
        };
        let len = vector.body.len();
        let read = read_blocking(
            &mut conn(vector.status, vector.body, Some(len), plan),
            &mut buffer,
        );
        assert_eq!(
            (read.end, read.body_len),
            (BodyEnd::Complete, len),
            "{}",
            vector.name
        );
        assert_eq!(mismatch(&read.error, vector), None, "{}", vector.name);
        // Each read fills its whole offer and reports 5 more: with a small buffer, every count lies.
        let plan = Plan {
            over_report: true,
            chunks: None,
            ..Plan::CHUNKED
        };
        let size = len.min(16);
        let read = read_async(
            &mut conn(vector.status, vector.body, Some(len), plan),
            &mut buffer[..size],
        );
        assert_eq!(read.body_len, size, "{}", vector.name);
    }
}

#[test]
fn one_mib_bodies_stop_at_the_buffer() {
    const MIB: usize = 1 << 20;
    for (status, prefix, fill) in [
        (429, &br#"{"error":{"code":"1302","message":""#[..], b'x'),
        (500, &b"<html><body>"[..], b'<'),
        (400, &b"[[[[[[[["[..], b'['),
    ] {
        let mut buffer = [0u8; 512];
        let mut conn = Conn::new(
            status,
            Some(MIB as u64),
            Huge::new(prefix, fill, b"}", MIB),
            Plan::CHUNKED,
        )
        .responding();
        let read: ErrorResponse<_> =
            blocking::classify_response(&mut Response::wrap(&mut conn), &mut buffer);
        assert_eq!((read.end, read.body_len), (BodyEnd::BufferFull, 512));
        assert_eq!(conn.body.delivered(), 512, "reads stop at the buffer");
        assert_eq!(read.error, core_cut(status, &buffer));
    }
}

#[test]
fn request_ids_come_from_any_of_the_headers_without_case_unless_the_body_has_one() {
    let mut buffer = [0u8; BUFFER];
    let body: &[u8] = br#"{"error":{"code":"1302","message":"slow down"}}"#;
    for name in ["X-Request-Id", "request-id", "x-log-id", "X-LOG-ID"] {
        let mut with_header =
            conn(429, body, None, Plan::CHUNKED).with_header(name, " 20261126abc ");
        let read = read_blocking(&mut with_header, &mut buffer);
        assert_eq!(read.error.request_id(), Some("20261126abc"), "{name}");
    }
    let with_id = VECTORS
        .iter()
        .find(|v| v.expect.request_id.is_some())
        .expect("a vector with an id");
    let mut other =
        conn(with_id.status, with_id.body, None, Plan::CHUNKED).with_header("x-log-id", "other");
    let read = read_blocking(&mut other, &mut buffer);
    assert_eq!(
        read.error.request_id(),
        with_id.expect.request_id,
        "the body's id wins"
    );
    let mut unrelated = conn(429, body, None, Plan::CHUNKED).with_header("x-unrelated", "id");
    assert_eq!(
        read_blocking(&mut unrelated, &mut buffer)
            .error
            .request_id(),
        None
    );
}

#[test]
fn a_connection_outside_the_response_phase_is_not_touched() {
    let mut buffer = [0u8; 64];
    let body: &[u8] = br#"{"error":{"code":"1302"}}"#;
    let mut fresh = Conn::new(429, None, Bytes::new(body), Plan::CHUNKED);
    let read: Result<ErrorResponse<_>, _> = blocking::classify_connection(&mut fresh, &mut buffer);
    assert_eq!(read.err(), Some(NotInResponsePhase));
    let read: Result<ErrorResponse<_>, _> =
        embassy_futures::block_on(adapter_async::classify_connection(&mut fresh, &mut buffer));
    assert_eq!(read.err(), Some(NotInResponsePhase));
    assert_eq!(fresh.body.delivered(), 0);
    // In the response phase the same call reads.
    let mut ready = fresh.responding();
    let read: ErrorResponse<_> =
        blocking::classify_connection(&mut ready, &mut buffer).expect("responding");
    assert_eq!(read.error.code().map(u16::from), Some(1302));
}

// ---- What a device needs from a cut body (DESIGN §2.3, issue 8: a cut body keeps its code). ----

#[test]
fn a_1308_cut_by_a_128_byte_buffer_after_its_code_still_says_wait_for_the_reset() {
    let vector = VECTORS
        .iter()
        .find(|v| v.name == "26-anthropic-2026-1308-bracket-id-reset.json")
        .expect("the vector");
    let mut buffer = [0u8; 128];
    let read = read_blocking(
        &mut conn(429, vector.body, Some(vector.body.len()), Plan::CHUNKED),
        &mut buffer,
    );
    assert_eq!(read.end, BodyEnd::BufferFull);
    assert_eq!(read.error.code().map(u16::from), Some(1308));
    assert_eq!(read.error.retry(), Some(Retry::AtReset));
}

#[test]
fn a_timeout_after_the_code_keeps_the_code() {
    let body: &'static [u8] = br#"{"error":{"code":"1113","message":"Insufficient balance or no resource package. Please recharge."}}"#;
    let plan = Plan {
        fail_at: Some((40, ErrorKind::TimedOut)),
        ..Plan::CHUNKED
    };
    let read = read_blocking(
        &mut conn(200, body, Some(body.len()), plan),
        &mut [0u8; 256],
    );
    assert_eq!(read.end, BodyEnd::Transport(ErrorKind::TimedOut));
    assert_eq!(read.error.code().map(u16::from), Some(1113));
    assert_eq!(read.error.retry(), Some(Retry::Never));
}

#[test]
fn every_vector_under_a_larger_content_length_is_reported_short() {
    let mut buffer = [0u8; BUFFER];
    for vector in VECTORS {
        let len = vector.body.len();
        let announced = Some(len + 100);
        for read in [
            read_blocking(
                &mut conn(vector.status, vector.body, announced, Plan::CHUNKED),
                &mut buffer,
            ),
            read_async(
                &mut conn(vector.status, vector.body, announced, Plan::CHUNKED),
                &mut buffer,
            ),
        ] {
            let expected = BodyEnd::ShortOfContentLength {
                expected: len as u64 + 100,
            };
            assert_eq!(
                (read.end, read.body_len),
                (expected, len),
                "{}",
                vector.name
            );
            assert!(read.error.is_body_cut(), "{}", vector.name);
            assert_eq!(
                read.error,
                core_cut(vector.status, vector.body),
                "{}",
                vector.name
            );
        }
    }
}

#[test]
fn retry_after_in_seconds_feeds_the_core_decision() {
    use core::time::Duration;
    use zai_errors::policy::{Decision, GiveUp, Policy, RetryAfter, WaitFor};

    let body: &'static [u8] = br#"{"error":{"code":"1302","message":"slow down"}}"#;
    let mut buffer = [0u8; 256];
    let mut with_hint = conn(429, body, None, Plan::CHUNKED)
        .with_header("x-log-id", "abc")
        .with_header("Retry-After", " 30 ");
    let read = read_blocking(&mut with_hint, &mut buffer);
    assert_eq!(read.retry_after, Some(RetryAfter::Seconds(30)));
    assert_eq!(read.error.request_id(), Some("abc"));
    assert_eq!(
        read.decide(&Policy::DEFAULT, 1, 0, 0),
        Decision::Retry {
            wait: Duration::from_secs(30),
            reason: WaitFor::RetryAfter
        }
    );
    assert_eq!(
        read.decide(&Policy::DEFAULT, 4, 0, 0),
        Decision::GiveUp(GiveUp::AttemptsExhausted)
    );

    // An HTTP-date is not read (no calendar on a device): the backoff decides.
    let mut dated = conn(429, body, None, Plan::CHUNKED)
        .with_header("retry-after", "Wed, 21 Oct 2026 07:28:00 GMT");
    let read = read_blocking(&mut dated, &mut buffer);
    assert_eq!(read.retry_after, None);
    assert!(matches!(
        read.decide(&Policy::DEFAULT, 1, 0, 0),
        Decision::Retry {
            reason: WaitFor::Backoff,
            ..
        }
    ));

    // A 1308 waits for its reset (Beijing time) plus 1-5 s, when it is near.
    let body: &'static [u8] =
        br#"{"error":{"code":"1308","message":"Your limit will reset at 2026-10-05 12:12:52"}}"#;
    let read = read_blocking(&mut conn(429, body, None, Plan::CHUNKED), &mut buffer);
    let reset = read
        .error
        .reset_at()
        .expect("a reset time")
        .to_unix_seconds();
    let Decision::Retry { wait, reason } = read.decide(&Policy::DEFAULT, 1, reset - 60, u32::MAX)
    else {
        panic!("a near reset is waited for");
    };
    assert_eq!(reason, WaitFor::Reset);
    assert!(
        wait >= Duration::from_secs(61) && wait <= Duration::from_secs(65),
        "{wait:?}"
    );
}
