//! The retry decision: wait this long and retry, or give up and say why.

use core::time::Duration;

use super::RetryAfter;
use crate::{BeijingTime, Classification, Retry};

/// The knobs of the decision. The defaults beat the official SDKs' (DESIGN §2.6): 3 retries for
/// transient errors, 0.5 s doubling to an 8 s cap with equal jitter, `Retry-After` honoured up to
/// 2 minutes, quota resets waited for up to 2 minutes (plus 1–5 s, so the retry does not land
/// exactly on the reset).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
#[non_exhaustive]
pub struct Policy {
    /// Retries after the first attempt (for `backoff`, and for waits on a reset).
    pub max_retries: u32,
    /// The first backoff step.
    pub base_delay: Duration,
    /// The largest backoff step.
    pub max_delay: Duration,
    /// The longest wait accepted, for `Retry-After` and quota resets; longer: give up, with the time.
    pub max_wait: Duration,
    /// The least time added after a reset.
    pub reset_margin_min: Duration,
    /// The most time added after a reset.
    pub reset_margin_max: Duration,
}

impl Default for Policy {
    fn default() -> Self {
        Self::DEFAULT
    }
}

/// What the wait is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
#[non_exhaustive]
pub enum WaitFor {
    /// Exponential backoff with jitter (a transient error).
    Backoff,
    /// The server's `Retry-After` (when longer than the backoff step).
    RetryAfter,
    /// A quota window's reset time.
    Reset,
}

/// Why the caller should stop.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
#[non_exhaustive]
pub enum GiveUp {
    /// It was not an error.
    NotAnError,
    /// The same request fails again (`never`): a person or the code must change something.
    Never,
    /// The retries allowed were used.
    AttemptsExhausted,
    /// The reset or `Retry-After` is further away than the longest wait: try again at `until`
    /// (Unix seconds).
    WaitTooLong {
        /// When a retry may succeed, in Unix seconds.
        until: i64,
    },
    /// A quota is exhausted and nothing says when it resets.
    ResetUnknown,
    /// The client's shared retry quota is spent (see [`RetryQuota`](super::RetryQuota)).
    QuotaExhausted,
}

impl GiveUp {
    /// The stable snake_case name (`not_an_error`, `never`, `attempts_exhausted`,
    /// `wait_too_long`, `reset_unknown`, `quota_exhausted`).
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::NotAnError => "not_an_error",
            Self::Never => "never",
            Self::AttemptsExhausted => "attempts_exhausted",
            Self::WaitTooLong { .. } => "wait_too_long",
            Self::ResetUnknown => "reset_unknown",
            Self::QuotaExhausted => "quota_exhausted",
        }
    }
}

/// What to do after a failed attempt.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub enum Decision {
    /// Wait `wait`, then send the request again.
    Retry {
        /// How long to wait.
        wait: Duration,
        /// What the wait is for.
        reason: WaitFor,
    },
    /// Stop, for this reason.
    GiveUp(GiveUp),
}

impl Policy {
    /// The defaults (DESIGN §2.6).
    pub const DEFAULT: Self = Self {
        max_retries: 3,
        base_delay: Duration::from_millis(500),
        max_delay: Duration::from_secs(8),
        max_wait: Duration::from_secs(120),
        reset_margin_min: Duration::from_secs(1),
        reset_margin_max: Duration::from_secs(5),
    };

    /// These knobs with `retries` retries.
    #[must_use]
    pub const fn with_max_retries(mut self, retries: u32) -> Self {
        self.max_retries = retries;
        self
    }

    /// These knobs with backoff steps from `base` doubling to `max`.
    #[must_use]
    pub const fn with_backoff(mut self, base: Duration, max: Duration) -> Self {
        self.base_delay = base;
        self.max_delay = max;
        self
    }

    /// These knobs with `max_wait` as the longest wait for a `Retry-After` or a reset.
    #[must_use]
    pub const fn with_max_wait(mut self, max_wait: Duration) -> Self {
        self.max_wait = max_wait;
        self
    }

    /// These knobs with `min..=max` added after a reset.
    #[must_use]
    pub const fn with_reset_margin(mut self, min: Duration, max: Duration) -> Self {
        self.reset_margin_min = min;
        self.reset_margin_max = max;
        self
    }

