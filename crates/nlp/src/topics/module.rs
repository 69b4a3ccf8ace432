//! `topics`: IPTC Media Topics of the article (`crate::topics`), from its title, text and the entities found before it; English articles only.

use crate::document::{Enrichments, Input};
use crate::pipeline::{Field, Module, ModuleError};
use crate::topics::TopicClassifier;

/// Ranks the IPTC Media Topics with the committed classifier.
#[derive(Debug)]
pub struct TopicsModule {
    classifier: &'static TopicClassifier,
}

impl Default for TopicsModule {
    fn default() -> Self {
        TopicsModule {
            classifier: TopicClassifier::embedded(),
        }
    }
}

impl Module for TopicsModule {
    fn name(&self) -> &'static str {
        "topics"
    }

    fn assigns(&self) -> Field {
        Field::Topics
    }

    fn requires(&self) -> Vec<Field> {
        vec![Field::Entities]
    }

    /// The model is trained on English news only.
    fn languages(&self) -> Option<&'static [&'static str]> {
        Some(&["en"])
    }

    fn enrich(&self, input: &Input<'_>, found: &mut Enrichments) -> Result<(), ModuleError> {
        let entities = found.entities.as_deref().unwrap_or_default();
        let ranked = self.classifier.classify(
            input.article.title.as_deref(),
            &input.article.text,
            entities,
        );
        found.topics = Some(ranked);
        Ok(())
    }
}
