//! Normalised name keys: the case-, diacritic- and punctuation-blind form under which two mentions count as the same name.
//!
//! "Erdoğan" and "ERDOGAN", "U.N." and "UN", "NATO’s" and "NATO" must meet
//! in one map entry, and the title of an article must be cut into words the
//! same way as the mentions, so both go through [`key_tokens`].

use crate::text::chars::{is_alphabetic, is_alphanumeric, is_uppercase, push_lowercase};
use crate::text::normal_forms::nfkd_unordered;

/// The combining diacritical marks that decomposing Latin, Greek and
/// Cyrillic letters leaves ("ğ" is "g" and U+0306). Marks of other scripts
/// (Devanagari vowel signs, say) are letters of the word and stay.
fn is_diacritic(c: char) -> bool {
    ('\u{0300}'..='\u{036F}').contains(&c)
}

/// Whether `c` is written as an apostrophe: the ASCII one, the typographic
/// right single quote (the usual one in edited news), the left one some
/// keyboards produce, and the modifier letter used in transliterations.
pub fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{2018}' | '\u{02BC}')
}

/// The words of `surface`, folded: compatibility-decomposed with the
/// diacritics dropped, lower-cased, dots removed (so initials written
/// with or without them agree), split at anything that is neither a letter,
/// a digit nor an apostrophe, and each word without a possessive `'s` or a
/// trailing apostrophe. A leading "the" is dropped when more words follow,
/// because "the U.N." and "U.N." name the same body.
pub fn key_tokens(surface: &str) -> Vec<String> {
    let mut tokens = Vec::new();
    let mut word = String::new();
    // The diacritics are dropped, so their order does not matter.
    for c in nfkd_unordered(surface) {
        if is_diacritic(c) || c == '.' {
            continue;
        }
        if is_apostrophe(c) {
            word.push('\'');
        } else if is_alphanumeric(c) {
            push_lowercase(&mut word, c);
        } else {
            end_word(&mut word, &mut tokens);
        }
    }
    end_word(&mut word, &mut tokens);
    if tokens.len() > 1 && tokens[0] == "the" {
        tokens.remove(0);
    }
    tokens
}

/// The key of a whole name: its [`key_tokens`] joined by single spaces.
pub fn name_key(surface: &str) -> String {
    key_tokens(surface).join(" ")
}

/// Moves the word being built into `tokens`, without its possessive.
fn end_word(word: &mut String, tokens: &mut Vec<String>) {
    let bare = word.strip_suffix("'s").unwrap_or(word).trim_matches('\'');
    if !bare.is_empty() {
        tokens.push(bare.to_string());
    }
    word.clear();
}

/// The longest acronym looked for, in letters.
pub const MAX_ACRONYM_LETTERS: usize = 10;

/// Whether `surface` is written as an acronym: one word of 2 to 10 letters
/// (dots and "&" aside), starting with a capital, with at least two capitals
/// and no more small letters than capitals ("NATO", "U.N.", "DoD", "P&G").
pub fn is_acronym(surface: &str) -> bool {
    let Some(letters) = acronym_chars(surface) else {
        return false;
    };
    let upper = letters.iter().filter(|&&c| is_uppercase(c)).count();
    is_uppercase(letters[0]) && upper >= 2 && upper * 2 >= letters.len()
}

/// The letters of a one-word `surface` without dots and "&", if it has
/// between 2 and [`MAX_ACRONYM_LETTERS`] of them and nothing else.
pub fn acronym_chars(surface: &str) -> Option<Vec<char>> {
    let letters: Vec<char> = surface
        .chars()
        .filter(|c| !matches!(c, '.' | '&'))
        .collect();
    ((2..=MAX_ACRONYM_LETTERS).contains(&letters.len())
        && letters.iter().all(|&c| is_alphabetic(c)))
    .then_some(letters)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_and_diacritics_do_not_change_the_key() {
        assert_eq!(name_key("Recep Tayyip Erdoğan"), "recep tayyip erdogan");
        assert_eq!(name_key("RECEP TAYYIP ERDOGAN"), "recep tayyip erdogan");
        assert_eq!(name_key("Zürich"), name_key("Zurich"));
    }

    #[test]
    fn dotted_initials_and_a_leading_article_fold_away() {
        assert_eq!(name_key("the U.N."), "un");
        assert_eq!(name_key("UN"), "un");
        assert_eq!(name_key("The Hague"), "hague");
        assert_eq!(name_key("The"), "the");
    }

    #[test]
    fn possessives_with_any_apostrophe_fold_away() {
        assert_eq!(name_key("NATO’s"), "nato");
        assert_eq!(name_key("Putin's"), "putin");
        assert_eq!(name_key("Jesus'"), "jesus");
        assert_eq!(
            name_key("Democratic People's Republic"),
            "democratic people republic"
        );
        assert_eq!(name_key("O'Neill"), "o'neill");
    }

    #[test]
    fn hyphens_and_punctuation_split_words() {
        assert_eq!(key_tokens("Bashar al-Assad"), ["bashar", "al", "assad"]);
        assert_eq!(key_tokens("Secretary-General,"), ["secretary", "general"]);
    }
}
