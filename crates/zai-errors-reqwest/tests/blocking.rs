//! The blocking client against a fake Z.AI on 127.0.0.1 (plain `#[test]`s: never inside a tokio
//! runtime, where reqwest's blocking client panics).
#![cfg(feature = "blocking")]

mod common;

use std::sync::Mutex;

use common::{CHAT, KEY, REPLY, fast};
use zai_errors::policy::GiveUp;
use zai_errors::{FinishReason, Kind};
use zai_errors_reqwest::{RetryPolicy, blocking};
use zai_fake_server::{FakeServer, Reply};

#[test]
fn send_blocking_retries_transient_errors_and_stops_on_never() {
    let replies = Mutex::new(
        vec![Reply::json(
            429,
            r#"{"error":{"code":"1302","message":"busy"}}"#,
        )]
        .into_iter(),
    );
    let server = FakeServer::start(move |_| {
        replies
            .lock()
            .ok()
            .and_then(|mut r| r.next())
            .unwrap_or_else(|| Reply::json(200, REPLY))
    });
    let client = reqwest::blocking::Client::new();
    let url = server.url();
    let policy = RetryPolicy::builder().policy(fast()).build();
    let text = policy
        .send_blocking(|| client.post(&url).bearer_auth(KEY).body(CHAT))
        .expect("success")
        .text()
        .expect("text");
    assert_eq!((text.as_str(), server.request_count()), (REPLY, 2));

    let server = FakeServer::start(|_| {
        Reply::json(
            429,
            r#"{"error":{"code":"1113","message":"no balance"},"request_id":"req-1"}"#,
        )
        .header("x-log-id", "log-9")
    });
    let url = server.url();
    let error = policy
        .send_blocking(|| client.post(&url).bearer_auth(KEY).body(CHAT))
        .expect_err("never");
    assert_eq!(
        (error.kind(), error.gave_up(), server.request_count()),
        (Kind::InsufficientBalance, Some(GiveUp::Never), 1)
    );
    assert_eq!(
        error.request_id(),
        Some("req-1"),
        "the body's id wins over the header"
    );
}

#[test]
fn check_reads_header_ids_and_streams_read_in_any_dialect() {
    let server = FakeServer::start(|_| {
        Reply::new(502, "<html>bad gateway</html>").header("x-log-id", "20261126abc")
    });
    let response = reqwest::blocking::Client::new()
        .get(server.url())
        .send()
        .expect("response");
    let error = blocking::check(response).expect_err("502");
    assert_eq!(
        (error.kind(), error.request_id()),
        (Kind::BadGateway, Some("20261126abc"))
    );

    let body = zai_errors_vectors::STREAMS
        .iter()
        .find(|s| s.name.starts_with("23-"))
        .expect("vector")
        .transcript;
    let server = FakeServer::start(move |_| Reply::sse(body));
    let response = reqwest::blocking::Client::new()
        .get(server.url())
        .send()
        .expect("response");
    let (text, finish) = blocking::ChatStream::new(blocking::check(response).expect("200"))
        .collect_text()
        .expect("completed");
    assert_eq!(
        (text.as_str(), finish),
        ("Hi there\"!", Some(FinishReason::Completed))
    );
}
