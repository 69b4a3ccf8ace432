//! `fingerprint`: SHA-256 of the normalised text and a 64-bit SimHash for near-duplicate detection.
//!
//! Both hashes are taken over the same normalised text: Unicode NFKC, lower
//! case, whitespace runs collapsed to one space, trimmed. So re-wrapped or
//! re-cased copies of an article get the same `content_sha256`, and copies
//! with a few words edited get a `simhash` a few bits away.
//!
//! The SimHash features are 3-word shingles of the normalised words (single
//! words for texts under three words), each the XXH3-64 hash of its words
//! joined by one space, every occurrence weighted equally. XXH3 is specified
//! byte for byte, so the value is the same on every platform and release and
//! can be recomputed outside this crate.

use serde::Serialize;
use sha2::{Digest, Sha256};
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfkc_quick};
use xxhash_rust::xxh3::xxh3_64;

use crate::nlp::words;
use crate::pipeline::{Document, Module, ModuleError};

/// Words per SimHash shingle.
const SHINGLE_WORDS: usize = 3;

/// The `fingerprint` field of the output.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Fingerprint {
    /// Hex SHA-256 of the normalised text.
    pub content_sha256: String,
    /// 64-bit SimHash as 16 lower-case hex digits.
    pub simhash: String,
}

/// The fingerprint of `text`, normalising it once for both hashes.
pub fn fingerprint(text: &str) -> Fingerprint {
    let normalised = normalise(text);
    Fingerprint {
        content_sha256: sha256_hex(&normalised),
        simhash: format!("{:016x}", simhash_normalised(&normalised)),
    }
}

/// `text` as both hashes see it: NFKC, lower case, each whitespace run one
/// space, no leading or trailing space; differences of formatting vanish.
///
/// Lower-casing is per character, so a final capital sigma becomes `σ`, not
/// `ς`; that keeps the mapping context-free, which suits hashing.
pub fn normalise(text: &str) -> String {
    let mut folded = Folded {
        out: String::with_capacity(text.len()),
        space_pending: false,
    };
    if text.is_ascii() {
        // ASCII is already in NFKC, and lowercases byte by byte.
        text.chars()
            .for_each(|c| folded.push(c.to_ascii_lowercase()));
    } else if is_nfkc_quick(text.chars()) == IsNormalized::Yes {
        text.chars()
            .flat_map(char::to_lowercase)
            .for_each(|c| folded.push(c));
    } else {
        text.nfkc()
            .flat_map(char::to_lowercase)
            .for_each(|c| folded.push(c));
    }
    folded.out
}

/// The output of [`normalise`] as it is built, collapsing whitespace on the way.
struct Folded {
    out: String,
    /// Whitespace was seen after some text; one space goes before the next character.
    space_pending: bool,
}

impl Folded {
    fn push(&mut self, c: char) {
        if c.is_whitespace() {
            self.space_pending = !self.out.is_empty();
        } else {
            if self.space_pending {
                self.out.push(' ');
                self.space_pending = false;
            }
            self.out.push(c);
        }
    }
}

/// Lower-case hex SHA-256 of the normalised `text`, equal for texts that
/// differ only in case, whitespace or Unicode compatibility forms.
pub fn content_sha256(text: &str) -> String {
    sha256_hex(&normalise(text))
}

/// Lower-case hex SHA-256 of text that is already normalised.
fn sha256_hex(normalised: &str) -> String {
    hex::encode(Sha256::digest(normalised.as_bytes()))
}

/// The 64-bit SimHash of the normalised `text`: near-duplicates differ in a
/// few bits, unrelated texts in about half; empty text hashes to 0.
pub fn simhash(text: &str) -> u64 {
    simhash_normalised(&normalise(text))
}

/// How many bits two SimHashes differ in: the distance between two texts.
pub fn hamming_distance(a: u64, b: u64) -> u32 {
    (a ^ b).count_ones()
}

/// SimHash of text that is already normalised, shingling its words through
/// a ring of the last three word slices (no per-word allocation).
fn simhash_normalised(normalised: &str) -> u64 {
    let mut votes = BitVotes::default();
    let mut ring = [""; SHINGLE_WORDS];
    let mut seen = 0usize;
    let mut shingle = Vec::with_capacity(64);
    for word in words(normalised) {
        ring[seen % SHINGLE_WORDS] = word.text;
        seen += 1;
        if seen >= SHINGLE_WORDS {
            shingle.clear();
            // The oldest word of the ring sits where the next one will go.
            for k in 0..SHINGLE_WORDS {
                if k > 0 {
                    shingle.push(b' ');
                }
                shingle.extend_from_slice(ring[(seen + k) % SHINGLE_WORDS].as_bytes());
            }
            votes.add(xxh3_64(&shingle));
        }
    }
    if seen < SHINGLE_WORDS {
        for word in &ring[..seen] {
            votes.add(xxh3_64(word.as_bytes()));
        }
    }
    votes.finish()
}

