//! `zai-errors classify --status N [BODY]`.

use std::ffi::OsString;
use std::io::{self, Write};

use serde::Serialize;
use zai_errors::{ApiError, Detail};

use crate::input::{MAX_BODY, read_body};
use crate::output::{clean, print_json, retry_advice};

/// The classification, plus whether the body had to be cut.
#[derive(Serialize)]
struct Report<'a> {
    #[serde(flatten)]
    error: &'a ApiError,
    body_cut: bool,
}

pub fn run(status: u16, body: Option<OsString>, json: bool) -> io::Result<()> {
    let body = read_body(body)?;
    let error: ApiError = ApiError::from_response(status, &body.bytes);
    if json {
        return print_json(&Report {
            error: &error,
            body_cut: body.cut,
        });
    }
    let mut out = io::stdout().lock();
    let class = error.classification();
    let code = error
        .code()
        .map(|c| format!("code {c} "))
        .unwrap_or_default();
    writeln!(
        out,
        "HTTP {status}: {code}{} ({})",
        class.kind, class.category
    )?;
    if let Some(message) = error.message() {
        let more = if error.is_truncated() { " [...]" } else { "" };
        writeln!(out, "  message:    {}{more}", clean(message))?;
    }
    if let Some(detail) = error.detail() {
        let label = match detail {
            Detail::Model(_) => "model:     ",
            Detail::SuggestedModel(_) => "try model: ",
            Detail::ErrorId(_) => "error id:  ",
            _ => "detail:    ",
        };
        writeln!(out, "  {label} {}", clean(detail.value()))?;
    }
    writeln!(out, "  whose move: {}", class.fault.advice())?;
    writeln!(
        out,
        "  retry:      {}",
        retry_advice(class.retry, error.reset_at())
    )?;
    if let Some(id) = error.request_id() {
        writeln!(out, "  request id: {}", clean(id))?;
    }
    if error.code().is_some() && !class.known {
        writeln!(
            out,
            "  note:       code not in the documented tables; classified by rule"
        )?;
    }
    if body.cut {
        writeln!(
            out,
            "  note:       only the first {MAX_BODY} bytes of the body were read"
        )?;
    }
    Ok(())
}
