//! What to do after a failure, and when: the retry decision and the retry quota (DESIGN §2.6),
//! pure and `no_std`. The caller supplies the clock and the randomness and does the sleeping, so
//! the same decision runs in the reqwest adapter and on a device.

mod decide;
mod quota;
mod retry_after;

pub use decide::{Decision, GiveUp, Policy, WaitFor, decide};
pub use quota::RetryQuota;
pub use retry_after::RetryAfter;
