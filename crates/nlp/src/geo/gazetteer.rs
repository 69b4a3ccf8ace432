//! The gazetteer file read into memory: countries, regions and cities, and the sorted table of name keys that finds them.
//!
//! The file (`models/gazetteer.bin`, written by [`super::build`]) is gzipped
//! UTF-8 text, one record a line, so it diffs and greps like any other text:
//!
//! ```text
//! enricher-gazetteer 1
//! counts <records> <keys>
//! N <cc> <iso3> <geonameid> <lat> <lon> <population> <neighbours> <name>   country
//! R <cc> <admin1> - <lat> <lon> <population> - <name>                      region
//! C <cc> <admin1> <geonameid> <lat> <lon> <population> <capital> <name>    city
//! K <key> <ref>[,<ref>...]                                                 name key
//! ```
//!
//! Fields are separated by tabs. Countries come first, sorted by code, then
//! regions, then cities; a `ref` is a record's line number among the records
//! (0-based) with a suffix saying how the key names it: none for a name,
//! `a` for a GeoNames alternate, `q` for an abbreviation that counts only
//! after a comma ("Portland, Ore."), and then, for a name that counts only in
//! an article of one language, `@` and its ISO 639-1 code ("Allemagne" is
//! `K allemagne 80@fr`; see [`super::local_names`]). Keys are in [`super::key`] form and
//! sorted bytewise and indexed by hash when loaded, so a lookup is one probe
//! and a comparison against a slice of the one decompressed string: loading
//! allocates a few vectors and a map of integers, not a string per name.

use std::io::Read;
use std::sync::OnceLock;

use flate2::read::GzDecoder;
use rustc_hash::FxHashMap;
use xxhash_rust::xxh3::xxh3_64;

use super::{Place, PlaceKind};

/// The first line of every gazetteer file; the number is the format version,
/// raised whenever the layout or [`super::key`] changes.
pub(crate) const HEADER: &str = "enricher-gazetteer 2";

/// Decompressing stops here: a corrupt or hostile file cannot make us
/// allocate without bound. The real file is a few megabytes.
const MAX_TEXT_BYTES: u64 = 64 << 20;

static EMBEDDED_BYTES: &[u8] = include_bytes!("../../models/gazetteer.bin");

/// Why a gazetteer file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum GazetteerError {
    #[error("gazetteer is not gzipped UTF-8 text: {0}")]
    Decompress(#[from] std::io::Error),
    #[error("gazetteer decompresses to more than {MAX_TEXT_BYTES} bytes")]
    TooLarge,
    #[error("not a gazetteer file of this version (expected the header {HEADER:?})")]
    Header,
    #[error("gazetteer line {line}: {reason}")]
    Line { line: usize, reason: &'static str },
}

/// How a key names a place: its own name, one of its GeoNames alternates, or
/// an abbreviation that only counts as a qualifier after a comma.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum NameKind {
    Name,
    Alternate,
    Qualifier,
}

/// A byte range of the gazetteer's text.
#[derive(Debug, Clone, Copy, Default)]
struct Span {
    start: u32,
    end: u32,
}

#[derive(Debug, Clone)]
struct Record {
    kind: PlaceKind,
    code: [u8; 2],
    /// Admin1 code for regions and cities, ISO3 for countries.
    admin1: Span,
    name: Span,
    /// Neighbouring countries' codes, comma-separated; empty but for countries.
    neighbours: Span,
    geonames_id: Option<u32>,
    lat: f64,
    lon: f64,
    population: u64,
    capital: bool,
}

#[derive(Debug, Clone, Copy)]
struct KeyRow {
    key: Span,
    /// Range of [`Gazetteer::refs`].
    refs_start: u32,
    refs_end: u32,
}

#[derive(Debug, Clone, Copy)]
struct Ref {
    record: u32,
    how: NameKind,
    /// The language the name counts in; `None` for every language.
    language: Option<Language>,
}

/// An ISO 639-1 code as two lower-case ASCII letters.
type Language = [u8; 2];

/// The language whose local names a lookup also sees: `None` (English or
/// unknown, as for every lookup before local names) for "en", for `None`
/// and for anything that is not two lower-case letters.
fn local_language(language: Option<&str>) -> Option<Language> {
    let code: Language = language?.as_bytes().try_into().ok()?;
    (code.iter().all(u8::is_ascii_lowercase) && &code != b"en").then_some(code)
}

