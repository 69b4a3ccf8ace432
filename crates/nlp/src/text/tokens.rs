//! Tokens: the words of [`words`](fn@super::words) and the punctuation between them, with byte and code-point offsets.
//!
//! Later modules (an entity tagger trained on CoNLL tokens, quote finding)
//! need the punctuation as well as the words: every non-space character
//! that is not part of a word is a [`TokenKind::Punct`] token, and a run of
//! the same character (`...`, `--`, `!!`) is one token. Words come from the
//! word scanner with its ASCII fast path, so the words here are exactly
//! those of `unicode-segmentation`; the gaps between words are short and
//! scanned a byte at a time, with `unicode-segmentation`'s grapheme clusters
//! only for non-ASCII characters (so a combining mark stays with its base).

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

use super::offsets::CodePointCursor;
use super::span::Span;
use super::words::{Words, words};

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TokenKind {
    /// A word with a letter (`Greenspan`, `don't`, `U.S`, `3.5bn`, `21st`).
    Word,
    /// A word of digits and the separators between them (`2004`, `3.5`,
    /// `1,000`).
    Number,
    /// Any other character that is not a space, or a run of the same one:
    /// `.`, `,`, `"`, `“`, `(`, `$`, `%`, `-`, `--`, `...`, `…`, and also
    /// symbols and emoji.
    Punct,
}

/// A token of a text: its kind, its text and byte offsets, and its
/// code-point offsets (the unit of the output contract).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token<'a> {
    /// Word, number or punctuation.
    pub kind: TokenKind,
    /// The token's text and byte offsets.
    pub span: Span<'a>,
    /// Code-point offset of the first character.
    pub char_start: usize,
    /// Code-point offset one past the last character.
    pub char_end: usize,
}

impl<'a> Token<'a> {
    /// The token's text.
    pub fn text(&self) -> &'a str {
        self.span.text
    }

    /// The code-point range, for the output's `start`/`end`.
    pub fn char_range(&self) -> Range<usize> {
        self.char_start..self.char_end
    }

    /// Whether the token is a word or a number (what [`words`] yields).
    pub fn is_word(&self) -> bool {
        self.kind != TokenKind::Punct
    }
}

/// The tokens of `text` in order: words, numbers and punctuation, without
/// the whitespace between them (nor invisible format characters such as a
/// byte-order mark or a zero-width space).
pub fn tokens(text: &str) -> Tokens<'_> {
    Tokens {
        text,
        words: words(text),
        next_word: None,
        gap_start: 0,
        cursor: CodePointCursor::new(text),
    }
}

/// Iterator over the tokens of a text, made by [`tokens`].
#[derive(Debug)]
pub struct Tokens<'a> {
    text: &'a str,
    words: Words<'a>,
    /// The next word, once found; the punctuation before it comes first.
    next_word: Option<Span<'a>>,
    /// Where the text not yet tokenised starts: the end of the last token.
    gap_start: usize,
    cursor: CodePointCursor<'a>,
}

impl<'a> Iterator for Tokens<'a> {
    type Item = Token<'a>;

    #[inline]
    fn next(&mut self) -> Option<Self::Item> {
        if self.next_word.is_none() {
            self.next_word = self.words.next();
        }
        let gap_end = self.next_word.map_or(self.text.len(), |w| w.start);
        if let Some((start, end)) = next_punct(self.text, self.gap_start, gap_end) {
            self.gap_start = end;
            return self.token(TokenKind::Punct, start, end);
        }
        let word = self.next_word.take()?;
        self.gap_start = word.end;
        Some(self.make(word_kind(word.text), word))
    }

    /// Folds the tokens with the words folded by the word scanner's own
    /// `fold` (its fast way through a text) and the punctuation between
    /// them found on the way: what `for_each` and `count` use.
    fn fold<B, F>(self, init: B, mut f: F) -> B
    where
        F: FnMut(B, Self::Item) -> B,
    {
        let Tokens {
            text,
            words,
            next_word,
            mut gap_start,
            mut cursor,
        } = self;
        let mut emit = |acc: B, kind: TokenKind, span: Span<'a>| {
            let char_start = cursor.code_point(span.start);
            let char_end = cursor.code_point(span.end);
            let token = Token {
                kind,
                span,
                char_start,
                char_end,
            };
            f(acc, token)
        };
        let mut step = |mut acc: B, word: Span<'a>| {
            while let Some((start, end)) = next_punct(text, gap_start, word.start) {
                gap_start = end;
                if let Some(span) = Span::new(text, start, end) {
                    acc = emit(acc, TokenKind::Punct, span);
                }
            }
            gap_start = word.end;
            emit(acc, word_kind(word.text), word)
        };
        let mut acc = init;
        if let Some(word) = next_word {
            acc = step(acc, word);
        }
        acc = words.fold(acc, &mut step);
        while let Some((start, end)) = next_punct(text, gap_start, text.len()) {
            gap_start = end;
            if let Some(span) = Span::new(text, start, end) {
                acc = emit(acc, TokenKind::Punct, span);
            }
        }
        acc
    }
}

