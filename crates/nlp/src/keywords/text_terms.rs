//! One pass over a text for keyphrase extraction: its terms (lower-case, English plurals made singular) with their statistics, and its candidate phrases.
//!
//! A candidate is one to [`MAX_PHRASE_WORDS`] words in a row inside a
//! *chunk*: a stretch of a sentence between punctuation (a hyphen between
//! two words does not break it), numbers and possessives. A candidate never
//! starts or ends with a stop word and holds at most one inside ("Republic
//! of Korea"). Occurrences that differ only in case or plural
//! ("North Korean troop", "north korean troops") are one candidate, shown in
//! its most frequent form. A French or Italian phrase starts after an
//! elided article ("l'armée" is "armée"); a Turkish one leaves out the
//! suffix after an apostrophe ("Ankara'da"), as English leaves out "'s".

use rustc_hash::{FxHashMap, FxHashSet};
use unicode_normalization::char::is_combining_mark;

use super::lexicon::Lexicon;
use crate::text::chars::{is_alphabetic, is_lowercase, is_numeric, is_uppercase, push_lowercase};
use crate::text::{Segments, TokenKind, segment};

/// The longest candidate, in words.
pub const MAX_PHRASE_WORDS: usize = 3;

/// Written forms kept per candidate (case and plural variants).
const MAX_SURFACES: usize = 8;

/// A distinct word of the text, by its lower-case singular key.
#[derive(Debug, Clone, Default)]
pub struct Term {
    /// Occurrences.
    pub tf: u32,
    /// Occurrences with a capital first letter, not first in their sentence.
    pub tf_capitalised: u32,
    /// Occurrences written in capitals (two letters or more).
    pub tf_acronym: u32,
    /// A stop word.
    pub stop: bool,
    /// The sentences it occurs in, in order, each once.
    pub sentences: Vec<u32>,
    /// Words within two before it in its chunks, counted with repeats.
    pub left_pairs: u32,
    /// Words within two after it in its chunks, counted with repeats.
    pub right_pairs: u32,
}

/// One word occurrence, in text order.
#[derive(Debug, Clone, Copy)]
pub struct Occurrence {
    /// Index into [`TextTerms::terms`].
    pub term: u32,
    /// Byte range of the word (a possessive's "'s" left out).
    pub start: usize,
    pub end: usize,
}

/// A candidate keyphrase: a distinct sequence of terms.
#[derive(Debug, Clone)]
pub struct Candidate<'a> {
    /// Its terms, the first `len` of them.
    pub terms: [u32; MAX_PHRASE_WORDS],
    pub len: usize,
    /// Occurrences.
    pub tf: u32,
    /// The forms it is written in, with how often each.
    surfaces: Vec<(&'a str, u32)>,
}

impl<'a> Candidate<'a> {
    /// The terms of the phrase.
    pub fn terms(&self) -> &[u32] {
        self.terms.get(..self.len).unwrap_or(&[])
    }

    /// Its most frequent written form (the first seen among equals), with
    /// runs of whitespace made one space.
    pub fn surface(&self) -> String {
        let mut best: Option<(&str, u32)> = None;
        for &(text, count) in &self.surfaces {
            if best.is_none_or(|(_, c)| count > c) {
                best = Some((text, count));
            }
        }
        best.map(|(text, _)| text.split_whitespace().collect::<Vec<_>>().join(" "))
            .unwrap_or_default()
    }
}

/// The terms, occurrences, chunks and candidates of a text.
#[derive(Debug, Default)]
pub struct TextTerms<'a> {
    pub terms: Vec<Term>,
    pub occurrences: Vec<Occurrence>,
    /// Ranges of [`TextTerms::occurrences`] that phrases may span.
    pub chunks: Vec<std::ops::Range<usize>>,
    pub candidates: Vec<Candidate<'a>>,
    /// Sentences with at least one word.
    pub sentence_count: u32,
    /// Distinct pairs of terms within two words of each other in a chunk
    /// (left, right), for YAKE's relatedness.
    pub neighbours: FxHashSet<(u32, u32)>,
}

