//! The adapter's error: what failed, classified, and what the retry policy made of it.

use std::fmt;
use std::time::Duration;

use zai_errors::policy::{GiveUp, RetryAfter};
use zai_errors::{
    ApiError, BeijingTime, Classification, Escaped, FinishReason, Kind, Retry, TransportFailure,
};

/// What failed.
#[derive(Debug)]
#[non_exhaustive]
pub enum Failure {
    /// Z.AI (or a proxy) answered with an error: the status and the body, classified.
    Response(ApiError),
    /// No answer: the request could not be sent, or the answer could not be read. What was read of
    /// an error body before the failure is kept in `partial` (never lost).
    Transport {
        /// The kind of failure.
        failure: TransportFailure,
        /// The reqwest error behind it.
        source: Option<reqwest::Error>,
        /// The error response read up to the failure, if one was being read.
        partial: Option<ApiError>,
    },
    /// A stream ended with a finish or stop reason that is an error (`sensitive`,
    /// `network_error`, `model_context_window_exceeded`, …).
    Finish(FinishReason),
    /// A stream carried an in-band error event (or was answered with a plain JSON error body).
    StreamError(ApiError),
    /// A stream ended without its dialect's normal end: the connection dropped.
    StreamCut,
    /// A stream sent no event for this long (keep-alive comments do not count).
    StreamIdle(Duration),
}

/// A failed call to Z.AI: the [`Failure`], its [`Classification`], and what the retry policy did —
/// the attempts made and why it stopped. Its `Display` is one sentence with the code and whose move
/// it is; neither `Display` nor `Debug` ever contains the API key (the request is not kept).
pub struct Error {
    inner: Box<Inner>,
}

#[derive(Debug)]
struct Inner {
    failure: Failure,
    retry_after: Option<RetryAfter>,
    attempts: u32,
    gave_up: Option<GiveUp>,
}

impl Error {
    pub(crate) fn new(failure: Failure) -> Self {
        Self {
            inner: Box::new(Inner {
                failure,
                retry_after: None,
                attempts: 1,
                gave_up: None,
            }),
        }
    }

    pub(crate) fn transport(source: reqwest::Error) -> Self {
        Self::new(Failure::Transport {
            failure: crate::transport::classify(&source),
            source: Some(source),
            partial: None,
        })
    }

    pub(crate) fn with_retry_after(mut self, retry_after: Option<RetryAfter>) -> Self {
        self.inner.retry_after = retry_after;
        self
    }

    pub(crate) fn giving_up(mut self, attempts: u32, reason: GiveUp) -> Self {
        self.inner.attempts = attempts;
        self.inner.gave_up = Some(reason);
        self
    }

    /// What failed.
    pub fn failure(&self) -> &Failure {
        &self.inner.failure
    }

    /// The error response, when Z.AI answered (also for in-band stream errors, and for an error
    /// body whose reading failed part-way).
    pub fn api_error(&self) -> Option<&ApiError> {
        match &self.inner.failure {
            Failure::Response(error) | Failure::StreamError(error) => Some(error),
            Failure::Transport { partial, .. } => partial.as_ref(),
            _ => None,
        }
    }

    /// The classification: the core's answer to "what failed, whose move, retry or not". For a
    /// transport failure while reading an error body, the body's when its code was read (a cut body
    /// keeps its code), else the transport's.
    pub fn classification(&self) -> Classification {
        match &self.inner.failure {
            Failure::Response(error) | Failure::StreamError(error) => error.classification(),
            Failure::Transport {
                failure, partial, ..
            } => match partial {
                Some(partial) if partial.code().is_some() || partial.code_text().is_some() => {
                    partial.classification()
                }
                _ => failure.classify(),
            },
            Failure::Finish(reason) => reason.classify(),
            Failure::StreamCut => zai_errors::sse::CUT,
            Failure::StreamIdle(_) => TransportFailure::Timeout.classify(),
        }
    }

    /// The kind (e.g. [`Kind::InsufficientBalance`]).
    pub fn kind(&self) -> Kind {
        self.classification().kind
    }

    /// The HTTP status, when an answer came.
    pub fn status(&self) -> Option<u16> {
        self.api_error().map(ApiError::status)
    }

    /// The request id from the body or the headers.
    pub fn request_id(&self) -> Option<&str> {
        self.api_error().and_then(ApiError::request_id)
    }

    /// When the exhausted quota resets, if the message said.
    pub fn reset_at(&self) -> Option<BeijingTime> {
        self.api_error().and_then(ApiError::reset_at)
    }

    /// The response's `Retry-After`, if it had one.
    pub fn retry_after(&self) -> Option<RetryAfter> {
        self.inner.retry_after
    }

    /// How many requests were sent (1 without retries).
    pub fn attempts(&self) -> u32 {
        self.inner.attempts
    }

    /// Why the retry policy stopped, when it was used.
    pub fn gave_up(&self) -> Option<GiveUp> {
        self.inner.gave_up
    }

    /// Whether a later retry can help (`backoff` or `at_reset`).
    pub fn is_retryable(&self) -> bool {
        self.classification().is_retryable()
    }
}

