//! The built `zai-errors` binary, run as a user would: exit codes, `--json` keys, stdin.

mod common;

use std::process::Output;

use common::run;
use serde_json::Value;
use zai_errors_vectors::VECTORS;

fn json_of(output: &Output) -> Value {
    assert_eq!(
        output.status.code(),
        Some(0),
        "stderr: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("one JSON value")
}

const CONTRACT_KEYS: [&str; 10] = [
    "status",
    "code",
    "known",
    "category",
    "kind",
    "retry",
    "reset_at",
    "request_id",
    "message",
    "truncated",
];

#[test]
fn classify_json_gives_the_contract_answer_for_every_vector() {
    let mut failures = Vec::new();
    for vector in VECTORS {
        let status = vector.status.to_string();
        let value = json_of(&run(
            &["classify", "--status", &status, "--json"],
            Some(vector.body),
        ));
        for key in CONTRACT_KEYS {
            assert!(
                value.get(key).is_some(),
                "{}: key {key} missing",
                vector.name
            );
        }
        let e = &vector.expect;
        let expected = serde_json::json!({
            "status": vector.status, "code": e.code, "known": e.known, "category": e.category, "kind": e.kind,
            "retry": e.retry, "reset_at": e.reset_at, "request_id": e.request_id, "message": e.message,
            "truncated": e.truncated,
        });
        for key in CONTRACT_KEYS {
            if value[key] != expected[key] {
                failures.push(format!(
                    "{}: {key} = {} (expected {})",
                    vector.name, value[key], expected[key]
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_body_can_be_an_argument_stdin_or_dash() {
    let body =
        r#"{"error":{"code":"1113","message":"Insufficient balance"},"request_id":"abc123"}"#;
    let from_arg = json_of(&run(&["classify", "--status", "429", "--json", body], None));
    let from_stdin = json_of(&run(
        &["classify", "--status", "429", "--json"],
        Some(body.as_bytes()),
    ));
    let from_dash = json_of(&run(
        &["--json", "classify", "--status", "429", "-"],
        Some(body.as_bytes()),
    ));
    assert_eq!(from_arg, from_stdin);
    assert_eq!(from_arg, from_dash);
    assert_eq!(from_arg["kind"], "insufficient_balance");
    assert_eq!(from_arg["retry"], "never");
    assert_eq!(from_arg["request_id"], "abc123");
}

#[test]
fn bad_usage_exits_2_and_any_body_exits_0() {
    for args in [
        &["classify", "x"][..],
        &["classify", "--status", "99", "x"],
        &["classify", "--status", "abc", "x"],
        &["explain", "abc"],
        &["explain", "70000"],
        &["stream", "a", "b"],
        &[],
    ] {
        let output = run(args, Some(b""));
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(!output.stderr.is_empty(), "{args:?} explains itself");
    }
    for body in [
        &b"<html>502</html>"[..],
        b"",
        b"\xff\xfe\x00",
        b"{\"error\":",
        b"null",
    ] {
        let output = run(&["classify", "--status", "502"], Some(body));
        assert_eq!(output.status.code(), Some(0), "{body:?}");
        assert!(String::from_utf8_lossy(&output.stdout).contains("bad_gateway"));
    }
}

#[test]
fn human_output_says_what_whose_move_and_when() {
    let body = r#"{"error":{"code":"1308","message":"Usage limit reached for 5 hour. Your limit will reset at 2026-10-05 12:12:52"}}"#;
    let output = run(&["classify", "--status", "429", body], None);
    let text = String::from_utf8(output.stdout).expect("UTF-8");
    assert!(
        text.contains("code 1308 usage_limit_reached (policy_block)"),
        "{text}"
    );
    assert!(text.contains("whose move: yours: slow down"), "{text}");
    assert!(
        text.contains("retry:      at 2026-10-05T12:12:52+08:00"),
        "{text}"
    );
}

#[test]
fn human_output_never_passes_escape_sequences_to_the_terminal() {
    let body = "{\"error\":{\"code\":\"1214\",\"message\":\"\\u001b[2J\\u001b]0;pwned\\u0007 \u{202e}evil\"},\"request_id\":\"\\u001b[31m\"}";
    let output = run(&["classify", "--status", "400", body], None);
    assert_eq!(output.status.code(), Some(0));
    assert!(!output.stdout.contains(&0x1b), "raw ESC reached stdout");
    assert!(!output.stdout.contains(&0x07), "raw BEL reached stdout");
    let text = String::from_utf8(output.stdout).expect("UTF-8");
    assert!(!text.contains('\u{202e}'));
    assert!(text.contains("\\u{1b}[2J"), "{text}");
}

#[test]
fn a_body_over_one_mebibyte_is_read_with_a_bound_and_still_classified() {
    let mut body =
        br#"{"error":{"code":"1261","message":"Prompt exceeds max length"},"pad":""#.to_vec();
    body.resize(3 * 1024 * 1024, b'a');
    body.extend_from_slice(b"\"}");
    let value = json_of(&run(
        &["classify", "--status", "400", "--json"],
        Some(&body),
    ));
    // Cut at 1 MiB, the JSON is incomplete, but the code and message were complete before the cut
    // (DESIGN §2.3), and the cut is reported.
    assert_eq!(value["body_cut"], true);
    assert_eq!(
        (value["code"].clone(), value["kind"].clone()),
        (1261.into(), "prompt_too_long".into())
    );
    assert_eq!(value["shape"], "cut");
    assert_eq!(value["message"], "Prompt exceeds max length");
    // Under the bound, the same kind of padded body is read whole.
    let mut body =
        br#"{"error":{"code":"1261","message":"Prompt exceeds max length"},"pad":""#.to_vec();
    body.resize(1000 * 1024, b'a');
    body.extend_from_slice(b"\"}");
    let value = json_of(&run(
        &["classify", "--status", "400", "--json"],
        Some(&body),
    ));
    assert_eq!(
        (value["kind"].clone(), value["body_cut"].clone()),
        ("prompt_too_long".into(), false.into())
    );
}

#[test]
fn explain_covers_codes_statuses_and_undocumented_numbers() {
    let v = json_of(&run(&["explain", "1308", "--json"], None));
    assert_eq!(v["code"]["kind"], "usage_limit_reached");
    assert_eq!(v["code"]["retry"], "at_reset");
    assert!(v["code"]["zh"].as_str().is_some_and(|t| t.contains("重置")));
    assert_eq!(v["status"], Value::Null);

    let v = json_of(&run(&["explain", "500", "--json"], None));
    assert_eq!(v["code"]["category"], "basic");
    assert_eq!(v["status"]["kind"], "internal_server_error");

    let v = json_of(&run(&["explain", "502", "--json"], None));
    assert_eq!(
        (v["code"].clone(), v["status"]["retry"].clone()),
        (Value::Null, "backoff".into())
    );

    let v = json_of(&run(&["explain", "1399", "--json"], None));
    assert_eq!(v["range_category"], "policy_block");

    let text = String::from_utf8(run(&["explain", "1113"], None).stdout).expect("UTF-8");
    assert!(
        text.contains("insufficient_balance") && text.contains("console"),
        "{text}"
    );
}

#[test]
fn codes_lists_the_whole_table() {
    let v = json_of(&run(&["codes", "--json"], None));
    let codes = v["codes"].as_array().expect("codes");
    assert_eq!(codes.len(), zai_errors_count());
    assert!(
        codes
            .iter()
            .any(|c| c["code"] == 1321 && c["retry"] == "at_reset")
    );
    assert_eq!(v["statuses"].as_array().map(Vec::len), Some(16));
    let text = String::from_utf8(run(&["codes"], None).stdout).expect("UTF-8");
    assert_eq!(
        text.lines().filter(|l| l.starts_with("13")).count(),
        20,
        "{text}"
    );
}

/// 500, 1000–1005, 1100, 1110–1113, 1120, 1121, 1200, 1210–1215, 1220–1222, 1230, 1231, 1234, 1261,
/// 1300–1305, 1308–1321.
fn zai_errors_count() -> usize {
    1 + 6 + 1 + 4 + 2 + 1 + 6 + 3 + 2 + 1 + 1 + 6 + 14
}

/// The compact form of the vectors (`finish:network_error:backoff`) from one JSON line.
fn compact(line: &Value) -> String {
    let text = |v: &Value| v.as_str().map_or("-".to_owned(), str::to_owned);
    match line["event"].as_str() {
        Some("chunk") if line["overlong"] == true => "overlong".into(),
        Some("chunk") => match line["finish_reason"].as_str() {
            Some(reason) => format!("chunk:{reason}"),
            None => "chunk".into(),
        },
        Some("finish") => format!(
            "finish:{}:{}",
            text(&line["finish_reason"]),
            text(&line["retry"])
        ),
        Some("error") => {
            let code = line["code"].as_u64().map_or("-".into(), |c| c.to_string());
            format!(
                "error:{code}:{}:{}",
                text(&line["kind"]),
                text(&line["retry"])
            )
        }
        Some("done") => "done".into(),
        other => panic!("unexpected event {other:?}"),
    }
}

#[test]
fn stream_json_reports_the_events_of_every_transcript() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/vectors/streams/");
    for stream in zai_errors_vectors::STREAMS {
        for from_file in [false, true] {
            let path = format!("{dir}{}", stream.name);
            let output = if from_file {
                run(&["stream", "--json", &path], None)
            } else {
                run(&["stream", "--json"], Some(stream.transcript))
            };
            assert_eq!(output.status.code(), Some(0), "{}", stream.name);
            let lines: Vec<Value> = String::from_utf8(output.stdout)
                .expect("UTF-8")
                .lines()
                .map(|l| serde_json::from_str(l).expect("each line is JSON"))
                .collect();
            let events: Vec<String> = lines.iter().map(compact).collect();
            // The CLI's buffer is 64 KiB, the vectors' 2 KiB: the same events here.
            assert_eq!(events, stream.events, "{} (file: {from_file})", stream.name);
            for line in &lines {
                let keys: &[&str] = match line["event"].as_str() {
                    Some("finish") => &[
                        "finish_reason",
                        "error",
                        "category",
                        "kind",
                        "retry",
                        "code",
                        "status",
                    ],
                    Some("error") => &CONTRACT_KEYS,
                    _ => &[],
                };
                for key in keys {
                    assert!(
                        line.get(key).is_some(),
                        "{}: {key} missing in {line}",
                        stream.name
                    );
                }
                if line["event"] == "finish" {
                    assert_eq!(line["error"], !line["retry"].is_null(), "{line}");
                }
            }
        }
    }
}

#[test]
fn stream_human_output_and_usage_errors() {
    let transcript = b"data: {\"choices\":[{\"finish_reason\":\"sensitive\"}]}\r\n\r\n";
    let output = run(&["stream"], Some(transcript));
    assert_eq!(output.status.code(), Some(0));
    let text = String::from_utf8(output.stdout).expect("UTF-8");
    assert!(
        text.contains("finish  sensitive: content_filtered (stream), retry: never"),
        "{text}"
    );
    assert!(text.contains("no [DONE]"), "{text}");

    let missing = run(&["stream", "/nonexistent/transcript.sse"], None);
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("cannot open"));

    // Anything at all is scanned: exit 0.
    let output = run(&["stream", "--json"], Some(b"\xff\xfe garbage \x00\n\n"));
    assert_eq!(output.status.code(), Some(0));
}

#[test]
fn details_in_messages_are_shown_and_serialized() {
    let body = r#"{"error":{"code":"1312","message":"This model is currently experiencing high traffic. Please try again later, or switch to another model such as GLM-4.5-Air"}}"#;
    let text =
        String::from_utf8(run(&["classify", "--status", "429", body], None).stdout).expect("UTF-8");
    assert!(text.contains("try model:  GLM-4.5-Air"), "{text}");
    let v = json_of(&run(&["classify", "--status", "429", "--json", body], None));
    assert_eq!(
        v["detail"],
        serde_json::json!({"kind": "suggested_model", "value": "GLM-4.5-Air"})
    );
    let v = json_of(&run(
        &[
            "classify",
            "--status",
            "429",
            "--json",
            r#"{"error":{"code":"1113"}}"#,
        ],
        None,
    ));
    assert_eq!(v["detail"], Value::Null);
}

#[test]
fn a_failing_stdout_is_an_error_not_a_panic() {
    // /dev/full fails every write: each command must report it (exit 1), never panic (exit 101).
    let stream = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/vectors/streams/01-normal-stop.sse"
    );
    for args in [
        vec!["explain", "1308"],
        vec!["explain", "500"],
        vec![
            "classify",
            "--status",
            "429",
            r#"{"error":{"code":"1113"}}"#,
        ],
        vec!["codes"],
        vec!["stream", stream],
        vec!["--json", "codes"],
    ] {
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .expect("/dev/full");
        let output = std::process::Command::new(common::BIN)
            .args(&args)
            .stdout(full)
            .output()
            .expect("runs");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(1), "{args:?}: {stderr}");
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
    }
}
