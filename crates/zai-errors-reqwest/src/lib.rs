//! Z.AI (Zhipu GLM) errors for [reqwest]: every failed call as a typed, actionable [`Error`], and
//! a [`RetryPolicy`] that retries what can succeed — when it can — and stops at once on what
//! cannot.
//!
//! - [`check`] (and `blocking::check` with the `blocking` feature) turns a response into
//!   `Ok(response)` or an [`Error`] carrying the status, the core's classification, the request id
//!   (body first, then `x-request-id`, `request-id`, `x-log-id`), any `Retry-After`, and the body
//!   read with a bound (64 KiB by default) — a cut body keeps its code.
//! - [`RetryPolicy`], shared per client (cheap to clone), sends a request built afresh for each
//!   attempt, decides with the core's [`decide`](zai_errors::policy::Policy::decide) and a shared
//!   [`RetryQuota`](zai_errors::policy::RetryQuota), waits out `Retry-After` and quota resets up to
//!   two minutes, and lowers the requests in flight when Z.AI answers 1302 (AIMD).
//! - With the `middleware` feature, `ZaiRetry` is the same policy as a
//!   `reqwest_middleware::Middleware`: a replacement for reqwest-retry (never stack both).
//! - [`ChatStream`] reads a streamed completion in any dialect and yields text and reasoning as they
//!   arrive; an abnormal finish, an in-band error, a cut stream or an idle one becomes an [`Error`].
//!
//! ```no_run
//! # async fn run() -> Result<(), zai_errors_reqwest::Error> {
//! use zai_errors_reqwest::RetryPolicy;
//!
//! let client = reqwest::Client::new();
//! let policy = RetryPolicy::new();
//! let key = std::env::var("ZAI_API_KEY").unwrap_or_default();
//! let body = r#"{"model":"glm-4.6","messages":[{"role":"user","content":"Hi"}]}"#;
//! let response = policy
//!     .send(|| {
//!         client
//!             .post("https://api.z.ai/api/paas/v4/chat/completions")
//!             .bearer_auth(&key)
//!             .header("content-type", "application/json")
//!             .body(body)
//!     })
//!     .await?;
//! let reply = response.text().await?;
//! # let _ = reply; Ok(()) }
//! ```
#![forbid(unsafe_code)]

#[cfg(feature = "blocking")]
pub mod blocking;
mod check;
mod error;
mod limiter;
#[cfg(feature = "middleware")]
mod middleware;
mod retry;
mod stream;
mod transport;

pub use check::{BODY_LIMIT, check, check_with_limit, error_in_success_body};
pub use error::{Error, Failure};
pub use limiter::Permit;
#[cfg(feature = "middleware")]
pub use middleware::{ZaiRetry, classified};
pub use retry::{Checked, RetryEvent, RetryPolicy, RetryPolicyBuilder};
pub use stream::{ChatStream, StreamEvent};
