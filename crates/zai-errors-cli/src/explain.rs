//! `zai-errors explain <CODE>`.

use std::io::{self, Write};

use serde::Serialize;
use zai_errors::{Category, Code, CodeInfo, StatusInfo, UNDOCUMENTED_CODE};

use crate::output::{print_json, retry_advice};

#[derive(Serialize)]
struct Explanation {
    query: u16,
    /// The business code's table row, if documented.
    code: Option<&'static CodeInfo>,
    /// The HTTP status's table row, if listed.
    status: Option<&'static StatusInfo>,
    /// For an undocumented number: the category its range gives.
    range_category: Option<Category>,
}

pub fn run(number: u16, json: bool) -> io::Result<()> {
    let code = Code::from(number).info();
    let status = StatusInfo::get(number);
    let range_category = match (code, status) {
        (None, None) => Some(Category::of_code_range(number).unwrap_or(Category::Unknown)),
        _ => None,
    };
    if json {
        return print_json(&Explanation {
            query: number,
            code,
            status,
            range_category,
        });
    }
    let mut out = io::stdout().lock();
    if let Some(info) = code {
        print_code(&mut out, info)?;
    }
    if let Some(info) = status {
        if code.is_some() {
            writeln!(out)?;
        }
        print_status(&mut out, info)?;
    }
    if let Some(category) = range_category {
        writeln!(out, "{number}: not documented ({UNDOCUMENTED_CODE})")?;
        match category {
            Category::Http => writeln!(
                out,
                "  as a business code it is read as HTTP status {number} (the status rule; a success \
                 status there leaves the response's own status to decide)"
            )?,
            Category::Unknown => {
                writeln!(out, "  outside every documented range: category unknown")?
            }
            category => writeln!(out, "  category by its range: {category}")?,
        }
        writeln!(
            out,
            "  retry:      follows the HTTP status (backoff for 408, 429 and 5xx, never for other 4xx; \
             backoff under a success status, which does not explain the error)"
        )?;
    }
    Ok(())
}

fn print_code(out: &mut impl Write, info: &CodeInfo) -> io::Result<()> {
    let usual = info
        .usual_status
        .map(|s| format!(", usually with HTTP {s}"))
        .unwrap_or_default();
    writeln!(
        out,
        "business code {}: {} ({}{usual})",
        info.number, info.kind, info.category
    )?;
    writeln!(out, "  en:         {}", info.text_en)?;
    writeln!(out, "  zh:         {}", info.text_zh)?;
    writeln!(out, "  whose move: {}", info.fault.advice())?;
    let retry = match info.retry {
        zai_errors::Retry::AtReset => {
            "at the reset time the message gives (Beijing time, UTC+8), not before".to_owned()
        }
        retry => retry_advice(Some(retry), None),
    };
    writeln!(out, "  retry:      {retry}")
}

fn print_status(out: &mut impl Write, info: &StatusInfo) -> io::Result<()> {
    let documented = if info.documented {
        "documented by Z.AI"
    } else {
        "seen in practice"
    };
    writeln!(
        out,
        "HTTP status {}: {} (http, {documented})",
        info.status, info.kind
    )?;
    writeln!(out, "  meanings:   {}", info.meanings.join("; "))?;
    writeln!(out, "  whose move: {}", info.fault.advice())?;
    writeln!(
        out,
        "  retry:      {} (when the body has no business code)",
        retry_advice(info.retry, None)
    )
}
