//! `language`: the module adapter of [`crate::language`]: detects the article's language on its title and first characters.

use super::LanguageDetector;
use crate::document::{Enrichments, Input};
use crate::pipeline::{Field, Module, ModuleError};

/// The `language` module's settings.
#[derive(Debug, Clone, PartialEq, serde::Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct LanguageSettings {
    /// ISO 639-1 codes the detector chooses from.
    #[serde(deserialize_with = "crate::registry::list")]
    pub languages: Vec<String>,
}

/// The `language` module: a [`LanguageDetector`] over `language.languages`.
#[derive(Debug)]
pub struct LanguageModule {
    detector: LanguageDetector,
}

impl LanguageModule {
    /// The module over `codes` (ISO 639-1); an unknown code is an error naming it.
    pub fn new(codes: &[String]) -> Result<Self, String> {
        Ok(Self {
            detector: LanguageDetector::new(codes)?,
        })
    }
}

impl Module for LanguageModule {
    fn name(&self) -> &'static str {
        "language"
    }

    fn assigns(&self) -> Field {
        Field::Language
    }

    fn enrich(&self, input: &Input<'_>, found: &mut Enrichments) -> Result<(), ModuleError> {
        let article = &input.article;
        let language = self.detector.detect(
            article.title.as_deref(),
            &article.text,
            article.language_hint.as_deref(),
        );
        found.language = Some(language);
        Ok(())
    }
}
