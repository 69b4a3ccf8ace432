//! `keywords`: the article's key phrases (`crate::keywords`), the top `keywords.top`, with the stop words of the article's language.

use crate::document::{Enrichments, Input};
use crate::keywords::{LANGUAGES, Lexicon, keywords_in};
use crate::pipeline::{Field, Module, ModuleError, article_language};

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

    /// The languages with a stop-word list that fits how the tokeniser
    /// splits them (see [`LANGUAGES`]): not Chinese, Japanese or Thai, whose
    /// words are not separated by spaces and which it does not segment.
    fn languages(&self) -> Option<&'static [&'static str]> {
        Some(LANGUAGES)
    }

    /// An article of unknown language is read as English, as before
    /// languages were told apart.
    fn enrich(&self, input: &Input<'_>, found: &mut Enrichments) -> Result<(), ModuleError> {
        let lexicon = article_language(input.article, found)
            .and_then(|code| Lexicon::for_language(&code))
            .unwrap_or_else(Lexicon::english);
        let text = &input.article.text;
        found.keywords = Some(keywords_in(text, input.segments(), self.top, lexicon));
        Ok(())
    }
}
