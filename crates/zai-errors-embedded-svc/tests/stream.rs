//! The adapter's stream reading over the test-double connection, for every golden transcript in
//! every dialect: the events and the decoded text and reasoning are the core's, in 1–7 byte reads,
//! blocking and async; a stream cut anywhere is reported as the core's scanner sees it; a transport
//! error is reported with the events before it; reading stops at the end marker.

#[path = "double/check.rs"]
mod check;
mod double;

use core::ops::ControlFlow;

use check::{Line, describe};
use double::{Bytes, Conn, Plan};
use embedded_io::ErrorKind;
use embedded_svc::http::client::{Response, asynch};
use zai_errors::sse::{DeltaKind, DriveEnd, Event, Scanner, drive};
use zai_errors_embedded_svc::{StreamEnd, asynch as adapter_async, blocking};
use zai_errors_vectors::STREAMS;

/// What a reading produced: the events in compact form, the text and the reasoning.
#[derive(Debug, Default, PartialEq)]
struct Seen {
    events: Vec<String>,
    text: String,
    reasoning: String,
}

impl Seen {
    fn take(&mut self, event: &Event<'_>) {
        let mut line = Line::new();
        describe(event, &mut line);
        self.events.push(line.as_str().to_owned());
        if let Event::Chunk(chunk) = event {
            for delta in [chunk.text, chunk.reasoning].into_iter().flatten() {
                let out = match delta.kind() {
                    DeltaKind::Reasoning => &mut self.reasoning,
                    _ => &mut self.text,
                };
                delta.write_to(out).expect("a String takes any text");
            }
        }
    }
}

fn blocking_seen(conn: &mut Conn<Bytes>, read_size: usize) -> (Seen, StreamEnd<ErrorKind>) {
    let mut scanner = Scanner::new();
    let mut buffer = vec![0u8; read_size];
    let mut seen = Seen::default();
    let mut response = Response::wrap(conn);
    let end = blocking::read_stream(&mut response, &mut scanner, &mut buffer, |event| {
        seen.take(&event);
        ControlFlow::Continue(())
    });
    (seen, end)
}

fn async_seen(conn: &mut Conn<Bytes>, read_size: usize) -> (Seen, StreamEnd<ErrorKind>) {
    let mut scanner = Scanner::new();
    let mut buffer = vec![0u8; read_size];
    let mut seen = Seen::default();
    let mut response = asynch::Response::wrap(conn);
    let end = embassy_futures::block_on(adapter_async::read_stream(
        &mut response,
        &mut scanner,
        &mut buffer,
        |event| {
            seen.take(&event);
            ControlFlow::Continue(())
        },
    ));
    (seen, end)
}

/// The core's own reading of `transcript` (through `drive`, whole): what the adapter must match.
fn core_seen(transcript: &[u8]) -> Seen {
    let mut scanner = Scanner::new();
    let mut source = transcript;
    let mut buffer = [0u8; 64];
    let mut seen = Seen::default();
    let read = |buf: &mut [u8]| -> Result<usize, ()> {
        let n = buf.len().min(source.len());
        buf[..n].copy_from_slice(&source[..n]);
        source = &source[n..];
        Ok(n)
    };
    let end = drive(&mut scanner, &mut buffer, read, |event| {
        seen.take(&event);
        ControlFlow::<()>::Continue(())
    });
    assert_eq!(end, Ok(DriveEnd::EndOfStream));
    seen
}

fn stream_conn(transcript: &'static [u8], plan: Plan) -> Conn<Bytes> {
    Conn::new(200, None, Bytes::new(transcript), plan).responding()
}

/// The end the adapter must report after `events`.
fn end_after(events: &[impl AsRef<str>]) -> StreamEnd<ErrorKind> {
    match events.last().map(AsRef::as_ref) {
        Some("cut") => StreamEnd::Cut,
        _ => StreamEnd::Ended,
    }
}

fn done_at(transcript: &[u8]) -> Option<usize> {
    transcript.windows(12).position(|w| w == b"data: [DONE]")
}

#[test]
fn every_transcript_gives_its_events_text_and_reasoning_in_small_reads() {
    for (index, stream) in STREAMS.iter().enumerate() {
        let plan = Plan {
            chunks: Some(index),
            ..Plan::CHUNKED
        };
        for read_size in [1, 7, 512] {
            for (path, (seen, end)) in [
                (
                    "blocking",
                    blocking_seen(&mut stream_conn(stream.transcript, plan), read_size),
                ),
                (
                    "async",
                    async_seen(&mut stream_conn(stream.transcript, plan), read_size),
                ),
            ] {
                let context = format!("{} ({path}, reads of {read_size})", stream.name);
                assert_eq!(seen.events, stream.events, "{context}");
                assert_eq!(seen.text, stream.text, "{context}");
                assert_eq!(seen.reasoning, stream.reasoning, "{context}");
                assert_eq!(end, end_after(stream.events), "{context}");
            }
        }
    }
}

