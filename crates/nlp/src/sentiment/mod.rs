//! Tone: a document's sentiment score and label (VADER over its sentences) and GDELT-style shares of positive and negative words.
//!
//! Each sentence is scored as VADER does (Hutto and Gilbert 2014, see
//! [`sentence`]): lexicon valences shifted by negations within three words,
//! degree adverbs, capitals, "but" and exclamation marks, summed and squashed
//! by `x / sqrt(x² + 15)` into [-1, 1]. The document's `score` is the mean
//! over its sentences, so that one heated sentence among thirty factual ones
//! moves the article only a little, with negative sentences weighing
//! [`NEGATIVITY_WEIGHT`] times as much as the others. VADER's lexicon was
//! rated word by word, out of context, and like language at large it leans
//! positive (Dodds et al. 2015): in news, "security", "support", "peace" and
//! "heart" (of Europe) are topics more than praise, while much of the bad
//! news ("escalation", "sanctions", "wounded") is missing from it. The plain
//! mean puts the median BBC politics article at +0.02 and NATO's statement
//! on North Korean troops in Russia's war at +0.02 (neutral); weighing bad
//! sentences more, as readers do ("bad is stronger than good", Baumeister
//! et al. 2001), puts them negative while sport and entertainment stay
//! positive (the figures are in the README). `positive` and `negative` are GDELT's
//! tone components: the percentage of all words that the lexicon rates
//! positive or negative, without the rules. (Every word lies in a sentence:
//! what the sentence splitter leaves out is bare punctuation.) The text is tokenised once, by
//! [`crate::text::segment`].

use serde::Serialize;

use crate::text::{Segments, TokenKind, segment};

mod lexicon;
mod module;
mod rules;
mod sentence;

pub use module::SentimentModule;

use sentence::SentenceWords;

/// How much more a negative sentence weighs than a positive or neutral one
/// in the document's mean.
pub const NEGATIVITY_WEIGHT: f64 = 1.5;

/// A `score` at or above this is `positive`.
pub const POSITIVE_THRESHOLD: f32 = 0.05;

/// A `score` at or below this is `negative`; between the two it is `neutral`.
pub const NEGATIVE_THRESHOLD: f32 = -0.05;

/// The tone of a text.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Tone {
    /// Mean VADER compound score of the sentences (negative ones weighing
    /// [`NEGATIVITY_WEIGHT`]), in [-1, 1]; 0 for a text without words.
    pub score: f32,
    /// `score` banded at [`NEGATIVE_THRESHOLD`] and [`POSITIVE_THRESHOLD`].
    pub label: ToneLabel,
    /// Percentage (0 to 100) of the words that the lexicon rates positive.
    pub positive: f32,
    /// Percentage (0 to 100) of the words that the lexicon rates negative.
    pub negative: f32,
}

/// The band a tone score falls in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ToneLabel {
    Negative,
    Neutral,
    Positive,
}

impl ToneLabel {
    /// The label of `score`: negative at or below -0.05, positive at or above
    /// 0.05 (VADER's own bands for its compound score), neutral between.
    pub fn of(score: f32) -> Self {
        if score >= POSITIVE_THRESHOLD {
            Self::Positive
        } else if score <= NEGATIVE_THRESHOLD {
            Self::Negative
        } else {
            Self::Neutral
        }
    }
}

/// The tone of `text`. Linear in its length; never panics.
pub fn tone(text: &str) -> Tone {
    tone_of(&segment(text))
}

/// The tone of a text already segmented, for a caller that shares one
/// [`segment`] between modules.
pub fn tone_of(segments: &Segments<'_>) -> Tone {
    let mut words = SentenceWords::default();
    let mut weighted_sum = 0.0f64;
    let mut weights = 0.0f64;
    let (mut word_count, mut positive_words, mut negative_words) = (0usize, 0usize, 0usize);
    for sentence in &segments.sentences {
        words.clear();
        for token in segments.tokens.get(sentence.tokens.clone()).unwrap_or(&[]) {
            match token.kind {
                TokenKind::Word | TokenKind::Number => words.push_word(token.text()),
                TokenKind::Punct => words.push_punct(token.text()),
            }
        }
        let (positive, negative) = words.polarity_counts();
        positive_words += positive;
        negative_words += negative;
        word_count += words.len();
        if !words.is_empty() {
            let compound = f64::from(words.compound());
            let weight = if compound < 0.0 {
                NEGATIVITY_WEIGHT
            } else {
                1.0
            };
            weighted_sum += weight * compound;
            weights += weight;
        }
    }
    let score = if weights > 0.0 {
        (weighted_sum / weights).clamp(-1.0, 1.0) as f32
    } else {
        0.0
    };
    Tone {
        score,
        label: ToneLabel::of(score),
        positive: percent(positive_words, word_count),
        negative: percent(negative_words, word_count),
    }
}

/// `part` as a percentage of `whole`, 0 when `whole` is 0.
fn percent(part: usize, whole: usize) -> f32 {
    if whole == 0 {
        0.0
    } else {
        (100.0 * part as f64 / whole as f64) as f32
    }
}

#[cfg(test)]
mod tests;
