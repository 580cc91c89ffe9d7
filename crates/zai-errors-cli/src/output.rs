//! Shared pieces of the human and JSON output.

use std::io::{self, Write};
use std::time::{SystemTime, UNIX_EPOCH};

use zai_errors::{BeijingTime, Escaped, Retry};

/// Writes one JSON value and a newline to stdout, with the characters [`Escaped`] escapes (controls,
/// bidi, line separators) written as `\uXXXX` (DESIGN §4).
pub fn print_json(value: &impl serde::Serialize) -> io::Result<()> {
    let mut out = io::stdout().lock();
    let mut serializer = serde_json::Serializer::with_formatter(&mut out, SafeFormatter);
    value.serialize(&mut serializer)?;
    writeln!(out)
}

/// serde_json's compact output, with every char that [`Escaped`] escapes written as `\uXXXX`
/// (serde_json itself escapes only `"`, `\` and controls below U+0020).
struct SafeFormatter;

impl serde_json::ser::Formatter for SafeFormatter {
    fn write_string_fragment<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        let mut start = 0;
        for (at, c) in fragment.char_indices() {
            if Escaped::escapes(c) {
                writer.write_all(&fragment.as_bytes()[start..at])?;
                // Every escaped char is in the Basic Multilingual Plane: one \uXXXX.
                write!(writer, "\\u{:04x}", u32::from(c))?;
                start = at + c.len_utf8();
            }
        }
        writer.write_all(&fragment.as_bytes()[start..])
    }
}

/// Text from the network made safe for a terminal: control and bidi characters escaped.
pub fn clean(text: &str) -> String {
    Escaped(text).to_string()
}

/// A sentence about retrying, with the reset time (Beijing time, as Z.AI gives it) and how far
/// from now it is, when known.
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

/// A usage error (exit 2) with a sentence for the person at the shell.
pub fn usage_error(message: String) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidInput, message)
}
