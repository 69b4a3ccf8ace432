//! Word tokens: UAX #29 word segments that contain a letter or a digit, with their offsets.
//!
//! ASCII stretches of the text are classified 64 bytes at a time into a
//! bitmask of word bytes with the ASCII subset of the UAX #29 word rules:
//! letters, digits and `_` run together; `:`, `.` and `'` join two letters
//! (WB6, WB7), and `,`, `;`, `.` and `'` two digits (WB11, WB12);
//! everything else separates. Common punctuation that is a segment of its
//! own (dashes, double quotes, currency signs; see `known_punct` in
//! `nlp::ascii`) is skipped, and only a short region around any other
//! non-ASCII character is segmented on its own: by `plain_words.rs` when
//! every character in it follows the rules of some ASCII one (Latin and
//! Cyrillic letters, most punctuation), else by `unicode-segmentation`. The regions are
//! cut where a break is certain and neither side can see across it (after
//! ASCII whitespace, before an ASCII character that is not whitespace), so
//! the words are exactly those of `unicode-segmentation` over the whole
//! text; the differential tests below check that against every short string
//! over an alphabet of the classes involved, random longer ones, and the
//! fixtures.

use unicode_segmentation::{UnicodeSegmentation, UnicodeWordIndices};

use super::ascii::{known_punct, next_non_ascii};
use super::plain_words::{PlainWords, is_plain, plain_words};
use super::span::Span;

/// Bytes per block of the ASCII scanner: one bit each in a `u64`.
const BLOCK: usize = 64;

/// The words of `text`, in order, without allocating.
///
/// A word is a UAX #29 word segment with at least one alphanumeric character,
/// so "don't", "U.S" and "3.5" are one word each, hyphens split "well-known"
/// into two, and punctuation, spaces and emoji are not words. Pair the spans
/// with [`with_code_points`](super::offsets::with_code_points) for
/// code-point offsets.
pub fn words(text: &str) -> Words<'_> {
    Words {
        text,
        pos: 0,
        ascii_end: 0,
        non_ascii: None,
        fallback: None,
        block: WordBlock::default(),
        run_start: None,
    }
}

/// Iterator over the word spans of a text, made by [`words`].
#[derive(Debug)]
pub struct Words<'a> {
    text: &'a str,
    /// The start of the next block of the ASCII stretch to classify.
    pos: usize,
    /// The end of the all-ASCII stretch being scanned: a safe cut or the end.
    ascii_end: usize,
    /// The first non-ASCII byte at or after the last search, once searched.
    non_ascii: Option<usize>,
    /// A region around non-ASCII text, segmented on its own, with the offset
    /// of the region in the text.
    fallback: Option<(usize, Region<'a>)>,
    /// The word starts and ends of the current block not yet yielded.
    block: WordBlock,
    /// The start of a word whose end is not yet found.
    run_start: Option<usize>,
}

