//! The host demo: the device client over a simulated connection, through a success, a 1302, a
//! 1308 cut in transit and a stream that ends `sensitive`, printing what a device would do.

#[path = "../../../crates/zai-errors-embedded-svc/tests/double/mod.rs"]
mod double;

use std::process::ExitCode;

use device_client::{ChatFailure, ChatRequest, NextMove, Scratch, chat};
use double::{Bytes, Conn, Plan};
use embedded_svc::http::client::Client;

const REQUEST: ChatRequest<'static> = ChatRequest {
    url: "https://api.z.ai/api/paas/v4/chat/completions",
    api_key: "demo-key",
    model: "glm-4.6",
    prompt: "Say \"hello\" to the device",
};

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

struct Scenario {
    name: &'static str,
    conn: Conn<Bytes>,
    /// Whether the call must succeed (else it must fail).
    succeeds: bool,
}

fn main() -> ExitCode {
    let scenarios = [
        Scenario {
            name: "success",
            conn: Conn::new(200, None, Bytes::new(SUCCESS), Plan::CHUNKED),
            succeeds: true,
        },
        Scenario {
            name: "1302 (HTTP 429)",
            conn: Conn::new(
                429,
                Some(RATE_LIMITED.len() as u64),
                Bytes::new(RATE_LIMITED),
                Plan::CHUNKED,
            ),
            succeeds: false,
        },
        Scenario {
            name: "1308 cut in transit after 96 of its bytes",
            conn: Conn::new(
                429,
                Some(USAGE_LIMIT.len() as u64),
                Bytes::new(USAGE_LIMIT),
                Plan {
                    end_at: Some(96),
                    ..Plan::CHUNKED
                },
            )
            .with_header("x-log-id", "20261126header"),
            succeeds: false,
        },
        Scenario {
            name: "stream that ends `sensitive`",
            conn: Conn::new(200, None, Bytes::new(SENSITIVE), Plan::CHUNKED),
            succeeds: false,
        },
    ];

    let mut scratch = Scratch::new();
    let mut wrong = 0;
    for scenario in scenarios {
        println!("== {}", scenario.name);
        // Wrap once per connection; a device keeps the client and reuses it for every request.
        let mut client = Client::wrap(scenario.conn);
        let mut reply = [0u8; 256];
        let outcome = chat(&mut client, &REQUEST, &mut scratch, &mut reply);
        let sent = &client.connection().head;
        if !(sent.authorized && sent.request_length == Some(sent.written)) {
            println!("   the request lacked its bearer token or an exact Content-Length");
            wrong += 1;
        }
        match &outcome {
            Ok(answer) => {
                println!(
                    "   reply: {:?} (finish: {:?}, truncated: {})",
                    answer.text, answer.finish, answer.truncated
                );
                println!("   device: show the reply");
            }
            Err(failure) => describe(failure),
        }
        if outcome.is_ok() != scenario.succeeds {
            println!(
                "   UNEXPECTED: the call should have {}",
                if scenario.succeeds {
                    "succeeded"
                } else {
                    "failed"
                }
            );
            wrong += 1;
        }
    }
    if wrong == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

fn describe<E: core::fmt::Debug + embedded_io::Error>(failure: &ChatFailure<E>) {
    let class = failure.classification();
    match failure {
        ChatFailure::Api(response) => {
            let error = &response.error;
            println!(
                "   HTTP {}: code {:?}, kind {}, message {:?}, request id {:?}",
                error.status(),
                error.code().map(u16::from),
                error.kind(),
                error.message(),
                error.request_id()
            );
            println!(
                "   body: {} bytes read, end {:?}",
                response.body_len, response.end
            );
        }
        ChatFailure::Finish(reason) => println!("   the model stopped: finish_reason {reason}"),
        ChatFailure::InBand(error) => println!("   error inside the stream: {error}"),
        other => println!("   {other:?}"),
    }
    println!(
        "   classification: category {}, kind {}, retry {}, fault {}",
        class.category.as_str(),
        class.kind,
        class.retry.map_or("-", |r| r.as_str()),
        class.fault.as_str()
    );
    let advice = match failure.next_move() {
        NextMove::Backoff => "retry after an exponential backoff with jitter".to_owned(),
        NextMove::WaitForReset(Some(at)) => {
            format!("wait for the quota reset at Unix time {at}, then retry")
        }
        NextMove::WaitForReset(None) => {
            "wait for the quota reset (time unknown), then retry".to_owned()
        }
        NextMove::GiveUp => "do not retry: fix the request, the key or the account".to_owned(),
    };
    println!("   device: {advice}");
    if failure.recreate_connection() {
        println!("   device: drop this connection and create a new one before the next request");
    }
}
