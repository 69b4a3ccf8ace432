//! UAX #29 sentence segments, as `unicode-segmentation` finds them, with a byte scanner for the ASCII stretches.
//!
//! In ASCII, UAX #29 breaks a sentence only after a line break (SB4) or after
//! `.`, `!` or `?` followed by closing quotes or brackets, spaces and perhaps
//! a line break (SB11), and not even there when:
//!
//! - a `.` is followed directly by a digit (SB6, "3.5"), or directly by a
//!   capital after a letter (SB7, "U.S");
//! - a `.` is followed, past any characters other than letters, terminals and
//!   line breaks, by a lower-case letter (SB8, "etc. and");
//! - the next character continues a sentence (`,`, `-`, `:`, `;`) or is
//!   itself a terminal (SB8a, "U.S.," or "...").
//!
//! [`SentenceBounds`] finds those breaks by looking only at the terminals and
//! line breaks of stretches of ASCII, common non-ASCII punctuation whose
//! sentence class it knows (dashes continue a sentence, curly quotes and
//! guillemets close one, a no-break space is a space; see
//! [`known_punct`](super::ascii::known_punct)) and the letters of Latin-1 to
//! Cyrillic whose class is Upper or Lower as an ASCII letter's is
//! ([`letter_at`]), so Russian or Polish text stays in the scanner too. A
//! region around any other non-ASCII character goes to `unicode-segmentation`.
//! Regions are cut between two such letters: never a break, and no rule
//! looks across it (the look-ahead of SB8 stops at the first letter, the
//! look-back of SB7 to SB11 at anything that is not a terminal, a closer or
//! a space). So the segments are exactly those of `unicode-segmentation`
//! over the whole text, which the differential tests check against every
//! short string over an alphabet of the classes involved (and every such
//! letter in every context up to three characters long), random longer
//! ones, and the fixtures.

use unicode_segmentation::{USentenceBoundIndices, UnicodeSegmentation};

use super::ascii::{SentencePunct, find_byte, known_punct, next_non_ascii};

/// The UAX #29 sentence segments of `text` with their byte offsets, the
/// same as `text.split_sentence_bound_indices()`; they cover the text.
pub(crate) fn sentence_bounds(text: &str) -> SentenceBounds<'_> {
    SentenceBounds {
        text,
        start: 0,
        pos: 0,
        ascii_end: 0,
        non_ascii: None,
        fallback: None,
    }
}

/// Iterator over the UAX #29 sentence segments of a text, made by
/// [`sentence_bounds`].
#[derive(Debug, Clone)]
pub(crate) struct SentenceBounds<'a> {
    text: &'a str,
    /// Where the next segment starts.
    start: usize,
    /// The next byte the ASCII scanner looks at.
    pos: usize,
    /// The end of the stretch being scanned (ASCII and known punctuation):
    /// a cut or the end.
    ascii_end: usize,
    /// The first unknown non-ASCII character at or after the last search,
    /// once searched.
    non_ascii: Option<usize>,
    /// A region around non-ASCII text, segmented by `unicode-segmentation`:
    /// its offset in the text, its end, and the segments left.
    fallback: Option<(usize, usize, USentenceBoundIndices<'a>)>,
}

impl<'a> Iterator for SentenceBounds<'a> {
    type Item = (usize, &'a str);

    fn next(&mut self) -> Option<Self::Item> {
        let len = self.text.len();
        if self.start >= len {
            return None;
        }
        let start = self.start;
        let end = self.next_break().unwrap_or(len);
        self.start = end;
        Some((start, self.text.get(start..end).unwrap_or_default()))
    }
}

impl SentenceBounds<'_> {
    /// The next break strictly inside the text (the text's end is no break).
    fn next_break(&mut self) -> Option<usize> {
        let len = self.text.len();
        loop {
            if let Some((offset, end, inner)) = &mut self.fallback {
                for (start, segment) in inner.by_ref() {
                    let at = *offset + start + segment.len();
                    // The region's own end is a cut between two letters or the text's end.
                    if at < *end {
                        return Some(at);
                    }
                }
                self.fallback = None;
            }
            if self.pos < self.ascii_end {
                match next_ascii_break(self.text.as_bytes(), &mut self.pos, self.ascii_end) {
                    Some(at) if at < len => return Some(at),
                    _ => continue,
                }
            }
            if !self.plan() {
                return None;
            }
        }
    }

