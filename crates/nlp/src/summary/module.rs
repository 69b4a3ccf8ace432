//! `summary`: an extractive summary of up to three sentences of the article, in text order (`crate::summary`).

use crate::document::{Enrichments, Input};
use crate::pipeline::{Field, Module, ModuleError};
use crate::summary::summary_of;

/// Picks the summary sentences.
#[derive(Debug, Default)]
pub struct SummaryModule {}

/// Sentences in a summary.
pub const SENTENCES: usize = 3;

impl Module for SummaryModule {
    fn name(&self) -> &'static str {
        "summary"
    }

    fn assigns(&self) -> Field {
        Field::Summary
    }

    /// Sentences are scored with the English stop-word list and term keys of `keywords`.
    fn languages(&self) -> Option<&'static [&'static str]> {
        Some(&["en"])
    }

    fn enrich(&self, input: &Input<'_>, found: &mut Enrichments) -> Result<(), ModuleError> {
        found.summary = Some(summary_of(input.segments(), SENTENCES));
        Ok(())
    }
}
