//! `keywords`: the article's key phrases (`crate::keywords`), the top `keywords.top`.

use crate::document::{Enrichments, Input};
use crate::keywords::keywords_of;
use crate::pipeline::{Field, Module, ModuleError};

/// The `keywords` module's settings.
#[derive(Debug, Clone, PartialEq, serde::Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct KeywordsSettings {
    /// How many key phrases to keep (1 to 100).
    pub top: usize,
}

/// Extracts up to `top` key phrases.
#[derive(Debug)]
pub struct KeywordsModule {
    top: usize,
}

impl KeywordsModule {
    /// A module keeping the `top` best phrases.
    pub fn new(top: usize) -> Self {
        KeywordsModule { top }
    }
}

impl Module for KeywordsModule {
    fn name(&self) -> &'static str {
        "keywords"
    }

    fn assigns(&self) -> Field {
        Field::Keywords
    }

    fn enrich(&self, input: &Input<'_>, found: &mut Enrichments) -> Result<(), ModuleError> {
        let text = &input.article.text;
        found.keywords = Some(keywords_of(text, input.segments(), self.top));
        Ok(())
    }
}
