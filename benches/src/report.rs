//! The ratio tables printed at the end of a run: the medians criterion wrote in this run
//! (`<criterion home>/<group>/<id>/new/estimates.json`; a file older than this run's start is not
//! read) beside the medians of an interleaved measurement made right after it (`interleave.rs`).

use std::path::PathBuf;
use std::time::SystemTime;

use crate::peers::Role;

/// Where criterion writes its results: the same search as criterion's own (`$CRITERION_HOME`,
/// `$CARGO_TARGET_DIR/criterion`, the target directory of `cargo metadata`, `target/criterion`).
pub fn criterion_home() -> PathBuf {
    if let Some(home) = std::env::var_os("CRITERION_HOME") {
        return PathBuf::from(home);
    }
    if let Some(target) = std::env::var_os("CARGO_TARGET_DIR") {
        return PathBuf::from(target).join("criterion");
    }
    let metadata = std::env::var_os("CARGO").and_then(|cargo| {
        std::process::Command::new(cargo)
            .args(["metadata", "--format-version", "1", "--no-deps"])
            .output()
            .ok()
    });
    if let Some(output) = metadata
        && let Ok(value) = serde_json::from_slice::<serde_json::Value>(&output.stdout)
        && let Some(target) = value["target_directory"].as_str()
    {
        return PathBuf::from(target).join("criterion");
    }
    PathBuf::from("target/criterion")
}

/// The median (ns an iteration) criterion measured for `group/id` in this run.
pub fn median_ns(home: &std::path::Path, group: &str, id: &str, since: SystemTime) -> Option<f64> {
    let path = home.join(group).join(id).join("new").join("estimates.json");
    let modified = std::fs::metadata(&path).ok()?.modified().ok()?;
    if modified < since {
        return None;
    }
    let text = std::fs::read_to_string(&path).ok()?;
    let value: serde_json::Value = serde_json::from_str(&text).ok()?;
    value["median"]["point_estimate"].as_f64()
}

/// One line of a table.
pub struct Line {
    pub id: &'static str,
    pub about: &'static str,
    pub role: Role,
    /// A note printed after the line (how many bodies it parsed).
    pub note: String,
    /// Criterion's median of this run (ns an iteration), if it measured this line.
    pub criterion: Option<f64>,
    /// The interleaved median of this run (ns an iteration).
    pub interleaved: Option<f64>,
}

/// What an iteration of a group processes.
pub enum Per {
    /// This many bodies (times are shown per body).
    Bodies(usize),
    /// This many bytes (shown as MB/s).
    Bytes(u64),
}

fn tag(role: Role) -> &'static str {
    match role {
        Role::Ours => "[ours] ",
        Role::OursLess => "[ours, less work] ",
        Role::Peer => "",
        Role::FramingOnly => "[framing only, less work] ",
        Role::Proxy => "[limit proxy, not a parser] ",
    }
}

/// What each line of the tables is, printed once.
pub fn print_legend(lines: &[Line]) {
    for line in lines {
        println!("  {:<22} {}{}", line.id, tag(line.role), line.about);
    }
}

/// The fastest peer by one measure, and how ours compares.
fn verdict(lines: &[Line], time: impl Fn(&Line) -> Option<f64>) -> String {
    let ours = lines
        .iter()
        .find(|line| line.role == Role::Ours)
        .and_then(&time);
    let fastest = lines
        .iter()
        .filter(|line| line.role == Role::Peer)
        .filter_map(|line| time(line).map(|t| (line.id, t)))
        .min_by(|a, b| a.1.total_cmp(&b.1));
    match (fastest, ours) {
        (Some((id, best)), Some(ours)) => {
            let ratio = best / ours;
            if ratio >= 1.0 {
                format!("{id}, its time / ours = {ratio:.2}× (ours is {ratio:.2}× faster)")
            } else {
                format!(
                    "{id}, its time / ours = {ratio:.2}× (ours is slower: {:.2}× its time)",
                    ours / best
                )
            }
        }
        _ => "- (not measured in this run)".to_owned(),
    }
}

/// Prints the table of a group: each line's time per body (or MB/s) and its ratio to ours (`its
/// time / our time`: above 1, ours is faster), by the interleaved medians and by criterion's; then
/// the fastest peer by each.
pub fn print_table(group: &str, about: &str, per: &Per, lines: &[Line]) {
    println!();
    match per {
        Per::Bodies(n) => println!("## {group}: {about} ({n} bodies an iteration)"),
        Per::Bytes(n) => println!("## {group}: {about} ({n} bytes an iteration)"),
    }
    let unit = match per {
        Per::Bodies(_) => "ns/body",
        Per::Bytes(_) => "MB/s",
    };
    println!(
        "{:<22} {:>12} {:>8}   {:>12} {:>8}",
        "", "interleaved", "", "criterion", ""
    );
    println!(
        "{:<22} {unit:>12} {:>8}   {unit:>12} {:>8}  notes",
        "parser", "vs ours", "vs ours"
    );
    let ours_of = |time: &dyn Fn(&Line) -> Option<f64>| {
        lines
            .iter()
            .find(|line| line.role == Role::Ours)
            .and_then(time)
    };
    let ours_interleaved = ours_of(&|line| line.interleaved);
    let ours_criterion = ours_of(&|line| line.criterion);
    let rate = |median: Option<f64>| match (median, per) {
        (None, _) => "-".to_owned(),
        (Some(ns), Per::Bodies(n)) => format!("{:.1}", ns / *n as f64),
        (Some(ns), Per::Bytes(n)) => format!("{:.0}", *n as f64 / ns * 1e3),
    };
    let ratio = |median: Option<f64>, ours: Option<f64>| match (median, ours) {
        (Some(t), Some(ours)) => format!("{:.2}×", t / ours),
        _ => "-".to_owned(),
    };
    for line in lines {
        println!(
            "{:<22} {:>12} {:>8}   {:>12} {:>8}  {}{}",
            line.id,
            rate(line.interleaved),
            ratio(line.interleaved, ours_interleaved),
            rate(line.criterion),
            ratio(line.criterion, ours_criterion),
            tag(line.role),
            line.note.trim_start_matches(" — "),
        );
    }
    println!(
        "fastest peer, interleaved: {}",
        verdict(lines, |line| line.interleaved)
    );
    println!(
        "fastest peer, criterion:   {}",
        verdict(lines, |line| line.criterion)
    );
}

/// The SIMD level the benches were compiled for (sonic-rs and simd-json choose at compile time).
pub fn simd_level() -> &'static str {
    if cfg!(target_feature = "avx512f") {
        "avx512f"
    } else if cfg!(target_feature = "avx2") {
        "avx2"
    } else if cfg!(target_feature = "sse4.2") {
        "sse4.2"
    } else if cfg!(target_feature = "neon") {
        "neon"
    } else {
        "baseline only: built without -C target-cpu=native (run from benches/ so that \
         benches/.cargo/config.toml applies)"
    }
}
