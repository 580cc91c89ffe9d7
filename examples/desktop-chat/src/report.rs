//! How a failure is told to the person at the shell.

use zai_errors::policy::GiveUp;
use zai_errors::{BeijingTime, Retry};
use zai_errors_reqwest::Error;

/// The classification on stderr: what happened (code and meaning), whose move it is, and when a
/// retry can help.
pub fn report(error: &Error) {
    let class = error.classification();
    eprintln!("desktop-chat: {error}");
    if let Some(info) = error
        .api_error()
        .and_then(|e| e.code())
        .and_then(|code| code.info())
    {
        eprintln!("  meaning:    {} (code {})", info.text_en(), info.number);
    }
    eprintln!("  whose move: {}", class.fault.advice());
    let when = match (class.retry, error.reset_at()) {
        _ if matches!(error.gave_up(), Some(GiveUp::WaitTooLong { .. })) => match error.gave_up() {
            Some(GiveUp::WaitTooLong { until }) => match BeijingTime::from_unix_seconds(until) {
                Some(at) => format!("not before {at} (too far away to wait for)"),
                None => "much later".to_owned(),
            },
            _ => "later".to_owned(),
        },
        (Some(Retry::AtReset), Some(at)) => {
            format!("not before {at} (Beijing time), when the quota resets")
        }
        (Some(Retry::AtReset), None) => "not before the quota resets".to_owned(),
        (Some(Retry::Backoff), _) => {
            "later: it is transient (the retries allowed were used)".to_owned()
        }
        (Some(Retry::Never), _) => "no: it fails again until something changes".to_owned(),
        _ => "-".to_owned(),
    };
    eprintln!("  retry:      {when}");
}
