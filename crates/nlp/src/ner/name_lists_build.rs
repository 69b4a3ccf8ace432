//! Building the tagger's name lists from GeoNames (countries, cities with their population, continents, and the alternate names of cities in the tagger's script), at training time.

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::Context as _;
use serde::Deserialize;

use super::name_lists::{MAX_PHRASE, NameLists, PHRASE_SEED, PREFIX, list, phrase_step};
use super::tokenise::conll_tokens;
use super::words::Analyser;

impl NameLists {
    /// The lists built from the GeoNames extracts in `dir`
    /// (`countries.json`, `cities15000.json`, `continents.json`) for a
    /// tagger of `language`: cities' alternate names in Latin script, and
    /// for Russian in Cyrillic as well.
    pub fn from_geonames(dir: &Path, language: &str) -> anyhow::Result<Self> {
        let cyrillic = language == "ru";
        let mut builder = Builder::default();
        let countries: BTreeMap<String, Country> = read_json(&dir.join("countries.json"))?;
        for country in countries.values() {
            builder.add(&country.name, list::COUNTRY);
        }
        let cities: BTreeMap<String, City> = read_json(&dir.join("cities15000.json"))?;
        for city in cities.values() {
            let mut bits = list::CITY;
            if city.population >= 500_000 {
                bits |= list::BIG_CITY;
            }
            builder.add(&city.name, bits);
            for name in &city.alternatenames {
                if is_latin_name(name) || (cyrillic && is_cyrillic_name(name)) {
                    builder.add(name, list::CITY_ALTERNATE);
                }
            }
        }
        let continents: BTreeMap<String, Continent> = read_json(&dir.join("continents.json"))?;
        for continent in continents.values() {
            builder.add(&continent.name, list::CONTINENT);
            for alternate in &continent.alternate_names {
                if alternate.lang.as_deref() == Some("en") {
                    builder.add(&alternate.name, list::CONTINENT);
                }
            }
        }
        Ok(NameLists::from_entries(builder.entries))
    }

    /// The GeoNames lists of `geonames` for a tagger of `language` and, when
    /// `names` is given, the lists of people and organisations from the
    /// entity data under it in other languages than `language`
    /// ([`person_and_organisation_names`]).
    pub fn build(geonames: &Path, names: Option<&Path>, language: &str) -> anyhow::Result<Self> {
        let places = NameLists::from_geonames(geonames, language)?;
        let Some(dir) = names else {
            return Ok(places);
        };
        let mut builder = Builder::default();
        for (name, bits) in person_and_organisation_names(dir, language)? {
            builder.add(&name, bits);
        }
        Ok(NameLists::from_entries(
            places.entries().iter().copied().chain(builder.entries),
        ))
    }
}

/// Languages in Latin script whose entity data the person and organisation
/// lists are read from: the names of people and organisations that news
/// in English also writes.
const NAME_LANGUAGES: [&str; 7] = ["de", "es", "fr", "it", "nl", "pl", "pt"];

/// A name must be tagged this often, as this type and more often than as
/// any other, to be listed: silver data mislabels, and once is chance.
const MIN_NAME_COUNT: u32 = 2;

/// The people ([`list::PERSON`]) and organisations ([`list::ORGANISATION`])
/// of the training files (`LANG/*.train.conll`: two-column CoNLL, IOB2) of
/// the Latin-script languages under `dir` other than `except` (the tagger's
/// own language, whose training names would be listed for the very
/// sentences it learns from; a language without a folder is skipped),
/// sorted: each name tagged at least
/// [`MIN_NAME_COUNT`] times with that type and most often with it.
pub fn person_and_organisation_names(
    dir: &Path,
    except: &str,
) -> anyhow::Result<Vec<(String, u8)>> {
    let mut counts: BTreeMap<String, [u32; 3]> = BTreeMap::new();
    let mut files = 0;
    for language in NAME_LANGUAGES.into_iter().filter(|l| *l != except) {
        let folder = dir.join(language);
        if !folder.is_dir() {
            continue;
        }
        let mut paths: Vec<_> = std::fs::read_dir(&folder)
            .with_context(|| format!("cannot read {}", folder.display()))?
            .filter_map(|entry| entry.ok().map(|e| e.path()))
            .filter(|path| {
                path.file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.ends_with(".train.conll"))
            })
            .collect();
        paths.sort();
        for path in paths {
            let text = std::fs::read_to_string(&path)
                .with_context(|| format!("cannot read {}", path.display()))?;
            for (name, kind) in iob2_spans(&text) {
                if is_listable_name(&name) {
                    counts.entry(name).or_default()[kind] += 1;
                }
            }
            files += 1;
        }
    }
    anyhow::ensure!(
        files > 0,
        "no LANG/*.train.conll files under {}",
        dir.display()
    );
    Ok(counts
        .into_iter()
        .filter_map(|(name, [person, organisation, other])| {
            let best = person.max(organisation);
            if best < MIN_NAME_COUNT || other >= best || person == organisation {
                return None;
            }
            let bits = if person > organisation {
                list::PERSON
            } else {
                list::ORGANISATION
            };
            Some((name, bits))
        })
        .collect())
}

