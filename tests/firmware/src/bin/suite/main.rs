//! The on-target suite (`cargo qemu`): every golden body and transcript through the core and the
//! device adapter over a simulated connection, on a Cortex-M3 (QEMU lm3s6965evb). One line per
//! case, then `stack_high_water_bytes: <n>` (the worst case, painted before and measured after each
//! case, before any printing) and `N passed, M failed`. A failure, panic, HardFault or a stack
//! high-water mark over the 2 KiB budget exits 1.
#![no_std]
#![no_main]
#![deny(unsafe_code)]

use core::ops::ControlFlow;

use cortex_m_rt::{ExceptionFrame, entry, exception};
use cortex_m_semihosting::{debug, hprintln};
use device_client::demo::{REQUEST, SCENARIOS, meets};
use device_client::{Scratch, chat};
use embedded_io::ErrorKind;
use embedded_svc::http::client::{Client, Response, asynch};
use panic_semihosting as _;
use zai_errors::sse::{DriveEnd, Event, Scanner, drive};
use zai_errors::{ApiError, Retry};
use zai_errors_embedded_svc::{
    BodyEnd, ErrorResponse, NotInResponsePhase, STREAM_READ_BUFFER, StreamEnd,
    asynch as adapter_async, blocking,
};
use zai_errors_vectors::VECTORS;

#[path = "../../../../../crates/zai-errors-embedded-svc/tests/double/check.rs"]
mod check;
#[path = "../../../../../crates/zai-errors-embedded-svc/tests/double/mod.rs"]
mod double;
mod packed;

use check::{Hasher, matches_event, mismatch};
use double::{Bytes, Conn, Huge, Plan, Source};
use packed::{STREAMS, Unpacker};

/// A case's verdict: `Err` names what was wrong.
type Verdict = Result<(), &'static str>;

/// The body buffer of the adapter cases: the caller's memory (a device's static or task buffer),
/// outside the measured stack.
const BUFFER: usize = 4096;

/// Turns a fault into a failure rather than a hang.
#[allow(unsafe_code)]
#[exception]
unsafe fn HardFault(frame: &ExceptionFrame) -> ! {
    hprintln!("HardFault at pc {:#010x}", frame.pc());
    debug::exit(debug::EXIT_FAILURE);
    loop {
        cortex_m::asm::wfi();
    }
}

/// The stack budget of DESIGN §5 (parse + classify, and here every case): under 2 KiB.
const STACK_BUDGET: u32 = 2048;

/// The groups of cases, for the worst stack use of each.
const GROUPS: [&str; 6] = [
    "core",
    "adapter",
    "adapter-async",
    "stream",
    "adapter-stream",
    "device-client",
];

/// Totals and the worst stack use, overall and per group.
struct Tally {
    passed: u32,
    failed: u32,
    worst: u32,
    worst_of: [u32; GROUPS.len()],
}

impl Tally {
    /// Runs `work` with the stack painted below the current frame and measures what it used, then
    /// checks its result with `verify` (outside the measure: the checks format text, and
    /// `core::fmt` is stack-hungry) and prints the case's line. The result itself is returned into
    /// the harness's frame, as a device keeps it in its own.
    fn run<T>(
        &mut self,
        group: &str,
        name: &str,
        work: impl FnOnce() -> T,
        verify: impl FnOnce(T) -> Verdict,
    ) {
        self.run_with(group, name, || (), |()| work(), |result, ()| verify(result));
    }

    /// The same with a context made by `setup` before the measure (the simulated connection:
    /// the test's, not the device's code) and handed to `work` and `verify`.
    fn run_with<C, T>(
        &mut self,
        group: &str,
        name: &str,
        setup: impl FnOnce() -> C,
        work: impl FnOnce(&mut C) -> T,
        verify: impl FnOnce(T, &mut C) -> Verdict,
    ) {
        let mut context = setup();
        let (result, used) = measured(|| work(&mut context));
        self.worst = self.worst.max(used);
        if let Some(at) = GROUPS.iter().position(|g| *g == group)
            && let Some(worst) = self.worst_of.get_mut(at)
        {
            *worst = (*worst).max(used);
        }
        let verdict = verify(result, &mut context);
        match verdict {
            Ok(()) => {
                self.passed += 1;
                hprintln!("ok   {group} {name} (stack {used})");
            }
            Err(why) => {
                self.failed += 1;
                hprintln!("FAIL {group} {name}: {why} (stack {used})");
            }
        }
    }
}

