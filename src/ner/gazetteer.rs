//! Name lists the tagger consults: phrases (one or more tokens, lower case) with the lists they are on, and their matches in a sentence.
//!
//! The lists are built at training time from GeoNames (countries, cities
//! with their population, continents, and the Latin-script alternate names
//! of cities) and stored in the model, so the tagger needs nothing else at
//! run time. A phrase is stored as the hash of its tokens' lower-case hashes
//! ([`phrase_step`]); each stored phrase's proper prefixes are stored too,
//! marked [`PREFIX`], so matching from a token stops as soon as no listed
//! phrase goes on.

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::Context as _;
use serde::Deserialize;

use super::hash;
use super::table::KeyTable;
use super::tokenise::conll_tokens;
use super::words::Analyser;

/// The lists a phrase can be on, one bit each (bit 7 is [`PREFIX`]).
pub mod list {
    /// Country names.
    pub const COUNTRY: u8 = 1 << 0;
    /// Names of cities of 15,000 people or more.
    pub const CITY: u8 = 1 << 1;
    /// Names of cities of 500,000 people or more.
    pub const BIG_CITY: u8 = 1 << 2;
    /// Other names of cities (exonyms, older and local forms) in Latin script.
    pub const CITY_ALTERNATE: u8 = 1 << 3;
    /// Continents.
    pub const CONTINENT: u8 = 1 << 4;
    /// How many lists there are.
    pub const COUNT: usize = 5;
}

/// Marks a stored phrase that some longer listed phrase starts with.
pub const PREFIX: u8 = 1 << 7;

/// The longest phrase matched, in tokens.
pub const MAX_PHRASE: usize = 8;

/// The starting value of a phrase hash.
const PHRASE_SEED: u64 = 0x6761_7a65_7474_6565;

/// Extends a phrase hash by one token's lower-case hash.
#[inline]
pub fn phrase_step(phrase: u64, lower: u64) -> u64 {
    hash::mix(phrase, lower)
}

/// The hash of a phrase given its tokens' lower-case hashes.
pub fn phrase_hash(lowers: impl IntoIterator<Item = u64>) -> u64 {
    lowers.into_iter().fold(PHRASE_SEED, phrase_step)
}

/// Name lists, ready to match.
#[derive(Debug, Clone, Default)]
pub struct Gazetteer {
    /// Phrase hash and list bits, sorted by hash (what the model file stores).
    entries: Vec<(u64, u8)>,
    table: KeyTable,
}

impl Gazetteer {
    /// Lists from (phrase hash, bits) pairs; the pairs of one hash are merged.
    pub fn from_entries(entries: impl IntoIterator<Item = (u64, u8)>) -> Self {
        let mut merged: BTreeMap<u64, u8> = BTreeMap::new();
        for (key, bits) in entries {
            *merged.entry(key).or_default() |= bits;
        }
        let entries: Vec<(u64, u8)> = merged.into_iter().collect();
        let table = KeyTable::new(entries.iter().map(|&(key, bits)| (key, u32::from(bits))));
        Gazetteer { entries, table }
    }

    /// The stored phrases, sorted by hash.
    pub fn entries(&self) -> &[(u64, u8)] {
        &self.entries
    }

    /// For each token of a sentence (given by lower-case hashes), which lists
    /// it is in a match of, as two bits per list: bit `2 * list` when a match
    /// starts at the token, bit `2 * list + 1` when a match goes on through it.
    /// Only the longest match from each start counts, per list.
    pub fn tag(&self, lowers: &[u64], out: &mut Vec<u16>) {
        out.clear();
        out.resize(lowers.len(), 0);
        for start in 0..lowers.len() {
            let mut phrase = PHRASE_SEED;
            let mut longest = [0usize; list::COUNT];
            for (offset, &lower) in lowers[start..].iter().take(MAX_PHRASE).enumerate() {
                phrase = phrase_step(phrase, lower);
                let Some(bits) = self.table.get(phrase) else {
                    break;
                };
                for (l, length) in longest.iter_mut().enumerate() {
                    if bits & (1 << l) != 0 {
                        *length = offset + 1;
                    }
                }
                if bits as u8 & PREFIX == 0 {
                    break;
                }
            }
            for (l, &length) in longest.iter().enumerate() {
                if length == 0 {
                    continue;
                }
                out[start] |= 1 << (2 * l);
                for tag in &mut out[start + 1..start + length] {
                    *tag |= 1 << (2 * l + 1);
                }
            }
        }
    }

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
        Ok(Gazetteer::from_entries(builder.entries))
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

    fn lowers(words: &[&str]) -> Vec<u64> {
        let mut analyser = Analyser::default();
        words.iter().map(|w| analyser.analyse(w).lower).collect()
    }

    fn gazetteer(names: &[(&str, u8)]) -> Gazetteer {
        let mut builder = Builder::default();
        for &(name, bits) in names {
            builder.add(name, bits);
        }
        Gazetteer::from_entries(builder.entries)
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
