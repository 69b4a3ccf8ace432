//! `tags`: the operator's rule tags (`tags.file`, `crate::tags`), matched against what the earlier modules found; it runs last.

use crate::document::{Enrichments, Input};
use crate::pipeline::{Field, Module, ModuleError};
use crate::tags::{Facts, TagRules};

/// Applies the rules loaded at start.
#[derive(Debug)]
pub struct TagsModule {
    rules: TagRules,
}

impl TagsModule {
    /// A module applying `rules`.
    pub fn new(rules: TagRules) -> Self {
        TagsModule { rules }
    }
}

impl Module for TagsModule {
    fn name(&self) -> &'static str {
        "tags"
    }

    fn assigns(&self) -> Field {
        Field::Tags
    }

    fn requires(&self) -> Vec<Field> {
        self.rules.reads()
    }

    fn enrich(&self, input: &Input<'_>, found: &mut Enrichments) -> Result<(), ModuleError> {
        let mut facts = Facts {
            title: input.article.title.as_deref(),
            text: &input.article.text,
            ..Facts::default()
        };
        for entity in found.entities.iter().flatten() {
            facts.entities.push(&entity.name);
            facts
                .entities
                .extend(entity.mentions.iter().map(|m| m.text.as_str()));
            if let Some(code) = &entity.country_code {
                facts.countries.push(code);
            }
        }
        facts
            .keywords
            .extend(found.keywords.iter().flatten().map(|k| k.term.as_str()));
        for topic in found.topics.iter().flatten() {
            facts.topics.push(&topic.code);
            facts.topics.push(&topic.label);
        }
        let tags = self.rules.apply(&facts);
        found.tags = Some(tags);
        Ok(())
    }
}
