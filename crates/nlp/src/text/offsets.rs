//! Byte offsets to code-point offsets: the output contract counts code points, Rust strings index bytes.

use std::ops::Range;

use super::ascii::next_non_ascii;
use super::span::Span;

/// The number of code points in `bytes` of UTF-8, counting every byte that
/// starts a character.
///
/// Works on any byte range, even one that cuts a character in two (a partial
/// character counts once, where it starts), so it never panics; the loop is
/// branch-free and vectorises.
pub fn code_point_count(bytes: &[u8]) -> usize {
    // A UTF-8 continuation byte is 0b10xx_xxxx, i.e. -64..-1 as an i8.
    bytes.iter().filter(|&&b| (b as i8) >= -0x40).count()
}

/// The code-point offset of byte offset `byte` in `text`, for a one-off
/// conversion (offsets past the end clamp to the end).
///
/// Costs a scan of `text[..byte]`; to convert many offsets use
/// [`CodePointCursor`], which only scans the distance between them.
pub fn byte_to_code_point(text: &str, byte: usize) -> usize {
    let bytes = text.as_bytes();
    code_point_count(&bytes[..byte.min(bytes.len())])
}

/// Converts byte offsets into one text to code-point offsets, remembering the
/// last position so that offsets visited in order cost one pass over the text
/// in all.
///
/// Offsets may come in any order: going back scans only the distance back.
/// Between two non-ASCII characters the conversion is a subtraction: the
/// cursor knows where the next non-ASCII byte is, so news text (ASCII with
/// the odd dash or accented name) converts without counting at all.
#[derive(Debug, Clone)]
pub struct CodePointCursor<'a> {
    bytes: &'a [u8],
    byte: usize,
    code_point: usize,
    /// No byte in `byte..ascii_until` is non-ASCII.
    ascii_until: usize,
}

impl<'a> CodePointCursor<'a> {
    /// A cursor at the start of `text`.
    pub fn new(text: &'a str) -> Self {
        let bytes = text.as_bytes();
        Self {
            bytes,
            byte: 0,
            code_point: 0,
            ascii_until: next_non_ascii(bytes, 0),
        }
    }

    /// The code-point offset of byte offset `byte` (clamped to the text's end).
    #[inline]
    pub fn code_point(&mut self, byte: usize) -> usize {
        if byte >= self.byte && byte <= self.ascii_until {
            self.code_point += byte - self.byte;
            self.byte = byte;
            self.code_point
        } else {
            self.code_point_counting(byte)
        }
    }

    /// [`code_point`](Self::code_point) across a non-ASCII byte or backwards:
    /// counts, out of line so the common case above stays small.
    #[inline(never)]
    fn code_point_counting(&mut self, byte: usize) -> usize {
        let byte = byte.min(self.bytes.len());
        if byte >= self.byte {
            self.code_point += code_point_count(&self.bytes[self.byte..byte]);
            self.ascii_until = next_non_ascii(self.bytes, byte);
        } else {
            let between = &self.bytes[byte..self.byte];
            self.code_point -= code_point_count(between);
            if !between.is_ascii() {
                self.ascii_until = byte;
            }
        }
        self.byte = byte;
        self.code_point
    }

    /// The code-point range of the byte range `bytes`.
    pub fn range(&mut self, bytes: Range<usize>) -> Range<usize> {
        let start = self.code_point(bytes.start);
        let end = self.code_point(bytes.end);
        start..end
    }

    /// The code-point range of `span`, which must come from this cursor's text.
    pub fn span(&mut self, span: &Span<'_>) -> Range<usize> {
        self.range(span.byte_range())
    }
}

/// Pairs each span from `spans` (taken from `text`) with its code-point range,
/// for modules that report `start`/`end` in the output.
pub fn with_code_points<'a, I>(
    text: &'a str,
    spans: I,
) -> impl Iterator<Item = (Span<'a>, Range<usize>)> + 'a
where
    I: IntoIterator<Item = Span<'a>>,
    I::IntoIter: 'a,
{
    let mut cursor = CodePointCursor::new(text);
    spans.into_iter().map(move |span| {
        let range = cursor.span(&span);
        (span, range)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_code_points_not_bytes() {
        assert_eq!(code_point_count("naïve café".as_bytes()), 10);
        assert_eq!(code_point_count("日本語".as_bytes()), 3);
        assert_eq!(code_point_count("👍🏽".as_bytes()), 2);
        assert_eq!(code_point_count(b""), 0);
    }

    #[test]
    fn counting_a_cut_character_does_not_panic() {
        let text = "é";
        assert_eq!(code_point_count(&text.as_bytes()[..1]), 1);
        assert_eq!(code_point_count(&text.as_bytes()[1..]), 0);
    }

    #[test]
    fn one_off_conversion_matches_char_indices() {
        let text = "Zoë said “hi” to 東京.";
        for (code_point, (byte, _)) in text.char_indices().enumerate() {
            assert_eq!(byte_to_code_point(text, byte), code_point);
        }
        assert_eq!(byte_to_code_point(text, 10_000), text.chars().count());
    }

    #[test]
    fn cursor_converts_forwards_and_backwards() {
        let text = "Müller met Ångström in Zürich — “finally”.";
        let expected: Vec<(usize, usize)> = text
            .char_indices()
            .enumerate()
            .map(|(cp, (b, _))| (b, cp))
            .collect();
        let mut cursor = CodePointCursor::new(text);
        for &(byte, cp) in &expected {
            assert_eq!(cursor.code_point(byte), cp);
        }
        for &(byte, cp) in expected.iter().rev() {
            assert_eq!(cursor.code_point(byte), cp);
        }
        assert_eq!(cursor.code_point(text.len()), text.chars().count());
    }

    #[test]
    fn cursor_agrees_with_one_off_conversion_in_any_order() {
        let text = "Plain start, then – a dash, Zoë, “quotes” and 東京 at the end…";
        let mut cursor = CodePointCursor::new(text);
        // A fixed pseudo-random walk over every byte offset, mid-character
        // ones included, forwards and backwards.
        let mut at = 0usize;
        for step in 0..2_000usize {
            at = (at * 31 + step * 17 + 7) % (text.len() + 3);
            assert_eq!(
                cursor.code_point(at),
                byte_to_code_point(text, at),
                "offset {at}"
            );
        }
    }

    #[test]
    fn cursor_on_ascii_is_identity_and_clamps() {
        let mut cursor = CodePointCursor::new("plain ascii");
        assert_eq!(cursor.range(2..7), 2..7);
        assert_eq!(cursor.code_point(99), 11);
    }

    #[test]
    fn spans_get_code_point_ranges_that_slice_like_python() {
        let text = "Café owner José Núñez";
        let spans: Vec<Span<'_>> = ["Café", "José", "Núñez"]
            .iter()
            .filter_map(|word| {
                let start = text.find(word)?;
                Span::new(text, start, start + word.len())
            })
            .collect();
        assert_eq!(spans.len(), 3);
        let chars: Vec<char> = text.chars().collect();
        let ranges: Vec<_> = with_code_points(text, spans.iter().copied())
            .map(|(span, range)| {
                let sliced: String = chars[range.clone()].iter().collect();
                assert_eq!(sliced, span.text);
                range
            })
            .collect();
        assert_eq!(ranges, vec![0..4, 11..15, 16..21]);
    }
}
