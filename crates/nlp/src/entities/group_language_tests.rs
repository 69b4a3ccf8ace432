//! Tests of [`super::super::group_in`] on sentences in other languages: their titles, declined names and places, and that English groups as before.

use super::{countries, groups, named, offsets_hold, run, tag, texts};
use crate::entities::EntityType::{self, Location, Organization, Person};
use crate::entities::{Entity, group_in};

fn run_in(text: &str, spans: &[(&str, EntityType)], language: &str) -> Vec<Entity> {
    group_in(text, None, &tag(text, spans), &countries, Some(language))
}

/// Checks that tagging `spans` in `text` of `language` groups into exactly
/// `expected`, in any order.
fn assert_groups_in(
    language: &str,
    text: &str,
    spans: &[(&str, EntityType)],
    expected: &[(&str, EntityType, &[&str])],
) {
    let entities = run_in(text, spans, language);
    let mut got = groups(&entities);
    got.sort_by_key(|a| (a.0, format!("{:?}", a.1)));
    let mut expected: Vec<(&str, EntityType, Vec<&str>)> = expected
        .iter()
        .map(|&(name, kind, texts)| (name, kind, texts.to_vec()))
        .collect();
    expected.sort_by_key(|a| (a.0, format!("{:?}", a.1)));
    assert_eq!(got, expected, "{language}");
}

#[test]
fn german_titles_come_off_and_the_surname_joins() {
    assert_groups_in(
        "de",
        "Bundeskanzler Olaf Scholz traf Außenministerin Annalena Baerbock. Scholz sagte, \
US-Präsident Joe Biden und Frau Baerbock seien einig.",
        &[
            ("Bundeskanzler Olaf Scholz", Person),
            ("Außenministerin Annalena Baerbock", Person),
            ("Scholz", Person),
            ("US-Präsident Joe Biden", Person),
            ("Frau Baerbock", Person),
        ],
        &[
            ("Olaf Scholz", Person, &["Olaf Scholz", "Scholz"]),
            (
                "Annalena Baerbock",
                Person,
                &["Annalena Baerbock", "Baerbock"],
            ),
            ("Joe Biden", Person, &["Joe Biden"]),
        ],
    );
}

#[test]
fn german_genitive_of_a_place_joins_the_place() {
    assert_groups_in(
        "de",
        "Russland greift an. Russlands Armee rückt in den Niederlanden nicht vor, die \
Niederlande helfen.",
        &[
            ("Russland", Location),
            ("Russlands", Location),
            ("Niederlanden", Location),
            ("Niederlande", Location),
        ],
        &[
            ("Russland", Location, &["Russland", "Russlands"]),
            ("Niederlande", Location, &["Niederlanden", "Niederlande"]),
        ],
    );
}

#[test]
fn spanish_italian_portuguese_and_dutch_titles_come_off() {
    assert_groups_in(
        "es",
        "El presidente del Gobierno Pedro Sánchez habló. El Sr. Sánchez dijo que doña Letizia \
asistiría.",
        &[
            ("presidente del Gobierno Pedro Sánchez", Person),
            ("Sr. Sánchez", Person),
            ("doña Letizia", Person),
        ],
        &[
            ("Pedro Sánchez", Person, &["Pedro Sánchez", "Sánchez"]),
            ("Letizia", Person, &["Letizia"]),
        ],
    );
    assert_groups_in(
        "it",
        "Il presidente del Consiglio Giorgia Meloni e la Sig.ra Meloni.",
        &[
            ("presidente del Consiglio Giorgia Meloni", Person),
            ("Sig.ra Meloni", Person),
        ],
        &[("Giorgia Meloni", Person, &["Giorgia Meloni", "Meloni"])],
    );
    assert_groups_in(
        "pt",
        "O primeiro-ministro Luís Montenegro falou; o Sr. Montenegro saiu.",
        &[
            ("primeiro-ministro Luís Montenegro", Person),
            ("Sr. Montenegro", Person),
        ],
        &[(
            "Luís Montenegro",
            Person,
            &["Luís Montenegro", "Montenegro"],
        )],
    );
    assert_groups_in(
        "nl",
        "Premier Dick Schoof sprak met de heer Wilders. Mevrouw Yeşilgöz en Schoof zwegen.",
        &[
            ("Premier Dick Schoof", Person),
            ("de heer Wilders", Person),
            ("Mevrouw Yeşilgöz", Person),
            ("Schoof", Person),
        ],
        &[
            ("Dick Schoof", Person, &["Dick Schoof", "Schoof"]),
            ("Wilders", Person, &["Wilders"]),
            ("Yeşilgöz", Person, &["Yeşilgöz"]),
        ],
    );
}

#[test]
fn m_dot_is_a_french_title_but_an_english_initial() {
    let text = "Emmanuel Macron a parlé. M. Macron a ajouté.";
    let spans = [("Emmanuel Macron", Person), ("M. Macron", Person)];
    assert_groups_in(
        "fr",
        text,
        &spans,
        &[("Emmanuel Macron", Person, &["Emmanuel Macron", "Macron"])],
    );
    let english = run(text, None, &spans);
    assert_eq!(named(&english, "M. Macron").mentions.len(), 1);
}

