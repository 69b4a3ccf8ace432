//! Paragraphs: runs of lines between blank lines, or single lines when the text uses no blank lines.

use super::lines::{Lines, has_blank_line_separator, is_blank, lines};
use super::span::Span;

/// The non-empty paragraphs of `text`, trimmed of surrounding whitespace.
///
/// Paragraphs are separated by one or more blank lines. Text with no blank
/// line between two lines of text (many feeds put one paragraph per line) has
/// each non-blank line as a paragraph instead.
pub fn paragraphs(text: &str) -> Paragraphs<'_> {
    Paragraphs {
        text,
        lines: lines(text),
        blank_line_separated: has_blank_line_separator(text),
    }
}

/// Iterator over the paragraph spans of a text, made by [`paragraphs`].
#[derive(Debug, Clone)]
pub struct Paragraphs<'a> {
    text: &'a str,
    lines: Lines<'a>,
    blank_line_separated: bool,
}

impl<'a> Iterator for Paragraphs<'a> {
    type Item = Span<'a>;

    fn next(&mut self) -> Option<Self::Item> {
        let first = self.lines.by_ref().find(|line| !is_blank(line.text))?;
        let mut end = first.end;
        if self.blank_line_separated {
            for line in self.lines.by_ref() {
                if is_blank(line.text) {
                    break;
                }
                end = line.end;
            }
        }
        Span::new(self.text, first.start, end).map(Span::trim)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<&str> {
        paragraphs(text).map(|p| p.text).collect()
    }

    #[test]
    fn blank_lines_separate_paragraphs() {
        let text = "The dollar rose.\n\nAnd Alan Greenspan spoke.\nMarkets listened.\n\n\n  Worries remain. \n";
        assert_eq!(
            texts(text),
            [
                "The dollar rose.",
                "And Alan Greenspan spoke.\nMarkets listened.",
                "Worries remain."
            ]
        );
    }

    #[test]
    fn whitespace_only_lines_count_as_blank() {
        assert_eq!(texts("one\r\n \t\r\ntwo"), ["one", "two"]);
    }

    #[test]
    fn without_blank_lines_each_line_is_a_paragraph() {
        assert_eq!(
            texts("First paragraph.\nSecond paragraph.\nThird.\n"),
            ["First paragraph.", "Second paragraph.", "Third."]
        );
    }

    #[test]
    fn one_blank_line_anywhere_makes_single_breaks_wrap_lines() {
        assert_eq!(
            texts("First line\nwrapped.\n   \nSecond?"),
            ["First line\nwrapped.", "Second?"]
        );
    }

    #[test]
    fn text_without_line_breaks_is_one_paragraph() {
        assert_eq!(
            texts("Just one paragraph here."),
            ["Just one paragraph here."]
        );
    }

    #[test]
    fn empty_and_blank_text_have_no_paragraphs() {
        assert_eq!(paragraphs("").count(), 0);
        assert_eq!(paragraphs(" \n\n \t\n").count(), 0);
    }

    #[test]
    fn paragraph_offsets_slice_the_text() {
        let text = "\n\nZoë said hi.\n\nMüller left.\n";
        let spans: Vec<_> = paragraphs(text).collect();
        assert_eq!(spans.len(), 2);
        for span in spans {
            assert_eq!(&text[span.byte_range()], span.text);
        }
    }
}
