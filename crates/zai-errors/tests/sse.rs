//! The SSE scanner over the golden transcripts: fed whole, byte by byte and in random chunkings,
//! the events are the expected ones and never depend on the chunking.

#[path = "common/config.rs"]
mod common;
#[path = "common/invariants.rs"]
mod invariants;

use proptest::prelude::*;
use std::ops::ControlFlow;

use zai_errors::sse::{self, DriveEnd, drive};
use zai_errors_vectors::STREAMS;

/// An event: its compact form of the vectors (`finish:network_error:backoff`), the chunk data,
/// and the decoded text and reasoning deltas.
type Described = (String, Vec<u8>, String, String);

fn describe(event: &sse::Event<'_>) -> Described {
    let (name, data) = describe_name(event);
    let (text, reasoning) = match event {
        sse::Event::Chunk(chunk) => (
            chunk.text.map(|d| d.to_string()).unwrap_or_default(),
            chunk.reasoning.map(|d| d.to_string()).unwrap_or_default(),
        ),
        _ => (String::new(), String::new()),
    };
    (name, data, text, reasoning)
}

fn describe_name(event: &sse::Event<'_>) -> (String, Vec<u8>) {
    let retry = |r: Option<zai_errors::Retry>| r.map_or("-", |r| r.as_str());
    match event {
        sse::Event::Chunk(chunk) => (
            match &chunk.finish_reason {
                Some(reason) => format!("chunk:{reason}"),
                None => "chunk".into(),
            },
            chunk.data.to_vec(),
        ),
        sse::Event::Finish(reason) => (
            format!("finish:{reason}:{}", retry(reason.classify().retry)),
            vec![],
        ),
        sse::Event::Error(error) => {
            let code = error.code().map_or("-".into(), |c| c.to_string());
            (
                format!("error:{code}:{}:{}", error.kind(), retry(error.retry())),
                vec![],
            )
        }
        sse::Event::Done => ("done".into(), vec![]),
        sse::Event::Overlong(_) => ("overlong".into(), vec![]),
        sse::Event::Cut => ("cut".into(), vec![]),
        _ => ("unknown".into(), vec![]),
    }
}

/// Scans `transcript` split at `cuts` (sorted positions), then finishes the stream.
fn scan(transcript: &[u8], cuts: &[usize]) -> Vec<Described> {
    let mut scanner = sse::Scanner::new();
    let mut events = Vec::new();
    let mut start = 0;
    for &end in cuts.iter().chain([transcript.len()].iter()) {
        let end = end.clamp(start, transcript.len());
        let mut input = &transcript[start..end];
        while let Some(event) = scanner.next_event(&mut input) {
            events.push(describe(&event));
        }
        assert!(input.is_empty());
        start = end;
    }
    while let Some(event) = scanner.finish() {
        events.push(describe(&event));
    }
    events
}

/// The golden streams; under Miri (about a thousand times slower) only those under 4 KiB.
fn streams() -> Vec<&'static zai_errors_vectors::StreamVector> {
    STREAMS
        .iter()
        .filter(|s| !cfg!(miri) || s.transcript.len() <= 4096)
        .collect()
}

fn names(events: &[Described]) -> Vec<&str> {
    events.iter().map(|(name, ..)| name.as_str()).collect()
}

/// The text and the reasoning the deltas of `events` add up to.
fn said(events: &[Described]) -> (String, String) {
    events.iter().fold(
        (String::new(), String::new()),
        |(t, r), (_, _, text, reasoning)| (t + text, r + reasoning),
    )
}

#[test]
fn every_transcript_gives_its_events_whole_and_byte_by_byte() {
    for stream in streams() {
        let whole = scan(stream.transcript, &[]);
        assert_eq!(names(&whole), stream.events, "{} (whole)", stream.name);
        assert_eq!(
            said(&whole),
            (stream.text.to_owned(), stream.reasoning.to_owned()),
            "{} (deltas)",
            stream.name
        );
        let every_byte: Vec<usize> = (1..stream.transcript.len()).collect();
        assert_eq!(
            scan(stream.transcript, &every_byte),
            whole,
            "{} (byte by byte)",
            stream.name
        );
    }
}

