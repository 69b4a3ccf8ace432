//! The topic model: softmax regression over the seventeen top-level topics, on term hashes and the taxonomy lexicon's evidence, trained by weighted averaged SGD.
//!
//! A document is the vector of its terms ([`super::terms`]) with values
//! `1 + ln(count)`, scaled to unit length, plus [`LEXICON_FEATURES`] dense
//! values: `ln(1 + E)` of the lexicon's evidence for each top-level topic
//! (zero when the model was trained without them). A class's logit is the dot
//! product with its weights plus a bias. Training visits the examples in a
//! seeded order for a number of epochs; each step's gradient is scaled by the
//! example's weight (so sources and classes can be balanced without
//! resampling), and the weights are averaged over all steps, which keeps
//! them small without a regularisation term. Only terms found in at least
//! two training examples get weights.

use rustc_hash::FxHashMap;

use super::terms::Terms;

/// The number of dense lexicon features (one per top-level topic).
pub const LEXICON_FEATURES: usize = 17;

/// Weights per term, a bias per class, and the weights of the lexicon features.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LinearModel {
    /// The number of classes.
    pub classes: usize,
    /// The term hashes with weights, sorted.
    pub terms: Vec<u64>,
    /// `terms.len() * classes` weights, term-major.
    pub weights: Vec<f32>,
    pub bias: Vec<f32>,
    /// `LEXICON_FEATURES * classes` weights, feature-major; empty when the
    /// model does not read the lexicon.
    pub dense: Vec<f32>,
    /// Term hash to its row, built from `terms`.
    index: FxHashMap<u64, u32>,
}

impl LinearModel {
    /// A model from its parts (as the file holds them); `None` when the
    /// lengths do not agree.
    pub fn from_parts(
        classes: usize,
        terms: Vec<u64>,
        weights: Vec<f32>,
        bias: Vec<f32>,
        dense: Vec<f32>,
    ) -> Option<LinearModel> {
        let consistent = classes > 0
            && weights.len() == terms.len().checked_mul(classes)?
            && bias.len() == classes
            && (dense.is_empty() || dense.len() == LEXICON_FEATURES * classes);
        if !consistent {
            return None;
        }
        let index = terms
            .iter()
            .enumerate()
            .map(|(i, &h)| (h, i as u32))
            .collect();
        Some(LinearModel {
            classes,
            terms,
            weights,
            bias,
            dense,
            index,
        })
    }

    /// Whether the model reads the lexicon's evidence.
    pub fn reads_lexicon(&self) -> bool {
        !self.dense.is_empty()
    }

    /// The logits of a document with `terms` and lexicon `evidence` (one per
    /// top-level topic, ignored when the model does not read it).
    pub fn logits(&self, terms: &Terms, evidence: &[f32]) -> Vec<f32> {
        let mut scores = self.bias.clone();
        let k = self.classes;
        let norm = norm(terms);
        if norm > 0.0 {
            for (hash, &count) in &terms.counts {
                if let Some(&row) = self.index.get(hash) {
                    let x = value(count) / norm;
                    let w = &self.weights[row as usize * k..(row as usize + 1) * k];
                    for (s, w) in scores.iter_mut().zip(w) {
                        *s += x * w;
                    }
                }
            }
        }
        if self.reads_lexicon() {
            for (f, x) in dense_values(evidence).into_iter().enumerate() {
                if x != 0.0 {
                    let w = &self.dense[f * k..(f + 1) * k];
                    for (s, w) in scores.iter_mut().zip(w) {
                        *s += x * w;
                    }
                }
            }
        }
        scores
    }
}

/// The dense feature values of lexicon evidence (per 100 words, per top-level topic).
pub fn dense_values(evidence: &[f32]) -> [f32; LEXICON_FEATURES] {
    let mut out = [0f32; LEXICON_FEATURES];
    for (o, &e) in out.iter_mut().zip(evidence) {
        *o = e.max(0.0).ln_1p();
    }
    out
}

