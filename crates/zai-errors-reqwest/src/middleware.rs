//! The policy as a `reqwest_middleware::Middleware`, for stacks already built on
//! reqwest-middleware. It **replaces** reqwest-retry: never stack both (stacked retries multiply —
//! 4 attempts here times 4 there is 16 requests).

use http::Extensions;
use reqwest_middleware::{Middleware, Next};

use crate::check::read_error;
use crate::{Error, RetryPolicy};

/// [`RetryPolicy`] as middleware: the same decisions, quota and concurrency limit. A request whose
/// body cannot be cloned (a stream) is sent once. On giving up, the error is
/// `reqwest_middleware::Error::Middleware` holding this crate's [`Error`] (downcast it to read the
/// classification). The place in flight is released when the response headers arrive (the
/// middleware cannot hold it until the body is read; use [`RetryPolicy::send`] for that).
///
/// ```
/// let client = reqwest_middleware::ClientBuilder::new(reqwest::Client::new())
///     .with(zai_errors_reqwest::ZaiRetry::new(zai_errors_reqwest::RetryPolicy::new()))
///     .build();
/// # let _ = client;
/// ```
#[derive(Clone)]
pub struct ZaiRetry {
    policy: RetryPolicy,
}

impl ZaiRetry {
    /// Middleware deciding with `policy` (share it with other clients to share its quota and limit).
    pub fn new(policy: RetryPolicy) -> Self {
        Self { policy }
    }
}

#[async_trait::async_trait]
impl Middleware for ZaiRetry {
    async fn handle(
        &self,
        request: reqwest::Request,
        extensions: &mut Extensions,
        next: Next<'_>,
    ) -> reqwest_middleware::Result<reqwest::Response> {
        let (limiter, body_limit) = self.policy.limiter_and_limit();
        let mut attempt = 0;
        let mut retry_cost = None;
        loop {
            attempt += 1;
            let Some(this_attempt) = request.try_clone() else {
                // A streaming body cannot be sent twice.
                return next.run(request, extensions).await;
            };
            let permit = limiter.acquire().await;
            let error = match next.clone().run(this_attempt, extensions).await {
                Ok(response) if response.status().is_success() => {
                    permit.succeeded();
                    self.policy.refund(retry_cost);
                    return Ok(response);
                }
                Ok(response) => read_error(response, body_limit).await,
                Err(reqwest_middleware::Error::Reqwest(error)) => Error::transport(error),
                Err(other) => return Err(other),
            };
            match self
                .policy
                .after_failure(error, attempt, &permit, &mut retry_cost)
            {
                Ok(wait) => {
                    drop(permit);
                    tokio::time::sleep(wait).await;
                }
                Err(error) => {
                    return Err(reqwest_middleware::Error::Middleware(anyhow::Error::new(
                        error,
                    )));
                }
            }
        }
    }
}

/// What a middleware error says, when it is this crate's.
pub fn classified(error: &reqwest_middleware::Error) -> Option<&Error> {
    match error {
        reqwest_middleware::Error::Middleware(error) => error.downcast_ref::<Error>(),
        _ => None,
    }
}