/// The words of a region around non-ASCII text: by the plain scanner when
/// every character in it [`is_plain`], else by `unicode-segmentation`.
#[derive(Debug)]
enum Region<'a> {
    Plain(PlainWords<'a>),
    Unicode(UnicodeWordIndices<'a>),
}

impl<'a> Region<'a> {
    fn new(text: &'a str) -> Self {
        if is_plain(text) {
            Region::Plain(plain_words(text))
        } else {
            Region::Unicode(text.unicode_word_indices())
        }
    }
}

impl<'a> Iterator for Region<'a> {
    type Item = (usize, &'a str);

    #[inline]
    fn next(&mut self) -> Option<Self::Item> {
        match self {
            Region::Plain(words) => words.next(),
            Region::Unicode(words) => words.next(),
        }
    }
}

/// Where words start and end in one block of an ASCII stretch.
#[derive(Debug, Default, Clone, Copy)]
struct WordBlock {
    /// Offset of the block's first byte in the text.
    base: usize,
    /// Bit `i`: a word starts at `base + i`.
    starts: u64,
    /// Bit `i`: a word ends just before `base + i`.
    ends: u64,
}

impl<'a> Iterator for Words<'a> {
    type Item = Span<'a>;

    #[inline]
    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some((offset, inner)) = &mut self.fallback {
                if let Some((start, text)) = inner.next() {
                    let start = *offset + start;
                    return Some(Span {
                        text,
                        start,
                        end: start + text.len(),
                    });
                }
                self.fallback = None;
            }
            if let Some(span) = self.next_ascii_word() {
                return Some(span);
            }
            if !self.plan() {
                return None;
            }
        }
    }

    /// Folds the words with the scanner's state in locals rather than in
    /// the iterator (`count` and `for_each` come here): the fast way through
    /// a whole text.
    fn fold<B, F>(mut self, init: B, mut f: F) -> B
    where
        F: FnMut(B, Self::Item) -> B,
    {
        let mut acc = init;
        // Finish whatever `next` left half done, up to the end of a region.
        while self.fallback.is_some()
            || self.run_start.is_some()
            || self.block.starts | self.block.ends != 0
            || self.pos < self.ascii_end
        {
            match self.next() {
                Some(word) => acc = f(acc, word),
                None => return acc,
            }
        }
        while self.plan() {
            if let Some((offset, inner)) = self.fallback.take() {
                for (start, text) in inner {
                    let start = offset + start;
                    let end = start + text.len();
                    acc = f(acc, Span { text, start, end });
                }
            } else {
                acc = fold_ascii_stretch(self.text, self.pos, self.ascii_end, acc, &mut f);
                self.pos = self.ascii_end;
            }
        }
        acc
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        // Every word takes at least one byte; a pending fallback region,
        // block or open word lies before `pos`, so then anything up to the
        // whole text may be left.
        if self.fallback.is_some()
            || self.run_start.is_some()
            || self.block.starts | self.block.ends != 0
        {
            (0, Some(self.text.len()))
        } else {
            (0, Some(self.text.len().saturating_sub(self.pos)))
        }
    }
}

impl<'a> Words<'a> {
    /// The next word of the current ASCII stretch, classifying blocks as
    /// needed; `None` once the stretch is done.
    ///
    /// Letters, digits and `_` run together; `:`, `.` and `'` join two
    /// letters, and `,`, `;`, `.` and `'` two digits; everything else
    /// separates. A run of underscores alone is not a word.
    #[inline]
    fn next_ascii_word(&mut self) -> Option<Span<'a>> {
        loop {
            // Starts and ends alternate, and a word left open by the last
            // block was closed when this one was loaded: the lowest end
            // closes the lowest start.
            let block = &mut self.block;
            if block.starts != 0 {
                let start = block.base + block.starts.trailing_zeros() as usize;
                block.starts &= block.starts - 1;
                if block.ends != 0 {
                    let end = block.base + block.ends.trailing_zeros() as usize;
                    block.ends &= block.ends - 1;
                    match word_span(self.text, start, end) {
                        Some(span) => return Some(span),
                        None => continue,
                    }
                }
                self.run_start = Some(start);
            }
            if self.pos >= self.ascii_end {
                // A word that reaches the end of the stretch: the end of
                // the text, or punctuation that stands alone.
                let start = self.run_start.take()?;
                return word_span(self.text, start, self.ascii_end);
            }
            let end = (self.pos + BLOCK).min(self.ascii_end);
            self.block = classify_block(
                self.text.as_bytes(),
                self.pos,
                end,
                self.run_start.is_some(),
            );
            self.pos = end;
            if let Some(start) = self.run_start {
                let block = &mut self.block;
                if block.ends != 0 {
                    let end = block.base + block.ends.trailing_zeros() as usize;
                    block.ends &= block.ends - 1;
                    self.run_start = None;
                    if let Some(span) = word_span(self.text, start, end) {
                        return Some(span);
                    }
                }
            }
        }
    }

    /// Chooses what comes after `pos`: an ASCII stretch up to the last safe
    /// cut before the next non-ASCII byte, or else a fallback region from
    /// `pos` to the first safe cut after it. Returns false at the end.
    fn plan(&mut self) -> bool {
        let bytes = self.text.as_bytes();
        let len = bytes.len();
        if self.pos >= len {
            return false;
        }
        // A new stretch starts after whitespace, after punctuation that
        // stands alone, or at the start of the text.
        self.block = WordBlock::default();
        self.run_start = None;
        while let Some(skip) = standalone_punct(bytes, self.pos) {
            self.pos += skip;
        }
        if self.pos >= len {
            return false;
        }
        let non_ascii = match self.non_ascii {
            Some(at) if at >= self.pos => at,
            _ => next_non_ascii(bytes, self.pos),
        };
        self.non_ascii = Some(non_ascii);
        if non_ascii >= len {
            self.ascii_end = len;
            return true;
        }
        if standalone_punct(bytes, non_ascii).is_some() {
            // Breaks on both sides, and nothing sees past it.
            self.ascii_end = non_ascii;
            return true;
        }
        let cut = (self.pos + 1..non_ascii)
            .rev()
            .find(|&at| is_safe_cut(bytes, at))
            .unwrap_or(self.pos);
        if cut > self.pos {
            self.ascii_end = cut;
            return true;
        }
        let end = (non_ascii + 1..len)
            .find(|&at| is_safe_cut(bytes, at))
            .unwrap_or(len);
        let region = self.text.get(self.pos..end).unwrap_or_default();
        self.fallback = Some((self.pos, Region::new(region)));
        self.pos = end;
        self.ascii_end = end;
        true
    }
}

