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
//!   `etc.`, a state in a dateline such as `Calif.`, ...) or an initial
//!   (`J.`), unless the next word is one that typically opens a sentence
//!   ("The", "He", "But", ...), since these abbreviations can also end one.
//!   An abbreviation inside brackets counts too (`Michael Johnson (U.S.)
//!   19.32`), and one in capitals (`ST. LOUIS` in a headline); a bullet
//!   (`* `) after it starts a new sentence all the same;
//! - the first is only a number and a full stop, a place in a results table
//!   or a numbered list (`1. Michelle Freeman (Jamaica) 12.71`);
//! - the full stop has a letter or digit right after it, with no space
//!   (`24.SEP.96`);
//! - the next piece starts with a lower-case letter (`"Why?" he asked`);
//! - the break is a single line break inside a paragraph whose text uses blank
//!   lines between paragraphs (hard-wrapped text), and the line does not end a
//!   sentence.
//!
//! It also breaks where UAX #29 does not: before a dash or an opening
//! bracket after a sentence end and a space, a sign-off (`... the company
//! said. -- Stockholm newsroom`), a bullet (`... residents. - Tunisia's
//! exports`) or a note (`... ended June 30. (in millions of baht)`), unless
//! an abbreviation stands before it.
//!
//! Decimals ("3.5") and quotes ending in `,"` are never breaks in UAX #29.
//! Sentences never cross a paragraph break (see [`paragraphs`](fn@super::paragraphs::paragraphs)).
//!
//! The UAX #29 bounds are exactly those of `unicode-segmentation`, found by
//! a byte scanner wherever the text is ASCII (see `sentence_bounds`).

use std::iter::Peekable;

use super::ascii::find_byte;
use super::chars;
use super::lines::{has_blank_line_separator, line_breaks};
use super::sentence_bounds::{SentenceBounds, sentence_bounds};
use super::span::Span;

/// Abbreviations that precede a name or an example and so never end a sentence.
const NEVER_FINAL: &[&str] = &[
    "Adm", "Atty", "Capt", "cf", "Cmdr", "Col", "Cpl", "Det", "Dr", "e.g", "Fr", "Gen", "Gov",
    "Hon", "i.e", "Insp", "Lt", "Maj", "Messrs", "Mme", "Mr", "Mrs", "Ms", "Mt", "Mx", "Pres",
    "Prof", "Pvt", "Rep", "Rev", "Sen", "Sgt", "Supt", "viz", "vs",
];

/// Abbreviations that usually continue a sentence but can also end one: US
/// states and Canadian provinces in AP style among them, as in datelines
/// ("SAN MATEO, Calif. 1996-08-23").
const MAYBE_FINAL: &[&str] = &[
    "al", "Ala", "Alta", "approx", "Apr", "Ariz", "Ark", "Aug", "Ave", "Blvd", "Bros", "Calif",
    "Co", "Colo", "Conn", "Corp", "Dec", "Del", "Dept", "etc", "Feb", "Fig", "Fla", "Fri", "Ga",
    "Ill", "Inc", "Ind", "Jan", "Jr", "Jul", "Jun", "Kan", "Kans", "Ky", "La", "Ltd", "Mar",
    "Mass", "Md", "Mich", "Minn", "Miss", "Mo", "Mon", "Mont", "Neb", "Nev", "No", "Nos", "Nov",
    "Oct", "Okla", "Ont", "Ore", "Pa", "Ph.D", "pp", "Que", "Rd", "Sask", "Sep", "Sept", "Sr",
    "St", "Tenn", "Tex", "Thu", "Thur", "Thurs", "Tue", "Tues", "Univ", "Va", "Vol", "Vt", "Wash",
    "Wed", "Wis", "Wisc", "Wyo",
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
        pending: None,
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
    /// The rest of a sentence that [`inner_break`] cut in two, still to be
    /// yielded (and perhaps cut again).
    pending: Option<(usize, usize)>,
}

impl<'a> Iterator for Sentences<'a> {
    type Item = Span<'a>;

    fn next(&mut self) -> Option<Self::Item> {
        next_piece(
            self.text,
            &mut self.segments,
            self.line_breaks_wrap,
            &mut self.pending,
        )
    }
}

