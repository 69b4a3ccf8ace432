//! A bounded cache of per-word results kept between documents: two generations, so the words in use survive a reset.
//!
//! A thread tags one document after another, and most of their words recur
//! (the, said, government, the names of the week). A cache that forgets
//! everything when full recomputes all of them at once; here, when the young
//! generation fills, it becomes the old one and the previous old one goes.
//! A hit in the old generation moves the word back to the young one, so a
//! word in steady use is never forgotten and memory stays at most two
//! generations.

use std::hash::Hash;

use rustc_hash::FxHashMap;

/// Up to `2 × capacity` values by key, the least recently used generation dropped first.
#[derive(Debug)]
pub struct TwoGenerations<K, V> {
    young: Generation<K, V>,
    old: Generation<K, V>,
    capacity: usize,
    /// Whose values these are (a model's id), so that one thread's cache is
    /// never served to another model: see [`TwoGenerations::claim`].
    owner: u64,
}

/// One generation: values side by side in a vector, found through a map of
/// small indices, so the table the lookups probe stays compact however
/// large the values.
#[derive(Debug)]
struct Generation<K, V> {
    index: FxHashMap<K, u32>,
    values: Vec<V>,
}

impl<K, V> Default for Generation<K, V> {
    fn default() -> Self {
        Generation {
            index: FxHashMap::default(),
            values: Vec::new(),
        }
    }
}

impl<K: Hash + Eq, V> Generation<K, V> {
    #[inline]
    fn get(&self, key: &K) -> Option<&V> {
        let &at = self.index.get(key)?;
        self.values.get(at as usize)
    }

    fn clear(&mut self) {
        self.index.clear();
        self.values.clear();
    }
}

impl<K: Hash + Eq, V> TwoGenerations<K, V> {
    /// An empty cache whose generations hold `capacity` values each (at least one).
    pub fn new(capacity: usize) -> Self {
        TwoGenerations {
            young: Generation::default(),
            old: Generation::default(),
            capacity: capacity.clamp(1, u32::MAX as usize),
            owner: 0,
        }
    }

    /// Makes the cache `owner`'s, emptying it (and keeping its storage) if it
    /// held another owner's values.
    pub fn claim(&mut self, owner: u64) {
        if self.owner != owner {
            self.young.clear();
            self.old.clear();
            self.owner = owner;
        }
    }

    /// A copy of the value of `key`, moved to the young generation if it was old.
    #[inline]
    pub fn get(&mut self, key: &K) -> Option<V>
    where
        V: Clone,
    {
        if let Some(value) = self.young.get(key) {
            return Some(value.clone());
        }
        let (owned, at) = self.old.index.remove_entry(key)?;
        let value = self.old.values.get(at as usize)?.clone();
        self.insert(owned, value.clone());
        Some(value)
    }

    /// Stores `value` under `key` in the young generation, first ageing the
    /// generations if it is full.
    pub fn insert(&mut self, key: K, value: V) {
        if self.young.values.len() >= self.capacity {
            // The old generation's storage is emptied and reused as the young
            // one's, so ageing neither frees nor allocates.
            std::mem::swap(&mut self.young, &mut self.old);
            self.young.clear();
        }
        match self.young.index.get(&key) {
            Some(&at) => self.young.values[at as usize] = value,
            None => {
                self.young.index.insert(key, self.young.values.len() as u32);
                self.young.values.push(value);
            }
        }
    }

    /// The number of values held, in both generations.
    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.young.index.len() + self.old.index.len()
    }

    /// Whether the cache holds nothing.
    #[cfg(test)]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_generation_ages_and_the_oldest_is_dropped() {
        let mut cache: TwoGenerations<String, u32> = TwoGenerations::new(2);
        cache.insert("a".into(), 1);
        cache.insert("b".into(), 2);
        cache.insert("c".into(), 3);
        // a and b are old now, c young.
        assert_eq!(cache.len(), 3);
        cache.insert("d".into(), 4);
        cache.insert("e".into(), 5);
        // c and d aged; a and b are gone.
        assert_eq!(cache.get(&"a".into()), None);
        assert_eq!(cache.get(&"b".into()), None);
        assert_eq!(cache.get(&"c".into()), Some(3));
        assert_eq!(cache.get(&"e".into()), Some(5));
        assert!(cache.len() <= 4);
    }

    #[test]
    fn a_word_in_steady_use_survives_any_number_of_resets() {
        let mut cache: TwoGenerations<u64, u64> = TwoGenerations::new(8);
        cache.insert(0, 0);
        for n in 1..1_000 {
            assert_eq!(cache.get(&0), Some(0), "lost after {n} inserts");
            cache.insert(n, n);
            assert!(cache.len() <= 16);
        }
    }

    #[test]
    fn a_new_owner_finds_nothing_of_the_last_ones() {
        let mut cache: TwoGenerations<u64, u64> = TwoGenerations::new(8);
        cache.claim(1);
        cache.insert(1, 10);
        cache.claim(1);
        assert_eq!(cache.get(&1), Some(10));
        cache.claim(2);
        assert_eq!(cache.get(&1), None);
        assert!(cache.is_empty());
    }

    #[test]
    fn an_empty_cache_finds_nothing() {
        let mut cache: TwoGenerations<u64, u64> = TwoGenerations::new(0);
        assert!(cache.is_empty());
        assert_eq!(cache.get(&1), None);
        cache.insert(1, 1);
        assert_eq!(cache.get(&1), Some(1));
    }
}
