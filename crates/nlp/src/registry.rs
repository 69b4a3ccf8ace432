//! The module registry: the built-in modules by name, their settings, and the check that no module runs before one it reads from.

use serde::{Deserialize, Serialize};

use crate::keywords::{KeywordsModule, KeywordsSettings};
use crate::language::{LanguageModule, LanguageSettings};
use crate::pipeline::{Field, Module};
use crate::tags::{TagsModule, TagsSettings};
use crate::{amounts, dates, entities, fingerprint, quotes, sentiment, stats, summary, topics};

/// Every built-in module, in the order they are meant to run (the default `pipeline.modules`);
/// `tags` reads what the others found, so it comes last.
pub const ALL: &[&str] = &[
    "language",
    "stats",
    "entities",
    "quotes",
    "topics",
    "keywords",
    "sentiment",
    "amounts",
    "dates",
    "summary",
    "fingerprint",
    "tags",
];

/// The settings of the modules that have any: sections `language`, `keywords` and `tags`.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ModuleSettings {
    pub language: LanguageSettings,
    pub keywords: KeywordsSettings,
    pub tags: TagsSettings,
}

impl Default for ModuleSettings {
    /// The built-in defaults, as `config/default.toml` gives them (a test of the
    /// worker's settings checks that the two agree).
    fn default() -> Self {
        Self {
            language: LanguageSettings {
                languages: crate::language::DEFAULT_LANGUAGES
                    .iter()
                    .map(|code| code.to_string())
                    .collect(),
            },
            keywords: KeywordsSettings { top: 10 },
            tags: TagsSettings {
                file: crate::tags::DEFAULT_TAGS_FILE.into(),
            },
        }
    }
}

/// Why the modules could not be built: an unknown or repeated name, an order in
/// which a module would read what has not been written yet, or a module's own settings.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    #[error("unknown module `{0}`; the built-in modules are: {all}", all = ALL.join(", "))]
    Unknown(String),
    #[error("module `{0}` is listed twice")]
    Repeated(String),
    #[error(
        "`{reader}` reads what `{writer}` writes, so `{writer}` must come before `{reader}` in pipeline.modules"
    )]
    Order {
        reader: &'static str,
        writer: &'static str,
    },
    #[error("{key}: {problem}")]
    Settings { key: &'static str, problem: String },
}

impl BuildError {
    /// The settings key the error is about, for a message naming it.
    pub fn key(&self) -> &'static str {
        match self {
            BuildError::Settings { key, .. } => key,
            _ => "pipeline.modules",
        }
    }
}

/// A list that may come from TOML (an array) or from the environment (comma-separated,
/// already split by the `config` crate); blank items are dropped, so an empty
/// variable means an empty list.
pub fn list<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Vec<String>, D::Error> {
    let items = Vec::<String>::deserialize(deserializer)?;
    Ok(items
        .into_iter()
        .map(|item| item.trim().to_owned())
        .filter(|item| !item.is_empty())
        .collect())
}

/// Whether `name` is a built-in module.
pub fn is_known(name: &str) -> bool {
    ALL.contains(&name)
}

/// Build the modules named in `names`, in that order, configured from `settings`,
/// and check the order (see [`check_order`]).
pub fn build(
    names: &[String],
    settings: &ModuleSettings,
) -> Result<Vec<Box<dyn Module>>, BuildError> {
    let mut seen = std::collections::HashSet::new();
    if let Some(repeated) = names.iter().find(|name| !seen.insert(name.as_str())) {
        return Err(BuildError::Repeated(repeated.clone()));
    }
    let modules = names
        .iter()
        .map(|name| build_one(name, settings))
        .collect::<Result<Vec<_>, _>>()?;
    check_order(&modules)?;
    Ok(modules)
}