/// Paints the free stack, runs `work`, and returns its result and the bytes of stack it used.
#[inline(never)]
fn measured<T>(work: impl FnOnce() -> T) -> (T, u32) {
    let free = cortex_m_stack::current_stack_free();
    cortex_m_stack::repaint_stack();
    let result = isolated(work);
    let untouched = cortex_m_stack::stack_painted();
    (result, free.saturating_sub(untouched))
}

/// Runs `work` in a frame of its own, below the painted stack pointer: inlined into `measured`,
/// its locals would sit in `measured`'s frame, set up before the painting, and go uncounted.
#[inline(never)]
fn isolated<T>(work: impl FnOnce() -> T) -> T {
    work()
}

fn check(ok: bool, why: &'static str) -> Verdict {
    if ok { Ok(()) } else { Err(why) }
}

/// The blocking adapter over a simulated connection already in the response phase.
fn blocking_read<S: Source>(conn: &mut Conn<S>, buffer: &mut [u8]) -> ErrorResponse<ErrorKind> {
    let mut response = Response::wrap(conn);
    blocking::classify_response(&mut response, buffer)
}

/// The async adapter over the same, in two steps: the future reads, the caller classifies.
fn async_read<S: Source>(conn: &mut Conn<S>, buffer: &mut [u8]) -> ErrorResponse<ErrorKind> {
    let mut response = asynch::Response::wrap(conn);
    let read = embassy_futures::block_on(adapter_async::read_response(&mut response, buffer));
    read.classify(buffer, |name| response.header(name))
}

/// The async adapter in one call (the classification comes out of the future).
fn async_classify<S: Source>(conn: &mut Conn<S>, buffer: &mut [u8]) -> ErrorResponse<ErrorKind> {
    let mut response = asynch::Response::wrap(conn);
    embassy_futures::block_on(adapter_async::classify_response(&mut response, buffer))
}

#[entry]
fn main() -> ! {
    let mut tally = Tally {
        passed: 0,
        failed: 0,
        worst: 0,
        worst_of: [0; GROUPS.len()],
    };
    let mut buffer = [0u8; BUFFER];
    let mut scanner = Scanner::new();

    for (index, vector) in VECTORS.iter().enumerate() {
        tally.run(
            "core",
            vector.name,
            || ApiError::from_response(vector.status, vector.body),
            |error| mismatch(&error, &vector.expect).map_or(Ok(()), Err),
        );
        let plan = Plan {
            chunks: Some(index),
            ..Plan::CHUNKED
        };
        let len = Some(vector.body.len() as u64);
        let verify = |read: ErrorResponse<ErrorKind>| {
            check(read.end == BodyEnd::Complete, "not complete")?;
            check(read.body_len == vector.body.len(), "length")?;
            mismatch(&read.error, &vector.expect).map_or(Ok(()), Err)
        };
        let setup = || Conn::new(vector.status, len, Bytes::new(vector.body), plan).responding();
        tally.run_with(
            "adapter",
            vector.name,
            setup,
            |conn| blocking_read(conn, &mut buffer),
            |read, _| verify(read),
        );
        tally.run_with(
            "adapter-async",
            vector.name,
            setup,
            |conn| async_read(conn, &mut buffer),
            |read, _| verify(read),
        );
    }

    adapter_cases(&mut tally, &mut buffer);

    for stream in STREAMS {
        let setup = || Conn::new(200, None, Unpacker::new(stream), Plan::CHUNKED).responding();
        tally.run_with(
            "stream",
            stream.name,
            setup,
            |conn| core_stream(stream, conn, &mut scanner, &mut buffer),
            |verdict, conn| verdict.and_then(|()| transcript_intact(stream, conn, true)),
        );
        tally.run_with(
            "adapter-stream",
            stream.name,
            setup,
            |conn| {
                adapter_stream(
                    stream,
                    conn,
                    &mut scanner,
                    &mut buffer[..STREAM_READ_BUFFER],
                )
            },
            |verdict, conn| verdict.and_then(|()| transcript_intact(stream, conn, false)),
        );
    }

    device_client_cases(&mut tally);

    for (group, worst) in GROUPS.iter().zip(tally.worst_of) {
        hprintln!("stack high-water mark of {group} cases: {worst} bytes");
    }
    hprintln!("stack_high_water_bytes: {}", tally.worst);
    if tally.worst >= STACK_BUDGET {
        // Over the budget is a failure, like a wrong answer.
        hprintln!(
            "FAIL over budget: stack_high_water_bytes is {} (budget under {STACK_BUDGET})",
            tally.worst
        );
        tally.failed += 1;
    }
    hprintln!("{} passed, {} failed", tally.passed, tally.failed);
    debug::exit(if tally.failed == 0 {
        debug::EXIT_SUCCESS
    } else {
        debug::EXIT_FAILURE
    });
    loop {
        cortex_m::asm::wfi();
    }
}

