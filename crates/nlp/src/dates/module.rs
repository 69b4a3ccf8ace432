//! `dates`: the dates and relative time expressions of the article text, resolved against `published_at` (`crate::dates`).

use crate::dates::dates_in;
use crate::document::{Enrichments, Input};
use crate::pipeline::{Field, Module, ModuleError};

/// Finds the time expressions of `article.text`; it never fails.
#[derive(Debug, Default)]
pub struct DatesModule {}

impl Module for DatesModule {
    fn name(&self) -> &'static str {
        "dates"
    }

    fn assigns(&self) -> Field {
        Field::Dates
    }

    /// Month and weekday names and relative expressions ("last week") are English word lists.
    fn languages(&self) -> Option<&'static [&'static str]> {
        Some(&["en"])
    }

    fn enrich(&self, input: &Input<'_>, found: &mut Enrichments) -> Result<(), ModuleError> {
        let article = input.article;
        let tokens = &input.segments().tokens;
        found.dates = Some(dates_in(
            &article.text,
            tokens,
            article.published_at.as_deref(),
        ));
        Ok(())
    }
}
