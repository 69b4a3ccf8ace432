//! `sentiment`: the article's tone (`crate::sentiment`): a VADER-style score in [-1, 1] with a label, and GDELT-style positive and negative word shares.

use crate::document::{Enrichments, Input};
use crate::pipeline::{Field, Module, ModuleError};
use crate::sentiment::tone_of;

/// Scores the tone of `article.text`; it never fails.
#[derive(Debug, Default)]
pub struct SentimentModule {}

impl Module for SentimentModule {
    fn name(&self) -> &'static str {
        "sentiment"
    }

    fn assigns(&self) -> Field {
        Field::Sentiment
    }

    /// The tone lexicon (VADER-style valences and the GDELT-style word lists) is English.
    fn languages(&self) -> Option<&'static [&'static str]> {
        Some(&["en"])
    }

    fn enrich(&self, input: &Input<'_>, found: &mut Enrichments) -> Result<(), ModuleError> {
        found.sentiment = Some(tone_of(input.segments()));
        Ok(())
    }
}
