//! One pass of the tagger as the model file holds it: its feature groups, its weights per feature hash, and its label-transition weights.
//!
//! Scoring does not happen here: [`Scorer`](super::scorer::Scorer) joins
//! the passes' weights into one table for speed.

use super::decode::Transitions;
use super::labels::N_LABELS;

/// Label scores (or weights) of one token (or feature).
pub type Row = [f32; N_LABELS];

/// A trained pass.
#[derive(Debug, Clone)]
pub struct Stage {
    groups: u32,
    keys: Vec<u64>,
    rows: Vec<Row>,
    transitions: Transitions,
}

impl Stage {
    /// A pass with feature groups `groups`, weights `features` (feature
    /// hash and row, in any order: they are sorted here, and of a repeated
    /// hash the first is kept) and `transitions`.
    pub fn new(groups: u32, mut features: Vec<(u64, Row)>, transitions: Transitions) -> Self {
        features.sort_by_key(|&(key, _)| key);
        features.dedup_by_key(|&mut (key, _)| key);
        let (keys, rows) = features.into_iter().unzip();
        Stage {
            groups,
            keys,
            rows,
            transitions,
        }
    }

    /// The feature groups.
    pub fn groups(&self) -> u32 {
        self.groups
    }

    /// The feature hashes, sorted, with their rows.
    pub fn features(&self) -> impl ExactSizeIterator<Item = (u64, &Row)> {
        self.keys.iter().copied().zip(&self.rows)
    }

    /// The step of the 16-bit integers the weights are stored as: the
    /// largest weight over 32,767 (1 when all are 0).
    pub fn scale(&self) -> f32 {
        let largest = self
            .rows
            .iter()
            .flat_map(|row| row.iter().map(|w| w.abs()))
            .fold(0f32, f32::max);
        if largest > 0.0 {
            largest / 32767.0
        } else {
            1.0
        }
    }

    /// The pass without its feature weights (groups and transitions
    /// only), for a tagger whose [`Scorer`](super::scorer::Scorer) holds
    /// the weights already: a second copy of them in 32-bit floats would be
    /// the largest thing a loaded tagger keeps.
    pub fn without_weights(self) -> Stage {
        Stage {
            keys: Vec::new(),
            rows: Vec::new(),
            ..self
        }
    }

    /// The label-transition weights.
    pub fn transitions(&self) -> &Transitions {
        &self.transitions
    }
}
