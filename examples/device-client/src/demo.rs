//! The four scenarios of the host demo (`cargo run -p device-client`), also run on the emulated
//! Cortex-M3 by the on-target suite: what the simulated server answers, and what the client must
//! make of it.

use core::time::Duration;

use zai_errors_embedded_svc::zai_errors::Retry;
use zai_errors_embedded_svc::zai_errors::policy::{Decision, GiveUp, Policy, WaitFor};

use crate::ChatRequest;

/// The request every scenario sends.
pub const REQUEST: ChatRequest<'static> = ChatRequest {
    url: "https://api.z.ai/api/paas/v4/chat/completions",
    api_key: "demo-key",
    model: "glm-4.6",
    prompt: "Say \"hello\" to the device",
};

/// One scenario: the response and the expected outcome.
#[derive(Clone, Copy, Debug)]
pub struct Scenario {
    /// What it shows.
    pub name: &'static str,
    /// The HTTP status.
    pub status: u16,
    /// The body, byte for byte.
    pub body: &'static [u8],
    /// The `Content-Length` header, when sent.
    pub content_length: Option<u64>,
    /// The connection drops after this many body bytes (read as a clean end, as on esp-idf-svc).
    pub cut_at: Option<usize>,
    /// One more response header.
    pub header: Option<(&'static str, &'static str)>,
    /// What the client must answer.
    pub expect: Expected,
}

/// The demo's clock: 2026-10-05 12:11:52 Beijing time (a minute before the 1308's reset), in Unix
/// seconds. A device takes it from SNTP.
pub const NOW: i64 = 1_791_173_512;
/// The demo's "random" number for the jitter (a device takes it from its RNG): the middle.
pub const RANDOM: u32 = u32::MAX / 2;

/// The expected outcome of a scenario.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Expected {
    /// A reply with this text.
    Reply(&'static str),
    /// A failure with this retry advice, then this next move (at [`NOW`], first attempt).
    Failure(Option<Retry>, Next),
}

/// The next move a scenario expects from the core's decision.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Next {
    /// Retry after a backoff step of 250–500 ms (the first step, jittered).
    Backoff,
    /// Retry just after the reset: in 61–65 s.
    AfterReset,
    /// Give up: the same request fails again.
    GiveUpNever,
}

impl Next {
    /// Whether `decision` is this move.
    pub fn is(self, decision: Decision) -> bool {
        let within = |wait: Duration, low: Duration, high: Duration| wait >= low && wait <= high;
        match (self, decision) {
            (
                Self::Backoff,
                Decision::Retry {
                    wait,
                    reason: WaitFor::Backoff,
                },
            ) => within(wait, Duration::from_millis(250), Duration::from_millis(500)),
            (
                Self::AfterReset,
                Decision::Retry {
                    wait,
                    reason: WaitFor::Reset,
                },
            ) => within(wait, Duration::from_secs(61), Duration::from_secs(65)),
            (Self::GiveUpNever, Decision::GiveUp(GiveUp::Never)) => true,
            _ => false,
        }
    }
}

const SUCCESS: &[u8] = b"data: {\"id\":\"1\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"Hello\"}}]}\n\n\
data: {\"id\":\"1\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\", device \\u2014 \"}}]}\n\n\
data: {\"id\":\"1\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"\\\"hi\\\" back.\"},\"finish_reason\":\"stop\"}]}\n\n\
data: [DONE]\n\n";
const RATE_LIMITED: &[u8] = br#"{"error":{"code":"1302","message":"High concurrency usage of this API, please reduce concurrency or contact customer service to increase limits"}}"#;
const USAGE_LIMIT: &[u8] = br#"{"error":{"code":"1308","message":"Usage limit reached for 5 hour. Your limit will reset at 2026-10-05 12:12:52"},"request_id":"20261126demo"}"#;
const SENSITIVE: &[u8] =
    b"data: {\"id\":\"2\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Let me\"}}]}\n\n\
data: {\"id\":\"2\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"sensitive\"}]}\n\n\
data: [DONE]\n\n";

/// The four scenarios.
pub const SCENARIOS: [Scenario; 4] = [
    Scenario {
        name: "success",
        status: 200,
        body: SUCCESS,
        content_length: None,
        cut_at: None,
        header: None,
        expect: Expected::Reply("Hello, device \u{2014} \"hi\" back."),
    },
    Scenario {
        name: "1302 (HTTP 429)",
        status: 429,
        body: RATE_LIMITED,
        content_length: Some(RATE_LIMITED.len() as u64),
        cut_at: None,
        header: None,
        expect: Expected::Failure(Some(Retry::Backoff), Next::Backoff),
    },
    Scenario {
        name: "1308 cut in transit after 120 of its 142 bytes (after its reset time)",
        status: 429,
        body: USAGE_LIMIT,
        content_length: Some(USAGE_LIMIT.len() as u64),
        cut_at: Some(120),
        header: Some(("x-log-id", "20261126header")),
        // The code and the reset time came before the cut: wait for the reset, a minute away.
        expect: Expected::Failure(Some(Retry::AtReset), Next::AfterReset),
    },
    Scenario {
        name: "stream that ends `sensitive`",
        status: 200,
        body: SENSITIVE,
        content_length: None,
        cut_at: None,
        header: None,
        expect: Expected::Failure(Some(Retry::Never), Next::GiveUpNever),
    },
];

/// Whether `outcome` is what `expected` says.
pub fn meets<E: embedded_io::Error>(
    outcome: &Result<crate::Reply<'_>, crate::ChatFailure<E>>,
    expected: Expected,
) -> bool {
    match (outcome, expected) {
        (Ok(reply), Expected::Reply(text)) => reply.text == text && !reply.truncated,
        (Err(failure), Expected::Failure(retry, next)) => {
            failure.classification().retry == retry
                && next.is(failure.decide(&Policy::DEFAULT, 1, NOW, RANDOM))
        }
        _ => false,
    }
}
