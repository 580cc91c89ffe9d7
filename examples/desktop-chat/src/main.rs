//! `desktop-chat`: a Z.AI chat-completion client that retries what can succeed, waits out quota
//! resets, adapts its concurrency to the plan's limit, and says clearly why it stopped.
//!
//! ```text
//! desktop-chat [--model glm-4.6] [--stream] "prompt"
//! desktop-chat --batch FILE [--parallel N]
//! ```
//! `ZAI_API_KEY` is required; `ZAI_BASE_URL` defaults to `https://api.z.ai/api/paas/v4` (GLM Coding
//! Plan keys need `https://api.z.ai/api/coding/paas/v4`: on the other URL they answer 1113).
#![forbid(unsafe_code)]

mod batch;
mod chat;
mod progress;
mod report;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;

/// Chat with Z.AI (GLM) from the shell, with retries that know Z.AI's errors.
#[derive(Parser)]
#[command(name = "desktop-chat", version, about)]
struct Args {
    /// The model.
    #[arg(long, default_value = "glm-4.6")]
    model: String,
    /// Print the reply token by token as it streams.
    #[arg(long, conflicts_with = "batch")]
    stream: bool,
    /// Send each line of FILE as a prompt; print one JSON line per prompt, in input order.
    #[arg(long, value_name = "FILE", conflicts_with = "prompt")]
    batch: Option<PathBuf>,
    /// With --batch: how many prompts are sent at once (the policy's limit adapts below it).
    #[arg(long, default_value_t = 4, value_parser = clap::value_parser!(u16).range(1..=256), requires = "batch")]
    parallel: u16,
    /// The prompt.
    #[arg(required_unless_present = "batch")]
    prompt: Option<String>,
}

/// Where and how to call Z.AI.
pub struct Endpoint {
    /// `{base}/chat/completions`.
    pub url: String,
    /// The API key (never printed).
    pub key: String,
    /// The model.
    pub model: String,
}

#[tokio::main]
async fn main() -> ExitCode {
    let args = Args::parse();
    let Some(key) = std::env::var("ZAI_API_KEY")
        .ok()
        .filter(|k| !k.trim().is_empty())
    else {
        eprintln!(
            "desktop-chat: set ZAI_API_KEY to your Z.AI API key (https://z.ai/manage-apikey); \
             GLM Coding Plan keys also need ZAI_BASE_URL=https://api.z.ai/api/coding/paas/v4"
        );
        return ExitCode::from(2);
    };
    let base =
        std::env::var("ZAI_BASE_URL").unwrap_or_else(|_| "https://api.z.ai/api/paas/v4".into());
    let endpoint = Endpoint {
        url: format!("{}/chat/completions", base.trim_end_matches('/')),
        key,
        model: args.model,
    };
    let progress = progress::Progress::new();
    let policy = progress.policy();
    let client = match reqwest::Client::builder()
        .connect_timeout(std::time::Duration::from_secs(10))
        // Per read, not in total: a long answer or stream may take minutes, a silent one may not.
        .read_timeout(std::time::Duration::from_secs(300))
        .build()
    {
        Ok(client) => client,
        Err(error) => {
            eprintln!("desktop-chat: cannot build the HTTP client: {error}");
            return ExitCode::FAILURE;
        }
    };
    let ok = match (args.batch, args.prompt) {
        (Some(file), _) => {
            batch::run(
                &client,
                &policy,
                &endpoint,
                &file,
                usize::from(args.parallel),
            )
            .await
        }
        (None, Some(prompt)) if args.stream => {
            chat::stream(&client, &policy, &endpoint, &prompt).await
        }
        (None, Some(prompt)) => chat::once(&client, &policy, &endpoint, &prompt).await,
        (None, None) => false,
    };
    progress.finish();
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
