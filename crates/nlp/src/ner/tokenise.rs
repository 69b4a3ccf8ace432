//! Running news text cut into tokens the way CoNLL-2003 was tokenised, so the tagger sees the tokens it was trained on.
//!
//! The project's tokens ([`crate::text::tokens`]) are close to CoNLL's; three
//! rules bring them the rest of the way:
//!
//! - a full stop stays on an abbreviation that takes one (`U.S.`, `Corp.`,
//!   `J.`, `Mr.`), as in the corpus, where such a word keeps its stop even
//!   at the end of a sentence;
//! - words joined by single hyphens with no space are one token
//!   (`all-rounder`, `1996-08-30`, `6-2`, `Saint-Denis`);
//! - clitics are split off their host (`do` `n't`, `Smith` `'s`, `we`
//!   `'ll`), with the typographic apostrophe as well as the straight one.
//!
//! Other languages' data is cut the same way except for the apostrophe
//! ([`tokens_in`]): French and Italian split an elided article or
//! preposition off the word it leans on (`l'` `Union`, `dell'` `Europa`),
//! as their entity data does, and the other languages leave apostrophes
//! inside the word (Dutch `zo'n`, `foto's`).
//!
//! Curly quotes and dashes stay as written (the byte ranges must slice the
//! text); the tagger folds them to CoNLL's ASCII when it analyses a word.

use std::ops::Range;

use crate::text::sentences::takes_full_stop;
use crate::text::{TokenKind, tokens};

/// The tokens of `sentence` in CoNLL-2003's conventions: each with its byte
/// range in `sentence` and its text (`&sentence[range]`).
pub fn conll_tokens(sentence: &str) -> Vec<(Range<usize>, &str)> {
    cut(sentence, clitic_start)
}

/// The tokens of `sentence` for a tagger of `language` (ISO 639-1): as
/// [`conll_tokens`] for English (and an unknown language), with elisions
/// split off for French and Italian and apostrophes left alone otherwise.
pub fn tokens_in<'s>(sentence: &'s str, language: &str) -> Vec<(Range<usize>, &'s str)> {
    match language {
        "en" => cut(sentence, clitic_start),
        "fr" => cut(sentence, |word| elision_end(word, FRENCH_ELISIONS)),
        "it" => cut(sentence, |word| elision_end(word, ITALIAN_ELISIONS)),
        _ => cut(sentence, |_| None),
    }
}

/// Cuts `sentence` into tokens, splitting each word in two where `split`
/// says (a byte offset into the word).
fn cut(sentence: &str, split: impl Fn(&str) -> Option<usize>) -> Vec<(Range<usize>, &str)> {
    let base: Vec<(TokenKind, Range<usize>)> = tokens(sentence)
        .map(|t| (t.kind, t.span.byte_range()))
        .collect();
    let mut out = Vec::with_capacity(base.len() + base.len() / 8);
    let mut i = 0;
    while i < base.len() {
        let (kind, range) = &base[i];
        i += 1;
        if *kind == TokenKind::Punct {
            out.push((range.clone(), &sentence[range.clone()]));
            continue;
        }
        let start = range.start;
        let mut end = range.end;
        // Hyphenated compounds: word, a lone hyphen, word, all touching.
        while let (Some((TokenKind::Punct, hyphen)), Some((next_kind, next))) =
            (base.get(i), base.get(i + 1))
        {
            let joins = hyphen.start == end
                && next.start == hyphen.end
                && &sentence[hyphen.clone()] == "-"
                && *next_kind != TokenKind::Punct;
            if !joins {
                break;
            }
            end = next.end;
            i += 2;
        }
        // A full stop that belongs to an abbreviation.
        if let Some((TokenKind::Punct, stop)) = base.get(i)
            && stop.start == end
            && &sentence[stop.clone()] == "."
            && takes_full_stop(&sentence[start..end])
        {
            end = stop.end;
            i += 1;
        }
        let word = &sentence[start..end];
        match split(word) {
            Some(split) => {
                out.push((start..start + split, &word[..split]));
                out.push((start + split..end, &word[split..]));
            }
            None => out.push((start..end, word)),
        }
    }
    out
}

/// French words written elided before a vowel, lower case (`l'Union`,
/// `qu'il`, `jusqu'à`).
const FRENCH_ELISIONS: &[&str] = &[
    "c", "d", "j", "jusqu", "l", "lorsqu", "m", "n", "presqu", "puisqu", "qu", "quoiqu", "s", "t",
];

/// Italian articles, prepositions with articles and pronouns written elided
/// (`l'Italia`, `dell'Unione`, `nell'ambito`, `un'azienda`).
const ITALIAN_ELISIONS: &[&str] = &[
    "all", "alcun", "bell", "c", "coll", "d", "dall", "dell", "l", "m", "nell", "nessun", "pover",
    "quell", "quest", "s", "sull", "t", "tutt", "un", "v",
];

/// Where the word after an elided first word starts (just past the
/// apostrophe), when `word` begins with one of `elisions` (any case, so
/// `L'Union` too) and a letter follows the apostrophe.
fn elision_end(word: &str, elisions: &[&str]) -> Option<usize> {
    let at = word.find(['\'', '\u{2019}'])?;
    let after = at + word[at..].chars().next()?.len_utf8();
    let elided = &word[..at];
    let known = elisions.iter().any(|e| e.eq_ignore_ascii_case(elided));
    let letter_follows = word[after..]
        .chars()
        .next()
        .is_some_and(char::is_alphabetic);
    (known && letter_follows).then_some(after)
}

