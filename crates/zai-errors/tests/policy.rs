//! The retry decision (DESIGN §2.6), property-tested: it never retries `never`, never waits past
//! the maximum, waits until just after a reset within the maximum, keeps the jitter in its band,
//! and bounds repeated transient answers by the attempts.

mod common;

use core::time::Duration;

use proptest::prelude::*;
use zai_errors::policy::{Decision, GiveUp, Policy, RetryAfter, WaitFor, decide};
use zai_errors::{BeijingTime, Classification, Retry, TransportFailure};

/// A classification of each kind of advice, and of a success.
fn classification() -> impl Strategy<Value = Classification> {
    prop_oneof![
        prop::sample::select(vec![500u16, 1113, 1210, 1302, 1305, 1308, 1309, 1310, 1399])
            .prop_map(|c| Classification::of_code(429, Some(c))),
        prop::sample::select(vec![200u16, 400, 408, 429, 502, 503, 529])
            .prop_map(Classification::of_status),
        Just(TransportFailure::Timeout.classify()),
        Just(TransportFailure::Tls.classify()),
    ]
}

fn retry_after() -> impl Strategy<Value = Option<RetryAfter>> {
    prop_oneof![
        Just(None),
        (0u64..400).prop_map(|s| Some(RetryAfter::Seconds(s))),
        (-400i64..400).prop_map(|d| Some(RetryAfter::At(1_780_000_000 + d))),
    ]
}

fn reset_at() -> impl Strategy<Value = Option<BeijingTime>> {
    prop_oneof![
        Just(None),
        (0u8..24, 0u8..60).prop_map(|(h, m)| BeijingTime::new(2026, 5, 28, h, m, 0))
    ]
}

proptest! {
    #![proptest_config(common::config(3000))]

    #[test]
    fn every_decision_keeps_the_rules(
        class in classification(),
        attempt in 1u32..8,
        after in retry_after(),
        reset in reset_at(),
        now_offset in -200_000i64..200_000,
        random in any::<u32>(),
    ) {
        let policy = Policy::DEFAULT;
        let now = 1_780_000_000 + now_offset;
        let decision = policy.decide(&class, attempt, after, reset, now, random);
        match (class.retry, decision) {
            (None, d) => prop_assert_eq!(d, Decision::GiveUp(GiveUp::NotAnError)),
            (Some(Retry::Never), d) => prop_assert_eq!(d, Decision::GiveUp(GiveUp::Never)),
            (Some(_), Decision::Retry { wait, reason }) => {
                prop_assert!(attempt <= policy.max_retries, "retried after attempt {}", attempt);
                prop_assert!(wait <= policy.max_wait, "waits {:?}", wait);
                if reason == WaitFor::Backoff {
                    prop_assert_eq!(class.retry, Some(Retry::Backoff));
                    let step = policy.base_delay.saturating_mul(1 << (attempt - 1)).min(policy.max_delay);
                    prop_assert!(wait >= step / 2 && wait <= step, "{:?} outside [{:?}, {:?}]", wait, step / 2, step);
                }
                if class.retry == Some(Retry::AtReset) && reset.is_none() && reason == WaitFor::Reset {
                    prop_assert!(wait >= Duration::from_secs(1) && wait <= Duration::from_secs(5));
                }
                if let (Some(Retry::AtReset), Some(reset)) = (class.retry, reset) {
                    let ahead = Duration::from_secs(u64::try_from(reset.to_unix_seconds() - now).unwrap_or(0));
                    prop_assert_eq!(reason, WaitFor::Reset);
                    prop_assert!(wait >= ahead + Duration::from_secs(1) && wait <= ahead + Duration::from_secs(5));
                }
                if reason == WaitFor::RetryAfter {
                    prop_assert_eq!(Some(wait.as_secs()), after.map(|a| a.seconds_from(now)));
                }
            }
            (Some(_), Decision::GiveUp(reason)) => match reason {
                GiveUp::AttemptsExhausted => prop_assert!(attempt > policy.max_retries),
                GiveUp::WaitTooLong { until } => prop_assert!(until - now > 120 - 5),
                GiveUp::ResetUnknown => prop_assert!(class.retry == Some(Retry::AtReset) && reset.is_none() && after.is_none()),
                other => prop_assert!(false, "unexpected {:?}", other),
            },
        }
    }
}

#[test]
fn a_transient_error_that_never_goes_away_is_tried_four_times() {
    let rate_limited = Classification::of_code(429, Some(1305));
    let retries = (1..10)
        .take_while(|&attempt| {
            matches!(
                decide(&rate_limited, attempt, None, None, 0, 7),
                Decision::Retry { .. }
            )
        })
        .count();
    assert_eq!(retries, 3, "three retries: four requests in all");
}

#[test]
fn retry_after_is_honoured_up_to_the_maximum_wait() {
    let busy = Classification::of_status(503);
    let wait = |after| decide(&busy, 1, Some(after), None, 1_000, 0);
    assert_eq!(
        wait(RetryAfter::Seconds(2)),
        Decision::Retry {
            wait: Duration::from_secs(2),
            reason: WaitFor::RetryAfter
        }
    );
    assert_eq!(
        wait(RetryAfter::Seconds(120)),
        Decision::Retry {
            wait: Duration::from_secs(120),
            reason: WaitFor::RetryAfter
        }
    );
    assert_eq!(
        wait(RetryAfter::Seconds(121)),
        Decision::GiveUp(GiveUp::WaitTooLong { until: 1_121 })
    );
    // A date in the past is no reason to wait longer than the backoff step.
    assert_eq!(
        wait(RetryAfter::At(900)),
        Decision::Retry {
            wait: Duration::from_millis(250),
            reason: WaitFor::Backoff
        }
    );
    // About 5.8 days (a 1310's retry hint, reported): give up with the time.
    assert!(matches!(
        wait(RetryAfter::Seconds(500_000)),
        Decision::GiveUp(GiveUp::WaitTooLong { .. })
    ));
}
