//! `enricher build gazetteer`: turn the GeoNames extracts and the hand-written tables into `models/gazetteer.bin`, byte for byte the same on every run.
//!
//! Determinism: input maps are read into sorted maps, records are ordered
//! by (country code), (country, admin1) and GeoNames id, keys bytewise,
//! coordinates are printed with four decimals, and the gzip header carries
//! no time or file name.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use flate2::{Compression, GzBuilder};
use serde::Deserialize;

use super::aliases::{CITY_ALIASES, COUNTRY_ALIASES};
use super::gazetteer::{HEADER, NameKind};
use super::key::key;
use super::local_names::{CLDR_COUNTRY_NAMES, LOCAL_COUNTRY_ALIASES, LOCAL_LANGUAGES};
use super::regions::{REGION_WORDS, REGIONS, Region};

/// Codes in `countries.json` that ISO has withdrawn: not places news can be in.
const WITHDRAWN: &[&str] = &["AN", "CS"];

/// Rough centres of the territories that have no city of 15,000 people in
/// the data, so that every country still has coordinates.
const TERRITORY_CENTRES: &[(&str, f64, f64)] = &[
    ("AQ", -75.0, 0.0),
    ("BV", -54.42, 3.36),
    ("HM", -53.08, 73.5),
    ("IO", -7.33, 72.42),
    ("TK", -9.2, -171.85),
    ("UM", 19.28, 166.65),
];

/// Alternate names longer than this are descriptions, not names.
const MAX_ALTERNATE_CHARS: usize = 60;

/// Keys shorter than this from alternates only make noise ("Ba", "Xi").
const MIN_ALTERNATE_KEY: usize = 3;

/// Why the gazetteer could not be built.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    #[error("cannot read {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path} is not the GeoNames extract expected: {source}")]
    Json {
        path: PathBuf,
        source: serde_json::Error,
    },
    #[error("the alias table names {country} {name:?}, which is not a city in the data")]
    MissingCity { country: String, name: String },
    #[error("an alias or region names country {0}, which is not in countries.json")]
    MissingCountry(String),
    #[error("the local alias table names language {0:?}, which has no local names")]
    UnknownLanguage(String),
    #[error("country names line {line}: {reason}")]
    CountryNames { line: usize, reason: &'static str },
    #[error("cannot write {path}: {source}")]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
}

#[derive(Debug, Deserialize)]
struct CountryJson {
    geonameid: u32,
    name: String,
    iso: String,
    iso3: String,
    capital: String,
    population: u64,
    neighbours: String,
}

#[derive(Debug, Deserialize)]
struct CityJson {
    geonameid: u32,
    name: String,
    latitude: f64,
    longitude: f64,
    countrycode: String,
    population: u64,
    admin1code: String,
    alternatenames: Vec<String>,
}

/// The hand-written tables a build adds to the GeoNames data; tests build
/// small gazetteers with tables of their own.
#[derive(Debug, Clone, Copy)]
pub struct Tables {
    pub country_aliases: &'static [(&'static str, &'static [&'static str])],
    pub city_aliases: &'static [(&'static str, &'static str, &'static [&'static str])],
    pub regions: &'static [Region],
    /// Country names by language, one `code TAB language TAB name` a line
    /// (`models/country-names.tsv`); codes not in the data are skipped.
    pub local_country_names: &'static str,
    /// (language, code, names) added to those; a code not in the data fails
    /// the build.
    pub local_country_aliases: &'static [(&'static str, &'static str, &'static [&'static str])],
}

impl Tables {
    /// The tables of [`super::aliases`], [`super::regions`] and
    /// [`super::local_names`].
    pub const STANDARD: Tables = Tables {
        country_aliases: COUNTRY_ALIASES,
        city_aliases: CITY_ALIASES,
        regions: REGIONS,
        local_country_names: CLDR_COUNTRY_NAMES,
        local_country_aliases: LOCAL_COUNTRY_ALIASES,
    };
}

/// What a build produced, for the command's summary table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuildReport {
    pub countries: usize,
    pub regions: usize,
    /// Rows of the region table with no city in the data, so not written.
    pub regions_without_cities: Vec<String>,
    pub cities: usize,
    pub capitals: usize,
    /// Names that count in one language only ([`super::local_names`]), as
    /// (language, key) pairs written.
    pub local_names: usize,
    /// Local names left out, as "language:key": naming two countries in
    /// one language, or the name every language uses for another country.
    pub local_names_dropped: Vec<String>,
    pub keys: usize,
    pub text_bytes: usize,
    pub file_bytes: usize,
}

