//! `entities`: the people, organisations, places and other names of an article, each once with all its mentions, places resolved to countries and coordinates.
//!
//! Four steps, each in its own place: the text's sentences (from
//! [`crate::text::sentences`]) are cut into tokens the way CoNLL-2003 cut its
//! news ([`crate::ner::tokenise`]); the trained tagger ([`crate::ner`]) marks
//! entity spans over a whole document at once, so a name keeps the type it had
//! earlier in the article; grouping ([`crate::entities`]) joins the mentions of
//! one referent and scores salience; the gazetteer ([`crate::geo`]) resolves
//! places and demonyms to countries and coordinates.

use std::ops::Range;

use crate::document::{Enrichments, Input};
use crate::entities::{self, Entity, EntityType, RawMention};
use crate::geo::{self, Gazetteer};
use crate::ner::EntityTagger;
use crate::pipeline::{Field, Module, ModuleError};
use crate::text::CodePointCursor;

/// The `entities` module: the committed tagger of the article's language
/// (or, for evaluation, one given tagger) and the gazetteer.
pub struct EntitiesModule<'t> {
    /// The one tagger to use whatever the language (a candidate model);
    /// `None` for the committed taggers ([`crate::ner::languages`]).
    tagger: Option<&'t EntityTagger>,
    gazetteer: &'static Gazetteer,
}

impl Default for EntitiesModule<'static> {
    fn default() -> Self {
        Self {
            tagger: None,
            gazetteer: Gazetteer::embedded(),
        }
    }
}

impl<'t> EntitiesModule<'t> {
    /// The module with another tagger (a candidate model, for evaluation),
    /// used for articles in every language.
    pub fn with_tagger(tagger: &'t EntityTagger) -> Self {
        Self {
            tagger: Some(tagger),
            gazetteer: Gazetteer::embedded(),
        }
    }

    /// The tagger for an article in `language`, and the language its
    /// tokens are cut for: English when the language is unknown.
    fn tagger_for(
        &self,
        language: Option<&str>,
    ) -> Result<(&EntityTagger, &'static str), ModuleError> {
        let code = crate::ner::languages::languages()
            .iter()
            .copied()
            .find(|code| Some(*code) == language)
            .unwrap_or("en");
        match self.tagger {
            Some(tagger) => Ok((tagger, code)),
            None => crate::ner::languages::tagger(code)
                .map(|tagger| (tagger, code))
                .ok_or_else(|| ModuleError(format!("no entity tagger for language {code}"))),
        }
    }
}

impl Module for EntitiesModule<'_> {
    fn name(&self) -> &'static str {
        "entities"
    }

    fn assigns(&self) -> Field {
        Field::Entities
    }

    /// A tagger was trained for each of these; an article in another
    /// language gets no entities rather than an English model's guesses.
    fn languages(&self) -> Option<&'static [&'static str]> {
        Some(crate::ner::languages::languages())
    }

    fn enrich(&self, input: &Input<'_>, found: &mut Enrichments) -> Result<(), ModuleError> {
        let article = input.article;
        // The article's language picks the tagger, the tokens, and the
        // titles, declensions and local place names grouping and resolution
        // use; an unknown language reads as English.
        let detected = crate::pipeline::article_language(article, found);
        let (tagger, code) = self.tagger_for(detected.as_deref())?;
        let language = Some(code);
        let gazetteer = self.gazetteer;
        let country_key = |name: &str| gazetteer.country_code_in(name, language);
        // The sentences straight from the splitter, not from
        // `input.segments()`: the tagger's document is the largest thing
        // any module builds, and the shared segmentation, once built, is
        // kept until the last module has run; building it only for the
        // modules after this one keeps the two from being held at once
        // (on a 10 MB text of short lines, 160 MB less at the peak), for the
        // price of splitting sentences twice.
        let mentions = mentions(tagger, code, &article.text, &country_key);
        let mut grouped = entities::group_in(
            &article.text,
            article.title.as_deref(),
            &mentions,
            &country_key,
            language,
        );
        self.place(&mut grouped, article.dateline.as_deref(), language);
        found.entities = Some(grouped);
        Ok(())
    }
}

