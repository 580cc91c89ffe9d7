//! Proptest settings shared by the property tests.

use proptest::test_runner::Config;

/// `cases` cases natively; a handful under Miri (about a thousand times slower), without the
/// failure file that Miri's isolation forbids.
pub fn config(cases: u32) -> Config {
    if cfg!(miri) {
        Config {
            cases: 4,
            failure_persistence: None,
            ..Config::default()
        }
    } else {
        Config::with_cases(cases)
    }
}