/// Countries, regions and cities with the keys that find them.
#[derive(Debug)]
pub struct Gazetteer {
    text: String,
    records: Vec<Record>,
    /// `records[..countries]` are the countries, sorted by code.
    countries: usize,
    keys: Vec<KeyRow>,
    /// Each key's row in `keys`, by the key's hash: one probe per lookup
    /// instead of a binary search of some twenty string comparisons.
    key_index: FxHashMap<u64, u32>,
    refs: Vec<Ref>,
}

/// One gazetteer record, borrowed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Entry<'g> {
    /// The record's position in the gazetteer: a stable handle within one file.
    pub index: u32,
    pub kind: PlaceKind,
    pub country_code: &'g str,
    /// GeoNames admin1 code of a region or city ("TX", "41"); empty for countries.
    pub admin1: &'g str,
    pub geonames_id: Option<u32>,
    pub lat: f64,
    pub lon: f64,
    /// A city's population; for a country its national figure; for a region
    /// the sum over its cities in the data (an undercount, used only to weigh).
    pub population: u64,
    /// A national capital.
    pub capital: bool,
    pub name: &'g str,
}

impl<'g> Entry<'g> {
    /// The entry as the resolver reports it.
    pub fn place(&self) -> Place<'g> {
        Place {
            country_code: self.country_code,
            geonames_id: self.geonames_id,
            lat: self.lat,
            lon: self.lon,
            kind: self.kind,
            name: self.name,
        }
    }
}

/// A country with the facts only countries have.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Country<'g> {
    pub entry: Entry<'g>,
    pub iso3: &'g str,
    neighbours: &'g str,
}

impl<'g> Country<'g> {
    /// ISO2 codes of the countries it borders.
    pub fn neighbours(&self) -> impl Iterator<Item = &'g str> + 'g {
        self.neighbours.split(',').filter(|c| !c.is_empty())
    }
}

/// A place a name may refer to, and how the name refers to it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Candidate<'g> {
    pub entry: Entry<'g>,
    pub how: NameKind,
}