#[test]
fn polish_declined_surnames_join_the_full_name_under_its_nominative() {
    assert_groups_in(
        "pl",
        "Premier Donald Tusk przyjechał. Słowa Tuska, przekazane Tuskowi przez Donalda Tuska, \
poparła Ewa Kopacz; Kopacza nie było.",
        &[
            ("Premier Donald Tusk", Person),
            ("Tuska", Person),
            ("Tuskowi", Person),
            ("Donalda Tuska", Person),
            ("Ewa Kopacz", Person),
            ("Kopacza", Person),
        ],
        &[
            (
                "Donald Tusk",
                Person,
                &["Donald Tusk", "Tuska", "Tuskowi", "Donalda Tuska"],
            ),
            ("Ewa Kopacz", Person, &["Ewa Kopacz"]),
            ("Kopacza", Person, &["Kopacza"]),
        ],
    );
}

#[test]
fn polish_declined_places_join_their_nominative() {
    assert_groups_in(
        "pl",
        "W Warszawie padało. Warszawa i Kraków; z Krakowa do Niemiec, czyli Niemcy.",
        &[
            ("Warszawie", Location),
            ("Warszawa", Location),
            ("Kraków", Location),
            ("Krakowa", Location),
            ("Niemiec", Location),
            ("Niemcy", Location),
        ],
        &[
            ("Warszawa", Location, &["Warszawie", "Warszawa"]),
            ("Kraków", Location, &["Kraków", "Krakowa"]),
            ("Niemcy", Location, &["Niemiec", "Niemcy"]),
        ],
    );
}

#[test]
fn russian_declined_names_and_places_join_under_the_nominative() {
    assert_groups_in(
        "ru",
        "Президент Владимир Путин прибыл в Курск. Путина встретили в Курске, Путину \
показали Германию, а с Путиным говорила Мария Захарова. Захаровой ответили из Германии.",
        &[
            ("Президент Владимир Путин", Person),
            ("Курск", Location),
            ("Путина", Person),
            ("Курске", Location),
            ("Путину", Person),
            ("Германию", Location),
            ("Путиным", Person),
            ("Мария Захарова", Person),
            ("Захаровой", Person),
            ("Германии", Location),
        ],
        &[
            (
                "Владимир Путин",
                Person,
                &["Владимир Путин", "Путина", "Путину", "Путиным"],
            ),
            ("Курск", Location, &["Курск", "Курске"]),
            ("Мария Захарова", Person, &["Мария Захарова", "Захаровой"]),
            // Two cases of one name: "Германий", a guess from "Германию",
            // has the key of "Германии" (keys fold й into и).
            ("Германии", Location, &["Германию", "Германии"]),
        ],
    );
}

#[test]
fn a_womans_consonant_surname_does_not_decline_in_russian() {
    assert_groups_in(
        "ru",
        "Ангела Меркель и Олаф Шольц. Шольца и Меркеля ждали.",
        &[
            ("Ангела Меркель", Person),
            ("Олаф Шольц", Person),
            ("Шольца", Person),
            ("Меркеля", Person),
        ],
        &[
            ("Ангела Меркель", Person, &["Ангела Меркель"]),
            ("Олаф Шольц", Person, &["Олаф Шольц", "Шольца"]),
            ("Меркеля", Person, &["Меркеля"]),
        ],
    );
}

#[test]
fn english_groups_as_before_whatever_the_language_argument_says_of_english() {
    let text = "Secretary General Mark Rutte said NATO's allies agreed. Rutte's team and Ruttes \
met Mr. Kowalski; Kowalskiego is not a name here, nor are Russlands or Warszawie.";
    let spans = [
        ("Secretary General Mark Rutte", Person),
        ("NATO's", Organization),
        ("Rutte's", Person),
        ("Ruttes", Person),
        ("Mr. Kowalski", Person),
        ("Kowalskiego", Person),
        ("Russlands", Location),
        ("Warszawie", Location),
    ];
    let english = run(text, None, &spans);
    for language in [None, Some("en")] {
        let again = group_in(text, None, &tag(text, &spans), &countries, language);
        assert_eq!(again, english, "{language:?}");
    }
    assert_eq!(
        texts(named(&english, "Mark Rutte")),
        ["Mark Rutte", "Rutte"]
    );
    for apart in [
        "Ruttes",
        "Kowalski",
        "Kowalskiego",
        "Russlands",
        "Warszawie",
    ] {
        assert_eq!(named(&english, apart).mentions.len(), 1, "{apart}");
    }
}

#[test]
fn every_span_in_every_language_keeps_its_offsets_and_never_panics() {
    let text = "Präsident Frank-Walter Steinmeier’s Rede in Zürich: г-н Путиным, M. Macron, \
Sig.ra Meloni, pani Kowalską w Warszawie i Niemczech, Russlands 🎉 EE.UU.";
    let length = text.chars().count();
    let kinds = [Person, Organization, Location, Person];
    let mut mentions = Vec::new();
    for start in 0..=length {
        for end in (start..=(start + 30).min(length)).step_by(3) {
            mentions.push(crate::entities::RawMention {
                start,
                end,
                kind: kinds[(start + end) % 4],
            });
        }
    }
    for language in ["de", "es", "fr", "it", "nl", "pl", "pt", "ru"] {
        for mention in &mentions {
            let entities = group_in(
                text,
                None,
                std::slice::from_ref(mention),
                &countries,
                Some(language),
            );
            assert!(offsets_hold(text, &entities), "{language} {mention:?}");
        }
        let entities = group_in(text, Some(text), &mentions, &countries, Some(language));
        assert!(offsets_hold(text, &entities), "{language}");
    }
}
