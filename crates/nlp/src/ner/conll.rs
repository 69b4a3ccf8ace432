//! CoNLL-2003 files: documents of sentences of tokens, and the running text they were cut from, rebuilt.
//!
//! A CoNLL-2003 file has one token a line in four columns (`word POS chunk
//! tag`), a blank line after each sentence, and a `-DOCSTART-` line before
//! each document (the first document may lack it). The corpus gives tokens,
//! not text, so evaluating anything that reads text (the sentence splitter,
//! later the entity tagger) needs the text back: [`detokenise`] joins the
//! tokens the way Reuters copy is written and records where each token and
//! sentence landed.

use std::ops::Range;
use std::path::Path;

use anyhow::Context as _;

/// One token line: the word and its three annotation columns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConllToken {
    /// The token as written (`U.S.`, `'s`, `n't`, `"`, `1996-08-30`).
    pub word: String,
    /// Part-of-speech tag (`NNP`), empty when the line has no such column.
    pub pos: String,
    /// Syntactic chunk tag (`I-NP`), empty when missing.
    pub chunk: String,
    /// Named-entity tag (`I-PER`, `B-LOC`, `O`), empty when missing.
    pub tag: String,
}

/// One document of the corpus: its sentences in order, each a list of tokens.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ConllDocument {
    /// The sentences, none of them empty.
    pub sentences: Vec<Vec<ConllToken>>,
}

impl ConllDocument {
    /// The number of tokens in all sentences.
    pub fn token_count(&self) -> usize {
        self.sentences.iter().map(Vec::len).sum()
    }
}

/// Reads a CoNLL-2003 file into its documents.
pub fn read(path: &Path) -> anyhow::Result<Vec<ConllDocument>> {
    let text = std::fs::read_to_string(path).with_context(|| {
        format!(
            "cannot read the CoNLL file {} (a CoNLL-2003 file such as eng.testa, UTF-8)",
            path.display()
        )
    })?;
    Ok(parse(&text))
}

/// The documents of CoNLL-2003 `text`, without empty documents or sentences.
///
/// Lines are split on whitespace into four columns (CoNLL-2003) or two
/// (word and tag); a line with other counts keeps what it has (the word at
/// least) and the missing columns are empty, so no input makes the reader
/// fail.
pub fn parse(text: &str) -> Vec<ConllDocument> {
    let mut documents = Vec::new();
    let mut document = ConllDocument::default();
    let mut sentence = Vec::new();
    for line in text.lines() {
        let mut columns = line.split_whitespace();
        let Some(word) = columns.next() else {
            if !sentence.is_empty() {
                document.sentences.push(std::mem::take(&mut sentence));
            }
            continue;
        };
        if word == "-DOCSTART-" {
            if !sentence.is_empty() {
                document.sentences.push(std::mem::take(&mut sentence));
            }
            if !document.sentences.is_empty() {
                documents.push(std::mem::take(&mut document));
            }
            continue;
        }
        // Four columns (CoNLL-2003: word, part of speech, chunk, tag) or two
        // (word, tag, as the multilingual data): the tag is the last.
        let rest: Vec<&str> = columns.collect();
        let (pos, chunk, tag) = match rest.as_slice() {
            [tag] => ("", "", *tag),
            [pos, chunk, tag, ..] => (*pos, *chunk, *tag),
            [pos, chunk] => (*pos, *chunk, ""),
            [] => ("", "", ""),
        };
        sentence.push(ConllToken {
            word: word.to_owned(),
            pos: pos.to_owned(),
            chunk: chunk.to_owned(),
            tag: tag.to_owned(),
        });
    }
    if !sentence.is_empty() {
        document.sentences.push(sentence);
    }
    if !document.sentences.is_empty() {
        documents.push(document);
    }
    documents
}

