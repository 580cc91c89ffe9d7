//! The board setup shared by the suite and the size report: puts memory.x where cortex-m-rt's
//! link.x finds it and links with link.x (here, not in RUSTFLAGS, which CI's own RUSTFLAGS would
//! replace). For the suite, it also packs the golden SSE transcripts (two are 100 and 140 KB, more
//! than the board's 256 KiB flash holds beside the code) with a small LZ77 coding that the firmware
//! unpacks byte for byte while feeding them to the connection; each carries its length and FNV-1a
//! hash, which the firmware checks against the bytes it actually fed.
use std::fmt::Write as _;
use std::{env, fs, path::PathBuf};

use zai_errors_vectors::STREAMS;

/// The farthest back a copy may reach (the firmware keeps this much history).
const WINDOW: usize = 128;

fn main() {
    let out = PathBuf::from(env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    fs::copy("memory.x", out.join("memory.x")).expect("memory.x is readable");
    println!("cargo:rustc-link-search={}", out.display());
    println!("cargo:rustc-link-arg-bins=-Tlink.x");
    println!("cargo:rerun-if-changed=memory.x");
    println!("cargo:rerun-if-changed=build.rs");

    let mut table = String::from(
        "/// The golden transcripts, packed.\npub static STREAMS: &[PackedStream] = &[\n",
    );
    for (index, stream) in STREAMS.iter().enumerate() {
        let packed = pack(stream.transcript);
        assert_eq!(
            unpack(&packed),
            stream.transcript,
            "{}: packing round-trips",
            stream.name
        );
        let file = format!("stream-{index:02}.lz");
        fs::write(out.join(&file), &packed).expect("OUT_DIR is writable");
        let events: Vec<String> = stream.events.iter().map(|e| format!("{e:?}")).collect();
        writeln!(
            table,
            "    PackedStream {{ name: {:?}, events: &[{}], text: {:?}, reasoning: {:?}, len: {}, hash: {:#010x}, packed: include_bytes!(concat!(env!(\"OUT_DIR\"), \"/{file}\")) }},",
            stream.name,
            events.join(", "),
            stream.text,
            stream.reasoning,
            stream.transcript.len(),
            fnv1a(stream.transcript),
        )
        .expect("writing to a String");
    }
    table.push_str("];\n");
    fs::write(out.join("streams.rs"), table).expect("OUT_DIR is writable");
}

/// FNV-1a, 32 bits.
fn fnv1a(bytes: &[u8]) -> u32 {
    bytes.iter().fold(0x811c_9dc5, |hash, &b| {
        (hash ^ u32::from(b)).wrapping_mul(0x0100_0193)
    })
}

/// Tag < 0x80: a literal run of tag + 1 bytes follows. Tag >= 0x80: copy from (tag & 0x7f) + 1
/// bytes back, for a length that follows as a LEB128 number.
fn pack(input: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut literals: Vec<u8> = Vec::new();
    let flush = |out: &mut Vec<u8>, literals: &mut Vec<u8>| {
        for run in literals.chunks(128) {
            out.push((run.len() - 1) as u8);
            out.extend_from_slice(run);
        }
        literals.clear();
    };
    let mut at = 0;
    while at < input.len() {
        let (mut best_len, mut best_distance) = (0, 0);
        for distance in 1..=WINDOW.min(at) {
            let len = (at..input.len())
                .take_while(|&i| input[i] == input[i - distance])
                .count();
            if len > best_len {
                (best_len, best_distance) = (len, distance);
            }
        }
        if best_len >= 4 {
            flush(&mut out, &mut literals);
            out.push(0x80 | (best_distance - 1) as u8);
            let mut len = best_len;
            loop {
                let byte = (len & 0x7f) as u8;
                len >>= 7;
                if len == 0 {
                    out.push(byte);
                    break;
                }
                out.push(byte | 0x80);
            }
            at += best_len;
        } else {
            literals.push(input[at]);
            at += 1;
        }
    }
    flush(&mut out, &mut literals);
    out
}

/// The reference unpacker (the firmware's streams the same bytes through a 128-byte window).
fn unpack(packed: &[u8]) -> Vec<u8> {
    let mut out: Vec<u8> = Vec::new();
    let mut at = 0;
    while at < packed.len() {
        let tag = packed[at];
        at += 1;
        if tag < 0x80 {
            let n = usize::from(tag) + 1;
            out.extend_from_slice(&packed[at..at + n]);
            at += n;
        } else {
            let distance = usize::from(tag & 0x7f) + 1;
            let (mut len, mut shift) = (0usize, 0);
            loop {
                let byte = packed[at];
                at += 1;
                len |= usize::from(byte & 0x7f) << shift;
                shift += 7;
                if byte < 0x80 {
                    break;
                }
            }
            for _ in 0..len {
                out.push(out[out.len() - distance]);
            }
        }
    }
    out
}
