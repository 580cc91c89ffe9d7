//! The four scenarios of the host demo (`cargo run -p device-client`), also run on the emulated
//! Cortex-M3 by the on-target suite: what the simulated server answers, and what the client must
//! make of it.

use zai_errors_embedded_svc::zai_errors::Retry;

use crate::{ChatRequest, NextMove};

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

/// The expected outcome of a scenario.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Expected {
    /// A reply with this text.
    Reply(&'static str),
    /// A failure with this retry advice and next move.
    Failure(Option<Retry>, NextMove),
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
        expect: Expected::Failure(Some(Retry::Backoff), NextMove::Backoff),
    },
    Scenario {
        name: "1308 cut in transit after 96 of its bytes",
        status: 429,
        body: USAGE_LIMIT,
        content_length: Some(USAGE_LIMIT.len() as u64),
        cut_at: Some(96),
        header: Some(("x-log-id", "20261126header")),
        // The reset time was cut off: wait for the reset, time unknown.
        expect: Expected::Failure(Some(Retry::AtReset), NextMove::WaitForReset(None)),
    },
    Scenario {
        name: "stream that ends `sensitive`",
        status: 200,
        body: SENSITIVE,
        content_length: None,
        cut_at: None,
        header: None,
        expect: Expected::Failure(Some(Retry::Never), NextMove::GiveUp),
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
            failure.classification().retry == retry && failure.next_move() == next
        }
        _ => false,
    }
}
