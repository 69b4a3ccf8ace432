//! Ack bookkeeping for one channel: acks are batched (`multiple=true`) only over a prefix of deliveries that are all settled.

use std::collections::VecDeque;

/// The state of one delivery on the channel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// Still being enriched or published: must not be acked.
    Pending,
    /// Its output (or dead letter) is confirmed: ack it.
    Confirmed,
    /// Already settled on its own (nacked for requeue): not acked again.
    Settled,
}

/// Outstanding deliveries of one channel, in delivery-tag order.
///
/// Delivery tags are per channel and rise by one per delivery, so a new
/// channel (after a reconnect) gets a new tracker and a stale tag can never
/// be acked on it.
#[derive(Debug, Default)]
pub struct AckTracker {
    /// Entries for tags `first_tag ..`, in order.
    entries: VecDeque<(u64, State)>,
}

impl AckTracker {
    /// An empty tracker for a fresh channel.
    pub fn new() -> Self {
        Self::default()
    }

    /// Record a new delivery; tags must arrive in increasing order.
    pub fn track(&mut self, tag: u64) {
        debug_assert!(self.entries.back().is_none_or(|(last, _)| *last < tag));
        self.entries.push_back((tag, State::Pending));
    }

    /// The delivery's output is confirmed; it may be acked.
    pub fn confirm(&mut self, tag: u64) {
        self.set(tag, State::Confirmed);
    }

    /// The delivery was settled individually (nacked); it must not be acked.
    pub fn settled(&mut self, tag: u64) {
        self.set(tag, State::Settled);
    }

    fn set(&mut self, tag: u64, state: State) {
        let Some(&(first, _)) = self.entries.front() else {
            return;
        };
        // Tags on a channel are dense, so the index is the offset from the first one;
        // fall back to a search if the broker ever skipped one.
        let index = tag.checked_sub(first).map(|offset| offset as usize);
        match index.filter(|&i| self.entries.get(i).is_some_and(|(t, _)| *t == tag)) {
            Some(i) => self.entries[i].1 = state,
            None => {
                if let Some(entry) = self.entries.iter_mut().find(|(t, _)| *t == tag) {
                    entry.1 = state;
                }
            }
        }
    }

    /// Take the longest settled prefix and return the highest confirmed tag in
    /// it: acking that tag with `multiple=true` acks exactly the confirmed ones
    /// (the individually settled ones are no longer outstanding on the broker).
    pub fn take_ackable(&mut self) -> Option<u64> {
        let mut highest = None;
        while let Some(&(tag, state)) = self.entries.front() {
            match state {
                State::Pending => break,
                State::Confirmed => highest = Some(tag),
                State::Settled => {}
            }
            self.entries.pop_front();
        }
        highest
    }

    /// Deliveries not yet settled.
    pub fn outstanding(&self) -> usize {
        self.entries.len()
    }

    /// Whether every delivery is acked or settled.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nothing_is_acked_past_a_pending_delivery() {
        let mut tracker = AckTracker::new();
        for tag in 1..=4 {
            tracker.track(tag);
        }
        tracker.confirm(2);
        tracker.confirm(3);
        assert_eq!(tracker.take_ackable(), None, "tag 1 is still pending");
        tracker.confirm(1);
        assert_eq!(tracker.take_ackable(), Some(3));
        assert_eq!(tracker.outstanding(), 1);
        tracker.confirm(4);
        assert_eq!(tracker.take_ackable(), Some(4));
        assert!(tracker.is_empty());
    }

    #[test]
    fn individually_settled_deliveries_are_skipped_not_acked() {
        let mut tracker = AckTracker::new();
        for tag in 10..=12 {
            tracker.track(tag);
        }
        tracker.settled(12);
        tracker.confirm(10);
        tracker.settled(11);
        assert_eq!(tracker.take_ackable(), Some(10));
        assert!(tracker.is_empty());
    }

    #[test]
    fn a_prefix_of_only_settled_deliveries_acks_nothing() {
        let mut tracker = AckTracker::new();
        tracker.track(1);
        tracker.track(2);
        tracker.settled(1);
        assert_eq!(tracker.take_ackable(), None);
        assert_eq!(tracker.outstanding(), 1);
    }

    #[test]
    fn unknown_tags_are_ignored() {
        let mut tracker = AckTracker::new();
        tracker.confirm(5);
        tracker.track(1);
        tracker.confirm(99);
        assert_eq!(tracker.take_ackable(), None);
    }
}