#[test]
fn reading_stops_at_the_end_marker() {
    let mut checked = 0;
    for stream in STREAMS.iter().filter(|s| s.events.contains(&"done")) {
        let Some(at_done) = done_at(stream.transcript) else {
            continue;
        };
        if stream.transcript[..at_done]
            .windows(12)
            .any(|w| w == b"message_stop")
        {
            continue; // Anthropic: the end is message_stop, before a tolerated [DONE].
        }
        let mut conn = stream_conn(
            stream.transcript,
            Plan {
                chunks: None,
                ..Plan::CHUNKED
            },
        );
        let (_, end) = blocking_seen(&mut conn, 1);
        assert_eq!(end, StreamEnd::Ended, "{}", stream.name);
        // Whatever follows [DONE] (a keep-alive connection would block) is never asked for.
        assert!(
            conn.body.delivered() <= at_done + 16,
            "{} read past [DONE]",
            stream.name
        );
        checked += 1;
    }
    assert!(checked > 5, "only {checked} transcripts end with [DONE]");
}

#[test]
fn a_stream_cut_anywhere_is_reported_as_the_core_sees_it() {
    let mut cuts = 0;
    for stream in STREAMS.iter().filter(|s| s.transcript.len() < 4096) {
        for at in 0..stream.transcript.len() {
            let prefix = &stream.transcript[..at];
            let core = core_seen(prefix);
            let plan = Plan {
                end_at: Some(at),
                ..Plan::CHUNKED
            };
            let (seen, end) = blocking_seen(&mut stream_conn(stream.transcript, plan), 64);
            let context = format!("{} cut at {at}", stream.name);
            // The adapter stops at the end marker; the core's drive goes on to the input's end.
            let stopped = core
                .events
                .iter()
                .position(|e| e == "done")
                .map_or(core.events.len(), |i| i + 1);
            assert_eq!(seen.events, core.events[..stopped], "{context}");
            assert_eq!(end, end_after(&seen.events), "{context}");
            if end == StreamEnd::Cut {
                assert!(end.is_cut());
                cuts += 1;
            }
        }
    }
    assert!(cuts > 1000, "only {cuts} cut positions were reported cut");
}

#[test]
fn transport_errors_mid_stream_are_reported_after_the_events_before_them() {
    for stream in STREAMS.iter().filter(|s| s.transcript.len() < 4096) {
        for at in (0..stream.transcript.len()).step_by(5) {
            for kind in [ErrorKind::TimedOut, ErrorKind::ConnectionReset] {
                let plan = Plan {
                    fail_at: Some((at, kind)),
                    ..Plan::CHUNKED
                };
                for (seen, end) in [
                    blocking_seen(&mut stream_conn(stream.transcript, plan), 64),
                    async_seen(&mut stream_conn(stream.transcript, plan), 64),
                ] {
                    if end == StreamEnd::Ended {
                        // The end marker came before the failure point.
                        assert_eq!(seen.events, stream.events, "{} at {at}", stream.name);
                        continue;
                    }
                    assert_eq!(end, StreamEnd::Transport(kind), "{} at {at}", stream.name);
                    assert!(end.is_cut());
                    assert!(seen.events.len() <= stream.events.len());
                    assert_eq!(
                        seen.events[..],
                        stream.events[..seen.events.len()],
                        "{} at {at}",
                        stream.name
                    );
                }
            }
        }
    }
}

#[test]
fn over_reported_reads_are_clamped_in_streams() {
    for stream in STREAMS {
        let plan = Plan {
            over_report: true,
            chunks: None,
            ..Plan::CHUNKED
        };
        let (seen, end) = blocking_seen(&mut stream_conn(stream.transcript, plan), 16);
        assert_eq!(seen.events, stream.events, "{}", stream.name);
        assert_eq!(seen.text, stream.text, "{}", stream.name);
        assert_eq!(end, end_after(stream.events), "{}", stream.name);
    }
}

#[test]
fn the_handler_can_stop_the_stream_and_the_scanner_serves_the_next_one() {
    let stream = STREAMS
        .iter()
        .find(|s| s.events.len() >= 3)
        .expect("a long stream");
    let mut scanner = Scanner::new();
    let mut buffer = [0u8; 32];
    let mut conn = stream_conn(stream.transcript, Plan::CHUNKED);
    let mut count = 0;
    let end = blocking::read_stream(
        &mut Response::wrap(&mut conn),
        &mut scanner,
        &mut buffer,
        |_| {
            count += 1;
            if count == 2 {
                ControlFlow::Break(count)
            } else {
                ControlFlow::Continue(())
            }
        },
    );
    assert_eq!(end, StreamEnd::Stopped(2));
    // The same scanner, left mid-stream, reads the next stream from its start.
    let mut next = stream_conn(stream.transcript, Plan::CHUNKED);
    let mut seen = Seen::default();
    let end = blocking::read_stream(
        &mut Response::wrap(&mut next),
        &mut scanner,
        &mut buffer,
        |event| {
            seen.take(&event);
            ControlFlow::<()>::Continue(())
        },
    );
    assert_eq!(seen.events, stream.events);
    assert_eq!(end, end_after(stream.events));
}

#[test]
fn a_plain_json_error_body_where_a_stream_was_expected_is_one_error() {
    let body: &'static [u8] = br#"{"code":1000,"msg":"Authentication failed","success":false}"#;
    let (seen, end) = blocking_seen(&mut stream_conn(body, Plan::CHUNKED), 7);
    assert_eq!(
        seen.events.first().map(String::as_str),
        Some("error:1000:authentication_failed:never")
    );
    assert_ne!(end, StreamEnd::Stopped(()));
}