/// Whether a word is a number or another word.
#[inline]
fn word_kind(word: &str) -> TokenKind {
    if is_number(word) {
        TokenKind::Number
    } else {
        TokenKind::Word
    }
}

impl<'a> Tokens<'a> {
    /// The token of `kind` at bytes `start..end`.
    #[inline]
    fn token(&mut self, kind: TokenKind, start: usize, end: usize) -> Option<Token<'a>> {
        let span = Span::new(self.text, start, end)?;
        Some(self.make(kind, span))
    }

    #[inline]
    fn make(&mut self, kind: TokenKind, span: Span<'a>) -> Token<'a> {
        let char_start = self.cursor.code_point(span.start);
        let char_end = self.cursor.code_point(span.end);
        Token {
            kind,
            span,
            char_start,
            char_end,
        }
    }
}

/// The first punctuation token in `text[from..to]`, a stretch with no word
/// in it: the byte range of the first character that is not a space, with
/// any repeats of it (and of its combining marks) that follow.
#[inline]
fn next_punct(text: &str, from: usize, to: usize) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut at = from;
    while at < to {
        let b = bytes[at];
        if !b.is_ascii() {
            return next_punct_unicode(text, at, to);
        }
        if is_ascii_space(b) {
            at += 1;
            continue;
        }
        let mut end = at + 1;
        while end < to && bytes[end] == b {
            end += 1;
        }
        // A combining mark after ASCII punctuation belongs to it.
        if end < to && !bytes[end].is_ascii() {
            end = cluster_end(text, end - 1, to);
        }
        return Some((at, end));
    }
    None
}

/// [`next_punct`] from a non-ASCII byte at `at` on, out of line: skips
/// Unicode spaces and invisible characters, and takes grapheme clusters.
#[inline(never)]
fn next_punct_unicode(text: &str, mut at: usize, to: usize) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    while at < to {
        if bytes[at].is_ascii() {
            return next_punct(text, at, to);
        }
        let rest = text.get(at..to)?;
        let c = rest.chars().next()?;
        if c.is_whitespace() || is_invisible(c) {
            at += c.len_utf8();
            continue;
        }
        let first = rest.graphemes(true).next()?;
        let mut end = at + first.len();
        while text.get(end..to).is_some_and(|r| r.starts_with(first)) {
            let cluster_len = cluster_end(text, end, to) - end;
            if cluster_len != first.len() {
                break;
            }
            end += cluster_len;
        }
        return Some((at, end));
    }
    None
}

/// The end of the grapheme cluster starting at byte `at` of `text[..to]`.
#[inline]
fn cluster_end(text: &str, at: usize, to: usize) -> usize {
    text.get(at..to)
        .and_then(|rest| rest.graphemes(true).next())
        .map_or(to, |cluster| at + cluster.len())
}

/// ASCII whitespace: space, tab, LF, VT, FF, CR.
#[inline]
fn is_ascii_space(b: u8) -> bool {
    (b == b' ') | (b.wrapping_sub(b'\t') < 5)
}

/// Format characters with no visible form, which are not tokens: the soft
/// hyphen, zero-width space, joiners, word joiner and byte-order mark.
#[inline]
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{ad}' | '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}'
    )
}

