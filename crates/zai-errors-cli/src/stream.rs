//! `zai-errors stream [FILE]`: scan an SSE transcript in any dialect, one line per event, or
//! (`--text`) what the model said and how the stream ended.

use std::fs::File;
use std::io::{self, Read, Write};
use std::ops::ControlFlow;
use std::path::PathBuf;

use serde::Serialize;
use zai_errors::sse::{self, DriveEnd, Event, Scanner, drive};
use zai_errors::{ApiError, BeijingTime, Category, Classification, Escaped, Fault, Kind, Retry};

use crate::output::{clean, print_json};

/// The scanner's data capacity: events longer than this are reported as over-long and skipped.
const EVENT_CAPACITY: usize = 64 * 1024;
/// How much is read from the input at a time.
const READ_SIZE: usize = 8 * 1024;

/// One JSON line: `event` is `chunk`, `finish`, `error`, `done` or `cut` (DESIGN §4).
#[derive(Serialize)]
#[serde(tag = "event", rename_all = "snake_case")]
enum Line<'a> {
    Chunk {
        /// The `event:` name, when the stream names its events.
        name: Option<&'a str>,
        finish_reason: Option<&'a str>,
        bytes: usize,
        /// The event was longer than the scanner holds: skipped, `data` is null.
        overlong: bool,
        data: Option<String>,
        /// The answer text this chunk adds, decoded.
        text: Option<String>,
        /// The reasoning text this chunk adds, decoded.
        reasoning: Option<String>,
    },
    Finish(Classified<'a>),
    Error(&'a ApiError),
    Done,
    Cut(Classified<'a>),
}

/// A finish reason or a cut, with every key of `classify --json` (no HTTP answer of its own: the
/// status is the stream's 200, the body keys are null).
#[derive(Serialize)]
struct Classified<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    finish_reason: Option<&'a str>,
    error: bool,
    status: u16,
    code: Option<u16>,
    code_text: Option<&'a str>,
    known: bool,
    category: Category,
    kind: Kind,
    retry: Option<Retry>,
    fault: Fault,
    reset_at: Option<BeijingTime>,
    reset_at_unix: Option<i64>,
    request_id: Option<&'a str>,
    message: Option<&'a str>,
    truncated: bool,
    detail: Option<()>,
    shape: Option<&'a str>,
    body_cut: bool,
}

impl<'a> Classified<'a> {
    fn new(finish_reason: Option<&'a str>, class: Classification) -> Self {
        Self {
            finish_reason,
            error: class.is_error(),
            status: 200,
            code: None,
            code_text: None,
            known: class.known,
            category: class.category,
            kind: class.kind,
            retry: class.retry,
            fault: class.fault,
            reset_at: None,
            reset_at_unix: None,
            request_id: None,
            message: None,
            truncated: false,
            detail: None,
            shape: None,
            body_cut: false,
        }
    }
}

/// Opens the input; a file that cannot be opened is an I/O error naming it (exit 1).
fn open(file: Option<PathBuf>) -> io::Result<(Box<dyn Read>, String)> {
    match file {
        Some(path) if path.as_os_str() != "-" => {
            let name = path.display().to_string();
            File::open(&path)
                .map(|f| (Box::new(f) as Box<dyn Read>, name.clone()))
                .map_err(|e| io::Error::new(e.kind(), format!("cannot open {name}: {e}")))
        }
        _ => Ok((Box::new(io::stdin().lock()), "stdin".to_owned())),
    }
}

/// How the output is written.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Style {
    Human,
    Json,
    Text,
}

pub fn run(file: Option<PathBuf>, json: bool, text: bool) -> io::Result<()> {
    let style = match (json, text) {
        (true, _) => Style::Json,
        (false, true) => Style::Text,
        (false, false) => Style::Human,
    };
    let (mut input, name) = open(file)?;
    let mut scanner: Box<Scanner<EVENT_CAPACITY>> = Box::default();
    let mut buffer = vec![0u8; READ_SIZE];
    let mut done_printed = false;
    let mut said_text = TextOutput::default();
    let end = drive(
        &mut scanner,
        &mut buffer,
        |buf| read_retrying(&mut input, buf),
        |event| {
            let printed = match style {
                Style::Json if line(&event).is_none() => Ok(()),
                Style::Json => {
                    // `done` once, for the first end marker.
                    if matches!(event, Event::Done) && std::mem::replace(&mut done_printed, true) {
                        Ok(())
                    } else {
                        print_json(&line(&event))
                    }
                }
                Style::Human => print_human(&event),
                Style::Text => said_text.take(&event),
            };
            match printed {
                Ok(()) => ControlFlow::Continue(()),
                Err(error) => ControlFlow::Break(error),
            }
        },
    )
    .map_err(|error| io::Error::new(error.kind(), format!("cannot read {name}: {error}")))?;
    if let DriveEnd::Stopped(error) = end {
        return Err(error);
    }
    if style == Style::Text {
        said_text.end()?;
    }
    Ok(())
}

/// A read that retries when interrupted by a signal.
fn read_retrying(input: &mut impl Read, buf: &mut [u8]) -> io::Result<usize> {
    loop {
        match input.read(buf) {
            Err(error) if error.kind() == io::ErrorKind::Interrupted => continue,
            result => return result,
        }
    }
}

