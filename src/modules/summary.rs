//! `summary`: an extractive summary of up to three sentences of the article, in text order (`crate::summary`).

use crate::pipeline::{Document, Module, ModuleError};
use crate::summary::summary;

/// Picks the summary sentences.
#[derive(Debug, Default)]
pub struct SummaryModule {}

/// Sentences in a summary.
pub const SENTENCES: usize = 3;

impl Module for SummaryModule {
    fn name(&self) -> &'static str {
        "summary"
    }

    fn process(&self, doc: &mut Document) -> Result<(), ModuleError> {
        doc.enrichments.summary = Some(summary(&doc.article.text, SENTENCES));
        Ok(())
    }
}
