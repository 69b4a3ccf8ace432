//! Label scores for a document's tokens at run time, for both passes from one hash table.
//!
//! The second pass uses every feature of the first plus the first pass's
//! labels, so the two passes' weights share one table whose rows hold both
//! passes' weights: each feature is looked up once and feeds both sums,
//! and the second pass only looks up its own non-local features.
//!
//! Weights are kept as the model file stores them, 16-bit integers (one
//! scale per pass), and summed as 32-bit integers: half the memory of
//! floats, so more of the table stays in cache. Features are looked up in
//! batches, so the memory loads of one word's or token's features overlap.
//!
//! Word features depend only on the word and its offset, so their weights
//! are summed once per distinct word and offset and reused at every
//! occurrence, in this document and (through a bounded cache per thread)
//! the next ones; a token's scores are then five cached rows plus the
//! weights of its token features. Features the model does not know weigh 0.

use std::cell::RefCell;

use super::analysed::AnalysedText;
use super::cache::TwoGenerations;
use super::features::{CENTRE, Extractor, OFFSETS, group};
use super::labels::N_LABELS;
use super::model::{ModelError, quantise};
use super::nonlocal::NonLocal;
use super::stage::{Row, Stage};
use super::table::KeyTable;
use super::words::WordInfo;

/// Both passes' weights of one feature: the first pass's labels, then the second's.
type Weights = [i16; 2 * N_LABELS];

/// Both passes' sums of weights for one token (or one word at one offset).
pub type Sums = [i32; 2 * N_LABELS];

/// Features looked up together.
const BATCH: usize = 48;

/// Distinct words whose sums one document holds at once, about 6 MB. A
/// document of more words than this (a long list of numbers or names)
/// shares slots among them, fetching or computing a word's sums again when
/// another word took its slot, instead of holding 360 bytes for each of its
/// words (a 10 MB list of numbers has about a million).
const HELD_WORDS: usize = 16_384;

/// The id no word has in [`HeldSums::words`]: a slot not yet filled.
const EMPTY: u32 = u32::MAX;

/// The word sums one document is scored with, by slot: the word id a slot
/// holds and its sums at each offset. A thread keeps it between documents
/// so that its storage is reused.
#[derive(Debug, Default)]
pub struct HeldSums {
    words: Vec<u32>,
    sums: Vec<Sums>,
}

/// Words whose sums a thread keeps between documents, per generation
/// ([`TwoGenerations`]): at most twice this many, about 6 MB per thread.
const CACHED_WORDS: usize = 8_192;

thread_local! {
    /// This thread's sums of word features per word (by its exact hash),
    /// for the tagger that last claimed it.
    static WORD_CACHE: RefCell<TwoGenerations<u64, [Sums; OFFSETS]>> =
        RefCell::new(TwoGenerations::new(CACHED_WORDS));
}

/// Both passes' weights, ready to score.
#[derive(Debug, Clone)]
pub struct Scorer {
    extractor: Extractor,
    second: Option<Extractor>,
    table: KeyTable,
    rows: Vec<Weights>,
    scales: [f32; 2],
}

impl Scorer {
    /// The scorer of one pass, or of two where the second pass's groups are
    /// the first's plus [`group::NON_LOCAL`].
    pub fn new(stages: &[Stage]) -> Result<Self, ModelError> {
        let (first, second) = match stages {
            [first] => (first, None),
            [first, second] => (first, Some(second)),
            _ => return Err(ModelError::Malformed("a model has one or two passes")),
        };
        if first.groups() & group::NON_LOCAL != 0 {
            return Err(ModelError::Malformed(
                "the first pass cannot use non-local features",
            ));
        }
        if let Some(second) = second
            && second.groups() != first.groups() | group::NON_LOCAL
        {
            return Err(ModelError::Malformed(
                "the second pass must use the first pass's features and the non-local ones",
            ));
        }
        let scales = [first.scale(), second.map_or(1.0, Stage::scale)];
        let (keys, rows) = merge(first, second, scales);
        let table = KeyTable::new(keys.iter().enumerate().map(|(i, &key)| (key, i as u32)));
        Ok(Scorer {
            extractor: Extractor::new(first.groups()),
            second: second.map(|s| Extractor::new(s.groups())),
            table,
            rows,
            scales,
        })
    }

