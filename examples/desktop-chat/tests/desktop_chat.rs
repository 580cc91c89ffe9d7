//! `desktop-chat` against a fake Z.AI on 127.0.0.1 (`ZAI_BASE_URL` pointing at it): the scenarios
//! of its issue, with the requests the server saw.

use std::process::{Command, Output};
use std::sync::Mutex;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use zai_fake_server::{FakeServer, Reply};

const REPLY: &str = r#"{"choices":[{"index":0,"message":{"role":"assistant","content":"Hello from GLM"},"finish_reason":"stop"}]}"#;
const KEY: &str = "sk-desktop-test-0b9e7c";

fn desktop_chat(server: &FakeServer, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_desktop-chat"))
        .args(args)
        .env("ZAI_API_KEY", KEY)
        .env("ZAI_BASE_URL", format!("{}/api/paas/v4", server.url()))
        .output()
        .expect("run desktop-chat")
}

fn scripted(replies: Vec<Reply>) -> FakeServer {
    let replies = Mutex::new(replies.into_iter());
    FakeServer::start(move |_| {
        replies
            .lock()
            .ok()
            .and_then(|mut r| r.next())
            .unwrap_or_else(|| Reply::json(200, REPLY))
    })
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A 1308 whose quota resets `seconds` from now (Beijing time in the message).
fn usage_limit_in(seconds: i64) -> String {
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .expect("clock")
        .as_secs();
    let at = zai_errors::BeijingTime::from_unix_seconds(i64::try_from(now).expect("now") + seconds)
        .expect("date");
    let at = at.to_string()[..19].replace('T', " ");
    format!(
        r#"{{"error":{{"code":"1308","message":"Usage limit reached for 5 hour. Your limit will reset at {at}"}}}}"#
    )
}

#[test]
fn succeeds_after_transient_1302s_and_a_proxy_page() {
    let busy = r#"{"error":{"code":"1302","message":"High concurrency usage of this API"}}"#;
    let server = scripted(vec![
        Reply::json(429, busy),
        Reply::new(502, "<html><title>502 Bad Gateway</title></html>"),
        Reply::json(429, busy),
    ]);
    let output = desktop_chat(&server, &["Hi"]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    assert_eq!(text(&output.stdout), "Hello from GLM\n");
    assert_eq!(server.request_count(), 4);
    let request = &server.requests()[0];
    assert_eq!(request.path, "/api/paas/v4/chat/completions");
    assert_eq!(
        request.header("authorization"),
        Some(format!("Bearer {KEY}").as_str())
    );
    let body: serde_json::Value = serde_json::from_slice(&request.body).expect("JSON body");
    assert_eq!(
        (
            body["model"].as_str(),
            body["messages"][0]["content"].as_str()
        ),
        (Some("glm-4.6"), Some("Hi"))
    );
    // A plain line per wait when stderr is not a terminal.
    assert_eq!(
        text(&output.stderr).matches("waiting").count(),
        3,
        "{}",
        text(&output.stderr)
    );
}

#[test]
fn waits_out_a_near_reset_and_a_retry_after() {
    for (reply, at_least) in [
        (Reply::json(429, usage_limit_in(2)), 2.0),
        (
            Reply::json(429, r#"{"error":{"code":"1305","message":"busy"}}"#)
                .header("retry-after", "2"),
            2.0,
        ),
    ] {
        let server = scripted(vec![reply]);
        let start = Instant::now();
        let output = desktop_chat(&server, &["Hi"]);
        let waited = start.elapsed().as_secs_f64();
        assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
        assert!(waited >= at_least && waited < 10.0, "waited {waited} s");
        assert_eq!(server.request_count(), 2);
        let stderr = text(&output.stderr);
        assert!(
            stderr.contains("waiting") && stderr.contains("until"),
            "{stderr}"
        );
    }
}

#[test]
fn stops_after_one_request_on_what_can_never_succeed() {
    let cases = [
        (429, r#"{"error":{"code":"1113","message":"Insufficient balance or no resource package. Please recharge."}}"#.to_owned(), "1113"),
        (401, r#"{"error":{"code":"1002","message":"Authorization Token is invalid"}}"#.to_owned(), "1002"),
        (429, r#"{"error":{"code":"insufficient_quota","message":"no balance","param":null,"type":"insufficient_quota"}}"#.to_owned(), "insufficient_quota"),
        (429, usage_limit_in(3 * 86_400), "1308"),
    ];
    for (status, body, code) in cases {
        let server = scripted(vec![Reply::json(status, body.clone()); 4]);
        let start = Instant::now();
        let output = desktop_chat(&server, &["Hi"]);
        assert_eq!(output.status.code(), Some(1), "{body}");
        assert_eq!(server.request_count(), 1, "{body}");
        assert!(start.elapsed() < Duration::from_secs(3));
        let stderr = text(&output.stderr);
        assert!(
            stderr.contains(&format!("code {code}")) && stderr.contains("whose move"),
            "{stderr}"
        );
        assert!(!stderr.contains(KEY), "the key leaked: {stderr}");
    }
}

#[test]
fn stops_after_four_requests_on_a_1305_that_never_goes_away() {
    let server = FakeServer::start(|_| {
        Reply::json(
            429,
            r#"{"error":{"code":"1305","message":"The API has triggered a rate limit."}}"#,
        )
    });
    let output = desktop_chat(&server, &["Hi"]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(server.request_count(), 4);
    let stderr = text(&output.stderr);
    assert!(
        stderr.contains("code 1305") && stderr.contains("gave up after 4 attempts"),
        "{stderr}"
    );
}

#[test]
fn streams_tokens_and_fails_on_sensitive() {
    let stream = "data: {\"choices\":[{\"delta\":{\"content\":\"Hel\"}}]}\n\ndata: {\"choices\":[{\"delta\":{\"content\":\"lo\"}}]}\n\ndata: {\"choices\":[{\"delta\":{},\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n";
    let server = FakeServer::start(move |_| Reply::sse(stream));
    let output = desktop_chat(&server, &["--stream", "Hi"]);
    assert_eq!(
        (output.status.code(), text(&output.stdout)),
        (Some(0), "Hello\n".to_owned())
    );
    let body: serde_json::Value = serde_json::from_slice(&server.requests()[0].body).expect("JSON");
    assert_eq!(body["stream"], true);

    let sensitive = "data: {\"choices\":[{\"delta\":{\"content\":\"I will\"}}]}\n\ndata: {\"choices\":[{\"delta\":{},\"finish_reason\":\"sensitive\"}]}\n\ndata: [DONE]\n\n";
    let server = FakeServer::start(move |_| Reply::sse(sensitive));
    let output = desktop_chat(&server, &["--stream", "Hi"]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(text(&output.stdout), "I will\n");
    let stderr = text(&output.stderr);
    assert!(
        stderr.contains("sensitive") && stderr.contains("content_filtered"),
        "{stderr}"
    );
    assert_eq!(
        server.request_count(),
        1,
        "a started stream is never retried"
    );
}

#[test]
fn a_batch_of_16_in_parallel_adapts_to_a_limit_of_3_in_flight() {
    let server = FakeServer::start(|request| {
        let reply = if request.in_flight > 3 {
            Reply::json(
                429,
                r#"{"error":{"code":"1302","message":"High concurrency usage of this API"}}"#,
            )
        } else {
            Reply::json(200, REPLY)
        };
        reply.after(Duration::from_millis(100))
    });
    let dir = std::env::temp_dir().join(format!("desktop-chat-batch-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let file = dir.join("prompts.txt");
    let prompts: Vec<String> = (0..16).map(|i| format!("prompt {i}")).collect();
    std::fs::write(&file, prompts.join("\n")).expect("write prompts");
    let output = desktop_chat(
        &server,
        &["--batch", file.to_str().expect("path"), "--parallel", "16"],
    );
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let lines: Vec<serde_json::Value> = text(&output.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect();
    assert_eq!(lines.len(), 16);
    for (index, line) in lines.iter().enumerate() {
        assert_eq!(
            (line["index"].as_u64(), line["ok"].as_bool()),
            (Some(index as u64), Some(true)),
            "{line}"
        );
        assert_eq!(line["reply"], "Hello from GLM");
    }
    let requests = server.request_count();
    eprintln!(
        "16 prompts, --parallel 16: {requests} requests, at most {} in flight",
        server.max_in_flight()
    );
    assert!(requests < 32, "{requests} requests");

    // A failing prompt makes the batch exit 1 and says why on its line.
    let server = FakeServer::start(|request| {
        if String::from_utf8_lossy(&request.body).contains("prompt 1\"") {
            Reply::json(429, r#"{"error":{"code":"1113","message":"no balance"}}"#)
        } else {
            Reply::json(200, REPLY)
        }
    });
    let output = desktop_chat(&server, &["--batch", file.to_str().expect("path")]);
    assert_eq!(output.status.code(), Some(1));
    let failed: serde_json::Value =
        serde_json::from_str(text(&output.stdout).lines().nth(1).expect("line 1")).expect("JSON");
    assert_eq!(
        (
            failed["ok"].as_bool(),
            failed["code"].as_u64(),
            failed["kind"].as_str(),
            failed["retry"].as_str()
        ),
        (
            Some(false),
            Some(1113),
            Some("insufficient_balance"),
            Some("never")
        )
    );
}

#[test]
fn a_missing_key_is_a_clear_message() {
    let output = Command::new(env!("CARGO_BIN_EXE_desktop-chat"))
        .arg("Hi")
        .env_remove("ZAI_API_KEY")
        .output()
        .expect("run");
    assert_eq!(output.status.code(), Some(2));
    assert!(text(&output.stderr).contains("set ZAI_API_KEY"));
}

#[test]
fn a_whole_reply_that_ends_sensitive_is_an_error_and_model_text_is_safe() {
    let server = FakeServer::start(|_| {
        Reply::json(
            200,
            r#"{"choices":[{"index":0,"message":{"content":""},"finish_reason":"sensitive"}]}"#,
        )
    });
    let output = desktop_chat(&server, &["Hi"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        text(&output.stderr).contains("content_filtered"),
        "{}",
        text(&output.stderr)
    );

    let server = FakeServer::start(|_| {
        Reply::json(
            200,
            r#"{"choices":[{"index":0,"message":{"content":"a\u001b[2Jb\u202ec"},"finish_reason":"stop"}]}"#,
        )
    });
    let output = desktop_chat(&server, &["Hi"]);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(text(&output.stdout), "a\\u{1b}[2Jb\\u{202e}c\n");
}
