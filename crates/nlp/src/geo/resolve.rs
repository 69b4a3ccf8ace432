//! The resolver: which country, region or city each place name of an article means, judged by size and by the other places and nationalities the article names.
//!
//! A name's candidates are narrowed first: a place's own name outranks
//! another place's GeoNames alternate, and a country found by its name hides
//! the cities of that name ("Lebanon"; "Lebanon, Tenn." still finds the
//! town). Each remaining candidate gets a prior in orders of magnitude of
//! population (a capital a little more, a country a little more, a region a
//! little less, and less again beside a city of its name), and bonuses when
//! the rest of the article points at its country (a country, a demonym, a
//! region or city resolved with a clear lead) or at its region, or a smaller
//! one when it points at a neighbouring country. The bonuses are sized so that
//! a region named in the story outweighs a hundredfold population ("Paris"
//! beside "Texas" is Paris, Texas) while a country named alone does not
//! ("Paris" beside "United States" is still Paris, France), and so that a
//! country mentioned alongside tips two places of similar size ("Georgia"
//! beside "United States" is the state). A name's own resolution never
//! counts as evidence for itself.
//!
//! In an article of another language ([`resolve_in`]) the names of that
//! language count too ("Allemagne"), and a Russian, Polish or German name
//! that finds nothing is looked up by its base forms ("Курске" is Курск,
//! [`super::inflect`]); English ([`resolve`]) is as it always was.

use super::demonyms::demonym_country;
use super::gazetteer::{Candidate, Entry, Gazetteer, NameKind};
use super::inflect::base_forms;
use super::key::key;
use super::{Place, PlaceKind};

/// A country's prior over its population's: "Luxembourg" the country, not a
/// city of that name abroad.
const COUNTRY_PRIOR: f64 = 0.5;
/// A region is named less often than a city as big as the region's cities
/// together.
const REGION_DISCOUNT: f64 = 0.25;
/// And less often still than a city of its own country that bears its name:
/// "New York" is the city, "Washington" the capital, but "Quebec", whose
/// cities far outweigh Quebec City, is the province.
const REGION_NAMED_LIKE_A_CITY: f64 = 0.75;
/// A capital is in the news more than its size says.
const CAPITAL_PRIOR: f64 = 0.5;
/// The article names something else in the candidate's country.
const COUNTRY_BONUS: f64 = 1.75;
/// The article names the candidate's region, or a place in it.
const REGION_BONUS: f64 = 1.5;
/// The article names a country next to the candidate's.
const NEIGHBOUR_BONUS: f64 = 0.3;
/// How far a name's best reading must lead every reading in another
/// country (or region) to count in full as evidence for the others.
const CONFIDENT_MARGIN: f64 = 1.0;
/// Populations below this all weigh the same: the data starts at 15,000,
/// regions and territories can be tiny.
const MIN_POPULATION: f64 = 1_000.0;

/// A name the tagger found and how many times the article mentions it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Named<'a> {
    pub name: &'a str,
    pub mentions: usize,
}

/// The place names of one article: its LOCATION entities, its MISC entities
/// (some of which are demonyms), and the dateline's place if it has one.
#[derive(Debug, Clone, Copy, Default)]
pub struct PlaceNames<'a> {
    pub locations: &'a [Named<'a>],
    pub misc: &'a [Named<'a>],
    pub dateline: Option<&'a str>,
}

/// One optional place per input, in input order. A demonym resolves to its
/// country's place (callers put only its `country_code` on a MISC entity).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Resolution<'g> {
    pub locations: Vec<Option<Place<'g>>>,
    pub misc: Vec<Option<Place<'g>>>,
    pub dateline: Option<Place<'g>>,
}

/// The ISO2 code of a pure country name or alias ("DPRK", "North Korea",
/// "the U.S."), from the embedded gazetteer; `None` for anything else,
/// cities and regions included. Grouping uses it to join the names of one
/// country.
pub fn country_code_of(name: &str) -> Option<&'static str> {
    Gazetteer::embedded().country_code_of(name)
}

impl Gazetteer {
    /// The ISO2 code of a pure country name or alias, or `None`.
    pub fn country_code_of(&self, name: &str) -> Option<&str> {
        self.country_code_in(name, None)
    }

    /// [`Gazetteer::country_code_of`] in an article of `language`: its
    /// names count too ("Deutschland" in German), and a name that is no
    /// place at all may be an inflected country name ("Германии", "Niemiec").
    pub fn country_code_in(&self, name: &str, language: Option<&str>) -> Option<&str> {
        let is_country =
            |c: &Candidate<'_>| c.entry.kind == PlaceKind::Country && c.how == NameKind::Name;
        let mut own = self.lookup_key_in(&key(name), language).peekable();
        let known = own.peek().is_some();
        if let Some(country) = own.find(is_country) {
            return Some(country.entry.country_code);
        }
        if known {
            return None;
        }
        base_forms(name, language).iter().find_map(|base| {
            self.lookup_key_in(&key(base), language)
                .find(is_country)
                .map(|c| c.entry.country_code)
        })
    }
}

