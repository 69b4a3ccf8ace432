//! An open-addressed map from 64-bit hashes to row numbers, built once when a model loads and then only read.
//!
//! The keys are already well-spread hashes, so the slot is the key's low
//! bits and collisions probe linearly; the table is at most half full, so a
//! lookup of an absent key usually costs one probe. This is what keeps
//! tagging fast: every feature of every token is one lookup here.

/// Keys are stored as is, except that 0 marks an empty slot; a key of 0 is
/// stored as this instead (a collision of two hashes out of 2^64).
const ZERO_KEY: u64 = 0x5bd1_e995_5bd1_e995;

/// A read-only map from `u64` keys to `u32` values.
#[derive(Debug, Clone, Default)]
pub struct KeyTable {
    /// Key and value side by side, so a lookup touches one cache line.
    slots: Vec<(u64, u32)>,
    mask: usize,
}

impl KeyTable {
    /// A table of `entries`, at most half full; a later duplicate key
    /// replaces an earlier one.
    pub fn new(entries: impl ExactSizeIterator<Item = (u64, u32)>) -> Self {
        let capacity = (entries.len() * 2).next_power_of_two().max(16);
        Self::with_capacity(entries, capacity)
    }

    /// A table of `entries` at most three quarters full: half the memory of
    /// [`new`](KeyTable::new) for some more probes per lookup, for tables
    /// read less often than the feature weights (the name lists, looked up
    /// once per token and phrase step, and held once per language).
    pub fn dense(entries: impl ExactSizeIterator<Item = (u64, u32)>) -> Self {
        let capacity = (entries.len() * 4).div_ceil(3).next_power_of_two().max(16);
        Self::with_capacity(entries, capacity)
    }

    fn with_capacity(entries: impl ExactSizeIterator<Item = (u64, u32)>, capacity: usize) -> Self {
        let mut table = KeyTable {
            slots: vec![(0, 0); capacity],
            mask: capacity - 1,
        };
        for (key, value) in entries {
            let key = stored(key);
            let mut slot = key as usize & table.mask;
            while table.slots[slot].0 != 0 && table.slots[slot].0 != key {
                slot = (slot + 1) & table.mask;
            }
            table.slots[slot] = (key, value);
        }
        table
    }

    /// The value of `key`, if present.
    #[inline]
    pub fn get(&self, key: u64) -> Option<u32> {
        let key = stored(key);
        let mut slot = key as usize & self.mask;
        loop {
            let (found, value) = *self.slots.get(slot)?;
            if found == key {
                return Some(value);
            }
            if found == 0 {
                return None;
            }
            slot = (slot + 1) & self.mask;
        }
    }
}

#[inline]
fn stored(key: u64) -> u64 {
    if key == 0 { ZERO_KEY } else { key }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn present_keys_are_found_and_absent_ones_are_not() {
        let entries: Vec<(u64, u32)> = (0..1000u64).map(|k| (k * 0x10000, k as u32)).collect();
        let table = KeyTable::new(entries.iter().copied());
        for &(key, value) in &entries {
            assert_eq!(table.get(key), Some(value));
        }
        assert_eq!(table.get(12345), None);
        assert_eq!(table.get(0), Some(0));
    }

    #[test]
    fn an_empty_table_finds_nothing() {
        let table = KeyTable::default();
        assert_eq!(table.get(7), None);
        let table = KeyTable::new(std::iter::empty());
        assert_eq!(table.get(7), None);
    }
}