/// Build the gazetteer from `geonames` (the folder with `countries.json`
/// and `cities15000.json`) and write it to `out`.
pub fn run(geonames: &Path, out: &Path) -> Result<BuildReport, BuildError> {
    let (bytes, report) = build(geonames, Tables::STANDARD)?;
    std::fs::write(out, &bytes).map_err(|source| BuildError::Write {
        path: out.to_owned(),
        source,
    })?;
    Ok(report)
}

/// The gazetteer file's bytes, built from the GeoNames folder and `tables`.
pub fn build(geonames: &Path, tables: Tables) -> Result<(Vec<u8>, BuildReport), BuildError> {
    let countries: BTreeMap<String, CountryJson> = read_json(&geonames.join("countries.json"))?;
    let cities: BTreeMap<u32, CityJson> =
        read_json::<BTreeMap<String, CityJson>>(&geonames.join("cities15000.json"))?
            .into_values()
            .map(|city| (city.geonameid, city))
            .collect();
    assemble(&countries, &cities, tables)
}

fn read_json<T: serde::de::DeserializeOwned>(path: &Path) -> Result<T, BuildError> {
    let bytes = std::fs::read(path).map_err(|source| BuildError::Read {
        path: path.to_owned(),
        source,
    })?;
    serde_json::from_slice(&bytes).map_err(|source| BuildError::Json {
        path: path.to_owned(),
        source,
    })
}

/// One line of the file before it is written.
struct Row {
    tag: char,
    code: String,
    admin1: String,
    geonames_id: Option<u32>,
    lat: f64,
    lon: f64,
    population: u64,
    extra: String,
    name: String,
}