/// A document's text rebuilt from its tokens, with where every token and
/// sentence is in it (byte ranges; the text is what CoNLL holds, mostly ASCII).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RebuiltText {
    /// The running text.
    pub text: String,
    /// The byte range of each token, in corpus order across all sentences.
    pub tokens: Vec<Range<usize>>,
    /// The byte range of each sentence: from its first token's start to its
    /// last token's end.
    pub sentences: Vec<Range<usize>>,
}

/// The text of `document` as a news article would write it, and where each
/// token and sentence landed.
///
/// Within a sentence, tokens are separated by one space, except:
///
/// - no space before `. , ; : ! ? ) ] } %`, an ellipsis, a closing quote,
///   or a clitic (`'s`, `n't`, `'m`, `'re`, `'ve`, `'ll`, `'d`);
/// - no space after `( [ { $` or an opening quote;
/// - hyphen and dash tokens (`-`, `--`) keep their spaces: CoNLL writes the
///   hyphens inside words (`all-rounder`, `4-37`) as part of the word, so a
///   hyphen that is a token of its own stands between spaces in the copy;
/// - a `"` opens a quotation at the start of a sentence, and otherwise
///   opens and closes in turn through the document; a lone `'` after a word
///   ending in `s` (or `s.`) is a possessive (`players'`, `Bros.'`),
///   otherwise it opens and closes in turn like `"`.
///
/// Sentences are joined by a space when the sentence ends in terminal
/// punctuation (see [`ends_in_terminal`]: `.`, `!`, `?`, an ellipsis, or a
/// last token ending in `.` such as `U.S.`, perhaps followed by closing
/// quotes and brackets), and by a line break when it does not: headlines,
/// bylines, datelines (`LONDON 1996-08-30`) and table rows stand on lines of
/// their own, as they do in wire copy. There are no blank lines, so every
/// line is a paragraph (see [`paragraphs`](fn@crate::text::paragraphs)), and
/// no sentence can run from one line into the next.
pub fn detokenise(document: &ConllDocument) -> RebuiltText {
    let mut rebuilt = RebuiltText {
        text: String::with_capacity(document.token_count() * 6),
        ..RebuiltText::default()
    };
    let mut quotes = QuoteState::default();
    for (index, sentence) in document.sentences.iter().enumerate() {
        if index > 0 {
            let previous = &document.sentences[index - 1];
            rebuilt.text.push(if ends_in_terminal(previous) {
                ' '
            } else {
                '\n'
            });
        }
        let sentence_start = rebuilt.text.len();
        let mut glue_next = true;
        for (position, token) in sentence.iter().enumerate() {
            let word = token.word.as_str();
            let role = quotes.role(word, position == 0, rebuilt.text.as_str());
            if !glue_next && !role.attaches_left() {
                rebuilt.text.push(' ');
            }
            let start = rebuilt.text.len();
            rebuilt.text.push_str(word);
            rebuilt.tokens.push(start..rebuilt.text.len());
            glue_next = role.attaches_right();
        }
        rebuilt.sentences.push(sentence_start..rebuilt.text.len());
    }
    rebuilt
}

/// How a token sits against its neighbours in running text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    /// An ordinary word: spaces on both sides.
    Word,
    /// Punctuation or a clitic that attaches to the token before it.
    Closing,
    /// An opening bracket, quote or currency sign that attaches to the token after it.
    Opening,
}

impl Role {
    fn attaches_left(self) -> bool {
        self == Role::Closing
    }

    fn attaches_right(self) -> bool {
        self == Role::Opening
    }
}

/// Which quotations are open, to tell an opening `"` from a closing one.
#[derive(Debug, Default)]
struct QuoteState {
    double_open: bool,
    single_open: bool,
}

