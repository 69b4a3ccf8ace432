//! Words of a stretch of text whose every character UAX #29 treats as it treats some ASCII one (Latin and Cyrillic letters, most punctuation and spaces), found without `unicode-segmentation`.
//!
//! [`super::words`] scans ASCII stretches itself and used to give every region
//! around a non-ASCII character to `unicode-segmentation`, so a Russian or
//! Polish text went through it almost whole. Most of those characters follow
//! the same few word rules as an ASCII one: a Cyrillic letter is an ALetter as
//! `x` is, `«` and `—` break as `-` does, `’` joins letters and digits as `.`
//! does. [`class`] says which, for the letters and punctuation of the
//! languages enricher reads; every other character is [`Class::Complex`], and
//! a region with one goes to `unicode-segmentation` as before. The table was
//! found by probing `unicode-segmentation` itself (each character against its
//! ASCII stand-in in every context up to four characters long), and
//! `every_classed_character_segments_as_its_ascii_stand_in` checks it again.

/// How UAX #29 word rules treat a character, by its ASCII stand-in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Class {
    /// Not handled here (Extend, Format, other scripts' letters or digits…).
    Complex,
    /// ALetter and alphanumeric, as `x`.
    Letter,
    /// Numeric, as `1` (ASCII digits only).
    Digit,
    /// ExtendNumLet, as `_` (`_` only).
    Connector,
    /// Joins two letters (MidLetter), as `:`.
    MidLetter,
    /// Joins two digits (MidNum), as `,`.
    MidNum,
    /// Joins two letters or two digits (MidNumLet, Single_Quote), as `.`.
    MidNumLet,
    /// Breaks and is never part of a word, as `-` (space, most punctuation).
    Other,
}

/// The non-ASCII characters below [`TABLE_END`] that are not [`Class::Complex`]:
/// Latin-1 and Latin Extended-A and -B, Cyrillic, Latin Extended Additional,
/// General Punctuation.
const RANGES: &[(u32, u32, Class)] = &[
    (0x0080, 0x00A9, Class::Other),
    (0x00AA, 0x00AA, Class::Letter),
    (0x00AB, 0x00AC, Class::Other),
    (0x00AE, 0x00B1, Class::Other),
    (0x00B4, 0x00B4, Class::Other),
    (0x00B5, 0x00B5, Class::Letter),
    (0x00B6, 0x00B6, Class::Other),
    (0x00B7, 0x00B7, Class::MidLetter),
    (0x00BA, 0x00BA, Class::Letter),
    (0x00BB, 0x00BB, Class::Other),
    (0x00BF, 0x00BF, Class::Other),
    (0x00C0, 0x00D6, Class::Letter),
    (0x00D7, 0x00D7, Class::Other),
    (0x00D8, 0x00F6, Class::Letter),
    (0x00F7, 0x00F7, Class::Other),
    (0x00F8, 0x024F, Class::Letter),
    (0x0400, 0x0481, Class::Letter),
    (0x0482, 0x0482, Class::Other),
    (0x048A, 0x052F, Class::Letter),
    (0x1E00, 0x1EFF, Class::Letter),
    (0x2000, 0x200B, Class::Other),
    (0x2010, 0x2017, Class::Other),
    (0x2018, 0x2019, Class::MidNumLet),
    (0x201A, 0x2023, Class::Other),
    (0x2024, 0x2024, Class::MidNumLet),
    (0x2025, 0x2026, Class::Other),
    (0x2027, 0x2027, Class::MidLetter),
    (0x2028, 0x2029, Class::Other),
    (0x2030, 0x203E, Class::Other),
    (0x2041, 0x2043, Class::Other),
    (0x2044, 0x2044, Class::MidNum),
    (0x2045, 0x2053, Class::Other),
    (0x2055, 0x205F, Class::Other),
];

/// The end of the table: every character from here on is [`Class::Complex`].
const TABLE_END: usize = 0x2070;

/// [`RANGES`] laid out for one lookup per character, at compile time (a
/// table built at run time costs every lookup a check that it is built).
static TABLE: [Class; TABLE_END] = {
    let mut table = [Class::Complex; TABLE_END];
    let mut range = 0;
    while range < RANGES.len() {
        let (first, last, class) = RANGES[range];
        let mut code = first as usize;
        while code <= last as usize {
            table[code] = class;
            code += 1;
        }
        range += 1;
    }
    table
};

/// How the word rules treat `c`.
#[inline]
pub(super) fn class(c: char) -> Class {
    if c.is_ascii() {
        return match c {
            'a'..='z' | 'A'..='Z' => Class::Letter,
            '0'..='9' => Class::Digit,
            '_' => Class::Connector,
            ':' => Class::MidLetter,
            ',' | ';' => Class::MidNum,
            '.' | '\'' => Class::MidNumLet,
            _ => Class::Other,
        };
    }
    TABLE.get(c as usize).copied().unwrap_or(Class::Complex)
}

/// Whether every character of `text` has a class other than [`Class::Complex`].
pub(super) fn is_plain(text: &str) -> bool {
    text.chars().all(|c| class(c) != Class::Complex)
}

/// The words of a text that [`is_plain`], with their byte offsets, as
/// `unicode_word_indices` gives them.
pub(super) fn plain_words(text: &str) -> PlainWords<'_> {
    PlainWords { text, pos: 0 }
}

