//! The retry policy against a fake Z.AI on 127.0.0.1: every branch, with the requests the server
//! saw and the time waited.

mod common;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::{CHAT, KEY, REPLY, fast, usage_limit_in};
use zai_errors::policy::{GiveUp, WaitFor};
use zai_errors::{Kind, Retry};
use zai_errors_reqwest::{Error, Failure, RetryPolicy};
use zai_fake_server::{FakeServer, Reply};

/// Sends one chat request through `policy` to `server`.
async fn chat(policy: &RetryPolicy, server: &FakeServer) -> Result<String, Error> {
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(5))
        .build()
        .expect("client");
    let url = format!("{}/api/paas/v4/chat/completions", server.url());
    policy
        .send(|| client.post(&url).bearer_auth(KEY).body(CHAT))
        .await?
        .text()
        .await
}

/// A server that answers the replies in order, then successes.
fn scripted(replies: Vec<Reply>) -> FakeServer {
    let replies = Mutex::new(replies.into_iter());
    FakeServer::start(move |_| {
        replies
            .lock()
            .ok()
            .and_then(|mut r| r.next())
            .unwrap_or_else(|| Reply::json(200, REPLY))
    })
}

fn policy() -> RetryPolicy {
    RetryPolicy::builder().policy(fast()).build()
}

#[tokio::test]
async fn transient_codes_and_proxy_pages_are_retried_until_success() {
    let busy = r#"{"error":{"code":"1302","message":"High concurrency usage of this API"}}"#;
    let server = scripted(vec![
        Reply::json(429, busy),
        Reply::new(
            502,
            "<html><head><title>502 Bad Gateway</title></head></html>",
        )
        .header("content-type", "text/html"),
        Reply::json(429, busy),
    ]);
    let reply = chat(&policy(), &server)
        .await
        .expect("success after three failures");
    assert_eq!(reply, REPLY);
    assert_eq!(server.request_count(), 4);
    let request = &server.requests()[0];
    assert_eq!(
        request.header("authorization"),
        Some(format!("Bearer {KEY}").as_str())
    );
    assert_eq!(
        request.body,
        CHAT.as_bytes(),
        "the request is rebuilt whole for each attempt"
    );
}

#[tokio::test]
async fn retry_after_in_seconds_and_as_a_date_is_waited_for() {
    let busy = r#"{"error":{"code":"1305","message":"busy"}}"#;
    let in_three_seconds =
        || httpdate::fmt_http_date(std::time::SystemTime::now() + Duration::from_secs(3));
    for (as_date, at_least) in [(false, 2.0), (true, 1.9)] {
        // A date has whole seconds: 2 to 3 s from now.
        let retry_after = if as_date {
            in_three_seconds()
        } else {
            "2".to_owned()
        };
        let server = scripted(vec![
            Reply::json(429, busy).header("retry-after", &retry_after),
        ]);
        let waits = Arc::new(Mutex::new(Vec::new()));
        let seen = waits.clone();
        let policy = RetryPolicy::builder()
            .policy(fast())
            .on_retry(move |event| seen.lock().expect("lock").push((event.reason, event.wait)))
            .build();
        let start = Instant::now();
        chat(&policy, &server)
            .await
            .expect("success after the wait");
        let waited = start.elapsed().as_secs_f64();
        assert!(
            waited >= at_least && waited < 5.0,
            "{retry_after}: waited {waited} s"
        );
        assert_eq!(server.request_count(), 2);
        assert_eq!(waits.lock().expect("lock")[0].0, WaitFor::RetryAfter);
    }
}

#[tokio::test]
async fn a_reset_a_few_seconds_away_is_waited_for() {
    let server = scripted(vec![Reply::json(429, usage_limit_in(2))]);
    let reasons = Arc::new(Mutex::new(Vec::new()));
    let seen = reasons.clone();
    let policy = RetryPolicy::builder()
        .policy(fast())
        .on_retry(move |event| {
            seen.lock()
                .expect("lock")
                .push((event.reason, event.classification.kind))
        })
        .build();
    let start = Instant::now();
    chat(&policy, &server)
        .await
        .expect("success after the reset");
    let waited = start.elapsed().as_secs_f64();
    // Until the reset (2 s, to the second) plus 1-5 s.
    assert!((2.0..9.0).contains(&waited), "waited {waited} s");
    assert_eq!(server.request_count(), 2);
    assert_eq!(
        reasons.lock().expect("lock")[0],
        (WaitFor::Reset, Kind::UsageLimitReached)
    );
}

