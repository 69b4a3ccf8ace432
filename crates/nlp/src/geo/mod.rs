//! Places on the map: a compact gazetteer built from GeoNames, and the resolver that turns an article's place names into countries, regions and cities.
//!
//! [`build`] writes `models/gazetteer.bin` from the GeoNames extracts, the
//! CLDR country names of other languages and the hand-written tables
//! ([`aliases`], [`local_names`], [`regions`]); [`Gazetteer::embedded`]
//! reads the copy compiled into the binary; [`resolve`] weighs each name's
//! candidates against the other places and nationalities ([`demonyms`]) the
//! article mentions, in an article of another language also by that
//! language's names and, for Russian, Polish and German, by the base forms
//! of inflected names ([`inflect`]).

pub mod aliases;
#[cfg(feature = "train")]
pub mod build;
pub mod demonyms;
pub mod gazetteer;
pub mod inflect;
pub mod key;
pub mod local_names;
pub mod regions;
pub mod resolve;

pub use demonyms::demonym_country;
pub use gazetteer::{Candidate, Country, Entry, Gazetteer, GazetteerError, NameKind};
pub use key::key;
pub use resolve::{Named, PlaceNames, Resolution, country_code_of, resolve, resolve_in};

use serde::Serialize;

/// What kind of place a name resolved to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PlaceKind {
    Country,
    /// A first-order administrative region: a US state, a Russian oblast.
    Region,
    City,
}

/// A resolved place, borrowed from the gazetteer it came from.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Place<'g> {
    /// ISO 3166-1 alpha-2.
    pub country_code: &'g str,
    /// GeoNames id of the country or city; `None` for regions, whose ids the
    /// GeoNames extract does not carry.
    pub geonames_id: Option<u32>,
    /// For a city its own coordinates; for a country or region the
    /// population-weighted centroid of its cities in the data.
    pub lat: f64,
    pub lon: f64,
    pub kind: PlaceKind,
    /// The gazetteer's name for the place ("Kyiv" for a query "Kiev").
    pub name: &'g str,
}