impl QuoteState {
    /// The role of `word`, coming after `text_so_far`; `first` when it opens
    /// a sentence.
    fn role(&mut self, word: &str, first: bool, text_so_far: &str) -> Role {
        match word {
            "\"" => {
                let opening = first || !self.double_open;
                self.double_open = opening;
                if opening {
                    Role::Opening
                } else {
                    Role::Closing
                }
            }
            "'" => {
                // "players' cash", "Salomon Bros.' chief".
                let possessive = !first && text_so_far.trim_end_matches('.').ends_with(['s', 'S']);
                if possessive && !self.single_open {
                    return Role::Closing;
                }
                let opening = first || !self.single_open;
                self.single_open = opening;
                if opening {
                    Role::Opening
                } else {
                    Role::Closing
                }
            }
            "``" | "`" | "“" | "‘" | "(" | "[" | "{" | "$" => Role::Opening,
            "''" | "”" | "’" => Role::Closing,
            _ if is_clitic(word) => Role::Closing,
            _ if word.chars().all(|c| ".,;:!?)]}%…".contains(c)) => Role::Closing,
            _ => Role::Word,
        }
    }
}

/// Whether `word` is an English clitic that CoNLL splits off its host word.
fn is_clitic(word: &str) -> bool {
    ["'s", "n't", "'m", "'re", "'ve", "'ll", "'d"]
        .iter()
        .any(|clitic| word.eq_ignore_ascii_case(clitic))
}

/// Whether `sentence` ends in terminal punctuation, perhaps followed by
/// closing quotes and brackets: the rule that decides whether the next
/// sentence follows on the same line.
///
/// Terminal punctuation is a token of `.`, `!`, `?` or an ellipsis, or a
/// last token that ends in a full stop (`U.S.`); an abbreviation inside
/// brackets (`Michael Johnson (U.S.)`, a results row) is not, since a
/// sentence would need a full stop after the bracket.
pub fn ends_in_terminal(sentence: &[ConllToken]) -> bool {
    let is_closer = |word: &str| {
        word.chars()
            .all(|c| matches!(c, '"' | '\'' | ')' | ']' | '}' | '”' | '’' | '`'))
    };
    let bracketed = sentence
        .last()
        .is_some_and(|t| t.word.contains([')', ']', '}']));
    let Some(last) = sentence.iter().rev().find(|t| !is_closer(&t.word)) else {
        return false;
    };
    let only_terminals = last
        .word
        .chars()
        .all(|c| matches!(c, '.' | '!' | '?' | '…'));
    let closers_after = !std::ptr::eq(last, &sentence[sentence.len() - 1]);
    only_terminals || (last.word.ends_with('.') && !(closers_after && bracketed))
}

#[cfg(test)]
mod tests {
    use super::*;

    const SNIPPET: &str = include_str!("../../../../tests/fixtures/conll/snippet.conll");

    fn texts(documents: &[ConllDocument]) -> Vec<String> {
        documents.iter().map(|d| detokenise(d).text).collect()
    }

    #[test]
    fn docstart_lines_separate_documents_and_blank_lines_sentences() {
        let documents = parse(SNIPPET);
        assert_eq!(documents.len(), 3);
        let sentence_counts: Vec<usize> = documents.iter().map(|d| d.sentences.len()).collect();
        assert_eq!(sentence_counts, [4, 4, 2]);
        let first = &documents[0].sentences[0][0];
        assert_eq!(
            first,
            &ConllToken {
                word: "TENNIS".into(),
                pos: "NN".into(),
                chunk: "I-NP".into(),
                tag: "O".into(),
            }
        );
    }

    #[test]
    fn a_first_document_without_docstart_is_kept() {
        let documents = parse(
            "EU NNP I-NP I-ORG\nrejects VBZ I-VP O\n. . O O\n\n-DOCSTART- -X- O O\n\nPeter NNP I-NP I-PER\n",
        );
        assert_eq!(documents.len(), 2);
        assert_eq!(texts(&documents), ["EU rejects.", "Peter"]);
    }

    #[test]
    fn two_column_files_give_the_second_column_as_the_tag() {
        let documents = parse("-DOCSTART- O\n\nAngela B-PER\nMerkel I-PER\nsprach O\n");
        let tags: Vec<&str> = documents[0].sentences[0]
            .iter()
            .map(|t| t.tag.as_str())
            .collect();
        assert_eq!(tags, ["B-PER", "I-PER", "O"]);
    }

