//! The closed word lists of attribution for the languages other than English, one file each, and their lookup by a normalised word.
//!
//! Every list is in lower case; a word is looked up by [`key`] (Unicode
//! lower case, `’` read as `'`, Russian `ё` read as `е`, which news writes
//! either way). The verbs of saying are listed by lemma (the infinitive the
//! output's `verb` field gives) with the finite forms and participles that
//! attribute a quote in news: third person present and past, both genders
//! where the verb shows one, and the participle of the perfect (`a
//! déclaré`, `ha detto`, `hat gesagt`). Regular verbs are listed by lemma
//! only and their forms made by the language's `regular` rule.
//!
//! The forms follow each language's standard conjugation (as the Duden,
//! RAE, Bescherelle, Treccani, Van Dale, PWN, Priberam and Zaliznyak
//! references give it); the lists are the verbs, pronouns, prepositions
//! and titles that news in each language attributes quotes with, written
//! for this module, not taken from a corpus.

mod shared;

pub use shared::{Index, Lexicon, gender_in, key, listed};

pub mod de;
pub mod es;
pub mod fr;
pub mod it;
pub mod nl;
pub mod pl;
pub mod pt;
pub mod ru;

/// The lexicons in the order of [`super::language::Lang`]'s non-English
/// variants.
pub static LEXICONS: [&Lexicon; 8] = [
    &de::LEXICON,
    &es::LEXICON,
    &fr::LEXICON,
    &it::LEXICON,
    &nl::LEXICON,
    &pl::LEXICON,
    &pt::LEXICON,
    &ru::LEXICON,
];

/// The verb index of each lexicon of [`LEXICONS`].
pub static INDEXES: std::sync::LazyLock<Vec<Index>> =
    std::sync::LazyLock::new(|| LEXICONS.iter().map(|l| Index::new(l)).collect());

#[cfg(test)]
mod tests {
    use super::*;
    use std::borrow::Cow;

    #[test]
    fn keys_are_lower_case_with_one_apostrophe_and_e() {
        assert_eq!(key("Заявила"), "заявила");
        assert_eq!(key("ПОДЧЁРКИВАЕТ"), "подчеркивает");
        assert_eq!(key("d’après"), "d'après");
        assert!(matches!(key("dijo"), Cow::Borrowed(_)));
    }

    #[test]
    fn compounds_end_with_a_listed_word_but_short_entries_do_not_match() {
        assert!(listed(&["kanzlerin"], "bundeskanzlerin", true));
        assert!(!listed(&["kanzlerin"], "bundeskanzlerin", false));
        assert!(!listed(&["kanzlerin"], "kanzlerinx", true));
        assert!(!listed(&["rat"], "senatrat", true));
    }

    #[test]
    fn every_lemma_has_forms_and_every_form_a_lemma() {
        for (lexicon, index) in LEXICONS.iter().zip(INDEXES.iter()) {
            for &lemma in lexicon.regular {
                let forms = (lexicon.regular_forms)(lemma);
                assert!(!forms.is_empty(), "{lemma}");
                for form in forms {
                    assert_eq!(index.forms.get(key(&form).as_ref()), Some(&lemma));
                }
            }
            for &(lemma, forms) in lexicon.verbs {
                assert!(!forms.is_empty(), "{lemma}");
            }
        }
    }

    #[test]
    fn word_lists_are_lower_case() {
        for lexicon in LEXICONS {
            let lists = [
                lexicon.auxiliaries,
                lexicon.according,
                lexicon.after_quote,
                lexicon.postpositions,
                lexicon.determiners,
                lexicon.conjunctions,
                lexicon.prepositions,
                lexicon.of_words,
                lexicon.roles,
                lexicon.anonymous_roles,
                lexicon.organisations,
                lexicon.spokespersons,
                lexicon.title_modifiers,
                lexicon.abbreviations,
            ];
            for word in lists.iter().flat_map(|l| l.iter()) {
                assert_eq!(key(word), *word, "{word}");
            }
            for (word, _) in lexicon
                .pronouns
                .iter()
                .chain(lexicon.according_pronouns)
                .chain(lexicon.honorifics)
            {
                assert_eq!(key(word), *word, "{word}");
            }
        }
    }
}
