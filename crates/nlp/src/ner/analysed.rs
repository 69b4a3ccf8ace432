//! A document prepared for tagging: its distinct words analysed once, each token pointing at its word, and the evidence that needs the whole document (headlines, gazetteer matches, how each word is capitalised elsewhere).

use std::ops::Range;

use rustc_hash::FxHashMap;

use super::classes::WordClasses;
use super::name_lists::NameLists;
use super::words::{Analyser, Case, WordInfo, word_key};

/// The vocabulary index of the padding word that stands beyond a sentence's ends.
pub const PAD: u32 = 0;

/// One document, analysed.
#[derive(Debug, Clone)]
pub struct AnalysedText {
    /// The distinct words, [`PAD`] first.
    pub vocab: Vec<WordInfo>,
    /// Each token's index in `vocab`, all sentences one after another.
    pub tokens: Vec<u32>,
    /// Each sentence's range in `tokens`.
    pub sentences: Vec<Range<usize>>,
    /// Whether each sentence is a headline in capitals.
    pub headline: Vec<bool>,
    /// Each token's gazetteer matches ([`NameLists::tag`]).
    pub gazetteer: Vec<u16>,
    /// For each word of `vocab`, the [`Case`]s (one bit each) its lower-case
    /// form has elsewhere in the document, counting only tokens inside a
    /// sentence (not first) of a sentence that is not a headline: how the
    /// document writes the word when capitals carry no other meaning.
    pub casing: Vec<u8>,
}

impl AnalysedText {
    /// Analyses `sentences` (token texts), matching names against `gazetteer`
    /// and looking words up in `classes`. Empty sentences stay empty.
    pub fn new<S: AsRef<str>>(
        sentences: &[Vec<S>],
        gazetteer: &NameLists,
        classes: Option<&dyn WordClasses>,
    ) -> Self {
        let mut analyser = Analyser::default();
        let (words, ranges) = flatten(sentences);
        AnalysedText::from_tokens(&words, &ranges, gazetteer, |_, word| {
            analyser.analyse_with(word, classes)
        })
    }

    /// The same as [`AnalysedText::new`], for a document given as all its
    /// tokens' texts in one list and each sentence's range in it (a range
    /// beyond `words` is an empty sentence), with each distinct word's
    /// analysis from `analyse`, given the word's [`word_key`] and text (so
    /// it may serve the analysis from a cache).
    pub fn from_tokens<S: AsRef<str>>(
        words: &[S],
        sentences: &[Range<usize>],
        gazetteer: &NameLists,
        mut analyse: impl FnMut(u64, &str) -> WordInfo,
    ) -> Self {
        // Distinct words by their 64-bit key, as features are: no string
        // is compared or kept.
        let mut ids: FxHashMap<u64, u32> = FxHashMap::default();
        let mut vocab = vec![pad_word()];
        let total: usize = sentences
            .iter()
            .map(|s| words.get(s.clone()).map_or(0, <[S]>::len))
            .sum();
        let mut tokens = Vec::with_capacity(total);
        let mut ranges = Vec::with_capacity(sentences.len());
        for sentence in sentences {
            let start = tokens.len();
            for word in words.get(sentence.clone()).unwrap_or(&[]) {
                let word = word.as_ref();
                let key = word_key(word);
                let id = *ids.entry(key).or_insert_with(|| {
                    vocab.push(analyse(key, word));
                    (vocab.len() - 1) as u32
                });
                tokens.push(id);
            }
            ranges.push(start..tokens.len());
        }
        drop(ids);
        let headline: Vec<bool> = ranges
            .iter()
            .map(|r| is_headline(tokens[r.clone()].iter().map(|&t| vocab[t as usize].case)))
            .collect();
        let mut gazetteer_tags = Vec::with_capacity(total);
        let mut lowers = Vec::new();
        let mut sentence_tags = Vec::new();
        for range in &ranges {
            lowers.clear();
            lowers.extend(
                tokens[range.clone()]
                    .iter()
                    .map(|&t| vocab[t as usize].lower),
            );
            gazetteer.tag(&lowers, &mut sentence_tags);
            gazetteer_tags.extend_from_slice(&sentence_tags);
        }
        let mut by_lower: FxHashMap<u64, u8> = FxHashMap::default();
        for (range, &headline) in ranges.iter().zip(&headline) {
            if headline {
                continue;
            }
            for &t in tokens[range.clone()].iter().skip(1) {
                let word = &vocab[t as usize];
                *by_lower.entry(word.lower).or_default() |= 1 << word.case as u8;
            }
        }
        let casing = vocab
            .iter()
            .map(|w| by_lower.get(&w.lower).copied().unwrap_or(0))
            .collect();
        AnalysedText {
            vocab,
            tokens,
            sentences: ranges,
            headline,
            gazetteer: gazetteer_tags,
            casing,
        }
    }

