//! The lookup key of a place name: the one spelling that "St. Petersburg", "Saint-Pétersbourg" and "SAINT PETERSBURG" share.
//!
//! The gazetteer stores its names already in this form and the resolver
//! normalises each query the same way, so one function serves both sides and
//! a change here needs a rebuild of `models/gazetteer.bin` (the format
//! version in [`super::gazetteer`] says so).

use unicode_normalization::char::is_combining_mark;

use crate::text::chars::{is_alphanumeric, push_lowercase};
use crate::text::normal_forms::nfkd_unordered;

/// Names longer than this (in bytes) are not place names; refusing them keeps
/// the cost of a query bounded whatever the tagger hands us.
pub const MAX_NAME_BYTES: usize = 160;

/// The normalised key of `name`: case-folded, without diacritics, with
/// apostrophes and dots dropped ("U.S." = "US", "d'Ivoire" = "dIvoire"), any
/// other punctuation as a space, a leading "the" dropped, and the usual
/// abbreviations spelled out ("St." = "Saint", "Mt." = "Mount").
///
/// Empty when nothing of the name is left, or when it is longer than
/// [`MAX_NAME_BYTES`].
pub fn key(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    if name.len() > MAX_NAME_BYTES {
        return out;
    }
    let mut folded = String::with_capacity(name.len());
    // Most names are ASCII, which has nothing to decompose. Every mark is
    // dropped, so their order does not matter.
    if name.is_ascii() {
        name.chars().for_each(|c| fold(c, &mut folded));
    } else {
        nfkd_unordered(name)
            .filter(|c| !is_combining_mark(*c))
            .for_each(|c| fold(c, &mut folded));
    }
    join_words(&folded, &mut out);
    out
}

/// Appends the words of `folded` to `out`, one space apart, without a
/// leading "the" and with abbreviations spelled out.
fn join_words(folded: &str, out: &mut String) {
    for (i, word) in folded.split_whitespace().enumerate() {
        if i == 0 && word == "the" {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(spelled_out(word));
    }
}

/// Append one decomposed character to the folded name: lower case, Latin
/// letters NFKD leaves whole spelled in ASCII, dots and apostrophes dropped,
/// other punctuation as a space.
fn fold(c: char, folded: &mut String) {
    match c {
        '\'' | '’' | 'ʼ' | '‘' | 'ʻ' | '`' | '´' | '.' => {}
        'ß' => folded.push_str("ss"),
        'æ' | 'Æ' => folded.push_str("ae"),
        'œ' | 'Œ' => folded.push_str("oe"),
        'ø' | 'Ø' => folded.push('o'),
        'ł' | 'Ł' => folded.push('l'),
        'đ' | 'Đ' | 'ð' | 'Ð' => folded.push('d'),
        'þ' | 'Þ' => folded.push_str("th"),
        'ı' => folded.push('i'),
        'ħ' | 'Ħ' => folded.push('h'),
        c if c.is_ascii_alphanumeric() => folded.push(c.to_ascii_lowercase()),
        c if is_alphanumeric(c) => push_lowercase(folded, c),
        _ => folded.push(' '),
    }
}

/// The full word for an abbreviation that place names use in both forms.
fn spelled_out(word: &str) -> &str {
    match word {
        "st" => "saint",
        "ste" => "sainte",
        "mt" => "mount",
        "ft" => "fort",
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use unicode_normalization::UnicodeNormalization;

    use super::*;

    /// [`key`] by the decomposition of the whole name, as it was built.
    fn key_by_nfkd(name: &str) -> String {
        let mut folded = String::new();
        name.nfkd()
            .filter(|c| !is_combining_mark(*c))
            .for_each(|c| fold(c, &mut folded));
        let mut out = String::new();
        join_words(&folded, &mut out);
        out
    }

    #[test]
    fn keys_from_the_decomposition_table_are_the_keys_of_whole_names() {
        let below: Vec<char> = (0x80..0x530).filter_map(char::from_u32).collect();
        let others = [
            'a', 'ж', 'Й', 'é', '\u{301}', '\u{308}', '\u{483}', ' ', '.', 'ǅ',
        ];
        for &c in &below {
            for &d in others.iter().chain(below.iter().step_by(11)) {
                for name in [format!("{c}{d}"), format!("{d}{c}"), format!("{c} x{d}")] {
                    assert_eq!(key(&name), key_by_nfkd(&name), "{name:?}");
                }
            }
        }
        for name in [
            "Москва",
            "Курск",
            "Йошкар-Ола",
            "Łódź",
            "Ελλάδα",
            "Ǆemal",
            "½ Mile",
        ] {
            assert_eq!(key(name), key_by_nfkd(name), "{name:?}");
        }
        assert_eq!(key("Йошкар-Ола"), "иошкар ола");
    }

    #[test]
    fn case_and_diacritics_do_not_matter() {
        assert_eq!(key("Köln"), key("KOLN"));
        assert_eq!(key("Zürich"), "zurich");
        assert_eq!(key("São Paulo"), "sao paulo");
        assert_eq!(key("Łódź"), "lodz");
        assert_eq!(key("Düsseldorf"), key("Dusseldorf"));
    }

    #[test]
    fn saint_and_st_are_one_key() {
        assert_eq!(key("St. Petersburg"), "saint petersburg");
        assert_eq!(key("St Petersburg"), key("Saint-Petersburg"));
        assert_eq!(key("Mt. Everest"), "mount everest");
    }

    #[test]
    fn dots_and_apostrophes_vanish_other_punctuation_splits() {
        assert_eq!(key("U.S."), "us");
        assert_eq!(key("Côte d'Ivoire"), "cote divoire");
        assert_eq!(key("Arkhangel’sk"), "arkhangelsk");
        assert_eq!(key("Rostov-on-Don"), "rostov on don");
        assert_eq!(key("Washington, D.C."), "washington dc");
    }

    #[test]
    fn a_leading_the_is_dropped() {
        assert_eq!(key("the Netherlands"), "netherlands");
        assert_eq!(key("The Hague"), "hague");
        assert_eq!(key("Theodore"), "theodore");
    }

    #[test]
    fn nothing_left_or_too_long_is_empty() {
        assert_eq!(key(""), "");
        assert_eq!(key(" .,-!? "), "");
        assert_eq!(key(&"a".repeat(MAX_NAME_BYTES + 1)), "");
    }
}