impl Gazetteer {
    /// The gazetteer compiled into the binary, parsed on first use (some
    /// 50 ms of CPU: call it at start-up to keep that off the first article).
    pub fn embedded() -> &'static Gazetteer {
        static EMBEDDED: OnceLock<Gazetteer> = OnceLock::new();
        EMBEDDED.get_or_init(|| {
            Gazetteer::from_bytes(EMBEDDED_BYTES)
                .expect("models/gazetteer.bin is built by `enricher build gazetteer` and tested")
        })
    }

    /// Parse a gazetteer file (gzipped text, see the module docs).
    pub fn from_bytes(bytes: &[u8]) -> Result<Gazetteer, GazetteerError> {
        let mut text = String::new();
        GzDecoder::new(bytes)
            .take(MAX_TEXT_BYTES + 1)
            .read_to_string(&mut text)?;
        if text.len() as u64 > MAX_TEXT_BYTES {
            return Err(GazetteerError::TooLarge);
        }
        let parts = Parser::new(&text).run()?;
        let mut key_index =
            FxHashMap::with_capacity_and_hasher(parts.keys.len(), Default::default());
        for (row, key) in parts.keys.iter().enumerate() {
            let bytes = &text.as_bytes()[key.key.start as usize..key.key.end as usize];
            // Two keys of one hash (odds of 2^-64 a pair) keep the first;
            // the other is still found by the binary search.
            key_index.entry(xxh3_64(bytes)).or_insert(row as u32);
        }
        Ok(Gazetteer {
            text,
            records: parts.records,
            countries: parts.countries,
            keys: parts.keys,
            key_index,
            refs: parts.refs,
        })
    }

    /// Number of records (countries, regions and cities).
    pub fn len(&self) -> usize {
        self.records.len()
    }

    /// Whether the gazetteer holds no record at all.
    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }

    fn str(&self, span: Span) -> &str {
        &self.text[span.start as usize..span.end as usize]
    }

    /// The record at `index` (from [`Entry::index`]).
    pub fn entry(&self, index: u32) -> Option<Entry<'_>> {
        let record = self.records.get(index as usize)?;
        let admin1 = match record.kind {
            PlaceKind::Country => "",
            _ => self.str(record.admin1),
        };
        Some(Entry {
            index,
            kind: record.kind,
            // Checked to be two ASCII capitals when parsed.
            country_code: std::str::from_utf8(&record.code).unwrap_or("??"),
            admin1,
            geonames_id: record.geonames_id,
            lat: record.lat,
            lon: record.lon,
            population: record.population,
            capital: record.capital,
            name: self.str(record.name),
        })
    }

    /// The country with ISO2 `code` (upper case, as ISO writes it).
    pub fn country(&self, code: &str) -> Option<Country<'_>> {
        let code: [u8; 2] = code.as_bytes().try_into().ok()?;
        let index = self.records[..self.countries]
            .binary_search_by(|r| r.code.cmp(&code))
            .ok()?;
        let record = &self.records[index];
        Some(Country {
            entry: self.entry(index as u32)?,
            iso3: self.str(record.admin1),
            neighbours: self.str(record.neighbours),
        })
    }

    /// Every country, in code order.
    pub fn countries(&self) -> impl Iterator<Item = Country<'_>> {
        self.records[..self.countries]
            .iter()
            .filter_map(|r| std::str::from_utf8(&r.code).ok())
            .filter_map(|code| self.country(code))
    }

    /// The places `name` may refer to, found by its [`super::key`], by the
    /// names that count in every language.
    pub fn lookup<'g>(&'g self, name: &str) -> impl Iterator<Item = Candidate<'g>> + use<'g> {
        self.lookup_key(&super::key(name))
    }

    /// The places a key already in [`super::key`] form may refer to, by the
    /// names that count in every language.
    pub fn lookup_key<'g>(&'g self, key: &str) -> impl Iterator<Item = Candidate<'g>> + use<'g> {
        self.lookup_key_in(key, None)
    }

    /// [`Gazetteer::lookup`] in an article of `language` (ISO 639-1): the
    /// names of every language and those of `language` ("Allemagne" in
    /// French). English or `None` sees exactly what [`Gazetteer::lookup`] does.
    pub fn lookup_in<'g>(
        &'g self,
        name: &str,
        language: Option<&str>,
    ) -> impl Iterator<Item = Candidate<'g>> + use<'g> {
        self.lookup_key_in(&super::key(name), language)
    }

    /// [`Gazetteer::lookup_key`] in an article of `language`.
    pub fn lookup_key_in<'g>(
        &'g self,
        key: &str,
        language: Option<&str>,
    ) -> impl Iterator<Item = Candidate<'g>> + use<'g> {
        let language = local_language(language);
        let row = match self.key_index.get(&xxh3_64(key.as_bytes())) {
            None => None,
            Some(&row) if self.str(self.keys[row as usize].key) == key => Some(row as usize),
            Some(_) => self
                .keys
                .binary_search_by(|row| self.str(row.key).cmp(key))
                .ok(),
        };
        let refs = match row {
            Some(i) => &self.refs[self.keys[i].refs_start as usize..self.keys[i].refs_end as usize],
            None => &[],
        };
        refs.iter()
            .filter(move |r| r.language.is_none() || r.language == language)
            .filter_map(|r| {
                Some(Candidate {
                    entry: self.entry(r.record)?,
                    how: r.how,
                })
            })
    }
}

/// What the parser extracts: everything but the text it points into.
struct Parts {
    records: Vec<Record>,
    countries: usize,
    keys: Vec<KeyRow>,
    refs: Vec<Ref>,
}

/// Reads the file line by line, checking as it goes what lookups rely on:
/// the order of records and keys and that every reference points at a record.
struct Parser<'t> {
    text: &'t str,
    expected: Option<(usize, usize)>,
    parts: Parts,
    previous_key: Option<&'t str>,
}

type LineResult = Result<(), &'static str>;

impl<'t> Parser<'t> {
    fn new(text: &'t str) -> Self {
        Parser {
            text,
            expected: None,
            parts: Parts {
                records: Vec::new(),
                countries: 0,
                keys: Vec::new(),
                refs: Vec::new(),
            },
            previous_key: None,
        }
    }

