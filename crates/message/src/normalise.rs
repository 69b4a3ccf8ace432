//! Text normalisation, done once at intake: NFC, entities decoded, control and zero-width junk removed, whitespace collapsed, paragraphs as blank lines.
//!
//! Everything downstream (modules, offsets in the output) works on the text
//! this returns. Quotes and dashes are kept as written: they carry meaning for
//! the quote and sentence machinery.

use enricher_nlp::text::normal_forms;
use unicode_normalization::UnicodeNormalization;

/// Characters that are invisible junk in article text: zero-width space,
/// byte-order mark / zero-width no-break space, word joiner, soft hyphen, and
/// the invisible separators and operators. ZWJ and ZWNJ are kept: they change
/// how Persian, Indic scripts and emoji are written.
fn is_junk(c: char) -> bool {
    matches!(
        c,
        '\u{200B}' | '\u{FEFF}' | '\u{2060}' | '\u{00AD}' | '\u{2061}'..='\u{2064}' | '\u{180E}'
    ) || (c.is_control() && !matches!(c, '\n' | '\t' | '\r' | '\u{85}'))
}

/// Horizontal white space, including no-break and typographic spaces.
fn is_space(c: char) -> bool {
    c == '\t' || (c.is_whitespace() && !is_line_break(c))
}

fn is_line_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r' | '\u{85}' | '\u{2028}' | '\u{2029}' | '\u{0B}' | '\u{0C}'
    )
}

/// Normalise article text. Paragraphs are separated by exactly one blank line
/// (`"\n\n"`). When the text has blank lines, those separate paragraphs and a
/// single line break inside a paragraph is a wrapped line (it becomes a space);
/// without blank lines, every non-empty line is a paragraph.
pub fn normalise(text: &str) -> String {
    let unified = if text.contains('\r') {
        std::borrow::Cow::Owned(text.replace("\r\n", "\n"))
    } else {
        std::borrow::Cow::Borrowed(text)
    };
    let decoded = if unified.contains('&') {
        std::borrow::Cow::Owned(html_escape::decode_html_entities(&unified).into_owned())
    } else {
        unified
    };
    let paragraphs = paragraph_lines(&decoded);
    let mut out = String::with_capacity(decoded.len());
    for paragraph in paragraphs {
        let start = out.len();
        if start > 0 {
            out.push_str("\n\n");
        }
        let body_start = out.len();
        let mut pending_space = false;
        for c in paragraph.chars() {
            if is_junk(c) {
                continue;
            }
            if is_space(c) || is_line_break(c) {
                pending_space = out.len() > body_start;
                continue;
            }
            if pending_space {
                out.push(' ');
                pending_space = false;
            }
            out.push(c);
        }
        if out.len() == body_start {
            // A paragraph of nothing but junk: take back its separator.
            out.truncate(start);
        }
    }
    // Composed last: removing junk between combining marks can leave them out of canonical order.
    if normal_forms::is_nfc(&out) {
        out
    } else {
        out.nfc().collect()
    }
}

/// Split into paragraphs by blank lines, or by lines when there is no blank line.
fn paragraph_lines(text: &str) -> Vec<&str> {
    let lines: Vec<&str> = text.split(is_paragraph_line_break).collect();
    let blank = |line: &str| line.chars().all(|c| is_space(c) || is_junk(c));
    let has_blank_line = lines
        .iter()
        .enumerate()
        .any(|(i, line)| blank(line) && i > 0 && i + 1 < lines.len());
    if !has_blank_line {
        return lines.into_iter().filter(|line| !blank(line)).collect();
    }
    let mut paragraphs = Vec::new();
    let mut start: Option<usize> = None;
    let mut offset = 0;
    let base = text.as_ptr() as usize;
    for line in &lines {
        let line_start = line.as_ptr() as usize - base;
        if blank(line) {
            if let Some(begin) = start.take() {
                paragraphs.push(&text[begin..offset]);
            }
        } else if start.is_none() {
            start = Some(line_start);
        }
        offset = line_start + line.len();
    }
    if let Some(begin) = start {
        paragraphs.push(&text[begin..offset]);
    }
    paragraphs
}

/// Line breaks that end a line (a paragraph separator U+2029 counts as a blank line's break too).
fn is_paragraph_line_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\u{85}' | '\u{2028}' | '\u{2029}' | '\u{0B}' | '\u{0C}'
    ) || (c == '\r')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_lines_separate_paragraphs_and_wrapped_lines_are_joined() {
        let text = "The central bank\nheld rates.\n\n\n  Analysts   expected it. \r\n\r\nMore.";
        assert_eq!(
            normalise(text),
            "The central bank held rates.\n\nAnalysts expected it.\n\nMore."
        );
    }

    #[test]
    fn without_blank_lines_each_line_is_a_paragraph() {
        assert_eq!(normalise("One.\nTwo.\r\nThree."), "One.\n\nTwo.\n\nThree.");
    }

    #[test]
    fn entities_are_decoded_and_nfc_composed() {
        assert_eq!(
            normalise("Caf&eacute; &amp; bar &#8212; &quot;yes&quot;"),
            "Café & bar — \"yes\""
        );
        assert_eq!(normalise("Cafe\u{301}"), "Caf\u{e9}");
    }

    #[test]
    fn junk_is_removed_but_joiners_and_quotes_stay() {
        let text = "\u{feff}Zero\u{200b}width soft\u{ad}hyphen \u{7}bell; \u{201c}curly\u{201d} \u{2019}s \u{2014} dash; \u{200d}";
        assert_eq!(
            normalise(text),
            "Zerowidth softhyphen bell; \u{201c}curly\u{201d} \u{2019}s \u{2014} dash; \u{200d}"
        );
    }

    #[test]
    fn no_break_and_typographic_spaces_collapse_to_one_space() {
        assert_eq!(normalise("a\u{a0}\u{2009} b\tc"), "a b c");
    }

    #[test]
    fn empty_and_junk_only_text_normalises_to_nothing() {
        for text in [
            "",
            "   ",
            "\n\n\n",
            "\u{200b}\u{feff}",
            "\u{0}\u{1}\n\n\u{200b}",
        ] {
            assert_eq!(normalise(text), "", "{text:?}");
        }
    }

    #[test]
    fn combining_marks_split_by_junk_are_put_in_canonical_order() {
        // Found by the wire_header fuzz target: a control character between marks.
        let text = "M\u{368}\u{0}\u{328}\u{320} P";
        let once = normalise(text);
        assert_eq!(normalise(&once), once);
    }

    #[test]
    fn normalising_twice_changes_nothing() {
        let text = "Para one\nwrapped.\n\n\u{a0}Para two &amp; more.\n\n\n";
        let once = normalise(text);
        assert_eq!(normalise(&once), once);
    }
}
