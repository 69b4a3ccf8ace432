//! Sentences of English news text: UAX #29 sentence bounds, rejoined where news conventions fool them.
//!
//! UAX #29 breaks after every `.`, `!` or `?` that is followed by a space and
//! a capital letter, and after every line break. In news that splits
//! "Mr. Smith", "J. K. Rowling", "the U.S. Senate" and `"Why?" he asked`. The
//! splitter here starts from those bounds and joins two pieces again when:
//!
//! - the first ends in a title that always precedes a name (`Mr.`, `Dr.`,
//!   `Gen.`, `Sen.`, ...) or in `e.g.`, `i.e.`, `vs.`;
//! - the first ends in another abbreviation (`Inc.`, `U.S.`, `Jan.`, `No.`,
//!   `etc.`, ...) or an initial (`J.`), unless the next word is one that
//!   typically opens a sentence ("The", "He", "But", ...), since these
//!   abbreviations can also end one;
//! - the next piece starts with a lower-case letter (`"Why?" he asked`);
//! - the break is a single line break inside a paragraph whose text uses blank
//!   lines between paragraphs (hard-wrapped text), and the line does not end a
//!   sentence.
//!
//! Decimals ("3.5") and quotes ending in `,"` are never breaks in UAX #29.
//! Sentences never cross a paragraph break (see [`paragraphs`](fn@super::paragraphs::paragraphs)).
//!
//! The UAX #29 bounds are exactly those of `unicode-segmentation`, found by
//! a byte scanner wherever the text is ASCII (see `sentence_bounds`).

use std::iter::Peekable;

use super::lines::{has_blank_line_separator, line_breaks};
use super::sentence_bounds::{SentenceBounds, sentence_bounds};
use super::span::Span;

/// Abbreviations that precede a name or an example and so never end a sentence.
const NEVER_FINAL: &[&str] = &[
    "Mr", "Mrs", "Ms", "Mx", "Messrs", "Mme", "Dr", "Prof", "Gen", "Sen", "Rep", "Gov", "Lt",
    "Col", "Capt", "Cmdr", "Adm", "Maj", "Sgt", "Cpl", "Pvt", "Rev", "Hon", "Pres", "Supt", "Insp",
    "Det", "Fr", "Mt", "Atty", "e.g", "i.e", "vs", "cf", "viz",
];

/// Abbreviations that usually continue a sentence but can also end one.
const MAYBE_FINAL: &[&str] = &[
    "St", "Ave", "Blvd", "Rd", "Inc", "Corp", "Ltd", "Co", "Bros", "Jr", "Sr", "Ph.D", "etc", "al",
    "No", "Nos", "Vol", "Fig", "pp", "approx", "Dept", "Univ", "Jan", "Feb", "Mar", "Apr", "Jun",
    "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "Mon", "Tue", "Tues", "Wed", "Thu", "Thur",
    "Thurs", "Fri",
];

/// Words that commonly open a sentence: after an abbreviation that can end a
/// sentence, one of these means it did.
const SENTENCE_STARTERS: &[&str] = &[
    "A",
    "After",
    "All",
    "Also",
    "Although",
    "An",
    "And",
    "As",
    "At",
    "Before",
    "But",
    "He",
    "Her",
    "His",
    "How",
    "However",
    "I",
    "If",
    "In",
    "It",
    "Its",
    "Last",
    "Many",
    "Meanwhile",
    "Most",
    "My",
    "Now",
    "On",
    "Or",
    "Our",
    "She",
    "Since",
    "So",
    "Some",
    "That",
    "The",
    "Their",
    "There",
    "These",
    "They",
    "This",
    "Those",
    "Thus",
    "We",
    "What",
    "When",
    "Where",
    "While",
    "Who",
    "Why",
    "Yet",
    "You",
    "Your",
];

/// Characters that end a sentence (before any closing quotes or brackets).
fn is_terminal(c: char) -> bool {
    matches!(
        c,
        '.' | '!' | '?' | '…' | '‽' | '⁇' | '⁈' | '⁉' | '。' | '！' | '？'
    )
}

/// Closing quotes and brackets that may follow a sentence's terminal punctuation.
fn is_closer(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '”' | '’' | '»' | '›' | ')' | ']' | '}' | '」' | '』'
    )
}