/// Folds the words of the ASCII stretch `text[start..end]` into `acc`.
#[inline]
fn fold_ascii_stretch<'a, B>(
    text: &'a str,
    start: usize,
    end: usize,
    mut acc: B,
    f: &mut impl FnMut(B, Span<'a>) -> B,
) -> B {
    let bytes = text.as_bytes();
    let mut run_start: Option<usize> = None;
    let mut base = start;
    while base < end {
        let block_end = (base + BLOCK).min(end);
        let WordBlock {
            mut starts,
            mut ends,
            ..
        } = classify_block(bytes, base, block_end, run_start.is_some());
        if let Some(word_start) = run_start
            && ends != 0
        {
            let word_end = base + ends.trailing_zeros() as usize;
            ends &= ends - 1;
            run_start = None;
            if let Some(span) = word_span(text, word_start, word_end) {
                acc = f(acc, span);
            }
        }
        while starts != 0 {
            let word_start = base + starts.trailing_zeros() as usize;
            starts &= starts - 1;
            if ends == 0 {
                run_start = Some(word_start);
                break;
            }
            let word_end = base + ends.trailing_zeros() as usize;
            ends &= ends - 1;
            if let Some(span) = word_span(text, word_start, word_end) {
                acc = f(acc, span);
            }
        }
        base = block_end;
    }
    if let Some(word_start) = run_start
        && let Some(span) = word_span(text, word_start, end)
    {
        acc = f(acc, span);
    }
    acc
}

/// The span of the run of word bytes `text[start..end]`, unless it is only
/// underscores (a UAX #29 segment, but without a letter or digit).
#[inline]
fn word_span(text: &str, start: usize, end: usize) -> Option<Span<'_>> {
    let span = Span::new(text, start, end)?;
    (!span.text.starts_with('_') || span.text.bytes().any(|b| b != b'_')).then_some(span)
}

/// The length of the punctuation at `bytes[at..]` if it is a word segment
/// of its own that is never a word (a dash, a double quote, a currency sign
/// and the like; see [`known_punct`]) and what follows cannot attach to it
/// (an ASCII byte, known punctuation or the end: no Extend, Format or ZWJ
/// character, WB4). Then there is a break before it and after it (WB999),
/// and no rule looks across it: the text can be cut on both sides and the
/// punctuation skipped.
#[inline]
fn standalone_punct(bytes: &[u8], at: usize) -> Option<usize> {
    let (_, true, len) = known_punct(bytes, at)? else {
        return None;
    };
    let next = at + len;
    let plain = bytes.get(next).is_none_or(u8::is_ascii) || known_punct(bytes, next).is_some();
    plain.then_some(len)
}