    /// The word at `offset` from token `at` within `sentence`, or [`PAD`] beyond its ends.
    #[inline]
    pub fn word_at(&self, sentence: &Range<usize>, at: usize, offset: isize) -> u32 {
        let position = at as isize + offset;
        if position < sentence.start as isize || position >= sentence.end as isize {
            PAD
        } else {
            self.tokens[position as usize]
        }
    }
}

/// All the tokens of `sentences` in one list, and each sentence's range in
/// it: the form [`AnalysedText::from_tokens`] reads.
pub fn flatten<S: AsRef<str>>(sentences: &[Vec<S>]) -> (Vec<&str>, Vec<Range<usize>>) {
    let mut words = Vec::with_capacity(sentences.iter().map(Vec::len).sum());
    let ranges = sentences
        .iter()
        .map(|sentence| {
            let start = words.len();
            words.extend(sentence.iter().map(AsRef::as_ref));
            start..words.len()
        })
        .collect();
    (words, ranges)
}

/// Whether a sentence whose words have these cases is a headline in
/// capitals: at least two words in capitals, and most words with letters.
fn is_headline(cases: impl Iterator<Item = Case>) -> bool {
    let (mut capitals, mut letters) = (0, 0);
    for case in cases {
        match case {
            Case::NoLetters => {}
            Case::AllCaps => {
                capitals += 1;
                letters += 1;
            }
            Case::Initial => letters += 1,
            Case::Lower | Case::Title => letters += 1,
        }
    }
    capitals >= 2 && capitals * 10 >= letters * 7
}

/// The word beyond a sentence's ends: hashes no real word has.
fn pad_word() -> WordInfo {
    WordInfo {
        exact: 0x70ad_0001,
        lower: 0x70ad_0002,
        shape: 0x70ad_0003,
        short_shape: 0x70ad_0004,
        prefixes: [0; super::words::AFFIXES],
        suffixes: [0; super::words::AFFIXES],
        flags: 0,
        case: Case::NoLetters,
        classes: [0; super::words::MAX_CLASSES],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_distinct_word_is_analysed_once() {
        let doc = AnalysedText::new(
            &[vec!["the", "EU", "said"], vec![], vec!["EU", "the"]],
            &NameLists::default(),
            None,
        );
        assert_eq!(doc.vocab.len(), 4);
        assert_eq!(doc.tokens, [1, 2, 3, 2, 1]);
        assert_eq!(doc.sentences, [0..3, 3..3, 3..5]);
        assert_eq!(doc.word_at(&doc.sentences[0], 0, -1), PAD);
        assert_eq!(doc.word_at(&doc.sentences[0], 2, 1), PAD);
        assert_eq!(doc.word_at(&doc.sentences[0], 1, 1), 3);
    }

    #[test]
    fn headlines_are_sentences_mostly_in_capitals() {
        let doc = AnalysedText::new(
            &[
                vec!["SOCCER", "-", "JAPAN", "GET", "LUCKY", "WIN", "."],
                vec!["BRUSSELS", "1996-08-22"],
                vec!["The", "EU", "and", "NATO", "met"],
            ],
            &NameLists::default(),
            None,
        );
        assert_eq!(doc.headline, [true, false, false]);
    }

    #[test]
    fn casing_records_how_the_document_writes_a_word_mid_sentence() {
        let doc = AnalysedText::new(
            &[vec!["JAPAN", "WIN"], vec!["In", "Japan", "the", "win"]],
            &NameLists::default(),
            None,
        );
        let japan = doc.tokens[0] as usize;
        let win = doc.tokens[1] as usize;
        let in_ = doc.tokens[2] as usize;
        assert_eq!(doc.casing[japan], 1 << Case::Title as u8);
        assert_eq!(doc.casing[win], 1 << Case::Lower as u8);
        assert_eq!(doc.casing[in_], 0);
    }
}
