//! Tests of [`super::group`] on news sentences: which mentions make one entity, its name, type and salience.

use super::{group, most_salient_first};
use crate::entities::EntityType::{self, Location, Misc, Organization, Person};
use crate::entities::{Entity, RawMention};

/// Raw mentions for `spans`, each the next occurrence of its text after the
/// previous span, as a tagger lists them.
fn tag(text: &str, spans: &[(&str, EntityType)]) -> Vec<RawMention> {
    let mut from = 0;
    spans
        .iter()
        .map(|&(surface, kind)| {
            let byte = from
                + text[from..]
                    .find(surface)
                    .expect("each span is in the text, in order");
            from = byte + surface.len();
            let start = text[..byte].chars().count();
            RawMention {
                start,
                end: start + surface.chars().count(),
                kind,
            }
        })
        .collect()
}

/// A stand-in for the gazetteer's country look-up.
fn countries(name: &str) -> Option<&'static str> {
    match name.to_lowercase().as_str() {
        "north korea" | "dprk" | "democratic people's republic of korea" => Some("KP"),
        "south korea" | "republic of korea" => Some("KR"),
        "united states" | "u.s." | "america" => Some("US"),
        _ => None,
    }
}

fn run(text: &str, title: Option<&str>, spans: &[(&str, EntityType)]) -> Vec<Entity> {
    group(text, title, &tag(text, spans), &countries)
}

/// The entity named `name`, which must exist.
fn named<'a>(entities: &'a [Entity], name: &str) -> &'a Entity {
    entities
        .iter()
        .find(|e| e.name == name)
        .unwrap_or_else(|| panic!("no entity {name:?} in {entities:#?}"))
}

/// The whole grouping, comparable at a glance: each entity's name, type and
/// mention texts, in output order.
fn groups(entities: &[Entity]) -> Vec<(&str, EntityType, Vec<&str>)> {
    entities
        .iter()
        .map(|e| (e.name.as_str(), e.kind, texts(e)))
        .collect()
}

/// Checks that tagging `spans` in `text` (no title) groups into exactly
/// `expected`, in any order.
fn assert_groups(
    text: &str,
    spans: &[(&str, EntityType)],
    expected: &[(&str, EntityType, &[&str])],
) {
    let entities = run(text, None, spans);
    let mut got = groups(&entities);
    got.sort_by_key(|a| (a.0, format!("{:?}", a.1)));
    let mut expected: Vec<(&str, EntityType, Vec<&str>)> = expected
        .iter()
        .map(|&(name, kind, texts)| (name, kind, texts.to_vec()))
        .collect();
    expected.sort_by_key(|a| (a.0, format!("{:?}", a.1)));
    assert_eq!(got, expected);
}

/// The mention texts of `entity`.
fn texts(entity: &Entity) -> Vec<&str> {
    entity.mentions.iter().map(|m| m.text.as_str()).collect()
}

/// Whether every mention's text is exactly its code-point slice of `text`.
fn offsets_hold(text: &str, entities: &[Entity]) -> bool {
    let chars: Vec<char> = text.chars().collect();
    entities.iter().flat_map(|e| &e.mentions).all(|m| {
        m.start < m.end
            && m.end <= chars.len()
            && chars[m.start..m.end].iter().collect::<String>() == m.text
    })
}

const NATO_STORY: &str = "Secretary General Mark Rutte said on Thursday that the North Atlantic \
Treaty Organization would raise its spending target. Rutte added that NATO's allies had agreed \
in principle. Speaking in The Hague, Rutte said NATO’s eastern members wanted more.";

fn nato_story() -> Vec<Entity> {
    run(
        NATO_STORY,
        Some("Rutte says NATO allies back higher spending target"),
        &[
            ("Secretary General Mark Rutte", Person),
            ("North Atlantic Treaty Organization", Organization),
            ("Rutte", Person),
            ("NATO's", Organization),
            ("The Hague", Location),
            ("Rutte", Person),
            ("NATO’s", Organization),
        ],
    )
}

#[test]
fn press_conference_story_gives_one_entity_per_referent_most_salient_first() {
    let entities = nato_story();
    assert_eq!(
        groups(&entities),
        [
            ("Mark Rutte", Person, vec!["Mark Rutte", "Rutte", "Rutte"]),
            (
                "North Atlantic Treaty Organization",
                Organization,
                vec!["North Atlantic Treaty Organization", "NATO", "NATO"]
            ),
            ("The Hague", Location, vec!["The Hague"]),
        ]
    );
    assert!(entities[0].salience > 0.7, "{}", entities[0].salience);
    assert!(entities[2].salience < 0.3, "{}", entities[2].salience);
    assert!(entities.iter().all(|e| (0.0..=1.0).contains(&e.salience)));
    assert!(
        entities
            .iter()
            .all(|e| e.country_code.is_none() && e.geonames_id.is_none())
    );
    assert!(offsets_hold(NATO_STORY, &entities));
}

