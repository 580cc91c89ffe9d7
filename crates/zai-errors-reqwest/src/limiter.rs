//! An adaptive limit on the requests in flight (AIMD): halved after Z.AI says "too many in flight"
//! (1302) — at most once per window —, never below 1, one more after a run of successes.

use std::sync::{Arc, Condvar, Mutex, MutexGuard};

use tokio::sync::Notify;

/// The limit's bounds and start.
pub(crate) const START: usize = 4;
const FLOOR: usize = 1;
const CEILING: usize = 64;

#[derive(Debug)]
struct State {
    limit: usize,
    in_flight: usize,
    /// Successes since the last change of the limit.
    successes: usize,
    /// Bumped at each decrease: a 1302 for a request sent before it is of the same overload.
    generation: u64,
}

/// The shared limiter (async and blocking waiters alike).
#[derive(Debug)]
pub(crate) struct Limiter {
    state: Mutex<State>,
    notify: Notify,
    condvar: Condvar,
}

/// A place among the requests in flight, held until the response (or its stream) is dropped.
#[derive(Debug)]
pub struct Permit {
    limiter: Arc<Limiter>,
    generation: u64,
}

impl Limiter {
    pub(crate) fn new(start: usize) -> Arc<Self> {
        Arc::new(Self {
            state: Mutex::new(State {
                limit: start.clamp(FLOOR, CEILING),
                in_flight: 0,
                successes: 0,
                generation: 0,
            }),
            notify: Notify::new(),
            condvar: Condvar::new(),
        })
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        // A panic while holding the lock leaves plain counters behind: keep using them.
        self.state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Takes a place if one is free.
    fn try_take(self: &Arc<Self>) -> Option<Permit> {
        let mut state = self.lock();
        (state.in_flight < state.limit).then(|| {
            state.in_flight += 1;
            Permit {
                limiter: self.clone(),
                generation: state.generation,
            }
        })
    }

    /// Waits for a place (async).
    pub(crate) async fn acquire(self: &Arc<Self>) -> Permit {
        loop {
            let notified = self.notify.notified();
            tokio::pin!(notified);
            notified.as_mut().enable();
            if let Some(permit) = self.try_take() {
                return permit;
            }
            notified.await;
        }
    }

    /// Waits for a place (blocking).
    #[cfg(feature = "blocking")]
    pub(crate) fn acquire_blocking(self: &Arc<Self>) -> Permit {
        let mut state = self.lock();
        loop {
            if state.in_flight < state.limit {
                state.in_flight += 1;
                return Permit {
                    limiter: self.clone(),
                    generation: state.generation,
                };
            }
            state = self
                .condvar
                .wait(state)
                .unwrap_or_else(|poisoned| poisoned.into_inner());
        }
    }

    /// The current limit.
    pub(crate) fn limit(&self) -> usize {
        self.lock().limit
    }

    fn wake(&self) {
        self.notify.notify_waiters();
        self.condvar.notify_all();
    }
}

impl Permit {
    /// The request succeeded: after `limit` successes in a row, one more may fly.
    pub(crate) fn succeeded(&self) {
        let mut state = self.limiter.lock();
        state.successes += 1;
        if state.successes >= state.limit && state.limit < CEILING {
            state.limit += 1;
            state.successes = 0;
            drop(state);
            self.limiter.wake();
        }
    }

    /// Z.AI said too many requests are in flight (1302): halve the limit, unless it was already
    /// lowered since this request was sent (the same overload).
    pub(crate) fn overloaded(&self) {
        let mut state = self.limiter.lock();
        if self.generation == state.generation {
            state.limit = (state.limit / 2).max(FLOOR);
            state.generation += 1;
            state.successes = 0;
        }
    }
}

impl Drop for Permit {
    fn drop(&mut self) {
        let mut state = self.limiter.lock();
        state.in_flight = state.in_flight.saturating_sub(1);
        drop(state);
        self.limiter.wake();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn halves_once_per_window_never_below_one_and_grows_after_successes() {
        let limiter = Limiter::new(8);
        let permits: Vec<Permit> = (0..8).filter_map(|_| limiter.try_take()).collect();
        assert_eq!(permits.len(), 8);
        assert!(limiter.try_take().is_none(), "the ninth waits");
        // Eight 1302s for requests sent in the same window: one halving.
        for permit in &permits {
            permit.overloaded();
        }
        assert_eq!(limiter.limit(), 4);
        drop(permits);
        // A new window: each overload halves again, down to the floor.
        for expected in [2, 1, 1] {
            let permit = limiter.try_take().expect("a place");
            permit.overloaded();
            assert_eq!(limiter.limit(), expected);
        }
        // One success at limit 1 grows it to 2; two more to 3.
        for expected in [2, 2, 3] {
            let permit = limiter.try_take().expect("a place");
            permit.succeeded();
            assert_eq!(limiter.limit(), expected);
        }
    }
}
