//! `zai-errors stream [FILE]`: scan an SSE transcript, one line per event.

use std::borrow::Cow;
use std::fs::File;
use std::io::{self, Read};
use std::ops::ControlFlow;
use std::path::PathBuf;

use serde::Serialize;
use zai_errors::sse::{DriveEnd, Event, Scanner, drive};
use zai_errors::{ApiError, BeijingTime, Category, Fault, FinishReason, Kind, Retry};

use crate::output::{clean, print_json};

/// The scanner's data capacity: events longer than this are reported as over-long and skipped.
const EVENT_CAPACITY: usize = 64 * 1024;
/// How much is read from the input at a time.
const READ_SIZE: usize = 8 * 1024;

/// One JSON line: `event` is `chunk`, `finish`, `error` or `done`.
#[derive(Serialize)]
#[serde(tag = "event", rename_all = "snake_case")]
enum Line<'a> {
    Chunk {
        finish_reason: Option<&'a str>,
        bytes: usize,
        /// The event was longer than the scanner holds: skipped, `data` is null.
        overlong: bool,
        data: Option<Cow<'a, str>>,
    },
    Finish(FinishLine<'a>),
    Error(&'a ApiError),
    Done,
}

/// A finish reason with the keys of `classify --json`.
#[derive(Serialize)]
struct FinishLine<'a> {
    finish_reason: &'a str,
    error: bool,
    status: u16,
    code: Option<u16>,
    known: bool,
    category: Category,
    kind: Kind,
    retry: Option<Retry>,
    fault: Fault,
    reset_at: Option<BeijingTime>,
    request_id: Option<&'a str>,
    message: Option<&'a str>,
    truncated: bool,
}

impl<'a> FinishLine<'a> {
    fn new(reason: &'a FinishReason) -> Self {
        let class = reason.classify();
        Self {
            finish_reason: reason.as_str(),
            error: class.is_error(),
            status: 200,
            code: None,
            known: class.known,
            category: class.category,
            kind: class.kind,
            retry: class.retry,
            fault: class.fault,
            reset_at: None,
            request_id: None,
            message: None,
            truncated: false,
        }
    }
}

/// Opens the input; a file that cannot be opened is a usage error.
fn open(file: Option<PathBuf>) -> io::Result<Box<dyn Read>> {
    match file {
        Some(path) if path.as_os_str() != "-" => File::open(&path)
            .map(|f| Box::new(f) as Box<dyn Read>)
            .map_err(|e| {
                io::Error::new(
                    io::ErrorKind::InvalidInput,
                    format!("cannot open {}: {e}", path.display()),
                )
            }),
        _ => Ok(Box::new(io::stdin().lock())),
    }
}

pub fn run(file: Option<PathBuf>, json: bool, _text: bool) -> io::Result<()> {
    let mut input = open(file)?;
    let mut scanner: Box<Scanner<EVENT_CAPACITY>> = Box::default();
    let mut buffer = vec![0u8; READ_SIZE];
    let mut ended = false;
    let end = drive(
        &mut scanner,
        &mut buffer,
        |buf| read_retrying(&mut input, buf),
        |event| {
            ended |= matches!(event, Event::Done);
            let printed = if json {
                print_json(&line(&event))
            } else {
                print_human(&event)
            };
            match printed {
                Ok(()) => ControlFlow::Continue(()),
                Err(error) => ControlFlow::Break(error),
            }
        },
    )?;
    if let DriveEnd::Stopped(error) = end {
        return Err(error);
    }
    if !json && !ended {
        use std::io::Write;
        writeln!(
            io::stdout().lock(),
            "end     no [DONE]: the stream ended early or was cut"
        )?;
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

fn line<'a>(event: &'a Event<'a>) -> Line<'a> {
    match event {
        Event::Chunk(chunk) => Line::Chunk {
            finish_reason: chunk.finish_reason.as_ref().map(FinishReason::as_str),
            bytes: chunk.data.len(),
            overlong: false,
            data: Some(String::from_utf8_lossy(chunk.data)),
        },
        Event::Overlong(bytes) => Line::Chunk {
            finish_reason: None,
            bytes: *bytes,
            overlong: true,
            data: None,
        },
        Event::Finish(reason) => Line::Finish(FinishLine::new(reason)),
        Event::Error(error) => Line::Error(error),
        Event::Done => Line::Done,
    }
}

fn print_human(event: &Event<'_>) -> io::Result<()> {
    use std::io::Write;
    let mut out = io::stdout().lock();
    match event {
        Event::Chunk(chunk) => match &chunk.finish_reason {
            Some(reason) => writeln!(
                out,
                "chunk   {} bytes, finish_reason {}",
                chunk.data.len(),
                clean(reason.as_str())
            ),
            None => writeln!(out, "chunk   {} bytes", chunk.data.len()),
        },
        Event::Overlong(bytes) => writeln!(out, "chunk   over-long ({bytes} bytes): skipped"),
        Event::Finish(reason) => {
            let class = reason.classify();
            let what = match class.retry {
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
    }
}
