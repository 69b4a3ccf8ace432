//! Letter classes and lower case of characters, read from a table for Latin, Greek and Cyrillic (below U+0530) and from std beyond: always std's answers, faster.
//!
//! std answers `is_alphabetic`, `is_uppercase` and `to_lowercase` for a
//! non-ASCII character by searching tables of all of Unicode: cheap for
//! English, where such characters are rare, but a third of the modules'
//! time on Russian or Polish news, where every word has them. The table
//! here is built once from std's own answers, so it cannot disagree with
//! them (a test checks every character).

use std::char::ToLowercase;
use std::sync::LazyLock;

/// Characters below this have their answers in the table.
const TABLE_END: usize = 0x530;

const ALPHABETIC: u8 = 1;
const UPPERCASE: u8 = 2;
const LOWERCASE: u8 = 4;
const NUMERIC: u8 = 8;

/// `lower` of a character whose lower case is not one character below
/// [`TABLE_END`] (only `İ`, whose lower case is two characters).
const NOT_SIMPLE: u16 = u16::MAX;

#[derive(Debug, Clone, Copy)]
struct Entry {
    flags: u8,
    lower: u16,
}

static TABLE: LazyLock<Box<[Entry]>> = LazyLock::new(|| {
    (0..TABLE_END as u32)
        .map(|code| {
            let Some(c) = char::from_u32(code) else {
                return Entry {
                    flags: 0,
                    lower: NOT_SIMPLE,
                };
            };
            let flags = [
                (c.is_alphabetic(), ALPHABETIC),
                (c.is_uppercase(), UPPERCASE),
                (c.is_lowercase(), LOWERCASE),
                (c.is_numeric(), NUMERIC),
            ]
            .into_iter()
            .filter(|&(has, _)| has)
            .fold(0, |flags, (_, flag)| flags | flag);
            let mut lower = c.to_lowercase();
            let lower = match (lower.next(), lower.next()) {
                (Some(one), None) if (one as usize) < TABLE_END => one as u16,
                _ => NOT_SIMPLE,
            };
            Entry { flags, lower }
        })
        .collect()
});

#[inline]
fn flags(c: char) -> Option<u8> {
    TABLE.get(c as usize).map(|entry| entry.flags)
}

/// [`char::is_alphabetic`].
#[inline]
pub fn is_alphabetic(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphabetic()
    } else {
        flags(c).map_or_else(|| c.is_alphabetic(), |f| f & ALPHABETIC != 0)
    }
}

/// [`char::is_alphanumeric`].
#[inline]
pub fn is_alphanumeric(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        flags(c).map_or_else(|| c.is_alphanumeric(), |f| f & (ALPHABETIC | NUMERIC) != 0)
    }
}

/// [`char::is_uppercase`].
#[inline]
pub fn is_uppercase(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_uppercase()
    } else {
        flags(c).map_or_else(|| c.is_uppercase(), |f| f & UPPERCASE != 0)
    }
}

/// [`char::is_lowercase`].
#[inline]
pub fn is_lowercase(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_lowercase()
    } else {
        flags(c).map_or_else(|| c.is_lowercase(), |f| f & LOWERCASE != 0)
    }
}

/// [`char::is_numeric`].
#[inline]
pub fn is_numeric(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_digit()
    } else {
        flags(c).map_or_else(|| c.is_numeric(), |f| f & NUMERIC != 0)
    }
}

/// [`char::to_lowercase`]: the characters of `c` in lower case.
#[inline]
pub fn to_lowercase(c: char) -> Lowercase {
    if c.is_ascii() {
        return Lowercase::One(Some(c.to_ascii_lowercase()));
    }
    match TABLE.get(c as usize) {
        Some(entry) if entry.lower != NOT_SIMPLE => {
            Lowercase::One(char::from_u32(u32::from(entry.lower)))
        }
        _ => Lowercase::Std(c.to_lowercase()),
    }
}

/// Appends `c` in lower case to `out`: what `out.extend(to_lowercase(c))`
/// does, without an iterator for the usual character whose lower case is one
/// character.
#[inline]
pub fn push_lowercase(out: &mut String, c: char) {
    for_each_lowercase(c, |lower| out.push(lower));
}

/// Calls `f` with each character of `c` in lower case: what
/// `to_lowercase(c).for_each(f)` does, without an iterator for the usual
/// character whose lower case is one character.
#[inline]
pub fn for_each_lowercase(c: char, mut f: impl FnMut(char)) {
    match one_lowercase(c) {
        Some(lower) => f(lower),
        None => c.to_lowercase().for_each(f),
    }
}

/// The lower case of `c` when it is one character and the table (or ASCII)
/// knows it; `None` sends the caller to [`char::to_lowercase`].
#[inline]
fn one_lowercase(c: char) -> Option<char> {
    if c.is_ascii() {
        return Some(c.to_ascii_lowercase());
    }
    match TABLE.get(c as usize) {
        Some(entry) if entry.lower != NOT_SIMPLE => char::from_u32(u32::from(entry.lower)),
        _ => None,
    }
}

/// [`str::to_lowercase`] of `text`.
pub fn lowercase(text: &str) -> String {
    if text.is_ascii() {
        text.to_ascii_lowercase()
    } else if text.contains('Σ') {
        // Only capital sigma lowers by context (final ς): std knows how.
        text.to_lowercase()
    } else {
        let mut out = String::with_capacity(text.len());
        text.chars().for_each(|c| push_lowercase(&mut out, c));
        out
    }
}

/// The lower case of one character, as [`to_lowercase`] gives it.
#[derive(Debug, Clone)]
pub enum Lowercase {
    /// One character (or none left).
    One(Option<char>),
    /// std's answer, for characters the table does not hold.
    Std(ToLowercase),
}

impl Iterator for Lowercase {
    type Item = char;

    #[inline]
    fn next(&mut self) -> Option<char> {
        match self {
            Lowercase::One(c) => c.take(),
            Lowercase::Std(rest) => rest.next(),
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        match self {
            Lowercase::One(c) => {
                let n = usize::from(c.is_some());
                (n, Some(n))
            }
            Lowercase::Std(rest) => rest.size_hint(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every character, inside the table and out, gets std's answer.
    #[test]
    fn every_character_is_answered_as_std_answers() {
        for c in (0..=char::MAX as u32).filter_map(char::from_u32) {
            assert_eq!(is_alphabetic(c), c.is_alphabetic(), "{c:?}");
            assert_eq!(is_alphanumeric(c), c.is_alphanumeric(), "{c:?}");
            assert_eq!(is_uppercase(c), c.is_uppercase(), "{c:?}");
            assert_eq!(is_lowercase(c), c.is_lowercase(), "{c:?}");
            assert_eq!(is_numeric(c), c.is_numeric(), "{c:?}");
            assert!(to_lowercase(c).eq(c.to_lowercase()), "{c:?}");
            let mut pushed = String::new();
            push_lowercase(&mut pushed, c);
            assert_eq!(pushed, c.to_lowercase().collect::<String>(), "{c:?}");
        }
    }

    #[test]
    fn strings_lower_as_std_lowers_them() {
        for text in [
            "",
            "Plain ASCII",
            "ZAŻÓŁĆ GĘŚLĄ JAŹŃ",
            "Президент РОССИИ",
            "İSTANBUL",
            "ΟΔΥΣΣΕΥΣ ΣΑΣ",
            "Straße ǅemal",
            "日本 Ⅻ ＡＢＣ",
        ] {
            assert_eq!(lowercase(text), text.to_lowercase(), "{text:?}");
        }
    }
}
