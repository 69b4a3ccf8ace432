//! The languages keywords reads and, for each, its stop words and how its words are compared: English from [`super::stopwords`], the others from the `stop-words` crate with this project's [`additions`](super::additions).
//!
//! The crate is built with its `nltk` and `iso` features: where NLTK has a
//! list (the Snowball lists: function words only) the crate gives it, and
//! the Stopwords ISO list elsewhere (Polish, Czech, Ukrainian, Persian,
//! Hindi). The ISO lists of the languages NLTK has are
//! broader but hold words that name stories (Russian "война", "россия",
//! "москва"; Spanish "estados"; French "état"), which a keyword must be
//! able to be.
//!
//! Not read, so not declared: Chinese, Japanese and Thai, written without
//! spaces between words, which the tokeniser does not segment (a "word"
//! would be a whole clause or a single character); Korean, whose spaced
//! words carry their particles and endings ("대책을", "발표했다"), and
//! Vietnamese, whose spaces separate syllables, not words ("đường sắt tốc
//! độ cao" is two words): phrases of one to three tokens cut both
//! mid-word, and a list of whole words cannot tell their function words;
//! Urdu, whose ISO list is garbled (letters of another encoding: "ثہت" for
//! "بہت") and lacks "میں", "سے", "کا", "نے", "کو".

use std::borrow::Cow;
use std::sync::OnceLock;

use rustc_hash::FxHashSet;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use super::additions;
use super::stopwords;
use crate::text::chars::{is_alphabetic, is_uppercase, lowercase};

/// The languages keywords reads (ISO 639-1): English and every language
/// of the language module with a stop-word list, but those above.
pub const LANGUAGES: &[&str] = &[
    "en", "es", "fr", "de", "it", "pt", "nl", "ru", "uk", "pl", "tr", "ar", "fa", "he", "hi", "bn",
    "id", "el", "ro", "sv", "cs", "hu",
];

/// How a word is made comparable with its language's list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fold {
    /// Lower case only.
    Case,
    /// Lower case without accents or other marks, and a final sigma as a
    /// plain one: the Greek lists write "ειναι", "τησ" for "είναι", "της";
    /// the Romanian list writes "atat", "cand" and cedillas ("aşa") where
    /// text writes "atât", "când" and commas below ("așa").
    Marks,
    /// Lower case with a capital dotted I made a plain "i": Rust lower-cases
    /// "İçin" to "i̇çin" (an "i" and a combining dot), not Turkish "için".
    DottedI,
    /// Lower case with "ё" as "е", as the Russian list writes it ("еще"
    /// for "ещё").
    Yo,
}

impl Fold {
    fn of(code: &str) -> Fold {
        match code {
            "el" | "ro" => Fold::Marks,
            "tr" => Fold::DottedI,
            "ru" => Fold::Yo,
            _ => Fold::Case,
        }
    }

    /// `word` folded; borrowed when it already is.
    fn apply(self, word: &str) -> Cow<'_, str> {
        let lower: Cow<'_, str> = if word.is_ascii() {
            if word.bytes().any(|b| b.is_ascii_uppercase()) {
                Cow::Owned(word.to_ascii_lowercase())
            } else {
                Cow::Borrowed(word)
            }
        } else if word.chars().any(is_uppercase) {
            Cow::Owned(lowercase(word))
        } else {
            Cow::Borrowed(word)
        };
        match self {
            Fold::Case => lower,
            _ if lower.is_ascii() => lower,
            Fold::DottedI if !lower.contains('\u{307}') => lower,
            Fold::Yo if !lower.contains('ё') => lower,
            Fold::Marks => Cow::Owned(
                lower
                    .nfd()
                    .filter(|&c| !is_combining_mark(c))
                    .map(|c| if c == 'ς' { 'σ' } else { c })
                    .collect(),
            ),
            Fold::DottedI => Cow::Owned(lower.replace('\u{307}', "")),
            Fold::Yo => Cow::Owned(lower.replace('ё', "е")),
        }
    }
}

/// French articles and pronouns elided before a vowel ("l'armée",
/// "d'Ukraine", "qu'il"): one word to the tokeniser, which the phrase
/// starts after.
const FRENCH_ELISIONS: &[&str] = &[
    "c", "d", "j", "jusqu", "l", "lorsqu", "m", "n", "presqu", "puisqu", "qu", "quoiqu", "s", "t",
];