/// Whether the text can be cut before byte `at` and each side segmented on
/// its own: ASCII whitespace before it, an ASCII byte that is not whitespace
/// at it. Nothing joins a word across whitespace, and an ASCII byte is
/// neither an Extend nor a Format character that would attach to it.
#[inline]
fn is_safe_cut(bytes: &[u8], at: usize) -> bool {
    match (at.checked_sub(1).and_then(|i| bytes.get(i)), bytes.get(at)) {
        (Some(&before), Some(&b)) => is_space(before) && b.is_ascii() && !is_space(b),
        _ => false,
    }
}

/// ASCII whitespace: space, tab, LF, VT, FF, CR.
#[inline]
fn is_space(b: u8) -> bool {
    (b == b' ') | (b.wrapping_sub(b'\t') < 5)
}

/// Letters, digits and underscore: the bytes that are part of a word by
/// themselves (ALetter, Numeric, ExtendNumLet).
#[inline]
fn is_core(b: u8) -> bool {
    ((b | 0x20).wrapping_sub(b'a') < 26) | (b.wrapping_sub(b'0') < 10) | (b == b'_')
}

/// The bytes that can join two letters or two digits.
#[inline]
fn is_joiner(b: u8) -> bool {
    (b == b'.') | (b == b',') | (b == b'\'') | (b == b':') | (b == b';')
}

/// Whether `mid` joins `before` and `after` into one word: `:`, `.` or `'`
/// between letters (WB6, WB7), `,`, `;`, `.` or `'` between digits (WB11,
/// WB12).
#[inline]
fn joins(before: u8, mid: u8, after: u8) -> bool {
    let letters = before.is_ascii_alphabetic() && after.is_ascii_alphabetic();
    let digits = before.is_ascii_digit() && after.is_ascii_digit();
    (letters && matches!(mid, b':' | b'.' | b'\''))
        || (digits && matches!(mid, b',' | b';' | b'.' | b'\''))
}

/// Packs eight bytes that are each 0 or 1 into the low eight bits, byte `k`
/// to bit `k`: the partial products of the multiplication land on distinct
/// bits, so no carry disturbs the top byte.
#[inline]
fn pack_bits(eight: &[u8; 8]) -> u64 {
    (u64::from_le_bytes(*eight).wrapping_mul(0x0102_0408_1020_4080)) >> 56
}

/// The bitmasks of the core bytes ([`is_core`]) and the joiners
/// ([`is_joiner`]) of a block, bit `i` for byte `i`.
#[cfg(not(target_arch = "x86_64"))]
#[inline]
fn block_masks(chunk: &[u8; BLOCK]) -> (u64, u64) {
    block_masks_portable(chunk)
}

