//! Disjoint sets (union-find) over name forms: each join of two forms costs near-constant time, so grouping stays linear.

/// Sets of indices `0..n`, each named by one of its members (its root).
#[derive(Debug, Clone)]
pub struct DisjointSets {
    parent: Vec<usize>,
}

impl DisjointSets {
    /// `n` sets of one index each.
    pub fn new(n: usize) -> Self {
        Self {
            parent: (0..n).collect(),
        }
    }

    /// The root of the set holding `i`, halving the path on the way so that
    /// later look-ups are shorter.
    pub fn find(&mut self, mut i: usize) -> usize {
        while self.parent[i] != i {
            self.parent[i] = self.parent[self.parent[i]];
            i = self.parent[i];
        }
        i
    }

    /// Joins the sets of `a` and `b`. The smaller root stays the root, which
    /// keeps the result independent of the order of joins.
    pub fn union(&mut self, a: usize, b: usize) {
        let (a, b) = (self.find(a), self.find(b));
        let (root, child) = if a < b { (a, b) } else { (b, a) };
        self.parent[child] = root;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins_are_transitive_and_keep_the_smallest_root() {
        let mut sets = DisjointSets::new(5);
        sets.union(3, 4);
        sets.union(4, 1);
        assert_eq!(sets.find(3), 1);
        assert_eq!(sets.find(4), 1);
        assert_eq!(sets.find(0), 0);
        assert_ne!(sets.find(2), sets.find(1));
    }
}
