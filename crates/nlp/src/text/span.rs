//! `Span`: a piece of a text together with where it sits, in bytes, so callers can slice without searching.

use std::ops::Range;

/// A slice of a text and its byte offsets in that text.
///
/// Word, sentence and paragraph iterators all yield spans, so one type carries
/// both the text a module looks at and the place it reports; byte offsets are
/// turned into the contract's code-point offsets with
/// [`CodePointCursor`](super::offsets::CodePointCursor).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span<'a> {
    /// The text of the span: `source[start..end]`.
    pub text: &'a str,
    /// Byte offset of the first byte in the source text.
    pub start: usize,
    /// Byte offset one past the last byte in the source text.
    pub end: usize,
}

impl<'a> Span<'a> {
    /// The span of `source[start..end]`, or `None` when the range is out of
    /// bounds or not on character boundaries, so bad offsets never panic.
    #[inline]
    pub fn new(source: &'a str, start: usize, end: usize) -> Option<Self> {
        let text = source.get(start..end)?;
        Some(Self { text, start, end })
    }

    /// The byte range of the span, for slicing the source text again.
    pub fn byte_range(&self) -> Range<usize> {
        self.start..self.end
    }

    /// Whether the span covers no text at all.
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// The span without its leading and trailing whitespace, offsets moved to
    /// match, so sentences and paragraphs report just their text.
    pub fn trim(self) -> Self {
        let after_leading = self.text.trim_start();
        let start = self.start + (self.text.len() - after_leading.len());
        let text = after_leading.trim_end();
        Self {
            text,
            start,
            end: start + text.len(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_slices_the_source() {
        let span = Span::new("Hello world", 6, 11);
        assert_eq!(
            span,
            Some(Span {
                text: "world",
                start: 6,
                end: 11
            })
        );
        assert_eq!(span.map(|s| s.byte_range()), Some(6..11));
    }

    #[test]
    fn new_rejects_ranges_off_char_boundaries_or_out_of_bounds() {
        assert_eq!(Span::new("é", 0, 1), None);
        assert_eq!(Span::new("abc", 2, 9), None);
        assert_eq!(Span::new("abc", 2, 1), None);
    }

    #[test]
    fn trim_moves_offsets_past_whitespace() {
        let source = "  \n Hello there.\t \n";
        let trimmed = Span::new(source, 0, source.len()).map(Span::trim);
        assert_eq!(
            trimmed,
            Some(Span {
                text: "Hello there.",
                start: 4,
                end: 16
            })
        );
        let blank = Span::new(source, 0, 3).map(Span::trim);
        assert!(blank.is_some_and(|s| s.is_empty()));
    }

    #[test]
    fn empty_span_is_empty() {
        assert!(Span::new("abc", 1, 1).is_some_and(|s| s.is_empty()));
    }
}
