//! The committed taggers, one per language, compiled in and each parsed the first time an article in its language needs it.
//!
//! English runs with the word clusters of Reuters and BBC news
//! (`clusters.tsv.gz`); another language runs with clusters of its own
//! training text where its dev split showed they help, and without
//! otherwise (`crates/nlp/models/README.md` says how each was built and
//! scored). The other languages' models are stored gzipped.

use std::io::Read as _;
use std::sync::{Arc, OnceLock};

use super::EntityTagger;
use super::classes::WordClasses;
use super::clusters::Clusters;

/// The word classes a model was trained with.
#[derive(Clone, Copy)]
enum Classes {
    /// The English news clusters ([`Clusters::embedded`]).
    English,
    /// A gzipped clusters table of the language's own.
    Own(&'static [u8]),
    /// None: the model has no class features.
    Without,
}

/// One language's model file.
struct Embedded {
    code: &'static str,
    /// The model file, gzipped unless it is English's.
    model: &'static [u8],
    classes: Classes,
}

/// Every language with a tagger, English first.
const MODELS: &[Embedded] = &[
    Embedded {
        code: "en",
        model: include_bytes!("../../models/ner.bin"),
        classes: Classes::English,
    },
    Embedded {
        code: "de",
        model: include_bytes!("../../models/ner-de.bin.gz"),
        classes: Classes::Without,
    },
    Embedded {
        code: "es",
        model: include_bytes!("../../models/ner-es.bin.gz"),
        classes: Classes::Without,
    },
    Embedded {
        code: "fr",
        model: include_bytes!("../../models/ner-fr.bin.gz"),
        classes: Classes::Without,
    },
    Embedded {
        code: "it",
        model: include_bytes!("../../models/ner-it.bin.gz"),
        classes: Classes::Without,
    },
    Embedded {
        code: "nl",
        model: include_bytes!("../../models/ner-nl.bin.gz"),
        classes: Classes::Own(include_bytes!("../../models/clusters-nl.tsv.gz")),
    },
    Embedded {
        code: "pl",
        model: include_bytes!("../../models/ner-pl.bin.gz"),
        classes: Classes::Own(include_bytes!("../../models/clusters-pl.tsv.gz")),
    },
    Embedded {
        code: "pt",
        model: include_bytes!("../../models/ner-pt.bin.gz"),
        classes: Classes::Without,
    },
    Embedded {
        code: "ru",
        model: include_bytes!("../../models/ner-ru.bin.gz"),
        classes: Classes::Without,
    },
];

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
    let slot = TAGGERS.get(index)?;
    Some(slot.get_or_init(|| {
        load(&MODELS[index]).expect("the committed models parse (a test checks each)")
    }))
}

/// The word classes `language`'s tagger runs with, for a candidate model
/// of that language read from a file; `None` when it runs without.
pub fn classes(language: &str) -> Option<Arc<dyn WordClasses>> {
    let embedded = MODELS.iter().find(|m| m.code == language)?;
    classes_of(embedded.classes).ok().flatten()
}

fn classes_of(classes: Classes) -> Result<Option<Arc<dyn WordClasses>>, String> {
    Ok(match classes {
        Classes::English => Some(Clusters::embedded()),
        Classes::Own(bytes) => Some(Arc::new(
            Clusters::from_gzip(bytes).map_err(|error| error.to_string())?,
        )),
        Classes::Without => None,
    })
}

/// Parses one committed model and attaches its word classes.
fn load(embedded: &Embedded) -> Result<EntityTagger, String> {
    let tagger = if embedded.code == "en" {
        EntityTagger::from_bytes(embedded.model)
    } else {
        let mut bytes = Vec::new();
        flate2::read::GzDecoder::new(embedded.model)
            .read_to_end(&mut bytes)
            .map_err(|error| format!("{}: {error}", embedded.code))?;
        EntityTagger::from_bytes(&bytes)
    }
    .map_err(|error| format!("{}: {error}", embedded.code))?;
    Ok(match classes_of(embedded.classes)? {
        Some(classes) => tagger.with_classes(classes),
        None => tagger,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_committed_model_parses_with_its_classes_and_has_two_passes() {
        assert!(MODELS.len() <= 9, "TAGGERS holds nine slots");
        for embedded in MODELS {
            let tagger = load(embedded).unwrap_or_else(|error| panic!("{error}"));
            assert_eq!(tagger.stages.len(), 2, "{}", embedded.code);
            assert!(tagger.feature_count() > 10_000, "{}", embedded.code);
            assert_eq!(
                tagger.classes.is_some(),
                !matches!(embedded.classes, Classes::Without),
                "{}",
                embedded.code
            );
        }
        assert!(tagger("xx").is_none());
        assert_eq!(languages()[0], "en");
    }
}