#[test]
fn naming_an_entity_in_the_title_raises_its_salience() {
    let text = "Talks in Geneva ended. Iran and the European Union will meet again.";
    let spans = [
        ("Geneva", Location),
        ("Iran", Location),
        ("European Union", Organization),
    ];
    let salience_of = |title, name| named(&run(text, title, &spans), name).salience;
    let with = salience_of(Some("EU, Iran agree to meet again"), "Iran");
    let without = salience_of(Some("Talks end without a deal"), "Iran");
    assert!(with > without + 0.2, "{with} vs {without}");
    assert!(
        salience_of(Some("Iranian talks end"), "Iran") == without,
        "whole words only"
    );
}

#[test]
fn salience_ties_are_broken_by_first_mention() {
    let entity = |start: usize, salience: f64| {
        let mut e = run("Oslo", None, &[("Oslo", Location)]).remove(0);
        e.mentions[0].start = start;
        e.salience = salience;
        e
    };
    let mut entities = [entity(9, 0.5), entity(3, 0.5), entity(20, 0.7)];
    entities.sort_by(most_salient_first);
    let order: Vec<(usize, f64)> = entities
        .iter()
        .map(|e| (e.mentions[0].start, e.salience))
        .collect();
    assert_eq!(order, [(20, 0.7), (3, 0.5), (9, 0.5)]);
}

#[test]
fn a_surname_met_before_the_full_name_joins_it() {
    assert_groups(
        "Rutte arrived late. Later, Mark Rutte told reporters the alliance was united.",
        &[("Rutte", Person), ("Mark Rutte", Person)],
        &[("Mark Rutte", Person, &["Rutte", "Mark Rutte"])],
    );
}

#[test]
fn a_first_name_alone_joins_its_only_full_name() {
    assert_groups(
        "Mark Rutte met Olaf Scholz. Mark, as colleagues call him, smiled.",
        &[
            ("Mark Rutte", Person),
            ("Olaf Scholz", Person),
            ("Mark", Person),
        ],
        &[
            ("Mark Rutte", Person, &["Mark Rutte", "Mark"]),
            ("Olaf Scholz", Person, &["Olaf Scholz"]),
        ],
    );
}

#[test]
fn a_shared_surname_joins_the_nearest_full_name_before_it() {
    assert_groups(
        "Donald Trump spoke first. Trump praised the deal. Then Melania Trump spoke, and Trump \
thanked the guests.",
        &[
            ("Donald Trump", Person),
            ("Trump", Person),
            ("Melania Trump", Person),
            ("Trump", Person),
        ],
        &[
            ("Donald Trump", Person, &["Donald Trump", "Trump"]),
            ("Melania Trump", Person, &["Melania Trump", "Trump"]),
        ],
    );
}

#[test]
fn a_shared_surname_before_any_full_name_stays_apart() {
    assert_groups(
        "Johnson resigned. Boris Johnson and Dakota Johnson were not related.",
        &[
            ("Johnson", Person),
            ("Boris Johnson", Person),
            ("Dakota Johnson", Person),
        ],
        &[
            ("Johnson", Person, &["Johnson"]),
            ("Boris Johnson", Person, &["Boris Johnson"]),
            ("Dakota Johnson", Person, &["Dakota Johnson"]),
        ],
    );
}

#[test]
fn a_person_short_form_does_not_join_another_type() {
    assert_groups(
        "Jordan Peterson spoke in Jordan on Monday.",
        &[("Jordan Peterson", Person), ("Jordan", Location)],
        &[
            ("Jordan Peterson", Person, &["Jordan Peterson"]),
            ("Jordan", Location, &["Jordan"]),
        ],
    );
}

#[test]
fn a_regnal_style_stays_in_the_name_and_the_bare_name_joins_it() {
    assert_groups(
        "Pope Francis met President Javier Milei. Francis urged Milei to protect the poor.",
        &[
            ("Pope Francis", Person),
            ("President Javier Milei", Person),
            ("Francis", Person),
            ("Milei", Person),
        ],
        &[
            ("Pope Francis", Person, &["Pope Francis", "Francis"]),
            ("Javier Milei", Person, &["Javier Milei", "Milei"]),
        ],
    );
}

#[test]
fn the_canonical_name_is_the_fullest_form_wherever_it_comes() {
    assert_groups(
        "Merz met Friedrich Merz supporters; Chancellor Merz spoke.",
        &[
            ("Merz", Person),
            ("Friedrich Merz", Person),
            ("Chancellor Merz", Person),
        ],
        &[(
            "Friedrich Merz",
            Person,
            &["Merz", "Friedrich Merz", "Merz"],
        )],
    );
}

