//! Byte-level helpers for the ASCII fast paths of the word and sentence splitters.
//!
//! News text is overwhelmingly ASCII with the odd dash, curly quote or
//! accented name. The splitters scan ASCII stretches a block at a time and
//! hand only a small region around other non-ASCII characters to the full
//! UAX #29 implementation in `unicode-segmentation`; these helpers find the
//! bytes that matter, and recognise the common punctuation whose UAX #29
//! classes the fast paths know (checked against `unicode-segmentation` by the
//! differential tests).

/// The index of the first byte of `bytes` at or after `from` that `pred`
/// holds for, if any.
///
/// `pred` should be a few comparisons, without branches: it is tried on 32
/// bytes at a time with a reduction the compiler vectorises, so stretches
/// without a match cost a fraction of a cycle a byte.
#[inline]
pub(crate) fn find_byte(
    bytes: &[u8],
    from: usize,
    pred: impl Fn(u8) -> bool + Copy,
) -> Option<usize> {
    let rest = bytes.get(from..)?;
    let (chunks, tail) = rest.as_chunks::<32>();
    for (k, chunk) in chunks.iter().enumerate() {
        // A fixed-size chunk and a byte accumulator: the form LLVM turns
        // into compares and a movemask.
        let mut hit = 0u8;
        for &b in chunk {
            hit |= u8::from(pred(b));
        }
        if hit != 0 {
            return chunk
                .iter()
                .position(|&b| pred(b))
                .map(|i| from + k * 32 + i);
        }
    }
    tail.iter()
        .position(|&b| pred(b))
        .map(|i| from + chunks.len() * 32 + i)
}

/// The index of the first byte of `bytes` at or after `from` that `pred`
/// holds for together with the byte after it (0 after the last byte).
///
/// Like [`find_byte`], tried on 32 bytes at a time with a vectorisable
/// reduction over the bytes and the bytes shifted by one.
#[inline]
pub(crate) fn find_pair(
    bytes: &[u8],
    from: usize,
    pred: impl Fn(u8, u8) -> bool + Copy,
) -> Option<usize> {
    let mut base = from;
    while let Some(window) = base.checked_add(33).and_then(|end| bytes.get(base..end)) {
        let (here, next) = (&window[..32], &window[1..]);
        let mut hit = 0u8;
        for (&b, &after) in here.iter().zip(next) {
            hit |= u8::from(pred(b, after));
        }
        if hit != 0 {
            return here
                .iter()
                .zip(next)
                .position(|(&b, &after)| pred(b, after))
                .map(|i| base + i);
        }
        base += 32;
    }
    let tail = bytes.get(base..)?;
    (0..tail.len())
        .find(|&i| pred(tail[i], tail.get(i + 1).copied().unwrap_or(0)))
        .map(|i| base + i)
}

/// The index of the first non-ASCII byte of `bytes` at or after `from`, or
/// `bytes.len()` when there is none (or `from` is past the end).
pub(crate) fn next_non_ascii(bytes: &[u8], from: usize) -> usize {
    let Some(rest) = bytes.get(from..) else {
        return bytes.len();
    };
    let mut at = from;
    // `<[u8]>::is_ascii` checks a word at a time; the chunks keep the search
    // from reading far past the first hit.
    for chunk in rest.chunks(32) {
        if chunk.is_ascii() {
            at += chunk.len();
        } else {
            return at + chunk.iter().position(|&b| !b.is_ascii()).unwrap_or(0);
        }
    }
    bytes.len()
}

/// The UAX #29 sentence class of common non-ASCII punctuation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SentencePunct {
    /// Dashes: Sentence_Break=SContinue.
    Continue,
    /// Curly quotes and guillemets: Sentence_Break=Close.
    Close,
    /// NO-BREAK SPACE: Sentence_Break=Sp.
    Space,
    /// Currency signs, the ellipsis, bullets, degrees, hyphens, minus:
    /// Sentence_Break=Other.
    Other,
}

