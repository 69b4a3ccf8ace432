//! Building the tagger's name lists from GeoNames (countries, cities with their population, continents, and the Latin-script alternate names of cities), at training time.

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::Context as _;
use serde::Deserialize;

use super::name_lists::{MAX_PHRASE, NameLists, PHRASE_SEED, PREFIX, list, phrase_step};
use super::tokenise::conll_tokens;
use super::words::Analyser;

impl NameLists {
    /// The lists built from the GeoNames extracts in `dir`
    /// (`countries.json`, `cities15000.json`, `continents.json`).
    pub fn from_geonames(dir: &Path) -> anyhow::Result<Self> {
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
                if is_latin_name(name) {
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
    fn latin_alternate_names_only() {
        assert!(is_latin_name("Munich"));
        assert!(is_latin_name("Saint-Étienne"));
        assert!(!is_latin_name("GZI"));
        assert!(!is_latin_name("gazni"));
        assert!(!is_latin_name("Газни"));
    }
}