/// Whether an entity's words read as a name English news could write: a
/// capital first, then Latin letters, digits, spaces and the punctuation of
/// names (acronyms such as `ONU` included).
fn is_listable_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_uppercase() && is_latin(c))
        && chars
            .all(|c| is_latin(c) || c.is_ascii_digit() || matches!(c, ' ' | '-' | '\'' | '.' | '&'))
}

/// The entity spans of two-column IOB2 CoNLL text, as the words joined by
/// spaces and the type: 0 PER, 1 ORG, 2 anything else.
fn iob2_spans(text: &str) -> Vec<(String, usize)> {
    let mut spans = Vec::new();
    let mut current: Option<(String, usize)> = None;
    for line in text.lines() {
        let mut fields = line.split_whitespace();
        let (Some(word), Some(tag)) = (fields.next(), fields.next()) else {
            spans.extend(current.take());
            continue;
        };
        let kind = match tag.get(2..) {
            Some("PER") => 0,
            Some("ORG") => 1,
            _ => 2,
        };
        match tag.as_bytes().first() {
            Some(b'I') if current.as_ref().is_some_and(|(_, k)| *k == kind) => {
                if let Some((name, _)) = &mut current {
                    name.push(' ');
                    name.push_str(word);
                }
            }
            Some(b'B' | b'I') => {
                spans.extend(current.take());
                current = Some((word.to_owned(), kind));
            }
            _ => spans.extend(current.take()),
        }
    }
    spans.extend(current);
    spans
}

/// Collects phrase entries and their prefixes.
#[derive(Default)]
struct Builder {
    analyser: Analyser,
    entries: Vec<(u64, u8)>,
}

impl Builder {
    fn add(&mut self, name: &str, bits: u8) {
        let lowers: Vec<u64> = conll_tokens(name)
            .into_iter()
            .map(|(_, token)| self.analyser.analyse(token).lower)
            .collect();
        if lowers.is_empty() || lowers.len() > MAX_PHRASE {
            return;
        }
        let mut phrase = PHRASE_SEED;
        for (i, &lower) in lowers.iter().enumerate() {
            phrase = phrase_step(phrase, lower);
            let last = i + 1 == lowers.len();
            self.entries
                .push((phrase, if last { bits } else { PREFIX }));
        }
    }
}

/// Whether an alternate name reads as a name in Latin script: it starts
/// with a capital and has only Latin letters, spaces, hyphens, apostrophes
/// and full stops (GeoNames also lists transliterations in lower case and
/// codes such as `GZI`, which are left out).
fn is_latin_name(name: &str) -> bool {
    let mut chars = name.chars();
    let starts_with_capital = chars
        .next()
        .is_some_and(|c| c.is_uppercase() && is_latin(c));
    let has_lower = name.chars().any(char::is_lowercase);
    starts_with_capital
        && has_lower
        && chars.all(|c| is_latin(c) || matches!(c, ' ' | '-' | '\'' | '.'))
}

/// Whether an alternate name reads as a name in Cyrillic script, on the
/// same terms as [`is_latin_name`].
fn is_cyrillic_name(name: &str) -> bool {
    let cyrillic = |c: char| ('\u{400}'..='\u{4ff}').contains(&c);
    let mut chars = name.chars();
    let starts_with_capital = chars
        .next()
        .is_some_and(|c| c.is_uppercase() && cyrillic(c));
    starts_with_capital
        && name.chars().any(char::is_lowercase)
        && chars.all(|c| cyrillic(c) || matches!(c, ' ' | '-' | '\'' | '.'))
}

fn is_latin(c: char) -> bool {
    c.is_ascii_alphabetic() || (c.is_alphabetic() && ('\u{c0}'..='\u{24f}').contains(&c))
}

