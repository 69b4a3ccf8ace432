//! The consumer's prefetch, chosen from the sizes of recent deliveries so that prefetch times message size stays within the in-flight byte budget.
//!
//! The broker dispatches up to the prefetch count at once, whatever the sizes,
//! and lapin reads everything dispatched: cancelling a consumer stops nothing
//! already on its way. So the prefetch itself must fit the budget. A consumer
//! starts at the count that fits messages of `input.max_message_bytes` (25 for
//! 256 MiB and 10 MiB), since nothing is known of the sizes yet; once deliveries
//! show smaller messages it rises towards `input.prefetch` (which small news
//! articles need for throughput), and it falls at once when a larger message
//! shows up. A prefetch applies to consumers started after it is set, so each
//! change means a new consumer.

use std::collections::VecDeque;

/// Deliveries whose sizes decide the prefetch: the largest of them counts.
const WINDOW: usize = 256;

/// Deliveries seen at one prefetch before it may rise again, so it does not churn.
const SETTLE: usize = 64;

/// What the prefetch should be, from what has been delivered.
#[derive(Debug, Clone)]
pub struct PrefetchPlan {
    /// `input.prefetch`: the most it may be.
    configured: u16,
    /// `input.max_in_flight_bytes`.
    budget: usize,
    /// Sizes of the last [`WINDOW`] deliveries.
    recent: VecDeque<usize>,
    current: u16,
    since_change: usize,
}

impl PrefetchPlan {
    /// A plan starting at the prefetch that fits the budget with messages of `max_message_bytes`.
    pub fn new(configured: u16, budget: usize, max_message_bytes: usize) -> Self {
        let mut plan = Self {
            configured: configured.max(1),
            budget,
            recent: VecDeque::with_capacity(WINDOW),
            current: 1,
            since_change: 0,
        };
        plan.current = plan.fitting(max_message_bytes);
        plan
    }

    /// The prefetch to consume with now.
    pub fn current(&self) -> u16 {
        self.current
    }

    /// The largest count of messages of `size` bytes that fits the budget, within 1 ..= configured.
    fn fitting(&self, size: usize) -> u16 {
        let count = self.budget / size.max(1);
        count.clamp(1, usize::from(self.configured)) as u16
    }

    /// Note a delivery of `size` bytes; `Some(prefetch)` when the consumer should change to it.
    pub fn observe(&mut self, size: usize) -> Option<u16> {
        if self.recent.len() == WINDOW {
            self.recent.pop_front();
        }
        self.recent.push_back(size);
        self.since_change += 1;
        let largest = self.recent.iter().copied().max().unwrap_or(size);
        let target = self.fitting(largest);
        let lower = target < self.current;
        let raise = self.since_change >= SETTLE
            && target > self.current
            && (target >= self.current.saturating_mul(2) || target == self.configured);
        (lower || raise).then(|| {
            self.current = target;
            self.since_change = 0;
            target
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MIB: usize = 1 << 20;

    #[test]
    fn a_cold_consumer_assumes_the_largest_messages() {
        assert_eq!(PrefetchPlan::new(256, 256 * MIB, 10 * MIB).current(), 25);
        assert_eq!(
            PrefetchPlan::new(256, MIB, 10 * MIB).current(),
            1,
            "never 0"
        );
        assert_eq!(
            PrefetchPlan::new(16, 256 * MIB, MIB).current(),
            16,
            "never above input.prefetch"
        );
    }

    #[test]
    fn small_messages_raise_it_to_the_configured_prefetch_after_settling() {
        let mut plan = PrefetchPlan::new(256, 256 * MIB, 10 * MIB);
        let changes: Vec<u16> = (0..200).filter_map(|_| plan.observe(3_000)).collect();
        assert_eq!(changes, vec![256], "one change, after {SETTLE} deliveries");
        assert_eq!(plan.current(), 256);
    }

    #[test]
    fn a_large_message_lowers_it_at_once_and_it_stays_low_while_one_is_in_the_window() {
        let mut plan = PrefetchPlan::new(256, 256 * MIB, 10 * MIB);
        for _ in 0..100 {
            plan.observe(3_000);
        }
        assert_eq!(plan.observe(8 * MIB), Some(32));
        for _ in 0..(WINDOW - 1) {
            assert_eq!(
                plan.observe(3_000),
                None,
                "the large one is still in the window"
            );
        }
        assert_eq!(plan.observe(3_000), Some(256), "it has left the window");
    }

    #[test]
    fn prefetch_times_the_largest_recent_size_fits_the_budget() {
        let budget = 256 * MIB;
        let mut plan = PrefetchPlan::new(256, budget, 10 * MIB);
        for (n, size) in [5_000, 2 * MIB, 40_000, 9 * MIB, 100, 700_000]
            .iter()
            .cycle()
            .take(2000)
            .enumerate()
        {
            plan.observe(*size);
            let largest = plan.recent.iter().copied().max().unwrap();
            assert!(
                usize::from(plan.current()) * largest <= budget || plan.current() == 1,
                "delivery {n}: prefetch {} x {largest}",
                plan.current()
            );
        }
    }
}