    /// Chooses what comes after `pos`: a stretch up to the last cut before
    /// the next unknown non-ASCII character, or else a fallback region from
    /// `pos` to the first cut after it. Returns false at the end.
    fn plan(&mut self) -> bool {
        let bytes = self.text.as_bytes();
        let len = bytes.len();
        if self.pos >= len {
            return false;
        }
        let non_ascii = match self.non_ascii {
            Some(at) if at >= self.pos => at,
            _ => next_unknown(bytes, self.pos),
        };
        self.non_ascii = Some(non_ascii);
        if non_ascii >= len {
            self.ascii_end = len;
            return true;
        }
        let cut = (self.pos + 1..non_ascii)
            .rev()
            .find(|&at| is_cut(bytes, at))
            .unwrap_or(self.pos);
        if cut > self.pos {
            self.ascii_end = cut;
            return true;
        }
        let end = (non_ascii + 1..len)
            .find(|&at| is_cut(bytes, at))
            .unwrap_or(len);
        let region = self.text.get(self.pos..end).unwrap_or_default();
        self.fallback = Some((self.pos, end, region.split_sentence_bound_indices()));
        self.pos = end;
        self.ascii_end = end;
        true
    }
}

/// The first non-ASCII character at or after `from` that is neither common
/// punctuation the scanner knows the class of ([`known_punct`]) nor a letter
/// it knows the case of ([`letter_at`]), or the end.
fn next_unknown(bytes: &[u8], mut from: usize) -> usize {
    loop {
        let at = next_non_ascii(bytes, from);
        if let Some((_, _, len)) = known_punct(bytes, at) {
            from = at + len;
        } else if let Some((_, len)) = letter_at(bytes, at) {
            from = at + len;
        } else {
            return at;
        }
    }
}

/// Whether byte `at` sits between two letters the scanner knows
/// ([`letter_at`]), where the text can be cut and each side segmented on its
/// own.
#[inline]
fn is_cut(bytes: &[u8], at: usize) -> bool {
    letter_at(bytes, at).is_some() && letter_before(bytes, at).is_some()
}

/// The sentence class of a letter the scanner passes over.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Case {
    /// Sentence_Break=Upper, as `A`.
    Upper,
    /// Sentence_Break=Lower, as `a`.
    Lower,
}

/// The last character [`letter_at`] reads: U+052F, the end of Cyrillic
/// Supplement, so only letters of two UTF-8 bytes.
const LAST_WIDE_LETTER: char = '\u{52f}';

/// The case and length of the letter at `bytes[at..]`: an ASCII letter, or a
/// letter from Latin-1 to Cyrillic (two UTF-8 bytes) that is upper or lower
/// case, which UAX #29's sentence rules treat as they treat `A` or `a`
/// (`every_known_letter_segments_as_the_reference_does` checks each one).
/// Combining marks (Extend), letters without case (OLetter) and anything
/// else give `None`; so does `at` inside a character or at the end.
#[inline]
fn letter_at(bytes: &[u8], at: usize) -> Option<(Case, usize)> {
    match *bytes.get(at)? {
        b'a'..=b'z' => Some((Case::Lower, 1)),
        b'A'..=b'Z' => Some((Case::Upper, 1)),
        lead @ 0xC2..=0xD4 => {
            let tail = *bytes.get(at + 1)?;
            let code = (usize::from(lead & 0x1F) << 6) | usize::from(tail & 0x3F);
            WIDE_CASES
                .get(code)
                .copied()
                .flatten()
                .map(|case| (case, 2))
        }
        _ => None,
    }
}

/// [`wide_letter_case`] of every character up to [`LAST_WIDE_LETTER`],
/// worked out at compile time.
static WIDE_CASES: [Option<Case>; LAST_WIDE_LETTER as usize + 1] = {
    let mut cases = [None; LAST_WIDE_LETTER as usize + 1];
    let mut code = 0x80;
    while code < cases.len() {
        if let Some(c) = char::from_u32(code as u32) {
            cases[code] = wide_letter_case(c);
        }
        code += 1;
    }
    cases
};

/// The case of a non-ASCII letter up to [`LAST_WIDE_LETTER`], as
/// [`letter_at`] reads it.
const fn wide_letter_case(c: char) -> Option<Case> {
    if matches!(c, '\u{300}'..='\u{36f}' | '\u{483}'..='\u{489}') {
        None
    } else if c.is_uppercase() {
        Some(Case::Upper)
    } else if c.is_lowercase() {
        Some(Case::Lower)
    } else {
        None
    }
}

/// The case of the letter that ends just before byte `at`, if
/// [`letter_at`] knows it.
#[inline]
fn letter_before(bytes: &[u8], at: usize) -> Option<Case> {
    let last = *bytes.get(at.checked_sub(1)?)?;
    let start = if last.is_ascii() {
        at - 1
    } else {
        at.checked_sub(2)?
    };
    match letter_at(bytes, start) {
        Some((case, len)) if start + len == at => Some(case),
        _ => None,
    }
}

/// Whether the break scanner stops at `b`: a terminal or a line break.
#[inline]
fn is_stop(b: u8) -> bool {
    (b == b'.') | (b == b'!') | (b == b'?') | (b == b'\n') | (b == b'\r')
}

