//! The policy as reqwest-middleware middleware, against a fake Z.AI on 127.0.0.1.
#![cfg(feature = "middleware")]

mod common;

use std::sync::Mutex;

use common::{CHAT, KEY, REPLY, fast};
use zai_errors::Kind;
use zai_errors::policy::GiveUp;
use zai_errors_reqwest::{RetryPolicy, ZaiRetry, classified};
use zai_fake_server::{FakeServer, Reply};

#[tokio::test]
async fn retries_transient_errors_and_gives_up_on_never_with_the_classification() {
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
    let client = reqwest_middleware::ClientBuilder::new(reqwest::Client::new())
        .with(ZaiRetry::new(RetryPolicy::builder().policy(fast()).build()))
        .build();
    let response = client
        .post(server.url())
        .bearer_auth(KEY)
        .body(CHAT)
        .send()
        .await
        .expect("success");
    assert_eq!(response.text().await.expect("text"), REPLY);
    assert_eq!(server.request_count(), 2);

    let server = FakeServer::start(|_| {
        Reply::json(429, r#"{"error":{"code":"1309","message":"plan expired"}}"#)
    });
    let error = client
        .post(server.url())
        .bearer_auth(KEY)
        .body(CHAT)
        .send()
        .await
        .expect_err("never");
    let ours = classified(&error).expect("this crate's error inside");
    assert_eq!(
        (ours.kind(), ours.gave_up(), server.request_count()),
        (Kind::PlanExpired, Some(GiveUp::Never), 1)
    );
    assert!(!format!("{error:?}").contains(KEY));
}
