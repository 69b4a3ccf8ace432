//! The terms a topic is recognised by: lower-cased, lightly stemmed content words and pairs of adjacent ones, as stable 64-bit hashes.
//!
//! The topic model, the taxonomy lexicon and the classifier all see text
//! through [`Terms`], so "armed conflict" in a taxonomy label and "armed
//! conflicts" in an article meet as the same bigram. Words come from
//! [`crate::text::words`]; a possessive `'s` is dropped, English stop words
//! and bare numbers are skipped, and plurals are folded by an S-stemmer
//! (Harman's rules: "ies" to "y", "es" to "e", "s" to nothing, with the
//! usual exceptions). A bigram joins two content words that follow each
//! other once stop words are removed ("prisoners of war" gives "prisoner war").

use std::sync::LazyLock;

use rustc_hash::{FxHashMap, FxHashSet};

use crate::text::hash;
use crate::text::words;

/// Seed of the hash of a single word (bigrams mix two of these).
const WORD_SEED: u64 = 0x746f_7069_6373_0001;

/// Words longer than this (in bytes) are noise for topics: URLs, hashes, run-together text.
const MAX_WORD_BYTES: usize = 40;

/// The term hashes of a text with how often each occurs, unigrams and bigrams together.
#[derive(Debug, Clone, Default)]
pub struct Terms {
    /// Term hash to its (weighted) count.
    pub counts: FxHashMap<u64, f32>,
    /// Content words seen (each counted with its weight).
    pub words: f32,
}

impl Terms {
    /// The terms of `text`, each occurrence counting `weight`.
    pub fn of(text: &str, weight: f32) -> Self {
        let mut terms = Terms::default();
        terms.add(text, weight);
        terms
    }

    /// Adds the terms of `text`, each occurrence counting `weight` (a title
    /// counts more than a body sentence).
    pub fn add(&mut self, text: &str, weight: f32) {
        // About one word in six bytes, half of them content words, each
        // with a unigram and a bigram.
        self.counts.reserve(text.len() / 6);
        let mut buffer = String::new();
        let mut previous: Option<u64> = None;
        for span in words(text) {
            let Some(stem) = term_form(span.text, &mut buffer) else {
                // A stop word or number: bigrams skip over it.
                continue;
            };
            let hash = word_hash(stem);
            *self.counts.entry(hash).or_insert(0.0) += weight;
            if let Some(before) = previous {
                *self.counts.entry(pair_hash(before, hash)).or_insert(0.0) += weight;
            }
            previous = Some(hash);
            self.words += weight;
        }
    }

    /// Whether no content word was seen.
    pub fn is_empty(&self) -> bool {
        self.counts.is_empty()
    }
}

/// The term hash of one normalised word.
pub fn word_hash(stem: &str) -> u64 {
    hash::bytes(WORD_SEED, stem.as_bytes())
}

/// The term hash of two adjacent normalised words, in order.
pub fn pair_hash(first: u64, second: u64) -> u64 {
    hash::mix(first, second)
}

/// The hashes of the unigrams and bigrams of a short phrase (a label or a
/// cue), for building lexicons: the same normalisation as [`Terms`].
pub fn phrase_hashes(phrase: &str) -> Vec<u64> {
    let mut terms = Terms::of(phrase, 1.0);
    let mut hashes: Vec<u64> = terms.counts.drain().map(|(h, _)| h).collect();
    hashes.sort_unstable();
    hashes
}

/// The normalised form of a word into `buffer`, or `None` for a stop word,
/// a number or an over-long token.
pub fn term_form<'b>(word: &str, buffer: &'b mut String) -> Option<&'b str> {
    let has_letter = if word.is_ascii() {
        word.bytes().any(|b| b.is_ascii_alphabetic())
    } else {
        word.chars().any(char::is_alphabetic)
    };
    if word.len() > MAX_WORD_BYTES || !has_letter {
        return None;
    }
    buffer.clear();
    if word.is_ascii() {
        buffer.extend(word.bytes().map(|b| char::from(b.to_ascii_lowercase())));
    } else {
        for c in word.chars() {
            // Curly apostrophes become straight ones so "Russia’s" loses its "’s" too.
            let c = if c == '\u{2019}' { '\'' } else { c };
            buffer.extend(c.to_lowercase());
        }
    }
    if let Some(stripped) = buffer.strip_suffix("'s") {
        let keep = stripped.len();
        buffer.truncate(keep);
    }
    while buffer.ends_with('\'') {
        buffer.pop();
    }
    if buffer.chars().count() < 2 || is_stop_word(buffer) {
        return None;
    }
    fold_plural(buffer);
    Some(buffer.as_str())
}

/// Folds a plural ending in place (Harman's S-stemmer: "ies" to "y", "es"
/// to "e", "s" to nothing; not after "eies", "aies", "ss", "us" or "is"),
/// so "policies" meets "policy" and "troops" "troop".
fn fold_plural(word: &mut String) {
    if word.len() <= 3 {
        return;
    }
    let ends = |suffix: &str| word.ends_with(suffix);
    if ends("ies") && !ends("eies") && !ends("aies") {
        word.truncate(word.len() - 3);
        word.push('y');
    } else if ends("s") && !ends("ss") && !ends("us") && !ends("is") {
        // Harman's "es" to "e" and "s" to nothing both drop the final "s".
        word.pop();
    }
}