/// One module by name.
fn build_one(name: &str, settings: &ModuleSettings) -> Result<Box<dyn Module>, BuildError> {
    Ok(match name {
        "language" => Box::new(LanguageModule::new(&settings.language.languages).map_err(
            |problem| BuildError::Settings {
                key: "language.languages",
                problem,
            },
        )?),
        "stats" => Box::new(stats::StatsModule::default()),
        "entities" => Box::new(entities::EntitiesModule::default()),
        "quotes" => Box::new(quotes::QuotesModule::default()),
        "topics" => Box::new(topics::TopicsModule::default()),
        "keywords" => Box::new(KeywordsModule::new(settings.keywords.top)),
        "sentiment" => Box::new(sentiment::SentimentModule::default()),
        "summary" => Box::new(summary::SummaryModule::default()),
        "amounts" => Box::new(amounts::AmountsModule::default()),
        "dates" => Box::new(dates::DatesModule::default()),
        "fingerprint" => Box::new(fingerprint::FingerprintModule::default()),
        "tags" => Box::new(TagsModule::new(settings.tags.rules().map_err(
            |problem| BuildError::Settings {
                key: "tags.file",
                problem: problem.to_string(),
            },
        )?)),
        other => return Err(BuildError::Unknown(other.to_owned())),
    })
}

/// Refuse an order in which a module runs before a module whose field it reads.
///
/// A module whose writer is not listed at all runs without that input (quotes
/// without speakers, say); only an order that would silently hide what is
/// there is refused.
pub fn check_order(modules: &[Box<dyn Module>]) -> Result<(), BuildError> {
    for (position, reader) in modules.iter().enumerate() {
        for field in reader.requires() {
            let writer = modules[position + 1..]
                .iter()
                .find(|later| later.assigns() == field);
            if let Some(writer) = writer {
                return Err(BuildError::Order {
                    reader: reader.name(),
                    writer: writer.name(),
                });
            }
        }
    }
    Ok(())
}

/// The modules in `modules` that read a field no listed module writes, with that field.
pub fn missing_inputs(modules: &[Box<dyn Module>]) -> Vec<(&'static str, Field)> {
    modules
        .iter()
        .flat_map(|reader| {
            reader
                .requires()
                .into_iter()
                .filter(|field| !modules.iter().any(|m| m.assigns() == *field))
                .map(move |field| (reader.name(), field))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings() -> ModuleSettings {
        ModuleSettings {
            language: LanguageSettings {
                languages: vec!["en".into(), "de".into()],
            },
            keywords: KeywordsSettings { top: 10 },
            tags: TagsSettings {
                file: std::path::PathBuf::from("/nonexistent/none.toml"),
            },
        }
    }

    fn names(list: &[&str]) -> Vec<String> {
        list.iter().map(|name| name.to_string()).collect()
    }

    #[test]
    fn a_module_listed_before_one_it_reads_from_is_refused_naming_both() {
        let error = build(&names(&["quotes", "entities"]), &settings())
            .err()
            .expect("refused");
        assert!(
            matches!(
                error,
                BuildError::Order {
                    reader: "quotes",
                    writer: "entities"
                }
            ),
            "{error}"
        );
        let message = error.to_string();
        assert!(
            message.contains("`quotes`") && message.contains("`entities`"),
            "{message}"
        );
        assert_eq!(error.key(), "pipeline.modules");
        assert!(build(&names(&["entities", "quotes", "topics"]), &settings()).is_ok());
    }

    #[test]
    fn a_reader_whose_writer_is_not_listed_runs_and_is_reported() {
        let modules = build(&names(&["quotes"]), &settings()).expect("allowed");
        assert_eq!(missing_inputs(&modules), vec![("quotes", Field::Entities)]);
    }

    #[test]
    fn the_default_order_is_accepted_and_names_are_checked() {
        let mut settings = settings();
        settings.tags.file = std::path::PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../config/tags.toml"
        ));
        let all: Vec<String> = ALL.iter().map(|name| name.to_string()).collect();
        assert_eq!(
            build(&all, &settings).expect("default order").len(),
            ALL.len()
        );
        assert!(matches!(
            build(&names(&["stats", "nope"]), &settings),
            Err(BuildError::Unknown(_))
        ));
        assert!(matches!(
            build(&names(&["stats", "stats"]), &settings),
            Err(BuildError::Repeated(_))
        ));
    }
}