#[test]
fn an_acronym_joins_the_expansion_of_its_initials() {
    assert_groups(
        "The International Atomic Energy Agency said inspectors were denied access. The IAEA \
will report to the Organization for Security and Co-operation in Europe, and the OSCE will respond.",
        &[
            ("International Atomic Energy Agency", Organization),
            ("IAEA", Organization),
            (
                "Organization for Security and Co-operation in Europe",
                Organization,
            ),
            ("OSCE", Organization),
        ],
        &[
            (
                "International Atomic Energy Agency",
                Organization,
                &["International Atomic Energy Agency", "IAEA"],
            ),
            (
                "Organization for Security and Co-operation in Europe",
                Organization,
                &[
                    "Organization for Security and Co-operation in Europe",
                    "OSCE",
                ],
            ),
        ],
    );
}

#[test]
fn a_dotted_acronym_after_the_joins_its_expansion() {
    assert_groups(
        "The United Nations called for a ceasefire; the U.N. envoy and UN staff left.",
        &[
            ("United Nations", Organization),
            ("the U.N.", Organization),
            ("UN", Organization),
        ],
        &[(
            "United Nations",
            Organization,
            &["United Nations", "U.N.", "UN"],
        )],
    );
}

#[test]
fn an_acronym_written_as_a_word_joins_its_expansion() {
    assert_groups(
        "Nato, the North Atlantic Treaty Organization, met in Vilnius.",
        &[
            ("Nato", Organization),
            ("North Atlantic Treaty Organization", Organization),
            ("Vilnius", Location),
        ],
        &[
            (
                "North Atlantic Treaty Organization",
                Organization,
                &["Nato", "North Atlantic Treaty Organization"],
            ),
            ("Vilnius", Location, &["Vilnius"]),
        ],
    );
}

#[test]
fn an_acronym_defined_in_parentheses_joins_whatever_its_letters_but_not_another_type() {
    assert_groups(
        "Fighters of Islamic State (ISIS) retreated. The North Atlantic Council (NAC) met, and \
ISIS claimed the attack the NAC condemned.",
        &[
            ("Islamic State", Organization),
            ("ISIS", Organization),
            ("North Atlantic Council (NAC)", Organization),
            ("ISIS", Misc),
            ("NAC", Organization),
        ],
        &[
            ("Islamic State", Organization, &["Islamic State", "ISIS"]),
            ("ISIS", Misc, &["ISIS"]),
            (
                "North Atlantic Council",
                Organization,
                &["North Atlantic Council", "NAC", "NAC"],
            ),
        ],
    );
}

#[test]
fn country_aliases_join_through_the_country_key_under_the_fullest_name() {
    assert_groups(
        "North Korea fired a missile on Sunday, South Korea said. The DPRK, officially the \
Democratic People's Republic of Korea, rejected the Republic of Korea's protest.",
        &[
            ("North Korea", Location),
            ("South Korea", Location),
            ("DPRK", Location),
            ("Democratic People's Republic of Korea", Location),
            ("Republic of Korea's", Location),
        ],
        &[
            (
                "Democratic People's Republic of Korea",
                Location,
                &[
                    "North Korea",
                    "DPRK",
                    "Democratic People's Republic of Korea",
                ],
            ),
            (
                "Republic of Korea",
                Location,
                &["South Korea", "Republic of Korea"],
            ),
        ],
    );
}

#[test]
fn case_and_diacritic_variants_are_one_entity() {
    assert_groups(
        "ERDOĞAN WARNS EU. Recep Tayyip Erdoğan said Turkey would respond; Erdogan spoke in Ankara.",
        &[
            ("ERDOĞAN", Person),
            ("Recep Tayyip Erdoğan", Person),
            ("Erdogan", Person),
            ("Ankara", Location),
        ],
        &[
            (
                "Recep Tayyip Erdoğan",
                Person,
                &["ERDOĞAN", "Recep Tayyip Erdoğan", "Erdogan"],
            ),
            ("Ankara", Location, &["Ankara"]),
        ],
    );
}

#[test]
fn one_name_tagged_with_two_types_keeps_each_mentions_type() {
    // Grouping never overrules the tagger's type: the tagger reads the
    // context, grouping only the spelling.
    assert_groups(
        "Washington imposed tariffs. Washington said talks failed, and Washington later relented.",
        &[
            ("Washington", Location),
            ("Washington", Person),
            ("Washington", Location),
        ],
        &[
            ("Washington", Location, &["Washington", "Washington"]),
            ("Washington", Person, &["Washington"]),
        ],
    );
}