/// The next sentence: the rest of one cut by [`inner_break`] when there is
/// one, else the next from [`next_sentence`]; either cut again at its first
/// inner break.
fn next_piece<'a, I>(
    text: &'a str,
    segments: &mut Peekable<I>,
    line_breaks_wrap: bool,
    pending: &mut Option<(usize, usize)>,
) -> Option<Span<'a>>
where
    I: Iterator<Item = (usize, &'a str)>,
{
    let (start, end) = match pending.take() {
        Some(rest) => rest,
        None => {
            let sentence = next_sentence(text, segments, line_breaks_wrap)?;
            (sentence.start, sentence.end)
        }
    };
    if let Some(at) = inner_break(text, start, end) {
        *pending = Some((at, end));
        return Span::new(text, start, at).map(Span::trim);
    }
    Span::new(text, start, end).map(Span::trim)
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
            && has_alphanumeric(span.text)
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
    if next_body.chars().next().is_some_and(chars::is_lowercase)
        || is_list_number(body)
        || is_inside_token(sentence, next_body)
    {
        return true;
    }
    if starts_with_bullet(next_body) {
        return false;
    }
    match final_abbreviation(body) {
        Some(Abbreviation::NeverFinal) => true,
        Some(Abbreviation::MaybeFinal) => {
            starts_with_initial(next_body) || !SENTENCE_STARTERS.contains(&first_word(next_body))
        }
        None => false,
    }
}

/// Whether the break between `sentence` and `next_body` is a full stop with
/// a letter or digit right after it, without a space: inside a date, a code
/// or a name ("24.SEP.96", "Jul-18.Jul", "8 .Giuseppe"), not after a
/// sentence (where a space follows).
fn is_inside_token(sentence: &str, next_body: &str) -> bool {
    sentence.ends_with('.')
        && next_body.len() == next_body.trim_start().len()
        && next_body
            .bytes()
            .next()
            .is_some_and(|b| b.is_ascii_alphanumeric())
}

/// Whether `text` opens with a bullet (`*` or `•`) and a space: a new item,
/// even after an abbreviation ("... Doubletree Corp. * GTE Corp ...").
fn starts_with_bullet(text: &str) -> bool {
    let rest = text
        .strip_prefix('*')
        .or_else(|| text.strip_prefix('•'))
        .unwrap_or(text);
    rest.len() < text.len() && rest.starts_with([' ', '\t'])
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
    // "Michael Johnson (U.S.) 19.32": an abbreviation's full stop inside
    // brackets, where a sentence would need a full stop after them.
    let body = body.trim_end_matches([')', ']']);
    let before = body.strip_suffix('.')?;
    let (token_start, preceding) = before
        .char_indices()
        .rev()
        .find(|&(_, c)| !(chars::is_alphanumeric(c) || c == '.'))
        .map_or((0, None), |(i, c)| (i + c.len_utf8(), Some(c)));
    let token = &before[token_start..];
    // "AT&T." or "3.5bn." end in something that only looks like an abbreviation.
    let stands_alone = preceding.is_none_or(|c| c.is_whitespace() || is_opener(c));
    if token.is_empty() || token.ends_with('.') || !stands_alone {
        return None;
    }
    let title = lookup(NEVER_FINAL, &NEVER_FINAL_KEYS, token);
    if title == Some(Listed::AsWritten) {
        Some(Abbreviation::NeverFinal)
    } else if title.is_some()
        || lookup(MAYBE_FINAL, &MAYBE_FINAL_KEYS, token).is_some()
        || is_initial(token)
        || is_dotted_acronym(token)
    {
        Some(Abbreviation::MaybeFinal)
    } else {
        None
    }
}

/// Whether `token` (a word without its full stop) is an abbreviation that
/// is written with one: a title, a listed abbreviation, an initial or a
/// dotted acronym (`Mr`, `Corp`, `J`, `U.S`). Tokenisers that keep such a
/// full stop on its word (as CoNLL-2003's does) ask this.
pub(crate) fn takes_full_stop(token: &str) -> bool {
    lookup(NEVER_FINAL, &NEVER_FINAL_KEYS, token).is_some()
        || lookup(MAYBE_FINAL, &MAYBE_FINAL_KEYS, token).is_some()
        || is_initial(token)
        || is_dotted_acronym(token)
}

/// How `token` is in `list`, whose [`keys`] are `list_keys`: as written, or
/// in capitals ("ST. LOUIS" in a headline); `None` when it is not.
#[inline]
fn lookup(list: &[&str], list_keys: &[u64], token: &str) -> Option<Listed> {
    let key = key(token.as_bytes())?;
    let found = list_keys.binary_search(&key).ok()?;
    if list.get(found) == Some(&token) {
        Some(Listed::AsWritten)
    } else if token.len() > 1 && token.bytes().all(|b| b.is_ascii_uppercase() || b == b'.') {
        Some(Listed::InCapitals)
    } else {
        None
    }
}

/// Up to eight bytes in ASCII lower case, packed first byte highest, so keys
/// order as the strings do ignoring case; `None` for longer strings, which
/// no list holds.
const fn key(bytes: &[u8]) -> Option<u64> {
    if bytes.len() > 8 {
        return None;
    }
    let mut packed = 0u64;
    let mut i = 0;
    while i < 8 {
        packed <<= 8;
        if i < bytes.len() {
            packed |= bytes[i].to_ascii_lowercase() as u64;
        }
        i += 1;
    }
    Some(packed)
}

/// The [`key`]s of an abbreviation list, computed at compile time; the
/// list must be in key order (a test checks), so lookups binary-search a
/// few integers.
const fn keys<const N: usize>(list: &[&str]) -> [u64; N] {
    let mut out = [0u64; N];
    let mut i = 0;
    while i < N {
        out[i] = match key(list[i].as_bytes()) {
            Some(packed) => packed,
            None => u64::MAX,
        };
        i += 1;
    }
    out
}

/// The keys of [`NEVER_FINAL`].
const NEVER_FINAL_KEYS: [u64; NEVER_FINAL.len()] = keys(NEVER_FINAL);

/// The keys of [`MAYBE_FINAL`].
const MAYBE_FINAL_KEYS: [u64; MAYBE_FINAL.len()] = keys(MAYBE_FINAL);

/// How a token matched an abbreviation list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Listed {
    /// Exactly as the list writes it.
    AsWritten,
    /// In capitals, as headlines write everything: weaker evidence ("MS."
    /// may be a ticker), so a title in capitals only maybe continues.
    InCapitals,
}

