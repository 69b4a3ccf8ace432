//! Mention clean-up: the tagger's spans trimmed to the name itself (no title, possessive, quotes or stray punctuation), or dropped.
//!
//! A tagger trained on CoNLL-2003 tags "President Yoon", "Putin's" and
//! "“NATO" as they come; grouping wants "Yoon", "Putin" and "NATO", with
//! offsets that still point at those exact characters. Spans that end up
//! empty, without a letter, or as a stop word ("The", "He") are dropped.
//! In an article of another language, that language's titles come off too
//! ("Bundeskanzler", "M.", "premiera") and its lone honorifics ("Frau",
//! "Mme") are dropped (titles.rs).

use super::keys::{is_acronym, is_apostrophe, name_key};
use super::titles::{is_lone_honorific, leading_title_words};
use super::{EntityType, RawMention};
use crate::text::chars::{is_alphabetic, is_alphanumeric, is_lowercase, to_lowercase};

/// The longest span kept, in code points. Real names are far shorter; the
/// bound keeps clean-up linear in the text even if a tagger goes wrong.
pub const MAX_MENTION_CHARS: usize = 200;

/// A mention after clean-up: code-point offsets into the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cleaned {
    pub start: usize,
    pub end: usize,
    pub kind: EntityType,
}

/// Words that a tagger occasionally tags but that never name anything alone.
/// Sorted for binary search.
const STOP_WORDS: &[&str] = &[
    "a", "an", "and", "as", "at", "but", "by", "dr", "for", "from", "he", "her", "here", "hers",
    "him", "his", "i", "in", "it", "its", "me", "mr", "mrs", "ms", "my", "of", "on", "or", "our",
    "s", "she", "that", "the", "their", "them", "there", "these", "they", "this", "those", "to",
    "we", "what", "which", "who", "with", "you", "your",
];

/// Abbreviations whose final dot belongs to a name ("Acme Corp.", "Martin
/// Luther King Jr."). Sorted for binary search.
const DOTTED_ABBREVIATIONS: &[&str] = &[
    "bros", "co", "corp", "ft", "inc", "jr", "ltd", "mt", "sr", "st",
];

/// Cleans `raw` against the article's `chars` and appends what is left to
/// `out`: nothing for a span that is out of range, too long or droppable;
/// two mentions for a span holding a name and its acronym in parentheses
/// ("North Atlantic Council (NAC)"), so that grouping joins them.
/// `language` (ISO 639-1; `None` for English) chooses the titles cut.
pub fn clean(chars: &[char], raw: &RawMention, language: Option<&str>, out: &mut Vec<Cleaned>) {
    let (start, end) = (raw.start, raw.end);
    if start >= end || end > chars.len() || end - start > MAX_MENTION_CHARS {
        return;
    }
    let push = |start: usize, end: usize, out: &mut Vec<Cleaned>| {
        if let Some((start, end)) = tidy(chars, start, end, raw.kind, language) {
            out.push(Cleaned {
                start,
                end,
                kind: raw.kind,
            });
        }
    };
    match (start..end).find(|&i| chars[i] == '(') {
        Some(open) => {
            push(start, open, out);
            let close = (open..end).find(|&i| chars[i] == ')').unwrap_or(end);
            if let Some((inner_start, inner_end)) = tidy(chars, open + 1, close, raw.kind, language)
            {
                let inner: String = chars[inner_start..inner_end].iter().collect();
                if is_acronym(&inner) {
                    push(inner_start, inner_end, out);
                }
            }
        }
        None => push(start, end, out),
    }
}

