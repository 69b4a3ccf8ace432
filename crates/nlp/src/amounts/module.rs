//! `amounts`: the quantities of the article text, with value, unit and what they count (`crate::amounts`).

use crate::amounts::amounts_in;
use crate::document::{Enrichments, Input};
use crate::pipeline::{Field, Module, ModuleError};

/// Finds the amounts of `article.text`; it never fails.
#[derive(Debug, Default)]
pub struct AmountsModule {}

impl Module for AmountsModule {
    fn name(&self) -> &'static str {
        "amounts"
    }

    fn assigns(&self) -> Field {
        Field::Amounts
    }

    /// Units, scale words ("million", "bn") and counted nouns are read from English word lists.
    fn languages(&self) -> Option<&'static [&'static str]> {
        Some(&["en"])
    }

    fn enrich(&self, input: &Input<'_>, found: &mut Enrichments) -> Result<(), ModuleError> {
        found.amounts = Some(amounts_in(&input.article.text, &input.segments().tokens));
        Ok(())
    }
}