    /// Adds the weights of `features` to `sums`: all lookups first, then
    /// all additions, so that independent memory loads overlap.
    #[inline]
    fn add_all(&self, features: &[u64], sums: &mut Sums) {
        let mut found = [0u32; BATCH];
        let mut n = 0;
        for &feature in features {
            if let Some(index) = self.table.get(feature) {
                found[n] = index;
                n += 1;
            }
        }
        for &index in &found[..n] {
            let row = &self.rows[index as usize];
            for (sum, &w) in sums.iter_mut().zip(row) {
                *sum += i32::from(w);
            }
        }
    }

    /// The first pass's label scores of the tokens of each sentence of
    /// `doc`, handed to `first_pass` one sentence at a time (in `rows`,
    /// reused), and the second pass's scores of every token without its
    /// non-local features into `second` (in `doc.tokens` order): the first
    /// pass's scores are decoded as they come instead of kept for the whole
    /// document. `owner` names the weights and word classes behind `doc`'s
    /// analyses (the tagger's id): the thread's cached sums are served only
    /// to the owner that made them.
    pub fn score(
        &self,
        owner: u64,
        doc: &AnalysedText,
        held: &mut HeldSums,
        rows: &mut Vec<Row>,
        first_pass: impl FnMut(&[Row]),
        second: &mut Vec<Row>,
    ) {
        self.score_holding(owner, doc, held, HELD_WORDS, rows, first_pass, second);
    }

    /// [`Scorer::score`] holding the sums of at most `limit` words at once.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn score_holding(
        &self,
        owner: u64,
        doc: &AnalysedText,
        held: &mut HeldSums,
        limit: usize,
        rows: &mut Vec<Row>,
        mut first_pass: impl FnMut(&[Row]),
        second: &mut Vec<Row>,
    ) {
        // The vocabulary has at least the padding word, so there is a slot.
        let slots = doc.vocab.len().min(limit).max(1);
        held.words.clear();
        held.words.resize(slots, EMPTY);
        held.sums.clear();
        held.sums.resize(slots * OFFSETS, [0; 2 * N_LABELS]);
        let mut batch = Batch::default();
        second.clear();
        second.reserve(doc.tokens.len());
        WORD_CACHE.with(|words| {
            let mut words = words.borrow_mut();
            words.claim(owner);
            if doc.vocab.len() <= slots {
                // Every word has its own slot: fill them in vocabulary order.
                for (id, word) in doc.vocab.iter().enumerate() {
                    let sums = &mut held.sums[id * OFFSETS..(id + 1) * OFFSETS];
                    self.word_sums(word, &mut words, sums, &mut batch);
                    held.words[id] = id as u32;
                }
            }
            for (sentence, &headline) in doc.sentences.iter().zip(&doc.headline) {
                rows.clear();
                for at in sentence.clone() {
                    let mut sum = [0; 2 * N_LABELS];
                    for offset in 0..OFFSETS {
                        let id = doc.word_at(sentence, at, offset as isize - CENTRE as isize);
                        let slot = id as usize % slots;
                        let sums = &mut held.sums[slot * OFFSETS..(slot + 1) * OFFSETS];
                        if held.words[slot] != id {
                            let Some(word) = doc.vocab.get(id as usize) else {
                                continue;
                            };
                            sums.fill([0; 2 * N_LABELS]);
                            self.word_sums(word, &mut words, sums, &mut batch);
                            held.words[slot] = id;
                        }
                        for (sum, &cached) in sum.iter_mut().zip(&sums[offset]) {
                            *sum += cached;
                        }
                    }
                    self.extractor
                        .token_features(doc, sentence, at, headline, None, &mut |f| {
                            batch.push(f, self, &mut sum)
                        });
                    batch.flush(self, &mut sum);
                    rows.push(self.row(&sum, 0));
                    second.push(self.row(&sum, 1));
                }
                first_pass(rows);
            }
        });
    }

    /// Adds the sums of `word`'s features at each offset to `sums` (one per
    /// offset, zero before), from the thread's cache when it has them.
    fn word_sums(
        &self,
        word: &WordInfo,
        words: &mut TwoGenerations<u64, [Sums; OFFSETS]>,
        sums: &mut [Sums],
        batch: &mut Batch,
    ) {
        if let Some(known) = words.get(&word.exact) {
            sums.copy_from_slice(&known);
            return;
        }
        for (offset, sum) in sums.iter_mut().enumerate() {
            self.extractor
                .word_features(word, offset, &mut |f| batch.push(f, self, sum));
            batch.flush(self, sum);
        }
        words.insert(word.exact, std::array::from_fn(|offset| sums[offset]));
    }

    /// Pass `pass`'s label scores in `sums`.
    #[inline]
    fn row(&self, sums: &Sums, pass: usize) -> Row {
        let scale = self.scales[pass];
        std::array::from_fn(|l| sums[pass * N_LABELS + l] as f32 * scale)
    }

    /// Whether there is a second pass.
    pub fn has_second_pass(&self) -> bool {
        self.second.is_some()
    }

    /// Adds the second pass's non-local feature weights, given the first
    /// pass's results, to `second` (from [`Scorer::score`]).
    pub fn add_nonlocal(&self, doc: &AnalysedText, first_pass: &NonLocal, second: &mut [Row]) {
        let Some(extractor) = self.second else {
            return;
        };
        let mut batch = Batch::default();
        for sentence in &doc.sentences {
            for at in sentence.clone() {
                let mut sum = [0; 2 * N_LABELS];
                extractor.nonlocal_features(doc, sentence, at, first_pass, &mut |f| {
                    batch.push(f, self, &mut sum)
                });
                batch.flush(self, &mut sum);
                let extra = self.row(&sum, 1);
                for (score, add) in second[at].iter_mut().zip(extra) {
                    *score += add;
                }
            }
        }
    }
}

