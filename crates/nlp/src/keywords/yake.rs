//! YAKE (Campos et al. 2020): keyphrases scored from the statistics of their words in this one text, no corpus needed.
//!
//! A word weighs more when it is capitalised mid-sentence or an acronym
//! (casing), occurs early (position), often relative to the text's other
//! words (frequency), in many sentences, and without a wide spread of
//! different neighbours (relatedness: words with many different neighbours
//! behave like function words). A phrase's YAKE score is the product of its
//! words' scores over its frequency times one plus their sum; lower is
//! better. Stop words inside a phrase are left out of the product.
//!
//! One change from the paper: the phrase's frequency divides the score
//! squared, not once ([`FREQUENCY_EXPONENT`]). On news, a phrase said once
//! next to a name ("Alan Greenspan highlighted") otherwise ranks with the
//! story's recurring terms; `enricher eval keywords` on the BBC articles
//! gives title recall / precision / hit rate of 34.9% / 27.0% / 85.8% with
//! exponent 1, 36.6% / 28.6% / 90.7% with 2, and 35.6% / 28.1% / 89.9% with 3.

use super::text_terms::TextTerms;

/// The power of the phrase frequency in the score's denominator (1 in the
/// paper), chosen on the BBC articles.
pub const FREQUENCY_EXPONENT: f64 = 2.0;

/// A YAKE value per candidate of `doc`, in its order: lower is better.
pub fn candidate_scores(doc: &TextTerms<'_>) -> Vec<f64> {
    let words = word_scores(doc);
    doc.candidates
        .iter()
        .map(|candidate| {
            let mut product = 1.0f64;
            let mut sum = 0.0f64;
            for &term in candidate.terms() {
                if doc.terms.get(term as usize).is_some_and(|t| !t.stop) {
                    let s = words.get(term as usize).copied().unwrap_or(1.0);
                    product *= s;
                    sum += s;
                }
            }
            product / (f64::from(candidate.tf.max(1)).powf(FREQUENCY_EXPONENT) * (1.0 + sum))
        })
        .collect()
}

/// YAKE's score of every term (lower is better; stop words get 1).
fn word_scores(doc: &TextTerms<'_>) -> Vec<f64> {
    let content: Vec<f64> = doc
        .terms
        .iter()
        .filter(|t| !t.stop)
        .map(|t| f64::from(t.tf))
        .collect();
    let n = content.len().max(1) as f64;
    let mean = content.iter().sum::<f64>() / n;
    let std = (content.iter().map(|tf| (tf - mean).powi(2)).sum::<f64>() / n).sqrt();
    let max_tf = content.iter().copied().fold(1.0, f64::max);
    // Distinct and total neighbours on each side, over the neighbour pairs.
    let mut left_distinct = vec![0u32; doc.terms.len()];
    let mut right_distinct = vec![0u32; doc.terms.len()];
    for &(left, right) in &doc.neighbours {
        if let Some(count) = right_distinct.get_mut(left as usize) {
            *count += 1;
        }
        if let Some(count) = left_distinct.get_mut(right as usize) {
            *count += 1;
        }
    }
    let sentences = f64::from(doc.sentence_count.max(1));
    doc.terms
        .iter()
        .enumerate()
        .map(|(i, term)| {
            if term.stop || term.tf == 0 {
                return 1.0;
            }
            let tf = f64::from(term.tf);
            let casing = f64::from(term.tf_capitalised.max(term.tf_acronym)) / (1.0 + tf.ln());
            let median = term
                .sentences
                .get(term.sentences.len() / 2)
                .copied()
                .unwrap_or(0);
            let position = (3.0 + f64::from(median)).ln().ln();
            let frequency = tf / (mean + std).max(f64::MIN_POSITIVE);
            let spread = |distinct: &[u32], total: u32| {
                if total == 0 {
                    0.0
                } else {
                    f64::from(distinct.get(i).copied().unwrap_or(0)) / f64::from(total)
                }
            };
            let relatedness = 1.0
                + (spread(&left_distinct, term.left_pairs)
                    + spread(&right_distinct, term.right_pairs))
                    * (tf / max_tf);
            let spread_in_sentences = term.sentences.len() as f64 / sentences;
            relatedness * position
                / (casing + frequency / relatedness + spread_in_sentences / relatedness)
        })
        .collect()
}