/// Italian articles, articulated prepositions and pronouns elided before a
/// vowel ("l'Italia", "dell'Ucraina", "un'altra").
const ITALIAN_ELISIONS: &[&str] = &[
    "all", "anch", "c", "coll", "d", "dall", "dell", "l", "m", "nell", "quell", "quest", "s",
    "sull", "t", "un", "v",
];

/// One language as keywords reads it.
#[derive(Debug)]
pub struct Lexicon {
    code: &'static str,
    stop: FxHashSet<Cow<'static, str>>,
    fold: Fold,
    elisions: &'static [&'static str],
}

/// Each language's lexicon, built on first use.
static LEXICONS: [OnceLock<Lexicon>; LANGUAGES.len()] =
    [const { OnceLock::new() }; LANGUAGES.len()];

impl Lexicon {
    /// English: the list of [`super::stopwords`], English plurals merged.
    pub fn english() -> &'static Lexicon {
        Lexicon::of_index(0)
    }

    /// The lexicon of the language `code` (ISO 639-1, lower case), if
    /// keywords reads it.
    pub fn for_language(code: &str) -> Option<&'static Lexicon> {
        LANGUAGES
            .iter()
            .position(|&c| c == code)
            .map(Lexicon::of_index)
    }

    fn of_index(index: usize) -> &'static Lexicon {
        let code = LANGUAGES.get(index).copied().unwrap_or("en");
        let cell = LEXICONS.get(index).unwrap_or(&LEXICONS[0]);
        cell.get_or_init(|| Lexicon::build(code))
    }

    fn build(code: &'static str) -> Lexicon {
        let fold = Fold::of(code);
        let listed: &[&'static str] = if code == "en" {
            stopwords::STOP_WORDS
        } else {
            stop_words::lookup(code).unwrap_or_default()
        };
        let removed = additions::removed(code);
        let stop = listed
            .iter()
            .chain(additions::added(code))
            .filter(|word| !word.is_empty() && !removed.contains(*word))
            .map(|&word| fold.apply(word))
            .collect();
        let elisions = match code {
            "fr" => FRENCH_ELISIONS,
            "it" => ITALIAN_ELISIONS,
            _ => &[],
        };
        Lexicon {
            code,
            stop,
            fold,
            elisions,
        }
    }

    /// The language's code.
    pub fn code(&self) -> &'static str {
        self.code
    }

    /// How many stop words it has.
    pub fn len(&self) -> usize {
        self.stop.len()
    }

    /// Whether it has no stop word (never, for a language of [`LANGUAGES`]).
    pub fn is_empty(&self) -> bool {
        self.stop.is_empty()
    }

    /// Whether `word`, in any case, is a stop word of the language.
    pub fn is_stop_word(&self, word: &str) -> bool {
        self.stop.contains(self.fold.apply(word).as_ref())
    }

    /// Whether plurals are merged by the English rules ("troops" with
    /// "troop"): only for English, where they hold.
    pub(super) fn merges_english_plurals(&self) -> bool {
        self.code == "en"
    }

    /// Whether suffixes follow an apostrophe on names and numbers
    /// ("Ankara'da", "50'ye"), as in Turkish: the phrase ends at the name.
    pub(super) fn has_apostrophe_suffixes(&self) -> bool {
        self.code == "tr"
    }

    /// How many bytes of `word` an elided article or pronoun takes ("l'" of
    /// "l'armée"), 0 if none.
    pub(super) fn elision_len(&self, word: &str) -> usize {
        if self.elisions.is_empty() {
            return 0;
        }
        let Some((at, apostrophe)) = word
            .char_indices()
            .find(|&(_, c)| c == '\'' || c == '\u{2019}')
        else {
            return 0;
        };
        let rest = at + apostrophe.len_utf8();
        let elided = lowercase(word.get(..at).unwrap_or_default());
        let has_letters = word
            .get(rest..)
            .is_some_and(|r| r.chars().any(is_alphabetic));
        if has_letters && self.elisions.contains(&elided.as_str()) {
            rest
        } else {
            0
        }
    }
}
