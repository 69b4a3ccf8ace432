//! Tests of [`summary`](super::summary): the canonical article, text order and offsets, redundancy, and hostile input.

use super::*;

use crate::keywords::test_texts::{WIRE, canonical};

/// Slices `text` by code points, as a consumer of the output would.
fn slice(text: &str, start: usize, end: usize) -> String {
    text.chars().skip(start).take(end - start).collect()
}

#[test]
fn the_canonical_article_summary_opens_with_the_news() {
    let found = summary(&canonical(), 3);
    assert_eq!(found.len(), 3, "{found:#?}");
    assert!(
        found[0]
            .text
            .starts_with("Secretary General Mark Rutte has confirmed"),
        "{found:#?}"
    );
    assert!(
        found.iter().all(|s| s.text.contains("North Korean")),
        "{found:#?}"
    );
    assert!(found.iter().any(|s| s.text.contains("Kursk")), "{found:#?}");
}

#[test]
fn sentences_come_in_text_order_with_code_point_offsets() {
    let text = "Zoë’s café — in Zürich — opened its doors to the public on Monday morning. \
                The café serves coffee and cake to the people of Zürich every day. \
                Zoë said the café would open a second shop in Zürich next year. \
                Unrelated weather was mild in the north of the country for the season.";
    for found in [summary(text, 3), summary(WIRE, 3)] {
        assert!(
            found.windows(2).all(|w| w[0].end <= w[1].start),
            "{found:#?}"
        );
    }
    for sentence in summary(text, 3) {
        assert_eq!(slice(text, sentence.start, sentence.end), sentence.text);
    }
    for sentence in summary(WIRE, 3) {
        assert_eq!(slice(WIRE, sentence.start, sentence.end), sentence.text);
    }
}

#[test]
fn central_sentences_beat_off_topic_ones() {
    let text = "The café serves coffee and cake to the people of Zürich every day. \
                Unrelated weather was mild in the north of the country for the season. \
                The café owner said coffee and cake sales in Zürich rose this year. \
                Coffee prices in Zürich have risen, but the café kept its cake prices. \
                The café plans a second Zürich shop selling coffee and cake next year. \
                Rain is expected in the mountains later in the week, forecasters said.";
    let found = summary(text, 2);
    assert!(found.iter().all(|s| s.text.contains("café")), "{found:#?}");
}

#[test]
fn a_repeated_sentence_is_chosen_once() {
    let text = "The central bank raised interest rates by half a point on Tuesday. \
                The central bank raised interest rates by half a point on Tuesday. \
                Markets fell sharply after the announcement in early trading today.";
    let found = summary(text, 2);
    assert_eq!(found.len(), 2);
    assert_ne!(found[0].text, found[1].text);
}

#[test]
fn max_sentences_limits_the_summary() {
    assert!(summary(WIRE, 0).is_empty());
    assert_eq!(summary(WIRE, 1).len(), 1);
    assert!(summary(WIRE, usize::MAX).len() > 10);
    assert!(summary("Too short.", 3).is_empty());
}

#[test]
fn serialises_text_start_and_end() {
    let json = serde_json::to_value(summary(WIRE, 1)).unwrap();
    assert!(json[0]["text"].is_string());
    assert!(json[0]["start"].as_u64().unwrap() < json[0]["end"].as_u64().unwrap());
}

#[test]
fn hostile_input_never_panics() {
    use crate::keywords::test_texts;
    for text in test_texts::wordless().iter().chain(&test_texts::odd()) {
        let found = summary(text, 3);
        assert!(found.len() <= 3);
        for sentence in &found {
            assert!(sentence.start < sentence.end);
            assert_eq!(slice(text, sentence.start, sentence.end), sentence.text);
        }
    }
    for text in test_texts::wordless() {
        assert!(summary(&text, 3).is_empty());
    }
}

#[test]
#[ignore = "a timing, meaningful in release: cargo test --release --lib -- --ignored cost_per_article --nocapture"]
fn cost_per_article_of_tone_keywords_and_summary() {
    let rounds = 2_000u32;
    let time = |name: &str, f: &dyn Fn()| {
        f();
        let started = std::time::Instant::now();
        for _ in 0..rounds {
            f();
        }
        println!(
            "{name}: {:.1} µs per {}-character article",
            started.elapsed().as_secs_f64() * 1e6 / f64::from(rounds),
            WIRE.chars().count()
        );
    };
    time("segment (shared by all)", &|| {
        drop(std::hint::black_box(crate::text::segment(WIRE)))
    });
    time("tone", &|| {
        std::hint::black_box(crate::sentiment::tone(WIRE));
    });
    time("keywords (yake)", &|| {
        drop(std::hint::black_box(crate::keywords::keywords(WIRE, 10)))
    });
    time("keywords (textrank)", &|| {
        drop(std::hint::black_box(crate::keywords::keywords_by(
            WIRE,
            10,
            crate::keywords::Method::TextRank,
        )))
    });
    time("summary", &|| drop(std::hint::black_box(summary(WIRE, 3))));
}

#[test]
fn one_shared_segmentation_gives_the_same_results() {
    let text = canonical();
    let segments = crate::text::segment(&text);
    assert_eq!(summary_of(&segments, 3), summary(&text, 3));
    assert_eq!(
        crate::sentiment::tone_of(&segments),
        crate::sentiment::tone(&text)
    );
    assert_eq!(
        crate::keywords::keywords_of(&text, &segments, 10),
        crate::keywords::keywords(&text, 10)
    );
}
