//! Reading a body from an argument, a file (`@FILE`) or stdin, with a bound.

use std::ffi::OsString;
use std::fs::File;
use std::io::{self, IsTerminal, Read};
use std::path::Path;

use crate::output::usage_error;

/// Bodies are read up to this many bytes; the rest is read and dropped (constant memory).
pub const MAX_BODY: u64 = 1024 * 1024;

/// A body, whether it was cut at [`MAX_BODY`], and where it came from (for messages).
pub struct Body {
    pub bytes: Vec<u8>,
    pub cut: bool,
}

/// The body given as an argument, from a file with `@FILE` (curl's convention), or stdin when it is
/// absent or `-`. A file that cannot be opened or read is an I/O error naming it (exit 1).
pub fn read_body(arg: Option<OsString>) -> io::Result<Body> {
    match arg {
        Some(arg) if arg != "-" => {
            let bytes = arg.into_encoded_bytes();
            if let Some(path) = bytes.strip_prefix(b"@") {
                let Ok(path) = std::str::from_utf8(path) else {
                    return Err(usage_error(format!(
                        "@{}: the file name is not UTF-8",
                        String::from_utf8_lossy(path)
                    )));
                };
                if path.is_empty() {
                    return Err(usage_error("@ needs a file name: @FILE".to_owned()));
                }
                let path = Path::new(path);
                let file =
                    File::open(path).map_err(|error| named(error, &path.display().to_string()))?;
                return read_bounded(file)
                    .map_err(|error| named(error, &path.display().to_string()));
            }
            hint_if_file(&bytes);
            let cut = bytes.len() as u64 > MAX_BODY;
            let mut bytes = bytes;
            bytes.truncate(MAX_BODY as usize);
            Ok(Body { bytes, cut })
        }
        _ => {
            let stdin = io::stdin();
            if stdin.is_terminal() {
                eprintln!("zai-errors: reading the body from stdin (end it with Ctrl-D)");
            }
            read_bounded(stdin.lock()).map_err(|error| named(error, "stdin"))
        }
    }
}

/// A body argument that is not JSON but names a file: probably meant as `@FILE`.
fn hint_if_file(bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    let looks_like_json = text.trim_start().starts_with(['{', '[', '"']);
    if !looks_like_json && !text.is_empty() && Path::new(text.as_ref()).is_file() {
        eprintln!(
            "zai-errors: note: classifying the text {text:?} itself; to read the file, write @{text}"
        );
    }
}

/// An I/O error that says which input failed.
fn named(error: io::Error, input: &str) -> io::Error {
    io::Error::new(error.kind(), format!("cannot read {input}: {error}"))
}

/// Reads at most [`MAX_BODY`] bytes of `reader`, then drains the rest without keeping it.
pub fn read_bounded(mut reader: impl Read) -> io::Result<Body> {
    let mut bytes = Vec::new();
    (&mut reader).take(MAX_BODY).read_to_end(&mut bytes)?;
    let rest = io::copy(&mut reader, &mut io::sink())?;
    Ok(Body {
        bytes,
        cut: rest > 0,
    })
}