/// The decoded text and reasoning of a stream's deltas, hashed as they come (no buffer).
struct Deltas {
    text: Hasher,
    reasoning: Hasher,
}

impl Deltas {
    fn new() -> Self {
        Self {
            text: Hasher::new(),
            reasoning: Hasher::new(),
        }
    }

    fn take(&mut self, event: &Event<'_>) {
        if let Event::Chunk(chunk) = event {
            if let Some(text) = chunk.text {
                let _ = text.write_to(&mut self.text);
            }
            if let Some(reasoning) = chunk.reasoning {
                let _ = reasoning.write_to(&mut self.reasoning);
            }
        }
    }

    fn are(&self, stream: &packed::PackedStream) -> bool {
        (self.text.hash, self.text.len) == Hasher::of(stream.text)
            && (self.reasoning.hash, self.reasoning.len) == Hasher::of(stream.reasoning)
    }
}

/// A golden transcript through the core's scanner, fed by the connection double in 1–7 byte reads.
fn core_stream(
    stream: &packed::PackedStream,
    conn: &mut Conn<Unpacker>,
    scanner: &mut Scanner,
    buffer: &mut [u8],
) -> Verdict {
    scanner.reset();
    let mut expected = stream.events.iter();
    let mut wrong = false;
    let mut deltas = Deltas::new();
    let end = drive(
        scanner,
        buffer,
        |chunk| embedded_io::Read::read(conn, chunk),
        |event| {
            if !expected.next().is_some_and(|e| matches_event(&event, e)) {
                wrong = true;
                return ControlFlow::Break(());
            }
            deltas.take(&event);
            ControlFlow::Continue(())
        },
    );
    check(
        end == Ok(DriveEnd::EndOfStream),
        "did not end at the end of the stream",
    )?;
    check(!wrong, "an event differs")?;
    check(expected.next().is_none(), "an event is missing")?;
    check(deltas.are(stream), "text or reasoning differs")
}

/// The simulated connection fed the transcript byte for byte: all of it when `whole`, else (the
/// adapter stops reading at the end marker) all of it or a part followed by the end marker.
fn transcript_intact(
    stream: &packed::PackedStream,
    conn: &mut Conn<Unpacker>,
    whole: bool,
) -> Verdict {
    let unpacker = conn.body.source();
    check(!unpacker.broken, "packed transcript broken")?;
    let (len, hash) = unpacker.produced();
    let complete = len == stream.len && hash == stream.hash;
    let stopped_at_end = !whole && len < stream.len && stream.events.last() == Some(&"done");
    check(complete || stopped_at_end, "transcript bytes differ")
}

/// A golden transcript through the adapter's stream reader over the response double (1–7 byte
/// reads into a 512-byte buffer): the same events, and the end the transcript calls for (its end
/// marker, or a cut when it has none).
fn adapter_stream(
    stream: &packed::PackedStream,
    conn: &mut Conn<Unpacker>,
    scanner: &mut Scanner,
    buffer: &mut [u8],
) -> Verdict {
    let mut expected = stream.events.iter();
    let mut wrong = false;
    let mut deltas = Deltas::new();
    let end = blocking::read_stream(&mut Response::wrap(conn), scanner, buffer, |event| {
        if !expected.next().is_some_and(|e| matches_event(&event, e)) {
            wrong = true;
            return ControlFlow::Break(());
        }
        deltas.take(&event);
        ControlFlow::Continue(())
    });
    check(!wrong, "an event differs")?;
    check(expected.next().is_none(), "an event is missing")?;
    check(deltas.are(stream), "text or reasoning differs")?;
    let cut = stream.events.last() == Some(&"cut");
    check(
        end == if cut {
            StreamEnd::Cut
        } else {
            StreamEnd::Ended
        },
        "wrong end",
    )?;
    Ok(())
}

