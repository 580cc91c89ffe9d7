//! Medians measured in interleaved rounds: every contender runs a short batch in turn, round after
//! round (each round starting one contender further), so that a slow spell of the machine (another
//! build, a noisy neighbour of the VM) falls on all of them alike. Criterion measures one function
//! after the other for seconds each; on a shared 2-core machine its medians moved by up to ±50 %
//! from one run to the next, and with them the ratios. The tables show both.

use std::time::{Duration, Instant};

/// A contender: runs `n` iterations of its work.
pub type Batch<'a> = Box<dyn FnMut(u64) + 'a>;

/// The median time of one iteration of each contender (ns), over `rounds` interleaved rounds of
/// batches of about `target` each (at least one iteration a batch).
pub fn medians(batches: &mut [Batch<'_>], rounds: usize, target: Duration) -> Vec<f64> {
    // Calibration (and warm-up): double the batch until it takes `target`.
    let counts: Vec<u64> = batches
        .iter_mut()
        .map(|batch| {
            let mut count = 1u64;
            loop {
                let start = Instant::now();
                batch(count);
                if start.elapsed() >= target || count >= 1 << 30 {
                    return count;
                }
                count *= 2;
            }
        })
        .collect();
    let n = batches.len();
    let mut samples = vec![Vec::with_capacity(rounds); n];
    for round in 0..rounds {
        for k in 0..n {
            let i = (round + k) % n;
            let start = Instant::now();
            batches[i](counts[i]);
            samples[i].push(start.elapsed().as_nanos() as f64 / counts[i] as f64);
        }
    }
    samples
        .into_iter()
        .map(|mut times| {
            times.sort_by(f64::total_cmp);
            times[times.len() / 2]
        })
        .collect()
}
