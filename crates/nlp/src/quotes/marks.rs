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

/// One quoted part of a paragraph, in byte offsets into the whole text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    /// The quoted words, without the marks and the white space inside them.
    pub words: Range<usize>,
    /// The opening mark.
    pub open: usize,
    /// One past the closing mark, when a closing mark ended the part (not a
    /// reopening mark or the end of the paragraph).
    pub close_end: Option<usize>,
    /// Parts of one utterance (reopened, or carried over a paragraph break)
    /// share this number; it grows with the text.
    pub chain: usize,
    /// Whether the part is set in single marks.
    pub single: bool,
    /// Whether the part is dialogue after a dash (`— Мы не отступим, —
    /// заявил министр.`), not words inside quotation marks.
    pub dash: bool,
}

/// Which pair of marks a character belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Family {
    Double,
    Single,
}

/// What a mark can do where it stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    Open,
    Close,
    /// A straight mark with spaces, or letters, on both sides.
    Either,
}

/// Characters after which a straight mark opens: nothing, a space, or an
/// opening bracket or dash.
fn opens_after(prev: Option<char>) -> bool {
    prev.is_none_or(|c| c.is_whitespace() || matches!(c, '(' | '[' | '{' | '—' | '–' | '/'))
}

/// How `c` acts as a quotation mark between `prev` and `next`, or `None` when
/// it is not one (an apostrophe, or any other character).
fn classify(c: char, prev: Option<char>, next: Option<char>) -> Option<(Family, Shape)> {
    let next_space = next.is_none_or(char::is_whitespace);
    let next_alnum = next.is_some_and(char::is_alphanumeric);
    let prev_alnum = prev.is_some_and(char::is_alphanumeric);
    match c {
        '“' | '„' | '«' => Some((Family::Double, Shape::Open)),
        '”' | '»' => Some((Family::Double, Shape::Close)),
        '"' => {
            let left = opens_after(prev) && !next_space;
            let right = !opens_after(prev) && (next_space || !next_alnum);
            Some((
                Family::Double,
                match (left, right) {
                    (true, false) => Shape::Open,
                    (false, true) => Shape::Close,
                    _ => Shape::Either,
                },
            ))
        }
        '‘' | '\'' | '’' => {
            if prev_alnum && next_alnum {
                return None; // don't, Putin's
            }
            let opens = c != '’' && opens_after(prev) && next.is_some_and(char::is_alphabetic);
            let closes = c != '‘' && !opens_after(prev) && !next_alnum;
            match (opens, closes) {
                (true, _) => Some((Family::Single, Shape::Open)),
                (false, true) => Some((Family::Single, Shape::Close)),
                _ => None, // the '90s, or a lone mark between spaces
            }
        }
        _ => None,
    }
}

/// An open quote while scanning a paragraph.
#[derive(Debug, Clone, Copy)]
struct Open {
    family: Family,
    /// Byte offset of the opening mark.
    mark: usize,
    chain: usize,
}

/// Collects the parts of one text, paragraph after paragraph.
#[derive(Debug)]
struct Pairing<'a> {
    text: &'a str,
    parts: Vec<Part>,
    chains: usize,
}

impl Pairing<'_> {
    fn new_chain(&mut self) -> usize {
        self.chains += 1;
        self.chains - 1
    }

    /// Record the part opened at `open` whose words end before byte `end`.
    fn emit(&mut self, open: Open, end: usize, close_end: Option<usize>) {
        let mark_len = self.text[open.mark..]
            .chars()
            .next()
            .map_or(1, char::len_utf8);
        let start = open.mark + mark_len;
        let Some(inner) = self.text.get(start..end) else {
            return;
        };
        let lead = inner.len() - inner.trim_start().len();
        let trail = inner.len() - inner.trim_end().len();
        if lead + trail >= inner.len() {
            return;
        }
        self.parts.push(Part {
            words: start + lead..end - trail,
            open: open.mark,
            close_end,
            chain: open.chain,
            single: open.family == Family::Single,
            dash: false,
        });
    }

    /// Pair the marks of the paragraph `range`; `carried` is the chain of a
    /// double quote left open at the end of the previous paragraph. Returns
    /// the chain of a double quote left open at the end of this one.
    fn paragraph(&mut self, range: Range<usize>, carried: Option<usize>) -> Option<usize> {
        let paragraph = self.text.get(range.clone())?;
        let mut open: Option<Open> = None;
        let mut prev: Option<char> = None;
        let mut chars = paragraph.char_indices().peekable();
        let mut first = true;
        while let Some((at, c)) = chars.next() {
            let next = chars.peek().map(|&(_, n)| n);
            let mark = range.start + at;
            if let Some((family, shape)) = classify(c, prev, next) {
                open = self.step(
                    open,
                    family,
                    shape,
                    mark,
                    c.len_utf8(),
                    first.then_some(carried).flatten(),
                );
            }
            first = false;
            prev = Some(c);
        }
        match open {
            Some(open) if open.family == Family::Double => {
                self.emit(open, range.end, None);
                Some(open.chain)
            }
            _ => None, // an unclosed single mark is most likely an apostrophe
        }
    }

    /// The state after the mark at byte `mark` (of `len` bytes): `carried` is
    /// the chain to continue when this mark opens its paragraph.
    fn step(
        &mut self,
        open: Option<Open>,
        family: Family,
        shape: Shape,
        mark: usize,
        len: usize,
        carried: Option<usize>,
    ) -> Option<Open> {
        match open {
            None => {
                let opens = match family {
                    Family::Double => shape != Shape::Close,
                    Family::Single => shape == Shape::Open,
                };
                opens.then(|| Open {
                    family,
                    mark,
                    chain: match (family, carried) {
                        (Family::Double, Some(chain)) => chain,
                        _ => self.new_chain(),
                    },
                })
            }
            Some(current) if current.family == Family::Double => match (family, shape) {
                (Family::Double, Shape::Open) => {
                    // A reopening mark: the part so far ends, the utterance goes on.
                    self.emit(current, mark, None);
                    Some(Open { mark, ..current })
                }
                (Family::Double, _) => {
                    self.emit(current, mark, Some(mark + len));
                    None
                }
                (Family::Single, _) => Some(current), // nested: part of the words
            },
            Some(current) => match (family, shape) {
                (Family::Single, Shape::Close) => {
                    self.emit(current, mark, Some(mark + len));
                    None
                }
                // A single mark that never closed was an apostrophe after all.
                (Family::Single, _) => Some(Open {
                    family,
                    mark,
                    chain: self.new_chain(),
                }),
                (Family::Double, Shape::Close) => None,
                (Family::Double, _) => Some(Open {
                    family,
                    mark,
                    chain: self.new_chain(),
                }),
            },
        }
    }
}

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
