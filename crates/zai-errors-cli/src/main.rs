//! `zai-errors`: what a Z.AI API error means, whose move it is, and when to retry.
#![forbid(unsafe_code)]

mod classify;
mod codes;
mod explain;
mod input;
mod output;
mod stream;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// What a Z.AI (Zhipu GLM) API error means, whose move it is, and when to retry.
#[derive(Parser)]
#[command(name = "zai-errors", version, about, propagate_version = true)]
struct Cli {
    /// Print JSON instead of text.
    #[arg(long, global = true)]
    json: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Explain a business code (1308), an HTTP status (429) or a kind name (usage_limit_reached).
    Explain {
        /// The business code, HTTP status or kind name.
        query: String,
    },
    /// Classify an error response from its HTTP status and body.
    Classify {
        /// The HTTP status of the response (100-599).
        #[arg(long, value_parser = clap::value_parser!(u16).range(100..=599))]
        status: u16,
        /// The response body; @FILE reads it from FILE; stdin when absent or "-".
        body: Option<std::ffi::OsString>,
    },
    /// Print every documented business code and HTTP status.
    Codes,
    /// Scan a server-sent events transcript (a streamed completion): one line per event.
    Stream {
        /// The transcript; stdin when absent or "-".
        file: Option<std::path::PathBuf>,
        /// Print what the model said (the content deltas), then one line with how the stream ended.
        #[arg(long, conflicts_with = "json")]
        text: bool,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Explain { query } => explain::run(&query, cli.json),
        Command::Classify { status, body } => classify::run(status, body, cli.json),
        Command::Codes => codes::run(cli.json),
        Command::Stream { file, text } => stream::run(file, cli.json, text),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(error) if error.kind() == std::io::ErrorKind::InvalidInput => {
            eprintln!("zai-errors: {error}");
            ExitCode::from(2)
        }
        Err(error) => {
            eprintln!("zai-errors: {error}");
            ExitCode::FAILURE
        }
    }
}
