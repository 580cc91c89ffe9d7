//! Parse + classify of every golden vector: this crate against the way std Rust clients do it
//! (serde_json into owned `String`s, a string-or-number code, then a match).
//!
//! `cargo bench -p zai-errors --bench parse_classify`

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use serde::Deserialize;
use zai_errors::{ApiError, Classification};
use zai_errors_vectors::VECTORS;

/// The baseline a good std engineer writes (zai-rs, async-openai): owned strings, every shape the
/// scanner reads, a code that may be a string or a number, read without serde's buffering `untagged`.
mod baseline {
    use super::*;

    #[derive(Deserialize)]
    pub struct Body {
        pub error: Option<ErrorField>,
        pub code: Option<CodeField>,
        pub message: Option<String>,
        pub msg: Option<String>,
        pub request_id: Option<String>,
    }

    #[derive(Deserialize)]
    #[serde(untagged)]
    pub enum ErrorField {
        Object(ErrorObject),
        Text(String),
    }

    #[derive(Deserialize)]
    pub struct ErrorObject {
        pub code: Option<CodeField>,
        pub message: Option<String>,
        #[serde(rename = "type")]
        pub kind: Option<String>,
    }

    pub struct CodeField(pub Option<u16>);

    impl<'de> Deserialize<'de> for CodeField {
        fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            struct V;
            impl serde::de::Visitor<'_> for V {
                type Value = CodeField;
                fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                    f.write_str("a code")
                }
                fn visit_str<E>(self, v: &str) -> Result<CodeField, E> {
                    Ok(CodeField(v.trim().parse().ok()))
                }
                fn visit_u64<E>(self, v: u64) -> Result<CodeField, E> {
                    Ok(CodeField(u16::try_from(v).ok()))
                }
                fn visit_i64<E>(self, v: i64) -> Result<CodeField, E> {
                    Ok(CodeField(u16::try_from(v).ok()))
                }
                fn visit_f64<E>(self, _: f64) -> Result<CodeField, E> {
                    Ok(CodeField(None))
                }
            }
            d.deserialize_any(V)
        }
    }

    /// Owned results, as an error type in a std client holds them.
    #[allow(dead_code)]
    pub struct Parsed {
        pub status: u16,
        pub code: Option<u16>,
        pub message: Option<String>,
        pub request_id: Option<String>,
        pub class: Classification,
    }

    pub fn parse_classify(status: u16, body: &[u8]) -> Parsed {
        let parsed: Option<Body> = serde_json::from_slice(body).ok();
        let (code, message, request_id) = match parsed {
            Some(body) => {
                let (error_code, error_type, error_message) = match body.error {
                    Some(ErrorField::Object(e)) => (e.code.and_then(|c| c.0), e.kind, e.message),
                    Some(ErrorField::Text(text)) => (None, None, Some(text)),
                    None => (None, None, None),
                };
                let code = error_code
                    .or_else(|| error_type.and_then(|t| t.parse().ok()))
                    .or_else(|| body.code.and_then(|c| c.0));
                (
                    code,
                    error_message.or(body.message).or(body.msg),
                    body.request_id,
                )
            }
            None => (
                None,
                Some(String::from_utf8_lossy(body).chars().take(96).collect()),
                None,
            ),
        };
        let class = Classification::of_code(status, code);
        Parsed {
            status,
            code,
            message,
            request_id,
            class,
        }
    }
}

fn parse_classify(c: &mut Criterion) {
    let mut group = c.benchmark_group("parse_classify");
    group.bench_function("zai_errors", |b| {
        b.iter(|| {
            for vector in VECTORS {
                let error: ApiError =
                    ApiError::from_response(vector.status, black_box(vector.body));
                black_box(&error);
            }
        })
    });
    group.bench_function("serde_json_owned", |b| {
        b.iter(|| {
            for vector in VECTORS {
                black_box(baseline::parse_classify(
                    vector.status,
                    black_box(vector.body),
                ));
            }
        })
    });
    group.finish();
}

criterion_group!(benches, parse_classify);
criterion_main!(benches);
