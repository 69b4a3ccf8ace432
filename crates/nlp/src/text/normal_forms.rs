//! NFC and NFKC quick checks and NFKD of Latin, Greek and Cyrillic text from tables, without `unicode-normalization`'s search of its tables per character.
//!
//! A run of characters that are each a starter (canonical combining class 0)
//! and Yes on their own passes the quick check: only a non-starter or a
//! character that is not Yes makes the check look at its neighbours. The
//! tables hold that answer, and each character's NFKD, for every character
//! below [`TABLE_END`], built once from `unicode-normalization`'s own
//! answers, so they cannot disagree with it; anything else goes to
//! `unicode-normalization` as before.

use std::sync::LazyLock;

use unicode_normalization::char::canonical_combining_class;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick, is_nfkc_quick};

/// Characters below this have their answers in the tables: Latin, Greek and
/// Cyrillic.
const TABLE_END: usize = 0x530;

const PLAIN_NFC: u8 = 1;
const PLAIN_NFKC: u8 = 2;

static TABLE: LazyLock<Box<[u8]>> = LazyLock::new(|| {
    (0..TABLE_END as u32)
        .map(|code| {
            let Some(c) = char::from_u32(code) else {
                return 0;
            };
            if canonical_combining_class(c) != 0 {
                return 0;
            }
            let nfc = is_nfc_quick(std::iter::once(c)) == IsNormalized::Yes;
            let nfkc = is_nfkc_quick(std::iter::once(c)) == IsNormalized::Yes;
            (u8::from(nfc) * PLAIN_NFC) | (u8::from(nfkc) * PLAIN_NFKC)
        })
        .collect()
});

/// Each character's NFKD, for the characters below [`TABLE_END`].
static DECOMPOSED: LazyLock<Box<[Box<str>]>> = LazyLock::new(|| {
    (0..TABLE_END as u32)
        .map(|code| match char::from_u32(code) {
            Some(c) => std::iter::once(c)
                .nfkd()
                .collect::<String>()
                .into_boxed_str(),
            None => Box::default(),
        })
        .collect()
});

/// The characters of `text`'s NFKD, except that the combining marks are not
/// put in canonical order when every character is below U+0530: each
/// character's decomposition comes from the table, joined as written.
///
/// Canonical order only moves marks with a combining class past marks with
/// a lower one, so a caller that drops every mark below U+0530 but those of
/// class 230 (U+0483 to U+0487; dropping U+0300 to U+036F, say) sees exactly
/// what `nfkd()` would give it.
pub fn nfkd_unordered(text: &str) -> impl Iterator<Item = char> + '_ {
    let table = text
        .chars()
        .all(|c| (c as usize) < TABLE_END)
        .then(|| &*DECOMPOSED);
    let (tabled, searched) = match table {
        Some(table) => (
            Some(text.chars().flat_map(|c| table[c as usize].chars())),
            None,
        ),
        None => (None, Some(text.nfkd())),
    };
    tabled
        .into_iter()
        .flatten()
        .chain(searched.into_iter().flatten())
}

/// Whether every character of `text` is a starter below U+0530 with `flag`.
fn all_plain(text: &str, flag: u8) -> bool {
    let table = &*TABLE;
    text.chars()
        .all(|c| table.get(c as usize).is_some_and(|&f| f & flag != 0))
}

/// Whether `text` passes the NFC quick check (is NFC for certain).
pub fn is_nfc(text: &str) -> bool {
    text.is_ascii() || all_plain(text, PLAIN_NFC) || is_nfc_quick(text.chars()) == IsNormalized::Yes
}

