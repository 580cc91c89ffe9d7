//! Reading a body from an argument or stdin, with a bound.

use std::ffi::OsString;
use std::io::{self, Read};

/// Bodies are read up to this many bytes; the rest is read and dropped (constant memory).
pub const MAX_BODY: u64 = 1024 * 1024;

/// A body and whether it was cut at [`MAX_BODY`].
pub struct Body {
    pub bytes: Vec<u8>,
    pub cut: bool,
}

/// The body given as an argument, or stdin when it is absent or `-`.
pub fn read_body(arg: Option<OsString>) -> io::Result<Body> {
    match arg {
        Some(arg) if arg != "-" => {
            let mut bytes = arg.into_encoded_bytes();
            let cut = bytes.len() as u64 > MAX_BODY;
            bytes.truncate(MAX_BODY as usize);
            Ok(Body { bytes, cut })
        }
        _ => read_bounded(io::stdin().lock()),
    }
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
