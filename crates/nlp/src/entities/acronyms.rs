//! Acronyms and their expansions: "NATO" with "North Atlantic Treaty Organization", "the U.N." with "United Nations", "(NAC)" after "North Atlantic Council".
//!
//! Two kinds of evidence join an acronym form to a longer form:
//! - an acronym in parentheses right after a name of two or more words
//!   (tagged or not): the article defines it, so it joins whatever its
//!   letters, when the tagger gave both the same type (grouping never
//!   changes a type);
//! - the acronym's letters equal the initials of a longer form of the same
//!   type: the capitalised words' initials ignoring "of/the/and/for"-like
//!   words, the same with hyphenated parts counted apart ("AOC" for
//!   "Alexandria Ocasio-Cortez"), or every word's initial ("DoD" for
//!   "Department of Defense").
//!
//! An acronym that fits several expansions takes the one met last before
//! the acronym's first mention, else the first one met after it.

use rustc_hash::FxHashMap;

use super::EntityType;
use super::clean::Cleaned;
use super::disjoint::DisjointSets;
use super::forms::Form;
pub use super::keys::is_acronym;
use super::keys::{MAX_ACRONYM_LETTERS, acronym_chars};

/// Words an initialism skips ("Organization *for* Security *and*
/// Co-operation *in* Europe"). Sorted for binary search.
const FUNCTION_WORDS: &[&str] = &[
    "and", "de", "del", "der", "des", "du", "et", "for", "in", "la", "le", "of", "on", "the",
    "und", "y",
];

/// Whether `surface` may be an acronym written as a word, as British papers
/// write "Nato" and "Unesco": strictly an acronym, or one capitalised word
/// of 4 to 8 letters. Only an initialism match turns such a word into an
/// acronym, so "Paris" stays Paris.
fn may_be_acronym(surface: &str) -> bool {
    is_acronym(surface)
        || acronym_chars(surface).is_some_and(|letters| {
            (4..=8).contains(&letters.len())
                && letters[0].is_uppercase()
                && letters[1..].iter().all(|c| c.is_lowercase())
        })
}

