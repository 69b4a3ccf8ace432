//! Word clusters learnt from unlabelled news (`models/clusters.tsv.gz`, built by `enricher train clusters`): the tagger's word-class features.
//!
//! Each word of the table has four cluster ids, coarse to fine (16, 64,
//! 256 and 1,024 clusters, each level nested in the one before), so a word
//! the tagger never saw in training ("Putin", "Umerov") still shares
//! features with the words that are used the way it is used.
//!
//! The file is gzipped text: a `#` header line, then one line per word,
//! `word TAB id TAB id TAB id TAB id`, ids from 1.

use std::io::Read as _;
use std::sync::{Arc, OnceLock};

use rustc_hash::FxHashMap;

use super::classes::WordClasses;
use super::words::MAX_CLASSES;

/// Why a clusters file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ClustersError {
    /// The bytes are not gzip, or not UTF-8 inside.
    #[error("the clusters file is not gzipped UTF-8 text: {0}")]
    Encoding(#[from] std::io::Error),
    /// A line is not a word and four ids.
    #[error("line {line} of the clusters file is not a word and {MAX_CLASSES} cluster ids")]
    Line {
        /// The line, from 1.
        line: usize,
    },
}

/// A table of word clusters.
#[derive(Debug, Default)]
pub struct Clusters {
    words: FxHashMap<Box<str>, [u32; MAX_CLASSES]>,
}

impl Clusters {
    /// The committed table, compiled in and parsed once.
    pub fn embedded() -> Arc<Clusters> {
        static TABLE: OnceLock<Arc<Clusters>> = OnceLock::new();
        TABLE
            .get_or_init(|| {
                Arc::new(
                    Clusters::from_gzip(include_bytes!("../../models/clusters.tsv.gz"))
                        .expect("the committed clusters file parses (a test checks it)"),
                )
            })
            .clone()
    }

    /// Parses a gzipped clusters file.
    pub fn from_gzip(bytes: &[u8]) -> Result<Clusters, ClustersError> {
        let mut text = String::new();
        flate2::read::GzDecoder::new(bytes).read_to_string(&mut text)?;
        Clusters::parse(&text)
    }

    /// Parses the text of a clusters file.
    pub fn parse(text: &str) -> Result<Clusters, ClustersError> {
        let mut words = FxHashMap::default();
        for (n, line) in text.lines().enumerate() {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let bad = || ClustersError::Line { line: n + 1 };
            let mut fields = line.split('\t');
            let word = fields.next().filter(|w| !w.is_empty()).ok_or_else(bad)?;
            let mut ids = [0u32; MAX_CLASSES];
            for id in &mut ids {
                *id = fields
                    .next()
                    .and_then(|f| f.parse().ok())
                    .filter(|&id| id > 0)
                    .ok_or_else(bad)?;
            }
            if fields.next().is_some() {
                return Err(bad());
            }
            words.insert(word.into(), ids);
        }
        Ok(Clusters { words })
    }

    /// The number of words with clusters.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// Whether the table is empty.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// Every word with its clusters, in no particular order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, [u32; MAX_CLASSES])> {
        self.words.iter().map(|(w, ids)| (&**w, *ids))
    }

    /// The clusters of `word` as written, if the table has it.
    pub fn get(&self, word: &str) -> Option<[u32; MAX_CLASSES]> {
        self.words.get(word).copied()
    }
}

impl WordClasses for Clusters {
    /// The word as written; a word in capitals (a headline's `PUTIN`) as a
    /// name (`Putin`); then in lower case (a sentence's first word).
    fn classes(&self, word: &str) -> [u32; MAX_CLASSES] {
        if let Some(ids) = self.get(word) {
            return ids;
        }
        let mut chars = word.chars();
        let Some(first) = chars.next() else {
            return [0; MAX_CLASSES];
        };
        let rest = chars.as_str();
        if rest.chars().any(char::is_uppercase) {
            let title: String = first
                .to_uppercase()
                .chain(rest.to_lowercase().chars())
                .collect();
            if let Some(ids) = self.get(&title) {
                return ids;
            }
        }
        if word.chars().any(char::is_uppercase)
            && let Some(ids) = self.get(&word.to_lowercase())
        {
            return ids;
        }
        [0; MAX_CLASSES]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_committed_table_parses_and_knows_news_words() {
        let table = Clusters::embedded();
        assert!(table.len() > 10_000, "{} words", table.len());
        for word in ["said", "the", "London", "Putin"] {
            assert!(table.get(word).is_some(), "{word}");
        }
    }

    #[test]
    fn surnames_of_the_news_share_a_coarse_cluster_apart_from_verbs() {
        let table = Clusters::embedded();
        let coarse = |w: &str| table.get(w).map(|ids| ids[1]);
        assert_eq!(coarse("Putin"), coarse("Reagan"));
        assert_ne!(coarse("Putin"), coarse("said"));
    }

    #[test]
    fn capitals_and_sentence_starts_fall_back_to_the_usual_form() {
        let table = Clusters::parse("# h\nPutin\t1\t2\t3\t4\nsaid\t5\t6\t7\t8\n").unwrap();
        assert_eq!(table.classes("Putin"), [1, 2, 3, 4]);
        assert_eq!(table.classes("PUTIN"), [1, 2, 3, 4]);
        assert_eq!(table.classes("Said"), [5, 6, 7, 8]);
        assert_eq!(table.classes("SAID"), [5, 6, 7, 8]);
        assert_eq!(table.classes("Rutte"), [0; MAX_CLASSES]);
        assert_eq!(table.classes(""), [0; MAX_CLASSES]);
    }

    #[test]
    fn malformed_lines_are_errors_with_their_number() {
        for text in [
            "a\t1\t2\t3\n",
            "a\t1\t2\t3\tx\n",
            "a\t1\t2\t3\t0\n",
            "\t1\t2\t3\t4\n",
            "a\t1\t2\t3\t4\t5\n",
        ] {
            let error = Clusters::parse(&format!("# h\n{text}")).unwrap_err();
            assert!(
                matches!(error, ClustersError::Line { line: 2 }),
                "{text:?}: {error}"
            );
        }
        assert!(Clusters::from_gzip(b"not gzip").is_err());
    }
}
