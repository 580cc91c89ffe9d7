//! `zai-errors classify --status N [BODY | @FILE | -]`.

use std::ffi::OsString;
use std::io::{self, Write};

use zai_errors::{ApiError, Detail, Shape};

use crate::input::{MAX_BODY, read_body};
use crate::output::{clean, print_json, retry_advice};

pub fn run(status: u16, body: Option<OsString>, json: bool) -> io::Result<()> {
    let body = read_body(body)?;
    let mut error = ApiError::from_response(status, &body.bytes);
    if body.cut {
        error.mark_body_cut();
    }
    if json {
        return print_json(&error);
    }
    let mut out = io::stdout().lock();
    let class = error.classification();
    let code = match (error.code(), error.code_text()) {
        (Some(code), _) => format!("code {code} "),
        (None, Some(text)) => format!("code {} ", clean(text)),
        (None, None) => String::new(),
    };
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
    if let (None, Some(text)) = (error.code(), error.code_text()) {
        match class.category {
            zai_errors::Category::Http | zai_errors::Category::Unknown => writeln!(
                out,
                "  note:       the string code {} is not one this tool maps; the status decides",
                clean(text)
            )?,
            _ => writeln!(
                out,
                "  note:       the string code {} is classified as the business code it stands for",
                clean(text)
            )?,
        }
    }
    if error.code().is_some() && !class.known {
        writeln!(
            out,
            "  note:       code not in the documented tables; classified by rule"
        )?;
    }
    let read = if error.code().is_some() || error.code_text().is_some() {
        "the code read before it still counts"
    } else {
        "no code was read before it: the status decides"
    };
    match error.shape() {
        Shape::Cut => writeln!(
            out,
            "  note:       the body is cut short (JSON ends early); {read}"
        )?,
        Shape::Broken => writeln!(
            out,
            "  note:       the body is broken JSON after some point; {read}"
        )?,
        Shape::NotJson => writeln!(
            out,
            "  note:       the body is not JSON: the status decides"
        )?,
        _ => {}
    }
    if body.cut {
        writeln!(
            out,
            "  note:       only the first {MAX_BODY} bytes of the body were read"
        )?;
    }
    Ok(())
}
