//! `topics`: IPTC Media Topics of the article (`crate::topics`), from its title, text and the entities found before it.

use crate::pipeline::{Document, Module, ModuleError};
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

    fn process(&self, doc: &mut Document) -> Result<(), ModuleError> {
        let entities = doc.enrichments.entities.as_deref().unwrap_or_default();
        let found =
            self.classifier
                .classify(doc.article.title.as_deref(), &doc.article.text, entities);
        doc.enrichments.topics = Some(found);
        Ok(())
    }
}