/// The acronym's letters, lower-cased: what an initialism must equal.
fn letters_key(surface: &str) -> String {
    surface
        .chars()
        .filter(|c| c.is_alphabetic())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The lower-cased initialisms that `surface` (a name of two or more words)
/// may be abbreviated to, without repeats; none for a one-word name.
pub fn initialisms(surface: &str) -> Vec<String> {
    let words: Vec<&str> = surface
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .collect();
    if words.len() < 2 {
        return Vec::new();
    }
    let is_function = |w: &str| {
        FUNCTION_WORDS
            .binary_search(&w.to_lowercase().as_str())
            .is_ok()
    };
    let capital_initial = |w: &str| {
        let first = w.chars().next()?;
        (first.is_uppercase() && !is_function(w)).then_some(first)
    };
    let capitals: String = words.iter().filter_map(|w| capital_initial(w)).collect();
    let parts: String = words
        .iter()
        .flat_map(|w| w.split('-'))
        .filter_map(capital_initial)
        .collect();
    let every: String = words.iter().filter_map(|w| w.chars().next()).collect();
    let mut found: Vec<String> = Vec::with_capacity(3);
    for initials in [capitals, parts, every] {
        let initials = initials.to_lowercase();
        if initials.chars().count() >= 2 && !found.contains(&initials) {
            found.push(initials);
        }
    }
    found
}

/// Acronyms defined in the text: for each mention of a name of two or more
/// words followed by "(XYZ)", the acronym's letters, where the parenthesis
/// opens, and the name's form.
fn defined_in_parentheses(
    chars: &[char],
    mentions: &[Cleaned],
    forms: &[Form],
    form_of: &[Option<usize>],
) -> Vec<(String, usize, usize)> {
    let mut defined = Vec::new();
    for (mention, form) in mentions.iter().zip(form_of) {
        let Some(form) = *form else { continue };
        if forms[form].tokens.len() < 2 {
            continue;
        }
        let mut i = mention.end;
        while i < chars.len() && chars[i].is_whitespace() {
            i += 1;
        }
        if chars.get(i) != Some(&'(') {
            continue;
        }
        let open = i;
        let limit = chars.len().min(open + MAX_ACRONYM_LETTERS * 2 + 3);
        let Some(close) = (open + 1..limit).find(|&j| chars[j] == ')') else {
            continue;
        };
        let inner: String = chars[open + 1..close].iter().collect();
        let inner = inner.trim();
        if is_acronym(inner) {
            defined.push((letters_key(inner), open, form));
        }
    }
    defined
}

/// Joins each acronym form to its expansion (see the module doc).
pub fn join(
    chars: &[char],
    mentions: &[Cleaned],
    forms: &[Form],
    form_of: &[Option<usize>],
    sets: &mut DisjointSets,
) {
    let position = |form: usize| mentions[forms[form].first()].start;
    let mut defined: FxHashMap<String, Vec<(usize, usize)>> = FxHashMap::default();
    for (letters, open, form) in defined_in_parentheses(chars, mentions, forms, form_of) {
        defined.entry(letters).or_default().push((open, form));
    }
    let mut expansions: FxHashMap<(EntityType, String), Vec<(usize, usize)>> = FxHashMap::default();
    for (id, form) in forms.iter().enumerate() {
        for initials in initialisms(&form.surface) {
            expansions
                .entry((form.kind, initials))
                .or_default()
                .push((position(id), id));
        }
    }
    for (id, form) in forms.iter().enumerate() {
        if form.tokens.len() != 1 || !may_be_acronym(&form.surface) {
            continue;
        }
        let letters = letters_key(&form.surface);
        let from_text = is_acronym(&form.surface)
            .then(|| defined.get(&letters))
            .flatten();
        let candidates = from_text.or_else(|| expansions.get(&(form.kind, letters)));
        if let Some(expansion) = candidates.and_then(|c| nearest(c, position(id)))
            && forms[expansion].kind == form.kind
        {
            sets.union(id, expansion);
        }
    }
}

/// Of `candidates` (position, form), in text order, the last one before
/// `at`, else the first one.
fn nearest(candidates: &[(usize, usize)], at: usize) -> Option<usize> {
    let before = candidates.partition_point(|&(position, _)| position < at);
    candidates
        .get(before.wrapping_sub(1))
        .or(candidates.first())
        .map(|&(_, form)| form)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn function_words_are_sorted_for_binary_search() {
        assert!(FUNCTION_WORDS.is_sorted());
    }

    #[test]
    fn acronyms_are_short_capitalised_words() {
        for acronym in ["NATO", "U.N.", "UN", "DoD", "DPRK", "P&G", "UNESCO"] {
            assert!(is_acronym(acronym), "{acronym}");
        }
        for word in ["Paris", "Nato", "N", "NATO summit", "G7", "A.", "iOS"] {
            assert!(!is_acronym(word), "{word}");
        }
        assert!(may_be_acronym("Nato"));
        assert!(!may_be_acronym("Un"));
    }

    #[test]
    fn initialisms_skip_function_words_and_may_split_hyphens() {
        assert_eq!(initialisms("North Atlantic Treaty Organization"), ["nato"]);
        assert_eq!(
            initialisms("Democratic People's Republic of Korea"),
            ["dprk", "dprok"]
        );
        assert!(
            initialisms("Organisation for Economic Co-operation and Development")
                .contains(&"oecd".to_string())
        );
        assert!(initialisms("Alexandria Ocasio-Cortez").contains(&"aoc".to_string()));
        assert!(initialisms("Department of Defense").contains(&"dod".to_string()));
        assert!(initialisms("Brussels").is_empty());
    }

    #[test]
    fn nearest_prefers_the_last_candidate_before() {
        let candidates = [(10, 1), (50, 2), (90, 3)];
        assert_eq!(nearest(&candidates, 60), Some(2));
        assert_eq!(nearest(&candidates, 5), Some(1));
        assert_eq!(nearest(&candidates, 100), Some(3));
        assert_eq!(nearest(&[], 100), None);
    }
}
