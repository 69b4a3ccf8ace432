//! Summary: an extractive summary of a few sentences, chosen by centrality to the whole text and a lead bias, in text order with code-point offsets.
//!
//! Each sentence scores its cosine similarity to the article's centroid
//! (the counts of its content words: not stop words, lower-case, singular)
//! plus a position prior that falls linearly from the first sentence to the
//! last: MEAD's centroid and position features (Radev et al. 2004). News is
//! written as an inverted pyramid, so the lead is a strong summary by itself
//! (lead-3 is the baseline summarisers are measured against on news), and
//! the centroid keeps the choice to sentences about the story's main terms
//! rather than an off-topic opening. TextRank over sentence similarity would
//! compare every pair of sentences, quadratic in the text; the centroid is
//! one pass. A sentence that repeats a chosen one (more than half of their
//! content words in common) is skipped, and so are fragments of fewer than
//! [`MIN_WORDS`] words (titles, datelines, "* * *").

use rustc_hash::FxHashMap;
use serde::Serialize;

use crate::keywords::{is_stop_word, term_key};
use crate::text::{Segments, segment};

mod module;

pub use module::SummaryModule;

/// Sentences with fewer words are not summary material.
pub const MIN_WORDS: usize = 6;

/// The weight of the position prior against the centroid similarity (both
/// in [0, 1]).
pub const POSITION_WEIGHT: f64 = 0.5;

/// The Jaccard overlap of content words above which a sentence repeats a chosen one.
const REDUNDANT_OVERLAP: f64 = 0.5;

/// One sentence of the summary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SummarySentence {
    /// The sentence as it stands in the text.
    pub text: String,
    /// Code-point offset of its first character in the text.
    pub start: usize,
    /// Code-point offset one past its last character.
    pub end: usize,
}

/// A sentence as the scoring sees it.
struct Scored {
    index: usize,
    /// Its distinct content terms, sorted.
    terms: Vec<u32>,
    score: f64,
}

/// Up to `max_sentences` sentences of `text` that summarise it, in text
/// order. Linear in the text's length; never panics.
pub fn summary(text: &str, max_sentences: usize) -> Vec<SummarySentence> {
    if max_sentences == 0 {
        return Vec::new();
    }
    summary_of(&segment(text), max_sentences)
}

/// [`summary`] of a text already segmented, for a caller that shares one
/// [`segment`] between modules.
pub fn summary_of(segments: &Segments<'_>, max_sentences: usize) -> Vec<SummarySentence> {
    if max_sentences == 0 {
        return Vec::new();
    }
    let mut ids: FxHashMap<String, u32> = FxHashMap::default();
    let mut counts: Vec<u32> = Vec::new();
    let mut key = String::new();
    let mut lower = String::new();
    let mut candidates: Vec<Scored> = Vec::new();
    for (index, sentence) in segments.sentences.iter().enumerate() {
        let tokens = segments.tokens.get(sentence.tokens.clone()).unwrap_or(&[]);
        let words = tokens.iter().filter(|t| t.is_word()).count();
        let mut terms = Vec::new();
        for token in tokens.iter().filter(|t| t.is_word()) {
            let word = token.text();
            if !word.chars().any(char::is_alphabetic) {
                continue;
            }
            term_key(word, &mut key);
            lower.clear();
            if word.is_ascii() {
                lower.push_str(word);
                lower.make_ascii_lowercase();
            } else {
                lower.extend(word.chars().flat_map(char::to_lowercase));
            }
            if is_stop_word(&lower) {
                continue;
            }
            let id = match ids.get(key.as_str()) {
                Some(&id) => id,
                None => {
                    let id = u32::try_from(counts.len()).unwrap_or(u32::MAX);
                    ids.insert(key.clone(), id);
                    counts.push(0);
                    id
                }
            };
            if let Some(count) = counts.get_mut(id as usize) {
                *count += 1;
            }
            terms.push(id);
        }
        terms.sort_unstable();
        terms.dedup();
        if words >= MIN_WORDS && !terms.is_empty() {
            candidates.push(Scored {
                index,
                terms,
                score: 0.0,
            });
        }
    }
    let norm = counts
        .iter()
        .map(|&c| f64::from(c) * f64::from(c))
        .sum::<f64>()
        .sqrt()
        .max(1.0);
    let sentence_count = segments.sentences.len().max(1) as f64;
    for candidate in &mut candidates {
        let dot: f64 = candidate
            .terms
            .iter()
            .map(|&t| f64::from(counts.get(t as usize).copied().unwrap_or(0)))
            .sum();
        let centroid = dot / (norm * (candidate.terms.len() as f64).sqrt());
        let position = 1.0 - candidate.index as f64 / sentence_count;
        candidate.score = centroid + POSITION_WEIGHT * position;
    }
    // Best first; ties to the earlier sentence.
    candidates.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.index.cmp(&b.index)));
    let mut chosen: Vec<&Scored> = Vec::with_capacity(max_sentences.min(candidates.len()));
    for candidate in &candidates {
        if chosen.len() == max_sentences {
            break;
        }
        if !chosen.iter().any(|c| redundant(&c.terms, &candidate.terms)) {
            chosen.push(candidate);
        }
    }
    chosen.sort_by_key(|c| c.index);
    chosen
        .into_iter()
        .filter_map(|c| {
            let sentence = segments.sentences.get(c.index)?;
            Some(SummarySentence {
                text: sentence.span.text.to_string(),
                start: sentence.chars.start,
                end: sentence.chars.end,
            })
        })
        .collect()
}

/// Whether two sorted term sets share more than half of their union (Jaccard).
fn redundant(a: &[u32], b: &[u32]) -> bool {
    let (mut i, mut j, mut shared) = (0, 0, 0usize);
    while let (Some(x), Some(y)) = (a.get(i), b.get(j)) {
        match x.cmp(y) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    let union = (a.len() + b.len() - shared).max(1);
    shared as f64 / union as f64 > REDUNDANT_OVERLAP
}

#[cfg(test)]
mod tests;