#[test]
fn stop_words_digits_and_lone_titles_leave_no_junk_entities() {
    assert_groups(
        "The minister said He would go. It was 2024. Defence Minister Boris Pistorius agreed.",
        &[
            ("The", Organization),
            ("He", Person),
            ("It", Misc),
            ("2024", Misc),
            ("Defence Minister Boris Pistorius", Person),
        ],
        &[("Boris Pistorius", Person, &["Boris Pistorius"])],
    );
}

#[test]
fn overlapping_and_duplicate_mentions_keep_the_first_longest() {
    let text = "Mark Rutte spoke.";
    let mentions = [
        RawMention {
            start: 0,
            end: 10,
            kind: Person,
        },
        RawMention {
            start: 5,
            end: 10,
            kind: Person,
        },
        RawMention {
            start: 0,
            end: 10,
            kind: Person,
        },
        RawMention {
            start: 0,
            end: 4,
            kind: Person,
        },
    ];
    let entities = group(text, None, &mentions, &countries);
    assert_eq!(entities.len(), 1);
    assert_eq!(texts(&entities[0]), ["Mark Rutte"]);
}

#[test]
fn empty_text_and_offsets_beyond_the_text_give_no_entities_and_no_panic() {
    let beyond = [
        RawMention {
            start: 3,
            end: 900,
            kind: Person,
        },
        RawMention {
            start: usize::MAX - 1,
            end: usize::MAX,
            kind: Location,
        },
        RawMention {
            start: 7,
            end: 2,
            kind: Misc,
        },
    ];
    assert!(group("", None, &beyond, &countries).is_empty());
    assert!(group("", Some(""), &[], &countries).is_empty());
    assert!(group("Rutte", Some("Rutte"), &beyond, &countries).is_empty());
}

#[test]
fn every_mention_text_is_its_code_point_slice() {
    // Every span of a text full of multi-byte characters, apostrophes and
    // titles, as any type: whatever clean-up keeps must still be the slice.
    let text = "Präsident Frank-Walter Steinmeier’s „Rede“ in Zürich: NATO’s Генсек Марк Рютте, \
Mr. Kim Jong Un (KJU) und 习近平's Gäste 🎉 U.N.";
    let length = text.chars().count();
    let kinds = [Person, Organization, Location, Misc];
    let mut mentions = Vec::new();
    for start in 0..=length {
        for end in start..=(start + 40).min(length + 2) {
            mentions.push(RawMention {
                start,
                end,
                kind: kinds[(start + end) % 4],
            });
        }
    }
    // One mention at a time, so overlap removal hides nothing.
    for mention in &mentions {
        let entities = group(text, Some(text), std::slice::from_ref(mention), &countries);
        assert!(
            offsets_hold(text, &entities),
            "{mention:?} gave {entities:#?}"
        );
    }
    let entities = group(text, None, &mentions, &countries);
    assert!(offsets_hold(text, &entities));
}

#[test]
fn ten_thousand_mentions_group_fast() {
    // 2,500 sentences naming a person in full (all named Alex), by surname,
    // an organisation and its acronym: 10,000 mentions, 5,000 distinct
    // names, one acronym fitting 2,500 expansions, and every hundredth
    // surname replaced by a bare "Alex" that fits 2,500 full names.
    let mut text = String::new();
    let mut spans: Vec<(usize, usize, EntityType)> = Vec::new();
    // Names and fillers are ASCII: byte offsets are code-point offsets.
    let mut push = |text: &mut String, name: &str, kind: EntityType, after: &str| {
        spans.push((text.len(), text.len() + name.len(), kind));
        text.push_str(name);
        text.push_str(after);
    };
    for i in 0..2_500 {
        let person = format!("Alex Surname{i}");
        let org = format!("Agency Number{i} Bureau");
        push(&mut text, &person, Person, " said ");
        let short = if i % 100 == 99 {
            "Alex".to_string()
        } else {
            format!("Surname{i}")
        };
        push(&mut text, &short, Person, " of the ");
        push(&mut text, &org, Organization, " and the ");
        push(&mut text, "ANB", Organization, " agreed. ");
    }
    let mentions: Vec<RawMention> = spans
        .iter()
        .map(|&(start, end, kind)| RawMention { start, end, kind })
        .collect();
    assert_eq!(mentions.len(), 10_000);
    // Quadratic work would take minutes here; the cost is measured by the
    // `entities/group` bench, not asserted.
    let entities = group(&text, Some("Alex Surname7 and ANB"), &mentions, &countries);
    assert_eq!(
        entities.len(),
        5_000,
        "one person and one agency per sentence"
    );
    let alex = entities
        .iter()
        .find(|e| e.name == "Alex Surname99")
        .expect("a person");
    assert_eq!(texts(alex), ["Alex Surname99", "Alex"]);
}

#[path = "group_language_tests.rs"]
mod languages;
