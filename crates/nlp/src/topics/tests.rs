//! Tests of the topic classifier with the committed model: the canonical article, the committed examples of all seventeen topics, the shape of the output, and odd input.

use super::*;
use crate::document::{Article, Document};
use crate::entities::EntitiesModule;
use crate::entities::Entity;
use crate::pipeline::Module;

const EXAMPLES: &str = include_str!("../../../../tests/fixtures/topics/examples.jsonl");
const MODEL: &[u8] = include_bytes!("../../models/topics.bin");

const CONFLICT: &str = "medtop:16000000";
const POLITICS: &str = "medtop:11000000";

/// The canonical article's title, text and entities as intake and the `entities` module give them.
fn wire_article() -> (Option<String>, String, Vec<Entity>) {
    let read = crate::testing::wire_article();
    let entities = entities_of(read.title.as_deref(), &read.text);
    (read.title, read.text, entities)
}

fn entities_of(title: Option<&str>, text: &str) -> Vec<Entity> {
    let mut doc = Document::new(Article {
        title: title.map(str::to_owned),
        text: text.to_owned(),
        ..Default::default()
    });
    EntitiesModule::default()
        .process(&mut doc)
        .expect("entities");
    doc.enrichments.entities.unwrap_or_default()
}

fn top_levels(topics: &[Topic]) -> Vec<&str> {
    topics
        .iter()
        .filter(|t| t.level == 1)
        .map(|t| t.code.as_str())
        .collect()
}

/// Checks what every output must satisfy.
fn assert_well_formed(topics: &[Topic]) {
    assert!(
        topics.windows(2).all(|w| w[0].score >= w[1].score),
        "{topics:#?}"
    );
    let total: f64 = topics
        .iter()
        .filter(|t| t.level == 1)
        .map(|t| t.score)
        .sum();
    assert!(total <= 1.0 + 1e-3, "{topics:#?}");
    for (i, topic) in topics.iter().enumerate() {
        assert!(taxonomy::is_code(&topic.code), "{topic:?}");
        assert!(topic.score.is_finite() && (0.0..=1.0).contains(&topic.score));
        match topic.level {
            1 => assert_eq!(topic.parent, None),
            2 => {
                let parent = topic
                    .parent
                    .as_deref()
                    .expect("a level-2 topic names its parent");
                assert!(
                    topics[..i].iter().any(|t| t.level == 1 && t.code == parent),
                    "a child comes after its parent: {topics:#?}"
                );
            }
            other => panic!("level {other}"),
        }
    }
}

#[test]
fn the_committed_model_parses_and_writes_the_same_bytes() {
    let classifier = TopicClassifier::from_bytes(MODEL).expect("model");
    assert_eq!(classifier.to_bytes(), MODEL);
    let parts = classifier.parts();
    assert_eq!(parts.nodes.iter().filter(|n| n.level == 1).count(), 17);
    // The classes are the seventeen top-level topics in code order.
    let codes: Vec<&str> = parts
        .classes
        .iter()
        .map(|&n| parts.nodes[n as usize].code.as_str())
        .collect();
    assert_eq!(codes.len(), 17);
    assert!(codes.windows(2).all(|w| w[0] < w[1]), "{codes:?}");
    assert!(parts.nodes[parts.classes[0] as usize].level == 1);
    assert!(parts.temperature > 0.0 && (0.0..0.5).contains(&parts.min_score));
}

#[test]
fn below_the_minimum_score_an_article_gets_no_topic() {
    let text = "Troops shelled the city as the ceasefire collapsed and the army advanced.";
    let mut parts = TopicClassifier::embedded().parts().clone();
    parts.min_score = 1.01;
    assert!(
        TopicClassifier::new(parts.clone())
            .classify(None, text, &[])
            .is_empty()
    );
    parts.min_score = 0.0;
    let topics = TopicClassifier::new(parts).classify(None, text, &[]);
    assert_eq!(top_levels(&topics).first(), Some(&CONFLICT), "{topics:#?}");
}

#[test]
fn scores_are_calibrated_softmax_over_the_seventeen() {
    let classifier = TopicClassifier::embedded();
    let terms = article_terms(
        Some("Striker scores twice as the team wins the cup final"),
        "",
    );
    let scores = classifier.top_scores(&terms);
    assert_eq!(scores.len(), 17);
    assert!((scores.iter().sum::<f64>() - 1.0).abs() < 1e-4);
    // A hotter softmax (a higher temperature) is less sure of the same text.
    let mut parts = classifier.parts().clone();
    parts.temperature *= 2.0;
    let cooler = TopicClassifier::new(parts).top_scores(&terms);
    let max = |v: &[f64]| v.iter().copied().fold(0.0, f64::max);
    assert!(max(&cooler) < max(&scores), "{cooler:?} {scores:?}");
}

#[test]
fn nato_on_north_korean_troops_is_about_war_and_politics() {
    let (title, text, entities) = wire_article();
    let topics = TopicClassifier::embedded().classify(title.as_deref(), &text, &entities);
    assert_well_formed(&topics);
    let tops = top_levels(&topics);
    let first_three = &tops[..tops.len().min(3)];
    assert!(
        (tops.first() == Some(&CONFLICT) && first_three.contains(&POLITICS))
            || (tops.first() == Some(&POLITICS) && first_three.contains(&CONFLICT)),
        "{topics:#?}"
    );
}

