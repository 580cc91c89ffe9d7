//! The inputs of `parse_classify`: one set of `(status, body)` pairs a group, the same for every
//! parser.

use zai_errors_vectors::VECTORS;

/// One response: its HTTP status and body.
#[derive(Clone, Debug)]
pub struct Response {
    /// Where it comes from (a vector's file name, `real #n`, or what was generated).
    pub name: String,
    pub status: u16,
    pub body: Vec<u8>,
}

/// A benchmark group: its name and its responses (one iteration parses all of them).
pub struct Group {
    pub name: &'static str,
    /// What it holds, for the report.
    pub about: &'static str,
    pub responses: Vec<Response>,
}

/// The 21 real bodies (from the docs and public bug reports) of `data/real-bodies.jsonl`, a copy of
/// the project's reference file: `{"status":..,"body":"..","source":".."}` a line.
const REAL_BODIES: &str = include_str!("../data/real-bodies.jsonl");

/// Every group, in the order they run.
pub fn groups() -> Vec<Group> {
    vec![
        Group {
            name: "golden",
            about: "every golden vector (tests/vectors), one iteration = all of them",
            responses: golden(),
        },
        Group {
            name: "real",
            about: "the 21 real bodies (docs and bug reports), one iteration = all of them",
            responses: real(),
        },
        Group {
            name: "single_1308",
            about: "one 1308 body with a reset time (vector 18)",
            responses: vec![vector("18-1308-usage-limit-reset.json")],
        },
        Group {
            name: "message_200k",
            about: "one nested 1214 body whose message is ~200 KB of text with escapes",
            responses: vec![message_200k()],
        },
        Group {
            name: "deep_10000",
            about: "10 000 `[` then 10 000 `]` under HTTP 500",
            responses: vec![deep_10000()],
        },
        Group {
            name: "html",
            about: "a ~2 KB nginx 502 HTML page",
            responses: vec![html()],
        },
    ]
}

/// Every golden vector.
pub fn golden() -> Vec<Response> {
    VECTORS
        .iter()
        .map(|vector| Response {
            name: vector.name.to_owned(),
            status: vector.status,
            body: vector.body.to_vec(),
        })
        .collect()
}

/// The golden vector of that file name.
pub fn vector(name: &str) -> Response {
    golden()
        .into_iter()
        .find(|response| response.name == name)
        .unwrap_or_else(|| panic!("no golden vector {name}"))
}

/// The real bodies, read at setup with serde_json (outside any timing).
pub fn real() -> Vec<Response> {
    #[derive(serde::Deserialize)]
    struct Line {
        status: u16,
        body: String,
    }
    REAL_BODIES
        .lines()
        .filter(|line| !line.trim().is_empty())
        .enumerate()
        .map(|(index, line)| {
            let line: Line = serde_json::from_str(line).expect("a line of real-bodies.jsonl");
            Response {
                name: format!("real #{}", index + 1),
                status: line.status,
                body: line.body.into_bytes(),
            }
        })
        .collect()
}

/// `{"error":{"code":"1214","message":"<~200 KB>"},"request_id":".."}`: mixed English and Chinese
/// text with a JSON escape (`\"`, `\n`, `\u4f60`, `\\`) every few hundred bytes.
pub fn message_200k() -> Response {
    let mut message = String::new();
    let mut i = 0u32;
    while message.len() < 200_000 {
        message.push_str("messages[");
        message.push_str(&i.to_string());
        message.push_str("].content is not valid: 输入内容不合法，请检查参数。 The field ");
        match i % 4 {
            0 => message.push_str(r#"\"content\" must be a string or an array of parts"#),
            1 => message.push_str(r"was empty\nplease see the documentation"),
            2 => message.push_str(r"contains \u4f60\u597d and other text"),
            _ => message.push_str(r"has a path C:\\data\\input.json that is not allowed"),
        }
        message.push_str(". ");
        i += 1;
    }
    let body = format!(
        r#"{{"error":{{"code":"1214","message":"{message}"}},"request_id":"20261126081412a1b2c3d4e5f6a7b8c9"}}"#
    );
    Response {
        name: "generated: 200 KB message".to_owned(),
        status: 400,
        body: body.into_bytes(),
    }
}

/// 10 000 nested arrays.
pub fn deep_10000() -> Response {
    let mut body = vec![b'['; 10_000];
    body.extend(std::iter::repeat_n(b']', 10_000));
    Response {
        name: "generated: 10 000 nested arrays".to_owned(),
        status: 500,
        body,
    }
}

/// A 502 page as an nginx in front of a service sends it (a custom page with some style: ~2 KB).
pub fn html() -> Response {
    let mut page = String::from(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>502 Bad Gateway</title>\n<style>\n\
         html { color-scheme: light dark; }\n\
         body { width: 35em; margin: 0 auto; font-family: Tahoma, Verdana, Arial, sans-serif; }\n\
         h1 { font-size: 2em; margin: 1em 0 0.5em; }\n\
         p { line-height: 1.5; color: #444; }\n\
         .footer { margin-top: 3em; font-size: 0.8em; color: #888; border-top: 1px solid #ddd; }\n\
         </style>\n</head>\n<body>\n\
         <center><h1>502 Bad Gateway</h1></center>\n\
         <p>The server, while acting as a gateway or proxy, received an invalid response from the \
         upstream server it accessed in attempting to fulfill the request.</p>\n\
         <p>Please try again in a few moments. If the problem persists, contact the site \
         administrator and quote the request id below.</p>\n\
         <p class=\"footer\">request id: 7f3c9a2e-41b8-4d1e-9c55-2b6f0e8d4a17<br>\
         upstream: open.bigmodel.cn/api/paas/v4/chat/completions</p>\n\
         <hr><center>nginx</center>\n</body>\n</html>\n",
    );
    // nginx pads its error pages so that browsers show them instead of a "friendly" page.
    for _ in 0..6 {
        page.push_str("<!-- a padding to disable MSIE and Chrome friendly error page -->\n");
    }
    while page.len() < 2_000 {
        page.push_str("<!-- -->\n");
    }
    Response {
        name: "generated: nginx 502 page".to_owned(),
        status: 502,
        body: page.into_bytes(),
    }
}