fn line<'a>(event: &'a Event<'a>) -> Option<Line<'a>> {
    Some(match event {
        Event::Chunk(chunk) => Line::Chunk {
            name: chunk.event,
            finish_reason: chunk.finish_reason.as_ref().map(|r| r.as_str()),
            bytes: chunk.data.len(),
            overlong: false,
            data: Some(String::from_utf8_lossy(chunk.data).into_owned()),
            text: chunk.text.map(|d| d.to_string()),
            reasoning: chunk.reasoning.map(|d| d.to_string()),
        },
        Event::Overlong(bytes) => Line::Chunk {
            name: None,
            finish_reason: None,
            bytes: *bytes,
            overlong: true,
            data: None,
            text: None,
            reasoning: None,
        },
        Event::Finish(reason) => {
            Line::Finish(Classified::new(Some(reason.as_str()), reason.classify()))
        }
        Event::Error(error) => Line::Error(error),
        Event::Done => Line::Done,
        Event::Cut => Line::Cut(Classified::new(None, sse::CUT)),
        _ => return None,
    })
}

fn print_human(event: &Event<'_>) -> io::Result<()> {
    let mut out = io::stdout().lock();
    match event {
        Event::Chunk(chunk) => {
            let name = chunk
                .event
                .map(|n| format!(" {}", clean(n)))
                .unwrap_or_default();
            write!(out, "chunk  {name} {} bytes", chunk.data.len())?;
            if let Some(reason) = &chunk.finish_reason {
                write!(out, ", finish_reason {}", clean(reason.as_str()))?;
            }
            if let Some(text) = chunk.text {
                write!(out, ", text {}", clean(&format!("{:?}", text.to_string())))?;
            }
            if let Some(reasoning) = chunk.reasoning {
                write!(
                    out,
                    ", reasoning {}",
                    clean(&format!("{:?}", reasoning.to_string()))
                )?;
            }
            writeln!(out)
        }
        Event::Overlong(bytes) => writeln!(out, "chunk   over-long ({bytes} bytes): skipped"),
        Event::Finish(reason) => {
            let class = reason.classify();
            let what = match class.retry {
                None if !class.known => "not known to this tool (kept verbatim)".to_owned(),
                None if reason.is_truncated_output() => {
                    "not an error, but the output is cut".to_owned()
                }
                None => "not an error".to_owned(),
                Some(retry) => format!("retry: {retry}; whose move: {}", class.fault.advice()),
            };
            writeln!(
                out,
                "finish  {}: {} ({}), {what}",
                clean(reason.as_str()),
                class.kind,
                class.category
            )
        }
        Event::Error(error) => writeln!(out, "error   {error}"),
        Event::Done => writeln!(out, "done"),
        Event::Cut => writeln!(
            out,
            "cut     the input ended without the stream's normal end (no end marker or finish \
             reason): the connection dropped; retry: backoff"
        ),
        _ => Ok(()),
    }
}

/// `--text`: the answer as it arrives, then one line saying how the stream ended.
#[derive(Default)]
struct TextOutput {
    /// The last char written was a newline (or nothing was written).
    at_line_start: bool,
    wrote: bool,
    /// How the stream ended, once known.
    ending: Option<String>,
}

impl TextOutput {
    fn take(&mut self, event: &Event<'_>) -> io::Result<()> {
        match event {
            Event::Chunk(chunk) => {
                if let Some(text) = chunk.text {
                    let text = safe_text(&text.to_string());
                    if !text.is_empty() {
                        let mut out = io::stdout().lock();
                        out.write_all(text.as_bytes())?;
                        out.flush()?;
                        self.wrote = true;
                        self.at_line_start = text.ends_with('\n');
                    }
                }
            }
            Event::Finish(reason) => {
                let class = reason.classify();
                self.ending
                    .get_or_insert_with(|| format!("{} ({})", clean(reason.as_str()), class.kind));
            }
            Event::Error(error) => {
                self.ending.get_or_insert_with(|| format!("error: {error}"));
            }
            Event::Cut => {
                self.ending.get_or_insert_with(|| {
                    "cut: the stream ended without its normal end".to_owned()
                });
            }
            Event::Done => {
                self.ending
                    .get_or_insert_with(|| "done (no finish reason given)".to_owned());
            }
            _ => {}
        }
        Ok(())
    }

    fn end(&self) -> io::Result<()> {
        let mut out = io::stdout().lock();
        if self.wrote && !self.at_line_start {
            writeln!(out)?;
        }
        let ending = self.ending.as_deref().unwrap_or("no events");
        writeln!(out, "[end: {ending}]")
    }
}

/// Model text made safe for a terminal: newlines and tabs kept, every other character that
/// [`Escaped`] escapes shown escaped.
fn safe_text(text: &str) -> String {
    text.split_inclusive(['\n', '\t'])
        .map(|piece| {
            let (body, end) = match piece.char_indices().last() {
                Some((at, c @ ('\n' | '\t'))) => (&piece[..at], Some(c)),
                _ => (piece, None),
            };
            let mut shown = Escaped(body).to_string();
            shown.extend(end);
            shown
        })
        .collect()
}