/// Where the clitic at the end of `word` starts, if it has one after a
/// non-empty host: `n't`, `'s`, `'re`, `'ve`, `'ll`, `'d`, `'m`.
fn clitic_start(word: &str) -> Option<usize> {
    for apostrophe in ["'", "\u{2019}"] {
        let Some(at) = word.rfind(apostrophe) else {
            continue;
        };
        let after = &word[at + apostrophe.len()..];
        let before = &word[..at];
        if before.is_empty() {
            return None;
        }
        if after.eq_ignore_ascii_case("t")
            && before.len() > 1
            && before.to_ascii_lowercase().ends_with('n')
        {
            // "don't" -> "do" "n't"; "can't" -> "ca" "n't", as Penn does.
            return Some(at - 1);
        }
        let is_clitic = ["s", "re", "ve", "ll", "d", "m"]
            .iter()
            .any(|c| after.eq_ignore_ascii_case(c));
        if is_clitic {
            return Some(at);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(sentence: &str) -> Vec<&str> {
        conll_tokens(sentence).into_iter().map(|(_, t)| t).collect()
    }

    fn texts_in<'s>(sentence: &'s str, language: &str) -> Vec<&'s str> {
        tokens_in(sentence, language)
            .into_iter()
            .map(|(_, t)| t)
            .collect()
    }

    #[test]
    fn french_and_italian_elisions_are_split_as_their_data_writes_them() {
        assert_eq!(
            texts_in(
                "L'Union européenne et l’Allemagne, jusqu'à Aujourd'hui.",
                "fr"
            ),
            [
                "L'",
                "Union",
                "européenne",
                "et",
                "l’",
                "Allemagne",
                ",",
                "jusqu'",
                "à",
                "Aujourd'hui",
                "."
            ]
        );
        assert_eq!(
            texts_in("Dell'Unione, nell'ambito di Sant'Angelo.", "it"),
            [
                "Dell'",
                "Unione",
                ",",
                "nell'",
                "ambito",
                "di",
                "Sant'Angelo",
                "."
            ]
        );
        // No English clitics elsewhere: Dutch keeps "zo'n" and "foto's".
        assert_eq!(texts_in("zo'n foto's", "nl"), ["zo'n", "foto's"]);
        assert_eq!(texts_in("Smith's", "de"), ["Smith's"]);
        assert_eq!(texts_in("Smith's", "en"), texts("Smith's"));
        // An apostrophe with nothing after it splits nothing.
        assert_eq!(texts_in("l' ", "fr"), ["l", "'"]);
    }

    #[test]
    fn abbreviations_keep_their_full_stop_and_sentences_lose_theirs() {
        assert_eq!(
            texts("The U.S. firm Acme Corp. and Mr. J. Smith left."),
            [
                "The", "U.S.", "firm", "Acme", "Corp.", "and", "Mr.", "J.", "Smith", "left", "."
            ]
        );
    }

    #[test]
    fn clitics_split_off_their_host_with_either_apostrophe() {
        assert_eq!(
            texts("I don't think Russia's war can’t end; they’ll see."),
            [
                "I", "do", "n't", "think", "Russia", "'s", "war", "ca", "n’t", "end", ";", "they",
                "’ll", "see", "."
            ]
        );
        assert_eq!(texts("players' cash"), ["players", "'", "cash"]);
    }

    #[test]
    fn hyphenated_words_dates_and_scores_stay_whole() {
        assert_eq!(
            texts("The all-rounder won 6-2 on 1996-08-30 - in Saint-Denis-en-Val."),
            [
                "The",
                "all-rounder",
                "won",
                "6-2",
                "on",
                "1996-08-30",
                "-",
                "in",
                "Saint-Denis-en-Val",
                "."
            ]
        );
        assert_eq!(
            texts("(MENAFN- UkrinForm)"),
            ["(", "MENAFN", "-", "UkrinForm", ")"]
        );
    }

    #[test]
    fn quotes_and_punctuation_are_tokens_and_ranges_slice_the_text() {
        let sentence = "“Today,” Rutte said -- $1.5 million (10%)...";
        let found = conll_tokens(sentence);
        assert_eq!(
            found.iter().map(|(_, t)| *t).collect::<Vec<_>>(),
            [
                "“", "Today", ",", "”", "Rutte", "said", "--", "$", "1.5", "million", "(", "10",
                "%", ")", "..."
            ]
        );
        for (range, text) in found {
            assert_eq!(&sentence[range], text);
        }
    }

    #[test]
    fn odd_input_yields_no_empty_tokens() {
        for text in [
            "",
            "   ",
            "'",
            "'s",
            "n't",
            "-",
            "a-",
            "-a",
            "a--b",
            "..",
            "A.",
            "Ω-Ж",
            "x\u{301}-y",
        ] {
            for (range, token) in conll_tokens(text) {
                assert!(!token.is_empty(), "{text:?}");
                assert_eq!(&text[range], token);
            }
        }
    }
}
