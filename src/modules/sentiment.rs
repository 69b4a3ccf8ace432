//! `sentiment`: the article's tone (`crate::tone`): a VADER-style score in [-1, 1] with a label, and GDELT-style positive and negative word shares.

use crate::pipeline::{Document, Module, ModuleError};
use crate::tone::tone;

/// Scores the tone of `article.text`; it never fails.
#[derive(Debug, Default)]
pub struct SentimentModule {}

impl Module for SentimentModule {
    fn name(&self) -> &'static str {
        "sentiment"
    }

    fn process(&self, doc: &mut Document) -> Result<(), ModuleError> {
        doc.enrichments.sentiment = Some(tone(&doc.article.text));
        Ok(())
    }
}