/// The next UAX #29 sentence break in the stretch `bytes[*pos..end]` (ASCII
/// and known punctuation), with `*pos` moved past it (to `end` when there is
/// none). `end` is the text's end or a cut between two letters; a break may
/// equal the text's end.
fn next_ascii_break(bytes: &[u8], pos: &mut usize, end: usize) -> Option<usize> {
    let end = end.min(bytes.len());
    let mut i = *pos;
    loop {
        let Some(at) = find_byte(&bytes[..end], i, is_stop) else {
            *pos = end;
            return None;
        };
        let terminal = bytes[at];
        if let Some(after) = after_line_break(bytes, at, end) {
            *pos = after;
            return Some(after);
        }
        // SB9, SB10: no break inside the closers and spaces after a terminal.
        i = at + 1;
        while i < end {
            match close_len(bytes, i) {
                0 => break,
                len => i += len,
            }
        }
        while i < end {
            match space_len(bytes, i) {
                0 => break,
                len => i += len,
            }
        }
        if i >= end {
            *pos = end;
            return None;
        }
        // SB4, SB11: a line break after them ends the sentence after it.
        if let Some(after) = after_line_break(bytes, i, end) {
            *pos = after;
            return Some(after);
        }
        let next = bytes[i];
        let full_stop = terminal == b'.';
        let adjacent = i == at + 1;
        let continues =
            // SB6: "3.5"
            (full_stop && adjacent && next.is_ascii_digit())
            // SB7: "U.S"
            || (full_stop
                && adjacent
                && letter_at(bytes, i).is_some_and(|(case, _)| case == Case::Upper)
                && letter_before(bytes, at).is_some())
            // SB8: "etc. and"
            || (full_stop && lower_case_ahead(&bytes[i..end]))
            // SB8a: "U.S.," and "..."
            || matches!(next, b',' | b'-' | b':' | b';' | b'.' | b'!' | b'?')
            || known_punct(bytes, i).is_some_and(|(class, _, _)| class == SentencePunct::Continue);
        if !continues {
            *pos = i;
            return Some(i);
        }
        // `next` may be a terminal itself: scan on from it.
    }
}

/// Where a line break at `at` ends (CR LF is one), if there is one (SB3, SB4).
#[inline]
fn after_line_break(bytes: &[u8], at: usize, end: usize) -> Option<usize> {
    match bytes[at] {
        b'\n' => Some(at + 1),
        b'\r' if at + 1 < end && bytes[at + 1] == b'\n' => Some(at + 2),
        b'\r' => Some(at + 1),
        _ => None,
    }
}

/// The length of the closing quote or bracket at `bytes[i..]`
/// (Sentence_Break=Close), or 0.
#[inline]
fn close_len(bytes: &[u8], i: usize) -> usize {
    match bytes[i] {
        b'"' | b'\'' | b'(' | b')' | b'[' | b']' | b'{' | b'}' => 1,
        b if b.is_ascii() => 0,
        _ => match known_punct(bytes, i) {
            Some((SentencePunct::Close, _, len)) => len,
            _ => 0,
        },
    }
}

/// The length of the space at `bytes[i..]` (Sentence_Break=Sp: no line
/// breaks), or 0.
#[inline]
fn space_len(bytes: &[u8], i: usize) -> usize {
    match bytes[i] {
        b' ' | b'\t' | 0x0b | 0x0c => 1,
        b if b.is_ascii() => 0,
        _ => match known_punct(bytes, i) {
            Some((SentencePunct::Space, _, len)) => len,
            _ => 0,
        },
    }
}