#[test]
fn most_of_the_seventeen_topics_come_first_on_their_examples() {
    #[derive(serde::Deserialize)]
    struct Example {
        topic: String,
        title: Option<String>,
        text: String,
    }
    let classifier = TopicClassifier::embedded();
    let examples: Vec<Example> = EXAMPLES
        .lines()
        .map(|l| serde_json::from_str(l).expect("example"))
        .collect();
    let mut first: std::collections::BTreeSet<String> = Default::default();
    let mut right = 0;
    for example in &examples {
        let entities = entities_of(example.title.as_deref(), &example.text);
        let topics = classifier.classify(example.title.as_deref(), &example.text, &entities);
        assert_well_formed(&topics);
        let tops = top_levels(&topics);
        if let Some(top) = tops.first() {
            first.insert(top.to_string());
            right += usize::from(*top == example.topic);
        }
    }
    let expected: std::collections::BTreeSet<String> =
        examples.iter().map(|e| e.topic.clone()).collect();
    assert_eq!(expected.len(), 17);
    // 15 of the 17 came first when the model was committed (society and
    // weather did not: they go to economy and disaster); fewer is a regression.
    assert!(first.len() >= 15, "topics that came first: {first:?}");
    assert!(first.is_subset(&expected), "{first:?}");
    // 39 of 51 when the model was committed; a drop below 37 is a regression.
    assert!(right >= 37, "{right} of {} examples", examples.len());
}

#[test]
fn strong_evidence_adds_a_child_after_its_parent() {
    let text = "The football club's striker scored twice as the team won the league match. \
                The coach praised his players after the game in front of a full stadium, \
                and the club stays top of the league with five matches of the season left.";
    let topics = TopicClassifier::embedded().classify(None, text, &[]);
    assert_well_formed(&topics);
    assert_eq!(top_levels(&topics).first(), Some(&"medtop:15000000"));
    assert!(
        topics
            .iter()
            .any(|t| t.level == 2 && t.parent.as_deref() == Some("medtop:15000000")),
        "{topics:#?}"
    );
}

#[test]
fn a_title_counts_towards_the_topic() {
    let classifier = TopicClassifier::embedded();
    let text = "Officials said on Monday that the plans would be published next month.";
    let with_title = classifier.classify(
        Some("Earthquake rescuers search rubble for survivors"),
        text,
        &[],
    );
    assert_eq!(
        top_levels(&with_title).first(),
        Some(&"medtop:03000000"),
        "{with_title:#?}"
    );
}

#[test]
fn text_without_content_words_has_no_topics() {
    let classifier = TopicClassifier::embedded();
    assert!(classifier.classify(None, "", &[]).is_empty());
    assert!(classifier.classify(Some(""), "   \n\n ", &[]).is_empty());
    assert!(
        classifier
            .classify(None, "The of and to in it was.", &[])
            .is_empty()
    );
    assert!(
        classifier
            .classify(None, &"\"".repeat(10_000), &[])
            .is_empty()
    );
    assert!(
        classifier
            .classify(None, "2024 99999999999999999999999 3.14", &[])
            .is_empty()
    );
}

#[test]
fn odd_text_gives_well_formed_topics_without_panicking() {
    let classifier = TopicClassifier::embedded();
    let huge = "9".repeat(5_000);
    let long_word = "war".repeat(10_000);
    let inputs = [
        "Київ 東京 القاهرة naïve ÉCOLE war",
        "\u{0}\u{feff}\u{200b}troops\u{301}",
        huge.as_str(),
        long_word.as_str(),
        "a",
    ];
    for text in inputs {
        let topics = classifier.classify(Some(text), text, &[]);
        assert_well_formed(&topics);
    }
    let many = "Troops shelled the city. ".repeat(2_000);
    let topics = classifier.classify(None, &many, &[]);
    assert_eq!(top_levels(&topics).first(), Some(&CONFLICT));
    // Entities with odd salience change nothing about the shape.
    let entity = Entity {
        name: "Army".into(),
        kind: crate::entities::EntityType::Organization,
        mentions: Vec::new(),
        salience: f64::NAN,
        country_code: None,
        geonames_id: None,
        lat: None,
        lon: None,
    };
    assert_well_formed(&classifier.classify(None, "Some words here.", &[entity]));
}

#[test]
fn topics_serialise_with_the_contract_fields() {
    let topics = TopicClassifier::embedded().classify(None, "The troops crossed the border.", &[]);
    let json = serde_json::to_value(&topics[0]).expect("json");
    for key in ["code", "label", "score", "level"] {
        assert!(json.get(key).is_some(), "{json}");
    }
    assert!(json.get("parent").is_none(), "{json}");
}

#[test]
fn thin_evidence_lists_no_child() {
    let topics =
        TopicClassifier::embedded().classify(None, "The team said it would decide later.", &[]);
    assert_well_formed(&topics);
    assert!(topics.iter().all(|t| t.level == 1), "{topics:#?}");
}

#[test]
fn routing_slugs_are_one_word_of_a_topic_key() {
    use super::slug;
    assert_eq!(slug("conflict, war and peace"), "conflict");
    assert_eq!(slug("science and technology"), "science-and-technology");
    assert_eq!(slug("sport"), "sport");
    assert_eq!(slug("human interest"), "human-interest");
    assert_eq!(slug(""), "none");
    assert_eq!(slug("a.b*c#d"), "a-b-c-d");
}
