//! Hostile inputs end to end through the built binary: huge bodies under a memory limit, deep
//! nesting, broken bytes, odd numbers and codes, escape sequences. Each gets a clear, classified
//! answer and exit 0.

mod common;

use std::io::Write;
use std::process::Command;

use common::{BIN, limited, run_feeding};
use serde_json::Value;

/// Runs the binary under an address-space limit of `limit_kib`, feeding `head`, then `filler`
/// `repeat` times, then `tail`; returns its JSON answer.
fn run_limited(
    args: &[&str],
    limit_kib: u32,
    head: &[u8],
    filler: &[u8],
    repeat: usize,
    tail: &[u8],
) -> Value {
    let (head, filler, tail) = (head.to_vec(), filler.to_vec(), tail.to_vec());
    let output = run_feeding(limited(args, limit_kib), move |stdin| {
        let _ = stdin.write_all(&head);
        for _ in 0..repeat {
            if stdin.write_all(&filler).is_err() {
                return;
            }
        }
        let _ = stdin.write_all(&tail);
    });
    assert_eq!(
        output.status.code(),
        Some(0),
        "stderr: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("JSON")
}

fn classify(status: &str, body: &[u8]) -> Value {
    run_limited(
        &["classify", "--status", status, "--json"],
        256 * 1024,
        body,
        b"",
        0,
        b"",
    )
}

#[test]
fn a_100_mib_body_is_classified_in_bounded_memory() {
    // 100 MiB through a process limited to 64 MiB of address space.
    let head = br#"{"error":{"code":"1302","message":"High concurrency"},"pad":""#;
    let v = run_limited(
        &["classify", "--status", "429", "--json"],
        64 * 1024,
        head,
        &[b'a'; 64 * 1024],
        1600,
        b"\"}",
    );
    assert_eq!(v["body_cut"], true);
    // Cut at 1 MiB the JSON is incomplete, but the code was complete before the cut (DESIGN §2.3).
    assert_eq!(
        (v["code"].clone(), v["kind"].clone(), v["retry"].clone()),
        (1302.into(), "concurrency_limit".into(), "backoff".into())
    );
    assert_eq!(
        (v["shape"].clone(), v["message"].clone()),
        ("cut".into(), "High concurrency".into())
    );
}

#[test]
fn a_100_mib_stream_is_scanned_in_bounded_memory() {
    let chunk = b"data: {\"choices\":[{\"delta\":{\"content\":\"token token token\"},\"finish_reason\":null}]}\n\n";
    let output = run_feeding(limited(&["stream"], 64 * 1024), move |stdin| {
        for _ in 0..(100 * 1024 * 1024 / chunk.len()) {
            stdin.write_all(chunk).expect("write");
        }
        stdin
            .write_all(b"data: {\"choices\":[{\"finish_reason\":\"network_error\"}]}\n\n")
            .expect("write");
    });
    assert_eq!(output.status.code(), Some(0));
    let text = String::from_utf8(output.stdout).expect("UTF-8");
    assert!(text.lines().count() > 1_000_000);
    assert!(text.contains("finish  network_error: inference_failed (stream), retry: backoff"));
}

#[test]
fn deep_nesting_through_the_cli() {
    // 100 000 levels: over the scanner's 1 024-level limit (ApiError::NESTING_LIMIT), so broken
    // JSON: the code read before the break counts.
    let nested = |levels: usize| {
        format!(
            r#"{{"error":{{"code":"1113","x":{}{}}}}}"#,
            "[".repeat(levels),
            "]".repeat(levels)
        )
    };
    let v = classify("429", nested(100_000).as_bytes());
    assert_eq!(
        (v["code"].clone(), v["kind"].clone(), v["shape"].clone()),
        (1113.into(), "insufficient_balance".into(), "broken".into())
    );
    // 1 000 levels are read.
    let v = classify("429", nested(1000).as_bytes());
    assert_eq!(
        (v["code"].clone(), v["kind"].clone()),
        (1113.into(), "insufficient_balance".into())
    );
    let unclosed = "[{".repeat(100_000);
    let v = classify("503", unclosed.as_bytes());
    assert_eq!(
        (v["code"].clone(), v["kind"].clone()),
        (Value::Null, "service_unavailable".into())
    );
}

#[test]
fn odd_bytes_numbers_and_codes_get_clear_answers() {
    let cases: &[(&str, &[u8], Value, &str)] = &[
        // (status, body, expected code, expected kind)
        (
            "429",
            // A stray byte after a complete body: the body's code still counts (DESIGN §2.3).
            b"{\"error\":{\"code\":\"1302\",\"message\":\"a\"}}\x00",
            1302.into(),
            "concurrency_limit",
        ),
        (
            "400",
            b"{\"error\":{\"code\":\"12\x0014\"}}",
            Value::Null,
            "bad_request",
        ),
        (
            "401",
            b"\xef\xbb\xbf{\"error\":{\"code\":\"1003\",\"message\":\"expired\"}}",
            1003.into(),
            "token_expired",
        ),
        (
            "429",
            // Invalid UTF-8 after the code: the code read before it counts.
            b"{\"error\":{\"code\":\"1113\",\"message\":\"\xff\xfe\"}}",
            1113.into(),
            "insufficient_balance",
        ),
        (
            "500",
            b"{\"error\":{\"code\":\"-1\"}}",
            Value::Null,
            "internal_server_error",
        ),
        (
            "500",
            b"{\"error\":{\"code\":\"1e3\"}}",
            Value::Null,
            "internal_server_error",
        ),
        (
            "429",
            b"{\"error\":{\"code\":\" 1302 \"}}",
            1302.into(),
            "concurrency_limit",
        ),
        (
            "429",
            b"{\"error\":{\"code\":1302.0}}",
            Value::Null,
            "too_many_requests",
        ),
        (
            "429",
            b"{\"error\":{\"code\":1302,\"code\":1113}}",
            1302.into(),
            "concurrency_limit",
        ),
    ];
    for (status, body, code, kind) in cases {
        let v = classify(status, body);
        assert_eq!(
            (&v["code"], v["kind"].as_str()),
            (code, Some(*kind)),
            "{}",
            String::from_utf8_lossy(body)
        );
    }
    // A number of 400 digits, as the code and elsewhere.
    let digits = "7".repeat(400);
    let v = classify(
        "400",
        format!(r#"{{"error":{{"code":{digits},"message":"m"}},"n":{digits}}}"#).as_bytes(),
    );
    assert_eq!(
        (v["code"].clone(), v["kind"].clone(), v["message"].clone()),
        (Value::Null, "bad_request".into(), "m".into())
    );
}

#[test]
fn escape_sequences_in_messages_stay_data_in_json_and_are_escaped_for_people() {
    let body = br#"{"error":{"code":"1214","message":"\u001b[31mred\u001b[0m \u0007 \u202eevil"}}"#;
    let v = classify("400", body);
    assert_eq!(
        v["message"], "\u{1b}[31mred\u{1b}[0m \u{7} \u{202e}evil",
        "JSON keeps the decoded text"
    );
    let output = Command::new(BIN)
        .args(["classify", "--status", "400"])
        .arg(std::str::from_utf8(body).expect("UTF-8"))
        .output()
        .expect("runs");
    let shown = String::from_utf8(output.stdout).expect("UTF-8");
    assert!(
        !shown.contains('\u{1b}') && !shown.contains('\u{7}') && !shown.contains('\u{202e}'),
        "{shown:?}"
    );
    assert!(shown.contains(r"\u{1b}[31mred"), "{shown}");
}
