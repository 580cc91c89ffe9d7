//! Running the built binary with input written to its stdin from another thread.
#![allow(dead_code)]

use std::io::Write;
use std::process::{ChildStdin, Command, Output, Stdio};

/// The binary under test.
pub const BIN: &str = env!("CARGO_BIN_EXE_zai-errors");

/// Runs `command`, with `feed` writing its stdin (then closing it), and collects its output.
pub fn run_feeding(
    mut command: Command,
    feed: impl FnOnce(&mut ChildStdin) + Send + 'static,
) -> Output {
    let mut child = command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the command starts");
    let mut stdin = child.stdin.take().expect("stdin");
    let writer = std::thread::spawn(move || feed(&mut stdin));
    let output = child.wait_with_output().expect("the command ends");
    writer.join().expect("the writer ends");
    output
}

/// Runs the binary with `args` and `input` on stdin.
pub fn run(args: &[&str], input: Option<&[u8]>) -> Output {
    let mut command = Command::new(BIN);
    command.args(args);
    let input = input.map(<[u8]>::to_vec);
    run_feeding(command, move |stdin| {
        if let Some(input) = input {
            let _ = stdin.write_all(&input);
        }
    })
}

/// The same, with the address space limited to `limit_kib` KiB (`ulimit -v`): memory that grew with
/// the input would make the run fail.
pub fn limited(args: &[&str], limit_kib: u32) -> Command {
    let mut command = Command::new("sh");
    command
        .arg("-c")
        .arg(format!("ulimit -v {limit_kib}; exec \"$0\" \"$@\""))
        .arg(BIN)
        .args(args);
    command
}
