//! `stats`: characters, words, sentences, paragraphs and reading time of the article text.

use serde::Serialize;

use crate::text::{Segments, paragraphs, sentences, words};

mod module;
pub use module::StatsModule;

/// The adult silent reading speed for English non-fiction, in words per
/// minute (Brysbaert 2019), that reading time is reckoned at.
pub const WORDS_PER_MINUTE: u64 = 238;

/// The `stats` field of the output.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Stats {
    /// Unicode code points in `article.text`, the unit every output offset counts.
    pub characters: usize,
    /// Word tokens, as [`crate::text::words()`] finds them.
    pub words: usize,
    /// Sentences, as [`crate::text::sentences()`] finds them.
    pub sentences: usize,
    /// Non-empty paragraphs, as [`crate::text::paragraphs()`] finds them.
    pub paragraphs: usize,
    /// Time to read the text at [`WORDS_PER_MINUTE`], rounded up to whole seconds.
    pub reading_time_seconds: u32,
}

/// The stats of `text`, so callers outside the pipeline (benchmarks, tests)
/// get exactly what the module reports.
pub fn stats(text: &str) -> Stats {
    let word_count = words(text).count();
    counted(text, word_count, sentences(text).count())
}

/// The stats of `segments`' text, from its words and sentences: the same as
/// [`stats`], without splitting the text again when other modules already
/// had it segmented (outside ASCII the splitters are the dear part).
pub fn stats_of(segments: &Segments<'_>) -> Stats {
    counted(
        segments.text(),
        segments.word_count(),
        segments.sentences.len(),
    )
}

fn counted(text: &str, word_count: usize, sentence_count: usize) -> Stats {
    Stats {
        characters: text.chars().count(),
        words: word_count,
        sentences: sentence_count,
        paragraphs: paragraphs(text).count(),
        reading_time_seconds: reading_time_seconds(word_count),
    }
}

/// Seconds to read `words` words at [`WORDS_PER_MINUTE`], rounded up so that
/// any text with a word takes at least a second (and none takes zero).
pub fn reading_time_seconds(words: usize) -> u32 {
    let words = u64::try_from(words).unwrap_or(u64::MAX);
    let seconds = words.saturating_mul(60).div_ceil(WORDS_PER_MINUTE);
    u32::try_from(seconds).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Article, Document};
    use crate::pipeline::Module;

    const ARTICLE: &str = "Dollar gains on Greenspan speech\n\n\
        The dollar has hit its highest level against the euro in almost three months after the \
        Federal Reserve head said the U.S. trade deficit is set to stabilise.\n\n\
        And Alan Greenspan highlighted the US government's willingness to curb spending. \
        \"I think the chairman's taking a much more sanguine view,\" said Robert Sinche. \
        Mr. Sinche is head of currency strategy at Bank of America.\n";

    fn document(text: &str) -> Document {
        Document::new(Article {
            text: text.to_owned(),
            ..Article::default()
        })
    }

    #[test]
    fn counts_a_short_news_article() {
        let found = stats(ARTICLE);
        assert_eq!(
            found,
            Stats {
                characters: ARTICLE.chars().count(),
                words: 68,
                sentences: 5,
                paragraphs: 3,
                reading_time_seconds: 18,
            }
        );
    }

    #[test]
    fn characters_count_code_points_not_bytes() {
        let found = stats("Zoë met Müller in Zürich. 東京!");
        assert_eq!(found.characters, 29);
        // UAX #29 has no dictionary: each Han ideograph is a word of its own.
        assert_eq!(found.words, 7);
        assert_eq!(found.sentences, 2);
    }

    #[test]
    fn reading_time_rounds_up_to_whole_seconds_at_238_words_per_minute() {
        assert_eq!(reading_time_seconds(0), 0);
        assert_eq!(reading_time_seconds(1), 1);
        assert_eq!(reading_time_seconds(238), 60);
        assert_eq!(reading_time_seconds(239), 61);
        assert_eq!(reading_time_seconds(1000), 253);
        assert_eq!(reading_time_seconds(usize::MAX), u32::MAX);
    }

    #[test]
    fn empty_text_is_all_zeros() {
        let zero = Stats {
            characters: 0,
            words: 0,
            sentences: 0,
            paragraphs: 0,
            reading_time_seconds: 0,
        };
        assert_eq!(stats(""), zero);
        assert_eq!(
            stats(" \n\n\t"),
            Stats {
                characters: 4,
                ..zero
            }
        );
    }

    #[test]
    fn odd_inputs_count_without_panicking() {
        for odd in [
            "",
            "\u{301}",
            "\u{301}\u{301} a\u{301}.",
            "\u{feff}",
            "\u{feff}Hello. World.",
            "!!! ??? ... --- ;;;",
            "Mixed 日本語 Ελληνικά. Русский! عربى עברית? text",
            "\u{0}\u{1}\u{7f}",
            "\u{2029}\u{2028}\u{85}\r\n",
            "“Quote.” — dash – “Why?” she asked… £5.",
        ] {
            let found = stats(odd);
            assert_eq!(found.characters, odd.chars().count());
            assert!(found.sentences <= found.words.max(1));
            assert!(found.paragraphs <= found.sentences.max(1) + odd.len());
        }
        assert_eq!(stats("\u{301}").words, 0);
        assert_eq!(stats("!!! ??? ...").sentences, 0);
        assert_eq!(stats("“Quote.” — dash – “Why?” she asked… £5.").words, 6);
    }

    #[test]
    fn canonical_article_counts_match_unicode_segmentation() {
        use unicode_segmentation::UnicodeSegmentation;
        let text = include_str!("../../../../tests/fixtures/menafn-ukrinform-2024-10-28.txt");
        let found = stats(text);
        assert_eq!(found.words, text.unicode_word_indices().count());
        assert_eq!(found.characters, text.chars().count());
        assert!(found.sentences > 10 && found.paragraphs > 5, "{found:?}");
    }

    #[test]
    fn module_writes_only_its_own_field() {
        let mut doc = document(ARTICLE);
        let before = doc.clone();
        let module = StatsModule::default();
        assert_eq!(module.name(), "stats");
        assert!(module.process(&mut doc).is_ok());
        assert_eq!(doc.enrichments.stats, Some(stats(ARTICLE)));
        assert_eq!(doc.article, before.article);
        assert_eq!(doc.enrichments.fingerprint, before.enrichments.fingerprint);
        assert!(doc.warnings.is_empty());
    }

    #[test]
    fn counts_from_the_shared_segmentation_are_the_same() {
        let texts = [
            ARTICLE,
            "",
            "Президент России заявил, что «переговоры продолжатся». Песков: «Нет».\n\nКурск.",
            "Die Kinder spielen im Garten, die Sonne scheint. Dr. Müller sagte: „Gut.“",
            "Prezydent powiedział, że „rozmowy będą kontynuowane”. Źródło: PAP.",
            "“Quote.” — dash – “Why?” she asked… £5.\n* * *\n3.5 U.S. don't",
            "日本語の文。中文句子。 ภาษาไทย",
        ];
        for text in texts {
            assert_eq!(
                stats_of(&crate::text::segment(text)),
                stats(text),
                "{text:?}"
            );
        }
    }

    #[test]
    fn serialises_with_the_contract_field_names() {
        let json = serde_json::to_value(stats("One two three.")).ok();
        assert_eq!(
            json,
            Some(serde_json::json!({
                "characters": 14,
                "words": 3,
                "sentences": 1,
                "paragraphs": 1,
                "reading_time_seconds": 1
            }))
        );
    }
}
