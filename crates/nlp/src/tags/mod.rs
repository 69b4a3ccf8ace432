//! Rule tags: labels from the operator's rules (`config/tags.toml`), each applying when any, all or none of its entities, keywords, topics, countries or regular expressions match the article.
//!
//! A rule holds when every group it gives holds: `any` when at least one of
//! its conditions matches, `all` when every one does, `none` when none
//! does. Entity, keyword and topic names match whole, case aside; an
//! entity matches by its canonical name or any mention's text, a topic by
//! its code or its label; countries are the `country_code`s of the
//! entities; regular expressions search the title and the text. Tags come
//! out in rule order, each once.

mod module;
mod rules;

pub use module::TagsModule;

use std::path::Path;

use rustc_hash::FxHashSet;

pub use rules::RulesError;
use rules::{Condition, Rule};

/// What rules are matched against, for one article.
#[derive(Debug, Default)]
pub struct Facts<'a> {
    /// Title and text, searched by regular expressions.
    pub title: Option<&'a str>,
    pub text: &'a str,
    /// Entity names and mention texts.
    pub entities: Vec<&'a str>,
    /// Country codes of the entities.
    pub countries: Vec<&'a str>,
    /// Keyword terms.
    pub keywords: Vec<&'a str>,
    /// Topic codes and labels.
    pub topics: Vec<&'a str>,
}

/// Facts with names lower-cased once, so each condition is a set lookup.
struct Prepared<'a> {
    title: Option<&'a str>,
    text: &'a str,
    entities: FxHashSet<String>,
    countries: FxHashSet<String>,
    keywords: FxHashSet<String>,
    topics: FxHashSet<String>,
}

/// The `tags` module's settings.
#[derive(Debug, Clone, PartialEq, serde::Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct TagsSettings {
    /// The rules file (relative paths from the working directory).
    pub file: std::path::PathBuf,
}

/// Where the rules file is looked for when `tags.file` is not set.
pub const DEFAULT_TAGS_FILE: &str = "config/tags.toml";

impl TagsSettings {
    /// The checked rules of `file`. A missing file at the default path means
    /// no rules (the binary may run outside the repository); a missing file
    /// named on purpose, or any bad rule, is an error.
    pub fn rules(&self) -> Result<TagRules, RulesError> {
        if self.is_missing_default() {
            tracing::warn!(
                file = DEFAULT_TAGS_FILE,
                "no tag rules file; the tags module adds no tags"
            );
            return Ok(TagRules::default());
        }
        TagRules::load(&self.file)
    }

    /// [`rules`](Self::rules) for validation: the same checks, no warning.
    pub fn check(&self) -> Result<(), RulesError> {
        if self.is_missing_default() {
            return Ok(());
        }
        TagRules::load(&self.file).map(drop)
    }

    fn is_missing_default(&self) -> bool {
        self.file == Path::new(DEFAULT_TAGS_FILE) && !self.file.exists()
    }
}

/// The loaded, checked rules.
#[derive(Debug, Clone, Default)]
pub struct TagRules {
    rules: Vec<Rule>,
}

impl TagRules {
    /// Reads and checks a rules file.
    pub fn load(path: &Path) -> Result<TagRules, RulesError> {
        let text = std::fs::read_to_string(path).map_err(|source| RulesError::Read {
            path: path.display().to_string(),
            source,
        })?;
        TagRules::parse(&path.display().to_string(), &text)
    }

    /// Checks the text of a rules file (`path` names it in errors).
    pub fn parse(path: &str, text: &str) -> Result<TagRules, RulesError> {
        Ok(TagRules {
            rules: rules::parse(path, text)?,
        })
    }

    /// The number of rules.
    pub fn len(&self) -> usize {
        self.rules.len()
    }

