//! `quotes`: direct and reported quotes with their speakers (`crate::quotes`), attributed to the entities found by `entities`, which must run before it.

use crate::document::{Enrichments, Input};
use crate::pipeline::{Field, Module, ModuleError};
use crate::quotes::find_quotes;

/// Finds the quotes of `article.text`; without entities every speaker is null.
#[derive(Debug, Default)]
pub struct QuotesModule {}

impl Module for QuotesModule {
    fn name(&self) -> &'static str {
        "quotes"
    }

    fn assigns(&self) -> Field {
        Field::Quotes
    }

    fn requires(&self) -> Vec<Field> {
        vec![Field::Entities]
    }

    fn enrich(&self, input: &Input<'_>, found: &mut Enrichments) -> Result<(), ModuleError> {
        let entities = found.entities.as_deref().unwrap_or_default();
        found.quotes = Some(find_quotes(&input.article.text, entities));
        Ok(())
    }
}