impl fmt::Display for Error {
    /// One sentence: what happened (status, code, kind, message), whose move it is, whether and
    /// when to retry, the request id, and the attempts made.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let class = self.classification();
        match &self.inner.failure {
            Failure::Response(error) => describe_response(f, "Z.AI answered", error)?,
            Failure::StreamError(error) => {
                describe_response(f, "the stream carried an error:", error)?
            }
            Failure::Transport {
                failure,
                partial,
                source,
            } => {
                write!(f, "no complete answer from Z.AI ({failure}")?;
                if let Some(source) = source {
                    write!(f, ": {}", Escaped(&redacted(&source.to_string())))?;
                }
                f.write_str(")")?;
                if let Some(partial) = partial {
                    describe_response(f, "; what was read:", partial)?;
                }
            }
            Failure::Finish(reason) => write!(
                f,
                "the stream ended with finish reason {} ({})",
                Escaped(reason.as_str()),
                class.kind
            )?,
            Failure::StreamCut => {
                f.write_str("the stream ended without its normal end (the connection dropped)")?
            }
            Failure::StreamIdle(idle) => {
                write!(f, "the stream sent no event for {} s", idle.as_secs())?
            }
        }
        write!(f, "; whose move: {}", class.fault.advice())?;
        match (class.retry, self.reset_at(), self.inner.gave_up) {
            (_, _, Some(GiveUp::WaitTooLong { until })) => {
                match BeijingTime::from_unix_seconds(until) {
                    Some(at) => write!(f, "; retry not before {at}")?,
                    None => f.write_str("; retry much later")?,
                }
            }
            (Some(Retry::AtReset), Some(at), _) => write!(f, "; retry at {at}")?,
            (Some(retry), _, _) => write!(f, "; retry: {retry}")?,
            (None, _, _) => {}
        }
        if let Some(reason) = self.inner.gave_up {
            let attempts = self.inner.attempts;
            let plural = if attempts == 1 { "" } else { "s" };
            write!(
                f,
                " (gave up after {attempts} attempt{plural}: {})",
                why(reason)
            )?;
        }
        Ok(())
    }
}

/// Why the policy stopped, in words.
fn why(reason: GiveUp) -> &'static str {
    match reason {
        GiveUp::NotAnError => "not an error",
        GiveUp::Never => "it cannot succeed as sent",
        GiveUp::AttemptsExhausted => "the retries allowed were used",
        GiveUp::WaitTooLong { .. } => "the wait is longer than the policy's longest",
        GiveUp::ResetUnknown => "the quota is exhausted and nothing says when it resets",
        GiveUp::QuotaExhausted => "the client's retry budget is spent",
        _ => "the policy stopped",
    }
}

/// The text with any `Bearer <token>` (a server echoing the request's header) redacted.
fn redacted(text: &str) -> std::borrow::Cow<'_, str> {
    const MARK: &str = "Bearer ";
    if !text.contains(MARK) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(MARK) {
        let (before, after) = rest.split_at(at + MARK.len());
        out.push_str(before);
        out.push_str("[redacted]");
        let token_end = after
            .find(|c: char| c.is_whitespace() || matches!(c, '"' | ',' | ';' | ')' | ']'))
            .unwrap_or(after.len());
        rest = &after[token_end..];
    }
    out.push_str(rest);
    std::borrow::Cow::Owned(out)
}

/// `HTTP 429, code 1113 insufficient_balance (account): <message>; request id <id>`.
fn describe_response(f: &mut fmt::Formatter<'_>, lead: &str, error: &ApiError) -> fmt::Result {
    write!(f, "{lead} HTTP {}", error.status())?;
    match (error.code(), error.code_text()) {
        (Some(code), _) => write!(f, " with code {code}")?,
        (None, Some(text)) => write!(f, " with code {}", Escaped(text))?,
        (None, None) => {}
    }
    write!(f, " {} ({})", error.kind(), error.category())?;
    if let Some(message) = error.message() {
        write!(f, ": {}", Escaped(&redacted(message)))?;
    }
    if let Some(id) = error.request_id() {
        write!(f, "; request id {}", Escaped(id))?;
    }
    Ok(())
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.inner.fmt(f)
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &self.inner.failure {
            Failure::Transport {
                source: Some(source),
                ..
            } => Some(source),
            Failure::Response(error) | Failure::StreamError(error) => Some(error),
            _ => None,
        }
    }
}

impl From<reqwest::Error> for Error {
    fn from(error: reqwest::Error) -> Self {
        Self::transport(error)
    }
}

#[cfg(test)]
mod tests {
    use super::redacted;

    #[test]
    fn bearer_tokens_are_redacted() {
        assert_eq!(
            redacted("bad: Bearer sk-123abc, try again"),
            "bad: Bearer [redacted], try again"
        );
        assert_eq!(
            redacted("Bearer x Bearer y"),
            "Bearer [redacted] Bearer [redacted]"
        );
        assert_eq!(redacted("no token here"), "no token here");
        assert_eq!(redacted("ends with Bearer "), "ends with Bearer [redacted]");
    }
}
