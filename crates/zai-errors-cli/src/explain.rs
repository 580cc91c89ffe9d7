//! `zai-errors explain <CODE|STATUS|KIND>`.

use std::io::{self, Write};

use serde::Serialize;
use zai_errors::table::{CODES, CodeInfo, STATUSES, StatusInfo};
use zai_errors::{Category, Classification, Code, FinishReason, Kind, TransportFailure};

use crate::output::{print_json, retry_advice, usage_error};

/// What `explain` was asked about.
pub enum Query {
    Number(u16),
    Kind(Kind),
}

impl Query {
    /// Reads a business code, an HTTP status or a kind name; anything else is a usage error that
    /// says what is accepted.
    pub fn parse(text: &str) -> io::Result<Self> {
        if let Ok(number) = text.trim().parse::<u16>() {
            return Ok(Self::Number(number));
        }
        if let Some(kind) = Kind::from_name(text.trim()) {
            return Ok(Self::Kind(kind));
        }
        Err(usage_error(format!(
            "cannot explain {text:?}: give a business code (e.g. 1308), an HTTP status (e.g. 429) \
             or a kind name (e.g. usage_limit_reached, content_filtered, timeout; `zai-errors codes` \
             lists those of the codes and statuses)"
        )))
    }
}

#[derive(Serialize)]
struct Explanation {
    query: String,
    /// The kind asked about, if a kind name was given.
    kind: Option<Kind>,
    /// The business code's table row, if documented.
    code: Option<&'static CodeInfo>,
    /// The HTTP status's table row, if listed.
    status: Option<&'static StatusInfo>,
    /// For an undocumented number: the category its range gives.
    range_category: Option<Category>,
    /// For a kind that is no table row (a stream end, a transport failure): its classification.
    classification: Option<Classification>,
    /// The finish or stop reasons with this kind, as the APIs spell them.
    finish_reasons: Vec<String>,
}

/// Finish and stop reasons the crate knows, by their API spelling.
const REASONS: [&str; 14] = [
    "stop",
    "end_turn",
    "stop_sequence",
    "completed",
    "tool_calls",
    "tool_use",
    "pause_turn",
    "length",
    "max_tokens",
    "max_output_tokens",
    "sensitive",
    "refusal",
    "network_error",
    "model_context_window_exceeded",
];

const TRANSPORT: [TransportFailure; 5] = [
    TransportFailure::Timeout,
    TransportFailure::Connect,
    TransportFailure::Dns,
    TransportFailure::Tls,
    TransportFailure::Io,
];

pub fn run(query: &str, json: bool) -> io::Result<()> {
    let parsed = Query::parse(query)?;
    let explanation = match parsed {
        Query::Number(number) => {
            let code = Code::from(number).info();
            let status = StatusInfo::get(number);
            let range_category = match (code, status) {
                (None, None) => Some(Category::of_code_range(number).unwrap_or(Category::Unknown)),
                _ => None,
            };
            Explanation {
                query: query.trim().to_owned(),
                kind: None,
                code,
                status,
                range_category,
                classification: None,
                finish_reasons: Vec::new(),
            }
        }
        Query::Kind(kind) => {
            let finish_reasons: Vec<String> = REASONS
                .iter()
                .filter(|reason| FinishReason::parse(reason).classify().kind == kind)
                .map(|reason| (*reason).to_owned())
                .collect();
            let classification = finish_reasons
                .first()
                .map(|reason| FinishReason::parse(reason).classify())
                .or_else(|| {
                    TRANSPORT
                        .iter()
                        .find(|failure| failure.kind() == kind)
                        .map(|failure| failure.classify())
                })
                .or_else(|| other_kind(kind));
            Explanation {
                query: query.trim().to_owned(),
                kind: Some(kind),
                code: CODES.iter().find(|info| info.kind == kind),
                status: STATUSES.iter().find(|info| info.kind == kind),
                range_category: None,
                classification,
                finish_reasons,
            }
        }
    };
    if json {
        return print_json(&explanation);
    }
    print_human(&explanation)
}

/// The classification of the kinds that are neither a table row, a finish reason nor a transport
/// failure, taken from the core's rules.
fn other_kind(kind: Kind) -> Option<Classification> {
    [
        FinishReason::parse("a reason nobody documented").classify(),
        zai_errors::sse::CUT,
        Classification::of_body(200, br#"{"error":{"message":"?"}}"#),
        Classification::of_status(418),
        Classification::of_status(503 + 20),
        Classification::of_status(302),
        Classification::of_status(103),
        Classification::of_status(700),
    ]
    .into_iter()
    .find(|class| class.kind == kind)
}

fn print_human(e: &Explanation) -> io::Result<()> {
    let mut out = io::stdout().lock();
    if let Some(info) = e.code {
        print_code(&mut out, info)?;
    }
    if let Some(info) = e.status {
        if e.code.is_some() {
            writeln!(out)?;
        }
        print_status(&mut out, info)?;
    }
    if e.kind == Some(Kind::UndocumentedCode) {
        writeln!(
            out,
            "{} (a business code missing from the documentation)",
            Kind::UndocumentedCode
        )?;
        writeln!(
            out,
            "  category:   by the code's range: 1000-1099 authentication, 1100-1199 account, \
             1200-1299 api_call, 1300-1399 policy_block; 100-599 is read as that HTTP status"
        )?;
        writeln!(out, "  whose move: as the HTTP status says")?;
        writeln!(
            out,
            "  retry:      follows the HTTP status (backoff for 408, 429 and 5xx, never for other 4xx; \
             backoff under a success status, which does not explain the error)"
        )?;
        return Ok(());
    }
    if let Some(class) = e
        .classification
        .filter(|_| e.code.is_none() && e.status.is_none())
    {
        let kind = e.kind.map_or("", Kind::as_str);
        writeln!(out, "{kind} ({})", class.category)?;
        if !e.finish_reasons.is_empty() {
            writeln!(out, "  reasons:    {}", e.finish_reasons.join(", "))?;
        }
        writeln!(out, "  whose move: {}", class.fault.advice())?;
        writeln!(out, "  retry:      {}", retry_advice(class.retry, None))?;
    }
    if let (Some(category), Some(number)) = (e.range_category, e.query.parse::<u16>().ok()) {
        if number == 0 {
            writeln!(
                out,
                "0: no business code (the success code of flat envelopes, {{\"code\":0,\"msg\":\"success\"}}): the HTTP status decides"
            )?;
            return Ok(());
        }
        writeln!(out, "{number}: not documented ({})", Kind::UndocumentedCode)?;
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
    writeln!(out, "  en:         {}", info.text_en())?;
    writeln!(out, "  zh:         {}", info.text_zh())?;
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
    writeln!(out, "  meanings:   {}", info.meanings().join("; "))?;
    writeln!(out, "  whose move: {}", info.fault.advice())?;
    writeln!(
        out,
        "  retry:      {} (when the body has no business code)",
        retry_advice(info.retry, None)
    )
}