/// Opening quotes, brackets and joiners that may come right before an abbreviation.
fn is_opener(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '“' | '‘' | '«' | '‹' | '(' | '[' | '{' | '-' | '–' | '—' | '/'
    )
}

/// The sentences of `text`, in order, trimmed, each with at least one letter
/// or digit (runs of bare punctuation are not sentences).
///
/// Yields byte spans; use
/// [`with_code_points`](super::offsets::with_code_points) for code-point ones.
pub fn sentences(text: &str) -> Sentences<'_> {
    Sentences {
        text,
        segments: sentence_bounds(text).peekable(),
        line_breaks_wrap: has_blank_line_separator(text),
    }
}

/// Iterator over the sentence spans of a text, made by [`sentences`].
#[derive(Debug, Clone)]
pub struct Sentences<'a> {
    text: &'a str,
    /// The UAX #29 segments, the same as `split_sentence_bound_indices`.
    segments: Peekable<SentenceBounds<'a>>,
    /// Whether a single line break is only wrapping a paragraph (the text
    /// separates paragraphs with blank lines) rather than ending one.
    line_breaks_wrap: bool,
}

impl<'a> Iterator for Sentences<'a> {
    type Item = Span<'a>;

    fn next(&mut self) -> Option<Self::Item> {
        next_sentence(self.text, &mut self.segments, self.line_breaks_wrap)
    }
}

/// The next sentence of `text` from its UAX #29 `segments`: the next run of
/// segments that [`continues`] joins, trimmed, if it has a letter or digit.
fn next_sentence<'a, I>(
    text: &'a str,
    segments: &mut Peekable<I>,
    line_breaks_wrap: bool,
) -> Option<Span<'a>>
where
    I: Iterator<Item = (usize, &'a str)>,
{
    loop {
        let (start, first) = segments.next()?;
        let mut end = start + first.len();
        while let Some(&(next_start, next)) = segments.peek() {
            let sentence = text.get(start..end).unwrap_or_default();
            if !continues(sentence, next, line_breaks_wrap) {
                break;
            }
            end = next_start + next.len();
            segments.next();
        }
        if let Some(span) = Span::new(text, start, end).map(Span::trim)
            && span.text.chars().any(char::is_alphanumeric)
        {
            return Some(span);
        }
    }
}

/// Whether the UAX #29 break between `sentence` (so far) and the `next`
/// segment falls inside a sentence.
fn continues(sentence: &str, next: &str, line_breaks_wrap: bool) -> bool {
    let body = sentence.trim_end();
    let next_body = next.trim_start();
    if body.is_empty() || next_body.is_empty() {
        return false;
    }
    let gap_breaks =
        line_breaks(&sentence[body.len()..]) + line_breaks(&next[..next.len() - next_body.len()]);
    match gap_breaks {
        0 => {}
        1 if line_breaks_wrap => {
            if !ends_with_terminal(body) {
                return true;
            }
        }
        _ => return false,
    }
    if next_body.chars().next().is_some_and(char::is_lowercase) {
        return true;
    }
    match final_abbreviation(body) {
        Some(Abbreviation::NeverFinal) => true,
        Some(Abbreviation::MaybeFinal) => {
            starts_with_initial(next_body) || !SENTENCE_STARTERS.contains(&first_word(next_body))
        }
        None => false,
    }
}

/// Whether `body` ends in terminal punctuation, perhaps followed by closing quotes.
fn ends_with_terminal(body: &str) -> bool {
    body.trim_end_matches(is_closer)
        .chars()
        .next_back()
        .is_some_and(is_terminal)
}

/// How an abbreviation before a full stop bears on a sentence break.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Abbreviation {
    /// A title or `e.g.`: the sentence goes on.
    NeverFinal,
    /// Another abbreviation, a dotted acronym or an initial: it may end here.
    MaybeFinal,
}

