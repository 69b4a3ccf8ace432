//! The committed taggers, one per language, compiled in and each parsed the first time an article in its language needs it.
//!
//! English runs with the word clusters it was trained with
//! ([`Clusters::embedded`]); the other languages' models were trained
//! without word-class features (see `crates/nlp/models/README.md` for how
//! each was built and what cross-validation said), so they run without.

use std::sync::OnceLock;

use super::EntityTagger;
use super::clusters::Clusters;

/// One language's model file.
struct Embedded {
    code: &'static str,
    model: &'static [u8],
    /// Whether the model runs with the English word clusters.
    clusters: bool,
}

/// Every language with a tagger, English first.
const MODELS: &[Embedded] = &[Embedded {
    code: "en",
    model: include_bytes!("../../models/ner.bin"),
    clusters: true,
}];

/// The languages (ISO 639-1) that have a tagger.
pub fn languages() -> &'static [&'static str] {
    static CODES: OnceLock<Vec<&'static str>> = OnceLock::new();
    CODES.get_or_init(|| MODELS.iter().map(|m| m.code).collect())
}

/// The tagger for `language`, parsed on first use; `None` for a language
/// without one.
pub fn tagger(language: &str) -> Option<&'static EntityTagger> {
    static TAGGERS: [OnceLock<EntityTagger>; 9] = [const { OnceLock::new() }; 9];
    let index = MODELS.iter().position(|m| m.code == language)?;
    let embedded = &MODELS[index];
    let slot = TAGGERS.get(index)?;
    Some(slot.get_or_init(|| {
        let tagger = EntityTagger::from_bytes(embedded.model)
            .expect("the committed models parse (a test checks each)");
        if embedded.clusters {
            tagger.with_classes(Clusters::embedded())
        } else {
            tagger
        }
    }))
}

/// Whether `language`'s tagger runs with the English word clusters (so a
/// candidate model for it, read from a file, should too).
pub fn uses_clusters(language: &str) -> bool {
    MODELS.iter().any(|m| m.code == language && m.clusters)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_committed_model_parses_and_has_two_passes() {
        assert!(MODELS.len() <= 9, "TAGGERS holds nine slots");
        for code in languages() {
            let tagger = tagger(code).expect("a listed language has a tagger");
            assert_eq!(tagger.stages.len(), 2, "{code}");
            assert!(tagger.feature_count() > 10_000, "{code}");
        }
        assert!(tagger("xx").is_none());
        assert_eq!(languages()[0], "en");
    }
}