    fn run(mut self) -> Result<Parts, GazetteerError> {
        let text = self.text;
        let mut lines = text.split_inclusive('\n');
        if lines.next().map(|l| l.trim_end_matches('\n')) != Some(HEADER) {
            return Err(GazetteerError::Header);
        }
        let mut offset = HEADER.len() + 1;
        let mut number = 1;
        for line in lines {
            number += 1;
            let start = offset;
            offset += line.len();
            let line = line.strip_suffix('\n').unwrap_or(line);
            self.line(FieldCursor::new(line, start))
                .map_err(|reason| GazetteerError::Line {
                    line: number,
                    reason,
                })?;
        }
        if self.expected != Some((self.parts.records.len(), self.parts.keys.len())) {
            return Err(GazetteerError::Line {
                line: number,
                reason: "the counts line is missing or does not match the lines",
            });
        }
        Ok(self.parts)
    }

    fn line(&mut self, mut fields: FieldCursor<'t>) -> LineResult {
        if fields.line.is_empty() {
            return Ok(());
        }
        match fields.next_str()? {
            "counts" => {
                if self.expected.is_some() {
                    return Err("a second counts line");
                }
                let records = fields.next_str()?.parse().map_err(|_| "bad record count")?;
                let keys = fields.last_str()?.parse().map_err(|_| "bad key count")?;
                // Every record and key takes more than one byte of text.
                if records > self.text.len() || keys > self.text.len() {
                    return Err("counts larger than the file");
                }
                self.parts.records.reserve_exact(records);
                self.parts.keys.reserve_exact(keys);
                self.expected = Some((records, keys));
                Ok(())
            }
            "N" => self.record(PlaceKind::Country, &mut fields),
            "R" => self.record(PlaceKind::Region, &mut fields),
            "C" => self.record(PlaceKind::City, &mut fields),
            "K" => self.key(&mut fields),
            _ => Err("unknown line kind"),
        }
    }

    fn record(&mut self, kind: PlaceKind, fields: &mut FieldCursor<'t>) -> LineResult {
        let records = &mut self.parts.records;
        if !self.parts.keys.is_empty() {
            return Err("record after the keys");
        }
        if records.last().is_some_and(|last| last.kind > kind) {
            return Err("records out of kind order");
        }
        let code: [u8; 2] = fields
            .next_str()?
            .as_bytes()
            .try_into()
            .map_err(|_| "country code is not two letters")?;
        if !code.iter().all(u8::is_ascii_uppercase) {
            return Err("country code is not two capitals");
        }
        let admin1 = fields.next_span()?;
        let geonames_id = match fields.next_str()? {
            "-" => None,
            id => Some(id.parse().map_err(|_| "bad geonameid")?),
        };
        let lat: f64 = fields.next_str()?.parse().map_err(|_| "bad latitude")?;
        let lon: f64 = fields.next_str()?.parse().map_err(|_| "bad longitude")?;
        if !(-90.0..=90.0).contains(&lat) || !(-180.0..=180.0).contains(&lon) {
            return Err("coordinates out of range");
        }
        let population = fields.next_str()?.parse().map_err(|_| "bad population")?;
        let extra = fields.next_span()?;
        let name = fields.last_span()?;
        let (neighbours, capital) = match kind {
            PlaceKind::Country => {
                if records.last().is_some_and(|p| p.code >= code) {
                    return Err("countries not sorted by code");
                }
                self.parts.countries += 1;
                (extra, false)
            }
            PlaceKind::Region => (Span::default(), false),
            PlaceKind::City => (Span::default(), fields.slice(extra) == "1"),
        };
        records.push(Record {
            kind,
            code,
            admin1,
            name,
            neighbours,
            geonames_id,
            lat,
            lon,
            population,
            capital,
        });
        Ok(())
    }