/// The most entries a map of the document is sized for up front. The
/// estimates from the text's length suit news; for a text of megabytes they
/// would size tables of millions of slots that its few distinct terms and
/// phrases then scatter over, touching nearly every page (over 100 MB on a
/// 10 MB text of short lines), so past this the maps grow as they fill.
const PRESIZED_AT_MOST: usize = 1 << 16;

/// The candidate key: term ids and length.
type Key = ([u32; MAX_PHRASE_WORDS], usize);

impl<'a> TextTerms<'a> {
    /// Reads English `text`: one tokenisation, one pass over its words.
    pub fn new(text: &'a str) -> Self {
        Self::from_segments(text, &segment(text), Lexicon::english())
    }

    /// Reads `text` in the language of `lexicon` from its `segments` (which
    /// must be those of `text`; pieces that are not are skipped, never
    /// sliced).
    pub fn from_segments(text: &'a str, segments: &Segments<'a>, lexicon: &Lexicon) -> Self {
        let plurals = lexicon.merges_english_plurals();
        let suffixes = lexicon.has_apostrophe_suffixes();
        let mut doc = TextTerms::default();
        // Sized for news (about one word per six bytes, half of them new)
        // so the maps do not grow and rehash on the way.
        let mut ids: FxHashMap<String, u32> = FxHashMap::with_capacity_and_hasher(
            (text.len() / 12).min(PRESIZED_AT_MOST),
            Default::default(),
        );
        doc.occurrences.reserve(text.len() / 6);
        let mut key = String::new();
        let mut sentence_index = 0u32;
        for sentence in &segments.sentences {
            let tokens = segments.tokens.get(sentence.tokens.clone()).unwrap_or(&[]);
            let mut chunk_start = doc.occurrences.len();
            let mut first_word = true;
            // The end of the last word, and of a hyphen right after it.
            let mut word_end: Option<usize> = None;
            let mut hyphen_end: Option<usize> = None;
            // The end of the last token, and of an apostrophe touching it
            // (before a Turkish suffix: "50'ye").
            let mut token_end: Option<usize> = None;
            let mut suffix_start: Option<usize> = None;
            for token in tokens {
                let touches = token_end.replace(token.span.end) == Some(token.span.start);
                if token.kind == TokenKind::Punct {
                    if suffixes && touches && is_apostrophe(token.text()) {
                        suffix_start = Some(token.span.end);
                    }
                    // "large-scale": a hyphen touching both words joins them.
                    if token.text() == "-"
                        && hyphen_end.is_none()
                        && word_end == Some(token.span.start)
                    {
                        hyphen_end = Some(token.span.end);
                    } else {
                        doc.close_chunk(&mut chunk_start);
                        hyphen_end = None;
                        word_end = None;
                    }
                    continue;
                }
                if hyphen_end.take().is_some_and(|end| end != token.span.start) {
                    doc.close_chunk(&mut chunk_start);
                }
                if suffixes && suffix_start.take() == Some(token.span.start) {
                    // The suffix of a number or name: no word of a phrase.
                    first_word = false;
                    word_end = None;
                    continue;
                }
                let (word, possessive) = if suffixes {
                    strip_suffix(token.text())
                } else {
                    strip_possessive(token.text())
                };
                // "l'armée": the phrase starts at "armée".
                let elided = lexicon.elision_len(word);
                let word = word.get(elided..).unwrap_or(word);
                if token.kind == TokenKind::Number
                    || word.is_empty()
                    || word.chars().any(is_numeric)
                    || !word.chars().any(is_base_letter)
                {
                    // Numbers and words with digits ("3.5bn") are never part
                    // of a phrase, nor are stray accents and vowel signs
                    // that the tokeniser leaves as a word of their own.
                    doc.close_chunk(&mut chunk_start);
                    first_word = false;
                    word_end = None;
                    continue;
                }
                key_of(word, plurals, &mut key);
                let id = match ids.get(key.as_str()) {
                    Some(&id) => id,
                    None => {
                        let id = u32::try_from(doc.terms.len()).unwrap_or(u32::MAX);
                        ids.insert(key.clone(), id);
                        doc.terms.push(Term {
                            stop: lexicon.is_stop_word(word),
                            ..Term::default()
                        });
                        id
                    }
                };
                if let Some(term) = doc.terms.get_mut(id as usize) {
                    term.tf += 1;
                    let mut letters = word.chars().filter(|&c| is_alphabetic(c));
                    let capitalised = letters.next().is_some_and(is_uppercase);
                    if capitalised && !first_word {
                        term.tf_capitalised += 1;
                    }
                    // Scripts without case (Arabic, Hebrew, Devanagari) have
                    // no acronyms: a word in capitals has an upper-case letter.
                    if word.chars().filter(|&c| is_alphabetic(c)).count() > 1
                        && !word.chars().any(is_lowercase)
                        && word.chars().any(is_uppercase)
                    {
                        term.tf_acronym += 1;
                    }
                    if term.sentences.last() != Some(&sentence_index) {
                        term.sentences.push(sentence_index);
                    }
                }
                let start = token.span.start + elided;
                doc.occurrences.push(Occurrence {
                    term: id,
                    start,
                    end: start + word.len(),
                });
                first_word = false;
                word_end = Some(token.span.end);
                if possessive {
                    doc.close_chunk(&mut chunk_start);
                    word_end = None;
                }
            }
            doc.close_chunk(&mut chunk_start);
            if tokens.iter().any(|t| t.is_word()) {
                sentence_index += 1;
            }
        }
        doc.sentence_count = sentence_index;
        doc.collect_candidates(text);
        doc
    }