#[test]
fn chunk_data_is_the_joined_data_lines() {
    let stream = STREAMS
        .iter()
        .find(|s| s.name.starts_with("13-"))
        .expect("vector 13");
    let events = scan(stream.transcript, &[]);
    assert_eq!(
        events[0].1,
        b"{\"choices\":[{\"delta\":{},\n\"finish_reason\":\"stop\"}]}"
    );
    assert_eq!(events[2].1, b"", "a bare `data` line is an empty data line");
}

#[test]
fn the_scanner_recovers_after_an_overlong_line_with_a_small_buffer() {
    let stream = STREAMS
        .iter()
        .find(|s| s.name.starts_with("14-"))
        .expect("vector 14");
    let mut scanner = sse::Scanner::<128>::with_capacities();
    let mut input = stream.transcript;
    let (mut seen, mut lengths) = (Vec::new(), Vec::new());
    while let Some(event) = scanner.next_event(&mut input) {
        if let sse::Event::Overlong(len) = event {
            lengths.push(len);
        }
        seen.push(event.name());
    }
    // The whole length of each skipped event is reported.
    assert!(lengths[0] > 100_000 && lengths[1] > 128, "{lengths:?}");
    // Both chunks exceed 128 bytes (the second carries usage): reported, skipped, and the scanner
    // still sees the end.
    assert_eq!(seen, ["overlong", "overlong", "done"]);
}

#[test]
fn in_band_errors_carry_code_message_and_request_id() {
    let stream = STREAMS
        .iter()
        .find(|s| s.name.starts_with("10-"))
        .expect("vector 10");
    let mut scanner = sse::Scanner::new();
    let mut input = stream.transcript;
    let mut found = false;
    while let Some(event) = scanner.next_event(&mut input) {
        if let sse::Event::Error(error) = event {
            assert_eq!(error.status(), 200);
            assert_eq!(error.message(), Some("Network error, error id: 2026112608"));
            assert_eq!(error.request_id(), Some("20261126081412abc"));
            found = true;
        }
    }
    assert!(found);
}

proptest! {
    #![proptest_config(common::config(400))]

    #[test]
    fn events_never_depend_on_the_chunking(
        index in 0..streams().len(),
        mut cuts in prop::collection::vec(0usize..3000, 0..40),
    ) {
        let stream = streams()[index];
        cuts.sort_unstable();
        prop_assert_eq!(scan(stream.transcript, &cuts), scan(stream.transcript, &[]), "{}", stream.name);
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(
        prop_oneof![any::<u8>(), prop::sample::select(b"data: event:error\r\n{}[DONE]\"".to_vec())], 0..600),
        cuts in prop::collection::vec(0usize..600, 0..8),
    ) {
        let mut cuts = cuts;
        cuts.sort_unstable();
        let events = scan(&bytes, &cuts);
        invariants::check_events(&events.iter().map(|(name, ..)| name.clone()).collect::<Vec<_>>());
        prop_assert_eq!(events, scan(&bytes, &[]));
    }
}

#[test]
fn drive_delivers_events_across_short_reads_and_returns_read_errors() {
    let transcript = STREAMS
        .iter()
        .find(|s| s.name.starts_with("02-"))
        .expect("vector 02")
        .transcript;
    // Reads of 1 to 7 bytes, then an I/O error after 300 bytes.
    let (mut offset, mut step) = (0usize, 0usize);
    let read = |buf: &mut [u8]| -> Result<usize, &'static str> {
        if offset >= 300 {
            return Err("connection reset");
        }
        step = step % 7 + 1;
        let n = step.min(buf.len()).min(transcript.len() - offset);
        buf[..n].copy_from_slice(&transcript[offset..offset + n]);
        offset += n;
        Ok(n)
    };
    let mut scanner = sse::Scanner::<1024>::with_capacities();
    let mut buffer = [0u8; 32];
    let mut seen = Vec::new();
    let end: Result<DriveEnd, _> = drive(&mut scanner, &mut buffer, read, |event| {
        seen.push(event.name());
        ControlFlow::Continue(())
    });
    assert_eq!(end, Err("connection reset"));
    assert_eq!(
        seen,
        ["chunk"],
        "the event completed before the error was delivered"
    );

    // The handler can stop the drive.
    let mut source = transcript;
    let read = |buf: &mut [u8]| -> Result<usize, ()> {
        let n = buf.len().min(source.len());
        buf[..n].copy_from_slice(&source[..n]);
        source = &source[n..];
        Ok(n)
    };
    let mut scanner = sse::Scanner::<1024>::with_capacities();
    let end = drive(&mut scanner, &mut buffer, read, |event| {
        if event.is_error() {
            ControlFlow::Break(())
        } else {
            ControlFlow::Continue(())
        }
    });
    assert_eq!(end, Ok(DriveEnd::Stopped(())));
}