/// Whether `body` (a sentence so far) is only a number and a full stop, the
/// place of a ranking or a numbered list ("1. Michelle Freeman (Jamaica)
/// 12.71"): not a sentence of its own.
fn is_list_number(body: &str) -> bool {
    body.trim_start().strip_suffix('.').is_some_and(|number| {
        (1..=3).contains(&number.len()) && number.bytes().all(|b| b.is_ascii_digit())
    })
}

/// Where to cut the sentence `text[start..end]` after a sentence end that
/// UAX #29 does not break: before a dash or an opening bracket that follows
/// a full stop, `!` or `?` and a space. The dash opens a sign-off ("... the
/// company said. -- Stockholm newsroom") or a bullet ("... residents. -
/// Tunisia's exports"), since UAX #29 never breaks before a dash (SB8a);
/// the bracket a note ("... ended June 30. (in millions of baht)"), which
/// UAX #29 joins when a lower-case letter follows (SB8). After an
/// abbreviation neither is a break ("Acme Inc. -- the maker", "Acme Inc.
/// (the maker)"), and both sides must keep a letter or digit.
fn inner_break(text: &str, start: usize, end: usize) -> Option<usize> {
    let bytes = text.as_bytes().get(..end)?;
    let mut from = start;
    while let Some(at) = find_byte(bytes, from, |b| (b == b'.') | (b == b'!') | (b == b'?')) {
        from = at + 1;
        let mut i = at + 1;
        while i < end && matches!(bytes[i], b'.' | b'!' | b'?' | b'"' | b'\'' | b')' | b']') {
            i += 1;
        }
        let spaces = i;
        while i < end && matches!(bytes[i], b' ' | b'\t') {
            i += 1;
        }
        let opener = i;
        if opener == spaces {
            continue;
        }
        let spaced_after = |len: usize| matches!(bytes.get(opener + len), Some(b' ' | b'\t'));
        let breaks = match bytes.get(opener..) {
            Some([b'-', b'-', ..]) => spaced_after(2),
            Some([b'-', ..]) => spaced_after(1),
            Some([0xE2, 0x80, 0x93 | 0x94, ..]) => spaced_after(3),
            Some([b'(' | b'[', ..]) => true,
            _ => false,
        };
        if !breaks {
            continue;
        }
        let head = text.get(start..i)?.trim_end();
        let tail = text.get(opener..end)?;
        if final_abbreviation(head).is_none() && has_alphanumeric(head) && has_alphanumeric(tail) {
            return Some(opener);
        }
    }
    None
}

