//! Grouping: the tagger's mentions in, one [`Entity`] per referent out, with its canonical name and salience, most salient first.
//!
//! The steps, each linear or n log n in the number of mentions:
//! 1. clean each span (clean.rs): leading offices and honorifics off PERSON
//!    mentions ("Secretary General Mark Rutte" is "Mark Rutte"; regnal and
//!    papal styles such as "Pope Francis" stay, see titles.rs), possessives
//!    off ("Putin's", "NATO’s", "Jesus'"), surrounding quotes and
//!    punctuation off (initials keep their dots); spans out of range, longer
//!    than 200 code points, without a letter or a stop word ("The", "He")
//!    are dropped. Of overlapping mentions the one starting first (the
//!    longer of two starting together) is kept;
//! 2. gather mentions into forms (forms.rs) by a normalised key (keys.rs:
//!    case, diacritics, dots, possessives and a leading "the" aside) and the
//!    type the tagger gave them, so "Washington" tagged LOC twice and PER
//!    once is a LOCATION of two mentions and a PERSON of one: grouping never
//!    overrules the tagger, which read the context (a majority vote cost
//!    0.66 F1 on the product path, 5-fold cross-validation over eng.train);
//! 3. join forms of one type: LOCATION forms that `country_key` maps to one
//!    country ("DPRK", "North Korea"); acronyms and their expansions
//!    (acronyms.rs);
//!    PERSON short forms and the full names that contain them (persons.rs;
//!    an ambiguous short form's mentions each join the nearest full name
//!    before them, or stay apart);
//!    in Russian, Polish and German, a LOCATION form whose base form
//!    ([`crate::geo::inflect`]) is another LOCATION form of the article
//!    ("Курске" and "Курск", "Warszawy" and "Warszawa", "Russlands" and
//!    "Russland"), and in Polish and Russian a PERSON form that is a case of
//!    a fuller one ("Tuska", "Путиным"; surnames.rs);
//! 4. name each entity by its fullest form that is not a declined case of
//!    another: the most words, then the most letters, then the most
//!    mentions, then the earliest; its type is its forms' type;
//! 5. score salience ([`super::salience`]) and sort: salience descending,
//!    then first mention.
//!
//! The language ([`group_in`]) changes only what the steps above say of it;
//! English (`None`) groups as it always did.

use rustc_hash::{FxHashMap, FxHashSet};
use std::cmp::{Ordering, Reverse};

use super::clean::{Cleaned, clean};
use super::disjoint::DisjointSets;
use super::forms::{self, Form};
use super::keys::name_key;
use super::salience::{TitleNames, salience};
use super::{Entity, EntityType, Mention, RawMention, acronyms, persons};
use crate::geo::inflect;

/// The entities named in `text` by the tagger's `mentions` (code-point
/// offsets, any order), most salient first, ties in order of first mention.
///
/// `title` is the article's title (not part of `text`), used for salience
/// only. `country_key` maps a country's name or alias to one key per
/// country (the gazetteer's ISO code), so that every name of a country
/// groups as one LOCATION. Place fields are left empty for the resolver.
pub fn group(
    text: &str,
    title: Option<&str>,
    mentions: &[RawMention],
    country_key: &dyn Fn(&str) -> Option<&'static str>,
) -> Vec<Entity> {
    group_in(text, title, mentions, country_key, None)
}

/// [`group()`] for an article in `language` (ISO 639-1; `None` or "en" is
/// English): that language's titles, and in Russian, Polish and German its
/// declined names, as the module docs say.
pub fn group_in(
    text: &str,
    title: Option<&str>,
    mentions: &[RawMention],
    country_key: &dyn Fn(&str) -> Option<&'static str>,
    language: Option<&str>,
) -> Vec<Entity> {
    let chars: Vec<char> = text.chars().collect();
    let mentions = cleaned_mentions(&chars, mentions, language);
    let (forms, form_of) = forms::build(&chars, &mentions);
    let mut sets = DisjointSets::new(forms.len());
    let mut declined = vec![false; forms.len()];
    join_countries(&forms, country_key, &mut sets);
    join_declined_places(&forms, language, &mut sets, &mut declined);
    acronyms::join(&chars, &mentions, &forms, &form_of, &mut sets);
    let placed = persons::join(&forms, &mentions, language, &mut sets, &mut declined);

    let mut members: Vec<Vec<usize>> = Vec::new();
    let mut entity_of_root: FxHashMap<usize, usize> = FxHashMap::default();
    for (m, form) in form_of.iter().enumerate() {
        let Some(form) = *form else { continue };
        let root = sets.find(placed[m].unwrap_or(form));
        let next = members.len();
        let entity = *entity_of_root.entry(root).or_insert(next);
        if entity == next {
            members.push(Vec::new());
        }
        members[entity].push(m);
    }
    let title_names = title.map(TitleNames::new);
    let mut entities: Vec<Entity> = members
        .iter()
        .map(|ms| {
            entity(
                &chars,
                &mentions,
                &forms,
                &form_of,
                &declined,
                ms,
                title_names.as_ref(),
            )
        })
        .collect();
    entities.sort_by(most_salient_first);
    entities
}