/// Resolve every place name of an English article (or one of unknown
/// language); see the module docs for the rules.
pub fn resolve<'g>(gazetteer: &'g Gazetteer, article: &PlaceNames<'_>) -> Resolution<'g> {
    resolve_in(gazetteer, article, None)
}

/// Resolve every place name of an article in `language` (ISO 639-1; `None`
/// or "en" is [`resolve`]).
pub fn resolve_in<'g>(
    gazetteer: &'g Gazetteer,
    article: &PlaceNames<'_>,
    language: Option<&str>,
) -> Resolution<'g> {
    let dateline = article.dateline.map(|name| Named { name, mentions: 2 });
    let queries: Vec<Query<'g>> = article
        .locations
        .iter()
        .chain(dateline.as_ref())
        .map(|named| Query::new(gazetteer, named, language))
        .collect();
    let demonyms: Vec<Option<&'static str>> = article
        .misc
        .iter()
        .map(|named| demonym_country(named.name))
        .collect();

    let mut evidence = Evidence::default();
    for (code, named) in demonyms.iter().zip(article.misc) {
        if let Some(code) = code {
            add_weight(&mut evidence.countries, *code, weight(named.mentions));
        }
    }
    let claims: Vec<Option<Claim<'g>>> = queries.iter().map(Query::claim).collect();
    for claim in claims.iter().flatten() {
        add_weight(&mut evidence.countries, claim.country, claim.country_weight);
        if claim.region_weight > 0.0 {
            let region = (claim.country, claim.admin1);
            add_weight(&mut evidence.regions, region, claim.region_weight);
        }
    }

    let mut places = queries
        .iter()
        .zip(&claims)
        .map(|(query, claim)| query.best(gazetteer, &evidence, claim.as_ref()));
    let locations = places.by_ref().take(article.locations.len()).collect();
    let dateline = places.next().flatten();
    let misc = demonyms
        .iter()
        .map(|code| {
            code.and_then(|c| gazetteer.country(c))
                .map(|c| c.entry.place())
        })
        .collect();
    Resolution {
        locations,
        misc,
        dateline,
    }
}

/// More mentions count for more, but slowly: a story's main place is named
/// often without being any likelier to be in the same country as the rest.
fn weight(mentions: usize) -> f64 {
    1.0 + (mentions.max(1) as f64).ln()
}

/// A candidate with its prior score.
#[derive(Debug, Clone, Copy)]
struct Scored<'g> {
    entry: Entry<'g>,
    how: NameKind,
    prior: f64,
}

/// One name's candidates.
#[derive(Debug)]
struct Query<'g> {
    candidates: Vec<Scored<'g>>,
    weight: f64,
    /// Qualified by its region or country ("Portland, Ore."): certain enough
    /// to count as evidence whatever its margin.
    qualified: bool,
}

/// What a name's best reading says about where the article is, weighted
/// by how sure that reading is.
#[derive(Debug, Clone, Copy)]
struct Claim<'g> {
    country: &'g str,
    /// The reading's admin1 code; empty for a country.
    admin1: &'g str,
    country_weight: f64,
    region_weight: f64,
}

impl<'g> Query<'g> {
    fn new(gazetteer: &'g Gazetteer, named: &Named<'_>, language: Option<&str>) -> Query<'g> {
        let mut query = Query {
            candidates: Vec::new(),
            weight: weight(named.mentions),
            qualified: false,
        };
        let full = key(named.name);
        if full.is_empty() {
            return query;
        }
        query.candidates = scored(gazetteer.lookup_key_in(&full, language));
        if query.candidates.is_empty()
            && let Some((head, qualifier)) = split_qualifier(named.name)
        {
            (query.candidates, query.qualified) = qualified(gazetteer, head, qualifier, language);
        }
        if query.candidates.is_empty() {
            query.candidates = scored(inflected(gazetteer, named.name, language).into_iter());
        }
        own_names_first(&mut query.candidates);
        countries_first(&mut query.candidates);
        cities_before_regions(&mut query.candidates);
        query
    }

    /// The best reading by prior alone, as evidence for the other names:
    /// as sure as it leads the readings in other countries (and, for its
    /// region, in other regions), full at [`CONFIDENT_MARGIN`].
    fn claim(&self) -> Option<Claim<'g>> {
        let best = self
            .candidates
            .iter()
            .max_by(|a, b| a.prior.total_cmp(&b.prior))?;
        let sureness = |same: &dyn Fn(&Entry<'g>) -> bool| {
            if self.qualified {
                return 1.0;
            }
            let lead = self
                .candidates
                .iter()
                .filter(|c| !same(&c.entry))
                .map(|c| best.prior - c.prior)
                .fold(f64::INFINITY, f64::min);
            (lead / CONFIDENT_MARGIN).clamp(0.0, 1.0)
        };
        let country = best.entry.country_code;
        let admin1 = best.entry.admin1;
        let region = match best.entry.kind {
            PlaceKind::Country => 0.0,
            _ => sureness(&|e| e.country_code == country && e.admin1 == admin1),
        };
        Some(Claim {
            country,
            admin1,
            country_weight: self.weight * sureness(&|e| e.country_code == country),
            region_weight: self.weight * region,
        })
    }

    /// The best reading with the rest of the article's evidence, leaving out
    /// what this name itself claimed.
    fn best(
        &self,
        gazetteer: &'g Gazetteer,
        evidence: &Evidence<'g>,
        own: Option<&Claim<'g>>,
    ) -> Option<Place<'g>> {
        self.candidates
            .iter()
            .map(|c| (c, c.prior + evidence.bonus(gazetteer, &c.entry, own)))
            .max_by(|(a, sa), (b, sb)| {
                sa.total_cmp(sb)
                    // Equal scores: the lower record, for the same answer every run.
                    .then(b.entry.index.cmp(&a.entry.index))
            })
            .map(|(c, _)| c.entry.place())
    }
}

