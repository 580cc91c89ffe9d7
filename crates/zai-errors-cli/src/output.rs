//! Shared pieces of the human and JSON output.

use std::io::{self, Write};
use std::time::{SystemTime, UNIX_EPOCH};

use zai_errors::{BeijingTime, Escaped, Retry};

/// Writes one JSON value and a newline to stdout.
pub fn print_json(value: &impl serde::Serialize) -> io::Result<()> {
    let mut out = io::stdout().lock();
    serde_json::to_writer(&mut out, value)?;
    writeln!(out)
}

/// Text from the network made safe for a terminal: control and bidi characters escaped.
pub fn clean(text: &str) -> String {
    Escaped(text).to_string()
}

/// A sentence about retrying, with the reset time in UTC and relative to now when known.
pub fn retry_advice(retry: Option<Retry>, reset_at: Option<BeijingTime>) -> String {
    match (retry, reset_at) {
        (None, _) => "no need: this is not an error".into(),
        (Some(Retry::Backoff), _) => "yes, with exponential backoff and jitter".into(),
        (Some(Retry::AtReset), Some(at)) => format!("at {at} ({})", from_now(at.to_unix_seconds())),
        (Some(Retry::AtReset), None) => {
            "not before the quota resets (the message gives no time)".into()
        }
        (Some(Retry::Never), _) => {
            "no: the same request fails again until something changes".into()
        }
        (Some(_), _) => "see the retry value".into(),
    }
}

/// "in 2h 05m" or "passed 3m ago: retry now".
fn from_now(unix: i64) -> String {
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
        .unwrap_or(0);
    let delta = unix.saturating_sub(now);
    let span = |s: u64| {
        let (d, h, m) = (s / 86_400, s % 86_400 / 3600, s % 3600 / 60);
        if d > 0 {
            format!("{d}d {h}h {m:02}m")
        } else if h > 0 {
            format!("{h}h {m:02}m")
        } else {
            format!("{m}m {:02}s", s % 60)
        }
    };
    if delta >= 0 {
        format!("in {}", span(delta.unsigned_abs()))
    } else {
        format!("passed {} ago: retry now", span(delta.unsigned_abs()))
    }
}