#[test]
fn an_empty_finish_reason_is_none_and_the_scanner_is_reusable_after_finish() {
    let mut scanner = sse::Scanner::new();
    let mut input: &[u8] = b"data: {\"choices\":[{\"finish_reason\":\"\"}]}\n\n";
    let first = scanner.next_event(&mut input).map(|e| describe(&e));
    assert_eq!(first.map(|(name, ..)| name), Some("chunk".to_owned()));
    assert!(
        scanner.next_event(&mut input).is_none(),
        "no finish for an empty reason"
    );

    // A stream cut mid-line, finished, then a new stream on the same scanner.
    let mut cut: &[u8] = b"\r\ndata: {\"a\":";
    while scanner.next_event(&mut cut).is_some() {}
    while scanner.finish().is_some() {}
    let mut next: &[u8] = b"data: [DONE]\n\n";
    assert_eq!(
        scanner.next_event(&mut next).map(|e| e.name()),
        Some("done")
    );
}

#[test]
fn drive_with_an_empty_buffer_still_reads_the_source() {
    let mut source: &[u8] =
        b"data: {\"choices\":[{\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n";
    let read = |buf: &mut [u8]| -> Result<usize, ()> {
        let n = buf.len().min(source.len());
        buf[..n].copy_from_slice(&source[..n]);
        source = &source[n..];
        Ok(n)
    };
    let mut scanner = sse::Scanner::new();
    let mut seen = Vec::new();
    let end = drive(&mut scanner, &mut [], read, |event| {
        seen.push(event.name());
        ControlFlow::<()>::Continue(())
    });
    assert_eq!(end, Ok(DriveEnd::EndOfStream));
    assert_eq!(seen, ["chunk", "finish", "done"]);
}

#[test]
fn a_stream_that_ends_early_is_cut_once_and_last() {
    let mut scanner = sse::Scanner::new();
    let mut input: &[u8] = b"data: {\"choices\":[{\"delta\":{\"content\":\"Hi\"}}]}\n\n";
    assert_eq!(
        scanner.next_event(&mut input).map(|e| e.name()),
        Some("chunk")
    );
    assert!(scanner.next_event(&mut input).is_none());
    let cut = scanner.finish();
    assert_eq!(cut.as_ref().map(sse::Event::name), Some("cut"));
    let class = cut
        .and_then(|e| e.classification())
        .expect("cut is classified");
    assert_eq!(
        (class.kind, class.retry),
        (
            zai_errors::Kind::StreamCut,
            Some(zai_errors::Retry::Backoff)
        )
    );
    assert!(scanner.finish().is_none());
}

#[test]
fn an_over_long_end_event_still_ends_the_stream_by_its_name() {
    let mut stream = b"event: response.completed\ndata: {\"response\":{\"output\":\"".to_vec();
    stream.extend(std::iter::repeat_n(b'x', 5000));
    stream.extend_from_slice(b"\"},\"type\":\"response.completed\"}\n\n");
    let mut scanner = sse::Scanner::<1024>::with_capacities();
    let mut names = Vec::new();
    let mut input = &stream[..];
    while let Some(event) = scanner.next_event(&mut input) {
        names.push(describe(&event).0);
    }
    while let Some(event) = scanner.finish() {
        names.push(describe(&event).0);
    }
    assert_eq!(names, ["chunk:completed", "finish:completed:-"], "no cut");
}
