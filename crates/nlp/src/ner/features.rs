//! Feature extraction: the hashed features of each token, in groups that can be switched off one by one.
//!
//! A feature is a 64-bit hash of a template and a value, computed from the
//! hashes a [`AnalysedText`] already holds, so nothing here allocates or hashes
//! a string. Features come in two kinds:
//!
//! - word features ([`Extractor::word_features`]): what the word at a given
//!   offset (-2..=2) from the token is, on its own. They depend only on the
//!   word and the offset, so at run time their weights are summed once per
//!   distinct word and offset of a document and reused at every occurrence;
//! - token features ([`Extractor::token_features`]): conjunctions of
//!   neighbours, position in the sentence, headlines, gazetteer matches,
//!   the document's casing evidence and the first pass's labels.
//!
//! Training takes the union of both for each token ([`Extractor::all_features`]),
//! so the two paths see the same features by construction.

use std::ops::Range;

use super::analysed::AnalysedText;
use super::labels::Label;
use super::nonlocal::NonLocal;
use super::words::{AFFIXES, MAX_CLASSES, WordInfo, flag};
use crate::text::hash::mix;

/// Feature groups, one bit each: a model records the groups it was trained
/// with, so an ablation is a training run with one bit cleared.
pub mod group {
    /// The word itself and in lower case.
    pub const WORD: u32 = 1 << 0;
    /// Prefixes and suffixes of up to four characters.
    pub const AFFIX: u32 = 1 << 1;
    /// Shapes, capitalisation and flags of the word.
    pub const SHAPE: u32 = 1 << 2;
    /// The words two either side, in lower case, with their short shapes.
    pub const CONTEXT: u32 = 1 << 3;
    /// Word bigrams and shape trigrams around the token.
    pub const NGRAM: u32 = 1 << 4;
    /// Sentence-initial position and headlines in capitals.
    pub const SENTENCE: u32 = 1 << 5;
    /// NameLists matches at the token and either side.
    pub const GAZETTEER: u32 = 1 << 6;
    /// How the document writes the word where capitals carry no meaning.
    pub const DOCUMENT_CASING: u32 = 1 << 7;
    /// Word classes at the token and either side.
    pub const CLASSES: u32 = 1 << 8;
    /// The first pass's labels of the token, its neighbours and the same
    /// word elsewhere in the document (second pass only).
    pub const NON_LOCAL: u32 = 1 << 9;
    /// The words either side as written, and their last three characters.
    pub const WIDE: u32 = 1 << 10;
    /// Every group.
    pub const ALL: u32 = (1 << 11) - 1;
    /// The groups by name, for the command line and reports.
    pub const NAMES: [(&str, u32); 11] = [
        ("word", WORD),
        ("affix", AFFIX),
        ("shape", SHAPE),
        ("context", CONTEXT),
        ("ngram", NGRAM),
        ("sentence", SENTENCE),
        ("gazetteer", GAZETTEER),
        ("casing", DOCUMENT_CASING),
        ("classes", CLASSES),
        ("nonlocal", NON_LOCAL),
        ("wide", WIDE),
    ];
}

/// The offsets of the words a token's word features look at: -2..=2,
/// stored as 0..5.
pub const OFFSETS: usize = 5;

/// The index in `0..OFFSETS` of the token itself.
pub const CENTRE: usize = 2;

