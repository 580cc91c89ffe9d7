//! Golden error bodies with their expected classification.
//!
//! Shared by the core's host tests, the CLI tests and the on-target suite: `no_std`, no dependency,
//! bodies embedded with `include_bytes!` from `bodies/`, expectations written as the contract's
//! strings so that this crate does not depend on the code it checks.
#![no_std]

/// One golden case: a response and what `zai-errors` must make of it.
#[derive(Debug)]
pub struct Vector {
    /// A unique, file-like name.
    pub name: &'static str,
    /// Where the body comes from (a public report, the docs, or `synthetic: <why>`).
    pub source: &'static str,
    /// The HTTP status it came with.
    pub status: u16,
    /// The body, byte for byte.
    pub body: &'static [u8],
    /// The expected classification (with the default 256-byte message capacity).
    pub expect: Expect,
}

/// The expected result, in the contract's JSON terms (`classify --json` keys).
#[derive(Debug)]
pub struct Expect {
    /// `code`: the business code, if any.
    pub code: Option<u16>,
    /// `code_text`: a code sent as a string that is not a number, as sent.
    pub code_text: Option<&'static str>,
    /// `known`.
    pub known: bool,
    /// `category`.
    pub category: &'static str,
    /// `kind`.
    pub kind: &'static str,
    /// `retry` (`None` is JSON null: not an error).
    pub retry: Option<&'static str>,
    /// `fault`.
    pub fault: &'static str,
    /// `reset_at`, RFC 3339 with `+08:00`.
    pub reset_at: Option<&'static str>,
    /// `request_id`.
    pub request_id: Option<&'static str>,
    /// `message`, exactly.
    pub message: Option<&'static str>,
    /// `truncated`.
    pub truncated: bool,
    /// `shape`.
    pub shape: &'static str,
}

macro_rules! vectors {
    ($( $file:literal, $status:literal, $source:literal => { $($field:ident: $value:expr),* $(,)? } )*) => {
        /// Every golden case.
        pub static VECTORS: &[Vector] = &[$(
            Vector {
                name: $file,
                source: $source,
                status: $status,
                body: include_bytes!(concat!("../bodies/", $file)),
                expect: Expect { $($field: $value),* },
            },
        )*];
    };
}

