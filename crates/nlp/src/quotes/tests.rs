//! Tests of quote finding: the attribution patterns, back-references, scare quotes, bad input, and the canonical wire article with the real entities module.

use super::*;
use crate::entities::{EntityType, Mention};

/// A PERSON entity `name` mentioned at every occurrence of each of `forms` in `text`.
pub(crate) fn person(name: &str, text: &str, forms: &[&str]) -> Entity {
    entity(name, EntityType::Person, text, forms)
}

pub(crate) fn entity(name: &str, kind: EntityType, text: &str, forms: &[&str]) -> Entity {
    let chars: Vec<char> = text.chars().collect();
    let mut mentions = Vec::new();
    for form in forms {
        let form: Vec<char> = form.chars().collect();
        if form.is_empty() || form.len() > chars.len() {
            continue;
        }
        for start in 0..=chars.len() - form.len() {
            if chars[start..start + form.len()] == form[..] {
                mentions.push(Mention {
                    start,
                    end: start + form.len(),
                    text: form.iter().collect(),
                });
            }
        }
    }
    mentions.sort_by_key(|m| m.start);
    Entity {
        name: name.into(),
        kind,
        mentions,
        salience: 0.5,
        country_code: None,
        geonames_id: None,
        lat: None,
        lon: None,
    }
}

fn pairs(quotes: &[Quote]) -> Vec<(&str, Option<&str>)> {
    quotes
        .iter()
        .map(|q| (q.text.as_str(), q.speaker.as_deref()))
        .collect()
}

fn kinds(quotes: &[Quote]) -> Vec<(&str, QuoteKind, Option<&str>)> {
    quotes
        .iter()
        .map(|q| (q.text.as_str(), q.kind, q.speaker.as_deref()))
        .collect()
}

fn assert_offsets(text: &str, quotes: &[Quote]) {
    let chars: Vec<char> = text.chars().collect();
    for quote in quotes {
        let at: String = chars[quote.start..quote.end].iter().collect();
        assert_eq!(at, quote.text);
    }
}

#[test]
fn said_after_before_and_inverted() {
    let text = "\"We will win the vote,\" Jane Doe said. John Roe said: \"They will lose it badly.\" \
                \"It is far too close to call,\" said Ann Poe, an analyst.";
    let entities = [
        person("Jane Doe", text, &["Jane Doe"]),
        person("John Roe", text, &["John Roe"]),
        person("Ann Poe", text, &["Ann Poe"]),
    ];
    let quotes = find_quotes(text, &entities);
    assert_eq!(
        pairs(&quotes),
        [
            ("We will win the vote", Some("Jane Doe")),
            ("They will lose it badly.", Some("John Roe")),
            ("It is far too close to call", Some("Ann Poe")),
        ]
    );
    assert_offsets(text, &quotes);
}

#[test]
fn pronouns_and_roles_refer_back_to_the_latest_subject() {
    let text = "Secretary General Mark Rutte met the council on Monday.\n\n\
                \"Troops have been sent to the region,\" he said.\n\n\
                Putin is sending more. \"This is a dangerous escalation,\" the Secretary General stressed. \
                \"We stand together with our partners,\" the Alliance chief added.";
    let entities = [
        person("Mark Rutte", text, &["Mark Rutte"]),
        person("Vladimir Putin", text, &["Putin"]),
    ];
    let quotes = find_quotes(text, &entities);
    assert_eq!(quotes.len(), 3, "{quotes:#?}");
    assert!(
        quotes
            .iter()
            .all(|q| q.speaker.as_deref() == Some("Mark Rutte")),
        "{quotes:#?}"
    );
}

#[test]
fn a_nominal_speaker_is_nobody_and_its_continuation_too() {
    let text = "Ann Poe left early. \"Nothing was decided at the meeting,\" said an IAAF spokesman. \
                \"Getting everyone together gave us a lot to think about.\"";
    let entities = [person("Ann Poe", text, &["Ann Poe"])];
    assert_eq!(
        pairs(&find_quotes(text, &entities)),
        [
            ("Nothing was decided at the meeting", None),
            (
                "Getting everyone together gave us a lot to think about.",
                None
            ),
        ]
    );
}

