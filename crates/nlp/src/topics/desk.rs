//! The desk model: a linear classifier over term hashes for the five topics the BBC corpus labels, trained as logistic regression (or, for comparison, multinomial naive Bayes).
//!
//! A document is the vector of its terms ([`super::terms`]) with values
//! `1 + ln(count)`, scaled to unit length; a desk's score is the dot product
//! with its weights plus a bias, and softmax over the desks gives
//! probabilities. Logistic regression is trained by stochastic gradient
//! descent over the documents in a seeded order, with the weights averaged
//! over all steps (which keeps them small without a regularisation term);
//! only terms found in at least two training documents get weights.

use rustc_hash::FxHashMap;

use super::terms::Terms;

/// The number of desks the model separates.
pub const DESKS: usize = 5;

/// Weights per term hash and a bias per desk.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DeskModel {
    pub weights: FxHashMap<u64, [f32; DESKS]>,
    pub bias: [f32; DESKS],
}

impl DeskModel {
    /// The desks' probabilities for a document's terms (uniform for no terms).
    pub fn probabilities(&self, terms: &Terms) -> [f32; DESKS] {
        let mut scores = self.bias;
        let norm = norm(terms);
        if norm > 0.0 {
            for (hash, &count) in &terms.counts {
                if let Some(w) = self.weights.get(hash) {
                    let x = value(count) / norm;
                    for (s, w) in scores.iter_mut().zip(w) {
                        *s += x * w;
                    }
                }
            }
        }
        softmax(&scores)
    }
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

/// The length of a document's feature vector.
fn norm(terms: &Terms) -> f32 {
    terms
        .counts
        .values()
        .map(|&c| value(c) * value(c))
        .sum::<f32>()
        .sqrt()
}

/// Softmax of `scores`, shifted by the maximum so it never overflows.
pub fn softmax<const N: usize>(scores: &[f32; N]) -> [f32; N] {
    let max = scores.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    let mut out = [0.0; N];
    let mut total = 0.0;
    for (o, s) in out.iter_mut().zip(scores) {
        *o = (s - max).exp();
        total += *o;
    }
    if total > 0.0 && total.is_finite() {
        for o in &mut out {
            *o /= total;
        }
    } else {
        out = [1.0 / N as f32; N];
    }
    out
}

/// Which learner builds the desk model.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Learner {
    /// Softmax regression by averaged SGD.
    Logistic { epochs: usize, seed: u64 },
    /// Multinomial naive Bayes with add-0.1 smoothing, on the same feature values.
    NaiveBayes,
}

/// A training document: its terms and its desk (0..DESKS).
pub struct Example<'a> {
    pub terms: &'a Terms,
    pub desk: usize,
}

