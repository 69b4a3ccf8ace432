//! Named entities: the types every entity stage shares, from the tagger's labels to the output's entities with their mentions.
//!
//! The tagger ([`crate::ner`]) finds mentions, grouping ([`group()`], its
//! rules in [`mod@group`]) joins the mentions of one referent
//! into one [`Entity`] and scores its salience, and
//! the gazetteer ([`crate::geo`]) puts places on the map.

use serde::Serialize;

mod acronyms;
mod clean;
mod disjoint;
mod forms;
pub mod group;
pub mod keys;
mod local_titles;
mod module;
mod persons;
pub mod salience;
mod surnames;
mod titles;

pub use module::EntitiesModule;

pub use group::{group, group_in};

/// What kind of thing an entity is, as the output contract names the types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum EntityType {
    Person,
    Organization,
    Location,
    Misc,
}

impl EntityType {
    /// All four types, in CoNLL's order.
    pub const ALL: [EntityType; 4] = [
        EntityType::Person,
        EntityType::Organization,
        EntityType::Location,
        EntityType::Misc,
    ];

    /// The type for a CoNLL-2003 label suffix (`PER`, `ORG`, `LOC`, `MISC`).
    pub fn from_conll(label: &str) -> Option<Self> {
        match label {
            "PER" => Some(EntityType::Person),
            "ORG" => Some(EntityType::Organization),
            "LOC" => Some(EntityType::Location),
            "MISC" => Some(EntityType::Misc),
            _ => None,
        }
    }

    /// The CoNLL-2003 label suffix for this type.
    pub fn conll(self) -> &'static str {
        match self {
            EntityType::Person => "PER",
            EntityType::Organization => "ORG",
            EntityType::Location => "LOC",
            EntityType::Misc => "MISC",
        }
    }
}

/// A span as the tagger found it, before [`group()`] trims titles,
/// possessives and punctuation from it and joins it to the others.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RawMention {
    /// Code-point offset of the first character in the article text.
    pub start: usize,
    /// Code-point offset one past the last character.
    pub end: usize,
    pub kind: EntityType,
}

/// One place in `article.text` where an entity is named.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Mention {
    /// Code-point offset of the first character.
    pub start: usize,
    /// Code-point offset one past the last character.
    pub end: usize,
    /// The mention as written: `article.text[start..end]` in code points.
    pub text: String,
}

/// One distinct referent with all its mentions, as the output lists it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Entity {
    /// The canonical name: the fullest form met in the article.
    pub name: String,
    #[serde(rename = "type")]
    pub kind: EntityType,
    /// Every mention, in text order.
    pub mentions: Vec<Mention>,
    /// How central the entity is to the article, in [0, 1].
    pub salience: f64,
    /// ISO 3166-1 alpha-2 code of a resolved place (or of a demonym's country).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country_code: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub geonames_id: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lat: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lon: Option<f64>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_serialise_as_the_contract_names_them() {
        let names: Vec<String> = EntityType::ALL
            .iter()
            .map(|t| serde_json::to_string(t).unwrap())
            .collect();
        assert_eq!(
            names,
            [
                r#""PERSON""#,
                r#""ORGANIZATION""#,
                r#""LOCATION""#,
                r#""MISC""#
            ]
        );
    }

    #[test]
    fn conll_labels_round_trip() {
        for t in EntityType::ALL {
            assert_eq!(EntityType::from_conll(t.conll()), Some(t));
        }
        assert_eq!(EntityType::from_conll("O"), None);
    }
}