#[test]
fn an_organisation_speaks_for_itself() {
    let text = "\"Ten percent of mail is infected,\" said Sophos.";
    let entities = [entity(
        "Sophos",
        EntityType::Organization,
        text,
        &["Sophos"],
    )];
    assert_eq!(
        pairs(&find_quotes(text, &entities)),
        [("Ten percent of mail is infected", Some("Sophos"))]
    );
}

#[test]
fn a_multi_paragraph_quote_gives_each_part_the_same_speaker() {
    let text = "A spokeswoman said: \"It is our duty to help them. \"We need a framework for them.\"\n\n\
                Eve Trew said: \"You have to be dedicated to it.\n\n\"It is such hard work for anyone.\"";
    let entities = [person("Eve Trew", text, &["Eve Trew"])];
    assert_eq!(
        pairs(&find_quotes(text, &entities)),
        [
            ("It is our duty to help them.", None),
            ("We need a framework for them.", None),
            ("You have to be dedicated to it.", Some("Eve Trew")),
            ("It is such hard work for anyone.", Some("Eve Trew")),
        ]
    );
}

#[test]
fn scare_quotes_are_dropped_but_short_direct_speech_is_kept() {
    let text =
        "Ann Poe saw it as a \"special operation\" and a \"vast\" change. \"No,\" Ann Poe said.";
    let entities = [person("Ann Poe", text, &["Ann Poe"])];
    assert_eq!(
        pairs(&find_quotes(text, &entities)),
        [("No", Some("Ann Poe"))]
    );
}

#[test]
fn a_fragment_takes_the_subject_of_its_verb_of_saying() {
    let text = "Mr Chidambaram spoke. He said the issue is not globalisation but \"the terms of engagement in globalisation.\" \
                The judges called it \"an impressive piece of scholarship\".";
    let entities = [person("Palaniappan Chidambaram", text, &["Mr Chidambaram"])];
    assert_eq!(
        kinds(&find_quotes(text, &entities)),
        [
            (
                "the issue is not globalisation but \"the terms of engagement in globalisation.\"",
                QuoteKind::Mixed,
                Some("Palaniappan Chidambaram")
            ),
            (
                "it \"an impressive piece of scholarship\"",
                QuoteKind::Mixed,
                None
            ),
        ]
    );
}

#[test]
fn a_quote_without_attribution_continues_the_previous_speaker() {
    let text = "\"It suggests employment is growing,\" said Rick Egelton. \"We are not getting the boost.\" \
                \"The economy is producing jobs,\" said Ken Mayland.";
    let entities = [
        person("Rick Egelton", text, &["Rick Egelton"]),
        person("Ken Mayland", text, &["Ken Mayland"]),
    ];
    assert_eq!(
        pairs(&find_quotes(text, &entities)),
        [
            ("It suggests employment is growing", Some("Rick Egelton")),
            ("We are not getting the boost.", Some("Rick Egelton")),
            ("The economy is producing jobs", Some("Ken Mayland")),
        ]
    );
}

#[test]
fn according_to_attributes() {
    let text = "\"The talks have failed completely\", according to Ann Poe.";
    let entities = [person("Ann Poe", text, &["Ann Poe"])];
    assert_eq!(
        pairs(&find_quotes(text, &entities)),
        [("The talks have failed completely", Some("Ann Poe"))]
    );
}

#[test]
fn curly_and_single_quotes_with_apostrophes() {
    let text =
        "“Putin’s war in the ’90s style isn’t over,” she said. Ann Poe said: ‘We don't know yet.’";
    let entities = [person("Ann Poe", text, &["Ann Poe"])];
    let quotes = find_quotes(text, &entities);
    assert_eq!(
        pairs(&quotes),
        [
            ("Putin’s war in the ’90s style isn’t over", None),
            ("We don't know yet.", Some("Ann Poe")),
        ]
    );
    assert_offsets(text, &quotes);
}