vectors! {
    // ---- Real bodies: shared/reference/real-bodies.jsonl, the project's reference set, in file order. ----
    "01-docs-1002-invalid-token.json", 401, "docs.z.ai error page, curl example" => {
        code: Some(1002), code_text: None, known: true, category: "authentication", kind: "invalid_token", retry: Some("never"),
        fault: "credentials", reset_at: None, request_id: None,
        message: Some("Authorization Token is invalid, please ensure that the Authorization Token is correctly provided."),
        truncated: false, shape: "nested",
    }
    "02-docs-1001-missing-auth-zh.json", 401, "docs.bigmodel.cn error page example" => {
        code: Some(1001), code_text: None, known: true, category: "authentication", kind: "missing_authentication", retry: Some("never"),
        fault: "credentials", reset_at: None, request_id: None,
        message: Some("Header 中未收到 Authentication 参数，无法进行身份验证"),
        truncated: false, shape: "nested",
    }
    "03-docs-1214-spaced.json", 400, "docs.z.ai, Error Shapes" => {
        code: Some(1214), code_text: None, known: true, category: "api_call", kind: "invalid_parameter", retry: Some("never"),
        fault: "request", reset_at: None, request_id: None,
        message: Some("Input cannot be empty"),
        truncated: false, shape: "nested",
    }
    "04-1210-invalid-parameters.json", 400, "bug report" => {
        code: Some(1210), code_text: None, known: true, category: "api_call", kind: "incorrect_call_parameters", retry: Some("never"),
        fault: "request", reset_at: None, request_id: None,
        message: Some("Invalid API parameter, please check the documentation."),
        truncated: false, shape: "nested",
    }
    "05-1211-model-not-found-zh.json", 400, "bug report (Chinese host)" => {
        code: Some(1211), code_text: None, known: true, category: "api_call", kind: "model_not_found", retry: Some("never"),
        fault: "request", reset_at: None, request_id: None,
        message: Some("模型不存在，请检查模型代码。"),
        truncated: false, shape: "nested",
    }
    "06-1211-unknown-model.json", 400, "live log" => {
        code: Some(1211), code_text: None, known: true, category: "api_call", kind: "model_not_found", retry: Some("never"),
        fault: "request", reset_at: None, request_id: None,
        message: Some("Unknown Model, please check the model code."),
        truncated: false, shape: "nested",
    }
    "07-1214-type-error.json", 400, "bug report" => {
        code: Some(1214), code_text: None, known: true, category: "api_call", kind: "invalid_parameter", retry: Some("never"),
        fault: "request", reset_at: None, request_id: None,
        message: Some("messages[5].content[1].type type error"),
        truncated: false, shape: "nested",
    }
    "08-1261-prompt-too-long.json", 400, "bug report" => {
        code: Some(1261), code_text: None, known: true, category: "api_call", kind: "prompt_too_long", retry: Some("never"),
        fault: "request", reset_at: None, request_id: None,
        message: Some("Prompt exceeds max length"),
        truncated: false, shape: "nested",
    }
    "09-1301-content-filter-first.json", 400, "bug report; contentFilter before error" => {
        code: Some(1301), code_text: None, known: true, category: "policy_block", kind: "sensitive_content", retry: Some("never"),
        fault: "request", reset_at: None, request_id: None,
        message: Some("系统检测到输入或生成内容可能包含不安全或敏感内容"),
        truncated: false, shape: "nested",
    }
    "10-1113-request-id.json", 429, "bug report; live 1113 text differs from the docs" => {
        code: Some(1113), code_text: None, known: true, category: "account", kind: "insufficient_balance", retry: Some("never"),
        fault: "account", reset_at: None, request_id: Some("202603142338501da90b7ebe1d473d"),
        message: Some("Insufficient balance or no resource package. Please recharge."),
        truncated: false, shape: "nested",
    }
    "11-1302-concurrency.json", 429, "bug report, coding endpoint" => {
        code: Some(1302), code_text: None, known: true, category: "policy_block", kind: "concurrency_limit", retry: Some("backoff"),
        fault: "usage", reset_at: None, request_id: None,
        message: Some("High concurrency usage of this API, please reduce concurrency or contact customer service to increase limits"),
        truncated: false, shape: "nested",
    }
    "12-1302-rate-limit-zh.json", 429, "bug report (Chinese host, 2026 wording)" => {
        code: Some(1302), code_text: None, known: true, category: "policy_block", kind: "concurrency_limit", retry: Some("backoff"),
        fault: "usage", reset_at: None, request_id: None,
        message: Some("您的账户已达到速率限制，请您控制请求频率"),
        truncated: false, shape: "nested",
    }
    "13-1309-plan-expired.json", 429, "real 429 body" => {
        code: Some(1309), code_text: None, known: true, category: "policy_block", kind: "plan_expired", retry: Some("never"),
        fault: "account", reset_at: None, request_id: None,
        message: Some("Your GLM Coding Plan package has expired and is temporarily unavailable. You can resume using it after renewing the subscription."),
        truncated: false, shape: "nested",
    }
    "14-flat-1311-model-not-in-plan.json", 429, "flat envelope" => {
        code: Some(1311), code_text: None, known: true, category: "policy_block", kind: "model_not_in_plan", retry: Some("never"),
        fault: "account", reset_at: None, request_id: None,
        message: Some("Your current subscription plan does not yet include access to GLM-5.3-Highspeed"),
        truncated: false, shape: "flat",
    }
    "15-1311-model-not-in-plan-zh.json", 429, "Chinese host" => {
        code: Some(1311), code_text: None, known: true, category: "policy_block", kind: "model_not_in_plan", retry: Some("never"),
        fault: "account", reset_at: None, request_id: None,
        message: Some("当前订阅套餐暂未开放GLM-5.3-Highspeed权限"),
        truncated: false, shape: "nested",
    }
    "16-anthropic-1313-fair-use.json", 429, "Anthropic-compatible endpoint, 2026 form" => {
        code: Some(1313), code_text: None, known: true, category: "policy_block", kind: "fair_use_restricted", retry: Some("never"),
        fault: "account", reset_at: None, request_id: Some("2026062402174354991a3336e84f4a"),
        message: Some("Your account's current usage pattern does not comply with the Fair Usage Policy, and your request frequency has been limited."),
        truncated: false, shape: "anthropic",
    }
    "17-anthropic-1309-zh-two-brackets.json", 429, "Anthropic-compatible endpoint, Chinese host" => {
        code: Some(1309), code_text: None, known: true, category: "policy_block", kind: "plan_expired", retry: Some("never"),
        fault: "account", reset_at: None, request_id: None,
        message: Some("您的GLM Coding Plan套餐已到期，暂无法使用，前往官方续费即可恢复 https://bigmodel.cn/claude-code"),
        truncated: false, shape: "anthropic",
    }
    "18-1308-usage-limit-reset.json", 429, "coding plan; reset time is Beijing time" => {
        code: Some(1308), code_text: None, known: true, category: "policy_block", kind: "usage_limit_reached", retry: Some("at_reset"),
        fault: "usage", reset_at: Some("2026-10-05T12:12:52+08:00"), request_id: None,
        message: Some("Usage limit reached for 5 hour. Your limit will reset at 2026-10-05 12:12:52"),
        truncated: false, shape: "nested",
    }
    "19-1234-network-error.json", 500, "live log" => {
        code: Some(1234), code_text: None, known: true, category: "api_call", kind: "network_error", retry: Some("backoff"),
        fault: "server", reset_at: None, request_id: None,
        message: Some("Network error"),
        truncated: false, shape: "nested",
    }
    "20-code-500-zh.json", 500, "undocumented message for code 500" => {
        code: Some(500), code_text: None, known: true, category: "basic", kind: "internal_error", retry: Some("backoff"),
        fault: "server", reset_at: None, request_id: None,
        message: Some("操作失败"),
        truncated: false, shape: "nested",
    }
    "21-http200-flat-401.json", 200, "monitor endpoint: HTTP 200, flat, numeric code" => {
        code: Some(401), code_text: None, known: false, category: "http", kind: "unauthorized", retry: Some("never"),
        fault: "credentials", reset_at: None, request_id: None,
        message: Some("令牌已过期或验证不正确"),
        truncated: false, shape: "flat",
    }

    // ---- Synthetic: the accepted shapes and hostile cases of DESIGN 2.3 that the real bodies miss. ----
    "22-numeric-code-1214.json", 400, "synthetic: error.code as a JSON number" => {
        code: Some(1214), code_text: None, known: true, category: "api_call", kind: "invalid_parameter", retry: Some("never"),
        fault: "request", reset_at: None, request_id: None,
        message: Some("Invalid temperature parameter. Please check the documentation"),
        truncated: false, shape: "nested",
    }
    "23-request-id-before-error-1305.json", 429, "synthetic: top-level request_id before error" => {
        code: Some(1305), code_text: None, known: true, category: "policy_block", kind: "rate_limited", retry: Some("backoff"),
        fault: "usage", reset_at: None, request_id: Some("20260701120000abcdef0123456789"),
        message: Some("The API has triggered a rate limit."),
        truncated: false, shape: "nested",
    }
    "24-content-filter-after-error-1301.json", 400, "synthetic: contentFilter array and request_id after error" => {
        code: Some(1301), code_text: None, known: true, category: "policy_block", kind: "sensitive_content", retry: Some("never"),
        fault: "request", reset_at: None, request_id: Some("2026070112000011aa22bb33cc44dd"),
        message: Some("系统检测到输入或生成内容可能包含不安全或敏感内容"),
        truncated: false, shape: "nested",
    }
    "25-anthropic-2025-code-in-type-1113.json", 429, "synthetic: older Anthropic-compatible form, code in error.type" => {
        code: Some(1113), code_text: None, known: true, category: "account", kind: "insufficient_balance", retry: Some("never"),
        fault: "account", reset_at: None, request_id: Some("20250815120000123456789abcdef0"),
        message: Some("Insufficient balance or no resource package. Please recharge."),
        truncated: false, shape: "anthropic",
    }
    "26-anthropic-2026-1308-bracket-id-reset.json", 429, "synthetic: Anthropic 2026 form, request id only in the third bracket, reset time inside the brackets" => {
        code: Some(1308), code_text: None, known: true, category: "policy_block", kind: "usage_limit_reached", retry: Some("at_reset"),
        fault: "usage", reset_at: Some("2026-05-25T19:22:49+08:00"), request_id: Some("20260525171502abc123def4567890"),
        message: Some("Usage limit reached for 5 hour. Your limit will reset at 2026-05-25 19:22:49"),
        truncated: false, shape: "anthropic",
    }
    "27-anthropic-2026-1113-top-level-id-wins.json", 429, "synthetic: Anthropic 2026 form, top-level request_id wins over the bracket id" => {
        code: Some(1113), code_text: None, known: true, category: "account", kind: "insufficient_balance", retry: Some("never"),
        fault: "account", reset_at: None, request_id: Some("top-level-id-0001"),
        message: Some("Insufficient balance or no resource package. Please recharge."),
        truncated: false, shape: "anthropic",
    }
    "28-anthropic-stream-1234-http200.json", 200, "synthetic: Anthropic in-stream error under HTTP 200; the code wins" => {
        code: Some(1234), code_text: None, known: true, category: "api_call", kind: "network_error", retry: Some("backoff"),
        fault: "server", reset_at: None, request_id: Some("20260301120000a1b2c3d4e5f6a7b8"),
        message: Some("Network error, error id: 20260301abcdef, please contact customer service"),
        truncated: false, shape: "anthropic",
    }
    "29-plain-text-error-503.json", 503, "synthetic: {\"error\":\"plain text\"}, the status decides" => {
        code: None, code_text: None, known: false, category: "http", kind: "service_unavailable", retry: Some("backoff"),
        fault: "server", reset_at: None, request_id: None,
        message: Some("upstream connect error or disconnect/reset before headers"),
        truncated: false, shape: "plain_text",
    }
    "30-plain-text-error-top-code-1113.json", 429, "synthetic: Java SDK's {\"error\":\"<text>\",\"code\":..} form" => {
        code: Some(1113), code_text: None, known: true, category: "account", kind: "insufficient_balance", retry: Some("never"),
        fault: "account", reset_at: None, request_id: None,
        message: Some("Your account is in arrears, please recharge and try again"),
        truncated: false, shape: "plain_text",
    }
    "31-flat-numeric-1001-msg.json", 401, "synthetic: flat envelope with numeric code and msg" => {
        code: Some(1001), code_text: None, known: true, category: "authentication", kind: "missing_authentication", retry: Some("never"),
        fault: "credentials", reset_at: None, request_id: None,
        message: Some("Header 中未收到 Authentication 参数，无法进行身份验证"),
        truncated: false, shape: "flat",
    }
    "32-html-502-nginx.json", 502, "synthetic: nginx 502 HTML page; the message is its title" => {
        code: None, code_text: None, known: false, category: "http", kind: "bad_gateway", retry: Some("backoff"),
        fault: "server", reset_at: None, request_id: None,
        message: Some("502 Bad Gateway"),
        truncated: false, shape: "not_json",
    }
    "33-html-520-no-title.json", 520, "synthetic: HTML without a title under a status outside the table" => {
        code: None, code_text: None, known: false, category: "http", kind: "server_error", retry: Some("backoff"),
        fault: "server", reset_at: None, request_id: None,
        message: Some("<html> <body> <h1>520</h1> <p>Web server is returning an unknown error</p> </body> </html>"),
        truncated: false, shape: "not_json",
    }
    "34-text-504.json", 504, "synthetic: plain-text 504 from a proxy, trailing newline" => {
        code: None, code_text: None, known: false, category: "http", kind: "gateway_timeout", retry: Some("backoff"),
        fault: "server", reset_at: None, request_id: None,
        message: Some("upstream request timeout"),
        truncated: false, shape: "not_json",
    }
    "35-text-403-long-snippet.json", 403, "synthetic: plain text longer than the snippet, whitespace runs early" => {
        code: None, code_text: None, known: false, category: "http", kind: "forbidden", retry: Some("never"),
        fault: "account", reset_at: None, request_id: None,
        message: Some("403 Forbidden Access denied. Your request was blocked by the web application firewall because it"),
        truncated: true, shape: "not_json",
    }
    "36-text-502-invalid-utf8.json", 502, "synthetic: plain text with invalid UTF-8" => {
        code: None, code_text: None, known: false, category: "http", kind: "bad_gateway", retry: Some("backoff"),
        fault: "server", reset_at: None, request_id: None,
        message: Some("Bad Gateway \u{FFFD}( proxy \u{FFFD} error"),
        truncated: false, shape: "not_json",
    }
    "37-empty-503.json", 503, "synthetic: empty body" => {
        code: None, code_text: None, known: false, category: "http", kind: "service_unavailable", retry: Some("backoff"),
        fault: "server", reset_at: None, request_id: None,
        message: None,
        truncated: false, shape: "empty",
    }
    "38-whitespace-502.json", 502, "synthetic: all-whitespace body" => {
        code: None, code_text: None, known: false, category: "http", kind: "bad_gateway", retry: Some("backoff"),
        fault: "server", reset_at: None, request_id: None,
        message: None,
        truncated: false, shape: "empty",
    }
    "39-truncated-json-1308.json", 429, "synthetic: JSON cut inside the message, after the code: the code and the part of the message read are kept (DESIGN 2.3, revision 2)" => {
        code: Some(1308), code_text: None, known: true, category: "policy_block", kind: "usage_limit_reached", retry: Some("at_reset"),
        fault: "usage", reset_at: None, request_id: None,
        message: Some("Usage limit reached for 5 hour. Your limi"),
        truncated: true, shape: "cut",
    }
    "40-invalid-utf8-message-1214.json", 400, "synthetic: invalid UTF-8 (a cut sequence, a stray byte) inside a message: the code and the message up to the break are kept" => {
        code: Some(1214), code_text: None, known: true, category: "api_call", kind: "invalid_parameter", retry: Some("never"),
        fault: "request", reset_at: None, request_id: None,
        message: Some("Invalid "),
        truncated: true, shape: "broken",
    }
    "41-json-escapes-1003.json", 401, "synthetic: \\uXXXX escapes, a surrogate pair, \\\" \\n and \\/ in a message" => {
        code: Some(1003), code_text: None, known: true, category: "authentication", kind: "token_expired", retry: Some("never"),
        fault: "credentials", reset_at: None, request_id: None,
        message: Some("令牌已过期 \"quoted\"\nnext line \u{1F600} / end"),
        truncated: false, shape: "nested",
    }
    "42-lone-surrogate-1214.json", 400, "synthetic: a lone high surrogate escape becomes U+FFFD" => {
        code: Some(1214), code_text: None, known: true, category: "api_call", kind: "invalid_parameter", retry: Some("never"),
        fault: "request", reset_at: None, request_id: None,
        message: Some("bad \u{FFFD} end"),
        truncated: false, shape: "nested",
    }
    "43-1308-zh-reset.json", 429, "synthetic: Chinese 1308 message with a reset time" => {
        code: Some(1308), code_text: None, known: true, category: "policy_block", kind: "usage_limit_reached", retry: Some("at_reset"),
        fault: "usage", reset_at: Some("2025-12-21T15:00:05+08:00"), request_id: None,
        message: Some("已达到 5 小时的使用上限。您的限额将在 2025-12-21 15:00:05 重置"),
        truncated: false, shape: "nested",
    }
    "44-1310-reset-after-invalid-date.json", 429, "synthetic: 1310 whose first date-time is invalid (June 31st)" => {
        code: Some(1310), code_text: None, known: true, category: "policy_block", kind: "period_limit_exhausted", retry: Some("at_reset"),
        fault: "usage", reset_at: Some("2026-07-01T00:00:00+08:00"), request_id: None,
        message: Some("Weekly/Monthly Limit Exhausted. Your limit will reset at 2026-06-31 00:00:00 (corrected: 2026-07-01 00:00:00)"),
        truncated: false, shape: "nested",
    }
    "45-1316-zh-reset-after-date-only.json", 429, "synthetic: Chinese 1316 with a date-only value before the reset time" => {
        code: Some(1316), code_text: None, known: true, category: "policy_block", kind: "five_hour_limit_no_balance", retry: Some("at_reset"),
        fault: "usage", reset_at: Some("2026-07-12T03:30:00+08:00"), request_id: None,
        message: Some("已达到 5 小时使用上限。主账号余额不足，无法使用超额按量付费。套餐有效期至 2026-12-31，您的限额将在 2026-07-12 03:30:00 重置"),
        truncated: false, shape: "nested",
    }
    "46-1304-no-time.json", 429, "synthetic: an at_reset code whose message has no time" => {
        code: Some(1304), code_text: None, known: true, category: "policy_block", kind: "daily_limit_reached", retry: Some("at_reset"),
        fault: "usage", reset_at: None, request_id: None,
        message: Some("Daily call limit for this API reached. For more requests, please contact customer service to purchase"),
        truncated: false, shape: "nested",
    }
    "47-undocumented-1399-http429.json", 429, "synthetic: undocumented policy code, retry from HTTP 429" => {
        code: Some(1399), code_text: None, known: false, category: "policy_block", kind: "undocumented_code", retry: Some("backoff"),
        fault: "usage", reset_at: None, request_id: None,
        message: Some("A policy this library does not know yet"),
        truncated: false, shape: "nested",
    }
    "48-undocumented-1299-http400.json", 400, "synthetic: undocumented api_call code, retry from HTTP 400" => {
        code: Some(1299), code_text: None, known: false, category: "api_call", kind: "undocumented_code", retry: Some("never"),
        fault: "request", reset_at: None, request_id: None,
        message: Some("An API call error this library does not know yet"),
        truncated: false, shape: "nested",
    }
    "49-undocumented-1350-http200.json", 200, "synthetic: undocumented code under a success status (which explains nothing): backoff, server" => {
        code: Some(1350), code_text: None, known: false, category: "policy_block", kind: "undocumented_code", retry: Some("backoff"),
        fault: "server", reset_at: None, request_id: None,
        message: Some("An undocumented policy code under a success status"),
        truncated: false, shape: "nested",
    }
    "50-flat-code-500-http200.json", 200, "synthetic: documented code \"500\" in a flat HTTP 200 body" => {
        code: Some(500), code_text: None, known: true, category: "basic", kind: "internal_error", retry: Some("backoff"),
        fault: "server", reset_at: None, request_id: None,
        message: Some("系统繁忙"),
        truncated: false, shape: "flat",
    }
    "51-flat-code-429-http200.json", 200, "synthetic: status-like code 429 in a flat HTTP 200 body" => {
        code: Some(429), code_text: None, known: false, category: "http", kind: "too_many_requests", retry: Some("backoff"),
        fault: "usage", reset_at: None, request_id: None,
        message: Some("请求过于频繁"),
        truncated: false, shape: "flat",
    }
    "52-flat-code-200-success.json", 200, "synthetic: a flat success envelope is not an error" => {
        code: Some(200), code_text: None, known: false, category: "http", kind: "ok", retry: None,
        fault: "none", reset_at: None, request_id: None,
        message: Some("ok"),
        truncated: false, shape: "flat",
    }
    "53-1305-http200.json", 200, "synthetic: 1305 under HTTP 200 (seen in one report); the code wins" => {
        code: Some(1305), code_text: None, known: true, category: "policy_block", kind: "rate_limited", retry: Some("backoff"),
        fault: "usage", reset_at: None, request_id: None,
        message: Some("The API has triggered a rate limit."),
        truncated: false, shape: "nested",
    }
    "54-long-zh-truncated-1301.json", 400, "synthetic: 100 three-byte chars, cut to 85 chars (255 bytes) on a char boundary" => {
        code: Some(1301), code_text: None, known: true, category: "policy_block", kind: "sensitive_content", retry: Some("never"),
        fault: "request", reset_at: None, request_id: None,
        message: Some("系统检测到输入或生成内容可能包含不安全或敏感内容，请您避免输入易产生敏感内容的提示语，感谢您的配合。系统检测到输入或生成内容可能包含不安全或敏感内容，请您避免输入易产生敏"),
        truncated: true, shape: "nested",
    }
    "55-bom-1003.json", 401, "synthetic: a UTF-8 byte order mark before the JSON" => {
        code: Some(1003), code_text: None, known: true, category: "authentication", kind: "token_expired", retry: Some("never"),
        fault: "credentials", reset_at: None, request_id: None,
        message: Some("Authentication Token expired, please regenerate/obtain"),
        truncated: false, shape: "nested",
    }
    "56-code-with-spaces-1302.json", 429, "synthetic: code string with surrounding spaces" => {
        code: Some(1302), code_text: None, known: true, category: "policy_block", kind: "concurrency_limit", retry: Some("backoff"),
        fault: "usage", reset_at: None, request_id: None,
        message: Some("High concurrency usage of this API, please reduce concurrency or contact customer service to increase limits"),
        truncated: false, shape: "nested",
    }
    "57-code-1e3.json", 401, "synthetic: code 1e3 is no code; the status decides" => {
        code: None, code_text: None, known: false, category: "http", kind: "unauthorized", retry: Some("never"),
        fault: "credentials", reset_at: None, request_id: None,
        message: Some("Authentication Failed"),
        truncated: false, shape: "nested",
    }
    "58-code-minus-1.json", 500, "synthetic: flat code -1 is no code; the status decides" => {
        code: None, code_text: None, known: false, category: "http", kind: "internal_server_error", retry: Some("backoff"),
        fault: "server", reset_at: None, request_id: None,
        message: Some("system busy"),
        truncated: false, shape: "flat",
    }
    "59-code-99999.json", 400, "synthetic: code above 65535 is no code; the status decides" => {
        code: None, code_text: None, known: false, category: "http", kind: "bad_request", retry: Some("never"),
        fault: "request", reset_at: None, request_id: None,
        message: Some("unknown failure"),
        truncated: false, shape: "flat",
    }
    "60-duplicate-keys.json", 429, "synthetic: duplicate code, message and request_id keys; the first wins" => {
        code: Some(1113), code_text: None, known: true, category: "account", kind: "insufficient_balance", retry: Some("never"),
        fault: "account", reset_at: None, request_id: Some("req-first"),
        message: Some("first"),
        truncated: false, shape: "nested",
    }
    "61-http200-error-no-code.json", 200, "synthetic: an error object without a code under HTTP 200" => {
        code: None, code_text: None, known: false, category: "unknown", kind: "unrecognized_error", retry: Some("backoff"),
        fault: "server", reset_at: None, request_id: None,
        message: Some("boom"),
        truncated: false, shape: "nested",
    }
    "62-http200-empty-object.json", 200, "synthetic: an empty object under HTTP 200 is not an error" => {
        code: None, code_text: None, known: false, category: "http", kind: "ok", retry: None,
        fault: "none", reset_at: None, request_id: None,
        message: Some("{}"),
        truncated: false, shape: "other_json",
    }
    "63-json-array-body.json", 400, "synthetic: a JSON array is not an envelope; fields inside it are ignored" => {
        code: None, code_text: None, known: false, category: "http", kind: "bad_request", retry: Some("never"),
        fault: "request", reset_at: None, request_id: None,
        message: Some(r#"[{"code":"1214","message":"x"}]"#),
        truncated: false, shape: "other_json",
    }
    "64-deep-nesting-1214.json", 400, "synthetic: 1000 nested arrays in an unread field, before the message" => {
        code: Some(1214), code_text: None, known: true, category: "api_call", kind: "invalid_parameter", retry: Some("never"),
        fault: "request", reset_at: None, request_id: None,
        message: Some("Invalid messages parameter"),
        truncated: false, shape: "nested",
    }
    "65-error-request-id-1231.json", 400, "synthetic: request_id inside the error object" => {
        code: Some(1231), code_text: None, known: true, category: "api_call", kind: "duplicate_request", retry: Some("never"),
        fault: "request", reset_at: None, request_id: Some("err-level-id-01"),
        message: Some("You already have a request: 8891"),
        truncated: false, shape: "nested",
    }
    "66-fuzz-leading-zero-code.json", 400, "fuzz (parse): a number with a leading zero is not JSON, so no code; the status decides" => {
        code: None, code_text: None, known: false, category: "http", kind: "bad_request", retry: Some("never"),
        fault: "request", reset_at: None, request_id: None,
        message: Some("{\"error\":{\"code\":0607,\"message\":\"Invalid documentation\"}}"),
        truncated: false, shape: "broken",
    }
    "67-raw-control-char-in-message.json", 400, "black-box review: a raw NUL inside a string is not JSON: the code read before it is kept, the message is a snippet" => {
        code: Some(1214), code_text: None, known: true, category: "api_call", kind: "invalid_parameter", retry: Some("never"),
        fault: "request", reset_at: None, request_id: None,
        message: Some("{\"error\":{\"code\":\"1214\",\"message\":\"bad value\"}}"),
        truncated: false, shape: "broken",
    }
    "68-escaped-date-1310.json", 429, "black-box review: an escape inside the reset time (found in the decoded message)" => {
        code: Some(1310), code_text: None, known: true, category: "policy_block", kind: "period_limit_exhausted", retry: Some("at_reset"),
        fault: "usage", reset_at: Some("2026-08-03T09:15:00+08:00"), request_id: None,
        message: Some("Weekly/Monthly Limit Exhausted. Your limit will reset at 2026-08-03 09:15:00"),
        truncated: false, shape: "nested",
    }
    "69-anthropic-escaped-id-1002.json", 401, "black-box review: an escape inside the bracketed request id" => {
        code: Some(1002), code_text: None, known: true, category: "authentication", kind: "invalid_token", retry: Some("never"),
        fault: "credentials", reset_at: None, request_id: Some("req-42"),
        message: Some("令牌无效"),
        truncated: false, shape: "anthropic",
    }
    "70-anthropic-empty-id-1113.json", 429, "black-box review: an empty third bracket" => {
        code: Some(1113), code_text: None, known: true, category: "account", kind: "insufficient_balance", retry: Some("never"),
        fault: "account", reset_at: None, request_id: None,
        message: Some("Insufficient balance or no resource package. Please recharge."),
        truncated: false, shape: "anthropic",
    }
    "71-fuzz-escaped-code-in-type.json", 429, "fuzz (parse): a code string with an escape is decoded before it is read, as serde does" => {
        code: Some(2), code_text: None, known: false, category: "unknown", kind: "undocumented_code", retry: Some("backoff"),
        fault: "usage", reset_at: None, request_id: None, message: None,
        truncated: false, shape: "nested",
    }
    "72-fuzz-top-code-beside-error.json", 429, "fuzz (parse): with an error object, only it gives the code (not a top-level code beside it), on both paths" => {
        code: None, code_text: Some("130\u{feff}8"), known: false, category: "http", kind: "too_many_requests", retry: Some("backoff"),
        fault: "usage", reset_at: None, request_id: None, message: Some("[1308][U25 19:7890]"),
        truncated: false, shape: "nested",
    }
    "73-flat-code-0-success.json", 200, "review: code 0 is the success code of flat envelopes, not a business code" => {
        code: None, code_text: None, known: false, category: "http", kind: "ok", retry: None,
        fault: "none", reset_at: None, request_id: None, message: Some("success"),
        truncated: false, shape: "flat",
    }
    "74-flat-code-200-under-500.json", 500, "review: a success-like code does not turn an HTTP 500 into a success" => {
        code: Some(200), code_text: None, known: false, category: "http", kind: "internal_server_error", retry: Some("backoff"),
        fault: "server", reset_at: None, request_id: None, message: Some("ok"),
        truncated: false, shape: "flat",
    }
    "75-anthropic-overloaded-no-code-http200.json", 200, "review: an Anthropic error without a code under HTTP 200: error.type names the status (overloaded: 529)" => {
        code: None, code_text: None, known: false, category: "http", kind: "overloaded", retry: Some("backoff"),
        fault: "server", reset_at: None, request_id: None, message: Some("Overloaded"),
        truncated: false, shape: "anthropic",
    }
    "76-fuzz-code-zero-in-type.json", 400, "fuzz (parse): a code of 0 (here in error.type) is no code, on both paths" => {
        code: None, code_text: None, known: false, category: "http", kind: "bad_request", retry: Some("never"),
        fault: "request", reset_at: None, request_id: None, message: None,
        truncated: false, shape: "nested",
    }
    "77-responses-insufficient-quota-429.json", 429, "Responses API string code insufficient_quota (the 1113 situation, reference/stream-dialects.md §3)" => {
        code: None, code_text: Some("insufficient_quota"), known: true, category: "account", kind: "insufficient_balance", retry: Some("never"),
        fault: "account", reset_at: None, request_id: None,
        message: Some("Insufficient balance or no resource package. Please recharge."),
        truncated: false, shape: "nested",
    }
    "78-responses-overloaded-trailing-id-429.json", 429, "Responses API: string code overloaded, the request id only in the trailing bracket (seen)" => {
        code: None, code_text: Some("overloaded"), known: true, category: "policy_block", kind: "rate_limited", retry: Some("backoff"),
        fault: "usage", reset_at: None, request_id: Some("202611260814123456789abcdef"),
        message: Some("该模型当前访问量过大，请您稍后再试"),
        truncated: false, shape: "nested",
    }
    "79-responses-model-not-found-400.json", 400, "Responses API: string code model_not_found" => {
        code: None, code_text: Some("model_not_found"), known: true, category: "api_call", kind: "model_not_found", retry: Some("never"),
        fault: "request", reset_at: None, request_id: None,
        message: Some("The model `glm-9` does not exist"),
        truncated: false, shape: "nested",
    }
    "80-unknown-string-code-400.json", 400, "synthetic: a string code nobody maps: kept as code_text, the status decides" => {
        code: None, code_text: Some("some_new_code"), known: false, category: "http", kind: "bad_request", retry: Some("never"),
        fault: "request", reset_at: None, request_id: None,
        message: Some("Something new"),
        truncated: false, shape: "nested",
    }
    "81-relay-request-id-suffix-1302.json", 429, "relay (new-api#3451): the request id appended as (request id: ...)" => {
        code: Some(1302), code_text: None, known: true, category: "policy_block", kind: "concurrency_limit", retry: Some("backoff"),
        fault: "usage", reset_at: None, request_id: Some("20261126093012a1b2c3"),
        message: Some("Rate limit reached for requests"),
        truncated: false, shape: "nested",
    }
    "82-file-endpoint-logid-1214.json", 400, "file endpoints: a [logID=...] prefix carries the request id" => {
        code: Some(1214), code_text: None, known: true, category: "api_call", kind: "invalid_parameter", retry: Some("never"),
        fault: "request", reset_at: None, request_id: Some("20261126ab12cd34"),
        message: Some("File format is not supported"),
        truncated: false, shape: "nested",
    }
    "83-message-starting-with-brackets-1210.json", 400, "a message that merely starts with brackets is not the Anthropic form (reference: 1210 drift)" => {
        code: Some(1210), code_text: None, known: true, category: "api_call", kind: "incorrect_call_parameters", retry: Some("never"),
        fault: "request", reset_at: None, request_id: None,
        message: Some("[2026][notice] max_tokens参数非法：限制数值范围[1,98304]"),
        truncated: false, shape: "nested",
    }
    "84-anthropic-529-overloaded-1305.json", 529, "Anthropic-compatible endpoint: HTTP 529 overloaded_error with code 1305 (metabot#330)" => {
        code: Some(1305), code_text: None, known: true, category: "policy_block", kind: "rate_limited", retry: Some("backoff"),
        fault: "usage", reset_at: None, request_id: Some("20261126abcdef0123"),
        message: Some("The service may be temporarily overloaded, please try again later"),
        truncated: false, shape: "anthropic",
    }
    "85-1308-cut-at-128-bytes.json", 429, "a device's 128-byte buffer cut the body after the message: code, message and reset time were complete" => {
        code: Some(1308), code_text: None, known: true, category: "policy_block", kind: "usage_limit_reached", retry: Some("at_reset"),
        fault: "usage", reset_at: Some("2026-10-05T12:12:52+08:00"), request_id: None,
        message: Some("Usage limit reached for 5 hour. Your limit will reset at 2026-10-05 12:12:52"),
        truncated: false, shape: "cut",
    }
    "86-complete-body-then-proxy-bytes-1113.json", 429, "a complete body followed by a proxy's stray bytes: the code still counts" => {
        code: Some(1113), code_text: None, known: true, category: "account", kind: "insufficient_balance", retry: Some("never"),
        fault: "account", reset_at: None, request_id: None,
        message: Some("Insufficient balance or no resource package. Please recharge."),
        truncated: false, shape: "broken",
    }
    "87-fastapi-422-detail.json", 422, "FastAPI validation error on 422 (reference: before the stream): not an accepted shape, the status decides" => {
        code: None, code_text: None, known: false, category: "http", kind: "unprocessable_content", retry: Some("never"),
        fault: "request", reset_at: None, request_id: None,
        message: Some("{\"detail\":[{\"type\":\"missing\",\"loc\":[\"body\",\"model\"],\"msg\":\"Field required\",\"input\":null}]}"),
        truncated: false, shape: "other_json",
    }
    "88-undocumented-1233-task-not-found.json", 400, "code 1233 seen live (task not found), undocumented: its range gives api_call" => {
        code: Some(1233), code_text: None, known: false, category: "api_call", kind: "undocumented_code", retry: Some("never"),
        fault: "request", reset_at: None, request_id: None,
        message: Some("任务：20261126abc不存在。"),
        truncated: false, shape: "nested",
    }
    "89-relay-context-length-exceeded.json", 400, "a relay's OpenAI-style context_length_exceeded: classified as 1261" => {
        code: None, code_text: Some("context_length_exceeded"), known: true, category: "api_call", kind: "prompt_too_long", retry: Some("never"),
        fault: "request", reset_at: None, request_id: None,
        message: Some("Prompt exceeds max length"),
        truncated: false, shape: "nested",
    }
    "90-fuzz-bom-after-a-bare-number.json", 400, "fuzz (parse): a byte order mark after a bare number is not JSON (serde_json agrees); only a leading one is skipped" => {
        code: None, code_text: None, known: false, category: "http", kind: "bad_request", retry: Some("never"),
        fault: "request", reset_at: None, request_id: None,
        message: Some("1"),
        truncated: false, shape: "not_json",
    }
}

/// A golden SSE transcript and the events the scanner must report, in order, with a 2 KiB buffer.
///
/// Each event is written compactly: `chunk` or `chunk:<finish_reason>`, `finish:<reason>:<retry|->`,
/// `error:<code|->:<kind>:<retry>`, `done`, `overlong`, `cut`.
#[derive(Debug)]
pub struct StreamVector {
    /// A unique, file-like name.
    pub name: &'static str,
    /// What the transcript shows.
    pub source: &'static str,
    /// The bytes of the stream.
    pub transcript: &'static [u8],
    /// The expected events, in order.
    pub events: &'static [&'static str],
    /// The answer text its deltas add up to, decoded.
    pub text: &'static str,
    /// The reasoning text its deltas add up to, decoded.
    pub reasoning: &'static str,
}