/// Whether `text` passes the NFKC quick check (is NFKC for certain).
pub fn is_nfkc(text: &str) -> bool {
    text.is_ascii()
        || all_plain(text, PLAIN_NFKC)
        || is_nfkc_quick(text.chars()) == IsNormalized::Yes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_as_unicode_normalization_does_for_every_character_and_pair() {
        let below: Vec<char> = (0..TABLE_END as u32).filter_map(char::from_u32).collect();
        let marks = ['\u{301}', '\u{327}', '\u{483}', 'a', 'ж', 'ﬁ', '\u{2126}'];
        for &c in &below {
            for text in [c.to_string(), format!("{c}a"), format!("a{c}")]
                .into_iter()
                .chain(marks.iter().map(|m| format!("{c}{m}")))
            {
                let nfc = is_nfc_quick(text.chars()) == IsNormalized::Yes;
                let nfkc = is_nfkc_quick(text.chars()) == IsNormalized::Yes;
                assert_eq!(is_nfc(&text), nfc, "NFC of {text:?}");
                assert_eq!(is_nfkc(&text), nfkc, "NFKC of {text:?}");
            }
        }
    }

    #[test]
    fn every_pair_of_plain_characters_passes_the_quick_checks() {
        let plain = |flag: u8| -> Vec<char> {
            (0x80..TABLE_END as u32)
                .filter_map(char::from_u32)
                .filter(|&c| TABLE[c as usize] & flag != 0)
                .collect()
        };
        let (nfc, nfkc) = (plain(PLAIN_NFC), plain(PLAIN_NFKC));
        assert!(nfkc.len() > 1_000, "{} NFKC characters", nfkc.len());
        assert!(nfc.len() >= nfkc.len());
        for (chars, quick) in [
            (&nfc, is_nfc_quick::<std::vec::IntoIter<char>> as fn(_) -> _),
            (
                &nfkc,
                is_nfkc_quick::<std::vec::IntoIter<char>> as fn(_) -> _,
            ),
        ] {
            for &a in chars {
                for &b in chars.iter().step_by(7) {
                    assert_eq!(
                        quick(vec![a, b].into_iter()),
                        IsNormalized::Yes,
                        "{a:?}{b:?}"
                    );
                }
            }
        }
        for c in ['\u{301}', '\u{483}', 'ǅ', 'ſ', 'ŉ', '\u{340}'] {
            assert_eq!(TABLE[c as usize] & PLAIN_NFKC, 0, "{c:?} is not plain NFKC");
        }
    }

    #[test]
    fn nfkd_without_marks_is_nfkd_without_marks_for_every_pair() {
        let below: Vec<char> = (0x80..TABLE_END as u32)
            .filter_map(char::from_u32)
            .collect();
        let others = [
            'a', 'ж', 'é', '\u{301}', '\u{327}', '\u{483}', '\u{5b0}', 'ﬁ', ' ',
        ];
        let marks = |c: &char| ('\u{300}'..='\u{36f}').contains(c);
        for &c in &below {
            for &d in others.iter().chain(below.iter().step_by(5)) {
                for text in [format!("{c}{d}"), format!("{d}{c}"), format!("{c}{d}{c}")] {
                    let fast: String = nfkd_unordered(&text).filter(|c| !marks(c)).collect();
                    let slow: String = text.nfkd().filter(|c| !marks(c)).collect();
                    assert_eq!(fast, slow, "{text:?}");
                }
            }
        }
        assert_eq!(nfkd_unordered("Йод").collect::<String>(), "И\u{306}од");
        assert_eq!(nfkd_unordered("½ א").collect::<String>(), "1⁄2 א");
    }

    #[test]
    fn latin_and_cyrillic_words_are_plain_and_marks_are_not() {
        assert!(all_plain("Łódź Москва Ελλάδα", PLAIN_NFC | PLAIN_NFKC));
        // A combining acute is not a starter; `ª` is NFC but not NFKC.
        assert!(!all_plain("e\u{301}", PLAIN_NFC));
        assert!(all_plain("ª", PLAIN_NFC) && !all_plain("ª", PLAIN_NFKC));
        assert!(is_nfc("ª") && !is_nfkc("ª"));
        assert!(!is_nfc("e\u{301}") && !is_nfkc("e\u{301}"));
    }
}