/// The keys and the records each names, with the language the name counts
/// in (`None` for all) and the strongest way it names it.
#[derive(Default)]
struct Keys(BTreeMap<String, BTreeMap<(u32, Option<&'static str>), NameKind>>);

impl Keys {
    fn add(&mut self, name: &str, record: usize, how: NameKind) {
        self.add_key(key(name), record, None, how);
    }

    fn add_key(
        &mut self,
        key: String,
        record: usize,
        language: Option<&'static str>,
        how: NameKind,
    ) {
        if key.is_empty() {
            return;
        }
        let refs = self.0.entry(key).or_default();
        let slot = refs.entry((record as u32, language)).or_insert(how);
        *slot = (*slot).min(how);
    }

    /// The records `key` names as their own name in every language.
    fn named_by(&self, key: &str) -> Vec<u32> {
        self.0.get(key).map_or_else(Vec::new, |refs| {
            refs.iter()
                .filter(|((_, language), how)| language.is_none() && **how == NameKind::Name)
                .map(|((record, _), _)| *record)
                .collect()
        })
    }
}

fn assemble(
    countries: &BTreeMap<String, CountryJson>,
    cities: &BTreeMap<u32, CityJson>,
    tables: Tables,
) -> Result<(Vec<u8>, BuildReport), BuildError> {
    let countries: Vec<&CountryJson> = countries
        .values()
        .filter(|c| !WITHDRAWN.contains(&c.iso.as_str()))
        .collect();
    let known: BTreeSet<&str> = countries.iter().map(|c| c.iso.as_str()).collect();
    for code in tables
        .country_aliases
        .iter()
        .map(|(c, _)| *c)
        .chain(tables.regions.iter().map(|r| r.country))
    {
        if !known.contains(code) {
            return Err(BuildError::MissingCountry(code.to_owned()));
        }
    }
    let cities: Vec<&CityJson> = cities
        .values()
        .filter(|c| known.contains(c.countrycode.as_str()))
        .collect();

    let mut rows = Vec::new();
    let mut keys = Keys::default();
    for country in &countries {
        let index = rows.len();
        keys.add(&country.name, index, NameKind::Name);
        for alias in aliases_of(tables, &country.iso) {
            keys.add(alias, index, NameKind::Name);
        }
        let (lat, lon) = centroid(
            cities
                .iter()
                .filter(|c| c.countrycode == country.iso)
                .map(|c| (c.latitude, c.longitude, c.population)),
        )
        .or_else(|| territory_centre(&country.iso))
        .unwrap_or((0.0, 0.0));
        rows.push(Row {
            tag: 'N',
            code: country.iso.clone(),
            admin1: country.iso3.clone(),
            geonames_id: Some(country.geonameid),
            lat,
            lon,
            population: country.population,
            extra: country.neighbours.clone(),
            name: clean(&country.name),
        });
    }

    let mut regions_without_cities = Vec::new();
    let mut regions: Vec<&Region> = tables.regions.iter().collect();
    regions.sort_by_key(|r| (r.country, r.admin1));
    for region in regions {
        let members: Vec<&&CityJson> = cities
            .iter()
            .filter(|c| c.countrycode == region.country && c.admin1code == region.admin1)
            .collect();
        let Some((lat, lon)) = centroid(
            members
                .iter()
                .map(|c| (c.latitude, c.longitude, c.population)),
        ) else {
            regions_without_cities.push(format!("{} {}", region.country, region.names[0]));
            continue;
        };
        let index = rows.len();
        for name in region.names {
            keys.add(name, index, NameKind::Name);
            for variant in name_variants(region.country, name) {
                keys.add(&variant, index, NameKind::Name);
            }
        }
        for abbreviation in region.abbreviations {
            keys.add(abbreviation, index, NameKind::Qualifier);
        }
        rows.push(Row {
            tag: 'R',
            code: region.country.to_owned(),
            admin1: region.admin1.to_owned(),
            geonames_id: None,
            lat,
            lon,
            population: members.iter().map(|c| c.population).sum(),
            extra: "-".to_owned(),
            name: clean(region.names[0]),
        });
    }
    let regions = rows.len() - countries.len();

    let capitals = capitals(&countries, &cities);
    let first_city = rows.len();
    for (i, city) in cities.iter().enumerate() {
        let index = first_city + i;
        keys.add(&city.name, index, NameKind::Name);
        for alternate in city.alternatenames.iter().filter(|a| usable_alternate(a)) {
            if key(alternate).len() >= MIN_ALTERNATE_KEY {
                keys.add(alternate, index, NameKind::Alternate);
            }
        }
        rows.push(Row {
            tag: 'C',
            code: city.countrycode.clone(),
            admin1: city.admin1code.clone(),
            geonames_id: Some(city.geonameid),
            lat: city.latitude,
            lon: city.longitude,
            population: city.population,
            extra: if capitals.contains(&city.geonameid) {
                "1"
            } else {
                "0"
            }
            .to_owned(),
            name: clean(&city.name),
        });
    }
    for &(country, name, aliases) in tables.city_aliases {
        let index = cities
            .iter()
            .enumerate()
            .filter(|(_, c)| c.countrycode == country && c.name == name)
            .max_by_key(|(_, c)| c.population)
            .map(|(i, _)| first_city + i)
            .ok_or_else(|| BuildError::MissingCity {
                country: country.to_owned(),
                name: name.to_owned(),
            })?;
        for alias in aliases {
            keys.add(alias, index, NameKind::Name);
        }
    }
    let (local_names, local_names_dropped) = add_local_names(&countries, &rows, tables, &mut keys)?;

    let text = write_text(&rows, &keys);
    let mut encoder = GzBuilder::new()
        .mtime(0)
        .write(Vec::new(), Compression::best());
    let compressed = encoder
        .write_all(text.as_bytes())
        .and_then(|()| encoder.finish())
        .map_err(|source| BuildError::Write {
            path: PathBuf::from("<memory>"),
            source,
        })?;
    let report = BuildReport {
        countries: countries.len(),
        regions,
        regions_without_cities,
        cities: cities.len(),
        capitals: capitals.len(),
        local_names,
        local_names_dropped,
        keys: keys.0.len(),
        text_bytes: text.len(),
        file_bytes: compressed.len(),
    };
    Ok((compressed, report))
}

/// Add the countries' names in other languages as keys of their language,
/// after every name that counts in all languages is in `keys`, and return
/// how many were written and dropped. A local name is dropped where it
/// names two countries in its language, or where it is another country's
/// own name in every language; it is not written where it already names
/// its country in every language ("Italia"); and it counts as an alternate
/// where it is the own name of a city or region more populous than the
/// country, so that the place keeps it ("Granada", Grenada in Spanish,
/// stays the Spanish city; "França" is France, not Franca in Brazil).
fn add_local_names(
    countries: &[&CountryJson],
    rows: &[Row],
    tables: Tables,
    keys: &mut Keys,
) -> Result<(usize, Vec<String>), BuildError> {
    let record_of = |code: &str| countries.iter().position(|c| c.iso == code);
    let mut names: BTreeMap<(&'static str, String), BTreeSet<usize>> = BTreeMap::new();
    for (line, row) in tables.local_country_names.lines().enumerate() {
        let error = |reason| BuildError::CountryNames {
            line: line + 1,
            reason,
        };
        let mut fields = row.split('\t');
        let (Some(code), Some(language), Some(name), None) =
            (fields.next(), fields.next(), fields.next(), fields.next())
        else {
            return Err(error("not three tab-separated fields"));
        };
        let language = LOCAL_LANGUAGES
            .iter()
            .find(|l| **l == language)
            .ok_or_else(|| error("a language without local names"))?;
        if let Some(record) = record_of(code) {
            // CLDR writes both names of a country as "Myanmar (Birmania)";
            // news writes one.
            let name = name.split('(').next().unwrap_or(name);
            names
                .entry((language, key(name)))
                .or_default()
                .insert(record);
        }
    }
    for &(language, code, aliases) in tables.local_country_aliases {
        let record = record_of(code).ok_or_else(|| BuildError::MissingCountry(code.to_owned()))?;
        let language = LOCAL_LANGUAGES
            .iter()
            .find(|l| **l == language)
            .ok_or_else(|| BuildError::UnknownLanguage(language.to_owned()))?;
        for alias in aliases {
            names
                .entry((language, key(alias)))
                .or_default()
                .insert(record);
        }
    }
    let (mut written, mut dropped) = (0, Vec::new());
    for ((language, key), records) in names {
        let [record] = records.into_iter().collect::<Vec<_>>()[..] else {
            dropped.push(format!("{language}:{key}"));
            continue;
        };
        let named = keys.named_by(&key);
        let population = |r: u32| rows.get(r as usize).map_or(0, |row| row.population);
        let how = if named.contains(&(record as u32)) {
            continue;
        } else if named.iter().any(|&r| (r as usize) < countries.len()) {
            dropped.push(format!("{language}:{key}"));
            continue;
        } else if named
            .iter()
            .any(|&r| population(r) > population(record as u32))
        {
            NameKind::Alternate
        } else {
            NameKind::Name
        };
        keys.add_key(key, record, Some(language), how);
        written += 1;
    }
    Ok((written, dropped))
}

fn aliases_of(tables: Tables, code: &str) -> impl Iterator<Item = &'static str> + '_ {
    tables
        .country_aliases
        .iter()
        .filter(move |(c, _)| *c == code)
        .flat_map(|(_, aliases)| aliases.iter().copied())
}

/// The forms news writes a region name in besides the table's own: "Kursk
/// Oblast" is also "Kursk region" and "Kursk province"; "Guangdong" is also
/// "Guangdong province" (the word from [`REGION_WORDS`]).
fn name_variants(country: &str, name: &str) -> Vec<String> {
    let mut variants = Vec::new();
    if let Some(stem) = name.strip_suffix(" Oblast") {
        variants.push(format!("{stem} region"));
        variants.push(format!("{stem} province"));
    } else if let Some(stem) = name.strip_suffix(" Krai") {
        variants.push(format!("{stem} region"));
        variants.push(format!("{stem} territory"));
        variants.push(format!("{stem} Kray"));
    } else if let Some((_, word)) = REGION_WORDS.iter().find(|(c, _)| *c == country) {
        let lower = name.to_lowercase();
        if !lower.ends_with(word) && !lower.ends_with("region") {
            variants.push(format!("{name} {word}"));
        }
    }
    variants
}

/// The GeoNames ids of the national capitals: for each country, its most
/// populous city named as the capital is, or failing that, the most
/// populous with it among its alternates ("New Delhi" is the city of that
/// name, not Delhi, whose alternates include it).
fn capitals(countries: &[&CountryJson], cities: &[&CityJson]) -> BTreeSet<u32> {
    let most_populous = |matching: &dyn Fn(&CityJson) -> bool, country: &str| {
        cities
            .iter()
            .filter(|c| c.countrycode == country && matching(c))
            .max_by_key(|c| (c.population, std::cmp::Reverse(c.geonameid)))
            .map(|c| c.geonameid)
    };
    countries
        .iter()
        .filter_map(|country| {
            let capital = key(&country.capital);
            if capital.is_empty() {
                return None;
            }
            most_populous(&|c| key(&c.name) == capital, &country.iso).or_else(|| {
                most_populous(
                    &|c| c.alternatenames.iter().any(|a| key(a) == capital),
                    &country.iso,
                )
            })
        })
        .collect()
}

/// Whether a GeoNames alternate is a name a text in a language we read
/// might use: all in Latin script, or all in Cyrillic ("Курск", for Russian
/// articles; GeoNames also has names mixing the two, like "Krakоv" with a
/// Cyrillic o, which are typos), written with a capital (GeoNames'
/// lower-case alternates are machine transliterations like "an dao er
/// cheng"), not a code ("ALV"), without digits or brackets, and short. No
/// name in Cyrillic can match a name in an English text, so English results
/// do not change.
fn usable_alternate(name: &str) -> bool {
    let latin = name.chars().all(|c| {
        c.is_ascii()
            || ('\u{00C0}'..='\u{024F}').contains(&c)
            || ('\u{1E00}'..='\u{1EFF}').contains(&c)
            || matches!(c, '’' | 'ʼ' | '‘' | 'ʻ')
    });
    let cyrillic = name.chars().any(|c| ('\u{0400}'..='\u{04FF}').contains(&c))
        && name.chars().all(|c| {
            ('\u{0400}'..='\u{04FF}').contains(&c) || matches!(c, ' ' | '-' | '\'' | '’' | '.')
        });
    let letters = name.chars().count();
    let code = letters <= 4
        && (name.chars().all(|c| c.is_ascii_uppercase())
            || (cyrillic && name.chars().all(char::is_uppercase)));
    (latin || cyrillic)
        && !code
        && name.chars().any(char::is_uppercase)
        && name.chars().count() <= MAX_ALTERNATE_CHARS
        && !name
            .chars()
            .any(|c| c.is_ascii_digit() || matches!(c, '(' | ')' | '/' | ',' | ';' | '\t'))
}

/// The population-weighted centre of some points, averaged as vectors on the
/// sphere so that places on both sides of the 180th meridian do not average
/// to the other side of the world.
fn centroid(points: impl Iterator<Item = (f64, f64, u64)>) -> Option<(f64, f64)> {
    let (mut x, mut y, mut z, mut n) = (0.0f64, 0.0f64, 0.0f64, 0usize);
    for (lat, lon, population) in points {
        let weight = population.max(1) as f64;
        let (lat, lon) = (lat.to_radians(), lon.to_radians());
        x += weight * lat.cos() * lon.cos();
        y += weight * lat.cos() * lon.sin();
        z += weight * lat.sin();
        n += 1;
    }
    if n == 0 {
        return None;
    }
    let lat = z.atan2(x.hypot(y)).to_degrees();
    let lon = y.atan2(x).to_degrees();
    Some((lat, lon))
}

fn territory_centre(code: &str) -> Option<(f64, f64)> {
    TERRITORY_CENTRES
        .iter()
        .find(|(c, _, _)| *c == code)
        .map(|&(_, lat, lon)| (lat, lon))
}

/// A name as one field of a line: no tabs or line breaks, no stray spaces.
fn clean(name: &str) -> String {
    name.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Coordinates with four decimals (about 11 m), and never "-0.0000".
fn coordinate(value: f64) -> String {
    let text = format!("{value:.4}");
    if text == "-0.0000" {
        "0.0000".to_owned()
    } else {
        text
    }
}

fn write_text(rows: &[Row], keys: &Keys) -> String {
    let mut text = String::new();
    // Writing to a String cannot fail.
    let _ = writeln!(text, "{HEADER}");
    let _ = writeln!(text, "counts\t{}\t{}", rows.len(), keys.0.len());
    for row in rows {
        let id = row
            .geonames_id
            .map_or_else(|| "-".to_owned(), |id| id.to_string());
        let _ = writeln!(
            text,
            "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
            row.tag,
            row.code,
            clean(&row.admin1),
            id,
            coordinate(row.lat),
            coordinate(row.lon),
            row.population,
            clean(&row.extra),
            row.name
        );
    }
    for (key, refs) in &keys.0 {
        let _ = write!(text, "K\t{key}\t");
        for (i, ((record, language), how)) in refs.iter().enumerate() {
            let tag = match how {
                NameKind::Name => "",
                NameKind::Alternate => "a",
                NameKind::Qualifier => "q",
            };
            let comma = if i == 0 { "" } else { "," };
            let _ = write!(text, "{comma}{record}{tag}");
            if let Some(language) = language {
                let _ = write!(text, "@{language}");
            }
        }
        text.push('\n');
    }
    text
}

impl std::fmt::Display for BuildReport {
    /// The summary table the build command prints.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let rows = [
            ("countries", self.countries),
            ("regions", self.regions),
            ("cities", self.cities),
            ("capitals found", self.capitals),
            ("local names", self.local_names),
            ("name keys", self.keys),
            ("text bytes", self.text_bytes),
            ("file bytes", self.file_bytes),
        ];
        for (what, n) in rows {
            writeln!(f, "  {what:<16} {n:>10}")?;
        }
        if !self.local_names_dropped.is_empty() {
            writeln!(
                f,
                "  local names left out (two countries, or another's name): {}",
                self.local_names_dropped.join(", ")
            )?;
        }
        if !self.regions_without_cities.is_empty() {
            writeln!(
                f,
                "  regions left out (no city in the data): {}",
                self.regions_without_cities.join(", ")
            )?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geo::{Gazetteer, PlaceKind};

    fn fixture() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/geo")
    }

    const FIXTURE_REGIONS: &[Region] = &[
        Region {
            country: "US",
            admin1: "TX",
            names: &["Texas"],
            abbreviations: &["TX", "Tex."],
        },
        Region {
            country: "US",
            admin1: "WY",
            names: &["Wyoming"],
            abbreviations: &[],
        },
        Region {
            country: "RU",
            admin1: "41",
            names: &["Kursk Oblast"],
            abbreviations: &[],
        },
    ];

    /// Local names: new ones, one every language already has ("Georgia"),
    /// one that is another country's name ("Russia" for Ukraine), one
    /// naming two countries ("Land"), two that are a city's name, of a
    /// bigger city ("Atlanta" for Antarctica) and of a smaller one
    /// ("Tbilisi" for Russia), and one of a code not in the data.
    const FIXTURE_LOCAL_NAMES: &str = "AQ\tpt\tAtlanta\n\
        FR\tes\tFrancia\n\
        FR\tnl\tLand\n\
        GE\tes\tGeorgia\n\
        RU\tnl\tLand\n\
        RU\tpt\tTbilisi\n\
        RU\tru\tРоссия\n\
        UA\tit\tRussia\n\
        US\tde\tVereinigte Staaten (USA)\n\
        XX\tfr\tNulle part\n";

    const FIXTURE_TABLES: Tables = Tables {
        country_aliases: &[("US", &["U.S.", "America"]), ("GE", &["Sakartvelo"])],
        city_aliases: &[("UA", "Kyiv", &["Kiev"])],
        regions: FIXTURE_REGIONS,
        local_country_names: FIXTURE_LOCAL_NAMES,
        local_country_aliases: &[("ru", "US", &["США"])],
    };

    fn built() -> (Vec<u8>, BuildReport) {
        build(&fixture(), FIXTURE_TABLES).expect("the fixture builds")
    }

    #[test]
    fn building_twice_gives_the_same_bytes() {
        assert_eq!(built().0, built().0);
    }

    #[test]
    fn the_fixture_builds_into_a_gazetteer_that_reads_back() {
        let (bytes, report) = built();
        let gazetteer = Gazetteer::from_bytes(&bytes).expect("parses");
        // CS is withdrawn; AQ has no city but a fallback centre.
        assert_eq!(report.countries, 6);
        assert!(gazetteer.country("CS").is_none());
        let antarctica = gazetteer.country("AQ").expect("kept");
        assert!(antarctica.entry.lat < -60.0);
        // Wyoming has no city in the fixture, so it is left out.
        assert_eq!(report.regions, 2);
        assert_eq!(report.regions_without_cities, ["US Wyoming"]);
        assert_eq!(report.cities, 7);
        assert_eq!(gazetteer.len(), 6 + 2 + 7);
    }

    #[test]
    fn aliases_regions_and_alternates_become_keys() {
        let gazetteer = Gazetteer::from_bytes(&built().0).expect("parses");
        let first = |name: &str| gazetteer.lookup(name).next().map(|c| c.entry);
        assert_eq!(first("America").map(|e| e.country_code), Some("US"));
        assert_eq!(first("Kiev").map(|e| e.name), Some("Kyiv"));
        let region = first("Kursk region").expect("a variant of Kursk Oblast");
        assert_eq!((region.kind, region.admin1), (PlaceKind::Region, "41"));
        assert_eq!(region.geonames_id, None);
        // A French alternate of Kursk, and no lower-case transliteration.
        assert_eq!(first("Koursk").map(|e| e.name), Some("Kursk"));
        assert!(first("ku er si ke").is_none());
        // Abbreviations only qualify.
        let tex: Vec<_> = gazetteer.lookup("Tex.").collect();
        assert!(tex.iter().all(|c| c.how == NameKind::Qualifier));
    }

    #[test]
    fn local_names_count_in_their_language_only() {
        let (bytes, report) = built();
        let gazetteer = Gazetteer::from_bytes(&bytes).expect("parses");
        let country = |name: &str, language: Option<&str>| {
            gazetteer
                .lookup_in(name, language)
                .find(|c| c.entry.kind == PlaceKind::Country)
                .map(|c| (c.entry.country_code, c.how))
        };
        assert_eq!(country("Francia", Some("es")), Some(("FR", NameKind::Name)));
        assert_eq!(country("Francia", None), None);
        assert_eq!(country("Francia", Some("en")), None);
        assert_eq!(country("Francia", Some("de")), None);
        assert_eq!(country("Россия", Some("ru")), Some(("RU", NameKind::Name)));
        assert_eq!(country("США", Some("ru")), Some(("US", NameKind::Name)));
        // CLDR's "Vereinigte Staaten (USA)" is written as news writes it.
        assert_eq!(
            country("Vereinigte Staaten", Some("de")),
            Some(("US", NameKind::Name))
        );
        // Another country's name, and a name of two countries, are dropped.
        assert_eq!(country("Russia", Some("it")), Some(("RU", NameKind::Name)));
        assert_eq!(country("Land", Some("nl")), None);
        // A bigger city's own name stays the city's: the country gets an
        // alternate; a smaller city's does not.
        assert_eq!(
            country("Atlanta", Some("pt")),
            Some(("AQ", NameKind::Alternate))
        );
        assert_eq!(country("Atlanta", None), None);
        assert_eq!(country("Tbilisi", Some("pt")), Some(("RU", NameKind::Name)));
        assert_eq!(report.local_names, 6);
        assert_eq!(report.local_names_dropped, ["it:russia", "nl:land"]);
    }

    #[test]
    fn cyrillic_alternates_find_their_city() {
        let gazetteer = Gazetteer::from_bytes(&built().0).expect("parses");
        let names: Vec<&str> = gazetteer.lookup("Курск").map(|c| c.entry.name).collect();
        assert_eq!(names, ["Kursk"]);
    }

    #[test]
    fn a_local_alias_of_an_unknown_language_or_country_fails_the_build() {
        let tables = Tables {
            local_country_aliases: &[("xx", "US", &["Amerika"])],
            ..FIXTURE_TABLES
        };
        let error = build(&fixture(), tables).expect_err("no language xx");
        assert!(matches!(error, BuildError::UnknownLanguage(_)), "{error}");
        let tables = Tables {
            local_country_aliases: &[("de", "DE", &["Deutschland"])],
            ..FIXTURE_TABLES
        };
        let error = build(&fixture(), tables).expect_err("no DE in the fixture");
        assert!(matches!(error, BuildError::MissingCountry(_)), "{error}");
        let tables = Tables {
            local_country_names: "FR\tes",
            ..FIXTURE_TABLES
        };
        let error = build(&fixture(), tables).expect_err("a short line");
        assert!(
            matches!(error, BuildError::CountryNames { line: 1, .. }),
            "{error}"
        );
    }

    #[test]
    fn capitals_are_marked() {
        let gazetteer = Gazetteer::from_bytes(&built().0).expect("parses");
        let capital = |name: &str| {
            gazetteer
                .lookup(name)
                .map(|c| c.entry)
                .find(|e| e.kind == PlaceKind::City)
                .map(|e| (e.country_code, e.capital))
        };
        assert_eq!(capital("Kyiv"), Some(("UA", true)));
        assert_eq!(capital("Washington"), Some(("US", true)));
        assert_eq!(capital("Atlanta"), Some(("US", false)));
    }

    #[test]
    fn a_city_alias_for_a_missing_city_fails_the_build() {
        let tables = Tables {
            city_aliases: &[("FR", "Lyon", &["Lugdunum"])],
            ..FIXTURE_TABLES
        };
        let error = build(&fixture(), tables).expect_err("Lyon is not in the fixture");
        assert!(matches!(error, BuildError::MissingCity { .. }), "{error}");
    }

    #[test]
    fn a_missing_folder_is_an_error_naming_the_file() {
        let error = build(Path::new("/nonexistent"), FIXTURE_TABLES).expect_err("no data");
        assert!(error.to_string().contains("countries.json"), "{error}");
    }

    #[test]
    fn alternates_in_other_scripts_codes_and_transliterations_are_skipped() {
        assert!(usable_alternate("Koursk"));
        assert!(usable_alternate("Kúrsk"));
        assert!(usable_alternate("al-Raqqah"));
        assert!(usable_alternate("Курск"));
        assert!(usable_alternate("Санкт-Петербург"));
        for junk in [
            "URS",
            "МСК",
            "ku er si ke",
            "курск",
            "Paris 16",
            "Lutetia (Roman)",
            "Krakоv",
            "東京",
            "Κούρσκ",
        ] {
            assert!(!usable_alternate(junk), "{junk}");
        }
    }

    #[test]
    fn centroids_do_not_wrap_across_the_date_line() {
        let (lat, lon) =
            centroid([(-17.0, 179.0, 1), (-17.0, -179.0, 1)].into_iter()).expect("two points");
        assert!((lat + 17.0).abs() < 0.1, "{lat}");
        assert!(lon.abs() > 179.9, "{lon}");
        let (_, lon) = centroid([(0.0, 10.0, 3), (0.0, 20.0, 1)].into_iter()).expect("points");
        assert!((lon - 12.5).abs() < 0.1, "weighted by population: {lon}");
    }
}
