//! The retry policy shared by the requests of one client.

use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use zai_errors::policy::{Decision, GiveUp, Policy, RetryQuota, WaitFor};
use zai_errors::{Classification, Kind};

use crate::check::read_error;
use crate::limiter::{self, Limiter, Permit};
use crate::transport::now_unix;
use crate::{BODY_LIMIT, ChatStream, Error};

/// One retry about to happen, for progress displays and logs.
#[derive(Debug)]
#[non_exhaustive]
pub struct RetryEvent<'a> {
    /// The attempt that failed (1 for the first).
    pub attempt: u32,
    /// How long the policy waits before the next attempt.
    pub wait: Duration,
    /// When the next attempt is sent.
    pub until: SystemTime,
    /// What the wait is for: backoff, `Retry-After`, or a quota reset.
    pub reason: WaitFor,
    /// The failure's classification.
    pub classification: Classification,
    /// The failure.
    pub error: &'a Error,
}

type Hook = dyn Fn(&RetryEvent<'_>) + Send + Sync;

struct Shared {
    policy: Policy,
    body_limit: usize,
    quota: Mutex<RetryQuota>,
    limiter: Arc<Limiter>,
    on_retry: Option<Box<Hook>>,
}

/// Retries what can succeed, when it can, for every request of one client: cheap to clone (the
/// retry quota and the concurrency limit are shared by the clones). Build it with
/// [`RetryPolicy::builder`] or take the defaults with [`RetryPolicy::new`]:
///
/// | knob | default | the official SDKs |
/// |---|---|---|
/// | retries of transient errors | 3, and the shared quota (AWS standard: 500 tokens, 5 a retry, 10 after a timeout) | 2, no quota |
/// | backoff | 0.5 s doubling to 8 s, 50–100 % jitter | the same steps, −25 % jitter |
/// | `Retry-After` | honoured up to 2 min (seconds or HTTP-date), else stop with the time | ignored (Z.AI SDK), ≤ 60–120 s |
/// | quota resets (1308, 1310, …) | waited for up to 2 min (+1–5 s), else stop with the time | retried like any 429 |
/// | `never` codes (1113, 1309, 1002, …) | one request, then stop | retried like any 429 |
/// | requests in flight | starts at 4; halved after 1302 (once per window, never below 1); +1 after a run of successes | unbounded |
#[derive(Clone)]
pub struct RetryPolicy {
    shared: Arc<Shared>,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self::new()
    }
}

/// Builds a [`RetryPolicy`].
#[must_use]
pub struct RetryPolicyBuilder {
    policy: Policy,
    body_limit: usize,
    concurrency: usize,
    quota: u32,
    on_retry: Option<Box<Hook>>,
}

impl RetryPolicyBuilder {
    /// The decision's knobs (attempts, backoff, longest wait).
    pub fn policy(mut self, policy: Policy) -> Self {
        self.policy = policy;
        self
    }

    /// How much of an error body is read (default [`BODY_LIMIT`]).
    pub fn body_limit(mut self, bytes: usize) -> Self {
        self.body_limit = bytes;
        self
    }

    /// The requests in flight at the start (default 4; it adapts from there, 1 to 64).
    pub fn initial_concurrency(mut self, requests: usize) -> Self {
        self.concurrency = requests;
        self
    }

    /// The size of the shared retry quota (default 500 tokens).
    pub fn retry_quota(mut self, tokens: u32) -> Self {
        self.quota = tokens;
        self
    }

    /// Called before each wait for a retry.
    pub fn on_retry(mut self, hook: impl Fn(&RetryEvent<'_>) + Send + Sync + 'static) -> Self {
        self.on_retry = Some(Box::new(hook));
        self
    }

    /// The policy.
    pub fn build(self) -> RetryPolicy {
        RetryPolicy {
            shared: Arc::new(Shared {
                policy: self.policy,
                body_limit: self.body_limit,
                quota: Mutex::new(RetryQuota::with_capacity(self.quota)),
                limiter: Limiter::new(self.concurrency),
                on_retry: self.on_retry,
            }),
        }
    }
}

/// A successful response, holding its place among the requests in flight until it is dropped
/// (read its body, or turn it into a [`ChatStream`]).
#[derive(Debug)]
pub struct Checked {
    response: reqwest::Response,
    permit: Permit,
}

impl Checked {
    /// The response.
    pub fn response(&self) -> &reqwest::Response {
        &self.response
    }

