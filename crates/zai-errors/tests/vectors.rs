//! The golden vectors of `tests/vectors`: every body is read and classified, and every expected field
//! is checked. All mismatches are collected and printed before the test fails, so one run shows them all.

use std::collections::BTreeSet;
use std::fmt::Debug;
use std::path::PathBuf;

use zai_errors::ApiError;
use zai_errors_vectors::{VECTORS, Vector};

/// Compares one field and records a mismatch.
fn check<T: PartialEq + Debug>(
    mismatches: &mut Vec<String>,
    vector: &Vector,
    field: &str,
    actual: T,
    expected: T,
) {
    if actual != expected {
        mismatches.push(format!(
            "{} (HTTP {}): {field}: expected {expected:?}, got {actual:?}",
            vector.name, vector.status
        ));
    }
}

#[test]
fn every_vector_classifies_as_expected() {
    let mut mismatches = Vec::new();
    for v in VECTORS {
        let error = ApiError::<256>::parse(v.status, v.body);
        let e = &v.expect;
        let m = &mut mismatches;
        check(m, v, "code", error.code().map(u16::from), e.code);
        check(m, v, "code_text", error.code_text(), e.code_text);
        check(m, v, "known", error.is_known(), e.known);
        check(m, v, "category", error.category().as_str(), e.category);
        check(m, v, "kind", error.kind().as_str(), e.kind);
        check(m, v, "retry", error.retry().map(|r| r.as_str()), e.retry);
        check(m, v, "fault", error.fault().as_str(), e.fault);
        check(
            m,
            v,
            "reset_at",
            error.reset_at().map(|t| t.to_string()).as_deref(),
            e.reset_at,
        );
        check(m, v, "request_id", error.request_id(), e.request_id);
        check(m, v, "message", error.message(), e.message);
        check(m, v, "truncated", error.is_truncated(), e.truncated);
        check(m, v, "shape", error.shape().as_str(), e.shape);
        // The lean path classifies alike.
        check(
            m,
            v,
            "of_body",
            zai_errors::Classification::of_body(v.status, v.body),
            error.classification(),
        );
    }
    for line in &mismatches {
        eprintln!("{line}");
    }
    assert!(
        mismatches.is_empty(),
        "{} mismatch(es) over {} vectors (listed above)",
        mismatches.len(),
        VECTORS.len()
    );
}

#[test]
#[cfg_attr(miri, ignore = "reads a directory, which Miri's isolation forbids")]
fn names_are_unique_and_every_body_file_is_used() {
    let mut names = BTreeSet::new();
    let duplicates: Vec<&str> = VECTORS
        .iter()
        .map(|v| v.name)
        .filter(|name| !names.insert(*name))
        .collect();
    assert!(
        duplicates.is_empty(),
        "duplicate vector names: {duplicates:?}"
    );

    let dir: PathBuf = [
        env!("CARGO_MANIFEST_DIR"),
        "..",
        "..",
        "tests",
        "vectors",
        "bodies",
    ]
    .iter()
    .collect();
    let entries = std::fs::read_dir(&dir)
        .unwrap_or_else(|err| panic!("cannot read {}: {err}", dir.display()));
    let mut unused = Vec::new();
    let mut files = 0;
    for entry in entries {
        let entry = entry.unwrap_or_else(|err| panic!("cannot list {}: {err}", dir.display()));
        if !entry.file_type().is_ok_and(|t| t.is_file()) {
            continue;
        }
        files += 1;
        let file = entry.file_name().to_string_lossy().into_owned();
        if !names.contains(file.as_str()) {
            unused.push(file);
        }
    }
    unused.sort();
    assert!(
        unused.is_empty(),
        "body files used by no vector: {unused:?}"
    );
    assert_eq!(files, VECTORS.len(), "one body file per vector");
}
