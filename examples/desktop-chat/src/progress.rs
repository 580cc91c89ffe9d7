//! What the client is waiting for, on stderr: a spinner on a terminal, a plain line per wait
//! otherwise.

use std::io::IsTerminal;
use std::sync::{Arc, Mutex};

use indicatif::ProgressBar;
use zai_errors::policy::WaitFor;
use zai_errors_reqwest::{RetryEvent, RetryPolicy};

/// The stderr display of waits.
pub struct Progress {
    spinner: Option<Arc<Mutex<ProgressBar>>>,
}

impl Progress {
    pub fn new() -> Self {
        let spinner = std::io::stderr().is_terminal().then(|| {
            let bar = ProgressBar::new_spinner();
            bar.enable_steady_tick(std::time::Duration::from_millis(120));
            Arc::new(Mutex::new(bar))
        });
        Self { spinner }
    }

    /// A retry policy with the adapter's defaults that shows each wait.
    pub fn policy(&self) -> RetryPolicy {
        let spinner = self.spinner.clone();
        RetryPolicy::builder()
            .on_retry(move |event| {
                let line = describe(event);
                match &spinner {
                    Some(bar) => {
                        if let Ok(bar) = bar.lock() {
                            bar.set_message(line);
                        }
                    }
                    None => eprintln!("desktop-chat: {line}"),
                }
            })
            .build()
    }

    /// Clears the spinner.
    pub fn finish(&self) {
        if let Some(bar) = &self.spinner
            && let Ok(bar) = bar.lock()
        {
            bar.finish_and_clear();
        }
    }
}

/// `waiting 2.0 s for Retry-After (until Thu, 26 Nov 2026 20:45:40 GMT) after HTTP 429 code 1305
/// rate_limited, attempt 1`.
fn describe(event: &RetryEvent<'_>) -> String {
    let what = match event.reason {
        WaitFor::RetryAfter => "the server's Retry-After",
        WaitFor::Reset => "the quota reset",
        _ => "a backoff",
    };
    let answer = match (
        event.error.status(),
        event.error.api_error().and_then(|e| e.code()),
    ) {
        (Some(status), Some(code)) => format!("HTTP {status} code {code} "),
        (Some(status), None) => format!("HTTP {status} "),
        _ => String::new(),
    };
    format!(
        "waiting {:.1} s for {what} (until {}) after {answer}{}, attempt {}",
        event.wait.as_secs_f64(),
        httpdate::fmt_http_date(event.until),
        event.classification.kind,
        event.attempt
    )
}