    /// Ends the current chunk at the last occurrence; the next starts after it.
    fn close_chunk(&mut self, chunk_start: &mut usize) {
        let end = self.occurrences.len();
        if end > *chunk_start {
            self.chunks.push(*chunk_start..end);
        }
        *chunk_start = end;
    }

    fn is_stop(&self, term: u32) -> bool {
        self.terms.get(term as usize).is_none_or(|t| t.stop)
    }

    /// Every n-gram of each chunk that may be a keyphrase, merged by terms;
    /// also the neighbour pairs.
    fn collect_candidates(&mut self, text: &'a str) {
        let expected = self
            .occurrences
            .len()
            .saturating_mul(2)
            .min(PRESIZED_AT_MOST);
        let mut index: FxHashMap<Key, usize> =
            FxHashMap::with_capacity_and_hasher(expected, Default::default());
        self.neighbours.reserve(expected);
        let mut candidates: Vec<Candidate<'a>> = Vec::new();
        let TextTerms {
            terms: term_list,
            occurrences,
            chunks,
            neighbours,
            ..
        } = self;
        for chunk in chunks.iter() {
            let words = occurrences.get(chunk.clone()).unwrap_or(&[]);
            for (i, first) in words.iter().enumerate() {
                for next in words.iter().skip(i + 1).take(2) {
                    neighbours.insert((first.term, next.term));
                    if let Some(t) = term_list.get_mut(first.term as usize) {
                        t.right_pairs += 1;
                    }
                    if let Some(t) = term_list.get_mut(next.term as usize) {
                        t.left_pairs += 1;
                    }
                }
            }
        }
        for chunk in &self.chunks {
            let words = self.occurrences.get(chunk.clone()).unwrap_or(&[]);
            for (i, first) in words.iter().enumerate() {
                if self.is_stop(first.term) {
                    continue;
                }
                let mut terms = [0u32; MAX_PHRASE_WORDS];
                let mut inner_stops = 0;
                for len in 1..=MAX_PHRASE_WORDS {
                    let Some(last) = words.get(i + len - 1) else {
                        break;
                    };
                    if let Some(slot) = terms.get_mut(len - 1) {
                        *slot = last.term;
                    }
                    if self.is_stop(last.term) {
                        inner_stops += 1;
                        if inner_stops > 1 {
                            break;
                        }
                        continue;
                    }
                    let Some(surface) = text.get(first.start..last.end) else {
                        continue;
                    };
                    let key = (terms, len);
                    let at = *index.entry(key).or_insert_with(|| {
                        candidates.push(Candidate {
                            terms,
                            len,
                            tf: 0,
                            surfaces: Vec::new(),
                        });
                        candidates.len() - 1
                    });
                    if let Some(candidate) = candidates.get_mut(at) {
                        candidate.tf += 1;
                        let room = candidate.surfaces.len() < MAX_SURFACES;
                        match candidate.surfaces.iter_mut().find(|(s, _)| *s == surface) {
                            Some((_, count)) => *count += 1,
                            // A bounded list keeps this linear in the text
                            // whatever the casing; later forms past the bound
                            // are not shown.
                            None if room => candidate.surfaces.push((surface, 1)),
                            None => {}
                        }
                    }
                }
            }
        }
        self.candidates = candidates;
    }
}