/// The span `start..end` trimmed until nothing more comes off, or `None`
/// if what is left should be dropped.
fn tidy(
    chars: &[char],
    mut start: usize,
    mut end: usize,
    kind: EntityType,
    language: Option<&str>,
) -> Option<(usize, usize)> {
    let english = matches!(language, None | Some("en"));
    if !english && is_quoted(&chars[start..end]) {
        // The other languages' data writes a quoted name with its marks
        // (CoNLL-2002 Spanish `"El Torreón"`, WikiNEuRal Russian
        // `«Реал»`), and their taggers learnt to tag them so: a span the
        // tagger took with both marks keeps them.
        let inner: String = chars[start + 1..end - 1].iter().collect();
        return (!is_droppable(inner.trim(), language)).then_some((start, end));
    }
    loop {
        let before = (start, end);
        while start < end && !is_alphanumeric(chars[start]) {
            start += 1;
        }
        while start < end
            && !is_alphanumeric(chars[end - 1])
            && !keeps_final_dot(&chars[start..end])
        {
            end -= 1;
        }
        if english
            && end - start >= 3
            && matches!(chars[end - 1], 's' | 'S')
            && is_apostrophe(chars[end - 2])
        {
            end -= 2;
        }
        if starts_with_lowercase_the(&chars[start..end]) {
            start += 4;
        }
        if kind == EntityType::Person {
            start = after_title(chars, start, end, language);
        }
        if (start, end) == before {
            break;
        }
    }
    let text: String = chars[start..end].iter().collect();
    (!is_droppable(&text, language)).then_some((start, end))
}

/// Whether `span` is a name between a pair of quotation marks, the marks
/// included: `"El Torreón"`, `«Газпром»`, `„Die Zeit“`.
fn is_quoted(span: &[char]) -> bool {
    let (Some(&open), Some(&close)) = (span.first(), span.last()) else {
        return false;
    };
    let pair = matches!(
        (open, close),
        ('"', '"') | ('«', '»') | ('“', '”') | ('„', '“') | ('„', '”') | ('»', '«')
    );
    let inner = &span[1..span.len().saturating_sub(1).max(1)];
    pair && span.len() > 2
        && inner.iter().any(|&c| is_alphanumeric(c))
        && !inner
            .iter()
            .any(|&c| matches!(c, '"' | '«' | '»' | '“' | '”' | '„'))
}

/// Whether a span ending in '.' keeps it: initials ("U.N.") or a name-final
/// abbreviation ("Corp.").
fn keeps_final_dot(span: &[char]) -> bool {
    let Some((&'.', rest)) = span.split_last() else {
        return false;
    };
    let word_start = rest
        .iter()
        .rposition(|c| c.is_whitespace())
        .map_or(0, |i| i + 1);
    let word = &rest[word_start..];
    if word.contains(&'.') {
        return true;
    }
    let lower: String = word.iter().flat_map(|&c| to_lowercase(c)).collect();
    DOTTED_ABBREVIATIONS.binary_search(&lower.as_str()).is_ok()
}

/// Whether the span opens with a lower-case "the " (running text's article,
/// never part of a name; a capital "The" may be, as in "The Hague").
fn starts_with_lowercase_the(span: &[char]) -> bool {
    span.len() > 4 && span[..3] == ['t', 'h', 'e'] && span[3].is_whitespace()
}

/// Where a person's name starts once a leading title ("Prime Minister",
/// "Dr.") is skipped; `start` itself if there is none.
fn after_title(chars: &[char], start: usize, end: usize, language: Option<&str>) -> usize {
    let mut words: Vec<(usize, String)> = Vec::new();
    let mut i = start;
    while i < end {
        if chars[i].is_whitespace() {
            i += 1;
            continue;
        }
        let word_start = i;
        while i < end && !chars[i].is_whitespace() {
            i += 1;
        }
        words.push((word_start, chars[word_start..i].iter().collect()));
    }
    let texts: Vec<&str> = words.iter().map(|(_, w)| w.as_str()).collect();
    match leading_title_words(&texts, language) {
        0 => start,
        cut => words[cut].0,
    }
}

