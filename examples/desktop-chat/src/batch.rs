//! `--batch FILE [--parallel N]`: every line a prompt, through one client and one shared policy,
//! N at a time; one JSON line per prompt, in input order.

use std::path::Path;
use std::sync::Arc;

use tokio::sync::Semaphore;
use zai_errors_reqwest::RetryPolicy;

use crate::Endpoint;
use crate::chat::reply;

/// Runs the batch; `true` when every prompt succeeded.
pub async fn run(
    client: &reqwest::Client,
    policy: &RetryPolicy,
    endpoint: &Endpoint,
    file: &Path,
    parallel: usize,
) -> bool {
    let prompts = match std::fs::read_to_string(file) {
        // The index is the line's (from 0); blank lines are no prompts.
        Ok(text) => text
            .lines()
            .enumerate()
            .filter(|(_, line)| !line.trim().is_empty())
            .map(|(index, line)| (index, line.to_owned()))
            .collect::<Vec<_>>(),
        Err(error) => {
            eprintln!("desktop-chat: cannot read {}: {error}", file.display());
            return false;
        }
    };
    let gate = Arc::new(Semaphore::new(parallel));
    let endpoint = Arc::new(Endpoint {
        url: endpoint.url.clone(),
        key: endpoint.key.clone(),
        model: endpoint.model.clone(),
    });
    let tasks: Vec<_> = prompts
        .into_iter()
        .map(|(index, prompt)| {
            let (client, policy, endpoint, gate) = (
                client.clone(),
                policy.clone(),
                endpoint.clone(),
                gate.clone(),
            );
            tokio::spawn(async move {
                let _slot = gate.acquire_owned().await;
                match reply(&client, &policy, &endpoint, &prompt).await {
                    Ok(text) => serde_json::json!({"index": index, "ok": true, "reply": text}),
                    Err(error) => {
                        let class = error.classification();
                        serde_json::json!({
                            "index": index,
                            "ok": false,
                            "code": error.api_error().and_then(|e| e.code()).map(u16::from),
                            "code_text": error.api_error().and_then(|e| e.code_text()),
                            "kind": class.kind.as_str(),
                            "retry": class.retry.map(|r| r.as_str()),
                            "message": error.to_string(),
                        })
                    }
                }
            })
        })
        .collect();
    let mut all_ok = true;
    for task in tasks {
        let line = match task.await {
            Ok(line) => line,
            Err(error) => {
                serde_json::json!({"ok": false, "kind": "internal", "message": error.to_string()})
            }
        };
        all_ok &= line["ok"] == true;
        println!("{line}");
    }
    all_ok
}