    /// The body as text (the place in flight is released after it is read). A success status whose
    /// body is an error (`{"code":1000,…}` under HTTP 200) is an [`Error`].
    pub async fn text(self) -> Result<String, Error> {
        let status = self.response.status().as_u16();
        let text = self.response.text().await?;
        match crate::error_in_success_body(status, text.as_bytes()) {
            Some(error) => Err(error),
            None => Ok(text),
        }
    }

    /// The body read as a stream of text and reasoning deltas, in any dialect; the place in flight
    /// is held until the stream is dropped.
    pub fn chat_stream(self) -> ChatStream {
        ChatStream::with_permit(self.response, Some(self.permit))
    }

    /// The response and its place in flight.
    pub fn into_parts(self) -> (reqwest::Response, Permit) {
        (self.response, self.permit)
    }
}

impl RetryPolicy {
    /// A policy with the defaults.
    pub fn new() -> Self {
        Self::builder().build()
    }

    /// A builder starting from the defaults.
    pub fn builder() -> RetryPolicyBuilder {
        RetryPolicyBuilder {
            policy: Policy::DEFAULT,
            body_limit: BODY_LIMIT,
            concurrency: limiter::START,
            quota: RetryQuota::CAPACITY,
            on_retry: None,
        }
    }

    /// The current limit on requests in flight.
    pub fn concurrency_limit(&self) -> usize {
        self.shared.limiter.limit()
    }

    /// The tokens left in the shared retry quota.
    pub fn quota_available(&self) -> u32 {
        self.lock_quota().available()
    }

    fn lock_quota(&self) -> std::sync::MutexGuard<'_, RetryQuota> {
        self.shared
            .quota
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Sends the request `build` makes (called again for each attempt, so streaming bodies work),
    /// retrying as the policy decides. A stream is never retried once its response arrived.
    pub async fn send(
        &self,
        mut build: impl FnMut() -> reqwest::RequestBuilder,
    ) -> Result<Checked, Error> {
        let mut attempt = 0;
        let mut retry_cost = None;
        loop {
            attempt += 1;
            let permit = self.shared.limiter.acquire().await;
            let error = match build().send().await {
                Ok(response) if response.status().is_success() => {
                    permit.succeeded();
                    self.refund(retry_cost);
                    return Ok(Checked { response, permit });
                }
                Ok(response) => read_error(response, self.shared.body_limit).await,
                Err(error) => Error::transport(error),
            };
            let wait = self.after_failure(error, attempt, &permit, &mut retry_cost)?;
            drop(permit);
            tokio::time::sleep(wait).await;
        }
    }

    /// A request succeeded: the quota gets back what its retries cost (or 1 at the first try).
    pub(crate) fn refund(&self, retry_cost: Option<u32>) {
        self.lock_quota().on_success(retry_cost);
    }

    /// Decides after a failed attempt: the wait before the next one, or the final error.
    pub(crate) fn after_failure(
        &self,
        error: Error,
        attempt: u32,
        permit: &Permit,
        retry_cost: &mut Option<u32>,
    ) -> Result<Duration, Error> {
        let class = error.classification();
        if class.kind == Kind::ConcurrencyLimit {
            permit.overloaded();
        }
        let random = fastrand::u32(..);
        let decision = self.shared.policy.decide(
            &class,
            attempt,
            error.retry_after(),
            error.reset_at(),
            now_unix(),
            random,
        );
        let (wait, reason) = match decision {
            Decision::Retry { wait, reason } => match self.lock_quota().try_acquire(&class) {
                Some(cost) => {
                    // AWS standard mode: a successful retry refunds its own cost (the last one's).
                    *retry_cost = Some(cost);
                    (wait, reason)
                }
                None => return Err(error.giving_up(attempt, GiveUp::QuotaExhausted)),
            },
            Decision::GiveUp(why) => return Err(error.giving_up(attempt, why)),
        };
        if let Some(hook) = &self.shared.on_retry {
            hook(&RetryEvent {
                attempt,
                wait,
                until: SystemTime::now() + wait,
                reason,
                classification: class,
                error: &error,
            });
        }
        Ok(wait)
    }

    /// The shared limiter and the error-body bound, for the blocking client and the middleware.
    #[cfg(any(feature = "blocking", feature = "middleware"))]
    pub(crate) fn limiter_and_limit(&self) -> (&Arc<Limiter>, usize) {
        (&self.shared.limiter, self.shared.body_limit)
    }
}