/// Whether a cleaned span should be dropped: empty, without a letter, a
/// stop word, or a lone honorific of `language`. An all-capital stop word
/// of two letters or more is kept: "WHO" and "IT" are names, "Who" and "It"
/// are not.
fn is_droppable(text: &str, language: Option<&str>) -> bool {
    if !text.chars().any(is_alphabetic) {
        return true;
    }
    let letters = text.chars().filter(|&c| is_alphabetic(c)).count();
    if letters >= 2 && !text.chars().any(is_lowercase) {
        return false;
    }
    let key = name_key(text);
    STOP_WORDS.binary_search(&key.as_str()).is_ok() || is_lone_honorific(&key, language)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::EntityType::{Location, Misc, Organization, Person};

    /// The texts of the mentions that clean-up leaves of the first occurrence
    /// of `span` in `text`.
    fn cleaned(text: &str, span: &str, kind: EntityType) -> Vec<String> {
        cleaned_in(text, span, kind, None)
    }

    /// [`cleaned`] in an article of `language`.
    fn cleaned_in(text: &str, span: &str, kind: EntityType, language: Option<&str>) -> Vec<String> {
        let chars: Vec<char> = text.chars().collect();
        let byte = text.find(span).expect("the span is in the text");
        let start = text[..byte].chars().count();
        let raw = RawMention {
            start,
            end: start + span.chars().count(),
            kind,
        };
        let mut out = Vec::new();
        clean(&chars, &raw, language, &mut out);
        out.iter()
            .map(|c| chars[c.start..c.end].iter().collect())
            .collect()
    }

    #[test]
    fn word_lists_are_sorted_for_binary_search() {
        assert!(STOP_WORDS.is_sorted());
        assert!(DOTTED_ABBREVIATIONS.is_sorted());
    }

    /// Checks that each span of `text` cleans to the expected mention.
    fn assert_cleans_to(text: &str, cases: &[(&str, EntityType, &str)]) {
        for &(span, kind, expected) in cases {
            assert_eq!(
                cleaned(text, span, kind),
                [expected],
                "{span:?} as {kind:?}"
            );
        }
    }

    #[test]
    fn leading_titles_come_off_person_mentions_only() {
        let text = "Secretary General Mark Rutte met President Yoon, Prime Minister Keir \
Starmer, Dr. Anthony Fauci and Gen. Valery Gerasimov at General Motors.";
        assert_cleans_to(
            text,
            &[
                ("Secretary General Mark Rutte", Person, "Mark Rutte"),
                ("President Yoon", Person, "Yoon"),
                ("Prime Minister Keir Starmer", Person, "Keir Starmer"),
                ("Dr. Anthony Fauci", Person, "Anthony Fauci"),
                ("Gen. Valery Gerasimov", Person, "Valery Gerasimov"),
                ("General Motors", Organization, "General Motors"),
            ],
        );
    }

    #[test]
    fn local_titles_come_off_in_their_language_only() {
        let text = "Bundeskanzler Olaf Scholz traf M. Macron und Frau.";
        assert_eq!(
            cleaned_in(text, "Bundeskanzler Olaf Scholz", Person, Some("de")),
            ["Olaf Scholz"]
        );
        assert_eq!(
            cleaned_in(text, "Bundeskanzler Olaf Scholz", Person, None),
            ["Bundeskanzler Olaf Scholz"]
        );
        assert_eq!(
            cleaned_in(text, "M. Macron", Person, Some("fr")),
            ["Macron"]
        );
        assert_eq!(cleaned_in(text, "M. Macron", Person, None), ["M. Macron"]);
        assert!(cleaned_in(text, "Frau", Person, Some("de")).is_empty());
        assert_eq!(cleaned_in(text, "Frau", Person, None), ["Frau"]);
    }

    #[test]
    fn regnal_and_papal_styles_stay_part_of_the_name() {
        let text = "Pope Francis received King Charles III at the Vatican.";
        assert_cleans_to(
            text,
            &[
                ("Pope Francis", Person, "Pope Francis"),
                ("King Charles III", Person, "King Charles III"),
            ],
        );
    }

    #[test]
    fn possessives_come_off_with_straight_and_curly_apostrophes() {
        let text = "Putin's envoy criticised NATO’s plan, and Jesus' followers and NATO'S allies.";
        assert_cleans_to(
            text,
            &[
                ("Putin's", Person, "Putin"),
                ("NATO’s", Organization, "NATO"),
                ("Jesus'", Person, "Jesus"),
                ("NATO'S", Organization, "NATO"),
            ],
        );
    }

    #[test]
    fn quotes_and_punctuation_are_trimmed_but_initials_keep_their_dots() {
        let text = "“Hamas,” said the U.N. and Acme Corp. in (Brussels).";
        assert_cleans_to(
            text,
            &[
                ("“Hamas,”", Organization, "Hamas"),
                ("the U.N.", Organization, "U.N."),
                ("Acme Corp.", Organization, "Acme Corp."),
                ("Brussels).", Location, "Brussels"),
            ],
        );
    }

    #[test]
    fn other_languages_keep_the_quotation_marks_the_tagger_took_english_does_not() {
        for (text, span, language, expected) in [
            (
                r#"Novillos de "El Torreón", bien."#,
                r#""El Torreón""#,
                Some("es"),
                r#""El Torreón""#,
            ),
            ("Играл за «Реал» два года.", "«Реал»", Some("ru"), "«Реал»"),
            (
                r#"Novillos de "El Torreón", bien."#,
                r#""El Torreón""#,
                None,
                "El Torreón",
            ),
            // One mark only is trimmed as before.
            (
                r#"de "El Torreón, bien."#,
                r#""El Torreón"#,
                Some("es"),
                "El Torreón",
            ),
            // Marks around nothing nameable are dropped.
            (r#"un "" vacío"#, r#""""#, Some("es"), ""),
        ] {
            let found = cleaned_in(text, span, EntityType::Misc, language);
            let expected: Vec<String> = [expected]
                .into_iter()
                .filter(|e| !e.is_empty())
                .map(String::from)
                .collect();
            assert_eq!(found, expected, "{text} {language:?}");
        }
        // A Spanish or Dutch name keeps an 's the data writes with it.
        assert_eq!(
            cleaned_in(
                "las ADR's de",
                "ADR's",
                EntityType::Organization,
                Some("es")
            ),
            ["ADR's"]
        );
        assert_eq!(
            cleaned_in("the ADR's price", "ADR's", EntityType::Organization, None),
            ["ADR"]
        );
    }

    #[test]
    fn stop_words_digits_and_punctuation_are_dropped() {
        let text = "The talks began. He said it was 2024 -- and WHO agreed.";
        assert!(cleaned(text, "The", Organization).is_empty());
        assert!(cleaned(text, "He", Person).is_empty());
        assert!(cleaned(text, "2024", Misc).is_empty());
        assert!(cleaned(text, "--", Misc).is_empty());
        assert_eq!(cleaned(text, "WHO", Organization), ["WHO"]);
    }

    #[test]
    fn a_name_with_its_acronym_in_parentheses_becomes_two_mentions() {
        let text = "The North Atlantic Council (NAC) met on Tuesday.";
        assert_eq!(
            cleaned(text, "North Atlantic Council (NAC)", Organization),
            ["North Atlantic Council", "NAC"]
        );
    }

    #[test]
    fn out_of_range_and_empty_spans_are_dropped_without_panic() {
        let chars: Vec<char> = "Rutte".chars().collect();
        let mut out = Vec::new();
        for (start, end) in [(0, 9), (3, 3), (4, 2), (usize::MAX - 1, usize::MAX)] {
            clean(
                &chars,
                &RawMention {
                    start,
                    end,
                    kind: Person,
                },
                None,
                &mut out,
            );
        }
        clean(
            &[],
            &RawMention {
                start: 0,
                end: 1,
                kind: Person,
            },
            None,
            &mut out,
        );
        assert!(out.is_empty());
    }
}
