//! Helpers for the adapter's tests against the fake server on 127.0.0.1.
#![allow(dead_code)]

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use zai_errors::BeijingTime;
use zai_errors::policy::Policy;

/// A chat request body.
pub const CHAT: &str = r#"{"model":"glm-4.6","messages":[{"role":"user","content":"Hi"}]}"#;
/// A successful chat completion.
pub const REPLY: &str = r#"{"choices":[{"index":0,"message":{"role":"assistant","content":"Hello!"},"finish_reason":"stop"}]}"#;
/// The API key the tests send: it must never show in an error.
pub const KEY: &str = "sk-test-7f3a9c2e1b5d4a6f8e0c";

/// The default policy with fast backoff (tests measure waits for Retry-After and resets only).
pub fn fast() -> Policy {
    Policy::DEFAULT.with_backoff(Duration::from_millis(10), Duration::from_millis(40))
}

/// `YYYY-MM-DD HH:MM:SS` in Beijing time (UTC+8), `seconds` from now.
pub fn beijing_in(seconds: i64) -> String {
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .expect("clock")
        .as_secs();
    let at =
        BeijingTime::from_unix_seconds(i64::try_from(now).expect("now") + seconds).expect("a date");
    // RFC 3339 `2026-05-25T19:22:49+08:00` to Z.AI's `2026-05-25 19:22:49`.
    at.to_string()[..19].replace('T', " ")
}

/// A 1308 body whose quota resets `seconds` from now.
pub fn usage_limit_in(seconds: i64) -> String {
    format!(
        r#"{{"error":{{"code":"1308","message":"Usage limit reached for 5 hour. Your limit will reset at {}"}}}}"#,
        beijing_in(seconds)
    )
}