/// Templates: each feature's first hash input, so equal values of different
/// templates differ.
mod template {
    pub const BIAS: u64 = 1;
    pub const EXACT: u64 = 2;
    pub const LOWER: u64 = 3;
    pub const SHAPE: u64 = 4;
    pub const SHORT_SHAPE: u64 = 5;
    pub const FLAG: u64 = 6;
    pub const CASE: u64 = 7;
    pub const PREFIX: u64 = 8;
    pub const SUFFIX: u64 = 9;
    pub const CLASS: u64 = 10;
    pub const BIGRAM_LEFT: u64 = 11;
    pub const BIGRAM_RIGHT: u64 = 12;
    pub const SHAPE_TRIGRAM: u64 = 13;
    pub const FIRST_SHAPE: u64 = 14;
    pub const FIRST_LOWER: u64 = 15;
    pub const HEADLINE_LOWER: u64 = 16;
    pub const HEADLINE_SHAPE: u64 = 17;
    pub const GAZETTEER: u64 = 18;
    pub const GAZETTEER_CASE: u64 = 19;
    pub const GAZETTEER_LEFT: u64 = 20;
    pub const GAZETTEER_RIGHT: u64 = 21;
    pub const CASING: u64 = 22;
    pub const FIRST_LABEL: u64 = 23;
    pub const VOTE_EXACT: u64 = 24;
    pub const VOTE_LOWER: u64 = 25;
    pub const VOTE_LOWER_CASE: u64 = 26;
    pub const SPAN_VOTE: u64 = 27;

    /// A template at an offset (0..5) from the token.
    pub const fn shifted(template: u64, offset: usize) -> u64 {
        template << 8 | offset as u64
    }
}

/// Extracts the features of the groups it was made with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Extractor {
    groups: u32,
}

impl Extractor {
    /// An extractor of the feature groups in `groups` ([`group`] bits).
    pub fn new(groups: u32) -> Self {
        Extractor { groups }
    }

    /// The groups this extractor emits.
    pub fn groups(&self) -> u32 {
        self.groups
    }

    #[inline]
    fn on(&self, group: u32) -> bool {
        self.groups & group != 0
    }

    /// The features of `word` standing at `offset` (0..5, [`CENTRE`] being
    /// the token labelled) from the token.
    #[inline]
    pub fn word_features(&self, word: &WordInfo, offset: usize, sink: &mut impl FnMut(u64)) {
        use template::*;
        if offset == CENTRE {
            if self.on(group::WORD) {
                sink(mix(EXACT, word.exact));
                sink(mix(LOWER, word.lower));
            }
            if self.on(group::SHAPE) {
                sink(mix(SHAPE, word.shape));
                sink(mix(SHORT_SHAPE, word.short_shape));
                sink(mix(CASE, word.case as u64));
                for bit in 0..flag::COUNT {
                    if word.flags & (1 << bit) != 0 {
                        sink(mix(FLAG, u64::from(bit)));
                    }
                }
            }
            if self.on(group::AFFIX) {
                for n in 0..AFFIXES {
                    if word.prefixes[n] != 0 {
                        sink(mix(PREFIX, word.prefixes[n]));
                    }
                    if word.suffixes[n] != 0 {
                        sink(mix(SUFFIX, word.suffixes[n]));
                    }
                }
            }
        } else if self.on(group::CONTEXT) {
            sink(mix(shifted(LOWER, offset), word.lower));
            sink(mix(shifted(SHORT_SHAPE, offset), word.short_shape));
            if offset.abs_diff(CENTRE) == 1 {
                sink(mix(shifted(CASE, offset), word.case as u64));
            }
        }
        if offset.abs_diff(CENTRE) == 1 && self.on(group::WIDE) {
            sink(mix(shifted(EXACT, offset), word.exact));
            if word.suffixes[2] != 0 {
                sink(mix(shifted(SUFFIX, offset), word.suffixes[2]));
            }
        }
        if self.on(group::CLASSES) {
            let granularities = if offset == CENTRE { MAX_CLASSES } else { 2 };
            for (k, &class) in word.classes.iter().take(granularities).enumerate() {
                if class != 0 {
                    sink(mix(shifted(CLASS, offset * 8 + k), u64::from(class)));
                }
            }
        }
    }