/// Whether a word is a number: it starts with a digit and has only digits
/// and the separators UAX #29 lets into numbers (`1,000`, `3.5`, `1'000`).
#[inline]
fn is_number(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(|c| c.is_numeric())
        && chars.all(|c| c.is_numeric() || matches!(c, '.' | ',' | ';' | '\'' | '’' | ':'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::corpus;

    fn texts(text: &str) -> Vec<&str> {
        tokens(text).map(|t| t.text()).collect()
    }

    fn kinds(text: &str) -> Vec<(TokenKind, &str)> {
        tokens(text).map(|t| (t.kind, t.text())).collect()
    }

    #[test]
    fn words_and_punctuation_are_tokens_in_order() {
        assert_eq!(
            texts("\"I think,\" said Mr. Sinche (BofA)."),
            [
                "\"", "I", "think", ",", "\"", "said", "Mr", ".", "Sinche", "(", "BofA", ")", "."
            ]
        );
    }

    #[test]
    fn tokens_have_kinds() {
        use TokenKind::{Number, Punct, Word};
        assert_eq!(
            kinds("Growth of 3.5% in 2004, $1,000 or 3.5bn on the 21st."),
            [
                (Word, "Growth"),
                (Word, "of"),
                (Number, "3.5"),
                (Punct, "%"),
                (Word, "in"),
                (Number, "2004"),
                (Punct, ","),
                (Punct, "$"),
                (Number, "1,000"),
                (Word, "or"),
                (Word, "3.5bn"),
                (Word, "on"),
                (Word, "the"),
                (Word, "21st"),
                (Punct, "."),
            ]
        );
    }

    #[test]
    fn runs_of_the_same_punctuation_are_one_token() {
        assert_eq!(
            texts("Wait... no -- really?! ——"),
            ["Wait", "...", "no", "--", "really", "?", "!", "——"]
        );
        assert_eq!(texts("“Why…”"), ["“", "Why", "…", "”"]);
    }

    #[test]
    fn hyphenated_words_and_dates_split_at_the_hyphen() {
        assert_eq!(
            texts("all-rounder 1996-08-30"),
            ["all", "-", "rounder", "1996", "-", "08", "-", "30"]
        );
    }

    #[test]
    fn whitespace_and_invisible_characters_are_not_tokens() {
        assert_eq!(
            texts("\u{feff}  a\u{a0}\u{200b}b\r\n\u{2029}c\t"),
            ["a", "b", "c"]
        );
        assert_eq!(tokens("").count(), 0);
        assert_eq!(tokens(" \n\t ").count(), 0);
    }

    #[test]
    fn combining_marks_and_emoji_stay_whole() {
        assert_eq!(texts("ok 👍🏽 .\u{301}"), ["ok", "👍🏽", ".\u{301}"]);
    }

    #[test]
    fn offsets_are_bytes_and_code_points() {
        let text = "Zoë said “hi”.";
        let found: Vec<_> = tokens(text)
            .map(|t| (t.text(), t.span.byte_range(), t.char_range()))
            .collect();
        assert_eq!(
            found,
            [
                ("Zoë", 0..4, 0..3),
                ("said", 5..9, 4..8),
                ("“", 10..13, 9..10),
                ("hi", 13..15, 10..12),
                ("”", 15..18, 12..13),
                (".", 18..19, 13..14),
            ]
        );
    }

    /// Every token slices the text at its offsets, code points included;
    /// tokens are in order and do not overlap; the words among them are
    /// exactly [`words`]; and what lies between tokens is whitespace or
    /// invisible.
    fn assert_consistent(text: &str) {
        let chars: Vec<char> = text.chars().collect();
        let found: Vec<Token<'_>> = tokens(text).collect();
        let mut last_end = 0;
        for token in &found {
            assert_eq!(&text[token.span.byte_range()], token.text(), "{text:?}");
            let sliced: String = chars[token.char_range()].iter().collect();
            assert_eq!(sliced, token.text(), "{text:?}");
            assert!(token.span.start >= last_end && !token.span.is_empty());
            let gap = &text[last_end..token.span.start];
            assert!(
                gap.chars().all(|c| c.is_whitespace() || is_invisible(c)),
                "{gap:?} skipped in {text:?}"
            );
            last_end = token.span.end;
        }
        assert!(
            text[last_end..]
                .chars()
                .all(|c| c.is_whitespace() || is_invisible(c))
        );
        let word_spans: Vec<Span<'_>> = found
            .iter()
            .filter(|t| t.is_word())
            .map(|t| t.span)
            .collect();
        assert_eq!(word_spans, words(text).collect::<Vec<_>>(), "{text:?}");
        // `fold` (through `for_each`) yields what `next` does, also after
        // a few tokens were taken with `next`.
        for taken in [0, 1, 3] {
            let mut iter = tokens(text);
            let mut folded: Vec<Token<'_>> = iter.by_ref().take(taken).collect();
            iter.for_each(|token| folded.push(token));
            assert_eq!(folded, found, "{text:?} after {taken}");
        }
    }

    #[test]
    fn tokens_cover_the_text_on_fixtures_and_random_strings() {
        for text in corpus::FIXTURES.iter().chain(corpus::TRICKY) {
            assert_consistent(text);
        }
        let alphabet = [
            "a",
            "B",
            "1",
            ".",
            ",",
            "'",
            "-",
            " ",
            "\n",
            "\"",
            "...",
            "é",
            "\u{301}",
            "“",
            "”",
            "—",
            "👍",
            "\u{1f3fd}",
            "\u{feff}",
            "\u{a0}",
            "_",
            "$",
        ];
        for text in corpus::random_strings(&alphabet, 5_000, 16, 0x70c3) {
            assert_consistent(&text);
        }
        for text in corpus::all_strings(&alphabet[..12], 3) {
            assert_consistent(&text);
        }
    }
}