fn scored<'g>(candidates: impl Iterator<Item = Candidate<'g>>) -> Vec<Scored<'g>> {
    candidates
        .filter(|c| c.how != NameKind::Qualifier)
        .map(|c| Scored {
            entry: c.entry,
            how: c.how,
            prior: prior(&c),
        })
        .collect()
}

fn prior(candidate: &Candidate<'_>) -> f64 {
    let entry = &candidate.entry;
    let size = (entry.population as f64).max(MIN_POPULATION).log10();
    size + match entry.kind {
        PlaceKind::Country => COUNTRY_PRIOR,
        PlaceKind::Region => -REGION_DISCOUNT,
        // The capital's fame goes with its name, not with every alternate.
        PlaceKind::City if entry.capital && candidate.how == NameKind::Name => CAPITAL_PRIOR,
        PlaceKind::City => 0.0,
    }
}

/// A place's own name outranks another place's alternate: GeoNames'
/// alternates hold old and foreign names that others bear as their own
/// ("Salisbury" for Harare, "Bethlehem" for Belém). Alternates count only
/// when no place has the name as its own.
fn own_names_first(candidates: &mut Vec<Scored<'_>>) {
    if candidates.iter().any(|c| c.how == NameKind::Name) {
        candidates.retain(|c| c.how == NameKind::Name);
    }
}

/// A country found by its name hides the cities of that name, its own and
/// other countries': "Mexico" and "Lebanon" are the countries ("Lebanon,
/// Tenn." still finds the town). A region of that name stays in the
/// running, as the US state does beside Georgia the country.
fn countries_first(candidates: &mut Vec<Scored<'_>>) {
    if candidates
        .iter()
        .any(|c| c.entry.kind == PlaceKind::Country)
    {
        candidates.retain(|c| c.entry.kind != PlaceKind::City);
    }
}

/// Lower a region's prior where a city of its country has its name.
fn cities_before_regions(candidates: &mut [Scored<'_>]) {
    let city_countries: Vec<&str> = candidates
        .iter()
        .filter(|c| c.entry.kind == PlaceKind::City)
        .map(|c| c.entry.country_code)
        .collect();
    for candidate in candidates.iter_mut() {
        if candidate.entry.kind == PlaceKind::Region
            && city_countries.contains(&candidate.entry.country_code)
        {
            candidate.prior -= REGION_NAMED_LIKE_A_CITY;
        }
    }
}

/// "Portland, Ore." -> ("Portland", "Ore."); "Paris (Texas)" -> ("Paris", "Texas").
fn split_qualifier(name: &str) -> Option<(&str, &str)> {
    if let Some(open) = name.find('(')
        && let Some(inner) = name[open + 1..].trim_end().strip_suffix(')')
    {
        return Some((&name[..open], inner));
    }
    let (head, qualifier) = name.rsplit_once(',')?;
    Some((head, qualifier))
}

/// The readings of `head` that lie in a reading of `qualifier` (a country,
/// or a region or city whose admin1 they share); if none does, the
/// qualifier's own best region or country reading ("Smallville, Kan." is at
/// least in Kansas); with whether the qualifier was a place at all. If it
/// was not ("Kyiv, Monday"), the head's readings as if it stood alone.
fn qualified<'g>(
    gazetteer: &'g Gazetteer,
    head: &str,
    qualifier: &str,
    language: Option<&str>,
) -> (Vec<Scored<'g>>, bool) {
    let qualifiers: Vec<Scored<'g>> = gazetteer
        .lookup_in(qualifier, language)
        .map(|c| Scored {
            entry: c.entry,
            how: c.how,
            prior: prior(&c),
        })
        .collect();
    let heads = scored(gazetteer.lookup_in(head, language));
    if qualifiers.is_empty() {
        return (heads, false);
    }
    let within = |place: &Entry<'_>, area: &Entry<'_>| {
        place.country_code == area.country_code
            && (area.kind == PlaceKind::Country || place.admin1 == area.admin1)
    };
    let heads: Vec<Scored<'g>> = heads
        .into_iter()
        .filter(|h| qualifiers.iter().any(|q| within(&h.entry, &q.entry)))
        .collect();
    if !heads.is_empty() {
        return (heads, true);
    }
    let area = qualifiers
        .into_iter()
        .filter(|q| q.entry.kind != PlaceKind::City)
        .max_by(|a, b| a.prior.total_cmp(&b.prior));
    (area.into_iter().collect(), true)
}