/// The kind of abbreviation `body` ends in, if it ends in a full stop that
/// follows one directly (not a closing quote, not an ellipsis).
fn final_abbreviation(body: &str) -> Option<Abbreviation> {
    let before = body.strip_suffix('.')?;
    let (token_start, preceding) = before
        .char_indices()
        .rev()
        .find(|&(_, c)| !(c.is_alphanumeric() || c == '.'))
        .map_or((0, None), |(i, c)| (i + c.len_utf8(), Some(c)));
    let token = &before[token_start..];
    // "AT&T." or "3.5bn." end in something that only looks like an abbreviation.
    let stands_alone = preceding.is_none_or(|c| c.is_whitespace() || is_opener(c));
    if token.is_empty() || token.ends_with('.') || !stands_alone {
        return None;
    }
    if NEVER_FINAL.contains(&token) {
        Some(Abbreviation::NeverFinal)
    } else if MAYBE_FINAL.contains(&token) || is_initial(token) || is_dotted_acronym(token) {
        Some(Abbreviation::MaybeFinal)
    } else {
        None
    }
}

/// Whether `token` is a single capital letter, as in "J. K. Rowling".
fn is_initial(token: &str) -> bool {
    let mut chars = token.chars();
    chars.next().is_some_and(char::is_uppercase) && chars.next().is_none()
}

/// Whether `token` is single letters joined by full stops, as "U.S", "a.m" or "D.C".
fn is_dotted_acronym(token: &str) -> bool {
    token.contains('.')
        && token.split('.').all(|part| {
            let mut chars = part.chars();
            chars.next().is_some_and(char::is_alphabetic) && chars.next().is_none()
        })
}

/// Whether `text` opens with another initial ("K. Rowling"), which continues a
/// name even when the letter is also a starter word like "A" or "I".
fn starts_with_initial(text: &str) -> bool {
    let mut chars = text.chars();
    chars.next().is_some_and(char::is_uppercase) && chars.next() == Some('.')
}