/// An ORGANIZATION whose text is a country's name or alias ("DPRK", "the
/// U.S.") is the country, a LOCATION, so that it joins the country's other
/// names: the tagger, trained on 1996 copy, can take an unfamiliar alias for
/// an organisation, and a government named by its country is the country.
/// A PERSON or MISC of that text stays as tagged: "Jordan said" is a person,
/// "Saudi pledges" a nationality, and the tagger read the context.
fn kind_of(
    tagged: EntityType,
    name: &str,
    country_key: &dyn Fn(&str) -> Option<&'static str>,
) -> EntityType {
    if tagged == EntityType::Organization && country_key(name).is_some() {
        EntityType::Location
    } else {
        tagged
    }
}

/// `tagger`'s entity spans over `text`, cut into tokens for `language`, as
/// code-point ranges, with country names typed as places ([`kind_of`]).
fn mentions(
    tagger: &EntityTagger,
    language: &str,
    text: &str,
    country_key: &dyn Fn(&str) -> Option<&'static str>,
) -> Vec<RawMention> {
    // The CoNLL-style tokens' texts, all sentences in one list (a list per
    // sentence costs more than its tokens when sentences are short
    // lines), and each sentence's range of tokens.
    let mut words: Vec<&str> = Vec::new();
    let mut sentences: Vec<Range<usize>> = Vec::new();
    for sentence in crate::text::sentences(text) {
        let start = words.len();
        words.extend(
            crate::ner::tokenise::tokens_in(sentence.text, language)
                .into_iter()
                .map(|(_, word)| word),
        );
        sentences.push(start..words.len());
    }
    let tagged = tagger.tag_tokens(&words, &sentences);
    let sentence_ends: Vec<usize> = sentences.iter().map(|s| s.end).collect();
    drop(sentences);
    // Each token's text is a slice of `text`, so where it starts is how
    // far its first byte is from the text's: no list of byte ranges to
    // keep beside the texts.
    let start_of = |word: &str| (word.as_ptr() as usize).wrapping_sub(text.as_ptr() as usize);
    // Mentions come in text order, so one cursor converts them all in a
    // single pass.
    let mut cursor = CodePointCursor::new(text);
    tagged
        .iter()
        .filter_map(|span| {
            let first = words.get(span.tokens.start)?;
            let last = words.get(span.tokens.end.checked_sub(1)?)?;
            let mut bytes = start_of(first)..start_of(last).checked_add(last.len())?;
            // An abbreviation that ends its sentence ("Lear Corp.") lends
            // its full stop to the sentence, as CoNLL's copy writes it.
            let ends_sentence = sentence_ends.binary_search(&span.tokens.end).is_ok();
            if ends_sentence && last.len() > 1 && last.ends_with('.') {
                bytes.end -= 1;
            }
            Some((text.get(bytes.clone())?, bytes, span.kind))
        })
        .map(|(name, bytes, kind)| {
            let chars = cursor.range(bytes);
            RawMention {
                start: chars.start,
                end: chars.end,
                kind: kind_of(kind, name, country_key),
            }
        })
        .collect()
}

