//! `cargo size-report`: builds the size firmware of tests/firmware for thumbv7m-none-eabi
//! (opt-level "z", LTO, a panic handler that only loops) once per variant and prints each one's
//! flash (text + data) over the empty firmware, and the panic symbols left in any of them.
//!
//! It fails when a variant links a panic path (`panic_symbols` > 0), when no firmware was linked,
//! when the canary (a firmware that can panic on purpose) shows no panic symbol (the check would be
//! blind), and when `core_min_flash_bytes` is over its budget of 6144 (DESIGN §5).
#![forbid(unsafe_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

/// The budget of the lean path (DESIGN §5): parse + classify, texts off.
const CORE_MIN_BUDGET: u64 = 6144;
const TARGET: &str = "thumbv7m-none-eabi";
/// What gives a panic path away in `llvm-nm -C` output (`panic_fmt`, `panic_bounds_check`,
/// `slice_index_len_fail`, `unwrap_failed`, …).
fn is_panic_path(name: &str) -> bool {
    name.contains("panic")
        || (name.contains("slice_") && name.contains("_fail"))
        || name.contains("bounds_check")
        || name.contains("unwrap_failed")
        || name.contains("expect_failed")
}

/// A variant: its report name and the firmware features that build it.
const VARIANTS: [(&str, &str); 8] = [
    ("empty", ""),
    ("core_min", "lean"),
    ("core_min_texts", "lean texts"),
    ("core_full", "full"),
    ("core_full_texts", "full-texts"),
    ("adapter_full", "adapter"),
    ("sse", "sse"),
    ("sse_texts", "sse texts"),
];

fn main() -> ExitCode {
    match run() {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => {
            eprintln!("size-report: FAILED (see the lines above)");
            ExitCode::FAILURE
        }
        Err(error) => {
            eprintln!("size-report: {error}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<bool, String> {
    let firmware = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .ok_or("no firmware directory")?
        .to_path_buf();
    let tools = llvm_tools()?;
    let mut ok = true;
    let mut empty = 0;
    let mut panic_symbols: Vec<String> = Vec::new();
    for (name, features) in VARIANTS {
        let elf = build(&firmware, features)?;
        let bytes = flash_bytes(&tools, &elf)?;
        // A firmware without its vector table (about 1 KB) was not linked as one.
        if bytes < 1000 {
            return Err(format!("{name}: no firmware was linked ({} bytes)", bytes));
        }
        let panics = panic_paths(&tools, &elf)?;
        if name == "empty" {
            empty = bytes;
            println!("empty_firmware_bytes: {bytes}");
        } else {
            println!("{name}_flash_bytes: {}", bytes.saturating_sub(empty));
        }
        for symbol in panics {
            eprintln!("{name}: panic path: {symbol}");
            if !panic_symbols.contains(&symbol) {
                panic_symbols.push(symbol);
            }
        }
        if name == "core_min" && bytes.saturating_sub(empty) > CORE_MIN_BUDGET {
            println!(
                "over budget: core_min_flash_bytes is {} (budget {CORE_MIN_BUDGET})",
                bytes.saturating_sub(empty)
            );
            ok = false;
        }
    }
    println!("panic_symbols: {}", panic_symbols.len());
    ok &= panic_symbols.is_empty();

    // The canary indexes out of bounds on purpose: no panic symbol there means a blind check.
    let canary = build(&firmware, "canary")?;
    if panic_paths(&tools, &canary)?.is_empty() {
        eprintln!("canary: no panic symbol in a firmware that can panic: the check is broken");
        ok = false;
    } else {
        println!("canary: panic paths are detected");
    }
    Ok(ok)
}

/// llvm-size and llvm-nm from rustup's llvm-tools component.
struct Tools {
    size: PathBuf,
    nm: PathBuf,
}

fn llvm_tools() -> Result<Tools, String> {
    let sysroot = output(Command::new("rustc").args(["--print", "sysroot"]))?;
    let version = output(Command::new("rustc").arg("-vV"))?;
    let host = version
        .lines()
        .find_map(|line| line.strip_prefix("host: "))
        .ok_or("rustc -vV names no host")?;
    let bin = Path::new(sysroot.trim())
        .join("lib/rustlib")
        .join(host)
        .join("bin");
    let tools = Tools {
        size: bin.join("llvm-size"),
        nm: bin.join("llvm-nm"),
    };
    if !tools.size.exists() || !tools.nm.exists() {
        return Err(format!(
            "llvm-tools missing in {} (rustup component add llvm-tools)",
            bin.display()
        ));
    }
    Ok(tools)
}

/// Builds the size firmware with these features and returns the ELF's path.
fn build(firmware: &Path, features: &str) -> Result<PathBuf, String> {
    let mut cargo = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    cargo
        .current_dir(firmware)
        .args([
            "build",
            "--quiet",
            "--release",
            "--target",
            TARGET,
            "--bin",
            "size",
        ])
        .arg("--manifest-path")
        .arg(firmware.join("Cargo.toml"));
    if !features.is_empty() {
        cargo.args(["--features", features]);
    }
    let status = cargo.status().map_err(|e| format!("cargo: {e}"))?;
    if !status.success() {
        return Err(format!(
            "building the firmware with features {features:?} failed"
        ));
    }
    Ok(firmware.join("target").join(TARGET).join("release/size"))
}

/// Flash bytes: text + data (data is copied from flash at reset).
fn flash_bytes(tools: &Tools, elf: &Path) -> Result<u64, String> {
    let report = output(Command::new(&tools.size).arg(elf))?;
    let numbers: Vec<u64> = report
        .lines()
        .nth(1)
        .ok_or("llvm-size printed no sizes")?
        .split_whitespace()
        .take(2)
        .map(|n| {
            n.parse()
                .map_err(|_| format!("llvm-size: not a number: {n}"))
        })
        .collect::<Result<_, _>>()?;
    Ok(numbers.iter().sum())
}

/// The names of the panic paths linked into the firmware.
fn panic_paths(tools: &Tools, elf: &Path) -> Result<Vec<String>, String> {
    let symbols = output(
        Command::new(&tools.nm)
            .args(["-C", "--defined-only"])
            .arg(elf),
    )?;
    let mut found: Vec<String> = symbols
        .lines()
        .filter_map(|line| line.splitn(3, ' ').nth(2))
        .filter(|name| is_panic_path(name))
        // The firmware's own handler is not a panic path: it only loops, and is linked anyway.
        .filter(|name| !name.starts_with("rust_begin_unwind"))
        .map(str::to_owned)
        .collect();
    found.sort();
    found.dedup();
    Ok(found)
}

fn output(command: &mut Command) -> Result<String, String> {
    let out = command.output().map_err(|e| format!("{command:?}: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "{command:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}