    /// The token features of token `at` (an index into `doc.tokens`) of
    /// `sentence`; `first_pass` holds the first pass's results in a second pass.
    #[inline]
    pub fn token_features(
        &self,
        doc: &AnalysedText,
        sentence: &Range<usize>,
        at: usize,
        headline: bool,
        first_pass: Option<&NonLocal>,
        sink: &mut impl FnMut(u64),
    ) {
        use template::*;
        sink(BIAS);
        let word = |offset: isize| &doc.vocab[doc.word_at(sentence, at, offset) as usize];
        let current = word(0);
        if self.on(group::NGRAM) {
            let (previous, next) = (word(-1), word(1));
            sink(mix(mix(BIGRAM_LEFT, previous.lower), current.lower));
            sink(mix(mix(BIGRAM_RIGHT, current.lower), next.lower));
            sink(mix(
                mix(
                    mix(SHAPE_TRIGRAM, previous.short_shape),
                    current.short_shape,
                ),
                next.short_shape,
            ));
        }
        if self.on(group::SENTENCE) {
            if at == sentence.start {
                sink(mix(FIRST_SHAPE, current.short_shape));
                sink(mix(FIRST_LOWER, current.lower));
            }
            if headline {
                sink(mix(HEADLINE_LOWER, current.lower));
                sink(mix(HEADLINE_SHAPE, current.short_shape));
            }
        }
        if self.on(group::GAZETTEER) {
            let tags = doc.gazetteer[at];
            for bit in 0..16u64 {
                if tags & (1 << bit) != 0 {
                    sink(mix(GAZETTEER, bit));
                    sink(mix(GAZETTEER_CASE, bit << 8 | current.case as u64));
                }
            }
            let left = if at > sentence.start {
                doc.gazetteer[at - 1]
            } else {
                0
            };
            let right = if at + 1 < sentence.end {
                doc.gazetteer[at + 1]
            } else {
                0
            };
            for bit in 0..16u64 {
                if left & (1 << bit) != 0 {
                    sink(mix(GAZETTEER_LEFT, bit));
                }
                if right & (1 << bit) != 0 {
                    sink(mix(GAZETTEER_RIGHT, bit));
                }
            }
        }
        if self.on(group::DOCUMENT_CASING) {
            let id = doc.tokens[at] as usize;
            let context = u64::from(at == sentence.start) | u64::from(headline) << 1;
            sink(mix(
                CASING,
                u64::from(doc.casing[id]) << 8 | (current.case as u64) << 4 | context,
            ));
        }
        if let Some(first) = first_pass {
            self.nonlocal_features(doc, sentence, at, first, sink);
        }
    }

    /// The token features from the first pass (group [`group::NON_LOCAL`]):
    /// the labels of the token and its neighbours, and the votes over the
    /// same word across the document.
    #[inline]
    pub fn nonlocal_features(
        &self,
        doc: &AnalysedText,
        sentence: &Range<usize>,
        at: usize,
        first: &NonLocal,
        sink: &mut impl FnMut(u64),
    ) {
        use template::*;
        if !self.on(group::NON_LOCAL) {
            return;
        }
        let current = &doc.vocab[doc.tokens[at] as usize];
        for (offset, delta) in [(0usize, -2isize), (1, -1), (2, 0), (3, 1), (4, 2)] {
            let position = at as isize + delta;
            let label: Label =
                if position < sentence.start as isize || position >= sentence.end as isize {
                    super::labels::N_LABELS
                } else {
                    first.labels[position as usize]
                };
            sink(mix(shifted(FIRST_LABEL, offset), label as u64));
        }
        let id = doc.tokens[at] as usize;
        sink(mix(VOTE_EXACT, u64::from(first.exact_votes[id])));
        sink(mix(VOTE_LOWER, u64::from(first.lower_votes[id])));
        sink(mix(
            VOTE_LOWER_CASE,
            u64::from(first.lower_votes[id]) << 4 | current.case as u64,
        ));
        sink(mix(SPAN_VOTE, u64::from(first.span_votes[at])));
    }

    /// Every feature of token `at`: the word features of the words around
    /// it and its token features, as training sees them.
    pub fn all_features(
        &self,
        doc: &AnalysedText,
        sentence: &Range<usize>,
        at: usize,
        headline: bool,
        first_pass: Option<&NonLocal>,
        sink: &mut impl FnMut(u64),
    ) {
        for offset in 0..OFFSETS {
            let id = doc.word_at(sentence, at, offset as isize - CENTRE as isize);
            self.word_features(&doc.vocab[id as usize], offset, sink);
        }
        self.token_features(doc, sentence, at, headline, first_pass, sink);
    }
}