/// The common non-ASCII punctuation at `bytes[at..]`, if any: its sentence
/// class, whether it is a word segment of its own that is never a word
/// (Word_Break=Other, not Extended_Pictographic, not alphanumeric; the
/// curly single quotes are MidNumLet and join letters instead), and its
/// length in bytes.
#[inline]
pub(crate) fn known_punct(bytes: &[u8], at: usize) -> Option<(SentencePunct, bool, usize)> {
    use SentencePunct::{Close, Continue, Other, Space};
    let (class, stands_alone, len) = match bytes.get(at..)? {
        // – — (U+2013, U+2014)
        [0xE2, 0x80, 0x93 | 0x94, ..] => (Continue, true, 3),
        // “ ” (U+201C, U+201D)
        [0xE2, 0x80, 0x9C | 0x9D, ..] => (Close, true, 3),
        // ‘ ’ (U+2018, U+2019)
        [0xE2, 0x80, 0x98 | 0x99, ..] => (Close, false, 3),
        // ‐ ‑ • … (U+2010, U+2011, U+2022, U+2026)
        [0xE2, 0x80, 0x90 | 0x91 | 0xA2 | 0xA6, ..] => (Other, true, 3),
        // € (U+20AC)
        [0xE2, 0x82, 0xAC, ..] => (Other, true, 3),
        // − (U+2212)
        [0xE2, 0x88, 0x92, ..] => (Other, true, 3),
        // « » (U+00AB, U+00BB)
        [0xC2, 0xAB | 0xBB, ..] => (Close, true, 2),
        // NO-BREAK SPACE (U+00A0)
        [0xC2, 0xA0, ..] => (Space, true, 2),
        // £ ° (U+00A3, U+00B0)
        [0xC2, 0xA3 | 0xB0, ..] => (Other, true, 2),
        _ => return None,
    };
    Some((class, stands_alone, len))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_first_matching_byte() {
        let text = format!("{}.{}!", "a".repeat(40), "b".repeat(70));
        let bytes = text.as_bytes();
        let stop = |b: u8| (b == b'.') | (b == b'!');
        assert_eq!(find_byte(bytes, 0, stop), Some(40));
        assert_eq!(find_byte(bytes, 40, stop), Some(40));
        assert_eq!(find_byte(bytes, 41, stop), Some(111));
        assert_eq!(find_byte(bytes, 112, stop), None);
        assert_eq!(find_byte(bytes, 500, stop), None);
        for from in 0..bytes.len() {
            let expected = bytes[from..]
                .iter()
                .position(|&b| stop(b))
                .map(|i| from + i);
            assert_eq!(find_byte(bytes, from, stop), expected);
        }
    }

    #[test]
    fn finds_the_first_matching_pair() {
        let text = format!(
            "{} a\n{}  b{} ",
            "x".repeat(40),
            "y".repeat(30),
            "z".repeat(50)
        );
        let bytes = text.as_bytes();
        let double = |b: u8, next: u8| (b == b' ') & (next == b' ');
        let space_at_end = |b: u8, next: u8| (b == b' ') & (next == 0);
        for from in 0..=bytes.len() + 1 {
            let expected = (from..bytes.len())
                .find(|&i| double(bytes[i], bytes.get(i + 1).copied().unwrap_or(0)));
            assert_eq!(find_pair(bytes, from, double), expected);
        }
        assert_eq!(find_pair(bytes, 0, space_at_end), Some(bytes.len() - 1));
    }

    #[test]
    fn knows_the_common_punctuation() {
        for (c, class, alone) in [
            ('–', SentencePunct::Continue, true),
            ('—', SentencePunct::Continue, true),
            ('“', SentencePunct::Close, true),
            ('”', SentencePunct::Close, true),
            ('‘', SentencePunct::Close, false),
            ('’', SentencePunct::Close, false),
            ('«', SentencePunct::Close, true),
            ('»', SentencePunct::Close, true),
            ('\u{a0}', SentencePunct::Space, true),
            ('…', SentencePunct::Other, true),
            ('£', SentencePunct::Other, true),
            ('€', SentencePunct::Other, true),
            ('°', SentencePunct::Other, true),
            ('•', SentencePunct::Other, true),
            ('‐', SentencePunct::Other, true),
            ('‑', SentencePunct::Other, true),
            ('−', SentencePunct::Other, true),
        ] {
            let text = format!("a{c}b");
            assert_eq!(
                known_punct(text.as_bytes(), 1),
                Some((class, alone, c.len_utf8())),
                "{c:?}"
            );
            assert!(!c.is_alphanumeric() && !c.is_whitespace() || c == '\u{a0}');
        }
        for other in [
            "é", "\u{301}", "\u{2028}", "日", "a", "", "\u{200b}", "\u{feff}",
        ] {
            assert_eq!(known_punct(other.as_bytes(), 0), None, "{other:?}");
        }
        assert_eq!(known_punct("–".as_bytes(), 1), None);
    }

    #[test]
    fn finds_the_first_non_ascii_byte() {
        let text = "plain text, then “quotes” and more".as_bytes();
        let first = text.iter().position(|&b| !b.is_ascii());
        assert_eq!(Some(next_non_ascii(text, 0)), first);
        assert_eq!(next_non_ascii(b"all ascii", 0), 9);
        assert_eq!(next_non_ascii(b"", 0), 0);
        assert_eq!(next_non_ascii(b"abc", 7), 3);
        let long = format!("{}é", "a".repeat(100));
        assert_eq!(next_non_ascii(long.as_bytes(), 3), 100);
        assert_eq!(next_non_ascii(long.as_bytes(), 101), 101);
    }
}