fn read_json<T: serde::de::DeserializeOwned>(path: &Path) -> anyhow::Result<T> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read the GeoNames extract {}", path.display()))?;
    serde_json::from_str(&text)
        .with_context(|| format!("{} is not the expected GeoNames JSON", path.display()))
}

#[derive(Deserialize)]
struct Country {
    name: String,
}

#[derive(Deserialize)]
struct City {
    name: String,
    #[serde(default)]
    population: u64,
    #[serde(default)]
    alternatenames: Vec<String>,
}

#[derive(Deserialize)]
struct Continent {
    #[serde(rename = "asciiName")]
    name: String,
    #[serde(rename = "alternateNames", default)]
    alternate_names: Vec<AlternateName>,
}

#[derive(Deserialize)]
struct AlternateName {
    name: String,
    lang: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ner::words::Analyser;

    fn lowers(words: &[&str]) -> Vec<u64> {
        let mut analyser = Analyser::default();
        words.iter().map(|w| analyser.analyse(w).lower).collect()
    }

    fn gazetteer(names: &[(&str, u8)]) -> NameLists {
        let mut builder = Builder::default();
        for &(name, bits) in names {
            builder.add(name, bits);
        }
        NameLists::from_entries(builder.entries)
    }

    #[test]
    fn the_longest_match_from_each_start_tags_its_tokens() {
        let g = gazetteer(&[
            ("New York", list::CITY),
            ("York", list::CITY),
            ("New", list::COUNTRY),
        ]);
        let mut tags = Vec::new();
        g.tag(&lowers(&["in", "NEW", "York", "City"]), &mut tags);
        let city_begin = 1 << 2;
        let city_inside = 1 << 3;
        assert_eq!(tags[0], 0);
        assert_eq!(tags[1], city_begin | 1);
        assert_eq!(tags[2], city_inside | city_begin);
        assert_eq!(tags[3], 0);
    }

    #[test]
    fn a_prefix_alone_is_no_match() {
        let g = gazetteer(&[("Buenos Aires", list::CITY)]);
        let mut tags = Vec::new();
        g.tag(&lowers(&["Buenos", "dias"]), &mut tags);
        assert_eq!(tags, [0, 0]);
    }

    #[test]
    fn people_and_organisations_named_twice_are_listed_places_not() {
        let dir = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../tests/fixtures/ner-names"
        );
        let names = person_and_organisation_names(Path::new(dir), "en").unwrap();
        assert_eq!(
            names,
            [
                ("Angela Merkel".to_owned(), list::PERSON),
                ("ONU".to_owned(), list::ORGANISATION),
                ("Real Madrid".to_owned(), list::ORGANISATION),
            ]
        );
        let lists = NameLists::build(
            Path::new(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/../../tests/fixtures/geo"
            )),
            Some(Path::new(dir)),
            "en",
        )
        .unwrap();
        let mut tags = Vec::new();
        lists.tag(
            &lowers(&["met", "Angela", "Merkel", "in", "Paris"]),
            &mut tags,
        );
        let person_begin = 1 << (2 * 5);
        let person_inside = 1 << (2 * 5 + 1);
        assert_eq!(tags[1] & person_begin, person_begin, "{tags:?}");
        assert_eq!(tags[2] & person_inside, person_inside, "{tags:?}");
        assert_ne!(tags[4], 0, "Paris is still a city: {tags:?}");
    }

    #[test]
    fn iob2_spans_are_joined_and_typed() {
        let text = "-DOCSTART- O\n\nAngela B-PER\nMerkel I-PER\nvisitó O\nla O\nONU B-ORG\n. O\n\nParís B-LOC\n";
        assert_eq!(
            iob2_spans(text),
            [
                ("Angela Merkel".to_owned(), 0),
                ("ONU".to_owned(), 1),
                ("París".to_owned(), 2)
            ]
        );
    }

    #[test]
    fn latin_alternate_names_only() {
        assert!(is_latin_name("Munich"));
        assert!(is_latin_name("Saint-Étienne"));
        assert!(!is_latin_name("GZI"));
        assert!(!is_latin_name("gazni"));
        assert!(!is_latin_name("Газни"));
        assert!(is_cyrillic_name("Газни"));
        assert!(is_cyrillic_name("Нижний Новгород"));
        assert!(!is_cyrillic_name("газни"));
        assert!(!is_cyrillic_name("Munich"));
        assert!(is_listable_name("ONU"));
        assert!(is_listable_name("Real Madrid"));
        assert!(!is_listable_name("Газни"));
        assert!(!is_listable_name("ministro"));
    }
}