/// Whether `text` has a letter or a digit.
fn has_alphanumeric(text: &str) -> bool {
    text.chars().any(chars::is_alphanumeric)
}

/// Whether `token` is a single capital letter, as in "J. K. Rowling".
fn is_initial(token: &str) -> bool {
    let mut letters = token.chars();
    letters.next().is_some_and(chars::is_uppercase) && letters.next().is_none()
}

/// Whether `token` is single letters joined by full stops, as "U.S", "a.m" or "D.C".
fn is_dotted_acronym(token: &str) -> bool {
    token.contains('.')
        && token.split('.').all(|part| {
            let mut letters = part.chars();
            letters.next().is_some_and(chars::is_alphabetic) && letters.next().is_none()
        })
}

/// Whether `text` opens with another initial ("K. Rowling"), which continues a
/// name even when the letter is also a starter word like "A" or "I".
fn starts_with_initial(text: &str) -> bool {
    let mut letters = text.chars();
    letters.next().is_some_and(chars::is_uppercase) && letters.next() == Some('.')
}

/// The leading run of letters and digits of `text`, after any opening quotes or brackets.
fn first_word(text: &str) -> &str {
    let text = text.trim_start_matches(|c: char| !chars::is_alphanumeric(c));
    let end = text
        .char_indices()
        .find(|&(_, c)| !chars::is_alphanumeric(c))
        .map_or(text.len(), |(i, _)| i);
    &text[..end]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::corpus;
    use crate::text::offsets::with_code_points;

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
    fn ranks_in_results_tables_are_not_sentences() {
        assert_eq!(
            split(
                "Women's 100 metres hurdles\n1. Michelle Freeman (Jamaica) 12.71 seconds\n\
                 2. Ludmila Engquist (Sweden) 12.74\n10. Gail Devers (U.S.) 12.92"
            ),
            [
                "Women's 100 metres hurdles",
                "1. Michelle Freeman (Jamaica) 12.71 seconds",
                "2. Ludmila Engquist (Sweden) 12.74",
                "10. Gail Devers (U.S.) 12.92"
            ]
        );
        // A number that ends a sentence still ends it.
        assert_eq!(
            split("He finished 3. Smith was fourth."),
            ["He finished 3.", "Smith was fourth."]
        );
    }

    #[test]
    fn abbreviations_inside_brackets_continue_before_scores_and_names() {
        assert_eq!(
            split(
                "Tim Henman (Britain) beat Doug Flach (U.S.) 6-3 6-4 6-2. \
                 He met British historian Alan John Percivale (A.J.P.) Taylor. \
                 (They met in the U.S.) The talks went well."
            ),
            [
                "Tim Henman (Britain) beat Doug Flach (U.S.) 6-3 6-4 6-2.",
                "He met British historian Alan John Percivale (A.J.P.) Taylor.",
                "(They met in the U.S.)",
                "The talks went well."
            ]
        );
    }

    #[test]
    fn abbreviations_in_capitals_and_state_datelines_continue() {
        assert_eq!(
            split(
                "Jones Medical completes acquisition. ST. LOUIS 1996-08-30\n\
                 SunGard to buy unit. SAN MATEO, Calif. 1996-08-23\n\
                 The plant is in Lansing, Mich. The governor visited it."
            ),
            [
                "Jones Medical completes acquisition.",
                "ST. LOUIS 1996-08-30",
                "SunGard to buy unit.",
                "SAN MATEO, Calif. 1996-08-23",
                "The plant is in Lansing, Mich.",
                "The governor visited it."
            ]
        );
    }

    #[test]
    fn sign_off_dashes_bullets_and_notes_start_new_sentences() {
        assert_eq!(
            split(
                "Completion is due by 1999, the company said. -- Stockholm newsroom +46-8-700 1017"
            ),
            [
                "Completion is due by 1999, the company said.",
                "-- Stockholm newsroom +46-8-700 1017"
            ]
        );
        assert_eq!(
            split("France welcomes legal residents. - Exports of spare parts rose. - Talks end."),
            [
                "France welcomes legal residents.",
                "- Exports of spare parts rose.",
                "- Talks end."
            ]
        );
        assert_eq!(
            split("Results for the six months ended June 30. (in millions of baht unless stated)"),
            [
                "Results for the six months ended June 30.",
                "(in millions of baht unless stated)"
            ]
        );
        assert_eq!(
            split("Talks with Doubletree Corp. * GTE Corp rises. * Funds gain."),
            [
                "Talks with Doubletree Corp.",
                "* GTE Corp rises.",
                "* Funds gain."
            ]
        );
    }

    #[test]
    fn dashes_and_brackets_after_abbreviations_or_inside_sentences_continue() {
        assert_eq!(
            split(
                "Acme Inc. -- the maker of widgets -- rose. Shares of Acme Corp. (the maker) fell. \
                 Prices rose 3.5 - 4 percent. Dashes.--Glued."
            ),
            [
                "Acme Inc. -- the maker of widgets -- rose.",
                "Shares of Acme Corp. (the maker) fell.",
                "Prices rose 3.5 - 4 percent.",
                "Dashes.--Glued."
            ]
        );
    }

    #[test]
    fn a_full_stop_without_a_space_is_inside_a_token() {
        assert_eq!(
            split("MATURITY 24.SEP.02 TYPE STRAIGHT\n8 .Giuseppe Citterio (Italy) Aki"),
            [
                "MATURITY 24.SEP.02 TYPE STRAIGHT",
                "8 .Giuseppe Citterio (Italy) Aki"
            ]
        );
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
    fn abbreviation_lists_are_sorted_for_binary_search() {
        for (list, list_keys) in [
            (NEVER_FINAL, &NEVER_FINAL_KEYS[..]),
            (MAYBE_FINAL, &MAYBE_FINAL_KEYS[..]),
        ] {
            for pair in list_keys.windows(2) {
                assert!(pair[0] < pair[1], "{list:?} out of order at {pair:?}");
            }
            for entry in list {
                assert!(entry.len() <= 8, "{entry}");
                assert_eq!(
                    lookup(list, list_keys, entry),
                    Some(Listed::AsWritten),
                    "{entry}"
                );
                assert_eq!(
                    lookup(list, list_keys, &entry.to_ascii_uppercase()),
                    Some(Listed::InCapitals)
                );
            }
        }
        assert_eq!(lookup(MAYBE_FINAL, &MAYBE_FINAL_KEYS, "inc"), None);
        assert_eq!(lookup(NEVER_FINAL, &NEVER_FINAL_KEYS, "mr"), None);
        assert_eq!(lookup(NEVER_FINAL, &NEVER_FINAL_KEYS, "Zz"), None);
        assert_eq!(lookup(NEVER_FINAL, &NEVER_FINAL_KEYS, "Presidential"), None);
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
        assert_eq!(
            final_abbreviation("Gail Devers (U.S.)"),
            Some(Abbreviation::MaybeFinal)
        );
        assert_eq!(
            final_abbreviation("completes acquisition. ST."),
            Some(Abbreviation::MaybeFinal)
        );
        assert_eq!(final_abbreviation("in the IN."), None);
        assert_eq!(
            final_abbreviation("shares of MS."),
            Some(Abbreviation::MaybeFinal)
        );
        assert!(is_list_number(" 12."));
        assert!(!is_list_number("1996.") && !is_list_number("a1.") && !is_list_number("."));
        assert!(starts_with_bullet("* GTE") && starts_with_bullet("• GTE"));
        assert!(!starts_with_bullet("*GTE") && !starts_with_bullet("GTE"));
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
        let mut pending = None;
        std::iter::from_fn(|| next_piece(text, &mut segments, line_breaks_wrap, &mut pending))
            .collect()
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
