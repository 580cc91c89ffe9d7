//! Golden error bodies with their expected classification.
//!
//! Shared by the core's host tests, the CLI tests and the on-target suite: `no_std`, no dependency,
//! bodies embedded with `include_bytes!` from `bodies/`, expectations written as the contract's
//! strings so that this crate does not depend on the code it checks.
#![no_std]

/// One golden case: a response and what `zai-errors` must make of it.
#[derive(Debug)]
pub struct Vector {
    /// A unique, file-like name.
    pub name: &'static str,
    /// Where the body comes from (a public report, the docs, or "synthetic: <why>").
    pub source: &'static str,
    /// The HTTP status it came with.
    pub status: u16,
    /// The body, byte for byte.
    pub body: &'static [u8],
    /// The expected classification (with the default 256-byte message capacity).
    pub expect: Expect,
}

/// The expected result, in the contract's JSON terms (`classify --json` keys).
#[derive(Debug)]
pub struct Expect {
    /// `code`: the business code, if any.
    pub code: Option<u16>,
    /// `known`.
    pub known: bool,
    /// `category`.
    pub category: &'static str,
    /// `kind`.
    pub kind: &'static str,
    /// `retry` (`None` is JSON null: not an error).
    pub retry: Option<&'static str>,
    /// `fault`.
    pub fault: &'static str,
    /// `reset_at`, RFC 3339 with `+08:00`.
    pub reset_at: Option<&'static str>,
    /// `request_id`.
    pub request_id: Option<&'static str>,
    /// `message`, exactly.
    pub message: Option<&'static str>,
    /// `truncated`.
    pub truncated: bool,
    /// `shape`.
    pub shape: &'static str,
}

macro_rules! vectors {
    ($( $file:literal, $status:literal, $source:literal => { $($field:ident: $value:expr),* $(,)? } )*) => {
        /// Every golden case.
        pub static VECTORS: &[Vector] = &[$(
            Vector {
                name: $file,
                source: $source,
                status: $status,
                body: include_bytes!(concat!("../bodies/", $file)),
                expect: Expect { $($field: $value),* },
            },
        )*];
    };
}

vectors! {
    "01-docs-1002-invalid-token.json", 401, "docs.z.ai error page, curl example" => {
        code: Some(1002), known: true, category: "authentication", kind: "invalid_token", retry: Some("never"),
        fault: "credentials", reset_at: None, request_id: None,
        message: Some("Authorization Token is invalid, please ensure that the Authorization Token is correctly provided."),
        truncated: false, shape: "nested",
    }
}
