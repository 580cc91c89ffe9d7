//! Time of parse + classify for each golden vector, slowest first: where the time goes.
//!
//! `cargo bench -p zai-errors --bench per_vector`

use std::hint::black_box;
use std::time::Instant;

use zai_errors::ApiError;
use zai_errors_vectors::VECTORS;

const ROUNDS: u32 = 20_000;

fn main() {
    let mut rows: Vec<(f64, &str, usize)> = VECTORS
        .iter()
        .map(|vector| {
            let start = Instant::now();
            for _ in 0..ROUNDS {
                black_box(ApiError::<256>::parse(
                    vector.status,
                    black_box(vector.body),
                ));
            }
            let nanos = start.elapsed().as_nanos() as f64 / f64::from(ROUNDS);
            (nanos, vector.name, vector.body.len())
        })
        .collect();
    rows.sort_by(|a, b| b.0.total_cmp(&a.0));
    let (total_ns, total_bytes) = rows.iter().fold((0.0, 0), |(t, b), r| (t + r.0, b + r.2));
    println!("{:>9} {:>7}  vector", "ns", "bytes");
    for (nanos, name, bytes) in &rows {
        println!("{nanos:>9.0} {bytes:>7}  {name}");
    }
    println!(
        "{total_ns:>9.0} {total_bytes:>7}  all {} vectors ({:.0} MB/s)",
        rows.len(),
        total_bytes as f64 / total_ns * 1e3
    );
}