#[test]
fn an_unclosed_quote_stops_at_the_paragraph_end() {
    let text = "Ann Poe said: \"This quote never closes\n\nA plain paragraph follows it here.";
    let entities = [person("Ann Poe", text, &["Ann Poe"])];
    let quotes = find_quotes(text, &entities);
    assert_eq!(
        pairs(&quotes),
        [("This quote never closes", Some("Ann Poe"))]
    );
}

#[test]
fn bad_input_neither_panics_nor_explodes() {
    assert!(find_quotes("", &[]).is_empty());
    for text in [
        "\"".repeat(10_000),
        "\" ".repeat(10_000),
        "“”‘’'\"".repeat(2_000),
        "\"a b c\" ".repeat(3_000),
        "\"Ещё не вечер, 你好 世界 \u{202e}\" he said ".repeat(50),
        format!("\"{}", "word ".repeat(5_000)),
    ] {
        let quotes = find_quotes(&text, &[]);
        assert!(quotes.len() <= 3_000, "{}", quotes.len());
        assert_offsets(&text, &quotes);
    }
    // Entities whose offsets lie outside the text are ignored.
    let text = "\"We won the whole thing,\" he said.";
    let mut bogus = person("Nobody", text, &[]);
    bogus.mentions.push(Mention {
        start: usize::MAX - 1,
        end: usize::MAX,
        text: String::new(),
    });
    assert_eq!(
        pairs(&find_quotes(text, &[bogus])),
        [("We won the whole thing", None)]
    );
}

#[test]
fn the_wire_article_quotes_are_all_rutte() {
    use crate::pipeline::Module;
    let mut doc = crate::document::Document::new(crate::testing::wire_article());
    crate::entities::EntitiesModule::default()
        .process(&mut doc)
        .expect("entities");
    let (text, entities) = (
        doc.article.text,
        doc.enrichments.entities.unwrap_or_default(),
    );
    let quotes = find_quotes(&text, &entities);
    assert!(quotes.len() >= 4, "{quotes:#?}");
    for quote in &quotes {
        assert_eq!(quote.speaker.as_deref(), Some("Mark Rutte"), "{quote:#?}");
    }
    assert!(quotes[0].text.starts_with("Today I can confirm"));
    assert_offsets(&text, &quotes);
}

#[test]
fn an_object_of_a_verb_is_not_who_he_refers_to() {
    let text = "Alastair Campbell's e-mail suggested they should get Trevor Beattie to act. \
                In it, he said: \"Just spoke to him about the posters.\"";
    let entities = [
        person("Alastair Campbell", text, &["Alastair Campbell"]),
        person("Trevor Beattie", text, &["Trevor Beattie"]),
    ];
    assert_eq!(
        pairs(&find_quotes(text, &entities)),
        [
            (
                "they should get Trevor Beattie to act",
                Some("Alastair Campbell")
            ),
            (
                "Just spoke to him about the posters.",
                Some("Alastair Campbell")
            )
        ]
    );
}

#[test]
fn an_unnamed_spokesman_stays_unnamed() {
    let text = "Jeremy Paxman presented the show. \
                The spokesman said: \"The person you mean can speak for himself.\"";
    let entities = [person("Jeremy Paxman", text, &["Jeremy Paxman"])];
    assert_eq!(
        pairs(&find_quotes(text, &entities)),
        [("The person you mean can speak for himself.", None)]
    );
}

#[test]
fn an_inverted_said_names_who_speaks_next() {
    let text = "Prints cost less, said Ms Deans. \"It can cost a lot to make a copy.\"";
    let entities = [person("Fiona Deans", text, &["Ms Deans"])];
    assert_eq!(
        pairs(&find_quotes(text, &entities)),
        [
            ("Prints cost less", Some("Fiona Deans")),
            ("It can cost a lot to make a copy.", Some("Fiona Deans"))
        ]
    );
}

