//! What the tagger knows about one word on its own: its hashed forms (exact, lower case, shape, affixes), case and flags.
//!
//! A word's analysis does not depend on where it stands, so a document
//! analyses each distinct word once ([`crate::ner::document`]). Typography
//! is folded first so that running text reads like CoNLL's copy: curly
//! quotes become `"` and `'`, en and em dashes `-`.

use super::classes::WordClasses;
use crate::text::chars::{
    is_alphabetic, is_alphanumeric, is_lowercase, is_numeric, is_uppercase, push_lowercase,
};
use crate::text::hash;

/// How many prefixes and suffixes are kept: lengths 1 to 4 characters.
pub const AFFIXES: usize = 4;

pub use super::classes::MAX_CLASSES;

/// The capitalisation of a word, for features and for a document's casing evidence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Case {
    /// No letters at all (`1996`, `,`).
    NoLetters = 0,
    /// The first letter is lower case (`said`, `iPhone`).
    Lower = 1,
    /// The first letter is upper case and some other is lower (`Reuters`, `McDonald`).
    Title = 2,
    /// Two or more letters, all upper case (`NATO`, `U.S.`).
    AllCaps = 3,
    /// One letter, upper case (`I`, `A`, `J.`).
    Initial = 4,
}

/// Flags of a word, one bit each.
pub mod flag {
    pub const HAS_DIGIT: u32 = 1 << 0;
    pub const ALL_DIGITS: u32 = 1 << 1;
    pub const HAS_HYPHEN: u32 = 1 << 2;
    pub const HAS_PERIOD: u32 = 1 << 3;
    pub const HAS_APOSTROPHE: u32 = 1 << 4;
    pub const PUNCTUATION: u32 = 1 << 5;
    pub const NON_ASCII: u32 = 1 << 6;
    pub const LONG: u32 = 1 << 7;
    pub const ENDS_IN_PERIOD: u32 = 1 << 8;
    pub const YEAR_LIKE: u32 = 1 << 9;
    /// Flags that exist, for iterating.
    pub const COUNT: u32 = 10;
}

/// One distinct word of a document, analysed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WordInfo {
    /// The folded word.
    pub exact: u64,
    /// The folded word in lower case.
    pub lower: u64,
    /// Its shape with runs capped at four (`Xxxxx`, `dddd-dd-dd`).
    pub shape: u64,
    /// Its shape with runs collapsed (`Xx`, `d-d-d`).
    pub short_shape: u64,
    /// Hashes of the first 1..=4 characters (0 when the word is shorter).
    pub prefixes: [u64; AFFIXES],
    /// Hashes of the last 1..=4 characters (0 when the word is shorter).
    pub suffixes: [u64; AFFIXES],
    /// [`flag`] bits.
    pub flags: u32,
    /// Its capitalisation.
    pub case: Case,
    /// Word-class ids from a [`WordClasses`](super::features::WordClasses) source, 0 for none.
    pub classes: [u32; MAX_CLASSES],
}

/// Seeds that keep the hashes of different kinds of string apart.
mod seed {
    pub const EXACT: u64 = 1;
    pub const LOWER: u64 = 2;
    pub const SHAPE: u64 = 3;
    pub const SHORT_SHAPE: u64 = 4;
    pub const PREFIX: u64 = 5;
    pub const SUFFIX: u64 = 6;
    pub const WRITTEN: u64 = 7;
}

/// Analyses words, reusing its buffers so that a document allocates only
/// as many times as its longest word grows them.
#[derive(Debug, Default)]
pub struct Analyser {
    folded: String,
    lower: String,
    shape: String,
    short_shape: String,
}