/// The feature value of a term seen `count` times (weighted counts below 1 count as 1).
#[inline]
fn value(count: f32) -> f32 {
    if count <= 1.0 {
        // Most terms occur once: no logarithm to take.
        1.0
    } else {
        1.0 + count.ln()
    }
}

/// The length of a document's term vector.
fn norm(terms: &Terms) -> f32 {
    terms
        .counts
        .values()
        .map(|&c| value(c) * value(c))
        .sum::<f32>()
        .sqrt()
}

/// Softmax of `scores` divided by `temperature`, shifted by the maximum so it
/// never overflows; uniform when the scores are not finite.
pub fn softmax(scores: &[f32], temperature: f32) -> Vec<f32> {
    let t = if temperature.is_finite() && temperature > 0.0 {
        temperature
    } else {
        1.0
    };
    let max = scores.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    let mut out: Vec<f32> = scores.iter().map(|s| ((s - max) / t).exp()).collect();
    let total: f32 = out.iter().sum();
    if total > 0.0 && total.is_finite() {
        for o in &mut out {
            *o /= total;
        }
    } else {
        let n = scores.len().max(1) as f32;
        out.iter_mut().for_each(|o| *o = 1.0 / n);
    }
    out
}

/// How the model is trained.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Learner {
    pub epochs: usize,
    pub seed: u64,
    /// Whether the model reads the lexicon's evidence as features.
    pub lexicon: bool,
}

/// A training example: its terms, lexicon evidence, classes and weight.
pub struct Example<'a> {
    pub terms: &'a Terms,
    /// Per top-level topic, per 100 words (may be empty when unused).
    pub evidence: &'a [f32],
    /// The classes the label allows, as bits (one for most examples; a
    /// source label that spans topics allows each of them, and the model is
    /// trained to put the probability on the set, not on one member).
    pub allowed: u32,
    pub weight: f32,
    /// The item the example is a view of: a term needs two items, not two
    /// views of one, to get a weight.
    pub item: usize,
}