    fn key(&mut self, fields: &mut FieldCursor<'t>) -> LineResult {
        let key = fields.next_span()?;
        let key_text = fields.slice(key);
        if self
            .previous_key
            .is_some_and(|previous| previous >= key_text)
        {
            return Err("keys not sorted");
        }
        self.previous_key = Some(key_text);
        let refs = &mut self.parts.refs;
        let refs_start = refs.len() as u32;
        for item in fields.last_str()?.split(',') {
            let (item, language) = match item.split_once('@') {
                None => (item, None),
                Some((item, code)) => {
                    let code: Language = code
                        .as_bytes()
                        .try_into()
                        .map_err(|_| "language is not two letters")?;
                    if !code.iter().all(u8::is_ascii_lowercase) {
                        return Err("language is not two lower-case letters");
                    }
                    (item, Some(code))
                }
            };
            let (digits, how) = match item.as_bytes().last() {
                Some(b'a') => (&item[..item.len() - 1], NameKind::Alternate),
                Some(b'q') => (&item[..item.len() - 1], NameKind::Qualifier),
                _ => (item, NameKind::Name),
            };
            let record: u32 = digits.parse().map_err(|_| "bad reference")?;
            if record as usize >= self.parts.records.len() {
                return Err("reference to a missing record");
            }
            refs.push(Ref {
                record,
                how,
                language,
            });
        }
        self.parts.keys.push(KeyRow {
            key,
            refs_start,
            refs_end: refs.len() as u32,
        });
        Ok(())
    }
}

/// The tab-separated fields of one line, as spans of the whole text.
struct FieldCursor<'t> {
    line: &'t str,
    /// Offset of the line in the whole text.
    start: usize,
    /// Offset within the line of the next field.
    pos: usize,
}

impl<'t> FieldCursor<'t> {
    fn new(line: &'t str, start: usize) -> Self {
        FieldCursor {
            line,
            start,
            pos: 0,
        }
    }

    fn span(&self, from: usize, to: usize) -> Span {
        Span {
            start: (self.start + from) as u32,
            end: (self.start + to) as u32,
        }
    }

    /// The text of a span of this line.
    fn slice(&self, span: Span) -> &'t str {
        &self.line[span.start as usize - self.start..span.end as usize - self.start]
    }

    /// The next field, which must be followed by another.
    fn next_span(&mut self) -> Result<Span, &'static str> {
        let rest = self.line.get(self.pos..).ok_or("missing field")?;
        let len = rest.find('\t').ok_or("missing field")?;
        let span = self.span(self.pos, self.pos + len);
        self.pos += len + 1;
        Ok(span)
    }

    fn next_str(&mut self) -> Result<&'t str, &'static str> {
        let span = self.next_span()?;
        Ok(self.slice(span))
    }

    /// The rest of the line: the last field.
    fn last_span(&mut self) -> Result<Span, &'static str> {
        if self.pos > self.line.len() {
            return Err("missing field");
        }
        let span = self.span(self.pos, self.line.len());
        self.pos = self.line.len() + 1;
        Ok(span)
    }

    fn last_str(&mut self) -> Result<&'t str, &'static str> {
        let span = self.last_span()?;
        Ok(self.slice(span))
    }
}

#[cfg(test)]
mod tests {
    use std::io::Write as _;

    use super::*;

    fn gzip(text: &str) -> Vec<u8> {
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        encoder.write_all(text.as_bytes()).expect("in memory");
        encoder.finish().expect("in memory")
    }

    const SMALL: &str = "enricher-gazetteer 2\n\
        counts\t3\t3\n\
        N\tFR\tFRA\t3017382\t46.5\t2.5\t66987244\tBE,DE\tFrance\n\
        R\tFR\t11\t-\t48.8\t2.4\t9000000\t-\tÎle-de-France\n\
        C\tFR\t11\t2988507\t48.85341\t2.3488\t2138551\t1\tParis\n\
        K\tfrance\t0\n\
        K\tile de france\t1,2a\n\
        K\tparis\t2\n";

    #[test]
    fn a_small_file_reads_back() {
        let gazetteer = Gazetteer::from_bytes(&gzip(SMALL)).expect("valid");
        assert_eq!(gazetteer.len(), 3);
        let france = gazetteer.country("FR").expect("France");
        assert_eq!((france.entry.name, france.iso3), ("France", "FRA"));
        assert_eq!(france.neighbours().collect::<Vec<_>>(), ["BE", "DE"]);
        let paris = gazetteer.lookup("PARIS").next().expect("Paris");
        assert_eq!(paris.entry.geonames_id, Some(2988507));
        assert!(paris.entry.capital);
        let both: Vec<_> = gazetteer.lookup("Ile-de-France").map(|c| c.how).collect();
        assert_eq!(both, [NameKind::Name, NameKind::Alternate]);
        assert!(gazetteer.lookup("Lyon").next().is_none());
        assert!(gazetteer.country("DE").is_none());
        assert!(gazetteer.country("FRANCE").is_none());
    }

