//! Segmentation of a text into paragraphs, sentences and tokens at once, each with byte and code-point offsets and links between the levels.
//!
//! Modules that look at more than one level (which sentence a quote is in,
//! which tokens make up a sentence) get them from one [`segment`] call
//! instead of re-running the splitters and matching offsets themselves.

use std::ops::Range;

use super::offsets::CodePointCursor;
use super::paragraphs::paragraphs;
use super::sentences::sentences;
use super::span::Span;
use super::tokens::{Token, tokens};

/// The sentences and tokens of one text, and its paragraphs on request.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Segments<'a> {
    /// The text segmented, whose paragraphs [`Segments::paragraphs`] finds.
    text: &'a str,
    /// The sentences, as [`sentences`](fn@super::sentences) finds them;
    /// each lies inside one paragraph.
    pub sentences: Vec<Sentence<'a>>,
    /// All tokens, as [`tokens`](fn@super::tokens) finds them, including any
    /// that belong to no sentence (bare punctuation such as `* * *`).
    pub tokens: Vec<Token<'a>>,
}

impl<'a> Segments<'a> {
    /// The text segmented.
    pub fn text(&self) -> &'a str {
        self.text
    }

    /// The number of word and number tokens: what [`words`](fn@super::words) counts.
    pub fn word_count(&self) -> usize {
        self.tokens.iter().filter(|t| t.is_word()).count()
    }

    /// The paragraphs, as [`paragraphs`](fn@super::paragraphs) finds them,
    /// with their sentences and tokens.
    ///
    /// Found again at each call rather than kept: no module reads them on
    /// every article, and kept they cost 80 bytes a paragraph, as much as a
    /// text of short lines (one paragraph each) has bytes.
    pub fn paragraphs(&self) -> Vec<Paragraph<'a>> {
        let mut first_token = 0;
        let mut next_sentence = 0;
        let mut cursor = CodePointCursor::new(self.text);
        paragraphs(self.text)
            .map(|span| {
                let first_sentence = next_sentence;
                while self
                    .sentences
                    .get(next_sentence)
                    .is_some_and(|sentence| sentence.span.start < span.end)
                {
                    next_sentence += 1;
                }
                Paragraph {
                    chars: cursor.span(&span),
                    sentences: first_sentence..next_sentence,
                    tokens: tokens_within(&self.tokens, &mut first_token, span),
                    span,
                }
            })
            .collect()
    }
}

/// One paragraph with its offsets and the sentences and tokens inside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paragraph<'a> {
    /// The paragraph's text and byte offsets.
    pub span: Span<'a>,
    /// Its code-point offsets.
    pub chars: Range<usize>,
    /// The indices of its sentences in [`Segments::sentences`].
    pub sentences: Range<usize>,
    /// The indices of its tokens in [`Segments::tokens`].
    pub tokens: Range<usize>,
}

/// One sentence with its offsets, its paragraph and its tokens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence<'a> {
    /// The sentence's text and byte offsets.
    pub span: Span<'a>,
    /// Its code-point offsets.
    pub chars: Range<usize>,
    /// The index of its paragraph in [`Segments::paragraphs`].
    pub paragraph: usize,
    /// The indices of its tokens in [`Segments::tokens`].
    pub tokens: Range<usize>,
}

/// Sentences and tokens of `text`, the same as the splitters give one by
/// one, linked: each sentence names its paragraph and the range of its
/// tokens ([`Segments::paragraphs`] gives the paragraphs).
pub fn segment(text: &str) -> Segments<'_> {
    let cursor = CodePointCursor::new(text);
    // About one token per five bytes of news text; `for_each` takes the
    // scanners' fast `fold` path, which `collect` would not.
    let mut tokens_list: Vec<Token<'_>> = Vec::with_capacity(text.len() / 5 + 8);
    tokens(text).for_each(|token| tokens_list.push(token));
    let tokens = tokens_list;
    let mut first_token = 0;
    let mut sentence_cursor = cursor;
    let mut sentence_list: Vec<Sentence<'_>> = sentences(text)
        .map(|span| {
            let token_range = tokens_within(&tokens, &mut first_token, span);
            Sentence {
                chars: sentence_cursor.span(&span),
                span,
                paragraph: 0,
                tokens: token_range,
            }
        })
        .collect();
    let mut next_sentence = 0;
    for (index, span) in paragraphs(text).enumerate() {
        while let Some(sentence) = sentence_list.get_mut(next_sentence)
            && sentence.span.start < span.end
        {
            sentence.paragraph = index;
            next_sentence += 1;
        }
    }
    Segments {
        text,
        sentences: sentence_list,
        tokens,
    }
}

