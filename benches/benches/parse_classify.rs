//! Parse + classify of error bodies: `zai_errors::ApiError::from_response` against every parser a
//! user could pick instead, each doing the same work (see `src/peers.rs`), in one criterion run; then
//! a table of ratios from this run's medians.
//!
//! `cd benches && cargo bench --bench parse_classify` (add `-- --measurement-time 5` for steadier
//! figures; the defaults here keep a full run near three minutes on 2 cores).
//!
//! Before any timing, each peer's answer is checked against ours on every body it parses: the same
//! code and the same request id, or the run stops (a few differences are known and listed below:
//! they are work the core does and the peers do not).

use std::hint::black_box;
use std::time::{Duration, SystemTime};

use criterion::measurement::WallTime;
use criterion::{BenchmarkGroup, Criterion};
use zai_errors_bench::inputs::{self, Group};
use zai_errors_bench::interleave::{self, Batch};
use zai_errors_bench::peers::{self, Ours, Parser, ParserVisitor, Role, Scratch};
use zai_errors_bench::report::{self, Line, Per};

/// Bodies on which a peer that parses them is expected to disagree with the core on the code or the
/// request id, and why (each is work the core does on top of what the peers do).
const KNOWN: &[(&str, &str)] = &[
    ("16-anthropic-1313-fair-use.json", BRACKET_ID),
    ("26-anthropic-2026-1308-bracket-id-reset.json", BRACKET_ID),
    ("28-anthropic-stream-1234-http200.json", BRACKET_ID),
    ("69-anthropic-escaped-id-1002.json", BRACKET_ID),
    ("real #16", BRACKET_ID),
    (
        "78-responses-overloaded-trailing-id-429.json",
        "the core reads the request id at the end of the message: `...[<id>]`",
    ),
    (
        "81-relay-request-id-suffix-1302.json",
        "the core reads a relay's `(request id: <id>)` in the message",
    ),
    (
        "82-file-endpoint-logid-1214.json",
        "the core reads the file endpoint's `[logID=<id>]` in the message",
    ),
    (
        "60-duplicate-keys.json",
        "duplicate keys: the core keeps the first (the vector's contract), sonic-rs get_many the last; \
         the serde peers reject the body",
    ),
];

const BRACKET_ID: &str = "the core reads the request id from the message's `[code][text][id]`";

/// What ours and a peer said about a body.
#[derive(Debug, PartialEq, Eq)]
struct Said {
    parsed: bool,
    code: Option<u16>,
    code_text: Option<String>,
    request_id: Option<String>,
    message: Option<String>,
}

fn said<P: Parser>(scratch: &mut Scratch, status: u16, body: &[u8]) -> Said {
    P::run(scratch, status, body, |view| Said {
        parsed: view.parsed,
        code: view.code,
        code_text: view.code_text.map(str::to_owned),
        request_id: view.request_id.map(str::to_owned),
        message: view.message.map(str::to_owned),
    })
}

fn short(text: &Option<String>) -> String {
    match text {
        None => "-".to_owned(),
        Some(text) if text.chars().count() > 60 => {
            format!("{:?}…", text.chars().take(60).collect::<String>())
        }
        Some(text) => format!("{text:?}"),
    }
}

/// Interleaved rounds a group.
const ROUNDS: usize = 101;

/// The setup check of one group: per parser, how many bodies it parsed and whether it agrees with
/// ours on them. Fills the notes of the report and the list of unexpected differences.
struct Check<'a> {
    group: &'a Group,
    scratch: &'a mut Scratch,
    notes: Vec<String>,
    unexpected: Vec<String>,
}

impl ParserVisitor for Check<'_> {
    fn visit<P: Parser>(&mut self) {
        let n = self.group.responses.len();
        let note = match P::ROLE {
            Role::Ours => {
                let well_formed = self
                    .group
                    .responses
                    .iter()
                    .filter(|r| said::<Ours>(self.scratch, r.status, &r.body).parsed)
                    .count();
                format!(" — well-formed JSON: {well_formed}/{n}")
            }
            Role::Peer => {
                let (mut parsed, mut agree) = (0, 0);
                for response in &self.group.responses {
                    let ours = said::<Ours>(self.scratch, response.status, &response.body);
                    let peer = said::<P>(self.scratch, response.status, &response.body);
                    if !peer.parsed {
                        continue;
                    }
                    parsed += 1;
                    if (peer.code, &peer.request_id) == (ours.code, &ours.request_id) {
                        agree += 1;
                        continue;
                    }
                    let known = KNOWN.iter().find(|(name, _)| *name == response.name);
                    let line = format!(
                        "  differs: {:<20} {:<46} ours: code {:?} text {} id {} | peer: code {:?} text {} id {}{}",
                        P::ID,
                        response.name,
                        ours.code,
                        short(&ours.code_text),
                        short(&ours.request_id),
                        peer.code,
                        short(&peer.code_text),
                        short(&peer.request_id),
                        known.map_or(String::new(), |(_, why)| format!(" [known: {why}]")),
                    );
                    println!("{line}");
                    if known.is_none() {
                        self.unexpected.push(line);
                    }
                }
                format!(" — parsed {parsed}/{n}, same code and request id as ours on {agree}")
            }
            Role::OursLess | Role::FramingOnly | Role::Proxy => String::new(),
        };
        self.notes.push(note);
    }
}