/// Whether the first letter, terminal or line break in `ahead` is a
/// lower-case letter (the look-ahead of SB8). The bytes of known
/// punctuation are neither, and are passed over as SB8 requires; so are the
/// continuation bytes of letters, whose first byte decides.
#[inline]
fn lower_case_ahead(ahead: &[u8]) -> bool {
    for (at, &b) in ahead.iter().enumerate() {
        if is_stop(b) {
            return false;
        }
        if let Some((case, _)) = letter_at(ahead, at) {
            return case == Case::Lower;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::corpus;

    fn assert_same(text: &str) {
        let fast: Vec<(usize, &str)> = sentence_bounds(text).collect();
        let reference: Vec<(usize, &str)> = text.split_sentence_bound_indices().collect();
        assert_eq!(fast, reference, "sentence segments of {text:?}");
    }

    /// The ASCII symbols the sentence rules treat differently.
    const ASCII_ALPHABET: &[&str] = &[
        "a", "B", "1", ".", "!", "?", " ", "\t", "\n", "\r", "\"", ")", ",", "-", "#",
    ];

    /// Non-ASCII symbols of the classes that interact with ASCII: letters,
    /// Extend, Format, closers, spaces, separators, terminals, SContinue.
    const UNICODE_ALPHABET: &[&str] = &[
        "é", "É", "\u{301}", "”", "\u{a0}", "\u{2029}", "…", "–", "日", "\u{ad}", "\u{85}", "。",
        "\u{feff}", "ǅ", "—", "“", "‘", "’", "«", "»", "£", "€", "°", "•", "‐", "‑", "−",
        "\u{2028}", "ж", "Я", "ł", "Ż", "ª", "ƻ", "\u{483}",
    ];

    #[test]
    fn fast_path_matches_unicode_segmentation_on_the_fixtures() {
        for text in corpus::FIXTURES {
            assert!(sentence_bounds(text).count() > 5);
            assert_same(text);
        }
    }

    #[test]
    fn fast_path_matches_unicode_segmentation_on_news_in_twenty_languages() {
        let news = include_str!("../../../../tests/fixtures/language/news.tsv");
        assert_same(news);
        for line in news.lines() {
            assert_same(line);
        }
    }

    #[test]
    fn every_known_letter_segments_as_the_reference_does() {
        // The classes the sentence rules look at around a letter: letters,
        // digits, terminals, spaces, line breaks, closers, SContinue, Extend.
        const CONTEXT: &[&str] = &["a", "B", "1", ".", "?", " ", "\n", ")", ",", "”", "\u{301}"];
        let mut letters = 0;
        for c in ('\u{80}'..=LAST_WIDE_LETTER).filter(|&c| wide_letter_case(c).is_some()) {
            letters += 1;
            let own = c.to_string();
            let alphabet: Vec<&str> = CONTEXT.iter().copied().chain([own.as_str()]).collect();
            for text in corpus::all_strings(&alphabet, 3) {
                if text.contains(c) {
                    assert_same(&text);
                }
            }
        }
        // Latin-1, Latin Extended-A and -B, Greek and Cyrillic letters.
        assert!(letters > 700, "{letters} letters");
    }

    #[test]
    fn letters_are_read_whole_and_only_where_they_start() {
        let text = "aЖ.ж";
        let bytes = text.as_bytes();
        assert_eq!(letter_at(bytes, 0), Some((Case::Lower, 1)));
        assert_eq!(letter_at(bytes, 1), Some((Case::Upper, 2)));
        assert_eq!(letter_at(bytes, 2), None);
        assert_eq!(letter_before(bytes, 3), Some(Case::Upper));
        assert_eq!(letter_before(bytes, 2), None);
        assert_eq!(letter_at(bytes, 4), Some((Case::Lower, 2)));
        assert_eq!(letter_at(bytes, 6), None);
        assert!(is_cut(bytes, 1));
        assert!(!is_cut(bytes, 2) && !is_cut(bytes, 3) && !is_cut(bytes, 4));
        // A combining mark, a letter without case and a sign are not read.
        for other in ["\u{301}", "ƻ", "×", "\u{483}"] {
            assert_eq!(letter_at(other.as_bytes(), 0), None, "{other:?}");
        }
    }

    #[test]
    fn fast_path_matches_unicode_segmentation_on_tricky_strings() {
        for text in corpus::TRICKY {
            assert_same(text);
        }
    }

    #[test]
    fn fast_path_matches_unicode_segmentation_on_every_short_ascii_string() {
        for text in corpus::all_strings(ASCII_ALPHABET, 4) {
            assert_same(&text);
        }
    }

    #[test]
    fn fast_path_matches_unicode_segmentation_on_every_short_mixed_string() {
        for text in corpus::all_strings(&corpus::joined(ASCII_ALPHABET, UNICODE_ALPHABET), 3) {
            assert_same(&text);
        }
    }

    #[test]
    fn fast_path_matches_unicode_segmentation_on_random_strings() {
        for text in corpus::random_strings(ASCII_ALPHABET, 10_000, 24, 0xa5c11) {
            assert_same(&text);
        }
        for text in corpus::random_strings(
            &corpus::joined(ASCII_ALPHABET, UNICODE_ALPHABET),
            20_000,
            24,
            0x5eed,
        ) {
            assert_same(&text);
        }
        for text in corpus::shuffled_fixture_pieces(2_000, 0xf1c5) {
            assert_same(&text);
        }
    }

    #[test]
    fn odd_inputs_do_not_panic() {
        let mixed = corpus::TRICKY.concat();
        let mut cuts: Vec<usize> = mixed.char_indices().map(|(i, _)| i).collect();
        cuts.push(mixed.len());
        for &cut in cuts.iter().step_by(7) {
            assert_same(&mixed[..cut]);
            assert_same(&mixed[cut..]);
        }
    }
}
