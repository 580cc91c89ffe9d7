//! The peer benchmarks of `zai-errors` (DESIGN §5, issue 11): what each parser a user could pick
//! instead does with the same error bodies and streams, and the report printed after one criterion
//! run. The benches themselves are `benches/parse_classify.rs` and `benches/sse_throughput.rs`.

pub mod inputs;
pub mod interleave;
pub mod peers;
pub mod report;
pub mod sse;