/// Per-bit tallies of SimHash features: +1 for each feature hash with the bit
/// set, -1 for each without.
struct BitVotes([i64; 64]);

impl Default for BitVotes {
    fn default() -> Self {
        Self([0; 64])
    }
}

impl BitVotes {
    fn add(&mut self, hash: u64) {
        for (bit, vote) in self.0.iter_mut().enumerate() {
            // 2 * bit - 1: +1 when set, -1 when clear, without a branch.
            *vote += (((hash >> bit) & 1) as i64) * 2 - 1;
        }
    }

    /// The hash with each bit set where the set votes won (a tie leaves it clear).
    fn finish(&self) -> u64 {
        self.0
            .iter()
            .enumerate()
            .filter(|&(_, &vote)| vote > 0)
            .fold(0, |hash, (bit, _)| hash | (1 << bit))
    }
}

/// Fingerprints `article.text` for exact (`content_sha256`) and near
/// (`simhash`) duplicate detection downstream; it never fails.
///
/// A braced struct rather than a unit one, so the registry builds it with
/// `default()` like modules that carry settings.
#[derive(Debug, Default)]
pub struct FingerprintModule {}

impl Module for FingerprintModule {
    fn name(&self) -> &'static str {
        "fingerprint"
    }

    fn process(&self, doc: &mut Document) -> Result<(), ModuleError> {
        doc.enrichments.fingerprint = Some(fingerprint(&doc.article.text));
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::Article;

    /// A full-length BBC business story (bbc-business-002), for near-duplicate tests.
    const DOLLAR: &str = include_str!("../../tests/fixtures/fingerprint/bbc-business-dollar.txt");

    /// Unrelated BBC stories from other desks and other business stories.
    const UNRELATED: &[&str] = &[
        DOLLAR,
        include_str!("../../tests/fixtures/fingerprint/bbc-business-yukos.txt"),
        include_str!("../../tests/fixtures/fingerprint/bbc-entertainment.txt"),
        include_str!("../../tests/fixtures/fingerprint/bbc-politics.txt"),
        include_str!("../../tests/fixtures/fingerprint/bbc-sport.txt"),
        include_str!("../../tests/fixtures/fingerprint/bbc-tech.txt"),
    ];

    fn distance(a: &str, b: &str) -> u32 {
        hamming_distance(simhash(a), simhash(b))
    }

    fn edited(text: &str, edits: &[(&str, &str)]) -> String {
        let mut out = text.to_owned();
        for (from, to) in edits {
            assert!(out.contains(from), "fixture lacks {from:?}");
            out = out.replacen(from, to, 1);
        }
        out
    }

    #[test]
    fn fixture_is_a_full_length_article() {
        assert!(words(DOLLAR).count() >= 300);
    }

    #[test]
    fn normalise_folds_case_whitespace_and_compatibility_forms() {
        assert_eq!(normalise("  Hello \n\t WORLD  "), "hello world");
        assert_eq!(normalise("ﬁnance\u{a0}ＡＢＣ ① Ⅻ"), "finance abc 1 xii");
        assert_eq!(normalise("Cafe\u{301} ÉTÉ"), "café été");
        assert_eq!(normalise("ΣΟΦΟΣ"), "σοφοσ");
        assert_eq!(normalise(""), "");
        assert_eq!(normalise(" \n "), "");
    }

    #[test]
    fn sha256_is_lower_hex_of_the_normalised_text() {
        // SHA-256("hello world"), as `printf 'hello world' | sha256sum` prints it.
        assert_eq!(
            content_sha256(" Hello\n\nWorld "),
            "b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9"
        );
    }

    #[test]
    fn formatting_only_differences_give_the_same_fingerprint() {
        let reformatted = DOLLAR
            .replace("\n\n", "\r\n \r\n")
            .replace(". ", ".  ")
            .to_uppercase();
        assert_ne!(reformatted, DOLLAR);
        assert_eq!(fingerprint(&reformatted), fingerprint(DOLLAR));
        assert_eq!(
            content_sha256("Café au lait"),
            content_sha256("CAFE\u{301}  AU\tLAIT")
        );
    }

    #[test]
    fn any_word_change_changes_the_sha256() {
        let changed = edited(DOLLAR, &[("three months", "four months")]);
        assert_ne!(content_sha256(&changed), content_sha256(DOLLAR));
    }

    #[test]
    fn empty_text_fingerprints_without_panicking() {
        assert_eq!(
            fingerprint(""),
            Fingerprint {
                content_sha256: "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
                    .to_owned(),
                simhash: "0000000000000000".to_owned(),
            }
        );
        assert_eq!(fingerprint(" \n\t"), fingerprint(""));
        assert_eq!(simhash("!!! ... ---"), 0);
    }

    #[test]
    fn simhash_renders_as_sixteen_lower_hex_digits() {
        for text in ["a", "One two", DOLLAR] {
            let rendered = fingerprint(text).simhash;
            assert_eq!(rendered.len(), 16);
            assert!(rendered.chars().all(|c| matches!(c, '0'..='9' | 'a'..='f')));
            assert_eq!(u64::from_str_radix(&rendered, 16).ok(), Some(simhash(text)));
        }
    }

    #[test]
    fn simhash_is_stable_across_platforms_and_releases() {
        // Pinned: a change here changes every stored fingerprint and needs a
        // migration note in the contract. The value was reproduced outside
        // Rust with Python's `xxhash.xxh3_64_intdigest` over the shingles.
        assert_eq!(
            simhash("The quick brown fox jumps over the lazy dog"),
            0x5cc1_c8ef_c0c9_b905
        );
        // One shingle: the hash is that shingle's XXH3, words joined by a space.
        assert_eq!(
            simhash("Hello,  World -- there"),
            xxh3_64(b"hello world there")
        );
    }

    #[test]
    fn short_texts_use_single_words() {
        assert_eq!(simhash("Hello"), xxh3_64(b"hello"));
        assert_ne!(simhash("Hello world"), 0);
        assert_eq!(simhash("Hello, world!"), simhash("hello world"));
    }

    #[test]
    fn a_few_changed_words_move_few_bits() {
        let changed = edited(
            DOLLAR,
            &[
                ("highest level", "strongest level"),
                ("Thursday", "Wednesday"),
                ("highly competitive", "very competitive"),
            ],
        );
        let bits = distance(DOLLAR, &changed);
        assert!(bits <= 10, "{bits} bits apart");
    }

    #[test]
    fn an_added_sentence_moves_few_bits() {
        let added = edited(
            DOLLAR,
            &[(
                "Market concerns",
                "Traders said volumes were thin ahead of the holiday. Market concerns",
            )],
        );
        let bits = distance(DOLLAR, &added);
        assert!(bits <= 10, "{bits} bits apart");
    }

    #[test]
    fn a_dropped_last_sentence_moves_few_bits() {
        let last_sentence = DOLLAR.trim_end().rfind(". ").unwrap_or(DOLLAR.len());
        let truncated = &DOLLAR[..=last_sentence];
        assert!(truncated.ends_with(
            "funded by the buying of US bonds and assets by foreign firms and governments."
        ));
        let bits = distance(DOLLAR, truncated);
        assert!(bits <= 10, "{bits} bits apart");
    }

    #[test]
    fn unrelated_articles_differ_in_about_half_the_bits() {
        let hashes: Vec<u64> = UNRELATED.iter().map(|text| simhash(text)).collect();
        let mut total = 0;
        let mut pairs = 0;
        for (i, &a) in hashes.iter().enumerate() {
            for &b in &hashes[i + 1..] {
                let bits = hamming_distance(a, b);
                assert!((20..=44).contains(&bits), "pair {i}: {bits} bits apart");
                total += bits;
                pairs += 1;
            }
        }
        let mean = f64::from(total) / f64::from(pairs);
        assert!((26.0..=38.0).contains(&mean), "mean {mean} bits");
    }

    #[test]
    fn hamming_distance_counts_differing_bits() {
        assert_eq!(hamming_distance(0, 0), 0);
        assert_eq!(hamming_distance(0, u64::MAX), 64);
        assert_eq!(hamming_distance(0b1011, 0b0110), 3);
    }

    #[test]
    fn module_writes_only_its_own_field() {
        let mut doc = Document::new(Article {
            text: DOLLAR.to_owned(),
            ..Article::default()
        });
        let before = doc.clone();
        let module = FingerprintModule::default();
        assert_eq!(module.name(), "fingerprint");
        assert!(module.process(&mut doc).is_ok());
        assert_eq!(doc.enrichments.fingerprint, Some(fingerprint(DOLLAR)));
        assert_eq!(doc.article, before.article);
        assert_eq!(doc.enrichments.stats, before.enrichments.stats);
        assert!(doc.warnings.is_empty());
    }
}
