//! Quotation marks: which characters open or close a quote, and their pairing into quoted spans, one pass per paragraph.
//!
//! Straight marks (`"`, `'`) are told apart by what stands beside them: a
//! mark after a space and before a word opens, one after a word and before a
//! space or punctuation closes. A straight or curly single mark between two
//! letters or digits (`don't`, `Putin’s`), or before a digit (`the '90s`),
//! is an apostrophe. Single marks open a quote only outside a double one
//! (BBC style `'like this'`); inside a double quote they are a nested quote
//! and belong to its words.
//!
//! The newspaper convention for a quote over several paragraphs (and its
//! flattened form, where the paragraphs were run together: `...got. "As a
//! result...`) reopens each part with an opening mark and does not close the
//! previous one. Each part becomes its own [`Part`], and the parts of one
//! utterance share a `chain` number, so that attribution can give them all
//! the same speaker. A quote still open at the end of its paragraph stops
//! there: it never runs on into the rest of the article.

use std::ops::Range;

use super::language::Lang;

mod dashes;
mod incise;
mod nested;
mod pairing;

use pairing::Pairing;
pub use pairing::Part;

/// The quoted parts of `text`, in text order, within the paragraphs `paragraphs`
/// (byte ranges, in order).
///
/// One pass over the characters of the paragraphs: linear in the text, however
/// many marks it holds.
pub fn parts(text: &str, paragraphs: impl IntoIterator<Item = Range<usize>>) -> Vec<Part> {
    let mut pairing = Pairing {
        text,
        parts: Vec::new(),
        chains: 0,
    };
    let mut carried = None;
    for range in paragraphs {
        carried = pairing.paragraph(range, carried);
    }
    pairing.parts
}

/// The quoted parts of `text` in language `lang`: English marks as
/// [`parts`] pairs them; the marks of the other languages with nesting,
/// dialogue after a dash, and attributions set inside the marks.
pub fn parts_in(
    text: &str,
    paragraphs: impl IntoIterator<Item = Range<usize>>,
    lang: Lang,
) -> Vec<Part> {
    if lang == Lang::En {
        return parts(text, paragraphs);
    }
    let parts = nested::parts(text, paragraphs, lang);
    if lang.incise() {
        incise::split(text, parts, lang)
    } else {
        parts
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quoted(text: &str) -> Vec<(&str, usize)> {
        let paragraphs = crate::text::paragraphs(text).map(|p| p.byte_range());
        parts(text, paragraphs)
            .into_iter()
            .map(|p| (&text[p.words], p.chain))
            .collect()
    }

    #[test]
    fn straight_and_curly_double_quotes_pair() {
        assert_eq!(
            quoted("\"We won,\" he said. “It was hard,” she said."),
            [("We won,", 0), ("It was hard,", 1)]
        );
    }

    #[test]
    fn apostrophes_are_not_quotes() {
        assert_eq!(
            quoted("Putin's war, don't worry, the '90s and Putin’s men; 'a real quote' then."),
            [("a real quote", 0)]
        );
    }

    #[test]
    fn single_marks_inside_double_quotes_stay_in_the_words() {
        assert_eq!(
            quoted("He said: \"We would say 'don't do it' to him.\""),
            [("We would say 'don't do it' to him.", 0)]
        );
    }

    #[test]
    fn a_reopened_quote_is_one_chain_of_parts() {
        let text = "She said: \"It is late. \"We must go.\" Then she left.";
        assert_eq!(quoted(text), [("It is late.", 0), ("We must go.", 0)]);
    }

    #[test]
    fn a_quote_carried_over_a_paragraph_break_keeps_its_chain() {
        let text =
            "\"It hurts. I lost.\n\n\"I will win.\" Greene said.\n\nThen \"another one\" came.";
        assert_eq!(
            quoted(text),
            [
                ("It hurts. I lost.", 0),
                ("I will win.", 0),
                ("another one", 1)
            ]
        );
    }

    #[test]
    fn an_unclosed_quote_stops_at_its_paragraph_end() {
        let text = "He said \"this never closes\n\nThe next paragraph is plain.";
        assert_eq!(quoted(text), [("this never closes", 0)]);
    }

    #[test]
    fn a_stray_closing_mark_opens_nothing() {
        assert_eq!(
            quoted("free and fair elections.\" The vote is on 27 February."),
            []
        );
    }

    #[test]
    fn empty_text_and_marks_alone_give_nothing_or_little() {
        assert_eq!(quoted(""), []);
        assert_eq!(quoted("\"\"\"\""), []);
        let many = "\"".repeat(10_000);
        assert!(quoted(&many).is_empty());
        let spaced = "\" ".repeat(10_000);
        assert!(quoted(&spaced).len() <= 1);
        let curly = "“”‘’".repeat(5_000);
        assert!(quoted(&curly).is_empty());
    }
}
