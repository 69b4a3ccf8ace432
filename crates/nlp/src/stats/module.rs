//! `stats`: the module adapter of [`crate::stats`].

use super::stats_of;
use crate::document::{Enrichments, Input};
use crate::pipeline::{Field, Module, ModuleError};

/// Counts characters, words, sentences and paragraphs of `article.text`; it
/// never fails, and an empty text gets all zeros.
///
/// A braced struct rather than a unit one, so the registry builds it with
/// `default()` like modules that carry settings.
#[derive(Debug, Default)]
pub struct StatsModule {}

impl Module for StatsModule {
    fn name(&self) -> &'static str {
        "stats"
    }

    fn assigns(&self) -> Field {
        Field::Stats
    }

    fn enrich(&self, input: &Input<'_>, found: &mut Enrichments) -> Result<(), ModuleError> {
        found.stats = Some(stats_of(input.segments()));
        Ok(())
    }
}
