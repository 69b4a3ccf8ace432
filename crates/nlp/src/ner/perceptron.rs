//! The averaged structured perceptron: integer weights per feature and label, updated from Viterbi mistakes, averaged at the end.
//!
//! Updates are ±1, so weights are integers and the running sums that give
//! the average (Daumé's trick: `average = w - totals / steps`, with each
//! update also adding `step * delta` to `totals`) are exact: training is
//! deterministic to the bit for a given order of sentences.

use std::ops::Range;

use super::decode::{Decoder, Transitions};
use super::labels::{Label, N_LABELS};

/// The features of many tokens: token `t`'s feature ids are
/// `ids[starts[t]..starts[t + 1]]`.
#[derive(Debug, Clone, Default)]
pub struct FeatureMatrix {
    starts: Vec<usize>,
    ids: Vec<u32>,
}

impl FeatureMatrix {
    /// An empty matrix.
    pub fn new() -> Self {
        FeatureMatrix {
            starts: vec![0],
            ids: Vec::new(),
        }
    }

    /// Appends one token with these feature ids.
    pub fn push(&mut self, ids: impl IntoIterator<Item = u32>) {
        self.ids.extend(ids);
        self.starts.push(self.ids.len());
    }

    /// The feature ids of token `t`.
    #[inline]
    pub fn token(&self, t: usize) -> &[u32] {
        &self.ids[self.starts[t]..self.starts[t + 1]]
    }

    /// The number of tokens.
    pub fn len(&self) -> usize {
        self.starts.len() - 1
    }

    /// Whether there are no tokens.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Weights being trained.
#[derive(Debug, Clone)]
pub struct Perceptron {
    weights: Vec<[i32; N_LABELS]>,
    totals: Vec<[i64; N_LABELS]>,
    transitions: [[i32; N_LABELS]; N_LABELS + 1],
    transition_totals: [[i64; N_LABELS]; N_LABELS + 1],
    /// Sentences seen so far, plus one.
    step: i64,
}

impl Perceptron {
    /// Zero weights for `features` feature ids.
    pub fn new(features: usize) -> Self {
        Perceptron {
            weights: vec![[0; N_LABELS]; features],
            totals: vec![[0; N_LABELS]; features],
            transitions: [[0; N_LABELS]; N_LABELS + 1],
            transition_totals: [[0; N_LABELS]; N_LABELS + 1],
            step: 1,
        }
    }

    /// Learns from one sentence (tokens `sentence` of `features`, with
    /// `gold` labels): decodes with the current weights and, where the
    /// result differs, moves weight from the predicted labels to the gold
    /// ones. Returns whether the prediction was right.
    pub fn learn(
        &mut self,
        features: &FeatureMatrix,
        sentence: Range<usize>,
        gold: &[Label],
        scratch: &mut Scratch,
    ) -> bool {
        let transitions = self.current_transitions();
        scratch.emissions.clear();
        for t in sentence.clone() {
            let mut sum = [0i32; N_LABELS];
            for &id in features.token(t) {
                let row = &self.weights[id as usize];
                for l in 0..N_LABELS {
                    sum[l] += row[l];
                }
            }
            scratch.emissions.push(sum.map(|s| s as f32));
        }
        scratch
            .decoder
            .decode(&scratch.emissions, &transitions, &mut scratch.predicted);
        let predicted = &scratch.predicted;
        let correct = predicted.as_slice() == gold;
        if !correct {
            let step = self.step;
            for (i, t) in sentence.enumerate() {
                let (p, g) = (predicted[i], gold[i]);
                if p != g {
                    for &id in features.token(t) {
                        let id = id as usize;
                        self.weights[id][g] += 1;
                        self.weights[id][p] -= 1;
                        self.totals[id][g] += step;
                        self.totals[id][p] -= step;
                    }
                }
                let previous_gold = if i == 0 { N_LABELS } else { gold[i - 1] };
                let previous_predicted = if i == 0 { N_LABELS } else { predicted[i - 1] };
                if (previous_gold, g) != (previous_predicted, p) {
                    self.transitions[previous_gold][g] += 1;
                    self.transitions[previous_predicted][p] -= 1;
                    self.transition_totals[previous_gold][g] += step;
                    self.transition_totals[previous_predicted][p] -= step;
                }
            }
        }
        self.step += 1;
        correct
    }

    fn current_transitions(&self) -> Transitions {
        self.transitions.map(|row| row.map(|w| w as f32))
    }

    /// The averaged weights: one row per feature id, and the transitions.
    pub fn averaged(&self) -> (Vec<[f32; N_LABELS]>, Transitions) {
        let steps = self.step as f64;
        let average = |w: i32, total: i64| (f64::from(w) - total as f64 / steps) as f32;
        let rows = self
            .weights
            .iter()
            .zip(&self.totals)
            .map(|(w, t)| std::array::from_fn(|l| average(w[l], t[l])))
            .collect();
        let transitions = std::array::from_fn(|p| {
            std::array::from_fn(|l| average(self.transitions[p][l], self.transition_totals[p][l]))
        });
        (rows, transitions)
    }
}

/// Buffers reused across sentences.
#[derive(Debug, Default)]
pub struct Scratch {
    emissions: Vec<[f32; N_LABELS]>,
    predicted: Vec<Label>,
    decoder: Decoder,
}

/// Decodes sentences with fixed (averaged) dense weights, for evaluating
/// during training and for the first pass over held-out folds.
pub fn predict(
    rows: &[[f32; N_LABELS]],
    transitions: &Transitions,
    features: &FeatureMatrix,
    sentence: Range<usize>,
    scratch: &mut Scratch,
    out: &mut Vec<Label>,
) {
    scratch.emissions.clear();
    for t in sentence {
        let mut sum = [0f32; N_LABELS];
        for &id in features.token(t) {
            let row = &rows[id as usize];
            for l in 0..N_LABELS {
                sum[l] += row[l];
            }
        }
        scratch.emissions.push(sum);
    }
    scratch.decoder.decode(&scratch.emissions, transitions, out);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn learns_a_separable_toy_problem_and_averages() {
        // Feature 0 marks label 1, feature 1 label 0.
        let mut features = FeatureMatrix::new();
        features.push([0]);
        features.push([1]);
        let gold = [1, 0];
        let mut perceptron = Perceptron::new(2);
        let mut scratch = Scratch::default();
        let mut right = false;
        for _ in 0..5 {
            right = perceptron.learn(&features, 0..2, &gold, &mut scratch);
        }
        assert!(right);
        let (rows, transitions) = perceptron.averaged();
        let mut out = Vec::new();
        predict(&rows, &transitions, &features, 0..2, &mut scratch, &mut out);
        assert_eq!(out, gold);
    }
}