/// The readings of every base form of an inflected `name` that the
/// gazetteer knows ([`super::inflect`]), each place once by the strongest
/// way a base form names it; the usual narrowing then applies, so
/// "Курске" is Kursk however many of its guessed base forms are names.
fn inflected<'g>(
    gazetteer: &'g Gazetteer,
    name: &str,
    language: Option<&str>,
) -> Vec<Candidate<'g>> {
    let mut found: Vec<Candidate<'g>> = Vec::new();
    for base in base_forms(name, language) {
        for candidate in gazetteer.lookup_in(&base, language) {
            match found
                .iter_mut()
                .find(|c| c.entry.index == candidate.entry.index)
            {
                Some(seen) => seen.how = seen.how.min(candidate.how),
                None => found.push(candidate),
            }
        }
    }
    found
}

/// The countries and regions the article points at, with the weight of the
/// names that point there.
#[derive(Debug, Default)]
struct Evidence<'g> {
    countries: Vec<(&'g str, f64)>,
    regions: Vec<((&'g str, &'g str), f64)>,
}

impl Evidence<'_> {
    /// How strongly the other names point at country `code`, in names (the
    /// name being scored, `own`, left out).
    fn country(&self, code: &str, own: Option<&Claim<'_>>) -> f64 {
        let total = find_weight(&self.countries, &code);
        let mine = own
            .filter(|c| c.country == code)
            .map_or(0.0, |c| c.country_weight);
        (total - mine).max(0.0)
    }

    fn region(&self, code: &str, admin1: &str, own: Option<&Claim<'_>>) -> f64 {
        let total = find_weight(&self.regions, &(code, admin1));
        let mine = own
            .filter(|c| c.country == code && c.admin1 == admin1)
            .map_or(0.0, |c| c.region_weight);
        (total - mine).max(0.0)
    }

    /// What the rest of the article adds to `entry`'s prior: each bonus in
    /// full once one sure name supports it, in part for a less sure one.
    fn bonus(&self, gazetteer: &Gazetteer, entry: &Entry<'_>, own: Option<&Claim<'_>>) -> f64 {
        let code = entry.country_code;
        let country = self.country(code, own).min(1.0);
        let neighbour = match gazetteer.country(code) {
            Some(c) if country < 1.0 => c
                .neighbours()
                .map(|n| self.country(n, own))
                .fold(0.0, f64::max)
                .min(1.0),
            _ => 0.0,
        };
        let region = match entry.kind {
            PlaceKind::Country => 0.0,
            _ => self.region(code, entry.admin1, own).min(1.0),
        };
        COUNTRY_BONUS * country + NEIGHBOUR_BONUS * neighbour + REGION_BONUS * region
    }
}

fn add_weight<K: PartialEq + Copy>(weights: &mut Vec<(K, f64)>, key: K, weight: f64) {
    match weights.iter_mut().find(|(k, _)| *k == key) {
        Some((_, w)) => *w += weight,
        None => weights.push((key, weight)),
    }
}

