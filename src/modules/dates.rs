//! `dates`: the dates and relative time expressions of the article text, resolved against `published_at` (`crate::timex`).

use crate::pipeline::{Document, Module, ModuleError};
use crate::timex::dates;

/// Finds the time expressions of `article.text`; it never fails.
#[derive(Debug, Default)]
pub struct DatesModule {}

impl Module for DatesModule {
    fn name(&self) -> &'static str {
        "dates"
    }

    fn process(&self, doc: &mut Document) -> Result<(), ModuleError> {
        let found = dates(&doc.article.text, doc.article.published_at.as_deref());
        doc.enrichments.dates = Some(found);
        Ok(())
    }
}
