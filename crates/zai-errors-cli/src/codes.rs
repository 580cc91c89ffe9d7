//! `zai-errors codes`.

use std::io::{self, Write};

use serde::Serialize;
use zai_errors::{CODES, CodeInfo, STATUSES, StatusInfo};

use crate::output::print_json;

#[derive(Serialize)]
struct Tables {
    codes: &'static [CodeInfo],
    statuses: &'static [StatusInfo],
}

pub fn run(json: bool) -> io::Result<()> {
    if json {
        return print_json(&Tables {
            codes: CODES,
            statuses: STATUSES,
        });
    }
    let mut out = io::stdout().lock();
    writeln!(
        out,
        "{:<5} {:<6} {:<14} {:<9} {:<32} text",
        "code", "status", "category", "retry", "kind"
    )?;
    for info in CODES {
        let status = info
            .usual_status
            .map(|s| s.to_string())
            .unwrap_or_else(|| "-".into());
        writeln!(
            out,
            "{:<5} {:<6} {:<14} {:<9} {:<32} {}",
            info.number,
            status,
            info.category.as_str(),
            info.retry.as_str(),
            info.kind,
            info.text_en
        )?;
    }
    writeln!(out)?;
    writeln!(
        out,
        "{:<6} {:<9} {:<22} meanings",
        "status", "retry", "kind"
    )?;
    for info in STATUSES {
        let retry = info.retry.map_or("-", |r| r.as_str());
        writeln!(
            out,
            "{:<6} {:<9} {:<22} {}",
            info.status,
            retry,
            info.kind,
            info.meanings.join("; ")
        )?;
    }
    Ok(())
}
