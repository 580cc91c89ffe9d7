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
        Some("cut") => "cut".into(),
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
                    Some("cut") => &["error", "category", "kind", "retry", "fault"],
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
    // A finish reason is a normal end: no cut.
    assert!(!text.contains("cut"), "{text}");
    let output = run(
        &["stream"],
        Some(b"data: {\"choices\":[{\"delta\":{\"content\":\"a\"}}]}\n\n"),
    );
    let text = String::from_utf8(output.stdout).expect("UTF-8");
    assert!(text.contains("cut     the input ended without"), "{text}");

    let missing = run(&["stream", "/nonexistent/transcript.sse"], None);
    assert_eq!(
        missing.status.code(),
        Some(1),
        "input that cannot be read: exit 1"
    );
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

#[test]
fn classify_reads_a_file_with_at_and_hints_when_a_body_names_a_file() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/vectors/bodies/18-1308-usage-limit-reset.json"
    );
    let v = json_of(&run(
        &["classify", "--status", "429", "--json", &format!("@{path}")],
        None,
    ));
    assert_eq!(
        (v["code"].clone(), v["retry"].clone()),
        (1308.into(), "at_reset".into())
    );

    // The file name as the body: classified as text (the status decides), with a hint on stderr.
    let output = run(&["classify", "--status", "429", "--json", path], None);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(json_of(&output)["code"], Value::Null);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains(&format!("@{path}")), "{stderr}");

    // A file that cannot be opened names itself: a usage error.
    let missing = run(
        &["classify", "--status", "429", "@/nonexistent/body.json"],
        None,
    );
    assert_eq!(missing.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("/nonexistent/body.json"));
}

#[test]
fn explain_takes_kind_names_and_says_what_it_accepts() {
    let by_kind =
        String::from_utf8(run(&["explain", "usage_limit_reached"], None).stdout).expect("UTF-8");
    assert!(by_kind.contains("business code 1308"), "{by_kind}");
    let v = json_of(&run(&["explain", "--json", "content_filtered"], None));
    assert_eq!(v["classification"]["retry"], "never");
    assert!(
        v["finish_reasons"]
            .as_array()
            .is_some_and(|r| r.contains(&"sensitive".into()))
    );
    // Every kind name is explained.
    for kind in zai_errors::Kind::ALL {
        let output = run(&["explain", kind.as_str()], None);
        let shown = String::from_utf8(output.stdout).expect("UTF-8");
        assert_eq!(output.status.code(), Some(0), "{kind}");
        assert!(
            shown.contains(kind.as_str()) && shown.lines().count() >= 3,
            "{kind}: {shown}"
        );
    }
    let undocumented =
        String::from_utf8(run(&["explain", "undocumented_code"], None).stdout).expect("UTF-8");
    assert!(
        undocumented.contains("by the code's range") && !undocumented.contains("slow down"),
        "{undocumented}"
    );
    let zero = String::from_utf8(run(&["explain", "0"], None).stdout).expect("UTF-8");
    assert!(zero.contains("no business code"), "{zero}");
    for garbage in ["garbage", "70000", "13o8", ""] {
        let output = run(&["explain", garbage], None);
        assert_eq!(output.status.code(), Some(2), "{garbage:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            stderr.contains("a business code") && stderr.contains("kind name"),
            "{stderr}"
        );
    }
}

#[test]
fn json_output_escapes_bidi_and_line_separators() {
    let body = "{\"error\":{\"code\":\"1214\",\"message\":\"a\u{202e}b\u{2028}c\u{61c}d\"}}";
    let output = run(&["classify", "--status", "400", "--json", body], None);
    let raw = String::from_utf8(output.stdout).expect("UTF-8");
    assert!(raw.contains(r"a\u202eb\u2028c\u061cd"), "{raw}");
    assert!(!raw.contains('\u{202e}'));
    let v: Value = serde_json::from_str(&raw).expect("still JSON");
    assert_eq!(v["message"], "a\u{202e}b\u{2028}c\u{61c}d");
}

#[test]
fn codes_fit_in_100_columns() {
    let text = String::from_utf8(run(&["codes"], None).stdout).expect("UTF-8");
    // Wide (CJK) characters take two columns; `…` takes one.
    let wide = |c: char| matches!(c, '\u{2e80}'..='\u{9fff}' | '\u{ac00}'..='\u{d7af}' | '\u{ff00}'..='\u{ff60}');
    let width = |line: &str| {
        line.chars()
            .map(|c| if wide(c) { 2 } else { 1 })
            .sum::<usize>()
    };
    for line in text.lines() {
        assert!(width(line) <= 100, "{} columns: {line}", width(line));
    }
}

#[test]
fn stream_text_prints_what_the_model_said_and_how_it_ended() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/vectors/streams/");
    let text = |name: &str| {
        String::from_utf8(run(&["stream", "--text", &format!("{dir}{name}")], None).stdout)
            .expect("UTF-8")
    };
    assert_eq!(
        text("18-anthropic-end-turn.sse"),
        "Hello, 世界\n[end: end_turn (completed)]\n"
    );
    assert_eq!(
        text("29-chat-cut-no-done.sse"),
        "Once upon\n[end: cut: the stream ended without its normal end]\n"
    );
    let failed = text("24-responses-failed-first.sse");
    assert!(
        failed.starts_with("[end: error: ") && failed.contains("rate_limited"),
        "{failed}"
    );
}

#[test]
fn stream_json_prints_done_once_and_one_error_for_a_plain_body() {
    let lines = |input: &[u8]| -> Vec<Value> {
        String::from_utf8(run(&["stream", "--json"], Some(input)).stdout)
            .expect("UTF-8")
            .lines()
            .map(|l| serde_json::from_str(l).expect("JSON"))
            .collect()
    };
    let events =
        lines(b"event: message_stop\ndata: {\"type\":\"message_stop\"}\n\ndata: [DONE]\n\n");
    assert_eq!(events.iter().filter(|e| e["event"] == "done").count(), 1);
    let events = lines("{\"code\":1000,\"msg\":\"身份验证失败。\",\"success\":false}".as_bytes());
    assert_eq!(events.len(), 1);
    assert_eq!(
        (events[0]["event"].clone(), events[0]["code"].clone()),
        ("error".into(), 1000.into())
    );
}
