//! The built-in modules, one file each, and the registry that builds them by name for `pipeline.modules`.

pub mod amounts;
pub mod dates;
pub mod entities;
pub mod fingerprint;
pub mod keywords;
pub mod language;
pub mod quotes;
pub mod sentiment;
pub mod stats;
pub mod summary;
pub mod tags;
pub mod topics;

use crate::config::Settings;
use crate::pipeline::Module;

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

/// Why the modules could not be built: an unknown name, or a module's own settings.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    #[error("unknown module `{0}`; the built-in modules are: {all}", all = ALL.join(", "))]
    Unknown(String),
    #[error("{key}: {problem}")]
    Settings { key: &'static str, problem: String },
}

/// Whether `name` is a built-in module.
pub fn is_known(name: &str) -> bool {
    ALL.contains(&name)
}

/// Build the modules named in `names`, in that order, configured from `settings`.
pub fn build(names: &[String], settings: &Settings) -> Result<Vec<Box<dyn Module>>, BuildError> {
    names
        .iter()
        .map(|name| -> Result<Box<dyn Module>, BuildError> {
            match name.as_str() {
                "language" => language::LanguageModule::new(&settings.language.languages)
                    .map(|m| Box::new(m) as Box<dyn Module>)
                    .map_err(|problem| BuildError::Settings {
                        key: "language.languages",
                        problem,
                    }),
                "stats" => Ok(Box::new(stats::StatsModule::default())),
                "entities" => Ok(Box::new(entities::EntitiesModule::default())),
                "quotes" => Ok(Box::new(quotes::QuotesModule::default())),
                "topics" => Ok(Box::new(topics::TopicsModule::default())),
                "keywords" => Ok(Box::new(keywords::KeywordsModule::new(
                    settings.keywords.top,
                ))),
                "sentiment" => Ok(Box::new(sentiment::SentimentModule::default())),
                "summary" => Ok(Box::new(summary::SummaryModule::default())),
                "amounts" => Ok(Box::new(amounts::AmountsModule::default())),
                "dates" => Ok(Box::new(dates::DatesModule::default())),
                "fingerprint" => Ok(Box::new(fingerprint::FingerprintModule::default())),
                "tags" => settings
                    .tags
                    .rules()
                    .map(|rules| Box::new(tags::TagsModule::new(rules)) as Box<dyn Module>)
                    .map_err(|problem| BuildError::Settings {
                        key: "tags.file",
                        problem: problem.to_string(),
                    }),
                other => Err(BuildError::Unknown(other.to_owned())),
            }
        })
        .collect()
}