/// `word` without a suffix after an apostrophe ("Ankara'da" is "Ankara"),
/// and whether it had one.
fn strip_suffix(word: &str) -> (&str, bool) {
    match word.find(['\'', '\u{2019}']) {
        Some(at) if at > 0 => (word.get(..at).unwrap_or(word), true),
        _ => (word, false),
    }
}

/// Whether `text` is an apostrophe, straight or curly.
fn is_apostrophe(text: &str) -> bool {
    text == "'" || text == "\u{2019}"
}

/// Whether `c` is a letter on its own, not a mark on one (an Arabic
/// shadda, a Devanagari vowel sign: alphabetic to Rust too).
fn is_base_letter(c: char) -> bool {
    is_alphabetic(c) && (c.is_ascii() || !is_combining_mark(c))
}

/// `word` without a trailing possessive "'s" (straight or curly), and
/// whether it had one.
fn strip_possessive(word: &str) -> (&str, bool) {
    for suffix in ["'s", "\u{2019}s", "'S", "\u{2019}S"] {
        if let Some(stem) = word.strip_suffix(suffix) {
            return (stem, true);
        }
    }
    (word, false)
}

/// Writes the term key of `word` into `key`: lower case, and a plural made
/// singular by the regular English rules ("troops" -> "troop", "allies" ->
/// "ally", "boxes" -> "box"), which is enough to merge a phrase with its
/// plural; "ss", "us" and "is" endings and short words are left alone.
pub fn term_key(word: &str, key: &mut String) {
    key_of(word, true, key);
}

/// Writes the term key of `word` into `key`: lower case, and with
/// `plurals` an English plural made singular as in [`term_key`].
fn key_of(word: &str, plurals: bool, key: &mut String) {
    key.clear();
    if word.is_ascii() {
        key.push_str(word);
        key.make_ascii_lowercase();
    } else {
        for c in word.chars() {
            match c {
                '\u{2019}' => key.push('\''),
                c => push_lowercase(key, c),
            }
        }
    }
    // Only ASCII words are made singular, so length in bytes is in letters.
    let chars = key.len();
    if !plurals || chars <= 3 || !key.is_ascii() {
        return;
    }
    if key.ends_with("ies") && chars > 4 {
        key.truncate(key.len() - 3);
        key.push('y');
    } else if key.ends_with("sses")
        || key.ends_with("xes")
        || key.ends_with("ches")
        || key.ends_with("shes")
    {
        key.truncate(key.len() - 2);
    } else if key.ends_with('s')
        && !key.ends_with("ss")
        && !key.ends_with("us")
        && !key.ends_with("is")
    {
        key.truncate(key.len() - 1);
    }
}