impl EntitiesModule<'_> {
    /// Put resolved places on LOCATION entities, and the country of a
    /// nationality or demonym on MISC ones.
    fn place(&self, found: &mut [Entity], dateline: Option<&str>, language: Option<&str>) {
        let named = |kind: EntityType| -> (Vec<usize>, Vec<geo::Named<'_>>) {
            found
                .iter()
                .enumerate()
                .filter(|(_, e)| e.kind == kind)
                .map(|(i, e)| {
                    (
                        i,
                        geo::Named {
                            name: e.name.as_str(),
                            mentions: e.mentions.len(),
                        },
                    )
                })
                .unzip()
        };
        let (location_at, locations) = named(EntityType::Location);
        let (misc_at, misc) = named(EntityType::Misc);
        let resolution = geo::resolve_in(
            self.gazetteer,
            &geo::PlaceNames {
                locations: &locations,
                misc: &misc,
                dateline,
            },
            language,
        );
        let places: Vec<(usize, geo::Place<'_>, bool)> = location_at
            .into_iter()
            .zip(resolution.locations)
            .filter_map(|(i, place)| Some((i, place?, true)))
            .chain(
                misc_at
                    .into_iter()
                    .zip(resolution.misc)
                    .filter_map(|(i, place)| Some((i, place?, false))),
            )
            .collect();
        for (i, place, is_location) in places {
            let entity = &mut found[i];
            entity.country_code = Some(place.country_code.to_owned());
            if is_location {
                entity.geonames_id = place.geonames_id;
                entity.lat = Some(place.lat);
                entity.lon = Some(place.lon);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Article, Document};

    /// The entities (name, type, country) of `text` as an article in `language`.
    fn entities_in(text: &str, language: &str) -> Vec<(String, EntityType, Option<String>)> {
        let mut doc = Document::new(Article {
            text: text.into(),
            language_hint: Some(language.into()),
            ..Article::default()
        });
        EntitiesModule::default()
            .process(&mut doc)
            .expect("entities");
        doc.enrichments
            .entities
            .expect("entities field")
            .into_iter()
            .map(|e| (e.name, e.kind, e.country_code))
            .collect()
    }

    /// The complaints about English models on other languages:
    /// German weekdays and nouns as people, Spanish institutions as people,
    /// Russian places as people; each language's own tagger reads them.
    #[test]
    fn each_language_is_tagged_by_its_own_model() {
        let german = entities_in(
            "Am Montag sagte Bundeskanzler Olaf Scholz in Berlin, die Gesetze zum Klimaschutz \
             würden geändert. Die Kinder spielen im Garten, die Sonne scheint.",
            "de",
        );
        assert!(
            german
                .iter()
                .any(|(n, k, _)| n == "Olaf Scholz" && *k == EntityType::Person),
            "{german:?}"
        );
        assert!(
            german.iter().any(|(n, k, c)| n == "Berlin"
                && *k == EntityType::Location
                && c.as_deref() == Some("DE")),
            "{german:?}"
        );
        // Not "Sonne": GermEval, the German test's kind, tags the sun LOC (3 of its 4 in the dev
        // file), and the tagger trained with its gold sentences weighed up follows it.
        for word in ["Montag", "Gesetze", "Klimaschutz", "Kinder", "Garten"] {
            assert!(
                !german.iter().any(|(n, _, _)| n == word),
                "{word} in {german:?}"
            );
        }
        let spanish = entities_in(
            "La Comisión Europea y el Gobierno de España aprobaron el plan en Madrid, según el presidente Pedro Sánchez.",
            "es",
        );
        assert!(
            spanish
                .iter()
                .any(|(n, k, _)| n == "Comisión Europea" && *k == EntityType::Organization),
            "{spanish:?}"
        );
        assert!(
            spanish.iter().any(|(n, k, c)| n == "Madrid"
                && *k == EntityType::Location
                && c.as_deref() == Some("ES")),
            "{spanish:?}"
        );
        assert!(
            spanish
                .iter()
                .any(|(n, k, _)| n == "Pedro Sánchez" && *k == EntityType::Person),
            "{spanish:?}"
        );
        let russian = entities_in(
            "Президент России Владимир Путин провёл совещание в Кремле. Украина и Германия обсудили ситуацию в Курске.",
            "ru",
        );
        assert!(
            russian
                .iter()
                .any(|(n, k, _)| n == "Владимир Путин" && *k == EntityType::Person),
            "{russian:?}"
        );
        assert!(
            russian.iter().any(|(n, k, c)| n == "Украина"
                && *k == EntityType::Location
                && c.as_deref() == Some("UA")),
            "{russian:?}"
        );
        assert!(
            !russian
                .iter()
                .any(|(n, k, _)| n == "Украина" && *k == EntityType::Person),
            "{russian:?}"
        );
    }

    /// The entities of the canonical article as intake leaves it.
    fn wire_entities() -> Vec<Entity> {
        let mut doc = Document::new(crate::testing::wire_article());
        EntitiesModule::default()
            .process(&mut doc)
            .expect("entities");
        doc.enrichments.entities.expect("entities field")
    }

    fn find<'a>(found: &'a [Entity], name: &str) -> &'a Entity {
        found
            .iter()
            .find(|e| e.name == name)
            .unwrap_or_else(|| panic!("no entity {name}: {found:#?}"))
    }

    #[test]
    fn every_mention_is_the_text_at_its_offsets() {
        let intake_text = crate::testing::canonical();
        let chars: Vec<char> = intake_text.chars().collect();
        let found = wire_entities();
        assert!(found.len() > 10, "{found:#?}");
        for entity in &found {
            for mention in &entity.mentions {
                let at: String = chars[mention.start..mention.end].iter().collect();
                assert_eq!(at, mention.text, "{}", entity.name);
            }
        }
    }

    #[test]
    fn a_surname_joins_the_full_name_and_places_get_coordinates() {
        let found = wire_entities();
        let rutte = find(&found, "Mark Rutte");
        assert_eq!(rutte.kind, EntityType::Person);
        assert_eq!(rutte.mentions.len(), 5);
        let kursk = find(&found, "Kursk");
        assert_eq!(kursk.country_code.as_deref(), Some("RU"));
        let (lat, lon) = (kursk.lat.unwrap(), kursk.lon.unwrap());
        assert!(
            (lat - 51.7).abs() < 0.2 && (lon - 36.2).abs() < 0.2,
            "{lat} {lon}"
        );
        for person in ["Putin", "Yoon", "Umerov"] {
            assert_eq!(find(&found, person).kind, EntityType::Person, "{person}");
        }
        for organisation in ["NATO", "North Atlantic Council", "UN Security Council"] {
            let kind = find(&found, organisation).kind;
            assert_eq!(kind, EntityType::Organization, "{organisation}");
        }
        let codes: Vec<&str> = found
            .iter()
            .filter_map(|e| e.country_code.as_deref())
            .collect();
        for code in ["RU", "UA", "KP", "KR"] {
            assert!(codes.contains(&code), "{code} in {codes:?}");
        }
        assert!(found.windows(2).all(|w| w[0].salience >= w[1].salience));
    }

    #[test]
    fn a_country_alias_tagged_as_an_organisation_joins_the_country() {
        let text = "The DPRK denied it. North Korea said so.";
        let mut mentions = vec![
            RawMention {
                start: 4,
                end: 8,
                kind: EntityType::Organization,
            },
            RawMention {
                start: 20,
                end: 31,
                kind: EntityType::Location,
            },
        ];
        let key = |name: &str| Gazetteer::embedded().country_code_of(name);
        mentions[0].kind = kind_of(mentions[0].kind, "DPRK", &key);
        mentions[1].kind = kind_of(mentions[1].kind, "North Korea", &key);
        assert_eq!(mentions[0].kind, EntityType::Location);
        let found = entities::group(text, None, &mentions, &key);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].mentions.len(), 2);
    }

    #[test]
    fn a_person_or_nationality_spelt_like_a_country_keeps_its_type() {
        let key = |name: &str| Gazetteer::embedded().country_code_of(name);
        assert_eq!(
            kind_of(EntityType::Person, "Jordan", &key),
            EntityType::Person
        );
        assert_eq!(kind_of(EntityType::Misc, "Saudi", &key), EntityType::Misc);
        assert_eq!(
            kind_of(EntityType::Organization, "Acme", &key),
            EntityType::Organization
        );
    }

    #[test]
    fn an_abbreviation_ending_its_sentence_leaves_the_full_stop_to_the_sentence() {
        let mut doc = Document::new(Article {
            text: "Analysts at Lear Corp. were pleased.\n\nShares rose at Lear Corp.".into(),
            ..Article::default()
        });
        EntitiesModule::default()
            .process(&mut doc)
            .expect("entities");
        let found = doc.enrichments.entities.expect("entities field");
        let texts: Vec<&str> = found
            .iter()
            .flat_map(|e| e.mentions.iter().map(|m| m.text.as_str()))
            .collect();
        assert!(texts.contains(&"Lear Corp"), "{texts:?}");
        assert!(texts.contains(&"Lear Corp."), "{texts:?}");
    }

    #[test]
    fn text_without_names_gives_no_entities_and_odd_text_no_panic() {
        let none = Article {
            text: "the meeting ended late and nobody said much about it.".into(),
            ..Default::default()
        };
        let mut doc = Document::new(none);
        EntitiesModule::default().process(&mut doc).unwrap();
        assert_eq!(doc.enrichments.entities, Some(Vec::new()));
        for odd in [
            "1 2 3 4 5\n\n6.5 7,000 8%".to_owned(),
            "ALL CAPITALS HEADLINE ABOUT NATO AND PUTIN".to_owned(),
            "Москва и Киев, 東京 and Paris.".to_owned(),
            "word ".repeat(20_000),
            "Word Of ".repeat(50_000),
            "-- . ,, 1996 ; the of and ".repeat(2_000),
        ] {
            let mut doc = Document::new(Article {
                text: odd,
                ..Default::default()
            });
            EntitiesModule::default().process(&mut doc).unwrap();
            for entity in doc.enrichments.entities.unwrap() {
                assert!(
                    entity.name.chars().any(char::is_alphabetic),
                    "{}",
                    entity.name
                );
                let lower = entity.name.to_lowercase();
                assert!(
                    !["the", "of", "and"].contains(&lower.as_str()),
                    "{}",
                    entity.name
                );
            }
        }
    }
}