    /// Whether there are no rules.
    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }

    /// The fields of other modules the rules match on: entities (names or countries), keywords, topics.
    pub fn reads(&self) -> Vec<crate::pipeline::Field> {
        use crate::pipeline::Field;
        let mut fields = Vec::new();
        for condition in self
            .rules
            .iter()
            .flat_map(|rule| rule.any.iter().chain(&rule.all).chain(&rule.none))
        {
            let field = match condition {
                Condition::Entity(_) | Condition::Country(_) => Field::Entities,
                Condition::Keyword(_) => Field::Keywords,
                Condition::Topic(_) => Field::Topics,
                Condition::Regex(_) => continue,
            };
            if !fields.contains(&field) {
                fields.push(field);
            }
        }
        fields
    }

    /// The tags whose rules hold for `facts`, in rule order, each once.
    pub fn apply(&self, facts: &Facts<'_>) -> Vec<String> {
        let lower = |v: &[&str]| v.iter().map(|s| s.trim().to_lowercase()).collect();
        let prepared = Prepared {
            title: facts.title,
            text: facts.text,
            entities: lower(&facts.entities),
            countries: facts
                .countries
                .iter()
                .map(|c| c.to_ascii_uppercase())
                .collect(),
            keywords: lower(&facts.keywords),
            topics: lower(&facts.topics),
        };
        let mut tags: Vec<String> = Vec::new();
        for rule in &self.rules {
            let holds = (rule.any.is_empty() || rule.any.iter().any(|c| matches(c, &prepared)))
                && rule.all.iter().all(|c| matches(c, &prepared))
                && !rule.none.iter().any(|c| matches(c, &prepared));
            if holds && !tags.contains(&rule.tag) {
                tags.push(rule.tag.clone());
            }
        }
        tags
    }
}

fn matches(condition: &Condition, facts: &Prepared<'_>) -> bool {
    match condition {
        Condition::Entity(name) => facts.entities.contains(name),
        Condition::Keyword(term) => facts.keywords.contains(term),
        Condition::Topic(topic) => facts.topics.contains(topic),
        Condition::Country(code) => facts.countries.contains(code),
        Condition::Regex(re) => {
            facts.title.is_some_and(|t| re.is_match(t)) || re.is_match(facts.text)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const RULES: &str = r#"
[[rule]]
name = "nato-in-ukraine"
[rule.all]
entities = ["nato"]
countries = ["ua"]

[[rule]]
name = "war"
tag = "conflict"
[rule.any]
topics = ["medtop:16000000", "conflict, war and peace"]
regex = ['(?i)\btroops?\b']

[[rule]]
name = "not-sport"
[rule.any]
keywords = ["north korean troops"]
[rule.none]
topics = ["sport"]
regex = ["(?i)football"]

[[rule]]
name = "war-again"
tag = "conflict"
[rule.any]
entities = ["Kursk"]
"#;

    fn facts<'a>(text: &'a str, topics: Vec<&'a str>) -> Facts<'a> {
        Facts {
            title: Some("NATO on North Korean troops"),
            text,
            entities: vec!["NATO", "Ukraine", "Kursk"],
            countries: vec!["UA", "RU"],
            keywords: vec!["North Korean troops"],
            topics,
        }
    }

    #[test]
    fn any_all_and_none_combine_and_tags_come_once_in_rule_order() {
        let rules = TagRules::parse("t", RULES).unwrap();
        assert_eq!(rules.len(), 4);
        let tags = rules.apply(&facts("The war goes on.", vec!["politics"]));
        assert_eq!(tags, ["nato-in-ukraine", "conflict", "not-sport"]);
        let tags = rules.apply(&facts("A football match.", vec!["sport"]));
        assert_eq!(tags, ["nato-in-ukraine", "conflict"]);
        let mut f = facts("Nothing here.", vec![]);
        f.title = None;
        f.countries = vec!["RU"];
        f.entities = vec!["NATO"];
        f.keywords.clear();
        assert!(rules.apply(&f).is_empty());
    }

    #[test]
    fn a_missing_file_is_an_error_naming_it() {
        let error = TagRules::load(Path::new("/nonexistent/tags.toml")).unwrap_err();
        assert!(
            error.to_string().contains("/nonexistent/tags.toml"),
            "{error}"
        );
    }
}
