//! `quotes`: direct and reported quotes with their speakers (`crate::quotes`), attributed to the entities found by `entities`, which must run before it; in the languages of [`LANGUAGES`].

use crate::document::{Enrichments, Input};
use crate::pipeline::{Field, Module, ModuleError, article_language};
use crate::quotes::{LANGUAGES, find_quotes_in};

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

    /// The quotation marks and word lists are those of these languages; an
    /// article of unknown language is read as English.
    fn languages(&self) -> Option<&'static [&'static str]> {
        Some(LANGUAGES)
    }

    fn enrich(&self, input: &Input<'_>, found: &mut Enrichments) -> Result<(), ModuleError> {
        let language = article_language(input.article, found);
        let entities = found.entities.as_deref().unwrap_or_default();
        found.quotes = Some(find_quotes_in(
            &input.article.text,
            entities,
            language.as_deref(),
        ));
        Ok(())
    }
}
