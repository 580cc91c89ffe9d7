//! The host demo: the device client over a simulated connection, through a success, a 1302, a
//! 1308 cut in transit and a stream that ends `sensitive`, printing what a device would do.

#[path = "../../../crates/zai-errors-embedded-svc/tests/double/mod.rs"]
mod double;

use std::process::ExitCode;

use device_client::demo::{NOW, RANDOM, REQUEST, SCENARIOS, meets};
use device_client::{ChatFailure, Scratch, chat};
use double::{Bytes, Conn, Plan};
use embedded_svc::http::client::Client;
use zai_errors_embedded_svc::zai_errors::policy::{Decision, Policy};

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
    // Attempt 1 failed; the device's clock says NOW; its RNG gave RANDOM.
    let advice = match failure.decide(&Policy::DEFAULT, 1, NOW, RANDOM) {
        Decision::Retry { wait, reason } => {
            format!(
                "retry in {:.3} s ({})",
                wait.as_secs_f64(),
                match reason {
                    zai_errors_embedded_svc::zai_errors::policy::WaitFor::Backoff =>
                        "backoff with jitter",
                    zai_errors_embedded_svc::zai_errors::policy::WaitFor::RetryAfter =>
                        "the server's Retry-After",
                    _ => "just after the quota's reset",
                }
            )
        }
        Decision::GiveUp(why) => format!(
            "give up ({}): fix the request, the key or the account",
            why.as_str()
        ),
    };
    println!("   device: {advice}");
    if failure.recreate_connection() {
        println!("   device: drop this connection and create a new one before the next request");
    }
}