    #[test]
    fn short_and_odd_lines_do_not_fail() {
        let documents = parse("word\n\n\n-DOCSTART-\n-DOCSTART-\n\t\nx y\n");
        assert_eq!(documents.len(), 2);
        assert_eq!(documents[0].sentences[0][0].pos, "");
        // Two columns are the word and its tag.
        assert_eq!(documents[1].sentences[0][0].tag, "y");
        assert!(parse("").is_empty());
        assert!(parse("-DOCSTART- -X- O O\n\n").is_empty());
    }

    #[test]
    fn headlines_and_datelines_stand_on_their_own_lines() {
        let documents = parse(SNIPPET);
        let text = detokenise(&documents[0]).text;
        assert_eq!(
            text,
            "TENNIS - SMITH WINS IN LONDON. LONDON 1996-08-30\n\
             Former champion John Smith beat the U.S. number one 6-2 6-4 on Friday. \
             It was his first title this year."
        );
    }

    #[test]
    fn quotes_clitics_brackets_and_currency_attach_like_wire_copy() {
        let documents = parse(SNIPPET);
        let text = detokenise(&documents[1]).text;
        assert_eq!(
            text,
            "\"I don't think it's over,\" Mr. Smith's lawyer said of the U.S. case. \
             \"We'll appeal (again) for $1.5 million. It is 10% of the players' cash.\" \
             Shares fell -- again."
        );
    }

    #[test]
    fn a_table_row_without_terminal_punctuation_ends_its_line() {
        let documents = parse(SNIPPET);
        let text = detokenise(&documents[2]).text;
        assert_eq!(text, "Standings:\n1. Jan Ullrich (Germany) Telekom 4:01:11");
    }

    #[test]
    fn token_and_sentence_ranges_slice_the_text() {
        for document in parse(SNIPPET) {
            let rebuilt = detokenise(&document);
            let words = document.sentences.iter().flatten().map(|t| t.word.as_str());
            assert_eq!(rebuilt.tokens.len(), document.token_count());
            for (range, word) in rebuilt.tokens.iter().zip(words) {
                assert_eq!(&rebuilt.text[range.clone()], word);
            }
            assert_eq!(rebuilt.sentences.len(), document.sentences.len());
            for (range, sentence) in rebuilt.sentences.iter().zip(&document.sentences) {
                let piece = &rebuilt.text[range.clone()];
                assert!(piece.starts_with(sentence[0].word.as_str()));
                assert!(piece.ends_with(sentence[sentence.len() - 1].word.as_str()));
            }
        }
    }

    #[test]
    fn terminal_punctuation_may_hide_behind_quotes() {
        let sentence = |words: &[&str]| -> Vec<ConllToken> {
            words
                .iter()
                .map(|w| ConllToken {
                    word: (*w).into(),
                    pos: String::new(),
                    chunk: String::new(),
                    tag: String::new(),
                })
                .collect()
        };
        assert!(ends_in_terminal(&sentence(&["It", "ended", ".", "\""])));
        assert!(ends_in_terminal(&sentence(&["Ask", "?", ")"])));
        assert!(ends_in_terminal(&sentence(&["the", "U.S."])));
        assert!(ends_in_terminal(&sentence(&["(", "Really", ".", ")"])));
        assert!(!ends_in_terminal(&sentence(&[
            "Gail", "Devers", "(", "U.S.", ")"
        ])));
        assert!(ends_in_terminal(&sentence(&["so", "..."])));
        assert!(!ends_in_terminal(&sentence(&["LONDON", "1996-08-30"])));
        assert!(!ends_in_terminal(&sentence(&["Scorers", ":"])));
        assert!(!ends_in_terminal(&sentence(&["\""])));
    }
}