/// Iterator made by [`plain_words`].
#[derive(Debug, Clone)]
pub(super) struct PlainWords<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> Iterator for PlainWords<'a> {
    type Item = (usize, &'a str);

    fn next(&mut self) -> Option<Self::Item> {
        let text = self.text;
        let rest = text.get(self.pos..)?;
        let mut chars = rest.char_indices().map(|(i, c)| (self.pos + i, class(c)));
        // A word starts at a letter, a digit or `_`.
        let (start, mut last) = chars.find(|&(_, class)| is_core(class))?;
        let mut end = text.len();
        let mut has_alphanumeric = last != Class::Connector;
        while let Some((at, class)) = chars.next() {
            if is_core(class) {
                last = class;
                has_alphanumeric |= class != Class::Connector;
                continue;
            }
            // A joiner between two letters or two digits keeps the word going
            // (WB6, WB7, WB11, WB12); anything else ends it.
            let after = chars.clone().next().map(|(_, class)| class);
            let letters = last == Class::Letter
                && after == Some(Class::Letter)
                && matches!(class, Class::MidLetter | Class::MidNumLet);
            let digits = last == Class::Digit
                && after == Some(Class::Digit)
                && matches!(class, Class::MidNum | Class::MidNumLet);
            if letters || digits {
                chars.next();
                continue;
            }
            end = at;
            break;
        }
        self.pos = end;
        if has_alphanumeric {
            Some((start, &text[start..end]))
        } else {
            // A run of `_` alone is a segment but not a word.
            self.next()
        }
    }
}

/// Letters, digits and `_`: part of a word by themselves.
#[inline]
fn is_core(class: Class) -> bool {
    matches!(class, Class::Letter | Class::Digit | Class::Connector)
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_segmentation::UnicodeSegmentation;

    /// The words of `text` as (first character, characters) pairs.
    fn char_spans(text: &str) -> Vec<(usize, usize)> {
        text.unicode_word_indices()
            .map(|(at, word)| (text[..at].chars().count(), word.chars().count()))
            .collect()
    }

    /// Every string of one to three characters over a few ASCII classes and
    /// `?`, with at least one `?`, and longer ones where a rule looks two
    /// characters away (WB6, WB7, WB11, WB12).
    fn templates() -> Vec<String> {
        let symbols = ['a', 'Z', '1', '_', '.', ',', ':', '\'', ' ', '-', '?'];
        let mut all = Vec::new();
        let mut current = vec![String::new()];
        for _ in 0..3 {
            current = current
                .iter()
                .flat_map(|prefix| {
                    symbols.iter().map(move |&c| {
                        let mut next = prefix.clone();
                        next.push(c);
                        next
                    })
                })
                .collect();
            all.extend(current.iter().filter(|t| t.contains('?')).cloned());
        }
        for longer in [
            "a?.b", "a.?b", "a?'b", "1?,2", "1,?2", "1?.2", "a?:b", "?a.b", "a.b?", "1.2?", "?1.2",
            "a??b", "1??2", "?.?.?", "?'?'?", "_?_a", "a_?_1",
        ] {
            all.push(longer.to_owned());
        }
        all
    }

    /// The ASCII character each class stands in for.
    fn stand_in(class: Class) -> Option<char> {
        match class {
            Class::Complex => None,
            Class::Letter => Some('x'),
            Class::Digit => Some('7'),
            Class::Connector => Some('_'),
            Class::MidLetter => Some(':'),
            Class::MidNum => Some(','),
            Class::MidNumLet => Some('.'),
            Class::Other => Some('-'),
        }
    }

    #[test]
    fn every_classed_character_segments_as_its_ascii_stand_in() {
        let templates = templates();
        let mut checked = 0;
        for c in (0x80..TABLE_END as u32).filter_map(char::from_u32) {
            let Some(ascii) = stand_in(class(c)) else {
                continue;
            };
            for template in &templates {
                let with_c = template.replace('?', &c.to_string());
                let with_ascii = template.replace('?', &ascii.to_string());
                assert_eq!(
                    char_spans(&with_c),
                    char_spans(&with_ascii),
                    "U+{:04X} in {template:?} segments unlike {ascii:?}",
                    c as u32
                );
            }
            checked += 1;
        }
        assert!(checked > 1_000, "{checked} characters classed");
    }

    #[test]
    fn combining_marks_format_characters_and_other_digits_are_complex() {
        for c in [
            '\u{301}', '\u{483}', '\u{ad}', '\u{200d}', '\u{2060}', '²', '½', '٣', 'α', 'א', '日',
        ] {
            assert_eq!(class(c), Class::Complex, "{c:?}");
        }
        assert!(!is_plain("Привет\u{301}"));
        assert!(is_plain("«Привет», — сказал он. Zażółć 3,5 млн"));
    }

    #[test]
    fn plain_words_are_unicode_words() {
        for text in [
            "«Привет», — сказал он. Zażółć gęślą jaźń: 3,5 млн руб.",
            "Владимир Путин’s d’Alembert l’Unione 10:30 a.m. 1.234,5",
            "___ _a a_ я_я __ 1’2 я·я я..я я. .я",
            "",
            "   ",
        ] {
            let expected: Vec<(usize, &str)> = text.unicode_word_indices().collect();
            assert_eq!(plain_words(text).collect::<Vec<_>>(), expected, "{text:?}");
        }
    }
}