impl Analyser {
    /// The analysis of `word` (any text; an empty word is analysed like any other).
    pub fn analyse(&mut self, word: &str) -> WordInfo {
        fold_into(word, &mut self.folded);
        let folded = self.folded.as_str();
        self.lower.clear();
        if folded.is_ascii() {
            self.lower.push_str(folded);
            self.lower.make_ascii_lowercase();
        } else {
            folded
                .chars()
                .for_each(|c| push_lowercase(&mut self.lower, c));
        }
        shapes(folded, &mut self.shape, &mut self.short_shape);
        let mut prefixes = [0; AFFIXES];
        let mut suffixes = [0; AFFIXES];
        let mut char_ends = folded.char_indices().map(|(i, c)| i + c.len_utf8());
        for (n, prefix) in prefixes.iter_mut().enumerate() {
            if let Some(end) = char_ends.next() {
                *prefix = hash::bytes(seed::PREFIX + 16 * n as u64, &folded.as_bytes()[..end]);
            }
        }
        let mut char_starts = folded.char_indices().rev().map(|(i, _)| i);
        for (n, suffix) in suffixes.iter_mut().enumerate() {
            if let Some(start) = char_starts.next() {
                *suffix = hash::bytes(seed::SUFFIX + 16 * n as u64, &folded.as_bytes()[start..]);
            }
        }
        WordInfo {
            exact: hash::bytes(seed::EXACT, folded.as_bytes()),
            lower: lower_hash(&self.lower),
            shape: hash::bytes(seed::SHAPE, self.shape.as_bytes()),
            short_shape: hash::bytes(seed::SHORT_SHAPE, self.short_shape.as_bytes()),
            prefixes,
            suffixes,
            flags: flags(folded),
            case: case(folded),
            classes: [0; MAX_CLASSES],
        }
    }

    /// The analysis of `word` with its classes from `classes`, when there is a source.
    pub fn analyse_with(&mut self, word: &str, classes: Option<&dyn WordClasses>) -> WordInfo {
        let mut info = self.analyse(word);
        if let Some(classes) = classes {
            info.classes = classes.classes(&self.folded);
        }
        info
    }
}

/// A word's identity as written, before folding: the key a document and a
/// thread's cache of analyses know it by (two words sharing one of 2^64
/// keys would share an analysis, as two features sharing a hash share a weight).
pub fn word_key(word: &str) -> u64 {
    hash::bytes(seed::WRITTEN, word.as_bytes())
}

/// The hash of an already lower-cased word, as [`WordInfo::lower`] holds it:
/// the gazetteer builds its phrases from the same hashes.
pub fn lower_hash(lower: &str) -> u64 {
    hash::bytes(seed::LOWER, lower.as_bytes())
}

/// `word` with typography folded to CoNLL's ASCII conventions, into `out`.
pub(crate) fn fold_into(word: &str, out: &mut String) {
    out.clear();
    if word.is_ascii() {
        out.push_str(word);
        return;
    }
    for c in word.chars() {
        out.push(match c {
            '“' | '”' | '„' | '‟' | '″' | '«' | '»' => '"',
            '‘' | '’' | '‚' | '‛' | '′' | '`' => '\'',
            '–' | '—' | '‒' | '―' | '−' | '‐' | '‑' => '-',
            _ => c,
        });
    }
}

/// The word's shape (runs capped at four) and short shape (runs collapsed):
/// upper-case letters `X`, lower-case `x`, digits `d`, ASCII punctuation as
/// itself, anything else `o`.
fn shapes(word: &str, shape: &mut String, short_shape: &mut String) {
    shape.clear();
    short_shape.clear();
    let mut last = '\0';
    let mut run = 0;
    for c in word.chars() {
        let class = if is_uppercase(c) {
            'X'
        } else if is_lowercase(c) {
            'x'
        } else if is_numeric(c) {
            'd'
        } else if c.is_ascii() {
            c
        } else {
            'o'
        };
        if class == last {
            run += 1;
        } else {
            last = class;
            run = 1;
            short_shape.push(class);
        }
        if run <= 4 {
            shape.push(class);
        }
    }
}