/// The range of `tokens`, from `*first` on, that start inside `span`; moves
/// `*first` past them. Spans must come in order.
fn tokens_within(tokens: &[Token<'_>], first: &mut usize, span: Span<'_>) -> Range<usize> {
    while tokens
        .get(*first)
        .is_some_and(|t| t.span.start < span.start)
    {
        *first += 1;
    }
    let start = *first;
    while tokens.get(*first).is_some_and(|t| t.span.start < span.end) {
        *first += 1;
    }
    start..*first
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::corpus;
    use crate::text::words;

    #[test]
    fn links_paragraphs_sentences_and_tokens() {
        let text = "Dollar gains\n\nThe dollar rose. Mr. Smith spoke.\n\n* * *\n\nZoë left.";
        let found = segment(text);
        let paragraphs: Vec<&str> = found.paragraphs().iter().map(|p| p.span.text).collect();
        assert_eq!(
            paragraphs,
            [
                "Dollar gains",
                "The dollar rose. Mr. Smith spoke.",
                "* * *",
                "Zoë left."
            ]
        );
        let sentences: Vec<(&str, usize)> = found
            .sentences
            .iter()
            .map(|s| (s.span.text, s.paragraph))
            .collect();
        assert_eq!(
            sentences,
            [
                ("Dollar gains", 0),
                ("The dollar rose.", 1),
                ("Mr. Smith spoke.", 1),
                ("Zoë left.", 3)
            ]
        );
        let sentence_ranges: Vec<_> = found
            .paragraphs()
            .iter()
            .map(|p| p.sentences.clone())
            .collect();
        assert_eq!(sentence_ranges, [0..1, 1..3, 3..3, 3..4]);
        let second = &found.sentences[2];
        let second_tokens: Vec<&str> = found.tokens[second.tokens.clone()]
            .iter()
            .map(|t| t.text())
            .collect();
        assert_eq!(second_tokens, ["Mr", ".", "Smith", "spoke", "."]);
        assert_eq!(found.paragraphs()[2].tokens.len(), 3);
        let last = &found.sentences[3];
        assert_eq!(last.chars, 56..65);
        assert_eq!(last.span.byte_range(), 56..66);
        assert_eq!(found.word_count(), 10);
    }

    #[test]
    fn empty_text_has_no_segments() {
        assert_eq!(segment(""), Segments::default());
        assert!(segment(" \n\n ").sentences.is_empty());
    }

    /// The levels agree with the splitters run alone, and nest: each
    /// sentence lies inside its paragraph, each token range inside its
    /// sentence or paragraph.
    fn assert_nested(text: &str) {
        let found = segment(text);
        let alone: Vec<Span<'_>> = sentences(text).collect();
        let linked: Vec<Span<'_>> = found.sentences.iter().map(|s| s.span).collect();
        assert_eq!(linked, alone, "{text:?}");
        let paragraph_list = found.paragraphs();
        assert_eq!(paragraph_list.len(), paragraphs(text).count());
        assert_eq!(found.word_count(), words(text).count());
        let chars: Vec<char> = text.chars().collect();
        for sentence in &found.sentences {
            let paragraph = &paragraph_list[sentence.paragraph];
            assert!(
                paragraph.span.start <= sentence.span.start
                    && sentence.span.end <= paragraph.span.end,
                "sentence {:?} crosses paragraph {:?} in {text:?}",
                sentence.span.text,
                paragraph.span.text
            );
            let sliced: String = chars[sentence.chars.clone()].iter().collect();
            assert_eq!(sliced, sentence.span.text);
            for token in &found.tokens[sentence.tokens.clone()] {
                assert!(sentence.span.start <= token.span.start);
                assert!(token.span.end <= sentence.span.end, "{text:?}");
            }
        }
        for (index, paragraph) in paragraph_list.iter().enumerate() {
            for sentence in &found.sentences[paragraph.sentences.clone()] {
                assert_eq!(sentence.paragraph, index);
            }
        }
        let covered: usize = paragraph_list.iter().map(|p| p.tokens.len()).sum();
        assert_eq!(covered, found.tokens.len(), "{text:?}");
    }

    #[test]
    fn levels_nest_and_agree_with_the_splitters() {
        for text in corpus::FIXTURES.iter().chain(corpus::TRICKY) {
            assert_nested(text);
        }
        for text in corpus::shuffled_fixture_pieces(500, 0x5e9) {
            assert_nested(&text);
        }
        let alphabet = [
            "Mr", "U", "S", "the", "The", "3", ".", " ", "\n", "\n\n", " \n", "\"", "?", "“", "”",
            "é", "\u{2029}", "\r\n", "…", "*",
        ];
        for text in corpus::random_strings(&alphabet, 10_000, 20, 0x9a7a) {
            assert_nested(&text);
        }
    }
}
