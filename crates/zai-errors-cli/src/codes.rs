//! `zai-errors codes`.

use std::io::{self, Write};

use serde::Serialize;
use zai_errors::table::{CODES, CodeInfo, STATUSES, StatusInfo};

use crate::output::print_json;

/// The human table fits a terminal this wide; `--json` has the full texts.
const WIDTH: usize = 100;

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
    let row = |start: String, text: &str| fit(start, text);
    writeln!(
        out,
        "{}",
        row(
            format!(
                "{:<5} {:<6} {:<14} {:<8} {:<31} ",
                "code", "status", "category", "retry", "kind"
            ),
            "text (--json has it whole)"
        )
    )?;
    for info in CODES {
        let status = info
            .usual_status
            .map(|s| s.to_string())
            .unwrap_or_else(|| "-".into());
        let start = format!(
            "{:<5} {:<6} {:<14} {:<8} {:<31} ",
            info.number,
            status,
            info.category.as_str(),
            info.retry.as_str(),
            info.kind.as_str(),
        );
        writeln!(out, "{}", row(start, info.text_en()))?;
    }
    writeln!(out)?;
    writeln!(
        out,
        "{}",
        row(
            format!("{:<6} {:<8} {:<21} ", "status", "retry", "kind"),
            "meanings"
        )
    )?;
    for info in STATUSES {
        let retry = info.retry.map_or("-", |r| r.as_str());
        let start = format!(
            "{:<6} {:<8} {:<21} ",
            info.status,
            retry,
            info.kind.as_str()
        );
        writeln!(out, "{}", row(start, &info.meanings().join("; ")))?;
    }
    Ok(())
}

/// `start` then as much of `text` as fits in [`WIDTH`] columns (wide CJK characters take two),
/// cut with `…`.
fn fit(start: String, text: &str) -> String {
    let wide = |c: char| matches!(c, '\u{2e80}'..='\u{9fff}' | '\u{ac00}'..='\u{d7af}' | '\u{ff00}'..='\u{ff60}');
    let width = |c: char| if wide(c) { 2 } else { 1 };
    let room = WIDTH.saturating_sub(start.chars().count());
    let total: usize = text.chars().map(width).sum();
    let mut line = start;
    if total <= room {
        line.push_str(text);
        return line.trim_end().to_owned();
    }
    let mut used = 0;
    for c in text.chars() {
        if used + width(c) > room.saturating_sub(1) {
            break;
        }
        used += width(c);
        line.push(c);
    }
    line.push('…');
    line
}
