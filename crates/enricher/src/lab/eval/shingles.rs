//! Shingle matching: the article-extraction benchmark's score of an extracted text against the gold text.
//!
//! Both texts are split into `\w+` tokens and cut into overlapping runs of
//! [`SHINGLE_TOKENS`] tokens; a shingle found in both counts as a true positive
//! as often as it occurs in both. Word order matters only locally, so a
//! paragraph moved elsewhere still scores, while boilerplate and lost text do not.

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

/// Tokens per shingle, as in the benchmark.
pub const SHINGLE_TOKENS: usize = 4;

static TOKEN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\w+").expect("the token pattern is valid"));

/// How one extracted text compares with its gold text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PageScore {
    pub true_positives: usize,
    pub false_positives: usize,
    pub false_negatives: usize,
    pub precision: f64,
    pub recall: f64,
}

impl PageScore {
    /// The harmonic mean of this page's precision and recall (0 when both are 0).
    pub fn f1(&self) -> f64 {
        f1(self.precision, self.recall)
    }
}

pub use enricher_nlp::scores::f1;

/// Count the shingles of a text. A text shorter than one shingle is one shingle of all its tokens,
/// as in the benchmark, so a short gold text can still be matched.
pub fn shingles(text: &str) -> HashMap<String, usize> {
    let tokens: Vec<&str> = TOKEN.find_iter(text).map(|m| m.as_str()).collect();
    let mut counts = HashMap::new();
    if tokens.is_empty() {
        return counts;
    }
    for window in tokens.windows(SHINGLE_TOKENS.min(tokens.len())) {
        *counts.entry(window.join(" ")).or_insert(0) += 1;
    }
    counts
}

/// Score one page: shared shingles are true positives, the rest of the prediction false
/// positives and the rest of the gold text false negatives. Both empty is a perfect score;
/// exactly one empty scores 0 on both counts.
pub fn score(predicted: &str, gold: &str) -> PageScore {
    let predicted = shingles(predicted);
    let gold = shingles(gold);
    let predicted_total: usize = predicted.values().sum();
    let gold_total: usize = gold.values().sum();
    let true_positives: usize = predicted
        .iter()
        .map(|(shingle, count)| (*count).min(gold.get(shingle).copied().unwrap_or(0)))
        .sum();
    let (precision, recall) = match (predicted_total, gold_total) {
        (0, 0) => (1.0, 1.0),
        (0, _) | (_, 0) => (0.0, 0.0),
        (p, g) => (
            true_positives as f64 / p as f64,
            true_positives as f64 / g as f64,
        ),
    };
    PageScore {
        true_positives,
        false_positives: predicted_total - true_positives,
        false_negatives: gold_total - true_positives,
        precision,
        recall,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identical_texts_score_one() {
        let s = score("one two three four five", "one two three four five");
        assert_eq!(
            (s.true_positives, s.false_positives, s.false_negatives),
            (2, 0, 0)
        );
        assert_eq!((s.precision, s.recall), (1.0, 1.0));
    }

    #[test]
    fn punctuation_and_spacing_do_not_count() {
        let s = score("One, two;\n\nthree -- four!", "One two three four");
        assert_eq!(s.precision, 1.0);
        assert_eq!(s.recall, 1.0);
    }

    #[test]
    fn extra_boilerplate_lowers_precision_only() {
        // gold has 3 shingles; one more token makes 4, 3 of them shared.
        let s = score("a b c d e f g", "a b c d e f");
        assert_eq!(
            (s.true_positives, s.false_positives, s.false_negatives),
            (3, 1, 0)
        );
        let s = score("Share this a b c d e f", "a b c d e f");
        assert_eq!(
            (s.true_positives, s.false_positives, s.false_negatives),
            (3, 2, 0)
        );
        assert_eq!(s.recall, 1.0);
        assert!((s.precision - 0.6).abs() < 1e-12);
    }

    #[test]
    fn missing_text_lowers_recall_only() {
        let s = score("a b c d", "a b c d e f");
        assert_eq!(
            (s.true_positives, s.false_positives, s.false_negatives),
            (1, 0, 2)
        );
        assert_eq!(s.precision, 1.0);
        assert!((s.recall - 1.0 / 3.0).abs() < 1e-12);
    }

    #[test]
    fn repeated_shingles_match_at_most_as_often_as_in_both() {
        let s = score("x y z w x y z w x y z w", "x y z w");
        assert_eq!(s.true_positives, 1);
        assert_eq!(s.false_positives, 8);
        assert_eq!(s.false_negatives, 0);
    }

    #[test]
    fn unicode_words_are_tokens() {
        let s = score("Привет мир как дела", "Привет, мир: как дела?");
        assert_eq!(s.precision, 1.0);
        assert_eq!(shingles("日本語 テキスト").len(), 1);
    }

    #[test]
    fn short_texts_are_one_shingle() {
        assert_eq!(shingles("just two").get("just two"), Some(&1));
        assert_eq!(score("just two", "just two").f1(), 1.0);
        assert_eq!(score("just three", "just two").f1(), 0.0);
    }

    #[test]
    fn empty_cases_are_defined() {
        assert_eq!(score("", "").f1(), 1.0);
        assert_eq!(score("  ...  ", "").f1(), 1.0);
        assert_eq!(score("", "a b c d").f1(), 0.0);
        assert_eq!(score("a b c d", "").f1(), 0.0);
    }

    #[test]
    fn f1_is_the_harmonic_mean() {
        assert!((f1(0.5, 1.0) - 2.0 / 3.0).abs() < 1e-12);
        assert_eq!(f1(0.0, 0.0), 0.0);
    }
}
