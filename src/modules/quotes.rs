//! `quotes`: direct quotes with their speakers (`crate::quotes`), attributed to the PERSON entities found by `entities`, which must run before it.

use crate::pipeline::{Document, Module, ModuleError};
use crate::quotes::find_quotes;

/// Finds the quotes of `article.text`; without entities every speaker is null.
#[derive(Debug, Default)]
pub struct QuotesModule {}

impl Module for QuotesModule {
    fn name(&self) -> &'static str {
        "quotes"
    }

    fn process(&self, doc: &mut Document) -> Result<(), ModuleError> {
        let entities = doc.enrichments.entities.as_deref().unwrap_or_default();
        doc.enrichments.quotes = Some(find_quotes(&doc.article.text, entities));
        Ok(())
    }
}