/// The device client (examples/device-client) through its four demo scenarios: the code a
/// firmware author copies, on the target.
fn device_client_cases(tally: &mut Tally) {
    let mut scratch = Scratch::new();
    let mut reply = [0u8; 256];
    for scenario in SCENARIOS {
        tally.run_with(
            "device-client",
            scenario.name,
            || {
                let plan = Plan {
                    end_at: scenario.cut_at,
                    ..Plan::CHUNKED
                };
                let conn = Conn::new(
                    scenario.status,
                    scenario.content_length,
                    Bytes::new(scenario.body),
                    plan,
                );
                match scenario.header {
                    Some((name, value)) => conn.with_header(name, value),
                    None => conn,
                }
            },
            // The outcome is returned into the harness's frame, as a device's task keeps it in its
            // own; the check is the harness's work, outside the measure.
            |conn| chat(&mut Client::wrap(conn), &REQUEST, &mut scratch, &mut reply),
            |outcome, conn| {
                check(meets(&outcome, scenario.expect), "not the expected outcome")?;
                check(conn.head.authorized, "no bearer token")?;
                check(
                    conn.head.request_length == Some(conn.head.written),
                    "wrong Content-Length",
                )
            },
        );
    }
}

/// What the issue asks of the adapter, case by case: cuts, timeouts, short bodies, huge bodies,
/// over-reported reads, missing headers, the phase check.
fn adapter_cases(tally: &mut Tally, buffer: &mut [u8; BUFFER]) {
    let by_name = |name: &str| {
        VECTORS
            .iter()
            .find(|v| v.name == name)
            .map_or(&b""[..], |v| v.body)
    };
    let anthropic_1308 = by_name("26-anthropic-2026-1308-bracket-id-reset.json");
    let docs_1002 = by_name("01-docs-1002-invalid-token.json");
    let concurrency_1302 = by_name("11-1302-concurrency.json");
    let usage_1308 = by_name("18-1308-usage-limit-reset.json");
    let length = |body: &[u8]| Some(body.len() as u64);
    let code = |read: &ErrorResponse<ErrorKind>| read.error.code().map(u16::from);

    tally.run_with(
        "adapter",
        "1308 cut by a 128-byte buffer says wait for the reset",
        || {
            Conn::new(
                429,
                length(anthropic_1308),
                Bytes::new(anthropic_1308),
                Plan::CHUNKED,
            )
            .responding()
        },
        |conn| blocking_read(conn, &mut buffer[..128]),
        |read, _| {
            check(
                read.end == BodyEnd::BufferFull && read.body_len == 128,
                "not cut by the buffer",
            )?;
            check(code(&read) == Some(1308), "code lost")?;
            check(read.error.retry() == Some(Retry::AtReset), "not at_reset")
        },
    );
    tally.run_with(
        "adapter",
        "body cut mid-way (Ok(0) under Content-Length)",
        || {
            let plan = Plan {
                end_at: Some(60),
                ..Plan::CHUNKED
            };
            Conn::new(429, length(usage_1308), Bytes::new(usage_1308), plan).responding()
        },
        |conn| blocking_read(conn, buffer),
        |read, _| {
            let expected = BodyEnd::ShortOfContentLength {
                expected: usage_1308.len() as u64,
            };
            check(
                read.end == expected && read.body_len == 60,
                "cut not reported",
            )?;
            check(read.error.is_body_cut(), "not marked cut")?;
            check(code(&read) == Some(1308), "code lost")?;
            check(read.error.retry() == Some(Retry::AtReset), "not at_reset")
        },
    );
    tally.run_with(
        "adapter",
        "timeout mid-body",
        || {
            let plan = Plan {
                fail_at: Some((30, ErrorKind::TimedOut)),
                ..Plan::CHUNKED
            };
            Conn::new(
                200,
                length(concurrency_1302),
                Bytes::new(concurrency_1302),
                plan,
            )
            .responding()
        },
        |conn| blocking_read(conn, buffer),
        |read, _| {
            check(
                read.end == BodyEnd::Transport(ErrorKind::TimedOut),
                "timeout lost",
            )?;
            check(read.body_len == 30, "bytes before the timeout lost")?;
            check(code(&read) == Some(1302), "code lost")?;
            check(read.error.retry() == Some(Retry::Backoff), "not backoff")
        },
    );
    tally.run_with(
        "adapter-async",
        "connection reset mid-body (one call)",
        || {
            let plan = Plan {
                fail_at: Some((40, ErrorKind::ConnectionReset)),
                ..Plan::CHUNKED
            };
            Conn::new(401, None, Bytes::new(docs_1002), plan).responding()
        },
        |conn| async_classify(conn, buffer),
        |read, _| {
            check(
                read.end == BodyEnd::Transport(ErrorKind::ConnectionReset),
                "reset lost",
            )?;
            check(read.body_len == 40, "bytes before the reset lost")?;
            check(code(&read) == Some(1002), "code lost")
        },
    );
    tally.run_with(
        "adapter",
        "short body under a larger Content-Length",
        || {
            Conn::new(
                401,
                Some(docs_1002.len() as u64 + 100),
                Bytes::new(docs_1002),
                Plan::CHUNKED,
            )
            .responding()
        },
        |conn| blocking_read(conn, buffer),
        |read, _| {
            let expected = BodyEnd::ShortOfContentLength {
                expected: docs_1002.len() as u64 + 100,
            };
            check(read.end == expected, "short body not reported")?;
            check(code(&read) == Some(1002), "code lost")?;
            check(read.error.retry() == Some(Retry::Never), "not never")
        },
    );
    tally.run_with(
        "adapter",
        "1 MiB body into 512 bytes",
        || {
            const MIB: usize = 1 << 20;
            let huge = Huge::new(
                br#"{"error":{"code":"1302","message":""#,
                b'x',
                br#""}}"#,
                MIB,
            );
            let plan = Plan {
                chunks: None,
                ..Plan::CHUNKED
            };
            Conn::new(200, Some(MIB as u64), huge, plan).responding()
        },
        |conn| blocking_read(conn, &mut buffer[..512]),
        |read, conn| {
            check(
                read.end == BodyEnd::BufferFull && read.body_len == 512,
                "not cut by the buffer",
            )?;
            check(conn.body.delivered() == 512, "read past the buffer")?;
            check(code(&read) == Some(1302), "code lost")?;
            check(read.error.retry() == Some(Retry::Backoff), "not backoff")
        },
    );
    tally.run_with(
        "adapter",
        "over-reported read counts are clamped",
        || {
            let plan = Plan {
                over_report: true,
                ..Plan::CHUNKED
            };
            Conn::new(
                429,
                length(anthropic_1308),
                Bytes::new(anthropic_1308),
                plan,
            )
            .responding()
        },
        |conn| blocking_read(conn, buffer),
        |read, _| {
            check(
                read.end == BodyEnd::Complete && read.body_len == anthropic_1308.len(),
                "count not clamped",
            )?;
            check(
                read.error == ApiError::from_response(429, anthropic_1308),
                "classified differently",
            )
        },
    );
    tally.run_with(
        "adapter",
        "missing headers; request id from x-log-id",
        || {
            Conn::new(429, None, Bytes::new(usage_1308), Plan::CHUNKED)
                .with_header("X-Log-Id", "2026112600000000abcdef")
                .responding()
        },
        |conn| blocking_read(conn, buffer),
        |read, _| {
            check(read.end == BodyEnd::Complete, "not complete")?;
            check(
                read.error.request_id() == Some("2026112600000000abcdef"),
                "header id lost",
            )?;
            check(read.error.retry() == Some(Retry::AtReset), "not at_reset")
        },
    );
    let size = docs_1002.len();
    tally.run_with(
        "adapter",
        "a body exactly the buffer's size, no Content-Length: probed, complete",
        || Conn::new(401, None, Bytes::new(docs_1002), Plan::CHUNKED).responding(),
        |conn| blocking_read(conn, &mut buffer[..size]),
        |read, _| {
            check(
                read.end == BodyEnd::Complete,
                "a full buffer taken for a cut",
            )
        },
    );
    tally.run_with(
        "adapter",
        "a body one byte over the buffer, no Content-Length: probed, cut",
        || Conn::new(401, None, Bytes::new(docs_1002), Plan::CHUNKED).responding(),
        |conn| blocking_read(conn, &mut buffer[..size - 1]),
        |read, _| {
            check(
                read.end == BodyEnd::BufferFull,
                "a cut taken for a full body",
            )
        },
    );
    tally.run_with(
        "adapter",
        "not in the response phase: nothing touched",
        || Conn::new(429, None, Bytes::new(usage_1308), Plan::CHUNKED),
        |conn| {
            let blocking: Result<ErrorResponse<_>, _> = blocking::classify_connection(conn, buffer);
            let asynchronous: Result<ErrorResponse<_>, _> =
                embassy_futures::block_on(adapter_async::classify_connection(conn, buffer));
            (blocking.err(), asynchronous.err())
        },
        |(blocking, asynchronous), conn| {
            check(
                blocking == Some(NotInResponsePhase),
                "blocking: phase not checked",
            )?;
            check(
                asynchronous == Some(NotInResponsePhase),
                "async: phase not checked",
            )?;
            check(conn.body.delivered() == 0, "body read")
        },
    );
}