/// The leading run of letters and digits of `text`, after any opening quotes or brackets.
fn first_word(text: &str) -> &str {
    let text = text.trim_start_matches(|c: char| !c.is_alphanumeric());
    let end = text
        .char_indices()
        .find(|&(_, c)| !c.is_alphanumeric())
        .map_or(text.len(), |(i, _)| i);
    &text[..end]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::nlp::corpus;
    use crate::nlp::offsets::with_code_points;

    fn split(text: &str) -> Vec<&str> {
        sentences(text).map(|s| s.text).collect()
    }

    #[test]
    fn splits_plain_sentences() {
        assert_eq!(
            split("The dollar rose. Markets rallied! Will it last? Nobody knows."),
            [
                "The dollar rose.",
                "Markets rallied!",
                "Will it last?",
                "Nobody knows."
            ]
        );
    }

    #[test]
    fn titles_before_names_do_not_end_sentences() {
        assert_eq!(
            split(
                "Mr. Greenspan spoke in London. Dr. Jane Smith, Gen. Mark Milley and Sen. \
                 Elizabeth Warren listened. Gov. Newsom and Rep. Ocasio-Cortez did not."
            ),
            [
                "Mr. Greenspan spoke in London.",
                "Dr. Jane Smith, Gen. Mark Milley and Sen. Elizabeth Warren listened.",
                "Gov. Newsom and Rep. Ocasio-Cortez did not."
            ]
        );
    }

    #[test]
    fn initials_do_not_end_sentences() {
        assert_eq!(
            split("J. K. Rowling wrote it. George W. Bush and J. A. Smith read it."),
            [
                "J. K. Rowling wrote it.",
                "George W. Bush and J. A. Smith read it."
            ]
        );
    }

    #[test]
    fn company_and_country_abbreviations_continue_before_names() {
        assert_eq!(
            split(
                "Apple Inc. Chief Executive Tim Cook met U.S. President Joe Biden. \
                 Shares of Acme Corp. rose 3.5% on Jan. 5, the U.K. Treasury said."
            ),
            [
                "Apple Inc. Chief Executive Tim Cook met U.S. President Joe Biden.",
                "Shares of Acme Corp. rose 3.5% on Jan. 5, the U.K. Treasury said."
            ]
        );
    }

    #[test]
    fn abbreviations_end_sentences_before_a_sentence_starter() {
        assert_eq!(
            split(
                "The firm moved to the U.S. The move cost $1.5bn. It hired staff from Acme Inc. \
                 But sales fell."
            ),
            [
                "The firm moved to the U.S.",
                "The move cost $1.5bn.",
                "It hired staff from Acme Inc.",
                "But sales fell."
            ]
        );
    }

    #[test]
    fn latin_and_numbering_abbreviations_continue() {
        assert_eq!(
            split(
                "Some members, e.g. Germany, objected. He lives at No. 10 Downing St. in London. \
                 Fruit, vegetables etc. were on sale vs. last year."
            ),
            [
                "Some members, e.g. Germany, objected.",
                "He lives at No. 10 Downing St. in London.",
                "Fruit, vegetables etc. were on sale vs. last year."
            ]
        );
    }

    #[test]
    fn decimals_and_prices_do_not_split() {
        assert_eq!(
            split("Growth slowed to 3.5% in 2004. The dollar reached $1.2871 against the euro."),
            [
                "Growth slowed to 3.5% in 2004.",
                "The dollar reached $1.2871 against the euro."
            ]
        );
    }

    #[test]
    fn closing_quotes_stay_with_their_sentence() {
        assert_eq!(
            split(
                "\"I think the chairman's taking a much more sanguine view,\" said Robert Sinche. \
                 \"He's taking a longer-term view.\" Worries remain."
            ),
            [
                "\"I think the chairman's taking a much more sanguine view,\" said Robert Sinche.",
                "\"He's taking a longer-term view.\"",
                "Worries remain."
            ]
        );
    }

    #[test]
    fn quote_ending_in_terminal_then_speaker_is_one_sentence() {
        assert_eq!(
            split(
                "“We will not give up...” he said. “Is that fair?” she asked. 'No!' they shouted."
            ),
            [
                "“We will not give up...” he said.",
                "“Is that fair?” she asked.",
                "'No!' they shouted."
            ]
        );
    }

    #[test]
    fn a_capital_inside_a_name_is_not_an_initial() {
        assert_eq!(
            split("Shares rose at AT&T. Consolidation continued."),
            ["Shares rose at AT&T.", "Consolidation continued."]
        );
    }

    #[test]
    fn ellipsis_before_a_capital_ends_a_sentence() {
        assert_eq!(
            split("He paused... Then he left."),
            ["He paused...", "Then he left."]
        );
    }

    #[test]
    fn sentences_never_cross_paragraphs() {
        assert_eq!(
            split("Dollar gains on Greenspan speech\n\nThe dollar has hit a high.\n\nMr.\n\nSmith"),
            [
                "Dollar gains on Greenspan speech",
                "The dollar has hit a high.",
                "Mr.",
                "Smith"
            ]
        );
        assert_eq!(
            split("One paragraph per line\nthe second line is its own paragraph."),
            [
                "One paragraph per line",
                "the second line is its own paragraph."
            ]
        );
    }

    #[test]
    fn hard_wrapped_lines_inside_a_paragraph_are_joined() {
        let text = "Federal Reserve chairman Mr.\nGreenspan said the US trade\n\
                    deficit is set to stabilise. Markets\nrallied.\n\nNew paragraph.";
        assert_eq!(
            split(text),
            [
                "Federal Reserve chairman Mr.\nGreenspan said the US trade\ndeficit is set to stabilise.",
                "Markets\nrallied.",
                "New paragraph."
            ]
        );
    }

    #[test]
    fn bare_punctuation_is_not_a_sentence() {
        assert_eq!(split("First.\n\n* * *\n\nSecond."), ["First.", "Second."]);
        assert_eq!(sentences("").count(), 0);
        assert_eq!(sentences("   \n\n ").count(), 0);
    }

    #[test]
    fn text_without_terminal_punctuation_is_one_sentence() {
        assert_eq!(split("  breaking news  "), ["breaking news"]);
    }

    #[test]
    fn realistic_news_paragraph_splits_where_a_reader_would() {
        let text = "The dollar has hit its highest level against the euro in almost three months \
            after the Federal Reserve head said the US trade deficit is set to stabilise. \
            On Friday, Federal Reserve chairman Mr. Greenspan's speech in London ahead of the \
            meeting of G7 finance ministers sent the dollar higher after it had earlier tumbled on \
            the back of worse-than-expected U.S. jobs data. \"I think the chairman's taking a much \
            more sanguine view on the current account deficit than he's taken for some time,\" \
            said Robert Sinche, head of currency strategy at Bank of America in New York. \"He's \
            taking a longer-term view, laying out a set of conditions under which the current \
            account deficit can improve this year and next.\"";
        let found = split(text);
        assert_eq!(found.len(), 4, "{found:#?}");
        assert!(found[1].ends_with("U.S. jobs data."));
        assert!(found[2].starts_with("\"I think") && found[2].ends_with("in New York."));
    }

    #[test]
    fn spans_slice_the_text_and_convert_to_code_points() {
        let text = "“Ça va?” asked Zoë. Müller nodded.";
        let spans: Vec<_> = sentences(text).collect();
        for span in &spans {
            assert_eq!(&text[span.byte_range()], span.text);
        }
        let ranges: Vec<_> = with_code_points(text, spans)
            .map(|(_, range)| range)
            .collect();
        assert_eq!(ranges, vec![0..19, 20..34]);
    }

    #[test]
    fn odd_inputs_yield_valid_spans_without_panicking() {
        let mixed = "Mr.\u{2029}Dr. É. “Ça?” he said.\r\n\r\nU.S.\u{85}a.m. … 3.5. \u{301}! J.";
        let mut cuts: Vec<usize> = mixed.char_indices().map(|(i, _)| i).collect();
        cuts.push(mixed.len());
        for &cut in &cuts {
            let prefix = &mixed[..cut];
            for span in sentences(prefix) {
                assert_eq!(&prefix[span.byte_range()], span.text);
                assert!(!span.text.is_empty());
            }
        }
        for odd in [
            ".", "..", "Mr.", "\"", "\r", "\u{2029}", "a.\r\nb", "\u{301}.",
        ] {
            assert!(sentences(odd).count() <= 2);
        }
    }

    #[test]
    fn helpers_classify_abbreviations() {
        assert_eq!(
            final_abbreviation("said Mr."),
            Some(Abbreviation::NeverFinal)
        );
        assert_eq!(
            final_abbreviation("the U.S."),
            Some(Abbreviation::MaybeFinal)
        );
        assert_eq!(final_abbreviation("(J."), Some(Abbreviation::MaybeFinal));
        assert_eq!(
            final_abbreviation("ex-Gov."),
            Some(Abbreviation::NeverFinal)
        );
        assert_eq!(final_abbreviation("bought AT&T."), None);
        assert_eq!(final_abbreviation("the end."), None);
        assert_eq!(final_abbreviation("paused..."), None);
        assert_eq!(final_abbreviation("said Mr.\""), None);
        assert_eq!(first_word("“The end"), "The");
        assert!(ends_with_terminal("he said.”"));
        assert!(!ends_with_terminal("a heading"));
    }

    /// The sentences the splitter made from `unicode-segmentation`'s own
    /// segments before the ASCII fast path: the reference.
    fn reference(text: &str) -> Vec<Span<'_>> {
        use unicode_segmentation::UnicodeSegmentation;
        let mut segments = text.split_sentence_bound_indices().peekable();
        let line_breaks_wrap = has_blank_line_separator(text);
        std::iter::from_fn(|| next_sentence(text, &mut segments, line_breaks_wrap)).collect()
    }

    fn assert_same_as_reference(text: &str) {
        let fast: Vec<Span<'_>> = sentences(text).collect();
        assert_eq!(fast, reference(text), "sentences of {text:?}");
    }

    #[test]
    fn sentence_spans_match_the_unicode_segmentation_reference() {
        for text in corpus::FIXTURES.iter().chain(corpus::TRICKY) {
            assert_same_as_reference(text);
        }
        for text in corpus::shuffled_fixture_pieces(2_000, 0x5e47) {
            assert_same_as_reference(&text);
        }
        let alphabet = [
            "Mr", "U", "S", "e", "g", "the", "The", "3", "5", ".", " ", "\n", "\n\n", "\"", "?",
            "!", ",", "“", "”", "é", "–", "…", "\u{a0}",
        ];
        for text in corpus::random_strings(&alphabet, 10_000, 20, 0xbead) {
            assert_same_as_reference(&text);
        }
    }

    #[test]
    fn canonical_article_splits_where_it_did() {
        let text = corpus::FIXTURES[0];
        let found = split(text);
        assert_eq!(found.len(), reference(text).len());
        assert!(
            found
                .iter()
                .any(|s| s.contains("one – a significant escalation"))
        );
    }
}