/// The first of its arguments (a default for optional macro parts).
macro_rules! first {
    ($first:expr $(, $rest:expr)*) => {
        $first
    };
}

macro_rules! streams {
    ($( $file:literal, $source:literal => [$($event:literal),* $(,)?]
        $(text: $text:literal)? $(reasoning: $reasoning:literal)? )*) => {
        /// Every golden stream.
        pub static STREAMS: &[StreamVector] = &[$(
            StreamVector {
                name: $file,
                source: $source,
                transcript: include_bytes!(concat!("../streams/", $file)),
                events: &[$($event),*],
                text: first!($($text,)? ""),
                reasoning: first!($($reasoning,)? ""),
            },
        )*];
    };
}

streams! {
    "01-normal-stop.sse", "a normal chat stream ending with stop and [DONE]" =>
        ["chunk", "chunk", "chunk:stop", "finish:stop:-", "done"]
        text: "你好，世界"
    "02-network-error.sse", "inference failed mid-stream: finish_reason network_error" =>
        ["chunk", "chunk:network_error", "finish:network_error:backoff", "done"]
        text: "Partial answer"
    "03-sensitive-content-filter.sse", "the safety review stopped the output, with content_filter" =>
        ["chunk", "chunk:sensitive", "finish:sensitive:never", "done"]
        text: "I will"
    "04-context-window-exceeded.sse", "model_context_window_exceeded, missing from the official enum" =>
        ["chunk:model_context_window_exceeded", "finish:model_context_window_exceeded:never", "done"]
    "05-length-and-tool-calls.sse", "length and tool_calls are not errors" =>
        ["chunk:length", "finish:length:-", "chunk:tool_calls", "finish:tool_calls:-", "done"]
        text: "cut"
    "06-unknown-finish-reason.sse", "an unknown finish_reason is kept verbatim, not an error" =>
        ["chunk:brand_new_reason", "finish:brand_new_reason:-", "done"]
    "07-inband-error-string-code.sse", "data: {\"error\":...} with a string code after a chunk" =>
        ["chunk", "error:1302:concurrency_limit:backoff"]
        text: "Hel"
    "08-inband-error-numeric-code.sse", "data: {\"error\":...} with a numeric code and a request id" =>
        ["error:1113:insufficient_balance:never"]
    "09-event-error.sse", "event: error with a flat JSON body, then with plain text; a keep-alive comment" =>
        ["error:1234:network_error:backoff", "error:-:unrecognized_error:backoff"]
    "10-anthropic-error-http200.sse", "Anthropic-compatible stream: message_start, then a type:error event" =>
        ["chunk", "error:1234:network_error:backoff"]
    "11-crlf-comments.sse", "CRLF line ends and ping comments" =>
        ["chunk", "chunk:stop", "finish:stop:-", "done"]
        text: "crlf"
    "12-cr-only.sse", "bare CR line ends" =>
        ["chunk", "chunk:network_error", "finish:network_error:backoff", "done"]
        text: "cr"
    "13-multiline-data-and-fields.sse", "data split over two lines, id/retry/unknown fields, data without a colon" =>
        ["chunk:stop", "finish:stop:-", "chunk", "done"]
    "14-huge-line-then-error.sse", "a 100 KB data line (over the buffer), then a failure" =>
        ["overlong", "chunk:network_error", "finish:network_error:backoff", "done"]
    "15-cut-mid-event.sse", "the connection dropped inside a JSON chunk" =>
        ["chunk", "chunk", "cut"]
        text: "start"
    "16-bom-and-keepalive-only.sse", "a byte order mark, keep-alive comments" =>
        ["chunk:stop", "finish:stop:-", "done"]
    "17-overlong-error-events.sse", "error events over the buffer (70 KB: over the CLI's too) are errors, not chunks, and keep the code read before the cut" =>
        ["error:1301:sensitive_content:never", "error:1302:concurrency_limit:backoff", "done"]
    "18-anthropic-end-turn.sse", "Anthropic Messages, normal: message_start, ping (ignored), a text block, message_delta end_turn, message_stop (shape of the glm-4-air trace, llm-flux-gateway)" =>
        ["chunk", "chunk", "chunk", "chunk", "chunk", "chunk:end_turn", "finish:end_turn:-", "done"]
        text: "Hello, 世界\n"
    "19-anthropic-thinking-max-tokens-done.sse", "Anthropic: a thinking block, a text block, a tool-input delta (not text), max_tokens, message_stop, then a tolerated [DONE]" =>
        ["chunk", "chunk", "chunk", "chunk", "chunk", "chunk", "chunk", "chunk:max_tokens", "finish:max_tokens:-", "done"]
        text: "The answer is"
        reasoning: "Let me think"
    "20-anthropic-context-window-no-content.sse", "Anthropic: model_context_window_exceeded under HTTP 200 with no content block at all (glm-plugin-cc LEARNINGS)" =>
        ["chunk", "chunk:model_context_window_exceeded", "finish:model_context_window_exceeded:never", "done"]
    "21-anthropic-sensitive.sse", "Anthropic: stop_reason sensitive, Zhipu's word where Anthropic says refusal (pi#978)" =>
        ["chunk", "chunk", "chunk", "chunk:sensitive", "finish:sensitive:never", "done"]
        text: "I can"
    "22-anthropic-midstream-error-1234.sse", "Anthropic: event: error mid-stream under HTTP 200, string code 1234, bracketed message, top-level request_id (seen)" =>
        ["chunk", "chunk", "chunk", "error:1234:network_error:backoff"]
        text: "Partial"
    "23-responses-completed.sse", "Responses API, normal: keys sorted, sequence_number, output_text deltas, response.completed, then [DONE] (pi-bigmodel fixture shape)" =>
        ["chunk", "chunk", "chunk", "chunk", "chunk", "chunk", "chunk:completed", "finish:completed:-", "done"]
        text: "Hi there\"!"
    "24-responses-failed-first.sse", "Responses API: response.failed as the first event (string code overloaded, id in the trailing bracket), then event: error with a flat body, then [DONE] (seen)" =>
        ["error:-:rate_limited:backoff", "error:-:rate_limited:backoff", "done"]
    "25-responses-incomplete.sse", "Responses API: response.incomplete with incomplete_details.reason max_output_tokens" =>
        ["chunk", "chunk", "chunk:max_output_tokens", "finish:max_output_tokens:-", "done"]
        text: "Once upon"
    "26-responses-reasoning.sse", "Responses API: reasoning_text deltas, then output_text deltas, completed" =>
        ["chunk", "chunk", "chunk", "chunk:completed", "finish:completed:-", "done"]
        text: "42"
        reasoning: "Think"
    "27-plain-json-1000-http200.sse", "a stream request answered with a plain JSON body under HTTP 200 (bad key on the Responses API, seen): one error event, no cut" =>
        ["error:1000:authentication_failed:never"]
    "28-plain-json-1302.sse", "a stream request that hit 1302 gets a small JSON body, never SSE (reported): one error event" =>
        ["error:1302:concurrency_limit:backoff"]
    "29-chat-cut-no-done.sse", "a chat stream that stops after two chunks: no finish reason, no [DONE]: cut" =>
        ["chunk", "chunk", "cut"]
        text: "Once upon"
    "30-merged-frames.sse", "two frames merged into one line, the first cut mid-JSON (opencode#8282): a chunk with nothing invented, then the stream goes on" =>
        ["chunk", "chunk", "chunk:stop", "finish:stop:-", "done"]
        text: "Hel"
    "31-chat-reasoning-content.sse", "a thinking model on chat completions: reasoning_content deltas, then content" =>
        ["chunk", "chunk", "chunk", "chunk:stop", "finish:stop:-", "done"]
        text: "Hi!"
        reasoning: "User greets, reply."
    "32-empty-finish-then-length.sse", "regression: an empty first finish_reason does not hide a later length" =>
        ["chunk:length", "finish:length:-", "done"]
        text: "a"
    "33-anthropic-1313-numeric-code-first.sse", "Anthropic: a fair-use stop (1313) in the first frame with a numeric code (reported both ways)" =>
        ["error:1313:fair_use_restricted:never"]
    "34-empty.sse", "an empty response body where a stream was expected: cut" =>
        ["cut"]
}