/// The benchmark of one parser over a group.
struct Bench<'a, 'g> {
    group: &'a Group,
    scratch: &'a mut Scratch,
    criterion: &'a mut BenchmarkGroup<'g, WallTime>,
}

impl ParserVisitor for Bench<'_, '_> {
    fn visit<P: Parser>(&mut self) {
        let responses = &self.group.responses;
        let scratch = &mut *self.scratch;
        self.criterion.bench_function(P::ID, |b| {
            b.iter(|| {
                for response in responses {
                    P::run(
                        scratch,
                        response.status,
                        black_box(&response.body),
                        |view| {
                            black_box(view);
                        },
                    );
                }
            })
        });
    }
}

/// The lines of a table, in the visiting order.
struct Lines(Vec<Line>);

impl ParserVisitor for Lines {
    fn visit<P: Parser>(&mut self) {
        self.0.push(Line {
            id: P::ID,
            about: P::ABOUT,
            role: P::ROLE,
            note: String::new(),
            criterion: None,
            interleaved: None,
        });
    }
}

/// One interleaved batch a parser: `n` iterations over the group's bodies, with its own buffers.
struct Batches<'a> {
    group: &'a Group,
    longest: usize,
    batches: Vec<Batch<'a>>,
}

impl<'a> ParserVisitor for Batches<'a> {
    fn visit<P: Parser>(&mut self) {
        let responses = &self.group.responses;
        let mut scratch = Scratch::new(self.longest);
        self.batches.push(Box::new(move |n| {
            for _ in 0..n {
                for response in responses {
                    P::run(
                        &mut scratch,
                        response.status,
                        black_box(&response.body),
                        |view| {
                            black_box(view);
                        },
                    );
                }
            }
        }));
    }
}

fn main() {
    let since = SystemTime::now();
    let groups = inputs::groups();
    let longest = groups
        .iter()
        .flat_map(|g| &g.responses)
        .map(|r| r.body.len())
        .max()
        .unwrap_or(0);
    let mut scratch = Scratch::new(longest);

    println!("# parse_classify: setup check (outside timing)");
    let mut notes = Vec::new();
    let mut unexpected = Vec::new();
    for group in &groups {
        let mut check = Check {
            group,
            scratch: &mut scratch,
            notes: Vec::new(),
            unexpected: Vec::new(),
        };
        peers::each_parser(&mut check);
        let mut ids = Lines(Vec::new());
        peers::each_parser(&mut ids);
        println!("{} ({} bodies):", group.name, group.responses.len());
        for (line, note) in ids.0.iter().zip(&check.notes) {
            if !note.is_empty() {
                println!("  {:<20}{note}", line.id);
            }
        }
        notes.push(check.notes);
        unexpected.extend(check.unexpected);
    }
    assert!(
        unexpected.is_empty(),
        "{} unexpected differences between a peer and ours (above): a bug in the core or in a peer",
        unexpected.len()
    );

    let mut criterion = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(2))
        .configure_from_args();
    for group in &groups {
        let mut criterion_group = criterion.benchmark_group(group.name);
        peers::each_parser(&mut Bench {
            group,
            scratch: &mut scratch,
            criterion: &mut criterion_group,
        });
        criterion_group.finish();
    }
    criterion.final_summary();

    let home = report::criterion_home();
    println!();
    println!(
        "# parse_classify: the same parsers, interleaved: {ROUNDS} rounds of ~1 ms batches each"
    );
    let mut tables = Vec::new();
    for (group, notes) in groups.iter().zip(notes) {
        let mut batches = Batches {
            group,
            longest,
            batches: Vec::new(),
        };
        peers::each_parser(&mut batches);
        let medians = interleave::medians(&mut batches.batches, ROUNDS, Duration::from_millis(1));
        let mut lines = Lines(Vec::new());
        peers::each_parser(&mut lines);
        for ((line, note), median) in lines.0.iter_mut().zip(notes).zip(medians) {
            line.note = note;
            line.interleaved = Some(median);
            line.criterion = report::median_ns(&home, group.name, line.id, since);
        }
        tables.push(lines.0);
    }

    println!();
    println!(
        "# parse_classify: time per body, medians of this run; `vs ours` = its time / our time \
         (above 1: ours is faster)"
    );
    println!(
        "# built for: {}; {} cores",
        report::simd_level(),
        std::thread::available_parallelism().map_or(0, usize::from)
    );
    report::print_legend(&tables[0]);
    for (group, lines) in groups.iter().zip(&tables) {
        report::print_table(
            group.name,
            group.about,
            &Per::Bodies(group.responses.len()),
            lines,
        );
    }
}
