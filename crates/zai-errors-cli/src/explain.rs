//! `zai-errors explain <CODE>`.

use std::io;

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
    if let Some(info) = code {
        print_code(info);
    }
    if let Some(info) = status {
        if code.is_some() {
            println!();
        }
        print_status(info);
    }
    if let Some(category) = range_category {
        println!("{number}: not documented ({UNDOCUMENTED_CODE})");
        match category {
            Category::Http => println!(
                "  as a business code it is read as HTTP status {number}, classified by the status rule"
            ),
            Category::Unknown => println!("  outside every documented range: category unknown"),
            category => println!("  category by its range: {category}"),
        }
        println!(
            "  retry:      follows the HTTP status (backoff for 408, 429 and 5xx; never for other 4xx)"
        );
    }
    Ok(())
}

fn print_code(info: &CodeInfo) {
    let usual = info
        .usual_status
        .map(|s| format!(", usually with HTTP {s}"))
        .unwrap_or_default();
    println!(
        "business code {}: {} ({}{usual})",
        info.number, info.kind, info.category
    );
    println!("  en:         {}", info.text_en);
    println!("  zh:         {}", info.text_zh);
    println!("  whose move: {}", info.fault.advice());
    let retry = match info.retry {
        zai_errors::Retry::AtReset => {
            "at the reset time the message gives (Beijing time, UTC+8), not before".to_owned()
        }
        retry => retry_advice(Some(retry), None),
    };
    println!("  retry:      {retry}");
}

fn print_status(info: &StatusInfo) {
    let documented = if info.documented {
        "documented by Z.AI"
    } else {
        "seen in practice"
    };
    println!(
        "HTTP status {}: {} (http, {documented})",
        info.status, info.kind
    );
    println!("  meanings:   {}", info.meanings.join("; "));
    println!("  whose move: {}", info.fault.advice());
    println!(
        "  retry:      {} (when the body has no business code)",
        retry_advice(info.retry, None)
    );
}