#[tokio::test]
async fn what_can_never_succeed_is_sent_once() {
    let cases = [
        (429, r#"{"error":{"code":"1113","message":"Insufficient balance or no resource package. Please recharge."}}"#.to_owned(), Kind::InsufficientBalance, GiveUp::Never),
        (401, r#"{"error":{"code":"1002","message":"Authorization Token is invalid"}}"#.to_owned(), Kind::InvalidToken, GiveUp::Never),
        (429, r#"{"error":{"code":"1309","message":"Your GLM Coding Plan package has expired"}}"#.to_owned(), Kind::PlanExpired, GiveUp::Never),
        (429, r#"{"error":{"code":"insufficient_quota","message":"no balance","param":null,"type":"insufficient_quota"}}"#.to_owned(), Kind::InsufficientBalance, GiveUp::Never),
        (429, usage_limit_in(2 * 86_400), Kind::UsageLimitReached, GiveUp::WaitTooLong { until: 0 }),
    ];
    for (status, body, kind, reason) in cases {
        let server = scripted(vec![Reply::json(status, body.clone()); 3]);
        let start = Instant::now();
        let error = chat(&policy(), &server).await.expect_err("no success");
        assert_eq!(server.request_count(), 1, "{body}");
        assert!(start.elapsed() < Duration::from_secs(2), "no wait");
        assert_eq!((error.kind(), error.attempts()), (kind, 1));
        match (error.gave_up(), reason) {
            (Some(GiveUp::WaitTooLong { until }), GiveUp::WaitTooLong { .. }) => {
                assert_eq!(Some(until), error.reset_at().map(|t| t.to_unix_seconds()));
            }
            (got, want) => assert_eq!(got, Some(want)),
        }
        let text = error.to_string();
        assert!(
            text.contains(kind.as_str()) && text.contains("whose move"),
            "{text}"
        );
    }
}

#[tokio::test]
async fn a_1305_that_never_goes_away_costs_four_requests() {
    let server = FakeServer::start(|_| {
        Reply::json(
            429,
            r#"{"error":{"code":"1305","message":"The API has triggered a rate limit."}}"#,
        )
    });
    let error = chat(&policy(), &server).await.expect_err("never succeeds");
    assert_eq!(server.request_count(), 4);
    assert_eq!(
        (error.attempts(), error.gave_up()),
        (4, Some(GiveUp::AttemptsExhausted))
    );
    assert!(
        error.to_string().contains("gave up after 4 attempts"),
        "{error}"
    );
}

#[tokio::test]
async fn the_shared_quota_stops_retries_across_requests() {
    let server = FakeServer::start(|_| Reply::json(503, "{}"));
    // 12 tokens: two retries of 5, then none.
    let policy = RetryPolicy::builder()
        .policy(fast())
        .retry_quota(12)
        .build();
    let first = chat(&policy, &server).await.expect_err("fails");
    assert_eq!(
        (first.attempts(), first.gave_up()),
        (3, Some(GiveUp::QuotaExhausted))
    );
    let second = chat(&policy, &server).await.expect_err("fails");
    assert_eq!(
        (second.attempts(), second.gave_up()),
        (1, Some(GiveUp::QuotaExhausted))
    );
    assert_eq!(server.request_count(), 4);
}

#[tokio::test]
async fn error_bodies_are_read_with_a_bound_and_keep_their_code() {
    let mut body = br#"{"error":{"code":"1113","message":"no balance"},"pad":""#.to_vec();
    body.resize(1024 * 1024, b'x');
    body.extend_from_slice(b"\"}");
    let server = FakeServer::start(move |_| Reply::json(429, body.clone()));
    let error = chat(&policy(), &server).await.expect_err("fails");
    let api = error.api_error().expect("an answer");
    assert!(api.is_body_cut(), "read only 64 KiB");
    assert_eq!(
        (api.code().map(u16::from), error.kind()),
        (Some(1113), Kind::InsufficientBalance)
    );
    assert_eq!(server.request_count(), 1);
}

#[tokio::test]
async fn a_body_cut_by_the_network_is_a_transport_failure_that_keeps_what_was_read() {
    let body = r#"{"error":{"code":"1308","message":"Usage limit reached. Your limit will reset at 2026-10-05 12:12:52"}}"#;
    let server = FakeServer::start(move |_| Reply::json(429, body).cut_at(40));
    let error = chat(&policy(), &server).await.expect_err("fails");
    let Failure::Transport {
        partial: Some(partial),
        ..
    } = error.failure()
    else {
        panic!("a transport failure with the partial body: {error:?}");
    };
    assert_eq!(partial.code().map(u16::from), Some(1308));
    // The code read before the cut decides: wait for the reset (two years ago: retry, bounded).
    assert_eq!(error.classification().retry, Some(Retry::AtReset));
}

#[tokio::test]
async fn timeouts_and_refused_connections_are_transport_failures_retried_with_backoff() {
    let server = FakeServer::start(|_| Reply::json(200, REPLY).after(Duration::from_secs(3)));
    let client = reqwest::Client::builder()
        .timeout(Duration::from_millis(200))
        .build()
        .expect("client");
    let url = server.url();
    let error = policy()
        .send(|| client.post(&url).body(CHAT))
        .await
        .expect_err("times out");
    assert_eq!((error.kind(), error.attempts()), (Kind::Timeout, 4));

    let closed = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let url = format!("http://{}", closed.local_addr().expect("addr"));
    drop(closed);
    let error = policy()
        .send(|| client.post(&url).body(CHAT))
        .await
        .expect_err("refused");
    assert_eq!(
        (error.kind(), error.attempts()),
        (Kind::ConnectionFailed, 4)
    );
}

#[tokio::test]
async fn the_concurrency_limit_adapts_to_a_server_that_allows_three_in_flight() {
    let server = Arc::new(FakeServer::start(|request| {
        let reply = if request.in_flight > 3 {
            Reply::json(
                429,
                r#"{"error":{"code":"1302","message":"High concurrency usage of this API"}}"#,
            )
        } else {
            Reply::json(200, REPLY)
        };
        reply.after(Duration::from_millis(50))
    }));
    // 16 prompts at once through one policy (its limit starts at 4 and adapts).
    let policy = RetryPolicy::new();
    let done = Arc::new(AtomicUsize::new(0));
    let tasks: Vec<_> = (0..16)
        .map(|_| {
            let (policy, server, done) = (policy.clone(), server.clone(), done.clone());
            tokio::spawn(async move {
                chat(&policy, &server).await.expect("every prompt succeeds");
                done.fetch_add(1, Ordering::SeqCst);
            })
        })
        .collect();
    for task in tasks {
        task.await.expect("task");
    }
    assert_eq!(done.load(Ordering::SeqCst), 16);
    let requests = server.request_count();
    assert!(requests < 32, "{requests} requests for 16 prompts");
    assert!(
        server.max_in_flight() <= 4,
        "never more than the start: {}",
        server.max_in_flight()
    );
}

#[tokio::test]
async fn errors_never_show_the_api_key() {
    let server = FakeServer::start(|_| {
        Reply::json(
            401,
            r#"{"error":{"code":"1002","message":"Authorization Token is invalid"}}"#,
        )
    });
    let error = chat(&policy(), &server).await.expect_err("fails");
    let client = reqwest::Client::new();
    let transport = policy()
        .send(|| {
            client
                .post("http://127.0.0.1:1/chat")
                .bearer_auth(KEY)
                .body(CHAT)
        })
        .await
        .expect_err("refused");
    for error in [error, transport] {
        for shown in [
            error.to_string(),
            format!("{error:?}"),
            format!("{error:#?}"),
        ] {
            assert!(
                !shown.contains(KEY) && !shown.contains("sk-test"),
                "{shown}"
            );
        }
    }
}
