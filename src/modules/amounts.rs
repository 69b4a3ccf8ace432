//! `amounts`: the quantities of the article text, with value, unit and what they count (`crate::amounts`).

use crate::amounts::amounts;
use crate::pipeline::{Document, Module, ModuleError};

/// Finds the amounts of `article.text`; it never fails.
#[derive(Debug, Default)]
pub struct AmountsModule {}

impl Module for AmountsModule {
    fn name(&self) -> &'static str {
        "amounts"
    }

    fn process(&self, doc: &mut Document) -> Result<(), ModuleError> {
        doc.enrichments.amounts = Some(amounts(&doc.article.text));
        Ok(())
    }
}