    /// The decision after attempt number `attempt` (1 for the first) failed with `class`, given the
    /// response's `Retry-After` and the reset time its message gave, the time `now` (Unix seconds)
    /// and a uniformly random `random` (for the jitter). Pure: no clock, no randomness, no sleep.
    ///
    /// - not an error, or `never`: give up at once;
    /// - `backoff`: up to [`Policy::max_retries`] retries after `base · 2^(attempt−1)` capped at
    ///   `max_delay`, jittered to 50–100 % of the step; a `Retry-After` is waited instead when longer,
    ///   and one beyond `max_wait` gives up with its time;
    /// - `at_reset`: wait until the reset plus 1–5 s when within `max_wait`, else give up with the
    ///   reset time; without a reset time, a `Retry-After` is honoured, else give up (nothing says
    ///   when the quota comes back).
    ///
    /// ```
    /// use core::time::Duration;
    /// use zai_errors::policy::{Decision, GiveUp, Policy, WaitFor};
    /// use zai_errors::{ApiError, Classification};
    ///
    /// let policy = Policy::DEFAULT;
    /// let busy = Classification::of_code(429, Some(1302));
    /// let Decision::Retry { wait, reason } = policy.decide(&busy, 1, None, None, 0, u32::MAX / 2) else { panic!() };
    /// assert_eq!(reason, WaitFor::Backoff);
    /// assert!(wait >= Duration::from_millis(250) && wait <= Duration::from_millis(500));
    ///
    /// // A quota that resets in two days: stop now and say when.
    /// let body = br#"{"error":{"code":"1308","message":"Your limit will reset at 2026-10-05 12:12:52"}}"#;
    /// let error = ApiError::from_response(429, body);
    /// let now = error.reset_at().unwrap().to_unix_seconds() - 2 * 86_400;
    /// let decision = policy.decide(&error.classification(), 1, None, error.reset_at(), now, 0);
    /// assert_eq!(decision, Decision::GiveUp(GiveUp::WaitTooLong { until: now + 2 * 86_400 }));
    /// ```
    pub fn decide(
        &self,
        class: &Classification,
        attempt: u32,
        retry_after: Option<RetryAfter>,
        reset_at: Option<BeijingTime>,
        now: i64,
        random: u32,
    ) -> Decision {
        let retry = match class.retry {
            None => return Decision::GiveUp(GiveUp::NotAnError),
            Some(Retry::Never) => return Decision::GiveUp(GiveUp::Never),
            Some(retry) => retry,
        };
        if attempt > self.max_retries {
            return Decision::GiveUp(GiveUp::AttemptsExhausted);
        }
        match (retry, reset_at) {
            (Retry::AtReset, Some(reset)) => self.until_reset(reset.to_unix_seconds(), now, random),
            (Retry::AtReset, None) => match retry_after {
                // The server's hint stands in for the reset time, with the same margin.
                Some(after) => self.honour(after, (self.reset_margin(random), WaitFor::Reset), now),
                None => Decision::GiveUp(GiveUp::ResetUnknown),
            },
            _ => {
                let step = self.backoff_step(attempt, random);
                match retry_after {
                    Some(after) => self.honour(after, (step, WaitFor::Backoff), now),
                    None => Decision::Retry {
                        wait: step,
                        reason: WaitFor::Backoff,
                    },
                }
            }
        }
    }

    /// The jittered backoff step after attempt `attempt`: 50–100 % of `base · 2^(attempt−1)`,
    /// capped at `max_delay`.
    pub fn backoff_step(&self, attempt: u32, random: u32) -> Duration {
        let doublings = attempt.saturating_sub(1).min(32);
        let step = self
            .base_delay
            .saturating_mul(1u32 << doublings.min(31))
            .min(self.max_delay);
        let half = step / 2;
        half + scale(step - half, random)
    }

    /// Waits for a `Retry-After` (or the `fallback` wait, when longer), unless beyond `max_wait`.
    fn honour(&self, after: RetryAfter, fallback: (Duration, WaitFor), now: i64) -> Decision {
        let (step, fallback_reason) = fallback;
        let seconds = after.seconds_from(now);
        let asked = Duration::from_secs(seconds);
        if asked > self.max_wait {
            let until = now.saturating_add(i64::try_from(seconds).unwrap_or(i64::MAX));
            return Decision::GiveUp(GiveUp::WaitTooLong { until });
        }
        if asked > step {
            Decision::Retry {
                wait: asked,
                reason: WaitFor::RetryAfter,
            }
        } else {
            Decision::Retry {
                wait: step,
                reason: fallback_reason,
            }
        }
    }

    /// 1–5 s (by default), added after a reset so the retry does not land exactly on it.
    fn reset_margin(&self, random: u32) -> Duration {
        let spread = self.reset_margin_max.saturating_sub(self.reset_margin_min);
        self.reset_margin_min + scale(spread, random)
    }

    /// Waits until just after the reset at `reset` (Unix seconds), unless beyond `max_wait`.
    fn until_reset(&self, reset: i64, now: i64, random: u32) -> Decision {
        let margin = self.reset_margin(random);
        let ahead = Duration::from_secs(u64::try_from(reset.saturating_sub(now)).unwrap_or(0));
        let wait = ahead.saturating_add(margin);
        if wait > self.max_wait {
            return Decision::GiveUp(GiveUp::WaitTooLong { until: reset });
        }
        Decision::Retry {
            wait,
            reason: WaitFor::Reset,
        }
    }
}

/// `span · random / 2³²`: a uniform share of `span`.
fn scale(span: Duration, random: u32) -> Duration {
    let nanos = span.as_nanos().saturating_mul(u128::from(random)) >> 32;
    Duration::from_nanos(u64::try_from(nanos).unwrap_or(u64::MAX))
}

/// [`Policy::decide`] with the default [`Policy`].
pub fn decide(
    class: &Classification,
    attempt: u32,
    retry_after: Option<RetryAfter>,
    reset_at: Option<BeijingTime>,
    now: i64,
    random: u32,
) -> Decision {
    Policy::DEFAULT.decide(class, attempt, retry_after, reset_at, now, random)
}
