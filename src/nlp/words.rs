//! Word tokens: UAX #29 word segments that contain a letter or a digit, with their offsets.

use unicode_segmentation::{UnicodeSegmentation, UnicodeWordIndices};

use super::span::Span;

/// The words of `text`, in order, without allocating.
///
/// A word is a UAX #29 word segment with at least one alphanumeric character,
/// so "don't", "U.S" and "3.5" are one word each, hyphens split "well-known"
/// into two, and punctuation, spaces and emoji are not words. Pair the spans
/// with [`with_code_points`](super::offsets::with_code_points) for
/// code-point offsets.
pub fn words(text: &str) -> Words<'_> {
    Words {
        inner: text.unicode_word_indices(),
    }
}

/// Iterator over the word spans of a text, made by [`words`].
#[derive(Debug)]
pub struct Words<'a> {
    inner: UnicodeWordIndices<'a>,
}

impl<'a> Iterator for Words<'a> {
    type Item = Span<'a>;

    #[inline]
    fn next(&mut self) -> Option<Self::Item> {
        self.inner.next().map(|(start, text)| Span {
            text,
            start,
            end: start + text.len(),
        })
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.inner.size_hint()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::nlp::offsets::with_code_points;

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
}
