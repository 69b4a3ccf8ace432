//! Exponential back-off with full jitter, for reconnecting and for requeueing transient failures.

use std::time::Duration;

use rand::Rng;

/// Waits that double from `min` up to `max`, each drawn at random from the upper
/// half of the current step, so a fleet of workers does not retry in lockstep.
#[derive(Debug, Clone)]
pub struct Backoff {
    min: Duration,
    max: Duration,
    attempt: u32,
}

impl Backoff {
    /// A back-off starting at `min` and never exceeding `max`.
    pub fn new(min: Duration, max: Duration) -> Self {
        Self {
            min,
            max: max.max(min),
            attempt: 0,
        }
    }

    /// The ceiling of the `attempt`-th wait (0-based), before jitter.
    pub fn ceiling(&self, attempt: u32) -> Duration {
        let factor = 2u32.saturating_pow(attempt.min(30));
        self.min.saturating_mul(factor).min(self.max)
    }

    /// The wait for `attempt`, jittered into [ceiling/2, ceiling].
    pub fn delay_for(&self, attempt: u32) -> Duration {
        let ceiling = self.ceiling(attempt);
        let half = ceiling / 2;
        let spread = ceiling.saturating_sub(half).as_micros() as u64;
        half + Duration::from_micros(rand::rng().random_range(0..=spread))
    }

    /// The next wait, advancing the attempt count.
    pub fn next_delay(&mut self) -> Duration {
        let delay = self.delay_for(self.attempt);
        self.attempt = self.attempt.saturating_add(1);
        delay
    }

    /// Start again from `min` (after a success).
    pub fn reset(&mut self) {
        self.attempt = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waits_double_up_to_the_ceiling_and_stay_jittered_within_it() {
        let mut backoff = Backoff::new(Duration::from_millis(100), Duration::from_secs(1));
        let expected = [100, 200, 400, 800, 1000, 1000];
        for ceiling_ms in expected {
            let delay = backoff.next_delay();
            let ceiling = Duration::from_millis(ceiling_ms);
            assert!(
                delay <= ceiling && delay >= ceiling / 2,
                "{delay:?} vs {ceiling:?}"
            );
        }
        backoff.reset();
        assert!(backoff.next_delay() <= Duration::from_millis(100));
    }

    #[test]
    fn huge_attempt_counts_do_not_overflow() {
        let backoff = Backoff::new(Duration::from_secs(1), Duration::from_secs(30));
        assert_eq!(backoff.ceiling(u32::MAX), Duration::from_secs(30));
    }
}
