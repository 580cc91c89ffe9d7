//! A retry quota shared by all the requests of one client (AWS SDK standard mode numbers).

use crate::{Category, Classification};

/// A token bucket that bounds retries across the requests of one client, so a failing service is
/// not hammered by every request at once (AWS SDK standard mode: 500 tokens; a retry costs 5, a
/// retry after a timeout or connection failure 10; a first-try success refunds 1, a successful retry
/// refunds its cost). Plain arithmetic: the adapters hold it behind their own lock.
///
/// ```
/// use zai_errors::policy::RetryQuota;
/// use zai_errors::{Classification, TransportFailure};
///
/// let mut quota = RetryQuota::new();
/// let cost = quota.try_acquire(&Classification::of_status(503)).unwrap();
/// assert_eq!((cost, quota.available()), (5, 495));
/// quota.on_success(Some(cost)); // the retry succeeded: its cost comes back
/// assert_eq!(quota.available(), 500);
/// assert_eq!(quota.try_acquire(&TransportFailure::Timeout.classify()), Some(10));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub struct RetryQuota {
    available: u32,
    capacity: u32,
}

impl Default for RetryQuota {
    fn default() -> Self {
        Self::new()
    }
}

impl RetryQuota {
    /// The bucket's size (AWS standard mode).
    pub const CAPACITY: u32 = 500;
    /// What a retry costs.
    pub const RETRY_COST: u32 = 5;
    /// What a retry after a timeout or connection failure costs.
    pub const TRANSPORT_RETRY_COST: u32 = 10;
    /// What a success at the first attempt refunds.
    pub const SUCCESS_REFUND: u32 = 1;

    /// A full bucket.
    pub const fn new() -> Self {
        Self::with_capacity(Self::CAPACITY)
    }

    /// A full bucket of `capacity` tokens.
    pub const fn with_capacity(capacity: u32) -> Self {
        Self {
            available: capacity,
            capacity,
        }
    }

    /// The tokens left.
    pub const fn available(&self) -> u32 {
        self.available
    }

    /// What a retry after this failure costs.
    pub fn cost_of(class: &Classification) -> u32 {
        match class.category {
            Category::Transport => Self::TRANSPORT_RETRY_COST,
            _ => Self::RETRY_COST,
        }
    }

    /// Takes the cost of a retry after `class`; `None` (nothing taken) when the bucket cannot pay:
    /// give up instead of retrying.
    pub fn try_acquire(&mut self, class: &Classification) -> Option<u32> {
        let cost = Self::cost_of(class);
        self.available = self.available.checked_sub(cost)?;
        Some(cost)
    }

    /// A request succeeded: after retries that cost `retry_cost`, that much comes back; at the first
    /// attempt (`None`), [`RetryQuota::SUCCESS_REFUND`]. Never above the capacity.
    pub fn on_success(&mut self, retry_cost: Option<u32>) {
        let refund = retry_cost.unwrap_or(Self::SUCCESS_REFUND);
        self.available = self.available.saturating_add(refund).min(self.capacity);
    }
}

#[cfg(test)]
mod tests {
    use super::RetryQuota;
    use crate::Classification;

    #[test]
    fn the_bucket_empties_and_refills_within_its_bounds() {
        let mut quota = RetryQuota::with_capacity(12);
        let class = Classification::of_status(500);
        assert_eq!(quota.try_acquire(&class), Some(5));
        assert_eq!(quota.try_acquire(&class), Some(5));
        assert_eq!(quota.try_acquire(&class), None, "2 tokens left: no retry");
        assert_eq!(quota.available(), 2);
        quota.on_success(None);
        assert_eq!(quota.available(), 3);
        for _ in 0..100 {
            quota.on_success(Some(10));
        }
        assert_eq!(quota.available(), 12, "never above the capacity");
    }
}