#[test]
fn a_title_before_the_name_keeps_it_the_subject() {
    let text = "Menatep Group's managing director Tim Osborne spoke first.\n\n\
                \"If they default, we will fight them,\" he said.";
    let entities = [
        person("Tim Osborne", text, &["Tim Osborne"]),
        entity(
            "Menatep Group",
            EntityType::Organization,
            text,
            &["Menatep Group"],
        ),
    ];
    assert_eq!(
        pairs(&find_quotes(text, &entities)),
        [("If they default, we will fight them", Some("Tim Osborne"))]
    );
}

#[test]
fn a_name_right_after_another_name_is_a_subject() {
    let text = "Mark Mardell said it was new.\n\n\
                On top of the deal with Tanzania Mr Brown said more would follow. \
                \"We make this offer to all of them,\" the chancellor said.";
    let entities = [
        person("Mark Mardell", text, &["Mark Mardell"]),
        person("Gordon Brown", text, &["Mr Brown"]),
        entity("Tanzania", EntityType::Location, text, &["Tanzania"]),
    ];
    assert_eq!(
        pairs(&find_quotes(text, &entities)),
        [
            ("it was new", Some("Mark Mardell")),
            ("more would follow", Some("Gordon Brown")),
            ("We make this offer to all of them", Some("Gordon Brown"))
        ]
    );
}

#[test]
fn told_reporters_without_a_colon_and_a_perfect_tense() {
    let text = "Mark Rutte told reporters \"We will not be intimidated by anyone.\" \
                \"Allies are consulting closely on this,\" Mark Rutte has said.";
    let entities = [person("Mark Rutte", text, &["Mark Rutte"])];
    assert_eq!(
        pairs(&find_quotes(text, &entities)),
        [
            ("We will not be intimidated by anyone.", Some("Mark Rutte")),
            ("Allies are consulting closely on this", Some("Mark Rutte")),
        ]
    );
}

#[test]
fn a_megabyte_of_quotes_and_names_is_read_in_linear_time() {
    // Quadratic work over quotes or mentions would take minutes here.
    let unit = "\"We will win this, and soon,\" Ann Poe said. He said: \"It is 'very' close. \"We know.\" ";
    let text = unit.repeat(1_000_000 / unit.len());
    let entities = [person("Ann Poe", &text, &["Ann Poe"])];
    let started = std::time::Instant::now();
    let quotes = find_quotes(&text, &entities);
    assert!(started.elapsed() < std::time::Duration::from_secs(30));
    assert_eq!(quotes.len(), 3 * (1_000_000 / unit.len()));
    assert!(
        quotes
            .iter()
            .all(|q| q.speaker.as_deref() == Some("Ann Poe"))
    );
}

#[test]
fn she_passes_over_a_man_to_the_latest_woman() {
    let text = "Ms Trew runs a school. Mr Jones spoke next.\n\n\"It is such hard work for them,\" she said.";
    let entities = [
        person("Eve Trew", text, &["Ms Trew"]),
        person("Tom Jones", text, &["Mr Jones"]),
    ];
    assert_eq!(
        pairs(&find_quotes(text, &entities)),
        [("It is such hard work for them", Some("Eve Trew"))]
    );
}

#[test]
fn a_short_part_of_a_reopened_quote_is_not_a_scare_quote() {
    let text = "Ann Poe spoke at length. \"It is our duty to help them. \"We know.\" Then the \"vast\" hall emptied.";
    let entities = [person("Ann Poe", text, &["Ann Poe"])];
    assert_eq!(
        pairs(&find_quotes(text, &entities)),
        [
            ("It is our duty to help them.", Some("Ann Poe")),
            ("We know.", Some("Ann Poe")),
        ]
    );
}