/// Trains a desk model on `examples`.
pub fn train(examples: &[Example<'_>], learner: Learner) -> DeskModel {
    let (vocabulary, documents) = vectorise(examples);
    match learner {
        Learner::Logistic { epochs, seed } => logistic(&vocabulary, &documents, epochs, seed),
        Learner::NaiveBayes => naive_bayes(&vocabulary, &documents),
    }
}

/// A document as sorted `(feature index, value)` pairs with its desk.
struct Sparse {
    features: Vec<(u32, f32)>,
    desk: usize,
}

/// The hashes of the terms found in two or more documents (sorted, so the
/// model does not depend on hash-map order), and each document over them.
fn vectorise(examples: &[Example<'_>]) -> (Vec<u64>, Vec<Sparse>) {
    let mut document_frequency: FxHashMap<u64, u32> = FxHashMap::default();
    for example in examples {
        for hash in example.terms.counts.keys() {
            *document_frequency.entry(*hash).or_insert(0) += 1;
        }
    }
    let mut vocabulary: Vec<u64> = document_frequency
        .into_iter()
        .filter(|&(_, df)| df >= 2)
        .map(|(h, _)| h)
        .collect();
    vocabulary.sort_unstable();
    let index: FxHashMap<u64, u32> = vocabulary
        .iter()
        .enumerate()
        .map(|(i, &h)| (h, i as u32))
        .collect();
    let documents = examples
        .iter()
        .map(|example| {
            let norm = norm(example.terms);
            let mut features: Vec<(u32, f32)> = example
                .terms
                .counts
                .iter()
                .filter_map(|(h, &c)| {
                    Some((*index.get(h)?, value(c) / norm.max(f32::MIN_POSITIVE)))
                })
                .collect();
            features.sort_unstable_by_key(|&(i, _)| i);
            Sparse {
                features,
                desk: example.desk.min(DESKS - 1),
            }
        })
        .collect();
    (vocabulary, documents)
}

/// Softmax regression by SGD, averaged over every step.
fn logistic(vocabulary: &[u64], documents: &[Sparse], epochs: usize, seed: u64) -> DeskModel {
    const RATE: f32 = 2.0;
    let n = vocabulary.len();
    let mut weights = vec![[0f32; DESKS]; n];
    // Sum of step * update, for the averaged weights (w - sum / steps).
    let mut weighted = vec![[0f32; DESKS]; n];
    let mut bias = [0f32; DESKS];
    let mut bias_weighted = [0f32; DESKS];
    let mut order: Vec<usize> = (0..documents.len()).collect();
    let mut rng = SplitMix(seed);
    let mut step = 1f32;
    for epoch in 0..epochs {
        shuffle(&mut order, &mut rng);
        let rate = RATE / (1.0 + 0.2 * epoch as f32);
        for &d in &order {
            let doc = &documents[d];
            let mut scores = bias;
            for &(f, x) in &doc.features {
                for (s, w) in scores.iter_mut().zip(&weights[f as usize]) {
                    *s += x * w;
                }
            }
            let p = softmax(&scores);
            let mut gradient = p;
            gradient[doc.desk] -= 1.0;
            for &(f, x) in &doc.features {
                let (w, u) = (&mut weights[f as usize], &mut weighted[f as usize]);
                for k in 0..DESKS {
                    let delta = rate * gradient[k] * x;
                    w[k] -= delta;
                    u[k] -= step * delta;
                }
            }
            for k in 0..DESKS {
                let delta = rate * gradient[k];
                bias[k] -= delta;
                bias_weighted[k] -= step * delta;
            }
            step += 1.0;
        }
    }
    let averaged = |w: &[f32; DESKS], u: &[f32; DESKS]| {
        let mut out = [0f32; DESKS];
        for k in 0..DESKS {
            out[k] = w[k] - u[k] / step;
        }
        out
    };
    DeskModel {
        weights: vocabulary
            .iter()
            .zip(weights.iter().zip(&weighted))
            .map(|(&h, (w, u))| (h, averaged(w, u)))
            .collect(),
        bias: averaged(&bias, &bias_weighted),
    }
}

/// Multinomial naive Bayes: log P(term | desk) with add-0.1 smoothing as the
/// weights (centred per term, which changes no ranking), log priors as biases.
fn naive_bayes(vocabulary: &[u64], documents: &[Sparse]) -> DeskModel {
    const ALPHA: f32 = 0.1;
    let n = vocabulary.len();
    let mut mass = vec![[0f32; DESKS]; n];
    let mut totals = [0f32; DESKS];
    let mut counts = [0f32; DESKS];
    for doc in documents {
        counts[doc.desk] += 1.0;
        for &(f, x) in &doc.features {
            mass[f as usize][doc.desk] += x;
            totals[doc.desk] += x;
        }
    }
    let all: f32 = counts.iter().sum::<f32>().max(1.0);
    let mut bias = [0f32; DESKS];
    for k in 0..DESKS {
        bias[k] = ((counts[k] + 1.0) / (all + DESKS as f32)).ln();
    }
    // A document's score is sum x * log P; the vector has unit length, so
    // scale by a typical document's total value to keep NB's sharpness.
    const SCALE: f32 = 10.0;
    let weights = vocabulary
        .iter()
        .zip(&mass)
        .map(|(&h, m)| {
            let mut w = [0f32; DESKS];
            for k in 0..DESKS {
                w[k] = SCALE * ((m[k] + ALPHA) / (totals[k] + ALPHA * n as f32)).ln();
            }
            let mean = w.iter().sum::<f32>() / DESKS as f32;
            for v in &mut w {
                *v -= mean;
            }
            (h, w)
        })
        .collect();
    DeskModel { weights, bias }
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
        ];
        texts.iter().map(|(t, d)| (Terms::of(t, 1.0), *d)).collect()
    }

    fn trained(learner: Learner) -> DeskModel {
        let corpus = corpus();
        let examples: Vec<Example> = corpus
            .iter()
            .map(|(terms, desk)| Example { terms, desk: *desk })
            .collect();
        train(&examples, learner)
    }

    #[test]
    fn both_learners_separate_two_desks() {
        for learner in [
            Learner::Logistic {
                epochs: 20,
                seed: 1,
            },
            Learner::NaiveBayes,
        ] {
            let model = trained(learner);
            let sport = model.probabilities(&Terms::of("a goal in the match", 1.0));
            let money = model.probabilities(&Terms::of("bank profit and shares", 1.0));
            assert!(sport[0] > sport[1], "{learner:?}: {sport:?}");
            assert!(money[1] > money[0], "{learner:?}: {money:?}");
        }
    }

    #[test]
    fn training_is_deterministic() {
        let learner = Learner::Logistic { epochs: 5, seed: 7 };
        assert_eq!(trained(learner), trained(learner));
    }

    #[test]
    fn no_terms_give_the_bias_alone_and_softmax_never_overflows() {
        let model = trained(Learner::Logistic { epochs: 5, seed: 1 });
        let p = model.probabilities(&Terms::default());
        assert!((p.iter().sum::<f32>() - 1.0).abs() < 1e-4);
        let extreme = softmax(&[f32::MAX, 0.0, -f32::MAX]);
        assert!(extreme.iter().all(|v| v.is_finite()));
        assert!(softmax(&[f32::NAN, 0.0]).iter().all(|v| v.is_finite()));
    }
}