fn find_weight<K: PartialEq>(weights: &[(K, f64)], key: &K) -> f64 {
    weights
        .iter()
        .find(|(k, _)| k == key)
        .map_or(0.0, |(_, w)| *w)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn g() -> &'static Gazetteer {
        Gazetteer::embedded()
    }

    /// Resolve LOCATION names (one mention each) and MISC names together.
    fn run(locations: &[&str], misc: &[&str]) -> Resolution<'static> {
        let locations: Vec<Named> = locations
            .iter()
            .map(|name| Named { name, mentions: 1 })
            .collect();
        let misc: Vec<Named> = misc
            .iter()
            .map(|name| Named { name, mentions: 1 })
            .collect();
        resolve(
            g(),
            &PlaceNames {
                locations: &locations,
                misc: &misc,
                dateline: None,
            },
        )
    }

    /// The place the first of `names` resolves to beside the others.
    fn first(names: &[&str]) -> Option<Place<'static>> {
        run(names, &[]).locations[0]
    }

    /// Assert that `name`, alone, is a place of `kind` in country `code`.
    fn assert_alone_is(name: &str, code: &str, kind: PlaceKind) -> Place<'static> {
        let place = first(&[name]).unwrap_or_else(|| panic!("{name} unresolved"));
        assert_eq!((place.country_code, place.kind), (code, kind), "{name}");
        place
    }

    fn in_country(names: &[&str]) -> Option<&'static str> {
        first(names).map(|p| p.country_code)
    }

    /// (country, kind, admin1) of the first name, to tell a state from a city.
    fn where_is(names: &[&str]) -> Option<(&'static str, PlaceKind, String)> {
        let place = first(names)?;
        let entry = g()
            .lookup(place.name)
            .map(|c| c.entry)
            .find(|e| e.lat == place.lat && e.lon == place.lon)?;
        Some((place.country_code, place.kind, entry.admin1.to_owned()))
    }

    #[test]
    fn kursk_is_the_russian_city() {
        let kursk = assert_alone_is("Kursk", "RU", PlaceKind::City);
        assert!((kursk.lat - 51.7).abs() < 0.2 && (kursk.lon - 36.2).abs() < 0.2);
        assert!(kursk.geonames_id.is_some());
    }

    #[test]
    fn kursk_oblast_and_kursk_region_are_the_region_without_an_id() {
        for name in ["Kursk Oblast", "Kursk region", "the Kursk region"] {
            let region = assert_alone_is(name, "RU", PlaceKind::Region);
            assert_eq!(region.geonames_id, None);
            assert!((region.lat - 51.7).abs() < 1.0, "{name}: {}", region.lat);
        }
    }

    #[test]
    fn paris_alone_is_paris_france() {
        assert_alone_is("Paris", "FR", PlaceKind::City);
    }

    #[test]
    fn paris_beside_texas_is_paris_texas() {
        assert_eq!(
            where_is(&["Paris", "Texas"]),
            Some(("US", PlaceKind::City, "TX".into()))
        );
    }

    #[test]
    fn paris_beside_a_city_in_texas_is_paris_texas() {
        assert_eq!(in_country(&["Paris", "Dallas"]), Some("US"));
    }

    #[test]
    fn paris_beside_only_the_united_states_stays_in_france() {
        assert_eq!(in_country(&["Paris", "United States"]), Some("FR"));
    }

    #[test]
    fn georgia_alone_is_the_country() {
        assert_alone_is("Georgia", "GE", PlaceKind::Country);
    }

    #[test]
    fn georgia_beside_atlanta_is_the_us_state() {
        assert_eq!(
            where_is(&["Georgia", "Atlanta"]),
            Some(("US", PlaceKind::Region, "GA".into()))
        );
    }

    #[test]
    fn georgia_beside_the_united_states_is_the_us_state() {
        assert_eq!(in_country(&["Georgia", "U.S."]), Some("US"));
    }

    #[test]
    fn georgia_beside_tbilisi_or_russia_is_the_country() {
        assert_eq!(in_country(&["Georgia", "Tbilisi"]), Some("GE"));
        assert_eq!(in_country(&["Georgia", "Russia"]), Some("GE"));
    }

    #[test]
    fn portland_ore_is_portland_oregon_and_portland_maine_is_in_maine() {
        assert_eq!(
            where_is(&["Portland, Ore."]),
            Some(("US", PlaceKind::City, "OR".into()))
        );
        assert_eq!(
            where_is(&["Portland, Maine"]),
            Some(("US", PlaceKind::City, "ME".into()))
        );
        assert_eq!(
            where_is(&["Portland, ME"]),
            Some(("US", PlaceKind::City, "ME".into()))
        );
        assert_eq!(
            where_is(&["Portland"]),
            Some(("US", PlaceKind::City, "OR".into()))
        );
    }

    #[test]
    fn a_qualifier_picks_the_country_too() {
        assert_eq!(in_country(&["Paris, Texas"]), Some("US"));
        assert_eq!(in_country(&["Paris, France"]), Some("FR"));
        assert_eq!(in_country(&["London, Ontario"]), Some("CA"));
        assert_eq!(in_country(&["St. Petersburg, Fla."]), Some("US"));
    }

    #[test]
    fn an_unknown_place_qualified_by_a_state_is_the_state() {
        let place = first(&["Smallvillezzz, Kan."]).expect("Kansas");
        assert_eq!(
            (place.country_code, place.kind, place.name),
            ("US", PlaceKind::Region, "Kansas")
        );
    }

    #[test]
    fn a_qualifier_that_is_no_place_is_ignored() {
        assert_eq!(in_country(&["Kyiv, Monday"]), Some("UA"));
    }

    #[test]
    fn london_beside_ontario_is_london_canada() {
        assert_eq!(in_country(&["London"]), Some("GB"));
        assert_eq!(in_country(&["London", "Ontario"]), Some("CA"));
    }

    #[test]
    fn country_aliases_name_their_country() {
        let cases = [
            ("U.S.", "US"),
            ("US", "US"),
            ("USA", "US"),
            ("United States of America", "US"),
            ("America", "US"),
            ("UK", "GB"),
            ("Britain", "GB"),
            ("Great Britain", "GB"),
            ("DPRK", "KP"),
            ("North Korea", "KP"),
            ("Democratic People's Republic of Korea", "KP"),
            ("Republic of Korea", "KR"),
            ("South Korea", "KR"),
            ("ROK", "KR"),
            ("Russian Federation", "RU"),
            ("Czechia", "CZ"),
            ("Czech Republic", "CZ"),
            ("Ivory Coast", "CI"),
            ("Côte d'Ivoire", "CI"),
            ("Holland", "NL"),
            ("the Netherlands", "NL"),
            ("Burma", "MM"),
            ("Türkiye", "TR"),
            ("UAE", "AE"),
            ("DRC", "CD"),
        ];
        for (name, code) in cases {
            let place = assert_alone_is(name, code, PlaceKind::Country);
            assert!(place.geonames_id.is_some(), "{name}");
        }
    }

    #[test]
    fn a_country_beats_its_own_city_of_the_same_name() {
        for (name, code) in [
            ("Mexico", "MX"),
            ("Singapore", "SG"),
            ("Kuwait", "KW"),
            ("Luxembourg", "LU"),
        ] {
            assert_alone_is(name, code, PlaceKind::Country);
        }
    }

    #[test]
    fn a_country_name_hides_towns_of_that_name_unless_qualified() {
        assert_alone_is("Lebanon", "LB", PlaceKind::Country);
        assert_eq!(in_country(&["Lebanon", "Memphis", "Tennessee"]), Some("LB"));
        assert_eq!(
            where_is(&["Lebanon, Tenn."]),
            Some(("US", PlaceKind::City, "TN".into()))
        );
    }

    #[test]
    fn a_place_own_name_beats_another_place_alternate() {
        // Harare was Salisbury; Delhi's alternates include New Delhi.
        assert_alone_is("Salisbury", "GB", PlaceKind::City);
        let new_delhi = assert_alone_is("New Delhi", "IN", PlaceKind::City);
        assert_eq!(new_delhi.name, "New Delhi");
        // Only an alternate: Köln is found as Cologne.
        assert_eq!(first(&["Cologne"]).map(|p| p.name), Some("Köln"));
    }

    #[test]
    fn a_region_beats_a_smaller_foreign_city_of_its_name() {
        assert_alone_is("Bali", "ID", PlaceKind::Region);
        assert_alone_is("Quebec", "CA", PlaceKind::Region);
    }

    #[test]
    fn old_and_english_city_names_find_the_city() {
        for (name, expected) in [
            ("Kiev", "Kyiv"),
            ("Bombay", "Mumbai"),
            ("Peking", "Beijing"),
            ("Odessa", "Odesa"),
        ] {
            let place = first(&[name]).expect(name);
            assert_eq!(
                (place.name, place.kind),
                (expected, PlaceKind::City),
                "{name}"
            );
        }
    }

    #[test]
    fn saint_and_st_find_the_same_city() {
        let a = first(&["St. Petersburg"]).expect("St. Petersburg");
        let b = first(&["Saint Petersburg"]).expect("Saint Petersburg");
        assert_eq!(a, b);
        assert_eq!(a.country_code, "RU");
    }

    #[test]
    fn washington_and_new_york_are_the_cities() {
        let washington = first(&["Washington"]).expect("Washington");
        assert_eq!(
            (washington.country_code, washington.kind),
            ("US", PlaceKind::City)
        );
        assert!((washington.lat - 38.9).abs() < 0.2, "DC, not the state");
        let new_york = first(&["New York"]).expect("New York");
        assert_eq!(
            (new_york.name, new_york.kind),
            ("New York City", PlaceKind::City)
        );
        let state = first(&["New York State"]).expect("the state");
        assert_eq!(state.kind, PlaceKind::Region);
    }

    #[test]
    fn states_provinces_and_lander_are_regions() {
        for (name, code) in [
            ("Texas", "US"),
            ("Ontario", "CA"),
            ("New South Wales", "AU"),
            ("Bavaria", "DE"),
            ("Maharashtra", "IN"),
            ("Guangdong", "CN"),
            ("Guangdong province", "CN"),
            ("Donetsk Oblast", "UA"),
            ("Crimea", "UA"),
            ("Belgorod region", "RU"),
            ("Scotland", "GB"),
        ] {
            let place = assert_alone_is(name, code, PlaceKind::Region);
            assert_eq!(place.geonames_id, None, "{name}");
        }
    }

    #[test]
    fn capitals_are_favoured() {
        assert_eq!(in_country(&["Tripoli"]), Some("LY"));
        assert_eq!(in_country(&["Tripoli", "Lebanon"]), Some("LB"));
    }

    #[test]
    fn demonyms_resolve_to_their_country_singular_plural_and_two_word() {
        let resolution = run(
            &[],
            &["Russian", "Ukrainians", "North Korean", "Britons", "Kiwi"],
        );
        let codes: Vec<Option<&str>> = resolution
            .misc
            .iter()
            .map(|p| p.map(|p| p.country_code))
            .collect();
        assert_eq!(
            codes,
            [Some("RU"), Some("UA"), Some("KP"), Some("GB"), None]
        );
        assert_eq!(resolution.misc[0].map(|p| p.kind), Some(PlaceKind::Country));
    }

    #[test]
    fn a_demonym_tips_an_ambiguous_city() {
        assert_eq!(in_country(&["Victoria", "Melbourne"]), Some("AU"));
        let resolution = run(&["Victoria"], &["Canadian"]);
        assert_eq!(resolution.locations[0].map(|p| p.country_code), Some("CA"));
    }

    #[test]
    fn punjab_follows_its_neighbours() {
        assert_eq!(in_country(&["Punjab", "Lahore"]), Some("PK"));
        assert_eq!(in_country(&["Punjab", "Amritsar"]), Some("IN"));
    }

    #[test]
    fn the_dateline_resolves_and_counts_as_evidence() {
        let locations = [Named {
            name: "Georgia",
            mentions: 3,
        }];
        let resolution = resolve(
            g(),
            &PlaceNames {
                locations: &locations,
                misc: &[],
                dateline: Some("ATLANTA"),
            },
        );
        assert_eq!(resolution.dateline.map(|p| p.name), Some("Atlanta"));
        assert_eq!(
            resolution.locations[0].map(|p| (p.country_code, p.kind)),
            Some(("US", PlaceKind::Region))
        );
    }

    #[test]
    fn unknown_names_are_none() {
        let resolution = run(
            &["Xyzzyvillequux", "Narnia Prime"],
            &["Klingon", "COVID-19"],
        );
        assert_eq!(resolution.locations, [None, None]);
        assert_eq!(resolution.misc, [None, None]);
    }

    #[test]
    fn empty_punctuation_and_very_long_names_are_none() {
        let long = "Paris ".repeat(10_000);
        let names = ["", "   ", "...", "—", ",", "(", "()", ", ,", long.as_str()];
        let resolution = run(&names, &names);
        assert!(
            resolution.locations.iter().all(Option::is_none),
            "{:?}",
            resolution.locations
        );
        assert!(resolution.misc.iter().all(Option::is_none));
    }

    #[test]
    fn one_answer_per_input_in_input_order() {
        let resolution = run(&["Kursk", "Nowhereqq", "France"], &[]);
        let codes: Vec<_> = resolution
            .locations
            .iter()
            .map(|p| p.map(|p| p.country_code))
            .collect();
        assert_eq!(codes, [Some("RU"), None, Some("FR")]);
        assert_eq!(resolution.dateline, None);
    }

    #[test]
    fn every_country_alias_names_its_country_and_no_other() {
        for (code, aliases) in crate::geo::aliases::COUNTRY_ALIASES {
            for alias in *aliases {
                let countries: Vec<&str> = g()
                    .lookup(alias)
                    .filter(|c| c.entry.kind == PlaceKind::Country)
                    .map(|c| c.entry.country_code)
                    .collect();
                assert_eq!(countries, [*code], "{alias}");
            }
        }
    }

    #[test]
    fn every_region_of_the_table_is_found_by_its_names() {
        for region in crate::geo::regions::REGIONS {
            if region.names[0] == "Nunavut" {
                // No city of 15,000 people, so not in the gazetteer.
                continue;
            }
            for name in region.names {
                let found = g().lookup(name).any(|c| {
                    c.entry.kind == PlaceKind::Region
                        && c.entry.country_code == region.country
                        && c.entry.admin1 == region.admin1
                });
                assert!(found, "{} {name}", region.country);
            }
        }
    }

    /// The place `name` alone resolves to in an article of `language`.
    fn alone_in(name: &str, language: &str) -> Option<Place<'static>> {
        let locations = [Named { name, mentions: 1 }];
        resolve_in(
            g(),
            &PlaceNames {
                locations: &locations,
                ..PlaceNames::default()
            },
            Some(language),
        )
        .locations[0]
    }

    #[test]
    fn germany_is_found_by_its_name_in_every_language() {
        for (language, name) in [
            ("de", "Deutschland"),
            ("fr", "Allemagne"),
            ("es", "Alemania"),
            ("it", "Germania"),
            ("nl", "Duitsland"),
            ("pl", "Niemcy"),
            ("pt", "Alemanha"),
            ("ru", "Германия"),
        ] {
            let place = alone_in(name, language).unwrap_or_else(|| panic!("{name}"));
            assert_eq!(
                (place.country_code, place.kind),
                ("DE", PlaceKind::Country),
                "{name}"
            );
            assert_eq!(
                g().country_code_in(name, Some(language)),
                Some("DE"),
                "{name}"
            );
        }
    }

    #[test]
    fn local_short_forms_name_their_country() {
        for (language, name, code) in [
            ("de", "Russland", "RU"),
            ("de", "Großbritannien", "GB"),
            ("de", "USA", "US"),
            ("es", "EE.UU.", "US"),
            ("es", "EE. UU.", "US"),
            ("es", "Estados Unidos", "US"),
            ("fr", "États-Unis", "US"),
            ("fr", "Royaume-Uni", "GB"),
            ("it", "Stati Uniti", "US"),
            ("nl", "VS", "US"),
            ("pl", "Rosja", "RU"),
            ("pl", "Stany Zjednoczone", "US"),
            ("pt", "EUA", "US"),
            ("ru", "Россия", "RU"),
            ("ru", "США", "US"),
            ("ru", "Южная Корея", "KR"),
            ("ru", "Белоруссия", "BY"),
        ] {
            let place = alone_in(name, language).unwrap_or_else(|| panic!("{name}"));
            assert_eq!(
                (place.country_code, place.kind),
                (code, PlaceKind::Country),
                "{name}"
            );
        }
    }

    #[test]
    fn local_names_do_not_count_in_english_or_another_language() {
        for name in [
            "Allemagne",
            "Alemania",
            "Duitsland",
            "Niemcy",
            "Германия",
            "Estados Unidos",
        ] {
            assert_eq!(first(&[name]).map(|p| p.kind), None, "{name}");
            assert_eq!(country_code_of(name), None, "{name}");
        }
        assert_eq!(alone_in("Allemagne", "de"), None);
        assert_eq!(alone_in("Niemcy", "ru"), None);
    }

    #[test]
    fn a_local_country_name_that_is_a_city_name_stays_the_city() {
        // Grenada is "Granada" in Spanish; the Spanish city keeps its name.
        let place = alone_in("Granada", "es").expect("Granada");
        assert_eq!((place.country_code, place.kind), ("ES", PlaceKind::City));
        assert_eq!(g().country_code_in("Granada", Some("es")), None);
        // A country bigger than the city of its name keeps the name.
        for (language, name, code) in [
            ("pt", "França", "FR"),
            ("es", "Líbano", "LB"),
            ("pl", "Włochy", "IT"),
        ] {
            let place = alone_in(name, language).unwrap_or_else(|| panic!("{name}"));
            assert_eq!(
                (place.country_code, place.kind),
                (code, PlaceKind::Country),
                "{name}"
            );
        }
    }

    #[test]
    fn cities_are_found_by_their_cyrillic_and_local_names() {
        let kursk = alone_in("Курск", "ru").expect("Курск");
        assert_eq!(
            (kursk.country_code, kursk.geonames_id),
            ("RU", Some(538560))
        );
        for (language, name) in [
            ("ru", "Москва"),
            ("de", "Moskau"),
            ("fr", "Moscou"),
            ("pl", "Moskwa"),
        ] {
            let place = alone_in(name, language).unwrap_or_else(|| panic!("{name}"));
            assert_eq!((place.name, place.country_code), ("Moscow", "RU"), "{name}");
        }
        let warsaw = alone_in("Warszawa", "pl").expect("Warszawa");
        assert_eq!(warsaw.country_code, "PL");
    }

    #[test]
    fn inflected_russian_places_resolve_by_their_base_form() {
        for name in ["Курске", "Курска", "Курску", "Курском"] {
            let place = alone_in(name, "ru").unwrap_or_else(|| panic!("{name}"));
            assert_eq!(place.geonames_id, Some(538560), "{name}");
        }
        for name in ["Германии", "Германию", "Германией"] {
            let place = alone_in(name, "ru").unwrap_or_else(|| panic!("{name}"));
            assert_eq!(
                (place.country_code, place.kind),
                ("DE", PlaceKind::Country),
                "{name}"
            );
            assert_eq!(g().country_code_in(name, Some("ru")), Some("DE"), "{name}");
        }
        for name in [
            "Москве",
            "Москвы",
            "Москву",
            "Санкт-Петербурге",
            "Соединённых Штатах",
        ] {
            let place = alone_in(name, "ru").unwrap_or_else(|| panic!("{name}"));
            assert!(
                ["RU", "US"].contains(&place.country_code),
                "{name}: {place:?}"
            );
        }
        assert_eq!(alone_in("Москве", "ru").map(|p| p.name), Some("Moscow"));
    }

    #[test]
    fn inflected_polish_and_german_places_resolve_by_their_base_form() {
        for (name, expected) in [
            ("Warszawie", "Warsaw"),
            ("Warszawy", "Warsaw"),
            ("Krakowie", "Kraków"),
            ("Gdańsku", "Gdańsk"),
        ] {
            let place = alone_in(name, "pl").unwrap_or_else(|| panic!("{name}"));
            assert_eq!((place.name, place.country_code), (expected, "PL"), "{name}");
        }
        for name in ["Niemczech", "Niemiec", "Niemcom"] {
            assert_eq!(g().country_code_in(name, Some("pl")), Some("DE"), "{name}");
        }
        assert_eq!(g().country_code_in("Polsce", Some("pl")), Some("PL"));
        assert_eq!(g().country_code_in("Russlands", Some("de")), Some("RU"));
        assert_eq!(alone_in("Moskaus", "de").map(|p| p.name), Some("Moscow"));
        assert_eq!(g().country_code_in("Niederlanden", Some("de")), Some("NL"));
    }

    #[test]
    fn english_names_are_not_inflected() {
        assert_eq!(first(&["Kursks"]), None);
        assert_eq!(country_code_of("Russlands"), None);
        // A name that resolves as written is never taken for a case.
        assert_eq!(alone_in("Paris", "de").map(|p| p.country_code), Some("FR"));
    }

    #[test]
    fn english_resolution_is_the_same_with_or_without_the_language() {
        let locations: Vec<Named> = ["Paris", "Texas", "Georgia", "Kursk", "Lebanon", "Granada"]
            .iter()
            .map(|name| Named { name, mentions: 1 })
            .collect();
        let misc = [Named {
            name: "Russian",
            mentions: 2,
        }];
        let article = PlaceNames {
            locations: &locations,
            misc: &misc,
            dateline: Some("MOSCOW"),
        };
        let english = resolve(g(), &article);
        assert_eq!(resolve_in(g(), &article, None), english);
        assert_eq!(resolve_in(g(), &article, Some("en")), english);
        assert_eq!(english.locations[5].map(|p| p.country_code), Some("ES"));
    }

    #[test]
    fn country_code_of_joins_the_names_of_one_country() {
        assert_eq!(country_code_of("DPRK"), Some("KP"));
        assert_eq!(country_code_of("North Korea"), Some("KP"));
        assert_eq!(country_code_of("the U.S."), Some("US"));
        assert_eq!(country_code_of("United States"), Some("US"));
        for not_a_country in ["Paris", "Texas", "Russian", "", "Kursk"] {
            assert_eq!(country_code_of(not_a_country), None, "{not_a_country}");
        }
    }
}
