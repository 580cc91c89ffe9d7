//! The device client over the connection double: what a firmware author relies on.

#[path = "../../../crates/zai-errors-embedded-svc/tests/double/mod.rs"]
mod double;

use core::time::Duration;

use device_client::{ChatFailure, ChatRequest, Scratch, chat};
use double::{Bytes, Conn, Plan};
use embedded_io::ErrorKind;
use embedded_svc::http::client::Client;
use zai_errors::policy::{Decision, GiveUp, Policy, WaitFor};
use zai_errors::{Kind, Retry};

const REQUEST: ChatRequest<'static> = ChatRequest {
    url: "https://api.z.ai/api/paas/v4/chat/completions",
    api_key: "key",
    model: "glm-4.6",
    prompt: "hi",
};

const STREAM: &[u8] = "data: {\"choices\":[{\"delta\":{\"content\":\"你好，世界\"}}]}\n\n\
data: {\"choices\":[{\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n\
data: [DONE]\n\n"
    .as_bytes();

#[test]
fn the_request_carries_a_bearer_token_and_its_exact_length() {
    let mut client = Client::wrap(Conn::new(200, None, Bytes::new(STREAM), Plan::CHUNKED));
    let mut reply = [0u8; 64];
    let answer = chat(&mut client, &REQUEST, &mut Scratch::new(), &mut reply).expect("a reply");
    assert_eq!(answer.text, "你好，世界");
    let head = &client.connection().head;
    assert!(head.authorized);
    assert_eq!(head.request_length, Some(head.written));
}

#[test]
fn a_reply_longer_than_the_buffer_is_cut_on_a_char_boundary() {
    let mut client = Client::wrap(Conn::new(200, None, Bytes::new(STREAM), Plan::CHUNKED));
    let mut reply = [0u8; 8]; // two and two thirds of a three-byte character
    let answer = chat(&mut client, &REQUEST, &mut Scratch::new(), &mut reply).expect("a reply");
    assert_eq!((answer.text, answer.truncated), ("你好", true));
}

#[test]
fn a_dropped_stream_is_cut_and_the_connection_is_recreated() {
    let plan = Plan {
        end_at: Some(40),
        ..Plan::CHUNKED
    };
    let mut client = Client::wrap(Conn::new(200, None, Bytes::new(STREAM), plan));
    let failure = chat(&mut client, &REQUEST, &mut Scratch::new(), &mut [0u8; 64]).unwrap_err();
    assert!(matches!(failure, ChatFailure::Cut));
    assert_eq!(failure.classification().kind, Kind::StreamCut);
    assert!(matches!(
        failure.decide(&Policy::DEFAULT, 1, 0, 0),
        Decision::Retry {
            reason: WaitFor::Backoff,
            ..
        }
    ));
    assert!(failure.recreate_connection());
}

#[test]
fn a_failed_submit_is_a_transport_failure_that_recreates_the_connection() {
    let mut conn = Conn::new(200, None, Bytes::new(STREAM), Plan::CHUNKED);
    conn.submit_error = Some(ErrorKind::TimedOut);
    let mut client = Client::wrap(conn);
    let failure = chat(&mut client, &REQUEST, &mut Scratch::new(), &mut [0u8; 64]).unwrap_err();
    assert!(matches!(
        failure,
        ChatFailure::Transport(ErrorKind::TimedOut)
    ));
    assert_eq!(failure.classification().kind, Kind::Timeout);
    assert!(failure.recreate_connection());
    // As with esp-idf-svc, the connection is left in its request phase: reusing it would panic.
    assert!(client.connection().phase() == double::Phase::Request);
}

#[test]
fn a_1308_says_wait_for_the_reset_with_its_time() {
    let body: &'static [u8] = br#"{"error":{"code":"1308","message":"Usage limit reached for 5 hour. Your limit will reset at 2026-10-05 12:12:52"}}"#;
    let conn = Conn::new(
        429,
        Some(body.len() as u64),
        Bytes::new(body),
        Plan::CHUNKED,
    );
    let mut client = Client::wrap(conn);
    let failure = chat(&mut client, &REQUEST, &mut Scratch::new(), &mut [0u8; 64]).unwrap_err();
    assert_eq!(failure.classification().retry, Some(Retry::AtReset));
    assert_eq!(
        failure.reset_at().map(|at| at.to_unix_seconds()),
        Some(1_791_173_572)
    );
    // A minute before the reset: wait for it (plus 1–5 s); two days before: give up, saying when.
    assert_eq!(
        failure.decide(&Policy::DEFAULT, 1, 1_791_173_512, 0),
        Decision::Retry {
            wait: Duration::from_secs(61),
            reason: WaitFor::Reset
        }
    );
    assert_eq!(
        failure.decide(&Policy::DEFAULT, 1, 1_791_173_572 - 2 * 86_400, 0),
        Decision::GiveUp(GiveUp::WaitTooLong {
            until: 1_791_173_572
        })
    );
    assert!(!failure.recreate_connection());
}