fn flags(word: &str) -> u32 {
    let mut flags = 0;
    let mut digits = 0;
    let mut chars = 0;
    let mut alphanumeric = 0;
    for c in word.chars() {
        chars += 1;
        if is_numeric(c) {
            digits += 1;
        }
        if is_alphanumeric(c) {
            alphanumeric += 1;
        }
        match c {
            '-' => flags |= flag::HAS_HYPHEN,
            '.' => flags |= flag::HAS_PERIOD,
            '\'' => flags |= flag::HAS_APOSTROPHE,
            _ => {}
        }
        if !c.is_ascii() {
            flags |= flag::NON_ASCII;
        }
    }
    if digits > 0 {
        flags |= flag::HAS_DIGIT;
    }
    if digits > 0 && digits == chars {
        flags |= flag::ALL_DIGITS;
        if chars == 4 {
            flags |= flag::YEAR_LIKE;
        }
    }
    if chars > 0 && alphanumeric == 0 {
        flags |= flag::PUNCTUATION;
    }
    if chars > 12 {
        flags |= flag::LONG;
    }
    if chars > 1 && word.ends_with('.') {
        flags |= flag::ENDS_IN_PERIOD;
    }
    flags
}

/// The capitalisation of `word`, judged by its letters only.
pub fn case(word: &str) -> Case {
    let mut letters = word.chars().filter(|&c| is_alphabetic(c));
    let Some(first) = letters.next() else {
        return Case::NoLetters;
    };
    if !is_uppercase(first) {
        return Case::Lower;
    }
    let mut count = 1;
    let mut any_lower = false;
    for c in letters {
        count += 1;
        any_lower |= is_lowercase(c);
    }
    match (count, any_lower) {
        (1, _) => Case::Initial,
        (_, true) => Case::Title,
        (_, false) => Case::AllCaps,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shape_of(word: &str) -> (String, String) {
        let (mut long, mut short) = (String::new(), String::new());
        shapes(word, &mut long, &mut short);
        (long, short)
    }

    #[test]
    fn shapes_cap_or_collapse_runs() {
        assert_eq!(shape_of("Washington"), ("Xxxxx".into(), "Xx".into()));
        assert_eq!(
            shape_of("1996-08-30"),
            ("dddd-dd-dd".into(), "d-d-d".into())
        );
        assert_eq!(shape_of("U.S."), ("X.X.".into(), "X.X.".into()));
        assert_eq!(shape_of("Zoë"), ("Xxx".into(), "Xx".into()));
    }

    #[test]
    fn curly_quotes_and_dashes_read_as_conll_ascii() {
        let mut analyser = Analyser::default();
        assert_eq!(analyser.analyse("”"), analyser.analyse("\""));
        assert_eq!(analyser.analyse("’s"), analyser.analyse("'s"));
        assert_eq!(analyser.analyse("—"), analyser.analyse("-"));
    }

    #[test]
    fn lower_case_forms_match_across_capitalisation() {
        let mut analyser = Analyser::default();
        let a = analyser.analyse("JAPAN");
        let b = analyser.analyse("Japan");
        assert_eq!(a.lower, b.lower);
        assert_ne!(a.exact, b.exact);
        assert_eq!(a.lower, lower_hash("japan"));
    }

    #[test]
    fn affixes_are_characters_not_bytes() {
        let mut analyser = Analyser::default();
        let a = analyser.analyse("Zoë");
        assert_ne!(a.suffixes[0], 0);
        assert_ne!(a.suffixes[2], 0);
        assert_eq!(a.suffixes[3], 0);
        let empty = analyser.analyse("");
        assert_eq!(empty.prefixes, [0; AFFIXES]);
        assert_eq!(empty.case, Case::NoLetters);
    }

    #[test]
    fn case_reads_letters_only() {
        assert_eq!(case("U.S."), Case::AllCaps);
        assert_eq!(case("McDonald"), Case::Title);
        assert_eq!(case("J."), Case::Initial);
        assert_eq!(case("iPhone"), Case::Lower);
        assert_eq!(case("1996"), Case::NoLetters);
        assert_eq!(case("NATO's"), Case::Title);
    }
}