/// Trains a model with `classes` classes on `examples`.
pub fn train(examples: &[Example<'_>], classes: usize, learner: Learner) -> LinearModel {
    let (vocabulary, documents) = vectorise(examples, classes, learner.lexicon);
    logistic(vocabulary, &documents, classes, learner)
}

/// A document as sorted `(feature index, value)` pairs (dense features
/// after the terms) with its class and weight.
struct Sparse {
    features: Vec<(u32, f32)>,
    allowed: u32,
    weight: f32,
}

/// The hashes of the terms found in two or more items (sorted, so the
/// model does not depend on hash-map order), and each example over them.
fn vectorise(examples: &[Example<'_>], classes: usize, lexicon: bool) -> (Vec<u64>, Vec<Sparse>) {
    // Per term: the items it was found in (up to two), and the last one.
    let mut document_frequency: FxHashMap<u64, (u32, usize)> = FxHashMap::default();
    for example in examples {
        for hash in example.terms.counts.keys() {
            let entry = document_frequency.entry(*hash).or_insert((0, usize::MAX));
            if entry.1 != example.item {
                *entry = (entry.0.saturating_add(1), example.item);
            }
        }
    }
    let mut vocabulary: Vec<u64> = document_frequency
        .into_iter()
        .filter(|&(_, (df, _))| df >= 2)
        .map(|(h, _)| h)
        .collect();
    vocabulary.sort_unstable();
    let index: FxHashMap<u64, u32> = vocabulary
        .iter()
        .enumerate()
        .map(|(i, &h)| (h, i as u32))
        .collect();
    let dense_base = vocabulary.len() as u32;
    let documents = examples
        .iter()
        .map(|example| {
            let norm = norm(example.terms).max(f32::MIN_POSITIVE);
            let mut features: Vec<(u32, f32)> = example
                .terms
                .counts
                .iter()
                .filter_map(|(h, &c)| Some((*index.get(h)?, value(c) / norm)))
                .collect();
            features.sort_unstable_by_key(|&(i, _)| i);
            if lexicon {
                for (f, x) in dense_values(example.evidence).into_iter().enumerate() {
                    if x != 0.0 {
                        features.push((dense_base + f as u32, x));
                    }
                }
            }
            let all = if classes >= 32 {
                u32::MAX
            } else {
                (1u32 << classes) - 1
            };
            Sparse {
                features,
                allowed: example.allowed & all,
                weight: example.weight,
            }
        })
        .collect();
    (vocabulary, documents)
}

/// Softmax regression by weighted SGD, averaged over every step.
fn logistic(
    vocabulary: Vec<u64>,
    documents: &[Sparse],
    classes: usize,
    learner: Learner,
) -> LinearModel {
    const RATE: f32 = 1.0;
    /// No single step moves further than this many times the base rate.
    const MAX_STEP_WEIGHT: f32 = 8.0;
    let k = classes;
    let rows = vocabulary.len() + if learner.lexicon { LEXICON_FEATURES } else { 0 };
    let mut weights = vec![0f32; rows * k];
    // Sum of step * update, for the averaged weights (w - sum / steps).
    let mut weighted = vec![0f32; rows * k];
    let mut bias = vec![0f32; k];
    let mut bias_weighted = vec![0f32; k];
    let mut order: Vec<usize> = (0..documents.len()).collect();
    let mut rng = SplitMix(learner.seed);
    let mut step = 1f32;
    let mut scores = vec![0f32; k];
    for epoch in 0..learner.epochs {
        shuffle(&mut order, &mut rng);
        let rate = RATE / (1.0 + 0.2 * epoch as f32);
        for &d in &order {
            let doc = &documents[d];
            scores.copy_from_slice(&bias);
            for &(f, x) in &doc.features {
                let w = &weights[f as usize * k..(f as usize + 1) * k];
                for (s, w) in scores.iter_mut().zip(w) {
                    *s += x * w;
                }
            }
            let p = softmax(&scores, 1.0);
            // The gradient of -ln(sum of p over the allowed classes): p minus
            // p renormalised over them (p minus one-hot for a single class).
            let in_set: f32 = (0..k)
                .filter(|&c| doc.allowed >> c & 1 == 1)
                .map(|c| p[c])
                .sum();
            let mut gradient = p.clone();
            if in_set > 0.0 {
                for c in (0..k).filter(|&c| doc.allowed >> c & 1 == 1) {
                    gradient[c] -= p[c] / in_set;
                }
            }
            let scale = rate * doc.weight.clamp(0.0, MAX_STEP_WEIGHT);
            for &(f, x) in &doc.features {
                let range = f as usize * k..(f as usize + 1) * k;
                let (w, u) = (&mut weights[range.clone()], &mut weighted[range]);
                for c in 0..k {
                    let delta = scale * gradient[c] * x;
                    w[c] -= delta;
                    u[c] -= step * delta;
                }
            }
            for c in 0..k {
                let delta = scale * gradient[c];
                bias[c] -= delta;
                bias_weighted[c] -= step * delta;
            }
            step += 1.0;
        }
    }
    let average =
        |w: &[f32], u: &[f32]| -> Vec<f32> { w.iter().zip(u).map(|(w, u)| w - u / step).collect() };
    let all = average(&weights, &weighted);
    let split = vocabulary.len() * k;
    let dense = if learner.lexicon {
        all[split..].to_vec()
    } else {
        Vec::new()
    };
    let mut term_weights = all;
    term_weights.truncate(split);
    LinearModel::from_parts(
        k,
        vocabulary,
        term_weights,
        average(&bias, &bias_weighted),
        dense,
    )
    .unwrap_or_default()
}

/// A small seeded generator (SplitMix64), so training orders are the same on every machine.
pub struct SplitMix(pub u64);

impl SplitMix {
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
}

/// Fisher–Yates shuffle with `rng`.
pub fn shuffle<T>(items: &mut [T], rng: &mut SplitMix) {
    for i in (1..items.len()).rev() {
        let j = (rng.next_u64() % (i as u64 + 1)) as usize;
        items.swap(i, j);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn corpus() -> Vec<(Terms, usize)> {
        let texts = [
            ("The striker scored a goal in the cup match", 0),
            ("The team won the league match with a late goal", 0),
            ("Shares rose as the bank reported higher profit", 1),
            ("The company said profit and shares fell at the bank", 1),
            ("Troops shelled the town as the ceasefire collapsed", 2),
            ("The ceasefire between the troops held overnight", 2),
        ];
        texts.iter().map(|(t, c)| (Terms::of(t, 1.0), *c)).collect()
    }

    fn trained(learner: Learner, weight_of: impl Fn(usize) -> f32) -> LinearModel {
        let corpus = corpus();
        let evidence = [0f32; LEXICON_FEATURES];
        let examples: Vec<Example> = corpus
            .iter()
            .enumerate()
            .map(|(item, (terms, class))| Example {
                terms,
                evidence: &evidence,
                allowed: 1 << class,
                weight: weight_of(*class),
                item,
            })
            .collect();
        train(&examples, 3, learner)
    }

    const LEARNER: Learner = Learner {
        epochs: 20,
        seed: 1,
        lexicon: false,
    };

    #[test]
    fn separates_three_classes() {
        let model = trained(LEARNER, |_| 1.0);
        let class_of = |text: &str| {
            let p = softmax(&model.logits(&Terms::of(text, 1.0), &[]), 1.0);
            (0..3).max_by(|&a, &b| p[a].total_cmp(&p[b])).unwrap()
        };
        assert_eq!(class_of("a goal in the match"), 0);
        assert_eq!(class_of("bank profit and shares"), 1);
        assert_eq!(class_of("troops and the ceasefire"), 2);
    }

    #[test]
    fn a_heavier_class_gets_a_larger_bias() {
        let even = trained(LEARNER, |_| 1.0);
        let heavy = trained(LEARNER, |c| if c == 2 { 4.0 } else { 1.0 });
        let margin = |m: &LinearModel| m.bias[2] - m.bias[0];
        assert!(margin(&heavy) > margin(&even), "{even:?} {heavy:?}");
    }

    #[test]
    fn training_is_deterministic_and_reads_the_lexicon_only_when_asked() {
        let with = Learner {
            lexicon: true,
            ..LEARNER
        };
        assert_eq!(trained(with, |_| 1.0), trained(with, |_| 1.0));
        assert!(trained(with, |_| 1.0).reads_lexicon());
        assert!(!trained(LEARNER, |_| 1.0).reads_lexicon());
    }

    #[test]
    fn no_terms_give_the_bias_alone_and_softmax_never_overflows() {
        let model = trained(LEARNER, |_| 1.0);
        let p = softmax(&model.logits(&Terms::default(), &[]), 1.0);
        assert!((p.iter().sum::<f32>() - 1.0).abs() < 1e-4);
        assert!(
            softmax(&[f32::MAX, 0.0, -f32::MAX], 1.0)
                .iter()
                .all(|v| v.is_finite())
        );
        assert!(softmax(&[f32::NAN, 0.0], 0.0).iter().all(|v| v.is_finite()));
    }

    #[test]
    fn inconsistent_parts_are_refused() {
        assert!(LinearModel::from_parts(2, vec![1], vec![0.0], vec![0.0; 2], vec![]).is_none());
        assert!(LinearModel::from_parts(0, vec![], vec![], vec![], vec![]).is_none());
        assert!(
            LinearModel::from_parts(2, vec![1], vec![0.0; 2], vec![0.0; 2], vec![0.0; 3]).is_none()
        );
    }
}
