//! The host demo: the device client over a simulated connection, through a success, a 1302, a
//! 1308 cut in transit and a stream that ends `sensitive`, printing what a device would do.

#[path = "../../../crates/zai-errors-embedded-svc/tests/double/mod.rs"]
mod double;

use std::process::ExitCode;

use device_client::demo::{REQUEST, SCENARIOS, meets};
use device_client::{ChatFailure, NextMove, Scratch, chat};
use double::{Bytes, Conn, Plan};
use embedded_svc::http::client::Client;

fn main() -> ExitCode {
    let mut scratch = Scratch::new();
    let mut wrong = 0;
    for scenario in SCENARIOS {
        println!("== {}", scenario.name);
        let plan = Plan {
            end_at: scenario.cut_at,
            ..Plan::CHUNKED
        };
        let mut conn = Conn::new(
            scenario.status,
            scenario.content_length,
            Bytes::new(scenario.body),
            plan,
        );
        if let Some((name, value)) = scenario.header {
            conn = conn.with_header(name, value);
        }
        // Wrap once per connection; a device keeps the client and reuses it for every request.
        let mut client = Client::wrap(conn);
        let mut reply = [0u8; 256];
        let outcome = chat(&mut client, &REQUEST, &mut scratch, &mut reply);
        let sent = &client.connection().head;
        if !(sent.authorized && sent.request_length == Some(sent.written)) {
            println!(
                "   UNEXPECTED: the request lacked its bearer token or an exact Content-Length"
            );
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
        if !meets(&outcome, scenario.expect) {
            println!("   UNEXPECTED: expected {:?}", scenario.expect);
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