/// Feature hashes waiting to be looked up together.
struct Batch {
    features: [u64; BATCH],
    len: usize,
}

impl Default for Batch {
    fn default() -> Self {
        Batch {
            features: [0; BATCH],
            len: 0,
        }
    }
}

impl Batch {
    #[inline]
    fn push(&mut self, feature: u64, scorer: &Scorer, sums: &mut Sums) {
        if self.len == BATCH {
            self.flush(scorer, sums);
        }
        self.features[self.len] = feature;
        self.len += 1;
    }

    #[inline]
    fn flush(&mut self, scorer: &Scorer, sums: &mut Sums) {
        scorer.add_all(&self.features[..self.len], sums);
        self.len = 0;
    }
}

/// The union of two passes' sorted features, each key with both passes'
/// weights as 16-bit multiples of their scales (zeros where a pass lacks
/// the feature), in key order.
fn merge(first: &Stage, second: Option<&Stage>, scales: [f32; 2]) -> (Vec<u64>, Vec<Weights>) {
    let mut a = first.features().peekable();
    let mut b = second.into_iter().flat_map(Stage::features).peekable();
    let mut keys = Vec::with_capacity(a.len());
    let mut rows = Vec::with_capacity(a.len());
    loop {
        let (key, ra, rb) = match (a.peek(), b.peek()) {
            (Some(&(ka, ra)), Some(&(kb, rb))) if ka == kb => {
                a.next();
                b.next();
                (ka, Some(ra), Some(rb))
            }
            (Some(&(ka, ra)), Some(&(kb, _))) if ka < kb => {
                a.next();
                (ka, Some(ra), None)
            }
            (Some(&(ka, ra)), None) => {
                a.next();
                (ka, Some(ra), None)
            }
            (_, Some(&(kb, rb))) => {
                b.next();
                (kb, None, Some(rb))
            }
            (None, None) => break,
        };
        let mut weights = [0i16; 2 * N_LABELS];
        for (pass, row) in [ra, rb].into_iter().enumerate() {
            if let Some(row) = row {
                for l in 0..N_LABELS {
                    weights[pass * N_LABELS + l] = quantise(row[l], scales[pass]);
                }
            }
        }
        keys.push(key);
        rows.push(weights);
    }
    (keys, rows)
}
