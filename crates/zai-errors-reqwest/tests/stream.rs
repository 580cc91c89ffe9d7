//! Streams against a fake Z.AI on 127.0.0.1: every dialect's text, abnormal finishes, in-band
//! errors, plain JSON bodies, cut and idle streams; never retried once started.

mod common;

use std::time::{Duration, Instant};

use common::{CHAT, KEY};
use zai_errors::{FinishReason, Kind};
use zai_errors_reqwest::{ChatStream, Error, Failure, RetryPolicy, StreamEvent, check};
use zai_errors_vectors::STREAMS;
use zai_fake_server::{FakeServer, Reply};

fn transcript(prefix: &str) -> &'static [u8] {
    STREAMS
        .iter()
        .find(|s| s.name.starts_with(prefix))
        .expect("a golden stream")
        .transcript
}

async fn open(server: &FakeServer) -> ChatStream {
    let response = reqwest::Client::new()
        .post(format!("{}/v1/messages", server.url()))
        .bearer_auth(KEY)
        .body(CHAT)
        .send()
        .await
        .expect("response");
    ChatStream::new(check(response).await.expect("a success status"))
}

#[tokio::test]
async fn every_golden_stream_gives_its_text_or_its_error() {
    for stream in STREAMS {
        let body = stream.transcript.to_vec();
        let server = FakeServer::start(move |_| Reply::sse(body.clone()));
        let mut events = open(&server).await;
        let mut text = String::new();
        let mut outcome: Result<Option<FinishReason>, Error> = Ok(None);
        while let Some(event) = events.next().await {
            match event {
                Ok(StreamEvent::Text(piece)) => text.push_str(&piece),
                Ok(StreamEvent::Finish(reason)) => outcome = Ok(Some(reason)),
                Ok(_) => {}
                Err(error) => {
                    outcome = Err(error);
                    break;
                }
            }
        }
        let last = stream
            .events
            .iter()
            .rev()
            .find(|e| !e.starts_with("done"))
            .copied()
            .unwrap_or("");
        match outcome {
            Ok(finish) => {
                assert_eq!(text, stream.text, "{}", stream.name);
                assert!(
                    last.starts_with("finish:") || last.starts_with("chunk") || last.is_empty(),
                    "{}: {last}",
                    stream.name
                );
                if let Some(reason) = finish {
                    assert!(!reason.is_error(), "{}", stream.name);
                }
            }
            Err(error) => {
                // An abnormal finish, an error event, or a cut: the vector's first failing event.
                let failing = stream.events.iter().find(|e| {
                    e.starts_with("error")
                        || e.ends_with(":never")
                        || e.ends_with(":backoff")
                        || **e == "cut"
                });
                assert!(failing.is_some(), "{}: unexpected {error}", stream.name);
                assert!(
                    stream.text.starts_with(&text),
                    "{}: the text before the error",
                    stream.name
                );
            }
        }
    }
}

#[tokio::test]
async fn an_anthropic_stream_gives_its_text_and_end_turn() {
    let server = FakeServer::start(|_| Reply::sse(transcript("18-")));
    let (text, finish) = open(&server)
        .await
        .collect_text()
        .await
        .expect("a normal end");
    assert_eq!(
        (text.as_str(), finish),
        ("Hello, 世界\n", Some(FinishReason::EndTurn))
    );
}

#[tokio::test]
async fn abnormal_ends_are_errors() {
    /// A transcript, the failure it must give, and its kind.
    type Case = (&'static str, fn(&Failure) -> bool, Kind);
    let cases: [Case; 4] = [
        (
            "03-",
            |f| matches!(f, Failure::Finish(FinishReason::Sensitive)),
            Kind::ContentFiltered,
        ),
        (
            "22-",
            |f| matches!(f, Failure::StreamError(_)),
            Kind::NetworkError,
        ),
        (
            "27-",
            |f| matches!(f, Failure::StreamError(_)),
            Kind::AuthenticationFailed,
        ),
        ("29-", |f| matches!(f, Failure::StreamCut), Kind::StreamCut),
    ];
    for (prefix, is_expected, kind) in cases {
        let server = FakeServer::start(move |_| Reply::sse(transcript(prefix)));
        let error = open(&server).await.collect_text().await.expect_err(prefix);
        assert!(is_expected(error.failure()), "{prefix}: {error:?}");
        assert_eq!(error.kind(), kind, "{prefix}");
    }
}

#[tokio::test]
async fn a_stream_cut_mid_event_is_an_error() {
    let body = transcript("01-");
    let server = FakeServer::start(move |_| Reply::sse(body).cut_at(body.len() / 2));
    let error = open(&server).await.collect_text().await.expect_err("cut");
    assert!(
        matches!(
            error.failure(),
            Failure::StreamCut | Failure::Transport { .. }
        ),
        "{error:?}"
    );
}

#[tokio::test]
async fn an_idle_stream_ends_with_an_error_even_with_keep_alives() {
    // One chunk, then only keep-alive comments: the idle timer counts events, not bytes.
    let mut body = b"data: {\"choices\":[{\"delta\":{\"content\":\"Hi\"}}]}\n\n".to_vec();
    body.extend(b": keep-alive\n\n".repeat(40));
    let server = FakeServer::start(move |_| {
        Reply::sse(body.clone())
            .in_pieces(14, Duration::from_millis(50))
            .hold(Duration::from_secs(5))
    });
    let start = Instant::now();
    let mut stream = open(&server).await.idle_timeout(Duration::from_millis(600));
    assert_eq!(
        stream.next().await.map(|e| e.ok()),
        Some(Some(StreamEvent::Text("Hi".into())))
    );
    let error = stream.next().await.expect("an error").expect_err("idle");
    assert!(
        matches!(error.failure(), Failure::StreamIdle(_)),
        "{error:?}"
    );
    assert_eq!(error.kind(), Kind::Timeout);
    assert!(
        start.elapsed() < Duration::from_secs(3),
        "{:?}",
        start.elapsed()
    );
}

#[tokio::test]
async fn the_stream_stops_reading_at_the_end_even_when_the_server_keeps_the_connection() {
    let server = FakeServer::start(|_| Reply::sse(transcript("01-")).hold(Duration::from_secs(10)));
    let start = Instant::now();
    let (text, finish) = open(&server)
        .await
        .collect_text()
        .await
        .expect("a normal end");
    assert_eq!(
        (text.as_str(), finish),
        ("你好，世界", Some(FinishReason::Stop))
    );
    assert!(start.elapsed() < Duration::from_secs(3));
}

#[tokio::test]
async fn a_started_stream_is_never_retried() {
    let server = FakeServer::start(|_| Reply::sse(transcript("02-")));
    let client = reqwest::Client::new();
    let url = server.url();
    let policy = RetryPolicy::new();
    let stream = policy
        .send(|| client.post(&url).bearer_auth(KEY).body(CHAT))
        .await
        .expect("a success status")
        .chat_stream();
    let error = stream.collect_text().await.expect_err("network_error");
    assert_eq!(error.kind(), Kind::InferenceFailed);
    assert_eq!(server.request_count(), 1);
}
