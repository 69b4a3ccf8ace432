//! Lines and line breaks, shared by the paragraph and sentence splitters so both agree on where a paragraph ends.

use super::ascii::find_byte;
use super::span::Span;

/// Where a line break sits and what kind it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Break {
    start: usize,
    len: usize,
    /// U+2029 PARAGRAPH SEPARATOR ends a paragraph the way a blank line does.
    ends_paragraph: bool,
}

/// The first line break in `bytes` at or after `from`: LF, CR, CRLF, NEL
/// (U+0085), LINE SEPARATOR (U+2028) or PARAGRAPH SEPARATOR (U+2029).
fn next_break(bytes: &[u8], from: usize) -> Option<Break> {
    let mut i = from;
    // NEL, LS and PS start with 0xC2 or 0xE2; the match below keeps the
    // real breaks among the candidates.
    let candidate = |b: u8| (b == b'\n') | (b == b'\r') | (b == 0xC2) | (b == 0xE2);
    while let Some(at) = find_byte(bytes, i, candidate) {
        let tail = &bytes[at..];
        let found = match tail {
            [b'\r', b'\n', ..] => Some((2, false)),
            [b'\n' | b'\r', ..] => Some((1, false)),
            [0xC2, 0x85, ..] => Some((2, false)),
            [0xE2, 0x80, 0xA8, ..] => Some((3, false)),
            [0xE2, 0x80, 0xA9, ..] => Some((3, true)),
            _ => None,
        };
        if let Some((len, ends_paragraph)) = found {
            return Some(Break {
                start: at,
                len,
                ends_paragraph,
            });
        }
        i = at + 1;
    }
    None
}

/// The lines of `text` without their line breaks, in order; a PARAGRAPH
/// SEPARATOR is followed by an empty line so that it reads as a blank line.
pub fn lines(text: &str) -> Lines<'_> {
    Lines {
        text,
        pos: 0,
        pending_blank: None,
        done: false,
    }
}

/// Iterator over the lines of a text, made by [`lines`].
#[derive(Debug, Clone)]
pub struct Lines<'a> {
    text: &'a str,
    pos: usize,
    pending_blank: Option<usize>,
    done: bool,
}

impl<'a> Iterator for Lines<'a> {
    type Item = Span<'a>;

    fn next(&mut self) -> Option<Self::Item> {
        if let Some(at) = self.pending_blank.take() {
            return Some(Span {
                text: "",
                start: at,
                end: at,
            });
        }
        if self.done {
            return None;
        }
        let start = self.pos;
        let end = match next_break(self.text.as_bytes(), start) {
            Some(found) => {
                self.pos = found.start + found.len;
                if found.ends_paragraph {
                    self.pending_blank = Some(self.pos);
                }
                found.start
            }
            None => {
                self.done = true;
                self.text.len()
            }
        };
        Span::new(self.text, start, end)
    }
}

/// Whether `line` holds nothing but whitespace.
pub fn is_blank(line: &str) -> bool {
    line.chars().all(char::is_whitespace)
}

/// Whether some blank line stands between two lines with text, the sign
/// that the text marks paragraphs with blank lines (and that a single line
/// break inside a paragraph only wraps it).
pub fn has_blank_line_separator(text: &str) -> bool {
    let mut seen_text = false;
    let mut blank_since_text = false;
    for line in lines(text) {
        if is_blank(line.text) {
            blank_since_text = seen_text;
        } else if blank_since_text {
            return true;
        } else {
            seen_text = true;
        }
    }
    false
}

/// How many line breaks `gap` holds (CRLF counts once, a PARAGRAPH
/// SEPARATOR twice, since it ends a paragraph like a blank line).
pub fn line_breaks(gap: &str) -> usize {
    let bytes = gap.as_bytes();
    let mut count = 0;
    let mut from = 0;
    while let Some(found) = next_break(bytes, from) {
        count += if found.ends_paragraph { 2 } else { 1 };
        from = found.start + found.len;
    }
    count
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<&str> {
        lines(text).map(|l| l.text).collect()
    }

    #[test]
    fn splits_on_every_kind_of_line_break() {
        assert_eq!(
            texts("a\nb\r\nc\rd\u{85}e\u{2028}f"),
            ["a", "b", "c", "d", "e", "f"]
        );
        assert_eq!(texts("one line"), ["one line"]);
        assert_eq!(texts(""), [""]);
        assert_eq!(texts("ends\n"), ["ends", ""]);
    }

    #[test]
    fn paragraph_separator_reads_as_a_blank_line() {
        assert_eq!(texts("first\u{2029}second"), ["first", "", "second"]);
        assert!(has_blank_line_separator("first\u{2029}second"));
    }

    #[test]
    fn line_offsets_slice_the_text() {
        let text = "Zoë\r\nMüller\n\nend";
        for line in lines(text) {
            assert_eq!(&text[line.byte_range()], line.text);
        }
    }

    #[test]
    fn blank_line_separator_needs_text_on_both_sides() {
        assert!(has_blank_line_separator("one\n\ntwo"));
        assert!(has_blank_line_separator("one\n \t \r\n\r\ntwo"));
        assert!(!has_blank_line_separator("one\ntwo\nthree"));
        assert!(!has_blank_line_separator("\n\none\ntwo\n\n\n"));
        assert!(!has_blank_line_separator(""));
    }

    #[test]
    fn counts_line_breaks_in_a_gap() {
        assert_eq!(line_breaks("  "), 0);
        assert_eq!(line_breaks(" \n "), 1);
        assert_eq!(line_breaks("\r\n\r\n"), 2);
        assert_eq!(line_breaks("\u{2029}"), 2);
    }
}
