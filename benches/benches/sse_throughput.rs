//! SSE throughput (MB/s) over 8 MB streams fed in 4 KiB chunks, in each dialect (chat completions,
//! Anthropic Messages, the Responses API): the core's `sse::Scanner` against an SSE framing crate plus
//! `serde_json::from_str` of each event's data into a borrowed struct (like-for-like: the answer text
//! decoded and collected, the finish reason, the end marker), the framing crates alone, and a memchr
//! pass as the limit proxy. One criterion run, then a table of ratios from this run's medians.
//!
//! `cd benches && cargo bench --bench sse_throughput`
//!
//! Before any timing, every like-for-like loop must produce the same text, finish reason and end as
//! the core, or the run stops.

use std::time::{Duration, SystemTime};

use criterion::{Criterion, Throughput};
use zai_errors_bench::interleave::{self, Batch};
use zai_errors_bench::peers::Role;
use zai_errors_bench::report::{self, Line, Per};
use zai_errors_bench::sse::{self, Dialect, Output};

/// Interleaved rounds a stream.
const ROUNDS: usize = 21;

/// The loops, in report order.
const LOOPS: &[(&str, &str, Role)] = &[
    (
        "zai_errors",
        "sse::Scanner, each text delta decoded (Delta::write_to)",
        Role::Ours,
    ),
    (
        "sse_core_serde_json",
        "sse-core SseDecoder + serde_json::from_str per event",
        Role::Peer,
    ),
    (
        "sse_stream_serde_json",
        "sse-stream SseByteStream (polled, no executor) + serde_json::from_str per event",
        Role::Peer,
    ),
    (
        "sse_core_framing",
        "sse-core SseDecoder alone",
        Role::FramingOnly,
    ),
    (
        "sse_stream_framing",
        "sse-stream SseByteStream alone",
        Role::FramingOnly,
    ),
    (
        "memchr_proxy",
        "memmem `\\n\\n` count per chunk",
        Role::Proxy,
    ),
];

fn run(id: &str, dialect: Dialect, data: &[u8], out: &mut Output) {
    out.clear();
    match id {
        "zai_errors" => sse::ours(data, out),
        "sse_core_serde_json" => sse::sse_core(dialect, data, true, out),
        "sse_stream_serde_json" => sse::sse_stream(dialect, data, true, out),
        "sse_core_framing" => sse::sse_core(dialect, data, false, out),
        "sse_stream_framing" => sse::sse_stream(dialect, data, false, out),
        "memchr_proxy" => sse::memchr_proxy(data, out),
        _ => unreachable!("{id}"),
    }
}

fn main() {
    let since = SystemTime::now();
    let streams: Vec<(Dialect, Vec<u8>)> = Dialect::ALL.iter().map(|&d| (d, d.stream())).collect();

    println!("# sse_throughput: setup check (outside timing)");
    let mut notes = Vec::new();
    for (dialect, data) in &streams {
        let mut ours = Output::default();
        run("zai_errors", *dialect, data, &mut ours);
        assert!(ours.text.len() > 500_000, "the deltas were decoded");
        let mut group_notes = Vec::new();
        for &(id, _, role) in LOOPS {
            let mut out = Output::default();
            run(id, *dialect, data, &mut out);
            if role == Role::Peer {
                assert_eq!(
                    (&out.text, &out.finish, out.done),
                    (&ours.text, &ours.finish, ours.done),
                    "{id} on {}: not the same text, finish reason and end as ours",
                    dialect.name()
                );
            }
            let note = format!(" — {} events", out.events);
            println!(
                "{} ({} bytes): {id:<22} {} events, text {} bytes, finish {:?}, done {}",
                dialect.name(),
                data.len(),
                out.events,
                out.text.len(),
                out.finish,
                out.done
            );
            group_notes.push(note);
        }
        notes.push(group_notes);
    }

    let mut criterion = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .sample_size(10)
        .configure_from_args();
    let mut out = Output::default();
    for (dialect, data) in &streams {
        let mut group = criterion.benchmark_group(format!("sse_{}", dialect.name()));
        group.throughput(Throughput::Bytes(data.len() as u64));
        for &(id, _, _) in LOOPS {
            group.bench_function(id, |b| {
                b.iter(|| {
                    run(id, *dialect, std::hint::black_box(data), &mut out);
                    std::hint::black_box(&out);
                })
            });
        }
        group.finish();
    }
    criterion.final_summary();

    let home = report::criterion_home();
    println!();
    println!("# sse_throughput: the same loops, interleaved: {ROUNDS} rounds of one pass each");
    let mut tables = Vec::new();
    for ((dialect, data), notes) in streams.iter().zip(notes) {
        let mut batches: Vec<Batch<'_>> = LOOPS
            .iter()
            .map(|&(id, _, _)| {
                let mut out = Output::default();
                Box::new(move |n: u64| {
                    for _ in 0..n {
                        run(id, *dialect, std::hint::black_box(data), &mut out);
                        std::hint::black_box(&out);
                    }
                }) as Batch<'_>
            })
            .collect();
        let medians = interleave::medians(&mut batches, ROUNDS, Duration::from_millis(1));
        let group = format!("sse_{}", dialect.name());
        let lines: Vec<Line> = LOOPS
            .iter()
            .zip(notes)
            .zip(medians)
            .map(|((&(id, about, role), note), median)| Line {
                id,
                about,
                role,
                note,
                criterion: report::median_ns(&home, &group, id, since),
                interleaved: Some(median),
            })
            .collect();
        tables.push(lines);
    }

    println!();
    println!(
        "# sse_throughput: MB/s of one pass over the stream in {} B chunks, medians of this run; \
         `vs ours` = its time / our time (above 1: ours is faster)",
        sse::CHUNK
    );
    println!(
        "# built for: {}; {} cores",
        report::simd_level(),
        std::thread::available_parallelism().map_or(0, usize::from)
    );
    report::print_legend(&tables[0]);
    for ((dialect, data), lines) in streams.iter().zip(&tables) {
        report::print_table(
            &format!("sse_{}", dialect.name()),
            &format!("an 8 MB {} stream", dialect.name()),
            &Per::Bytes(data.len() as u64),
            lines,
        );
    }
}