/// The bitmasks of the core bytes ([`is_core`]) and the joiners
/// ([`is_joiner`]) of a block, bit `i` for byte `i`, with SSE2: compares on
/// 16 bytes at a time and `movemask`, some 50 instructions where the
/// portable version needs about 200 (a third of the time of the word
/// scanner, measured on the canonical article).
#[cfg(target_arch = "x86_64")]
#[inline]
fn block_masks(chunk: &[u8; BLOCK]) -> (u64, u64) {
    use std::arch::x86_64::{
        _mm_and_si128, _mm_cmpeq_epi8, _mm_cmpgt_epi8, _mm_cmplt_epi8, _mm_loadu_si128,
        _mm_movemask_epi8, _mm_or_si128, _mm_set1_epi8,
    };
    let mut core = 0u64;
    let mut joiners = 0u64;
    for (k, sixteen) in chunk.as_chunks::<16>().0.iter().enumerate() {
        // SAFETY: SSE2 is part of the x86_64 baseline (every x86_64 target
        // enables it), so the intrinsics' only requirement, the target
        // feature, always holds; the unaligned load reads the 16 bytes of
        // `sixteen` and nothing else.
        let (core_bits, joiner_bits) = unsafe {
            let v = _mm_loadu_si128(sixteen.as_ptr().cast());
            let byte = |b: u8| _mm_set1_epi8(b as i8);
            // Signed compares are exact here: ASCII bytes are below 0x80,
            // and any other byte is negative, so never in a range.
            let in_range = |x, lo: u8, hi: u8| {
                _mm_and_si128(
                    _mm_cmpgt_epi8(x, byte(lo - 1)),
                    _mm_cmplt_epi8(x, byte(hi + 1)),
                )
            };
            let letters = in_range(_mm_or_si128(v, byte(0x20)), b'a', b'z');
            let digits = in_range(v, b'0', b'9');
            let underscores = _mm_cmpeq_epi8(v, byte(b'_'));
            let core = _mm_or_si128(_mm_or_si128(letters, digits), underscores);
            let joiners = _mm_or_si128(
                _mm_or_si128(
                    _mm_or_si128(_mm_cmpeq_epi8(v, byte(b'.')), _mm_cmpeq_epi8(v, byte(b','))),
                    _mm_or_si128(
                        _mm_cmpeq_epi8(v, byte(b'\'')),
                        _mm_cmpeq_epi8(v, byte(b':')),
                    ),
                ),
                _mm_cmpeq_epi8(v, byte(b';')),
            );
            (_mm_movemask_epi8(core), _mm_movemask_epi8(joiners))
        };
        // `movemask` sets the low 16 bits only.
        core |= u64::from(core_bits as u16) << (16 * k);
        joiners |= u64::from(joiner_bits as u16) << (16 * k);
    }
    (core, joiners)
}

/// The bitmasks of the core bytes ([`is_core`]) and the joiners
/// ([`is_joiner`]) of a block, bit `i` for byte `i`, in portable code: one
/// class byte per input byte (a loop the compiler vectorises), packed to
/// bits eight at a time with a multiplication.
#[cfg_attr(target_arch = "x86_64", allow(dead_code))]
#[inline]
fn block_masks_portable(chunk: &[u8; BLOCK]) -> (u64, u64) {
    let mut classes = [0u8; BLOCK];
    for (class, &b) in classes.iter_mut().zip(chunk) {
        *class = u8::from(is_core(b)) | (u8::from(is_joiner(b)) << 1);
    }
    let mut core = 0u64;
    let mut joiners = 0u64;
    for (k, eight) in classes.as_chunks::<8>().0.iter().enumerate() {
        let lanes = u64::from_le_bytes(*eight);
        core |= pack_bits(&(lanes & 0x0101_0101_0101_0101).to_le_bytes()) << (8 * k);
        joiners |= pack_bits(&((lanes >> 1) & 0x0101_0101_0101_0101).to_le_bytes()) << (8 * k);
    }
    (core, joiners)
}