/// Whether a lower-cased word is too common to say anything about a topic.
pub fn is_stop_word(word: &str) -> bool {
    STOP_SET.contains(word)
}

/// [`STOP_WORDS`] as a set: one hash per word of every article instead of
/// a binary search of eight string comparisons.
static STOP_SET: LazyLock<FxHashSet<&'static str>> =
    LazyLock::new(|| STOP_WORDS.iter().copied().collect());

/// English function words and the filler of news copy and of the taxonomy's
/// definitions ("such", "including", "often"), sorted so a test can see each is there once.
const STOP_WORDS: &[&str] = &[
    "about",
    "above",
    "according",
    "across",
    "after",
    "again",
    "against",
    "ago",
    "all",
    "almost",
    "along",
    "already",
    "also",
    "although",
    "always",
    "am",
    "among",
    "an",
    "and",
    "another",
    "any",
    "are",
    "around",
    "as",
    "at",
    "be",
    "became",
    "because",
    "become",
    "been",
    "before",
    "being",
    "between",
    "both",
    "but",
    "by",
    "can",
    "could",
    "did",
    "do",
    "does",
    "done",
    "during",
    "each",
    "either",
    "etc",
    "even",
    "ever",
    "every",
    "few",
    "for",
    "from",
    "further",
    "had",
    "has",
    "have",
    "having",
    "he",
    "her",
    "here",
    "hers",
    "herself",
    "him",
    "himself",
    "his",
    "how",
    "however",
    "i",
    "if",
    "in",
    "including",
    "into",
    "is",
    "it",
    "its",
    "itself",
    "just",
    "last",
    "least",
    "less",
    "like",
    "made",
    "make",
    "many",
    "may",
    "me",
    "might",
    "more",
    "most",
    "mr",
    "mrs",
    "ms",
    "much",
    "must",
    "my",
    "near",
    "next",
    "no",
    "nor",
    "not",
    "now",
    "of",
    "off",
    "often",
    "on",
    "once",
    "one",
    "only",
    "or",
    "other",
    "others",
    "our",
    "ours",
    "out",
    "over",
    "own",
    "per",
    "put",
    "quite",
    "rather",
    "really",
    "said",
    "same",
    "say",
    "says",
    "see",
    "seen",
    "several",
    "she",
    "should",
    "since",
    "so",
    "some",
    "still",
    "such",
    "than",
    "that",
    "the",
    "their",
    "theirs",
    "them",
    "themselves",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "though",
    "three",
    "through",
    "thus",
    "to",
    "told",
    "too",
    "two",
    "under",
    "until",
    "up",
    "upon",
    "us",
    "usually",
    "very",
    "via",
    "was",
    "way",
    "we",
    "well",
    "were",
    "what",
    "when",
    "where",
    "whether",
    "which",
    "while",
    "who",
    "whom",
    "whose",
    "why",
    "will",
    "with",
    "within",
    "without",
    "would",
    "yet",
    "you",
    "your",
    "yours",
];

#[cfg(test)]
mod tests {
    use super::*;

    fn normalised(word: &str) -> Option<String> {
        let mut buffer = String::new();
        term_form(word, &mut buffer).map(str::to_owned)
    }

    #[test]
    fn stop_words_are_sorted_and_lower_case() {
        assert!(STOP_WORDS.is_sorted());
        assert!(STOP_WORDS.iter().all(|w| w.to_lowercase() == *w));
    }

    #[test]
    fn plurals_possessives_and_case_fold_together() {
        assert_eq!(normalised("Troops"), normalised("troop"));
        assert_eq!(normalised("conflicts"), normalised("conflict"));
        assert_eq!(normalised("Russia's"), normalised("Russia"));
        assert_eq!(normalised("Russia\u{2019}s"), normalised("russia"));
        assert_eq!(normalised("policies"), normalised("policy"));
        assert_eq!(normalised("glass").as_deref(), Some("glass"));
        assert_eq!(normalised("virus").as_deref(), Some("virus"));
        assert_eq!(normalised("crisis").as_deref(), Some("crisis"));
    }

    #[test]
    fn stop_words_numbers_and_noise_are_skipped() {
        assert_eq!(normalised("The"), None);
        assert_eq!(normalised("2024"), None);
        assert_eq!(normalised("x"), None);
        assert_eq!(normalised(&"a".repeat(100)), None);
    }

    #[test]
    fn a_phrase_and_a_sentence_share_their_bigram() {
        let label = phrase_hashes("armed conflict");
        let text = Terms::of("Two armed conflicts broke out.", 1.0);
        assert_eq!(label.len(), 3);
        assert!(label.iter().all(|h| text.counts.contains_key(h)));
    }

    #[test]
    fn bigrams_skip_stop_words_and_weights_add_up() {
        let terms = Terms::of("prisoners of war", 2.0);
        let prisoner = word_hash("prisoner");
        let war = word_hash("war");
        assert_eq!(terms.counts.get(&pair_hash(prisoner, war)), Some(&2.0));
        assert_eq!(terms.words, 4.0);
    }

    #[test]
    fn odd_text_gives_terms_without_panicking() {
        assert!(Terms::of("", 1.0).is_empty());
        assert!(Terms::of(&"\"".repeat(10_000), 1.0).is_empty());
        let mixed = Terms::of("Київ 東京 القاهرة naïve ÉCOLE 99999999999999999999", 1.0);
        assert!(mixed.words >= 4.0);
    }
}
