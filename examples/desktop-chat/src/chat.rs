//! One prompt: the reply whole, or streamed token by token.

use std::io::Write;

use zai_errors_reqwest::{Error, RetryPolicy, StreamEvent};

use crate::Endpoint;
use crate::report::report;

/// The JSON body of a chat request.
pub fn body(endpoint: &Endpoint, prompt: &str, stream: bool) -> String {
    serde_json::json!({
        "model": endpoint.model,
        "messages": [{"role": "user", "content": prompt}],
        "stream": stream,
    })
    .to_string()
}

/// Sends `prompt` and returns the reply's text.
pub async fn reply(
    client: &reqwest::Client,
    policy: &RetryPolicy,
    endpoint: &Endpoint,
    prompt: &str,
) -> Result<String, Error> {
    let body = body(endpoint, prompt, false);
    let text = policy
        .send(|| {
            client
                .post(&endpoint.url)
                .bearer_auth(&endpoint.key)
                .header("content-type", "application/json")
                .body(body.clone())
        })
        .await?
        .text()
        .await?;
    Ok(content_of(&text))
}

/// The assistant's text in a chat completion (`choices[0].message.content`), or the body itself
/// when it has none.
fn content_of(body: &str) -> String {
    serde_json::from_str::<serde_json::Value>(body)
        .ok()
        .and_then(|v| {
            v["choices"][0]["message"]["content"]
                .as_str()
                .map(str::to_owned)
        })
        .unwrap_or_else(|| body.to_owned())
}

/// Prints the reply to `prompt`; on failure, the classification on stderr. `true` on success.
pub async fn once(
    client: &reqwest::Client,
    policy: &RetryPolicy,
    endpoint: &Endpoint,
    prompt: &str,
) -> bool {
    match reply(client, policy, endpoint, prompt).await {
        Ok(text) => {
            println!("{}", safe(&text));
            true
        }
        Err(error) => {
            report(&error);
            false
        }
    }
}

/// Streams the reply to `prompt` token by token; on an abnormal end, the classification on stderr.
pub async fn stream(
    client: &reqwest::Client,
    policy: &RetryPolicy,
    endpoint: &Endpoint,
    prompt: &str,
) -> bool {
    let body = body(endpoint, prompt, true);
    let response = policy
        .send(|| {
            client
                .post(&endpoint.url)
                .bearer_auth(&endpoint.key)
                .header("content-type", "application/json")
                .body(body.clone())
        })
        .await;
    let mut events = match response {
        Ok(response) => response.chat_stream(),
        Err(error) => {
            report(&error);
            return false;
        }
    };
    let mut out = std::io::stdout().lock();
    let mut wrote = false;
    while let Some(event) = events.next().await {
        match event {
            Ok(StreamEvent::Text(text)) => {
                let _ = out.write_all(safe(&text).as_bytes());
                let _ = out.flush();
                wrote = true;
            }
            Ok(_) => {}
            Err(error) => {
                if wrote {
                    let _ = writeln!(out);
                }
                report(&error);
                return false;
            }
        }
    }
    let _ = writeln!(out);
    true
}

/// Model text made safe for a terminal: newlines and tabs kept, control, bidi and zero-width
/// characters shown escaped (the core's `Escaped` rule).
pub fn safe(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\n' | '\t' => c.to_string(),
            c if zai_errors::Escaped::escapes(c) => c.escape_unicode().to_string(),
            c => c.to_string(),
        })
        .collect()
}