/// Classifies the ASCII bytes `bytes[start..end]` (at most [`BLOCK`] of
/// them), where `last_in_word` says whether the byte before `start` belongs
/// to a word, and finds where words start and end.
#[inline]
fn classify_block(bytes: &[u8], start: usize, end: usize, last_in_word: bool) -> WordBlock {
    let src = bytes.get(start..end).unwrap_or_default();
    let chunk: [u8; BLOCK] = match src.try_into() {
        Ok(full) => full,
        Err(_) => {
            // Padding with spaces ends a word at the end of the text, where
            // it would end anyway.
            let mut padded = [b' '; BLOCK];
            padded[..src.len()].copy_from_slice(src);
            padded
        }
    };
    let (core, mut joiners) = block_masks(&chunk);
    // A joiner looks at its neighbours in the text, which may lie in the
    // blocks before and after; across the stretch's ends it sees whitespace.
    let mut in_word = core;
    while joiners != 0 {
        let i = joiners.trailing_zeros() as usize;
        joiners &= joiners - 1;
        let at = start + i;
        if let (Some(&before), Some(&mid), Some(&after)) = (
            at.checked_sub(1).and_then(|b| bytes.get(b)),
            bytes.get(at),
            bytes.get(at + 1),
        ) && joins(before, mid, after)
        {
            in_word |= 1 << i;
        }
    }
    let before = (in_word << 1) | u64::from(last_in_word);
    WordBlock {
        base: start,
        starts: in_word & !before,
        ends: !in_word & before,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::corpus;
    use crate::text::offsets::with_code_points;

    fn texts(text: &str) -> Vec<&str> {
        words(text).map(|w| w.text).collect()
    }

    #[test]
    fn splits_news_text_into_words_without_punctuation() {
        assert_eq!(
            texts("The dollar reached $1.2871 against the euro, from $1.2974 on Thursday."),
            [
                "The", "dollar", "reached", "1.2871", "against", "the", "euro", "from", "1.2974",
                "on", "Thursday"
            ]
        );
    }

    #[test]
    fn keeps_contractions_and_possessives_whole() {
        assert_eq!(
            texts("Greenspan's view isn't new"),
            ["Greenspan's", "view", "isn't", "new"]
        );
    }

    #[test]
    fn hyphens_and_dashes_separate_words() {
        assert_eq!(
            texts("worse-than-expected jobs data — again"),
            ["worse", "than", "expected", "jobs", "data", "again"]
        );
    }

    #[test]
    fn symbols_and_emoji_are_not_words() {
        assert_eq!(texts("Wow 👍 !!! — ... 42"), ["Wow", "42"]);
        assert_eq!(texts(""), Vec::<&str>::new());
        assert_eq!(texts("  \n\t "), Vec::<&str>::new());
    }

    #[test]
    fn non_latin_scripts_are_words() {
        assert_eq!(
            texts("Müller traf Ångström in Zürich"),
            ["Müller", "traf", "Ångström", "in", "Zürich"]
        );
        assert_eq!(texts("Привет, мир"), ["Привет", "мир"]);
    }

    #[test]
    fn byte_offsets_slice_the_text() {
        let text = "Zoë said “hi” to Müller.";
        for word in words(text) {
            assert_eq!(&text[word.byte_range()], word.text);
        }
    }

    #[test]
    fn code_point_offsets_count_characters() {
        let text = "“Zoë” met Müller";
        let ranges: Vec<_> = with_code_points(text, words(text))
            .map(|(_, range)| range)
            .collect();
        assert_eq!(ranges, vec![1..4, 6..9, 10..16]);
    }

    /// What `unicode-segmentation` makes of the whole text: the reference.
    fn reference(text: &str) -> Vec<(usize, &str)> {
        text.unicode_word_indices().collect()
    }

    fn fast(text: &str) -> Vec<(usize, &str)> {
        words(text).map(|w| (w.start, w.text)).collect()
    }

    fn assert_same(text: &str) {
        let expected = reference(text);
        assert_eq!(fast(text), expected, "words of {text:?}");
        let folded = words(text).fold(Vec::new(), |mut all, w| {
            all.push((w.start, w.text));
            all
        });
        assert_eq!(folded, expected, "folded words of {text:?}");
        assert_eq!(words(text).count(), expected.len());
        // `fold` after `next` picks up where `next` left off.
        for taken in [1, 2, 5] {
            let mut iter = words(text);
            let mut mixed: Vec<(usize, &str)> = iter
                .by_ref()
                .take(taken)
                .map(|w| (w.start, w.text))
                .collect();
            iter.for_each(|w| mixed.push((w.start, w.text)));
            assert_eq!(mixed, expected, "words of {text:?} after {taken} taken");
        }
        for word in words(text) {
            assert_eq!(&text[word.byte_range()], word.text);
        }
    }

    /// The ASCII symbols the word rules treat differently.
    const ASCII_ALPHABET: &[&str] = &[
        "a", "Z", "1", "_", ":", ".", "'", ",", ";", " ", "\t", "\n", "\r", "-", "\"",
    ];

    /// Non-ASCII symbols of every kind that interacts with ASCII: letters,
    /// Extend, Format, ZWJ, MidNumLet, MidLetter, Hebrew, Katakana, regional
    /// indicators, emoji, no-break space.
    const UNICODE_ALPHABET: &[&str] = &[
        "é", "\u{301}", "’", "·", "日", "\u{200d}", "🇺", "א", "\u{a0}", "–", "\u{feff}", "ア",
        "👍", "٣", "—", "“", "”", "‘", "«", "»", "…", "£", "€", "°", "•", "‐", "‑", "−", "©",
    ];

    /// Characters the plain scanner takes (Cyrillic and Polish letters, their
    /// punctuation) and a few it must leave to `unicode-segmentation`.
    const PLAIN_ALPHABET: &[&str] = &[
        "ж", "Я", "ł", "Ż", "ё", "ʼ", "’", "·", "«", "»", "—", "„", "“", "…", "\u{a0}", "№", "²",
        "\u{301}", "\u{ad}", "α",
    ];

    #[test]
    fn fast_path_matches_unicode_segmentation_on_the_fixtures() {
        for text in corpus::FIXTURES {
            assert!(words(text).count() > 100);
            assert_same(text);
        }
    }

    #[test]
    fn fast_path_matches_unicode_segmentation_on_tricky_strings() {
        for text in corpus::TRICKY {
            assert_same(text);
        }
        assert_eq!(
            texts("U.S. don't 3.5 3,000 10:30 a.m. jo.smith@example.com http://x.org/a_b"),
            [
                "U.S",
                "don't",
                "3.5",
                "3,000",
                "10",
                "30",
                "a.m",
                "jo.smith",
                "example.com",
                "http",
                "x.org",
                "a_b"
            ]
        );
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
    fn plain_regions_match_unicode_segmentation_on_every_short_string() {
        for text in corpus::all_strings(&corpus::joined(ASCII_ALPHABET, PLAIN_ALPHABET), 3) {
            assert_same(&text);
        }
        for text in corpus::random_strings(
            &corpus::joined(ASCII_ALPHABET, PLAIN_ALPHABET),
            20_000,
            24,
            0xc1c1,
        ) {
            assert_same(&text);
        }
    }

    #[test]
    fn fast_path_matches_unicode_segmentation_on_random_strings() {
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
    fn block_masks_agree_with_the_byte_classes() {
        let mut blocks: Vec<[u8; BLOCK]> = corpus::FIXTURES
            .iter()
            .flat_map(|text| text.as_bytes().as_chunks::<BLOCK>().0.to_vec())
            .collect();
        let all_bytes: Vec<u8> = (0..=255).collect();
        blocks.extend(all_bytes.as_chunks::<BLOCK>().0.iter().copied());
        for chunk in &blocks {
            let expected =
                chunk
                    .iter()
                    .enumerate()
                    .fold((0u64, 0u64), |(core, joiners), (i, &b)| {
                        (
                            core | u64::from(is_core(b)) << i,
                            joiners | u64::from(is_joiner(b)) << i,
                        )
                    });
            assert_eq!(block_masks(chunk), expected);
            assert_eq!(block_masks_portable(chunk), expected);
        }
    }

    #[test]
    fn odd_inputs_do_not_panic() {
        for text in [
            "",
            "\u{301}",
            "\u{feff}",
            "\u{301}\u{301} a",
            "!!! ...",
            "a\u{301}",
            "日本 abc",
        ] {
            assert_same(text);
        }
        let mixed = corpus::TRICKY.concat();
        let mut cuts: Vec<usize> = mixed.char_indices().map(|(i, _)| i).collect();
        cuts.push(mixed.len());
        for &cut in cuts.iter().step_by(7) {
            assert_same(&mixed[..cut]);
            assert_same(&mixed[cut..]);
        }
    }
}
