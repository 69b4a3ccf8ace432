//! One pass of the tagger at run time: its feature groups, its weights in a hash table, and the label scores it gives a document's tokens.
//!
//! Word features depend only on the word and its offset, so their weights
//! are summed once per distinct word and offset of a document and reused at
//! every occurrence; a token's scores are then five cached rows plus the
//! weights of its token features. Features the model does not know weigh 0.

use super::decode::Transitions;
use super::document::Document;
use super::features::{Extractor, OFFSETS};
use super::labels::N_LABELS;
use super::nonlocal::NonLocal;
use super::table::KeyTable;

/// Label scores of one token.
pub type Row = [f32; N_LABELS];

/// A trained pass.
#[derive(Debug, Clone)]
pub struct Stage {
    extractor: Extractor,
    keys: Vec<u64>,
    rows: Vec<Row>,
    table: KeyTable,
    transitions: Transitions,
}

impl Stage {
    /// A pass with feature groups `groups`, weights `features` (feature
    /// hash and row, in any order: they are sorted here) and `transitions`.
    pub fn new(groups: u32, mut features: Vec<(u64, Row)>, transitions: Transitions) -> Self {
        features.sort_by_key(|&(key, _)| key);
        features.dedup_by_key(|&mut (key, _)| key);
        let table = KeyTable::new(
            features
                .iter()
                .enumerate()
                .map(|(i, &(key, _))| (key, i as u32)),
        );
        let (keys, rows) = features.into_iter().unzip();
        Stage {
            extractor: Extractor::new(groups),
            keys,
            rows,
            table,
            transitions,
        }
    }

    /// The feature groups.
    pub fn groups(&self) -> u32 {
        self.extractor.groups()
    }

    /// The feature hashes, sorted, with their rows.
    pub fn features(&self) -> impl ExactSizeIterator<Item = (u64, &Row)> {
        self.keys.iter().copied().zip(&self.rows)
    }

    /// The label-transition weights.
    pub fn transitions(&self) -> &Transitions {
        &self.transitions
    }

    #[inline]
    fn add(&self, feature: u64, sum: &mut Row) {
        if let Some(index) = self.table.get(feature) {
            let row = &self.rows[index as usize];
            for l in 0..N_LABELS {
                sum[l] += row[l];
            }
        }
    }

    /// The label scores of every token of `doc`, in `doc.tokens` order,
    /// into `out`; `first_pass` for a second pass.
    pub fn score(
        &self,
        doc: &Document,
        first_pass: Option<&NonLocal>,
        cache: &mut Vec<Row>,
        out: &mut Vec<Row>,
    ) {
        cache.clear();
        cache.resize(doc.vocab.len() * OFFSETS, [0.0; N_LABELS]);
        for (word, rows) in doc.vocab.iter().zip(cache.chunks_exact_mut(OFFSETS)) {
            for (offset, sum) in rows.iter_mut().enumerate() {
                self.extractor
                    .word_features(word, offset, &mut |f| self.add(f, sum));
            }
        }
        out.clear();
        out.reserve(doc.tokens.len());
        for (sentence, &headline) in doc.sentences.iter().zip(&doc.headline) {
            for at in sentence.clone() {
                let mut sum = [0.0; N_LABELS];
                for offset in 0..OFFSETS {
                    let id = doc.word_at(sentence, at, offset as isize - 2) as usize;
                    let cached = &cache[id * OFFSETS + offset];
                    for l in 0..N_LABELS {
                        sum[l] += cached[l];
                    }
                }
                self.extractor
                    .token_features(doc, sentence, at, headline, first_pass, &mut |f| {
                        self.add(f, &mut sum)
                    });
                out.push(sum);
            }
        }
    }
}