    #[test]
    fn a_name_of_one_language_is_found_only_in_that_language() {
        let text = "enricher-gazetteer 2\n\
            counts\t2\t3\n\
            N\tDE\tDEU\t2921044\t51.0\t10.0\t83000000\tFR\tGermany\n\
            N\tFR\tFRA\t3017382\t46.5\t2.5\t66987244\tDE\tFrance\n\
            K\tallemagne\t0@fr\n\
            K\tfrance\t1\n\
            K\tgermany\t0\n";
        let gazetteer = Gazetteer::from_bytes(&gzip(text)).expect("valid");
        let codes = |name: &str, language: Option<&str>| -> Vec<&str> {
            gazetteer
                .lookup_in(name, language)
                .map(|c| c.entry.country_code)
                .collect()
        };
        assert_eq!(codes("Allemagne", Some("fr")), ["DE"]);
        assert!(codes("Allemagne", Some("de")).is_empty());
        assert!(codes("Allemagne", Some("en")).is_empty());
        assert!(codes("Allemagne", None).is_empty());
        assert!(gazetteer.lookup("Allemagne").next().is_none());
        assert_eq!(codes("France", Some("fr")), ["FR"]);
        assert_eq!(codes("France", None), ["FR"]);
        assert!(
            codes("Allemagne", Some("FR")).is_empty(),
            "codes are lower case"
        );
    }

    #[test]
    fn corrupt_files_are_errors_not_panics() {
        let good = gzip(SMALL);
        let mut broken: Vec<(String, Vec<u8>)> = vec![
            ("empty".into(), Vec::new()),
            ("not gzip".into(), b"hello world".to_vec()),
            ("truncated".into(), good[..good.len() / 2].to_vec()),
            ("flipped".into(), {
                let mut b = good.clone();
                let middle = b.len() / 2;
                b[middle] ^= 0xff;
                b
            }),
        ];
        let edits: &[(&str, &str, &str)] = &[
            ("header", "enricher-gazetteer 2", "enricher-gazetteer 9"),
            ("language", "K\tparis\t2", "K\tparis\t2@FR"),
            ("language length", "K\tparis\t2", "K\tparis\t2@fra"),
            ("counts", "counts\t3\t3", "counts\t4\t3"),
            ("ref", "K\tparis\t2", "K\tparis\t7"),
            ("order", "K\tparis\t2", "K\taaa\t2"),
            ("latitude", "48.85341", "148.85341"),
            ("code", "C\tFR", "C\tfr"),
            ("fields", "\t1\tParis", "Paris"),
            ("kind", "\nR\tFR", "\nX\tFR"),
            ("number", "2138551", "lots"),
        ];
        for (what, from, to) in edits {
            assert!(SMALL.contains(from), "{what}");
            broken.push((what.to_string(), gzip(&SMALL.replacen(from, to, 1))));
        }
        for (what, bytes) in broken {
            assert!(
                Gazetteer::from_bytes(&bytes).is_err(),
                "{what} was accepted"
            );
        }
    }

    #[test]
    fn the_embedded_gazetteer_has_the_world() {
        let gazetteer = Gazetteer::embedded();
        assert!(gazetteer.countries().count() >= 245);
        let russia = gazetteer.country("RU").expect("Russia");
        assert_eq!(russia.iso3, "RUS");
        assert!(russia.neighbours().any(|n| n == "UA"));
        let kinds = |kind| {
            (0..gazetteer.len() as u32)
                .filter_map(|i| gazetteer.entry(i))
                .filter(|e| e.kind == kind)
                .count()
        };
        assert!(kinds(PlaceKind::Region) >= 400);
        assert!(kinds(PlaceKind::City) >= 30_000);
    }

    #[test]
    fn lookups_ignore_case_diacritics_and_saint_abbreviations() {
        let gazetteer = Gazetteer::embedded();
        let ids = |name: &str| -> Vec<Option<u32>> {
            gazetteer
                .lookup(name)
                .map(|c| c.entry.geonames_id)
                .collect()
        };
        assert_eq!(ids("Zürich"), ids("ZURICH"));
        assert_eq!(ids("St. Petersburg"), ids("Saint Petersburg"));
        assert_eq!(ids("St Petersburg"), ids("saint-petersburg"));
        assert!(!ids("Sankt-Peterburg").is_empty());
    }
}
