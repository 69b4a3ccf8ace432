//! Tests of [`keywords`](super::keywords): the canonical article's story, candidate rules, merging, and hostile input.

use super::stopwords::is_stop_word;
use super::*;

use super::test_texts::canonical;

fn terms(found: &[Keyword]) -> Vec<String> {
    found.iter().map(|k| k.term.to_lowercase()).collect()
}

#[test]
fn the_canonical_article_keywords_name_the_story() {
    let terms = terms(&keywords(&canonical(), 10));
    for needle in ["troops", "kursk", "north korea"] {
        assert!(
            terms.iter().any(|t| t.contains(needle)),
            "no {needle:?} in {terms:?}"
        );
    }
}

#[test]
fn keyphrases_never_start_or_end_with_a_stop_word_nor_are_numbers() {
    let texts = [
        &canonical(),
        include_str!("../../../../tests/fixtures/fingerprint/bbc-business-dollar.txt"),
    ];
    for text in texts {
        for method in Method::ALL {
            for keyword in keywords_by(text, 30, method) {
                let words: Vec<&str> = keyword.term.split([' ', '-']).collect();
                let first = words.first().map(|w| w.to_lowercase()).unwrap_or_default();
                let last = words.last().map(|w| w.to_lowercase()).unwrap_or_default();
                assert!(!is_stop_word(&first) && !is_stop_word(&last), "{keyword:?}");
                assert!(keyword.term.chars().any(char::is_alphabetic), "{keyword:?}");
                assert!(!keyword.term.chars().any(char::is_numeric), "{keyword:?}");
                assert!(keyword.score > 0.0 && keyword.score <= 1.0, "{keyword:?}");
            }
        }
    }
}

#[test]
fn case_and_plural_variants_are_one_keyphrase_in_the_most_frequent_form() {
    let text = "North Korean troops arrived. The North Korean troop left. \
                More North Korean troops came. north korean troops waited.";
    let found = keywords(text, 10);
    let terms: Vec<&str> = found.iter().map(|k| k.term.as_str()).collect();
    let variants = terms
        .iter()
        .filter(|t| t.to_lowercase().starts_with("north korean troop"))
        .count();
    assert_eq!(variants, 1, "{terms:?}");
    assert!(terms.contains(&"North Korean troops"), "{terms:?}");
}

#[test]
fn a_phrase_inside_a_better_one_is_not_repeated() {
    let found = keywords(&canonical(), 20);
    let terms = terms(&found);
    for (i, a) in terms.iter().enumerate() {
        for b in terms.iter().skip(i + 1) {
            let (a_words, b_words): (Vec<&str>, Vec<&str>) =
                (a.split(' ').collect(), b.split(' ').collect());
            let inside =
                |outer: &[&str], inner: &[&str]| outer.windows(inner.len()).any(|w| w == inner);
            assert!(!inside(&a_words, &b_words), "{b:?} after {a:?}");
        }
    }
}

#[test]
fn top_limits_the_count_and_scores_descend() {
    for top in [0, 1, 5, 15] {
        let found = keywords(&canonical(), top);
        assert!(found.len() <= top);
        assert!(found.windows(2).all(|w| w[0].score >= w[1].score));
    }
    assert_eq!(keywords(&canonical(), 3).len(), 3);
    assert!(keywords(&canonical(), usize::MAX).len() > 20);
    assert_eq!(keywords(&canonical(), 1)[0].score, 1.0);
}

#[test]
fn hyphenated_words_stay_together_and_possessives_end_a_phrase() {
    let text = "The large-scale conflict grew. Putin's war went on.";
    let doc = text_terms::TextTerms::new(text);
    let surfaces: Vec<String> = doc.candidates.iter().map(|c| c.surface()).collect();
    assert!(
        surfaces.contains(&"large-scale conflict".to_string()),
        "{surfaces:?}"
    );
    assert!(surfaces.contains(&"Putin".to_string()), "{surfaces:?}");
    assert!(
        !surfaces
            .iter()
            .any(|s| s.contains("'s") || s.contains("Putin war")),
        "{surfaces:?}"
    );
}

#[test]
fn hostile_input_gives_few_or_no_keywords_without_panicking() {
    for text in test_texts::wordless().iter().chain(&test_texts::odd()) {
        for method in Method::ALL {
            let found = keywords_by(text, 10, method);
            assert!(found.len() <= 10);
            assert!(
                found
                    .iter()
                    .all(|k| !k.term.is_empty() && k.score.is_finite())
            );
            assert!(
                found.iter().all(|k| !k.term.chars().any(char::is_numeric)),
                "{found:?}"
            );
        }
    }
    for text in test_texts::wordless() {
        assert!(keywords(&text, 10).is_empty());
    }
    // Every casing of one word: one candidate, a bounded list of forms.
    let casings: String = (0..4096u32)
        .map(|bits| {
            let word: String = "abcdefghijkl"
                .chars()
                .enumerate()
                .map(|(i, c)| {
                    if bits >> i & 1 == 1 {
                        c.to_ascii_uppercase()
                    } else {
                        c
                    }
                })
                .collect();
            word + " "
        })
        .collect();
    assert_eq!(keywords(&casings, 10).len(), 1);
}

#[test]
fn plural_keys_are_singular() {
    let key = |w: &str| {
        let mut k = String::new();
        text_terms::term_key(w, &mut k);
        k
    };
    assert_eq!(key("Troops"), "troop");
    assert_eq!(key("allies"), "ally");
    assert_eq!(key("boxes"), "box");
    assert_eq!(key("Kursk"), "kursk");
    assert_eq!(key("business"), "business");
    assert_eq!(key("virus"), "virus");
    assert_eq!(key("us"), "us");
}