/// The output order: salience descending, then first mention ascending.
fn most_salient_first(a: &Entity, b: &Entity) -> Ordering {
    let first = |e: &Entity| e.mentions.first().map_or(usize::MAX, |m| m.start);
    b.salience
        .total_cmp(&a.salience)
        .then(first(a).cmp(&first(b)))
}

/// The cleaned mentions in text order, without overlaps: of mentions that
/// overlap, the one starting first (the longer of two starting together)
/// is kept.
fn cleaned_mentions(chars: &[char], raw: &[RawMention], language: Option<&str>) -> Vec<Cleaned> {
    let mut all = Vec::with_capacity(raw.len());
    for mention in raw {
        clean(chars, mention, language, &mut all);
    }
    all.sort_by_key(|m| (m.start, Reverse(m.end)));
    let mut kept: Vec<Cleaned> = Vec::with_capacity(all.len());
    for mention in all {
        if kept.last().is_none_or(|last| mention.start >= last.end) {
            kept.push(mention);
        }
    }
    kept
}

/// Joins the LOCATION forms that `country_key` maps to the same country.
fn join_countries(
    forms: &[Form],
    country_key: &dyn Fn(&str) -> Option<&'static str>,
    sets: &mut DisjointSets,
) {
    let mut first_of_country: FxHashMap<&'static str, usize> = FxHashMap::default();
    for (id, form) in forms.iter().enumerate() {
        if form.kind != EntityType::Location {
            continue;
        }
        if let Some(country) = country_key(&form.surface) {
            let first = *first_of_country.entry(country).or_insert(id);
            sets.union(first, id);
        }
    }
}

/// Joins each LOCATION form to the LOCATION form of the article that is
/// one of its base forms in `language` ("Курске" to "Курск"), and marks it
/// as `declined`; nothing in a language without rules.
fn join_declined_places(
    forms: &[Form],
    language: Option<&str>,
    sets: &mut DisjointSets,
    declined: &mut [bool],
) {
    let places: FxHashMap<&str, usize> = forms
        .iter()
        .enumerate()
        .filter(|(_, f)| f.kind == EntityType::Location)
        .map(|(id, f)| (f.key.as_str(), id))
        .collect();
    if places.len() < 2 {
        return;
    }
    for (id, form) in forms.iter().enumerate() {
        if form.kind != EntityType::Location {
            continue;
        }
        let base = inflect::base_forms(&form.surface, language)
            .iter()
            .find_map(|base| {
                places
                    .get(name_key(base).as_str())
                    .copied()
                    .filter(|&base| base != id)
            });
        if let Some(base) = base {
            sets.union(base, id);
            declined[id] = true;
        }
    }
}

/// The entity made of the mentions `members` (indices, in text order).
fn entity(
    chars: &[char],
    mentions: &[Cleaned],
    forms: &[Form],
    form_of: &[Option<usize>],
    declined: &[bool],
    members: &[usize],
    title: Option<&TitleNames>,
) -> Entity {
    let form_ids: Vec<usize> = {
        let mut seen = FxHashSet::default();
        members
            .iter()
            .filter_map(|&m| form_of[m])
            .filter(|&f| seen.insert(f))
            .collect()
    };
    let canonical = *form_ids
        .iter()
        .max_by_key(|&&f| {
            let form = &forms[f];
            (
                !declined[f],
                form.tokens.len(),
                form.surface.chars().count(),
                form.mentions.len(),
                Reverse(form.first()),
            )
        })
        .expect("an entity has at least one mention");
    // Every join is between forms of one type, so the canonical form's is the entity's.
    let kind = forms[canonical].kind;
    let in_title = title.map(|names| form_ids.iter().any(|&f| names.contains(&forms[f].key)));
    let first = mentions[members[0]].start;
    Entity {
        name: forms[canonical].surface.clone(),
        kind,
        mentions: members
            .iter()
            .map(|&m| Mention {
                start: mentions[m].start,
                end: mentions[m].end,
                text: chars[mentions[m].start..mentions[m].end].iter().collect(),
            })
            .collect(),
        salience: salience(members.len(), first, chars.len(), in_title),
        country_code: None,
        geonames_id: None,
        lat: None,
        lon: None,
    }
}

#[cfg(test)]
#[path = "group_tests.rs"]
mod tests;
