//! `keywords`: the article's key phrases (`crate::keywords`), the top `keywords.top`.

use crate::keywords::keywords;
use crate::pipeline::{Document, Module, ModuleError};

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

    fn process(&self, doc: &mut Document) -> Result<(), ModuleError> {
        doc.enrichments.keywords = Some(keywords(&doc.article.text, self.top));
        Ok(())
    }
}
