//! The adapter's stream reading over the test-double connection, for every golden transcript: the
//! events are the core's, in 1–7 byte reads, blocking and async; a stream cut anywhere before its
//! end marker is reported cut; a transport error is reported with the events before it; reading
//! stops at the end marker.

#[path = "double/check.rs"]
mod check;
mod double;

use core::ops::ControlFlow;

use check::{Line, describe};
use double::{Bytes, Conn, Plan};
use embedded_io::ErrorKind;
use embedded_svc::http::client::{Response, asynch};
use zai_errors::sse::Scanner;
use zai_errors_embedded_svc::{StreamEnd, asynch as adapter_async, blocking};
use zai_errors_vectors::STREAMS;

type Events = Vec<String>;

fn blocking_events(conn: &mut Conn<Bytes>, read_size: usize) -> (Events, StreamEnd<ErrorKind>) {
    let mut scanner = Scanner::new();
    let mut buffer = vec![0u8; read_size];
    let mut events = Vec::new();
    let mut response = Response::wrap(conn);
    let end = blocking::read_stream(&mut response, &mut scanner, &mut buffer, |event| {
        let mut line = Line::new();
        describe(&event, &mut line);
        events.push(line.as_str().to_owned());
        ControlFlow::Continue(())
    });
    (events, end)
}

fn async_events(conn: &mut Conn<Bytes>, read_size: usize) -> (Events, StreamEnd<ErrorKind>) {
    let mut scanner = Scanner::new();
    let mut buffer = vec![0u8; read_size];
    let mut events = Vec::new();
    let mut response = asynch::Response::wrap(conn);
    let end = embassy_futures::block_on(adapter_async::read_stream(
        &mut response,
        &mut scanner,
        &mut buffer,
        |event| {
            let mut line = Line::new();
            describe(&event, &mut line);
            events.push(line.as_str().to_owned());
            ControlFlow::Continue(())
        },
    ));
    (events, end)
}

fn stream_conn(transcript: &'static [u8], plan: Plan) -> Conn<Bytes> {
    Conn::new(200, None, Bytes::new(transcript), plan).responding()
}

/// Whether the transcript has its end marker.
fn has_done(events: &[&str]) -> bool {
    events.contains(&"done")
}

#[test]
fn every_transcript_gives_its_events_in_small_reads() {
    for (index, stream) in STREAMS.iter().enumerate() {
        let plan = Plan {
            chunks: Some(index),
            ..Plan::CHUNKED
        };
        let expected_end = if has_done(stream.events) {
            StreamEnd::Ended
        } else {
            StreamEnd::Cut
        };
        for read_size in [1, 7, 512] {
            for (path, (events, end)) in [
                (
                    "blocking",
                    blocking_events(&mut stream_conn(stream.transcript, plan), read_size),
                ),
                (
                    "async",
                    async_events(&mut stream_conn(stream.transcript, plan), read_size),
                ),
            ] {
                assert_eq!(
                    events, stream.events,
                    "{} ({path}, reads of {read_size})",
                    stream.name
                );
                assert_eq!(end, expected_end, "{} ({path})", stream.name);
            }
        }
    }
}

#[test]
fn reading_stops_at_the_end_marker() {
    for stream in STREAMS.iter().filter(|s| has_done(s.events)) {
        let mut conn = stream_conn(
            stream.transcript,
            Plan {
                chunks: None,
                ..Plan::CHUNKED
            },
        );
        // Whatever follows [DONE] (a keep-alive connection would block) is never asked for.
        let (_, end) = blocking_events(&mut conn, 1);
        assert_eq!(end, StreamEnd::Ended);
        let at_done = stream
            .transcript
            .windows(12)
            .position(|w| w == b"data: [DONE]")
            .expect("[DONE]");
        assert!(
            conn.body.delivered() <= at_done + 16,
            "{} read past [DONE]",
            stream.name
        );
    }
}

#[test]
fn a_stream_cut_anywhere_before_its_end_is_reported_cut() {
    for stream in STREAMS
        .iter()
        .filter(|s| s.transcript.len() < 4096 && has_done(s.events))
    {
        let at_done = stream
            .transcript
            .windows(12)
            .position(|w| w == b"data: [DONE]")
            .expect("[DONE]");
        for at in 0..at_done + 12 {
            let plan = Plan {
                end_at: Some(at),
                ..Plan::CHUNKED
            };
            let (events, end) = blocking_events(&mut stream_conn(stream.transcript, plan), 64);
            assert_eq!(end, StreamEnd::Cut, "{} cut at {at}", stream.name);
            assert!(end.is_cut());
            assert!(
                !events.iter().any(|e| e == "done"),
                "{} cut at {at}",
                stream.name
            );
            // The events before the cut are the transcript's, in order.
            let prefix = &stream.events[..events.len().saturating_sub(1)];
            assert_eq!(
                &events[..prefix.len()],
                prefix,
                "{} cut at {at}",
                stream.name
            );
        }
    }
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
                for (events, end) in [
                    blocking_events(&mut stream_conn(stream.transcript, plan), 64),
                    async_events(&mut stream_conn(stream.transcript, plan), 64),
                ] {
                    if end == StreamEnd::Ended {
                        // The end marker came before the failure point.
                        assert_eq!(events, stream.events, "{} at {at}", stream.name);
                        continue;
                    }
                    assert_eq!(end, StreamEnd::Transport(kind), "{} at {at}", stream.name);
                    assert!(events.len() <= stream.events.len());
                    assert_eq!(
                        events[..],
                        stream.events[..events.len()],
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
        let (events, _) = blocking_events(&mut stream_conn(stream.transcript, plan), 16);
        assert_eq!(events, stream.events, "{}", stream.name);
    }
}

#[test]
fn the_handler_can_stop_the_stream() {
    let stream = STREAMS
        .iter()
        .find(|s| s.events.len() >= 3)
        .expect("a long stream");
    let mut scanner = Scanner::new();
    let mut buffer = [0u8; 32];
    let mut conn = stream_conn(stream.transcript, Plan::CHUNKED);
    let mut seen = 0;
    let end = blocking::read_stream(
        &mut Response::wrap(&mut conn),
        &mut scanner,
        &mut buffer,
        |_| {
            seen += 1;
            if seen == 2 {
                ControlFlow::Break(seen)
            } else {
                ControlFlow::Continue(())
            }
        },
    );
    assert_eq!(end, StreamEnd::Stopped(2));
}
